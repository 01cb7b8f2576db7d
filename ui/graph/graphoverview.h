// GraphOverview: the overview map in a corner of the GraphView — the whole picture in
// miniature with the visible part framed. Click or drag in it to pan the view there.
// It shows itself only when the picture does not fit the window (Fit stops at readable
// labels, so a large component view scrolls and needs it).
//
//   auto *map = new GraphOverview(view);    // a child of the view, placed by it
//   map->refreshPicture();                  // after GraphScene::setPicture
//   map->refreshFrame();                    // after a scroll or zoom
#pragma once

#include <QPixmap>
#include <QWidget>

namespace trellis::ui {

class GraphView;

class GraphOverview : public QWidget {
    Q_OBJECT
public:
    explicit GraphOverview(GraphView *view);

    /// Redraws the miniature from the scene (a new picture or new colours).
    void refreshPicture();
    /// Moves the frame of the visible part and shows or hides the map as needed.
    void refreshFrame();
    /// True when the picture is larger than the window, i.e. when the map is useful.
    bool isNeeded() const;
    /// Maps a point of this widget to scene coordinates (the centre it would pan to).
    QPointF sceneAt(const QPoint &pos) const;
    /// The visible part of the scene, framed in widget coordinates.
    QRectF frameRect() const;

    /// Largest size; a small window gets a map of a quarter of its width and height.
    static constexpr int kMaxWidth = 220;
    static constexpr int kMaxHeight = 150;

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    /// Scale and offset of the miniature inside the widget.
    QRectF pictureRect() const;
    void panTo(const QPoint &pos);

    GraphView *m_view;   // not owned: the parent
    QPixmap m_picture;   // the scene rendered at the map's size
    QRectF m_sceneRect;  // scene rectangle m_picture shows
};

} // namespace trellis::ui
