// The `test` goal on the command line: runs goals::runTests with a line-printing
// observer, Ctrl-C cancellation and Pants' summary.
#pragma once

#include "core/cli/goal.h"

namespace trellis::cli {

void registerTestGoals(GoalRegistry &registry);

} // namespace trellis::cli
