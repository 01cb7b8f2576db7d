// Why a target is affected by a change: the changed files with their state and owners,
// and for every affected target one shortest chain from a changed file to it
// (file → owner → dependent → …), each step with the provenance of its edge (the import
// line, or the BUILD line of an explicit dependency). The CLI's `trellis changed --why`
// and the GUI's Changed view both print this one structure.
//
//   ChangedRequest req{.since = "main", .dependents = DependentsMode::Transitive};
//   base::Result<ChangedExplanation> e = explainChanged(*graph, **repo, req);
//   for (const AffectedTarget &t : e->targets)        // == computeChanged(...)->affected
//       for (const ChainStep &s : t.chain) ...        // s.node, s.kind, s.at, s.detail
//
// The affected set is exactly computeChanged()'s (withDependents over the owners of
// ownersOfChangedFiles). The chains come from one breadth-first walk over the reverse
// (unexpanded) edges starting at every owner at once, as graph::dependentsOf walks: the
// first time a target is reached fixes its parent, so each chain is a shortest one from
// some owner (ties broken by Address order of the owners, then of the dependents). A
// chain may pass through the generator of an owner, which itself is not reported.
// An owner's chain starts at the changed file that explains it best: its own source
// before a deleted file, a requirements file, its BUILD file, then pants.toml.
#pragma once

#include "core/changed/changedtargets.h"

#include <string>
#include <vector>

namespace trellis::changed {

/// How a file differs from the base, as the Changed view shows it.
enum class FileState {
    Committed, ///< changed by a commit since the base; clean in the worktree
    Modified,  ///< modified (staged or not) in the worktree
    Added,     ///< new and staged (or added by a commit and edited since)
    Untracked, ///< new, not ignored, never staged
    Deleted,   ///< deleted by a commit or in the worktree
};

/// "committed", "modified", "added", "untracked", "deleted".
const char *fileStateName(FileState state);

/// One changed file with the targets that own it.
struct ChangedFileEntry {
    std::string path;                 ///< build-root relative
    vcs::ChangeStatus status = vcs::ChangeStatus::Modified; ///< the union status from vcs
    FileState state = FileState::Modified;
    std::vector<graph::NodeId> owners; ///< sorted; empty when unowned
};

/// Why one step of a chain reaches its target.
enum class StepKind {
    Source,       ///< the changed file is one of the owner's sources
    DeletedFile,  ///< a deleted file matched the owner's `sources` globs
    Requirements, ///< an entry of a changed requirements file / lockfile
    BuildFile,    ///< the owner is declared in the changed BUILD file
    Config,       ///< pants.toml changed, which affects every target
    Dependency,   ///< `node` depends on the previous step's target
};

/// One link of a chain. The first link names the owner and the changed file; each
/// further link names a dependent of the previous link's target and the edge between.
struct ChainStep {
    graph::NodeId node = -1;
    StepKind kind = StepKind::Source;
    infer::EdgeKind edgeKind = infer::EdgeKind::Explicit; ///< Dependency steps only
    /// Where the step comes from: the import line (inferred), the BUILD call (explicit,
    /// generated, ...), the owner's BUILD call (BuildFile) or the changed file with line
    /// 0 (Source, DeletedFile, Requirements, Config).
    base::SourceLocation at;
    /// The imported module (inferred), the dependency as written (explicit), or "".
    std::string detail;
};

/// An affected target with the chain that makes it affected.
struct AffectedTarget {
    graph::NodeId node = -1;
    bool owner = false;          ///< owns a changed file (chain has one step)
    std::string file;            ///< the changed file the chain starts at
    std::vector<ChainStep> chain; ///< owner first; chain.back().node == node
    int distance() const { return int(chain.size()) - 1; }
};

struct ChangedExplanation {
    std::string since;                 ///< the base ref asked for ("" with a diffspec)
    std::string diffspec;
    vcs::CommitInfo base;              ///< merge base (since) or range start (diffspec)
    DependentsMode dependents = DependentsMode::None;
    std::vector<ChangedFileEntry> files;   ///< sorted by path
    std::vector<AffectedTarget> targets;   ///< Address order; owners and dependents
    std::vector<std::string> unownedFiles; ///< changed files no target owns
    /// The affected targets `test` runs (python_test without skip_tests,
    /// test_shell_command), Address order.
    std::vector<graph::NodeId> testTargets;

    /// The affected target of `node`, or null.
    const AffectedTarget *find(graph::NodeId node) const;
    /// Every affected node, Address order (== computeChanged()->affected).
    std::vector<graph::NodeId> affected() const;
    int ownerCount() const;
};

/// True for the targets the test goal runs (the rule of goals::planTests).
bool isTestTarget(const workspace::Target &target);

/// Computes the changed files, owners, dependents per `request.dependents` and a
/// shortest chain for each. Errors as computeChanged's.
base::Result<ChangedExplanation> explainChanged(const graph::TargetGraph &graph, const vcs::Repository &repo,
                                                const ChangedRequest &request);

/// Builds the explanation from a computed ChangedResult (its files, fileOwners and
/// owners) and the uncommitted changes (for the file states). Pure; used by
/// explainChanged and by tests.
ChangedExplanation explainResult(const graph::TargetGraph &graph, const ChangedResult &result,
                                 const std::vector<vcs::ChangedFile> &uncommitted, DependentsMode mode);

/// The base ref to use when none is given: [changed].since, else `main` or `master`
/// when such a branch exists, else HEAD (uncommitted changes only).
std::string defaultBaseRef(const workspace::Workspace &ws, const vcs::Repository &repo);

} // namespace trellis::changed
