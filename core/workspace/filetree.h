// FileTree: every file of a workspace that Pants can see (pants_ignore and .gitignore
// applied), walked once, plus Pants-semantics glob matching over it.
//
//   auto tree = FileTree::walk("/repo", {".*/", "/dist/"}, true, cancel);
//   tree->glob("src/app", {"*.py", "sub/*.py", "!*_test.py"});  // sorted buildroot-relative paths
#pragma once

#include "core/base/canceltoken.h"
#include "core/base/disk.h"
#include "core/base/result.h"

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <string_view>
#include <vector>

namespace trellis::workspace {

/// What a file or directory looked like when it was read: enough to tell, with one
/// stat(), whether it may have changed since. `size` -1 = missing (a missing ignore file
/// that appears later is a change too).
struct PathStamp {
    std::string path; ///< buildroot-relative for directories; absolute for ignore files
    std::int64_t size = -1;
    std::int64_t mtimeNs = 0;
    friend bool operator==(const PathStamp &, const PathStamp &) = default;
};

/// An immutable listing of a workspace's visible files. Thread-safe to query.
class FileTree {
public:
    /// Walks `buildRoot` (absolute), skipping what `ignorePatterns` (gitignore syntax,
    /// Pants' pants_ignore) and, when `useGitignore`, the repository's .gitignore files,
    /// .git/info/exclude and the global excludes file hide. pants_ignore wins over
    /// gitignore (a `!pattern` there re-includes). Symlinks to files count as files;
    /// symlinks to directories inside the build root are followed (never in a loop),
    /// their files listed under the link's path; links leaving the build root are not.
    /// Everything is read through `disk` (not owned; null: the real disk).
    static base::Result<std::shared_ptr<const FileTree>> walk(const std::string &buildRoot,
                                                              const std::vector<std::string> &ignorePatterns,
                                                              bool useGitignore,
                                                              const base::CancelToken &cancel = {},
                                                              const base::Disk *disk = nullptr);
    /// A tree from an explicit file list (tests, fakes).
    static std::shared_ptr<const FileTree> fromFiles(std::string buildRoot, std::vector<std::string> files);
    /// A tree as a previous walk() left it (a persisted snapshot): `files` sorted and
    /// unique, with that walk's directory and ignore-file stamps.
    static std::shared_ptr<const FileTree> restore(std::string buildRoot, std::vector<std::string> files,
                                                   std::vector<PathStamp> directories,
                                                   std::vector<PathStamp> ignoreFiles);

    /// Every directory walk() listed (not the ignored ones), with its modification time
    /// taken before it was listed, sorted by path. A file added, removed or renamed in one
    /// of them changes that time, so comparing these stamps tells whether a new walk would
    /// list other files. Empty for trees not made by walk().
    const std::vector<PathStamp> &walkedDirectories() const { return m_walkedDirs; }
    /// The ignore files the walk read or looked for (global excludes, info/exclude,
    /// .gitignore files), absolute paths, with their stamps (size -1 = absent).
    const std::vector<PathStamp> &ignoreFiles() const { return m_ignoreFiles; }

    const std::string &buildRoot() const { return m_buildRoot; }
    /// All visible files, buildroot-relative, sorted (byte order).
    const std::vector<std::string> &files() const { return m_files; }
    bool contains(std::string_view path) const;
    /// Files directly in `dir` (basenames, sorted).
    std::vector<std::string_view> filesIn(std::string_view dir) const;
    /// Directories that contain at least one visible file (directly or below), sorted,
    /// "" = root.
    std::vector<std::string> directories() const;

    /// Pants source-field globs relative to `dir` (base::SourceGlobs): `*` within a
    /// component, `**` across, `!pattern` excludes (gitignore patterns applied after all
    /// includes); `../` patterns allowed. Returns
    /// sorted buildroot-relative paths. `unmatched` receives includes that matched nothing.
    std::vector<std::string> glob(std::string_view dir, const std::vector<std::string> &patterns,
                                  std::vector<std::string> *unmatched = nullptr) const;

    /// Absolute path of a buildroot-relative one.
    std::string absolutePath(std::string_view rel) const;

private:
    /// Builds the directory indexes from m_files (which must be sorted and unique).
    void buildIndex();
    void matchGlob(const std::string &dir, const std::vector<std::string> &components, size_t index,
                   std::vector<std::string> &out, std::set<std::pair<std::string, size_t>> &visited) const;
    void addFilesUnder(const std::string &dir, std::vector<std::string> &out) const;

    std::string m_buildRoot;
    std::vector<std::string> m_files; // sorted, unique, buildroot-relative
    /// Directory ("" = root) -> indices into m_files of the files directly in it (sorted).
    std::unordered_map<std::string, std::vector<std::uint32_t>> m_filesByDir;
    /// Directory -> names of its subdirectories that hold visible files (sorted).
    std::unordered_map<std::string, std::vector<std::string>> m_subdirs;
    /// Every directory holding a visible file at any depth, "" included, sorted.
    std::vector<std::string> m_dirs;
    std::vector<PathStamp> m_walkedDirs;
    std::vector<PathStamp> m_ignoreFiles;
};

/// True when `pattern` (a source-field glob, `!` exclude prefix allowed) joined to `dir`
/// climbs above the build root with `..` (such a glob can never match; Pants rejects it).
bool globEscapesRoot(std::string_view dir, std::string_view pattern);

} // namespace trellis::workspace
