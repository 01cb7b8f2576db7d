#include "ui/graph/graphpanel.h"

#include "core/base/workerpool.h"
#include "core/graph/graphexport.h"
#include "ui/appsettings.h"
#include "ui/graph/graphview.h"
#include "ui/uitr.h"
#include "ui/workspacesnapshot.h"

#include <QAction>
#include <QComboBox>
#include <QCompleter>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QClipboard>
#include <QGuiApplication>
#include <QActionGroup>
#include <QImage>
#include <QSettings>
#include <QTextDocumentFragment>
#include <QUrl>
#include <QKeyEvent>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QSaveFile>
#include <QSpinBox>
#include <QStringListModel>
#include <QTextBrowser>
#include <QSvgGenerator>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace trellis::ui {

namespace {

QString qstr(const std::string &s) { return QString::fromStdString(s); }

/// The whole pipeline of one picture; runs on a worker thread.
GraphLayoutJob computeLayout(std::shared_ptr<const graph::TargetGraph> graph, GraphQuery query, BoxMetrics metrics,
                             LayoutDirection direction, bool clusterByDirectory, base::CancelToken cancel,
                             int generation)
{
    GraphLayoutJob job;
    job.generation = generation;
    job.clusterByDirectory = clusterByDirectory;
    job.visual = buildVisualGraph(*graph, query, cancel);
    if (job.visual.cancelled) {
        job.layout.cancelled = true;
        return job;
    }
    job.input = toLayoutInput(job.visual, metrics, direction, clusterByDirectory);
    job.layout = layoutGraph(job.input, cancel);
    return job;
}

QString componentLabel(const std::string &id)
{
    if (id.rfind("pkg:", 0) == 0)
        return qstr(id.substr(id.rfind(':') + 1));
    const size_t colon = id.find(':');
    std::string rest = colon == std::string::npos ? id : id.substr(colon + 1);
    const size_t nested = rest.rfind('>');
    if (nested != std::string::npos)
        rest = rest.substr(nested + 1);
    return qstr(rest);
}

/// A component view and its picture; runs on a worker thread.
GraphLayoutJob computeComponentLayout(std::shared_ptr<const graph::ComponentIndex> index, graph::ViewRequest request,
                                      BoxMetrics metrics, LayoutDirection direction, base::CancelToken cancel,
                                      int generation)
{
    GraphLayoutJob job;
    job.generation = generation;
    QElapsedTimer clock;
    clock.start();
    auto view = std::make_shared<graph::ComponentView>(graph::buildView(*index, request));
    job.viewMilliseconds = double(clock.nsecsElapsed()) / 1e6;
    if (cancel.isCancelled()) {
        job.layout.cancelled = true;
        return job;
    }
    job.visual = visualFromComponents(*index, *view);
    job.components = std::move(view);
    job.input = toLayoutInput(job.visual, metrics, direction, false);
    for (size_t i = 0; i < job.input.edges.size(); ++i) {
        const VisualEdge &e = job.visual.edges[i];
        job.input.edges[i].style = QStringLiteral("solid");
        job.input.edges[i].color = e.violations > 0 ? QStringLiteral("red") : e.inCycle ? QStringLiteral("orange") : QString();
    }
    // Opened nodes: their insides framed together, captioned with the opened package.
    {
        std::map<std::string, int> clusterOf;
        for (size_t i = 0; i < job.components->nodes.size() && i < job.input.nodes.size(); ++i) {
            const std::string &parent = job.components->nodes[i].parent;
            if (parent.empty())
                continue;
            auto [it, inserted] = clusterOf.emplace(parent, int(job.input.clusters.size()));
            if (inserted)
                job.input.clusters.push_back(componentLabel(parent));
            job.input.nodes[i].cluster = it->second;
        }
    }
    job.input.nodeSeparation = 18;
    job.input.rankSeparation = 50;
    job.layout = layoutGraph(job.input, cancel);
    return job;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(data);
    return file.commit();
}

} // namespace

GraphPanel::GraphPanel(QWidget *parent)
    : QWidget(parent)
    , m_scene(new GraphScene(this))
    , m_view(new GraphView(m_scene, this))
    , m_relayoutTimer(new QTimer(this))
    , m_saveTimer(new QTimer(this))
{
    createToolBar();

    // Search and the overflow menu sit right of the toolbar, always on screen.
    auto *header = new QWidget(this);
    auto *headerLayout = new QHBoxLayout(header);
    headerLayout->setContentsMargins(0, 0, 4, 0);
    headerLayout->setSpacing(2);
    headerLayout->addWidget(m_toolBar, 1);
    m_search = new QLineEdit(header);
    m_search->setObjectName(QStringLiteral("graphSearch"));
    m_search->setPlaceholderText(Tr::tr("Search in graph…"));
    m_search->setToolTip(Tr::tr("Find boxes by name or by a target inside them; Enter: next match, Shift+Enter: previous"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(120);
    m_search->setMaximumWidth(220);
    m_search->installEventFilter(this);
    headerLayout->addWidget(m_search);
    connect(m_search, &QLineEdit::textChanged, this, &GraphPanel::onSearchEdited);
    connect(m_search, &QLineEdit::returnPressed, this, &GraphPanel::onSearchReturn);
    m_searchPreviousAction = new QAction(Tr::tr("Previous match"), this);
    m_searchPreviousAction->setShortcut(QKeySequence::FindPrevious);
    m_searchPreviousAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_searchPreviousAction, &QAction::triggered, this, &GraphPanel::searchPrevious);
    m_searchNextAction = new QAction(Tr::tr("Next match"), this);
    m_searchNextAction->setShortcut(QKeySequence::FindNext);
    m_searchNextAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_searchNextAction, &QAction::triggered, this, &GraphPanel::searchNext);
    addAction(m_searchPreviousAction);
    addAction(m_searchNextAction);
    for (auto [action, arrow, name] : {std::tuple{m_searchPreviousAction, Qt::UpArrow, "graphSearchPrevious"},
                                       std::tuple{m_searchNextAction, Qt::DownArrow, "graphSearchNext"}}) {
        auto *button = new QToolButton(header);
        button->setObjectName(QLatin1String(name));
        button->setDefaultAction(action);
        button->setArrowType(arrow);
        button->setAutoRaise(true);
        headerLayout->addWidget(button);
    }
    m_resetLayoutAction = new QAction(Tr::tr("Reset Layout"), this);
    m_resetLayoutAction->setObjectName(QStringLiteral("graphResetLayout"));
    m_resetLayoutAction->setToolTip(Tr::tr("Forget this workspace's zoom, depth, opened packages and toggles"));
    connect(m_resetLayoutAction, &QAction::triggered, this, &GraphPanel::resetLayout);
    m_overflowMenu = new QMenu(this);
    m_overflowMenu->setObjectName(QStringLiteral("graphOverflowMenu"));
    connect(m_overflowMenu, &QMenu::aboutToShow, this, &GraphPanel::populateOverflowMenu);
    m_overflowButton = new QToolButton(header);
    m_overflowButton->setObjectName(QStringLiteral("graphOverflowButton"));
    m_overflowButton->setText(Tr::tr("More"));
    m_overflowButton->setToolTip(Tr::tr("Every graph control, including those the toolbar has no room for"));
    m_overflowButton->setMenu(m_overflowMenu);
    m_overflowButton->setPopupMode(QToolButton::InstantPopup);
    m_overflowButton->setAutoRaise(true);
    headerLayout->addWidget(m_overflowButton);

    m_pathBar = new QWidget(this);
    auto *pathLayout = new QHBoxLayout(m_pathBar);
    pathLayout->setContentsMargins(8, 2, 8, 2);
    m_pathFrom = new QLineEdit(m_pathBar);
    m_pathTo = new QLineEdit(m_pathBar);
    m_addressModel = new QStringListModel(this);
    for (QLineEdit *edit : {m_pathFrom, m_pathTo}) {
        auto *completer = new QCompleter(m_addressModel, edit);
        completer->setCaseSensitivity(Qt::CaseInsensitive);
        completer->setFilterMode(Qt::MatchContains);
        edit->setCompleter(completer);
    }
    m_pathFrom->setPlaceholderText(Tr::tr("From address, e.g. src/app:bin"));
    m_pathTo->setPlaceholderText(Tr::tr("To address"));
    m_pathFrom->setClearButtonEnabled(true);
    m_pathTo->setClearButtonEnabled(true);
    pathLayout->addWidget(new QLabel(Tr::tr("Paths from"), m_pathBar));
    pathLayout->addWidget(m_pathFrom, 1);
    pathLayout->addWidget(new QLabel(Tr::tr("to"), m_pathBar));
    pathLayout->addWidget(m_pathTo, 1);
    m_pathBar->hide();
    connect(m_pathFrom, &QLineEdit::returnPressed, this, &GraphPanel::onPathEndpointsEdited);
    connect(m_pathTo, &QLineEdit::returnPressed, this, &GraphPanel::onPathEndpointsEdited);

    m_status = new QLabel(this);
    m_status->setContentsMargins(8, 3, 8, 3);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A long status must never widen the window (issue 21: 3,022 px on a 1,600 px screen).
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    m_breadcrumb = new QLabel(this);
    m_breadcrumb->setObjectName(QStringLiteral("graphBreadcrumb"));
    m_breadcrumb->setContentsMargins(8, 3, 8, 3);
    m_breadcrumb->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_breadcrumb->setTextFormat(Qt::RichText);
    m_breadcrumb->hide();
    connect(m_breadcrumb, &QLabel::linkActivated, this, [this](const QString &link) {
        closeComponent(link.toStdString());
    });

    m_provenance = new QTextBrowser(this);
    m_provenance->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_provenance->setMaximumHeight(170);
    m_provenance->setLineWrapMode(QTextEdit::WidgetWidth);
    m_provenance->setOpenLinks(false);
    m_provenance->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(header);
    layout->addWidget(m_pathBar);
    layout->addWidget(m_breadcrumb);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_provenance);
    layout->addWidget(m_status);

    m_relayoutTimer->setSingleShot(true);
    m_relayoutTimer->setInterval(60);
    connect(m_relayoutTimer, &QTimer::timeout, this, &GraphPanel::requestLayout);
    connect(&m_watcher, &QFutureWatcher<GraphLayoutJob>::finished, this, &GraphPanel::onLayoutFinished);
    connect(m_view, &GraphView::targetActivated, this, &GraphPanel::onTargetActivated);
    connect(m_view, &GraphView::focusRequested, this, &GraphPanel::onFocusRequested);
    connect(m_view, &GraphView::edgeActivated, this, &GraphPanel::onEdgeActivated);
    connect(m_view, &GraphView::groupActivated, this, &GraphPanel::onGroupActivated);
    connect(m_view, &GraphView::groupDoubleClicked, this, &GraphPanel::activateComponent);
    connect(m_view, &GraphView::edgeClicked, this, &GraphPanel::showEdgeProvenance);
    connect(&m_indexWatcher, &QFutureWatcherBase::finished, this, &GraphPanel::onIndexFinished);
    connect(m_view, &GraphView::backgroundClicked, m_provenance, &QWidget::hide);
    connect(m_view, &GraphView::contextMenuRequested, this, &GraphPanel::onContextMenuRequested);
    connect(m_provenance, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() == QLatin1String("loc"))
            activateDetailLocation(url.path().toInt());
    });
    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(400);
    connect(m_saveTimer, &QTimer::timeout, this, &GraphPanel::saveLayoutState);
    connect(m_view, &GraphView::viewChanged, this, [this] {
        if (m_layoutMemory && m_hasPicture)
            m_saveTimer->start();
    });
    syncControls();
    updateStatus();
}

GraphPanel::~GraphPanel()
{
    if (m_saveTimer->isActive())
        saveLayoutState();
    m_cancel.cancel();
    m_watcher.waitForFinished();
    m_indexWatcher.waitForFinished();
}

void GraphPanel::createToolBar()
{
    m_toolBar = new QToolBar(this);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_toolBar->setIconSize(QSize(16, 16));

    m_focusLabel = new QLabel(m_toolBar);
    m_focusLabel->setContentsMargins(4, 0, 8, 0);
    m_toolBar->addWidget(m_focusLabel);
    m_wholeAction = m_toolBar->addAction(Tr::tr("Show all"), this, &GraphPanel::onShowWholeWorkspace);
    m_wholeAction->setToolTip(Tr::tr("Show every target, folded into groups when there are too many"));
    m_toolBar->addSeparator();

    m_modeCombo = new QComboBox(m_toolBar);
    m_modeCombo->setObjectName(QStringLiteral("graphModeCombo"));
    m_modeCombo->addItem(Tr::tr("Files / targets"), int(GraphMode::Targets));
    m_modeCombo->addItem(Tr::tr("Packages"), int(GraphMode::Packages));
    m_modeCombo->addItem(Tr::tr("Distributions"), int(GraphMode::Distributions));
    m_modeCombo->setToolTip(Tr::tr("Level of detail: single targets, Python packages, or python_distributions"));
    m_toolBar->addWidget(m_modeCombo);
    connect(m_modeCombo, &QComboBox::activated, this, [this] {
        m_modeChosen = true;
        onModeChanged();
    });
    m_packageDepthSpin = new QSpinBox(m_toolBar);
    m_packageDepthSpin->setObjectName(QStringLiteral("graphPackageDepth"));
    m_packageDepthSpin->setRange(1, 4);
    m_packageDepthSpin->setValue(m_request.depth);
    m_packageDepthSpin->setPrefix(Tr::tr("Package depth "));
    m_packageDepthSpin->setToolTip(Tr::tr("How many dotted parts of the module path make a package"));
    m_packageDepthAction = m_toolBar->addWidget(m_packageDepthSpin);
    connect(m_packageDepthSpin, &QSpinBox::valueChanged, this, [this] {
        m_modeChosen = true;
        onModeChanged();
    });
    m_toolBar->addSeparator();

    m_directionCombo = new QComboBox(m_toolBar);
    m_directionCombo->addItem(Tr::tr("Dependencies"), int(graph::Direction::Dependencies));
    m_directionCombo->addItem(Tr::tr("Dependents"), int(graph::Direction::Dependents));
    m_directionCombo->addItem(Tr::tr("Both"), int(graph::Direction::Both));
    m_directionCombo->setToolTip(Tr::tr("Which neighbours of the focus to show"));
    m_toolBar->addWidget(m_directionCombo);
    connect(m_directionCombo, &QComboBox::activated, this, &GraphPanel::onControlsChanged);

    m_hopsSpin = new QSpinBox(m_toolBar);
    m_hopsSpin->setRange(1, 5);
    m_hopsSpin->setPrefix(Tr::tr("Depth "));
    m_hopsSpin->setToolTip(Tr::tr("How many hops away from the focus to show"));
    m_toolBar->addWidget(m_hopsSpin);
    connect(m_hopsSpin, &QSpinBox::valueChanged, this, &GraphPanel::onControlsChanged);

    m_layoutCombo = new QComboBox(m_toolBar);
    m_layoutCombo->addItem(Tr::tr("Left to right"), int(LayoutDirection::LeftToRight));
    m_layoutCombo->addItem(Tr::tr("Top to bottom"), int(LayoutDirection::TopToBottom));
    m_layoutCombo->setToolTip(Tr::tr("Direction in which dependencies flow"));
    m_toolBar->addWidget(m_layoutCombo);
    connect(m_layoutCombo, &QComboBox::activated, this, &GraphPanel::onControlsChanged);
    m_toolBar->addSeparator();

    const auto toggle = [this](const QString &text, const QString &tip, bool checked) {
        QAction *action = m_toolBar->addAction(text);
        action->setCheckable(true);
        action->setChecked(checked);
        action->setToolTip(tip);
        connect(action, &QAction::toggled, this, &GraphPanel::onControlsChanged);
        return action;
    };
    m_groupAction = toggle(Tr::tr("Group by directory"), Tr::tr("Frame targets of the same directory together"), false);
    m_requirementsAction = toggle(Tr::tr("Requirements"), Tr::tr("Show third-party requirements and lockfiles"), true);
    m_resourcesAction = toggle(Tr::tr("Resources"), Tr::tr("Show resources and files targets"), true);
    m_testsAction = toggle(Tr::tr("Tests"), Tr::tr("Show test targets"), true);

    m_typeMenu = new QMenu(this);
    m_typeButton = new QToolButton(m_toolBar);
    m_typeButton->setText(Tr::tr("Types"));
    m_typeButton->setToolTip(Tr::tr("Show or hide target types"));
    m_typeButton->setMenu(m_typeMenu);
    m_typeButton->setPopupMode(QToolButton::InstantPopup);
    m_toolBar->addWidget(m_typeButton);
    connect(m_typeMenu, &QMenu::triggered, this, &GraphPanel::onControlsChanged);
    m_toolBar->addSeparator();

    m_pathAction = m_toolBar->addAction(Tr::tr("Paths…"));
    m_pathAction->setCheckable(true);
    m_pathAction->setToolTip(Tr::tr("Show every dependency path from one target to another"));
    connect(m_pathAction, &QAction::toggled, this, &GraphPanel::onPathModeToggled);

    m_collapseAction = m_toolBar->addAction(Tr::tr("Collapse groups"));
    m_collapseAction->setToolTip(Tr::tr("Fold the groups you expanded back into single boxes"));
    m_collapseAction->setVisible(false);
    connect(m_collapseAction, &QAction::triggered, this, [this] {
        m_query.expandedGroups.clear();
        syncControls();
        requestLayout();
    });

    m_fitAction = m_toolBar->addAction(Tr::tr("Fit"));
    m_fitAction->setToolTip(Tr::tr("Fit the whole graph in the window (0)"));
    connect(m_fitAction, &QAction::triggered, m_view, &GraphView::fitToView);

    m_exportMenu = new QMenu(this);
    m_exportMenu->addAction(Tr::tr("PNG image…"))->setData(QStringLiteral("png"));
    m_exportMenu->addAction(Tr::tr("SVG drawing…"))->setData(QStringLiteral("svg"));
    m_exportMenu->addAction(Tr::tr("Graphviz DOT…"))->setData(QStringLiteral("dot"));
    m_exportMenu->addAction(Tr::tr("JSON with positions…"))->setData(QStringLiteral("json"));
    auto *exportButton = new QToolButton(m_toolBar);
    exportButton->setText(Tr::tr("Export"));
    exportButton->setMenu(m_exportMenu);
    exportButton->setPopupMode(QToolButton::InstantPopup);
    m_exportMenu->setTitle(Tr::tr("Export"));
    QAction *exportAction = m_toolBar->addWidget(exportButton);
    connect(m_exportMenu, &QMenu::triggered, this, &GraphPanel::onExportRequested);
    m_typeMenu->setTitle(Tr::tr("Types"));

    // Every control, named, for the overflow menu (and its test).
    const auto widgetAction = [this](QWidget *widget) {
        for (QAction *action : m_toolBar->actions())
            if (m_toolBar->widgetForAction(action) == widget)
                return action;
        return static_cast<QAction *>(nullptr);
    };
    m_controls = {
        {widgetAction(m_focusLabel), QStringLiteral("focus")},
        {m_wholeAction, QStringLiteral("showAll")},
        {widgetAction(m_modeCombo), QStringLiteral("mode")},
        {m_packageDepthAction, QStringLiteral("packageDepth")},
        {widgetAction(m_directionCombo), QStringLiteral("direction")},
        {widgetAction(m_hopsSpin), QStringLiteral("hops")},
        {widgetAction(m_layoutCombo), QStringLiteral("layoutDirection")},
        {m_groupAction, QStringLiteral("group")},
        {m_requirementsAction, QStringLiteral("requirements")},
        {m_resourcesAction, QStringLiteral("resources")},
        {m_testsAction, QStringLiteral("tests")},
        {widgetAction(m_typeButton), QStringLiteral("types")},
        {m_pathAction, QStringLiteral("paths")},
        {m_collapseAction, QStringLiteral("collapse")},
        {m_fitAction, QStringLiteral("fit")},
        {exportAction, QStringLiteral("export")},
    };
}

void GraphPanel::populateTypeMenu()
{
    m_typeMenu->clear();
    if (!m_graph)
        return;
    std::set<std::string> types;
    for (const workspace::Target &t : m_graph->workspace()->targets())
        types.insert(t.type);
    for (const std::string &type : types) {
        QAction *action = m_typeMenu->addAction(qstr(type));
        action->setCheckable(true);
        action->setChecked(!m_query.hiddenTypes.count(type));
    }
}

void GraphPanel::setGraph(std::shared_ptr<const graph::TargetGraph> graph)
{
    // Keep the focus across a reload when its address still exists.
    std::string focusAddress;
    if (m_graph && m_query.focus >= 0 && m_query.focus < m_graph->nodeCount())
        focusAddress = m_graph->address(m_query.focus).toString();
    // A live update that kept every target (a Python edit, a BUILD edit of fields only)
    // keeps the type menu and the address completions: rebuilding them for 12,000
    // targets took 8-10 ms of the UI thread per update.
    const bool sameTargetsAsBefore = m_graph && graph && sameTargets(m_graph->workspace().get(), graph->workspace().get());
    m_graph = std::move(graph);
    m_index.reset();
    m_request.opened.clear();
    m_request.expanded.clear();
    m_provenance->hide();
    m_componentFocus.clear();
    m_hiddenEdges.clear();
    if (m_graph && m_layoutMemory && layoutKey() != m_layoutRoot) {
        m_layoutRoot = layoutKey();
        restoreLayoutState();
    }
    if (m_graph && !m_modeChosen)
        m_mode = m_graph->nodeCount() > kComponentThreshold ? GraphMode::Packages : GraphMode::Targets;
    m_query.focus = -1;
    m_query.pathFrom = m_query.pathTo = -1;
    m_selectedTarget = -1;
    if (m_graph && !focusAddress.empty()) {
        if (const auto address = workspace::Address::parse(focusAddress))
            m_query.focus = m_graph->nodeOf(*address);
    }
    if (!sameTargetsAsBefore) {
        populateTypeMenu();
        QStringList addresses;
        if (m_graph) {
            addresses.reserve(m_graph->nodeCount());
            for (int i = 0; i < m_graph->nodeCount(); ++i)
                addresses << qstr(m_graph->address(i).toString());
        }
        // The path fields' completers share one model; only its list changes on reload.
        m_addressModel->setStringList(addresses);
    }
    m_pathAction->setChecked(false);
    if (!m_graph) {
        m_cancel.cancel();
        m_scene->clearPicture();
        m_hasPicture = false;
        m_current = {};
        syncControls();
        updateStatus();
        return;
    }
    syncControls();
    requestLayout();
    // The package index is built ahead on a worker thread (~0.4 s for 12,000 targets), so
    // that the first click on Packages only lays out (issue 21: painted <= 300 ms).
    startIndex();
}

void GraphPanel::setFocus(int node)
{
    if (m_graph && (node < -1 || node >= m_graph->nodeCount()))
        return;
    m_query.focus = node;
    m_query.pathFrom = m_query.pathTo = -1;
    m_query.expandedGroups.clear();
    m_componentFocus.clear();
    {
        const QSignalBlocker blocker(m_pathAction);
        m_pathAction->setChecked(false);
    }
    m_pathBar->hide();
    syncControls();
    requestLayout();
}

void GraphPanel::selectNode(int node)
{
    m_selectedTarget = node;
    const int box = m_current.visual.nodeOfTarget(node);
    m_scene->setSelectedBox(box);
    if (box >= 0 && !m_view->mapToScene(m_view->viewport()->rect()).boundingRect().contains(m_scene->boxRect(box)))
        m_view->centreOnBox(box);
}

void GraphPanel::showPaths(int from, int to)
{
    if (!m_graph || from < 0 || to < 0 || from >= m_graph->nodeCount() || to >= m_graph->nodeCount()) {
        m_query.pathFrom = m_query.pathTo = -1;
    } else {
        m_query.pathFrom = from;
        m_query.pathTo = to;
        m_pathFrom->setText(addressText(from));
        m_pathTo->setText(addressText(to));
    }
    {
        const QSignalBlocker blocker(m_pathAction);
        m_pathAction->setChecked(m_query.pathFrom >= 0);
    }
    m_pathBar->setVisible(m_query.pathFrom >= 0);
    syncControls();
    requestLayout();
}

void GraphPanel::setQuery(const GraphQuery &query)
{
    m_query = query;
    populateTypeMenu();
    syncControls();
    requestLayout();
}

void GraphPanel::setLayoutDirection(LayoutDirection direction)
{
    m_direction = direction;
    syncControls();
    requestLayout();
}

void GraphPanel::setClusterByDirectory(bool on)
{
    m_clusterByDirectory = on;
    syncControls();
    requestLayout();
}

void GraphPanel::setSearchText(const QString &text)
{
    m_search->setText(text);
}

void GraphPanel::setChangedTargets(const std::set<graph::NodeId> &targets) { m_scene->setChangedTargets(targets); }
void GraphPanel::setAffectedTargets(const std::set<graph::NodeId> &targets) { m_scene->setAffectedTargets(targets); }
void GraphPanel::setTestResults(const std::map<graph::NodeId, TestOutcome> &results) { m_scene->setTestResults(results); }

bool GraphPanel::isLayoutRunning() const
{
    return m_watcher.isRunning() || m_relayoutTimer->isActive();
}

void GraphPanel::syncControls()
{
    const QSignalBlocker b1(m_directionCombo), b2(m_hopsSpin), b3(m_layoutCombo), b4(m_groupAction),
        b5(m_requirementsAction), b6(m_resourcesAction), b7(m_testsAction);
    m_directionCombo->setCurrentIndex(m_directionCombo->findData(int(m_query.direction)));
    m_hopsSpin->setValue(std::clamp(m_query.hops, 1, 5));
    m_collapseAction->setVisible(!m_query.expandedGroups.empty());
    m_layoutCombo->setCurrentIndex(m_layoutCombo->findData(int(m_direction)));
    m_groupAction->setChecked(m_clusterByDirectory);
    {
        const QSignalBlocker b8(m_modeCombo), b9(m_packageDepthSpin);
        m_modeCombo->setCurrentIndex(m_modeCombo->findData(int(m_mode)));
        m_packageDepthSpin->setValue(m_request.depth);
    }
    m_packageDepthAction->setVisible(m_mode == GraphMode::Packages);
    m_groupAction->setEnabled(!componentMode());
    m_layoutCombo->setEnabled(!componentMode()); // component views follow the window's shape
    m_requirementsAction->setChecked(m_query.showRequirements);
    m_resourcesAction->setChecked(m_query.showResources);
    m_testsAction->setChecked(m_query.showTests);
    const bool focused = (m_query.focus >= 0 && m_query.pathFrom < 0) || (!m_componentFocus.empty() && componentMode());
    m_directionCombo->setEnabled(focused);
    m_hopsSpin->setEnabled(focused);
    m_wholeAction->setEnabled(m_graph && (m_query.focus >= 0 || m_query.pathFrom >= 0 || !m_componentFocus.empty()));
    if (!m_graph)
        m_focusLabel->setText(Tr::tr("No workspace"));
    else if (m_query.pathFrom >= 0)
        m_focusLabel->setText(Tr::tr("<b>Paths</b>"));
    else if (m_query.focus >= 0)
        m_focusLabel->setText(Tr::tr("Focus: <b>%1</b>").arg(addressText(m_query.focus).toHtmlEscaped()));
    else if (!m_componentFocus.empty() && componentMode())
        m_focusLabel->setText(Tr::tr("Focus: <b>%1</b>").arg(m_componentFocusLabel.toHtmlEscaped()));
    else
        m_focusLabel->setText(Tr::tr("<b>Whole workspace</b>"));
}

void GraphPanel::requestLayout()
{
    m_relayoutTimer->stop();
    if (!m_graph)
        return;
    m_cancel.cancel(); // a running layout stops at its next check; its result is ignored
    m_cancel = base::CancelToken();
    ++m_generation;
    m_transientStatus.clear();
    if (componentMode()) {
        m_requestClock.start();
        if (!m_index) {
            startIndex(); // requestLayout() again when it is ready
            updateStatus();
            return;
        }
        m_request.groupBy = m_mode == GraphMode::Distributions ? graph::GroupBy::Distribution : graph::GroupBy::Package;
        m_request.hideTests = !m_query.showTests;
        m_request.hideRequirements = !m_query.showRequirements;
        m_request.hideResources = !m_query.showResources;
        m_request.focus.clear();
        if (m_query.focus >= 0)
            m_request.focus.push_back(m_query.focus);
        else
            m_request.focus = m_componentFocus; // a whole package focused from its menu
        m_request.hops = std::max(1, m_query.hops);
        m_request.budget = kComponentBudget;
        m_request.direction = m_query.direction;
        // Ranks run across the longer side of the window, so a wide window gets a wide picture.
        const QSize area = m_view->viewport()->size();
        const LayoutDirection direction = area.width() >= area.height() ? LayoutDirection::TopToBottom
                                                                         : LayoutDirection::LeftToRight;
        m_watcher.setFuture(QtConcurrent::run(base::workerPool(), computeComponentLayout, m_index, m_request, m_scene->boxMetrics(),
                                              direction, m_cancel, m_generation));
        updateStatus();
        return;
    }
    m_watcher.setFuture(QtConcurrent::run(base::workerPool(), computeLayout, m_graph, m_query, m_scene->boxMetrics(), m_direction,
                                          m_clusterByDirectory, m_cancel, m_generation));
    updateStatus();
}

void GraphPanel::onLayoutFinished()
{
    if (m_watcher.future().resultCount() == 0)
        return;
    GraphLayoutJob job = m_watcher.result();
    if (job.generation != m_generation || job.layout.cancelled)
        return;
    if (!job.layout.error.isEmpty()) {
        m_transientStatus = Tr::tr("Layout failed: %1").arg(job.layout.error);
        updateStatus();
        return;
    }
    const bool firstPicture = !m_hasPicture;
    const int previousFocus = m_current.visual.nodeOfTarget(m_query.focus) >= 0 ? m_query.focus : -2;
    m_scene->setPicture(m_graph, job.visual, job.layout, job.clusterByDirectory);
    m_current = std::move(job);
    m_hasPicture = true;
    m_scene->setSelectedBox(m_current.visual.nodeOfTarget(m_selectedTarget));
    m_searchMatches = m_search->text().isEmpty() ? std::vector<int>() : m_scene->setSearchText(m_search->text());
    m_searchCursor = -1;
    // Labels stay >= 9 pt at the initial zoom (and on Fit); the view scrolls instead and
    // the overview map shows the whole picture.
    const double pointSize = m_scene->style().primaryFont.pointSizeF();
    m_view->setMinimumFitZoom(pointSize > 0 ? std::min(1.0, 9.0 / pointSize) : 0.0);
    m_view->updateLegend();
    updateBreadcrumb();
    if (!m_current.components)
        m_provenance->hide();
    m_whyFrom.clear();
    applyHiddenEdges();
    m_view->fitToView();
    m_requestMilliseconds = m_current.components && m_requestClock.isValid() ? m_requestClock.elapsed() : -1;
    if (m_current.components && !m_request.opened.empty()) {
        // Just opened: the inside of the last opened node in the middle of the window.
        QRectF inside;
        for (size_t i = 0; i < m_current.components->nodes.size(); ++i)
            if (m_current.components->nodes[i].parent == m_request.opened.back())
                inside = inside.united(m_scene->boxRect(int(i)));
        if (!inside.isEmpty())
            m_view->centerOn(inside.center());
    } else if (m_current.components && m_query.focus >= 0) {
        m_view->centreOnBox(m_current.visual.nodeOfTarget(m_query.focus));
    }
    if (!firstPicture && previousFocus == m_query.focus && m_view->zoom() < 0.5) {
        // Same focus, coarse fit: stay readable around the focus instead.
        m_view->resetZoom();
        m_view->centreOnBox(m_current.visual.nodeOfTarget(m_query.focus));
    }
    if (m_pendingZoom > 0) {
        // The zoom this workspace was left at, around the same centre.
        const QPointF centre = m_view->mapToScene(m_view->viewport()->rect().center());
        m_view->setTransform(QTransform::fromScale(m_pendingZoom, m_pendingZoom));
        m_view->centerOn(centre);
        m_pendingZoom = 0;
    }
    m_view->refreshOverview();
    updateStatus();
    if (m_layoutMemory)
        saveLayoutState();
    Q_EMIT pictureChanged();
}

QString GraphPanel::statusText() const
{
    return m_status->text();
}

void GraphPanel::updateStatus()
{
    if (!m_graph) {
        m_status->setText(Tr::tr("Open a workspace to see its dependency graph."));
        return;
    }
    const QLocale locale;
    QStringList parts;
    if (componentMode() && !m_index)
        parts << Tr::tr("indexing packages…");
    if (m_hasPicture && m_current.components) {
        const graph::ComponentView &cv = *m_current.components;
        parts << Tr::tr("%1 nodes, %2 edges, %3 targets")
                     .arg(locale.toString(int(cv.nodes.size())), locale.toString(int(cv.edges.size())),
                          locale.toString(cv.selectedTargets));
        if (!cv.cycles.empty())
            parts << Tr::tr("%n cycle(s)", nullptr, int(cv.cycles.size()));
        int violating = 0;
        for (const graph::ViewEdge &e : cv.edges)
            violating += e.violations > 0 ? 1 : 0;
        if (violating > 0)
            parts << Tr::tr("%n edge(s) break visibility rules", nullptr, violating);
        parts << Tr::tr("view %1 ms, layout %2 ms, on screen after %3 ms")
                     .arg(qRound(m_current.viewMilliseconds))
                     .arg(qRound(m_current.layout.milliseconds))
                     .arg(m_requestMilliseconds);
        if (m_indexMilliseconds >= 0)
            parts << Tr::tr("index %1 ms").arg(m_indexMilliseconds);
    } else if (m_hasPicture) {
        const VisualGraph &v = m_current.visual;
        if (v.pathMode) {
            const QString from = addressText(m_query.pathFrom);
            const QString to = addressText(m_query.pathTo);
            parts << (v.pathCount == 0 ? Tr::tr("No dependency path from %1 to %2").arg(from, to)
                                       : Tr::tr("%n path(s) from %1 to %2", nullptr, v.pathCount).arg(from, to));
        }
        QString counts = Tr::tr("%1 nodes, %2 edges").arg(locale.toString(int(v.nodes.size())), locale.toString(int(v.edges.size())));
        switch (v.grouping) {
        case Grouping::None: break;
        case Grouping::ByBuildTarget:
            counts = Tr::tr("%1, grouped by BUILD target because the selection has %2 targets")
                         .arg(counts, locale.toString(v.selectedTargets));
            break;
        case Grouping::ByDirectory:
        case Grouping::ByParentDirectory:
            counts = Tr::tr("%1, grouped by directory because the selection has %2 targets")
                         .arg(counts, locale.toString(v.selectedTargets));
            break;
        }
        parts << counts;
        if (v.capped)
            parts << Tr::tr("selection capped at %1 targets").arg(locale.toString(m_query.maxSelection));
        parts << Tr::tr("layout %1 ms").arg(qRound(m_current.layout.milliseconds));
    }
    if (isLayoutRunning())
        parts << Tr::tr("laying out…");
    // What the last action did comes first: a narrow window cuts the line's end.
    if (!m_transientStatus.isEmpty())
        parts.prepend(m_transientStatus);
    m_status->setText(parts.join(QStringLiteral("  ·  ")));
}

QString GraphPanel::addressText(int node) const
{
    if (!m_graph || node < 0 || node >= m_graph->nodeCount())
        return {};
    return qstr(m_graph->address(node).toString());
}

int GraphPanel::nodeOfText(const QString &text) const
{
    if (!m_graph)
        return -1;
    const auto address = workspace::Address::parse(text.trimmed().toStdString());
    return address ? m_graph->nodeOf(*address) : -1;
}

/// A click while "why does A depend on…" waits: this box is the dependency.
static int boxWithTitle(const VisualGraph &v, const QString &title)
{
    for (size_t i = 0; i < v.nodes.size(); ++i)
        if (v.nodes[i].title == title)
            return int(i);
    return -1;
}

void GraphPanel::onTargetActivated(int node)
{
    if (!m_whyFrom.isEmpty()) {
        showWhyPath(boxWithTitle(m_current.visual, m_whyFrom), m_current.visual.nodeOfTarget(node));
        return;
    }
    m_selectedTarget = node;
    if (m_pathAction->isChecked() && m_query.pathFrom < 0) {
        // Path mode waiting for endpoints: clicks fill From, then To.
        if (m_pathFrom->text().isEmpty())
            m_pathFrom->setText(addressText(node));
        else
            m_pathTo->setText(addressText(node));
    }
    Q_EMIT targetSelected(node);
}

void GraphPanel::onFocusRequested(int node)
{
    setFocus(node);
}

void GraphPanel::onEdgeActivated(int from, int to)
{
    if (componentMode())
        return; // the provenance panel explains the arrow (showEdgeProvenance)
    if (!m_graph || from < 0 || to < 0) {
        m_transientStatus = Tr::tr("Dependencies between groups: hover the arrow for details");
    } else {
        const graph::EdgeId e = m_graph->explainingEdge(from, to);
        const graph::EdgeInfo info = e >= 0 ? m_graph->edgeInfo(e) : graph::EdgeInfo();
        QString why;
        if (!info.evidence.empty())
            why = Tr::tr("%1:%2: import %3")
                      .arg(qstr(info.evidence[0].file))
                      .arg(info.evidence[0].line)
                      .arg(qstr(info.evidence[0].module));
        else if (info.declaredAt && !info.declaredAt->file.empty())
            why = Tr::tr("explicit in %1:%2").arg(qstr(info.declaredAt->file)).arg(info.declaredAt->line);
        else
            why = qstr(graph::edgeKindKey(info.kind));
        m_transientStatus = Tr::tr("%1 → %2: %3").arg(addressText(from), addressText(to), why);
    }
    updateStatus();
}

void GraphPanel::onGroupActivated(int box)
{
    if (!m_whyFrom.isEmpty() && box >= 0) {
        showWhyPath(boxWithTitle(m_current.visual, m_whyFrom), box);
        return;
    }
    if (componentMode())
        return; // a click selects; double-click opens (activateComponent)
    const VisualGraph &v = m_current.visual;
    if (box < 0 || box >= int(v.nodes.size()) || v.nodes[size_t(box)].groupKey.empty())
        return;
    // Expand the group in place: its members get their own boxes, the rest stays folded.
    m_transientStatus = Tr::tr("Expanded %1: %n target(s)", nullptr, int(v.nodes[size_t(box)].members.size()))
                            .arg(v.nodes[size_t(box)].title);
    m_query.expandedGroups.insert(v.nodes[size_t(box)].groupKey);
    syncControls();
    requestLayout();
}

void GraphPanel::onControlsChanged()
{
    m_query.direction = graph::Direction(m_directionCombo->currentData().toInt());
    m_query.hops = m_hopsSpin->value();
    m_direction = LayoutDirection(m_layoutCombo->currentData().toInt());
    m_clusterByDirectory = m_groupAction->isChecked();
    m_query.showRequirements = m_requirementsAction->isChecked();
    m_query.showResources = m_resourcesAction->isChecked();
    m_query.showTests = m_testsAction->isChecked();
    m_query.hiddenTypes.clear();
    for (QAction *action : m_typeMenu->actions()) {
        if (!action->isChecked())
            m_query.hiddenTypes.insert(action->text().toStdString());
    }
    m_relayoutTimer->start();
}

void GraphPanel::onSearchEdited(const QString &text)
{
    m_searchMatches = m_scene->setSearchText(text);
    m_searchCursor = -1;
    if (!text.isEmpty()) {
        m_transientStatus = Tr::tr("%n match(es); Enter goes to the next", nullptr, int(m_searchMatches.size()));
        updateStatus();
    }
}

void GraphPanel::onSearchReturn()
{
    searchNext();
}

int GraphPanel::currentSearchMatch() const
{
    return m_searchCursor >= 0 && m_searchCursor < int(m_searchMatches.size()) ? m_searchMatches[size_t(m_searchCursor)] : -1;
}

void GraphPanel::searchNext()
{
    if (m_searchMatches.empty())
        m_searchMatches = m_scene->setSearchText(m_search->text());
    if (m_searchMatches.empty())
        return;
    m_searchCursor = (m_searchCursor + 1) % int(m_searchMatches.size());
    goToSearchMatch();
}

void GraphPanel::searchPrevious()
{
    if (m_searchMatches.empty())
        m_searchMatches = m_scene->setSearchText(m_search->text());
    if (m_searchMatches.empty())
        return;
    const int count = int(m_searchMatches.size());
    m_searchCursor = m_searchCursor < 0 ? count - 1 : (m_searchCursor + count - 1) % count;
    goToSearchMatch();
}

void GraphPanel::goToSearchMatch()
{
    const int box = currentSearchMatch();
    if (box < 0)
        return;
    // Pan there, and zoom in to 100% when the fit left the labels too small to read.
    m_view->revealBox(box, 1.0);
    m_scene->setSelectedBox(box);
    const VisualNode &node = m_current.visual.nodes[size_t(box)];
    QString where = Tr::tr("Match %1 of %2: %3").arg(m_searchCursor + 1).arg(m_searchMatches.size()).arg(node.label);
    const int inside = m_scene->memberMatches(box);
    if (inside > 0 && !node.title.contains(m_search->text().trimmed(), Qt::CaseInsensitive))
        where += QStringLiteral(" — ")
                 + (node.openable || node.aggregate || (!m_current.visual.components && !node.groupKey.empty())
                        ? Tr::tr("%n matching target(s) inside; double-click to open", nullptr, inside)
                        : Tr::tr("%n matching target(s) inside", nullptr, inside));
    m_transientStatus = where;
    updateStatus();
}

bool GraphPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && (key->modifiers() & Qt::ShiftModifier)) {
            searchPrevious();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void GraphPanel::onPathModeToggled(bool on)
{
    m_pathBar->setVisible(on);
    if (on) {
        if (m_pathFrom->text().isEmpty() && m_query.focus >= 0)
            m_pathFrom->setText(addressText(m_query.focus));
        if (m_pathTo->text().isEmpty() && m_selectedTarget >= 0 && m_selectedTarget != m_query.focus)
            m_pathTo->setText(addressText(m_selectedTarget));
        onPathEndpointsEdited();
        (m_pathFrom->text().isEmpty() ? m_pathFrom : m_pathTo)->setFocus();
    } else if (m_query.pathFrom >= 0) {
        m_query.pathFrom = m_query.pathTo = -1;
        syncControls();
        requestLayout();
    }
}

void GraphPanel::onPathEndpointsEdited()
{
    const int from = nodeOfText(m_pathFrom->text());
    const int to = nodeOfText(m_pathTo->text());
    if (from < 0 || to < 0) {
        if (!m_pathFrom->text().isEmpty() && !m_pathTo->text().isEmpty()) {
            m_transientStatus = Tr::tr("Unknown address: %1").arg(from < 0 ? m_pathFrom->text() : m_pathTo->text());
            updateStatus();
        }
        return;
    }
    m_query.pathFrom = from;
    m_query.pathTo = to;
    syncControls();
    requestLayout();
}

void GraphPanel::setMode(GraphMode mode, int packageDepth)
{
    m_modeChosen = true;
    m_mode = mode;
    if (packageDepth >= 1)
        m_request.depth = std::clamp(packageDepth, 1, 4);
    m_request.opened.clear();
    m_request.expanded.clear();
    m_provenance->hide();
    syncControls();
    if (m_graph)
        requestLayout();
}

void GraphPanel::onModeChanged()
{
    setMode(GraphMode(m_modeCombo->currentData().toInt()), m_packageDepthSpin->value());
}

void GraphPanel::startIndex()
{
    if (m_indexWatcher.isRunning() || !m_graph)
        return;
    std::shared_ptr<const graph::TargetGraph> graph = m_graph;
    m_indexMilliseconds = -1;
    m_indexClock.start();
    m_indexWatcher.setFuture(QtConcurrent::run(base::workerPool(), [graph] {
        return std::shared_ptr<const graph::ComponentIndex>(std::make_shared<const graph::ComponentIndex>(graph));
    }));
}

void GraphPanel::onIndexFinished()
{
    if (m_indexWatcher.future().resultCount() == 0)
        return;
    std::shared_ptr<const graph::ComponentIndex> index = m_indexWatcher.result();
    if (!index || !m_graph || index->graphPtr() != m_graph) {
        if (m_graph && !m_index)
            startIndex(); // built for a graph that has been replaced since
        return;
    }
    m_index = std::move(index);
    m_indexMilliseconds = m_indexClock.elapsed();
    if (componentMode())
        requestLayout();
}


void GraphPanel::activateComponent(int box)
{
    const VisualGraph &v = m_current.visual;
    if (!componentMode() || !v.components || box < 0 || box >= int(v.nodes.size()))
        return;
    const VisualNode &node = v.nodes[size_t(box)];
    if (node.aggregate) {
        m_request = graph::expandAggregate(m_request, node.componentId);
    } else if (node.openable) {
        m_request = graph::openNode(m_request, node.componentId);
    } else {
        m_transientStatus = Tr::tr("%1 cannot be opened further").arg(node.label);
        updateStatus();
        return;
    }
    m_provenance->hide();
    requestLayout();
}

bool GraphPanel::openComponent(const std::string &id)
{
    const VisualGraph &v = m_current.visual;
    for (size_t i = 0; i < v.nodes.size(); ++i) {
        if (v.nodes[i].componentId == id && (v.nodes[i].openable || v.nodes[i].aggregate)) {
            activateComponent(int(i));
            return true;
        }
    }
    return false;
}

bool GraphPanel::showFirstEdge(const QString &kind)
{
    const VisualGraph &v = m_current.visual;
    int best = -1;
    for (size_t i = 0; i < v.edges.size(); ++i) {
        const VisualEdge &e = v.edges[i];
        // A cycle: its thinnest edge, the imports most likely to be the mistake.
        if (kind == QLatin1String("cycle") && e.inCycle && (best < 0 || e.count < v.edges[size_t(best)].count))
            best = int(i);
        else if (kind == QLatin1String("violation") && e.violations > 0
                 && (best < 0 || e.violations > v.edges[size_t(best)].violations))
            best = int(i);
        else if (kind == QLatin1String("heaviest") && (best < 0 || e.count > v.edges[size_t(best)].count))
            best = int(i);
    }
    if (best < 0)
        return false;
    showEdgeProvenance(best);
    // Bring the arrow into view: the middle of its spline.
    const auto &points = m_scene->layout().edges[size_t(best)].points;
    if (!points.empty())
        m_view->centerOn(points[points.size() / 2]);
    return true;
}

void GraphPanel::closeComponent(const std::string &id)
{
    if (id == "*") {
        m_request.opened.clear();
    } else if (id.rfind('@', 0) == 0) {
        // Breadcrumb "@i": back to the level of opened[i]; everything opened after it closes.
        const size_t keep = size_t(std::atoi(id.c_str() + 1)) + 1;
        while (m_request.opened.size() > keep)
            m_request = graph::closeNode(m_request, m_request.opened.back());
    } else {
        m_request = graph::closeNode(m_request, id);
    }
    m_provenance->hide();
    requestLayout();
}

void GraphPanel::updateBreadcrumb()
{
    const bool show = componentMode() && !m_request.opened.empty();
    m_breadcrumb->setVisible(show);
    if (!show)
        return;
    QStringList crumbs;
    crumbs << QStringLiteral("<a href=\"*\">%1</a>").arg(Tr::tr("Whole workspace"));
    for (size_t i = 0; i < m_request.opened.size(); ++i) {
        const QString label = componentLabel(m_request.opened[i]).toHtmlEscaped();
        crumbs << (i + 1 == m_request.opened.size() ? QStringLiteral("<b>%1</b>").arg(label)
                                                   : QStringLiteral("<a href=\"@%1\">%2</a>").arg(i).arg(label));
    }
    m_breadcrumb->setText(Tr::tr("Opened: %1").arg(crumbs.join(QStringLiteral(" › "))));
}

QString GraphPanel::breadcrumbText() const
{
    return m_breadcrumb->isVisible() || !m_request.opened.empty() ? m_breadcrumb->text() : QString();
}

std::vector<graph::EdgeId> GraphPanel::edgesOfArrow(int edge) const
{
    const VisualGraph &v = m_current.visual;
    if (edge < 0 || edge >= int(v.edges.size()))
        return {};
    const VisualEdge &arrow = v.edges[size_t(edge)];
    if (m_current.components && arrow.viewEdge >= 0) {
        const auto &underlying = m_current.components->edges[size_t(arrow.viewEdge)].underlying;
        return {underlying.begin(), underlying.end()};
    }
    if (!m_graph)
        return {};
    if (arrow.graphEdge >= 0)
        return {arrow.graphEdge};
    // A folded arrow: every expanded dependency from a member of one box to the other,
    // explained by the resolved edge (the generator's when the target is generated).
    const std::vector<graph::NodeId> &fromMembers = v.nodes[size_t(arrow.from)].members;
    const std::set<graph::NodeId> toMembers(v.nodes[size_t(arrow.to)].members.begin(), v.nodes[size_t(arrow.to)].members.end());
    std::set<graph::EdgeId> edges;
    for (graph::NodeId from : fromMembers)
        for (graph::NodeId to : m_graph->expandedDependencies(from))
            if (toMembers.count(to))
                if (const graph::EdgeId e = m_graph->explainingEdge(from, to); e >= 0)
                    edges.insert(e);
    return {edges.begin(), edges.end()};
}

void GraphPanel::showEdgeProvenance(int edge)
{
    const VisualGraph &v = m_current.visual;
    if (!m_graph || edge < 0 || edge >= int(v.edges.size()))
        return;
    const VisualEdge &arrow = v.edges[size_t(edge)];
    const QLocale locale;
    QString header = QStringLiteral("<b>%1</b> → <b>%2</b>: ")
                         .arg(v.nodes[size_t(arrow.from)].label.toHtmlEscaped(), v.nodes[size_t(arrow.to)].label.toHtmlEscaped());
    const std::vector<graph::EdgeId> edges = edgesOfArrow(edge);
    if (m_current.components && arrow.viewEdge >= 0) {
        const graph::ViewEdge &e = m_current.components->edges[size_t(arrow.viewEdge)];
        header += Tr::tr("%1 imports over %2 target dependencies").arg(locale.toString(e.imports), locale.toString(e.edges));
        if (e.violations > 0)
            header += QStringLiteral(" · <span style='color:#d01818'>%1</span>")
                          .arg(Tr::tr("%n break(s) a visibility rule", nullptr, e.violations));
        if (e.inCycle)
            header += QStringLiteral(" · <span style='color:#e07800'>%1</span>").arg(Tr::tr("in a cycle"));
    } else {
        header += Tr::tr("%n target dependency(ies)", nullptr, int(edges.size()));
    }
    showDetails(header, edges, true);
    m_scene->setSelectedBox(-1);
    m_scene->setSelectedEdge(edge);
}

void GraphPanel::showDetails(const QString &headerHtml, const std::vector<graph::EdgeId> &edges, bool violationsFirst)
{
    if (!m_graph)
        return;
    const graph::TargetGraph &g = *m_graph;
    const graph::ComponentIndex *index = m_index && m_index->graphPtr() == m_graph ? m_index.get() : nullptr;
    const QLocale locale;
    m_detailLocations.clear();
    const auto link = [this](const std::string &file, int line) {
        const int i = int(m_detailLocations.size());
        m_detailLocations.emplace_back(qstr(file), line);
        return QStringLiteral("<a href=\"loc:%1\"><tt>%2:%3</tt></a>").arg(i).arg(qstr(file).toHtmlEscaped()).arg(line);
    };
    QString html = headerHtml + QStringLiteral("<br>");
    constexpr int kShown = 200;
    std::vector<graph::EdgeId> order = edges;
    // Violations first: they are what a reader of a red arrow looks for.
    if (violationsFirst && index)
        std::stable_partition(order.begin(), order.end(), [&](graph::EdgeId id) {
            return index->verdict(id).action == graph::RuleAction::Deny;
        });
    int shown = 0;
    for (graph::EdgeId id : order) {
        if (shown++ >= kShown)
            break;
        const graph::EdgeInfo info = g.edgeInfo(id);
        // The import lines first (what a reader opens), then which targets they connect.
        QStringList why;
        for (const graph::Evidence &ev : info.evidence)
            why << Tr::tr("%1: import <b>%2</b>").arg(link(ev.file, ev.line), qstr(ev.module).toHtmlEscaped());
        if (info.declaredAt && !info.declaredAt->file.empty())
            why << Tr::tr("explicit in %1").arg(link(info.declaredAt->file, info.declaredAt->line));
        if (why.isEmpty())
            why << qstr(graph::edgeKindKey(info.kind));
        QString line = why.join(QStringLiteral("; "));
        line += QStringLiteral(" <span style='color:gray'>(%1 → %2)</span>")
                    .arg(qstr(g.address(g.edgeSource(id)).toString()).toHtmlEscaped(),
                         qstr(g.address(g.edgeTarget(id)).toString()).toHtmlEscaped());
        if (index) {
            const graph::VisibilityVerdict &verdict = index->verdict(id);
            if (verdict.action == graph::RuleAction::Deny || verdict.action == graph::RuleAction::Warn)
                line += QStringLiteral(" <span style='color:#d01818'>%1</span>")
                            .arg(qstr(index->visibility().describe(verdict)).toHtmlEscaped());
        }
        html += line + QStringLiteral("<br>");
    }
    if (int(order.size()) > kShown)
        html += Tr::tr("… and %1 more").arg(locale.toString(int(order.size()) - kShown));
    m_provenance->setHtml(html);
    m_provenance->show();
}

void GraphPanel::activateDetailLocation(int index)
{
    if (index >= 0 && index < int(m_detailLocations.size()))
        Q_EMIT locationActivated(m_detailLocations[size_t(index)].first, m_detailLocations[size_t(index)].second);
}

QString GraphPanel::provenanceText() const
{
    return m_provenance->isVisible() ? m_provenance->toPlainText() : QString();
}

void GraphPanel::onContextMenuRequested(int box, int edge, const QPoint &globalPos)
{
    QMenu *menu = box >= 0 ? createBoxMenu(box, this) : edge >= 0 ? createEdgeMenu(edge, this) : nullptr;
    if (!menu)
        return;
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(globalPos);
}

QString GraphPanel::boxAddress(int box) const
{
    const VisualGraph &v = m_current.visual;
    if (box < 0 || box >= int(v.nodes.size()))
        return {};
    const VisualNode &node = v.nodes[size_t(box)];
    if (!node.isGroup())
        return addressText(node.target);
    if (m_current.components && size_t(box) < m_current.components->nodes.size()) {
        const graph::ViewNode &vn = m_current.components->nodes[size_t(box)];
        if (!vn.module.empty())
            return qstr(vn.module);
    }
    return node.title;
}

base::SourceLocation GraphPanel::buildFileOf(int box) const
{
    const VisualGraph &v = m_current.visual;
    if (!m_graph || box < 0 || box >= int(v.nodes.size()))
        return {};
    const VisualNode &node = v.nodes[size_t(box)];
    if (!node.isGroup())
        return m_graph->target(node.target).declaredAt;
    // A group: the BUILD file declaring most of its members (a package's own BUILD file).
    std::map<std::string, int> votes;
    const base::SourceLocation *best = nullptr;
    int bestVotes = 0;
    for (graph::NodeId m : node.members) {
        const base::SourceLocation &at = m_graph->target(m).declaredAt;
        if (at.file.empty())
            continue;
        const int n = ++votes[at.file];
        if (n > bestVotes) {
            bestVotes = n;
            best = &at;
        }
    }
    return best ? *best : base::SourceLocation();
}

QMenu *GraphPanel::createBoxMenu(int box, QWidget *parent)
{
    const VisualGraph &v = m_current.visual;
    if (box < 0 || box >= int(v.nodes.size()))
        return nullptr;
    const VisualNode &node = v.nodes[size_t(box)];
    const QString title = node.title;
    const QString label = node.label;
    auto *menu = new QMenu(parent);
    const auto add = [menu](const QString &text, const char *name, auto slot) {
        QAction *action = menu->addAction(text);
        action->setObjectName(QLatin1String(name));
        QObject::connect(action, &QAction::triggered, menu, slot);
        return action;
    };
    // Boxes are looked up by title when the action runs: a relayout may renumber them.
    const auto boxNow = [this, title] {
        const VisualGraph &now = m_current.visual;
        for (size_t i = 0; i < now.nodes.size(); ++i)
            if (now.nodes[i].title == title)
                return int(i);
        return -1;
    };
    const auto focusOn = [this, boxNow](graph::Direction direction) {
        const int b = boxNow();
        if (b < 0)
            return;
        const VisualNode &n = m_current.visual.nodes[size_t(b)];
        if (n.isGroup() && componentMode() && !n.aggregate) {
            m_componentFocus = n.members;
            m_componentFocusLabel = n.label;
            m_query.focus = -1;
            m_query.pathFrom = m_query.pathTo = -1;
            m_query.direction = direction;
            m_request.opened.clear();
            m_request.expanded.clear();
            syncControls();
            requestLayout();
        } else if (!n.isGroup()) {
            m_query.direction = direction;
            setFocus(n.target);
        }
    };
    QAction *focus = add(Tr::tr("Focus"), "graphMenuFocus", [focusOn, this] { focusOn(m_query.direction); });
    focus->setEnabled(!node.isGroup() || (componentMode() && !node.aggregate));
    const bool canOpen = componentMode() ? (node.openable || node.aggregate) : !node.groupKey.empty();
    QAction *open = add(node.aggregate ? Tr::tr("Show More") : Tr::tr("Open"), "graphMenuOpen", [this, boxNow] {
        const int b = boxNow();
        if (b < 0)
            return;
        if (componentMode())
            activateComponent(b);
        else
            onGroupActivated(b);
    });
    open->setEnabled(canOpen);
    QString parentId;
    if (m_current.components && size_t(box) < m_current.components->nodes.size())
        parentId = qstr(m_current.components->nodes[size_t(box)].parent);
    QAction *collapse = add(Tr::tr("Collapse"), "graphMenuCollapse", [this, parentId] {
        if (!parentId.isEmpty())
            closeComponent(parentId.toStdString());
        else
            m_collapseAction->trigger();
    });
    collapse->setEnabled(componentMode() ? !parentId.isEmpty() : !m_query.expandedGroups.empty());
    menu->addSeparator();
    QAction *deps = add(Tr::tr("Show Dependencies"), "graphMenuDependencies",
                        [focusOn] { focusOn(graph::Direction::Dependencies); });
    QAction *users = add(Tr::tr("Show Dependents"), "graphMenuDependents", [focusOn] { focusOn(graph::Direction::Dependents); });
    deps->setEnabled(focus->isEnabled());
    users->setEnabled(focus->isEnabled());
    // "Why": from the selected box to this one, or pick the other end with the next click.
    const int selected = m_scene->selectedBox();
    if (selected >= 0 && selected != box && selected < int(v.nodes.size())) {
        const QString selectedTitle = v.nodes[size_t(selected)].title;
        add(Tr::tr("Why Does %1 Depend on %2?").arg(v.nodes[size_t(selected)].label, label), "graphMenuWhySelected",
            [this, selectedTitle, boxNow] {
                const VisualGraph &now = m_current.visual;
                for (size_t i = 0; i < now.nodes.size(); ++i)
                    if (now.nodes[i].title == selectedTitle)
                        showWhyPath(int(i), boxNow());
            });
    }
    add(Tr::tr("Why Does %1 Depend on…").arg(label), "graphMenuWhy", [this, boxNow] { startWhyPick(boxNow()); });
    menu->addSeparator();
    add(Tr::tr("Copy Address"), "graphMenuCopy", [this, boxNow] {
        QGuiApplication::clipboard()->setText(boxAddress(boxNow()));
    });
    const base::SourceLocation build = buildFileOf(box);
    QAction *buildFile = add(Tr::tr("Open BUILD File"), "graphMenuBuildFile", [this, build] {
        Q_EMIT locationActivated(qstr(build.file), build.line);
    });
    buildFile->setEnabled(!build.file.empty());
    return menu;
}

QMenu *GraphPanel::createEdgeMenu(int edge, QWidget *parent)
{
    const VisualGraph &v = m_current.visual;
    if (edge < 0 || edge >= int(v.edges.size()))
        return nullptr;
    auto *menu = new QMenu(parent);
    const auto add = [menu](const QString &text, const char *name, auto slot) {
        QAction *action = menu->addAction(text);
        action->setObjectName(QLatin1String(name));
        QObject::connect(action, &QAction::triggered, menu, slot);
        return action;
    };
    const int generation = m_generation;
    add(Tr::tr("Show Import Lines"), "graphMenuEdgeLines", [this, edge, generation] {
        if (generation == m_generation)
            showEdgeProvenance(edge);
    });
    // The first line behind the arrow: an import, else the BUILD line declaring it.
    base::SourceLocation first;
    if (m_graph) {
        for (graph::EdgeId id : edgesOfArrow(edge)) {
            const graph::EdgeInfo info = m_graph->edgeInfo(id);
            if (!info.evidence.empty()) {
                first = {info.evidence.front().file, info.evidence.front().line, 0};
                break;
            }
            if (info.declaredAt && !info.declaredAt->file.empty() && first.file.empty())
                first = *info.declaredAt;
        }
    }
    QAction *source = add(first.file.empty() ? Tr::tr("Open Source at Line")
                                             : Tr::tr("Open %1:%2").arg(qstr(first.file)).arg(first.line),
                          "graphMenuEdgeSource", [this, first] { Q_EMIT locationActivated(qstr(first.file), first.line); });
    source->setEnabled(!first.file.empty());
    const std::pair<QString, QString> key{v.nodes[size_t(v.edges[size_t(edge)].from)].title,
                                          v.nodes[size_t(v.edges[size_t(edge)].to)].title};
    add(Tr::tr("Hide Arrow"), "graphMenuEdgeHide", [this, key] {
        m_hiddenEdges.insert(key);
        applyHiddenEdges();
        m_transientStatus = Tr::tr("%n arrow(s) hidden; More > Show Hidden Arrows brings them back", nullptr, int(m_hiddenEdges.size()));
        updateStatus();
    });
    return menu;
}

void GraphPanel::applyHiddenEdges()
{
    const VisualGraph &v = m_current.visual;
    for (size_t i = 0; i < v.edges.size(); ++i)
        m_scene->setEdgeHidden(int(i), m_hiddenEdges.count({v.nodes[size_t(v.edges[i].from)].title, v.nodes[size_t(v.edges[i].to)].title}) > 0);
}

void GraphPanel::showHiddenEdges()
{
    m_hiddenEdges.clear();
    applyHiddenEdges();
}

void GraphPanel::startWhyPick(int box)
{
    if (box < 0 || box >= int(m_current.visual.nodes.size()))
        return;
    m_whyFrom = m_current.visual.nodes[size_t(box)].title;
    m_transientStatus = Tr::tr("Why does %1 depend on…? Click the dependency.").arg(m_current.visual.nodes[size_t(box)].label);
    updateStatus();
}

bool GraphPanel::showWhyPath(int fromBox, int toBox)
{
    m_whyFrom.clear();
    const VisualGraph &v = m_current.visual;
    if (!m_graph || fromBox < 0 || toBox < 0 || fromBox >= int(v.nodes.size()) || toBox >= int(v.nodes.size()))
        return false;
    const VisualNode &from = v.nodes[size_t(fromBox)];
    const VisualNode &to = v.nodes[size_t(toBox)];
    if (!m_current.components) {
        // Target views: path mode draws every path (core findPaths).
        if (from.isGroup() || to.isGroup()) {
            m_transientStatus = Tr::tr("Open the groups first: paths run between targets");
            updateStatus();
            return false;
        }
        showPaths(from.target, to.target);
        return !graph::shortestPath(*m_graph, from.target, to.target).empty();
    }
    if (!m_index)
        return false;
    const std::vector<graph::NodeId> path = graph::whyPath(*m_index, *m_current.components, fromBox, toBox);
    const QString header = path.empty()
                               ? Tr::tr("<b>%1</b> does not depend on <b>%2</b>").arg(from.label.toHtmlEscaped(), to.label.toHtmlEscaped())
                               : Tr::tr("Why does <b>%1</b> depend on <b>%2</b>: %n dependency(ies)", nullptr, int(path.size()) - 1)
                                     .arg(from.label.toHtmlEscaped(), to.label.toHtmlEscaped());
    std::vector<graph::EdgeId> edges;
    for (size_t i = 0; i + 1 < path.size(); ++i)
        if (const graph::EdgeId e = m_graph->explainingEdge(path[i], path[i + 1]); e >= 0)
            edges.push_back(e);
    showDetails(header, edges, false);
    // The boxes the path runs through, in order, each once in a row.
    std::vector<int> boxes;
    for (graph::NodeId n : path) {
        const int b = v.nodeOfTarget(n);
        if (b >= 0 && (boxes.empty() || boxes.back() != b))
            boxes.push_back(b);
    }
    m_scene->setMarkedPath(boxes);
    m_scene->setSelectedEdge(-1);
    return !path.empty();
}

QString GraphPanel::layoutKey() const
{
    if (!m_graph || !m_graph->workspace() || m_graph->workspace()->buildRoot().empty())
        return {};
    return QDir::cleanPath(QDir(qstr(m_graph->workspace()->buildRoot())).absolutePath());
}

namespace {
/// QSettings group of one workspace's graph layout ('/' would nest groups).
QString layoutGroup(const QString &root)
{
    return QStringLiteral("graphLayout/") + QString::fromLatin1(QUrl::toPercentEncoding(root));
}
} // namespace

void GraphPanel::saveLayoutState()
{
    m_saveTimer->stop();
    const QString root = layoutKey();
    if (!m_layoutMemory || root.isEmpty())
        return;
    QSettings settings;
    settings.beginGroup(layoutGroup(root));
    settings.setValue(QStringLiteral("mode"), int(m_mode));
    settings.setValue(QStringLiteral("modeChosen"), m_modeChosen);
    settings.setValue(QStringLiteral("packageDepth"), m_request.depth);
    if (m_hasPicture)
        settings.setValue(QStringLiteral("zoom"), m_view->zoom());
    settings.setValue(QStringLiteral("layoutDirection"), int(m_direction));
    settings.setValue(QStringLiteral("direction"), int(m_query.direction));
    settings.setValue(QStringLiteral("hops"), m_query.hops);
    settings.setValue(QStringLiteral("groupByDirectory"), m_clusterByDirectory);
    settings.setValue(QStringLiteral("showRequirements"), m_query.showRequirements);
    settings.setValue(QStringLiteral("showResources"), m_query.showResources);
    settings.setValue(QStringLiteral("showTests"), m_query.showTests);
    QStringList types, opened, expanded, groups;
    for (const std::string &t : m_query.hiddenTypes)
        types << qstr(t);
    for (const std::string &id : m_request.opened)
        opened << qstr(id);
    for (const auto &[id, times] : m_request.expanded)
        expanded << QStringLiteral("%1=%2").arg(qstr(id)).arg(times);
    for (const std::string &g : m_query.expandedGroups)
        groups << qstr(g);
    settings.setValue(QStringLiteral("hiddenTypes"), types);
    settings.setValue(QStringLiteral("opened"), opened);
    settings.setValue(QStringLiteral("expandedAggregates"), expanded);
    settings.setValue(QStringLiteral("expandedGroups"), groups);
    settings.endGroup();
}

void GraphPanel::restoreLayoutState()
{
    QSettings settings;
    settings.beginGroup(layoutGroup(layoutKey()));
    if (!settings.contains(QStringLiteral("mode")))
        return; // never saved: the defaults (and the size rule for the mode)
    m_modeChosen = settings.value(QStringLiteral("modeChosen")).toBool();
    m_mode = GraphMode(std::clamp(settings.value(QStringLiteral("mode")).toInt(), 0, 2));
    m_request.depth = std::clamp(settings.value(QStringLiteral("packageDepth"), 2).toInt(), 1, 4);
    m_pendingZoom = std::clamp(settings.value(QStringLiteral("zoom"), 0.0).toDouble(), 0.0, 4.0);
    m_direction = LayoutDirection(std::clamp(settings.value(QStringLiteral("layoutDirection")).toInt(), 0, 1));
    m_query.direction = graph::Direction(std::clamp(settings.value(QStringLiteral("direction"), 2).toInt(), 0, 2));
    m_query.hops = std::clamp(settings.value(QStringLiteral("hops"), 2).toInt(), 1, 5);
    m_clusterByDirectory = settings.value(QStringLiteral("groupByDirectory")).toBool();
    m_query.showRequirements = settings.value(QStringLiteral("showRequirements"), true).toBool();
    m_query.showResources = settings.value(QStringLiteral("showResources"), true).toBool();
    m_query.showTests = settings.value(QStringLiteral("showTests"), true).toBool();
    m_query.hiddenTypes.clear();
    for (const QString &t : settings.value(QStringLiteral("hiddenTypes")).toStringList())
        m_query.hiddenTypes.insert(t.toStdString());
    m_request.opened.clear();
    for (const QString &id : settings.value(QStringLiteral("opened")).toStringList())
        m_request.opened.push_back(id.toStdString());
    m_request.expanded.clear();
    for (const QString &entry : settings.value(QStringLiteral("expandedAggregates")).toStringList()) {
        const int eq = entry.lastIndexOf(QLatin1Char('='));
        if (eq > 0)
            m_request.expanded[entry.left(eq).toStdString()] = entry.mid(eq + 1).toInt();
    }
    m_query.expandedGroups.clear();
    for (const QString &g : settings.value(QStringLiteral("expandedGroups")).toStringList())
        m_query.expandedGroups.insert(g.toStdString());
}

void GraphPanel::resetLayout()
{
    if (m_layoutMemory && !layoutKey().isEmpty())
        QSettings().remove(layoutGroup(layoutKey()));
    const GraphQuery defaults;
    m_modeChosen = false;
    m_mode = m_graph && m_graph->nodeCount() > kComponentThreshold ? GraphMode::Packages : GraphMode::Targets;
    m_request = graph::ViewRequest();
    m_query.direction = defaults.direction;
    m_query.hops = defaults.hops;
    m_query.showRequirements = defaults.showRequirements;
    m_query.showResources = defaults.showResources;
    m_query.showTests = defaults.showTests;
    m_query.hiddenTypes.clear();
    m_query.expandedGroups.clear();
    m_direction = LayoutDirection::LeftToRight;
    m_clusterByDirectory = false;
    m_componentFocus.clear();
    m_hiddenEdges.clear();
    m_pendingZoom = 0;
    m_provenance->hide();
    populateTypeMenu();
    syncControls();
    if (m_graph)
        requestLayout();
}

void GraphPanel::populateOverflowMenu()
{
    // Submenus made last time go; the shared ones (Types, Export) are only detached.
    for (QMenu *old : m_overflowMenu->findChildren<QMenu *>(QString(), Qt::FindDirectChildrenOnly))
        if (old->property("graphOverflowOwned").toBool())
            old->deleteLater();
    m_overflowMenu->clear();
    const QRect bar = m_toolBar->rect();
    for (const auto &[action, name] : m_controls) {
        if (!action || !action->isVisible())
            continue;
        QWidget *widget = m_toolBar->widgetForAction(action);
        if (widget && widget->isVisible() && bar.contains(widget->geometry()))
            continue; // on screen in the toolbar
        if (auto *combo = qobject_cast<QComboBox *>(widget)) {
            auto *sub = new QMenu(combo->toolTip(), m_overflowMenu);
            sub->setProperty("graphOverflowOwned", true);
            sub->setEnabled(combo->isEnabled());
            auto *group = new QActionGroup(sub);
            for (int i = 0; i < combo->count(); ++i) {
                QAction *item = sub->addAction(combo->itemText(i));
                item->setCheckable(true);
                item->setChecked(i == combo->currentIndex());
                group->addAction(item);
                connect(item, &QAction::triggered, combo, [combo, i] {
                    combo->setCurrentIndex(i);
                    Q_EMIT combo->activated(i);
                });
            }
            m_overflowMenu->addMenu(sub)->setData(name);
        } else if (auto *spin = qobject_cast<QSpinBox *>(widget)) {
            auto *sub = new QMenu(spin->toolTip(), m_overflowMenu);
            sub->setProperty("graphOverflowOwned", true);
            sub->setEnabled(spin->isEnabled());
            auto *group = new QActionGroup(sub);
            for (int v = spin->minimum(); v <= spin->maximum(); ++v) {
                QAction *item = sub->addAction(spin->prefix() + QString::number(v));
                item->setCheckable(true);
                item->setChecked(v == spin->value());
                group->addAction(item);
                connect(item, &QAction::triggered, spin, [spin, v] { spin->setValue(v); });
            }
            m_overflowMenu->addMenu(sub)->setData(name);
        } else if (auto *button = qobject_cast<QToolButton *>(widget); button && button->menu()) {
            m_overflowMenu->addMenu(button->menu())->setData(name);
        } else if (auto *label = qobject_cast<QLabel *>(widget)) {
            QAction *text = m_overflowMenu->addAction(QTextDocumentFragment::fromHtml(label->text()).toPlainText());
            text->setEnabled(false);
            text->setData(name);
        } else {
            m_overflowMenu->addAction(action);
            action->setData(name);
        }
    }
    if (!m_overflowMenu->isEmpty())
        m_overflowMenu->addSeparator();
    m_overflowMenu->addAction(Tr::tr("Find in Graph"), this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    m_overflowMenu->addAction(m_searchNextAction);
    m_overflowMenu->addAction(m_searchPreviousAction);
    m_overflowMenu->addSeparator();
    QAction *hidden = m_overflowMenu->addAction(Tr::tr("Show Hidden Arrows (%1)").arg(m_hiddenEdges.size()), this,
                                                &GraphPanel::showHiddenEdges);
    hidden->setObjectName(QStringLiteral("graphShowHiddenEdges"));
    hidden->setEnabled(!m_hiddenEdges.empty());
    m_overflowMenu->addAction(m_resetLayoutAction);
}

void GraphPanel::onShowWholeWorkspace()
{
    setFocus(-1);
}

void GraphPanel::onExportRequested(QAction *action)
{
    const QString format = action->data().toString();
    QString filter;
    if (format == QLatin1String("png"))
        filter = Tr::tr("PNG images (*.png)");
    else if (format == QLatin1String("svg"))
        filter = Tr::tr("SVG drawings (*.svg)");
    else if (format == QLatin1String("dot"))
        filter = Tr::tr("Graphviz DOT (*.dot *.gv)");
    else
        filter = Tr::tr("JSON (*.json)");
    // Start in the last export directory or the workspace root, not the working directory.
    const QString path = QFileDialog::getSaveFileName(this, Tr::tr("Export Graph"),
                                                      QDir(AppSettings().exportDirectory()).filePath(QStringLiteral("graph.%1").arg(format)), filter);
    if (path.isEmpty())
        return;
    AppSettings().setLastExportDirectory(QFileInfo(path).absolutePath());
    bool ok = false;
    if (format == QLatin1String("png"))
        ok = exportPng(path);
    else if (format == QLatin1String("svg"))
        ok = exportSvg(path);
    else if (format == QLatin1String("dot"))
        ok = exportDot(path);
    else
        ok = exportJson(path);
    if (!ok)
        QMessageBox::warning(this, Tr::tr("Export Graph"), Tr::tr("Could not write %1.").arg(path));
}

bool GraphPanel::exportPng(const QString &path, double scale) const
{
    if (!m_hasPicture)
        return false;
    const QRectF source = m_scene->sceneRect();
    const QSize size = (source.size() * scale).toSize();
    if (size.isEmpty() || size.width() > 32000 || size.height() > 32000)
        return false;
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(m_scene->style().background);
    {
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        m_scene->setCachingEnabled(false); // draw at the export's resolution
        m_scene->render(&painter, QRectF(QPointF(0, 0), QSizeF(size)), source);
        m_scene->setCachingEnabled(true);
    }
    return image.save(path, "PNG");
}

bool GraphPanel::exportSvg(const QString &path) const
{
    if (!m_hasPicture)
        return false;
    const QRectF source = m_scene->sceneRect();
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setSize(source.size().toSize());
    generator.setViewBox(QRectF(QPointF(0, 0), source.size()));
    generator.setTitle(Tr::tr("Dependency graph"));
    generator.setDescription(statusText());
    QPainter painter;
    if (!painter.begin(&generator))
        return false;
    painter.fillRect(QRectF(QPointF(0, 0), source.size()), m_scene->style().background);
    m_scene->setCachingEnabled(false); // vector text and shapes, not cached bitmaps
    m_scene->render(&painter, QRectF(QPointF(0, 0), source.size()), source);
    m_scene->setCachingEnabled(true);
    return painter.end();
}

QString GraphPanel::dotText() const
{
    if (!m_hasPicture)
        return {};
    LayoutInput input = m_current.input;
    for (size_t i = 0; i < input.nodes.size() && i < m_current.visual.nodes.size(); ++i)
        input.nodes[i].label = m_current.visual.nodes[i].title;
    return QString::fromStdString(layoutInputToDot(input));
}

bool GraphPanel::exportDot(const QString &path) const
{
    if (!m_hasPicture)
        return false;
    return writeFile(path, dotText().toUtf8());
}

bool GraphPanel::exportJson(const QString &path) const
{
    if (!m_hasPicture || !m_graph)
        return false;
    const VisualGraph &v = m_current.visual;
    const GraphLayoutResult &layout = m_current.layout;
    QJsonArray nodes;
    for (size_t i = 0; i < v.nodes.size(); ++i) {
        const VisualNode &node = v.nodes[i];
        QJsonObject o;
        o[QStringLiteral("id")] = int(i);
        o[QStringLiteral("label")] = node.label;
        if (node.isGroup()) {
            o[QStringLiteral("group")] = node.title;
            QJsonArray members;
            for (graph::NodeId m : node.members)
                members.append(addressText(m));
            o[QStringLiteral("members")] = members;
        } else {
            o[QStringLiteral("address")] = node.title;
            o[QStringLiteral("type")] = qstr(node.type);
        }
        if (i < layout.nodes.size()) {
            const QRectF r = layout.nodes[i].rect;
            o[QStringLiteral("x")] = r.x();
            o[QStringLiteral("y")] = r.y();
            o[QStringLiteral("width")] = r.width();
            o[QStringLiteral("height")] = r.height();
        }
        nodes.append(o);
    }
    QJsonArray edges;
    for (size_t i = 0; i < v.edges.size(); ++i) {
        const VisualEdge &edge = v.edges[i];
        QJsonObject o;
        o[QStringLiteral("from")] = edge.from;
        o[QStringLiteral("to")] = edge.to;
        o[QStringLiteral("kind")] = QString::fromLatin1(graph::edgeKindKey(edge.kind));
        o[QStringLiteral("count")] = edge.count;
        if (edge.inCycle)
            o[QStringLiteral("cycle")] = true;
        if (i < layout.edges.size()) {
            QJsonArray points;
            for (const QPointF &p : layout.edges[i].points)
                points.append(QJsonArray{p.x(), p.y()});
            if (layout.edges[i].hasArrow)
                points.append(QJsonArray{layout.edges[i].arrowTip.x(), layout.edges[i].arrowTip.y()});
            o[QStringLiteral("points")] = points;
        }
        edges.append(o);
    }
    QJsonObject root;
    root[QStringLiteral("version")] = 1;
    root[QStringLiteral("width")] = layout.boundingRect.width();
    root[QStringLiteral("height")] = layout.boundingRect.height();
    root[QStringLiteral("nodes")] = nodes;
    root[QStringLiteral("edges")] = edges;
    return writeFile(path, QJsonDocument(root).toJson(QJsonDocument::Indented));
}

} // namespace trellis::ui
