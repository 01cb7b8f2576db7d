// Whole-graph export for `trellis graph --format=json|dot` and for tools that want the
// dependency data without linking Trellis. The JSON schema is documented in
// docs/graph-json.md and versioned by its "version" field.
//
//   std::string json = graph::exportJson(g);                       // every target
//   std::string dot = graph::exportDot(g, {.nodes = selected});     // a selection
#pragma once

#include "core/graph/targetgraph.h"

#include <span>
#include <string>
#include <string_view>

namespace trellis::graph {

/// Version of the JSON schema written by exportJson; bumped on incompatible changes.
inline constexpr int kGraphJsonVersion = 1;

/// What to export.
struct ExportOptions {
    /// Nodes to include (any order, duplicates ignored); empty = every target. Edges are
    /// those between included nodes.
    std::span<const NodeId> nodes;
    /// Export expanded edges (spec §6, generators replaced by their generated targets)
    /// instead of the resolved ones. An expanded edge that came through a generator
    /// carries that edge's kind and evidence and names the generator in "via".
    bool expanded = false;
};

/// The stable, lower-case name of an edge kind used by the exports ("explicit",
/// "inferred", "generated", "conftest", "init_file", "entry_point", "requirement").
const char *edgeKindKey(EdgeKind kind);

/// JSON document (2-space indent, trailing newline); nodes in Address order, edges by
/// (from, to) in Address order.
std::string exportJson(const TargetGraph &graph, const ExportOptions &options = {});

/// Graphviz DOT digraph; ids quoted, each edge carrying `kind` and a style per kind.
std::string exportDot(const TargetGraph &graph, const ExportOptions &options = {});

/// `text` as a JSON string literal, quotes included (control characters as \uXXXX,
/// UTF-8 passed through).
std::string jsonQuote(std::string_view text);

} // namespace trellis::graph
