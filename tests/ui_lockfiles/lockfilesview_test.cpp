// The Lockfiles tab on the materialised demo: HEAD~3 against the working tree shows the
// lockfile bump, aiohttp reaches src/orchard/api/app.py, and "Test These" starts a run.
#include "../ui/uitestsupport.h"

#include "ui/lockfiles/lockfilechangemodel.h"
#include "ui/lockfiles/lockfilesview.h"
#include "ui/mainwindow.h"
#include "ui/run/runworkbench.h"
#include "ui/workspacecontroller.h"

#include "core/demo/demoworkspace.h"

#include <QComboBox>
#include <QPushButton>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace trellis;
using namespace trellis::ui;

class LockfilesViewTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testing::isolateUserDirectories(m_home.path()); }

    void testDemoBump()
    {
        QTemporaryDir dir;
        auto path = demo::materializeDemo(QDir(dir.path()).filePath(QStringLiteral("demo")).toStdString(), true);
        QVERIFY(path);
        MainWindow window;
        QSignalSpy shown(&window, &MainWindow::snapshotShown);
        window.openWorkspace(QString::fromStdString(*path));
        QVERIFY(shown.wait(120000));

        LockfilesView *view = window.centreTabs()->findChild<LockfilesView *>();
        QVERIFY(view);
        window.centreTabs()->setCurrentWidget(view);
        QTRY_VERIFY_WITH_TIMEOUT(!view->isComputing(), 60000);

        QSignalSpy ready(view, &LockfilesView::diffReady);
        view->baseCombo()->setEditText(QStringLiteral("HEAD~3"));
        view->headCombo()->setCurrentIndex(view->headCombo()->findData(QString()));
        view->refresh();
        QVERIFY(ready.wait(60000));

        QStringList rows;
        const QAbstractItemModel *m = view->proxy();
        for (int r = 0; r < m->rowCount(); ++r)
            rows << QStringList{m->index(r, LockfileChangeModel::PackageColumn).data(LockfileChangeModel::NameRole).toString(),
                                m->index(r, LockfileChangeModel::FromColumn).data().toString(),
                                m->index(r, LockfileChangeModel::ToColumn).data().toString(),
                                m->index(r, LockfileChangeModel::KindColumn).data().toString()}.join(QLatin1Char(' '));
        QCOMPARE(rows, (QStringList{QStringLiteral("aiohttp 3.13.2 3.13.3 upgraded"), QStringLiteral("pyyaml 6.0.2 6.0.3 upgraded"),
                                    QStringLiteral("structlog  25.5.0 added"), QStringLiteral("six 1.17.0  removed")}));
        QVERIFY(view->rawDiffEdit()->toPlainText().contains(QStringLiteral("+++ b/python.lock")));

        view->table()->setCurrentIndex(m->index(0, 0));
        QVERIFY(view->reachedAddresses().contains(QStringLiteral("src/orchard/api/app.py")));
        QVERIFY(view->testButton()->isEnabled());

        RunController *runs = window.runWorkbench()->controller();
        RunSettings settings;
        settings.jobs = 1;
        settings.python = QStringLiteral("/nonexistent/python");
        runs->setSettings(settings);
        QSignalSpy started(runs, &RunController::runStarted);
        QTest::mouseClick(view->testButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 10000);
        runs->cancel();
        runs->waitForIdle();
    }

private:
    QTemporaryDir m_home;
};

QTEST_MAIN(LockfilesViewTest)
#include "lockfilesview_test.moc"
