// Scheduler: a ready queue over a task DAG, drained by `jobs` worker threads.
//
// Each worker owns a slot number (its index + 1); since a worker runs one task at a
// time, slots are unique among running tasks, which is what Pants' execution_slot_var
// promises. Workers pick the lowest-id ready task, so results appear in a stable order
// when jobs = 1. A task becomes ready when all its dependencies succeeded; when one
// fails or is skipped, its dependents are skipped. Retries re-run the work function up
// to maxAttempts times; a pass after a failure is reported as flaky.
#include "core/engine/scheduler.h"

#include <QThread>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

namespace trellis::engine {

const char *taskStatusName(TaskStatus s)
{
    switch (s) {
    case TaskStatus::Queued: return "queued";
    case TaskStatus::Running: return "running";
    case TaskStatus::Succeeded: return "succeeded";
    case TaskStatus::Failed: return "failed";
    case TaskStatus::Cancelled: return "cancelled";
    case TaskStatus::Skipped: return "skipped";
    }
    return "queued";
}

Scheduler::Scheduler(SchedulerOptions options, EngineObserver *observer, base::CancelToken cancel)
    : m_jobs(options.jobs > 0 ? options.jobs : std::max(1, QThread::idealThreadCount()))
    , m_observer(observer)
    , m_cancel(std::move(cancel))
{
}

int Scheduler::add(Task task)
{
    m_tasks.push_back(std::move(task));
    return int(m_tasks.size()) - 1;
}

std::vector<TaskOutcome> Scheduler::run()
{
    const int n = int(m_tasks.size());
    std::vector<TaskOutcome> outcomes(static_cast<size_t>(n));
    std::vector<TaskStatus> status(static_cast<size_t>(n), TaskStatus::Queued);
    std::vector<int> pending(static_cast<size_t>(n), 0);
    std::vector<std::vector<int>> dependents(static_cast<size_t>(n));
    std::set<int> ready;
    for (int i = 0; i < n; ++i) {
        for (int d : m_tasks[size_t(i)].dependencies) {
            if (d < 0 || d >= n || d == i)
                continue;
            ++pending[size_t(i)];
            dependents[size_t(d)].push_back(i);
        }
        if (pending[size_t(i)] == 0)
            ready.insert(i);
        if (m_observer)
            m_observer->taskQueued(i, m_tasks[size_t(i)].description);
    }

    std::mutex mutex;
    std::condition_variable cv;
    int finished = 0;

    // Marks a task done and releases (or skips) its dependents. Caller holds the mutex.
    std::function<void(int, TaskStatus)> settle = [&](int id, TaskStatus st) {
        status[size_t(id)] = st;
        ++finished;
        for (int dep : dependents[size_t(id)]) {
            if (status[size_t(dep)] != TaskStatus::Queued)
                continue;
            if (st == TaskStatus::Succeeded) {
                if (--pending[size_t(dep)] == 0)
                    ready.insert(dep);
            } else {
                outcomes[size_t(dep)].status = st == TaskStatus::Cancelled ? TaskStatus::Cancelled : TaskStatus::Skipped;
                if (m_observer)
                    m_observer->taskFinished(dep, outcomes[size_t(dep)]);
                settle(dep, outcomes[size_t(dep)].status);
            }
        }
    };

    auto worker = [&](int slot) {
        std::unique_lock lock(mutex);
        for (;;) {
            cv.wait(lock, [&] { return finished == n || !ready.empty() || m_cancel.isCancelled(); });
            if (finished == n)
                return;
            if (m_cancel.isCancelled()) {
                // Cancel everything still queued; running tasks end on their own.
                for (int id = 0; id < n; ++id) {
                    if (status[size_t(id)] == TaskStatus::Queued) {
                        outcomes[size_t(id)].status = TaskStatus::Cancelled;
                        status[size_t(id)] = TaskStatus::Cancelled;
                        ++finished;
                        if (m_observer)
                            m_observer->taskFinished(id, outcomes[size_t(id)]);
                    }
                }
                ready.clear();
                cv.notify_all();
                if (finished == n)
                    return;
                cv.wait(lock, [&] { return finished == n; });
                return;
            }
            const int id = *ready.begin();
            ready.erase(ready.begin());
            status[size_t(id)] = TaskStatus::Running;
            lock.unlock();

            Task &task = m_tasks[size_t(id)];
            TaskOutcome outcome;
            const auto start = std::chrono::steady_clock::now();
            const int maxAttempts = std::max(1, task.maxAttempts);
            for (int attempt = 1; attempt <= maxAttempts; ++attempt) {
                if (m_observer)
                    m_observer->taskStarted(id, slot, attempt);
                TaskContext ctx;
                ctx.taskId = id;
                ctx.slot = slot;
                ctx.attempt = attempt;
                ctx.cancel = m_cancel;
                ctx.output = [this, id](Stream s, std::string_view chunk) {
                    if (m_observer)
                        m_observer->taskOutput(id, s, chunk);
                };
                outcome = task.work ? task.work(ctx) : TaskOutcome{};
                outcome.attempts = attempt;
                if (m_cancel.isCancelled() && outcome.status != TaskStatus::Succeeded) {
                    outcome.status = TaskStatus::Cancelled;
                    break;
                }
                if (outcome.status == TaskStatus::Succeeded) {
                    outcome.flaky = attempt > 1;
                    break;
                }
            }
            if (!outcome.cached)
                outcome.durationMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                                         std::chrono::steady_clock::now() - start).count();

            lock.lock();
            outcomes[size_t(id)] = outcome;
            if (m_observer)
                m_observer->taskFinished(id, outcomes[size_t(id)]);
            settle(id, outcome.status);
            cv.notify_all();
        }
    };

    if (n == 0)
        return outcomes;
    const int workers = std::min(m_jobs, n);
    std::vector<std::thread> threads;
    threads.reserve(size_t(workers));
    for (int i = 0; i < workers; ++i)
        threads.emplace_back(worker, i + 1);
    // Wake sleeping workers promptly when the token is cancelled from another thread.
    std::thread watcher([&] {
        std::unique_lock lock(mutex);
        while (finished < n) {
            cv.wait_for(lock, std::chrono::milliseconds(50));
            if (m_cancel.isCancelled())
                cv.notify_all();
        }
    });
    for (auto &t : threads)
        t.join();
    {
        std::lock_guard lock(mutex);
        finished = n;
    }
    cv.notify_all();
    watcher.join();
    return outcomes;
}

} // namespace trellis::engine
