// The Changed tab on a git fixture: the rows for a base ref, the same targets as
// `trellis changed`, chains whose steps navigate, "Test These" starting a run of the
// affected test targets, a recomputation after a reload, and both window sizes.
#include "../ui/uitestsupport.h"
#include "../vcs/gitfixture.h"

#include "app/cli/goal.h"
#include "ui/changed/changedmodel.h"
#include "ui/changed/changedview.h"
#include "ui/mainwindow.h"
#include "ui/translations.h"
#include "ui/run/runcontroller.h"
#include "ui/run/runworkbench.h"
#include "ui/views/detailspanel.h"
#include "ui/views/sourceviewer.h"
#include "ui/workspacecontroller.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>

#include <sstream>

using namespace trellis;
using namespace trellis::ui;

namespace {

/// src/b/y.py <- src/a/x.py <- src/c/w.py, src/c/w_test.py (imports) <- src/e/v.py
/// (explicit, BUILD line 2).
void buildRepo(GitFixture &g)
{
    g.write(QStringLiteral("pants.toml"), "[GLOBAL]\npants_version = \"2.32.0\"\n"
                                          "backend_packages = [\"pants.backend.python\"]\n"
                                          "[source]\nroot_patterns = [\"/src\"]\n"
                                          "[python]\ninterpreter_constraints = [\"CPython>=3.8\"]\n"
                                          "[changed]\ndependents = \"transitive\"\n");
    g.write(QStringLiteral("src/a/BUILD"), "python_sources()\n");
    g.write(QStringLiteral("src/a/x.py"), "import b.y\n");
    g.write(QStringLiteral("src/b/BUILD"), "python_sources()\n");
    g.write(QStringLiteral("src/b/y.py"), "Y = 1\n");
    g.write(QStringLiteral("src/b/z.py"), "Z = 1\n");
    g.write(QStringLiteral("src/c/BUILD"), "python_sources()\npython_tests(name=\"tests\")\n");
    g.write(QStringLiteral("src/c/w.py"), "import a.x\n");
    g.write(QStringLiteral("src/c/w_test.py"), "\nfrom a import x\n");
    g.write(QStringLiteral("src/d/BUILD"), "python_sources()\n");
    g.write(QStringLiteral("src/d/old.py"), "OLD = 1\n");
    g.write(QStringLiteral("src/e/BUILD"), "python_sources(\n    dependencies=[\"src/c/w.py\"],\n)\n");
    g.write(QStringLiteral("src/e/v.py"), "V = 1\n");
    g.commitAll("base");
    g.branch("base");
}

QStringList childRows(const ChangedModel *m, ChangedModel::Group group)
{
    QStringList out;
    const QModelIndex parent = m->groupIndex(group);
    for (int r = 0; r < m->rowCount(parent); ++r)
        out << QStringList{m->index(r, ChangedModel::NameColumn, parent).data().toString(),
                           m->index(r, ChangedModel::StateColumn, parent).data().toString(),
                           m->index(r, ChangedModel::ReasonColumn, parent).data().toString()}
                   .join(QStringLiteral(" | "));
    return out;
}

/// Shows `window` at 1600×1000 and opens `path` in it; true once the snapshot is shown.
bool openShown(MainWindow &window, QSignalSpy &shown, const QString &path)
{
    window.resize(1600, 1000);
    window.show();
    window.openWorkspace(path);
    return shown.wait(120000);
}

/// Clicks the link whose text is `text` in `browser`.
bool clickLink(QTextBrowser *browser, const QString &text)
{
    const QTextCursor found = browser->document()->find(text);
    if (found.isNull())
        return false;
    QTextCursor inside(browser->document());
    inside.setPosition(found.selectionStart() + 1);
    const QPoint p = browser->cursorRect(inside).center() + QPoint(1, 0);
    if (browser->anchorAt(p).isEmpty())
        return false;
    QTest::mouseClick(browser->viewport(), Qt::LeftButton, {}, p);
    return true;
}

} // namespace

class ChangedViewTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        testing::isolateUserDirectories(m_home.path());
        QCOMPARE(m_translations.load(QStringLiteral("en")), QStringLiteral("en"));
    }
    void testChangedTab();
    void testComputesWhenShown();

private:
    QTemporaryDir m_home;
    Translations m_translations; // English plurals, as the application loads them
};

void ChangedViewTest::testChangedTab()
{
    QTemporaryDir dir;
    GitFixture g(dir.path());
    buildRepo(g);
    g.write(QStringLiteral("src/b/y.py"), "Y = 2\n");
    g.commitAll("change y");
    g.remove(QStringLiteral("src/d/old.py"));
    g.write(QStringLiteral("src/a/new.py"), "N = 1\n");

    MainWindow window;
    QSignalSpy shown(&window, &MainWindow::snapshotShown);
    QVERIFY(openShown(window, shown, dir.path()));

    auto *view = window.centreTabs()->findChild<ChangedView *>();
    QVERIFY(view);
    window.centreTabs()->setCurrentWidget(view);
    QTRY_VERIFY_WITH_TIMEOUT(!view->isComputing(), 60000);
    // [changed].dependents picks the mode; main (== HEAD here) is the default base.
    QCOMPARE(view->dependentsMode(), changed::DependentsMode::Transitive);
    QCOMPARE(view->baseCombo()->currentText(), QStringLiteral("main"));

    QSignalSpy computed(view, &ChangedView::computed);
    view->setRequest(QStringLiteral("base"), changed::DependentsMode::Transitive);
    QVERIFY(computed.wait(60000));

    const ChangedModel *m = view->model();
    QCOMPARE(m->index(ChangedModel::FilesGroup, 0).data().toString(), QStringLiteral("Changed files (3)"));
    QCOMPARE(childRows(m, ChangedModel::FilesGroup),
             (QStringList{QStringLiteral("src/a/new.py | untracked | src/a/new.py"),
                          QStringLiteral("src/b/y.py | committed | src/b/y.py"),
                          QStringLiteral("src/d/old.py | deleted | src/d")}));
    QCOMPARE(childRows(m, ChangedModel::OwnersGroup),
             (QStringList{QStringLiteral("src/a/new.py | python_source | src/a/new.py"),
                          QStringLiteral("src/b/y.py | python_source | src/b/y.py"),
                          QStringLiteral("src/d | python_sources | src/d/old.py")}));
    QCOMPARE(childRows(m, ChangedModel::DependentsGroup),
             (QStringList{QStringLiteral("src/a/x.py | python_source | 1 hop from y.py"),
                          QStringLiteral("src/c | python_sources | 3 hops from y.py"),
                          QStringLiteral("src/c:tests | python_tests | 3 hops from y.py"),
                          QStringLiteral("src/c/w.py | python_source | 2 hops from y.py"),
                          QStringLiteral("src/c/w_test.py:tests | python_test | 2 hops from y.py"),
                          QStringLiteral("src/e | python_sources | 4 hops from y.py"),
                          QStringLiteral("src/e/v.py | python_source | 3 hops from y.py")}));
    QCOMPARE(view->countLabel()->text(), QStringLiteral("1 test target will be tested"));
    QStringList tested;
    for (int r = 0; r < m->rowCount(m->groupIndex(ChangedModel::DependentsGroup)); ++r)
        if (m->index(r, 0, m->groupIndex(ChangedModel::DependentsGroup)).data(ChangedModel::TestedRole).toBool())
            tested << m->index(r, 0, m->groupIndex(ChangedModel::DependentsGroup)).data().toString();
    QCOMPARE(tested, QStringList{QStringLiteral("src/c/w_test.py:tests")});

    // The CLI gives the same answer: the same affected targets, in the same order.
    std::ostringstream out, err;
    QCOMPARE(cli::run({"--root", dir.path().toStdString(), "changed", "--since=base", "--dependents=transitive"}, out, err), 0);
    QStringList viewTargets;
    for (ChangedModel::Group group : {ChangedModel::OwnersGroup, ChangedModel::DependentsGroup})
        for (int r = 0; r < m->rowCount(m->groupIndex(group)); ++r)
            viewTargets << m->index(r, 0, m->groupIndex(group)).data().toString();
    QStringList cliTargets = QString::fromStdString(out.str()).trimmed().split(QLatin1Char('\n'));
    viewTargets.sort();
    cliTargets.sort();
    QCOMPARE(viewTargets, cliTargets);

    // Clicking a dependent shows its chain; every step names its provenance.
    const QModelIndex testRow = view->proxy()->mapFromSource(m->index(4, 0, m->groupIndex(ChangedModel::DependentsGroup)));
    view->tree()->scrollTo(testRow);
    QTest::mouseClick(view->tree()->viewport(), Qt::LeftButton, {}, view->tree()->visualRect(testRow).center());
    QCOMPARE(view->tree()->currentIndex().data(ChangedModel::NodeRole).toInt(), testRow.data(ChangedModel::NodeRole).toInt());
    const QString chain = view->chainBrowser()->toPlainText();
    QVERIFY2(chain.contains(QStringLiteral("src/b/y.py (committed) is a source of src/b/y.py")), qPrintable(chain));
    QVERIFY2(chain.contains(QStringLiteral("src/a/x.py imports b.y at src/a/x.py:1")), qPrintable(chain));
    QVERIFY2(chain.contains(QStringLiteral("src/c/w_test.py:tests imports a.x at src/c/w_test.py:2")), qPrintable(chain));

    // The import line opens the file at that line; an address shows the target in Details.
    QSignalSpy locations(view, &ChangedView::locationActivated);
    QVERIFY(clickLink(view->chainBrowser(), QStringLiteral("src/c/w_test.py:2")));
    QCOMPARE(locations.count(), 1);
    QCOMPARE(locations.first(), (QList<QVariant>{QStringLiteral("src/c/w_test.py"), 2}));
    QVERIFY(window.currentSourceViewer());
    QVERIFY(window.currentSourceViewer()->filePath().endsWith(QStringLiteral("src/c/w_test.py")));
    QCOMPARE(window.currentSourceViewer()->currentLine(), 2);
    window.centreTabs()->setCurrentWidget(view);
    QSignalSpy targets(view, &ChangedView::targetActivated);
    QVERIFY(clickLink(view->chainBrowser(), QStringLiteral("src/a/x.py")));
    QCOMPARE(targets.count(), 1);
    const int x = window.controller()->snapshot()->workspace->indexOf(*workspace::Address::parse("src/a/x.py"));
    QCOMPARE(targets.first().first().toInt(), x);
    QCOMPARE(window.detailsPanel()->currentTarget(), x);

    // Activating a row (Enter, or a double click): a target shows in Details, a changed file opens.
    window.centreTabs()->setCurrentWidget(view);
    const QModelIndex wRow = view->proxy()->mapFromSource(m->index(3, 0, m->groupIndex(ChangedModel::DependentsGroup)));
    QCOMPARE(wRow.data().toString(), QStringLiteral("src/c/w.py"));
    view->tree()->scrollTo(wRow);
    QTest::mouseClick(view->tree()->viewport(), Qt::LeftButton, {}, view->tree()->visualRect(wRow).center());
    QTest::keyClick(view->tree(), Qt::Key_Return);
    QCOMPARE(window.detailsPanel()->currentTarget(), wRow.data(ChangedModel::NodeRole).toInt());
    const QModelIndex yFile = view->proxy()->mapFromSource(m->index(1, 0, m->groupIndex(ChangedModel::FilesGroup)));
    view->tree()->scrollTo(yFile);
    locations.clear();
    QTest::mouseClick(view->tree()->viewport(), Qt::LeftButton, {}, view->tree()->visualRect(yFile).center());
    QTest::keyClick(view->tree(), Qt::Key_Return);
    QCOMPARE(locations.count(), 1);
    QCOMPARE(locations.first(), (QList<QVariant>{QStringLiteral("src/b/y.py"), 0}));
    window.centreTabs()->setCurrentWidget(view);

    // An explicit dependency's step names the BUILD line.
    QVERIFY(view->selectTarget(window.controller()->snapshot()->workspace->indexOf(*workspace::Address::parse("src/e/v.py"))));
    QVERIFY2(view->chainBrowser()->toPlainText().contains(QStringLiteral("src/e/v.py depends on src/c/w.py at src/e/BUILD:2")),
             qPrintable(view->chainBrowser()->toPlainText()));

    // "Test These" starts a test run of exactly the affected test targets.
    RunController *runs = window.runWorkbench()->controller();
    RunSettings settings;
    settings.jobs = 1;
    settings.python = QStringLiteral("/nonexistent/python");
    runs->setSettings(settings);
    QSignalSpy requested(view, &ChangedView::testRequested);
    QSignalSpy started(runs, &RunController::runStarted);
    QVERIFY(view->testButton()->isEnabled());
    QTest::mouseClick(view->testButton(), Qt::LeftButton);
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.first().first().toStringList(), QStringList{QStringLiteral("src/c/w_test.py:tests")});
    QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 10000);
    runs->cancel();
    runs->waitForIdle();

    // The filter keeps the matching rows (and their groups).
    view->filterEdit()->setText(QStringLiteral("w_test"));
    QCOMPARE(view->proxy()->rowCount(view->proxy()->mapFromSource(m->groupIndex(ChangedModel::DependentsGroup))), 1);
    QCOMPARE(view->proxy()->rowCount(), 1); // the files and owners groups have no match
    view->filterEdit()->clear();

    // A reload recomputes: a newly modified file appears.
    computed.clear();
    g.write(QStringLiteral("src/b/z.py"), "Z = 2\n");
    window.controller()->reload();
    QTRY_VERIFY_WITH_TIMEOUT(computed.count() > 0 && !view->isComputing(), 120000);
    QCOMPARE(m->index(ChangedModel::FilesGroup, 0).data().toString(), QStringLiteral("Changed files (4)"));

    // Usable at 1024×700: the list, the chain and the button are on screen.
    for (const QSize size : {QSize(1024, 700), QSize(1600, 1000)}) {
        window.resize(size);
        QTest::qWait(50);
        QVERIFY(view->testButton()->isVisible());
        const QRect button(view->testButton()->mapTo(&window, QPoint(0, 0)), view->testButton()->size());
        QVERIFY2(window.rect().contains(button), qPrintable(QStringLiteral("%1x%2").arg(size.width()).arg(size.height())));
        QVERIFY(view->tree()->height() >= 120);
        QVERIFY(view->chainBrowser()->height() >= 80);
        QVERIFY(view->tree()->width() >= 250);
    }
}

void ChangedViewTest::testComputesWhenShown()
{
    QTemporaryDir dir;
    GitFixture g(dir.path());
    buildRepo(g);
    g.write(QStringLiteral("src/b/y.py"), "Y = 2\n");

    MainWindow window;
    QSignalSpy shown(&window, &MainWindow::snapshotShown);
    QVERIFY(openShown(window, shown, dir.path()));

    // Behind the Graph tab: nothing is computed, for the load or for a reload after an edit.
    auto *view = window.centreTabs()->findChild<ChangedView *>();
    QVERIFY(view);
    QVERIFY(window.centreTabs()->currentWidget() != view);
    QSignalSpy computed(view, &ChangedView::computed);
    QVERIFY(!view->isComputing());
    g.write(QStringLiteral("src/b/z.py"), "Z = 2\n");
    window.controller()->reload();
    QVERIFY(shown.wait(120000));
    QVERIFY(!view->isComputing());
    QCOMPARE(computed.count(), 0);
    QCOMPARE(view->model()->rowCount(view->model()->groupIndex(ChangedModel::FilesGroup)), 0);

    // Shown: one computation, of the snapshot on screen.
    window.centreTabs()->setCurrentWidget(view);
    QVERIFY(view->isComputing());
    QVERIFY(computed.wait(60000));
    QTRY_VERIFY_WITH_TIMEOUT(!view->isComputing(), 60000);
    QCOMPARE(computed.count(), 1);
    QCOMPARE(view->model()->index(ChangedModel::FilesGroup, 0).data().toString(), QStringLiteral("Changed files (2)"));

    // Visible: a reload recomputes at once.
    g.write(QStringLiteral("src/e/v.py"), "V = 2\n");
    window.controller()->reload();
    QVERIFY(shown.wait(120000));
    QVERIFY(computed.wait(60000));
    QTRY_VERIFY_WITH_TIMEOUT(!view->isComputing(), 60000);
    QCOMPARE(view->model()->index(ChangedModel::FilesGroup, 0).data().toString(), QStringLiteral("Changed files (3)"));
}

QTEST_MAIN(ChangedViewTest)
#include "changedview_test.moc"
