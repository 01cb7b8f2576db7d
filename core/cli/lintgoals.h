// The `lint`, `fmt`, `fix` and `check` goals on the command line: run goals::runLint with
// a line-printing observer, Ctrl-C cancellation, one message per missing tool, the files
// fmt/fix changed and Pants' summary (spec §9).
#pragma once

#include "core/cli/goal.h"

namespace trellis::cli {

/// Adds `lint`, `fmt`, `fix` and `check`.
void registerLintGoals(GoalRegistry &registry);

} // namespace trellis::cli
