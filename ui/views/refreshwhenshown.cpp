#include "ui/views/refreshwhenshown.h"

#include <QEvent>
#include <QWidget>

#include <utility>

namespace trellis::ui {

RefreshWhenShown::RefreshWhenShown(QWidget *view, std::function<void()> refresh)
    : QObject(view)
    , m_view(view)
    , m_refresh(std::move(refresh))
{
    view->installEventFilter(this);
}

void RefreshWhenShown::request()
{
    if (m_view->isVisible()) {
        m_pending = false;
        m_refresh();
    } else {
        m_pending = true;
    }
}

bool RefreshWhenShown::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::Show && std::exchange(m_pending, false))
        m_refresh();
    return QObject::eventFilter(watched, event);
}

} // namespace trellis::ui
