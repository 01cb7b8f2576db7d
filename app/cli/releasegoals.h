// The `release` goal: `trellis release status|changelog|prepare|undo` over core/release
// (VERSION, towncrier fragments, the release commit and tag).
#pragma once

#include "app/cli/goal.h"

namespace trellis::cli {

/// Adds `release` to the registry.
void registerReleaseGoals(GoalRegistry &registry);

} // namespace trellis::cli
