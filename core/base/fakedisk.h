// FakeDisk: an in-memory Disk for tests (ninja's VirtualFileSystem), which can fail
// chosen calls with a chosen errno (a full disk, a read-only directory, a failing fsync)
// and logs every call so that a test can fail each step in turn.
//
//   base::FakeDisk disk;
//   disk.addFile("/repo/VERSION", "1.0\n");
//   disk.failNext(base::FakeDisk::Op::Write, ENOSPC);
//   base::writeFileAtomically(disk, "/repo/VERSION", "1.1\n");  // error: No space left on device
//   disk.file("/repo/VERSION");                                 // "1.0\n": untouched
#pragma once

#include "core/base/disk.h"

#include <map>
#include <mutex>
#include <optional>

namespace trellis::base {

/// An in-memory disk. Paths are compared as strings ('/'-separated, no normalisation);
/// "" and "/" are the root directory, which always exists. Thread-safe.
class FakeDisk : public Disk {
public:
    enum class Op { Read, Stat, List, MakeDirs, Create, Write, Sync, Close, Rename, Link, Remove, SyncDir };

    /// Adds (or replaces) a file, creating its parent directories.
    void addFile(const std::string &path, std::string content);
    /// Adds a directory and its parents.
    void addDirectory(const std::string &path);
    /// A file's content; nullopt when there is no such file.
    std::optional<std::string> file(const std::string &path) const;
    /// Every file and directory, sorted (directories end in '/').
    std::vector<std::string> paths() const;

    /// The next `times` calls of `op` whose path contains `pathContains` fail with `err`
    /// (times < 0: every such call).
    void failNext(Op op, int err, std::string pathContains = {}, int times = 1);
    /// At most `bytes` of file content in total; writes beyond fail with ENOSPC.
    void setCapacity(std::uint64_t bytes);
    /// Every call so far, "write /path", "rename /a /b", ... in order.
    std::vector<std::string> calls() const;

    Result<std::string> readFile(const std::string &path, std::size_t maxBytes = kNoLimit) const override;
    Result<FileInfo> stat(const std::string &path) const override;
    Result<std::vector<DirEntry>> listDirectory(const std::string &path) const override;
    /// The path itself (the fake has no symlinks) when it exists.
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

private:
    struct Node {
        bool isDir = false;
        std::string content;
        std::int64_t mtimeNs = 0;
    };
    struct Failure {
        Op op;
        int err;
        std::string pathContains;
        int times; ///< < 0: forever
    };

    /// Logs the call and returns the errno to fail it with, 0 for none. Caller holds m_mutex.
    int hit(Op op, const std::string &call, const std::string &path) const;
    bool isDirLocked(const std::string &path) const;
    void addDirectoryLocked(const std::string &path);
    std::uint64_t usedLocked() const;

    mutable std::mutex m_mutex;
    std::map<std::string, Node> m_nodes;        ///< every file and directory except the root
    std::map<int, std::string> m_open;          ///< handle -> path of a file open for writing
    int m_nextHandle = 3;
    std::int64_t m_clock = 1;                   ///< fake mtime, advanced by every change
    std::uint64_t m_capacity = UINT64_MAX;
    mutable std::vector<Failure> m_failures;
    mutable std::vector<std::string> m_calls;
};

} // namespace trellis::base
