// The graph introspection goals of spec §6: `dependencies`, `dependents` (alias
// `dependees`), `paths`, `roots`, `count-loc` and `graph` (JSON / DOT export). All accept
// `--output-file=PATH` and `--sep=STR` (line-oriented output only).
//
//   GoalRegistry registry;
//   registerGraphGoals(registry);   // called once from cli.cpp
#pragma once

#include "app/cli/goal.h"

#include <string>
#include <string_view>

namespace trellis::cli {

/// Adds the graph goals to `registry`.
void registerGraphGoals(GoalRegistry &registry);

/// Pants' `--sep` value with its escapes decoded (`\n`, `\t`, `\r`, `\\`, `\0`).
std::string decodeSeparator(std::string_view sep);

} // namespace trellis::cli
