// Reach: which targets a lockfile change touches, so that "test what this bump touches"
// is one action. A changed package reaches
//   1. the requirement targets whose locked dependency closure contains it:
//      python_requirement targets whose `requirements` name the package, or name a
//      package (with the extras they ask for) that requires it directly or transitively
//      per the lockfile's dependency data (pex `requires_dists`, uv `dependencies`;
//      markers applied as in LockedDependency);
//   2. the first-party targets that depend on those requirement targets, directly and
//      transitively (graph::dependentsOf over unexpanded edges, requirement targets and
//      their generators left out).
// The target graph is one revision's BUILD files, usually the working tree's; a diff of
// two older revisions says so through LockfileDiff::reachGraph.
//
//   ReachResult reach = computeReach(*graph, diff, &baseLock, &headLock, "worktree");
//   applyReach(diff, reach);                          // fills PackageChange::reach, reachGraph
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
    /// Whose BUILD graph the dependents come from: "worktree" or a revision.
    std::string graphRevision;

    /// The reach of a normalized name, or null when the package did not change.
    const PackageReach *find(std::string_view name) const;
};

/// Normalized project names named by a python_requirement target's `requirements` field.
std::vector<std::string> requirementProjects(const workspace::Target &target);

/// True for targets that are not first-party code: requirement targets and requirement
/// target generators (`python_requirement`, `python_requirements`, `poetry_requirements`...).
bool isRequirementTarget(const workspace::Target &target);

/// The requirement targets one changed package reaches (indices into the target list).
struct RequirementReach {
    std::string name;         ///< normalized project name
    std::vector<int> targets; ///< sorted
};

/// Step 1 alone, over a workspace's targets (no dependency graph needed): for each
/// changed package of `diff` in report order, the python_requirement targets whose locked
/// dependency closure contains it. Removed packages are looked up in `base`, the others
/// in `head`; when that lockfile is null the diff's chain (nearest top-level requirement)
/// stands in. Requirement targets of another resolve than the diff's are ignored
/// (targets or diffs without a resolve match any).
std::vector<RequirementReach> requirementTargetsReached(const workspace::TargetList &targets, const LockfileDiff &diff,
                                                       const Lockfile *base, const Lockfile *head);

/// Computes the reach of each changed package of `diff` (both steps). `base` and `head`
/// are the two lockfile versions; either may be null (see requirementTargetsReached).
/// `graphRevision` names the revision whose BUILD files `graph` was built from.
ReachResult computeReach(const graph::TargetGraph &graph, const LockfileDiff &diff,
                         const Lockfile *base = nullptr, const Lockfile *head = nullptr,
                         std::string graphRevision = "worktree");

/// Sets PackageChange::reach of each changed package to its transitive dependent count,
/// and LockfileDiff::reachGraph to the reach's graph revision.
void applyReach(LockfileDiff &diff, const ReachResult &reach);

} // namespace trellis::lockfile
