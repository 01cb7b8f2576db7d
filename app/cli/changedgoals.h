// The `changed` goal: what a change touches and why. Prints the targets affected by the
// files changed since a base ref (Pants' --changed-since / --changed-diffspec, with
// [changed].dependents), and with --why the chain that makes each one affected:
// changed file → owner → dependent → …, each step with its import or BUILD line. The
// GUI's Changed view shows the same core::changed::explainChanged result.
//
//   trellis changed --since=main --dependents=transitive --why
//   trellis --changed-since=HEAD~1 changed --files --format=json
#pragma once

#include "app/cli/goal.h"
#include "core/changed/changedexplanation.h"

#include <string>

namespace trellis::cli {

/// Adds `changed` to the registry.
void registerChangedGoals(GoalRegistry &registry);

/// One step of a chain as `changed --why` prints it, e.g. `src/a/x.py imports b.y
/// (src/a/x.py:2)`; `file` is the changed file (first step only).
std::string describeStep(const graph::TargetGraph &graph, const changed::ChangedExplanation &e,
                         const changed::AffectedTarget &target, size_t step);

} // namespace trellis::cli
