// RemoteCache: the remote side of ResultCache over the HTTP cache protocol that Bazel's
// --remote_cache=http://, bazel-remote, nginx with WebDAV and most hosted build caches
// speak: GET/PUT/HEAD on `/cas/<sha256>` (content blobs, addressed by their own digest)
// and `/ac/<sha256>` (action results, addressed by the cache key).
//
// A result is stored as two objects: the payload as a CAS blob, then a small action
// record under /ac/<key> naming its own key and the blob's digest and size. A read
// fetches the record, rejects it unless it names the requested key (a server replaying
// one record for every key disables the remote), then fetches the blob and trusts it
// only when its SHA-256 and size match the record, so a corrupted or truncated blob is
// discarded as a miss. Records of older versions (without the key) are misses. With a
// signing key (signing_key_env) records carry an HMAC-SHA256 of their lines, and only
// records signed with that key are accepted: a cache server that does not hold the key
// cannot forge results, so a cache whose operator is not trusted can still be read. Uploads go through a bounded
// queue drained by one background thread (CAS first, then AC, so a record never names a
// blob that was not written); when the queue is full the upload is dropped.
//
// The remote can never fail a run: every request has one deadline, and after the first
// transport failure, 5xx, 401/403 or garbage record the remote is marked unavailable for
// the rest of the process and the warning handler is called once; later calls return
// misses at once and uploads are dropped.
//
// Transport is CurlHttpClient (libcurl: http and https with certificate verification).
// Configuration is validated on the way in: header values without control characters,
// and a token is never sent over plain http:// except to a loopback address.
//
//   auto cfg = RemoteCacheConfig::fromSettings({{"url", "https://cache.example.com"}}, env);
//   auto remote = std::make_shared<RemoteCache>(**cfg, [](const std::string &w) { log(w); });
//   TieredCache cache(local, remote);
//   ... run ...
//   remote->flush(cfg->timeoutMs);    // wait (bounded) for pending uploads
#pragma once

#include "core/base/result.h"
#include "core/engine/cache.h"
#include "core/engine/httpclient.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace trellis::engine {

/// Settings of [trellis.remote-cache] (pants.toml or ~/.config/trellis/trellis.toml).
struct RemoteCacheConfig {
    std::string url;                ///< http[s]://host[:port][/prefix]
    bool read = true;               ///< mode "read-write" or "read"
    bool write = true;              ///< mode "read-write" or "write"
    std::string authHeader = "Authorization";
    std::string authScheme = "Bearer"; ///< prefix of the header value; "" sends the bare token
    std::string authTokenEnv;       ///< name of the environment variable holding the token
    std::string authToken;          ///< the token itself (secret: never logged or printed)
    std::string caFile;             ///< PEM CA bundle for https ("" = the system store)
    std::string signingKeyEnv;      ///< environment variable holding the record signing key
    std::string signingKey;         ///< shared secret: records carry HMAC-SHA256 under it, and
                                    ///< reads accept only records signed with it (secret)
    int connectTimeoutMs = 2000;
    int timeoutMs = 5000;           ///< per request, and the bound of the exit-time flush
    std::int64_t maxBlobBytes = std::int64_t(16) << 20; ///< larger results are neither uploaded nor downloaded
    int maxPendingUploads = 256;

    /// Builds a config from option values given as strings (keys with '-' or '_');
    /// nullopt when no `url` is set or mode is "off". `environment` supplies the token.
    static base::Result<std::optional<RemoteCacheConfig>>
    fromSettings(const std::map<std::string, std::string> &settings,
                 const std::map<std::string, std::string> &environment);
    /// The header to send with every request, or {"", ""} without a token.
    std::pair<std::string, std::string> authorization() const;
};

/// Counters, for summaries, tests and benchmarks.
struct RemoteCacheStats {
    int hits = 0;
    int misses = 0;
    int corrupt = 0;        ///< blobs discarded because their digest or size did not match
    int uploads = 0;        ///< results fully written (CAS + AC)
    int uploadsDropped = 0; ///< queue full, too large, remote unavailable, or rejected
    int rejected = 0;       ///< action records that named another key or had a wrong signature
};

/// ResultCache over the HTTP CAS/AC protocol; see the file comment.
class RemoteCache : public ResultCache {
public:
    using WarningHandler = std::function<void(const std::string &)>;

    /// Uses a CurlHttpClient for `config.url` (which must parse: see fromSettings).
    RemoteCache(RemoteCacheConfig config, WarningHandler onWarning);
    /// Uses `client` (tests pass fakes).
    RemoteCache(RemoteCacheConfig config, std::unique_ptr<HttpClient> client, WarningHandler onWarning);
    /// Waits at most timeoutMs for pending uploads, then drops the rest.
    ~RemoteCache() override;
    RemoteCache(const RemoteCache &) = delete;
    RemoteCache &operator=(const RemoteCache &) = delete;

    std::optional<CacheHit> get(const std::string &key) override;
    /// Queues an upload and returns at once.
    void put(const std::string &key, const std::string &value) override;

    /// Waits until every queued upload is done or `timeoutMs` passed; true when drained.
    bool flush(int timeoutMs);
    /// False once a failure marked the remote unavailable.
    bool available() const { return m_available.load(); }
    RemoteCacheStats stats() const;

    /// The action record stored under /ac/<key> for a payload, signed when `signingKey`
    /// is given.
    static std::string actionRecord(const std::string &key, const std::string &payload,
                                    const std::string &signingKey = {});

private:
    struct Upload {
        std::string key;
        std::string value;
    };
    base::Result<HttpResponse> request(const std::string &method, const std::string &path, std::string body = {});
    void markUnavailable(const std::string &why);
    void warnOnce(const std::string &message);
    void uploadLoop();
    bool upload(const Upload &u);

    RemoteCacheConfig m_config;
    std::unique_ptr<HttpClient> m_client; // null when the URL did not parse (remote unavailable)
    WarningHandler m_onWarning;
    std::atomic<bool> m_available{true};
    std::atomic<bool> m_warned{false};

    mutable std::mutex m_mutex; ///< guards everything below
    std::condition_variable m_wake;    ///< the queue grew, or stopping
    std::condition_variable m_drained; ///< the queue emptied and the worker is idle
    std::deque<Upload> m_queue;
    bool m_busy = false;     ///< the worker is uploading an item taken off the queue
    bool m_stopping = false;
    RemoteCacheStats m_stats;
    std::thread m_worker;    ///< started by the first put
};

} // namespace trellis::engine
