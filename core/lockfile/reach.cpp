// Reach walks two graphs one after the other. First the lockfile's package graph, in
// reverse: a changed package is pulled in by every package that requires it, directly or
// through others, up to the top-level requirements; the union of those names (the package
// itself included) is what a requirement target may name to provide it. Removed packages
// are walked in base, everything else in head, and the diff's chain adds its names in
// case a lockfile is not given. Second the target graph: the matching requirement targets
// are the roots of graph::dependentsOf, once direct and once transitive, and requirement
// targets (and their generators) are dropped from the answer because they are not code
// that can be tested.
#include "core/lockfile/reach.h"

#include "core/graph/traversal.h"
#include "core/lockfile/pep440.h"
#include "core/workspace/requirements.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace trellis::lockfile {

namespace {

/// Reverse dependency edges of one lockfile: name -> names requiring it.
std::map<std::string, std::vector<std::string>> reverseDependencies(const Lockfile &lock)
{
    std::map<std::string, std::vector<std::string>> rdeps;
    for (const LockedPackage &p : lock.packages) {
        for (const std::string &dep : p.dependencies)
            rdeps[dep].push_back(p.name);
        for (const std::string &by : p.requiredBy)
            rdeps[p.name].push_back(by);
    }
    return rdeps;
}

/// `name` and every package that requires it transitively.
void collectRequirers(const std::map<std::string, std::vector<std::string>> &rdeps, const std::string &name,
                      std::set<std::string> &out)
{
    std::vector<std::string> stack{name};
    while (!stack.empty()) {
        std::string current = std::move(stack.back());
        stack.pop_back();
        if (!out.insert(current).second)
            continue;
        if (auto it = rdeps.find(current); it != rdeps.end())
            for (const std::string &r : it->second)
                if (!out.count(r))
                    stack.push_back(r);
    }
}

std::vector<graph::NodeId> firstParty(const graph::TargetGraph &graph, std::vector<graph::NodeId> nodes)
{
    std::erase_if(nodes, [&](graph::NodeId n) { return isRequirementTarget(graph.target(n)); });
    return nodes;
}

} // namespace

const PackageReach *ReachResult::find(std::string_view name) const
{
    for (const PackageReach &p : packages)
        if (p.name == name)
            return &p;
    return nullptr;
}

std::vector<std::string> requirementProjects(const workspace::Target &target)
{
    std::vector<std::string> names;
    const workspace::Field *field = target.field("requirements");
    if (!field)
        return names;
    for (const auto &item : field->value.items()) {
        if (!item.isString())
            continue;
        int errorColumn = -1;
        std::string error;
        const std::string name = workspace::parseRequirementName(item.str(), errorColumn, error);
        if (!name.empty())
            names.push_back(normalizeProjectName(name));
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

bool isRequirementTarget(const workspace::Target &target)
{
    const std::string_view type = target.type;
    return type.ends_with("_requirement") || type.ends_with("_requirements");
}

ReachResult computeReach(const graph::TargetGraph &graph, const LockfileDiff &diff, const Lockfile *base,
                         const Lockfile *head)
{
    // Requirement targets of the diff's resolve, by the projects they name.
    std::map<std::string, std::vector<graph::NodeId>> providers;
    for (graph::NodeId n = 0; n < graph.nodeCount(); ++n) {
        const workspace::Target &t = graph.target(n);
        if (t.type != "python_requirement")
            continue;
        if (!diff.resolve.empty() && !t.resolve.empty() && t.resolve != diff.resolve)
            continue;
        for (const std::string &project : requirementProjects(t))
            providers[project].push_back(n);
    }
    const auto baseRdeps = base ? reverseDependencies(*base) : std::map<std::string, std::vector<std::string>>{};
    const auto headRdeps = head ? reverseDependencies(*head) : std::map<std::string, std::vector<std::string>>{};

    ReachResult result;
    for (ChangeKind kind : {ChangeKind::Upgraded, ChangeKind::Downgraded, ChangeKind::Added, ChangeKind::Removed}) {
        for (const PackageChange *c : diff.section(kind)) {
            std::set<std::string> names(c->chain.begin(), c->chain.end());
            collectRequirers(kind == ChangeKind::Removed ? baseRdeps : headRdeps, c->name, names);
            std::vector<graph::NodeId> roots;
            for (const std::string &name : names)
                if (auto it = providers.find(name); it != providers.end())
                    roots.insert(roots.end(), it->second.begin(), it->second.end());
            std::sort(roots.begin(), roots.end());
            roots.erase(std::unique(roots.begin(), roots.end()), roots.end());

            PackageReach reach;
            reach.name = c->name;
            reach.requirementTargets = roots;
            if (!roots.empty()) {
                reach.directDependents = firstParty(graph, graph::dependentsOf(graph, roots, {.transitive = false}));
                reach.transitiveDependents = firstParty(graph, graph::dependentsOf(graph, roots, {.transitive = true}));
            }
            result.packages.push_back(std::move(reach));
        }
    }
    return result;
}

void applyReach(LockfileDiff &diff, const ReachResult &reach)
{
    // One hash lookup per change (ReachResult::find is a linear scan).
    std::unordered_map<std::string_view, const PackageReach *> byName;
    byName.reserve(reach.packages.size());
    for (const PackageReach &p : reach.packages)
        byName.emplace(p.name, &p); // the first of a name, as find() returns
    for (PackageChange &c : diff.changes)
        if (auto it = byName.find(c.name); it != byName.end())
            c.reach = int(it->second->transitiveDependents.size());
}

} // namespace trellis::lockfile
