#include "ui/graph/graphview.h"

#include "ui/graph/graphoverview.h"
#include "ui/uitr.h"

#include <QContextMenuEvent>

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>

#include <cmath>

namespace trellis::ui {

namespace {
constexpr double kMinZoom = 0.05;
constexpr double kMaxZoom = 4.0;
constexpr int kClickSlop = 4; // pixels a press may travel and still count as a click
} // namespace

/// The key to colours and line styles, floating in the view's bottom-left corner. A
/// child of the view (not of the viewport) so that scrolling does not drag it along.
class GraphLegend : public QWidget {
public:
    explicit GraphLegend(const GraphScene *scene, QWidget *parent)
        : QWidget(parent), m_scene(scene)
    {
        setAttribute(Qt::WA_TransparentForMouseEvents);
        setAttribute(Qt::WA_NoSystemBackground);
        resize(sizeHint());
    }

    QSize sizeHint() const override
    {
        const QFontMetrics fm(font());
        int widest = 0;
        for (const auto &row : rows(m_scene))
            widest = std::max(widest, fm.horizontalAdvance(row.first));
        const int columns = (int(rows(m_scene).size()) + 3) / 4;
        return {columns * (widest + 36) + 8 * (columns - 1) + 16, 12 + 4 * (fm.height() + 3) + 8};
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        const GraphStyle &style = m_scene->style();
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        QColor panel = style.background;
        panel.setAlphaF(0.88);
        p.setPen(QPen(style.clusterBorder, 1));
        p.setBrush(panel);
        p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
        const QFontMetrics fm(font());
        const int rowHeight = fm.height() + 3;
        const int columns = std::max(1, (int(rows(m_scene).size()) + 3) / 4);
        const int columnWidth = (width() - 16 - 8 * (columns - 1)) / columns;
        const auto items = rows(m_scene);
        for (size_t i = 0; i < items.size(); ++i) {
            const int column = int(i) / 4;
            const int row = int(i) % 4;
            const int x = 10 + column * (columnWidth + 8);
            const int y = 10 + row * rowHeight;
            const QRectF swatch(x, y + 2, 24, rowHeight - 6);
            const int kind = items[i].second;
            if (kind < 100) {
                const auto category = TargetCategory(kind);
                const bool group = category == TargetCategory::Other && m_scene->visual().components;
                p.setPen(QPen(style.border(category, group), 1));
                p.setBrush(style.fill(category, group));
                p.drawRoundedRect(swatch, 3, 3);
            } else {
                QPen pen(kind == 103 ? style.cycle : kind == 104 ? style.violation : kind == 105 ? style.packageCycle : style.edge,
                         kind == 106 ? 4 : 1.5);
                if (kind == 101)
                    pen.setDashPattern({4, 3});
                else if (kind == 102)
                    pen.setDashPattern({1, 2.5});
                p.setPen(pen);
                p.drawLine(QPointF(swatch.left(), swatch.center().y()), QPointF(swatch.right(), swatch.center().y()));
            }
            p.setPen(style.text);
            p.drawText(QRect(x + 30, y, columnWidth - 30, rowHeight), Qt::AlignLeft | Qt::AlignVCenter, items[i].first);
        }
    }

private:
    /// Label and what to draw: a TargetCategory value, or 100 + edge style (solid,
    /// dashed, dotted, cycle).
    static std::vector<std::pair<QString, int>> rows(const GraphScene *scene)
    {
        if (scene->visual().components)
            return {
                {Tr::tr("Package: targets · files"), int(TargetCategory::Other)},
                {Tr::tr("Imports (width = count)"), 106},
                {Tr::tr("Breaks a visibility rule"), 104},
                {Tr::tr("Cycle between packages"), 105},
            };
        return {
            {Tr::tr("Python source"), int(TargetCategory::Source)},
            {Tr::tr("Test"), int(TargetCategory::Test)},
            {Tr::tr("Requirement"), int(TargetCategory::Requirement)},
            {Tr::tr("Resource / file"), int(TargetCategory::Resource)},
            {Tr::tr("Explicit (BUILD)"), 100},
            {Tr::tr("Inferred (import)"), 101},
            {Tr::tr("Generated / other"), 102},
            {Tr::tr("Cycle"), 103},
        };
    }
    const GraphScene *m_scene; // not owned
};

GraphView::GraphView(GraphScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent), m_scene(scene), m_legend(new GraphLegend(scene, this)), m_overview(new GraphOverview(this))
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setOptimizationFlag(QGraphicsView::DontAdjustForAntialiasing, true);
    setFocusPolicy(Qt::StrongFocus);
    setFrameShape(QFrame::NoFrame);
    viewport()->setCursor(Qt::ArrowCursor);
    m_scene->setStylePalette(palette(), font());
    placeLegend();
}

GraphView::~GraphView() = default;

void GraphView::fitToView()
{
    const QRectF rect = m_scene->sceneRect();
    if (rect.isEmpty())
        return;
    fitInView(rect, Qt::KeepAspectRatio);
    if (zoom() > 1.0)
        resetZoom();
    else if (zoom() < std::max(kMinZoom, m_minimumFitZoom)) {
        const double floor = std::max(kMinZoom, std::min(1.0, m_minimumFitZoom));
        setTransform(QTransform::fromScale(floor, floor));
    }
    centerOn(rect.center());
    onTransformChanged();
}

void GraphView::zoomBy(double factor)
{
    const double target = std::clamp(zoom() * factor, kMinZoom, kMaxZoom);
    const double applied = target / zoom();
    scale(applied, applied);
    onTransformChanged();
}

void GraphView::resetZoom()
{
    setTransform(QTransform());
    onTransformChanged();
}

double GraphView::zoom() const
{
    return transform().m11();
}

void GraphView::centreOnBox(int box)
{
    const QRectF rect = m_scene->boxRect(box);
    if (!rect.isEmpty())
        centerOn(rect.center());
}

void GraphView::revealBox(int box, double readableZoom)
{
    const QRectF rect = m_scene->boxRect(box);
    if (rect.isEmpty())
        return;
    const double wanted = std::clamp(readableZoom, kMinZoom, kMaxZoom);
    if (zoom() < wanted)
        setTransform(QTransform::fromScale(wanted, wanted));
    centerOn(rect.center());
    onTransformChanged();
}

void GraphView::refreshOverview()
{
    m_overview->refreshPicture();
    placeLegend();
}

void GraphView::onTransformChanged()
{
    m_overview->refreshFrame();
    Q_EMIT viewChanged();
}

void GraphView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    onTransformChanged();
}

void GraphView::contextMenuEvent(QContextMenuEvent *event)
{
    const QPointF scenePos = mapToScene(event->pos()); // viewport coordinates
    const int box = m_scene->boxAt(scenePos);
    const int edge = box >= 0 ? -1 : m_scene->edgeAt(scenePos);
    Q_EMIT contextMenuRequested(box, edge, event->globalPos());
    event->accept();
}

void GraphView::updateLegend()
{
    m_legend->resize(m_legend->sizeHint());
    m_legend->update();
    placeLegend();
}

void GraphView::setLegendVisible(bool visible)
{
    m_legend->setVisible(visible);
}

bool GraphView::isLegendVisible() const
{
    return m_legend->isVisible();
}

void GraphView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    zoomBy(std::pow(1.2, steps));
    event->accept();
}

void GraphView::keyPressEvent(QKeyEvent *event)
{
    setTransformationAnchor(QGraphicsView::AnchorViewCenter);
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoomBy(1.25); break;
    case Qt::Key_Minus: zoomBy(1 / 1.25); break;
    case Qt::Key_0: fitToView(); break;
    case Qt::Key_1: resetZoom(); break;
    default:
        setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
        QGraphicsView::keyPressEvent(event);
        return;
    }
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    event->accept();
}

void GraphView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        m_pressPos = event->position().toPoint();
        m_pressed = true;
    }
    QGraphicsView::mousePressEvent(event);
}

void GraphView::mouseReleaseEvent(QMouseEvent *event)
{
    QGraphicsView::mouseReleaseEvent(event);
    viewport()->setCursor(Qt::ArrowCursor);
    if (event->button() != Qt::LeftButton || !m_pressed)
        return;
    m_pressed = false;
    if ((event->position().toPoint() - m_pressPos).manhattanLength() > kClickSlop)
        return; // a drag: the view was panned
    const QPointF scenePos = mapToScene(event->position().toPoint());
    const VisualGraph &visual = m_scene->visual();
    const int box = m_scene->boxAt(scenePos);
    if (box >= 0) {
        m_scene->setSelectedBox(box);
        const VisualNode &node = visual.nodes[size_t(box)];
        if (node.isGroup())
            Q_EMIT groupActivated(box);
        else
            Q_EMIT targetActivated(node.target);
        return;
    }
    const int edge = m_scene->edgeAt(scenePos);
    if (edge >= 0) {
        const VisualEdge &e = visual.edges[size_t(edge)];
        Q_EMIT edgeClicked(edge);
        Q_EMIT edgeActivated(visual.nodes[size_t(e.from)].target, visual.nodes[size_t(e.to)].target);
        return;
    }
    m_scene->setSelectedBox(-1);
    Q_EMIT backgroundClicked();
}

void GraphView::mouseDoubleClickEvent(QMouseEvent *event)
{
    const int box = m_scene->boxAt(mapToScene(event->position().toPoint()));
    if (box >= 0 && !m_scene->visual().nodes[size_t(box)].isGroup()) {
        Q_EMIT focusRequested(m_scene->visual().nodes[size_t(box)].target);
        event->accept();
        return;
    }
    if (box >= 0) {
        Q_EMIT groupDoubleClicked(box);
        event->accept();
        return;
    }
    QGraphicsView::mouseDoubleClickEvent(event);
}

void GraphView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    m_overview->refreshPicture(); // its size follows the window's
    placeLegend();
}

void GraphView::changeEvent(QEvent *event)
{
    QGraphicsView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        m_scene->setStylePalette(palette(), font());
        m_legend->setFont(font());
        m_legend->resize(m_legend->sizeHint());
        placeLegend();
    }
}

void GraphView::placeLegend()
{
    const QRect area = viewport()->geometry();
    m_legend->move(area.left() + 10, area.bottom() - m_legend->height() - 10);
    m_legend->raise();
    m_overview->move(area.right() - m_overview->width() - 10, area.top() + 10);
    m_overview->raise();
}

} // namespace trellis::ui
