// Preparing a release: a ReleasePlan computed before anything is written (VERSION, the
// changelog section, fragments to delete, commit message, annotated tag), executed with
// libgit2 so that a failure at any step restores the previous state, and an undo of the
// last prepared release while it has not been pushed.
//
//   PrepareRequest req{.buildRoot = "/repo", .version = "26.4.0"};
//   auto plan = planRelease(req);              // errors = refusals (dirty, tag exists, ...)
//   std::cout << formatPlanText(*plan);        // releasereport.h
//   base::RealDisk disk;
//   ExecutionReport r = executeRelease(*plan, disk);
//   if (!r.ok) std::cerr << r.error.format();  // nothing half-done is left
//
// Execution order, every step checked (see executeRelease):
//   1. new contents into temporary files next to their targets (create, write, fsync, close)
//   2. each existing target hard-linked to a backup name, then the temporary renamed over it
//      (deleted fragments are renamed to their backup); directories fsynced
//   2b. the configured prepare_command, when the repository is trusted; the paths it
//      changes join the release's paths
//   3. the release's paths staged in memory; the commit's tree is HEAD's tree plus exactly
//      those paths, so other staged edits (--allow-dirty) stay staged and out of the commit
//   4. the index written (after a hard-linked backup), the tag created, the branch moved
//      (last: a new tag is undone by deleting a file, a moved branch only by writing one)
//   5. the backups removed.
// On failure the steps done are undone in reverse: renames back from the backups (which
// needs no free space, so a full disk can always be rolled back), the index from its
// backup, the branch and the tag refs to their old targets.
#pragma once

#include "core/base/disk.h"
#include "core/release/changelog.h"
#include "core/release/releasestatus.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trellis::release {

/// Called before each step that libgit2 performs on the repository (staging, the commit
/// and tag objects, writing the index, moving the branch, the tag ref) with its name;
/// tests fail here to simulate libgit2 failing. Empty: always go ahead.
using GitStepHook = std::function<base::Status(const std::string &what)>;

/// What a prepare_command run did.
struct CommandResult {
    int exitCode = 0;
    std::string output;   ///< stdout and stderr, interleaved
};

/// Runs `argv` (no shell) in `cwd` with `environment` added to Trellis' own; an error
/// when it cannot start or times out. Tests pass a fake; empty: QProcess, 10 minutes.
using CommandRunner = std::function<base::Result<CommandResult>(
    const std::vector<std::string> &argv, const std::string &cwd,
    const std::vector<std::pair<std::string, std::string>> &environment)>;

/// The real disk, under the name release callers used before base::Disk (app/cli,
/// ui/release). New code uses base::RealDisk.
using RealFileSystem = base::RealDisk;

/// Who commits and tags; nullopt fields fall back to git config (user.name/email), then
/// "Trellis <trellis@localhost>".
struct Signature {
    std::string name;
    std::string email;
    std::int64_t time = 0;   ///< seconds since the epoch; 0 = now
    int offsetMinutes = 0;
};

struct PrepareRequest {
    std::string buildRoot;                                  ///< absolute
    std::string version;                                    ///< as typed
    std::shared_ptr<const workspace::Workspace> workspace;  ///< optional
    ReleaseSettings settings;
    std::string date;               ///< changelog date; "" = today (ISO)
    QDate today;                    ///< invalid = QDate::currentDate()
    bool commit = true;             ///< false: write and stage only (--no-commit)
    bool tag = true;                ///< false: no tag (--no-tag); implied by !commit
    bool allowDirty = false;        ///< proceed on a dirty worktree
    bool force = false;             ///< proceed when the tag exists or the version is not newer
    /// The user trusts the repository's `prepare_command` (repository code): the front
    /// end decides, as for the remote cache (--trust-repo, TRELLIS_TRUST_REPO=1, the
    /// trust store; docs/security.md). Without it a configured command is a refusal.
    bool allowPrepareCommand = false;
    std::optional<Signature> signature;
};

enum class FileChangeKind { Modify, Create, Delete };

/// One file the release writes or deletes.
struct FileChange {
    std::string path;                  ///< build-root relative
    FileChangeKind kind = FileChangeKind::Modify;
    std::optional<std::string> before; ///< nullopt: did not exist
    std::optional<std::string> after;  ///< nullopt: deleted
    std::string diff;                  ///< unified diff preview
};

struct ReleasePlan {
    std::string buildRoot;
    std::string version;            ///< normalized
    std::string previousVersion;    ///< VERSION before ("" when missing)
    bool prerelease = false;
    std::string date;
    std::string branch;             ///< "" when detached
    std::string headHash;           ///< HEAD when planned; execution refuses if it moved
    std::string changelogPath;      ///< build-root relative ([trellis.release] changelog_file_pattern or towncrier's filename)
    /// Directories to create for a new changelog file (build-root relative, outermost
    /// first); removed again on rollback.
    std::vector<std::string> newDirectories;
    /// [trellis.release] prepare_command, run after the files are written (allowed by
    /// the request); empty = none.
    std::vector<std::string> prepareCommand;
    std::string renderedChangelog;  ///< the new section
    std::vector<FileChange> changes;
    std::string commitMessage;      ///< "release: X"
    std::string tagName;            ///< "" when no tag
    std::string tagMessage;         ///< "Release vX" / "Pre-release vX"
    bool commit = true;
    bool tagExists = false;         ///< the tag exists and will be replaced (force)
    bool annotatedTag = true;       ///< annotated, or lightweight like the repository's tags
    std::optional<Signature> signature;
    std::vector<std::string> notes;        ///< template notes, normalisation, overrides used
    base::Diagnostics warnings;
};

/// Checks and computes the plan; writes nothing. Errors are refusals (dirty worktree,
/// existing tag, version not newer, bad version, changelog already has the version,
/// detached HEAD) unless allowDirty/force override them (then they become notes).
/// Uncommitted changes to a file the release writes or deletes are refused even with
/// allowDirty: they would be swept into the release commit and undo could not restore them.
base::Result<ReleasePlan> planRelease(const PrepareRequest &request);

/// What execution did.
struct [[nodiscard]] ExecutionReport {
    bool ok = false;
    std::vector<std::string> steps;       ///< steps completed, in order
    std::string commitHash;               ///< "" without a commit
    base::Diagnostic error;               ///< when !ok: the step that failed and why
    std::vector<std::string> restored;    ///< what the rollback restored
    std::vector<std::string> restoreProblems; ///< rollback steps that failed (should be empty)
    std::vector<std::string> warnings;    ///< ok, but a backup file could not be removed
};

/// Executes a plan, every file step through `disk` (base::Disk: one call per step, so a
/// test can fail any one of them). On failure, restores files, the index, the branch and
/// the tag ref.
///
/// A prepare_command runs after the files are in place and before anything is staged,
/// with TRELLIS_RELEASE_VERSION, TRELLIS_RELEASE_TAG and TRELLIS_RELEASE_CHANGELOG set;
/// files it changes that were unchanged before are committed with the release (a
/// non-zero exit, or a later failure, restores them from HEAD or deletes them).
ExecutionReport executeRelease(const ReleasePlan &plan, base::Disk &disk, const GitStepHook &gitStep = {},
                               const CommandRunner &runCommand = {});

/// What undo did.
struct UndoReport {
    std::string version;
    std::string tagName;
    std::string removedCommit;
    std::string branch;
    std::string resetTo;
};

/// Undoes the last prepared release: only when HEAD's message is `release: X`, a release
/// tag for X points at HEAD, the files the release commit changed are unchanged since (in
/// the index and the worktree), and the branch's upstream (if any) does not contain HEAD.
/// Deletes the tag, restores exactly the release's paths (worktree and index) from HEAD's
/// parent and moves the branch back to it. Anything else the user has staged or edited is
/// left as it is, so prepare --allow-dirty followed by undo returns to the state before.
base::Result<UndoReport> undoLastRelease(const std::string &buildRoot, const ReleaseSettings &settings = {});

} // namespace trellis::release
