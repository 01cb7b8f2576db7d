#include "ui/graph/graphoverview.h"

#include "ui/graph/graphview.h"
#include "ui/uitr.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace trellis::ui {

namespace {
constexpr int kMargin = 4; // frame around the miniature
} // namespace

GraphOverview::GraphOverview(GraphView *view)
    : QWidget(view), m_view(view)
{
    setObjectName(QStringLiteral("graphOverview"));
    setCursor(Qt::PointingHandCursor);
    setToolTip(Tr::tr("Overview: click or drag to move the view"));
    setAttribute(Qt::WA_NoSystemBackground);
    resize(kMaxWidth, kMaxHeight);
    hide();
}

void GraphOverview::refreshPicture()
{
    const QRectF scene = m_view->scene() ? m_view->scene()->sceneRect() : QRectF();
    m_sceneRect = scene;
    if (scene.isEmpty()) {
        m_picture = QPixmap();
        hide();
        return;
    }
    // At most a quarter of the window each way, so that a small window keeps its picture.
    const QSize area = m_view->viewport()->size();
    const int maxWidth = std::clamp(area.width() / 4, 90, kMaxWidth);
    const int maxHeight = std::clamp(area.height() / 4, 60, kMaxHeight);
    const double scale = std::min(double(maxWidth - 2 * kMargin) / scene.width(), double(maxHeight - 2 * kMargin) / scene.height());
    const QSize size(std::max(8, int(std::ceil(scene.width() * scale))), std::max(8, int(std::ceil(scene.height() * scale))));
    resize(size + QSize(2 * kMargin, 2 * kMargin));
    const qreal ratio = devicePixelRatioF();
    m_picture = QPixmap(size * ratio);
    m_picture.setDevicePixelRatio(ratio);
    m_picture.fill(Qt::transparent);
    {
        QPainter painter(&m_picture);
        painter.setRenderHint(QPainter::Antialiasing);
        m_view->scene()->render(&painter, QRectF(QPointF(0, 0), QSizeF(size)), scene, Qt::KeepAspectRatio);
    }
    refreshFrame();
}

bool GraphOverview::isNeeded() const
{
    if (m_sceneRect.isEmpty())
        return false;
    const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    return !visible.adjusted(-1, -1, 1, 1).contains(m_sceneRect);
}

QRectF GraphOverview::pictureRect() const
{
    const QSizeF size = m_picture.isNull() ? QSizeF() : QSizeF(m_picture.size()) / m_picture.devicePixelRatio();
    return QRectF(QPointF(kMargin, kMargin), size);
}

QPointF GraphOverview::sceneAt(const QPoint &pos) const
{
    const QRectF picture = pictureRect();
    if (picture.isEmpty() || m_sceneRect.isEmpty())
        return {};
    const double fx = std::clamp((pos.x() - picture.left()) / picture.width(), 0.0, 1.0);
    const double fy = std::clamp((pos.y() - picture.top()) / picture.height(), 0.0, 1.0);
    return {m_sceneRect.left() + fx * m_sceneRect.width(), m_sceneRect.top() + fy * m_sceneRect.height()};
}

QRectF GraphOverview::frameRect() const
{
    const QRectF picture = pictureRect();
    if (picture.isEmpty() || m_sceneRect.isEmpty())
        return {};
    const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect().intersected(m_sceneRect);
    const double sx = picture.width() / m_sceneRect.width();
    const double sy = picture.height() / m_sceneRect.height();
    return QRectF(picture.left() + (visible.left() - m_sceneRect.left()) * sx,
                  picture.top() + (visible.top() - m_sceneRect.top()) * sy, visible.width() * sx, visible.height() * sy);
}

void GraphOverview::refreshFrame()
{
    setVisible(isNeeded());
    update();
}

void GraphOverview::paintEvent(QPaintEvent *)
{
    const GraphStyle &style = m_view->graphScene()->style();
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    QColor panel = style.background;
    panel.setAlphaF(0.92);
    p.setPen(QPen(style.clusterBorder, 1));
    p.setBrush(panel);
    p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 5, 5);
    p.drawPixmap(pictureRect().topLeft(), m_picture);
    QColor fill = style.selection;
    fill.setAlphaF(0.15);
    p.setBrush(fill);
    p.setPen(QPen(style.selection, 1.5));
    p.drawRect(frameRect());
}

void GraphOverview::panTo(const QPoint &pos)
{
    if (m_sceneRect.isEmpty())
        return;
    m_view->centerOn(sceneAt(pos));
    update();
}

void GraphOverview::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        panTo(event->position().toPoint());
        event->accept();
    }
}

void GraphOverview::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton) {
        panTo(event->position().toPoint());
        event->accept();
    }
}

} // namespace trellis::ui
