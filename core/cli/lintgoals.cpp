#include "core/cli/lintgoals.h"

#include "core/cli/clisupport.h"
#include "core/cli/remotecachesetup.h"

#include "core/base/paths.h"
#include "core/goals/lintgoal.h"
#include "core/graph/targetgraph.h"

#include <QString>

#include <atomic>
#include <csignal>
#include <mutex>

namespace trellis::cli {

namespace {

/// "Lint", "Format", "Fix", "Typecheck": the verb of the per-process log lines.
const char *goalVerb(goals::LintGoalKind goal)
{
    switch (goal) {
    case goals::LintGoalKind::Lint: return "Lint";
    case goals::LintGoalKind::Fmt: return "Format";
    case goals::LintGoalKind::Fix: return "Fix";
    case goals::LintGoalKind::Check: return "Typecheck";
    }
    return "Lint";
}

/// Prints one `Completed:` line per finished process on stderr, with the output of
/// failing processes.
class LintLineObserver : public engine::EngineObserver {
public:
    LintLineObserver(std::ostream &err, goals::LintGoalKind goal) : m_err(err), m_goal(goal) {}
    void taskFinished(int, const engine::TaskOutcome &o) override
    {
        if (!o.payload.has_value())
            return;
        const auto &r = std::any_cast<const goals::LintProcessResult &>(o.payload);
        std::lock_guard lock(m_mutex);
        const bool passed = o.status == engine::TaskStatus::Succeeded;
        m_err << "Completed: " << goalVerb(m_goal) << " with " << r.description << " - " << r.tool
              << (passed ? " succeeded" : " failed (exit code " + std::to_string(r.exitCode) + ")")
              << (o.cached ? " (" + o.cacheSource + ")" : std::string()) << ".\n";
        if (!r.error.empty())
            m_err << r.error << '\n';
        if (!passed && !r.output.empty()) {
            m_err << r.output;
            if (r.output.back() != '\n')
                m_err << '\n';
        }
        m_err.flush();
    }

private:
    std::ostream &m_err;
    goals::LintGoalKind m_goal;
    std::mutex m_mutex;
};

int runLintGoal(GoalContext &ctx, goals::LintGoalKind kind)
{
    auto selected = ctx.selectedTargets();
    if (!selected)
        return kExitFailure;
    auto graph = ctx.graph();
    if (!graph)
        return kExitFailure;
    const workspace::Options &opts = graph->workspace()->options();
    const char *goalName = goals::lintGoalName(kind);

    goals::LintRequest req;
    req.graph = graph;
    req.roots = *selected;
    req.goal = kind;
    if (auto it = ctx.goalOptions.find("--only"); it != ctx.goalOptions.end())
        req.only = it->second;
    else
        req.only = opts.list(goalName, "only");
    req.force = ctx.flag("--force");
    req.python = ctx.option("--python");
    req.environment = processEnvironment();
    const std::optional<int> jobs = jobsFromFlags(ctx);
    if (!jobs)
        return kExitUsage;
    req.jobs = *jobs;
    const GoalCache goalCache = goalCacheFromFlags(ctx, opts, req.environment);
    req.cache = goalCache.cache;

    base::CancelToken cancel;
    req.cancel = cancel;
    LintLineObserver observer(ctx.err, kind);
    goals::LintRunResult result;
    {
        InterruptScope interrupt(cancel);
        result = goals::runLint(req, &observer);
    }
    goalCache.finish(); // pending remote uploads, bounded by the remote timeout

    for (const auto &d : result.diagnostics)
        ctx.err << d.format() << '\n';
    for (const auto &p : result.processes)
        if (p.skipped)
            ctx.err << "warning: " << p.skipReason << '\n';
    const std::vector<std::string> changed = goals::formatChangedFiles(result);
    if (!changed.empty()) {
        ctx.err << '\n';
        for (const std::string &line : changed)
            ctx.err << line << '\n';
    }
    const std::vector<std::string> summary = goals::formatLintSummary(result, kind, ctx.color);
    if (!summary.empty()) {
        ctx.err << '\n';
        for (const std::string &line : summary)
            ctx.err << line << '\n';
    }
    if (result.cancelled)
        ctx.err << "Interrupted: the run was cancelled; running processes were stopped.\n";
    ctx.err.flush();
    return result.exitCode();
}

std::vector<GoalOption> lintOptions()
{
    return {{"--only", "=TOOL: run only this tool (repeatable; e.g. black, flake8, ruff-check, ruff-format, mypy)."},
            {"--jobs", "=N: run N processes at once (default: number of cores)."},
            {"--force", "Run even when a cached result exists (lint, check)."},
            {"--python", "=PATH: try this interpreter first for `python -m <tool>`."},
            {"--cache", "Read and write the result cache (default); --no-cache skips it."},
            {"--cache-dir", "=DIR: where results are cached (default: ~/.cache/trellis/results)."}};
}

} // namespace

void registerLintGoals(GoalRegistry &registry)
{
    registry.add({"lint",
                  {},
                  "Run linters, and formatters and fixers in check mode.",
                  "Usage: trellis lint [options] [SPECS...]\n\n"
                  "Runs the linters the workspace enables in [GLOBAL].backend_packages (flake8, ruff,\n"
                  "shellcheck) and checks formatting (black, isort, ruff format, shfmt) without\n"
                  "changing files. Tools that are not installed are reported and skipped.",
                  lintOptions(),
                  [](GoalContext &ctx) { return runLintGoal(ctx, goals::LintGoalKind::Lint); }});
    registry.add({"fmt",
                  {},
                  "Format source files in place and report which files changed.",
                  "Usage: trellis fmt [options] [SPECS...]\n\n"
                  "Runs the formatters the workspace enables (black, isort, ruff format, shfmt), in\n"
                  "backend_packages order, and lists the files each one changed.",
                  lintOptions(),
                  [](GoalContext &ctx) { return runLintGoal(ctx, goals::LintGoalKind::Fmt); }});
    registry.add({"fix",
                  {},
                  "Apply automatic fixes (ruff check --fix), then format.",
                  "Usage: trellis fix [options] [SPECS...]\n\n"
                  "Runs the fixers the workspace enables, then its formatters, and lists the files\n"
                  "each one changed.",
                  lintOptions(),
                  [](GoalContext &ctx) { return runLintGoal(ctx, goals::LintGoalKind::Fix); }});
    registry.add({"check",
                  {},
                  "Type-check with mypy, per resolve and interpreter constraints.",
                  "Usage: trellis check [options] [SPECS...]\n\n"
                  "Runs mypy once per partition (resolve + interpreter constraints) with MYPYPATH set\n"
                  "to the source roots.",
                  lintOptions(),
                  [](GoalContext &ctx) { return runLintGoal(ctx, goals::LintGoalKind::Check); }});
}

} // namespace trellis::cli
