// GraphModel: turns "what the user asked to see" (a GraphQuery) into the boxes and arrows
// of one picture (a VisualGraph), and those into a LayoutInput for Graphviz. This is view
// logic only: the walks themselves are core's extractSubgraph/findPaths/findCycles.
//
//   GraphQuery q;
//   q.focus = graph->nodeOf(address);
//   VisualGraph vg = buildVisualGraph(*graph, q);               // any thread
//   LayoutInput in = toLayoutInput(vg, metrics, LayoutDirection::LeftToRight, false);
//
// Bounding: a picture never holds more than GraphQuery::maxNodes boxes. When the
// selection is larger, targets are folded into group boxes, coarsest last: generated
// targets into their BUILD target, then targets into their directory, then directories
// into ever shorter parent directories, until the picture fits. The focus and the path
// endpoints always stay single boxes. VisualGraph::grouping says which level was needed.
#pragma once

#include "core/base/canceltoken.h"
#include "core/graph/components.h"
#include "core/graph/targetgraph.h"
#include "core/graph/traversal.h"
#include "ui/graph/graphlayout.h"

#include <QFont>
#include <QString>

#include <array>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace trellis::ui {

/// Broad family of a target type, used for filtering and colouring.
enum class TargetCategory { Source, Test, Requirement, Resource, Binary, Other };

TargetCategory categoryOfType(const std::string &type);

/// Which targets and edges one picture shows.
struct GraphQuery {
    graph::NodeId focus = -1;                 ///< -1: the whole workspace
    graph::Direction direction = graph::Direction::Both;
    int hops = 2;                             ///< 1..5, ignored without a focus
    bool showRequirements = true;             ///< third-party requirements and lockfiles
    bool showResources = true;                ///< resources, files, archives
    bool showTests = true;
    std::set<std::string> hiddenTypes;        ///< target type aliases left out
    graph::NodeId pathFrom = -1;              ///< path mode when both are >= 0
    graph::NodeId pathTo = -1;
    int maxNodes = 400;                       ///< bound on boxes, see the header
    int maxSelection = 50000;                 ///< cap handed to extractSubgraph
    /// Groups the user expanded in place (VisualNode::groupKey values): their members are
    /// drawn one by one even when the rest of the picture stays folded.
    std::set<std::string> expandedGroups;
};

/// How far targets had to be folded to respect GraphQuery::maxNodes.
enum class Grouping { None, ByBuildTarget, ByDirectory, ByParentDirectory };

/// One box: a target, or a group of targets.
struct VisualNode {
    graph::NodeId target = -1;           ///< the target; -1 for a group
    std::vector<graph::NodeId> members;  ///< targets drawn by this box (a target: itself)
    QString label;                       ///< short name ("util.py", "app:lib", "src/app/")
    QString title;                       ///< full address, or the group's key
    QString directory;                   ///< residence directory (clusters, second line)
    std::string type;                    ///< target type alias; "" for groups
    std::string groupKey;                ///< groups: the key GraphQuery::expandedGroups takes
    int distance = -1;                   ///< hops from the focus; -1 unknown / no focus
    bool focus = false;
    bool frontier = false;               ///< has neighbours that are not drawn
    bool inCycle = false;                ///< member of a dependency cycle
    bool onPath = false;                 ///< path mode: lies on a found path
    // Component views (visualFromComponents) only:
    std::string componentId;             ///< graph::ViewNode::id
    bool aggregate = false;              ///< summarizes components left out by the budget
    bool openable = false;               ///< double-click opens it in place
    QString secondary;                   ///< second line override ("12 targets · 30 files")
    QString toolTip;                     ///< tooltip override (rich text)
    bool isGroup() const { return target < 0; }
};

/// One arrow between boxes (dependent -> dependency).
struct VisualEdge {
    int from = -1;                       ///< index into VisualGraph::nodes
    int to = -1;
    graph::EdgeKind kind = graph::EdgeKind::Explicit; ///< strongest kind folded in
    graph::EdgeId graphEdge = -1;        ///< the explaining TargetGraph edge; -1 for folded edges
    int count = 1;                       ///< target edges folded into this arrow
    bool inCycle = false;                ///< both ends in one cycle component
    bool cycleRejected = false;          ///< ... a cycle Pants rejects
    bool onPath = false;
    // Component views only:
    int viewEdge = -1;                   ///< index into graph::ComponentView::edges
    int violations = 0;                  ///< underlying edges a visibility rule denies
    QString toolTip;                     ///< tooltip override (rich text)
};

struct VisualGraph {
    std::vector<VisualNode> nodes;
    std::vector<VisualEdge> edges;       ///< sorted by (from, to), no duplicates, no loops
    int selectedTargets = 0;             ///< targets selected before folding
    Grouping grouping = Grouping::None;
    int groupDepth = 0;                  ///< ByParentDirectory: path components kept
    bool capped = false;                 ///< extractSubgraph hit maxSelection
    bool pathMode = false;
    int pathCount = 0;                   ///< path mode: paths found (0 = none)
    bool cancelled = false;
    bool components = false;             ///< built by visualFromComponents

    /// The box drawing a target, or -1.
    int nodeOfTarget(graph::NodeId target) const;
    std::unordered_map<graph::NodeId, int> boxOfTarget; ///< target -> index into nodes
};

/// Builds the picture for a query. Pure function of an immutable graph; any thread.
[[nodiscard]] VisualGraph buildVisualGraph(const graph::TargetGraph &graph, const GraphQuery &query,
                                           const base::CancelToken &cancel = {});

/// The picture of a component view (packages, distributions): one group box per view
/// node, one arrow per view edge with its import count as `count`.
[[nodiscard]] VisualGraph visualFromComponents(const graph::ComponentIndex &index, const graph::ComponentView &view);

/// Text widths from a font, captured on the GUI thread as plain numbers so that worker
/// threads can size boxes without touching QFont.
struct LabelMetrics {
    std::array<double, 95> advance{}; ///< printable ASCII ' '..'~'
    double fallback = 7;              ///< any other character
    double height = 14;

    static LabelMetrics fromFont(const QFont &font);
    double width(const QString &text) const;
};

/// Box geometry shared by the layout input and the painting.
struct BoxMetrics {
    LabelMetrics primary;             ///< the name line
    LabelMetrics secondary;           ///< the directory / count line
    double paddingX = 10;
    double paddingY = 5;
    double badgeRoom = 12;            ///< right margin kept for test badges
};

/// The LayoutInput for a picture: box sizes from the metrics, the second line (directory)
/// omitted when `clusterByDirectory` draws directory frames instead.
[[nodiscard]] LayoutInput toLayoutInput(const VisualGraph &visual, const BoxMetrics &metrics,
                                        LayoutDirection direction, bool clusterByDirectory);

/// The second text line of a box ("" when none).
QString secondaryLine(const VisualNode &node, bool clusterByDirectory);

} // namespace trellis::ui
