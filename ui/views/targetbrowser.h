// TargetBrowser: the Targets dock — a filter line (Pants specs and free text), a target
// type filter and the directory → target → generated target tree, with counts.
//
//   TargetBrowser browser;
//   browser.setSnapshot(snapshot);           // keeps selection and expansion on reload
//   browser.setFilterLine("src/app:: !src/app/legacy::");
//   connect(&browser, &TargetBrowser::currentTargetChanged, details, &DetailsPanel::showTarget);
#pragma once

#include "ui/workspacesnapshot.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTimer;
class QTreeView;

namespace trellis::ui {

class TargetFilterProxyModel;
class TargetTreeModel;

class TargetBrowser : public QWidget {
    Q_OBJECT
public:
    explicit TargetBrowser(QWidget *parent = nullptr);

    void setSnapshot(const SnapshotPtr &snapshot);
    void setFilterLine(const QString &line);
    QString filterLine() const;
    void setTypeFilter(const QString &type);
    /// Selects, reveals and scrolls to a target; returns false when it is filtered out.
    bool selectTarget(int targetIndex);
    int currentTarget() const;
    void focusFilter();

    /// True when the snapshot's root holds a pants.toml (else the tree is empty by nature).
    static bool isPantsWorkspace(const SnapshotPtr &snapshot);
    /// The line under the tree: target counts, or why there are none.
    QString statusText() const;

    QTreeView *view() const { return m_view; }
    TargetTreeModel *model() const { return m_model; }
    TargetFilterProxyModel *proxy() const { return m_proxy; }

Q_SIGNALS:
    /// The selection changed (-1: a directory or nothing).
    void currentTargetChanged(int targetIndex);
    /// Enter or double-click on a target: open where it is declared.
    void targetActivated(int targetIndex);

private:
    void onFilterEdited();
    void onApplyFilter();
    void onTypeChanged(int index);
    void onCurrentChanged();
    void onActivated(const QModelIndex &index);
    void updateStatus();
    void populateTypes();
    QStringList expandedPaths() const;
    void restoreExpanded(const QStringList &paths);

    TargetTreeModel *m_model;
    TargetFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QComboBox *m_types;
    QTreeView *m_view;
    QLabel *m_status;
    QTimer *m_filterDelay;
    QString m_lastRoot; ///< the last workspace shown (a new one resets the filter)
};

} // namespace trellis::ui
