// Workspace: an immutable snapshot of a Pants repository — options, visible files,
// BUILD files, targets (declared and generated) and the problems found loading them.
//
//   LoadRequest req;
//   req.options.buildRoot = "/repo";
//   auto ws = loadWorkspace(req, progress);        // runs on the calling thread; parallel inside
//   for (const Target &t : ws->targets()) ...
//   const Target *t = ws->find(*Address::parse("src/app:lib"));
//
// Loading never stops at a bad BUILD file: its error lands in diagnostics() and every
// other file still loads. A snapshot is never mutated; a reload builds a new one, so
// views may hold a shared_ptr to the old one while the new one loads on a worker thread.
#pragma once

#include "core/base/canceltoken.h"
#include "core/base/result.h"
#include "core/workspace/filetree.h"
#include "core/workspace/options.h"
#include "core/workspace/sourceroots.h"
#include "core/workspace/target.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace trellis::workspace {

/// Receives loading progress; called from worker threads. `phase` is a short
/// human-readable label ("Reading BUILD files"), done/total are counts (total 0 = unknown).
using ProgressCallback = std::function<void(const std::string &phase, int done, int total)>;

/// `__dependencies_rules__` / `__dependents_rules__` as called in one directory's BUILD
/// files (raw; inheritance and matching are the visibility checker's job).
struct VisibilityRules {
    base::SourceLocation declaredAt;
    buildlang::HostList ruleSets;   ///< positional arguments as written
    bool extend = false;
};

struct LoadRequest {
    OptionsRequest options;
    base::CancelToken cancel;
    /// Threads for parallel phases; 0 = QThread::idealThreadCount().
    int threads = 0;
};

class Workspace {
public:
    const Options &options() const { return m_options; }
    const std::string &buildRoot() const { return m_options.buildRoot(); }
    std::shared_ptr<const FileTree> files() const { return m_files; }
    const SourceRoots &sourceRoots() const { return m_sourceRoots; }
    /// BUILD files found, buildroot-relative, sorted.
    const std::vector<std::string> &buildFiles() const { return m_buildFiles; }
    /// Prelude files ([GLOBAL].build_file_prelude_globs), buildroot-relative.
    const std::vector<std::string> &preludeFiles() const { return m_preludeFiles; }
    /// All targets (generators and generated), in Address order.
    const std::vector<Target> &targets() const { return m_targets; }
    /// Errors and warnings from config, BUILD evaluation, globs, requirements files.
    const base::Diagnostics &diagnostics() const { return m_diagnostics; }
    /// Lines printed by BUILD code (`print()`), with their location.
    const std::vector<std::pair<base::SourceLocation, std::string>> &log() const { return m_log; }
    /// Files other than BUILD and prelude files that loading read (requirements files,
    /// files opened by BUILD code), buildroot-relative, sorted. A change to one of them,
    /// like a change to a BUILD file, needs a new load.
    const std::vector<std::string> &loadInputs() const { return m_loadInputs; }
    /// The variables BUILD code read with env(), and the value each had (nullopt =
    /// unset), sorted by name.
    const std::vector<std::pair<std::string, std::optional<std::string>>> &environmentReads() const
    {
        return m_environmentReads;
    }

    /// The target at an address, or nullptr.
    const Target *find(const Address &address) const;
    /// Index into targets() or -1.
    int indexOf(const Address &address) const;
    /// Targets whose sources include `path` (generated file targets preferred, as Pants'
    /// owners; generators only when they generate nothing for it).
    std::vector<const Target *> ownersOf(std::string_view path) const;
    /// Targets declared by a BUILD file (generators and their generated targets).
    std::vector<const Target *> targetsDeclaredIn(std::string_view buildFile) const;
    /// True when the load was cancelled before completion (targets may be partial).
    bool cancelled() const { return m_cancelled; }

    // Filled by the loader.
    Options m_options;
    std::shared_ptr<const FileTree> m_files;
    SourceRoots m_sourceRoots;
    std::vector<std::string> m_buildFiles;
    std::vector<std::string> m_preludeFiles;
    std::vector<Target> m_targets;
    base::Diagnostics m_diagnostics;
    std::vector<std::pair<base::SourceLocation, std::string>> m_log;
    std::vector<std::string> m_loadInputs;
    std::vector<std::pair<std::string, std::optional<std::string>>> m_environmentReads;
    std::unordered_map<Address, int, AddressHash> m_index;
    std::unordered_map<std::string, std::vector<int>> m_owners; // file -> target indices
    std::map<std::string, VisibilityRules> m_dependenciesRules; // BUILD dir -> rules declared there
    std::map<std::string, VisibilityRules> m_dependentsRules;   // BUILD dir -> rules declared there
    bool m_cancelled = false;
};

/// The walk loadWorkspace() does: the build root's files with pants_ignore, the work and
/// dist directories and (unless turned off) the gitignore files applied.
base::Result<std::shared_ptr<const FileTree>> walkFiles(const Options &options, const base::CancelToken &cancel = {});

/// Loads a workspace. Returns diagnostics only (no snapshot) when the build root or its
/// configuration cannot be read at all; otherwise a snapshot with its diagnostics inside.
base::Result<std::shared_ptr<const Workspace>> loadWorkspace(const LoadRequest &request,
                                                             const ProgressCallback &progress = {});
/// The same with the result of Options::load(request.options) already at hand (its
/// warnings become the workspace's first diagnostics).
base::Result<std::shared_ptr<const Workspace>> loadWorkspace(const LoadRequest &request, base::Result<Options> options,
                                                             const ProgressCallback &progress = {});

} // namespace trellis::workspace
