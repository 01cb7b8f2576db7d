// RunController: starts goal runs through the core run service (run::runGoal, the same
// code path as the CLI's goals) on a worker thread (QtConcurrent::run), streams its events
// into a RunResultModel through a RunObserver, cancels them with a CancelToken (the engine
// kills the process groups) and shows each finished run from the workspace's RunHistory.
//
//   RunController runs;
//   runs.setSnapshot(snapshot);
//   runs.start({.goal = GoalKind::Test, .specs = {"src/app::"}});
//   runs.start({.goal = GoalKind::Test, .changedSince = "main"});   // [changed].dependents
//   connect(&runs, &RunController::runFinished, this, &View::onRunFinished);
//   runs.cancel();
#pragma once

#include "ui/run/runstatus.h"
#include "ui/workspacesnapshot.h"

#include "core/base/canceltoken.h"
#include "core/goals/runhistory.h"
#include "core/run/resultcache.h"
#include "core/run/runservice.h"
#include "core/goals/testgoal.h"

#include <QFutureWatcher>
#include <QHash>
#include <QSet>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

namespace trellis::ui {

class RunObserver;
class RunResultModel;
struct PlannedRun;

/// The goals the Run panel can start. Each kind selects its core entry point in
/// RunController: goals::runTests for Test, goals::runLint for the others.
enum class GoalKind { Test, Lint, Fmt, Check };

/// The goal's name as Pants spells it ("test", "lint", "fmt", "check").
QString goalName(GoalKind goal);

/// What to run.
struct RunSpec {
    GoalKind goal = GoalKind::Test;
    QStringList specs;          ///< Pants specs: addresses, `dir::`, files
    QString changedSince;       ///< non-empty: the targets changed since this ref (dependents per [changed].dependents)
    bool force = false;         ///< ignore cached results
};

/// Engine settings of a run, read from AppSettings by default.
struct RunSettings {
    int jobs = 0;               ///< 0 = number of cores
    QString python;             ///< "" = search
    /// Tests in a sandbox of their inputs; false = in place, uncached. The workspace's
    /// [trellis].sandbox = false turns it off too.
    bool sandbox = true;
    run::PythonEnvMode pythonEnv = run::PythonEnvMode::Auto; ///< as --python-env
    QString cacheDir;           ///< "" = no result cache
    qint64 cacheBytes = qint64(1) << 30;
    /// A test run of more processes than this asks first (see setScalePrompt); 0 = never.
    int confirmAbove = 100;
};

/// The answer to "this run starts N processes".
enum class ScaleChoice { RunAll, RunFewer, Cancel };

class RunController : public QObject {
    Q_OBJECT
public:
    explicit RunController(QObject *parent = nullptr);
    ~RunController() override;

    /// The workspace to run in; loads its history in the background.
    void setSnapshot(const SnapshotPtr &snapshot);
    SnapshotPtr snapshot() const { return m_snapshot; }
    /// Asked before a run when the repository's own remote-cache settings need the user's
    /// trust (docs/security.md); returns whether the user trusted them (and recorded it).
    /// Without a prompt such settings stay ignored, with a warning.
    using TrustPrompt = std::function<bool(const run::RepositoryTrustRequest &)>;
    void setTrustPrompt(TrustPrompt prompt) { m_trustPrompt = std::move(prompt); }
    /// Asked before a test run starts more processes than RunSettings::confirmAbove, with
    /// the count, an estimate of the wall time from history (ms, 0 = unknown) and how many
    /// "Run Fewer" keeps (failed last time first, then the changed targets' own tests).
    using ScalePrompt = std::function<ScaleChoice(int processes, qint64 estimateMs, int fewer)>;
    void setScalePrompt(ScalePrompt prompt) { m_scalePrompt = std::move(prompt); }
    /// Asked (on the UI thread, while the run waits) before a Python environment downloads
    /// from hosts this controller has not been allowed to use yet: the resolve and
    /// "host (N)" entries. An answer of yes is remembered for the session; no stops that
    /// environment's build (its processes become error items). Without a prompt downloads
    /// go ahead, as in the CLI.
    using DownloadPrompt = std::function<bool(const QString &resolve, const QStringList &hosts)>;
    void setDownloadPrompt(DownloadPrompt prompt) { m_downloadPrompt = std::move(prompt); }
    /// Hosts ("https://files.pythonhosted.org") allowed this session.
    const QSet<QString> &allowedDownloadHosts() const { return m_allowedHosts; }

    /// Overrides the settings (tests); by default they are read from AppSettings at start.
    void setSettings(const RunSettings &settings) { m_settings = settings; m_hasSettings = true; }

    /// Starts a run; false (with errorOccurred) when one is running or nothing is open.
    bool start(const RunSpec &spec);
    /// Runs the failed targets (test) or files (lint, fmt, check) of the shown run again,
    /// with the same goal.
    bool rerunFailed();
    bool canRerunFailed() const;
    /// Cancels the running run (no-op when idle); running processes are killed.
    void cancel();
    bool isRunning() const;
    /// Blocks until the worker finished (tests, shutdown).
    void waitForIdle();

    RunResultModel *model() const { return m_model; }
    /// Past runs of this workspace, newest first (the current run once it finished).
    const std::vector<goals::RunRecord> &history() const { return m_history; }
    /// Shows a past run in the model.
    void showRecord(const QString &id);
    /// Deletes a past run.
    void removeRecord(const QString &id);
    /// The last result of each target (address -> status) across the history and the
    /// current run.
    const QHash<QString, RunStatus> &lastResults() const { return m_lastResults; }
    int effectiveJobs() const;

Q_SIGNALS:
    void runStarted(const QString &title);
    void runFinished(bool cancelled);
    void historyChanged();
    void lastResultsChanged();
    void errorOccurred(const QString &message);
    /// A step of building a resolve's Python environment, before its tests start.
    void environmentStep(const QString &step);
    /// Artifact `index` of `total` of `resolve`'s environment is verified; `bytes` downloaded for it.
    void environmentArtifact(const QString &resolve, const QString &what, int index, int total, qint64 bytes);

private:
    struct Outcome {
        goals::TestRunResult result;             ///< every process, lint-like ones converted
        std::vector<goals::RunRecord> history;   ///< reloaded after saving
        GoalKind goal = GoalKind::Test;
        QString error;                           ///< specs or changed computation failed
        bool cancelled = false;
        std::int64_t durationMs = 0;
    };
    struct PlanOutcome {
        run::RunRequest request;                 ///< with the selection made
        run::RunPlan plan;
        QString error;
    };
    run::TrustNow askTrustIfNeeded(const std::map<std::string, std::string> &environment);
    void onPlanOutcome();
    void launch(const run::RunRequest &request);
    std::vector<int> fewerTargets(const run::RunPlan &plan, const run::Selection &selection, int limit) const;

    void onRunFinished();
    void onProcessFinished(int processId, const trellis::ui::ProcessResultPtr &result);
    void onPlanned(std::shared_ptr<const trellis::ui::PlannedRun> plan);
    void onHistoryLoaded();
    void updateLastResults();
    QString titleFor(const RunSpec &spec) const;

    SnapshotPtr m_snapshot;
    SnapshotPtr m_runSnapshot;                    ///< the snapshot of the running run
    RunSettings m_settings;
    bool m_hasSettings = false;
    RunResultModel *m_model;                      // owned (child)
    RunObserver *m_observer;                      // owned (child); outlives every run
    std::unique_ptr<QFutureWatcher<Outcome>> m_watcher;              // the running run, or null
    std::unique_ptr<QFutureWatcher<std::vector<goals::RunRecord>>> m_historyWatcher;
    base::CancelToken m_cancel;
    std::vector<goals::RunRecord> m_history;
    std::map<std::string, std::int64_t> m_estimates; ///< description -> last real duration
    QHash<QString, RunStatus> m_lastResults;
    GoalKind m_shownGoal = GoalKind::Test;        ///< goal of the run in the model (for rerunFailed)
    TrustPrompt m_trustPrompt;
    ScalePrompt m_scalePrompt;
    std::unique_ptr<QFutureWatcher<PlanOutcome>> m_planWatcher; ///< selecting and planning, or null
    QString m_pendingTitle;
    GoalKind m_pendingGoal = GoalKind::Test;
    int m_confirmAbove = 0;
    QSet<QString> m_declinedTrust;                ///< "root digest" the user declined this session
    DownloadPrompt m_downloadPrompt;
    QSet<QString> m_allowedHosts;                 ///< download hosts the user allowed this session
};

/// Routes SIGINT, SIGTERM and SIGHUP to `action` on the thread of the application
/// object (through a self-pipe and a QSocketNotifier) instead of letting them kill the
/// process at once. main() passes "quit with 128 + signal": the window then closes, and
/// ~RunController cancels a running run, which kills its process groups and removes its
/// temporary files. A later call replaces the action. Needs a QCoreApplication.
void handleTerminationSignals(std::function<void(int signal)> action);

} // namespace trellis::ui
