#include "ui/graph/graphpanel.h"

#include "core/graph/graphexport.h"
#include "ui/appsettings.h"
#include "ui/graph/graphview.h"
#include "ui/uitr.h"

#include <QAction>
#include <QComboBox>
#include <QCompleter>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QImage>
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

#include <map>
#include <set>

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
{
    createToolBar();

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
    layout->addWidget(m_toolBar);
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
    connect(m_view, &GraphView::edgeClicked, this, [this](int edge) {
        if (componentMode())
            showEdgeProvenance(edge);
    });
    connect(&m_indexWatcher, &QFutureWatcherBase::finished, this, &GraphPanel::onIndexFinished);
    connect(m_view, &GraphView::backgroundClicked, m_provenance, &QWidget::hide);
    syncControls();
    updateStatus();
}

GraphPanel::~GraphPanel()
{
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

    m_search = new QLineEdit(m_toolBar);
    m_search->setPlaceholderText(Tr::tr("Search in graph…"));
    m_search->setClearButtonEnabled(true);
    m_search->setMaximumWidth(220);
    m_toolBar->addWidget(m_search);
    connect(m_search, &QLineEdit::textChanged, this, &GraphPanel::onSearchEdited);
    connect(m_search, &QLineEdit::returnPressed, this, &GraphPanel::onSearchReturn);

    m_collapseAction = m_toolBar->addAction(Tr::tr("Collapse groups"));
    m_collapseAction->setToolTip(Tr::tr("Fold the groups you expanded back into single boxes"));
    m_collapseAction->setVisible(false);
    connect(m_collapseAction, &QAction::triggered, this, [this] {
        m_query.expandedGroups.clear();
        syncControls();
        requestLayout();
    });

    QAction *fit = m_toolBar->addAction(Tr::tr("Fit"));
    fit->setToolTip(Tr::tr("Fit the whole graph in the window (0)"));
    connect(fit, &QAction::triggered, m_view, &GraphView::fitToView);

    m_exportMenu = new QMenu(this);
    m_exportMenu->addAction(Tr::tr("PNG image…"))->setData(QStringLiteral("png"));
    m_exportMenu->addAction(Tr::tr("SVG drawing…"))->setData(QStringLiteral("svg"));
    m_exportMenu->addAction(Tr::tr("Graphviz DOT…"))->setData(QStringLiteral("dot"));
    m_exportMenu->addAction(Tr::tr("JSON with positions…"))->setData(QStringLiteral("json"));
    auto *exportButton = new QToolButton(m_toolBar);
    exportButton->setText(Tr::tr("Export"));
    exportButton->setMenu(m_exportMenu);
    exportButton->setPopupMode(QToolButton::InstantPopup);
    m_toolBar->addWidget(exportButton);
    connect(m_exportMenu, &QMenu::triggered, this, &GraphPanel::onExportRequested);
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
    m_graph = std::move(graph);
    m_index.reset();
    m_request.opened.clear();
    m_request.expanded.clear();
    m_provenance->hide();
    if (m_graph && !m_modeChosen)
        m_mode = m_graph->nodeCount() > kComponentThreshold ? GraphMode::Packages : GraphMode::Targets;
    m_query.focus = -1;
    m_query.pathFrom = m_query.pathTo = -1;
    m_selectedTarget = -1;
    if (m_graph && !focusAddress.empty()) {
        if (const auto address = workspace::Address::parse(focusAddress))
            m_query.focus = m_graph->nodeOf(*address);
    }
    populateTypeMenu();

    QStringList addresses;
    if (m_graph) {
        addresses.reserve(m_graph->nodeCount());
        for (int i = 0; i < m_graph->nodeCount(); ++i)
            addresses << qstr(m_graph->address(i).toString());
    }
    // The path fields' completers share one model; only its list changes on reload.
    m_addressModel->setStringList(addresses);
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
}

void GraphPanel::setFocus(int node)
{
    if (m_graph && (node < -1 || node >= m_graph->nodeCount()))
        return;
    m_query.focus = node;
    m_query.pathFrom = m_query.pathTo = -1;
    m_query.expandedGroups.clear();
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
    const bool focused = m_query.focus >= 0 && m_query.pathFrom < 0;
    m_directionCombo->setEnabled(focused);
    m_hopsSpin->setEnabled(focused);
    m_wholeAction->setEnabled(m_graph && (m_query.focus >= 0 || m_query.pathFrom >= 0));
    if (!m_graph)
        m_focusLabel->setText(Tr::tr("No workspace"));
    else if (m_query.pathFrom >= 0)
        m_focusLabel->setText(Tr::tr("<b>Paths</b>"));
    else if (m_query.focus >= 0)
        m_focusLabel->setText(Tr::tr("Focus: <b>%1</b>").arg(addressText(m_query.focus).toHtmlEscaped()));
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
        m_request.hops = std::max(1, m_query.hops);
        m_request.budget = kComponentBudget;
        m_request.direction = m_query.direction;
        // Ranks run across the longer side of the window, so a wide window gets a wide picture.
        const QSize area = m_view->viewport()->size();
        const LayoutDirection direction = area.width() >= area.height() ? LayoutDirection::TopToBottom
                                                                         : LayoutDirection::LeftToRight;
        m_watcher.setFuture(QtConcurrent::run(computeComponentLayout, m_index, m_request, m_scene->boxMetrics(),
                                              direction, m_cancel, m_generation));
        updateStatus();
        return;
    }
    m_watcher.setFuture(QtConcurrent::run(computeLayout, m_graph, m_query, m_scene->boxMetrics(), m_direction,
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
    if (!m_search->text().isEmpty())
        m_scene->setSearchText(m_search->text());
    m_searchCursor = -1;
    // Component views: labels stay >= 9 pt at the initial zoom; the view scrolls instead.
    const double pointSize = m_scene->style().primaryFont.pointSizeF();
    m_view->setMinimumFitZoom(m_current.components && pointSize > 0 ? std::min(1.0, 9.0 / pointSize) : 0.0);
    m_view->updateLegend();
    updateBreadcrumb();
    if (!m_current.components)
        m_provenance->hide();
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
    updateStatus();
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
    if (!m_transientStatus.isEmpty())
        parts << m_transientStatus;
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

void GraphPanel::onTargetActivated(int node)
{
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
    const std::vector<int> matches = m_scene->setSearchText(text);
    m_searchCursor = -1;
    if (!text.isEmpty()) {
        m_transientStatus = Tr::tr("%n match(es)", nullptr, int(matches.size()));
        updateStatus();
    }
}

void GraphPanel::onSearchReturn()
{
    const std::vector<int> matches = m_scene->setSearchText(m_search->text());
    if (matches.empty())
        return;
    m_searchCursor = (m_searchCursor + 1) % int(matches.size());
    const int box = matches[size_t(m_searchCursor)];
    m_view->centreOnBox(box);
    m_scene->setSelectedBox(box);
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
    m_indexWatcher.setFuture(QtConcurrent::run([graph] {
        return std::shared_ptr<const graph::ComponentIndex>(std::make_shared<const graph::ComponentIndex>(graph));
    }));
}

void GraphPanel::onIndexFinished()
{
    if (m_indexWatcher.future().resultCount() == 0)
        return;
    std::shared_ptr<const graph::ComponentIndex> index = m_indexWatcher.result();
    if (!index || !m_graph || index->graphPtr() != m_graph) {
        if (componentMode() && m_graph && !m_index)
            startIndex(); // built for a graph that has been replaced since
        return;
    }
    m_index = std::move(index);
    m_indexMilliseconds = m_requestClock.isValid() ? m_requestClock.elapsed() : -1;
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

void GraphPanel::showEdgeProvenance(int edge)
{
    const VisualGraph &v = m_current.visual;
    if (!m_current.components || !m_index || edge < 0 || edge >= int(v.edges.size()))
        return;
    const graph::ViewEdge &e = m_current.components->edges[size_t(v.edges[size_t(edge)].viewEdge)];
    const graph::ViewNode &from = m_current.components->nodes[size_t(e.from)];
    const graph::ViewNode &to = m_current.components->nodes[size_t(e.to)];
    const graph::TargetGraph &g = m_index->graph();
    const QLocale locale;
    QString html;
    html += QStringLiteral("<b>%1</b> → <b>%2</b>: ").arg(qstr(from.label).toHtmlEscaped(), qstr(to.label).toHtmlEscaped());
    html += Tr::tr("%1 imports over %2 target dependencies").arg(locale.toString(e.imports), locale.toString(e.edges));
    if (e.violations > 0)
        html += QStringLiteral(" · <span style='color:#d01818'>%1</span>")
                    .arg(Tr::tr("%n break(s) a visibility rule", nullptr, e.violations));
    if (e.inCycle)
        html += QStringLiteral(" · <span style='color:#e07800'>%1</span>").arg(Tr::tr("in a cycle"));
    html += QStringLiteral("<br>");
    constexpr int kShown = 200;
    // Violations first: they are what a reader of a red arrow looks for.
    std::vector<graph::EdgeId> order(e.underlying.begin(), e.underlying.end());
    std::stable_partition(order.begin(), order.end(), [&](graph::EdgeId id) {
        return m_index->verdict(id).action == graph::RuleAction::Deny;
    });
    int shown = 0;
    for (graph::EdgeId id : order) {
        if (shown++ >= kShown)
            break;
        const graph::EdgeInfo info = g.edgeInfo(id);
        // The import lines first (what a reader opens), then which targets they connect.
        QStringList why;
        for (const graph::Evidence &ev : info.evidence)
            why << QStringLiteral("<tt>%1:%2</tt>: import <b>%3</b>")
                       .arg(qstr(ev.file).toHtmlEscaped())
                       .arg(ev.line)
                       .arg(qstr(ev.module).toHtmlEscaped());
        if (info.declaredAt && !info.declaredAt->file.empty())
            why << Tr::tr("explicit in <tt>%1:%2</tt>").arg(qstr(info.declaredAt->file).toHtmlEscaped()).arg(info.declaredAt->line);
        if (why.isEmpty())
            why << qstr(graph::edgeKindKey(info.kind));
        QString line = why.join(QStringLiteral("; "));
        line += QStringLiteral(" <span style='color:gray'>(%1 → %2)</span>")
                    .arg(qstr(g.address(g.edgeSource(id)).toString()).toHtmlEscaped(),
                         qstr(g.address(g.edgeTarget(id)).toString()).toHtmlEscaped());
        const graph::VisibilityVerdict &verdict = m_index->verdict(id);
        if (verdict.action == graph::RuleAction::Deny || verdict.action == graph::RuleAction::Warn)
            line += QStringLiteral(" <span style='color:#d01818'>%1</span>")
                        .arg(qstr(m_index->visibility().describe(verdict)).toHtmlEscaped());
        html += line + QStringLiteral("<br>");
    }
    if (int(order.size()) > kShown)
        html += Tr::tr("… and %1 more").arg(locale.toString(int(order.size()) - kShown));
    m_provenance->setHtml(html);
    m_provenance->show();
    m_scene->setSelectedBox(-1);
    m_scene->setSelectedEdge(edge);
}

QString GraphPanel::provenanceText() const
{
    return m_provenance->isVisible() ? m_provenance->toPlainText() : QString();
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
