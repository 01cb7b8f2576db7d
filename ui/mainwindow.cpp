#include "ui/mainwindow.h"

#include "ui/appsettings.h"
#include "ui/changed/changedview.h"
#include "ui/dialogs/aboutdialog.h"
#include "ui/dialogs/settingsdialog.h"
#include "ui/graph/graphpanel.h"
#include "ui/lockfiles/lockfilesview.h"
#include "ui/release/releaseview.h"
#include "ui/run/runcontroller.h"
#include "ui/run/runworkbench.h"
#include "ui/typeicons.h"
#include "ui/uitr.h"
#include "ui/views/codeeditor.h"
#include "ui/views/detailspanel.h"
#include "ui/models/problemsmodel.h"
#include "ui/views/problemsview.h"
#include "ui/views/quickopendialog.h"
#include "ui/views/sourceviewer.h"
#include "ui/views/targetbrowser.h"
#include "ui/views/welcomewidget.h"
#include "ui/workspacecontroller.h"

#include "core/base/workerpool.h"
#include "core/demo/demoworkspace.h"

#include <KSyntaxHighlighting/Repository>

#include <algorithm>

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QInputDialog>
#include <QLabel>
#include <QTabBar>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProcess>
#include <QPushButton>
#include <QProgressBar>
#include <QResizeEvent>
#include <QLayout>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

namespace trellis::ui {

namespace {

QString localDirectoryOf(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl &url : mime->urls()) {
        const QFileInfo info(url.toLocalFile());
        if (url.isLocalFile() && info.isDir())
            return info.absoluteFilePath();
    }
    return {};
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_controller(new WorkspaceController(this))
    , m_repository(std::make_unique<KSyntaxHighlighting::Repository>())
    , m_targets(new TargetBrowser(this))
    , m_details(new DetailsPanel(this))
    , m_problems(new ProblemsView(this))
    , m_centre(new QStackedWidget(this))
    , m_welcome(nullptr)
    , m_tabs(new QTabWidget(this))
    , m_graph(new GraphPanel(this))
    , m_progress(new QProgressBar(this))
    , m_cancelButton(new QToolButton(this))
    , m_summary(new QLabel(this))
    , m_loadSummary(new QToolButton(this))
{
    setWindowIcon(TypeIcons::app());
    setAcceptDrops(true);
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);

    createActions();
    m_welcome = new WelcomeWidget(m_open, m_openDemo, this);
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_centre->addWidget(m_welcome);
    m_centre->addWidget(m_tabs);
    // The graph is the first centre tab and cannot be closed (source tabs can).
    const int graphTab = m_tabs->addTab(m_graph, TypeIcons::app(), Tr::tr("Graph"));
    m_tabs->tabBar()->setTabButton(graphTab, QTabBar::RightSide, nullptr);
    m_tabs->tabBar()->setTabButton(graphTab, QTabBar::LeftSide, nullptr);
    setCentralWidget(m_centre);

    createMenus();
    createDocks();
    createStatusBar();
    m_run = new RunWorkbench(this);
    updateToolBarIcons();
    fitToolBar();
    // Lockfiles tab: lockfile diffs with the targets each change reaches ("Test These" runs them).
    auto *lockfiles = new LockfilesView(m_repository.get(), m_tabs);
    m_tabs->tabBar()->setTabButton(m_tabs->addTab(lockfiles, TypeIcons::app(), Tr::tr("Lockfiles")), QTabBar::RightSide, nullptr);
    connect(this, &MainWindow::snapshotShown, lockfiles, &LockfilesView::setSnapshot);
    connect(lockfiles, &LockfilesView::targetActivated, this, &MainWindow::selectTarget);
    connect(lockfiles, &LockfilesView::testRequested, this, [this](const QStringList &addresses) { m_run->runSpecs(GoalKind::Test, addresses); });
    // Changed tab: what changed since a base ref, what it affects and why ("Test These" runs it).
    auto *changedView = new ChangedView(m_tabs);
    m_tabs->tabBar()->setTabButton(m_tabs->addTab(changedView, TypeIcons::app(), Tr::tr("Changed")), QTabBar::RightSide, nullptr);
    connect(this, &MainWindow::snapshotShown, changedView, &ChangedView::setSnapshot);
    connect(changedView, &ChangedView::targetActivated, this, &MainWindow::selectTarget);
    connect(changedView, &ChangedView::locationActivated, this, &MainWindow::openLocation);
    connect(changedView, &ChangedView::testRequested, this, [this](const QStringList &addresses) { m_run->runSpecs(GoalKind::Test, addresses); });
    // Release tab: status, checklist with fix-its, fragments, changelog draft and the prepare wizard.
    auto *release = new ReleaseView(this);
    m_tabs->tabBar()->setTabButton(m_tabs->addTab(release, TypeIcons::app(), Tr::tr("Release")), QTabBar::RightSide, nullptr);

    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::onCloseTab);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateActions);
    connect(m_welcome, &WelcomeWidget::recentWorkspaceChosen, this, &MainWindow::openWorkspace);
    connect(m_controller, &WorkspaceController::loadStarted, this, &MainWindow::onLoadStarted);
    connect(m_controller, &WorkspaceController::progressChanged, this, &MainWindow::onProgress);
    connect(m_controller, &WorkspaceController::loaded, this, &MainWindow::onLoaded);
    connect(m_controller, &WorkspaceController::loadFailed, this, &MainWindow::onLoadFailed);
    connect(m_controller, &WorkspaceController::loadCancelled, this, &MainWindow::onLoadCancelled);
    connect(m_controller, &WorkspaceController::closed, this, &MainWindow::onClosed);
    connect(m_controller, &WorkspaceController::watchingDegraded, this, [this](const QString &reason) {
        statusBar()->showMessage(Tr::tr("Watching for changes by polling every few seconds: %1").arg(reason), 15000);
    });
    connect(m_controller, &WorkspaceController::changeDetected, this, [this] {
        statusBar()->showMessage(Tr::tr("Files changed on disk; reloading…"), 3000);
    });
    connect(m_targets, &TargetBrowser::currentTargetChanged, this, &MainWindow::onCurrentTargetChanged);
    connect(m_targets, &TargetBrowser::targetActivated, this, &MainWindow::onTargetActivated);
    connect(m_details, &DetailsPanel::targetActivated, this, &MainWindow::selectTarget);
    // Clicking a box selects its target everywhere; the graph keeps its focus then.
    connect(m_graph, &GraphPanel::targetSelected, this, [this](int node) {
        m_selectionFromGraph = true;
        selectTarget(node);
        m_selectionFromGraph = false;
    });
    connect(m_details, &DetailsPanel::locationActivated, this, &MainWindow::openLocation);
    connect(m_graph, &GraphPanel::locationActivated, this, &MainWindow::openLocation);
    m_graph->setLayoutMemoryEnabled(true); // zoom, depth, opened packages per workspace
    connect(m_problems, &ProblemsView::locationActivated, this, &MainWindow::openLocation);
    connect(m_problems, &ProblemsView::targetActivated, this, &MainWindow::selectTarget);
    connect(m_problems, &ProblemsView::countsChanged, this, [this] {
        m_problemsDock->setWindowTitle(Tr::tr("Problems (%1)").arg(m_problems->summary()));
    });

    resize(1400, 880);
    restoreLayout();
    updateRecentMenu();
    updateActions();
    updateTitle();
}

MainWindow::~MainWindow()
{
    // Stop a goal run (killing its processes) while every view is still alive.
    m_run->controller()->cancel();
    m_run->controller()->waitForIdle();
    // Views hold snapshots; stop the loader before they go.
    m_controller->cancel();
    m_controller->waitForIdle();
}

void MainWindow::createActions()
{
    auto make = [this](const QString &text, const QString &tip, const QKeySequence &key, QStyle::StandardPixmap pixmap = QStyle::SP_CustomBase) {
        auto *action = new QAction(text, this);
        action->setToolTip(tip);
        action->setStatusTip(tip);
        if (!key.isEmpty())
            action->setShortcut(key);
        if (pixmap != QStyle::SP_CustomBase)
            action->setIcon(style()->standardIcon(pixmap));
        return action;
    };
    m_open = make(Tr::tr("&Open Workspace…"), Tr::tr("Open a folder containing pants.toml"), QKeySequence::Open, QStyle::SP_DirOpenIcon);
    m_openDemo = make(Tr::tr("Open &Demo Workspace"), Tr::tr("Create the Orchard demo monorepo (if needed) and open it"), {});
    m_openDemo->setIcon(TypeIcons::app());
    m_reload = make(Tr::tr("&Reload"), Tr::tr("Read pants.toml and all BUILD files again"), QKeySequence::Refresh, QStyle::SP_BrowserReload);
    m_cancel = make(Tr::tr("&Cancel Loading"), Tr::tr("Stop loading the workspace and keep what was shown before"), QKeySequence(Qt::Key_Escape), QStyle::SP_BrowserStop);
    m_closeWorkspace = make(Tr::tr("C&lose Workspace"), Tr::tr("Close the current workspace"), {});
    m_settings = make(Tr::tr("&Settings…"), Tr::tr("Language, theme, external editor, jobs, cache and Python interpreter"), QKeySequence::Preferences);
    m_settings->setMenuRole(QAction::PreferencesRole);
    m_quit = make(Tr::tr("&Quit"), Tr::tr("Quit Trellis"), QKeySequence::Quit);
    m_quit->setMenuRole(QAction::QuitRole);
    m_quickOpen = make(Tr::tr("&Quick Open…"), Tr::tr("Jump to a target or file by typing part of its name"), QKeySequence(Qt::CTRL | Qt::Key_P));
    m_findTarget = make(Tr::tr("&Filter Targets"), Tr::tr("Move the focus to the target filter"), QKeySequence::Find);
    m_goToLine = make(Tr::tr("&Go to Line…"), Tr::tr("Jump to a line in the current file"), QKeySequence(Qt::CTRL | Qt::Key_L));
    m_openExternal = make(Tr::tr("Open in &External Editor"), Tr::tr("Open the current file at the current line in the configured editor"),
                          QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_closeTab = make(Tr::tr("Close &Tab"), Tr::tr("Close the current centre tab"), QKeySequence::Close);
    m_about = make(Tr::tr("&About Trellis"), Tr::tr("Show the version of Trellis"), {});
    m_about->setMenuRole(QAction::AboutRole);
    m_aboutQt = make(Tr::tr("About &Qt"), Tr::tr("Show the version of Qt"), {});
    m_aboutQt->setMenuRole(QAction::AboutQtRole);
    m_clearRecent = make(Tr::tr("&Clear List"), Tr::tr("Forget the recently opened workspaces"), {});

    connect(m_open, &QAction::triggered, this, &MainWindow::onOpen);
    connect(m_openDemo, &QAction::triggered, this, &MainWindow::onOpenDemo);
    connect(m_reload, &QAction::triggered, m_controller, &WorkspaceController::reload);
    connect(m_cancel, &QAction::triggered, m_controller, &WorkspaceController::cancel);
    connect(m_closeWorkspace, &QAction::triggered, m_controller, &WorkspaceController::close);
    connect(m_settings, &QAction::triggered, this, &MainWindow::onSettings);
    connect(m_quit, &QAction::triggered, this, &QWidget::close);
    connect(m_quickOpen, &QAction::triggered, this, &MainWindow::onQuickOpen);
    connect(m_findTarget, &QAction::triggered, this, [this] {
        m_targetsDock->show();
        m_targetsDock->raise();
        m_targets->focusFilter();
    });
    connect(m_goToLine, &QAction::triggered, this, &MainWindow::onGoToLine);
    connect(m_openExternal, &QAction::triggered, this, &MainWindow::onOpenExternally);
    connect(m_closeTab, &QAction::triggered, this, [this] { onCloseTab(m_tabs->currentIndex()); });
    connect(m_about, &QAction::triggered, this, &MainWindow::onAbout);
    connect(m_aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
    connect(m_clearRecent, &QAction::triggered, this, [this] {
        AppSettings().clearRecentWorkspaces();
        updateRecentMenu();
    });
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(Tr::tr("&File"));
    file->addAction(m_open);
    m_recentMenu = file->addMenu(Tr::tr("Open &Recent"));
    file->addAction(m_openDemo);
    file->addSeparator();
    file->addAction(m_reload);
    file->addAction(m_cancel);
    file->addAction(m_closeWorkspace);
    file->addSeparator();
    file->addAction(m_settings);
    file->addSeparator();
    file->addAction(m_quit);

    QMenu *go = menuBar()->addMenu(Tr::tr("&Go"));
    go->addAction(m_quickOpen);
    go->addAction(m_findTarget);
    go->addAction(m_goToLine);
    go->addSeparator();
    go->addAction(m_openExternal);
    go->addAction(m_closeTab);

    m_viewMenu = menuBar()->addMenu(Tr::tr("&View"));
    m_runMenu = menuBar()->addMenu(Tr::tr("&Run"));

    QMenu *help = menuBar()->addMenu(Tr::tr("&Help"));
    help->addAction(m_about);
    help->addAction(m_aboutQt);

    QToolBar *toolBar = m_mainToolBar = addToolBar(Tr::tr("Main Toolbar"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setMovable(false);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->setIconSize(QSize(16, 16));
    toolBar->addAction(m_open);
    toolBar->addAction(m_reload);
    toolBar->addAction(m_cancel);
    toolBar->addSeparator();
    toolBar->addAction(m_quickOpen);
    m_viewMenu->addAction(toolBar->toggleViewAction());
    m_viewMenu->addSeparator();
}

QDockWidget *MainWindow::addDock(QWidget *view, const QString &title, const QString &objectName, Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(view);
    dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(area, dock);
    QAction *toggle = dock->toggleViewAction();
    toggle->setStatusTip(Tr::tr("Show or hide the %1 panel").arg(title));
    toggle->setToolTip(toggle->statusTip());
    m_viewMenu->addAction(toggle);
    return dock;
}

int MainWindow::addCentreTab(QWidget *view, const QIcon &icon, const QString &title)
{
    const int index = m_tabs->addTab(view, icon, title);
    m_tabs->setCurrentIndex(index);
    if (m_controller->snapshot())
        m_centre->setCurrentWidget(m_tabs);
    updateActions();
    return index;
}

void MainWindow::createDocks()
{
    m_targetsDock = addDock(m_targets, Tr::tr("Targets"), QStringLiteral("targetsDock"), Qt::LeftDockWidgetArea);
    m_detailsDock = addDock(m_details, Tr::tr("Details"), QStringLiteral("detailsDock"), Qt::RightDockWidgetArea);
    m_problemsDock = addDock(m_problems, Tr::tr("Problems"), QStringLiteral("problemsDock"), Qt::BottomDockWidgetArea);
    m_targetsDock->toggleViewAction()->setShortcut(QKeySequence(Qt::ALT | Qt::Key_1));
    m_detailsDock->toggleViewAction()->setShortcut(QKeySequence(Qt::ALT | Qt::Key_2));
    m_problemsDock->toggleViewAction()->setShortcut(QKeySequence(Qt::ALT | Qt::Key_3));
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::BottomDockWidgetArea);
    resizeDocks({m_targetsDock, m_detailsDock}, {430, 440}, Qt::Horizontal);
    resizeDocks({m_problemsDock}, {170}, Qt::Vertical);
}

void MainWindow::createStatusBar()
{
    m_progress->setMaximumWidth(220);
    m_progress->setMaximumHeight(16);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_cancelButton->setDefaultAction(m_cancel);
    m_cancelButton->setAutoRaise(true);
    m_cancelButton->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_cancelButton->hide();
    m_loadSummary->setObjectName(QStringLiteral("loadSummary"));
    m_loadSummary->setAutoRaise(true);
    m_loadSummary->setIcon(TypeIcons::error());
    m_loadSummary->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_loadSummary->setToolTip(Tr::tr("Some BUILD files could not be loaded; their targets are missing. Click to see the problems."));
    m_loadSummary->hide();
    connect(m_loadSummary, &QToolButton::clicked, this, &MainWindow::showProblems);
    statusBar()->addPermanentWidget(m_loadSummary);
    statusBar()->addPermanentWidget(m_summary);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancelButton);
}

void MainWindow::showProblems()
{
    m_problemsDock->show();
    m_problemsDock->raise();
    m_problems->view()->setFocus();
}

void MainWindow::restoreLayout()
{
    AppSettings settings;
    const QByteArray geometry = settings.windowGeometry();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    const QByteArray state = settings.windowState();
    if (!state.isEmpty())
        restoreState(state);
}

void MainWindow::updateToolBarIcons()
{
    // The style's standard icons are drawn for light windows: on a dark palette recolour
    // them with the text colour (the originals are kept to restore a light palette).
    const bool dark = TypeIcons::isDark(palette().color(QPalette::Window));
    for (QToolBar *bar : findChildren<QToolBar *>()) {
        for (QAction *action : bar->actions()) {
            if (action->isSeparator())
                continue;
            QVariant original = action->property("trellisPlainIcon");
            if (!original.isValid()) {
                if (action->icon().isNull())
                    continue;
                original = QVariant::fromValue(action->icon());
                action->setProperty("trellisPlainIcon", original);
            }
            const QIcon plain = original.value<QIcon>();
            action->setIcon(dark ? TypeIcons::tinted(plain, palette().color(QPalette::WindowText)) : plain);
        }
    }
}

void MainWindow::fitToolBar()
{
    // Text beside icons when it fits; icons only (text in tooltips) on a narrow window,
    // so no action falls off the end. The toolbar's extension menu covers the rest.
    if (!m_mainToolBar)
        return;
    m_mainToolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    int needed = 0;
    for (QAction *action : m_mainToolBar->actions()) {
        if (QWidget *w = m_mainToolBar->widgetForAction(action))
            needed += w->sizeHint().width() + m_mainToolBar->layout()->spacing();
    }
    if (needed > width() - 16)
        m_mainToolBar->setToolButtonStyle(Qt::ToolButtonIconOnly);
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    fitToolBar();
    // Side docks squeezed by a small window grow back when the window grows.
    if (event->oldSize().isValid() && event->size().width() > event->oldSize().width()) {
        const int preferred = std::min(430, event->size().width() * 27 / 100);
        QList<QDockWidget *> docks;
        QList<int> sizes;
        for (QDockWidget *dock : {m_targetsDock, m_detailsDock}) {
            if (dock && dock->isVisible() && !dock->isFloating() && dock->width() < preferred
                && (dockWidgetArea(dock) == Qt::LeftDockWidgetArea || dockWidgetArea(dock) == Qt::RightDockWidgetArea)) {
                docks << dock;
                sizes << preferred;
            }
        }
        if (!docks.isEmpty())
            resizeDocks(docks, sizes, Qt::Horizontal);
    }
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_run)
        updateToolBarIcons();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    AppSettings settings;
    settings.setWindowGeometry(saveGeometry());
    settings.setWindowState(saveState());
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!localDirectoryOf(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QString dir = localDirectoryOf(event->mimeData());
    if (dir.isEmpty())
        return;
    event->acceptProposedAction();
    openWorkspace(dir);
}

void MainWindow::openWorkspace(const QString &path)
{
    m_controller->open(path);
}

void MainWindow::openDemoWorkspace()
{
    if (m_creatingDemo)
        return;
    const std::string path = demo::defaultDemoPath();
    if (demo::isDemoWorkspace(path) && QFileInfo::exists(QDir(QString::fromStdString(path)).filePath(QStringLiteral("pants.toml")))) {
        openWorkspace(QString::fromStdString(path));
        return;
    }
    m_creatingDemo = true;
    updateActions();
    statusBar()->showMessage(Tr::tr("Creating the demo workspace…"));
    m_progress->setRange(0, 0);
    m_progress->show();
    auto *watcher = new QFutureWatcher<base::Result<std::string>>(this);
    connect(watcher, &QFutureWatcher<base::Result<std::string>>::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_creatingDemo = false;
        m_progress->hide();
        const base::Result<std::string> result = watcher->result();
        if (!result) {
            QStringList lines;
            for (const base::Diagnostic &d : result.diagnostics())
                lines << qs(d.format());
            onLoadFailed(qs(demo::defaultDemoPath()), lines.join(QLatin1Char('\n')));
            updateActions();
            return;
        }
        openWorkspace(qs(*result));
    });
    watcher->setFuture(QtConcurrent::run(base::workerPool(), [path] { return demo::materializeDemo(path, /*overwrite=*/true); }));
}

SourceViewer *MainWindow::openLocation(const QString &file, int line)
{
    const SnapshotPtr snapshot = m_controller->snapshot();
    const QString absolute = snapshot ? snapshot->absolutePath(file) : QFileInfo(file).absoluteFilePath();
    const QString display = snapshot ? QDir(snapshot->rootPath).relativeFilePath(absolute) : file;
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *viewer = qobject_cast<SourceViewer *>(m_tabs->widget(i));
        if (viewer && viewer->filePath() == absolute) {
            m_tabs->setCurrentIndex(i);
            if (line > 0)
                viewer->goToLine(line);
            m_centre->setCurrentWidget(m_tabs);
            return viewer;
        }
    }
    auto *viewer = new SourceViewer(m_repository.get(), m_tabs);
    viewer->setThemeMode(AppSettings().theme());
    viewer->openFile(absolute, display, line);
    connect(viewer, &SourceViewer::openExternallyRequested, this, &MainWindow::openExternally);
    const int index = m_tabs->addTab(viewer, TypeIcons::file(), QFileInfo(absolute).fileName());
    m_tabs->setTabToolTip(index, display);
    m_tabs->setCurrentIndex(index);
    m_centre->setCurrentWidget(m_tabs);
    updateActions();
    return viewer;
}

bool MainWindow::selectTarget(int targetIndex)
{
    m_targetsDock->show();
    return m_targets->selectTarget(targetIndex);
}

void MainWindow::openExternally(const QString &absolutePath, int line)
{
    const QString command = AppSettings().editorCommand().trimmed();
    if (command.isEmpty() && !AppSettings().useDesktopDefaultEditor()) {
        // No editor configured: ask rather than guess, once (the answer can be kept).
        auto *box = new QMessageBox(QMessageBox::Question, Tr::tr("Open in External Editor"),
                                    Tr::tr("No external editor is configured."), QMessageBox::NoButton, this);
        box->setObjectName(QStringLiteral("externalEditorPrompt"));
        box->setInformativeText(Tr::tr("Choose the editor command in Settings (for example \"code -g {file}:{line}\"), "
                                       "or open %1 with the desktop's default application.")
                                    .arg(QFileInfo(absolutePath).fileName()));
        QPushButton *choose = box->addButton(Tr::tr("Choose Editor…"), QMessageBox::AcceptRole);
        choose->setObjectName(QStringLiteral("chooseEditor"));
        QPushButton *desktop = box->addButton(Tr::tr("Open with Default Application"), QMessageBox::ActionRole);
        desktop->setObjectName(QStringLiteral("openWithDefault"));
        box->addButton(QMessageBox::Cancel);
        box->setDefaultButton(choose);
        auto *remember = new QCheckBox(Tr::tr("Always use the default application"), box);
        box->setCheckBox(remember);
        box->setAttribute(Qt::WA_DeleteOnClose);
        connect(box, &QMessageBox::buttonClicked, this, [this, choose, desktop, remember, absolutePath](QAbstractButton *button) {
            if (button == choose) {
                openSettings(/*focusEditor=*/true);
            } else if (button == desktop) {
                if (remember->isChecked())
                    AppSettings().setUseDesktopDefaultEditor(true);
                openWithDesktop(absolutePath);
            }
        });
        box->open();
        return;
    }
    if (!command.isEmpty()) {
        QStringList args = QProcess::splitCommand(command);
        bool hasFile = false;
        for (QString &arg : args) {
            hasFile = hasFile || arg.contains(QLatin1String("{file}"));
            arg.replace(QLatin1String("{file}"), absolutePath).replace(QLatin1String("{line}"), QString::number(qMax(1, line)));
        }
        if (!hasFile)
            args << absolutePath;
        const QString program = args.isEmpty() ? QString() : args.takeFirst();
        if (!program.isEmpty() && QProcess::startDetached(program, args, QFileInfo(absolutePath).absolutePath())) {
            statusBar()->showMessage(Tr::tr("Opened %1 in %2").arg(QFileInfo(absolutePath).fileName(), program), 4000);
            return;
        }
        statusBar()->showMessage(Tr::tr("Could not start the editor command \"%1\"; using the system default").arg(command), 6000);
    }
    openWithDesktop(absolutePath);
}

void MainWindow::openWithDesktop(const QString &absolutePath)
{
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(absolutePath)))
        QMessageBox::warning(this, Tr::tr("Open in External Editor"),
                             Tr::tr("No application is set up to open %1. Choose an editor command in Settings.")
                                 .arg(QDir::toNativeSeparators(absolutePath)));
}

SourceViewer *MainWindow::currentSourceViewer() const
{
    return qobject_cast<SourceViewer *>(m_tabs->currentWidget());
}

void MainWindow::updateActions()
{
    const bool loading = m_controller->isLoading() || m_creatingDemo;
    const bool open = m_controller->snapshot() != nullptr;
    m_reload->setEnabled(!m_controller->rootPath().isEmpty() && !m_creatingDemo);
    m_cancel->setEnabled(m_controller->isLoading());
    m_closeWorkspace->setEnabled(open || loading);
    m_openDemo->setEnabled(!m_creatingDemo);
    m_quickOpen->setEnabled(open);
    m_findTarget->setEnabled(open);
    const bool viewer = currentSourceViewer() != nullptr;
    m_goToLine->setEnabled(viewer);
    m_openExternal->setEnabled(viewer);
    m_closeTab->setEnabled(m_tabs->count() > 0);
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = AppSettings().recentWorkspaces();
    for (const QString &path : recent) {
        QAction *action = m_recentMenu->addAction(QDir::toNativeSeparators(path));
        action->setStatusTip(Tr::tr("Open %1").arg(QDir::toNativeSeparators(path)));
        action->setToolTip(action->statusTip());
        connect(action, &QAction::triggered, this, [this, path] { openWorkspace(path); });
    }
    if (!recent.isEmpty())
        m_recentMenu->addSeparator();
    m_recentMenu->addAction(m_clearRecent);
    m_clearRecent->setEnabled(!recent.isEmpty());
    m_welcome->setRecentWorkspaces(recent);
}

void MainWindow::updateTitle()
{
    const QString root = m_controller->rootPath();
    if (root.isEmpty())
        setWindowTitle(Tr::tr("Trellis"));
    else
        setWindowTitle(Tr::tr("%1 — Trellis").arg(QFileInfo(root).fileName()));
}

void MainWindow::onOpen()
{
    const QString start = m_controller->rootPath().isEmpty() ? QDir::homePath() : m_controller->rootPath();
    const QString dir = QFileDialog::getExistingDirectory(this, Tr::tr("Open Pants Workspace"), start);
    if (!dir.isEmpty())
        openWorkspace(dir);
}

void MainWindow::onOpenDemo() { openDemoWorkspace(); }

void MainWindow::onQuickOpen()
{
    const SnapshotPtr snapshot = m_controller->snapshot();
    if (!snapshot)
        return;
    auto *dialog = new QuickOpenDialog(snapshot, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QuickOpenDialog::targetChosen, this, &MainWindow::selectTarget);
    connect(dialog, &QuickOpenDialog::fileChosen, this, [this](const QString &path) { openLocation(path, 0); });
    dialog->open();
}

void MainWindow::onGoToLine()
{
    SourceViewer *viewer = currentSourceViewer();
    if (!viewer)
        return;
    bool ok = false;
    const int line = QInputDialog::getInt(this, Tr::tr("Go to Line"), Tr::tr("Line:"), viewer->currentLine(), 1,
                                          qMax(1, viewer->editor()->blockCount()), 1, &ok);
    if (ok)
        viewer->goToLine(line);
}

void MainWindow::onOpenExternally()
{
    if (SourceViewer *viewer = currentSourceViewer())
        openExternally(viewer->filePath(), viewer->currentLine());
}

void MainWindow::onSettings() { openSettings(false); }

SettingsDialog *MainWindow::openSettings(bool focusEditor)
{
    auto *dialog = new SettingsDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const ThemeMode theme = AppSettings().theme();
        for (int i = 0; i < m_tabs->count(); ++i) {
            if (auto *viewer = qobject_cast<SourceViewer *>(m_tabs->widget(i)))
                viewer->setThemeMode(theme);
        }
        if (dialog->isRestartPending())
            statusBar()->showMessage(Tr::tr("Restart Trellis to apply the new language or theme."), 10000);
    });
    dialog->open();
    if (focusEditor)
        dialog->focusEditorCommand();
    return dialog;
}

void MainWindow::onAbout()
{
    AboutDialog dialog(this);
    dialog.exec();
}

void MainWindow::onCloseTab(int index)
{
    if (index < 0)
        return;
    QWidget *widget = m_tabs->widget(index);
    // Only source viewers are disposable; registered views (Graph, …) stay alive.
    if (!qobject_cast<SourceViewer *>(widget))
        return;
    m_tabs->removeTab(index);
    widget->deleteLater();
    updateActions();
}

void MainWindow::onLoadStarted(const QString &rootPath, bool isReload)
{
    m_progress->setRange(0, 0);
    m_progress->show();
    m_cancelButton->show();
    statusBar()->showMessage(isReload ? Tr::tr("Reloading %1…").arg(QDir::toNativeSeparators(rootPath))
                                      : Tr::tr("Loading %1…").arg(QDir::toNativeSeparators(rootPath)));
    if (!isReload) {
        m_shown.reset();
        m_targets->setSnapshot(nullptr);
        m_details->setSnapshot(nullptr);
        m_problems->setSnapshot(nullptr);
    }
    updateActions();
    updateTitle();
}

void MainWindow::onProgress(const QString &phase, int done, int total)
{
    if (total > 0) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
        statusBar()->showMessage(Tr::tr("%1 (%2 of %3)").arg(phase).arg(done).arg(total));
    } else {
        m_progress->setRange(0, 0);
        statusBar()->showMessage(phase);
    }
}

void MainWindow::onLoaded(SnapshotPtr snapshot, bool isReload)
{
    m_progress->hide();
    m_cancelButton->hide();
    if (isReload && m_shown && snapshot->showsSameAs(*m_shown)) {
        // The reload found nothing that changes what is shown (a file the walk ignores,
        // or a save that left the content as it was): the views keep everything.
        for (int i = 0; i < m_tabs->count(); ++i)
            if (auto *viewer = qobject_cast<SourceViewer *>(m_tabs->widget(i)))
                viewer->reloadFromDisk();
        m_shown = snapshot;
        statusBar()->showMessage(Tr::tr("Up to date"), 2000);
        updateActions();
        return;
    }
    m_shown = snapshot;
    m_targets->setSnapshot(snapshot);
    m_details->setSnapshot(snapshot);
    m_problems->setSnapshot(snapshot);
    m_graph->setGraph(snapshot->graph);
    if (m_targets->currentTarget() >= 0)
        m_graph->setFocus(m_targets->currentTarget());
    if (m_targets->currentTarget() != m_details->currentTarget())
        m_details->showTarget(m_targets->currentTarget());
    if (isReload) {
        for (int i = 0; i < m_tabs->count(); ++i) {
            if (auto *viewer = qobject_cast<SourceViewer *>(m_tabs->widget(i)))
                viewer->reloadFromDisk();
        }
    }
    if (m_centre->currentWidget() == m_welcome)
        m_centre->setCurrentWidget(m_tabs);
    const bool hasSource = !m_tabs->findChildren<SourceViewer *>().isEmpty();
    if (!hasSource && !isReload) {
        // Show pants.toml beside the graph so the centre is never empty.
        const QString config = QDir(snapshot->rootPath).filePath(QStringLiteral("pants.toml"));
        if (QFileInfo::exists(config))
            openLocation(config, 0);
    }
    const int targets = snapshot->targetCount();
    const int files = int(snapshot->workspace->buildFiles().size());
    m_summary->setText(Tr::tr("%n target(s)", nullptr, targets) + QStringLiteral(" · ") + Tr::tr("%n BUILD file(s)", nullptr, files)
                       + QStringLiteral(" · ") + m_problems->summary());
    // A failed BUILD file hides only its own targets: say so, and how many are shown.
    const QString loadSummary = m_problems->model()->loadSummary(targets);
    m_loadSummary->setText(loadSummary);
    m_loadSummary->setVisible(!loadSummary.isEmpty());
    if (!TargetBrowser::isPantsWorkspace(snapshot)) {
        // A plain folder opens, but nothing in it is a target: say why the tree is empty.
        m_summary->setText(Tr::tr("Not a Pants workspace (no pants.toml)"));
        statusBar()->showMessage(Tr::tr("%1 has no pants.toml, so Trellis shows no targets. Open the folder that contains pants.toml.")
                                     .arg(QDir::toNativeSeparators(snapshot->rootPath)));
    } else {
        statusBar()->showMessage(isReload ? Tr::tr("Reloaded") : Tr::tr("Loaded %1").arg(QDir::toNativeSeparators(snapshot->rootPath)), 4000);
    }
    updateRecentMenu();
    updateActions();
    updateTitle();
    Q_EMIT snapshotShown(snapshot);
}

void MainWindow::onLoadFailed(const QString &rootPath, const QString &message)
{
    m_progress->hide();
    m_cancelButton->hide();
    statusBar()->showMessage(Tr::tr("Could not open %1").arg(QDir::toNativeSeparators(rootPath)), 8000);
    updateActions();
    updateTitle();
    auto *box = new QMessageBox(QMessageBox::Warning, Tr::tr("Cannot Open Workspace"),
                                Tr::tr("Trellis could not open %1.").arg(QDir::toNativeSeparators(rootPath)), QMessageBox::Ok, this);
    box->setDetailedText(message);
    box->setInformativeText(message.section(QLatin1Char('\n'), 0, 0));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::onLoadCancelled()
{
    m_progress->hide();
    m_cancelButton->hide();
    statusBar()->showMessage(Tr::tr("Loading cancelled"), 4000);
    updateActions();
}

void MainWindow::onClosed()
{
    m_shown.reset();
    m_targets->setSnapshot(nullptr);
    m_details->setSnapshot(nullptr);
    m_problems->setSnapshot(nullptr);
    while (m_tabs->count() > 0) {
        const int last = m_tabs->count() - 1;
        if (!qobject_cast<SourceViewer *>(m_tabs->widget(last)))
            break;
        onCloseTab(last);
    }
    m_centre->setCurrentWidget(m_welcome);
    m_summary->clear();
    m_loadSummary->hide();
    m_progress->hide();
    m_cancelButton->hide();
    updateActions();
    updateTitle();
}

void MainWindow::onCurrentTargetChanged(int targetIndex)
{
    m_details->showTarget(targetIndex);
    if (targetIndex < 0)
        return;
    if (m_selectionFromGraph)
        m_graph->selectNode(targetIndex);
    else
        m_graph->setFocus(targetIndex);
}

void MainWindow::showGraph(int targetIndex, int hops)
{
    GraphQuery query = m_graph->query();
    query.focus = targetIndex;
    query.hops = std::clamp(hops, 1, 5);
    m_graph->setQuery(query);
    m_tabs->setCurrentWidget(m_graph);
}

void MainWindow::onTargetActivated(int targetIndex)
{
    const SnapshotPtr snapshot = m_controller->snapshot();
    if (!snapshot)
        return;
    const workspace::Target &t = snapshot->target(targetIndex);
    if (t.address.isFileTarget())
        openLocation(qs(t.address.filePath()), 0);
    else if (t.declaredAt.isValid())
        openLocation(qs(t.declaredAt.file), t.declaredAt.line);
}

} // namespace trellis::ui
