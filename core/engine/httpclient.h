// A small HTTP/1.1 client over POSIX sockets, for the remote cache (core may not link
// Qt Network). One connection per request (`Connection: close`), http:// only: to reach
// an https:// cache, run a local TLS proxy (stunnel, nginx `proxy_pass https://...`) and
// point Trellis at its http:// address. Every request has one deadline covering connect,
// send and receive, so a silent server can never stall the caller past it.
//
//   auto url = HttpUrl::parse("http://127.0.0.1:9090/cache");
//   SocketHttpClient client(*url, {2000, 10000}, 64 << 20);
//   base::Result<HttpResponse> r = client.send({"GET", "/ac/" + key, {}, {}});
//   if (r && r->status == 200) use(r->body);
#pragma once

#include "core/base/result.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace trellis::engine {

/// A parsed http:// URL: host, port and a path prefix without a trailing '/'.
struct HttpUrl {
    std::string host;
    int port = 80;
    std::string prefix; ///< "" or "/some/path"

    /// Accepts `http://host[:port][/prefix]`; https:// and other schemes are errors.
    static base::Result<HttpUrl> parse(const std::string &url);
    std::string toString() const;
};

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
    std::string method;  ///< GET, PUT, HEAD
    std::string path;    ///< appended to the URL prefix, starts with '/'
    HttpHeaders headers; ///< extra headers (Host, Content-Length, Connection are added)
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
/// malformed response, body over the limit) are errors, any HTTP status is a value.
class HttpClient {
public:
    virtual ~HttpClient() = default;
    virtual base::Result<HttpResponse> send(const HttpRequest &request) = 0;
};

/// Time limits in milliseconds: `connectMs` for the TCP handshake, `totalMs` for the
/// whole exchange (connect included).
struct HttpTimeouts {
    int connectMs = 2000;
    int totalMs = 10000;
};

/// HttpClient over a fresh TCP socket per request. Thread-safe (no shared state).
class SocketHttpClient : public HttpClient {
public:
    SocketHttpClient(HttpUrl url, HttpTimeouts timeouts, std::int64_t maxBodyBytes);
    base::Result<HttpResponse> send(const HttpRequest &request) override;

private:
    HttpUrl m_url;
    HttpTimeouts m_timeouts;
    std::int64_t m_maxBodyBytes; ///< responses with a longer body are errors
};

/// Parses a complete response (status line, headers, then a Content-Length, chunked or
/// close-delimited body). Exposed for tests.
base::Result<HttpResponse> parseHttpResponse(const std::string &raw, bool headRequest);

} // namespace trellis::engine
