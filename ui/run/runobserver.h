// RunObserver: the GUI's observer of the core run service (run::RunObserver). The service
// calls it from worker threads; it re-emits every event as a queued signal so that models
// are only touched on the UI thread (the Qt Creator TestOutputReader shape).
//
//   RunObserver observer;                                   // lives on the UI thread
//   connect(&observer, &RunObserver::processFinished, model, &RunResultModel::onProcessFinished);
//   QtConcurrent::run([&] { run::runGoal(request, &observer); });
#pragma once

#include "ui/run/runstatus.h"

#include "core/run/runservice.h"

#include <QObject>
#include <QStringList>
#include <QStringDecoder>

#include <functional>
#include <map>
#include <mutex>
#include <vector>

namespace trellis::ui {

/// The processes a run will start, each with the addresses (test) or files (lint) it covers.
struct PlannedRun {
    std::vector<goals::TestProcessResult> processes;
    std::vector<QStringList> labels;
};

class RunObserver : public QObject, public run::RunObserver {
    Q_OBJECT
public:
    explicit RunObserver(QObject *parent = nullptr);

    /// Called by the worker once the plan is known, before anything runs.
    void reportPlan(const PlannedRun &plan);

    void planned(const run::RunPlan &plan) override;
    void warning(const std::string &warning) override;
    void environmentStep(const std::string &step) override;
    void environmentArtifact(const std::string &resolve, const std::string &what, int index, int total,
                             std::int64_t bytes) override;
    /// Asks `prompt` on the observer's (UI) thread and waits for the answer; a cancelled
    /// run stops waiting (declined). Without a prompt every download is allowed.
    bool allowDownloads(const std::string &resolve, const std::vector<std::pair<std::string, int>> &hosts) override;

    /// The question allowDownloads() asks (on the UI thread): the resolve and "host (N files)".
    using DownloadPrompt = std::function<bool(const QString &resolve, const QStringList &hosts)>;
    void setDownloadPrompt(DownloadPrompt prompt, base::CancelToken cancel);

    void taskQueued(int taskId, const std::string &description) override;
    void taskStarted(int taskId, int slot, int attempt) override;
    void taskOutput(int taskId, engine::Stream stream, std::string_view chunk) override;
    void taskFinished(int taskId, const engine::TaskOutcome &outcome) override;

Q_SIGNALS:
    void planReady(std::shared_ptr<const trellis::ui::PlannedRun> plan);
    void warningRaised(const QString &warning);
    void environmentStepped(const QString &step);
    void environmentArtifactReady(const QString &resolve, const QString &what, int index, int total, qint64 bytes);
    void processStarted(int taskId, int attempt);
    void processOutput(int taskId, const QString &text);
    void processFinished(int taskId, trellis::ui::ProcessResultPtr result);

private:
    std::mutex m_mutex;                            ///< guards m_decoders, m_downloadPrompt, m_cancel
    DownloadPrompt m_downloadPrompt;
    base::CancelToken m_cancel;
    std::map<int, QStringDecoder> m_decoders;      ///< per task: UTF-8 split across chunks
};

} // namespace trellis::ui

Q_DECLARE_METATYPE(std::shared_ptr<const trellis::ui::PlannedRun>)
