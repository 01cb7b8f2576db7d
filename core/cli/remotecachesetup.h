// The result cache a goal uses: the LocalCache, tiered with a RemoteCache when
// [trellis.remote-cache] names a URL (pants.toml wins over ~/.config/trellis/trellis.toml,
// key by key). A bad remote configuration, or a remote that fails, prints one warning and
// the run continues with the local cache.
//
//   GoalCache cache = makeGoalCache(opts, dir, processEnvironment(), ctx.err);
//   req.cache = cache.cache;
//   ... run ...
//   cache.finish();   // waits (bounded by the remote timeout) for pending uploads
#pragma once

#include "core/cli/goal.h"

#include "core/engine/cache.h"
#include "core/engine/remotecache.h"

#include <map>
#include <optional>
#include <memory>
#include <ostream>
#include <string>

namespace trellis::workspace {
class Options;
}

namespace trellis::cli {

/// A goal's cache and, when configured, the remote tier inside it.
struct GoalCache {
    std::shared_ptr<engine::ResultCache> cache;
    std::shared_ptr<engine::RemoteCache> remote; ///< null without a remote
    int flushTimeoutMs = 0;

    /// Waits at most the remote timeout for queued uploads; prints nothing.
    void finish() const;
};

/// The [trellis.remote-cache] settings as strings, user file first, pants.toml over it.
std::map<std::string, std::string> remoteCacheSettings(const workspace::Options &opts);

/// LocalCache at `dir` (bounded to 1 GiB), tiered with the remote when one is configured.
/// Warnings go to `err`, at most one per process from the remote.
GoalCache makeGoalCache(const workspace::Options &opts, const std::string &dir,
                        const std::map<std::string, std::string> &environment, std::ostream &err);

/// The result cache a goal asked for on its command line: none with `--no-cache`, else
/// makeGoalCache() in `--cache-dir` (default: the user cache directory).
GoalCache goalCacheFromFlags(const GoalContext &ctx, const workspace::Options &opts,
                             const std::map<std::string, std::string> &environment);

/// `--jobs=N`: 0 when absent; nullopt (after printing the error) when not a positive number.
std::optional<int> jobsFromFlags(const GoalContext &ctx);

} // namespace trellis::cli
