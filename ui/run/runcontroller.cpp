#include "ui/run/runcontroller.h"

#include "ui/appsettings.h"
#include "ui/run/runobserver.h"
#include "ui/run/runresultmodel.h"
#include "ui/uitr.h"

#include "core/changed/changedtargets.h"
#include "core/engine/cache.h"
#include "core/goals/lintgoal.h"
#include "core/goals/testgoal.h"
#include "core/vcs/repository.h"
#include "core/workspace/specs.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QProcessEnvironment>
#include <QSocketNotifier>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <iterator>
#include <limits>
#include <unistd.h>

namespace trellis::ui {

namespace {

/// The self-pipe of handleTerminationSignals(): the handler writes the signal number.
int g_signalPipe[2] = {-1, -1};

void onTerminationSignal(int signal)
{
    const int saved = errno;
    const unsigned char byte = static_cast<unsigned char>(signal);
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[1], &byte, 1);
    errno = saved;
}

std::function<void(int)> &terminationAction()
{
    static std::function<void(int)> action;
    return action;
}

QString formatDiagnostics(const base::Diagnostics &diagnostics)
{
    QStringList lines;
    for (const base::Diagnostic &d : diagnostics)
        lines << qs(d.format());
    return lines.join(QLatin1Char('\n'));
}

std::map<std::string, std::string> systemEnvironment()
{
    std::map<std::string, std::string> env;
    const QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    for (const QString &key : e.keys())
        env[key.toStdString()] = e.value(key).toStdString();
    return env;
}

RunStatus fromOutcome(goals::TargetOutcome o)
{
    switch (o) {
    case goals::TargetOutcome::Passed: return RunStatus::Passed;
    case goals::TargetOutcome::Failed: return RunStatus::Failed;
    case goals::TargetOutcome::Cancelled: return RunStatus::Cancelled;
    }
    return RunStatus::Passed;
}

} // namespace

QString goalName(GoalKind goal)
{
    switch (goal) {
    case GoalKind::Test: return QStringLiteral("test");
    case GoalKind::Lint: return QStringLiteral("lint");
    case GoalKind::Fmt: return QStringLiteral("fmt");
    case GoalKind::Check: return QStringLiteral("check");
    }
    return {};
}

RunController::RunController(QObject *parent)
    : QObject(parent)
    , m_model(new RunResultModel(this))
    , m_observer(new RunObserver(this))
{
    connect(m_observer, &RunObserver::planned, this, &RunController::onPlanned);
    connect(m_observer, &RunObserver::processStarted, m_model, &RunResultModel::onProcessStarted);
    connect(m_observer, &RunObserver::processOutput, m_model, &RunResultModel::onProcessOutput);
    connect(m_observer, &RunObserver::processFinished, this, &RunController::onProcessFinished);
}

RunController::~RunController()
{
    // Quitting mid-run: kill the run's processes and let it clean up, but tell nobody
    // (the widgets connected to us may be half destroyed by now).
    blockSignals(true);
    cancel();
    waitForIdle();
    if (m_historyWatcher)
        m_historyWatcher->waitForFinished();
}

int RunController::effectiveJobs() const
{
    const int jobs = m_hasSettings ? m_settings.jobs : AppSettings().jobs();
    return jobs > 0 ? jobs : qMax(1, QThread::idealThreadCount());
}

void RunController::setSnapshot(const SnapshotPtr &snapshot)
{
    const bool sameRoot = m_snapshot && snapshot && m_snapshot->rootPath == snapshot->rootPath;
    m_snapshot = snapshot;
    if (sameRoot)
        return;
    if (!isRunning())
        m_model->clear();
    m_history.clear();
    m_estimates.clear();
    m_lastResults.clear();
    Q_EMIT historyChanged();
    Q_EMIT lastResultsChanged();
    if (!snapshot)
        return;
    if (m_historyWatcher)
        m_historyWatcher->waitForFinished(); // a previous load of a few small files
    m_historyWatcher = std::make_unique<QFutureWatcher<std::vector<goals::RunRecord>>>();
    connect(m_historyWatcher.get(), &QFutureWatcherBase::finished, this, &RunController::onHistoryLoaded);
    const std::string dir = goals::RunHistory::directoryFor(snapshot->rootPath.toStdString());
    m_historyWatcher->setFuture(QtConcurrent::run([dir] { return goals::RunHistory(dir).load(); }));
}

void RunController::onHistoryLoaded()
{
    if (!m_historyWatcher)
        return;
    m_history = m_historyWatcher->result();
    updateLastResults();
    Q_EMIT historyChanged();
}

void RunController::updateLastResults()
{
    m_estimates.clear();
    for (auto it = m_history.rbegin(); it != m_history.rend(); ++it) // oldest first: newer overwrite
        for (const goals::RunProcessRecord &p : it->processes)
            if (!p.result.cached && p.result.durationMs > 0 &&
                (p.result.status == engine::TaskStatus::Succeeded || p.result.status == engine::TaskStatus::Failed))
                m_estimates[p.result.description] = p.result.durationMs;
    m_lastResults.clear();
    std::vector<goals::RunRecord> testRuns; // badges show test results only
    std::copy_if(m_history.begin(), m_history.end(), std::back_inserter(testRuns), [](const goals::RunRecord &r) { return r.goal == "test"; });
    for (const auto &[address, outcome] : goals::lastOutcomes(testRuns))
        m_lastResults.insert(qs(address), fromOutcome(outcome));
    Q_EMIT lastResultsChanged();
}

QString RunController::titleFor(const RunSpec &spec) const
{
    if (!spec.changedSince.isEmpty())
        return Tr::tr("%1 changed since %2").arg(goalName(spec.goal), spec.changedSince);
    QStringList shown = spec.specs.mid(0, 3);
    QString specs = shown.join(QLatin1Char(' '));
    if (spec.specs.size() > 3)
        specs += QLatin1Char(' ') + Tr::tr("and %n more", nullptr, int(spec.specs.size() - 3));
    return QStringLiteral("%1 %2").arg(goalName(spec.goal), specs);
}

bool RunController::start(const RunSpec &spec)
{
    if (isRunning()) {
        Q_EMIT errorOccurred(Tr::tr("A run is already in progress."));
        return false;
    }
    if (!m_snapshot || !m_snapshot->graph) {
        Q_EMIT errorOccurred(Tr::tr("Open a workspace (and let dependency inference finish) before running goals."));
        return false;
    }
    if (spec.specs.isEmpty() && spec.changedSince.isEmpty()) {
        Q_EMIT errorOccurred(Tr::tr("Nothing is selected to run."));
        return false;
    }
    RunSettings settings = m_settings;
    if (!m_hasSettings) {
        AppSettings app;
        settings.jobs = app.jobs();
        settings.python = app.pythonInterpreter();
        settings.cacheDir = app.effectiveCacheDir() + QStringLiteral("/results");
        settings.cacheBytes = app.cacheSizeLimitMiB() > 0 ? qint64(app.cacheSizeLimitMiB()) << 20 : std::numeric_limits<qint64>::max();
    }

    m_cancel = base::CancelToken();
    m_runSnapshot = m_snapshot;
    m_shownGoal = spec.goal;
    const QString title = titleFor(spec);
    m_model->beginRun(title);

    const SnapshotPtr snapshot = m_snapshot;
    const base::CancelToken cancel = m_cancel;
    RunObserver *observer = m_observer;
    auto env = systemEnvironment();
    const std::string historyDir = goals::RunHistory::directoryFor(snapshot->rootPath.toStdString());
    const std::int64_t startedMs = QDateTime::currentMSecsSinceEpoch();

    m_watcher = std::make_unique<QFutureWatcher<Outcome>>();
    connect(m_watcher.get(), &QFutureWatcherBase::finished, this, &RunController::onRunFinished);
    m_watcher->setFuture(QtConcurrent::run([=]() mutable {
        Outcome out;
        out.goal = spec.goal;
        QElapsedTimer clock;
        clock.start();
        const workspace::Workspace &ws = *snapshot->workspace;
        const graph::TargetGraph &graph = *snapshot->graph;
        std::vector<int> roots;
        std::vector<std::string> recordSpecs;
        std::string baseRef;
        if (!spec.changedSince.isEmpty()) {
            baseRef = spec.changedSince.toStdString();
            auto repo = vcs::Repository::open(ws.buildRoot());
            if (!repo) {
                out.error = formatDiagnostics(repo.diagnostics());
                return out;
            }
            // Tests and type checks of dependents can break; formatting and linting cannot.
            const bool dependents = spec.goal == GoalKind::Test || spec.goal == GoalKind::Check;
            const changed::DependentsMode mode = dependents ? changed::DependentsMode::Transitive : changed::DependentsMode::None;
            auto changed = changed::computeChanged(graph, **repo, {baseRef, {}, mode});
            if (!changed) {
                out.error = formatDiagnostics(changed.diagnostics());
                return out;
            }
            roots = changed->affected;
            recordSpecs = {"--changed-since=" + baseRef};
            if (dependents)
                recordSpecs.push_back("--changed-dependents=transitive");
        } else {
            for (const QString &s : spec.specs)
                recordSpecs.push_back(s.toStdString());
            auto parsed = workspace::parseSpecs(recordSpecs, "", ws.buildRoot(), *ws.files());
            if (!parsed) {
                out.error = formatDiagnostics(parsed.diagnostics());
                return out;
            }
            auto resolved = workspace::resolveSpecs(ws, *parsed, "error");
            if (!resolved) {
                out.error = formatDiagnostics(resolved.diagnostics());
                return out;
            }
            roots = *resolved;
        }

        std::shared_ptr<engine::ResultCache> cache;
        if (!settings.cacheDir.isEmpty())
            cache = std::make_shared<engine::LocalCache>(settings.cacheDir.toStdString(), settings.cacheBytes);
        std::vector<QStringList> lintFiles; // lint processes: the files each one covered

        // The goal kind selects the core entry point.
        switch (spec.goal) {
        case GoalKind::Test: {
            goals::TestRequest request;
            request.graph = snapshot->graph;
            request.roots = roots;
            request.jobs = settings.jobs;
            request.force = spec.force;
            request.python = settings.python.toStdString();
            request.environment = std::move(env);
            request.cancel = cancel;
            request.cache = cache;
            base::Diagnostics planDiagnostics;
            PlannedRun plan;
            plan.processes = goals::planTests(request, planDiagnostics);
            for (const goals::TestProcessResult &p : plan.processes) {
                QStringList addresses;
                for (int t : p.targets)
                    addresses << qs(graph.address(t).toString());
                addresses.sort();
                plan.labels.push_back(addresses);
            }
            observer->reportPlan(plan);
            out.result = goals::runTests(request, observer);
            break;
        }
        case GoalKind::Lint:
        case GoalKind::Fmt:
        case GoalKind::Check: {
            goals::LintRequest request;
            request.graph = snapshot->graph;
            request.roots = roots;
            request.goal = spec.goal == GoalKind::Lint  ? goals::LintGoalKind::Lint
                           : spec.goal == GoalKind::Fmt ? goals::LintGoalKind::Fmt
                                                        : goals::LintGoalKind::Check;
            request.jobs = settings.jobs;
            request.force = spec.force;
            request.python = settings.python.toStdString();
            request.environment = std::move(env);
            request.cancel = cancel;
            request.cache = cache;
            base::Diagnostics planDiagnostics;
            PlannedRun plan;
            for (const goals::LintProcessResult &p : goals::planLint(request, planDiagnostics)) {
                plan.processes.push_back(toProcessResult(p));
                QStringList files;
                for (const std::string &f : p.files)
                    files << qs(f);
                plan.labels.push_back(files);
            }
            lintFiles = plan.labels;
            observer->reportPlan(plan);
            const goals::LintRunResult lint = goals::runLint(request, observer);
            for (const goals::LintProcessResult &p : lint.processes)
                out.result.processes.push_back(toProcessResult(p));
            out.result.diagnostics = lint.diagnostics;
            out.result.cancelled = lint.cancelled;
            break;
        }
        }
        if (!out.result.processes.empty()) {
            out.record = goals::RunRecord::fromTestRun(out.result, graph, goalName(spec.goal).toStdString(), recordSpecs,
                                                       baseRef, startedMs, clock.elapsed());
            for (size_t i = 0; i < out.record.processes.size() && i < lintFiles.size(); ++i)
                for (const QString &f : lintFiles[i])
                    out.record.processes[i].addresses.push_back(f.toStdString());
            goals::RunHistory history(historyDir);
            if (base::Status saved = history.save(out.record); !saved)
                out.saveError = formatDiagnostics(saved.diagnostics());
            out.history = history.load();
        }
        return out;
    }));
    Q_EMIT runStarted(title);
    return true;
}

void RunController::onPlanned(std::shared_ptr<const PlannedRun> plan)
{
    if (plan)
        m_model->setPlan(plan->processes, plan->labels, m_estimates);
}

void RunController::onProcessFinished(int processId, const ProcessResultPtr &result)
{
    m_model->onProcessFinished(processId, result);
    if (m_shownGoal != GoalKind::Test)
        return; // badges show test results
    const RunStatus status = processStatus(*result);
    if (status == RunStatus::Cancelled || status == RunStatus::Skipped)
        return;
    const QStringList addresses = m_model->indexForProcess(processId).data(RunResultModel::AddressesRole).toStringList();
    for (const QString &a : addresses)
        m_lastResults.insert(a, isFailing(status) ? RunStatus::Failed : RunStatus::Passed);
    if (!addresses.isEmpty())
        Q_EMIT lastResultsChanged();
}

void RunController::onRunFinished()
{
    const Outcome out = m_watcher->result();
    // This may run inside the watcher's own signal: delete it later, not here.
    QFutureWatcher<Outcome> *finished = m_watcher.release();
    finished->setParent(this);
    finished->deleteLater();
    // Entries the engine never reported (missing lint tools) get their final state.
    for (size_t i = 0; i < out.result.processes.size(); ++i) {
        const RunStatus shown = RunStatus(m_model->indexForProcess(int(i)).data(RunResultModel::StatusRole).toInt());
        if (shown == RunStatus::Queued || shown == RunStatus::Running)
            m_model->onProcessFinished(int(i), std::make_shared<const goals::TestProcessResult>(out.result.processes[i]));
    }
    m_model->finishRun(out.result.cancelled || m_cancel.isCancelled(), out.record.durationMs);
    m_runSnapshot.reset();
    if (!out.error.isEmpty())
        Q_EMIT errorOccurred(out.error);
    else if (!out.result.diagnostics.empty())
        Q_EMIT errorOccurred(formatDiagnostics(out.result.diagnostics));
    else if (out.result.processes.empty() && out.goal == GoalKind::Test)
        Q_EMIT errorOccurred(Tr::tr("No test targets were matched."));
    else if (out.result.processes.empty())
        Q_EMIT errorOccurred(Tr::tr("Nothing to run for %1: no matching targets, or no tool for it is configured in pants.toml.")
                                 .arg(goalName(out.goal)));
    if (!out.saveError.isEmpty())
        Q_EMIT errorOccurred(Tr::tr("The run could not be saved in the history: %1").arg(out.saveError));
    if (!out.history.empty()) {
        m_history = out.history;
        updateLastResults();
        Q_EMIT historyChanged();
    }
    Q_EMIT runFinished(out.result.cancelled || m_cancel.isCancelled());
}

void RunController::cancel()
{
    if (isRunning())
        m_cancel.cancel();
}

void RunController::waitForIdle()
{
    if (!m_watcher)
        return;
    m_watcher->waitForFinished();
    // Deliver the queued events and the finished signal now.
    QCoreApplication::sendPostedEvents();
    if (m_watcher)
        onRunFinished();
}

bool RunController::canRerunFailed() const { return !isRunning() && !m_model->failedAddresses().isEmpty(); }

bool RunController::rerunFailed()
{
    const QStringList failed = m_model->failedAddresses();
    if (failed.isEmpty()) {
        Q_EMIT errorOccurred(Tr::tr("No failed targets to run again."));
        return false;
    }
    return start({m_shownGoal, failed, QString(), false});
}

void RunController::showRecord(const QString &id)
{
    if (isRunning())
        return;
    for (const goals::RunRecord &r : m_history) {
        if (qs(r.id) != id)
            continue;
        const QString when = QDateTime::fromMSecsSinceEpoch(r.startedMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        QStringList specs;
        for (const std::string &s : r.specs)
            specs << qs(s);
        m_shownGoal = r.goal == "lint" ? GoalKind::Lint : r.goal == "fmt" ? GoalKind::Fmt : r.goal == "check" ? GoalKind::Check : GoalKind::Test;
        m_model->showRecord(r, Tr::tr("%1 %2 (%3)").arg(qs(r.goal), specs.join(QLatin1Char(' ')), when));
        return;
    }
}

void RunController::removeRecord(const QString &id)
{
    if (!m_snapshot)
        return;
    goals::RunHistory(goals::RunHistory::directoryFor(m_snapshot->rootPath.toStdString())).remove(id.toStdString());
    m_history.erase(std::remove_if(m_history.begin(), m_history.end(), [&](const goals::RunRecord &r) { return qs(r.id) == id; }),
                    m_history.end());
    updateLastResults();
    Q_EMIT historyChanged();
}

void handleTerminationSignals(std::function<void(int signal)> action)
{
    terminationAction() = std::move(action);
    if (g_signalPipe[0] >= 0)
        return;
    if (::pipe2(g_signalPipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        g_signalPipe[0] = g_signalPipe[1] = -1;
        return;
    }
    auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, QCoreApplication::instance());
    QObject::connect(notifier, &QSocketNotifier::activated, notifier, [] {
        unsigned char byte = 0;
        while (::read(g_signalPipe[0], &byte, 1) == 1)
            if (terminationAction())
                terminationAction()(int(byte));
    });
    struct sigaction sa {};
    sa.sa_handler = onTerminationSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    for (int sig : {SIGINT, SIGTERM, SIGHUP})
        ::sigaction(sig, &sa, nullptr);
}

} // namespace trellis::ui
