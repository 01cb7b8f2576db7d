// The result cache a goal uses: the LocalCache, tiered with a RemoteCache when
// [trellis.remote-cache] names a URL. A bad remote configuration, or a remote that
// fails, prints one warning and the run continues with the local cache.
//
// Trust boundary (docs/security.md): settings that send data off the machine or choose
// which environment variables are read (url, auth_*, ca_file, any unknown key) come from
// the user: ~/.config/trellis/trellis.toml, then TRELLIS_REMOTE_CACHE_<KEY> environment
// variables. The repository's own configuration (pants.toml and the files it pulls in)
// may set them only once the user trusted that repository: `trellis --trust-repo ...`
// records (repository root, digest of those settings) in ~/.config/trellis/trusted-repos,
// and TRELLIS_TRUST_REPO=1 trusts it for one run. A change to the settings needs a new
// trust. Until then they are ignored with one warning naming the host. Harmless keys
// (mode, timeouts, size bounds) are always read from the repository.
//
//   ResultCacheSetup cache = makeResultCache(opts, dir, env, TrustNow::No, warn);
//   req.cache = cache.cache;
//   ... run ...
//   cache.finish();   // waits (bounded by the remote timeout) for pending uploads
#pragma once

#include "core/base/result.h"
#include "core/engine/cache.h"
#include "core/engine/remotecache.h"

#include <map>
#include <optional>
#include <memory>
#include <functional>
#include <string>
#include <vector>

namespace trellis::workspace {
class Options;
}

namespace trellis::run {

/// A run's result cache and, when configured, the remote tier inside it.
struct ResultCacheSetup {
    std::shared_ptr<engine::ResultCache> cache;
    std::shared_ptr<engine::RemoteCache> remote; ///< null without a remote
    int flushTimeoutMs = 0;

    /// Waits at most the remote timeout for queued uploads; prints nothing.
    void finish() const;
};

using Settings = std::map<std::string, std::string>;

/// Remote-cache settings split by where they come from (keys with '_', not '-').
struct RemoteCacheSources {
    Settings user;       ///< the user's file, then TRELLIS_REMOTE_CACHE_* from the environment
    Settings repository; ///< [trellis.remote-cache] of the repository's configuration
};

/// Reads both sources. `userConfigFile` "" = ~/.config/trellis/trellis.toml.
RemoteCacheSources remoteCacheSources(const workspace::Options &opts, const Settings &environment,
                                      const std::string &userConfigFile = {});

/// True for keys a repository may set without being trusted (they neither send data
/// anywhere nor read secrets): mode, timeout_ms, connect_timeout_ms, max_blob_size,
/// max_pending_uploads.
bool isHarmlessRemoteCacheKey(const std::string &key);

/// What the user is asked to trust: the repository's settings that need trust.
struct RepositoryTrustRequest {
    std::string root;   ///< canonical repository root
    std::string digest; ///< SHA-256 of the settings that need trust
    std::string host;   ///< where they would send data ("" when no url is set)
    std::vector<std::string> keys; ///< the settings that need trust, sorted
    bool changed = false; ///< the repository was trusted before, with other settings
};

/// The trust request for the repository at `root`, or nullopt when its settings need
/// none (no sensitive key) or it is already trusted with exactly these settings.
/// `trustStore` "" = ~/.config/trellis/trusted-repos. The GUI shows this in its prompt.
std::optional<RepositoryTrustRequest> repositoryTrustRequest(const std::string &root, const Settings &repository,
                                                             const std::string &trustStore = {});
/// Records that the user trusts `request` (appends to the trust store).
base::Status trustRepository(const RepositoryTrustRequest &request, const std::string &trustStore = {});

/// What the user said about the repository in this run.
enum class TrustNow {
    No,       ///< only what the trust store says
    ThisRun,  ///< TRELLIS_TRUST_REPO=1: trusted for this run, not remembered
    Remember, ///< --trust-repo: trusted and recorded in the trust store
};

/// The settings in effect: user settings, then the repository's harmless keys, then —
/// when trusted — all of its keys (repository wins key by key); the user's `mode` is
/// final. `warnings` gets one line when untrusted settings were ignored.
Settings effectiveRemoteCacheSettings(const RemoteCacheSources &sources, const std::string &root, TrustNow trustNow,
                                      std::vector<std::string> &warnings, const std::string &trustStore = {});

/// What the user said, from the environment (TRELLIS_TRUST_REPO=1: ThisRun) and the
/// command line's --trust-repo (`remember`: Remember).
TrustNow trustFromEnvironment(const Settings &environment, bool remember);

/// Receives warnings (a bad remote configuration, a failing remote); may be called from
/// worker threads, one call at a time.
using WarningSink = std::function<void(const std::string &warning)>;

/// LocalCache at `dir` (bounded to `maxBytes`), tiered with the remote when one is
/// configured and allowed by the trust rule.
ResultCacheSetup makeResultCache(const workspace::Options &opts, const std::string &dir,
                                 const Settings &environment, TrustNow trustNow, WarningSink warn,
                                 std::int64_t maxBytes = std::int64_t(1) << 30);

} // namespace trellis::run
