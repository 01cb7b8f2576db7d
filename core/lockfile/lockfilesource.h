// Where lockfiles are and how to read one at a revision: the `[python].resolves` option
// (when `enable_resolves` is on) or explicit paths, read from a git revision through
// vcs::Repository or from the working tree.
//
//   auto refs = lockfilesFromOptions(ws->options(), {});
//   auto diff = diffLockfileRevisions(*repo, ws->buildRoot(), refs[0], "HEAD", std::nullopt);
#pragma once

#include "core/lockfile/lockfilediff.h"
#include "core/vcs/repository.h"
#include "core/workspace/options.h"

#include <optional>
#include <string>
#include <vector>

namespace trellis::lockfile {

/// A lockfile to diff: build-root-relative path plus the resolve it belongs to.
struct LockfileRef {
    std::string path;
    std::string resolve; ///< "" when not known from the options
    friend bool operator==(const LockfileRef &, const LockfileRef &) = default;
};

/// `explicitPaths` when given (resolve names looked up in [python].resolves), else every
/// `[python].resolves` entry when `[python].enable_resolves` is true, in option order.
std::vector<LockfileRef> lockfilesFromOptions(const workspace::Options &options,
                                              const std::vector<std::string> &explicitPaths);

/// Reads build-root-relative files at one revision, or from the working tree when
/// `revision` is nullopt. Absolute paths inside the build root are accepted.
class RevisionReader {
public:
    RevisionReader(const vcs::Repository *repo, std::string buildRoot, std::optional<std::string> revision);
    /// The file's content; nullopt value when it does not exist there.
    base::Result<std::optional<std::string>> read(const std::string &path) const;
    /// "worktree" or the revision.
    std::string label() const { return m_revision.value_or("worktree"); }

private:
    const vcs::Repository *m_repo; // not owned; may be null for worktree-only reads
    std::string m_buildRoot;
    std::optional<std::string> m_revision;
};

/// Parses `ref` as read by `reader`; a missing file is an empty lockfile (so a new
/// lockfile diffs as all added). Errors: unreadable revision, malformed lockfile.
base::Result<Lockfile> loadLockfile(const RevisionReader &reader, const LockfileRef &ref);

/// Loads `ref` at base and head and diffs them. Errors when the file exists in neither.
base::Result<LockfileDiff> diffLockfileRevisions(const RevisionReader &base, const RevisionReader &head,
                                                 const LockfileRef &ref);

} // namespace trellis::lockfile
