// Result caches. A goal computes a key (a digest of everything that can change a result)
// and asks the cache before running anything. LocalCache stores entries on disk; a
// remote cache can sit behind the same interface (TieredCache: local first, then remote).
//
//   LocalCache cache(base::cacheDir() + "/results", 512 << 20);
//   if (auto hit = cache.get(key)) use(hit->value);
//   else cache.put(key, serialize(result));
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace trellis::engine {

/// A cache hit: the stored bytes and how to describe where they came from in
/// summaries ("cached locally" / "cached remotely").
struct CacheHit {
    std::string value;
    std::string source;
};

/// A key/value store of results. Keys are lower-case hex digests. Implementations are
/// thread-safe and never throw; a broken entry reads as a miss.
class ResultCache {
public:
    virtual ~ResultCache() = default;
    virtual std::optional<CacheHit> get(const std::string &key) = 0;
    virtual void put(const std::string &key, const std::string &value) = 0;
};

/// Entries as files `<dir>/<k0k1>/<key>` with a checksummed header, written atomically
/// (temporary file + rename) so concurrent Trellis processes never see half an entry.
/// Reads refresh the file time; when the total size passes `maxBytes` the least recently
/// used entries are deleted until it is under 90% of the bound.
class LocalCache : public ResultCache {
public:
    LocalCache(std::string dir, std::int64_t maxBytes);
    std::optional<CacheHit> get(const std::string &key) override;
    void put(const std::string &key, const std::string &value) override;

    /// Deletes least recently used entries until the cache fits its bound. Returns bytes freed.
    std::int64_t trim();
    /// Total bytes of entries on disk.
    std::int64_t sizeOnDisk() const;
    const std::string &directory() const { return m_dir; }

private:
    std::string pathFor(const std::string &key) const;

    std::string m_dir;
    std::int64_t m_maxBytes;
    std::mutex m_mutex;        ///< guards m_putsSinceTrim
    int m_putsSinceTrim = 0;
};

/// Local first, then `remote` (which may be null); remote hits are copied locally.
class TieredCache : public ResultCache {
public:
    TieredCache(std::shared_ptr<ResultCache> local, std::shared_ptr<ResultCache> remote);
    std::optional<CacheHit> get(const std::string &key) override;
    void put(const std::string &key, const std::string &value) override;

private:
    std::shared_ptr<ResultCache> m_local;  // may be null
    std::shared_ptr<ResultCache> m_remote; // may be null
};

/// Builds a SHA-256 digest from labelled parts (each part length-prefixed, so
/// ("ab","c") and ("a","bc") differ).
class Digest {
public:
    Digest();
    ~Digest();
    Digest &add(std::string_view label, std::string_view value);
    Digest &addFile(std::string_view label, const std::string &path); ///< content hash, or "missing"
    std::string hex() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// SHA-256 of bytes, lower-case hex.
std::string sha256Hex(std::string_view data);

} // namespace trellis::engine
