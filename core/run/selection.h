// Which targets a goal runs on: Pants specs, or the targets changed since a ref (with
// the dependents mode [changed].dependents configures), then the global filters
// ([GLOBAL].tag, [filter].*). The CLI's goals and the GUI's run panel both call
// selectTargets(), so the same request selects the same targets in both.
//
//   SelectionRequest req;
//   req.specs = {"src/app::"};                       // or req.changedSince = "main"
//   base::Result<Selection> s = selectTargets(*ws, graphGetter, req);
//   s->targets;                                      // indices into ws->targets()
#pragma once

#include "core/base/result.h"
#include "core/changed/changedtargets.h"
#include "core/graph/targetgraph.h"
#include "core/workspace/specs.h"
#include "core/workspace/workspace.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace trellis::run {

struct SelectionRequest {
    std::vector<std::string> specs;        ///< as typed; empty with a changed ref
    std::string cwd;                       ///< build-root-relative directory specs are relative to
    /// Overrides [changed].since / [changed].diffspec when set (the GUI's "changed since").
    std::optional<std::string> changedSince;
    std::optional<std::string> changedDiffspec;
    /// Overrides [changed].dependents when set.
    std::optional<changed::DependentsMode> dependents;
    /// Filters given on the command line, applied with the configured ones.
    workspace::TargetFilters extraFilters;
};

struct Selection {
    std::vector<int> targets;              ///< indices into ws.targets(), Address order
    bool changedMode = false;              ///< selected by --changed-since / --changed-diffspec
    std::string since;                     ///< the changed ref ("" with specs or a diffspec)
    std::string diffspec;
    changed::DependentsMode dependents = changed::DependentsMode::None;
    std::optional<changed::ChangedResult> changed; ///< the changed files, owners, affected
    std::vector<workspace::Spec> parsedSpecs;      ///< the specs as parsed (specs mode)
    base::Diagnostics warnings;            ///< e.g. unmatched globs under "warn"
    /// How the selection is written in the run history: the specs, or
    /// "--changed-since=REF" and "--changed-dependents=MODE".
    std::vector<std::string> recordSpecs() const;
};

/// Returns the graph, building it on first use (dependency inference); null on failure.
/// Called only when dependents are needed.
using GraphGetter = std::function<std::shared_ptr<const graph::TargetGraph>()>;

/// Selects the targets of `request`. Errors: bad or unmatched specs, specs combined with a
/// changed ref, an invalid dependents mode or filter, no git repository, a bad ref.
base::Result<Selection> selectTargets(const workspace::Workspace &ws, const GraphGetter &graph,
                                      const SelectionRequest &request);

/// "none" / "direct" / "transitive".
const char *dependentsModeName(changed::DependentsMode mode);

} // namespace trellis::run
