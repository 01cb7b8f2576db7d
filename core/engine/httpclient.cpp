#include "core/engine/httpclient.h"

#include "core/base/text.h"

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cstring>
#include <mutex>
#include <optional>

namespace trellis::engine {

namespace {

base::Diagnostic httpError(std::string message)
{
    return base::Diagnostic::error({}, std::move(message));
}

bool iequals(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

bool isControl(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
}

std::optional<int> parsePort(std::string_view s)
{
    if (s.empty() || s.size() > 5 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    const int port = std::stoi(std::string(s));
    if (port < 1 || port > 65535)
        return std::nullopt;
    return port;
}

/// libcurl's process-wide setup, once, before any handle exists.
void initCurl()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

} // namespace

// --- HttpUrl ----------------------------------------------------------------------------

base::Result<HttpUrl> HttpUrl::parse(const std::string &url)
{
    auto bad = [&](const std::string &why) { return httpError("remote cache URL '" + url + "' " + why); };
    HttpUrl out;
    std::string_view rest;
    if (url.size() >= 7 && iequals(std::string_view(url).substr(0, 7), "http://")) {
        out.scheme = "http";
        out.port = 80;
        rest = std::string_view(url).substr(7);
    } else if (url.size() >= 8 && iequals(std::string_view(url).substr(0, 8), "https://")) {
        out.scheme = "https";
        out.port = 443;
        rest = std::string_view(url).substr(8);
    } else {
        return bad("must start with http:// or https://");
    }
    if (std::any_of(url.begin(), url.end(), [](char c) { return isControl(c) || c == ' '; }))
        return bad("contains a space or a control character");
    if (rest.find_first_of("?#") != std::string_view::npos)
        return bad("must not have a query or a fragment");
    const size_t slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    if (slash != std::string_view::npos) {
        std::string_view prefix = rest.substr(slash);
        while (!prefix.empty() && prefix.back() == '/')
            prefix.remove_suffix(1);
        out.prefix = std::string(prefix);
    }
    if (authority.find('@') != std::string_view::npos)
        return bad("must not hold credentials; use auth_token_env");
    std::string_view portText;
    if (!authority.empty() && authority.front() == '[') {
        const size_t close = authority.find(']');
        if (close == std::string_view::npos)
            return bad("has an unterminated IPv6 address");
        out.host = std::string(authority.substr(1, close - 1));
        std::string_view after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':')
                return bad("has a bad port");
            portText = after.substr(1);
            if (portText.empty())
                return bad("has a bad port");
        }
        if (out.host.empty() || !std::all_of(out.host.begin(), out.host.end(), [](char c) {
                return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.';
            }))
            return bad("has a bad IPv6 address");
    } else {
        const size_t colon = authority.find(':');
        if (colon != std::string_view::npos) {
            if (authority.find(':', colon + 1) != std::string_view::npos)
                return bad("has an IPv6 address without brackets (write http://[::1]:9090)");
            portText = authority.substr(colon + 1);
            if (portText.empty())
                return bad("has a bad port");
            authority = authority.substr(0, colon);
        }
        out.host = std::string(authority);
        if (out.host.empty())
            return bad("has no host");
        if (!std::all_of(out.host.begin(), out.host.end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
            }))
            return bad("has a bad host name");
    }
    if (!portText.empty()) {
        const std::optional<int> port = parsePort(portText);
        if (!port)
            return bad("has a bad port");
        out.port = *port;
    }
    std::transform(out.host.begin(), out.host.end(), out.host.begin(),
                   [](char c) { return char(std::tolower(static_cast<unsigned char>(c))); });
    return out;
}

std::string HttpUrl::authority() const
{
    const std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    return h + ":" + std::to_string(port);
}

std::string HttpUrl::toString() const
{
    const bool defaultPort = (scheme == "http" && port == 80) || (scheme == "https" && port == 443);
    const std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    return scheme + "://" + h + (defaultPort ? std::string() : ":" + std::to_string(port)) + prefix;
}

bool HttpUrl::isLoopback() const
{
    if (host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1")
        return true;
    // 127.0.0.0/8 written as a dotted quad.
    if (!host.starts_with("127."))
        return false;
    int dots = 0;
    for (char c : host) {
        if (c == '.')
            ++dots;
        else if (c < '0' || c > '9')
            return false;
    }
    return dots == 3;
}

base::Status validateHeader(const std::string &name, const std::string &value)
{
    static constexpr std::string_view kTokenPunct = "!#$%&'*+-.^_`|~";
    if (name.empty() || !std::all_of(name.begin(), name.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || kTokenPunct.find(c) != std::string_view::npos;
        }))
        return httpError("HTTP header name '" + name + "' is not a valid token");
    if (std::any_of(value.begin(), value.end(), [](char c) { return isControl(c) && c != '\t'; }))
        return httpError("HTTP header " + name + " has a control character (CR, LF, ...) in its value");
    return base::okStatus();
}

std::string HttpResponse::header(std::string_view name) const
{
    for (const auto &[k, v] : headers)
        if (iequals(k, name))
            return v;
    return {};
}

// --- CurlHttpClient ---------------------------------------------------------------------

struct CurlHttpClient::Impl {
    HttpUrl url;
    HttpClientOptions options;
    CURLSH *share = nullptr;
    std::array<std::mutex, CURL_LOCK_DATA_LAST> shareLocks;
    std::mutex poolMutex;
    std::vector<CURL *> pool; ///< idle easy handles (their connections stay open)
    std::atomic<std::int64_t> connections{0};
    std::atomic<int> lastVersion{0};

    static void lock(CURL *, curl_lock_data data, curl_lock_access, void *self)
    {
        static_cast<Impl *>(self)->shareLocks[size_t(data)].lock();
    }
    static void unlock(CURL *, curl_lock_data data, void *self)
    {
        static_cast<Impl *>(self)->shareLocks[size_t(data)].unlock();
    }

    CURL *borrow()
    {
        {
            std::lock_guard guard(poolMutex);
            if (!pool.empty()) {
                CURL *h = pool.back();
                pool.pop_back();
                return h;
            }
        }
        CURL *h = curl_easy_init();
        if (h && share)
            curl_easy_setopt(h, CURLOPT_SHARE, share);
        return h;
    }
    void giveBack(CURL *h)
    {
        std::lock_guard guard(poolMutex);
        if (pool.size() < 8)
            pool.push_back(h);
        else
            curl_easy_cleanup(h);
    }
};

namespace {

struct Transfer {
    HttpResponse response;
    std::int64_t maxBody = 0;
    bool tooLarge = false;
};

size_t onBody(char *data, size_t size, size_t count, void *user)
{
    auto *t = static_cast<Transfer *>(user);
    const size_t n = size * count;
    if (std::int64_t(t->response.body.size() + n) > t->maxBody) {
        t->tooLarge = true;
        return 0; // aborts the transfer with CURLE_WRITE_ERROR
    }
    t->response.body.append(data, n);
    return n;
}

size_t onHeader(char *data, size_t size, size_t count, void *user)
{
    auto *t = static_cast<Transfer *>(user);
    const size_t n = size * count;
    const std::string_view line(data, n);
    if (line.starts_with("HTTP/")) {
        t->response.headers.clear(); // a new response (after 100 Continue or a proxy's CONNECT)
        return n;
    }
    const size_t colon = line.find(':');
    if (colon != std::string_view::npos)
        t->response.headers.emplace_back(std::string(base::stripped(line.substr(0, colon))),
                                         std::string(base::stripped(line.substr(colon + 1))));
    return n;
}

/// Frees a curl_slist.
struct SlistDeleter {
    void operator()(curl_slist *l) const { curl_slist_free_all(l); }
};

} // namespace

CurlHttpClient::CurlHttpClient(HttpUrl url, HttpClientOptions options) : d(std::make_unique<Impl>())
{
    initCurl();
    d->url = std::move(url);
    d->options = std::move(options);
    d->share = curl_share_init();
    if (d->share) {
        curl_share_setopt(d->share, CURLSHOPT_LOCKFUNC, &Impl::lock);
        curl_share_setopt(d->share, CURLSHOPT_UNLOCKFUNC, &Impl::unlock);
        curl_share_setopt(d->share, CURLSHOPT_USERDATA, d.get());
        curl_share_setopt(d->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
        curl_share_setopt(d->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
        // Not CURL_LOCK_DATA_CONNECT: libcurl does not support sharing connections between
        // threads. Each pooled handle keeps its own connections open instead.
    }
}

CurlHttpClient::~CurlHttpClient()
{
    for (CURL *h : d->pool)
        curl_easy_cleanup(h);
    if (d->share)
        curl_share_cleanup(d->share);
}

std::int64_t CurlHttpClient::connectionsOpened() const
{
    return d->connections.load();
}

int CurlHttpClient::lastHttpVersion() const
{
    return d->lastVersion.load();
}

base::Result<HttpResponse> CurlHttpClient::send(const HttpRequest &request)
{
    if (request.path.empty() || request.path.front() != '/'
        || std::any_of(request.path.begin(), request.path.end(), [](char c) { return isControl(c) || c == ' '; }))
        return httpError("bad HTTP request path '" + request.path + "'");
    std::unique_ptr<curl_slist, SlistDeleter> headers;
    auto addHeader = [&](const std::string &line) {
        curl_slist *l = curl_slist_append(headers.get(), line.c_str());
        if (l) {
            (void)headers.release();
            headers.reset(l);
        }
    };
    for (const auto &[name, value] : request.headers) {
        if (auto ok = validateHeader(name, value); !ok)
            return ok.diagnostics();
        addHeader(name + ": " + value);
    }
    addHeader("Expect:");       // no 100-continue round trip before uploads
    addHeader("Content-Type:"); // not a form

    CURL *h = d->borrow();
    if (!h)
        return httpError("cannot create an HTTP handle (libcurl)");
    curl_easy_reset(h); // keeps the shares, open connections and caches
    Transfer t;
    t.maxBody = d->options.maxBodyBytes;
    char errorText[CURL_ERROR_SIZE] = {};
    const std::string url = d->url.toString() + request.path;
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, long(std::max(1, d->options.totalMs)));
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, long(std::max(1, std::min(d->options.connectMs, d->options.totalMs))));
    curl_easy_setopt(h, CURLOPT_HTTP_VERSION, long(CURL_HTTP_VERSION_2TLS));
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!d->options.caFile.empty())
        curl_easy_setopt(h, CURLOPT_CAINFO, d->options.caFile.c_str());
    if (d->url.isLoopback())
        curl_easy_setopt(h, CURLOPT_PROXY, ""); // never through a proxy from the environment
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "trellis");
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errorText);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &onBody);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &onHeader);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &t);
    if (request.method != "HEAD") // a HEAD response announces a length it does not send
        curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(d->options.maxBodyBytes));
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    if (request.method == "GET") {
        curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    } else if (request.method == "HEAD") {
        curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
    } else {
        curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.size()));
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
    }

    const CURLcode rc = curl_easy_perform(h);
    long status = 0, version = 0, connects = 0, osErrno = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(h, CURLINFO_HTTP_VERSION, &version);
    curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &connects);
    curl_easy_getinfo(h, CURLINFO_OS_ERRNO, &osErrno);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
    d->giveBack(h);
    d->connections += connects;

    if (rc != CURLE_OK) {
        const std::string detail = errorText[0] ? std::string(errorText) : std::string(curl_easy_strerror(rc));
        const std::string where = d->url.authority();
        switch (rc) {
        case CURLE_COULDNT_CONNECT:
            return httpError("cannot connect to " + where + ": "
                             + (osErrno ? std::string(std::strerror(int(osErrno))) : detail));
        case CURLE_COULDNT_RESOLVE_HOST:
            return httpError("cannot resolve host " + d->url.host + ": " + detail);
        case CURLE_COULDNT_RESOLVE_PROXY:
            return httpError("cannot resolve the proxy for " + where + ": " + detail);
        case CURLE_OPERATION_TIMEDOUT:
            return httpError("timed out waiting for " + where + " after " + std::to_string(d->options.totalMs)
                             + " ms");
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_SSL_CERTPROBLEM:
            return httpError("TLS with " + where + " failed: " + detail);
        case CURLE_FILESIZE_EXCEEDED:
            return httpError("HTTP body from " + where + " is over the limit of "
                             + std::to_string(d->options.maxBodyBytes) + " bytes");
        case CURLE_WRITE_ERROR:
            if (t.tooLarge)
                return httpError("HTTP body from " + where + " is over the limit of "
                                 + std::to_string(d->options.maxBodyBytes) + " bytes");
            [[fallthrough]];
        default:
            return httpError("HTTP " + request.method + " to " + where + " failed: " + detail);
        }
    }
    d->lastVersion = version == CURL_HTTP_VERSION_2_0 ? 20
                     : version == CURL_HTTP_VERSION_1_1 ? 11
                     : version == CURL_HTTP_VERSION_1_0 ? 10
                                                         : int(version);
    t.response.status = int(status);
    return std::move(t.response);
}

} // namespace trellis::engine
