// MainWindow: wires the views around one WorkspaceController — Targets (left), Details
// (right), Problems (bottom) as docks, and the centre as tabs (source viewers now; the
// graph, run and release views register themselves with addCentreTab()/addDock()).
//
//   MainWindow window;
//   window.show();
//   window.openWorkspace("/repo");          // asynchronous; the window stays responsive
//   window.openLocation("src/app/BUILD", 3);
#pragma once

#include "ui/workspacesnapshot.h"

#include <QMainWindow>

#include <memory>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QStackedWidget;
class QTabWidget;
class QToolBar;
class QToolButton;

namespace KSyntaxHighlighting { class Repository; }

namespace trellis::ui {

class DetailsPanel;
class GraphPanel;
class ProblemsView;
class RunWorkbench;
class SettingsDialog;
class SourceViewer;
class TargetBrowser;
class WelcomeWidget;
class WorkspaceController;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Starts loading the workspace containing `path`.
    void openWorkspace(const QString &path);
    /// Creates the demo workspace (if needed, on a worker thread) and opens it.
    void openDemoWorkspace();
    /// Opens a file (buildroot-relative or absolute) in a source tab, at `line` (0 = top).
    SourceViewer *openLocation(const QString &file, int line);
    /// Selects a target in the browser and shows it in Details.
    bool selectTarget(int targetIndex);
    /// Opens a file in the external editor (settings) or the system's default application.
    /// Without a configured editor this asks first: choose one in Settings, or use the
    /// desktop's default application (optionally always).
    void openExternally(const QString &absolutePath, int line);
    /// Opens the Settings dialog (window-modal); `focusEditor` focuses the editor command.
    SettingsDialog *openSettings(bool focusEditor);

    /// Adds a view as a centre tab (the Graph view and later ones use this).
    int addCentreTab(QWidget *view, const QIcon &icon, const QString &title);
    /// Adds a dock with an entry in the View menu; `objectName` keys its saved state.
    QDockWidget *addDock(QWidget *view, const QString &title, const QString &objectName, Qt::DockWidgetArea area);

    WorkspaceController *controller() const { return m_controller; }
    TargetBrowser *targetBrowser() const { return m_targets; }
    DetailsPanel *detailsPanel() const { return m_details; }
    ProblemsView *problemsView() const { return m_problems; }
    /// Status-bar button with the load summary ("3 BUILD files failed; 12,430 targets
    /// shown"), visible when the load had errors; clicking it shows the Problems view.
    QToolButton *loadSummaryButton() const { return m_loadSummary; }
    /// Shows and raises the Problems dock and focuses its list.
    void showProblems();
    QTabWidget *centreTabs() const { return m_tabs; }
    /// The dependency graph tab (always present once a workspace is open).
    GraphPanel *graphPanel() const { return m_graph; }
    /// Brings the graph tab to the front, focused on `targetIndex` with `hops` proximity.
    void showGraph(int targetIndex, int hops);
    SourceViewer *currentSourceViewer() const;
    KSyntaxHighlighting::Repository *syntaxRepository() const { return m_repository.get(); }
    QAction *quickOpenAction() const { return m_quickOpen; }
    QMenu *viewMenu() const { return m_viewMenu; }
    /// The Run menu and the main toolbar, filled by the RunWorkbench.
    QMenu *runMenu() const { return m_runMenu; }
    QToolBar *mainToolBar() const { return m_mainToolBar; }
    /// Goal runs: actions, the Run dock and result badges.
    RunWorkbench *runWorkbench() const { return m_run; }

Q_SIGNALS:
    /// A snapshot was shown (after a load or reload); tests and --screenshot wait on it.
    void snapshotShown(trellis::ui::SnapshotPtr snapshot);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createDocks();
    void createStatusBar();
    void restoreLayout();
    void updateActions();
    void updateRecentMenu();
    void updateTitle();
    void updateToolBarIcons();
    void fitToolBar();

    void onOpen();
    void onOpenDemo();
    void onQuickOpen();
    void onGoToLine();
    void onOpenExternally();
    void openWithDesktop(const QString &absolutePath);
    void onSettings();
    void onAbout();
    void onCloseTab(int index);
    void onLoadStarted(const QString &rootPath, bool isReload);
    void onProgress(const QString &phase, int done, int total);
    void onLoaded(trellis::ui::SnapshotPtr snapshot, bool isReload);
    void onLoadFailed(const QString &rootPath, const QString &message);
    void onLoadCancelled();
    void onClosed();
    void onCurrentTargetChanged(int targetIndex);
    void onTargetActivated(int targetIndex);

    WorkspaceController *m_controller;
    std::unique_ptr<KSyntaxHighlighting::Repository> m_repository; // one per application
    TargetBrowser *m_targets;
    DetailsPanel *m_details;
    ProblemsView *m_problems;
    QStackedWidget *m_centre;
    WelcomeWidget *m_welcome;
    QTabWidget *m_tabs;
    GraphPanel *m_graph;          ///< owned by m_tabs
    bool m_selectionFromGraph = false; ///< the current target change came from a graph click
    QDockWidget *m_targetsDock = nullptr;
    QDockWidget *m_detailsDock = nullptr;
    QDockWidget *m_problemsDock = nullptr;
    QProgressBar *m_progress;
    QToolButton *m_cancelButton;
    QLabel *m_summary;
    QToolButton *m_loadSummary;
    bool m_creatingDemo = false;

    QAction *m_open = nullptr;
    QAction *m_openDemo = nullptr;
    QAction *m_reload = nullptr;
    QAction *m_cancel = nullptr;
    QAction *m_closeWorkspace = nullptr;
    QAction *m_settings = nullptr;
    QAction *m_quit = nullptr;
    QAction *m_quickOpen = nullptr;
    QAction *m_findTarget = nullptr;
    QAction *m_goToLine = nullptr;
    QAction *m_openExternal = nullptr;
    QAction *m_closeTab = nullptr;
    QAction *m_about = nullptr;
    QAction *m_aboutQt = nullptr;
    QAction *m_clearRecent = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_runMenu = nullptr;
    QToolBar *m_mainToolBar = nullptr;
    RunWorkbench *m_run = nullptr;       // owned (child)
    SnapshotPtr m_shown; // the snapshot every view shows now
};

} // namespace trellis::ui
