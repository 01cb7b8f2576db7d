// Dependency resolution for every target of a workspace: explicit `dependencies`,
// Python import inference, conftest/__init__ rules, entry points, generator->generated
// edges; `!` and `!!` exclusions applied (spec §5). The result feeds graph::TargetGraph.
//
//   infer::InferenceRequest req{ws};
//   infer::InferenceResult deps = infer::resolveDependencies(req);
//   for (const Dependency &d : deps.dependencies[i]) ws->targets()[d.target].address ...
#pragma once

#include "core/base/canceltoken.h"
#include "core/base/result.h"
#include "core/base/sharedstring.h"
#include "core/workspace/workspace.h"

#include <memory>
#include <string>
#include <vector>

namespace trellis::infer {

/// Why an edge exists.
enum class EdgeKind {
    Explicit,   ///< written in a dependencies (or dependency-like) field
    Inferred,   ///< an import in the source file
    Generated,  ///< generator -> its generated target
    Conftest,   ///< python_test -> conftest.py owner in its dir or an ancestor
    InitFile,   ///< python source -> ancestor __init__.py owner ([python-infer].init_files)
    EntryPoint, ///< pex_binary entry_point / python_distribution entry_points
    Requirement,///< requirement -> its requirements file / lockfile target
};

const char *edgeKindName(EdgeKind k);

/// Evidence for an inferred edge: the import that created it.
/// Its strings are shared: every import of a file names the same file object, and an
/// inference run (or a snapshot read) hands out one object per module text.
struct Evidence {
    base::SharedString file;   ///< buildroot-relative source file
    int line = 0;              ///< 1-based line of the import
    base::SharedString module; ///< imported module string, e.g. "ai.backend.common.types"
    bool weak = false;         ///< inside try/except ImportError, or a string import
};

/// One dependency of a target. `target` indexes Workspace::targets(). Unexpanded:
/// a generator written in `dependencies` stays the generator.
struct Dependency {
    int target = -1;
    EdgeKind kind = EdgeKind::Explicit;
    std::vector<Evidence> evidence;     ///< Inferred edges: every import line that maps here
    base::SourceLocation declaredAt;    ///< Explicit edges: the BUILD call position
};

/// Which target, and which step of its resolution, reported a diagnostic: the order of a
/// full run is (target, step), so a partial run's diagnostics merge into an earlier
/// full result in the same order (see TargetGraph's patching constructor).
struct DiagnosticOrigin {
    int target = -1; ///< -1: reported before the per-target pass (e.g. the scan cache)
    int step = 0;    ///< DiagnosticStep
};

/// The steps of one target's resolution, in the order they run.
enum DiagnosticStep { StepExplicit = 0, StepImports = 1, StepInitFiles = 2, StepConftests = 3, StepEntryPoints = 4 };

struct InferenceRequest {
    std::shared_ptr<const workspace::Workspace> workspace;
    /// When not empty (sorted target indices): resolve only these targets, scanning only
    /// their files; every other target's list stays empty. Used to redo the targets whose
    /// sources changed and patch an earlier graph.
    std::vector<int> onlyTargets;
    base::CancelToken cancel;
    /// Directory for the on-disk scan cache ("" = base::cacheDir() + "/scan"; "-" = no cache).
    std::string cacheDir;
    int threads = 0; ///< 0 = ideal thread count
    workspace::ProgressCallback progress;
};

struct InferenceStats {
    int filesScanned = 0;   ///< files parsed this run
    int cacheHits = 0;      ///< files whose imports came from the cache
    double scanMs = 0;      ///< wall time of the scan (reading, parsing, the scan cache and its save)
    double providersMs = 0; ///< wall time of building the module -> provider tables
    double targetsMs = 0;   ///< wall time of the per-target pass
};

struct InferenceResult {
    /// Per target (index into Workspace::targets()), its dependencies sorted by target
    /// index, deduplicated (an edge with several reasons keeps the strongest kind,
    /// Explicit > Inferred > others, and all evidence).
    std::vector<std::vector<Dependency>> dependencies;
    /// Per target, targets excluded transitively with `!!` (indices).
    std::vector<std::vector<int>> transitiveExcludes;
    /// Unowned / ambiguous import warnings or errors, unknown explicit addresses.
    base::Diagnostics diagnostics;
    /// Parallel to `diagnostics`: who reported each.
    std::vector<DiagnosticOrigin> diagnosticOrigins;
    InferenceStats stats;
    bool cancelled = false;
};

InferenceResult resolveDependencies(const InferenceRequest &request);

} // namespace trellis::infer
