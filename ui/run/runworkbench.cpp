#include "ui/run/runworkbench.h"

#include "ui/graph/graphpanel.h"
#include "ui/mainwindow.h"
#include "ui/models/targettreemodel.h"
#include "ui/run/runpanel.h"
#include "ui/run/runresultmodel.h"
#include "ui/run/trustprompt.h"
#include "ui/uitr.h"
#include "ui/views/targetbrowser.h"
#include "ui/workspacecontroller.h"

#include "core/base/workerpool.h"
#include "core/vcs/repository.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QToolBar>
#include <QTreeView>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>

namespace trellis::ui {

RunWorkbench::RunWorkbench(MainWindow *window)
    : QObject(window)
    , m_window(window)
    , m_controller(new RunController(this))
    , m_panel(new RunPanel(m_controller, window->syntaxRepository(), window))
{
    createActions();
    m_dock = window->addDock(m_panel, Tr::tr("Run"), QStringLiteral("runDock"), Qt::BottomDockWidgetArea);
    m_dock->toggleViewAction()->setShortcut(QKeySequence(Qt::ALT | Qt::Key_4));
    if (auto *problems = window->findChild<QDockWidget *>(QStringLiteral("problemsDock")))
        window->tabifyDockWidget(problems, m_dock);

    connect(window, &MainWindow::snapshotShown, this, &RunWorkbench::onSnapshotShown);
    connect(window->controller(), &WorkspaceController::closed, this, &RunWorkbench::onWorkspaceClosed);
    m_controller->setTrustPrompt([this](const run::RepositoryTrustRequest &request) {
        return askToTrustRepository(m_window, request);
    });
    m_controller->setDownloadPrompt([this](const QString &resolve, const QStringList &hosts) {
        return askToAllowDownloads(m_window, resolve, hosts);
    });
    m_controller->setScalePrompt([this](int processes, qint64 estimateMs, int fewer) {
        QMessageBox box(QMessageBox::Question, Tr::tr("Start %n test processes?", nullptr, processes),
                        Tr::tr("This run starts %n test processes on %1 cores.", nullptr, processes)
                                .arg(m_controller->effectiveJobs())
                            + QLatin1Char('\n')
                            + (estimateMs > 0 ? Tr::tr("Previous runs suggest it takes about %1 minutes.")
                                                    .arg(qMax<qint64>(1, (estimateMs + 59999) / 60000))
                                              : Tr::tr("There is no history to estimate how long it takes."))
                            + QLatin1Char('\n')
                            + Tr::tr("\"Run %n First\" runs the tests that failed last time first, then those of the "
                                     "changed targets.", nullptr, fewer),
                        QMessageBox::NoButton, m_window);
        QPushButton *all = box.addButton(Tr::tr("Run All"), QMessageBox::AcceptRole);
        QPushButton *some = box.addButton(Tr::tr("Run %n First", nullptr, fewer), QMessageBox::AcceptRole);
        box.addButton(QMessageBox::Cancel);
        box.setDefaultButton(some);
        box.exec();
        return box.clickedButton() == all    ? ScaleChoice::RunAll
               : box.clickedButton() == some ? ScaleChoice::RunFewer
                                             : ScaleChoice::Cancel;
    });
    connect(m_controller, &RunController::runStarted, this, &RunWorkbench::onRunStarted);
    connect(m_controller, &RunController::runFinished, this, &RunWorkbench::onRunFinished);
    connect(m_controller, &RunController::errorOccurred, this, &RunWorkbench::onError);
    connect(m_controller, &RunController::lastResultsChanged, this, &RunWorkbench::onLastResultsChanged);
    connect(m_controller->model(), &RunResultModel::countsChanged, this, &RunWorkbench::updateActions);
    // A graph tab registered later gets the badges when it is shown.
    connect(window->centreTabs(), &QTabWidget::currentChanged, this, &RunWorkbench::onLastResultsChanged);
    connect(m_panel, &RunPanel::locationActivated, window, &MainWindow::openLocation);
    connect(m_panel, &RunPanel::openExternallyRequested, this, [this](const QString &file, int line) {
        const SnapshotPtr s = m_window->controller()->snapshot();
        m_window->openExternally(s ? s->absolutePath(file) : file, line);
    });
    updateActions();
}

RunWorkbench::~RunWorkbench()
{
    m_controller->cancel();
    m_controller->waitForIdle();
    if (m_refsWatcher)
        m_refsWatcher->waitForFinished();
}

void RunWorkbench::createActions()
{
    auto make = [this](const QString &text, const QString &tip, const QKeySequence &key, const std::function<void()> &slot) {
        auto *action = new QAction(text, this);
        action->setToolTip(QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        action->setStatusTip(tip);
        action->setShortcut(key);
        action->setShortcutContext(Qt::ApplicationShortcut);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    m_testSelected = make(Tr::tr("&Test Selected"), Tr::tr("Run the tests of the target or directory selected in the tree or graph"),
                          QKeySequence(Qt::CTRL | Qt::Key_T), [this] { runSelected(GoalKind::Test); });
    m_testSelected->setIcon(m_window->style()->standardIcon(QStyle::SP_MediaPlay));
    m_testChanged = make(Tr::tr("Test &Changed"), Tr::tr("Run the tests of targets changed since the base ref, and their dependents"),
                         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T), [this] { runChanged(GoalKind::Test); });
    m_testChanged->setIcon(m_window->style()->standardIcon(QStyle::SP_MediaSeekForward));
    m_lintSelected = make(Tr::tr("&Lint Selected"), Tr::tr("Run the configured linters on the selection"),
                          QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_L), [this] { runSelected(GoalKind::Lint); });
    m_lintChanged = make(Tr::tr("Lint Changed"), Tr::tr("Run the configured linters on files changed since the base ref"),
                         QKeySequence(Qt::CTRL | Qt::ALT | Qt::SHIFT | Qt::Key_L), [this] { runChanged(GoalKind::Lint); });
    m_fmtSelected = make(Tr::tr("&Format Selected"), Tr::tr("Run the configured formatters on the selection, rewriting files"),
                         QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_F), [this] { runSelected(GoalKind::Fmt); });
    m_fmtChanged = make(Tr::tr("Format Changed"), Tr::tr("Run the configured formatters on files changed since the base ref"),
                        QKeySequence(Qt::CTRL | Qt::ALT | Qt::SHIFT | Qt::Key_F), [this] { runChanged(GoalKind::Fmt); });
    m_checkSelected = make(Tr::tr("Chec&k Selected"), Tr::tr("Type-check the selection"),
                           QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_K), [this] { runSelected(GoalKind::Check); });
    m_checkChanged = make(Tr::tr("Check Changed"), Tr::tr("Type-check targets changed since the base ref, and their dependents"),
                          QKeySequence(Qt::CTRL | Qt::ALT | Qt::SHIFT | Qt::Key_K), [this] { runChanged(GoalKind::Check); });
    m_rerunFailed = make(Tr::tr("&Re-run Failed"), Tr::tr("Run the failed targets of the shown run again"),
                         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), [this] { m_controller->rerunFailed(); });
    m_rerunFailed->setIcon(m_window->style()->standardIcon(QStyle::SP_BrowserReload));
    m_cancelRun = make(Tr::tr("Cancel &Run"), Tr::tr("Stop the running goal and kill its processes"),
                       QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K), [this] { m_controller->cancel(); });
    m_cancelRun->setIcon(m_window->style()->standardIcon(QStyle::SP_MediaStop));

    QMenu *menu = m_window->runMenu();
    menu->addActions({m_testSelected, m_testChanged});
    menu->addSeparator();
    menu->addActions({m_lintSelected, m_lintChanged, m_fmtSelected, m_fmtChanged, m_checkSelected, m_checkChanged});
    menu->addSeparator();
    menu->addActions({m_rerunFailed, m_cancelRun});

    QToolBar *toolBar = m_window->mainToolBar();
    toolBar->addSeparator();
    toolBar->addAction(m_testSelected);
    toolBar->addAction(m_testChanged);
    auto *label = new QLabel(Tr::tr("Base:"), toolBar);
    label->setContentsMargins(6, 0, 4, 0);
    toolBar->addWidget(label);
    m_baseRef = new QComboBox(toolBar);
    m_baseRef->setEditable(true);
    m_baseRef->setInsertPolicy(QComboBox::NoInsert);
    m_baseRef->setMinimumContentsLength(12);
    m_baseRef->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_baseRef->setToolTip(Tr::tr("Base ref for \"changed\" runs: a branch, tag or revision such as HEAD~1"));
    m_baseRef->addItem(QStringLiteral("HEAD~1"));
    label->setBuddy(m_baseRef);
    toolBar->addWidget(m_baseRef);
    toolBar->addAction(m_rerunFailed);
    toolBar->addAction(m_cancelRun);

    m_panel->setActions({m_testSelected, m_testChanged, m_rerunFailed, m_cancelRun});
}

QList<QAction *> RunWorkbench::actions() const
{
    return {m_testSelected, m_testChanged, m_lintSelected, m_lintChanged, m_fmtSelected,
            m_fmtChanged,   m_checkSelected, m_checkChanged, m_rerunFailed, m_cancelRun};
}

QString RunWorkbench::baseRef() const { return m_baseRef->currentText().trimmed(); }

QStringList RunWorkbench::selectedSpecs() const
{
    const SnapshotPtr snapshot = m_window->controller()->snapshot();
    if (!snapshot)
        return {};
    // A target picked in the visible graph wins over the tree.
    if (auto *graph = qobject_cast<GraphPanel *>(m_window->centreTabs()->currentWidget());
        graph && graph->isVisible() && graph->selectedNode() >= 0 && graph->selectedNode() < snapshot->targetCount())
        return {qs(snapshot->target(graph->selectedNode()).address.toString())};
    const QModelIndex current = m_window->targetBrowser()->view()->currentIndex();
    if (!current.isValid())
        return {};
    const auto kind = TargetTreeModel::NodeKind(current.data(TargetTreeModel::NodeKindRole).toInt());
    const QString path = current.data(TargetTreeModel::AddressRole).toString();
    if (kind == TargetTreeModel::NodeKind::Directory)
        return {path.isEmpty() ? QStringLiteral("::") : path + QStringLiteral("::")};
    return {path};
}

bool RunWorkbench::runSpecs(GoalKind goal, const QStringList &specs)
{
    RunSpec spec;
    spec.goal = goal;
    spec.specs = specs;
    if (!m_controller->start(spec))
        return false;
    m_dock->show();
    m_dock->raise();
    return true;
}

bool RunWorkbench::runChanged(GoalKind goal)
{
    const QString ref = baseRef();
    if (ref.isEmpty()) {
        onError(Tr::tr("Enter a base ref in the toolbar first."));
        return false;
    }
    RunSpec spec;
    spec.goal = goal;
    spec.changedSince = ref;
    if (!m_controller->start(spec))
        return false;
    m_dock->show();
    m_dock->raise();
    return true;
}

bool RunWorkbench::runSelected(GoalKind goal)
{
    const QStringList specs = selectedSpecs();
    if (specs.isEmpty()) {
        onError(Tr::tr("Select a target or a directory in the Targets tree first."));
        return false;
    }
    return runSpecs(goal, specs);
}

void RunWorkbench::onSnapshotShown()
{
    const SnapshotPtr snapshot = m_window->controller()->snapshot();
    const bool newRoot = !m_controller->snapshot() || !snapshot || m_controller->snapshot()->rootPath != snapshot->rootPath;
    m_controller->setSnapshot(snapshot);
    if (newRoot)
        loadRefs();
    onLastResultsChanged();
    updateActions();
}

void RunWorkbench::onWorkspaceClosed()
{
    m_controller->cancel();
    m_controller->setSnapshot(nullptr);
    updateActions();
}

void RunWorkbench::loadRefs()
{
    const SnapshotPtr snapshot = m_controller->snapshot();
    if (!snapshot)
        return;
    if (m_refsWatcher)
        m_refsWatcher->waitForFinished();
    m_refsWatcher = std::make_unique<QFutureWatcher<QStringList>>();
    connect(m_refsWatcher.get(), &QFutureWatcherBase::finished, this, &RunWorkbench::onRefsLoaded);
    const std::string root = snapshot->rootPath.toStdString();
    m_refsWatcher->setFuture(QtConcurrent::run(base::workerPool(), [root] {
        QStringList refs;
        auto repo = vcs::Repository::open(root);
        if (!repo)
            return refs;
        if (auto branches = (*repo)->branches())
            for (const std::string &b : *branches)
                refs << qs(b);
        if (auto tags = (*repo)->tags())
            for (const vcs::TagInfo &t : *tags)
                refs << qs(t.name);
        return refs;
    }));
}

void RunWorkbench::onRefsLoaded()
{
    const QStringList refs = m_refsWatcher->result();
    const QString typed = m_baseRef->currentText();
    m_baseRef->clear();
    m_baseRef->addItem(QStringLiteral("HEAD~1"));
    m_baseRef->addItems(refs);
    // Default: main when it exists, else the previous commit.
    const bool keepTyped = !typed.isEmpty() && typed != QLatin1String("HEAD~1") && m_baseRef->findText(typed) >= 0;
    if (keepTyped)
        m_baseRef->setCurrentText(typed);
    else if (refs.contains(QLatin1String("main")))
        m_baseRef->setCurrentText(QStringLiteral("main"));
    else
        m_baseRef->setCurrentText(QStringLiteral("HEAD~1"));
}

void RunWorkbench::onRunStarted()
{
    m_window->statusBar()->showMessage(Tr::tr("Running…"), 3000);
    updateActions();
}

void RunWorkbench::onRunFinished(bool cancelled)
{
    const RunCounts c = m_controller->model()->counts();
    QString text = cancelled ? Tr::tr("Run cancelled") : Tr::tr("Run finished");
    text += QStringLiteral(": ") + Tr::tr("%1 passed, %2 failed, %3 cached").arg(c.passed).arg(c.failed).arg(c.cached);
    m_window->statusBar()->showMessage(text, 8000);
    updateActions();
}

void RunWorkbench::onError(const QString &message)
{
    m_window->statusBar()->showMessage(message.section(QLatin1Char('\n'), 0, 0), 10000);
    QLabel *label = m_panel->messageLabel();
    label->setText(message);
    label->setStyleSheet(QString());
    label->show();
}

void RunWorkbench::onLastResultsChanged()
{
    const QHash<QString, RunStatus> &results = m_controller->lastResults();
    m_window->targetBrowser()->model()->setLastResults(results);
    const SnapshotPtr snapshot = m_window->controller()->snapshot();
    if (!snapshot)
        return;
    std::map<graph::NodeId, TestOutcome> outcomes;
    for (auto it = results.begin(); it != results.end(); ++it) {
        if (it.value() != RunStatus::Passed && it.value() != RunStatus::Failed)
            continue;
        if (auto address = workspace::Address::parse(it.key().toStdString())) {
            const int node = snapshot->workspace->indexOf(*address);
            if (node >= 0)
                outcomes[node] = it.value() == RunStatus::Failed ? TestOutcome::Failed : TestOutcome::Passed;
        }
    }
    for (GraphPanel *graph : m_window->findChildren<GraphPanel *>())
        graph->setTestResults(outcomes);
}

void RunWorkbench::updateActions()
{
    const bool open = m_window->controller()->snapshot() != nullptr;
    const bool running = m_controller->isRunning();
    for (QAction *a : {m_testSelected, m_testChanged, m_lintSelected, m_lintChanged, m_fmtSelected, m_fmtChanged, m_checkSelected, m_checkChanged})
        a->setEnabled(open && !running);
    m_rerunFailed->setEnabled(open && m_controller->canRerunFailed());
    m_cancelRun->setEnabled(running);
}

} // namespace trellis::ui
