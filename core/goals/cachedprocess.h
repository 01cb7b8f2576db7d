// The cached-process step every process-running goal shares (test, lint, fmt, check):
// look the task's cache key up and answer from the cache, or run the process while its
// output streams to the observer, then keep a successful result.
//
//   if (auto hit = answerFromCache<TestProcessResult>(cache, key, deserializeResult,
//                                                      [&](TestProcessResult &c) { c.targets = r.targets; }))
//       return *hit;
//   CapturedRun run = runCaptured(runner, spec, ctx);
//   ... fill r from run ...
//   storeIfSucceeded(cache, key, r, serializeResult);
#pragma once

#include "core/engine/cache.h"
#include "core/engine/process.h"
#include "core/engine/scheduler.h"

#include <functional>
#include <optional>
#include <string>

namespace trellis::goals {

/// The task's outcome from the cache when `key` has an entry that `decode` accepts: the
/// result marked cached (with where it came from) and succeeded, after `fill` restored
/// what the entry does not store (descriptions, targets). A broken entry is a miss.
template <typename Result>
std::optional<engine::TaskOutcome> answerFromCache(engine::ResultCache *cache, const std::string &key,
                                                   std::optional<Result> (*decode)(const std::string &),
                                                   const std::function<void(Result &)> &fill)
{
    if (!cache || key.empty())
        return std::nullopt;
    std::optional<engine::CacheHit> hit = cache->get(key);
    if (!hit)
        return std::nullopt;
    std::optional<Result> cached = decode(hit->value);
    if (!cached)
        return std::nullopt;
    if (fill)
        fill(*cached);
    cached->cached = true;
    cached->cacheSource = hit->source;
    cached->status = engine::TaskStatus::Succeeded;
    engine::TaskOutcome outcome;
    outcome.cached = true;
    outcome.cacheSource = hit->source;
    outcome.durationMs = cached->durationMs;
    outcome.payload = std::move(*cached);
    return outcome;
}

/// A finished process with everything it printed (stdout and stderr as they interleaved).
struct CapturedRun {
    engine::ProcessResult process;
    std::string output;
};

/// Runs `spec` with the task's cancel token, forwarding output to the observer as it comes.
CapturedRun runCaptured(engine::ProcessRunner &runner, const engine::ProcessSpec &spec,
                        const engine::TaskContext &ctx);

/// The task outcome of a finished result; a succeeded one is stored under `key` first.
template <typename Result>
engine::TaskOutcome finishedOutcome(engine::ResultCache *cache, const std::string &key, Result result,
                                    std::string (*encode)(const Result &))
{
    engine::TaskOutcome outcome;
    outcome.status = result.status;
    outcome.exitCode = result.exitCode;
    outcome.durationMs = result.durationMs;
    if (cache && !key.empty() && result.status == engine::TaskStatus::Succeeded)
        cache->put(key, encode(result));
    outcome.payload = std::move(result);
    return outcome;
}

} // namespace trellis::goals
