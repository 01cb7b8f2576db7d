// GraphScene: draws one laid-out VisualGraph — rounded boxes coloured by target type,
// Bézier arrows styled by edge kind, directory frames — plus the overlays the other views
// feed in (changed/affected targets, test results, search matches, the selection).
//
//   auto *scene = new GraphScene(this);
//   scene->setPicture(graph, std::move(visual), std::move(layout), metrics, false);
//   scene->setChangedTargets({3, 7});
//   int box = scene->boxAt(pos);        // index into scene->visual().nodes, or -1
//
// Colours follow the palette (light or dark) given to setStylePalette(). Items paint
// from the scene's state, so an overlay change is one update(), not a rebuild.
#pragma once

#include "ui/graph/graphlayout.h"
#include "ui/graph/graphmodel.h"

#include <QColor>
#include <QFont>
#include <QGraphicsScene>
#include <QPalette>

#include <map>
#include <memory>
#include <set>
#include <vector>

namespace trellis::ui {

class GraphNodeItem;
class GraphEdgeItem;

/// Result badge of a target's last test run.
enum class TestOutcome { Passed, Failed };

/// Colours and fonts of the picture, derived from a palette.
struct GraphStyle {
    bool dark = false;
    QColor background;
    QColor text;
    QColor dimText;
    QColor edge;
    QColor selection;       ///< selected box, incident arrows, search matches
    QColor cycle;
    QColor violation;       ///< component views: edges a visibility rule forbids
    QColor packageCycle;    ///< component views: edges inside a cycle between packages
    QColor changed;
    QColor affected;
    QColor passed;
    QColor failed;
    QColor clusterFill;
    QColor clusterBorder;
    QFont primaryFont;
    QFont secondaryFont;

    static GraphStyle fromPalette(const QPalette &palette, const QFont &baseFont);
    QColor fill(TargetCategory category, bool group) const;
    QColor border(TargetCategory category, bool group) const;
    /// Pen pattern for an edge kind: explicit solid, inferred dashed, the rest dotted.
    static Qt::PenStyle penStyle(graph::EdgeKind kind);
};

class GraphScene : public QGraphicsScene {
    Q_OBJECT
public:
    explicit GraphScene(QObject *parent = nullptr);
    ~GraphScene() override;

    /// Sets colours and fonts; call before setPicture (and again on a palette change).
    void setStylePalette(const QPalette &palette, const QFont &baseFont);
    const GraphStyle &style() const { return m_style; }
    /// Box metrics matching the current fonts, for toLayoutInput().
    const BoxMetrics &boxMetrics() const { return m_boxMetrics; }

    /// Replaces the picture. `layout` must come from toLayoutInput(visual, ...).
    void setPicture(std::shared_ptr<const graph::TargetGraph> graph, VisualGraph visual,
                    GraphLayoutResult layout, bool clusterByDirectory);
    void clearPicture();
    const VisualGraph &visual() const { return m_visual; }
    /// The geometry of the picture (boxes and splines in scene coordinates).
    const GraphLayoutResult &layout() const { return m_layout; }
    const graph::TargetGraph *targetGraph() const { return m_graph.get(); }
    bool clusterByDirectory() const { return m_clusterByDirectory; }

    /// Pixmap caching of boxes: on for the screen (cheap panning), off while exporting so
    /// that SVG gets real text and shapes rather than bitmaps.
    void setCachingEnabled(bool on);

    /// The box under a scene position, or -1.
    int boxAt(const QPointF &scenePos) const;
    /// The arrow under a scene position (index into visual().edges), or -1.
    int edgeAt(const QPointF &scenePos) const;
    /// Scene rectangle of a box (empty for an invalid index).
    QRectF boxRect(int box) const;

    /// Selected box (-1 = none); its arrows are highlighted.
    void setSelectedBox(int box);
    int selectedBox() const { return m_selectedBox; }
    /// Selected arrow (-1 = none), drawn thicker in the selection colour.
    void setSelectedEdge(int edge);
    int selectedEdge() const { return m_selectedEdge; }
    /// Highlights boxes whose title contains `text` (case-insensitive), and group boxes
    /// (packages, folded directories) holding a target whose address contains it; dims the
    /// rest. Returns the matching boxes in picture order, top-left first. An empty text
    /// clears the search.
    std::vector<int> setSearchText(const QString &text);
    bool isSearchMatch(int box) const { return m_searchMatches.count(box) > 0; }
    bool searchActive() const { return m_searchActive; }
    /// Search: how many member targets of a box matched (0 when only its title did).
    int memberMatches(int box) const;
    /// Marks a chain of boxes ("why does A depend on B"): the boxes and the arrows between
    /// consecutive ones are highlighted, the rest dimmed. Empty clears it.
    void setMarkedPath(const std::vector<int> &boxes);
    const std::vector<int> &markedPath() const { return m_markedPath; }
    /// Hides or shows one arrow (index into visual().edges).
    void setEdgeHidden(int edge, bool hidden);
    bool isEdgeHidden(int edge) const;

    /// Overlays keyed by TargetGraph node; a group shows the union of its members.
    void setChangedTargets(const std::set<graph::NodeId> &targets);
    void setAffectedTargets(const std::set<graph::NodeId> &targets);
    void setTestResults(const std::map<graph::NodeId, TestOutcome> &results);

    /// Per-box overlay state, used by the items when painting.
    bool isChanged(int box) const;
    bool isAffected(int box) const;
    /// 0 = no result, 1 = all passed, -1 = some failed.
    int testState(int box) const;
    /// Tooltip text of a box or an arrow (rich text).
    QString boxToolTip(int box) const;
    QString edgeToolTip(int edge) const;

protected:
    void helpEvent(QGraphicsSceneHelpEvent *event) override;

private:
    bool anyMember(int box, const std::set<graph::NodeId> &targets) const;

    GraphStyle m_style;
    BoxMetrics m_boxMetrics;
    std::shared_ptr<const graph::TargetGraph> m_graph; // may be null before the first picture
    VisualGraph m_visual;
    GraphLayoutResult m_layout;
    bool m_clusterByDirectory = false;
    std::vector<GraphNodeItem *> m_nodeItems;   // owned by the scene, parallel to visual().nodes
    std::vector<GraphEdgeItem *> m_edgeItems;   // owned by the scene, parallel to visual().edges
    int m_selectedBox = -1;
    int m_selectedEdge = -1;
    bool m_searchActive = false;
    std::set<int> m_searchMatches;
    std::map<int, int> m_memberMatches;         // box -> matching member targets
    std::vector<int> m_markedPath;              // boxes of the marked chain
    std::set<graph::NodeId> m_changed;
    std::set<graph::NodeId> m_affected;
    std::map<graph::NodeId, TestOutcome> m_testResults;
};

} // namespace trellis::ui
