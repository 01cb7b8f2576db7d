#include "core/changed/changedtargets.h"
#include "core/base/text.h"

#include "core/base/glob.h"
#include "core/base/paths.h"
#include "core/graph/traversal.h"
#include "core/lockfile/lockfile.h"
#include "core/lockfile/lockfilediff.h"
#include "core/lockfile/pep440.h"
#include "core/lockfile/reach.h"
#include "core/workspace/filetree.h"
#include "core/workspace/requirements.h"

#include <algorithm>
#include <map>
#include <set>

namespace trellis::changed {

using base::Diagnostic;
using workspace::Target;

namespace {

/// requirement project (normalised) -> its requirement strings, for a requirements file.
std::map<std::string, std::vector<std::string>> requirementEntries(const std::string &path, const std::string &text)
{
    std::map<std::string, std::vector<std::string>> out;
    const bool pyproject = base::baseName(path) == "pyproject.toml";
    const workspace::ParsedRequirements parsed =
        pyproject ? workspace::parsePyproject(path, text, text.find("[tool.poetry") != std::string::npos)
                  : workspace::parseRequirementsTxt(path, text);
    for (const auto &g : parsed.groups)
        out[base::normalizeProjectName(g.name)] = g.requirements;
    return out;
}

bool isBuildFile(const workspace::Workspace &ws, const std::string &path)
{
    return std::binary_search(ws.buildFiles().begin(), ws.buildFiles().end(), path);
}

/// True when a generator's `sources` globs (relative to its BUILD dir) match `path`.
bool generatorGlobsMatch(const Target &t, const std::string &path)
{
    const workspace::Field *f = t.field("sources");
    if (!f)
        return false;
    const std::string &dir = t.address.specPath;
    if (!dir.empty() && !(path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 && path[dir.size()] == '/'))
        return false;
    std::vector<std::string> patterns;
    for (const auto &v : f->value.items())
        if (v.isString())
            patterns.push_back(v.str());
    // The same matcher as FileTree::glob: excludes are gitignore patterns, so `!sub`
    // excludes a directory and `!conftest.py` a name at any depth.
    return base::SourceGlobs(dir, patterns).matches(path);
}

/// For a changed lockfile: the python_requirement targets of its resolve whose locked
/// dependency closure contains a package that moved (lockfile::requirementTargetsReached,
/// the rule the Lockfiles view and lockfile-diff use). nullopt when either version cannot
/// be parsed (the caller then falls back to the lockfile's own target, whose dependents
/// are every requirement of the resolve).
std::optional<std::set<int>> requirementsMovedByLockfile(const workspace::Workspace &ws, const std::string &path,
                                                         const std::optional<std::string> &before)
{
    const auto now = base::readFile(ws.files()->absolutePath(path));
    auto head = lockfile::parseLockfile(now.value_or(""), path);
    auto base = lockfile::parseLockfile(before.value_or(""), path);
    if (!head || (before && !base))
        return std::nullopt;
    const lockfile::Lockfile empty;
    const lockfile::Lockfile &baseLock = before ? *base : empty;
    lockfile::LockfileDiff diff = diffLockfiles(baseLock, *head);
    for (const auto &[name, file] : ws.options().dict("python", "resolves"))
        if (file.isString() && file.str() == path)
            diff.resolve = name;
    std::set<int> out;
    for (const lockfile::RequirementReach &r : lockfile::requirementTargetsReached(ws.targets(), diff, &baseLock, &*head))
        out.insert(r.targets.begin(), r.targets.end());
    return out;
}

} // namespace

std::optional<DependentsMode> parseDependentsMode(std::string_view s)
{
    if (s == "none")
        return DependentsMode::None;
    if (s == "direct")
        return DependentsMode::Direct;
    if (s == "transitive")
        return DependentsMode::Transitive;
    return std::nullopt;
}

std::vector<int> ownersOfChangedFiles(const workspace::Workspace &ws, const std::vector<vcs::ChangedFile> &files,
                                      const std::function<std::optional<std::string>(const std::string &)> &readBase,
                                      std::vector<std::string> *unowned, std::vector<std::vector<int>> *perFile)
{
    std::set<int> owners;
    std::set<int> all;
    if (perFile)
        perFile->clear();
    const auto &targets = ws.targets();
    auto addExpanded = [&](const Target &t) {
        const int idx = ws.indexOf(t.address);
        if (idx < 0)
            return;
        if (t.isGenerator && !t.generated.empty()) {
            for (const auto &g : t.generated)
                if (const int gi = ws.indexOf(g); gi >= 0)
                    owners.insert(gi);
        } else {
            owners.insert(idx);
        }
    };
    // Each file's owners are collected in `owners`, then merged into `all`.
    auto finishFile = [&] {
        owners.erase(-1);
        if (perFile)
            perFile->emplace_back(owners.begin(), owners.end());
        all.insert(owners.begin(), owners.end());
        owners.clear();
    };
    for (const vcs::ChangedFile &f : files) {
        if (f.path == "pants.toml" || base::baseName(f.path) == "pants.toml") {
            for (const Target &t : targets)
                addExpanded(t);
            finishFile();
            continue;
        }
        if (isBuildFile(ws, f.path)) {
            for (const Target *t : ws.targetsDeclaredIn(f.path))
                addExpanded(*t);
        } else if (f.status == vcs::ChangeStatus::Deleted) {
            for (size_t i = 0; i < targets.size(); ++i)
                if (targets[i].isGenerator && generatorGlobsMatch(targets[i], f.path))
                    owners.insert(int(i));
        } else {
            bool requirementsFile = false;
            for (const Target *t : ws.ownersOf(f.path)) {
                if (t->type == "_lockfile") {
                    if (auto moved = requirementsMovedByLockfile(ws, f.path, readBase ? readBase(f.path) : std::nullopt)) {
                        requirementsFile = true;
                        owners.insert(moved->begin(), moved->end());
                        continue;
                    }
                }
                if (t->type == "_generator_sources_helper") {
                    // A requirements file: only the requirement targets whose entries changed.
                    requirementsFile = true;
                    const auto now = base::readFile(ws.files()->absolutePath(f.path));
                    const auto then = readBase ? readBase(f.path) : std::nullopt;
                    const auto newEntries = requirementEntries(f.path, now.value_or(""));
                    const auto oldEntries = requirementEntries(f.path, then.value_or(""));
                    std::set<std::string> changedProjects;
                    for (const auto &[name, reqs] : newEntries) {
                        auto it = oldEntries.find(name);
                        if (it == oldEntries.end() || it->second != reqs)
                            changedProjects.insert(name);
                    }
                    const workspace::Address gen = t->address.generatorAddress();
                    const int genIdx = ws.indexOf(gen);
                    if (genIdx >= 0)
                        for (const auto &g : targets[size_t(genIdx)].generated)
                            if (!g.generatedName.empty() && changedProjects.count(base::normalizeProjectName(g.generatedName)))
                                if (const int gi = ws.indexOf(g); gi >= 0)
                                    owners.insert(gi);
                } else {
                    owners.insert(ws.indexOf(t->address));
                }
            }
            if (requirementsFile) {
                finishFile();
                continue;
            }
        }
        owners.erase(-1);
        if (owners.empty() && unowned)
            unowned->push_back(f.path);
        finishFile();
    }
    return {all.begin(), all.end()};
}

std::vector<int> withDependents(const graph::TargetGraph &graph, const std::vector<int> &owners, DependentsMode mode)
{
    if (mode == DependentsMode::None)
        return owners;
    std::vector<int> deps = graph::dependentsOf(graph, owners, {.transitive = mode == DependentsMode::Transitive,
                                                                .includeRoots = true});
    // Drop generators of owners: a changed file would otherwise make every sibling
    // "changed" through the generator -> generated edge.
    std::set<int> generatorsOfOwners;
    for (int o : owners) {
        const workspace::Address &a = graph.address(o);
        if (a.isGenerated())
            if (const int gi = graph.nodeOf(a.generatorAddress()); gi >= 0)
                generatorsOfOwners.insert(gi);
    }
    std::set<int> out(owners.begin(), owners.end());
    for (int d : deps)
        if (!generatorsOfOwners.count(d))
            out.insert(d);
    return {out.begin(), out.end()};
}

base::Result<ChangedResult> computeChangedOwners(const workspace::Workspace &ws, const vcs::Repository &repo,
                                                 const ChangedRequest &request)
{
    if (request.since.empty() == request.diffspec.empty())
        return Diagnostic::error({}, request.since.empty() ? "set --changed-since or --changed-diffspec"
                                                           : "--changed-since and --changed-diffspec cannot be combined");
    ChangedResult result;
    std::string baseRev;
    if (!request.since.empty()) {
        auto files = repo.changedSince(request.since);
        if (!files)
            return files.takeDiagnostics();
        result.files = std::move(*files);
        auto base = repo.mergeBase(request.since, "HEAD");
        if (!base)
            return base.takeDiagnostics();
        result.base = *base;
        baseRev = base->hash;
    } else {
        auto files = repo.changedInDiffspec(request.diffspec);
        if (!files)
            return files.takeDiagnostics();
        result.files = std::move(*files);
        const size_t dots = request.diffspec.find("..");
        std::string from = dots == std::string::npos ? request.diffspec + "~1" : request.diffspec.substr(0, dots);
        if (from.empty())
            from = "HEAD";
        if (auto base = repo.resolve(from))
            result.base = *base;
        baseRev = result.base.hash;
    }
    auto readBase = [&](const std::string &path) -> std::optional<std::string> {
        if (baseRev.empty())
            return std::nullopt;
        auto content = repo.readFileAt(baseRev, path);
        return content ? *content : std::nullopt;
    };
    result.owners = ownersOfChangedFiles(ws, result.files, readBase, &result.unownedFiles, &result.fileOwners);
    result.affected = result.owners;
    return result;
}

base::Result<ChangedResult> computeChanged(const graph::TargetGraph &graph, const vcs::Repository &repo,
                                           const ChangedRequest &request)
{
    auto result = computeChangedOwners(*graph.workspace(), repo, request);
    if (!result)
        return result;
    result->affected = withDependents(graph, result->owners, request.dependents);
    return result;
}

} // namespace trellis::changed
