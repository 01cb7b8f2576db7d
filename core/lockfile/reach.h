// Reach: which targets a lockfile change touches, so that "test what this bump touches"
// is one action. A changed package reaches
//   1. the requirement targets that provide it: python_requirement targets whose
//      `requirements` name the package, or name a package that (per the lockfile's
//      dependency data) requires it directly or transitively;
//   2. the first-party targets that depend on those requirement targets, directly and
//      transitively (graph::dependentsOf over unexpanded edges, requirement targets and
//      their generators left out).
//
//   ReachResult reach = computeReach(*graph, diff, &baseLock, &headLock);
//   applyReach(diff, reach);                          // fills PackageChange::reach
//   for (NodeId n : reach.find("aiohttp")->transitiveDependents) graph->address(n);
#pragma once

#include "core/graph/targetgraph.h"
#include "core/lockfile/lockfilediff.h"

#include <string>
#include <string_view>
#include <vector>

namespace trellis::lockfile {

/// The targets one changed package reaches. Node ids are sorted (Address order).
struct PackageReach {
    std::string name;                              ///< normalized project name
    std::vector<graph::NodeId> requirementTargets; ///< python_requirement targets providing it
    std::vector<graph::NodeId> directDependents;   ///< first-party targets depending on those
    std::vector<graph::NodeId> transitiveDependents; ///< first-party, direct and transitive
};

/// Reach of every changed (upgraded, downgraded, added, removed) package of one diff.
struct ReachResult {
    std::vector<PackageReach> packages;            ///< in diff report order

    /// The reach of a normalized name, or null when the package did not change.
    const PackageReach *find(std::string_view name) const;
};

/// Normalized project names named by a python_requirement target's `requirements` field.
std::vector<std::string> requirementProjects(const workspace::Target &target);

/// True for targets that are not first-party code: requirement targets and requirement
/// target generators (`python_requirement`, `python_requirements`, `poetry_requirements`...).
bool isRequirementTarget(const workspace::Target &target);

/// Computes the reach of each changed package of `diff`. `base` and `head` are the two
/// lockfile versions (their dependency data links transitive packages to top-level
/// requirements); either may be null, in which case the diff's chains are used alone.
/// Requirement targets of another resolve than the diff's are ignored (targets or diffs
/// without a resolve match any).
ReachResult computeReach(const graph::TargetGraph &graph, const LockfileDiff &diff,
                         const Lockfile *base = nullptr, const Lockfile *head = nullptr);

/// Sets PackageChange::reach of each changed package to its transitive dependent count.
void applyReach(LockfileDiff &diff, const ReachResult &reach);

} // namespace trellis::lockfile
