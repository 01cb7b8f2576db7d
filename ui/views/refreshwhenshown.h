// RefreshWhenShown: a view's work for a new workspace snapshot, done at once when the view
// is on screen, otherwise when it is next shown.
//
//   m_refreshWhenShown = new RefreshWhenShown(this, [this] { refresh(); });
//   void View::setSnapshot(...) { ...; m_refreshWhenShown->request(); }
//
// The Lockfiles, Changed and Release tabs each compute on a worker thread (git diffs,
// changed targets, release status: 0.1–3 s and tens of MB on Backend.AI). Starting all
// of them after every save, for tabs nobody is looking at, took cores from the views the
// user sees and raised the window's memory by about 40 MB during a live update. A
// refresh the user asks for (a button, a new base ref) still runs at once.
#pragma once

#include <QObject>

#include <functional>

class QWidget;

namespace trellis::ui {

class RefreshWhenShown : public QObject {
public:
    /// `view` owns this object; `refresh` runs on the UI thread.
    RefreshWhenShown(QWidget *view, std::function<void()> refresh);

    /// The view's data is out of date: refresh now if the view is visible, else when it
    /// is next shown (once, however many requests came meanwhile).
    void request();
    /// A request waits for the view to be shown.
    bool isPending() const { return m_pending; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *m_view;
    std::function<void()> m_refresh;
    bool m_pending = false;
};

} // namespace trellis::ui
