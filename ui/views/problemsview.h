// ProblemsView: the Problems dock — every diagnostic of the workspace as a tree grouped
// by root cause (a failed BUILD file first, its knock-on problems folded below it), with
// a text filter, severity toggles, a detail pane with the full text of the current
// problem and a context menu (open the file at the line, show its target, copy message
// or location). Rows are one line each; the tooltip and the detail pane hold the full text.
// Activating a row opens its file at its line.
//
//   ProblemsView problems;
//   problems.setSnapshot(snapshot);
//   connect(&problems, &ProblemsView::locationActivated, window, &MainWindow::openLocation);
#pragma once

#include "ui/workspacesnapshot.h"

#include <QWidget>

class QAction;
class QLineEdit;
class QPlainTextEdit;
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
    ProblemsFilterModel *filterModel() const { return m_filter; }
    QTreeView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filterEdit; }
    QPlainTextEdit *detailPane() const { return m_detail; }
    /// The context-menu actions; they act on the current row.
    QAction *openAction() const { return m_openAction; }
    QAction *copyMessageAction() const { return m_copyMessageAction; }
    QAction *copyLocationAction() const { return m_copyLocationAction; }
    /// Selects the target the problem is about (declared in its BUILD file or owning its file).
    QAction *showTargetAction() const { return m_showTargetAction; }
    /// The target index "Show Target" selects for `index`, -1 when none.
    int targetFor(const QModelIndex &index) const;
    /// Toggles a severity like its tool button.
    void setSeverityVisible(int severity, bool visible);
    /// "3 errors, 5 warnings" style summary for titles and the status bar.
    QString summary() const;

Q_SIGNALS:
    void locationActivated(const QString &file, int line);
    void countsChanged();
    /// "Show Target" on a problem: select this target in the browser.
    void targetActivated(int targetIndex);

private:
    void onActivated(const QModelIndex &index);
    void onCurrentChanged();
    void onContextMenu(const QPoint &pos);
    void onToggled();
    void updateButtons();
    void updateActions();

    ProblemsModel *m_model;
    ProblemsFilterModel *m_filter;
    QTreeView *m_view;
    QLineEdit *m_filterEdit;
    QPlainTextEdit *m_detail;
    QToolButton *m_errors;
    QToolButton *m_warnings;
    QToolButton *m_notes;
    QAction *m_openAction;
    QAction *m_copyMessageAction;
    QAction *m_copyLocationAction;
    QAction *m_showTargetAction;
    SnapshotPtr m_snapshot;
};

} // namespace trellis::ui
