// Tests for the persisted run history: JSON round trip, ordering and pruning, broken
// files, comparing runs and the last outcome per target.
#include "core/goals/runhistory.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace trellis;
using namespace trellis::goals;

namespace {

TestCase makeCase(const std::string &name, TestCaseStatus status)
{
    TestCase c;
    c.name = name;
    c.className = "tests.test_x";
    c.file = "tests/test_x.py";
    c.line = 3;
    c.status = status;
    c.durationSeconds = 0.25;
    if (status == TestCaseStatus::Failed) {
        c.message = "AssertionError: assert 1 == 2";
        c.details = "tests/test_x.py:4: AssertionError";
    }
    return c;
}

RunRecord makeRun(std::int64_t startedMs, std::vector<std::pair<std::string, TestCaseStatus>> cases,
                  engine::TaskStatus status = engine::TaskStatus::Failed)
{
    RunRecord r;
    r.goal = "test";
    r.specs = {"tests::"};
    r.baseRef = "main";
    r.startedMs = startedMs;
    r.durationMs = 1500;
    RunProcessRecord p;
    p.result.description = "tests/test_x.py:tests";
    p.result.status = status;
    p.result.exitCode = status == engine::TaskStatus::Failed ? 1 : 0;
    p.result.durationMs = 1200;
    p.result.output = "collected 2 items\n";
    for (const auto &[name, st] : cases)
        p.result.testCases.push_back(makeCase(name, st));
    p.addresses = {"tests/test_x.py:tests"};
    r.processes.push_back(std::move(p));
    return r;
}

} // namespace

class RunHistoryTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testRoundTrip();
    void testLoadOrderAndPrune();
    void testBrokenFilesSkipped();
    void testCompare_data();
    void testCompare();
    void testLastOutcomes();
    void testOutputTruncated();
};

void RunHistoryTest::testRoundTrip()
{
    RunRecord r = makeRun(1700000000000, {{"test_a", TestCaseStatus::Passed}, {"test_b", TestCaseStatus::Failed}});
    r.id = "20231114-221320-000-abcd";
    r.processes.front().result.cached = true;
    r.processes.front().result.cacheSource = "cached locally";
    const auto back = deserializeRunRecord(serializeRunRecord(r));
    QVERIFY(back.has_value());
    QCOMPARE(back->id, r.id);
    QCOMPARE(back->goal, std::string("test"));
    QCOMPARE(back->specs, r.specs);
    QCOMPARE(back->baseRef, std::string("main"));
    QCOMPARE(back->startedMs, r.startedMs);
    QCOMPARE(back->durationMs, r.durationMs);
    QCOMPARE(back->processes.size(), size_t(1));
    const RunProcessRecord &p = back->processes.front();
    QCOMPARE(p.addresses, r.processes.front().addresses);
    QCOMPARE(p.result.status, engine::TaskStatus::Failed);
    QVERIFY(p.result.cached);
    QCOMPARE(p.result.cacheSource, std::string("cached locally"));
    QCOMPARE(p.result.testCases.size(), size_t(2));
    QCOMPARE(p.result.testCases[1].message, std::string("AssertionError: assert 1 == 2"));
    QCOMPARE(p.result.testCases[1].details, std::string("tests/test_x.py:4: AssertionError"));
    QCOMPARE(back->outcome(), std::string("failed"));
    QCOMPARE(back->failedCount(), 1);
    QCOMPARE(back->passedCount(), 0);
}

void RunHistoryTest::testLoadOrderAndPrune()
{
    QTemporaryDir dir;
    RunHistory history(dir.path().toStdString() + "/runs", 3);
    for (int i = 0; i < 5; ++i) {
        RunRecord r = makeRun(1700000000000 + i * 1000, {{"test_a", TestCaseStatus::Passed}}, engine::TaskStatus::Succeeded);
        QVERIFY(history.save(r).ok());
        QVERIFY(!r.id.empty());
    }
    const std::vector<RunRecord> runs = history.load();
    QCOMPARE(runs.size(), size_t(3));
    QCOMPARE(runs[0].startedMs, std::int64_t(1700000004000));
    QCOMPARE(runs[2].startedMs, std::int64_t(1700000002000));
    QVERIFY(history.remove(runs[0].id));
    QVERIFY(!history.remove(runs[0].id));
    QCOMPARE(history.load().size(), size_t(2));
}

void RunHistoryTest::testBrokenFilesSkipped()
{
    QTemporaryDir dir;
    RunHistory history(dir.path().toStdString());
    RunRecord r = makeRun(1700000000000, {{"test_a", TestCaseStatus::Passed}});
    QVERIFY(history.save(r).ok());
    QFile broken(dir.filePath(QStringLiteral("20990101-000000-000-ffff.json")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("{\"version\": 1, \"id\": ");
    broken.close();
    QFile future(dir.filePath(QStringLiteral("20990101-000000-000-eeee.json")));
    QVERIFY(future.open(QIODevice::WriteOnly));
    future.write("{\"version\": 99, \"id\": \"x\", \"goal\": \"test\"}");
    future.close();
    const std::vector<RunRecord> runs = history.load();
    QCOMPARE(runs.size(), size_t(1));
    QCOMPARE(runs.front().id, r.id);
}

void RunHistoryTest::testCompare_data()
{
    QTest::addColumn<int>("olderB");
    QTest::addColumn<int>("newerB");
    QTest::addColumn<QStringList>("newlyFailing");
    QTest::addColumn<QStringList>("fixed");
    QTest::addColumn<QStringList>("stillFailing");
    const QString b = QStringLiteral("tests/test_x.py::tests.test_x::test_b");
    const int passed = int(TestCaseStatus::Passed), failed = int(TestCaseStatus::Failed), error = int(TestCaseStatus::Error);
    QTest::newRow("newly failing") << passed << failed << QStringList{b} << QStringList{} << QStringList{};
    QTest::newRow("fixed") << failed << passed << QStringList{} << QStringList{b} << QStringList{};
    QTest::newRow("still failing") << failed << error << QStringList{} << QStringList{} << QStringList{b};
    QTest::newRow("both passing") << passed << passed << QStringList{} << QStringList{} << QStringList{};
}

void RunHistoryTest::testCompare()
{
    QFETCH(int, olderB);
    QFETCH(int, newerB);
    QFETCH(QStringList, newlyFailing);
    QFETCH(QStringList, fixed);
    QFETCH(QStringList, stillFailing);
    const RunRecord older = makeRun(1, {{"test_a", TestCaseStatus::Passed}, {"test_b", TestCaseStatus(olderB)}});
    const RunRecord newer = makeRun(2, {{"test_a", TestCaseStatus::Passed}, {"test_b", TestCaseStatus(newerB)}});
    const RunComparison diff = compareRuns(older, newer);
    auto toList = [](const std::vector<std::string> &v) {
        QStringList l;
        for (const auto &s : v)
            l << QString::fromStdString(s);
        return l;
    };
    QCOMPARE(toList(diff.newlyFailing), newlyFailing);
    QCOMPARE(toList(diff.fixed), fixed);
    QCOMPARE(toList(diff.stillFailing), stillFailing);
}

void RunHistoryTest::testLastOutcomes()
{
    RunRecord newer = makeRun(2, {{"test_a", TestCaseStatus::Passed}}, engine::TaskStatus::Succeeded);
    RunRecord older = makeRun(1, {{"test_a", TestCaseStatus::Failed}});
    RunProcessRecord other;
    other.result.status = engine::TaskStatus::Failed;
    other.addresses = {"src/app:tests"};
    older.processes.push_back(other);
    const auto outcomes = lastOutcomes({newer, older});
    QCOMPARE(outcomes.size(), size_t(2));
    QVERIFY(outcomes.at("tests/test_x.py:tests") == TargetOutcome::Passed);
    QVERIFY(outcomes.at("src/app:tests") == TargetOutcome::Failed);
}

void RunHistoryTest::testOutputTruncated()
{
    RunRecord r = makeRun(1, {{"test_a", TestCaseStatus::Passed}});
    r.id = "x";
    r.processes.front().result.output = std::string(RunHistory::kMaxStoredOutput + 100, 'a') + "END";
    const auto back = deserializeRunRecord(serializeRunRecord(r));
    QVERIFY(back.has_value());
    const std::string &out = back->processes.front().result.output;
    QVERIFY(out.size() < RunHistory::kMaxStoredOutput + 10);
    QVERIFY(out.rfind("END") == out.size() - 3);
}

QTEST_GUILESS_MAIN(RunHistoryTest)
#include "runhistory_test.moc"
