#include "core/run/runservice.h"

#include "core/base/paths.h"
#include "core/base/text.h"
#include "core/pyenv/externaltool.h"
#include "core/pyenv/resolveenvironment.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>

namespace trellis::run {

goals::LintGoalKind lintGoalKind(Goal goal)
{
    switch (goal) {
    case Goal::Fmt: return goals::LintGoalKind::Fmt;
    case Goal::Fix: return goals::LintGoalKind::Fix;
    case Goal::Check: return goals::LintGoalKind::Check;
    case Goal::Lint:
    case Goal::Test: break;
    }
    return goals::LintGoalKind::Lint;
}

namespace {

std::int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

goals::TestRequest testRequest(const RunRequest &r, const std::vector<int> &targets)
{
    goals::TestRequest req;
    req.graph = r.graph;
    req.roots = targets;
    req.jobs = r.jobs;
    req.force = r.force;
    req.debug = r.debug;
    req.sandbox = r.sandbox;
    req.reportDir = r.reportDir;
    req.noTimeouts = r.noTimeouts;
    req.color = r.color;
    req.passthrough = r.passthrough;
    req.extraEnvVars = r.extraEnvVars;
    req.python = r.python;
    req.environment = r.environment;
    req.runner = r.runner;
    req.cancel = r.cancel;
    return req;
}

goals::LintRequest lintRequest(const RunRequest &r, const std::vector<int> &targets)
{
    goals::LintRequest req;
    req.graph = r.graph;
    req.roots = targets;
    req.goal = lintGoalKind(r.goal);
    req.only = r.only ? *r.only : r.graph->workspace()->options().list(goalName(r.goal), "only");
    req.jobs = r.jobs;
    req.force = r.force;
    req.python = r.python;
    req.environment = r.environment;
    req.runner = r.runner;
    req.cancel = r.cancel;
    return req;
}

/// Forwards environment build steps to the run observer, prefixed with the resolve.
class EnvironmentSteps : public pyenv::EnvironmentObserver {
public:
    EnvironmentSteps(RunObserver *observer, std::string resolve) : m_observer(observer), m_resolve(std::move(resolve)) {}
    void step(const std::string &s) override
    {
        if (m_observer)
            m_observer->environmentStep(m_resolve + ": " + s);
    }
    void artifactReady(const std::string &what, int index, int total, std::int64_t bytes) override
    {
        if (m_observer)
            m_observer->environmentArtifact(m_resolve, what, index, total, bytes);
        if (m_observer && (bytes > 0 || index == total))
            m_observer->environmentStep(m_resolve + ": " + std::to_string(index) + "/" + std::to_string(total) +
                                        " artifacts verified (" + what +
                                        (bytes > 0 ? ", " + std::to_string(bytes) + " bytes downloaded" : std::string()) + ")");
    }

    bool allowDownloads(const std::vector<std::pair<std::string, int>> &hosts) override
    {
        return !m_observer || m_observer->allowDownloads(m_resolve, hosts);
    }

private:
    RunObserver *m_observer; // not owned; may be null
    std::string m_resolve;
};

} // namespace

const char *pythonEnvModeName(PythonEnvMode mode)
{
    switch (mode) {
    case PythonEnvMode::Auto: return "auto";
    case PythonEnvMode::Lockfile: return "lockfile";
    case PythonEnvMode::Search: return "search";
    }
    return "auto";
}

std::optional<PythonEnvMode> pythonEnvModeFromName(std::string_view name)
{
    for (PythonEnvMode m : {PythonEnvMode::Auto, PythonEnvMode::Lockfile, PythonEnvMode::Search})
        if (name == pythonEnvModeName(m))
            return m;
    return std::nullopt;
}

namespace {

/// The environments of `resolves` that have a lockfile, as `request.pythonEnv` says: Auto
/// only finds built ones (a resolve without one is left out), Lockfile builds them (a
/// failure is an entry with the reason). Search, or --python under Auto: none.
std::vector<std::pair<std::string, base::Result<pyenv::Environment>>>
environmentsFor(const RunRequest &request, const std::set<std::string> &resolves, RunObserver *observer)
{
    std::vector<std::pair<std::string, base::Result<pyenv::Environment>>> out;
    const bool lockfileMode = request.pythonEnv == PythonEnvMode::Lockfile;
    if (request.pythonEnv == PythonEnvMode::Search || (!lockfileMode && !request.python.empty()) || !request.graph)
        return out;
    const workspace::Options &opts = request.graph->workspace()->options();
    const auto locked = pyenv::lockedResolves(opts);
    const std::string cacheRoot = request.pyenvCacheRoot.empty() ? pyenv::defaultCacheRoot() : request.pyenvCacheRoot;
    engine::LocalProcessRunner localRunner;
    engine::ProcessRunner &runner = request.runner ? *request.runner : localRunner;
    pyenv::InterpreterProber prober(runner, cacheRoot + "/interpreters.json");
    std::unique_ptr<pyenv::Downloader> downloader;
    for (const std::string &resolve : resolves) {
        if (std::none_of(locked.begin(), locked.end(), [&](const auto &l) { return l.first == resolve; }))
            continue;
        pyenv::EnvironmentSetup setup;
        setup.resolve = resolve;
        setup.python = request.python;
        setup.environment = request.environment;
        setup.cacheRoot = cacheRoot;
        auto envRequest = pyenv::environmentRequest(opts, setup, prober);
        if (envRequest && observer && lockfileMode)
            for (const auto &d : envRequest.diagnostics())
                observer->warning(resolve + ": " + d.message);
        if (!envRequest) {
            if (lockfileMode)
                out.emplace_back(resolve, envRequest.takeDiagnostics());
            continue;
        }
        if (!lockfileMode) {
            if (auto built = pyenv::findEnvironment(*envRequest))
                out.emplace_back(resolve, *built);
            continue; // Auto: nothing built yet, so the interpreter search decides
        }
        if (!downloader)
            downloader = pyenv::makeHttpDownloader();
        envRequest->downloader = downloader.get();
        envRequest->runner = request.runner;
        envRequest->cancel = request.cancel;
        EnvironmentSteps steps(observer, resolve);
        out.emplace_back(resolve, pyenv::buildEnvironment(*envRequest, &steps));
    }
    return out;
}

/// The resolves (default_resolve for none) of the `type` targets among `targets`' expansion.
std::set<std::string> resolvesOf(const graph::TargetGraph &graph, const std::vector<int> &targets,
                                 const std::set<std::string> &types)
{
    const std::string defaultResolve =
        graph.workspace()->options().string("python", "default_resolve", "python-default");
    std::set<std::string> resolves;
    for (int root : targets)
        for (int n : graph.expansionOf(root))
            if (types.count(graph.target(n).type))
                resolves.insert(graph.target(n).resolve.empty() ? defaultResolve : graph.target(n).resolve);
    return resolves;
}

} // namespace

std::map<std::string, goals::TestRequest::ResolveInterpreter>
resolveEnvironments(const RunRequest &request, const std::vector<int> &targets, RunObserver *observer)
{
    std::map<std::string, goals::TestRequest::ResolveInterpreter> out;
    if (!request.graph)
        return out;
    for (auto &[resolve, env] : environmentsFor(request, resolvesOf(*request.graph, targets, {"python_test"}), observer)) {
        goals::TestRequest::ResolveInterpreter entry;
        if (!env) {
            std::string why;
            for (const auto &d : env.diagnostics())
                why += (why.empty() ? "" : "\n") + d.message;
            entry.error = "the Python environment of resolve '" + resolve + "' cannot be built from its lockfile:\n" + why;
        } else if (auto pytest = env->tools.find("pytest"); pytest != env->tools.end() && pytest->second.empty()) {
            entry.error = "pytest is not pinned for resolve '" + resolve + "': the resolve's lockfile does not lock it, "
                          "and [pytest] names neither install_from_resolve nor a lockfile that does";
        } else {
            entry.python = env->python;
            if (observer)
                observer->environmentStep(resolve + ": " + env->python + (env->cacheHit ? " (cached)" : " (built)"));
        }
        out[resolve] = std::move(entry);
    }
    return out;
}

namespace {

/// True when `pantsVersion` ("2.23.0", "2.19.1") is 2.20 or later, or not given: from 2.20
/// Pants downloads ruff as a binary ([ruff].version, known_versions, url_template).
bool ruffIsExternal(const std::string &pantsVersion)
{
    if (pantsVersion.empty())
        return true;
    int major = 0, minor = 0;
    if (std::sscanf(pantsVersion.c_str(), "%d.%d", &major, &minor) != 2)
        return true;
    return major > 2 || (major == 2 && minor >= 20);
}

/// The version of `tool` in the lockfile of `source` ("" when it cannot be read or lacks it).
std::string lockedToolVersion(const workspace::Options &opts, const pyenv::ToolPinSource &source)
{
    auto text = base::readFile(base::joinPath(opts.buildRoot(), source.lockfilePath));
    if (!text)
        return {};
    auto lock = pyenv::readLockedResolve(*text, source.lockfilePath);
    if (!lock)
        return {};
    const int idx = lock->indexOf(base::normalizeProjectName(source.tool));
    return idx < 0 ? std::string() : lock->distributions[std::size_t(idx)].version;
}

std::string firstMessages(const base::Diagnostics &diagnostics)
{
    std::string out;
    for (std::size_t i = 0; i < diagnostics.size() && i < 3; ++i)
        out += (out.empty() ? "" : "; ") + diagnostics[i].message;
    if (diagnostics.size() > 3)
        out += "; ...";
    return out;
}

/// lint/fmt/fix: black, isort, flake8 (and ruff before Pants 2.20) from their tool
/// environments; ruff from its pinned download. What cannot be pinned goes to
/// lint.unpinnedReasons with the reason.
void pinToolEnvironments(const RunRequest &request, goals::LintRequest &lint, RunObserver *observer)
{
    const workspace::Options &opts = request.graph->workspace()->options();
    const goals::LintGoalKind goal = lintGoalKind(request.goal);
    std::set<std::string> only;
    for (const std::string &entry : lint.only)
        for (std::size_t start = 0; start <= entry.size();) {
            std::size_t comma = entry.find(',', start);
            if (comma == std::string::npos)
                comma = entry.size();
            if (comma > start)
                only.insert(entry.substr(start, comma - start));
            start = comma + 1;
        }
    std::vector<goals::LintTool> tools;
    for (const goals::LintTool &tool : goals::configuredLintTools(opts)) {
        if (tool.language != "python" || tool.kind == goals::LintToolKind::Checker)
            continue;
        if (goal == goals::LintGoalKind::Fmt && tool.kind != goals::LintToolKind::Formatter)
            continue;
        if (!only.empty() && !only.count(tool.id) && !only.count(tool.scope))
            continue;
        if (opts.boolean(tool.scope, "skip") ||
            std::any_of(tools.begin(), tools.end(), [&](const goals::LintTool &t) { return t.scope == tool.scope; }))
            continue;
        tools.push_back(tool);
    }
    if (tools.empty())
        return;
    const std::string cacheRoot = request.pyenvCacheRoot.empty() ? pyenv::defaultCacheRoot() : request.pyenvCacheRoot;
    engine::LocalProcessRunner localRunner;
    engine::ProcessRunner &runner = request.runner ? *request.runner : localRunner;
    pyenv::InterpreterProber prober(runner, cacheRoot + "/interpreters.json");
    std::unique_ptr<pyenv::Downloader> downloader = pyenv::makeHttpDownloader();
    auto step = [&](const std::string &s) {
        if (observer)
            observer->environmentStep(s);
    };
    for (const goals::LintTool &tool : tools) {
        const std::string &scope = tool.scope;
        if (scope == "ruff" && ruffIsExternal(opts.string("GLOBAL", "pants_version"))) {
            if (!opts.string("ruff", "install_from_resolve").empty() && observer)
                observer->warning("[ruff].install_from_resolve is ignored, as Pants " +
                                  opts.string("GLOBAL", "pants_version", ">= 2.20") +
                                  " ignores it: ruff is downloaded per [ruff].version and known_versions");
            const pyenv::ExternalToolOptions ruff = pyenv::ruffToolOptions(opts);
            auto fetched = pyenv::fetchExternalTool(
                ruff, pyenv::currentPlatform(), cacheRoot, downloader.get(), request.cancel,
                [&](const std::string &url) {
                    const std::size_t slash = url.find('/', url.find("://") + 3);
                    return !observer || observer->allowDownloads("ruff", {{url.substr(0, slash), 1}});
                });
            if (fetched) {
                lint.pinnedTools[scope] = {{fetched->path}, "ruff " + fetched->version, fetched->url};
                step("ruff: ruff " + fetched->version + " from " + fetched->url +
                     (fetched->cacheHit ? " (cached)" : " (downloaded, sha256 verified)"));
            } else {
                lint.unpinnedReasons[scope] =
                    "[ruff].version is " + ruff.version + ", but " + firstMessages(fetched.diagnostics());
            }
            continue;
        }
        auto source = pyenv::toolPinSource(opts, scope);
        const std::string wanted = pyenv::wantedToolRequirement(opts, scope);
        if (!source) {
            lint.unpinnedReasons[scope] =
                (wanted.empty() ? "Pants would install " + scope + " from its built-in lockfile, which Trellis does not have"
                                : "wanted " + wanted + ", but nothing locks it") +
                " (" + source.diagnostics().front().message + ")";
            continue;
        }
        const std::string lockedVersion = lockedToolVersion(opts, *source);
        const std::string wantedText =
            "wanted " + scope + (lockedVersion.empty() ? std::string() : " " + lockedVersion) + " from " + source->describe();
        if (request.pythonEnv == PythonEnvMode::Search) {
            lint.unpinnedReasons[scope] = wantedText + ", but --python-env=search uses no environment";
            continue;
        }
        pyenv::EnvironmentSetup setup;
        setup.python = request.pythonEnv == PythonEnvMode::Lockfile ? request.python : std::string();
        setup.environment = request.environment;
        setup.cacheRoot = cacheRoot;
        auto envRequest = pyenv::toolEnvironmentRequest(opts, *source, setup, prober);
        if (!envRequest) {
            lint.unpinnedReasons[scope] = wantedText + ", but " + firstMessages(envRequest.diagnostics());
            continue;
        }
        envRequest->downloader = downloader.get();
        envRequest->runner = request.runner;
        envRequest->cancel = request.cancel;
        EnvironmentSteps steps(observer, "tool-" + scope);
        auto env = pyenv::buildEnvironment(*envRequest, &steps);
        if (!env) {
            lint.unpinnedReasons[scope] =
                wantedText + ", but its environment cannot be built: " + firstMessages(env.diagnostics());
            continue;
        }
        const std::string version = pyenv::installedVersion(*env, scope);
        if (version.empty()) {
            lint.unpinnedReasons[scope] = wantedText + ", but that lockfile does not lock " + scope;
            continue;
        }
        lint.pinnedTools[scope] = {{env->python, "-m", tool.module}, scope + " " + version, source->describe()};
        step(scope + ": " + scope + " " + version + " from " + source->describe() + " (" + env->python +
             (env->cacheHit ? ", cached)" : ", built)"));
    }
}

} // namespace

void pinLintTools(const RunRequest &request, const std::vector<int> &targets, goals::LintRequest &lint,
                  RunObserver *observer)
{
    if (!request.graph)
        return;
    const workspace::Options &opts = request.graph->workspace()->options();
    if (auto ruff = opts.value("ruff", "version"); ruff && ruff->isString() && !ruff->str().empty())
        lint.pinnedVersions["ruff"] = ruff->str();
    if (request.goal != Goal::Check) {
        pinToolEnvironments(request, lint, observer);
        return;
    }
    const std::set<std::string> types{"python_source", "python_test", "python_test_utils"};
    for (auto &[resolve, env] : environmentsFor(request, resolvesOf(*request.graph, targets, types), observer)) {
        if (!env) {
            if (observer)
                observer->warning("mypy for resolve '" + resolve + "' is unpinned: its environment cannot be built (" +
                                  env.diagnostics().front().message + ")");
            continue;
        }
        auto mypy = env->tools.find("mypy");
        if (mypy != env->tools.end() && !mypy->second.empty()) {
            lint.pinnedPythons["mypy|" + resolve] = env->python;
            if (observer)
                observer->environmentStep(resolve + ": mypy " + mypy->second + " from " + env->python);
        } else if (observer && request.pythonEnv == PythonEnvMode::Lockfile) {
            observer->warning("mypy is unpinned for resolve '" + resolve +
                              "': neither the resolve's lockfile, [mypy].install_from_resolve nor [mypy].lockfile locks it");
        }
    }
}

const char *goalName(Goal goal)
{
    switch (goal) {
    case Goal::Test: return "test";
    case Goal::Lint: return "lint";
    case Goal::Fmt: return "fmt";
    case Goal::Fix: return "fix";
    case Goal::Check: return "check";
    }
    return "test";
}

std::optional<Goal> goalFromName(std::string_view name)
{
    for (Goal g : {Goal::Test, Goal::Lint, Goal::Fmt, Goal::Fix, Goal::Check})
        if (name == goalName(g))
            return g;
    return std::nullopt;
}

int RunOutcome::exitCode() const
{
    if (!selection || base::hasErrors(diagnostics))
        return 1;
    return goal == Goal::Test ? result.exitCode() : lint.exitCode();
}

goals::TestProcessResult asProcessResult(const goals::LintProcessResult &lint)
{
    goals::TestProcessResult r;
    r.description = lint.description.empty() ? lint.tool : lint.description;
    r.status = lint.status;
    r.exitCode = lint.exitCode;
    r.cached = lint.cached;
    r.cacheSource = lint.cacheSource;
    r.durationMs = lint.durationMs;
    r.output = lint.output;
    r.argv = lint.argv;
    r.error = lint.error;
    if (lint.skipped && !lint.skipReason.empty())
        r.output += lint.skipReason + "\n";
    return r;
}

namespace {

/// The plan of a lint-like goal for `lint` (with its pinned tools, so that the planned
/// processes are the ones runLint starts, in the same order).
RunPlan planLintGoal(Goal goal, const goals::LintRequest &lint, base::Diagnostics &diagnostics)
{
    RunPlan plan;
    plan.goal = goal;
    for (const goals::LintProcessResult &p : goals::planLint(lint, diagnostics)) {
        plan.processes.push_back(asProcessResult(p));
        plan.labels.push_back(p.files);
    }
    return plan;
}

} // namespace

RunPlan planGoal(const RunRequest &request, const std::vector<int> &targets, base::Diagnostics &diagnostics)
{
    RunPlan plan;
    plan.goal = request.goal;
    const graph::TargetGraph &graph = *request.graph;
    if (request.goal == Goal::Test) {
        plan.processes = goals::planTests(testRequest(request, targets), diagnostics);
        for (const goals::TestProcessResult &p : plan.processes) {
            std::vector<std::string> addresses;
            for (int t : p.targets)
                addresses.push_back(graph.address(t).toString());
            std::sort(addresses.begin(), addresses.end());
            plan.labels.push_back(std::move(addresses));
        }
    } else {
        plan = planLintGoal(request.goal, lintRequest(request, targets), diagnostics);
    }
    return plan;
}

RunOutcome runGoal(const RunRequest &request, RunObserver *observer)
{
    RunOutcome out;
    out.goal = request.goal;
    auto warn = [observer](const std::string &w) {
        if (observer)
            observer->warning(w);
    };
    if (!request.graph) {
        out.diagnostics.push_back(base::Diagnostic::error({}, "no dependency graph to run goals on"));
        return out;
    }
    const workspace::Workspace &ws = *request.graph->workspace();

    // 1. The selection.
    if (request.selected) {
        out.selection = *request.selected;
    } else {
        auto graph = request.graph;
        base::Result<Selection> s = selectTargets(ws, [graph] { return graph; }, request.selection);
        if (!s) {
            out.diagnostics = s.diagnostics();
            return out;
        }
        out.selection = std::move(*s);
    }
    if (observer)
        observer->selected(*out.selection);
    const std::vector<int> &targets = out.selection->targets;

    // 2. The cache: fmt/fix rewrite files and never cache; --debug runs uncached.
    const bool cacheable = request.useCache && !request.debug && request.goal != Goal::Fmt && request.goal != Goal::Fix;
    ResultCacheSetup cache;
    if (cacheable)
        cache = makeResultCache(ws.options(), request.cacheDir.empty() ? base::cacheDir() + "/results" : request.cacheDir,
                                request.environment, request.trust, warn, request.cacheBytes);

    // 3. The plan, then 4. the run. Lint-like goals pin their tools first: the plan must
    // list the processes the run starts (a pinned tool runs where a missing one would not).
    const std::int64_t started = nowMs();
    goals::LintRequest lintReq;
    if (request.goal != Goal::Test) {
        lintReq = lintRequest(request, targets);
        lintReq.cache = cache.cache;
        pinLintTools(request, targets, lintReq, observer);
    }
    if (observer && request.plan && request.selected) {
        observer->planned(*request.plan);
    } else if (observer) {
        base::Diagnostics planDiagnostics;
        observer->planned(request.goal == Goal::Test ? planGoal(request, targets, planDiagnostics)
                                                     : planLintGoal(request.goal, lintReq, planDiagnostics));
    }
    std::vector<std::vector<std::string>> lintFiles;
    if (request.goal == Goal::Test) {
        goals::TestRequest req = testRequest(request, targets);
        req.cache = cache.cache;
        if (!request.sandbox && !request.debug)
            warn(kInPlaceWarning);
        req.resolveInterpreters = resolveEnvironments(request, targets, observer);
        out.result = goals::runTests(req, observer);
    } else {
        out.lint = goals::runLint(lintReq, observer);
        for (const goals::LintProcessResult &p : out.lint.processes) {
            out.result.processes.push_back(asProcessResult(p));
            lintFiles.push_back(p.files);
        }
        out.result.diagnostics = out.lint.diagnostics;
        out.result.cancelled = out.lint.cancelled;
    }
    cache.finish(); // pending remote uploads, bounded by the remote timeout
    out.cancelled = out.result.cancelled || request.cancel.isCancelled();
    out.diagnostics.insert(out.diagnostics.end(), out.result.diagnostics.begin(), out.result.diagnostics.end());

    // 5. The history, shared by the CLI, the GUI and `release status`.
    if (request.recordHistory && !request.debug && !out.result.processes.empty()) {
        out.record = goals::RunRecord::fromTestRun(out.result, *request.graph, goalName(request.goal),
                                                   out.selection->recordSpecs(), out.selection->since, started,
                                                   nowMs() - started);
        for (size_t i = 0; i < out.record.processes.size() && i < lintFiles.size(); ++i)
            out.record.processes[i].addresses.insert(out.record.processes[i].addresses.end(), lintFiles[i].begin(),
                                                     lintFiles[i].end());
        goals::RunHistory history(request.historyDir.empty() ? goals::RunHistory::directoryFor(ws.buildRoot())
                                                             : request.historyDir);
        if (base::Status saved = history.save(out.record); saved)
            out.recorded = true;
        else
            for (const auto &d : saved.diagnostics())
                warn("run history not saved: " + d.message);
    }
    return out;
}

} // namespace trellis::run
