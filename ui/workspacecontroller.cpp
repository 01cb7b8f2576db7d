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
#include "core/base/workerpool.h"
#include "core/workspace/options.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>


namespace trellis::ui {

namespace {
using live::TreeWatcher;
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
    request.fresh = job.fresh;
    if (job.previous && job.previous->rootPath == job.rootPath) {
        request.previous = job.previous->live;
        request.changedPaths = job.changedPaths;
    }

    auto loader = std::make_unique<live::LiveLoader>(std::move(request));
    auto loadedWs = loader->workspace();
    if (!loadedWs)
        return loadedWs.diagnostics();
    if (!job.cancel.isCancelled() && !(*loadedWs)->cancelled())
        (void)loader->graph();
    // Writing the snapshot back (several MB for a large repository) is for the next
    // start; this one does not wait for it when it need not.
    if (std::function<void()> write = loader->prepareSave()) {
        if (job.deferSave && loader->writeCanWait())
            job.deferSave(std::move(write));
        else
            write();
    }
    const live::LiveResult &state = loader->state();
    if (job.previous && state.workspace == job.previous->workspace && state.graph == job.previous->graph
        && job.previous->live && state.stamps == job.previous->live->stamps)
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
    m_savePool.setMaxThreadCount(1);
    m_savePool.setExpiryTimeout(-1);
    m_debounce.setSingleShot(true);
    // The watcher reports a burst once it has been quiet for 10 ms, and a check after it
    // stats only the paths reported (a narrowed check costs a few ms): the reload starts at
    // once, after the events already queued (changes reported meanwhile wait for it).
    m_debounce.setInterval(0);
    connect(&m_debounce, &QTimer::timeout, this, &WorkspaceController::onDebounceTimeout);
    m_treeWatcher = std::make_unique<live::TreeWatcher>([this](const live::TreeWatcher::Change &change) { onFilesChanged(change); });
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
    start(m_rootPath, m_snapshot != nullptr, false, /*fresh=*/true);
}

void WorkspaceController::refresh()
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

void WorkspaceController::startPendingSave()
{
    if (m_pendingSave && *m_pendingSave)
        m_savePool.start(std::exchange(*m_pendingSave, {}));
}

void WorkspaceController::waitForIdle()
{
    if (m_watcher) {
        m_watcher->waitForFinished();
        startPendingSave();
    }
    for (QFuture<Outcome> &f : m_abandoned)
        f.waitForFinished();
    m_abandoned.clear();
    m_savePool.waitForDone();
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

void WorkspaceController::start(const QString &rootPath, bool isReload, bool quiet, bool fresh)
{
    // A superseded check may not have seen the paths it took: the next one compares all.
    if (m_watcher)
        m_narrowValid = false;
    abandonRunning();
    m_reloadPending = false;
    m_cancel = base::CancelToken();

    AppSettings settings;
    LoadJob job;
    job.rootPath = rootPath;
    job.jobs = settings.jobs();
    job.cancel = m_cancel;
    job.cacheDir = settings.cacheDir();
    job.fresh = fresh;
    if (isReload && !fresh)
        job.previous = m_snapshot;
    const bool narrowed = m_narrowValid && job.previous && m_treeWatcher->mode() == TreeWatcher::Mode::Notify;
    if (narrowed)
        job.changedPaths = std::vector<std::string>(m_changedPaths.begin(), m_changedPaths.end());
    m_changedPaths.clear();
    const quint64 watchEpoch = m_watchEpoch;
    // The worker hands its write-back over; onLoadFinished() starts it after the views
    // took the result (the future's completion orders the two threads).
    m_pendingSave = std::make_shared<std::function<void()>>();
    job.deferSave = [pending = m_pendingSave](std::function<void()> save) { *pending = std::move(save); };

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
    if (!quiet)
        Q_EMIT loadStarted(rootPath, isReload);
    m_watcher->setFuture(QtConcurrent::run(base::workerPool(), [loader, job, progress = quiet ? LoadProgress() : progress,
                                                                generation, isReload, quiet, narrowed, watchEpoch]() {
        Outcome outcome;
        outcome.generation = generation;
        outcome.isReload = isReload;
        outcome.quiet = quiet;
        outcome.narrowed = narrowed;
        outcome.watchEpoch = watchEpoch;
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
    if (outcome.cancelled || !outcome.snapshot)
        m_narrowValid = false; // what it took from m_changedPaths was not checked
    else if (!outcome.narrowed && outcome.watchEpoch != 0 && outcome.watchEpoch == m_watchEpoch)
        m_narrowValid = true;  // it compared every stamp after the watches were in place
    if (outcome.cancelled) {
        Q_EMIT loadCancelled();
    } else if (!outcome.snapshot) {
        Q_EMIT loadFailed(m_rootPath, outcome.error.isEmpty() ? Tr::tr("The workspace could not be loaded.") : outcome.error);
    } else if (outcome.quiet && m_snapshot && outcome.snapshot->showsSameAs(*m_snapshot)) {
        // A polling tick found nothing the views show (maybe newer stamps to keep).
        m_snapshot = outcome.snapshot;
    } else {
        const bool sameFiles = m_snapshot && outcome.snapshot && m_snapshot->workspace == outcome.snapshot->workspace;
        m_snapshot = outcome.snapshot;
        if (!outcome.isReload) // a live update or Reload: it is on the list since it opened
            AppSettings().addRecentWorkspace(m_rootPath);
        // Re-adding tens of thousands of watches takes the UI thread a second; when only
        // sources changed (the same workspace object), the watched paths are the same.
        if (!sameFiles)
            updateWatchList();
        Q_EMIT loaded(m_snapshot, outcome.isReload);
    }
    startPendingSave();
    if (m_reloadPending)
        m_debounce.start();
}

void WorkspaceController::onFilesChanged(const live::TreeWatcher::Change &change)
{
    if (!m_snapshot)
        return;
    if (change.overflow) {
        // Events were lost: compare everything once more, from now on.
        m_narrowValid = false;
        m_watchEpoch = m_treeWatcher->mode() == TreeWatcher::Mode::Notify ? ++m_lastWatchEpoch : 0;
    }
    m_changedPaths.insert(change.paths.begin(), change.paths.end());
    if (change.poll) {
        // Watches ran out: check the stamps quietly; the views hear of it only when
        // something changed (the live loader returns the same snapshot otherwise).
        if (!m_watcher && !m_debounce.isActive())
            start(m_rootPath, true, /*quiet=*/true);
        return;
    }
    Q_EMIT changeDetected();
    m_debounce.start();
}

void WorkspaceController::onDebounceTimeout()
{
    if (m_watcher) {
        m_reloadPending = true;
        return;
    }
    refresh();
}

void WorkspaceController::updateWatchList()
{
    if (!m_watching || !m_snapshot) {
        m_treeWatcher->clear();
        m_watchEpoch = 0;
        m_narrowValid = false;
        m_watchedDirectories.clear();
        m_watchedFiles.clear();
        return;
    }
    const TreeWatcher::Mode before = m_treeWatcher->mode();
    const std::string root = m_rootPath.toStdString();
    live::WatchSet set;
    if (m_snapshot->live && m_snapshot->live->stamps) {
        set = live::watchSetOf(root, *m_snapshot->live->stamps);
    } else {
        // A snapshot from elsewhere (tests' loaders): its directories and load inputs.
        const workspace::Workspace &ws = *m_snapshot->workspace;
        set.directories.push_back(root);
        if (const auto files = ws.files())
            for (const std::string &dir : files->directories())
                if (!dir.empty())
                    set.directories.push_back(base::joinPath(root, dir));
        for (const std::string &config : ws.options().configFiles())
            set.files.push_back(config);
    }
    m_treeWatcher->watch(set);
    // Changes in a directory watched only from now on were not seen: narrowed checks wait
    // for a full one that starts after this. Fewer watches (or the same) lose nothing.
    std::sort(set.directories.begin(), set.directories.end());
    std::sort(set.files.begin(), set.files.end());
    const bool seenBefore = m_watchEpoch != 0 && before == TreeWatcher::Mode::Notify
        && std::includes(m_watchedDirectories.begin(), m_watchedDirectories.end(), set.directories.begin(), set.directories.end())
        && std::includes(m_watchedFiles.begin(), m_watchedFiles.end(), set.files.begin(), set.files.end());
    if (m_treeWatcher->mode() != TreeWatcher::Mode::Notify) {
        m_watchEpoch = 0;
        m_narrowValid = false;
    } else if (!seenBefore) {
        m_watchEpoch = ++m_lastWatchEpoch;
        m_narrowValid = false;
    }
    m_watchedDirectories = std::move(set.directories);
    m_watchedFiles = std::move(set.files);
    if (m_treeWatcher->mode() == TreeWatcher::Mode::Polling && before != TreeWatcher::Mode::Polling)
        Q_EMIT watchingDegraded(QString::fromStdString(m_treeWatcher->pollingReason()));
}

} // namespace trellis::ui
