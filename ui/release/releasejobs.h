// Release jobs for the GUI: the core release calls (status, plan, execute, undo) packaged
// as plain values so they can run on a worker thread through QtConcurrent and come back
// to the UI thread through a QFutureWatcher. No release logic lives here.
//
//   auto *w = new QFutureWatcher<StatusJob>(this);
//   connect(w, &QFutureWatcher<StatusJob>::finished, this, [w] { use(w->result()); });
//   w->setFuture(QtConcurrent::run(computeStatusJob, root, workspace, reviewed));
#pragma once

#include "core/release/releaseplan.h"

#include <QString>

#include <memory>
#include <optional>

namespace trellis::ui {

/// The Release view's data: the status plus the changelog draft for the next version.
struct StatusJob {
    std::optional<release::ReleaseStatus> status; ///< nullopt when computing failed (see error)
    QString error;
    QString draftVersion;                          ///< the version the draft is titled with
    QString draftFile;                             ///< the changelog file it goes into (changelog_file_pattern)
    QString draft;                                 ///< Markdown/RST exactly as towncrier inserts it
};

/// Computes the status (tests item from the run history, like `trellis release status`).
StatusJob computeStatusJob(const QString &buildRoot, std::shared_ptr<const workspace::Workspace> workspace,
                           bool lockfilesReviewed);

/// A plan or the refusals.
struct PlanJob {
    std::optional<release::ReleasePlan> plan;
    QString error;                   ///< formatted diagnostics when !plan
    base::Diagnostics refusals;      ///< the same, for words of the window (checklisttext.h)
};

PlanJob planJob(const release::PrepareRequest &request);

/// What executing a plan did: the report as text and whether it succeeded.
struct ExecuteJob {
    bool ok = false;
    QString text;    ///< formatExecutionReport
};

ExecuteJob executeJob(const release::ReleasePlan &plan);

/// What undo did, or why it refused.
struct UndoJob {
    std::optional<release::UndoReport> report;
    QString error;   ///< formatted refusals when !report
};

UndoJob undoJob(const QString &buildRoot);

/// Joins formatted diagnostics, one per line.
QString formatDiagnostics(const base::Diagnostics &diagnostics);

} // namespace trellis::ui
