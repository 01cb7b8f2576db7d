#include "ui/run/runcontroller.h"

#include "ui/appsettings.h"
#include "ui/run/runobserver.h"
#include "ui/run/runresultmodel.h"
#include "ui/uitr.h"

#include "core/base/paths.h"
#include "core/base/workerpool.h"
#include "core/run/runservice.h"
#include "core/workspace/workspace.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QSocketNotifier>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <iterator>
#include <set>
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

run::Goal toRunGoal(GoalKind goal)
{
    switch (goal) {
    case GoalKind::Test: return run::Goal::Test;
    case GoalKind::Lint: return run::Goal::Lint;
    case GoalKind::Fmt: return run::Goal::Fmt;
    case GoalKind::Check: return run::Goal::Check;
    }
    return run::Goal::Test;
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
    return QString::fromLatin1(run::goalName(toRunGoal(goal)));
}

RunController::RunController(QObject *parent)
    : QObject(parent)
    , m_model(new RunResultModel(this))
    , m_observer(new RunObserver(this))
{
    connect(m_observer, &RunObserver::planReady, this, &RunController::onPlanned);
    connect(m_observer, &RunObserver::warningRaised, this, &RunController::errorOccurred);
    connect(m_observer, &RunObserver::environmentStepped, this, &RunController::environmentStep);
    connect(m_observer, &RunObserver::environmentArtifactReady, this, &RunController::environmentArtifact);
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
    m_historyWatcher->setFuture(QtConcurrent::run(base::workerPool(), [dir] { return goals::RunHistory(dir).load(); }));
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
        settings.sandbox = app.testSandbox();
        settings.pythonEnv = run::pythonEnvModeFromName(app.pythonEnvMode().toStdString()).value_or(run::PythonEnvMode::Auto);
        settings.cacheDir = app.effectiveCacheDir() + QStringLiteral("/results");
        settings.cacheBytes = app.cacheSizeLimitMiB() > 0 ? qint64(app.cacheSizeLimitMiB()) << 20 : std::numeric_limits<qint64>::max();
    }

    m_cancel = base::CancelToken();
    m_runSnapshot = m_snapshot;
    m_shownGoal = spec.goal;
    const QString title = titleFor(spec);

    // Everything the CLI reads goes into the same request: the core run service selects
    // (with [changed].dependents), caches (local and the configured remote) and records.
    run::RunRequest request;
    request.goal = toRunGoal(spec.goal);
    request.graph = m_snapshot->graph;
    if (!spec.changedSince.isEmpty())
        request.selection.changedSince = spec.changedSince.toStdString();
    else
        for (const QString &s : spec.specs)
            request.selection.specs.push_back(s.toStdString());
    request.jobs = settings.jobs;
    request.force = spec.force;
    request.python = settings.python.toStdString();
    request.sandbox = settings.sandbox && m_snapshot->graph->workspace()->options().boolean("trellis", "sandbox", true);
    request.pythonEnv = settings.pythonEnv;
    request.environment = base::processEnvironment();
    request.useCache = !settings.cacheDir.isEmpty();
    request.cacheDir = settings.cacheDir.toStdString();
    request.cacheBytes = settings.cacheBytes;
    request.trust = askTrustIfNeeded(request.environment);
    request.cancel = m_cancel;
    m_pendingTitle = title;
    m_pendingGoal = spec.goal;
    m_model->beginRun(title);
    if (spec.goal != GoalKind::Test || !m_scalePrompt || settings.confirmAbove <= 0) {
        launch(request);
        Q_EMIT runStarted(title);
        return true;
    }
    // Tests: select and plan first (on a worker), and ask before starting more processes
    // than the threshold.
    m_confirmAbove = settings.confirmAbove;
    m_planWatcher = std::make_unique<QFutureWatcher<PlanOutcome>>();
    connect(m_planWatcher.get(), &QFutureWatcherBase::finished, this, &RunController::onPlanOutcome);
    m_planWatcher->setFuture(QtConcurrent::run(base::workerPool(), [request]() {
        PlanOutcome out;
        out.request = request;
        auto graph = request.graph;
        base::Result<run::Selection> s =
            run::selectTargets(*graph->workspace(), [graph] { return graph; }, request.selection);
        if (!s) {
            out.error = formatDiagnostics(s.diagnostics());
            return out;
        }
        base::Diagnostics ignored;
        out.plan = run::planGoal(request, s->targets, ignored);
        out.request.selected = std::move(*s);
        return out;
    }));
    Q_EMIT runStarted(title);
    return true;
}

void RunController::onPlanOutcome()
{
    PlanOutcome out = m_planWatcher->result();
    QFutureWatcher<PlanOutcome> *done = m_planWatcher.release();
    done->setParent(this);
    done->deleteLater();
    auto notStarted = [this](const QString &message) {
        m_model->finishRun(true, 0);
        m_runSnapshot.reset();
        Q_EMIT errorOccurred(message);
        Q_EMIT runFinished(true);
    };
    if (!out.error.isEmpty()) {
        notStarted(out.error);
        return;
    }
    const int count = int(out.plan.processes.size());
    if (count > m_confirmAbove && m_scalePrompt && !m_cancel.isCancelled()) {
        qint64 estimateMs = 0;
        for (const goals::TestProcessResult &p : out.plan.processes)
            if (auto it = m_estimates.find(p.description); it != m_estimates.end())
                estimateMs += it->second;
        estimateMs /= qMax(1, effectiveJobs());
        switch (m_scalePrompt(count, estimateMs, m_confirmAbove)) {
        case ScaleChoice::Cancel:
            notStarted(Tr::tr("The run was not started."));
            return;
        case ScaleChoice::RunFewer:
            out.request.selected->targets = fewerTargets(out.plan, *out.request.selected, m_confirmAbove);
            break;
        case ScaleChoice::RunAll:
            out.request.plan = std::make_shared<const run::RunPlan>(std::move(out.plan));
            break;
        }
    } else if (m_cancel.isCancelled()) {
        notStarted(Tr::tr("The run was cancelled before it started."));
        return;
    } else {
        out.request.plan = std::make_shared<const run::RunPlan>(std::move(out.plan)); // planned once
    }
    launch(out.request);
}

std::vector<int> RunController::fewerTargets(const run::RunPlan &plan, const run::Selection &selection, int limit) const
{
    // Failed last time first, then processes that cover a changed file's owner, then the
    // rest in plan order.
    std::set<int> owners;
    if (selection.changed)
        owners.insert(selection.changed->owners.begin(), selection.changed->owners.end());
    auto rank = [&](size_t i) {
        for (const std::string &address : plan.labels[i])
            if (m_lastResults.value(qs(address), RunStatus::Passed) == RunStatus::Failed)
                return 0;
        for (int t : plan.processes[i].targets)
            if (owners.count(t))
                return 1;
        return 2;
    };
    std::vector<size_t> order(plan.processes.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return rank(a) < rank(b); });
    std::set<int> kept;
    for (size_t k = 0; k < order.size() && int(k) < limit; ++k)
        kept.insert(plan.processes[order[k]].targets.begin(), plan.processes[order[k]].targets.end());
    return std::vector<int>(kept.begin(), kept.end());
}

void RunController::launch(const run::RunRequest &request)
{
    RunObserver *observer = m_observer;
    if (m_downloadPrompt)
        observer->setDownloadPrompt(
            [this](const QString &resolve, const QStringList &hosts) {
                // "https://host (N)": the host is what is remembered.
                QStringList names;
                for (const QString &h : hosts)
                    names << h.section(QLatin1Char(' '), 0, 0);
                if (std::all_of(names.begin(), names.end(), [&](const QString &n) { return m_allowedHosts.contains(n); }))
                    return true;
                if (!m_downloadPrompt(resolve, hosts))
                    return false;
                for (const QString &n : names)
                    m_allowedHosts.insert(n);
                return true;
            },
            m_cancel);
    else
        observer->setDownloadPrompt({}, m_cancel);
    const SnapshotPtr snapshot = m_runSnapshot; // keeps the graph alive for the run
    m_watcher = std::make_unique<QFutureWatcher<Outcome>>();
    connect(m_watcher.get(), &QFutureWatcherBase::finished, this, &RunController::onRunFinished);
    m_watcher->setFuture(QtConcurrent::run(base::workerPool(), [request, observer, snapshot, goal = m_pendingGoal]() {
        Outcome out;
        out.goal = goal;
        run::RunOutcome ran = run::runGoal(request, observer);
        out.result = std::move(ran.result);
        if (!ran.selection)
            out.error = formatDiagnostics(ran.diagnostics);
        out.cancelled = ran.cancelled;
        if (ran.recorded)
            out.history = goals::RunHistory(goals::RunHistory::directoryFor(snapshot->rootPath.toStdString())).load();
        out.durationMs = ran.record.durationMs;
        return out;
    }));
}

run::TrustNow RunController::askTrustIfNeeded(const std::map<std::string, std::string> &environment)
{
    const run::TrustNow fromEnvironment = run::trustFromEnvironment(environment, false);
    if (fromEnvironment != run::TrustNow::No || !m_trustPrompt || !m_snapshot || !m_snapshot->workspace)
        return fromEnvironment;
    const workspace::Options &opts = m_snapshot->workspace->options();
    const run::RemoteCacheSources sources = run::remoteCacheSources(opts, environment);
    const auto request = run::repositoryTrustRequest(opts.buildRoot(), sources.repository);
    if (!request || m_declinedTrust.contains(QString::fromStdString(request->root + " " + request->digest)))
        return run::TrustNow::No;
    // The prompt records the trust itself; a "no" is not asked again in this session.
    if (!m_trustPrompt(*request))
        m_declinedTrust.insert(QString::fromStdString(request->root + " " + request->digest));
    return run::TrustNow::No;
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
    m_model->finishRun(out.cancelled || m_cancel.isCancelled(), out.durationMs);
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
    if (!out.history.empty()) {
        m_history = out.history;
        updateLastResults();
        Q_EMIT historyChanged();
    }
    Q_EMIT runFinished(out.cancelled || m_cancel.isCancelled());
}

void RunController::cancel()
{
    if (isRunning())
        m_cancel.cancel();
}

bool RunController::isRunning() const { return m_watcher != nullptr || m_planWatcher != nullptr; }

void RunController::waitForIdle()
{
    if (m_planWatcher) {
        m_planWatcher->waitForFinished();
        QCoreApplication::sendPostedEvents();
        if (m_planWatcher)
            onPlanOutcome();
    }
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
