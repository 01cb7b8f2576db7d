#include "ui/run/runobserver.h"

namespace trellis::ui {

RunObserver::RunObserver(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<ProcessResultPtr>();
    qRegisterMetaType<std::shared_ptr<const PlannedRun>>();
}

void RunObserver::reportPlan(const PlannedRun &plan)
{
    {
        std::lock_guard lock(m_mutex);
        m_decoders.clear();
    }
    Q_EMIT planReady(std::make_shared<const PlannedRun>(plan));
}

void RunObserver::planned(const run::RunPlan &plan)
{
    PlannedRun shown;
    shown.processes = plan.processes;
    for (const std::vector<std::string> &labels : plan.labels) {
        QStringList list;
        for (const std::string &l : labels)
            list << QString::fromStdString(l);
        shown.labels.push_back(list);
    }
    reportPlan(shown);
}

void RunObserver::warning(const std::string &warning) { Q_EMIT warningRaised(QString::fromStdString(warning)); }

void RunObserver::environmentStep(const std::string &step) { Q_EMIT environmentStepped(QString::fromStdString(step)); }

void RunObserver::environmentArtifact(const std::string &resolve, const std::string &what, int index, int total,
                                      std::int64_t bytes)
{
    Q_EMIT environmentArtifactReady(QString::fromStdString(resolve), QString::fromStdString(what), index, total, qint64(bytes));
}

void RunObserver::taskQueued(int, const std::string &)
{
    // The plan reported before the run already lists every process.
}

void RunObserver::taskStarted(int taskId, int, int attempt) { Q_EMIT processStarted(taskId, attempt); }

void RunObserver::taskOutput(int taskId, engine::Stream, std::string_view chunk)
{
    QString text;
    {
        std::lock_guard lock(m_mutex);
        auto it = m_decoders.find(taskId);
        if (it == m_decoders.end())
            it = m_decoders.emplace(taskId, QStringDecoder(QStringDecoder::Utf8)).first;
        text = it->second.decode(QByteArrayView(chunk.data(), qsizetype(chunk.size())));
    }
    if (!text.isEmpty())
        Q_EMIT processOutput(taskId, text);
}

void RunObserver::taskFinished(int taskId, const engine::TaskOutcome &outcome)
{
    auto result = std::make_shared<goals::TestProcessResult>();
    if (outcome.payload.has_value()) {
        if (const auto *r = std::any_cast<goals::TestProcessResult>(&outcome.payload))
            *result = *r;
        else if (const auto *lint = std::any_cast<goals::LintProcessResult>(&outcome.payload))
            *result = toProcessResult(*lint);
    }
    result->status = outcome.status;
    result->cached = outcome.cached;
    result->flaky = outcome.flaky;
    result->attempts = outcome.attempts;
    if (outcome.durationMs > 0)
        result->durationMs = outcome.durationMs;
    Q_EMIT processFinished(taskId, result);
}

} // namespace trellis::ui
