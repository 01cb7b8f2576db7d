// The `lockfile-diff` goal: Pants' `generate-lockfiles --diff` report for two revisions of
// each lockfile (default HEAD against the working tree).
#pragma once

#include "app/cli/goal.h"

namespace trellis::cli {

/// Adds `lockfile-diff` to the registry.
void registerLockfileGoals(GoalRegistry &registry);

} // namespace trellis::cli
