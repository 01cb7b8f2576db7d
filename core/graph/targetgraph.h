// TargetGraph: an immutable dependency graph over one Workspace snapshot. Nodes are the
// workspace's targets (node i == Workspace::targets()[i], so node order is Address
// order); edges are the dependencies found by inference, each with its kind and evidence.
//
//   infer::InferenceResult deps = infer::resolveDependencies({ws});
//   auto graph = std::make_shared<const graph::TargetGraph>(ws, std::move(deps));
//   for (int dep : graph->dependencies(node)) ...            // as resolved (generators kept)
//   for (int dep : graph->expandedDependencies(node)) ...    // §6 expansion rule applied
//   const graph::EdgeInfo *why = graph->edge(from, to);
//
// The graph holds data only; the walks over it live in traversal.h (ninja's split between
// graph.h and the algorithms that use it). Adjacency is stored in compressed sparse row
// form in both directions; the bulky evidence lives in side tables indexed by edge id.
#pragma once

#include "core/base/sourcelocation.h"
#include "core/infer/dependencies.h"
#include "core/workspace/workspace.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace trellis::graph {

using infer::EdgeKind;
using infer::Evidence;

/// A node: an index into Workspace::targets(). -1 means "no node".
using NodeId = int;
/// An edge: its position in the forward edge array (edges of node n are contiguous and
/// sorted by target node). -1 means "no edge".
using EdgeId = int;

/// Why one dependency edge exists, with the records that prove it.
struct EdgeInfo {
    NodeId from = -1;
    NodeId to = -1;
    EdgeKind kind = EdgeKind::Explicit;
    /// Inferred edges: every import that maps to `to` (empty for other kinds).
    std::span<const Evidence> evidence;
    /// Explicit edges: the BUILD call that declared the dependency (invalid otherwise).
    const base::SourceLocation *declaredAt = nullptr; // not owned; points into the graph
};

/// The dependency graph of one workspace snapshot. Immutable after construction and
/// therefore safe to share between threads.
class TargetGraph {
public:
    /// Builds the graph. `deps.dependencies` must have one entry per workspace target (a
    /// shorter vector leaves the remaining targets without dependencies); edges naming a
    /// target outside the workspace are dropped.
    TargetGraph(std::shared_ptr<const workspace::Workspace> workspace, infer::InferenceResult deps);
    /// `previous` (over the same workspace) with the targets in `redone` (sorted node ids)
    /// resolved again: their rows and their import diagnostics come from `partial` (an
    /// infer::InferenceRequest::onlyTargets run), everything else from `previous`. Equal
    /// to a full rebuild when only those targets' sources changed.
    TargetGraph(const TargetGraph &previous, infer::InferenceResult partial, const std::vector<int> &redone);
    /// The same over `workspace`, a reload of previous's workspace with the same targets
    /// in the same order (only fields of the redone targets differ); every diagnostic of
    /// a redone target, not only its import ones, comes from `partial`.
    TargetGraph(const TargetGraph &previous, std::shared_ptr<const workspace::Workspace> workspace,
                infer::InferenceResult partial, const std::vector<int> &redone);
    /// The same, taking previous's evidence and diagnostics instead of copying them, for
    /// a caller that holds the only reference to `previous` (a graph just decoded to be
    /// patched): `previous` is left in a valid but unspecified state.
    TargetGraph(TargetGraph &&previous, std::shared_ptr<const workspace::Workspace> workspace,
                infer::InferenceResult partial, const std::vector<int> &redone);

    const std::shared_ptr<const workspace::Workspace> &workspace() const { return m_workspace; }
    int nodeCount() const { return static_cast<int>(m_depOffsets.size()) - 1; }
    int edgeCount() const { return static_cast<int>(m_depTargets.size()); }

    const workspace::Target &target(NodeId node) const { return m_workspace->targets()[node]; }
    const workspace::Address &address(NodeId node) const { return target(node).address; }
    /// The node of an address, or -1.
    NodeId nodeOf(const workspace::Address &address) const { return m_workspace->indexOf(address); }

    /// Direct dependencies as resolved (a generator named in `dependencies` stays a
    /// generator), sorted by node.
    std::span<const NodeId> dependencies(NodeId node) const { return slice(m_depOffsets, m_depTargets, node); }
    /// Edge ids parallel to dependencies(node): edge id = m_depOffsets[node] + i.
    EdgeId firstEdge(NodeId node) const { return m_depOffsets[node]; }
    /// Direct dependents over unexpanded edges (spec §6.3), sorted by node.
    std::span<const NodeId> dependents(NodeId node) const { return slice(m_rdepOffsets, m_rdepSources, node); }
    /// Edge ids parallel to dependents(node).
    std::span<const EdgeId> dependentEdges(NodeId node) const { return slice(m_rdepOffsets, m_rdepEdges, node); }
    /// Direct dependencies with the expansion rule of spec §6: each generator that
    /// generates something is replaced by its generated targets. Sorted, deduplicated,
    /// never containing `node` itself.
    std::span<const NodeId> expandedDependencies(NodeId node) const { return slice(m_expOffsets, m_expTargets, node); }
    /// `node` itself, or its generated targets when it is a generator that generates some.
    std::span<const NodeId> expansionOf(NodeId node) const { return slice(m_expansionOffsets, m_expansionTargets, node); }
    /// A generator's generated targets (empty for everything else), sorted.
    std::span<const NodeId> generatedTargets(NodeId node) const;
    /// Targets excluded from this target's transitive closure with `!!`, expanded like a
    /// dependency list (a generator stands for its generated targets), sorted.
    std::span<const NodeId> transitiveExcludes(NodeId node) const { return slice(m_exclOffsets, m_exclTargets, node); }

    /// The edge from -> to (unexpanded), or -1.
    EdgeId edgeId(NodeId from, NodeId to) const;
    /// Everything known about an edge id.
    EdgeInfo edgeInfo(EdgeId edge) const;
    /// The edge from -> to with its kind and evidence; `kind`, `evidence` unset and
    /// `from` == -1 when there is no such edge.
    EdgeInfo edge(NodeId from, NodeId to) const;
    /// The resolved edge that explains the expanded edge from -> to: from -> to itself
    /// when it exists, else from -> g for the first generator g generating `to`; -1 if none.
    EdgeId explainingEdge(NodeId from, NodeId to) const;
    EdgeKind edgeKind(EdgeId edge) const { return static_cast<EdgeKind>(m_edgeKinds[edge]); }
    NodeId edgeSource(EdgeId edge) const;
    NodeId edgeTarget(EdgeId edge) const { return m_depTargets[edge]; }

    /// Problems found by inference (unowned imports, unknown explicit addresses).
    const base::Diagnostics &diagnostics() const { return m_diagnostics; }
    /// Which target and inference step reported each diagnostic (parallel to diagnostics()).
    const std::vector<infer::DiagnosticOrigin> &diagnosticOrigins() const { return m_diagnosticOrigins; }

private:
    /// Reads and writes the storage below for the persistent workspace snapshot (defined
    /// in core/live/snapshot.cpp, which builds a graph through the default constructor);
    /// nothing else touches it.
    friend struct StorageAccess;
    TargetGraph() = default;

    // The steps of construction, shared by the constructors: the expansion table first,
    // then the forward edges row by row (each row either resolved dependencies, sorted and
    // merged, or a row of an earlier graph copied as it is), then the tables derived from
    // them.
    /// `previous`: a graph being patched, whose rows a generator shared with it keeps.
    void buildExpansion(const TargetGraph *previous = nullptr);
    void reserveForwardEdges(size_t edges, size_t evidence);
    /// Appends the next node's row from inference output: stable-sorted by target, duplicates
    /// merged into the first (their evidence appended), targets outside the workspace
    /// dropped. `deps` may be null (no dependencies); its evidence is moved from.
    void appendResolvedRow(std::vector<infer::Dependency> *deps, std::vector<infer::Dependency *> &scratch);
    /// Appends `node`'s row of `previous` (already sorted and merged), slice by slice; its
    /// evidence is moved out of `taken` (previous itself, given up) when not null.
    void appendPreviousRow(const TargetGraph &previous, NodeId node, TargetGraph *taken);
    /// Reverse edges, expanded forward adjacency and `!!` excludes. With `previous` (whose
    /// expansion table equals this graph's) and `isRedone`, the expanded row of a node
    /// whose own row was copied from `previous` is copied too instead of recomputed.
    void buildDerivedTables(const std::vector<std::vector<int>> &transitiveExcludes,
                            const TargetGraph *previous = nullptr, const std::vector<char> *isRedone = nullptr);
    /// The body of both patching constructors (m_workspace set): every table built
    /// directly from previous's tables and partial's redone rows, without an intermediate
    /// full InferenceResult. `allSteps`: every diagnostic of a redone target comes from
    /// `partial`, not only its import ones. `taken`: previous itself when the caller gives
    /// it up (the rvalue constructor), so its evidence and diagnostics are moved, not copied.
    void patch(const TargetGraph &previous, infer::InferenceResult &partial, const std::vector<int> &redone,
               bool allSteps, TargetGraph *taken = nullptr);

    template <typename T>
    static std::span<const T> slice(const std::vector<int> &offsets, const std::vector<T> &data, NodeId node)
    {
        return {data.data() + offsets[node], data.data() + offsets[node + 1]};
    }

    std::shared_ptr<const workspace::Workspace> m_workspace;

    // Forward adjacency (CSR): edges of node n are m_depTargets[m_depOffsets[n] ..
    // m_depOffsets[n + 1]), sorted by target; the index into m_depTargets is the EdgeId.
    std::vector<int> m_depOffsets;      // nodeCount + 1 entries
    std::vector<NodeId> m_depTargets;   // edgeCount entries
    std::vector<std::uint8_t> m_edgeKinds; // per edge, an infer::EdgeKind

    // Reverse adjacency (CSR), sorted by source node; m_rdepEdges maps back to EdgeIds.
    std::vector<int> m_rdepOffsets;
    std::vector<NodeId> m_rdepSources;
    std::vector<EdgeId> m_rdepEdges;

    // Expanded forward adjacency (CSR), see expandedDependencies().
    std::vector<int> m_expOffsets;
    std::vector<NodeId> m_expTargets;

    // Expansion per node (CSR): the generated targets of a generator that generates
    // something, else the node alone.
    std::vector<int> m_expansionOffsets;
    std::vector<NodeId> m_expansionTargets;

    // `!!` excludes per node (CSR, expanded).
    std::vector<int> m_exclOffsets;
    std::vector<NodeId> m_exclTargets;

    // Out-of-line evidence: edge e's imports are m_evidence[m_evidenceOffsets[e] ..
    // m_evidenceOffsets[e + 1]); m_locationIndex[e] is -1 (no BUILD location) or an
    // index into m_locations.
    std::vector<int> m_evidenceOffsets; // edgeCount + 1 entries
    std::vector<Evidence> m_evidence;
    std::vector<int> m_locationIndex;   // edgeCount entries
    std::vector<base::SourceLocation> m_locations;

    base::Diagnostics m_diagnostics;
    std::vector<infer::DiagnosticOrigin> m_diagnosticOrigins; // parallel to m_diagnostics
};

} // namespace trellis::graph
