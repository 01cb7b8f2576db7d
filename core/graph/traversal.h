// Walks over a TargetGraph: transitive closures, dependents, paths, cycles and
// neighbourhoods. Pure functions of an immutable graph; safe to call from any thread.
//
//   std::vector<NodeId> deps = graph::transitiveDependencies(g, roots);   // §6.2
//   std::vector<NodeId> users = graph::dependentsOf(g, roots, {.transitive = true});
//   auto paths = graph::findPaths(g, from, to);                          // §6.5
//   for (const graph::Cycle &c : graph::findCycles(g)) if (!c.allowed) ...
#pragma once

#include "core/graph/targetgraph.h"

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace trellis::graph {

/// Union of the expanded direct dependencies of `roots` (roots not expanded: a generator
/// root yields its generated targets, which are its dependencies). Sorted by node.
std::vector<NodeId> directDependencies(const TargetGraph &graph, std::span<const NodeId> roots);

/// Pants' transitive closure (spec §6.2): the roots are expanded, then expanded
/// dependencies are walked breadth-first; everything reached is returned (a root only
/// when reached from another node), minus the `!!` excludes of the roots and of every
/// visited target. Sorted by node.
std::vector<NodeId> transitiveDependencies(const TargetGraph &graph, std::span<const NodeId> roots);

struct DependentsOptions {
    bool transitive = false;
    bool includeRoots = false; ///< `--closed`: add the roots; otherwise roots are removed
};

/// Dependents over unexpanded edges from every target, generators included (spec §6.3),
/// so a generator is a dependent of its generated targets. Sorted by node (Address order).
std::vector<NodeId> dependentsOf(const TargetGraph &graph, std::span<const NodeId> roots,
                                 DependentsOptions options = {});

/// Targets nobody depends on (over unexpanded edges), sorted. Not the `roots` goal,
/// which lists source roots.
std::vector<NodeId> rootTargets(const TargetGraph &graph);

/// Bounds for path enumeration; the walk stops at whichever is hit first.
struct PathLimits {
    int maxPaths = 1000;    ///< stop after this many paths
    int maxLength = 64;     ///< longest path considered, in nodes
};

/// Every path from -> to over expanded dependencies, shortest first, found breadth-first
/// where each edge is expanded at most once (Pants' `paths`, spec §6.5). from == to
/// yields the one-element path.
std::vector<std::vector<NodeId>> findPaths(const TargetGraph &graph, NodeId from, NodeId to, PathLimits limits = {});

/// One path found by walkPaths, read only when wanted (counting costs nothing per node).
class FoundPath {
public:
    virtual ~FoundPath() = default;
    virtual std::vector<NodeId> nodes() const = 0;
};

/// What walkPaths did.
struct PathWalk {
    std::int64_t found = 0;    ///< paths reported to the visitor
    bool stopped = false;      ///< the visitor returned false
    bool outOfWork = false;    ///< `*work` reached zero before the walk was complete
};

/// findPaths as a stream: each path goes to `visit` as found (return false to stop).
/// `work`, when given, is a budget of queue entries shared across calls and decremented;
/// the walk ends (outOfWork) when it is spent. limits.maxPaths applies per call.
PathWalk walkPaths(const TargetGraph &graph, NodeId from, NodeId to, PathLimits limits,
                   const std::function<bool(const FoundPath &)> &visit, std::int64_t *work = nullptr);

/// One shortest path from -> to over expanded dependencies; empty when there is none.
std::vector<NodeId> shortestPath(const TargetGraph &graph, NodeId from, NodeId to);

/// A strongly connected component of the expanded graph with more than one node.
struct Cycle {
    std::vector<NodeId> members; ///< sorted
    /// True when every cycle inside passes through a file-level target (normal for
    /// Python imports, and what Pants accepts).
    bool allowed = true;
    /// An example cycle, first node repeated at the end: for a rejected component one
    /// made of non-file targets only, else a shortest cycle through members.front().
    std::vector<NodeId> path;
};

/// Every cycle component of the expanded graph (Tarjan, iterative: deep graphs cannot
/// overflow the stack), ordered by first member.
std::vector<Cycle> findCycles(const TargetGraph &graph);

/// Successors of a node, for stronglyConnected().
using Adjacency = std::function<std::span<const NodeId>(NodeId)>;
/// Strongly connected components with more than one node (iterative Tarjan) over the
/// nodes 0..nodeCount-1 where `include` is set, with successors `next(node)`; each
/// component sorted, the list sorted.
std::vector<std::vector<NodeId>> stronglyConnected(int nodeCount, const std::vector<char> &include,
                                                   const Adjacency &next);

/// Pants' message for a rejected cycle: "The dependency graph contained a cycle:" then
/// the path, one address per line, the repeated node marked with "-> ".
std::string formatCycle(const TargetGraph &graph, const Cycle &cycle);

enum class Direction { Dependencies, Dependents, Both };

/// What part of the graph around one node the GUI wants to draw.
struct SubgraphRequest {
    NodeId focus = -1;
    int hops = 1;                          ///< distance from focus, >= 0
    Direction direction = Direction::Both;
    bool expanded = true;                  ///< walk/draw expanded dependencies (else as resolved)
    int maxNodes = 200;                    ///< cap on nodes; nearer nodes win
};

/// A neighbourhood of a node, ready to lay out.
struct Subgraph {
    std::vector<NodeId> nodes;             ///< sorted by node
    std::vector<int> distance;             ///< parallel to nodes: hops from focus
    std::vector<std::pair<NodeId, NodeId>> edges; ///< dependency edges among nodes, sorted
    /// Nodes with neighbours (in the walked direction) left out by hops or the cap; the
    /// GUI draws them with an "expand" affordance. Sorted.
    std::vector<NodeId> frontier;
    bool capped = false;                   ///< maxNodes was hit
};

Subgraph extractSubgraph(const TargetGraph &graph, const SubgraphRequest &request);

} // namespace trellis::graph
