// The run service: "run goal X over a selection, with caches" in one place, for both
// front ends. From a RunRequest it selects the targets (selection.h), builds the result
// cache (local, plus the remote one the configuration and the trust rule allow), plans
// the processes, runs them through the engine, records the run in the workspace's
// history and streams typed events to a RunObserver on the way. The CLI's goals print
// those events; the GUI's run panel shows them. Same request, same targets, same cache
// keys, same results.
//
//   RunRequest req;
//   req.goal = Goal::Test;
//   req.graph = graph;
//   req.selection.specs = {"src/app::"};        // or .changedSince = "main"
//   req.environment = base::processEnvironment();
//   RunOutcome out = runGoal(req, &observer);   // blocks; cancel with req.cancel
//   return out.exitCode();
#pragma once

#include "core/base/canceltoken.h"
#include "core/engine/scheduler.h"
#include "core/goals/lintgoal.h"
#include "core/goals/runhistory.h"
#include "core/goals/testgoal.h"
#include "core/run/resultcache.h"
#include "core/run/selection.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace trellis::run {

enum class Goal { Test, Lint, Fmt, Fix, Check };

/// Where the test goal's interpreter comes from (RunRequest::pythonEnv).
enum class PythonEnvMode { Auto, Lockfile, Search };
/// "auto", "lockfile", "search".
const char *pythonEnvModeName(PythonEnvMode mode);
std::optional<PythonEnvMode> pythonEnvModeFromName(std::string_view name);

/// The warning a test run in place (RunRequest::sandbox = false) gives.
inline constexpr const char *kInPlaceWarning = "running in place (--no-sandbox): results are not cached";

/// The goal's name as Pants spells it ("test", "lint", "fmt", "fix", "check").
const char *goalName(Goal goal);
std::optional<Goal> goalFromName(std::string_view name);
/// The lint-like goals' kind (Lint for Test, which is not one).
goals::LintGoalKind lintGoalKind(Goal goal);

struct RunPlan;

struct RunRequest {
    Goal goal = Goal::Test;
    std::shared_ptr<const graph::TargetGraph> graph;
    SelectionRequest selection;
    /// Already selected targets (the CLI selects before it runs, to print the problems of
    /// the specs first); when set, `selection` is not evaluated again but still says how
    /// the run is recorded.
    std::optional<Selection> selected;

    bool force = false;                        ///< ignore cached results
    bool debug = false;                        ///< test: serial, terminal attached, no cache
    /// test: each pytest process in a temporary directory of its inputs only (default,
    /// like Pants); false = in place, and then its results are not cached (a warning says so).
    bool sandbox = true;
    std::string reportDir;                     ///< test: write JUnit XML here (--test-report); "" = none
    bool noTimeouts = false;                   ///< test: --no-timeouts
    bool color = false;
    std::vector<std::string> passthrough;      ///< test: args after `--`
    std::vector<std::string> extraEnvVars;     ///< test: --extra-env-vars
    std::optional<std::vector<std::string>> only; ///< lint-like: --only (nullopt = [goal].only)
    std::string python;                        ///< "" = search
    /// test (and check, for mypy): where pytest's interpreter comes from for a resolve
    /// with a lockfile (core/pyenv). Auto: its environment when one is already built (`trellis env
    /// build`), else the interpreter search; Lockfile: build the environment, and a
    /// resolve whose environment cannot be built fails the run, saying why; Search: never
    /// an environment. --python makes Auto search.
    PythonEnvMode pythonEnv = PythonEnvMode::Auto;
    std::string pyenvCacheRoot;                ///< "" = base::cacheDir() + "/pyenv"
    int jobs = 0;                              ///< 0 = number of cores
    std::map<std::string, std::string> environment; ///< the invoking environment

    bool useCache = true;                      ///< false = --no-cache
    std::string cacheDir;                      ///< "" = base::cacheDir() + "/results"
    std::int64_t cacheBytes = std::int64_t(1) << 30;
    TrustNow trust = TrustNow::No;             ///< what the user said about the repository's remote settings

    /// The plan of `selected`, when the caller made it already (the GUI asks before large
    /// runs); it is reported to the observer instead of planning again.
    std::shared_ptr<const RunPlan> plan;

    bool recordHistory = true;                 ///< save the run in the workspace's history
    std::string historyDir;                    ///< "" = RunHistory::directoryFor(build root)
    engine::ProcessRunner *runner = nullptr;   ///< not owned; null = local processes
    base::CancelToken cancel;
};

/// The processes a run will start, before any starts: each with the addresses (test)
/// or files (lint-like goals) it covers.
struct RunPlan {
    Goal goal = Goal::Test;
    std::vector<goals::TestProcessResult> processes;
    std::vector<std::vector<std::string>> labels;
};

/// Receives a run's events. The engine's events (taskStarted, taskOutput, taskFinished,
/// from worker threads; task ids index the plan) come through engine::EngineObserver;
/// the payload of taskFinished is a goals::TestProcessResult (test) or a
/// goals::LintProcessResult (lint-like goals).
class RunObserver : public engine::EngineObserver {
public:
    /// The targets are selected (before the plan).
    virtual void selected(const Selection &) {}
    /// The plan, before anything runs.
    virtual void planned(const RunPlan &) {}
    /// A warning that does not stop the run (remote cache, history not saved, ...).
    virtual void warning(const std::string &) {}
    /// A step of building a resolve's Python environment ("python-default: installing 20 packages").
    virtual void environmentStep(const std::string &) {}
    /// Artifact `index` of `total` of `resolve`'s environment is fetched and verified
    /// (`what`: its file name; `bytes` downloaded for it, 0 = from the local store).
    virtual void environmentArtifact(const std::string & /*resolve*/, const std::string & /*what*/, int /*index*/,
                                     int /*total*/, std::int64_t /*bytes*/) {}
    /// Before `resolve`'s environment (or a pinned tool: "ruff") downloads anything: the
    /// hosts and how many files each. False declines: nothing is downloaded and the
    /// environment (or the pin) is not had. Called on the worker thread.
    virtual bool allowDownloads(const std::string & /*resolve*/,
                                const std::vector<std::pair<std::string, int>> & /*hosts*/)
    {
        return true;
    }
};

struct RunOutcome {
    Goal goal = Goal::Test;
    std::optional<Selection> selection;        ///< null when the selection failed
    /// Every goal's processes as test-like results (lint-like processes converted).
    goals::TestRunResult result;
    goals::LintRunResult lint;                 ///< lint-like goals: the tool results
    goals::RunRecord record;                   ///< what was saved in the history
    bool recorded = false;
    base::Diagnostics diagnostics;             ///< selection or planning errors
    bool cancelled = false;
    bool ranNothing() const { return result.processes.empty(); }
    /// Pants' exit code: 1 when the selection failed, else the goal's.
    int exitCode() const;
};

/// Runs the request, blocking the calling thread (the GUI calls it on a worker thread).
RunOutcome runGoal(const RunRequest &request, RunObserver *observer);

/// The lockfile environments of the resolves `targets` test in, as request.pythonEnv
/// says (empty for Search): resolve -> environment python, or why there is none.
std::map<std::string, goals::TestRequest::ResolveInterpreter>
resolveEnvironments(const RunRequest &request, const std::vector<int> &targets, RunObserver *observer);

/// check: mypy from the environment of each resolve whose environment pins it (as
/// request.pythonEnv says); every lint-like goal: [ruff].version checked against the ruff found.
void pinLintTools(const RunRequest &request, const std::vector<int> &targets, goals::LintRequest &lint,
                  RunObserver *observer);

/// The plan alone, without running (what a GUI shows before it asks to start).
RunPlan planGoal(const RunRequest &request, const std::vector<int> &targets, base::Diagnostics &diagnostics);

/// A lint-like process as a test-like one (no test cases; a skipped tool's reason is its
/// output); the files it covered are not part of it.
goals::TestProcessResult asProcessResult(const goals::LintProcessResult &lint);

} // namespace trellis::run
