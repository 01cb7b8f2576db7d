// Loading model: every open()/reload() starts a new generation on the global thread pool.
// The worker only reads its LoadJob and returns an Outcome; it never touches the
// controller. Progress crosses threads through queued invocations on the controller,
// throttled to ~20 per second. A finished load whose generation is stale (a newer load
// began) is dropped. Cancellation sets the job's CancelToken, which the core loader polls;
// the previous snapshot stays current, so the window never shows a half-loaded workspace.
#include "ui/workspacecontroller.h"

#include "ui/appsettings.h"
#include "ui/uitr.h"

#include "core/base/paths.h"
#include "core/workspace/options.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>


namespace trellis::ui {

namespace {
constexpr int kMaxWatchedPaths = 20000;
constexpr qint64 kProgressIntervalMs = 50;
} // namespace

base::Result<SnapshotPtr> loadSnapshot(const LoadJob &job, const LoadProgress &progress)
{
    live::LiveRequest request;
    request.load.options.buildRoot = job.rootPath.toStdString();
    request.load.options.environment = base::processEnvironment();
    request.load.cancel = job.cancel;
    request.load.threads = job.jobs;
    request.cacheDir = job.cacheDir.toStdString();
    request.progress = progress;
    if (job.previous && job.previous->rootPath == job.rootPath)
        request.previous = job.previous->live;

    live::LiveLoader loader(std::move(request));
    auto loadedWs = loader.workspace();
    if (!loadedWs)
        return loadedWs.diagnostics();
    if (!job.cancel.isCancelled() && !(*loadedWs)->cancelled())
        (void)loader.graph();
    loader.save();
    const live::LiveResult &state = loader.state();
    if (job.previous && state.unchanged && state.graph == job.previous->graph)
        return job.previous; // nothing changed: the views keep what they show

    auto snapshot = std::make_shared<WorkspaceSnapshot>();
    snapshot->rootPath = job.rootPath;
    snapshot->workspace = state.workspace;
    snapshot->graph = state.graph;
    snapshot->live = std::make_shared<const live::LiveResult>(state);
    return SnapshotPtr(std::move(snapshot));
}

WorkspaceController::WorkspaceController(QObject *parent)
    : QObject(parent)
    , m_loader(&loadSnapshot)
    , m_lastProgressMs(std::make_shared<std::atomic<qint64>>(0))
{
    qRegisterMetaType<SnapshotPtr>();
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150); // editors write in bursts; then the live loader redoes only what changed
    connect(&m_debounce, &QTimer::timeout, this, &WorkspaceController::onDebounceTimeout);
    connect(&m_fsWatcher, &QFileSystemWatcher::directoryChanged, this, &WorkspaceController::onPathChanged);
    connect(&m_fsWatcher, &QFileSystemWatcher::fileChanged, this, &WorkspaceController::onPathChanged);
}

WorkspaceController::~WorkspaceController()
{
    m_cancel.cancel();
    waitForIdle();
}

void WorkspaceController::setWatchingEnabled(bool enabled)
{
    m_watching = enabled;
    updateWatchList();
}

void WorkspaceController::open(const QString &path)
{
    const QFileInfo info(path);
    QString dir = info.isDir() ? info.absoluteFilePath() : info.absolutePath();
    const std::string found = workspace::findBuildRoot(QDir::cleanPath(dir).toStdString());
    const QString root = found.empty() ? QDir::cleanPath(dir) : QString::fromStdString(found);
    if (!QFileInfo(root).isDir()) {
        Q_EMIT loadFailed(root, Tr::tr("The folder %1 does not exist.").arg(QDir::toNativeSeparators(root)));
        return;
    }
    const bool sameRoot = (root == m_rootPath) && m_snapshot;
    if (!sameRoot) {
        m_snapshot.reset();
        updateWatchList();
    }
    m_rootPath = root;
    start(root, sameRoot);
}

void WorkspaceController::reload()
{
    if (m_rootPath.isEmpty())
        return;
    start(m_rootPath, m_snapshot != nullptr);
}

void WorkspaceController::cancel()
{
    if (!m_watcher)
        return;
    m_cancel.cancel();
}

void WorkspaceController::close()
{
    cancel();
    ++m_generation; // drop whatever is still running
    abandonRunning();
    m_snapshot.reset();
    m_rootPath.clear();
    m_reloadPending = false;
    m_debounce.stop();
    updateWatchList();
    Q_EMIT closed();
}

void WorkspaceController::waitForIdle()
{
    if (m_watcher)
        m_watcher->waitForFinished();
    for (QFuture<Outcome> &f : m_abandoned)
        f.waitForFinished();
    m_abandoned.clear();
}

void WorkspaceController::abandonRunning()
{
    std::erase_if(m_abandoned, [](const QFuture<Outcome> &f) { return f.isFinished(); });
    if (!m_watcher)
        return;
    m_cancel.cancel();
    m_watcher->disconnect(this);
    m_abandoned.push_back(m_watcher->future());
    m_watcher.reset();
}

void WorkspaceController::start(const QString &rootPath, bool isReload)
{
    abandonRunning();
    m_reloadPending = false;
    m_cancel = base::CancelToken();

    AppSettings settings;
    LoadJob job;
    job.rootPath = rootPath;
    job.jobs = settings.jobs();
    job.cancel = m_cancel;
    job.cacheDir = settings.cacheDir();
    if (isReload)
        job.previous = m_snapshot;

    const quint64 generation = ++m_generation;
    QPointer<WorkspaceController> self(this);
    auto lastMs = m_lastProgressMs;
    LoadProgress progress = [self, lastMs, generation](const std::string &phase, int done, int total) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        qint64 last = lastMs->load();
        if (now - last < kProgressIntervalMs && done != total)
            return;
        lastMs->store(now);
        const QString text = QString::fromStdString(phase);
        // The controller outlives every worker (its destructor waits), so posting is safe.
        QMetaObject::invokeMethod(self.data(), [self, generation, text, done, total] {
            if (self && self->m_generation == generation)
                Q_EMIT self->progressChanged(text, done, total);
        }, Qt::QueuedConnection);
    };

    SnapshotLoader loader = m_loader;
    m_watcher = std::make_unique<QFutureWatcher<Outcome>>();
    connect(m_watcher.get(), &QFutureWatcher<Outcome>::finished, this, &WorkspaceController::onLoadFinished);
    Q_EMIT loadStarted(rootPath, isReload);
    m_watcher->setFuture(QtConcurrent::run([loader, job, progress, generation, isReload]() {
        Outcome outcome;
        outcome.generation = generation;
        outcome.isReload = isReload;
        base::Result<SnapshotPtr> result = loader(job, progress);
        if (job.cancel.isCancelled() || (result && (*result)->workspace->cancelled())) {
            outcome.cancelled = true;
        } else if (!result) {
            QStringList lines;
            for (const base::Diagnostic &d : result.diagnostics())
                lines << QString::fromStdString(d.format());
            outcome.error = lines.join(QLatin1Char('\n'));
        } else {
            outcome.snapshot = *result;
        }
        return outcome;
    }));
}

void WorkspaceController::onLoadFinished()
{
    if (!m_watcher)
        return;
    const Outcome outcome = m_watcher->result();
    m_watcher.release()->deleteLater();
    if (outcome.generation != m_generation)
        return;
    if (outcome.cancelled) {
        Q_EMIT loadCancelled();
    } else if (!outcome.snapshot) {
        Q_EMIT loadFailed(m_rootPath, outcome.error.isEmpty() ? Tr::tr("The workspace could not be loaded.") : outcome.error);
    } else {
        const bool sameFiles = m_snapshot && outcome.snapshot && m_snapshot->workspace == outcome.snapshot->workspace;
        m_snapshot = outcome.snapshot;
        AppSettings().addRecentWorkspace(m_rootPath);
        // Re-adding tens of thousands of watches takes the UI thread a second; when only
        // sources changed (the same workspace object), the watched paths are the same.
        if (!sameFiles)
            updateWatchList();
        Q_EMIT loaded(m_snapshot, outcome.isReload);
    }
    if (m_reloadPending)
        m_debounce.start();
}

void WorkspaceController::onPathChanged()
{
    if (!m_snapshot)
        return;
    Q_EMIT changeDetected();
    m_debounce.start();
}

void WorkspaceController::onDebounceTimeout()
{
    if (m_watcher) {
        m_reloadPending = true;
        return;
    }
    reload();
}

void WorkspaceController::updateWatchList()
{
    const QStringList old = m_fsWatcher.files() + m_fsWatcher.directories();
    if (!old.isEmpty())
        m_fsWatcher.removePaths(old);
    if (!m_watching || !m_snapshot)
        return;

    const workspace::Workspace &ws = *m_snapshot->workspace;
    QDir root(m_rootPath);
    QStringList paths;
    paths << m_rootPath;
    for (const std::string &config : ws.options().configFiles())
        paths << QString::fromStdString(config);
    for (const std::string &build : ws.buildFiles())
        paths << root.filePath(QString::fromStdString(build));
    if (const auto files = ws.files()) {
        for (const std::string &dir : files->directories()) {
            if (!dir.empty())
                paths << root.filePath(QString::fromStdString(dir));
            if (paths.size() >= kMaxWatchedPaths)
                break;
        }
    }
    for (const workspace::Target &t : ws.targets()) {
        if (paths.size() >= kMaxWatchedPaths)
            break;
        if (t.isGenerator)
            continue;
        for (const std::string &src : t.sources)
            paths << root.filePath(QString::fromStdString(src));
    }
    paths.removeDuplicates();
    m_fsWatcher.addPaths(paths);
}

} // namespace trellis::ui
