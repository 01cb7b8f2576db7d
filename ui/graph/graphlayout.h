// GraphLayout: a thin adapter over Graphviz's `dot` layout. Takes a plain list of boxes
// and arrows (sizes in points, measured by the caller), builds a cgraph graph, runs dot
// in-process and hands back rectangles and Bézier control points in Qt's coordinate
// system (y grows downwards). Nothing here knows about targets or widgets.
//
//   LayoutInput in;
//   in.nodes = {{"a", 60, 24}, {"b", 60, 24}};
//   in.edges = {{0, 1}};
//   GraphLayoutResult out = layoutGraph(in, token);       // any thread
//   for (const LayoutNode &n : out.nodes) scene->addRect(n.rect);
//
// Threading: Graphviz keeps global state (the cgraph attribute dictionaries, dot's
// statics), so every call takes one process-wide mutex and uses its own GVC context.
// Calls from several threads are therefore safe but serialised.
//
// Cancellation: dot itself cannot be interrupted. The token is checked after waiting for
// the mutex, before the layout and after it; a cancelled call returns `cancelled = true`
// and no geometry, so a superseded layout costs at most one dot run.
#pragma once

#include "core/base/canceltoken.h"

#include <QPointF>
#include <QRectF>
#include <QString>

#include <string>
#include <vector>

namespace trellis::ui {

/// Flow of the ranks: dependencies to the right or downwards.
enum class LayoutDirection { LeftToRight, TopToBottom };

/// One box to place. `width`/`height` in points (1/72 inch), label padding included.
struct LayoutInputNode {
    QString label;        ///< written to DOT exports; the layout only uses the size
    double width = 54;
    double height = 22;
    int cluster = -1;     ///< index into LayoutInput::clusters, -1 = top level
};

/// One arrow, tail -> head, as indices into LayoutInput::nodes.
struct LayoutInputEdge {
    int from = -1;
    int to = -1;
    QString style;        ///< DOT style for exports ("solid", "dashed", ...); "" = default
    QString color;        ///< DOT colour for exports; "" = default
    int minLength = 1;    ///< DOT minlen: ranks between tail and head (staggers wide ranks)
};

struct LayoutInput {
    std::vector<LayoutInputNode> nodes;
    std::vector<LayoutInputEdge> edges;
    std::vector<QString> clusters;   ///< cluster labels (dot draws a frame around members)
    LayoutDirection direction = LayoutDirection::LeftToRight;
    double nodeSeparation = 14;      ///< points between boxes in one rank
    double rankSeparation = 42;      ///< points between ranks
    double clusterLabelHeight = 16;  ///< room reserved for a cluster's caption
};

/// A placed box; `rect` in scene coordinates (points, y down).
struct LayoutNode {
    QRectF rect;
};

/// A routed arrow. `points` is a cubic Bézier chain: p0, then (c1, c2, p) triples. The
/// arrowhead, when present, runs from points.back() to `arrowTip`.
struct LayoutEdge {
    int from = -1;
    int to = -1;
    std::vector<QPointF> points;
    bool hasArrow = false;
    QPointF arrowTip;
};

/// A placed cluster frame.
struct LayoutCluster {
    QRectF rect;
    QString label;
};

struct GraphLayoutResult {
    std::vector<LayoutNode> nodes;       ///< parallel to LayoutInput::nodes
    std::vector<LayoutEdge> edges;       ///< parallel to LayoutInput::edges (self loops: no points)
    std::vector<LayoutCluster> clusters; ///< parallel to LayoutInput::clusters
    QRectF boundingRect;
    bool cancelled = false;
    QString error;                       ///< non-empty when Graphviz failed
    double milliseconds = 0;             ///< time spent inside gvLayout
};

/// Lays `input` out with dot. Thread-safe (serialised, see above); never throws.
[[nodiscard]] GraphLayoutResult layoutGraph(const LayoutInput &input, const base::CancelToken &cancel = {});

/// The same graph as a Graphviz DOT document (no positions), written by cgraph's agwrite,
/// so it always parses back with agread/agmemread.
[[nodiscard]] std::string layoutInputToDot(const LayoutInput &input, const QString &graphName = QStringLiteral("trellis"));

} // namespace trellis::ui
