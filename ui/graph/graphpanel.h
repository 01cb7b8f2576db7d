// GraphPanel: the Graph tab — a toolbar (direction, depth, grouping, filters, path mode,
// fit, export) with a search field and an overflow menu that lists every control the
// toolbar had no room for, the GraphView with its right-click menus, a details panel for
// the provenance of an arrow or a "why" path (each import line opens the file), and a
// status line. The layout state (mode, depth, zoom, opened nodes, toggles) is remembered
// per workspace root in QSettings. Layouts run on a worker
// thread (QtConcurrent + QFutureWatcher); the previous picture stays until the new one is
// ready, and a newer request cancels an older one.
//
//   auto *panel = new GraphPanel(this);
//   panel->setGraph(snapshot->graph);
//   panel->setFocus(snapshot->graph->nodeOf(address));
//   connect(panel, &GraphPanel::targetSelected, mainWindow, &MainWindow::selectTarget);
#pragma once

#include "core/base/canceltoken.h"
#include "core/graph/components.h"
#include "core/graph/targetgraph.h"
#include "ui/graph/graphlayout.h"
#include "ui/graph/graphmodel.h"
#include "ui/graph/graphscene.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QWidget>

#include <memory>
#include <set>
#include <utility>
#include <vector>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QStringListModel;
class QMenu;
class QSpinBox;
class QTextBrowser;
class QTimer;
class QToolBar;
class QToolButton;

namespace trellis::ui {

class GraphView;

/// What a worker thread hands back: the picture and its geometry.
struct GraphLayoutJob {
    int generation = 0;                 ///< matches GraphPanel's request counter
    VisualGraph visual;
    LayoutInput input;
    GraphLayoutResult layout;
    bool clusterByDirectory = false;
    /// Component views: what buildView returned (null for the target-level picture).
    std::shared_ptr<const graph::ComponentView> components;
    double viewMilliseconds = 0;        ///< component views: buildView() time
};

/// Level of detail of the Graph tab.
enum class GraphMode { Targets, Packages, Distributions };

class GraphPanel : public QWidget {
    Q_OBJECT
public:
    explicit GraphPanel(QWidget *parent = nullptr);
    ~GraphPanel() override;

    /// Shows a new graph (null clears the view). Keeps the focus when it still exists.
    void setGraph(std::shared_ptr<const graph::TargetGraph> graph);
    const std::shared_ptr<const graph::TargetGraph> &targetGraph() const { return m_graph; }

    using QWidget::setFocus;
    /// Centres the picture on a target (-1: the whole workspace) and leaves path mode.
    void setFocus(int node);
    int focusNode() const { return m_query.focus; }
    /// Selects a target's box (if drawn) and scrolls to it.
    void selectNode(int node);
    int selectedNode() const { return m_selectedTarget; }
    /// Shows every path from -> to; both -1 leaves path mode.
    void showPaths(int from, int to);

    /// The current query, and a way to change several settings at once (tests, restore).
    const GraphQuery &query() const { return m_query; }
    void setQuery(const GraphQuery &query);
    void setLayoutDirection(LayoutDirection direction);
    void setClusterByDirectory(bool on);
    void setSearchText(const QString &text);

    /// Overlays from the other views, keyed by TargetGraph node.
    void setChangedTargets(const std::set<graph::NodeId> &targets);
    void setAffectedTargets(const std::set<graph::NodeId> &targets);
    void setTestResults(const std::map<graph::NodeId, TestOutcome> &results);

    /// Exports of the current picture. PNG at `scale` pixels per point; DOT/JSON carry
    /// full addresses. Return false (and leave no file) on failure.
    bool exportPng(const QString &path, double scale = 2.0) const;
    bool exportSvg(const QString &path) const;
    bool exportDot(const QString &path) const;
    bool exportJson(const QString &path) const;
    /// The DOT text of the current picture (what exportDot writes).
    QString dotText() const;

    /// Level of detail: single targets (folded when large), Python packages to a depth, or
    /// distributions. Component modes build a graph::ComponentIndex once per graph on a
    /// worker thread. Workspaces above kComponentThreshold targets start in Packages.
    static constexpr int kComponentThreshold = 2000;
    /// Most nodes a component picture draws before summarizing the rest.
    static constexpr int kComponentBudget = 30;
    void setMode(GraphMode mode, int packageDepth = -1);
    GraphMode mode() const { return m_mode; }
    int packageDepth() const { return m_request.depth; }
    /// The component request drawn (opened nodes, expanded aggregates) and its view.
    const graph::ViewRequest &componentRequest() const { return m_request; }
    const graph::ComponentView *componentView() const { return m_current.components.get(); }
    const std::shared_ptr<const graph::ComponentIndex> &componentIndex() const { return m_index; }
    /// Component views: double-click behaviour (open a package, expand an aggregate) and
    /// the breadcrumb (close an opened node with everything inside it).
    void activateComponent(int box);
    void closeComponent(const std::string &id);
    /// Opens a component by id (as double-click does); false when it is not drawn or openable.
    bool openComponent(const std::string &id);
    /// Shows the provenance of the first drawn arrow of a kind: "cycle", "violation" or
    /// "heaviest" (most imports), and selects it. False when there is none.
    bool showFirstEdge(const QString &kind);
    /// Shows the provenance of a drawn arrow (index into the scene's visual().edges) in
    /// the details panel below the picture: every import line, each a link to the file.
    void showEdgeProvenance(int edge);
    QString provenanceText() const;
    QString breadcrumbText() const;

    /// Search: the matching boxes in reading order (top-left first), the current one (-1
    /// before the first Enter) and stepping through them; each step pans and zooms there.
    const std::vector<int> &searchMatches() const { return m_searchMatches; }
    int currentSearchMatch() const;
    void searchNext();
    void searchPrevious();

    /// Right-click menus for a box or an arrow (indices into the scene's visual()); the
    /// caller owns the menu. Actions are named graphMenu* (objectName) for tests.
    QMenu *createBoxMenu(int box, QWidget *parent);
    QMenu *createEdgeMenu(int edge, QWidget *parent);
    /// "Why does A depend on B": a shortest dependency path between two boxes, from core
    /// (graph::whyPath for component views, path mode for targets), shown in the details
    /// panel and marked in the picture. False when there is no path.
    bool showWhyPath(int fromBox, int toBox);
    /// Files and lines listed in the details panel, in order; activating one emits
    /// locationActivated (a click on the line does the same).
    const std::vector<std::pair<QString, int>> &detailLocations() const { return m_detailLocations; }
    void activateDetailLocation(int index);
    /// Hidden arrows (right-click > Hide), kept across pictures by their ends' titles.
    int hiddenEdgeCount() const { return int(m_hiddenEdges.size()); }
    void showHiddenEdges();

    /// Layout memory: with it on, the state is saved per workspace root and restored
    /// when a workspace opens (off by default; the main window turns it on).
    void setLayoutMemoryEnabled(bool on) { m_layoutMemory = on; }
    void saveLayoutState();
    /// Forgets the saved state and goes back to the defaults (Reset Layout).
    void resetLayout();
    QAction *resetLayoutAction() const { return m_resetLayoutAction; }

    /// The toolbar, and the overflow menu (filled when shown, see populateOverflowMenu):
    /// every control the toolbar hides for lack of room, plus Fit and Reset Layout.
    QToolBar *toolBar() const { return m_toolBar; }
    QMenu *overflowMenu() const { return m_overflowMenu; }
    void populateOverflowMenu();
    /// The toolbar's controls as (action in the toolbar, name); overflow entries carry
    /// the same name in QAction::data().
    const std::vector<std::pair<QAction *, QString>> &toolBarControls() const { return m_controls; }

    GraphView *view() const { return m_view; }
    GraphScene *scene() const { return m_scene; }
    bool isLayoutRunning() const;
    QString statusText() const;

Q_SIGNALS:
    /// The user clicked a target box.
    void targetSelected(int node);
    /// A new picture is on screen (after every finished layout).
    void pictureChanged();
    /// Open a file (buildroot-relative) at a line: an import line, a BUILD file.
    void locationActivated(const QString &file, int line);

private Q_SLOTS:
    void onLayoutFinished();
    void onTargetActivated(int node);
    void onFocusRequested(int node);
    void onEdgeActivated(int from, int to);
    void onGroupActivated(int box);
    void onControlsChanged();
    void onSearchEdited(const QString &text);
    void onSearchReturn();
    void onPathModeToggled(bool on);
    void onPathEndpointsEdited();
    void onShowWholeWorkspace();
    void onExportRequested(QAction *action);
    void onModeChanged();
    void onIndexFinished();

private:
    void createToolBar();
    void populateTypeMenu();
    void requestLayout();
    void updateStatus();
    void syncControls();
    int nodeOfText(const QString &text) const;
    QString addressText(int node) const;
    bool componentMode() const { return m_mode != GraphMode::Targets; }
    void startIndex();
    void updateBreadcrumb();
    void onContextMenuRequested(int box, int edge, const QPoint &globalPos);
    void goToSearchMatch();
    /// Fills the details panel: a header, then every edge's import lines (clickable).
    void showDetails(const QString &headerHtml, const std::vector<graph::EdgeId> &edges, bool violationsFirst);
    /// The target-level edges drawn by an arrow.
    std::vector<graph::EdgeId> edgesOfArrow(int edge) const;
    void startWhyPick(int box);
    void restoreLayoutState();
    QString layoutKey() const;
    void applyHiddenEdges();
    /// What Copy address copies and Open BUILD file opens for a box.
    QString boxAddress(int box) const;
    base::SourceLocation buildFileOf(int box) const;
    bool eventFilter(QObject *watched, QEvent *event) override;

    std::shared_ptr<const graph::TargetGraph> m_graph;
    GraphQuery m_query;
    LayoutDirection m_direction = LayoutDirection::LeftToRight;
    bool m_clusterByDirectory = false;
    int m_selectedTarget = -1;
    int m_generation = 0;                   // bumped for each layout request
    base::CancelToken m_cancel;             // of the running request
    GraphLayoutJob m_current;               // the picture on screen (geometry inside the scene)
    bool m_hasPicture = false;
    QString m_transientStatus;              // last click explanation, cleared on relayout
    int m_searchCursor = -1;

    GraphScene *m_scene;                    // owned by this (QObject child)
    GraphView *m_view;                      // child widget
    QToolBar *m_toolBar;
    QWidget *m_pathBar;
    QLineEdit *m_pathFrom;
    QLineEdit *m_pathTo;
    QLabel *m_focusLabel;
    QComboBox *m_directionCombo;
    QSpinBox *m_hopsSpin;
    QComboBox *m_layoutCombo;
    QAction *m_groupAction;
    QAction *m_requirementsAction;
    QAction *m_resourcesAction;
    QAction *m_testsAction;
    QAction *m_pathAction;
    QAction *m_wholeAction;
    QAction *m_collapseAction; ///< folds groups expanded in place back
    QStringListModel *m_addressModel; ///< every address, for the path fields' completers
    QToolButton *m_typeButton;
    QMenu *m_typeMenu;
    QLineEdit *m_search;
    QMenu *m_exportMenu;
    QLabel *m_status;
    QTimer *m_relayoutTimer;                // coalesces bursts of control changes
    QFutureWatcher<GraphLayoutJob> m_watcher;

    GraphMode m_mode = GraphMode::Targets;
    bool m_modeChosen = false;              // the user picked a mode: no size default
    graph::ViewRequest m_request;           // component views: opened nodes, aggregates
    std::shared_ptr<const graph::ComponentIndex> m_index;
    QFutureWatcher<std::shared_ptr<const graph::ComponentIndex>> m_indexWatcher;
    QElapsedTimer m_requestClock;           // since the last component request (status figures)
    qint64 m_requestMilliseconds = -1;      // request -> picture on screen
    qint64 m_indexMilliseconds = -1;        // building the index (ahead of the first click)
    QElapsedTimer m_indexClock;
    QComboBox *m_modeCombo;
    QSpinBox *m_packageDepthSpin;
    QAction *m_packageDepthAction;
    QLabel *m_breadcrumb;
    QTextBrowser *m_provenance;

    std::vector<int> m_searchMatches;       // boxes, reading order
    std::vector<std::pair<QString, int>> m_detailLocations; // parallel to the details' links
    std::set<std::pair<QString, QString>> m_hiddenEdges; // (from title, to title)
    std::vector<graph::NodeId> m_componentFocus; // component views: focus on a whole box
    QString m_componentFocusLabel;
    QString m_whyFrom;                      // title of the box waiting for "why" (pick mode)
    bool m_layoutMemory = false;
    QString m_layoutRoot;                   // workspace root the state belongs to
    double m_pendingZoom = 0;               // restored zoom, applied to the next picture
    QTimer *m_saveTimer;                    // coalesces zoom and scroll changes
    QToolButton *m_overflowButton;
    QMenu *m_overflowMenu;
    QAction *m_resetLayoutAction;
    QAction *m_fitAction;
    QAction *m_searchNextAction;
    QAction *m_searchPreviousAction;
    std::vector<std::pair<QAction *, QString>> m_controls;
};

} // namespace trellis::ui
