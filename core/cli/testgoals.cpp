#include "core/cli/testgoals.h"

#include "core/cli/clisupport.h"
#include "core/cli/remotecachesetup.h"

#include "core/base/paths.h"
#include "core/goals/runhistory.h"
#include "core/goals/testgoal.h"
#include "core/graph/targetgraph.h"

#include <QString>

#include <chrono>
#include <csignal>
#include <mutex>
#include <unistd.h>

namespace trellis::cli {

namespace {

/// Prints Pants-like progress lines on stderr: one per finished process, with its
/// output when [test].output (or --output) selects it.
class LineObserver : public engine::EngineObserver {
public:
    LineObserver(std::ostream &err, std::string outputMode, bool debug)
        : m_err(err), m_outputMode(std::move(outputMode)), m_debug(debug)
    {
    }
    void taskFinished(int, const engine::TaskOutcome &o) override
    {
        if (m_debug || !o.payload.has_value())
            return;
        const auto &r = std::any_cast<const goals::TestProcessResult &>(o.payload);
        std::lock_guard lock(m_mutex);
        const bool passed = o.status == engine::TaskStatus::Succeeded;
        m_err << "Completed: Run Pytest - " << r.description << " - " << (passed ? "succeeded" : "failed")
              << (o.cached ? " (" + o.cacheSource + ")" : std::string()) << ".\n";
        if (!r.error.empty())
            m_err << r.error << '\n';
        const bool show = m_outputMode == "all" || (m_outputMode == "failed" && !passed);
        if (show && !r.output.empty() && !o.cached) {
            m_err << r.output;
            if (r.output.back() != '\n')
                m_err << '\n';
        }
        m_err.flush();
    }

private:
    std::ostream &m_err;
    std::string m_outputMode;
    bool m_debug;
    std::mutex m_mutex;
};

int runTestGoal(GoalContext &ctx)
{
    auto selected = ctx.selectedTargets();
    if (!selected)
        return kExitFailure;
    auto graph = ctx.graph();
    if (!graph)
        return kExitFailure;
    const workspace::Options &opts = graph->workspace()->options();

    goals::TestRequest req;
    req.graph = graph;
    req.roots = *selected;
    // Goal flags (`test --force`) or their scoped forms (`--test-force test`).
    req.debug = ctx.flag("--debug") || opts.boolean("test", "debug");
    req.force = ctx.flag("--force") || opts.boolean("test", "force");
    req.noTimeouts = ctx.option("--timeouts", opts.boolean("test", "timeouts", true) ? "true" : "false") == "false";
    req.python = ctx.option("--python");
    req.passthrough = ctx.passthrough;
    req.color = ctx.color;
    req.environment = processEnvironment();
    if (auto it = ctx.goalOptions.find("--extra-env-vars"); it != ctx.goalOptions.end())
        req.extraEnvVars = it->second;
    const std::optional<int> jobs = jobsFromFlags(ctx);
    if (!jobs)
        return kExitUsage;
    req.jobs = *jobs;
    const GoalCache goalCache = goalCacheFromFlags(ctx, opts, req.environment);
    req.cache = goalCache.cache;

    base::CancelToken cancel;
    req.cancel = cancel;
    LineObserver observer(ctx.err, ctx.option("--output", opts.string("test", "output", "failed")), req.debug);
    const auto started = std::chrono::system_clock::now();
    goals::TestRunResult result;
    {
        InterruptScope interrupt(cancel);
        result = goals::runTests(req, &observer);
    }
    goalCache.finish(); // pending remote uploads, bounded by the remote timeout
    const auto finished = std::chrono::system_clock::now();

    for (const auto &d : result.diagnostics)
        ctx.err << d.format() << '\n';
    // Record the run in the workspace's history, shared with the GUI and `release status`.
    if (!req.debug && !result.processes.empty()) {
        const std::string since = opts.string("changed", "since");
        std::vector<std::string> specs = ctx.specs;
        if (!since.empty())
            specs.push_back("--changed-since=" + since);
        auto ms = [](auto t) {
            return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
        };
        goals::RunRecord record = goals::RunRecord::fromTestRun(result, *graph, "test", specs, since, ms(started),
                                                                ms(finished) - ms(started));
        goals::RunHistory history(goals::RunHistory::directoryFor(graph->workspace()->buildRoot()));
        if (auto st = history.save(record); !st)
            for (const auto &d : st.diagnostics())
                ctx.err << "warning: run history not saved: " << d.message << '\n';
    }
    if (!base::hasErrors(result.diagnostics) && result.processes.empty())
        ctx.err << "warning: No test targets were matched in goal `test`.\n";
    if (!req.debug && !result.processes.empty()) {
        ctx.err << '\n';
        for (const std::string &line : goals::formatSummary(result, ctx.color))
            ctx.err << line << '\n';
    }
    if (result.cancelled)
        ctx.err << "Interrupted: the run was cancelled; running processes were stopped.\n";
    const bool showRerun = ctx.flag("--show-rerun-command") || (!ctx.goalOptions.count("--show-rerun-command") &&
                                                                  std::getenv("CI") != nullptr);
    std::vector<std::string> failing;
    for (const auto &p : result.processes)
        if (p.status == engine::TaskStatus::Failed)
            for (int t : p.targets)
                failing.push_back(graph->address(t).toString());
    if (showRerun && !failing.empty()) {
        std::sort(failing.begin(), failing.end());
        ctx.err << "\nTo rerun the failing tests, use:\n\n    trellis test";
        for (const auto &f : failing)
            ctx.err << ' ' << f;
        ctx.err << '\n';
    }
    ctx.err.flush();
    return result.exitCode();
}

} // namespace

void registerTestGoals(GoalRegistry &registry)
{
    registry.add({"test",
                  {},
                  "Run tests with pytest (python_test targets) and test_shell_command targets.",
                  "Usage: trellis test [options] [SPECS...] [-- PYTEST_ARGS...]\n\n"
                  "Runs one pytest process per test file (batched by batch_compatibility_tag),\n"
                  "in parallel, caching passing results. Ctrl-C cancels and stops running processes.",
                  {{"--jobs", "=N: run N processes at once (default: number of cores)."},
                   {"--force", "Run even when a cached result exists."},
                   {"--debug", "Run serially with the terminal attached; no cache, no retries."},
                   {"--python", "=PATH: use this interpreter instead of searching."},
                   {"--extra-env-vars", "=NAME[=VALUE]: pass an extra environment variable (repeatable)."},
                   {"--timeouts", "Apply test timeouts (default); --no-timeouts ignores them."},
                   {"--output", "=failed|all|none: which processes' output to show (default: [test].output)."},
                   {"--cache", "Read and write the result cache (default); --no-cache skips it."},
                   {"--cache-dir", "=DIR: where results are cached (default: ~/.cache/trellis/results)."},
                   {"--show-rerun-command", "Print the command to rerun failing tests (default on when CI is set)."}},
                  runTestGoal});
}

} // namespace trellis::cli
