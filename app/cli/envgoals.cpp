#include "app/cli/envgoals.h"

#include "app/cli/clisupport.h"

#include "core/base/paths.h"
#include "core/pyenv/resolveenvironment.h"

#include <iostream>
#include <mutex>

namespace trellis::cli {

namespace {

/// Prints build steps on stderr as they happen.
class StepPrinter : public pyenv::EnvironmentObserver {
public:
    StepPrinter(std::ostream &err, std::string resolve) : m_err(err), m_resolve(std::move(resolve)) {}
    void step(const std::string &s) override
    {
        m_err << m_resolve << ": " << s << '\n';
        m_err.flush();
    }
    void artifactReady(const std::string &what, int index, int total, std::int64_t bytes) override
    {
        m_err << m_resolve << ": [" << index << "/" << total << "] " << what << " verified";
        if (bytes > 0)
            m_err << " (" << bytes << " bytes downloaded)";
        m_err << '\n';
        m_err.flush();
    }

private:
    std::ostream &m_err;
    std::string m_resolve;
};

std::string cacheRootOf(GoalContext &c)
{
    const std::string dir = c.option("--cache-dir");
    return dir.empty() ? pyenv::defaultCacheRoot() : dir;
}

void printEnvironment(std::ostream &out, const pyenv::Environment &e)
{
    out << e.resolve << "  " << e.dir << '\n';
    out << "  interpreter: " << e.interpreter << '\n';
    out << "  lockfile: " << e.lockfile << '\n';
    out << "  packages: " << e.packages.size() << " (installed with " << e.installer << ")\n";
    for (const auto &[tool, version] : e.tools)
        out << "  " << tool << ": "
            << (version.empty() ? std::string("unpinned") : version + " from " + e.toolSources.at(tool)) << '\n';
    if (!e.skipped.empty()) {
        out << "  skipped (marker false here):";
        for (const std::string &s : e.skipped)
            out << ' ' << s;
        out << '\n';
    }
}

int runEnvBuild(GoalContext &c)
{
    auto ws = c.workspace();
    if (!ws)
        return kExitFailure;
    const workspace::Options &opts = ws->options();
    std::vector<std::string> resolves;
    if (auto it = c.goalOptions.find("--resolve"); it != c.goalOptions.end())
        resolves = it->second;
    if (resolves.empty())
        for (const auto &[name, path] : pyenv::lockedResolves(opts))
            resolves.push_back(name);
    if (resolves.empty()) {
        c.err << "error: no resolve has a lockfile: set [python].enable_resolves and [python].resolves\n";
        return kExitFailure;
    }
    const std::string cacheRoot = cacheRootOf(c);
    engine::LocalProcessRunner runner;
    pyenv::InterpreterProber prober(runner, cacheRoot + "/interpreters.json");
    std::unique_ptr<pyenv::Downloader> downloader = pyenv::makeHttpDownloader();
    base::CancelToken cancel;
    InterruptScope interrupt(cancel);
    int exit = kExitOk;
    for (const std::string &resolve : resolves) {
        pyenv::EnvironmentSetup setup;
        setup.resolve = resolve;
        setup.python = c.option("--python");
        setup.environment = base::processEnvironment();
        setup.cacheRoot = cacheRoot;
        auto req = pyenv::environmentRequest(opts, setup, prober);
        if (!req) {
            for (const auto &d : req.diagnostics())
                c.err << d.format() << '\n';
            exit = kExitFailure;
            continue;
        }
        req->downloader = downloader.get();
        req->cancel = cancel;
        req->useUv = c.option("--uv", "true") != "false";
        StepPrinter printer(c.err, resolve);
        auto env = pyenv::buildEnvironment(*req, &printer);
        if (!env) {
            c.err << "error: the environment of resolve '" << resolve << "' was not built:\n";
            for (const auto &d : env.diagnostics())
                c.err << d.format() << '\n';
            exit = kExitFailure;
            continue;
        }
        c.err << resolve << ": " << (env->cacheHit ? "up to date" : "built in " + std::to_string(env->buildMs) + " ms")
              << '\n';
        printEnvironment(c.err, *env);
        c.out << env->python << '\n';
    }
    c.out.flush();
    return exit;
}

int runEnvList(GoalContext &c)
{
    const auto envs = pyenv::listEnvironments(cacheRootOf(c));
    if (envs.empty()) {
        c.err << "No environments in " << cacheRootOf(c) << "/envs (build one with `trellis env build`).\n";
        return kExitOk;
    }
    for (const pyenv::Environment &e : envs)
        printEnvironment(c.out, e);
    return kExitOk;
}

int runEnv(GoalContext &c)
{
    const std::string command = c.specs.empty() ? std::string() : c.specs.front();
    if (command == "build" && c.specs.size() == 1)
        return runEnvBuild(c);
    if (command == "list" && c.specs.size() == 1)
        return runEnvList(c);
    c.err << "error: `trellis env` needs `build` or `list` (got '" << command << "'); see `trellis help env`\n";
    return kExitUsage;
}

} // namespace

void registerEnvGoals(GoalRegistry &registry)
{
    registry.add({"env",
                  {},
                  "Build Python environments from the resolves' lockfiles (env build, env list).",
                  "Usage: trellis env build [--resolve=NAME]... [--python=PATH] [--cache-dir=DIR]\n"
                  "       trellis env list [--cache-dir=DIR]\n\n"
                  "`env build` finds an interpreter for the resolve's interpreter constraints along\n"
                  "[python-bootstrap].search_path, installs the lockfile's wheels that fit it (sha256\n"
                  "verified; local files through [python-repos].path_mappings and find_links, else\n"
                  "downloaded) into a virtualenv in the cache, and prints its python. `trellis test`\n"
                  "then runs pytest in it. See docs/environments.md.",
                  {{"--resolve", "=NAME: the resolve to build (repeatable; default: every resolve with a lockfile)."},
                   {"--python", "=PATH: build on this interpreter instead of searching."},
                   {"--uv", "Install with uv when it is on PATH (default); --no-uv uses pip."},
                   {"--cache-dir", "=DIR: where environments are kept (default: ~/.cache/trellis/pyenv)."}},
                  runEnv});
}

} // namespace trellis::cli
