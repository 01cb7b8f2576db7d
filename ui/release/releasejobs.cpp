#include "ui/release/releasejobs.h"

#include "core/release/changelog.h"
#include "core/release/releasereport.h"
#include "ui/workspacesnapshot.h"

#include <QDate>

namespace trellis::ui {

QString formatDiagnostics(const base::Diagnostics &diagnostics)
{
    QStringList lines;
    for (const base::Diagnostic &d : diagnostics)
        lines << qs(d.format());
    return lines.join(QLatin1Char('\n'));
}

StatusJob computeStatusJob(const QString &buildRoot, std::shared_ptr<const workspace::Workspace> workspace,
                           bool lockfilesReviewed)
{
    using namespace trellis::release;
    StatusJob job;
    StatusRequest req;
    req.buildRoot = buildRoot.toStdString();
    req.workspace = std::move(workspace);
    req.lockfilesReviewed = lockfilesReviewed;
    // The newest recorded test run (CLI or GUI) answers the "tests passed" item.
    req.lastTestRun = [root = req.buildRoot] { return release::lastRecordedTestRun(root); };
    auto st = computeReleaseStatus(req);
    if (!st) {
        job.error = formatDiagnostics(st.diagnostics());
        return job;
    }
    // The draft is titled with the version about to be released: VERSION when it is not
    // released yet, else the first suggestion.
    std::string version;
    if (st->version && !(st->latestTag && st->version->version == st->latestTag->parsed))
        version = st->version->normalized;
    else if (!st->suggestions.empty())
        version = st->suggestions.front().version;
    else if (st->version)
        version = st->version->normalized;
    const std::string date = QDate::currentDate().toString(Qt::ISODate).toStdString();
    const RenderedChangelog rendered = renderChangelog(st->towncrier, st->fragments.allFragments(), {version, date, {}});
    job.draftVersion = qs(version);
    job.draftFile = qs(st->towncrier.filename);
    if (auto parsed = lockfile::Version::parse(version); parsed && req.workspace)
        job.draftFile = qs(changelogFileFor(withConfiguration(req.settings, req.workspace->options()), st->towncrier.filename, *parsed));
    // A template that does not render shows why in place of the draft.
    job.draft = rendered.errors.empty() ? qs(rendered.text) : formatDiagnostics(rendered.errors);
    job.status = std::move(*st);
    return job;
}

PlanJob planJob(const release::PrepareRequest &request)
{
    PlanJob job;
    auto plan = release::planRelease(request);
    if (plan) {
        job.plan = std::move(*plan);
    } else {
        job.error = formatDiagnostics(plan.diagnostics());
        job.refusals = plan.diagnostics();
    }
    return job;
}

ExecuteJob executeJob(const release::ReleasePlan &plan)
{
    release::RealFileSystem disk;
    const release::ExecutionReport report = release::executeRelease(plan, disk);
    return ExecuteJob{report.ok, qs(release::formatExecutionReport(report))};
}

UndoJob undoJob(const QString &buildRoot)
{
    auto r = release::undoLastRelease(buildRoot.toStdString());
    UndoJob job;
    if (r)
        job.report = *r;
    else
        job.error = formatDiagnostics(r.diagnostics());
    return job;
}

} // namespace trellis::ui
