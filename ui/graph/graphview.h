// GraphView: the interactive window onto a GraphScene — wheel zoom anchored under the
// mouse, +/-/0/1 keys, drag to pan, click to select, double-click to refocus, a legend
// in the corner, an overview map in the other corner when the picture does not fit, and
// right-click menus (the panel builds them). Clicks are told apart from drags by distance,
// so panning never selects.
//
//   auto *view = new GraphView(scene, this);
//   connect(view, &GraphView::targetActivated, this, &Panel::onTargetClicked);
//   view->fitToView();
#pragma once

#include "ui/graph/graphscene.h"

#include <QGraphicsView>

namespace trellis::ui {

class GraphLegend;
class GraphOverview;

class GraphView : public QGraphicsView {
    Q_OBJECT
public:
    explicit GraphView(GraphScene *scene, QWidget *parent = nullptr);
    ~GraphView() override;

    GraphScene *graphScene() const { return m_scene; }
    /// Scales the whole picture into the window (never above 100%).
    void fitToView();
    /// Multiplies the zoom, clamped to 5%..400%.
    void zoomBy(double factor);
    /// Back to 100%.
    void resetZoom();
    double zoom() const;
    /// Scrolls a box into the middle of the window.
    void centreOnBox(int box);
    /// Brings a box into the middle of the window and zooms in (never out) until its
    /// label is readable at `readableZoom` (search results, path ends).
    void revealBox(int box, double readableZoom);
    /// The picture changed: redraws the overview map.
    void refreshOverview();
    GraphOverview *overview() const { return m_overview; }
    /// Fit never zooms out below this (0 = only the global minimum): component views keep
    /// their labels readable and scroll instead.
    void setMinimumFitZoom(double zoom) { m_minimumFitZoom = zoom; }
    double minimumFitZoom() const { return m_minimumFitZoom; }
    /// The legend follows the picture kind (targets or components).
    void updateLegend();
    void setLegendVisible(bool visible);
    bool isLegendVisible() const;

Q_SIGNALS:
    /// A target box was clicked (TargetGraph node).
    void targetActivated(int node);
    /// A group box was clicked (index into the scene's visual().nodes).
    void groupActivated(int box);
    /// A target box was double-clicked: the user wants it as the new focus.
    void focusRequested(int node);
    /// An arrow was clicked. Ends are TargetGraph nodes; -1 for an end that is a group.
    void edgeActivated(int from, int to);
    /// An arrow was clicked (index into the scene's visual().edges).
    void edgeClicked(int edge);
    /// A group box was double-clicked (index into the scene's visual().nodes).
    void groupDoubleClicked(int box);
    /// A click on empty space.
    void backgroundClicked();
    /// A right click: `box` (index into visual().nodes) or `edge` (index into
    /// visual().edges) under the pointer, -1 when none; `globalPos` places the menu.
    void contextMenuRequested(int box, int edge, const QPoint &globalPos);
    /// The zoom or the scroll position changed.
    void viewChanged();

protected:
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void placeLegend();
    void onTransformChanged();

    GraphScene *m_scene;      // not owned
    GraphLegend *m_legend;    // child widget
    GraphOverview *m_overview; // child widget
    QPoint m_pressPos;
    bool m_pressed = false;
    double m_minimumFitZoom = 0;
};

} // namespace trellis::ui
