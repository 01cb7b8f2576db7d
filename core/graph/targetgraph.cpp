#include "core/graph/targetgraph.h"

#include <algorithm>
#include <tuple>
#include <utility>

namespace trellis::graph {

namespace {

/// Appends the sorted, deduplicated `items` as row `row` of a CSR table.
void appendRow(std::vector<int> &offsets, std::vector<NodeId> &data, std::vector<NodeId> &items)
{
    std::sort(items.begin(), items.end());
    items.erase(std::unique(items.begin(), items.end()), items.end());
    data.insert(data.end(), items.begin(), items.end());
    offsets.push_back(static_cast<int>(data.size()));
}

} // namespace

TargetGraph::TargetGraph(const TargetGraph &previous, infer::InferenceResult partial, const std::vector<int> &redone)
    : m_workspace(previous.m_workspace)
{
    patch(previous, partial, redone, /*allSteps=*/false);
}

TargetGraph::TargetGraph(const TargetGraph &previous, std::shared_ptr<const workspace::Workspace> workspace,
                         infer::InferenceResult partial, const std::vector<int> &redone)
    : m_workspace(std::move(workspace))
{
    patch(previous, partial, redone, /*allSteps=*/true);
}

TargetGraph::TargetGraph(TargetGraph &&previous, std::shared_ptr<const workspace::Workspace> workspace,
                         infer::InferenceResult partial, const std::vector<int> &redone)
    : m_workspace(std::move(workspace))
{
    patch(previous, partial, redone, /*allSteps=*/true, /*taken=*/&previous);
}

TargetGraph::TargetGraph(std::shared_ptr<const workspace::Workspace> workspace, infer::InferenceResult deps)
    : m_workspace(std::move(workspace))
    , m_diagnostics(std::move(deps.diagnostics))
    , m_diagnosticOrigins(std::move(deps.diagnosticOrigins))
{
    m_diagnosticOrigins.resize(m_diagnostics.size());
    const int n = static_cast<int>(m_workspace->targets().size());
    buildExpansion();

    size_t edgeEstimate = 0, evidenceCount = 0;
    for (int i = 0; i < n && i < static_cast<int>(deps.dependencies.size()); ++i) {
        edgeEstimate += deps.dependencies[i].size();
        for (const infer::Dependency &d : deps.dependencies[i])
            evidenceCount += d.evidence.size();
    }
    reserveForwardEdges(edgeEstimate, evidenceCount);
    std::vector<infer::Dependency *> scratch;
    for (NodeId node = 0; node < n; ++node)
        appendResolvedRow(node < static_cast<int>(deps.dependencies.size()) ? &deps.dependencies[node] : nullptr, scratch);

    buildDerivedTables(deps.transitiveExcludes);
}

void TargetGraph::patch(const TargetGraph &previous, infer::InferenceResult &partial, const std::vector<int> &redone,
                        bool allSteps, TargetGraph *taken)
{
    // Equal to the graph the main constructor builds from a full InferenceResult made of
    // previous's rows, with the redone rows and diagnostics taken from `partial`; built
    // without that result, which would hold a second copy of every edge and Evidence.
    const int n = static_cast<int>(m_workspace->targets().size());
    const int previousCount = previous.nodeCount();
    std::vector<char> isRedone(size_t(previousCount), 0);
    for (int r : redone)
        if (r >= 0 && r < previousCount)
            isRedone[size_t(r)] = 1;
    auto partialRow = [&](NodeId node) -> std::vector<infer::Dependency> * {
        return size_t(node) < partial.dependencies.size() ? &partial.dependencies[size_t(node)] : nullptr;
    };

    buildExpansion(&previous);

    // Forward edges: previous's rows slice by slice, the redone ones from `partial`.
    size_t edgeEstimate = 0, evidenceCount = 0;
    for (NodeId node = 0; node < n && node < previousCount; ++node) {
        if (isRedone[size_t(node)]) {
            if (const std::vector<infer::Dependency> *row = partialRow(node)) {
                edgeEstimate += row->size();
                for (const infer::Dependency &d : *row)
                    evidenceCount += d.evidence.size();
            }
        } else {
            const EdgeId first = previous.m_depOffsets[node], last = previous.m_depOffsets[node + 1];
            edgeEstimate += size_t(last - first);
            evidenceCount += size_t(previous.m_evidenceOffsets[last] - previous.m_evidenceOffsets[first]);
        }
    }
    reserveForwardEdges(edgeEstimate, evidenceCount);
    std::vector<infer::Dependency *> scratch;
    for (NodeId node = 0; node < n; ++node) {
        if (node >= previousCount)
            appendResolvedRow(nullptr, scratch);
        else if (isRedone[size_t(node)])
            appendResolvedRow(partialRow(node), scratch);
        else
            appendPreviousRow(previous, node, taken);
    }

    // The expanded rows of copied rows are previous's when every node expands as before.
    const bool sameExpansion = previousCount == n && m_expansionOffsets == previous.m_expansionOffsets
                               && m_expansionTargets == previous.m_expansionTargets;
    buildDerivedTables(partial.transitiveExcludes, sameExpansion ? &previous : nullptr, &isRedone);

    // Diagnostics in the order a full run reports them: (target, step), stable; previous's
    // kept unless a redone target reported them (its import step only, unless allSteps),
    // then partial's of the redone targets.
    struct Item {
        infer::DiagnosticOrigin origin;
        bool fromPartial;
        size_t index;
    };
    std::vector<Item> items;
    auto redoneStep = [&](const infer::DiagnosticOrigin &o) {
        return o.target >= 0 && o.target < previousCount && isRedone[size_t(o.target)]
            && (allSteps || o.step == infer::StepImports);
    };
    const base::Diagnostics &oldDiagnostics = previous.m_diagnostics;
    const std::vector<infer::DiagnosticOrigin> &oldOrigins = previous.m_diagnosticOrigins;
    for (size_t i = 0; i < oldDiagnostics.size(); ++i) {
        const infer::DiagnosticOrigin o = i < oldOrigins.size() ? oldOrigins[i] : infer::DiagnosticOrigin{};
        if (!redoneStep(o))
            items.push_back({o, false, i});
    }
    for (size_t i = 0; i < partial.diagnostics.size(); ++i) {
        const infer::DiagnosticOrigin o =
            i < partial.diagnosticOrigins.size() ? partial.diagnosticOrigins[i] : infer::DiagnosticOrigin{};
        if (redoneStep(o))
            items.push_back({o, true, i});
    }
    std::stable_sort(items.begin(), items.end(), [](const Item &a, const Item &b) {
        return std::tie(a.origin.target, a.origin.step) < std::tie(b.origin.target, b.origin.step);
    });
    m_diagnostics.reserve(items.size());
    m_diagnosticOrigins.reserve(items.size());
    for (const Item &it : items) {
        if (it.fromPartial)
            m_diagnostics.push_back(std::move(partial.diagnostics[it.index]));
        else if (taken)
            m_diagnostics.push_back(std::move(taken->m_diagnostics[it.index]));
        else
            m_diagnostics.push_back(oldDiagnostics[it.index]);
        m_diagnosticOrigins.push_back(it.origin);
    }
}

void TargetGraph::buildExpansion(const TargetGraph *previous)
{
    // Expansion of every node (generator -> generated targets).
    const workspace::TargetList &targets = m_workspace->targets();
    const int n = static_cast<int>(targets.size());
    std::vector<NodeId> row;
    const workspace::TargetList *before = previous && previous->m_workspace ? &previous->m_workspace->targets() : nullptr;
    // Node i holds the very Target object it held in `previous` (a reload took it over).
    auto same = [&](NodeId i) { return size_t(i) < before->size() && targets.shared(size_t(i)) == before->shared(size_t(i)); };
    // A generator kept at its index expands as before when every target of its row there is
    // kept at its index too, and so is the one before each (no earlier target with the same
    // address came in): indexOf() finds the same targets. Saves a look-up per generated
    // target of the workspace when patching.
    auto keepsRow = [&](NodeId node) {
        if (!same(node) || size_t(node) + 1 >= previous->m_expansionOffsets.size())
            return false;
        const int first = previous->m_expansionOffsets[node], last = previous->m_expansionOffsets[node + 1];
        if (size_t(last - first) != targets[size_t(node)].generated.size())
            return false; // some generated target was missing or the node itself
        for (int k = first; k < last; ++k) {
            const NodeId g = previous->m_expansionTargets[size_t(k)];
            if (g == node || !same(g) || (g > 0 && !same(g - 1)))
                return false;
        }
        row.assign(previous->m_expansionTargets.begin() + first, previous->m_expansionTargets.begin() + last);
        return true;
    };
    m_expansionOffsets.reserve(n + 1);
    m_expansionOffsets.push_back(0);
    for (NodeId node = 0; node < n; ++node) {
        row.clear();
        const workspace::Target &t = targets[node];
        if (t.isGenerator && !(before && keepsRow(node))) {
            for (const workspace::Address &a : t.generated) {
                const NodeId g = m_workspace->indexOf(a);
                if (g >= 0 && g != node)
                    row.push_back(g);
            }
        }
        if (row.empty())
            row.push_back(node);
        appendRow(m_expansionOffsets, m_expansionTargets, row);
    }
}

void TargetGraph::reserveForwardEdges(size_t edges, size_t evidence)
{
    const size_t n = m_workspace->targets().size();
    // Sized once: growing it would move every Evidence several times and, for a moment,
    // hold two copies of the largest table of the graph.
    m_evidence.reserve(evidence);
    m_depOffsets.reserve(n + 1);
    m_depTargets.reserve(edges);
    m_edgeKinds.reserve(edges);
    m_evidenceOffsets.reserve(edges + 1);
    m_locationIndex.reserve(edges);
    m_depOffsets.push_back(0);
    m_evidenceOffsets.push_back(0);
}

void TargetGraph::appendResolvedRow(std::vector<infer::Dependency> *deps, std::vector<infer::Dependency *> &edges)
{
    const int n = static_cast<int>(m_workspace->targets().size());
    edges.clear();
    if (deps) {
        for (infer::Dependency &d : *deps) {
            if (d.target >= 0 && d.target < n)
                edges.push_back(&d);
        }
    }
    std::stable_sort(edges.begin(), edges.end(),
                     [](const infer::Dependency *a, const infer::Dependency *b) { return a->target < b->target; });
    for (size_t i = 0; i < edges.size(); ++i) {
        infer::Dependency *d = edges[i];
        if (i > 0 && edges[i - 1]->target == d->target) {
            // A duplicate edge: merge its evidence into the edge already stored.
            m_evidence.insert(m_evidence.end(), std::make_move_iterator(d->evidence.begin()),
                              std::make_move_iterator(d->evidence.end()));
            m_evidenceOffsets.back() = static_cast<int>(m_evidence.size());
            continue;
        }
        m_depTargets.push_back(d->target);
        m_edgeKinds.push_back(static_cast<std::uint8_t>(d->kind));
        m_evidence.insert(m_evidence.end(), std::make_move_iterator(d->evidence.begin()),
                          std::make_move_iterator(d->evidence.end()));
        m_evidenceOffsets.push_back(static_cast<int>(m_evidence.size()));
        if (d->declaredAt.isValid()) {
            m_locationIndex.push_back(static_cast<int>(m_locations.size()));
            m_locations.push_back(std::move(d->declaredAt));
        } else {
            m_locationIndex.push_back(-1);
        }
    }
    m_depOffsets.push_back(static_cast<int>(m_depTargets.size()));
}

void TargetGraph::appendPreviousRow(const TargetGraph &previous, NodeId node, TargetGraph *taken)
{
    // previous's rows are sorted with no duplicates, so only the range check of
    // appendResolvedRow can apply (a workspace with fewer targets than previous's).
    const int n = static_cast<int>(m_workspace->targets().size());
    for (EdgeId edge = previous.m_depOffsets[node]; edge < previous.m_depOffsets[node + 1]; ++edge) {
        const NodeId to = previous.m_depTargets[edge];
        if (to < 0 || to >= n)
            continue;
        m_depTargets.push_back(to);
        m_edgeKinds.push_back(previous.m_edgeKinds[edge]);
        if (taken) {
            std::vector<Evidence> &from = taken->m_evidence;
            m_evidence.insert(m_evidence.end(), std::make_move_iterator(from.begin() + previous.m_evidenceOffsets[edge]),
                              std::make_move_iterator(from.begin() + previous.m_evidenceOffsets[edge + 1]));
        } else {
            m_evidence.insert(m_evidence.end(), previous.m_evidence.begin() + previous.m_evidenceOffsets[edge],
                              previous.m_evidence.begin() + previous.m_evidenceOffsets[edge + 1]);
        }
        m_evidenceOffsets.push_back(static_cast<int>(m_evidence.size()));
        const int location = previous.m_locationIndex[edge];
        if (location >= 0 && previous.m_locations[location].isValid()) {
            m_locationIndex.push_back(static_cast<int>(m_locations.size()));
            m_locations.push_back(previous.m_locations[location]);
        } else {
            m_locationIndex.push_back(-1);
        }
    }
    m_depOffsets.push_back(static_cast<int>(m_depTargets.size()));
}

void TargetGraph::buildDerivedTables(const std::vector<std::vector<int>> &transitiveExcludes,
                                     const TargetGraph *previous, const std::vector<char> *isRedone)
{
    const int n = nodeCount();
    std::vector<NodeId> row;

    // Reverse edges by counting sort; visiting sources in order keeps each row sorted.
    const int e = edgeCount();
    m_rdepOffsets.assign(n + 1, 0);
    for (NodeId to : m_depTargets)
        ++m_rdepOffsets[to + 1];
    for (int i = 0; i < n; ++i)
        m_rdepOffsets[i + 1] += m_rdepOffsets[i];
    m_rdepSources.resize(e);
    m_rdepEdges.resize(e);
    std::vector<int> fill(m_rdepOffsets.begin(), m_rdepOffsets.end() - 1);
    for (NodeId from = 0; from < n; ++from) {
        for (EdgeId edge = m_depOffsets[from]; edge < m_depOffsets[from + 1]; ++edge) {
            const int slot = fill[m_depTargets[edge]]++;
            m_rdepSources[slot] = from;
            m_rdepEdges[slot] = edge;
        }
    }

    // Expanded forward adjacency.
    m_expOffsets.reserve(n + 1);
    m_expTargets.reserve(e);
    m_expOffsets.push_back(0);
    for (NodeId node = 0; node < n; ++node) {
        if (previous && node < previous->nodeCount() && !(*isRedone)[size_t(node)]) {
            // Its row is previous's, and so is every expansion: so is the expanded row.
            const std::span<const NodeId> same = slice(previous->m_expOffsets, previous->m_expTargets, node);
            m_expTargets.insert(m_expTargets.end(), same.begin(), same.end());
            m_expOffsets.push_back(static_cast<int>(m_expTargets.size()));
            continue;
        }
        row.clear();
        for (NodeId dep : dependencies(node)) {
            for (NodeId x : expansionOf(dep)) {
                if (x != node)
                    row.push_back(x);
            }
        }
        appendRow(m_expOffsets, m_expTargets, row);
    }

    // `!!` excludes, expanded.
    m_exclOffsets.reserve(n + 1);
    m_exclOffsets.push_back(0);
    for (NodeId node = 0; node < n; ++node) {
        row.clear();
        if (node < static_cast<int>(transitiveExcludes.size())) {
            for (int x : transitiveExcludes[node]) {
                if (x >= 0 && x < n) {
                    for (NodeId y : expansionOf(x))
                        row.push_back(y);
                }
            }
        }
        appendRow(m_exclOffsets, m_exclTargets, row);
    }
}

std::span<const NodeId> TargetGraph::generatedTargets(NodeId node) const
{
    std::span<const NodeId> expansion = expansionOf(node);
    if (expansion.size() == 1 && expansion[0] == node)
        return {};
    return expansion;
}

EdgeId TargetGraph::edgeId(NodeId from, NodeId to) const
{
    if (from < 0 || from >= nodeCount())
        return -1;
    const auto begin = m_depTargets.begin() + m_depOffsets[from];
    const auto end = m_depTargets.begin() + m_depOffsets[from + 1];
    const auto it = std::lower_bound(begin, end, to);
    if (it == end || *it != to)
        return -1;
    return static_cast<EdgeId>(it - m_depTargets.begin());
}

NodeId TargetGraph::edgeSource(EdgeId edge) const
{
    // The last node whose first edge is <= edge (rows may be empty, so take the last).
    const auto it = std::upper_bound(m_depOffsets.begin(), m_depOffsets.end(), edge);
    return static_cast<NodeId>(it - m_depOffsets.begin()) - 1;
}

EdgeInfo TargetGraph::edgeInfo(EdgeId edge) const
{
    EdgeInfo info;
    if (edge < 0 || edge >= edgeCount())
        return info;
    info.from = edgeSource(edge);
    info.to = m_depTargets[edge];
    info.kind = edgeKind(edge);
    info.evidence = {m_evidence.data() + m_evidenceOffsets[edge], m_evidence.data() + m_evidenceOffsets[edge + 1]};
    if (m_locationIndex[edge] >= 0)
        info.declaredAt = &m_locations[m_locationIndex[edge]];
    return info;
}

EdgeId TargetGraph::explainingEdge(NodeId from, NodeId to) const
{
    const EdgeId direct = edgeId(from, to);
    if (direct >= 0)
        return direct;
    const std::span<const NodeId> deps = dependencies(from);
    for (size_t i = 0; i < deps.size(); ++i) {
        const std::span<const NodeId> generated = generatedTargets(deps[i]);
        if (std::binary_search(generated.begin(), generated.end(), to))
            return firstEdge(from) + static_cast<EdgeId>(i);
    }
    return -1;
}

EdgeInfo TargetGraph::edge(NodeId from, NodeId to) const
{
    return edgeInfo(edgeId(from, to));
}

} // namespace trellis::graph
