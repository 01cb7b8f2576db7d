// Drives the Run panel through the real main window on a copy of
// tests/fixtures/run-basic (a git repository made on the fly), with real pytest runs:
// results tree, failure details and frames, filter, badges, re-run failed, cached
// results, "test changed" since a base ref, cancelling a long run (no process left),
// and the persisted history (reopen and compare).
#include "../ui/uitestsupport.h"

#include "ui/mainwindow.h"
#include "ui/models/targetfilterproxymodel.h"
#include "ui/models/targettreemodel.h"
#include "ui/run/runcontroller.h"
#include "ui/run/runfilterproxymodel.h"
#include "ui/run/runpanel.h"
#include "ui/run/runresultmodel.h"
#include "ui/run/runworkbench.h"
#include "ui/views/sourceviewer.h"
#include "ui/views/targetbrowser.h"
#include "ui/workspacecontroller.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

#include <memory>

using namespace trellis;
using namespace trellis::ui;

namespace {

bool copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString src = it.next();
        const QString dst = QDir(to).filePath(QDir(from).relativeFilePath(src));
        QDir().mkpath(QFileInfo(dst).absolutePath());
        if (!QFile::copy(src, dst))
            return false;
    }
    return true;
}

bool git(const QString &dir, const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(QStringLiteral("git"), QStringList{QStringLiteral("-c"), QStringLiteral("user.name=Trellis Test"), QStringLiteral("-c"),
                                               QStringLiteral("user.email=test@example.com")} + args);
    return p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

/// Processes whose command line mentions `needle` (Linux /proc).
QStringList processesMentioning(const QString &needle)
{
    QStringList found;
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &pid : pids) {
        bool ok = false;
        pid.toInt(&ok);
        if (!ok)
            continue;
        QFile f(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray cmd = f.readAll().replace('\0', ' ');
        if (cmd.contains(needle.toUtf8()))
            found << pid + QLatin1Char(' ') + QString::fromUtf8(cmd);
    }
    return found;
}

} // namespace

class RunPanelTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void testShortcuts();
    void testRunSelectedDirectory();
    void testFailureDetailsAndFrames();
    void testFilter();
    void testBadges();
    void testRerunFailed();
    void testCachedResults();
    void testChangedSinceBaseRef();
    void testLintGoal();
    void testCancelLongRun();
    void testHistoryReopenAndCompare();

private:
    bool waitForSnapshot();
    bool waitForRun(int timeoutMs = 120000);
    RunController *runs() const { return m_window->runWorkbench()->controller(); }
    RunPanel *panel() const { return m_window->runWorkbench()->panel(); }
    RunResultModel *model() const { return runs()->model(); }
    /// Process node by description prefix ("src/calc/calc_test.py").
    QModelIndex process(const QString &prefix) const;
    void configure();

    QTemporaryDir m_home;
    QString m_root;
    std::unique_ptr<MainWindow> m_window;
    QString m_firstRunId;
};

void RunPanelTest::initTestCase()
{
    QVERIFY(m_home.isValid());
    testing::isolateUserDirectories(m_home.path());
    m_root = QDir(m_home.path()).filePath(QStringLiteral("run-basic"));
    QVERIFY(copyTree(QStringLiteral(TRELLIS_TEST_DATA "/fixtures/run-basic"), m_root));
    QVERIFY(git(m_root, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main")}));
    QVERIFY(git(m_root, {QStringLiteral("add"), QStringLiteral(".")}));
    QVERIFY(git(m_root, {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"), QStringLiteral("initial")}));
    m_window = std::make_unique<MainWindow>();
    m_window->controller()->setWatchingEnabled(false);
    m_window->show();
    configure();
    m_window->openWorkspace(m_root);
    QVERIFY(waitForSnapshot());
}

void RunPanelTest::configure()
{
    RunSettings settings;
    settings.jobs = 2;
    settings.python = QStringLiteral("/usr/bin/python3");
    settings.cacheDir = QDir(m_home.path()).filePath(QStringLiteral("results"));
    runs()->setSettings(settings);
}

void RunPanelTest::cleanupTestCase() { m_window.reset(); }

bool RunPanelTest::waitForSnapshot()
{
    QSignalSpy shown(m_window.get(), &MainWindow::snapshotShown);
    if (!shown.wait(60000))
        return false;
    const SnapshotPtr s = m_window->controller()->snapshot();
    return s && s->graph;
}

bool RunPanelTest::waitForRun(int timeoutMs)
{
    QSignalSpy finished(runs(), &RunController::runFinished);
    return runs()->isRunning() ? finished.wait(timeoutMs) : true;
}

QModelIndex RunPanelTest::process(const QString &prefix) const
{
    const QModelIndex run = model()->runIndex();
    for (int r = 0; r < model()->rowCount(run); ++r) {
        const QModelIndex i = model()->index(r, 0, run);
        if (i.data().toString().startsWith(prefix))
            return i;
    }
    return {};
}

void RunPanelTest::testShortcuts()
{
    RunWorkbench *bench = m_window->runWorkbench();
    QCOMPARE(bench->testSelectedAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_T));
    QCOMPARE(bench->testChangedAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    QSet<QString> keys;
    for (QAction *a : bench->actions()) {
        QVERIFY2(!a->shortcut().isEmpty(), qPrintable(a->text()));
        keys.insert(a->shortcut().toString());
        QVERIFY(m_window->runMenu()->actions().contains(a));
    }
    QCOMPARE(keys.size(), int(bench->actions().size()));
    QVERIFY(!bench->cancelAction()->isEnabled());
    // The base ref defaults to main, which exists.
    QTRY_COMPARE(bench->baseRef(), QStringLiteral("main"));
}

void RunPanelTest::testRunSelectedDirectory()
{
    TargetBrowser *browser = m_window->targetBrowser();
    const QModelIndex dir = browser->proxy()->mapFromSource(browser->model()->indexForDirectory(QStringLiteral("src/calc")));
    QVERIFY(dir.isValid());
    browser->view()->setCurrentIndex(dir);
    QCOMPARE(m_window->runWorkbench()->selectedSpecs(), QStringList{QStringLiteral("src/calc::")});
    m_window->runWorkbench()->testSelectedAction()->trigger();
    QVERIFY(runs()->isRunning());
    QVERIFY(m_window->runWorkbench()->cancelAction()->isEnabled());
    QVERIFY(waitForRun());
    QCOMPARE(model()->rowCount(model()->runIndex()), 2);
    const QModelIndex calc = process(QStringLiteral("src/calc/calc_test.py"));
    const QModelIndex more = process(QStringLiteral("src/calc/more_test.py"));
    QVERIFY(calc.isValid() && more.isValid());
    QCOMPARE(RunStatus(calc.data(RunResultModel::StatusRole).toInt()), RunStatus::Failed);
    QCOMPARE(RunStatus(more.data(RunResultModel::StatusRole).toInt()), RunStatus::Passed);
    QCOMPARE(model()->rowCount(calc), 2);
    QCOMPARE(model()->rowCount(more), 2);
    QVERIFY(model()->processOutput(calc.data(RunResultModel::ProcessIdRole).toInt()).contains(QLatin1String("1 failed, 1 passed")));
    const RunCounts c = model()->counts();
    QCOMPARE(c.passed, 1);
    QCOMPARE(c.failed, 1);
    QVERIFY(panel()->countsLabel()->text().contains(QLatin1String("1 failed")));
    QCOMPARE(RunStatus(model()->runIndex().data(RunResultModel::StatusRole).toInt()), RunStatus::Failed);
    QVERIFY(m_window->runWorkbench()->rerunFailedAction()->isEnabled());
    QCOMPARE(runs()->history().size(), size_t(1));
    m_firstRunId = QString::fromStdString(runs()->history().front().id);
    QCOMPARE(runs()->history().front().specs, std::vector<std::string>{"src/calc::"});
}

void RunPanelTest::testFailureDetailsAndFrames()
{
    QVERIFY(panel()->selectFirstFailure());
    const QModelIndex current = panel()->proxy()->mapToSource(panel()->resultsView()->currentIndex());
    QCOMPARE(current.data().toString(), QStringLiteral("calc_test::test_mul"));
    QVERIFY2(panel()->messageLabel()->text().contains(QLatin1String("mul(2, 3) should be 6")), qPrintable(panel()->messageLabel()->text()));
    QVERIFY(panel()->tracebackView()->toPlainText().contains(QLatin1String("assert mul(2, 3) == 6")));
    QListWidget *frames = panel()->framesView();
    QVERIFY(frames->count() >= 1);
    QListWidgetItem *frame = nullptr;
    for (int i = 0; i < frames->count(); ++i)
        if (frames->item(i)->text().startsWith(QLatin1String("src/calc/calc_test.py:9")))
            frame = frames->item(i);
    QVERIFY2(frame, qPrintable(frames->item(0)->text()));
    frames->setCurrentItem(frame);
    Q_EMIT frames->itemActivated(frame);
    SourceViewer *viewer = m_window->currentSourceViewer();
    QVERIFY(viewer);
    QVERIFY(viewer->filePath().endsWith(QLatin1String("src/calc/calc_test.py")));
    QCOMPARE(viewer->currentLine(), 9);
}

void RunPanelTest::testFilter()
{
    RunFilterProxyModel *proxy = panel()->proxy();
    const QModelIndex run = proxy->index(0, 0);
    panel()->setFailedOnly(true);
    QCOMPARE(proxy->rowCount(run), 1);
    QCOMPARE(proxy->rowCount(proxy->index(0, 0, run)), 1);
    panel()->setFailedOnly(false);
    panel()->setFilterText(QStringLiteral("more_test"));
    QCOMPARE(proxy->rowCount(run), 1);
    QVERIFY(proxy->index(0, 0, run).data().toString().startsWith(QLatin1String("src/calc/more_test.py")));
    panel()->setFilterText(QString());
    QCOMPARE(proxy->rowCount(run), 2);
    panel()->setSlowestFirst(true);
    const qint64 first = proxy->index(0, 0, run).data(RunResultModel::DurationRole).toLongLong();
    const qint64 second = proxy->index(1, 0, run).data(RunResultModel::DurationRole).toLongLong();
    QVERIFY(first >= second);
    panel()->setSlowestFirst(false);
}

void RunPanelTest::testBadges()
{
    TargetTreeModel *tree = m_window->targetBrowser()->model();
    const SnapshotPtr s = m_window->controller()->snapshot();
    auto badge = [&](const char *address) {
        const int index = s->workspace->indexOf(*workspace::Address::parse(address));
        return tree->indexForTarget(index).data(TargetTreeModel::LastResultRole).toInt();
    };
    QCOMPARE(badge("src/calc/calc_test.py:tests"), int(RunStatus::Failed));
    QCOMPARE(badge("src/calc/more_test.py:tests"), int(RunStatus::Passed));
    QCOMPARE(badge("src/calc:tests"), int(RunStatus::Failed)); // the generator shows the worst beneath
    QCOMPARE(tree->indexForDirectory(QStringLiteral("src/calc")).data(TargetTreeModel::LastResultRole).toInt(), int(RunStatus::Failed));
    QCOMPARE(badge("src/slow/slow_test.py:tests"), -1);
    const QModelIndex cell = tree->indexForTarget(s->workspace->indexOf(*workspace::Address::parse("src/calc/calc_test.py:tests")));
    QVERIFY(!tree->index(cell.row(), TargetTreeModel::ResultColumn, cell.parent()).data(Qt::DecorationRole).isNull());
}

void RunPanelTest::testRerunFailed()
{
    m_window->runWorkbench()->rerunFailedAction()->trigger();
    QVERIFY(runs()->isRunning());
    QVERIFY(waitForRun());
    QCOMPARE(model()->rowCount(model()->runIndex()), 1);
    const QModelIndex calc = process(QStringLiteral("src/calc/calc_test.py"));
    QVERIFY(calc.isValid());
    QCOMPARE(RunStatus(calc.data(RunResultModel::StatusRole).toInt()), RunStatus::Failed);
    QCOMPARE(runs()->history().size(), size_t(2));
    QCOMPARE(runs()->history().front().specs, std::vector<std::string>{"src/calc/calc_test.py:tests"});
}

void RunPanelTest::testCachedResults()
{
    QVERIFY(m_window->runWorkbench()->runSpecs(GoalKind::Test, {QStringLiteral("src/calc::")}));
    QVERIFY(waitForRun());
    const QModelIndex more = process(QStringLiteral("src/calc/more_test.py"));
    QCOMPARE(RunStatus(more.data(RunResultModel::StatusRole).toInt()), RunStatus::Cached);
    QCOMPARE(model()->rowCount(more), 2); // cached results keep their test cases
    QCOMPARE(model()->counts().cached, 1);
    QVERIFY(panel()->countsLabel()->text().contains(QLatin1String("1 cached")));
}

void RunPanelTest::testChangedSinceBaseRef()
{
    // Fix mul(): calc.py changes, so both test files (which import it) are affected.
    QVERIFY(testing::writeFile(m_root, QStringLiteral("src/calc/calc.py"),
                               "def add(a, b):\n    return a + b\n\n\ndef mul(a, b):\n    return a * b\n"));
    m_window->runWorkbench()->baseRefCombo()->setCurrentText(QStringLiteral("main"));
    m_window->runWorkbench()->testChangedAction()->trigger();
    QVERIFY(waitForRun());
    QCOMPARE(model()->rowCount(model()->runIndex()), 2);
    QVERIFY(model()->runIndex().data().toString().contains(QLatin1String("changed since main")));
    QCOMPARE(RunStatus(process(QStringLiteral("src/calc/calc_test.py")).data(RunResultModel::StatusRole).toInt()), RunStatus::Passed);
    QCOMPARE(runs()->history().front().baseRef, std::string("main"));
    QCOMPARE(m_window->targetBrowser()->model()->indexForDirectory(QStringLiteral("src/calc")).data(TargetTreeModel::LastResultRole).toInt(),
             int(RunStatus::Passed));
}

void RunPanelTest::testLintGoal()
{
    QVERIFY(m_window->runMenu()->actions().size() >= 10);
    QVERIFY(m_window->runWorkbench()->runSpecs(GoalKind::Lint, {QStringLiteral("src/calc::")}));
    QVERIFY(waitForRun());
    const QModelIndex run = model()->runIndex();
    QVERIFY(run.data().toString().startsWith(QLatin1String("lint src/calc::")));
    QVERIFY(model()->rowCount(run) >= 1);
    // flake8 is configured; it either ran on the files or is reported as not installed.
    const QModelIndex flake8 = model()->index(0, 0, run);
    QVERIFY2(flake8.data().toString().contains(QLatin1String("flake8")), qPrintable(flake8.data().toString()));
    const RunStatus status = RunStatus(flake8.data(RunResultModel::StatusRole).toInt());
    QVERIFY(status == RunStatus::Skipped || status == RunStatus::Passed || status == RunStatus::Failed);
    if (status == RunStatus::Skipped) // the reason: not installed
        QVERIFY(model()->processOutput(0).contains(QLatin1String("flake8")));
    else
        QVERIFY(!flake8.data(RunResultModel::AddressesRole).toStringList().isEmpty()); // the files it checked
    QCOMPARE(runs()->history().front().goal, std::string("lint"));
    // Lint results do not replace the test badges.
    QCOMPARE(m_window->targetBrowser()->model()->indexForDirectory(QStringLiteral("src/calc")).data(TargetTreeModel::LastResultRole).toInt(),
             int(RunStatus::Passed));
}

void RunPanelTest::testCancelLongRun()
{
    QVERIFY(m_window->runWorkbench()->runSpecs(GoalKind::Test, {QStringLiteral("src/slow::")}));
    // Wait until pytest is really running.
    QTRY_VERIFY_WITH_TIMEOUT(!processesMentioning(QStringLiteral("src/slow/slow_test.py")).isEmpty(), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(model()->counts().running, 1, 10000);
    QElapsedTimer clock;
    clock.start();
    m_window->runWorkbench()->cancelAction()->trigger();
    QVERIFY(waitForRun(30000));
    QVERIFY(clock.elapsed() < 20000);
    QCOMPARE(RunStatus(model()->runIndex().data(RunResultModel::StatusRole).toInt()), RunStatus::Cancelled);
    QCOMPARE(model()->counts().running, 0);
    QTRY_VERIFY_WITH_TIMEOUT(processesMentioning(QStringLiteral("src/slow/slow_test.py")).isEmpty(), 5000);
    QVERIFY(!m_window->runWorkbench()->cancelAction()->isEnabled());
}

void RunPanelTest::testHistoryReopenAndCompare()
{
    // A fresh window reads the history back from disk.
    m_window.reset();
    m_window = std::make_unique<MainWindow>();
    m_window->controller()->setWatchingEnabled(false);
    m_window->show();
    configure();
    QSignalSpy history(runs(), &RunController::historyChanged);
    m_window->openWorkspace(m_root);
    QVERIFY(waitForSnapshot());
    QTRY_VERIFY_WITH_TIMEOUT(runs()->history().size() >= 6, 10000);
    QTreeWidget *list = panel()->historyView();
    QCOMPARE(list->topLevelItemCount(), int(runs()->history().size()));
    // Badges come back from the history too.
    QCOMPARE(m_window->targetBrowser()->model()->indexForDirectory(QStringLiteral("src/calc")).data(TargetTreeModel::LastResultRole).toInt(),
             int(RunStatus::Passed));

    panel()->openHistoryRun(m_firstRunId);
    QCOMPARE(model()->rowCount(model()->runIndex()), 2);
    QCOMPARE(RunStatus(process(QStringLiteral("src/calc/calc_test.py")).data(RunResultModel::StatusRole).toInt()), RunStatus::Failed);
    QVERIFY(panel()->messageLabel()->text().contains(QLatin1String("mul(2, 3) should be 6")));

    // The changed run (second newest; the newest was cancelled) fixed test_mul.
    const std::vector<goals::RunRecord> &runsList = runs()->history();
    QString changedId;
    for (const goals::RunRecord &r : runsList)
        if (r.baseRef == "main")
            changedId = QString::fromStdString(r.id);
    QVERIFY(!changedId.isEmpty());
    panel()->compareRuns(m_firstRunId, changedId);
    QTreeWidget *cmp = panel()->comparisonView();
    QCOMPARE(cmp->topLevelItemCount(), 3);
    QVERIFY(cmp->topLevelItem(0)->text(0).contains(QLatin1String("(0)")));   // newly failing
    QVERIFY(cmp->topLevelItem(1)->text(0).contains(QLatin1String("(1)")));   // fixed
    QCOMPARE(cmp->topLevelItem(1)->child(0)->text(0), QStringLiteral("calc_test::test_mul"));
    Q_EMIT cmp->itemActivated(cmp->topLevelItem(1)->child(0), 0);
    QVERIFY(m_window->currentSourceViewer());
    QVERIFY(m_window->currentSourceViewer()->filePath().endsWith(QLatin1String("calc_test.py")));

    // Deleting a run removes its file.
    const size_t before = runs()->history().size();
    runs()->removeRecord(m_firstRunId);
    QCOMPARE(runs()->history().size(), before - 1);
    QCOMPARE(goals::RunHistory(goals::RunHistory::directoryFor(m_root.toStdString())).load().size(), before - 1);
}

QTEST_MAIN(RunPanelTest)
#include "runpanel_test.moc"
