// WorkspaceController: owns the current WorkspaceSnapshot and (re)loads it on a worker
// thread, forwarding progress as queued signals, cancellable at any time, and reloading
// (debounced) when files of the workspace change on disk.
//
//   WorkspaceController controller;
//   connect(&controller, &WorkspaceController::loaded, view, &View::onSnapshot);
//   controller.open("/repo");     // returns at once; loaded() or loadFailed() follows
//   controller.cancel();          // Esc
#pragma once

#include "ui/workspacesnapshot.h"

#include "core/base/canceltoken.h"
#include "core/base/result.h"
#include "core/live/treewatcher.h"

#include <QFutureWatcher>
#include <QThreadPool>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace trellis::ui {

/// Parameters of one load, fixed when it starts.
struct LoadJob {
    QString rootPath;        ///< absolute build root
    int jobs = 0;            ///< worker threads; 0 = ideal thread count
    QString cacheDir;        ///< snapshot and scan cache ("" = core default)
    base::CancelToken cancel;
    /// The snapshot shown now (same root), reused where nothing changed.
    SnapshotPtr previous;
    /// Read everything again (an explicit Reload): no snapshot, no `previous`.
    bool fresh = false;
    /// Runs the snapshot's write-back after the load has been delivered (the views do
    /// not wait for it); null = write back before returning.
    std::function<void(std::function<void()>)> deferSave;
    /// Paths the watcher reported since `previous` was checked, when it has seen every
    /// change since (see live::LiveRequest::changedPaths); nullopt = check every stamp.
    std::optional<std::vector<std::string>> changedPaths;
};

/// Reports (phase, done, total) from a worker thread.
using LoadProgress = std::function<void(const std::string &phase, int done, int total)>;
/// Produces a snapshot on a worker thread. The default loads through core/live (the
/// persistent snapshot, then only what changed); tests substitute a fake.
using SnapshotLoader = std::function<base::Result<SnapshotPtr>(const LoadJob &, const LoadProgress &)>;

/// The real loader: live::LiveLoader (workspace, graph, snapshot written back).
base::Result<SnapshotPtr> loadSnapshot(const LoadJob &job, const LoadProgress &progress);

class WorkspaceController : public QObject {
    Q_OBJECT
public:
    explicit WorkspaceController(QObject *parent = nullptr);
    ~WorkspaceController() override;

    void setLoader(SnapshotLoader loader) { m_loader = std::move(loader); }
    /// Extra wait after the watcher reports a change before an automatic reload (default 0:
    /// the watcher already waits for a quiet moment).
    void setReloadDelay(int ms) { m_debounce.setInterval(ms); }
    void setWatchingEnabled(bool enabled);
    bool isWatchingEnabled() const { return m_watching; }
    /// How file changes are noticed: kernel watches, or polling where they ran out.
    const live::TreeWatcher &treeWatcher() const { return *m_treeWatcher; }
    live::TreeWatcher &treeWatcher() { return *m_treeWatcher; }

    SnapshotPtr snapshot() const { return m_snapshot; }
    QString rootPath() const { return m_rootPath; }
    bool isLoading() const { return m_watcher != nullptr; }

    /// Starts loading `path` (any directory inside the workspace; the build root is found
    /// by looking upwards for pants.toml). Cancels a load in progress.
    void open(const QString &path);
    /// Reads the current workspace again from its sources (View > Reload), keeping the
    /// old snapshot visible until it is done.
    void reload();
    /// Brings the current workspace up to date with the files on disk, redoing only what
    /// changed (what the watcher does after a save).
    void refresh();
    /// Cancels the load in progress (no-op when idle); the previous snapshot stays.
    void cancel();
    /// Forgets the current workspace.
    void close();
    /// Blocks until the running load (if any) finished; for tests and shutdown.
    void waitForIdle();

Q_SIGNALS:
    void loadStarted(const QString &rootPath, bool isReload);
    /// Throttled progress of the running load; total 0 = unknown.
    void progressChanged(const QString &phase, int done, int total);
    void loaded(trellis::ui::SnapshotPtr snapshot, bool isReload);
    void loadFailed(const QString &rootPath, const QString &message);
    void loadCancelled();
    void closed();
    /// Files changed on disk and a reload is scheduled.
    void changeDetected();
    /// The watcher switched to polling (watches ran out); `reason` says why.
    void watchingDegraded(const QString &reason);

private:
    struct Outcome {
        quint64 generation = 0;
        bool isReload = false;
        bool quiet = false; ///< a polling tick's check: no progress, no news when unchanged
        bool cancelled = false;
        bool narrowed = false;     ///< the check compared only the watcher's paths
        quint64 watchEpoch = 0;    ///< m_watchEpoch when the check started
        SnapshotPtr snapshot;
        QString error;
    };

    void start(const QString &rootPath, bool isReload, bool quiet = false, bool fresh = false);
    void onLoadFinished();
    void onFilesChanged(const live::TreeWatcher::Change &change);
    void onDebounceTimeout();
    void updateWatchList();
    /// Stops observing the running load (its result will be ignored) without blocking.
    void abandonRunning();

    SnapshotLoader m_loader;
    SnapshotPtr m_snapshot;
    QString m_rootPath;
    std::unique_ptr<QFutureWatcher<Outcome>> m_watcher; // the running load, or null
    std::vector<QFuture<Outcome>> m_abandoned;          // superseded loads still finishing
    base::CancelToken m_cancel;                         // token of the running load
    quint64 m_generation = 0;
    bool m_reloadPending = false;
    bool m_watching = true;
    std::unique_ptr<live::TreeWatcher> m_treeWatcher;
    QThreadPool m_savePool; // one thread: snapshot write-backs, in load order
    /// The running load's write-back, handed over by its worker; started once the views
    /// have the result (they would share the two cores with it otherwise), or by
    /// waitForIdle(). A superseded load's is dropped: the newer load writes.
    std::shared_ptr<std::function<void()>> m_pendingSave;
    void startPendingSave();
    bool m_pollPending = false; // a polling tick's quiet check is running or queued
    // Narrowed checks: once a full check has started after the watcher was armed, every
    // change since is among the paths it reports, so later checks stat only those.
    std::set<std::string> m_changedPaths; // reported since the running or last check started
    quint64 m_watchEpoch = 0;             // the current watches, all in place (new number each time); 0 = not watching
    quint64 m_lastWatchEpoch = 0;
    bool m_narrowValid = false;           // a full check started under m_watchEpoch succeeded
    std::vector<std::string> m_watchedDirectories, m_watchedFiles; // sorted, what is watched
    QTimer m_debounce;
    std::shared_ptr<std::atomic<qint64>> m_lastProgressMs; // throttles progress signals
};

} // namespace trellis::ui
