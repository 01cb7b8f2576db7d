// The introspection goals that need only a loaded workspace: `list`, `filter` (the
// deprecated alias of `list --filter-*`) and `peek` (spec §6.1, §3.3, §6.4).
#pragma once

#include "app/cli/goal.h"

#include <functional>

namespace trellis::cli {

/// Supplies the `dependencies` of a target for `peek` (expanded, Address order). The
/// graph module passes one that includes inferred dependencies; without it, peek shows
/// explicit dependencies and generated targets, expanded (spec §6 expansion rule).
using PeekDependencies = std::function<std::vector<workspace::Address>(GoalContext &, int target)>;

void registerIntrospectionGoals(GoalRegistry &registry, PeekDependencies dependencies = {});

/// Explicit dependencies of a target (plus a generator's generated targets), with
/// generators expanded to their generated targets, `!` exclusions applied, Address order.
std::vector<workspace::Address> explicitDependencies(const workspace::Workspace &ws, int target);

/// Renders a value as Pants' peek does (2-space indented JSON at `indent`).
std::string toJson(const workspace::HostValue &value, int indent);

} // namespace trellis::cli
