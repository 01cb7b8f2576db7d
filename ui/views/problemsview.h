// ProblemsView: the Problems dock — every diagnostic of the workspace with severity
// toggles; activating a row opens its file at its line.
//
//   ProblemsView problems;
//   problems.setSnapshot(snapshot);
//   connect(&problems, &ProblemsView::locationActivated, window, &MainWindow::openLocation);
#pragma once

#include "ui/workspacesnapshot.h"

#include <QWidget>

class QToolButton;
class QTreeView;

namespace trellis::ui {

class ProblemsFilterModel;
class ProblemsModel;

class ProblemsView : public QWidget {
    Q_OBJECT
public:
    explicit ProblemsView(QWidget *parent = nullptr);

    void setSnapshot(const SnapshotPtr &snapshot);
    ProblemsModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    /// "3 errors, 5 warnings" style summary for titles and the status bar.
    QString summary() const;

Q_SIGNALS:
    void locationActivated(const QString &file, int line);
    void countsChanged();

private:
    void onActivated(const QModelIndex &index);
    void onToggled();
    void updateButtons();

    ProblemsModel *m_model;
    ProblemsFilterModel *m_filter;
    QTreeView *m_view;
    QToolButton *m_errors;
    QToolButton *m_warnings;
    QToolButton *m_notes;
};

} // namespace trellis::ui
