#include "app/cli/rungoals.h"

#include "app/cli/clisupport.h"
#include "app/cli/envgoals.h"

#include "core/base/paths.h"
#include "core/graph/targetgraph.h"
#include "core/run/runservice.h"

#include <QString>

#include <algorithm>
#include <mutex>

namespace trellis::cli {

namespace {

/// "Run Pytest", "Lint", "Format", "Fix", "Typecheck": the verb of the per-process lines.
const char *goalVerb(run::Goal goal)
{
    switch (goal) {
    case run::Goal::Test: return "Run Pytest";
    case run::Goal::Lint: return "Lint";
    case run::Goal::Fmt: return "Format";
    case run::Goal::Fix: return "Fix";
    case run::Goal::Check: return "Typecheck";
    }
    return "Lint";
}

/// Prints Pants-like progress lines on stderr: one per finished process, with its
/// output as `outputMode` selects (all, failed, none), and the service's warnings.
class LinePrinter : public run::RunObserver {
public:
    LinePrinter(std::ostream &err, run::Goal goal, std::string outputMode, bool quiet)
        : m_err(err), m_goal(goal), m_outputMode(std::move(outputMode)), m_quiet(quiet)
    {
    }
    void warning(const std::string &w) override
    {
        std::lock_guard lock(m_mutex);
        m_err << "warning: " << w << '\n';
        m_err.flush();
    }
    void environmentStep(const std::string &s) override
    {
        if (m_quiet)
            return;
        std::lock_guard lock(m_mutex);
        m_err << "Environment: " << s << '\n';
        m_err.flush();
    }
    void taskFinished(int, const engine::TaskOutcome &o) override
    {
        if (m_quiet || !o.payload.has_value())
            return;
        const bool passed = o.status == engine::TaskStatus::Succeeded;
        const std::string cached = o.cached ? " (" + o.cacheSource + ")" : std::string();
        std::lock_guard lock(m_mutex);
        const std::string *output = nullptr;
        if (m_goal == run::Goal::Test) {
            const auto &r = std::any_cast<const goals::TestProcessResult &>(o.payload);
            m_err << "Completed: " << goalVerb(m_goal) << " - " << r.description << " - "
                  << (passed ? "succeeded" : "failed") << cached << ".\n";
            if (!r.error.empty())
                m_err << r.error << '\n';
            if (!o.cached)
                output = &r.output;
        } else {
            const auto &r = std::any_cast<const goals::LintProcessResult &>(o.payload);
            m_err << "Completed: " << goalVerb(m_goal) << " with " << r.description << " - " << r.tool
                  << (passed ? " succeeded" : " failed (exit code " + std::to_string(r.exitCode) + ")") << cached
                  << ".\n";
            if (!r.error.empty())
                m_err << r.error << '\n';
            output = &r.output;
        }
        const bool show = m_outputMode == "all" || (m_outputMode == "failed" && !passed);
        if (show && output && !output->empty()) {
            m_err << *output;
            if (output->back() != '\n')
                m_err << '\n';
        }
        m_err.flush();
    }

private:
    std::ostream &m_err;
    run::Goal m_goal;
    std::string m_outputMode;
    bool m_quiet;
    std::mutex m_mutex;
};

int runGoal(GoalContext &ctx, run::Goal goal)
{
    const std::optional<run::Selection> &selection = ctx.selection();
    if (!selection)
        return kExitFailure;
    auto graph = ctx.graph();
    if (!graph)
        return kExitFailure;
    const workspace::Options &opts = graph->workspace()->options();
    const char *name = run::goalName(goal);

    run::RunRequest req;
    req.goal = goal;
    req.graph = graph;
    req.selected = *selection;
    req.environment = base::processEnvironment();
    req.trust = run::trustFromEnvironment(req.environment, ctx.trustRepository);
    req.force = ctx.flag("--force") || opts.boolean(name, "force");
    req.python = ctx.option("--python");
    req.color = ctx.color;
    if (ctx.option("--cache", "true") == "false")
        req.useCache = false;
    req.cacheDir = ctx.option("--cache-dir");
    const std::string jobs = ctx.option("--jobs");
    if (!jobs.empty()) {
        bool ok = false;
        req.jobs = QString::fromStdString(jobs).toInt(&ok);
        if (!ok || req.jobs < 1) {
            ctx.err << "error: --jobs needs a positive number, got '" << jobs << "'\n";
            return kExitUsage;
        }
    }
    const std::string mode = ctx.option("--python-env", opts.string("trellis", "python_env", "auto"));
    auto pythonEnv = run::pythonEnvModeFromName(mode);
    if (!pythonEnv) {
        ctx.err << "error: --python-env must be auto, lockfile or search, not '" << mode << "'\n";
        return kExitUsage;
    }
    req.pythonEnv = *pythonEnv;
    std::string outputMode = "failed";
    if (goal == run::Goal::Test) {
        req.debug = ctx.flag("--debug") || opts.boolean("test", "debug");
        req.sandbox = ctx.option("--sandbox", opts.boolean("trellis", "sandbox", true) ? "true" : "false") != "false";
        if (ctx.option("--test-report", opts.boolean("test", "report") ? "true" : "false") != "false") {
            const std::string dir = opts.string("test", "report_dir", "{distdir}/test/reports");
            const std::string distdir = opts.string("GLOBAL", "pants_distdir", "dist");
            std::string resolved = QString::fromStdString(dir)
                                       .replace(QStringLiteral("{distdir}"), QString::fromStdString(distdir))
                                       .toStdString();
            if (resolved.empty() || resolved.front() != '/')
                resolved = base::joinPath(graph->workspace()->buildRoot(), resolved);
            req.reportDir = resolved;
        }
        req.noTimeouts = ctx.option("--timeouts", opts.boolean("test", "timeouts", true) ? "true" : "false") == "false";
        req.passthrough = ctx.passthrough;
        if (auto it = ctx.goalOptions.find("--extra-env-vars"); it != ctx.goalOptions.end())
            req.extraEnvVars = it->second;
        outputMode = ctx.option("--output", opts.string("test", "output", "failed"));
    } else if (auto it = ctx.goalOptions.find("--only"); it != ctx.goalOptions.end()) {
        req.only = it->second;
    }

    LinePrinter printer(ctx.err, goal, outputMode, req.debug);
    run::RunOutcome result;
    {
        InterruptScope interrupt(req.cancel);
        result = run::runGoal(req, &printer);
    }

    for (const auto &d : result.diagnostics)
        ctx.err << d.format() << '\n';
    if (goal == run::Goal::Test) {
        if (!base::hasErrors(result.diagnostics) && result.ranNothing())
            ctx.err << "warning: No test targets were matched in goal `test`.\n";
        if (!req.debug && !result.ranNothing()) {
            ctx.err << '\n';
            for (const std::string &line : goals::formatSummary(result.result, ctx.color))
                ctx.err << line << '\n';
        }
    } else {
        for (const auto &p : result.lint.processes)
            if (p.skipped)
                ctx.err << "error: " << p.skipReason << '\n';
        const std::vector<std::string> changed = goals::formatChangedFiles(result.lint);
        if (!changed.empty()) {
            ctx.err << '\n';
            for (const std::string &line : changed)
                ctx.err << line << '\n';
        }
        const std::vector<std::string> summary =
            goals::formatLintSummary(result.lint, run::lintGoalKind(goal), ctx.color);
        if (!summary.empty()) {
            ctx.err << '\n';
            for (const std::string &line : summary)
                ctx.err << line << '\n';
        }
    }
    if (result.cancelled)
        ctx.err << "Interrupted: the run was cancelled; running processes were stopped.\n";
    if (goal == run::Goal::Test) {
        const bool showRerun = ctx.flag("--show-rerun-command")
                               || (!ctx.goalOptions.count("--show-rerun-command") && std::getenv("CI") != nullptr);
        std::vector<std::string> failing;
        for (const auto &p : result.result.processes)
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
    }
    ctx.err.flush();
    return result.exitCode();
}

std::vector<GoalOption> commonOptions()
{
    return {{"--jobs", "=N: run N processes at once (default: number of cores)."},
            {"--force", "Run even when a cached result exists."},
            {"--cache", "Read and write the result cache (default); --no-cache skips it."},
            {"--cache-dir", "=DIR: where results are cached (default: ~/.cache/trellis/results)."}};
}

std::vector<GoalOption> lintOptions()
{
    std::vector<GoalOption> options = {
        {"--only", "=TOOL: run only this tool (repeatable; e.g. black, flake8, ruff-check, ruff-format, mypy)."},
        {"--python", "=PATH: try this interpreter first for `python -m <tool>`."},
        {"--python-env", "=auto|lockfile|search: check runs the mypy pinned in the resolve's environment (auto: when built)."}};
    for (GoalOption &o : commonOptions())
        options.push_back(std::move(o));
    return options;
}

} // namespace

void registerRunGoals(GoalRegistry &registry)
{
    registerEnvGoals(registry); // the environments the test goal runs in
    std::vector<GoalOption> testOptions = {
        {"--debug", "Run serially with the terminal attached; no cache, no retries."},
        {"--python", "=PATH: use this interpreter instead of searching."},
        {"--python-env", "=auto|lockfile|search: run pytest in the resolve's lockfile environment (auto: when built)."},
        {"--sandbox", "Run each test process in a temporary directory holding only its inputs (default, like Pants);\n"
                      "--no-sandbox (or [trellis].sandbox = false) runs in place, uncached."},
        {"--test-report", "Write JUnit XML per test process to [test].report_dir (default dist/test/reports)."},
        {"--extra-env-vars", "=NAME[=VALUE]: pass an extra environment variable (repeatable)."},
        {"--timeouts", "Apply test timeouts (default); --no-timeouts ignores them."},
        {"--output", "=failed|all|none: which processes' output to show (default: [test].output)."},
        {"--show-rerun-command", "Print the command to rerun failing tests (default on when CI is set)."}};
    for (GoalOption &o : commonOptions())
        testOptions.push_back(std::move(o));
    registry.add({"test",
                  {},
                  "Run tests with pytest (python_test targets) and test_shell_command targets.",
                  "Usage: trellis test [options] [SPECS...] [-- PYTEST_ARGS...]\n\n"
                  "Runs one pytest process per test file (batched by batch_compatibility_tag),\n"
                  "in parallel, caching passing results. Ctrl-C cancels and stops running processes.",
                  testOptions,
                  [](GoalContext &ctx) { return runGoal(ctx, run::Goal::Test); }});
    registry.add({"lint",
                  {},
                  "Run linters, and formatters and fixers in check mode.",
                  "Usage: trellis lint [options] [SPECS...]\n\n"
                  "Runs the linters the workspace enables in [GLOBAL].backend_packages (flake8, ruff,\n"
                  "shellcheck) and checks formatting (black, isort, ruff format, shfmt) without\n"
                  "changing files. A tool that is not installed is reported and fails the goal.",
                  lintOptions(),
                  [](GoalContext &ctx) { return runGoal(ctx, run::Goal::Lint); }});
    registry.add({"fmt",
                  {},
                  "Format source files in place and report which files changed.",
                  "Usage: trellis fmt [options] [SPECS...]\n\n"
                  "Runs the formatters the workspace enables (black, isort, ruff format, shfmt), in\n"
                  "backend_packages order, and lists the files each one changed.",
                  lintOptions(),
                  [](GoalContext &ctx) { return runGoal(ctx, run::Goal::Fmt); }});
    registry.add({"fix",
                  {},
                  "Apply automatic fixes (ruff check --fix), then format.",
                  "Usage: trellis fix [options] [SPECS...]\n\n"
                  "Runs the fixers the workspace enables, then its formatters, and lists the files\n"
                  "each one changed.",
                  lintOptions(),
                  [](GoalContext &ctx) { return runGoal(ctx, run::Goal::Fix); }});
    registry.add({"check",
                  {},
                  "Type-check with mypy, per resolve and interpreter constraints.",
                  "Usage: trellis check [options] [SPECS...]\n\n"
                  "Runs mypy once per partition (resolve + interpreter constraints) with MYPYPATH set\n"
                  "to the source roots.",
                  lintOptions(),
                  [](GoalContext &ctx) { return runGoal(ctx, run::Goal::Check); }});
}

} // namespace trellis::cli
