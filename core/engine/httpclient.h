// The HTTP client of the remote cache (core may not link Qt Network): an interface, so
// tests can swap in fakes, and CurlHttpClient over libcurl. http:// and https:// (with
// certificate verification against the system store or a given CA file), proxies from
// the environment (http_proxy, https_proxy, no_proxy), connection reuse across requests,
// HTTP/2 where the server offers it, and one deadline per request that covers DNS,
// connect, TLS and the transfer, so a silent server can never stall the caller past it.
//
//   auto url = HttpUrl::parse("https://cache.example.com/instance");
//   CurlHttpClient client(*url, {.connectMs = 2000, .totalMs = 10000, .maxBodyBytes = 64 << 20});
//   base::Result<HttpResponse> r = client.send({"GET", "/ac/" + key, {}, {}});
//   if (r && r->status == 200) use(r->body);
#pragma once

#include "core/base/result.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trellis::engine {

/// A parsed http:// or https:// URL: scheme, host, port and a path prefix without a
/// trailing '/'. IPv6 literals are written in brackets (`http://[::1]:9090`).
struct HttpUrl {
    std::string scheme = "http"; ///< "http" or "https"
    std::string host;            ///< without brackets
    int port = 80;
    std::string prefix; ///< "" or "/some/path"

    /// Accepts `http[s]://host[:port][/prefix]`; other schemes, credentials in the URL,
    /// queries, fragments, spaces and control characters are errors.
    static base::Result<HttpUrl> parse(const std::string &url);
    std::string toString() const;
    bool https() const { return scheme == "https"; }
    /// True for localhost, 127.0.0.0/8 and ::1 (traffic that never leaves the machine).
    bool isLoopback() const;
    /// "host:port" (IPv6 hosts in brackets), for messages.
    std::string authority() const;
};

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

/// Checks a header for what may go on the wire: a token name and a value without
/// control characters (CR and LF would inject headers). The error names the header
/// but never prints its value (it may be a secret).
base::Status validateHeader(const std::string &name, const std::string &value);

struct HttpRequest {
    std::string method;  ///< GET, PUT, HEAD
    std::string path;    ///< appended to the URL prefix, starts with '/'
    HttpHeaders headers; ///< extra headers (Host, Content-Length are added)
    std::string body;
};

struct HttpResponse {
    int status = 0;
    HttpHeaders headers;
    std::string body;
    /// The first header named `name` (case-insensitive), or "".
    std::string header(std::string_view name) const;
};

/// Sends one request and returns the response; transport failures (refused, timeout,
/// TLS failure, malformed response, body over the limit) are errors, any HTTP status is
/// a value.
class HttpClient {
public:
    virtual ~HttpClient() = default;
    virtual base::Result<HttpResponse> send(const HttpRequest &request) = 0;
};

struct HttpClientOptions {
    int connectMs = 2000;  ///< TCP + TLS handshake
    int totalMs = 10000;   ///< the whole request: DNS, connect, TLS, send and receive
    std::int64_t maxBodyBytes = std::int64_t(64) << 20; ///< longer response bodies are errors
    std::string caFile;    ///< PEM bundle to verify the server with; "" = the system store
};

/// HttpClient over libcurl. Thread-safe: each call borrows an easy handle from a small
/// pool; a handle keeps its connection open between requests, so consecutive requests
/// reuse one connection, and the handles share DNS and TLS-session caches. Never
/// follows redirects; only http and https; loopback URLs never go through a proxy.
class CurlHttpClient : public HttpClient {
public:
    CurlHttpClient(HttpUrl url, HttpClientOptions options);
    ~CurlHttpClient() override;
    CurlHttpClient(const CurlHttpClient &) = delete;
    CurlHttpClient &operator=(const CurlHttpClient &) = delete;

    base::Result<HttpResponse> send(const HttpRequest &request) override;

    /// Number of TCP connections opened so far (connection reuse keeps it low).
    std::int64_t connectionsOpened() const;
    /// The HTTP version of the last response: 10, 11, 20 (or 0 before any).
    int lastHttpVersion() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace trellis::engine
