// Tests for the Run panel's models without running anything: the result tree fed event
// by event, counts and the estimate, the failed-only/text filter, duration sorting, and
// traceback frame parsing.
#include "ui/run/runfilterproxymodel.h"
#include "ui/run/runresultmodel.h"
#include "ui/run/tracebackframes.h"

#include <QSignalSpy>
#include <QTest>

using namespace trellis;
using namespace trellis::ui;

namespace {

goals::TestProcessResult planned(const std::string &description)
{
    goals::TestProcessResult p;
    p.description = description;
    return p;
}

ProcessResultPtr finished(const std::string &description, engine::TaskStatus status, std::int64_t ms,
                          std::vector<std::pair<std::string, goals::TestCaseStatus>> cases, bool cached = false)
{
    auto r = std::make_shared<goals::TestProcessResult>();
    r->description = description;
    r->status = status;
    r->durationMs = ms;
    r->cached = cached;
    for (const auto &[name, st] : cases) {
        goals::TestCase c;
        c.name = name;
        c.className = "calc.calc_test";
        c.file = "src/calc/calc_test.py";
        c.line = 8;
        c.status = st;
        c.durationSeconds = double(ms) / 2000.0;
        if (st == goals::TestCaseStatus::Failed) {
            c.message = "AssertionError: boom";
            c.details = "def test():\n>       assert False\nE       AssertionError: boom\n\nsrc/calc/calc_test.py:9: AssertionError";
        }
        r->testCases.push_back(c);
    }
    return r;
}

} // namespace

class RunModelsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testStreaming();
    void testRunThatRanNothingIsNotAPass();
    void testEstimate();
    void testFilterAndSort();
    void testShowRecord();
    void testTracebackFrames_data();
    void testTracebackFrames();
};

void RunModelsTest::testStreaming()
{
    RunResultModel model;
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy output(&model, &RunResultModel::outputAppended);
    model.beginRun(QStringLiteral("test src/calc::"));
    model.setPlan({planned("a_test.py:tests"), planned("b_test.py:tests")}, {{QStringLiteral("src/a_test.py:tests")}, {QStringLiteral("src/b_test.py:tests")}}, {});
    QCOMPARE(model.rowCount(model.runIndex()), 2);
    QCOMPARE(model.counts().queued, 2);
    model.onProcessStarted(0, 1);
    QCOMPARE(model.counts().running, 1);
    model.onProcessOutput(0, QStringLiteral("collected 2 items\n"));
    QCOMPARE(output.count(), 1);
    QCOMPARE(model.processOutput(0), QStringLiteral("collected 2 items\n"));
    inserted.clear();
    model.onProcessFinished(0, finished("a_test.py:tests", engine::TaskStatus::Failed, 400,
                                        {{"test_ok", goals::TestCaseStatus::Passed}, {"test_bad", goals::TestCaseStatus::Failed}}));
    QCOMPARE(inserted.count(), 2); // one row per test case, one at a time
    model.onProcessFinished(1, finished("b_test.py:tests", engine::TaskStatus::Succeeded, 100, {{"test_x", goals::TestCaseStatus::Passed}}, true));
    model.finishRun(false, 600);
    const RunCounts c = model.counts();
    QCOMPARE(c.total, 2);
    QCOMPARE(c.failed, 1);
    QCOMPARE(c.cached, 1);
    QCOMPARE(c.passed, 0);
    QCOMPARE(model.failedAddresses(), QStringList{QStringLiteral("src/a_test.py:tests")});
    const QModelIndex bad = model.index(1, 0, model.indexForProcess(0));
    QCOMPARE(bad.data().toString(), QStringLiteral("calc_test::test_bad"));
    QCOMPARE(RunStatus(bad.data(RunResultModel::StatusRole).toInt()), RunStatus::Failed);
    QCOMPARE(bad.data(RunResultModel::MessageRole).toString(), QStringLiteral("AssertionError: boom"));
    QCOMPARE(RunStatus(model.runIndex().data(RunResultModel::StatusRole).toInt()), RunStatus::Failed);
    QCOMPARE(model.index(0, RunResultModel::StatusColumn, model.runIndex()).data().toString(), QStringLiteral("failed"));
    QCOMPARE(model.index(1, RunResultModel::StatusColumn, model.runIndex()).data().toString(), QStringLiteral("cached"));
}

void RunModelsTest::testRunThatRanNothingIsNotAPass()
{
    RunResultModel model;
    model.beginRun(QStringLiteral("lint ::"));
    model.setPlan({planned("ruff"), planned("black")}, {}, {});
    model.onProcessFinished(0, finished("ruff", engine::TaskStatus::Skipped, 0, {}));
    model.onProcessFinished(1, finished("black", engine::TaskStatus::Skipped, 0, {}));
    model.finishRun(false, 0);
    QCOMPARE(RunStatus(model.runIndex().data(RunResultModel::StatusRole).toInt()), RunStatus::Skipped);

    // Processes that never started (no interpreter) are errors, and so is the run.
    model.beginRun(QStringLiteral("test ::"));
    model.setPlan({planned("a_test.py"), planned("b_test.py")}, {}, {});
    goals::TestProcessResult notStarted;
    notStarted.description = "a_test.py";
    notStarted.status = engine::TaskStatus::Failed;
    notStarted.error = "not started: no interpreter matches CPython==3.13.7";
    model.onProcessFinished(0, std::make_shared<const goals::TestProcessResult>(notStarted));
    model.finishRun(false, 0);
    QCOMPARE(RunStatus(model.index(0, 0, model.runIndex()).data(RunResultModel::StatusRole).toInt()), RunStatus::Error);
    QCOMPARE(RunStatus(model.runIndex().data(RunResultModel::StatusRole).toInt()), RunStatus::Failed);
}

void RunModelsTest::testEstimate()
{
    RunResultModel model;
    model.beginRun(QStringLiteral("t"));
    QCOMPARE(model.estimatedRemainingMs(2), qint64(-1));
    model.setPlan({planned("a"), planned("b"), planned("c")}, {}, {{"a", 4000}, {"b", 2000}});
    // a + b known (6 s) over two workers; c unknown is not counted.
    QCOMPARE(model.estimatedRemainingMs(2), qint64(3000));
    model.onProcessFinished(0, finished("a", engine::TaskStatus::Succeeded, 4000, {}));
    QCOMPARE(model.estimatedRemainingMs(2), qint64(1000));
    model.onProcessFinished(1, finished("b", engine::TaskStatus::Succeeded, 2000, {}));
    QCOMPARE(model.estimatedRemainingMs(2), qint64(-1));
    model.onProcessFinished(2, finished("c", engine::TaskStatus::Succeeded, 2000, {}));
    QCOMPARE(model.estimatedRemainingMs(2), qint64(0));
}

void RunModelsTest::testFilterAndSort()
{
    RunResultModel model;
    RunFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    model.beginRun(QStringLiteral("t"));
    model.setPlan({planned("fast_test.py"), planned("slow_test.py")}, {}, {});
    model.onProcessFinished(0, finished("fast_test.py", engine::TaskStatus::Failed, 100,
                                        {{"test_one", goals::TestCaseStatus::Passed}, {"test_two", goals::TestCaseStatus::Failed}}));
    model.onProcessFinished(1, finished("slow_test.py", engine::TaskStatus::Succeeded, 900, {{"test_three", goals::TestCaseStatus::Passed}}));
    model.finishRun(false, 1000);
    const QModelIndex run = proxy.index(0, 0);
    QCOMPARE(proxy.rowCount(run), 2);

    proxy.setFailedOnly(true);
    QCOMPARE(proxy.rowCount(run), 1);
    const QModelIndex process = proxy.index(0, 0, run);
    QCOMPARE(proxy.rowCount(process), 1);
    QCOMPARE(proxy.index(0, 0, process).data().toString(), QStringLiteral("calc_test::test_two"));
    proxy.setFailedOnly(false);

    proxy.setFilterText(QStringLiteral("slow"));
    QCOMPARE(proxy.rowCount(run), 1);
    QCOMPARE(proxy.index(0, 0, run).data().toString(), QStringLiteral("slow_test.py"));
    QCOMPARE(proxy.rowCount(proxy.index(0, 0, run)), 1); // a matching process keeps its cases
    proxy.setFilterText(QStringLiteral("three"));
    QCOMPARE(proxy.rowCount(run), 1);
    proxy.setFilterText(QString());

    proxy.sort(RunResultModel::DurationColumn, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, 0, run).data().toString(), QStringLiteral("slow_test.py"));
    proxy.sort(-1);
    QCOMPARE(proxy.index(0, 0, run).data().toString(), QStringLiteral("fast_test.py"));
}

void RunModelsTest::testShowRecord()
{
    goals::RunRecord record;
    record.id = "r1";
    record.goal = "test";
    record.durationMs = 700;
    goals::RunProcessRecord p;
    p.result = *finished("a_test.py:tests", engine::TaskStatus::Failed, 700, {{"test_bad", goals::TestCaseStatus::Failed}});
    p.result.output = "E   AssertionError\n";
    p.addresses = {"src/a_test.py:tests"};
    record.processes.push_back(p);
    RunResultModel model;
    model.showRecord(record, QStringLiteral("test (yesterday)"));
    QVERIFY(!model.isRunning());
    QCOMPARE(model.counts().failed, 1);
    QCOMPARE(model.rowCount(model.indexForProcess(0)), 1);
    QCOMPARE(model.processOutput(0), QStringLiteral("E   AssertionError\n"));
    QCOMPARE(model.failedAddresses(), QStringList{QStringLiteral("src/a_test.py:tests")});
}

void RunModelsTest::testTracebackFrames_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("frames");
    QTest::newRow("pytest long") << QStringLiteral("def test_mul():\n>       assert mul(2, 3) == 6\nE       AssertionError\n\n"
                                                   "src/calc/calc_test.py:9: AssertionError")
                                 << QStringList{QStringLiteral("src/calc/calc_test.py:9")};
    QTest::newRow("pytest in") << QStringLiteral("src/a/x_test.py:4: in test_x\n    helper()\nsrc/a/util.py:12: ValueError")
                               << QStringList{QStringLiteral("src/a/x_test.py:4:test_x"), QStringLiteral("src/a/util.py:12")};
    QTest::newRow("python") << QStringLiteral("Traceback (most recent call last):\n  File \"/usr/lib/python3/x.py\", line 7, in run\n    go()\nValueError")
                            << QStringList{QStringLiteral("/usr/lib/python3/x.py:7:run")};
    QTest::newRow("none") << QStringLiteral("assert 1 == 2") << QStringList{};
}

void RunModelsTest::testTracebackFrames()
{
    QFETCH(QString, text);
    QFETCH(QStringList, frames);
    QStringList got;
    for (const TracebackFrame &f : parseTracebackFrames(text))
        got << (f.function.isEmpty() ? QStringLiteral("%1:%2").arg(f.file).arg(f.line) : QStringLiteral("%1:%2:%3").arg(f.file).arg(f.line).arg(f.function));
    QCOMPARE(got, frames);
}

QTEST_MAIN(RunModelsTest)
#include "runmodels_test.moc"
