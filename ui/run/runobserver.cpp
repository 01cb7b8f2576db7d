#include "ui/run/runobserver.h"

#include <QThread>

#include <chrono>
#include <future>

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

void RunObserver::setDownloadPrompt(DownloadPrompt prompt, base::CancelToken cancel)
{
    std::lock_guard lock(m_mutex);
    m_downloadPrompt = std::move(prompt);
    m_cancel = std::move(cancel);
}

bool RunObserver::allowDownloads(const std::string &resolve, const std::vector<std::pair<std::string, int>> &hosts)
{
    DownloadPrompt prompt;
    base::CancelToken cancel;
    {
        std::lock_guard lock(m_mutex);
        prompt = m_downloadPrompt;
        cancel = m_cancel;
    }
    if (!prompt)
        return true;
    QStringList list;
    for (const auto &[host, files] : hosts)
        list << QStringLiteral("%1 (%2)").arg(QString::fromStdString(host)).arg(files);
    const QString name = QString::fromStdString(resolve);
    if (QThread::currentThread() == thread())
        return prompt(name, list);
    // The worker waits for the answer, but never past a cancel: a window closing while
    // the question is queued must not wait for a worker waiting for it.
    auto answer = std::make_shared<std::promise<bool>>();
    std::future<bool> future = answer->get_future();
    QMetaObject::invokeMethod(
        this, [prompt, answer, name, list] { answer->set_value(prompt(name, list)); }, Qt::QueuedConnection);
    while (future.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready)
        if (cancel.isCancelled())
            return false;
    return future.get();
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
