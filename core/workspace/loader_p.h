// Private pieces of the workspace loader shared between workspace.cpp (orchestration)
// and targetbuilder.cpp (turning recorded target calls into Targets).
#pragma once

#include "core/base/diagnostic.h"
#include "core/buildlang/hostvalue.h"
#include "core/workspace/filetree.h"
#include "core/workspace/workspace.h"
#include "core/workspace/targettype.h"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace trellis::workspace {

using buildlang::HostKwargs;

/// `__defaults__` state of a directory: target type alias -> field defaults. Shared
/// immutably; a `__defaults__` call makes a new map (copy on write), so capturing the
/// defaults at a target call is a pointer copy.
struct DefaultsMap {
    std::map<std::string, HostKwargs, std::less<>> perType;
};

/// One target call recorded while a BUILD file ran.
struct TargetAdaptor {
    const TargetType *type = nullptr;                 // not owned (registry)
    HostKwargs kwargs;                                // as written, `name` included
    base::SourceLocation location;
    std::shared_ptr<const DefaultsMap> defaults;      // captured at call time; never null
};

/// Options the target builder needs, read once per load.
struct LoaderSettings {
    std::string unmatchedBuildFileGlobs = "warn";     ///< warn / error / ignore
    bool enableResolves = false;
    std::string defaultResolve = "python-default";
    std::vector<std::string> resolveNames;            ///< keys of [python].resolves
    std::string pantsVersion;                         ///< for pants_requirements
    std::string goGranularity = "package";            ///< [golang].third_party_target_granularity
};

/// State shared by all directory tasks of one load (thread-safe parts are guarded).
struct LoaderShared {
    const TargetTypeRegistry *registry = nullptr;     // not owned
    const FileTree *files = nullptr;                  // not owned
    LoaderSettings settings;
    std::map<std::string, std::string> environment;
    std::mutex mutex;                                 // guards the members below
    std::vector<std::pair<base::SourceLocation, std::string>> log;
    /// Files of the repository read while evaluating (requirements files, open()),
    /// buildroot-relative; BUILD and prelude files are listed on their own.
    std::set<std::string> inputs;
    /// Variables env() asked for, with what it answered (nullopt = unset).
    std::map<std::string, std::optional<std::string>> environmentReads;

    /// Records a file read; attributed to the directory being evaluated on this thread,
    /// if any (preludes read at load level).
    void recordInput(std::string rel);
    /// Records an env() read, attributed as recordInput().
    void recordEnvironmentRead(const std::string &name, std::optional<std::string> value);
    /// Records print() output, attributed as recordInput().
    void recordLog(const base::SourceLocation &location, const std::string &text);
};

/// The host's per-directory evaluation context (the interpreter's fileContext).
struct DirState {
    LoaderShared *shared = nullptr;                   // not owned
    std::string dir;                                  // "" = buildroot
    std::shared_ptr<const DefaultsMap> defaults;      // current; never null
    std::vector<TargetAdaptor> adaptors;
    std::map<std::string, std::string> texts;         // BUILD file -> text (for carets)
    base::Diagnostics diagnostics;
    /// Diagnostics reported once per load (the note on a plugin target type): (index
    /// into `diagnostics`, key). Directories run in parallel; the collect step keeps each
    /// key from the first directory in path order, so the note does not depend on timing.
    std::vector<std::pair<size_t, std::string>> reportedOnce;
    std::vector<Target> targets;                      // built from adaptors
    bool hasDependenciesRules = false, hasDependentsRules = false;
    VisibilityRules dependenciesRules, dependentsRules;
    /// What the evaluation read and printed (see DirectoryLoad); only this directory's
    /// thread touches them.
    std::vector<std::pair<base::SourceLocation, std::string>> log;
    std::set<std::string> inputs;
    std::map<std::string, std::optional<std::string>> environmentReads;

    /// The directory whose BUILD files this thread is evaluating (nullptr outside).
    static DirState *&current();
};

/// Builds the targets of one directory from its recorded calls (names, defaults,
/// parametrize, sources, generators, overrides, requirements). Fills `state.targets`
/// and `state.diagnostics`.
void buildTargets(DirState &state);

/// After every directory is built: package_json generates no node_third_party_package for
/// a dependency that names a first-party package (another package_json's package), as
/// Pants' AllPackageJsonNames; those targets leave the generators and dependency lists.
void dropFirstPartyNodePackages(TargetList::Storage &targets);

/// Parses a dependencies-like field entry ("!x", "!!x", "./f.py", ":name", "dir:name").
std::optional<DependencySpec> parseDependency(const std::string &raw, const std::string &dir, const std::string &field,
                                              const FileTree *files, std::string &error);

} // namespace trellis::workspace
