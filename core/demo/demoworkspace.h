// The demo workspace: "Orchard", a small Pants-style monorepo shipped inside Trellis, turned
// into a real git repository so that every feature (graph, changed-since, tests, lockfile
// diff, release status) has something to show.
//
//   Result<std::string> path = demo::materializeDemo(demo::defaultDemoPath(), /*overwrite=*/true);
//   if (!path) { for (auto &d : path.diagnostics()) print(d.format()); return; }
//   openWorkspace(*path);
//
// The HEAD tree is exactly resources/demo. Older commits are derived backwards from it: each
// history step overlays the older file versions kept in resources/demo-history/<NN>/ and
// drops the files that did not exist yet. Authors, dates and messages are fixed, so the
// commit ids are the same on every machine and every run.
#pragma once

#include "core/base/result.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace trellis::demo {

/// Name of the marker file at the root of a materialized demo (excluded via .git/info/exclude).
/// Only folders carrying it are ever deleted by materializeDemo().
inline constexpr char kDemoMarker[] = ".trellis-demo";
inline constexpr char kDemoAuthorName[] = "Orchard Dev";
inline constexpr char kDemoAuthorEmail[] = "dev@orchard.invalid";
inline constexpr char kDemoBranch[] = "main";

/// One commit of the demo history.
struct DemoCommit {
    /// Full commit message, ending with a newline.
    std::string message;
    /// Author and committer time, seconds since the epoch.
    std::int64_t time = 0;
    /// Offset of the author's time zone from UTC in minutes.
    int offsetMinutes = 0;
    /// Annotated tag pointing at this commit; empty = none.
    std::string tag;
    /// Message of the annotated tag, ending with a newline.
    std::string tagMessage;
};

/// A file tree: buildroot-relative path -> file content.
using DemoTree = std::map<std::string, std::string>;

/// The commits of the demo repository, oldest first; the last one is HEAD.
const std::vector<DemoCommit> &demoHistory();

/// The tree of demoHistory()[index]; fails only when the embedded resources are broken.
base::Result<DemoTree> demoTreeAt(std::size_t index);

/// Whether a tree entry is stored with the executable bit (shell scripts).
bool isExecutablePath(const std::string &path);

/// Where the GUI and CLI put the demo: dataDir()/demo-workspace.
std::string defaultDemoPath();

/// Whether `dir` was created by materializeDemo() (it carries kDemoMarker).
bool isDemoWorkspace(const std::string &dir);

/// Writes the demo repository to `targetDir` and returns its absolute path. An absent or
/// empty folder is filled; an existing demo is deleted and re-created when `overwrite` is
/// set; any other non-empty folder is refused. The repository is built next to the target
/// and renamed into place, so a failure leaves no half-written demo behind.
base::Result<std::string> materializeDemo(const std::string &targetDir = defaultDemoPath(),
                                          bool overwrite = false);

} // namespace trellis::demo
