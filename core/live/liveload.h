// loadLive: load a workspace (and, on request, its dependency graph) through the persistent
// snapshot, re-doing only what changed since it was written (issue #22).
//
//   LiveRequest req;
//   req.load.options.buildRoot = "/repo";
//   req.graph = true;
//   auto r = loadLive(req);       // r->workspace, r->graph, r->how
//
// A warm start reads the options, stats the directories the last walk listed and the
// files the snapshot depends on, and maps the snapshot when nothing moved. When only the
// content of Python sources changed, the workspace comes from the snapshot and inference
// re-runs for the graph (the scan cache re-reads just the changed files). When a BUILD file, prelude,
// requirements file, plugin source, ignore file, env() variable or the set of files
// changed, the workspace is loaded again. Whatever was recomputed is written back, so
// the next start is warm again. The snapshot lives in base::cacheDir()/snapshot, never in
// the repository; a missing, stale or corrupt one only costs a normal load.
#pragma once

#include "core/base/result.h"
#include "core/graph/targetgraph.h"
#include "core/live/snapshot.h"
#include "core/workspace/workspace.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace trellis::live {

struct LiveResult;

struct LiveRequest {
    workspace::LoadRequest load;
    /// What this process loaded last for the same build root (the GUI's current
    /// workspace). It is checked like the snapshot file and, when it still holds, reused
    /// without reading the file: after an edit only the changed part is redone.
    std::shared_ptr<const LiveResult> previous;
    /// Also build the dependency graph (inference).
    bool graph = true;
    /// Load from the sources whatever the snapshot and `previous` say (an explicit
    /// Reload), then write the snapshot again. The scan cache still answers by content.
    bool fresh = false;
    /// Cache directory: "" = base::cacheDir(); "-" = no snapshot and no scan cache.
    std::string cacheDir;
    workspace::ProgressCallback progress;
    /// With `previous`: every path (absolute) that may have changed since previous's
    /// stamps were taken, from a watcher that has seen every change since then. Only the
    /// stamps of these paths and of their directories are compared; the others are known
    /// to hold. nullopt = unknown: every stamp is compared.
    std::optional<std::vector<std::string>> changedPaths;
    /// For a front end that waits for the write-back before it exits (the command line):
    /// when a BUILD file or the like changed and the workspace had to be loaded again,
    /// encoding it for the write-back starts at once, on a thread of its own, while the
    /// graph is patched; and the write-back after a warm start uses two threads.
    bool encodeEarly = false;
};

/// How the result was obtained.
enum class LoadPath {
    Cold,      ///< no usable snapshot: loaded (and inferred) from scratch
    Snapshot,  ///< everything from the snapshot (or from LiveRequest::previous)
    Sources,   ///< workspace from the snapshot; graph inferred again (changed sources)
    Reload,    ///< a snapshot existed but load inputs changed: loaded again
};

const char *loadPathName(LoadPath p);

struct LiveResult {
    std::shared_ptr<const workspace::Workspace> workspace;
    /// Null unless the request asked for the graph (or it was cancelled).
    std::shared_ptr<const graph::TargetGraph> graph;
    LoadPath how = LoadPath::Cold;
    /// Why the snapshot could not be used as a whole ("" on LoadPath::Snapshot), e.g.
    /// "src/app/BUILD changed" or "no snapshot".
    std::string reason;
    /// Python sources whose stamps changed since the snapshot (LoadPath::Sources).
    std::vector<std::string> changedSources;
    /// True when the result was the previous one's objects, unchanged.
    bool unchanged = false;
    /// On LoadPath::Reload with LiveRequest::previous: how many targets were resolved
    /// again to patch the previous graph (-1 = full inference).
    int patchedTargets = -1;
    /// Files and directories whose stamps this check stat()ed (all of them, unless
    /// LiveRequest::changedPaths narrowed it).
    size_t stampsChecked = 0;
    /// What the result depends on, and the key it is valid for (for LiveRequest::previous).
    std::shared_ptr<const Stamps> stamps;
    SnapshotKey key;
};

/// Loads through the snapshot in steps, for front ends that learn late whether they
/// need dependencies (the CLI's `list` never does, `dependencies` does):
///
///   LiveLoader loader(request);          // request.graph is ignored here
///   auto ws = loader.workspace();        // from the snapshot when it still holds
///   auto g = loader.graph();             // decoded, or inferred again (changed sources)
///   loader.save();                       // writes back whatever was recomputed
class LiveLoader {
public:
    explicit LiveLoader(LiveRequest request);
    ~LiveLoader();
    LiveLoader(const LiveLoader &) = delete;
    LiveLoader &operator=(const LiveLoader &) = delete;

    /// The workspace (loaded once). Errors only where loadWorkspace() gives one.
    base::Result<std::shared_ptr<const workspace::Workspace>> workspace();
    /// Its dependency graph (built once); null when the load or inference was cancelled
    /// or the workspace could not load. Inference problems are graph->diagnostics().
    std::shared_ptr<const graph::TargetGraph> graph();
    /// Writes the snapshot when something was recomputed; a no-op otherwise. Failures
    /// are silent (the next load misses).
    void save();
    /// save() in two halves, for front ends that should not wait for the write: records
    /// the stamps (state().stamps, needed by LiveRequest::previous) now and returns the
    /// write of the snapshot file as a task that may run later on any thread; null when
    /// there is nothing to write.
    std::function<void()> prepareSave();
    /// Whether that write may run while the front end goes on (shows or prints the
    /// result). Not after a cold load: the encoded snapshot beside everything else being
    /// built raised Backend.AI's peak past the memory goals (CLI 150 MB, window 250 MB),
    /// and a cold start is not the one that must be instant.
    bool writeCanWait() const { return m_state.how != LoadPath::Cold; }

    /// How the workspace and inference were obtained so far, and why not from the
    /// snapshot (see LiveResult).
    const LiveResult &state() const { return m_state; }

private:
    std::shared_ptr<const graph::TargetGraph> inferGraph();

    struct Private;
    std::unique_ptr<Private> d;
    LiveResult m_state;
};

/// Loads through the snapshot: workspace, graph when requested, and save.
base::Result<LiveResult> loadLive(const LiveRequest &request);

/// Where the snapshot of `buildRoot` lives under `cacheDir` ("" = base::cacheDir()).
std::string snapshotPath(const std::string &cacheDir, const std::string &buildRoot);

} // namespace trellis::live
