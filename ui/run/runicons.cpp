#include "ui/run/runicons.h"

#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace trellis::ui {

namespace {

/// Draws a status glyph into a square of side `s`.
void paintGlyph(QPainter &p, RunStatus status, qreal s)
{
    const QColor c = RunIcons::color(status);
    const QRectF disc(s * 0.08, s * 0.08, s * 0.84, s * 0.84);
    QPen white(Qt::white, s * 0.12, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    switch (status) {
    case RunStatus::Queued:
        p.setPen(QPen(c, s * 0.1));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(disc.adjusted(s * 0.05, s * 0.05, -s * 0.05, -s * 0.05));
        return;
    case RunStatus::Running: {
        p.setPen(QPen(c, s * 0.14, Qt::SolidLine, Qt::RoundCap));
        p.setBrush(Qt::NoBrush);
        p.drawArc(disc.adjusted(s * 0.06, s * 0.06, -s * 0.06, -s * 0.06), 90 * 16, -270 * 16);
        return;
    }
    default:
        break;
    }
    p.setPen(Qt::NoPen);
    p.setBrush(c);
    p.drawEllipse(disc);
    p.setPen(white);
    p.setBrush(Qt::NoBrush);
    switch (status) {
    case RunStatus::Passed: {
        QPainterPath tick;
        tick.moveTo(s * 0.30, s * 0.52);
        tick.lineTo(s * 0.44, s * 0.66);
        tick.lineTo(s * 0.70, s * 0.36);
        p.drawPath(tick);
        break;
    }
    case RunStatus::Failed:
        p.drawLine(QPointF(s * 0.34, s * 0.34), QPointF(s * 0.66, s * 0.66));
        p.drawLine(QPointF(s * 0.66, s * 0.34), QPointF(s * 0.34, s * 0.66));
        break;
    case RunStatus::Error:
        p.drawLine(QPointF(s * 0.5, s * 0.28), QPointF(s * 0.5, s * 0.56));
        p.drawPoint(QPointF(s * 0.5, s * 0.72));
        break;
    case RunStatus::Skipped:
    case RunStatus::Cancelled:
        p.drawLine(QPointF(s * 0.32, s * 0.5), QPointF(s * 0.68, s * 0.5));
        break;
    case RunStatus::Flaky: {
        QPainterPath wave;
        wave.moveTo(s * 0.28, s * 0.56);
        wave.quadTo(s * 0.39, s * 0.30, s * 0.5, s * 0.5);
        wave.quadTo(s * 0.61, s * 0.70, s * 0.72, s * 0.44);
        p.drawPath(wave);
        break;
    }
    case RunStatus::TimedOut:
        p.drawLine(QPointF(s * 0.5, s * 0.5), QPointF(s * 0.5, s * 0.28));
        p.drawLine(QPointF(s * 0.5, s * 0.5), QPointF(s * 0.68, s * 0.6));
        break;
    case RunStatus::Cached: {
        // A small stack of discs: "stored".
        p.drawLine(QPointF(s * 0.32, s * 0.38), QPointF(s * 0.68, s * 0.38));
        p.drawLine(QPointF(s * 0.32, s * 0.52), QPointF(s * 0.68, s * 0.52));
        p.drawLine(QPointF(s * 0.32, s * 0.66), QPointF(s * 0.68, s * 0.66));
        break;
    }
    default:
        break;
    }
}

QPixmap render(RunStatus status, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    paintGlyph(p, status, size);
    return pixmap;
}

} // namespace

QColor RunIcons::color(RunStatus status)
{
    switch (status) {
    case RunStatus::Queued: return QColor(0x9a, 0x9d, 0xa3);
    case RunStatus::Running: return QColor(0x2f, 0x80, 0xed);
    case RunStatus::Passed: return QColor(0x2e, 0xa0, 0x43);
    case RunStatus::Failed: return QColor(0xd6, 0x45, 0x41);
    case RunStatus::Error: return QColor(0xe0, 0x6c, 0x1a);
    case RunStatus::Skipped: return QColor(0x8a, 0x8d, 0x93);
    case RunStatus::Flaky: return QColor(0xd4, 0xa0, 0x17);
    case RunStatus::TimedOut: return QColor(0x8e, 0x44, 0xad);
    case RunStatus::Cached: return QColor(0x1f, 0x8a, 0x9e);
    case RunStatus::Cancelled: return QColor(0x6c, 0x70, 0x76);
    }
    return Qt::gray;
}

QIcon RunIcons::forStatus(RunStatus status)
{
    static QHash<int, QIcon> cache;
    auto it = cache.find(int(status));
    if (it != cache.end())
        return *it;
    QIcon icon;
    for (int size : {16, 24, 32})
        icon.addPixmap(render(status, size));
    cache.insert(int(status), icon);
    return icon;
}

} // namespace trellis::ui
