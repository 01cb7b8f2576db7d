// RunStatus: the state of a run, a test process or a test case as the Run panel shows
// it, plus the mapping from core results and the user-facing names.
//
//   RunStatus s = processStatus(result);        // Passed, Cached, Flaky, Failed, TimedOut, ...
//   label->setText(runStatusText(s));
#pragma once

#include "core/goals/junit.h"
#include "core/goals/lintgoal.h"
#include "core/goals/testgoal.h"

#include <QMetaType>
#include <QString>

#include <memory>

namespace trellis::ui {

enum class RunStatus { Queued, Running, Passed, Failed, Error, Skipped, Flaky, TimedOut, Cached, Cancelled };

/// Translated one-word name ("passed", "timed out", ...).
QString runStatusText(RunStatus status);
/// Failed, Error or TimedOut.
bool isFailing(RunStatus status);
/// The status of a finished (or cancelled) test process.
RunStatus processStatus(const goals::TestProcessResult &result);
/// The status of one test case.
RunStatus caseStatus(goals::TestCaseStatus status);

/// A lint/fmt/check process shown like a test process (no test cases; the files it
/// covered and the files it changed are listed in its output).
goals::TestProcessResult toProcessResult(const goals::LintProcessResult &lint);

/// Per-status totals of the processes of a run (what the progress row shows).
struct RunCounts {
    int total = 0;
    int queued = 0;
    int running = 0;
    int passed = 0;    ///< Passed and Flaky
    int failed = 0;    ///< Failed, Error and TimedOut
    int cached = 0;
    int other = 0;     ///< Skipped and Cancelled
    int finished() const { return passed + failed + cached + other; }
};

/// A finished process handed from a worker thread to the UI thread.
using ProcessResultPtr = std::shared_ptr<const goals::TestProcessResult>;

} // namespace trellis::ui

Q_DECLARE_METATYPE(trellis::ui::ProcessResultPtr)
