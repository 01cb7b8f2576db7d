// RunResultModel: one run as a tree — the run, its test processes (one per target or
// batch), and their test cases — fed one event at a time on the UI thread while the run
// streams in, or filled at once from a run record of the history.
//
//   RunResultModel model;
//   model.beginRun(Tr::tr("Test src/app::"));
//   model.setPlan(plan, estimates);                  // processes appear as "queued"
//   model.onProcessStarted(0, 1);
//   model.onProcessFinished(0, result);              // then its test cases, one by one
//   model.finishRun(false, 3200);
#pragma once

#include "ui/run/runstatus.h"
#include "ui/workspacesnapshot.h"

#include "core/goals/runhistory.h"

#include <QAbstractItemModel>
#include <QElapsedTimer>

#include <map>
#include <memory>
#include <vector>

namespace trellis::ui {

class RunResultModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { NameColumn, StatusColumn, DurationColumn, ColumnCount };
    enum class Kind { Run, Process, Case };
    enum Role {
        KindRole = Qt::UserRole + 1, ///< int(Kind)
        StatusRole,                  ///< int(RunStatus)
        DurationRole,                ///< qint64 ms; -1 when unknown (sorting)
        ProcessIdRole,               ///< task id of the process (processes and cases)
        MessageRole,                 ///< cases: failure message
        DetailsRole,                 ///< cases: traceback / report text
        FileRole,                    ///< cases: test file (buildroot-relative)
        LineRole,                    ///< cases: 1-based line, 0 unknown
        AddressesRole,               ///< processes: QStringList of target addresses
    };

    explicit RunResultModel(QObject *parent = nullptr);
    ~RunResultModel() override;

    /// Clears the model and shows a new, running run called `title`.
    void beginRun(const QString &title);
    /// Adds the planned processes (queued). `estimatesMs` maps a description to its
    /// duration in an earlier run; `addresses` holds each process's target addresses.
    void setPlan(const std::vector<goals::TestProcessResult> &plan, const std::vector<QStringList> &addresses,
                 const std::map<std::string, std::int64_t> &estimatesMs);
    void onProcessStarted(int processId, int attempt);
    void onProcessOutput(int processId, const QString &text);
    void onProcessFinished(int processId, const trellis::ui::ProcessResultPtr &result);
    /// Marks the run finished; processes still queued or running become cancelled.
    void finishRun(bool cancelled, qint64 durationMs);
    /// Shows a past run from the history.
    void showRecord(const goals::RunRecord &record, const QString &title);
    void clear();

    bool isRunning() const;
    RunCounts counts() const;
    /// Milliseconds the unfinished processes should still need according to earlier
    /// runs, spread over `jobs` workers; -1 when nothing is known.
    qint64 estimatedRemainingMs(int jobs) const;
    /// Addresses of every target whose process failed, sorted.
    QStringList failedAddresses() const;
    QString processOutput(int processId) const;
    QModelIndex runIndex() const;
    QModelIndex indexForProcess(int processId) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    /// Text was appended to a process's output (live output view).
    void outputAppended(int processId, const QString &text);
    /// Any process changed state (progress row).
    void countsChanged();

private:
    struct Node {
        Kind kind = Kind::Run;
        QString name;
        RunStatus status = RunStatus::Queued;
        qint64 durationMs = -1;      ///< -1 = not finished / unknown
        qint64 estimateMs = -1;      ///< processes: duration in an earlier run, -1 unknown
        int processId = -1;
        int attempt = 0;
        QStringList addresses;       ///< processes
        QString output;              ///< processes
        QString error;               ///< processes: why it could not start
        goals::TestCase testCase;    ///< cases
        QElapsedTimer started;       ///< processes while running
        Node *parent = nullptr;      // not owned
        int row = 0;
        std::vector<std::unique_ptr<Node>> children;
    };

    Node *nodeFor(const QModelIndex &index) const;
    QModelIndex indexForNode(const Node *node, int column = 0) const;
    Node *processNode(int processId) const;
    void addProcess(Node *run, const goals::TestProcessResult &planned, const QStringList &addresses, qint64 estimateMs);
    void applyResult(Node *process, const goals::TestProcessResult &result);
    void emitRowChanged(const Node *node);

    std::unique_ptr<Node> m_root;   ///< invisible; holds at most one run node
    bool m_running = false;
    QElapsedTimer m_runClock;
};

} // namespace trellis::ui
