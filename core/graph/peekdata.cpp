#include "core/graph/peekdata.h"

#include "core/graph/graphexport.h"

namespace trellis::graph {

std::vector<std::string> peekDependencies(const TargetGraph &graph, NodeId node)
{
    // Node order is the workspace's target order, which is Address order.
    std::vector<std::string> out;
    for (NodeId dep : graph.expandedDependencies(node))
        out.push_back(graph.address(dep).toString());
    return out;
}

std::vector<DependencyEvidence> peekEvidence(const TargetGraph &graph, NodeId node)
{
    std::vector<DependencyEvidence> out;
    for (NodeId dep : graph.expandedDependencies(node)) {
        const EdgeInfo info = graph.edgeInfo(graph.explainingEdge(node, dep));
        DependencyEvidence e;
        e.address = graph.address(dep).toString();
        e.kind = edgeKindKey(info.kind);
        if (info.to >= 0 && info.to != dep)
            e.via = graph.address(info.to).toString();
        e.imports.assign(info.evidence.begin(), info.evidence.end());
        if (info.declaredAt)
            e.declaredAt = *info.declaredAt;
        out.push_back(std::move(e));
    }
    return out;
}

} // namespace trellis::graph
