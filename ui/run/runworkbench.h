// RunWorkbench: puts running goals into the main window — the Run menu and toolbar
// actions with shortcuts (Test/Lint/Fmt/Check on the selection or on what changed since
// the base ref, Re-run Failed, Cancel), the base ref combo, the Run dock, and the last
// result of each target as a badge in the target tree and the graph.
//
//   MainWindow window;                         // creates its RunWorkbench
//   window.runWorkbench()->runSpecs(GoalKind::Test, {"src/app::"});
//   window.runWorkbench()->runChanged(GoalKind::Test);   // since the toolbar's base ref
#pragma once

#include "ui/run/runcontroller.h"

#include <QFutureWatcher>
#include <QObject>

class QAction;
class QComboBox;
class QDockWidget;
class QMenu;

namespace trellis::ui {

class MainWindow;
class RunPanel;

class RunWorkbench : public QObject {
    Q_OBJECT
public:
    /// Adds the menu entries, toolbar items and dock to `window` (which owns this object).
    explicit RunWorkbench(MainWindow *window);
    ~RunWorkbench() override;

    RunController *controller() const { return m_controller; }
    RunPanel *panel() const { return m_panel; }
    QDockWidget *dock() const { return m_dock; }
    QComboBox *baseRefCombo() const { return m_baseRef; }
    QString baseRef() const;

    /// Runs a goal on Pants specs; shows the Run dock.
    bool runSpecs(GoalKind goal, const QStringList &specs);
    /// Runs a goal on the targets changed since the base ref.
    bool runChanged(GoalKind goal);
    /// Runs a goal on the selection: the target or directory selected in the Targets
    /// tree, or the target selected in a visible graph.
    bool runSelected(GoalKind goal);
    /// The specs runSelected would use ("src/app:lib", "src/app::"); empty = nothing.
    QStringList selectedSpecs() const;

    QAction *testSelectedAction() const { return m_testSelected; }
    QAction *testChangedAction() const { return m_testChanged; }
    QAction *rerunFailedAction() const { return m_rerunFailed; }
    QAction *cancelAction() const { return m_cancelRun; }
    /// Every run action, in menu order (tests check their shortcuts).
    QList<QAction *> actions() const;

private:
    void createActions();
    void onSnapshotShown();
    void onWorkspaceClosed();
    void onRunStarted();
    void onRunFinished(bool cancelled);
    void onError(const QString &message);
    void onLastResultsChanged();
    void loadRefs();
    void onRefsLoaded();
    void updateActions();

    MainWindow *m_window;                 // not owned; owns this
    RunController *m_controller;          // owned (child)
    RunPanel *m_panel;                    // owned by the dock
    QDockWidget *m_dock = nullptr;        // owned by the window
    QComboBox *m_baseRef = nullptr;       // owned by the toolbar
    QAction *m_testSelected = nullptr;
    QAction *m_testChanged = nullptr;
    QAction *m_lintSelected = nullptr;
    QAction *m_lintChanged = nullptr;
    QAction *m_fmtSelected = nullptr;
    QAction *m_fmtChanged = nullptr;
    QAction *m_checkSelected = nullptr;
    QAction *m_checkChanged = nullptr;
    QAction *m_rerunFailed = nullptr;
    QAction *m_cancelRun = nullptr;
    QAction *m_showPanel = nullptr;
    std::unique_ptr<QFutureWatcher<QStringList>> m_refsWatcher;
};

} // namespace trellis::ui
