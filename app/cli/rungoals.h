// The goals that run processes: test, lint, fmt, fix and check. Each is a thin observer
// of the core run service (core/run/runservice.h): it turns flags into a RunRequest,
// prints the service's events as Pants does, and prints the summary.
#pragma once

#include "app/cli/goal.h"

namespace trellis::cli {

void registerRunGoals(GoalRegistry &registry);

} // namespace trellis::cli
