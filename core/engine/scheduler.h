// Scheduler: runs a DAG of tasks on a pool of worker threads, with cancellation,
// retries and one observer that sees every state change. The CLI renders the events as
// Pants-like lines; the GUI re-emits them as queued signals into its models.
//
//   Scheduler s({.jobs = 2}, &observer, cancel);
//   int a = s.add({"Run Pytest for src/a_test.py", {}, [](TaskContext &c) { ...; return TaskOutcome{}; }});
//   std::vector<TaskOutcome> results = s.run();     // blocks until done or cancelled
#pragma once

#include "core/base/canceltoken.h"
#include "core/engine/process.h"

#include <any>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace trellis::engine {

enum class TaskStatus { Queued, Running, Succeeded, Failed, Cancelled, Skipped };

const char *taskStatusName(TaskStatus s);

/// What a task reports when its work function returns.
struct TaskOutcome {
    TaskStatus status = TaskStatus::Succeeded;   ///< Succeeded or Failed (the scheduler sets the others)
    bool cached = false;        ///< the result came from a cache, nothing ran
    std::string cacheSource;    ///< "cached locally" / "cached remotely" when cached
    int attempts = 1;           ///< attempts used (1 = first try)
    bool flaky = false;         ///< passed after a failed attempt
    std::int64_t durationMs = 0;
    int exitCode = 0;
    std::any payload;           ///< goal-specific data (e.g. parsed test cases)
};

/// What a running task can use.
struct TaskContext {
    int taskId = -1;
    int slot = 0;               ///< 1..jobs, unique among tasks running at the same moment
    int attempt = 1;
    base::CancelToken cancel;
    /// Forwards a chunk of the task's output to the observer.
    std::function<void(Stream, std::string_view)> output;
};

struct Task {
    std::string description;          ///< e.g. "src/app/util_test.py:tests"
    std::vector<int> dependencies;    ///< ids of tasks that must succeed first
    std::function<TaskOutcome(TaskContext &)> work;
    int maxAttempts = 1;              ///< retries on failure up to this many attempts
};

/// Receives every state change. Called from worker threads; implementations must be
/// thread-safe (the CLI locks around printing; the GUI posts queued signals).
class EngineObserver {
public:
    virtual ~EngineObserver() = default;
    virtual void taskQueued(int /*taskId*/, const std::string & /*description*/) {}
    virtual void taskStarted(int /*taskId*/, int /*slot*/, int /*attempt*/) {}
    virtual void taskOutput(int /*taskId*/, Stream, std::string_view) {}
    virtual void taskFinished(int /*taskId*/, const TaskOutcome &) {}
};

struct SchedulerOptions {
    int jobs = 0;   ///< worker threads; 0 = number of cores
};

class Scheduler {
public:
    Scheduler(SchedulerOptions options, EngineObserver *observer, base::CancelToken cancel);
    /// Adds a task; returns its id (0, 1, 2, ... in order of addition).
    int add(Task task);
    /// Runs every task; returns their outcomes by id. Tasks whose dependencies failed are
    /// Skipped; after cancellation queued tasks are Cancelled and running ones see the token.
    std::vector<TaskOutcome> run();
    int jobs() const { return m_jobs; }

private:
    int m_jobs;
    EngineObserver *m_observer; // not owned; may be null
    base::CancelToken m_cancel;
    std::vector<Task> m_tasks;
};

} // namespace trellis::engine
