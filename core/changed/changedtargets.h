// Changed targets: what a change touches, with Pants' rules (spec §7).
//
//   auto repo = vcs::Repository::open(ws->buildRoot());
//   ChangedRequest req{.since = "main", .dependents = DependentsMode::Transitive};
//   base::Result<ChangedResult> r = computeChanged(*graph, **repo, req);
//   r->owners;    // targets owning the changed files
//   r->affected;  // owners plus their dependents
//
// Owners: a live file maps to the (generated) targets whose sources include it; an
// edited BUILD file to every target declared in it (generated targets rather than their
// generators); a deleted file to the generators whose `sources` globs match its path; a
// changed requirements file to the requirement targets whose entries changed; a changed
// resolve lockfile to the requirement targets whose locked dependency closure holds a
// package that moved (lockfile::requirementTargetsReached, the rule of lockfile reach);
// a changed pants.toml to every target. Files nobody owns are listed in unownedFiles.
// Dependents come from the graph (unexpanded edges, spec §6.3), minus the generators of
// owners (otherwise every sibling of a changed file would count as changed).
#pragma once

#include "core/base/result.h"
#include "core/graph/targetgraph.h"
#include "core/vcs/repository.h"

#include <string>
#include <vector>

namespace trellis::changed {

enum class DependentsMode { None, Direct, Transitive };

/// Parses `none` / `direct` / `transitive` (Pants' --changed-dependents values).
std::optional<DependentsMode> parseDependentsMode(std::string_view s);

struct ChangedRequest {
    std::string since;      ///< --changed-since=REF ("" = unused)
    std::string diffspec;   ///< --changed-diffspec=SPEC ("" = unused)
    DependentsMode dependents = DependentsMode::None;
};

struct ChangedResult {
    std::vector<vcs::ChangedFile> files;   ///< changed files, sorted by path
    vcs::CommitInfo base;                  ///< the merge base (since) or the range start (diffspec)
    std::vector<int> owners;               ///< targets owning changed files (sorted, Address order)
    std::vector<int> affected;             ///< owners + dependents per the mode (sorted)
    std::vector<std::string> unownedFiles; ///< changed files that no target owns
    std::vector<std::vector<int>> fileOwners; ///< parallel to files: each file's owners (sorted)
};

/// Changed files -> owning targets for a workspace (no dependents). `readBase` returns
/// a file's content at the base revision (nullopt when absent), used to see which entries
/// of a requirements file changed. `perFile`, when given, receives each file's owners
/// (parallel to `files`, sorted); the result is their union.
std::vector<int> ownersOfChangedFiles(const workspace::Workspace &ws, const std::vector<vcs::ChangedFile> &files,
                                      const std::function<std::optional<std::string>(const std::string &)> &readBase,
                                      std::vector<std::string> *unowned = nullptr,
                                      std::vector<std::vector<int>> *perFile = nullptr);

/// Adds dependents of `owners` per `mode`, removing generators of owners. Sorted.
std::vector<int> withDependents(const graph::TargetGraph &graph, const std::vector<int> &owners, DependentsMode mode);

/// Changed files and their owners only (affected = owners): no graph needed, so
/// `--changed-dependents=none` skips dependency inference entirely.
base::Result<ChangedResult> computeChangedOwners(const workspace::Workspace &ws, const vcs::Repository &repo,
                                                 const ChangedRequest &request);

/// Runs the whole computation against a repository. Errors: bad refs, shallow history,
/// both or neither of since/diffspec set.
base::Result<ChangedResult> computeChanged(const graph::TargetGraph &graph, const vcs::Repository &repo,
                                           const ChangedRequest &request);

} // namespace trellis::changed
