// The dependency parts of `peek` (spec §6.4): the expanded `dependencies` list and the
// reasons behind each entry for `peek --evidence`. The peek goal itself belongs to the
// workspace introspection goals; it calls these.
//
//   json["dependencies"] = graph::peekDependencies(g, node);   // rendered, Address order
//   for (const graph::DependencyEvidence &e : graph::peekEvidence(g, node)) ...
#pragma once

#include "core/graph/targetgraph.h"

#include <string>
#include <vector>

namespace trellis::graph {

/// Expanded direct dependencies of `node`, rendered, in Address order.
std::vector<std::string> peekDependencies(const TargetGraph &graph, NodeId node);

/// Why one expanded dependency exists.
struct DependencyEvidence {
    std::string address;              ///< the dependency, rendered
    std::string kind;                 ///< edgeKindKey(): "explicit", "inferred", ...
    /// The generator named in the dependency list when the dependency is one of its
    /// generated targets (expansion), rendered; "" when the edge is direct.
    std::string via;
    std::vector<Evidence> imports;    ///< inferred edges: the import lines
    base::SourceLocation declaredAt;  ///< explicit edges: the BUILD call (invalid otherwise)
};

/// One entry per peekDependencies() entry, same order.
std::vector<DependencyEvidence> peekEvidence(const TargetGraph &graph, NodeId node);

} // namespace trellis::graph
