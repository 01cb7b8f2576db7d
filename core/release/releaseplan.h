// Preparing a release: a ReleasePlan computed before anything is written (VERSION, the
// changelog section, fragments to delete, commit message, annotated tag), executed with
// libgit2 so that a failure at any step restores the previous state, and an undo of the
// last prepared release while it has not been pushed.
//
//   PrepareRequest req{.buildRoot = "/repo", .version = "26.4.0"};
//   auto plan = planRelease(req);              // errors = refusals (dirty, tag exists, ...)
//   std::cout << formatPlanText(*plan);        // releasereport.h
//   RealFileSystem disk;
//   ExecutionReport r = executeRelease(*plan, disk);
//   if (!r.ok) std::cerr << r.error.format();  // nothing half-done is left
//
// Execution order: snapshot (file contents, the index file, the branch ref, the tag ref)
// → write files → stage (index add/remove) → commit on the current branch → annotated tag.
// On failure the steps done are undone in reverse from the snapshot.
#pragma once

#include "core/release/changelog.h"
#include "core/release/releasestatus.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace trellis::release {

/// File side effects of a release; tests substitute a fake that fails on demand.
class FileSystem {
public:
    virtual ~FileSystem() = default;
    /// Contents of an absolute path; nullopt when it does not exist or cannot be read.
    virtual std::optional<std::string> read(const std::string &path) = 0;
    /// Replaces the file atomically.
    virtual base::Status write(const std::string &path, const std::string &data) = 0;
    virtual base::Status remove(const std::string &path) = 0;
};

/// The real disk (base::writeFileAtomic, QFile::remove).
class RealFileSystem : public FileSystem {
public:
    std::optional<std::string> read(const std::string &path) override;
    base::Status write(const std::string &path, const std::string &data) override;
    base::Status remove(const std::string &path) override;
};

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
    std::optional<Signature> signature;
    std::vector<std::string> notes;        ///< template notes, normalisation, overrides used
    base::Diagnostics warnings;
};

/// Checks and computes the plan; writes nothing. Errors are refusals (dirty worktree,
/// existing tag, version not newer, bad version, changelog already has the version,
/// detached HEAD) unless allowDirty/force override them (then they become notes).
base::Result<ReleasePlan> planRelease(const PrepareRequest &request);

/// What execution did.
struct [[nodiscard]] ExecutionReport {
    bool ok = false;
    std::vector<std::string> steps;       ///< steps completed, in order
    std::string commitHash;               ///< "" without a commit
    base::Diagnostic error;               ///< when !ok: the step that failed and why
    std::vector<std::string> restored;    ///< what the rollback restored
    std::vector<std::string> restoreProblems; ///< rollback steps that failed (should be empty)
};

/// Executes a plan. On failure, restores files, the index, the branch and the tag ref.
ExecutionReport executeRelease(const ReleasePlan &plan, FileSystem &disk);

/// What undo did.
struct UndoReport {
    std::string version;
    std::string tagName;
    std::string removedCommit;
    std::string branch;
    std::string resetTo;
};

/// Undoes the last prepared release: only when HEAD's message is `release: X`, a release
/// tag for X points at HEAD, the worktree is clean, and the branch's upstream (if any)
/// does not contain HEAD. Deletes the tag and hard-resets the branch to HEAD's parent.
base::Result<UndoReport> undoLastRelease(const std::string &buildRoot, const ReleaseSettings &settings = {});

} // namespace trellis::release
