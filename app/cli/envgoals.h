// The `env` goal: Python environments built from the repository's lockfiles (core/pyenv).
//   trellis env build [--resolve=NAME] [--python=PATH]   build (or reuse) and print the path
//   trellis env list                                      the environments in the cache
#pragma once

#include "app/cli/goal.h"

namespace trellis::cli {

/// Adds `env` to the registry.
void registerEnvGoals(GoalRegistry &registry);

} // namespace trellis::cli
