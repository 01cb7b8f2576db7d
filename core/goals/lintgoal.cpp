// Planning and running the lint/fmt/fix/check goals.
//
// Planning: the configured tools (backend_packages) are narrowed to the goal's kinds,
// [<tool>].skip, [lint].skip_formatters / skip_fixers and --only. The roots are expanded
// (generators -> generated targets); each tool takes the sources of the targets of its
// language (python_source/python_test, or shell_source) whose skip_<tool> fields are not
// set. mypy's files are partitioned by (resolve, interpreter constraints); every other
// tool's files form one partition that is split with Pants' stable boundary rule (spec
// §8.2) keyed by file path: sorted by path, a batch closes after a path whose 64-bit
// FNV-1a hash has at least log2(batch_size) leading zero bits, or at twice the batch size.
// Then each (tool, interpreter constraints) is located once; a missing tool becomes one
// skipped entry instead of N failing processes.
//
// Running: each batch is one scheduler task. fmt/fix hash the batch's files before and
// after the process to report the files it changed, and order tools over shared files by
// task dependencies. lint/check look the result up in the cache first.
#include "core/goals/lintgoal.h"

#include "core/goals/cachedprocess.h"

#include "core/base/paths.h"
#include "core/goals/goalsupport.h"
#include "core/base/spell.h"
#include "core/goals/pythoninterpreter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <bit>
#include <cmath>
#include <iterator>
#include <set>

namespace trellis::goals {

using base::Diagnostic;
using workspace::HostValue;
using workspace::Target;

namespace {

/// Tool configuration files the tools discover in the build root; their contents are part
/// of every cache key.
const char *const kToolConfigFiles[] = {"pyproject.toml", "setup.cfg",   "tox.ini",    ".flake8",
                                        ".isort.cfg",     "mypy.ini",    ".mypy.ini",  "ruff.toml",
                                        ".ruff.toml",     ".shellcheckrc", ".editorconfig"};

std::string joinConstraints(const std::vector<std::string> &constraints)
{
    std::string s;
    for (const auto &c : constraints)
        s += (s.empty() ? "" : " OR ") + c;
    return s;
}

std::string filesPhrase(size_t n)
{
    return std::to_string(n) + (n == 1 ? " file" : " files");
}

/// A planned process with what is needed to run it.
struct PlannedLint {
    LintProcessResult result;
    size_t tool = 0;                      ///< index into Plan::tools
    std::string locationKey;              ///< into Plan::locations
    std::vector<std::string> sourceRoots; ///< mypy: absolute paths for MYPYPATH
};

struct Plan {
    std::vector<LintTool> tools;                     ///< in run order (fmt/fix: the chain order)
    std::map<std::string, ToolLocation> locations;   ///< "<tool id>|<constraints>" -> found tool
    std::vector<PlannedLint> processes;              ///< scheduled, in task id order
    std::vector<LintProcessResult> missing;          ///< one skipped entry per missing tool
    std::map<std::string, std::string> unpinned;     ///< location key -> why it is not the pinned tool
};

bool toolRunsInGoal(const LintTool &tool, LintGoalKind goal, const workspace::Options &opts)
{
    switch (goal) {
    case LintGoalKind::Lint:
        if (tool.kind == LintToolKind::Formatter)
            return !opts.boolean("lint", "skip_formatters");
        if (tool.kind == LintToolKind::Fixer)
            return !opts.boolean("lint", "skip_fixers");
        return tool.kind == LintToolKind::Linter;
    case LintGoalKind::Fmt:
        return tool.kind == LintToolKind::Formatter;
    case LintGoalKind::Fix:
        if (tool.kind == LintToolKind::Formatter)
            return !opts.boolean("fix", "skip_formatters");
        return tool.kind == LintToolKind::Fixer;
    case LintGoalKind::Check:
        return tool.kind == LintToolKind::Checker;
    }
    return false;
}

std::int64_t batchSizeFor(LintGoalKind goal, const workspace::Options &opts)
{
    std::int64_t size = 128;
    if (goal == LintGoalKind::Lint)
        size = opts.integer("lint", "batch_size", 128);
    else if (goal == LintGoalKind::Fmt || goal == LintGoalKind::Fix)
        size = opts.integer("fmt", "batch_size", 128);
    if (goal == LintGoalKind::Fix && opts.value("fix", "batch_size"))
        size = opts.integer("fix", "batch_size", size);
    return std::max<std::int64_t>(1, size);
}

/// Splits sorted paths with the §8.2 boundary rule.
std::vector<std::vector<std::string>> batchFiles(const std::vector<std::string> &files, std::int64_t batchSize)
{
    const int zeroBits = int(std::floor(std::log2(double(batchSize))));
    std::vector<std::vector<std::string>> batches(1);
    for (const std::string &file : files) {
        batches.back().push_back(file);
        const bool boundary = std::countl_zero(fnv1a64(file)) >= zeroBits;
        if (boundary || std::int64_t(batches.back().size()) >= 2 * batchSize)
            batches.emplace_back();
    }
    if (batches.back().empty())
        batches.pop_back();
    return batches;
}

std::string envValue(const LintRequest &req, const char *name)
{
    auto it = req.environment.find(name);
    return it == req.environment.end() ? std::string() : it->second;
}

/// The environment of every tool process (and of the --version probes).
std::map<std::string, std::string> baseEnvironment(const LintRequest &req, const workspace::Options &opts)
{
    std::map<std::string, std::string> env;
    applyEnvEntries(opts.list("subprocess-environment", "env_vars"), req.environment, env);
    // PATH for `#!/usr/bin/env python3` scripts; HOME/PYENV_ROOT for pyenv shims.
    for (const char *name : {"PATH", "HOME", "PYENV_ROOT"})
        if (auto it = req.environment.find(name); it != req.environment.end())
            env[name] = it->second;
    env["PYTHONDONTWRITEBYTECODE"] = "1";
    return env;
}

Plan makePlan(const LintRequest &req, base::Diagnostics &diags)
{
    Plan plan;
    if (!req.graph)
        return plan;
    const graph::TargetGraph &g = *req.graph;
    const workspace::Workspace &ws = *g.workspace();
    const workspace::Options &opts = ws.options();

    const std::vector<LintTool> configured = configuredLintTools(opts);
    // --only: every id must name a configured tool ("ruff" names both ruff tools).
    std::set<std::string> only;
    for (const std::string &entry : req.only)
        for (std::string_view rest = entry; !rest.empty();) {
            const size_t comma = rest.find(',');
            const std::string id(rest.substr(0, comma));
            rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
            if (!id.empty())
                only.insert(id);
        }
    std::vector<std::string> knownIds;
    for (const LintTool &t : configured) {
        knownIds.push_back(t.id);
        if (t.scope == "ruff" && std::find(knownIds.begin(), knownIds.end(), "ruff") == knownIds.end())
            knownIds.push_back("ruff");
    }
    bool badOnly = false;
    for (const std::string &id : only) {
        if (std::find(knownIds.begin(), knownIds.end(), id) != knownIds.end())
            continue;
        std::vector<std::string> sorted = knownIds;
        std::sort(sorted.begin(), sorted.end());
        std::string known;
        for (const auto &k : sorted)
            known += (known.empty() ? "" : ", ") + k;
        const std::string near = base::nearest(id, sorted);
        diags.push_back(Diagnostic::error(
            {}, "Unrecognized tool `" + id + "` for --only in goal `" + lintGoalName(req.goal) + "`; configured tools: " +
                    (known.empty() ? std::string("none") : known),
            near.empty() ? std::string() : "did you mean " + near + "?"));
        badOnly = true;
    }
    if (badOnly)
        return plan;

    for (const LintTool &t : configured) {
        if (!toolRunsInGoal(t, req.goal, opts) || opts.boolean(t.scope, "skip"))
            continue;
        if (!only.empty() && !only.count(t.id) && !(t.scope == "ruff" && only.count("ruff")))
            continue;
        plan.tools.push_back(t);
    }
    // Run order: fmt/fix chain fixers first, then formatters, each in backend_packages order.
    if (req.goal == LintGoalKind::Fmt || req.goal == LintGoalKind::Fix)
        std::stable_sort(plan.tools.begin(), plan.tools.end(), [](const LintTool &a, const LintTool &b) {
            return (a.kind == LintToolKind::Fixer) > (b.kind == LintToolKind::Fixer);
        });
    else
        std::stable_sort(plan.tools.begin(), plan.tools.end(),
                         [](const LintTool &a, const LintTool &b) { return a.name < b.name; });
    if (plan.tools.empty())
        return plan;

    std::set<int> selected;
    for (int root : req.roots)
        for (int n : g.expansionOf(root))
            selected.insert(n);

    const std::vector<std::string> defaultConstraints = opts.list("python", "interpreter_constraints");
    const std::int64_t batchSize = batchSizeFor(req.goal, opts);
    const std::map<std::string, std::string> probeEnv = baseEnvironment(req, opts);
    engine::LocalProcessRunner localRunner;
    engine::ProcessRunner &runner = req.runner ? *req.runner : localRunner;

    for (size_t ti = 0; ti < plan.tools.size(); ++ti) {
        const LintTool &tool = plan.tools[ti];
        // Partition key -> files; for mypy also the key's constraints and resolve.
        struct Partition {
            std::set<std::string> files;
            std::vector<std::string> constraints;
            std::string resolve;
        };
        std::map<std::string, Partition> partitions;
        for (int n : selected) {
            const Target &t = g.target(n);
            const bool applies = tool.language == "shell" ? t.type == "shell_source" : t.hasPythonSource();
            if (!applies || t.sources.empty())
                continue;
            if (std::any_of(tool.skipFields.begin(), tool.skipFields.end(), [&](const std::string &f) {
                    const HostValue *v = fieldValue(t, f);
                    return v && v->asBool();
                }))
                continue;
            std::string key;
            std::vector<std::string> constraints = defaultConstraints;
            if (tool.kind == LintToolKind::Checker) {
                if (auto own = stringList(fieldValue(t, "interpreter_constraints")); !own.empty())
                    constraints = own;
                key = t.resolve + (t.resolve.empty() || constraints.empty() ? "" : ", ") + joinConstraints(constraints);
            }
            Partition &p = partitions[key];
            p.constraints = constraints;
            p.resolve = t.resolve;
            p.files.insert(t.sources.begin(), t.sources.end());
        }

        std::vector<std::string> allFiles;
        std::string missingWhy; ///< the pinned tool could not be had either
        for (const auto &[key, part] : partitions) {
            // Locate the tool once per interpreter constraint set.
            const auto pinnedPython = req.pinnedPythons.find(tool.scope + "|" + part.resolve);
            const bool pinned = pinnedPython != req.pinnedPythons.end();
            const std::string locationKey = tool.id + "|" + joinConstraints(part.constraints) + (pinned ? "|" + part.resolve : "");
            const auto pinnedTool = req.pinnedTools.find(tool.scope);
            if (!plan.locations.count(locationKey) && !pinned && pinnedTool != req.pinnedTools.end()) {
                plan.locations.emplace(locationKey, ToolLocation{pinnedTool->second.command, pinnedTool->second.version});
            } else if (!plan.locations.count(locationKey)) {
                ToolSearch search;
                search.pathVar = envValue(req, "PATH");
                search.env = probeEnv;
                if (pinned)
                    search.pythons.push_back(pinnedPython->second);
                if (!req.python.empty())
                    search.pythons.push_back(req.python);
                if (!tool.module.empty()) {
                    InterpreterQuery q;
                    q.buildRoot = ws.buildRoot();
                    q.resolve = part.resolve;
                    q.constraints = part.constraints;
                    q.pathVar = search.pathVar;
                    q.home = envValue(req, "HOME");
                    q.requirePytest = false;
                    if (auto interp = findInterpreter(q, runner))
                        search.pythons.push_back(interp->path);
                    // Every python3 on PATH: a pyenv shim without the tool must not hide
                    // /usr/bin/python3 with it.
                    for (size_t start = 0; start <= search.pathVar.size();) {
                        size_t end = search.pathVar.find(':', start);
                        if (end == std::string::npos)
                            end = search.pathVar.size();
                        if (end > start) {
                            const std::string candidate = search.pathVar.substr(start, end - start) + "/python3";
                            if (!engine::findExecutable(candidate, {}).empty())
                                search.pythons.push_back(candidate);
                        }
                        start = end + 1;
                    }
                }
                ToolLocation location = locateTool(tool, search, runner);
                std::string unpinned;
                if (auto why = req.unpinnedReasons.find(tool.scope); why != req.unpinnedReasons.end() && !pinned) {
                    // Not found either: the missing entry gives the reason alone.
                    unpinned = !location.found()
                                   ? why->second
                                   : why->second + "; running " + location.command.front() +
                                         (location.command.size() > 1 ? " -m " + tool.module : std::string()) + " (" +
                                         location.version + ") instead";
                } else if (auto version = req.pinnedVersions.find(tool.scope);
                           version != req.pinnedVersions.end() && location.found() &&
                           location.version.find(version->second) == std::string::npos) {
                    unpinned = "[" + tool.scope + "].version is " + version->second + ", but " +
                               location.command.front() + " is " + location.version;
                }
                if (!unpinned.empty() && location.found()) { // else the missing entry says it
                    const std::string message = tool.name + " is unpinned: " + unpinned;
                    if (std::none_of(diags.begin(), diags.end(), [&](const Diagnostic &d) { return d.message == message; }))
                        diags.push_back(Diagnostic::warning({}, message));
                }
                if (!unpinned.empty())
                    plan.unpinned[locationKey] = unpinned;
                plan.locations.emplace(locationKey, std::move(location));
            }
            const ToolLocation &location = plan.locations.at(locationKey);
            if (!location.found()) {
                allFiles.insert(allFiles.end(), part.files.begin(), part.files.end());
                if (auto un = plan.unpinned.find(locationKey); un != plan.unpinned.end())
                    missingWhy = un->second;
                continue;
            }

            std::vector<std::string> files(part.files.begin(), part.files.end());
            const std::vector<std::vector<std::string>> batches =
                tool.kind == LintToolKind::Checker ? std::vector<std::vector<std::string>>{files}
                                                   : batchFiles(files, batchSize);
            std::set<std::string> roots;
            if (tool.kind == LintToolKind::Checker)
                for (const std::string &f : files)
                    if (auto root = ws.sourceRoots().rootOf(f))
                        roots.insert(root->empty() ? ws.buildRoot() : base::joinPath(ws.buildRoot(), *root));
            for (const auto &batch : batches) {
                PlannedLint p;
                p.tool = ti;
                p.locationKey = locationKey;
                p.sourceRoots.assign(roots.begin(), roots.end());
                p.result.tool = tool.name;
                p.result.toolId = tool.id;
                p.result.kind = tool.kind;
                p.result.partition = key;
                p.result.files = batch;
                p.result.description =
                    tool.name + " on " + filesPhrase(batch.size()) + (key.empty() ? std::string() : " in " + key);
                if (auto un = plan.unpinned.find(locationKey); un != plan.unpinned.end()) {
                    p.result.unpinned = un->second;
                    p.result.description += " [unpinned]";
                }
                plan.processes.push_back(std::move(p));
            }
        }
        if (!allFiles.empty()) {
            const std::string message =
                missingToolMessage(tool) +
                (missingWhy.empty() ? std::string() : " (and no pinned " + tool.executable + " either: " + missingWhy + ")");
            const bool reported = std::any_of(plan.missing.begin(), plan.missing.end(),
                                              [&](const LintProcessResult &m) { return m.skipReason == message; });
            if (!reported) {
                LintProcessResult m;
                m.tool = tool.name;
                m.toolId = tool.id;
                m.kind = tool.kind;
                std::sort(allFiles.begin(), allFiles.end());
                allFiles.erase(std::unique(allFiles.begin(), allFiles.end()), allFiles.end());
                m.files = std::move(allFiles);
                m.description = tool.name;
                m.status = engine::TaskStatus::Skipped;
                m.skipped = true;
                m.skipReason = message;
                plan.missing.push_back(std::move(m));
            }
        }
    }
    return plan;
}

QJsonArray toJsonArray(const std::vector<std::string> &items)
{
    QJsonArray a;
    for (const auto &s : items)
        a.append(QString::fromStdString(s));
    return a;
}

std::vector<std::string> fromJsonArray(const QJsonValue &v)
{
    std::vector<std::string> out;
    for (const QJsonValue &e : v.toArray())
        out.push_back(e.toString().toStdString());
    return out;
}

} // namespace

const char *lintGoalName(LintGoalKind goal)
{
    switch (goal) {
    case LintGoalKind::Lint: return "lint";
    case LintGoalKind::Fmt: return "fmt";
    case LintGoalKind::Fix: return "fix";
    case LintGoalKind::Check: return "check";
    }
    return "lint";
}

std::string serializeLintResult(const LintProcessResult &r)
{
    QJsonObject o{{QStringLiteral("version"), 1},
                  {QStringLiteral("tool"), QString::fromStdString(r.tool)},
                  {QStringLiteral("toolId"), QString::fromStdString(r.toolId)},
                  {QStringLiteral("kind"), QLatin1String(lintToolKindName(r.kind))},
                  {QStringLiteral("description"), QString::fromStdString(r.description)},
                  {QStringLiteral("partition"), QString::fromStdString(r.partition)},
                  {QStringLiteral("files"), toJsonArray(r.files)},
                  {QStringLiteral("status"), QLatin1String(engine::taskStatusName(r.status))},
                  {QStringLiteral("exitCode"), r.exitCode},
                  {QStringLiteral("durationMs"), double(r.durationMs)},
                  {QStringLiteral("output"), QString::fromStdString(r.output)},
                  {QStringLiteral("argv"), toJsonArray(r.argv)},
                  {QStringLiteral("changedFiles"), toJsonArray(r.changedFiles)},
                  {QStringLiteral("error"), QString::fromStdString(r.error)}};
    if (!r.unpinned.empty())
        o.insert(QStringLiteral("unpinned"), QString::fromStdString(r.unpinned));
    return QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString();
}

std::optional<LintProcessResult> deserializeLintResult(const std::string &json)
{
    const std::optional<QJsonObject> parsed = parseVersionedJson(json, 1);
    if (!parsed)
        return std::nullopt;
    const QJsonObject &doc = *parsed;
    LintProcessResult r;
    r.tool = doc[QLatin1String("tool")].toString().toStdString();
    r.toolId = doc[QLatin1String("toolId")].toString().toStdString();
    const QString kind = doc[QLatin1String("kind")].toString();
    for (auto k : {LintToolKind::Linter, LintToolKind::Formatter, LintToolKind::Fixer, LintToolKind::Checker})
        if (kind == QLatin1String(lintToolKindName(k)))
            r.kind = k;
    r.description = doc[QLatin1String("description")].toString().toStdString();
    r.partition = doc[QLatin1String("partition")].toString().toStdString();
    r.files = fromJsonArray(doc[QLatin1String("files")]);
    const QString status = doc[QLatin1String("status")].toString();
    for (auto s : {engine::TaskStatus::Succeeded, engine::TaskStatus::Failed, engine::TaskStatus::Cancelled,
                   engine::TaskStatus::Skipped})
        if (status == QLatin1String(engine::taskStatusName(s)))
            r.status = s;
    r.exitCode = doc[QLatin1String("exitCode")].toInt();
    r.durationMs = std::int64_t(doc[QLatin1String("durationMs")].toDouble());
    r.output = doc[QLatin1String("output")].toString().toStdString();
    r.argv = fromJsonArray(doc[QLatin1String("argv")]);
    r.changedFiles = fromJsonArray(doc[QLatin1String("changedFiles")]);
    r.error = doc[QLatin1String("error")].toString().toStdString();
    r.unpinned = doc[QLatin1String("unpinned")].toString().toStdString();
    return r;
}

std::vector<LintProcessResult> planLint(const LintRequest &request, base::Diagnostics &diagnostics)
{
    Plan plan = makePlan(request, diagnostics);
    std::vector<LintProcessResult> out;
    for (auto &p : plan.processes)
        out.push_back(std::move(p.result));
    for (auto &m : plan.missing)
        out.push_back(std::move(m));
    return out;
}

int LintRunResult::exitCode() const
{
    if (base::hasErrors(diagnostics) || cancelled)
        return 1;
    // A tool that did not run (not installed) is never a success.
    for (const auto &p : processes)
        if (p.failed() || p.skipped || p.status == engine::TaskStatus::Cancelled)
            return 1;
    return 0;
}

LintRunResult runLint(const LintRequest &request, engine::EngineObserver *observer)
{
    LintRunResult result;
    Plan plan = makePlan(request, result.diagnostics);
    if (!request.graph || base::hasErrors(result.diagnostics))
        return result;
    const workspace::Workspace &ws = *request.graph->workspace();
    const workspace::Options &opts = ws.options();
    const bool writes = request.goal == LintGoalKind::Fmt || request.goal == LintGoalKind::Fix;
    const bool cacheable = !writes && request.cache && !request.force;

    engine::LocalProcessRunner localRunner;
    engine::ProcessRunner &runner = request.runner ? *request.runner : localRunner;

    const std::map<std::string, std::string> baseEnv = baseEnvironment(request, opts);
    const std::string toolCacheDir = request.toolCacheDir.empty() ? base::cacheDir() : request.toolCacheDir;

    std::string configDigest;
    for (const char *name : kToolConfigFiles) {
        auto data = base::readFile(base::joinPath(ws.buildRoot(), name));
        configDigest += std::string(name) + "=" + (data ? engine::sha256Hex(*data) : std::string("missing")) + ";";
    }
    auto hashFile = [&](const std::string &rel) {
        auto data = base::readFile(ws.files()->absolutePath(rel));
        return data ? engine::sha256Hex(*data) : std::string("missing");
    };

    result.processes.resize(plan.processes.size());
    engine::Scheduler scheduler({.jobs = request.jobs}, observer, request.cancel);
    for (size_t i = 0; i < plan.processes.size(); ++i) {
        engine::Task task;
        task.description = plan.processes[i].result.description;
        // fmt/fix: wait for earlier tools' batches that touch the same files.
        if (writes) {
            const std::vector<std::string> &mine = plan.processes[i].result.files;
            for (size_t j = 0; j < i; ++j) {
                if (plan.processes[j].tool == plan.processes[i].tool)
                    continue;
                const std::vector<std::string> &theirs = plan.processes[j].result.files;
                std::vector<std::string> common;
                std::set_intersection(mine.begin(), mine.end(), theirs.begin(), theirs.end(),
                                      std::back_inserter(common));
                if (!common.empty())
                    task.dependencies.push_back(int(j));
            }
        }
        task.work = [&, i](engine::TaskContext &ctx) {
            const PlannedLint &proc = plan.processes[i];
            const LintTool &tool = plan.tools[proc.tool];
            const ToolLocation &location = plan.locations.at(proc.locationKey);
            LintProcessResult r = proc.result;

            engine::ProcessSpec spec;
            spec.workingDir = ws.buildRoot();
            spec.env = baseEnv;
            if (tool.scope == "mypy") {
                spec.env["MYPY_CACHE_DIR"] = base::joinPath(toolCacheDir, "mypy");
                std::string mypyPath;
                for (const auto &root : proc.sourceRoots)
                    mypyPath += (mypyPath.empty() ? "" : ":") + root;
                spec.env["MYPYPATH"] = mypyPath;
            } else if (tool.scope == "ruff") {
                spec.env["RUFF_CACHE_DIR"] = base::joinPath(toolCacheDir, "ruff");
            }
            spec.argv = location.command;
            spec.argv.insert(spec.argv.end(), tool.subcommand.begin(), tool.subcommand.end());
            const std::vector<std::string> &modeArgs =
                request.goal == LintGoalKind::Lint ? tool.checkArgs
                : writes                           ? tool.writeArgs
                                                   : std::vector<std::string>{};
            spec.argv.insert(spec.argv.end(), modeArgs.begin(), modeArgs.end());
            // [ruff].args belong to `ruff check`; `ruff format` takes no tool args.
            if (tool.id != "ruff-format")
                for (const std::string &a : opts.list(tool.scope, "args"))
                    for (auto &part : workspace::shellSplit(a))
                        spec.argv.push_back(std::move(part));
            spec.argv.insert(spec.argv.end(), r.files.begin(), r.files.end());
            r.argv = spec.argv;

            std::map<std::string, std::string> before;
            engine::Digest digest;
            if (writes) {
                for (const auto &f : r.files)
                    before[f] = hashFile(f);
            } else {
                digest.add("trellis-lint", "1");
                digest.add("goal", lintGoalName(request.goal));
                digest.add("tool", tool.id);
                digest.add("version", location.version);
                for (const auto &a : spec.argv)
                    digest.add("arg", a);
                for (const auto &[k, v] : spec.env)
                    if (k != "MYPY_CACHE_DIR" && k != "RUFF_CACHE_DIR")
                        digest.add("env", k + "=" + v);
                digest.add("config", configDigest);
                for (const auto &f : r.files)
                    digest.add("file", f + "=" + hashFile(f));
            }
            const std::string cacheKey = writes ? std::string() : digest.hex();

            engine::ResultCache *cache = cacheable ? request.cache.get() : nullptr;
            if (auto hit = answerFromCache<LintProcessResult>(cache, cacheKey, deserializeLintResult,
                                                              [&r](LintProcessResult &c) {
                                                                  c.description = r.description;
                                                                  c.unpinned = r.unpinned;
                                                                  c.files = r.files;
                                                                  c.argv = r.argv;
                                                              }))
                return *hit;

            CapturedRun run = runCaptured(runner, spec, ctx);
            const engine::ProcessResult &pr = run.process;
            r.output = std::move(run.output);
            if (!r.unpinned.empty())
                r.output = "warning: " + tool.name + " is unpinned: " + r.unpinned + "\n" + r.output;
            r.exitCode = pr.exitCode;
            r.durationMs = pr.durationMs;
            r.error = pr.error;
            if (writes)
                for (const auto &[file, hash] : before)
                    if (hashFile(file) != hash)
                        r.changedFiles.push_back(file);
            r.status = pr.ok() ? engine::TaskStatus::Succeeded : engine::TaskStatus::Failed;
            return finishedOutcome(cache, cacheKey, std::move(r), serializeLintResult);
        };
        scheduler.add(std::move(task));
    }
    const std::vector<engine::TaskOutcome> outcomes = plan.processes.empty() ? std::vector<engine::TaskOutcome>()
                                                                              : scheduler.run();
    for (size_t i = 0; i < outcomes.size(); ++i) {
        const engine::TaskOutcome &o = outcomes[i];
        LintProcessResult r = plan.processes[i].result;
        if (o.payload.has_value())
            r = std::any_cast<LintProcessResult>(o.payload);
        r.status = o.status;
        r.cached = o.cached;
        if (o.status == engine::TaskStatus::Cancelled)
            result.cancelled = true;
        result.processes[i] = std::move(r);
    }
    for (auto &m : plan.missing)
        result.processes.push_back(std::move(m));
    if (request.cancel.isCancelled())
        result.cancelled = true;
    return result;
}

std::vector<std::string> formatLintSummary(const LintRunResult &result, LintGoalKind goal, bool color)
{
    struct ToolSummary {
        bool failed = false;
        bool changed = false;
        bool didNotRun = false;
        bool unpinned = false;
        LintToolKind kind = LintToolKind::Linter;
    };
    std::map<std::string, ToolSummary> tools; // sorted by name
    for (const auto &p : result.processes) {
        if (p.skipped) {
            tools[p.tool].didNotRun = true;
            tools[p.tool].kind = p.kind;
            continue;
        }
        if (!p.passed() && !p.failed())
            continue;
        ToolSummary &s = tools[p.tool];
        s.kind = p.kind;
        s.failed = s.failed || p.failed();
        s.changed = s.changed || !p.changedFiles.empty();
        s.unpinned = s.unpinned || !p.unpinned.empty();
    }
    const bool writes = goal == LintGoalKind::Fmt || goal == LintGoalKind::Fix;
    auto paint = [&](const char *code, const std::string &sigil) {
        return color ? std::string(code) + sigil + "\x1b[0m" : sigil;
    };
    std::vector<std::string> lines;
    bool formatterFailed = false;
    for (const auto &[name, s] : tools) {
        const std::string tail = s.unpinned ? " (unpinned)." : ".";
        if (s.didNotRun) {
            lines.push_back(paint("\x1b[31m", "✕") + " " + name + " did not run (not installed).");
        } else if (s.failed) {
            lines.push_back(paint("\x1b[31m", "✕") + " " + name + " failed" + tail);
            formatterFailed = formatterFailed || s.kind == LintToolKind::Formatter;
        } else if (writes && s.changed) {
            lines.push_back(paint("\x1b[33m", "+") + " " + name + " made changes" + tail);
        } else if (writes) {
            lines.push_back(paint("\x1b[32m", "✓") + " " + name + " made no changes" + tail);
        } else {
            lines.push_back(paint("\x1b[32m", "✓") + " " + name + " succeeded" + tail);
        }
    }
    if (goal == LintGoalKind::Lint && formatterFailed) {
        lines.emplace_back();
        lines.emplace_back("(One or more formatters failed. Run `trellis fmt` to fix.)");
    }
    return lines;
}

std::vector<std::string> formatChangedFiles(const LintRunResult &result)
{
    std::map<std::string, std::set<std::string>> changed;
    for (const auto &p : result.processes)
        if (!p.changedFiles.empty())
            changed[p.tool].insert(p.changedFiles.begin(), p.changedFiles.end());
    std::vector<std::string> lines;
    for (const auto &[tool, files] : changed) {
        lines.push_back(tool + " made changes to:");
        for (const auto &f : files)
            lines.push_back("  " + f);
    }
    return lines;
}

} // namespace trellis::goals
