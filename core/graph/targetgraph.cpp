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

namespace {

/// A full InferenceResult from `previous`'s rows, with `redone`'s rows and import
/// diagnostics (with `allSteps`, all their diagnostics) taken from `partial`.
infer::InferenceResult merged(const TargetGraph &previous, infer::InferenceResult partial, const std::vector<int> &redone,
                              const base::Diagnostics &oldDiagnostics,
                              const std::vector<infer::DiagnosticOrigin> &oldOrigins, bool allSteps)
{
    const int n = previous.nodeCount();
    std::vector<char> isRedone(size_t(n), 0);
    for (int r : redone)
        if (r >= 0 && r < n)
            isRedone[size_t(r)] = 1;
    infer::InferenceResult out;
    out.dependencies.resize(size_t(n));
    for (NodeId node = 0; node < n; ++node) {
        if (isRedone[size_t(node)]) {
            if (size_t(node) < partial.dependencies.size())
                out.dependencies[size_t(node)] = std::move(partial.dependencies[size_t(node)]);
            continue;
        }
        const std::span<const NodeId> deps = previous.dependencies(node);
        auto &row = out.dependencies[size_t(node)];
        row.reserve(deps.size());
        for (size_t i = 0; i < deps.size(); ++i) {
            const EdgeInfo info = previous.edgeInfo(previous.firstEdge(node) + EdgeId(i));
            infer::Dependency d;
            d.target = info.to;
            d.kind = info.kind;
            d.evidence.assign(info.evidence.begin(), info.evidence.end());
            if (info.declaredAt)
                d.declaredAt = *info.declaredAt;
            row.push_back(std::move(d));
        }
    }
    out.transitiveExcludes = std::move(partial.transitiveExcludes);
    // Diagnostics in the order a full run reports them: (target, step), stable.
    struct Item {
        infer::DiagnosticOrigin origin;
        base::Diagnostic diagnostic;
    };
    std::vector<Item> items;
    auto keep = [&](const infer::DiagnosticOrigin &o, bool fromPartial) {
        const bool redoneImport = o.target >= 0 && o.target < n && isRedone[size_t(o.target)]
            && (allSteps || o.step == infer::StepImports);
        return fromPartial ? redoneImport : !redoneImport;
    };
    for (size_t i = 0; i < oldDiagnostics.size(); ++i) {
        const infer::DiagnosticOrigin o = i < oldOrigins.size() ? oldOrigins[i] : infer::DiagnosticOrigin{};
        if (keep(o, false))
            items.push_back({o, oldDiagnostics[i]});
    }
    for (size_t i = 0; i < partial.diagnostics.size(); ++i) {
        const infer::DiagnosticOrigin o = i < partial.diagnosticOrigins.size() ? partial.diagnosticOrigins[i] : infer::DiagnosticOrigin{};
        if (keep(o, true))
            items.push_back({o, std::move(partial.diagnostics[i])});
    }
    std::stable_sort(items.begin(), items.end(), [](const Item &a, const Item &b) {
        return std::tie(a.origin.target, a.origin.step) < std::tie(b.origin.target, b.origin.step);
    });
    for (Item &it : items) {
        out.diagnostics.push_back(std::move(it.diagnostic));
        out.diagnosticOrigins.push_back(it.origin);
    }
    out.stats = partial.stats;
    return out;
}

} // namespace

TargetGraph::TargetGraph(const TargetGraph &previous, infer::InferenceResult partial, const std::vector<int> &redone)
    : TargetGraph(previous.m_workspace, merged(previous, std::move(partial), redone, previous.m_diagnostics,
                                               previous.m_diagnosticOrigins, /*allSteps=*/false))
{
}

TargetGraph::TargetGraph(const TargetGraph &previous, std::shared_ptr<const workspace::Workspace> workspace,
                         infer::InferenceResult partial, const std::vector<int> &redone)
    : TargetGraph(std::move(workspace), merged(previous, std::move(partial), redone, previous.m_diagnostics,
                                               previous.m_diagnosticOrigins, /*allSteps=*/true))
{
}

TargetGraph::TargetGraph(std::shared_ptr<const workspace::Workspace> workspace, infer::InferenceResult deps)
    : m_workspace(std::move(workspace))
    , m_diagnostics(std::move(deps.diagnostics))
    , m_diagnosticOrigins(std::move(deps.diagnosticOrigins))
{
    m_diagnosticOrigins.resize(m_diagnostics.size());
    const std::vector<workspace::Target> &targets = m_workspace->targets();
    const int n = static_cast<int>(targets.size());
    std::vector<NodeId> row;

    // Expansion of every node (generator -> generated targets).
    m_expansionOffsets.reserve(n + 1);
    m_expansionOffsets.push_back(0);
    for (NodeId node = 0; node < n; ++node) {
        row.clear();
        const workspace::Target &t = targets[node];
        if (t.isGenerator) {
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

    // Forward edges with their kinds and evidence.
    size_t edgeEstimate = 0, evidenceCount = 0;
    for (int i = 0; i < n && i < static_cast<int>(deps.dependencies.size()); ++i) {
        edgeEstimate += deps.dependencies[i].size();
        for (const infer::Dependency &d : deps.dependencies[i])
            evidenceCount += d.evidence.size();
    }
    // Sized once: growing it would move every Evidence several times and, for a moment,
    // hold two copies of the largest table of the graph.
    m_evidence.reserve(evidenceCount);
    m_depOffsets.reserve(n + 1);
    m_depTargets.reserve(edgeEstimate);
    m_edgeKinds.reserve(edgeEstimate);
    m_evidenceOffsets.reserve(edgeEstimate + 1);
    m_locationIndex.reserve(edgeEstimate);
    m_depOffsets.push_back(0);
    m_evidenceOffsets.push_back(0);
    std::vector<infer::Dependency *> edges;
    for (NodeId node = 0; node < n; ++node) {
        edges.clear();
        if (node < static_cast<int>(deps.dependencies.size())) {
            for (infer::Dependency &d : deps.dependencies[node]) {
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
        if (node < static_cast<int>(deps.transitiveExcludes.size())) {
            for (int x : deps.transitiveExcludes[node]) {
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
