// Planning and running the `test` goal.
//
// Planning: the roots are expanded (generators -> generated targets) and filtered to
// python_test targets without skip_tests, plus test_shell_command targets. Targets with
// a batch_compatibility_tag are grouped by (tag, interpreter constraints, sorted
// extra_env_vars, xdist_concurrency, resolve) and split with Pants' stable boundary rule
// (spec §8.2): sorted by address, a batch closes after an address whose 64-bit FNV-1a
// hash has at least log2(batch_size) leading zero bits, or at twice the batch size.
//
// Running: each process becomes one scheduler task. Its cache key digests everything that
// can change the result: argv (minus the report path), the environment, the interpreter's
// identity, the timeout, and the content of every input file (the transitive closure's
// sources, ancestor __init__.py files, pytest config files and the resolve's lockfile).
// Only passing results are stored. Interpreters are found once per constraint set
// before anything is scheduled, so a missing pytest is one clear message, not N failures.
#include "core/goals/testgoal.h"

#include "core/goals/cachedprocess.h"
#include "core/goals/missingmodule.h"

#include "core/base/paths.h"
#include "core/goals/goalsupport.h"
#include "core/graph/traversal.h"
#include "core/workspace/options.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <mutex>
#include <set>

namespace trellis::goals {

using base::Diagnostic;
using workspace::HostValue;
using workspace::Target;

namespace {

/// A planned process with what is needed to run it.
struct PlannedProcess {
    TestProcessResult result;
    bool shellCommand = false;
    std::vector<std::string> files;        ///< test files (pytest args)
    std::vector<std::string> inputs;       ///< every input file for the cache key, sorted
    std::vector<std::string> sourceRoots;  ///< absolute paths for PYTHONPATH
    std::vector<std::string> envEntries;   ///< target extra_env_vars
    std::vector<std::string> constraints;
    std::string resolve;
    std::int64_t timeoutSeconds = 0;       ///< 0 = none
    std::string command;                   ///< shell command targets
    std::string workdir;                   ///< shell command targets (buildroot-relative)
};

/// Makes `to` the same file as `from`: a hard link, else (another filesystem) a symlink.
void linkIntoSandbox(const std::string &from, const std::string &to)
{
    QDir().mkpath(QFileInfo(QString::fromStdString(to)).absolutePath());
    if (::link(from.c_str(), to.c_str()) != 0)
        QFile::link(QString::fromStdString(from), QString::fromStdString(to));
}

std::int64_t targetTimeout(const Target &t, const workspace::Options &opts, bool noTimeouts)
{
    if (noTimeouts)
        return 0;
    std::int64_t timeout = 0;
    if (const HostValue *v = fieldValue(t, "timeout"); v && v->kind() == HostValue::Kind::Int)
        timeout = v->asInt();
    else if (auto d = opts.value("test", "timeout_default"); d && d->kind() == HostValue::Kind::Int)
        timeout = d->asInt();
    if (auto m = opts.value("test", "timeout_maximum"); m && m->kind() == HostValue::Kind::Int && m->asInt() > 0)
        timeout = timeout > 0 ? std::min(timeout, m->asInt()) : m->asInt();
    return timeout;
}

std::vector<PlannedProcess> plan(const TestRequest &req, base::Diagnostics &diags)
{
    std::vector<PlannedProcess> out;
    if (!req.graph)
        return out;
    const graph::TargetGraph &g = *req.graph;
    const workspace::Workspace &ws = *g.workspace();
    const workspace::Options &opts = ws.options();

    std::set<int> selected;
    for (int root : req.roots)
        for (int n : g.expansionOf(root))
            selected.insert(n);

    struct Item { int node; std::string address; };
    std::map<std::string, std::vector<Item>> batchGroups;
    std::vector<int> singles;
    for (int n : selected) {
        const Target &t = g.target(n);
        if (t.type == "test_shell_command") {
            singles.push_back(n);
            continue;
        }
        if (t.type != "python_test")
            continue;
        if (const HostValue *skip = fieldValue(t, "skip_tests"); skip && skip->asBool())
            continue;
        const std::string tag = fieldString(t, "batch_compatibility_tag");
        if (tag.empty()) {
            singles.push_back(n);
            continue;
        }
        std::vector<std::string> env = stringList(fieldValue(t, "extra_env_vars"));
        std::sort(env.begin(), env.end());
        std::string key = tag + "\x1f" + t.resolve;
        for (const auto &c : stringList(fieldValue(t, "interpreter_constraints")))
            key += "\x1f" "ic:" + c;
        for (const auto &e : env)
            key += "\x1f" "env:" + e;
        if (const HostValue *x = fieldValue(t, "xdist_concurrency"))
            key += "\x1f" "x:" + x->repr();
        batchGroups[key].push_back({n, t.address.toString()});
    }

    auto closureFor = [&](const std::vector<int> &nodes, PlannedProcess &p) {
        const std::vector<int> closure = graph::transitiveDependencies(g, nodes);
        std::set<std::string> inputs;
        std::set<std::string> roots;
        auto addFile = [&](const std::string &file) {
            inputs.insert(file);
            if (auto root = ws.sourceRoots().rootOf(file))
                roots.insert(root->empty() ? ws.buildRoot() : base::joinPath(ws.buildRoot(), *root));
            // Ancestor __init__.py files are always present in Pants' sandbox.
            for (std::string_view dir = base::dirName(file); !dir.empty(); dir = base::dirName(dir)) {
                for (const char *init : {"__init__.py", "__init__.pyi"}) {
                    const std::string candidate = base::joinPath(dir, init);
                    if (ws.files()->contains(candidate))
                        inputs.insert(candidate);
                }
            }
        };
        for (int n : nodes)
            for (const auto &f : g.target(n).sources) {
                addFile(f);
                // conftest.py files in the test file's directory and its ancestors, as
                // pytest loads them (Pants infers these dependencies too).
                for (std::string_view dir = base::dirName(f);; dir = base::dirName(dir)) {
                    const std::string conftest = dir.empty() ? std::string("conftest.py") : base::joinPath(dir, "conftest.py");
                    if (ws.files()->contains(conftest))
                        addFile(conftest);
                    if (dir.empty())
                        break;
                }
            }
        for (int n : closure) {
            const Target &t = g.target(n);
            for (const auto &f : t.sources)
                addFile(f);
        }
        if (!p.shellCommand) // pytest's configuration; a shell command gets only its dependencies
            for (const char *config : {"pytest.ini", "pyproject.toml", "setup.cfg", "tox.ini", "conftest.py"})
                if (ws.files()->contains(config))
                    inputs.insert(config);
        p.inputs.assign(inputs.begin(), inputs.end());
        p.sourceRoots.assign(roots.begin(), roots.end());
    };

    auto makeSingle = [&](int n) {
        const Target &t = g.target(n);
        PlannedProcess p;
        p.result.description = t.address.toString();
        p.result.targets = {n};
        p.timeoutSeconds = targetTimeout(t, opts, req.noTimeouts);
        p.envEntries = stringList(fieldValue(t, "extra_env_vars"));
        p.resolve = t.resolve;
        p.constraints = stringList(fieldValue(t, "interpreter_constraints"));
        if (t.type == "test_shell_command") {
            p.shellCommand = true;
            p.command = fieldString(t, "command");
            const std::string wd = fieldString(t, "workdir");
            p.workdir = wd.empty() || wd == "." ? t.address.specPath
                        : wd.front() == '/'     ? wd.substr(1)
                                                : base::joinPath(t.address.specPath, wd);
        } else {
            p.files = t.sources;
        }
        closureFor({n}, p);
        out.push_back(std::move(p));
    };
    for (int n : singles)
        makeSingle(n);

    const std::int64_t batchSize = std::max<std::int64_t>(1, opts.integer("test", "batch_size", 128));
    const int zeroBits = int(std::floor(std::log2(double(batchSize))));
    for (auto &[key, items] : batchGroups) {
        std::sort(items.begin(), items.end(), [](const Item &a, const Item &b) { return a.address < b.address; });
        std::vector<std::vector<Item>> batches(1);
        for (const Item &item : items) {
            batches.back().push_back(item);
            const bool boundary = std::countl_zero(fnv1a64(item.address)) >= zeroBits;
            if (boundary || std::int64_t(batches.back().size()) >= 2 * batchSize)
                batches.emplace_back();
        }
        if (batches.back().empty())
            batches.pop_back();
        for (const auto &batch : batches) {
            PlannedProcess p;
            for (const Item &item : batch) {
                const Target &t = g.target(item.node);
                p.result.targets.push_back(item.node);
                p.files.insert(p.files.end(), t.sources.begin(), t.sources.end());
                p.timeoutSeconds += targetTimeout(t, opts, req.noTimeouts);
            }
            const Target &first = g.target(batch.front().node);
            p.result.description = batch.size() == 1 ? batch.front().address
                                                     : batch.front().address + " and " +
                                                           std::to_string(batch.size() - 1) + " other files";
            p.envEntries = stringList(fieldValue(first, "extra_env_vars"));
            p.resolve = first.resolve;
            p.constraints = stringList(fieldValue(first, "interpreter_constraints"));
            closureFor(p.result.targets, p);
            out.push_back(std::move(p));
        }
    }
    std::sort(out.begin(), out.end(), [](const PlannedProcess &a, const PlannedProcess &b) {
        return a.result.description < b.result.description;
    });
    (void)diags;
    return out;
}

QJsonObject caseToJson(const TestCase &c)
{
    return QJsonObject{{QStringLiteral("name"), QString::fromStdString(c.name)},
                       {QStringLiteral("class"), QString::fromStdString(c.className)},
                       {QStringLiteral("file"), QString::fromStdString(c.file)},
                       {QStringLiteral("line"), c.line},
                       {QStringLiteral("status"), QLatin1String(testCaseStatusName(c.status))},
                       {QStringLiteral("duration"), c.durationSeconds},
                       {QStringLiteral("message"), QString::fromStdString(c.message)},
                       {QStringLiteral("details"), QString::fromStdString(c.details)}};
}

} // namespace

std::string serializeResult(const TestProcessResult &r)
{
    QJsonArray cases;
    for (const TestCase &c : r.testCases)
        cases.append(caseToJson(c));
    QJsonArray targets;
    for (int t : r.targets)
        targets.append(t);
    QJsonObject o{{QStringLiteral("version"), 1},
                  {QStringLiteral("description"), QString::fromStdString(r.description)},
                  {QStringLiteral("status"), QLatin1String(engine::taskStatusName(r.status))},
                  {QStringLiteral("exitCode"), r.exitCode},
                  {QStringLiteral("timedOut"), r.timedOut},
                  {QStringLiteral("attempts"), r.attempts},
                  {QStringLiteral("flaky"), r.flaky},
                  {QStringLiteral("durationMs"), double(r.durationMs)},
                  {QStringLiteral("output"), QString::fromStdString(r.output)},
                  {QStringLiteral("error"), QString::fromStdString(r.error)},
                  {QStringLiteral("cases"), cases}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString();
}

std::optional<TestProcessResult> deserializeResult(const std::string &json)
{
    const std::optional<QJsonObject> parsed = parseVersionedJson(json, 1);
    if (!parsed)
        return std::nullopt;
    const QJsonObject &doc = *parsed;
    TestProcessResult r;
    r.description = doc[QLatin1String("description")].toString().toStdString();
    const QString status = doc[QLatin1String("status")].toString();
    for (auto s : {engine::TaskStatus::Succeeded, engine::TaskStatus::Failed, engine::TaskStatus::Cancelled,
                   engine::TaskStatus::Skipped})
        if (status == QLatin1String(engine::taskStatusName(s)))
            r.status = s;
    r.exitCode = doc[QLatin1String("exitCode")].toInt();
    r.timedOut = doc[QLatin1String("timedOut")].toBool();
    r.attempts = doc[QLatin1String("attempts")].toInt(1);
    r.flaky = doc[QLatin1String("flaky")].toBool();
    r.durationMs = std::int64_t(doc[QLatin1String("durationMs")].toDouble());
    r.output = doc[QLatin1String("output")].toString().toStdString();
    r.error = doc[QLatin1String("error")].toString().toStdString();
    for (const QJsonValue &v : doc[QLatin1String("cases")].toArray()) {
        const QJsonObject o = v.toObject();
        TestCase c;
        c.name = o[QLatin1String("name")].toString().toStdString();
        c.className = o[QLatin1String("class")].toString().toStdString();
        c.file = o[QLatin1String("file")].toString().toStdString();
        c.line = o[QLatin1String("line")].toInt();
        const QString st = o[QLatin1String("status")].toString();
        for (auto s : {TestCaseStatus::Passed, TestCaseStatus::Failed, TestCaseStatus::Error, TestCaseStatus::Skipped})
            if (st == QLatin1String(testCaseStatusName(s)))
                c.status = s;
        c.durationSeconds = o[QLatin1String("duration")].toDouble();
        c.message = o[QLatin1String("message")].toString().toStdString();
        c.details = o[QLatin1String("details")].toString().toStdString();
        r.testCases.push_back(std::move(c));
    }
    return r;
}

std::vector<TestProcessResult> planTests(const TestRequest &request, base::Diagnostics &diagnostics)
{
    std::vector<TestProcessResult> out;
    for (auto &p : plan(request, diagnostics))
        out.push_back(std::move(p.result));
    return out;
}

int TestRunResult::exitCode() const
{
    if (!diagnostics.empty() && base::hasErrors(diagnostics))
        return 1;
    const TestProcessResult *lastFailure = nullptr;
    // Summary order: by |exit code|, then description; the last failing entry decides.
    std::vector<const TestProcessResult *> sorted;
    for (const auto &p : processes)
        sorted.push_back(&p);
    std::stable_sort(sorted.begin(), sorted.end(), [](const TestProcessResult *a, const TestProcessResult *b) {
        const int ea = std::abs(a->passed() ? 0 : (a->exitCode ? a->exitCode : 1));
        const int eb = std::abs(b->passed() ? 0 : (b->exitCode ? b->exitCode : 1));
        return ea != eb ? ea < eb : a->description < b->description;
    });
    for (const auto *p : sorted)
        if (!p->passed())
            lastFailure = p;
    if (!lastFailure)
        return cancelled ? 1 : 0;
    return lastFailure->exitCode > 0 ? lastFailure->exitCode : 1;
}

TestRunResult runTests(const TestRequest &request, engine::EngineObserver *observer)
{
    TestRunResult result;
    std::vector<PlannedProcess> planned = plan(request, result.diagnostics);
    if (planned.empty() || !request.graph)
        return result;
    const workspace::Workspace &ws = *request.graph->workspace();
    const workspace::Options &opts = ws.options();

    engine::LocalProcessRunner localRunner;
    engine::ProcessRunner &runner = request.runner ? *request.runner : localRunner;

    // Interpreters, once per (resolve, constraints).
    std::map<std::string, PythonInterpreter> interpreters;
    const std::vector<std::string> defaultConstraints = opts.list("python", "interpreter_constraints");
    auto envValue = [&](const char *name) {
        auto it = request.environment.find(name);
        return it == request.environment.end() ? std::string() : it->second;
    };
    for (PlannedProcess &p : planned) {
        if (p.shellCommand)
            continue;
        if (p.constraints.empty())
            p.constraints = defaultConstraints;
        std::string key = p.resolve;
        for (const auto &c : p.constraints)
            key += "|" + c;
        if (interpreters.count(key))
            continue;
        InterpreterQuery q;
        q.buildRoot = ws.buildRoot();
        q.explicitPath = request.python;
        q.resolve = p.resolve;
        q.constraints = p.constraints;
        q.pathVar = envValue("PATH");
        q.home = envValue("HOME");
        base::Result<PythonInterpreter> interp = base::Diagnostic::error({}, "no interpreter");
        if (auto forced = request.resolveInterpreters.find(p.resolve); forced != request.resolveInterpreters.end()) {
            if (!forced->second.error.empty()) {
                interp = base::Diagnostic::error({}, forced->second.error);
            } else {
                interp = probeInterpreter(forced->second.python, runner);
                if (interp && interp->pytestVersion.empty())
                    interp = base::Diagnostic::error({}, "the environment of resolve '" + p.resolve + "' (" +
                                                             forced->second.python + ") cannot import pytest");
            }
        } else {
            interp = findInterpreter(q, runner);
        }
        if (!interp) {
            // Nothing starts: every planned process is reported as not started (an
            // error, never a pass), so that front ends and the history show why.
            std::string why;
            for (auto d : interp.takeDiagnostics()) {
                why += (why.empty() ? "" : "\n") + d.message;
                result.diagnostics.push_back(std::move(d));
            }
            for (const PlannedProcess &p2 : planned) {
                TestProcessResult r = p2.result;
                r.status = engine::TaskStatus::Failed;
                r.exitCode = 1;
                r.error = "not started: " + why;
                result.processes.push_back(std::move(r));
            }
            return result;
        }
        interpreters.emplace(key, *interp);
    }

    QTemporaryDir tempReports;
    const std::string reportDir = request.reportDir.empty() ? tempReports.path().toStdString() : request.reportDir;
    if (!request.reportDir.empty())
        QDir().mkpath(QString::fromStdString(request.reportDir));

    // Content hashes of input files, computed once per file.
    std::mutex hashMutex;
    std::map<std::string, std::string> fileHashes;
    auto hashOf = [&](const std::string &rel) {
        {
            std::lock_guard lock(hashMutex);
            if (auto it = fileHashes.find(rel); it != fileHashes.end())
                return it->second;
        }
        auto data = base::readFile(ws.files()->absolutePath(rel));
        const std::string h = data ? engine::sha256Hex(*data) : std::string("missing");
        std::lock_guard lock(hashMutex);
        fileHashes.emplace(rel, h);
        return h;
    };

    const std::vector<std::string> subprocessEnv = opts.list("subprocess-environment", "env_vars");
    std::vector<std::string> testEnv = opts.list("test", "extra_env_vars");
    testEnv.insert(testEnv.end(), request.extraEnvVars.begin(), request.extraEnvVars.end());
    const std::string slotVar = opts.string("pytest", "execution_slot_var");
    std::vector<std::string> pytestArgs;
    for (const std::string &a : opts.list("pytest", "args"))
        for (auto &part : workspace::shellSplit(a))
            pytestArgs.push_back(part);
    const std::string junitFamily = opts.string("pytest", "junit_family", "xunit2");
    const int attempts = request.debug ? 1 : int(std::max<std::int64_t>(1, opts.integer("test", "attempts_default", 1)));

    std::string lockfileDigest;
    for (const auto &[name, path] : opts.dict("python", "resolves"))
        if (path.isString())
            lockfileDigest += name + "=" + hashOf(path.str()) + ";";

    result.processes.resize(planned.size());
    engine::Scheduler scheduler({.jobs = request.debug ? 1 : request.jobs}, observer, request.cancel);
    for (size_t i = 0; i < planned.size(); ++i) {
        PlannedProcess &p = planned[i];
        engine::Task task;
        task.description = p.result.description;
        task.maxAttempts = attempts;
        task.work = [&, i](engine::TaskContext &ctx) {
            PlannedProcess &proc = planned[i];
            TestProcessResult r = proc.result;
            engine::ProcessSpec spec;
            spec.attachTerminal = request.debug;
            std::map<std::string, std::string> env;
            applyEnvEntries(subprocessEnv, request.environment, env);
            applyEnvEntries(testEnv, request.environment, env);
            applyEnvEntries(proc.envEntries, request.environment, env);
            if (!slotVar.empty())
                env[slotVar] = std::to_string(ctx.slot);
            std::string interpIdentity;
            std::string interpPath;
            // Named as Pants names it: a batch after its first address.
            const std::string junitPath =
                reportDir + "/" + request.graph->address(proc.result.targets.front()).pathSafe() + ".xml";
            if (proc.shellCommand) {
                env["PATH"] = envValue("PATH");
                spec.argv = {"bash", "-c", proc.command};
                spec.workingDir = ws.files()->absolutePath(proc.workdir);
            } else {
                std::string key = proc.resolve;
                for (const auto &c : proc.constraints)
                    key += "|" + c;
                const PythonInterpreter &interp = interpreters.at(key);
                interpIdentity = interp.identity();
                interpPath = interp.path;
                std::string pythonPath;
                for (const auto &root : proc.sourceRoots)
                    pythonPath += (pythonPath.empty() ? "" : ":") + root;
                env["PYTHONPATH"] = pythonPath;
                env["PYTHONDONTWRITEBYTECODE"] = "1";
                spec.argv = {interp.path, "-m", "pytest"};
                spec.argv.insert(spec.argv.end(), pytestArgs.begin(), pytestArgs.end());
                spec.argv.insert(spec.argv.end(),
                                 {"-p", "no:cacheprovider", request.color ? "--color=yes" : "--color=no",
                                  "--junit-xml=@REPORT@", "-o", "junit_family=" + junitFamily});
                spec.argv.insert(spec.argv.end(), proc.files.begin(), proc.files.end());
                spec.argv.insert(spec.argv.end(), request.passthrough.begin(), request.passthrough.end());
                spec.workingDir = ws.buildRoot();
            }
            spec.env = env;
            spec.timeoutMs = proc.timeoutSeconds * 1000;

            // The cache key: the command with a placeholder for the report path.
            engine::Digest digest;
            digest.add("trellis-test", "1");
            for (const auto &a : spec.argv)
                digest.add("arg", a);
            for (const auto &[k, v] : env)
                if (k != slotVar)
                    digest.add("env", k + "=" + v);
            digest.add("interpreter", interpIdentity);
            digest.add("timeout", std::to_string(proc.timeoutSeconds));
            digest.add("workdir", proc.workdir);
            digest.add("lockfiles", lockfileDigest);
            for (const auto &f : proc.inputs)
                digest.add("file", f + "=" + hashOf(f));
            const std::string cacheKey = digest.hex();

            // In place (--no-sandbox) a test can read files its key does not cover: uncached.
            const bool inPlace = !request.sandbox;
            engine::ResultCache *cache = request.debug || inPlace ? nullptr : request.cache.get();
            if (!request.force && ctx.attempt == 1)
                if (auto hit = answerFromCache<TestProcessResult>(cache, cacheKey, deserializeResult,
                                                                  [&r](TestProcessResult &c) {
                                                                      c.targets = r.targets;
                                                                      c.description = r.description;
                                                                  })) {
                    // The report of a cached result, from its stored cases.
                    if (!request.reportDir.empty() && !proc.shellCommand) {
                        const auto &cached = std::any_cast<const TestProcessResult &>(hit->payload);
                        QDir().mkpath(QString::fromStdString(request.reportDir));
                        QFile report(QString::fromStdString(junitPath));
                        if (report.open(QIODevice::WriteOnly | QIODevice::Truncate))
                            report.write(QByteArray::fromStdString(writeJUnitXml(cached.testCases, "pytest")));
                    }
                    return *hit;
                }

            for (auto &a : spec.argv)
                if (a == "--junit-xml=@REPORT@")
                    a = "--junit-xml=" + junitPath;
            r.argv = spec.argv;
            // The sandbox is made after the cache lookup (a hit needs none) and is not part
            // of the key: its path differs on every run.
            std::optional<QTemporaryDir> sandbox;
            if (request.sandbox) {
                sandbox.emplace(QDir::tempPath() + QStringLiteral("/trellis-sandbox-XXXXXX"));
                if (!sandbox->isValid()) {
                    r.status = engine::TaskStatus::Failed;
                    r.exitCode = 1;
                    r.error = "not started: cannot create a sandbox directory in " + QDir::tempPath().toStdString();
                    return finishedOutcome(nullptr, cacheKey, std::move(r), serializeResult);
                }
                const std::string box = sandbox->path().toStdString();
                for (const std::string &f : proc.inputs)
                    linkIntoSandbox(ws.files()->absolutePath(f), box + "/" + f);
                std::string pythonPath;
                for (const auto &root : proc.sourceRoots) {
                    const std::string mapped = root == ws.buildRoot()                  ? box
                                               : root.starts_with(ws.buildRoot() + "/") ? box + root.substr(ws.buildRoot().size())
                                                                                        : root;
                    pythonPath += (pythonPath.empty() ? "" : ":") + mapped;
                }
                if (proc.shellCommand) {
                    // Like Pants' adhoc sandbox: the execution_dependencies (or
                    // dependencies) closure, the workdir relative to the sandbox root.
                    spec.workingDir = proc.workdir.empty() ? box : box + "/" + proc.workdir;
                    QDir().mkpath(QString::fromStdString(spec.workingDir));
                } else {
                    spec.env["PYTHONPATH"] = pythonPath;
                    spec.workingDir = box;
                }
            }
            CapturedRun run = runCaptured(runner, spec, ctx);
            const engine::ProcessResult &pr = run.process;
            r.output = std::move(run.output);
            r.exitCode = pr.exitCode;
            r.timedOut = pr.timedOut;
            r.durationMs = pr.durationMs;
            r.error = pr.error;
            if (pr.timedOut)
                r.output += "\nExceeded timeout of " + std::to_string(proc.timeoutSeconds) +
                            ".0 seconds when executing local process: Run Pytest for " + r.description + "\n";
            if (!proc.shellCommand) {
                if (auto xml = base::readFile(junitPath)) {
                    if (auto cases = parseJUnitXml(*xml, junitPath))
                        r.testCases = std::move(*cases);
                }
            }
            const bool ok = pr.ok();
            if (!ok && !proc.shellCommand)
                r.output += explainMissingModules(*request.graph, r.targets, r.output, interpPath);
            r.status = ok ? engine::TaskStatus::Succeeded : engine::TaskStatus::Failed;
            r.attempts = ctx.attempt;
            r.flaky = ok && ctx.attempt > 1;
            return finishedOutcome(cache, cacheKey, std::move(r), serializeResult);
        };
        scheduler.add(std::move(task));
    }
    const std::vector<engine::TaskOutcome> outcomes = scheduler.run();
    for (size_t i = 0; i < outcomes.size(); ++i) {
        const engine::TaskOutcome &o = outcomes[i];
        TestProcessResult r = planned[i].result;
        if (o.payload.has_value())
            r = std::any_cast<TestProcessResult>(o.payload);
        r.status = o.status;
        r.attempts = o.attempts;
        r.flaky = o.flaky;
        r.cached = o.cached;
        if (o.status == engine::TaskStatus::Cancelled)
            result.cancelled = true;
        result.processes[i] = std::move(r);
    }
    if (request.cancel.isCancelled())
        result.cancelled = true;
    return result;
}

std::vector<std::string> formatSummary(const TestRunResult &result, bool color)
{
    std::vector<const TestProcessResult *> sorted;
    for (const auto &p : result.processes)
        if (p.status == engine::TaskStatus::Succeeded || p.status == engine::TaskStatus::Failed)
            sorted.push_back(&p);
    std::stable_sort(sorted.begin(), sorted.end(), [](const TestProcessResult *a, const TestProcessResult *b) {
        const int ea = std::abs(a->passed() ? 0 : (a->exitCode ? a->exitCode : 1));
        const int eb = std::abs(b->passed() ? 0 : (b->exitCode ? b->exitCode : 1));
        return ea != eb ? ea < eb : a->description < b->description;
    });
    std::vector<std::string> lines;
    for (const TestProcessResult *p : sorted) {
        const bool passed = p->passed();
        std::string sigil = passed ? (p->flaky ? "+" : "✓") : "✕";
        if (color)
            sigil = std::string(passed ? (p->flaky ? "\x1b[33m" : "\x1b[32m") : "\x1b[31m") + sigil + "\x1b[0m";
        char secs[32];
        std::snprintf(secs, sizeof secs, "%.2f", double(p->durationMs) / 1000.0);
        std::string line = sigil + " " + p->description + (passed ? " succeeded" : " failed");
        if (p->attempts > 1)
            line += " after " + std::to_string(p->attempts) + " attempts";
        line += std::string(" in ") + secs + "s";
        if (p->cached)
            line += " (" + (p->cacheSource.empty() ? std::string("cached locally") : p->cacheSource) + ")";
        line += ".";
        lines.push_back(std::move(line));
    }
    return lines;
}

} // namespace trellis::goals
