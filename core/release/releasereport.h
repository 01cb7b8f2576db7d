// Text and JSON renderings of release status and plans, shared by the CLI (and usable by
// the GUI for copy-to-clipboard).
//
//   std::cout << formatStatusText(*status);
//   std::cout << formatStatusJson(*status);
#pragma once

#include "core/release/releaseplan.h"
#include "core/release/releasestatus.h"

#include <string>

namespace trellis::release {

/// Readable status: version, tag, branch, fragments by type, distributions, checklist
/// with ✓/✕/? marks.
std::string formatStatusText(const ReleaseStatus &status);
/// The same facts as one JSON object (indented, trailing newline).
std::string formatStatusJson(const ReleaseStatus &status);
/// The plan: files, changelog section preview (diffs), commit and tag.
std::string formatPlanText(const ReleasePlan &plan);
/// What execution did, or what failed and what was restored.
std::string formatExecutionReport(const ExecutionReport &report);

} // namespace trellis::release
