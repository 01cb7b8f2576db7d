// Drives the real main window under the offscreen platform: open the demo workspace,
// filter the tree, select a target, check Details and Problems, quick-open, reload after
// an edit, stay responsive (and cancellable) while a large workspace loads.
#include "uitestsupport.h"

#include "ui/mainwindow.h"
#include "ui/models/problemsmodel.h"
#include "ui/models/targetfilterproxymodel.h"
#include "ui/models/targettreemodel.h"
#include "ui/views/codeeditor.h"
#include "ui/views/detailspanel.h"
#include "ui/views/problemsview.h"
#include "ui/views/quickopendialog.h"
#include "ui/views/sourceviewer.h"
#include "ui/views/targetbrowser.h"
#include "ui/workspacecontroller.h"

#include "core/demo/demoworkspace.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QListView>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>

#include <memory>

using namespace trellis;
using namespace trellis::ui;

class MainWindowTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void testOpenDemoWorkspace();
    void testFilterTree_data();
    void testFilterTree();
    void testTypeFilter();
    void testSelectTargetShowsDetails();
    void testDetailsLinkSelectsTarget();
    void testProblemsOpenFileAtLine();
    void testQuickOpen();
    void testReloadAfterFileEdit();
    void testStaysResponsiveWhileLoading();
    void testCancelLoading();

private:
    /// Visible target addresses in the browser (depth-first).
    QStringList visibleAddresses() const;
    int targetIndex(const QString &address) const;
    /// The window's action bound to `key` (standard shortcuts are part of the contract).
    QAction *actionWithShortcut(const QKeySequence &key) const;
    bool waitForSnapshot(int timeoutMs = 120000);

    QTemporaryDir m_home;
    QString m_demo;
    std::unique_ptr<MainWindow> m_window;
};

void MainWindowTest::initTestCase()
{
    QVERIFY(m_home.isValid());
    testing::isolateUserDirectories(m_home.path());
    auto demo = demo::materializeDemo(QDir(m_home.path()).filePath(QStringLiteral("orchard")).toStdString(), true);
    QVERIFY2(demo.ok(), demo.diagnostics().empty() ? "" : demo.diagnostics().front().format().c_str());
    m_demo = QString::fromStdString(*demo);
    m_window = std::make_unique<MainWindow>();
    m_window->controller()->setReloadDelay(100);
    m_window->show();
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void MainWindowTest::cleanupTestCase() { m_window.reset(); }

bool MainWindowTest::waitForSnapshot(int timeoutMs)
{
    QSignalSpy spy(m_window.get(), &MainWindow::snapshotShown);
    return spy.wait(timeoutMs);
}

QStringList MainWindowTest::visibleAddresses() const
{
    QStringList out;
    QAbstractItemModel *model = m_window->targetBrowser()->view()->model();
    std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int r = 0; r < model->rowCount(parent); ++r) {
            const QModelIndex i = model->index(r, 0, parent);
            if (i.data(TargetTreeModel::TargetIndexRole).toInt() >= 0)
                out << i.data(TargetTreeModel::AddressRole).toString();
            walk(i);
        }
    };
    walk({});
    return out;
}

int MainWindowTest::targetIndex(const QString &address) const
{
    auto parsed = workspace::Address::parse(address.toStdString());
    return parsed ? m_window->controller()->snapshot()->workspace->indexOf(*parsed) : -1;
}

QAction *MainWindowTest::actionWithShortcut(const QKeySequence &key) const
{
    for (QAction *action : m_window->findChildren<QAction *>()) {
        if (action->shortcuts().contains(key))
            return action;
    }
    return nullptr;
}

void MainWindowTest::testOpenDemoWorkspace()
{
    m_window->openWorkspace(m_demo);
    QVERIFY(waitForSnapshot());
    const SnapshotPtr snapshot = m_window->controller()->snapshot();
    QVERIFY(snapshot);
    QVERIFY(snapshot->targetCount() > 10);
    QVERIFY(snapshot->graph);
    QCOMPARE(m_window->windowTitle(), QStringLiteral("orchard — Trellis"));
    QVERIFY(m_window->targetBrowser()->view()->model()->rowCount() > 0);
    QVERIFY(visibleAddresses().contains(QStringLiteral("src/orchard/common/types.py")));
    // pants.toml opens so the centre is not empty.
    QVERIFY(m_window->currentSourceViewer());
    QCOMPARE(m_window->currentSourceViewer()->displayPath(), QStringLiteral("pants.toml"));
}

void MainWindowTest::testFilterTree_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("mustStartWith");
    QTest::addColumn<QString>("mustContain");
    QTest::addColumn<QString>("mustNotContain");
    QTest::newRow("recursive spec") << "src/orchard/common::" << "src/orchard/common" << "src/orchard/common/types.py" << "src/orchard/api/app.py";
    QTest::newRow("spec with exclusion") << "src/orchard:: !src/orchard/common::" << "src/orchard" << "src/orchard/api/app.py" << "src/orchard/common/types.py";
    QTest::newRow("free text") << "scheduler" << "" << "src/orchard/scheduler/BUILD" << "src/orchard/common/types.py";
}

void MainWindowTest::testFilterTree()
{
    QFETCH(QString, filter);
    QFETCH(QString, mustStartWith);
    QFETCH(QString, mustContain);
    QFETCH(QString, mustNotContain);
    TargetBrowser *browser = m_window->targetBrowser();
    QLineEdit *edit = browser->findChild<QLineEdit *>();
    QVERIFY(edit);
    edit->clear();
    QTest::keyClicks(edit, filter);
    QTest::keyClick(edit, Qt::Key_Return);
    const QStringList shown = visibleAddresses();
    QVERIFY2(!shown.isEmpty(), qPrintable(browser->proxy()->specError()));
    QVERIFY(browser->proxy()->specError().isEmpty());
    for (const QString &a : shown)
        QVERIFY2(a.startsWith(mustStartWith), qPrintable(a));
    const auto has = [&](const QString &prefix) {
        return std::any_of(shown.begin(), shown.end(), [&](const QString &a) { return a.startsWith(prefix); });
    };
    QVERIFY2(has(mustContain.section(QLatin1Char('/'), 0, -2)), qPrintable(shown.join(QLatin1Char(' '))));
    QVERIFY(!shown.contains(mustNotContain));
    QCOMPARE(browser->proxy()->matchingTargetCount(), shown.size());
    browser->setFilterLine(QString());
    QCOMPARE(visibleAddresses().size(), m_window->controller()->snapshot()->targetCount());
}

void MainWindowTest::testTypeFilter()
{
    TargetBrowser *browser = m_window->targetBrowser();
    browser->setTypeFilter(QStringLiteral("python_test"));
    const QStringList shown = visibleAddresses();
    QVERIFY(!shown.isEmpty());
    const SnapshotPtr s = m_window->controller()->snapshot();
    int tests = 0;
    for (const workspace::Target &t : s->workspace->targets())
        tests += t.type == "python_test";
    QCOMPARE(browser->proxy()->matchingTargetCount(), tests);
    // Generators stay visible as the parents of matching targets; everything else matches.
    for (const QString &a : shown) {
        const workspace::Target &t = s->target(targetIndex(a));
        QVERIFY2(t.type == "python_test" || t.isGenerator, qPrintable(a));
    }
    browser->setTypeFilter(QString());
    QCOMPARE(visibleAddresses().size(), s->targetCount());
}

void MainWindowTest::testSelectTargetShowsDetails()
{
    const int api = targetIndex(QStringLiteral("src/orchard/api/app.py"));
    QVERIFY(api >= 0);
    QVERIFY(m_window->selectTarget(api));
    QCOMPARE(m_window->targetBrowser()->currentTarget(), api);
    DetailsPanel *details = m_window->detailsPanel();
    QCOMPARE(details->currentTarget(), api);
    const QString text = details->plainText();
    QVERIFY2(text.contains(QStringLiteral("src/orchard/api/app.py")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("python_source")));
    QVERIFY(text.contains(QStringLiteral("Dependencies (")));
    QVERIFY(text.contains(QStringLiteral("Dependents (")));
    // app.py imports from orchard.common: the edge shows the import as its reason.
    QVERIFY2(text.contains(QStringLiteral("import")) && text.contains(QStringLiteral("orchard.common")), qPrintable(text));

    details->setTransitive(true);
    QVERIFY(details->plainText().contains(QStringLiteral("Transitive dependencies (")));
    details->setTransitive(false);
}

void MainWindowTest::testDetailsLinkSelectsTarget()
{
    const int api = targetIndex(QStringLiteral("src/orchard/api/app.py"));
    QVERIFY(m_window->selectTarget(api));
    const graph::TargetGraph &g = *m_window->controller()->snapshot()->graph;
    QVERIFY(!g.dependencies(api).empty());
    const int dep = g.dependencies(api).front();
    // The link signal drives the same path as a click on the address.
    Q_EMIT m_window->detailsPanel()->targetActivated(dep);
    QCOMPARE(m_window->targetBrowser()->currentTarget(), dep);
    QCOMPARE(m_window->detailsPanel()->currentTarget(), dep);
}

void MainWindowTest::testProblemsOpenFileAtLine()
{
    // The demo is clean: add a BUILD file with a misspelled target type, reload, and the
    // error must be listed with its position and open the file at that line.
    QSignalSpy loaded(m_window.get(), &MainWindow::snapshotShown);
    QVERIFY(testing::writeFile(m_demo, QStringLiteral("src/orchard/broken/BUILD"), "\n\npyton_sources()\n"));
    m_window->controller()->reload();
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() > 0 && m_window->problemsView()->model()->rowCount() > 0, 60000);
    ProblemsView *problems = m_window->problemsView();
    const ProblemsModel *model = problems->model();
    const base::Diagnostics all = m_window->controller()->snapshot()->allDiagnostics();
    QVERIFY(model->problemCount() >= int(all.size())); // causes and their knock-ons
    QTreeView *view = problems->view();
    int row = -1;
    for (int r = 0; r < view->model()->rowCount(); ++r) {
        if (view->model()->index(r, 0).data(ProblemsModel::LineRole).toInt() > 0) {
            row = r;
            break;
        }
    }
    QVERIFY(row >= 0);
    const QModelIndex index = view->model()->index(row, 0);
    const QString file = index.data(ProblemsModel::FileRole).toString();
    const int line = index.data(ProblemsModel::LineRole).toInt();
    Q_EMIT view->activated(index);
    SourceViewer *viewer = m_window->currentSourceViewer();
    QVERIFY(viewer);
    QCOMPARE(viewer->displayPath(), file);
    QCOMPARE(file, QStringLiteral("src/orchard/broken/BUILD"));
    QCOMPARE(line, 3);
    QCOMPARE(viewer->editor()->markedLine(), line);
    QCOMPARE(viewer->currentLine(), line);
    // Repair it so the later tests see the clean demo again.
    QFile::remove(QDir(m_demo).filePath(QStringLiteral("src/orchard/broken/BUILD")));
    loaded.clear();
    m_window->controller()->reload();
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() > 0 && m_window->problemsView()->model()->rowCount() == 0, 60000);
}

void MainWindowTest::testQuickOpen()
{
    m_window->quickOpenAction()->trigger();
    auto *dialog = m_window->findChild<QuickOpenDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QTest::keyClicks(dialog->queryEdit(), QStringLiteral("schedlpy"));
    QVERIFY(dialog->resultCount() > 0);
    const QString top = dialog->resultView()->currentIndex().data(Qt::DisplayRole).toString();
    QVERIFY2(top.contains(QStringLiteral("scheduler")), qPrintable(top));
    QTest::keyClick(dialog->queryEdit(), Qt::Key_Return);
    QTRY_VERIFY(!m_window->findChild<QuickOpenDialog *>());
    // A file opens in a tab; a target is selected in the browser.
    const SourceViewer *viewer = m_window->currentSourceViewer();
    const bool openedFile = viewer && viewer->displayPath() == top;
    const int target = m_window->targetBrowser()->currentTarget();
    const bool selectedTarget = target >= 0 && QString::fromStdString(m_window->controller()->snapshot()->target(target).address.toString()) == top;
    QVERIFY(openedFile || selectedTarget);
}

void MainWindowTest::testReloadAfterFileEdit()
{
    const int before = m_window->controller()->snapshot()->targetCount();
    const int app = targetIndex(QStringLiteral("src/orchard/api/app.py"));
    QVERIFY(m_window->selectTarget(app));
    // A new BUILD file adds a target; the watcher notices and reloads (debounced).
    QSignalSpy spy(m_window.get(), &MainWindow::snapshotShown);
    QVERIFY(testing::writeFile(m_demo, QStringLiteral("src/orchard/newpkg/BUILD"), "python_sources()\n"));
    QVERIFY(testing::writeFile(m_demo, QStringLiteral("src/orchard/newpkg/__init__.py"), ""));
    QVERIFY(testing::writeFile(m_demo, QStringLiteral("src/orchard/newpkg/fresh.py"), "X = 1\n"));
    QTRY_VERIFY_WITH_TIMEOUT(spy.count() > 0 && m_window->controller()->snapshot()->targetCount() > before, 60000);
    QVERIFY(targetIndex(QStringLiteral("src/orchard/newpkg/fresh.py")) >= 0);
    // Selection survives the reload (by address).
    QCOMPARE(m_window->targetBrowser()->currentTarget(), targetIndex(QStringLiteral("src/orchard/api/app.py")));
    QCOMPARE(m_window->detailsPanel()->currentTarget(), m_window->targetBrowser()->currentTarget());
    // F5 reloads explicitly.
    QAction *reload = actionWithShortcut(QKeySequence(Qt::Key_F5));
    QVERIFY(reload);
    spy.clear();
    reload->trigger();
    QVERIFY(spy.wait(60000));
}

void MainWindowTest::testStaysResponsiveWhileLoading()
{
    QTemporaryDir big;
    QVERIFY(testing::writeLargeWorkspace(big.path(), 400, 8));
    int ticks = 0;
    qint64 longestGap = 0;
    QElapsedTimer sinceTick;
    QTimer timer;
    timer.setInterval(10);
    connect(&timer, &QTimer::timeout, this, [&] {
        if (sinceTick.isValid())
            longestGap = qMax(longestGap, sinceTick.elapsed());
        sinceTick.restart();
        ++ticks;
    });
    QElapsedTimer elapsed;
    elapsed.start();
    timer.start();
    sinceTick.start(); // a stall before the first tick counts too
    m_window->openWorkspace(big.path());
    QVERIFY(m_window->controller()->isLoading()); // open() returned before the load finished
    QVERIFY(waitForSnapshot());
    timer.stop();
    QVERIFY(m_window->controller()->snapshot()->targetCount() > 400 * 8);
    qInfo("loaded %d targets in %lld ms; %d event loop ticks, longest gap %lld ms",
          m_window->controller()->snapshot()->targetCount(), elapsed.elapsed(), ticks, longestGap);
    QVERIFY(ticks >= 3);
    QVERIFY2(longestGap < 1000, qPrintable(QStringLiteral("event loop blocked for %1 ms").arg(longestGap)));
}

void MainWindowTest::testCancelLoading()
{
    // Cancelling a reload keeps the snapshot that was shown.
    m_window->openWorkspace(m_demo);
    QVERIFY(waitForSnapshot());
    const SnapshotPtr before = m_window->controller()->snapshot();
    QSignalSpy cancelled(m_window->controller(), &WorkspaceController::loadCancelled);
    QSignalSpy loaded(m_window->controller(), &WorkspaceController::loaded);
    m_window->controller()->reload();
    QVERIFY(m_window->controller()->isLoading());
    QAction *cancel = actionWithShortcut(QKeySequence(Qt::Key_Escape));
    QVERIFY(cancel && cancel->isEnabled());
    cancel->trigger(); // Esc
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->controller()->isLoading(), 60000);
    if (loaded.count() == 0) {
        QCOMPARE(cancelled.count(), 1);
        QCOMPARE(m_window->controller()->snapshot(), before);
    }

    // Cancelling the first load of a large workspace returns at once to an idle window.
    QTemporaryDir big;
    QVERIFY(testing::writeLargeWorkspace(big.path(), 300, 8));
    cancelled.clear();
    loaded.clear();
    m_window->openWorkspace(big.path());
    QVERIFY(m_window->controller()->isLoading());
    actionWithShortcut(QKeySequence(Qt::Key_Escape))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->controller()->isLoading(), 60000);
    QVERIFY(cancelled.count() + loaded.count() == 1);
}

QTEST_MAIN(MainWindowTest)
#include "mainwindow_test.moc"
