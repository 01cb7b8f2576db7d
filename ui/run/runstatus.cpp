#include "ui/run/runstatus.h"

#include "ui/uitr.h"

#include "core/run/runservice.h"

namespace trellis::ui {

QString runStatusText(RunStatus status)
{
    switch (status) {
    case RunStatus::Queued: return Tr::tr("queued");
    case RunStatus::Running: return Tr::tr("running");
    case RunStatus::Passed: return Tr::tr("passed");
    case RunStatus::Failed: return Tr::tr("failed");
    case RunStatus::Error: return Tr::tr("error");
    case RunStatus::Skipped: return Tr::tr("skipped");
    case RunStatus::Flaky: return Tr::tr("flaky");
    case RunStatus::TimedOut: return Tr::tr("timed out");
    case RunStatus::Cached: return Tr::tr("cached");
    case RunStatus::Cancelled: return Tr::tr("cancelled");
    }
    return {};
}

bool isFailing(RunStatus status)
{
    return status == RunStatus::Failed || status == RunStatus::Error || status == RunStatus::TimedOut;
}

RunStatus processStatus(const goals::TestProcessResult &result)
{
    switch (result.status) {
    case engine::TaskStatus::Queued: return RunStatus::Queued;
    case engine::TaskStatus::Running: return RunStatus::Running;
    case engine::TaskStatus::Succeeded:
        if (result.cached)
            return RunStatus::Cached;
        return result.flaky ? RunStatus::Flaky : RunStatus::Passed;
    case engine::TaskStatus::Failed:
        if (result.timedOut)
            return RunStatus::TimedOut;
        return result.error.empty() ? RunStatus::Failed : RunStatus::Error;
    case engine::TaskStatus::Cancelled: return RunStatus::Cancelled;
    case engine::TaskStatus::Skipped: return RunStatus::Skipped;
    }
    return RunStatus::Queued;
}

RunStatus caseStatus(goals::TestCaseStatus status)
{
    switch (status) {
    case goals::TestCaseStatus::Passed: return RunStatus::Passed;
    case goals::TestCaseStatus::Failed: return RunStatus::Failed;
    case goals::TestCaseStatus::Error: return RunStatus::Error;
    case goals::TestCaseStatus::Skipped: return RunStatus::Skipped;
    }
    return RunStatus::Passed;
}

goals::TestProcessResult toProcessResult(const goals::LintProcessResult &lint)
{
    goals::TestProcessResult r = run::asProcessResult(lint);
    if (!lint.changedFiles.empty()) {
        r.output += Tr::tr("%1 made changes to:").arg(QString::fromStdString(lint.tool)).toStdString() + "\n";
        for (const std::string &f : lint.changedFiles)
            r.output += "  " + f + "\n";
    }
    return r;
}

} // namespace trellis::ui
