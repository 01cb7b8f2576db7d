#include "core/run/resultcache.h"

#include "core/base/paths.h"
#include "core/engine/httpclient.h"
#include "core/workspace/options.h"

#include <QFileInfo>
#include <QString>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <sstream>

namespace trellis::run {

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

std::string normalizedKey(std::string key)
{
    std::replace(key.begin(), key.end(), '-', '_');
    return key;
}

/// Adds the entries of `[trellis.remote-cache]` (a dict under scope "trellis") to `out`.
void addSettings(const workspace::Options &opts, Settings &out)
{
    for (const char *name : {"remote-cache", "remote_cache"})
        if (std::optional<workspace::HostValue> table = opts.value("trellis", name))
            for (const auto &[k, v] : table->entries())
                out[normalizedKey(k.str())] = settingText(v);
}

std::string canonicalRoot(const std::string &root)
{
    const QString canonical = QFileInfo(QString::fromStdString(root)).canonicalFilePath();
    return canonical.isEmpty() ? root : canonical.toStdString();
}

std::string defaultTrustStore()
{
    return base::configDir() + "/trusted-repos";
}

/// The trust store: lines "<digest> <root>"; '#' lines are comments.
std::vector<std::pair<std::string, std::string>> readTrustStore(const std::string &path)
{
    std::vector<std::pair<std::string, std::string>> entries;
    const std::optional<std::string> text = base::readFile(path);
    if (!text)
        return entries;
    std::istringstream in(*text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line.front() == '#')
            continue;
        const size_t space = line.find(' ');
        if (space == 64)
            entries.emplace_back(line.substr(0, 64), line.substr(65));
    }
    return entries;
}

std::string hostOf(const Settings &settings)
{
    auto it = settings.find("url");
    if (it == settings.end())
        return {};
    base::Result<engine::HttpUrl> url = engine::HttpUrl::parse(it->second);
    return url ? url->scheme + "://" + url->authority() : std::string("an unparsable URL");
}

} // namespace

bool isHarmlessRemoteCacheKey(const std::string &key)
{
    static const std::set<std::string> harmless{"mode", "timeout_ms", "connect_timeout_ms", "max_blob_size",
                                                "max_pending_uploads"};
    return harmless.count(normalizedKey(key)) > 0;
}

RemoteCacheSources remoteCacheSources(const workspace::Options &opts, const Settings &environment,
                                      const std::string &userConfigFile)
{
    RemoteCacheSources sources;
    const std::string userFile = userConfigFile.empty() ? base::configDir() + "/trellis.toml" : userConfigFile;
    if (QFileInfo(QString::fromStdString(userFile)).isFile()) {
        workspace::OptionsRequest req;
        req.buildRoot = QFileInfo(QString::fromStdString(userFile)).absolutePath().toStdString();
        req.extraConfigFiles = {userFile};
        req.readPantsrc = false;
        if (base::Result<workspace::Options> user = workspace::Options::load(req))
            addSettings(*user, sources.user);
    }
    constexpr std::string_view kPrefix = "TRELLIS_REMOTE_CACHE_";
    for (const auto &[name, value] : environment) {
        if (!name.starts_with(kPrefix) || name.size() == kPrefix.size())
            continue;
        std::string key = name.substr(kPrefix.size());
        std::transform(key.begin(), key.end(), key.begin(),
                       [](char c) { return char(std::tolower(static_cast<unsigned char>(c))); });
        sources.user[key] = value;
    }
    addSettings(opts, sources.repository);
    return sources;
}

std::optional<RepositoryTrustRequest> repositoryTrustRequest(const std::string &root, const Settings &repository,
                                                             const std::string &trustStore)
{
    RepositoryTrustRequest request;
    request.root = canonicalRoot(root);
    std::string material;
    for (const auto &[key, value] : repository) {
        if (isHarmlessRemoteCacheKey(key))
            continue;
        request.keys.push_back(key);
        material += key + "=" + value + "\n";
    }
    if (request.keys.empty())
        return std::nullopt;
    request.digest = engine::sha256Hex(request.root + "\n" + material);
    request.host = hostOf(repository);
    for (const auto &[digest, trustedRoot] : readTrustStore(trustStore.empty() ? defaultTrustStore() : trustStore)) {
        if (trustedRoot != request.root)
            continue;
        if (digest == request.digest)
            return std::nullopt;
        request.changed = true;
    }
    return request;
}

base::Status trustRepository(const RepositoryTrustRequest &request, const std::string &trustStore)
{
    const std::string path = trustStore.empty() ? defaultTrustStore() : trustStore;
    if (request.root.find('\n') != std::string::npos || request.digest.size() != 64)
        return base::Diagnostic::error({path, 0, 0}, "cannot record trust for this repository path");
    std::string text = base::readFile(path).value_or(
        "# Repositories whose remote-cache settings the user trusts: <settings digest> <root>.\n"
        "# Written by `trellis --trust-repo`; delete a line to revoke it.\n");
    if (!text.empty() && text.back() != '\n')
        text += '\n';
    text += request.digest + " " + request.root + "\n";
    return base::writeFileAtomic(path, text);
}

Settings effectiveRemoteCacheSettings(const RemoteCacheSources &sources, const std::string &root, TrustNow trustNow,
                                      std::vector<std::string> &warnings, const std::string &trustStore)
{
    Settings settings = sources.user;
    const std::optional<RepositoryTrustRequest> request = repositoryTrustRequest(root, sources.repository, trustStore);
    bool trusted = !request;
    if (request && trustNow != TrustNow::No) {
        trusted = true;
        if (base::Status st = trustNow == TrustNow::Remember ? trustRepository(*request, trustStore) : base::okStatus();
            !st)
            warnings.push_back("cannot remember the trust: " + st.diagnostics().front().message);
    }
    for (const auto &[key, value] : sources.repository)
        if (trusted || isHarmlessRemoteCacheKey(key))
            settings[key] = value;
    // The user's own mode is final: "read" keeps an untrusted cache read-only, "off" off.
    if (auto mode = sources.user.find("mode"); mode != sources.user.end())
        settings["mode"] = mode->second;
    if (!trusted) {
        std::string keys;
        for (const std::string &k : request->keys)
            keys += (keys.empty() ? "" : ", ") + k;
        warnings.push_back(
            "ignoring the remote cache settings (" + keys + ") in the configuration of " + request->root
            + (request->host.empty() ? std::string() : ", which would send data to " + request->host) + ": "
            + (request->changed ? "they changed since you trusted this repository"
                                : "this repository is not trusted")
            + ". Review them, then run once with --trust-repo (TRELLIS_TRUST_REPO=1 trusts it for one run), or "
              "put them in ~/.config/trellis/trellis.toml");
    }
    return settings;
}

void ResultCacheSetup::finish() const
{
    if (remote)
        remote->flush(flushTimeoutMs);
}

TrustNow trustFromEnvironment(const Settings &environment, bool remember)
{
    if (remember)
        return TrustNow::Remember;
    auto trustEnv = environment.find("TRELLIS_TRUST_REPO");
    return trustEnv != environment.end() && !trustEnv->second.empty() && trustEnv->second != "0" ? TrustNow::ThisRun
                                                                                                 : TrustNow::No;
}

ResultCacheSetup makeResultCache(const workspace::Options &opts, const std::string &dir, const Settings &environment,
                                 TrustNow trustNow, WarningSink warn, std::int64_t maxBytes)
{
    ResultCacheSetup out;
    auto local = std::make_shared<engine::LocalCache>(dir, maxBytes);
    out.cache = local;
    const RemoteCacheSources sources = remoteCacheSources(opts, environment);
    if (sources.user.empty() && sources.repository.empty())
        return out;
    std::vector<std::string> warnings;
    const Settings settings = effectiveRemoteCacheSettings(sources, opts.buildRoot(), trustNow, warnings);
    auto say = [&warn](const std::string &w) {
        if (warn)
            warn(w);
    };
    for (const std::string &w : warnings)
        say(w);
    if (settings.empty())
        return out;
    base::Result<std::optional<engine::RemoteCacheConfig>> config =
        engine::RemoteCacheConfig::fromSettings(settings, environment);
    if (!config) {
        for (const auto &d : config.diagnostics())
            say("remote cache disabled: " + d.format());
        return out;
    }
    if (!config->has_value())
        return out;
    auto sinkMutex = std::make_shared<std::mutex>();
    out.remote = std::make_shared<engine::RemoteCache>(**config, [warn, sinkMutex](const std::string &warning) {
        std::lock_guard lock(*sinkMutex);
        if (warn)
            warn(warning);
    });
    out.flushTimeoutMs = (*config)->timeoutMs;
    out.cache = std::make_shared<engine::TieredCache>(local, out.remote);
    return out;
}

} // namespace trellis::run
