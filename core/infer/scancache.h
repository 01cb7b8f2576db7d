// ScanCache: the on-disk cache of ImportScanner results, one pack file per build root.
//
//   ScanCache cache(dir, "/repo");               // loads <dir>/<hash of /repo>.pack
//   FileStamp st = statFile(abs);
//   if (auto *hit = cache.find(path, st)) use(*hit);          // no file read at all
//   else { bytes = read; if (auto *h2 = cache.findContent(path, contentHash(bytes))) ... }
//   cache.insert(path, st, hash, result);
//   cache.save();
//
// The pack is an append-only sequence of checksummed records behind a header that names
// the format and scanner version. Loading reads it once and keeps an index; a record that
// fails its checksum ends the readable part (the rest is rescanned and rewritten). Saving
// appends only new records with one O_APPEND write, or rewrites the whole pack through a
// temporary file and an atomic rename when it holds too many stale or unreadable records,
// keeping just the files seen this run (so the pack stays about the size of the repo).
// Two processes may save at once: each append is atomic, and a lost append is only a miss.
#pragma once

#include "core/base/result.h"
#include "core/infer/importscanner.h"

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace trellis::infer {

/// Metadata used as the fast cache key. `size` -1 = the file could not be stat'ed.
struct FileStamp {
    std::int64_t size = -1;
    std::int64_t mtimeNs = 0;
    friend bool operator==(const FileStamp &, const FileStamp &) = default;
};

/// stat() of an absolute path.
FileStamp statFile(const std::string &absolutePath);

class ScanCache {
public:
    /// A disabled cache (find misses, save does nothing).
    ScanCache() = default;
    /// Opens the pack for `buildRoot` in directory `dir` (created on save).
    ScanCache(std::string dir, std::string_view buildRoot);

    bool enabled() const { return !m_packPath.empty(); }
    const std::string &packPath() const { return m_packPath; }

    /// Whether there is any record for `path` (else find and findContent miss, and the
    /// file need not be stat'ed before it is read). Thread-safe.
    bool contains(const std::string &path);
    /// The cached result for `path` when its size and mtime are unchanged. Thread-safe.
    const ScanResult *find(const std::string &path, const FileStamp &stamp);
    /// The cached result for `path` when its content hash is unchanged. Thread-safe.
    const ScanResult *findContent(const std::string &path, std::uint64_t hash);
    /// Records a (re)scanned or re-stamped file. Thread-safe.
    void insert(const std::string &path, const FileStamp &stamp, std::uint64_t hash, ScanResult result);

    /// Writes new records (append or compacting rewrite). Call once, after the scans.
    base::Status save();

    /// Records read at load (including superseded ones) and records dropped as unreadable.
    int loadedRecords() const { return m_loadedRecords; }
    bool loadHadErrors() const { return m_corrupt; }

private:
    struct Entry {
        FileStamp stamp;
        std::uint64_t hash = 0;
        ScanResult result;
        bool seen = false;  ///< looked up or inserted this run
        bool dirty = false; ///< not yet in the pack
    };

    void load();
    static void encode(std::string &out, const std::string &path, const Entry &e);

    std::string m_packPath;
    std::mutex m_mutex;
    std::unordered_map<std::string, Entry> m_entries;
    int m_loadedRecords = 0;
    bool m_corrupt = false;    ///< bad header, checksum or truncation seen at load
    bool m_fileExists = false;
};

} // namespace trellis::infer
