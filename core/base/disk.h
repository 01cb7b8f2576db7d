// Disk: the one interface for file side effects in core (after ninja's DiskInterface).
// Reads, stats and directory listings, and the steps of an atomic write (create a
// temporary file, write, fsync, close, rename, fsync the directory) one call each, so
// that a test can fail any single step. RealDisk is the POSIX disk; FakeDisk (fakedisk.h)
// an in-memory one that can fail chosen calls with chosen errors (ENOSPC, EACCES, ...).
//
//   base::RealDisk disk;
//   auto text = disk.readFile("/repo/VERSION", 1 << 20);   // Result<std::string>
//   base::Status st = base::writeFileAtomically(disk, "/repo/VERSION", "1.2.0\n");
//   if (!st) print(st.diagnostics());                      // "/repo/.VERSION...: cannot write: No space left on device"
#pragma once

#include "core/base/result.h"

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace trellis::base {

/// What stat() knows about a path. A missing path is not an error: `exists` is false.
struct FileInfo {
    bool exists = false;
    bool isDir = false;       ///< a directory (through a symlink too)
    bool isFile = false;      ///< a regular file (through a symlink too)
    bool isSymlink = false;   ///< the path itself is a symlink (lstat)
    std::uint64_t size = 0;   ///< bytes of the file (or the link's target)
    std::int64_t mtimeNs = 0; ///< modification time, ns since the epoch; 0 when missing
};

/// One entry of a directory listing.
struct DirEntry {
    std::string name;
    bool isDir = false;     ///< a directory, or a symlink to one
    bool isFile = false;    ///< a regular file, or a symlink to one
    bool isSymlink = false; ///< the entry itself is a symlink (neither isDir nor isFile: dangling)
};

/// File side effects. Every failure is a Diagnostic naming the path and the system's
/// reason (strerror text); nothing is ignored. Reads are const and safe to call from
/// several threads on RealDisk.
class Disk {
public:
    static constexpr std::size_t kNoLimit = std::numeric_limits<std::size_t>::max();

    virtual ~Disk() = default;

    /// The whole file; an error when it is missing, unreadable, a directory, or larger
    /// than `maxBytes` (then nothing is read).
    virtual Result<std::string> readFile(const std::string &path, std::size_t maxBytes = kNoLimit) const = 0;
    /// stat of `path` (lstat for isSymlink); an error only when the system refuses (EACCES).
    virtual Result<FileInfo> stat(const std::string &path) const = 0;
    /// The entries of a directory except "." and "..", sorted by name.
    virtual Result<std::vector<DirEntry>> listDirectory(const std::string &path) const = 0;
    /// The absolute path with every symlink resolved (realpath(3)); an error when missing.
    virtual Result<std::string> realPath(const std::string &path) const = 0;

    /// Creates `path` and its missing parents; an existing directory is fine.
    virtual Status makeDirectories(const std::string &path) = 0;
    /// Creates `path`, which must not exist, for writing; with the permission bits of
    /// `modeFrom` when that file exists. Returns a handle for write/sync/close.
    virtual Result<int> create(const std::string &path, const std::string &modeFrom) = 0;
    /// Writes all of `data` (short writes are retried, errors such as ENOSPC reported).
    virtual Status write(int handle, std::string_view data) = 0;
    /// fsync: the data is on the disk.
    virtual Status sync(int handle) = 0;
    /// Flushes and closes; the handle is gone even when this fails.
    virtual Status close(int handle) = 0;
    /// Atomic rename, replacing `to` when it exists.
    virtual Status rename(const std::string &from, const std::string &to) = 0;
    /// A second name for an existing file (backups that need no space).
    virtual Status link(const std::string &existing, const std::string &newPath) = 0;
    /// Deletes a file; a missing file is not an error.
    virtual Status remove(const std::string &path) = 0;
    /// fsync of a directory, so that renames in it are durable.
    virtual Status syncDirectory(const std::string &dir) = 0;
};

/// The real disk (POSIX calls, errors with strerror text).
class RealDisk : public Disk {
public:
    Result<std::string> readFile(const std::string &path, std::size_t maxBytes = kNoLimit) const override;
    Result<FileInfo> stat(const std::string &path) const override;
    Result<std::vector<DirEntry>> listDirectory(const std::string &path) const override;
    Result<std::string> realPath(const std::string &path) const override;
    Status makeDirectories(const std::string &path) override;
    Result<int> create(const std::string &path, const std::string &modeFrom) override;
    Status write(int handle, std::string_view data) override;
    Status sync(int handle) override;
    Status close(int handle) override;
    Status rename(const std::string &from, const std::string &to) override;
    Status link(const std::string &existing, const std::string &newPath) override;
    Status remove(const std::string &path) override;
    Status syncDirectory(const std::string &dir) override;
};

/// "dir/.name.<tag>-<pid>": a name next to `path` for its temporary or backup copy.
std::string siblingPath(const std::string &path, std::string_view tag);

/// Writes `data` into a new temporary file next to `target` (create with target's
/// permissions, write, fsync, close); returns its path. On failure the temporary file is
/// removed and the error names it.
Result<std::string> writeTemporaryFile(Disk &disk, const std::string &target, std::string_view data);
/// The same with the file's content given in pieces, written one after the other; not
/// fsynced unless `durable`.
Result<std::string> writeTemporaryFile(Disk &disk, const std::string &target, const std::vector<std::string_view> &pieces,
                                       bool durable = true);

/// Replaces (or creates) `path` with `data`: a temporary file next to it, written,
/// fsynced and closed, renamed over `path`, then the directory fsynced. Every step is
/// checked; on failure the temporary file is removed and `path` is untouched.
Status writeFileAtomically(Disk &disk, const std::string &path, std::string_view data);
/// The same with the content in pieces (a large file built in parts is not joined first).
/// Without `durable`, nothing is fsynced: for a cache whose reader checks a checksum,
/// where a crash may cost the file but the rename still never exposes a partial write
/// to a running reader.
Status writeFileAtomically(Disk &disk, const std::string &path, const std::vector<std::string_view> &pieces,
                           bool durable = true);

} // namespace trellis::base
