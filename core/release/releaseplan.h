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
    std::string changelogPath;      ///< build-root relative
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
ExecutionReport executeRelease(const ReleasePlan &plan, base::Disk &disk, const GitStepHook &gitStep = {});

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
