#include "core/cli/remotecachesetup.h"

#include "core/base/paths.h"
#include "core/workspace/options.h"

#include <QFileInfo>
#include <QString>

#include <mutex>

namespace trellis::cli {

namespace {

std::string settingText(const workspace::HostValue &v)
{
    switch (v.kind()) {
    case workspace::HostValue::Kind::String: return v.str();
    case workspace::HostValue::Kind::Int: return std::to_string(v.asInt());
    case workspace::HostValue::Kind::Bool: return v.asBool() ? "true" : "false";
    default: return v.repr();
    }
}

/// Adds the entries of `[trellis.remote-cache]` (a dict under scope "trellis") to `out`.
void addSettings(const workspace::Options &opts, std::map<std::string, std::string> &out)
{
    for (const char *name : {"remote-cache", "remote_cache"})
        if (std::optional<workspace::HostValue> table = opts.value("trellis", name))
            for (const auto &[k, v] : table->entries())
                out[k.str()] = settingText(v);
}

} // namespace

void GoalCache::finish() const
{
    if (remote)
        remote->flush(flushTimeoutMs);
}

std::map<std::string, std::string> remoteCacheSettings(const workspace::Options &opts)
{
    std::map<std::string, std::string> settings;
    const std::string userFile = base::configDir() + "/trellis.toml";
    if (QFileInfo(QString::fromStdString(userFile)).isFile()) {
        workspace::OptionsRequest req;
        req.buildRoot = base::configDir();
        req.extraConfigFiles = {userFile};
        req.readPantsrc = false;
        if (base::Result<workspace::Options> user = workspace::Options::load(req))
            addSettings(*user, settings);
    }
    addSettings(opts, settings);
    return settings;
}

GoalCache makeGoalCache(const workspace::Options &opts, const std::string &dir,
                        const std::map<std::string, std::string> &environment, std::ostream &err)
{
    GoalCache out;
    auto local = std::make_shared<engine::LocalCache>(dir, std::int64_t(1) << 30);
    out.cache = local;
    const std::map<std::string, std::string> settings = remoteCacheSettings(opts);
    if (settings.empty())
        return out;
    base::Result<std::optional<engine::RemoteCacheConfig>> config =
        engine::RemoteCacheConfig::fromSettings(settings, environment);
    if (!config) {
        for (const auto &d : config.diagnostics())
            err << "warning: remote cache disabled: " << d.format() << '\n';
        return out;
    }
    if (!config->has_value())
        return out;
    auto printMutex = std::make_shared<std::mutex>();
    out.remote = std::make_shared<engine::RemoteCache>(**config, [&err, printMutex](const std::string &warning) {
        std::lock_guard lock(*printMutex);
        err << "warning: " << warning << '\n';
        err.flush();
    });
    out.flushTimeoutMs = (*config)->timeoutMs;
    out.cache = std::make_shared<engine::TieredCache>(local, out.remote);
    return out;
}

GoalCache goalCacheFromFlags(const GoalContext &ctx, const workspace::Options &opts,
                             const std::map<std::string, std::string> &environment)
{
    if (ctx.option("--cache", "true") == "false")
        return {};
    const std::string dir = ctx.option("--cache-dir", base::cacheDir() + "/results");
    return makeGoalCache(opts, dir, environment, ctx.err);
}

std::optional<int> jobsFromFlags(const GoalContext &ctx)
{
    const std::string jobs = ctx.option("--jobs");
    if (jobs.empty())
        return 0;
    bool ok = false;
    const int n = QString::fromStdString(jobs).toInt(&ok);
    if (!ok || n < 1) {
        ctx.err << "error: --jobs needs a positive number, got '" << jobs << "'\n";
        return std::nullopt;
    }
    return n;
}

} // namespace trellis::cli
