// Failures that explain themselves: a test that fails with
// `ModuleNotFoundError: No module named 'X'` is followed by a note naming the requirement
// that provides X (found through the import edges of the test's own dependency closure)
// and what to do about it, or saying that no requirement of the repository provides it.
//
//   r.output += explainMissingModules(graph, process.targets, r.output, interpreterPath);
#pragma once

#include "core/graph/targetgraph.h"

#include <string>
#include <vector>

namespace trellis::goals {

/// The modules named by "ModuleNotFoundError: No module named '...'" lines in `output`,
/// in order of appearance, without repeats.
std::vector<std::string> missingModules(const std::string &output);

/// Notes (one paragraph per missing module, each ending in a newline) for the missing
/// modules of `output`, looked up among the import edges reachable from `roots`; "" when
/// the output names none.
std::string explainMissingModules(const graph::TargetGraph &graph, const std::vector<int> &roots,
                                  const std::string &output, const std::string &interpreter);

} // namespace trellis::goals
