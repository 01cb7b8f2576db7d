#include "core/pyenv/resolveenvironment.h"

#include "core/base/paths.h"
#include "core/base/text.h"
#include "core/pyenv/lockedresolve.h"
#include "core/pyenv/text_p.h"

#include <QDir>

namespace trellis::pyenv {

using base::Diagnostic;

namespace {

std::string absoluteIn(const std::string &root, const std::string &path)
{
    return QDir(QString::fromStdString(root)).absoluteFilePath(QString::fromStdString(path)).toStdString();
}

} // namespace

std::string defaultCacheRoot()
{
    return base::cacheDir() + "/pyenv";
}

std::vector<std::pair<std::string, std::string>> lockedResolves(const workspace::Options &options)
{
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto &[name, path] : options.dict("python", "resolves"))
        if (path.isString() && !path.str().empty())
            out.emplace_back(name, path.str());
    return out;
}

std::vector<std::string> resolveConstraints(const workspace::Options &options, const std::string &resolve)
{
    for (const auto &[name, value] : options.dict("python", "resolves_to_interpreter_constraints"))
        if (name == resolve && value.isSequence()) {
            std::vector<std::string> out;
            for (const auto &v : value.items())
                out.push_back(v.str());
            if (!out.empty())
                return out;
        }
    return options.list("python", "interpreter_constraints");
}

InterpreterSearch interpreterSearch(const workspace::Options &options, const EnvironmentSetup &setup)
{
    InterpreterSearch s;
    s.environment = setup.environment;
    s.buildRoot = options.buildRoot();
    s.explicitPath = setup.python;
    if (auto v = options.value("python-bootstrap", "search_path"); v && v->isSequence())
        s.searchPath = options.list("python-bootstrap", "search_path");
    if (auto v = options.value("python-bootstrap", "names"); v && v->isSequence())
        s.names = options.list("python-bootstrap", "names");
    return s;
}

base::Result<EnvironmentRequest> environmentRequest(const workspace::Options &options, const EnvironmentSetup &setup,
                                                    InterpreterProber &prober)
{
    const std::string resolve =
        setup.resolve.empty() ? options.string("python", "default_resolve", "python-default") : setup.resolve;
    const auto resolves = lockedResolves(options);
    std::string lockPath;
    std::vector<std::string> known;
    for (const auto &[name, path] : resolves) {
        known.push_back(name);
        if (name == resolve)
            lockPath = path;
    }
    if (lockPath.empty())
        return Diagnostic::error({}, "resolve '" + resolve + "' has no lockfile in [python].resolves" +
                                         (known.empty() ? std::string(" (none is configured)")
                                                        : " (known: " + text::join(known, ", ") + ")"));
    EnvironmentRequest req;
    req.resolve = resolve;
    req.lockfilePath = absoluteIn(options.buildRoot(), lockPath);
    auto text = base::readFile(req.lockfilePath);
    if (!text)
        return Diagnostic::error({}, "the lockfile of resolve '" + resolve + "' (" + lockPath +
                                         ") cannot be read; generate it with `pants generate-lockfiles --resolve=" +
                                         resolve + "`");
    req.lockfileText = std::move(*text);
    req.environment = setup.environment;
    req.cacheRoot = setup.cacheRoot.empty() ? defaultCacheRoot() : setup.cacheRoot;
    req.exportDir = absoluteIn(options.buildRoot(), options.string("GLOBAL", "pants_distdir", "dist")) +
                    "/export/python/virtualenvs/" + resolve;

    auto repos = parseRepoOptions(options.list("python-repos", "path_mappings"), options.list("python-repos", "find_links"));
    if (!repos)
        return repos.takeDiagnostics();
    req.repos = std::move(*repos);

    InterpreterSearch search = interpreterSearch(options, setup);
    search.constraints = resolveConstraints(options, resolve);
    auto python = findPython(search, prober);
    if (!python) {
        base::Diagnostics d = python.takeDiagnostics();
        if (!d.empty())
            d.front().message = "resolve '" + resolve + "': " + d.front().message;
        return d;
    }
    req.python = std::move(*python);

    base::Diagnostics warnings;
    for (const std::string &tool : setup.tools) {
        ToolPin pin;
        pin.name = tool;
        const std::vector<std::string> requirements = options.list(tool, "requirements");
        pin.requirement = !requirements.empty() ? requirements.front() : options.string(tool, "version");
        if (pin.requirement.empty())
            pin.requirement = tool;
        const std::string fromResolve = options.string(tool, "install_from_resolve");
        std::string toolLock = options.string(tool, "lockfile");
        if (!fromResolve.empty()) {
            toolLock.clear();
            for (const auto &[name, path] : resolves)
                if (name == fromResolve)
                    toolLock = path;
            if (toolLock.empty())
                warnings.push_back(Diagnostic::warning({}, "[" + tool + "].install_from_resolve names '" + fromResolve +
                                                               "', which has no lockfile in [python].resolves; " +
                                                               tool + " is unpinned"));
        }
        if (!toolLock.empty() && toolLock.front() != '<') { // "<default>" is Pants' built-in lockfile: not available
            pin.lockfilePath = absoluteIn(options.buildRoot(), toolLock);
            if (auto t = base::readFile(pin.lockfilePath))
                pin.lockfileText = std::move(*t);
            else
                warnings.push_back(Diagnostic::warning({}, "the " + tool + " lockfile " + toolLock +
                                                               " cannot be read; " + tool + " is unpinned"));
        }
        req.tools.push_back(std::move(pin));
    }
    return {std::move(req), std::move(warnings)};
}

std::string ToolPinSource::describe() const
{
    if (!resolve.empty())
        return "resolve '" + resolve + "' (" + option + ")";
    return lockfilePath + " (" + option + ")";
}

std::string wantedToolRequirement(const workspace::Options &options, const std::string &tool)
{
    const std::vector<std::string> requirements = options.list(tool, "requirements");
    if (!requirements.empty())
        return requirements.front();
    return options.string(tool, "version");
}

base::Result<ToolPinSource> toolPinSource(const workspace::Options &options, const std::string &tool)
{
    ToolPinSource src;
    src.tool = tool;
    const auto resolves = lockedResolves(options);
    auto lockOf = [&](const std::string &resolve) {
        for (const auto &[name, path] : resolves)
            if (name == resolve)
                return path;
        return std::string();
    };
    std::vector<std::string> ownConstraints = options.list(tool, "interpreter_constraints");
    if (const std::string fromResolve = options.string(tool, "install_from_resolve"); !fromResolve.empty()) {
        src.option = "[" + tool + "].install_from_resolve";
        src.resolve = fromResolve;
        src.lockfilePath = lockOf(fromResolve);
        if (src.lockfilePath.empty())
            return Diagnostic::error({}, "[" + tool + "].install_from_resolve names '" + fromResolve +
                                             "', which has no lockfile in [python].resolves");
        src.roots = options.list(tool, "requirements"); // Pants: the whole lockfile unless listed
        src.constraints = ownConstraints.empty() ? resolveConstraints(options, fromResolve) : ownConstraints;
        return src;
    }
    src.constraints = ownConstraints.empty() ? options.list("python", "interpreter_constraints") : ownConstraints;
    if (const std::string lock = options.string(tool, "lockfile"); !lock.empty() && lock.front() != '<') {
        src.option = "[" + tool + "].lockfile";
        src.lockfilePath = lock;
        return src; // a tool lockfile's own requirements are the tool's
    }
    const std::string defaultResolve = options.string("python", "default_resolve", "python-default");
    if (const std::string lock = lockOf(defaultResolve); !lock.empty()) {
        auto text = base::readFile(absoluteIn(options.buildRoot(), lock));
        if (text) {
            auto locked = readLockedResolve(*text, lock);
            if (locked && locked->indexOf(base::normalizeProjectName(tool)) >= 0) {
                src.option = "[python].resolves";
                src.resolve = defaultResolve;
                src.lockfilePath = lock;
                const std::string wanted = wantedToolRequirement(options, tool);
                src.roots = {wanted.empty() || wanted.find_first_of("<>=!~") == std::string::npos ? tool : wanted};
                src.constraints = resolveConstraints(options, defaultResolve);
                return src;
            }
        }
    }
    return Diagnostic::error({}, "[" + tool + "] names neither install_from_resolve nor a lockfile, and resolve '" +
                                     defaultResolve + "' does not lock " + tool);
}

base::Result<EnvironmentRequest> toolEnvironmentRequest(const workspace::Options &options, const ToolPinSource &source,
                                                        const EnvironmentSetup &setup, InterpreterProber &prober)
{
    EnvironmentRequest req;
    req.resolve = "tool-" + source.tool;
    req.lockfilePath = absoluteIn(options.buildRoot(), source.lockfilePath);
    auto text = base::readFile(req.lockfilePath);
    if (!text)
        return Diagnostic::error({}, "the lockfile " + source.lockfilePath + " of " + source.describe() +
                                         " cannot be read");
    req.lockfileText = std::move(*text);
    req.roots = source.roots;
    req.environment = setup.environment;
    req.cacheRoot = setup.cacheRoot.empty() ? defaultCacheRoot() : setup.cacheRoot;
    auto repos = parseRepoOptions(options.list("python-repos", "path_mappings"), options.list("python-repos", "find_links"));
    if (!repos)
        return repos.takeDiagnostics();
    req.repos = std::move(*repos);
    InterpreterSearch search = interpreterSearch(options, setup);
    search.constraints = source.constraints;
    auto python = findPython(search, prober);
    if (!python) {
        base::Diagnostics d = python.takeDiagnostics();
        if (!d.empty())
            d.front().message = source.tool + ": " + d.front().message;
        return d;
    }
    req.python = std::move(*python);
    return req;
}

std::string installedVersion(const Environment &env, const std::string &name)
{
    const std::string wanted = base::normalizeProjectName(name) + "==";
    for (const std::string &p : env.packages)
        if (p.starts_with(wanted))
            return p.substr(wanted.size());
    return {};
}

} // namespace trellis::pyenv
