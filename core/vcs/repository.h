// Repository: the git facts Trellis needs, read with libgit2 (never a git subprocess):
// files changed since a ref (Pants' --changed-since union), commit ranges
// (--changed-diffspec), refs and tags, the worktree state, and file contents at a revision.
//
//   auto repo = Repository::open("/repo/sub/buildroot");
//   if (!repo) report(repo.diagnostics());
//   auto changed = repo->changedSince("main");      // paths relative to the build root
//   for (const ChangedFile &f : *changed) ...
//
// Paths: libgit2 speaks repository-relative paths; this class converts them to paths
// relative to `scopeDir` (the Pants build root, which may be a subdirectory of the
// repository) and drops changes outside it.
#pragma once

#include "core/base/result.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct git_repository;

namespace trellis::vcs {

enum class ChangeStatus { Added, Modified, Deleted, TypeChanged, Untracked };

const char *changeStatusName(ChangeStatus s);

/// One changed file. Renames are never detected (Pants: a rename is a delete plus an add).
struct ChangedFile {
    std::string path;    ///< relative to the scope directory (build root)
    ChangeStatus status = ChangeStatus::Modified;
    friend bool operator==(const ChangedFile &, const ChangedFile &) = default;
};

/// A resolved commit.
struct CommitInfo {
    std::string hash;       ///< 40 hex digits
    std::string summary;    ///< first line of the message
    std::string message;    ///< whole message
    std::string author;     ///< "Name <email>"
    std::int64_t time = 0;  ///< committer time, seconds since the epoch (UTC)
    int timeOffsetMinutes = 0;
    std::string shortHash() const { return hash.substr(0, 10); }
};

/// A tag, lightweight or annotated, with the commit it points at.
struct TagInfo {
    std::string name;
    std::string target;     ///< commit hash
    bool annotated = false;
    std::string message;    ///< annotated tags only
};

/// The worktree state (release checks, GUI status bar).
struct WorktreeState {
    std::string branch;      ///< current branch name; "" when detached
    bool detached = false;
    bool clean = true;       ///< no staged, unstaged or untracked-not-ignored changes
    std::string headHash;    ///< "" on an unborn branch
    std::vector<ChangedFile> changes; ///< uncommitted changes (incl. untracked)
};

class Repository {
public:
    /// Opens the repository containing `scopeDir` (searching upward). Errors: not a git
    /// repository.
    static base::Result<std::shared_ptr<Repository>> open(const std::string &scopeDir);
    ~Repository();
    Repository(const Repository &) = delete;
    Repository &operator=(const Repository &) = delete;

    /// Absolute path of the worktree root (with trailing '/').
    std::string workdir() const;
    /// The scope (build root) relative to the worktree root ("" when equal).
    const std::string &scopePrefix() const { return m_prefix; }
    bool isShallow() const;

    /// Resolves a revision (`main`, `HEAD~3`, `origin/main`, a tag, a hash) to its commit.
    /// Errors name the revision and say why (unknown ref, missing in a shallow clone).
    base::Result<CommitInfo> resolve(const std::string &rev) const;
    /// The merge base of two revisions.
    base::Result<CommitInfo> mergeBase(const std::string &a, const std::string &b) const;

    /// Pants' --changed-since=REF (spec §7): changes between the merge base of REF and HEAD
    /// and HEAD, plus staged and unstaged changes, plus untracked files that are not
    /// ignored. Sorted by path.
    base::Result<std::vector<ChangedFile>> changedSince(const std::string &ref) const;
    /// Pants' --changed-diffspec: `A..B` (tree A to tree B), `A...B` (merge base of A and B
    /// to B) or a single commit (its first parent to it). No worktree changes.
    base::Result<std::vector<ChangedFile>> changedInDiffspec(const std::string &spec) const;
    /// Uncommitted changes only (staged, unstaged, untracked-not-ignored). As in git, the
    /// worktree side of skip-worktree entries (files outside a sparse checkout) is not a
    /// change; their staged side is.
    base::Result<std::vector<ChangedFile>> uncommittedChanges() const;

    base::Result<WorktreeState> worktreeState() const;
    /// Every tag, sorted by name.
    base::Result<std::vector<TagInfo>> tags() const;
    /// Local and remote branch names (`main`, `origin/main`), sorted.
    base::Result<std::vector<std::string>> branches() const;
    /// Up to `count` commits reachable from HEAD, newest first.
    base::Result<std::vector<CommitInfo>> recentCommits(int count) const;
    /// Number of commits reachable from `to` but not from `from` (commits since a tag).
    base::Result<int> countCommits(const std::string &from, const std::string &to) const;

    /// Contents of a scope-relative file at a revision; nullopt value when the file does
    /// not exist there. Errors for unknown revisions.
    base::Result<std::optional<std::string>> readFileAt(const std::string &rev, const std::string &path) const;

    git_repository *raw() const { return m_repo; } ///< for other core modules (release); not owned by callers

private:
    Repository() = default;
    /// Converts a repository-relative path to scope-relative; nullopt when outside.
    std::optional<std::string> toScope(const char *repoPath) const;

    git_repository *m_repo = nullptr; // owned
    std::string m_prefix;             // scope relative to workdir, "" or "dir/sub/" (with slash)
};

} // namespace trellis::vcs
