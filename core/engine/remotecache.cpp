#include "core/engine/remotecache.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

#include <algorithm>
#include <chrono>
#include <sstream>

namespace trellis::engine {

namespace {

/// Version 2 names the action key the record was written for; version 1 did not.
constexpr std::string_view kRecordMagic = "trellis-action-result 2";
constexpr std::string_view kRecordMagicV1 = "trellis-action-result 1";

base::Diagnostic configError(std::string message)
{
    return base::Diagnostic::error({"[trellis.remote-cache]", 0, 0}, std::move(message));
}

bool isHexDigest(const std::string &s)
{
    return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

/// Cache keys go into URL paths: only lower-case hex (what Digest::hex() makes).
bool isCacheKey(const std::string &s)
{
    return !s.empty() && s.size() <= 128 && std::all_of(s.begin(), s.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

struct Record {
    std::string key; ///< the action key it was written for
    std::string digest;
    std::int64_t size = -1;
    std::string mac; ///< HMAC-SHA256 of the lines above, hex; "" when unsigned
    std::string body; ///< the lines the MAC covers
};

/// The record's lines without a MAC.
std::string recordBody(const std::string &key, const std::string &digest, std::int64_t size)
{
    return std::string(kRecordMagic) + "\nkey " + key + "\ncas " + digest + " " + std::to_string(size) + "\n";
}

std::string hmacHex(const std::string &secret, const std::string &message)
{
    return QMessageAuthenticationCode::hash(QByteArray::fromStdString(message), QByteArray::fromStdString(secret),
                                            QCryptographicHash::Sha256)
        .toHex()
        .toStdString();
}

/// Compares without an early exit, so the time taken does not tell how much matched.
bool sameSecretText(const std::string &a, const std::string &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (size_t i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

enum class RecordKind { Valid, OldVersion, Garbage };

/// Parses an action record; `kind` says whether it is one, of an older version, or garbage.
std::optional<Record> parseRecord(const std::string &record, RecordKind &kind)
{
    kind = RecordKind::Garbage;
    if (record.size() > 4096)
        return std::nullopt;
    std::istringstream in(record);
    std::string magic, word, key, digest;
    std::int64_t size = -1;
    if (!std::getline(in, magic))
        return std::nullopt;
    if (magic == kRecordMagicV1) {
        kind = RecordKind::OldVersion;
        return std::nullopt;
    }
    if (magic != kRecordMagic)
        return std::nullopt;
    if (!(in >> word >> key) || word != "key" || !isCacheKey(key))
        return std::nullopt;
    if (!(in >> word >> digest >> size) || word != "cas" || !isHexDigest(digest) || size < 0)
        return std::nullopt;
    std::string mac;
    if (in >> word) {
        if (word != "mac" || !(in >> mac) || !isHexDigest(mac))
            return std::nullopt;
    }
    kind = RecordKind::Valid;
    return Record{key, digest, size, mac, recordBody(key, digest, size)};
}

std::optional<std::int64_t> toInt(const std::string &s)
{
    if (s.empty() || s.size() > 18 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return std::stoll(s);
}

} // namespace

base::Result<std::optional<RemoteCacheConfig>>
RemoteCacheConfig::fromSettings(const std::map<std::string, std::string> &settings,
                                const std::map<std::string, std::string> &environment)
{
    std::map<std::string, std::string> s;
    for (const auto &[k, v] : settings) {
        std::string key = k;
        std::replace(key.begin(), key.end(), '-', '_');
        s[key] = v;
    }
    auto get = [&](const char *key) -> std::optional<std::string> {
        auto it = s.find(key);
        return it == s.end() ? std::nullopt : std::optional(it->second);
    };
    RemoteCacheConfig c;
    c.url = get("url").value_or("");
    const std::string mode = get("mode").value_or("read-write");
    if (mode == "off")
        return std::optional<RemoteCacheConfig>();
    if (mode == "read-write" || mode == "read_write")
        c.read = c.write = true;
    else if (mode == "read")
        c.write = false;
    else if (mode == "write")
        c.read = false;
    else
        return configError("mode: expected \"read-write\", \"read\", \"write\" or \"off\", got \"" + mode + "\"");
    if (c.url.empty())
        return std::optional<RemoteCacheConfig>();
    base::Result<HttpUrl> url = HttpUrl::parse(c.url);
    if (!url)
        return configError("url: " + url.diagnostics().front().message);

    base::Diagnostics errors;
    auto readInt = [&](const char *key, auto &field, std::int64_t min) {
        if (auto v = get(key)) {
            const std::optional<std::int64_t> n = toInt(*v);
            if (!n || *n < min)
                errors.push_back(configError(std::string(key) + ": expected an integer >= " + std::to_string(min)
                                             + ", got \"" + *v + "\""));
            else
                field = static_cast<std::remove_reference_t<decltype(field)>>(*n);
        }
    };
    readInt("timeout_ms", c.timeoutMs, 1);
    readInt("connect_timeout_ms", c.connectTimeoutMs, 1);
    readInt("max_blob_size", c.maxBlobBytes, 1);
    readInt("max_pending_uploads", c.maxPendingUploads, 1);
    c.connectTimeoutMs = std::min(c.connectTimeoutMs, c.timeoutMs);
    if (!errors.empty())
        return errors;
    if (auto v = get("auth_header"))
        c.authHeader = *v;
    if (auto v = get("auth_scheme"))
        c.authScheme = *v;
    if (auto v = get("ca_file"))
        c.caFile = *v;
    if (auto ok = validateHeader(c.authHeader, c.authScheme); !ok)
        return configError("auth_header/auth_scheme: " + ok.diagnostics().front().message);
    if (auto v = get("auth_token_env"); v && !v->empty()) {
        c.authTokenEnv = *v;
        auto it = environment.find(*v);
        if (it == environment.end() || it->second.empty())
            return configError("auth_token_env: the environment variable " + *v + " is not set");
        c.authToken = it->second;
    }
    if (auto v = get("signing_key_env"); v && !v->empty()) {
        c.signingKeyEnv = *v;
        auto it = environment.find(*v);
        if (it == environment.end() || it->second.empty())
            return configError("signing_key_env: the environment variable " + *v + " is not set");
        c.signingKey = it->second;
    }
    if (!c.authToken.empty()) {
        // The token never goes on the wire in clear text, and never with injected headers.
        if (auto ok = validateHeader(c.authHeader, c.authorization().second); !ok)
            return configError("auth_token_env: the value of " + c.authTokenEnv
                               + " has a control character (CR, LF, ...); it is not sent");
        if (!url->https() && !url->isLoopback())
            return configError("auth_token_env: refusing to send the token of " + c.authTokenEnv
                               + " in clear text to " + url->toString()
                               + "; use an https:// URL (or a TLS proxy on 127.0.0.1)");
    }
    return std::optional<RemoteCacheConfig>(std::move(c));
}

std::pair<std::string, std::string> RemoteCacheConfig::authorization() const
{
    if (authToken.empty())
        return {};
    return {authHeader, authScheme.empty() ? authToken : authScheme + " " + authToken};
}

RemoteCache::RemoteCache(RemoteCacheConfig config, WarningHandler onWarning)
    : m_config(std::move(config)), m_onWarning(std::move(onWarning))
{
    base::Result<HttpUrl> url = HttpUrl::parse(m_config.url);
    if (url)
        m_client = std::make_unique<CurlHttpClient>(
            *url, HttpClientOptions{m_config.connectTimeoutMs, m_config.timeoutMs,
                                    std::max<std::int64_t>(m_config.maxBlobBytes, 4096), m_config.caFile});
    else
        markUnavailable(url.diagnostics().front().message);
}

RemoteCache::RemoteCache(RemoteCacheConfig config, std::unique_ptr<HttpClient> client, WarningHandler onWarning)
    : m_config(std::move(config)), m_client(std::move(client)), m_onWarning(std::move(onWarning))
{
}

RemoteCache::~RemoteCache()
{
    flush(m_config.timeoutMs);
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_stats.uploadsDropped += int(m_queue.size());
        m_queue.clear();
    }
    m_wake.notify_all();
    if (m_worker.joinable())
        m_worker.join(); // an upload in flight ends by its own deadline
}

std::string RemoteCache::actionRecord(const std::string &key, const std::string &payload,
                                      const std::string &signingKey)
{
    const std::string body = recordBody(key, sha256Hex(payload), std::int64_t(payload.size()));
    return signingKey.empty() ? body : body + "mac " + hmacHex(signingKey, body) + "\n";
}

base::Result<HttpResponse> RemoteCache::request(const std::string &method, const std::string &path, std::string body)
{
    HttpRequest r{method, path, {}, std::move(body)};
    if (auto auth = m_config.authorization(); !auth.first.empty())
        r.headers.push_back(std::move(auth));
    return m_client->send(r);
}

void RemoteCache::warnOnce(const std::string &message)
{
    if (!m_warned.exchange(true) && m_onWarning)
        m_onWarning(message);
}

void RemoteCache::markUnavailable(const std::string &why)
{
    if (m_available.exchange(false))
        warnOnce("remote cache " + m_config.url + " is unavailable (" + why
                 + "); continuing with the local cache only");
}

std::optional<CacheHit> RemoteCache::get(const std::string &key)
{
    if (!m_config.read || !m_available || !m_client || !isCacheKey(key))
        return std::nullopt;
    auto miss = [this]() -> std::optional<CacheHit> {
        std::lock_guard lock(m_mutex);
        ++m_stats.misses;
        return std::nullopt;
    };
    base::Result<HttpResponse> ac = request("GET", "/ac/" + key);
    if (!ac) {
        markUnavailable(ac.diagnostics().front().message);
        return miss();
    }
    if (ac->status == 404)
        return miss();
    if (ac->status != 200) {
        markUnavailable("GET /ac answered HTTP " + std::to_string(ac->status));
        return miss();
    }
    RecordKind kind;
    const std::optional<Record> record = parseRecord(ac->body, kind);
    if (kind == RecordKind::OldVersion)
        return miss(); // written by an older Trellis, without its key: not trusted, overwritten on upload
    if (!record) {
        markUnavailable("GET /ac returned something that is not a Trellis action record");
        return miss();
    }
    if (record->key != key) {
        // A record is only valid for the action it names: a server (or anyone on the path)
        // replaying one record for every key must not turn other actions into hits.
        {
            std::lock_guard lock(m_mutex);
            ++m_stats.rejected;
        }
        markUnavailable("GET /ac/" + key.substr(0, 12) + " returned the record of another action ("
                        + record->key.substr(0, 12) + ")");
        return miss();
    }
    if (!m_config.signingKey.empty()) {
        // Only writers holding the shared key can make records this reader accepts.
        if (record->mac.empty())
            return miss(); // written without signing: not trusted, overwritten on upload
        if (!sameSecretText(record->mac, hmacHex(m_config.signingKey, record->body))) {
            {
                std::lock_guard lock(m_mutex);
                ++m_stats.rejected;
            }
            markUnavailable("GET /ac/" + key.substr(0, 12) + " returned a record with a wrong signature");
            return miss();
        }
    }
    const std::string &digest = record->digest;
    const std::int64_t size = record->size;
    if (size > m_config.maxBlobBytes)
        return miss();
    base::Result<HttpResponse> cas = request("GET", "/cas/" + digest);
    if (!cas) {
        markUnavailable(cas.diagnostics().front().message);
        return miss();
    }
    if (cas->status == 404)
        return miss(); // evicted between the two requests
    if (cas->status != 200) {
        markUnavailable("GET /cas answered HTTP " + std::to_string(cas->status));
        return miss();
    }
    if (std::int64_t(cas->body.size()) != size || sha256Hex(cas->body) != digest) {
        {
            std::lock_guard lock(m_mutex);
            ++m_stats.corrupt;
        }
        warnOnce("remote cache " + m_config.url + " returned a corrupted blob for " + digest.substr(0, 12)
                 + "; it was discarded");
        return miss();
    }
    std::lock_guard lock(m_mutex);
    ++m_stats.hits;
    return CacheHit{std::move(cas->body), "cached remotely"};
}

void RemoteCache::put(const std::string &key, const std::string &value)
{
    if (!m_config.write)
        return;
    std::lock_guard lock(m_mutex);
    if (!m_available || !m_client || m_stopping || !isCacheKey(key) || std::int64_t(value.size()) > m_config.maxBlobBytes
        || int(m_queue.size()) >= m_config.maxPendingUploads) {
        ++m_stats.uploadsDropped;
        return;
    }
    m_queue.push_back({key, value});
    if (!m_worker.joinable())
        m_worker = std::thread([this] { uploadLoop(); });
    m_wake.notify_one();
}

bool RemoteCache::upload(const Upload &u)
{
    const std::string digest = sha256Hex(u.value);
    base::Result<HttpResponse> cas = request("PUT", "/cas/" + digest, u.value);
    if (!cas) {
        markUnavailable(cas.diagnostics().front().message);
        return false;
    }
    auto rejected = [this](const char *what, int status) {
        if (status >= 500 || status == 401 || status == 403)
            markUnavailable(std::string("PUT ") + what + " answered HTTP " + std::to_string(status));
        return false;
    };
    if (cas->status < 200 || cas->status > 299)
        return rejected("/cas", cas->status);
    base::Result<HttpResponse> ac = request("PUT", "/ac/" + u.key, actionRecord(u.key, u.value, m_config.signingKey));
    if (!ac) {
        markUnavailable(ac.diagnostics().front().message);
        return false;
    }
    if (ac->status < 200 || ac->status > 299)
        return rejected("/ac", ac->status);
    return true;
}

void RemoteCache::uploadLoop()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
        if (m_stopping)
            return;
        Upload u = std::move(m_queue.front());
        m_queue.pop_front();
        m_busy = true;
        lock.unlock();
        const bool ok = m_available && upload(u);
        lock.lock();
        m_busy = false;
        if (ok)
            ++m_stats.uploads;
        else
            ++m_stats.uploadsDropped;
        if (!m_available) {
            m_stats.uploadsDropped += int(m_queue.size());
            m_queue.clear();
        }
        if (m_queue.empty())
            m_drained.notify_all();
    }
}

bool RemoteCache::flush(int timeoutMs)
{
    std::unique_lock lock(m_mutex);
    return m_drained.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                              [this] { return m_queue.empty() && !m_busy; });
}

RemoteCacheStats RemoteCache::stats() const
{
    std::lock_guard lock(m_mutex);
    return m_stats;
}

} // namespace trellis::engine
