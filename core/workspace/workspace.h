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
#include "core/workspace/targetlist.h"

#include <cstdint>
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

class Workspace;

struct LoadRequest {
    OptionsRequest options;
    base::CancelToken cancel;
    /// Threads for parallel phases; 0 = QThread::idealThreadCount().
    int threads = 0;
    /// An earlier load of the same build root, with the same options and environment.
    /// When the walk lists the same files, a directory none of whose inputs is among
    /// `changedInputs` (and whose inherited `__defaults__` cannot have moved) is taken
    /// over from it instead of evaluated again; the result is the same as a full load.
    /// The targets taken over are shared with `previous`, not copied (TargetList).
    std::shared_ptr<const Workspace> previous;
    /// BUILD files and load inputs of `previous` whose content may have changed.
    std::vector<std::string> changedInputs;
    /// previous->files() when the caller checked that no directory it walked changed
    /// since (the stamps of FileTree::walkedDirectories()): used, with the warnings of
    /// previous's walk, instead of walking again. Ignored without `previous`.
    std::shared_ptr<const FileTree> files;
};

/// What one directory's BUILD files gave a load, kept so that a later load can take the
/// directory over when none of its inputs changed.
struct DirectoryLoad {
    std::string dir;                                        ///< "" = the build root
    base::Diagnostics diagnostics;                          ///< before the once-per-load filter
    std::vector<std::pair<std::uint32_t, std::string>> reportedOnce; ///< (index into diagnostics, key)
    std::vector<std::pair<base::SourceLocation, std::string>> log;   ///< print() output
    std::vector<std::string> inputs;                        ///< files read (requirements, open())
    std::vector<std::pair<std::string, std::optional<std::string>>> environmentReads;
    bool setsDefaults = false;                              ///< called __defaults__
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
    const TargetList &targets() const { return m_targets; }
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
    /// ownersOf() as indices into targets().
    std::vector<int> ownerIndicesOf(std::string_view path) const;
    /// Targets declared by a BUILD file (generators and their generated targets).
    std::vector<const Target *> targetsDeclaredIn(std::string_view buildFile) const;
    /// True when the load was cancelled before completion (targets may be partial).
    bool cancelled() const { return m_cancelled; }
    /// Per directory with BUILD files, in path order: what its evaluation gave.
    const std::vector<DirectoryLoad> &directoryLoads() const { return m_directoryLoads; }
    /// Directories whose BUILD files this load evaluated (the others were taken over from
    /// LoadRequest::previous).
    int directoriesEvaluated() const { return m_directoriesEvaluated; }
    /// Per target: its index in LoadRequest::previous when it was taken over from there
    /// unchanged, -1 when this load made it. Empty when nothing was taken over.
    const std::vector<int> &previousIndex() const { return m_previousIndex; }

    // Filled by the loader.
    /// Builds m_index and m_owners from m_targets (and m_files). Both refer into the
    /// targets of m_targets: build them again whenever m_targets is assigned.
    void buildIndex();
    Options m_options;
    std::shared_ptr<const FileTree> m_files;
    SourceRoots m_sourceRoots;
    std::vector<std::string> m_buildFiles;
    std::vector<std::string> m_preludeFiles;
    TargetList m_targets;
    base::Diagnostics m_diagnostics;
    std::vector<std::pair<base::SourceLocation, std::string>> m_log;
    std::vector<std::string> m_loadInputs;
    std::vector<std::pair<std::string, std::optional<std::string>>> m_environmentReads;
    /// Key of m_index: the address inside a target of m_targets, which never moves (each
    /// Target is a shared object of its own), so the index copies no address.
    struct AddressRef {
        const Address *address;
        friend bool operator==(AddressRef a, AddressRef b) { return *a.address == *b.address; }
    };
    struct AddressRefHash {
        size_t operator()(AddressRef r) const { return AddressHash{}(*r.address); }
    };
    std::unordered_map<AddressRef, int, AddressRefHash> m_index;
    /// File -> target indices; each key views a string of those targets' sources.
    std::unordered_map<std::string_view, std::vector<int>> m_owners;
    std::map<std::string, VisibilityRules> m_dependenciesRules; // BUILD dir -> rules declared there
    std::map<std::string, VisibilityRules> m_dependentsRules;   // BUILD dir -> rules declared there
    base::Diagnostics m_walkWarnings; ///< the walk's, also among diagnostics()
    std::vector<DirectoryLoad> m_directoryLoads;
    int m_directoriesEvaluated = 0;
    std::vector<int> m_previousIndex;
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
