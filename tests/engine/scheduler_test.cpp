// Tests for Scheduler: ordering, slots, dependencies, retries, cancellation.
#include "core/engine/scheduler.h"

#include <QTest>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

using namespace trellis::engine;
using trellis::base::CancelToken;

namespace {

/// Records events as text lines.
class RecordingObserver : public EngineObserver {
public:
    void taskQueued(int id, const std::string &d) override { add("queued " + std::to_string(id) + " " + d); }
    void taskStarted(int id, int, int attempt) override
    {
        add("started " + std::to_string(id) + " attempt " + std::to_string(attempt));
    }
    void taskFinished(int id, const TaskOutcome &o) override
    {
        add("finished " + std::to_string(id) + " " + taskStatusName(o.status));
    }
    std::vector<std::string> lines()
    {
        std::lock_guard lock(m_mutex);
        return m_lines;
    }

private:
    void add(std::string s)
    {
        std::lock_guard lock(m_mutex);
        m_lines.push_back(std::move(s));
    }
    std::mutex m_mutex;
    std::vector<std::string> m_lines;
};

TaskOutcome pass() { return TaskOutcome{}; }
TaskOutcome fail()
{
    TaskOutcome o;
    o.status = TaskStatus::Failed;
    return o;
}

} // namespace

class SchedulerTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testSerialOrder();
    void testSlotsUniqueWhileRunning();
    void testDependencyFailureSkips();
    void testRetriesReportFlaky();
    void testCancelStopsQueuedWork();
};

void SchedulerTest::testSerialOrder()
{
    RecordingObserver obs;
    Scheduler s({.jobs = 1}, &obs, CancelToken());
    s.add({"a", {}, [](TaskContext &) { return pass(); }});
    s.add({"b", {}, [](TaskContext &) { return pass(); }});
    const auto outcomes = s.run();
    QCOMPARE(int(outcomes.size()), 2);
    const std::vector<std::string> expected{"queued 0 a", "queued 1 b", "started 0 attempt 1", "finished 0 succeeded",
                                            "started 1 attempt 1", "finished 1 succeeded"};
    QCOMPARE(obs.lines(), expected);
}

void SchedulerTest::testSlotsUniqueWhileRunning()
{
    std::mutex m;
    std::set<int> running;
    std::atomic<bool> clash{false};
    std::atomic<int> maxConcurrent{0};
    Scheduler s({.jobs = 2}, nullptr, CancelToken());
    for (int i = 0; i < 8; ++i) {
        s.add({"t" + std::to_string(i), {}, [&](TaskContext &c) {
                   {
                       std::lock_guard lock(m);
                       if (!running.insert(c.slot).second)
                           clash = true;
                       maxConcurrent = std::max<int>(maxConcurrent, int(running.size()));
                   }
                   std::this_thread::sleep_for(std::chrono::milliseconds(20));
                   {
                       std::lock_guard lock(m);
                       running.erase(c.slot);
                   }
                   return pass();
               }});
    }
    const auto outcomes = s.run();
    QVERIFY(!clash);
    QCOMPARE(maxConcurrent.load(), 2);
    for (const auto &o : outcomes)
        QCOMPARE(o.status, TaskStatus::Succeeded);
}

void SchedulerTest::testDependencyFailureSkips()
{
    Scheduler s({.jobs = 2}, nullptr, CancelToken());
    const int a = s.add({"a", {}, [](TaskContext &) { return fail(); }});
    const int b = s.add({"b", {a}, [](TaskContext &) { return pass(); }});
    s.add({"c", {b}, [](TaskContext &) { return pass(); }});
    s.add({"d", {}, [](TaskContext &) { return pass(); }});
    const auto o = s.run();
    QCOMPARE(o[0].status, TaskStatus::Failed);
    QCOMPARE(o[1].status, TaskStatus::Skipped);
    QCOMPARE(o[2].status, TaskStatus::Skipped);
    QCOMPARE(o[3].status, TaskStatus::Succeeded);
}

void SchedulerTest::testRetriesReportFlaky()
{
    Scheduler s({.jobs = 1}, nullptr, CancelToken());
    s.add({"flaky", {}, [](TaskContext &c) { return c.attempt < 2 ? fail() : pass(); }, 3});
    s.add({"broken", {}, [](TaskContext &) { return fail(); }, 3});
    const auto o = s.run();
    QCOMPARE(o[0].status, TaskStatus::Succeeded);
    QVERIFY(o[0].flaky);
    QCOMPARE(o[0].attempts, 2);
    QCOMPARE(o[1].status, TaskStatus::Failed);
    QCOMPARE(o[1].attempts, 3);
    QVERIFY(!o[1].flaky);
}

void SchedulerTest::testCancelStopsQueuedWork()
{
    CancelToken cancel;
    std::atomic<int> ran{0};
    Scheduler s({.jobs = 1}, nullptr, cancel);
    for (int i = 0; i < 5; ++i)
        s.add({"t", {}, [&](TaskContext &c) {
                   ++ran;
                   cancel.cancel();
                   return c.cancel.isCancelled() ? fail() : pass();
               }});
    const auto o = s.run();
    QCOMPARE(ran.load(), 1);
    for (const auto &out : o)
        QCOMPARE(out.status, TaskStatus::Cancelled);
}

QTEST_GUILESS_MAIN(SchedulerTest)
#include "scheduler_test.moc"
