#include "core/engine/httpclient.h"

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <optional>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <utility>

namespace trellis::engine {

namespace {

using Clock = std::chrono::steady_clock;

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

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

/// Parses a non-negative decimal or hex number; nullopt on anything else or overflow.
std::optional<std::uint64_t> parseNumber(std::string_view s, int base)
{
    if (s.empty() || s.size() > 16)
        return std::nullopt;
    std::uint64_t v = 0;
    for (char c : s) {
        int d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (base == 16 && c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (base == 16 && c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else
            return std::nullopt;
        v = v * std::uint64_t(base) + std::uint64_t(d);
    }
    return v;
}

/// Owns a socket descriptor.
class Socket {
public:
    explicit Socket(int fd) : m_fd(fd) {}
    ~Socket()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Socket(const Socket &) = delete;
    Socket &operator=(const Socket &) = delete;
    int fd() const { return m_fd; }
    /// Gives up ownership of the descriptor.
    int release() { return std::exchange(m_fd, -1); }

private:
    int m_fd;
};

/// Milliseconds left until `deadline` (0 when passed).
int remainingMs(Clock::time_point deadline)
{
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return left > 0 ? int(left) : 0;
}

/// Waits for `events` on `fd` until `deadline`; false on timeout or error.
bool waitFor(int fd, short events, Clock::time_point deadline)
{
    for (;;) {
        const int ms = remainingMs(deadline);
        if (ms == 0)
            return false;
        pollfd p{fd, events, 0};
        const int n = ::poll(&p, 1, ms);
        if (n > 0)
            return true;
        if (n == 0)
            return false;
        if (errno != EINTR)
            return false;
    }
}

/// How far the response in `raw` is: nullopt while more bytes are needed, true when complete.
/// A response without Content-Length or chunking is complete only at EOF.
std::optional<bool> isComplete(const std::string &raw, bool head)
{
    const size_t end = raw.find("\r\n\r\n");
    if (end == std::string::npos)
        return std::nullopt;
    if (head)
        return true;
    const std::string_view headers(raw.data(), end);
    std::optional<std::uint64_t> length;
    bool chunked = false;
    size_t pos = headers.find("\r\n");
    while (pos != std::string_view::npos && pos < headers.size()) {
        const size_t next = headers.find("\r\n", pos + 2);
        const std::string_view line = headers.substr(pos + 2, (next == std::string_view::npos ? headers.size() : next) - pos - 2);
        const size_t colon = line.find(':');
        if (colon != std::string_view::npos) {
            const std::string_view name = trim(line.substr(0, colon));
            const std::string_view value = trim(line.substr(colon + 1));
            if (iequals(name, "content-length"))
                length = parseNumber(value, 10);
            else if (iequals(name, "transfer-encoding") && iequals(value, "chunked"))
                chunked = true;
        }
        pos = next;
    }
    const size_t bodyStart = end + 4;
    if (chunked)
        return raw.size() >= bodyStart + 5 && raw.compare(raw.size() - 4, 4, "\r\n\r\n") == 0
                       && parseHttpResponse(raw, false).ok()
                   ? std::optional<bool>(true)
                   : std::nullopt;
    if (length)
        return raw.size() - bodyStart >= *length ? std::optional<bool>(true) : std::nullopt;
    return std::nullopt;
}

/// Decodes a chunked body; nullopt when malformed or incomplete.
std::optional<std::string> decodeChunked(std::string_view in)
{
    std::string out;
    for (;;) {
        const size_t eol = in.find("\r\n");
        if (eol == std::string_view::npos)
            return std::nullopt;
        std::string_view sizeText = in.substr(0, eol);
        if (const size_t semi = sizeText.find(';'); semi != std::string_view::npos)
            sizeText = sizeText.substr(0, semi);
        const std::optional<std::uint64_t> size = parseNumber(trim(sizeText), 16);
        if (!size)
            return std::nullopt;
        in.remove_prefix(eol + 2);
        if (*size == 0) {
            // Trailers (ignored), then an empty line.
            for (;;) {
                const size_t t = in.find("\r\n");
                if (t == std::string_view::npos)
                    return std::nullopt;
                if (t == 0)
                    return out;
                in.remove_prefix(t + 2);
            }
        }
        if (in.size() < *size + 2 || in.substr(*size, 2) != "\r\n")
            return std::nullopt;
        out.append(in.substr(0, *size));
        in.remove_prefix(*size + 2);
    }
}

} // namespace

base::Result<HttpUrl> HttpUrl::parse(const std::string &url)
{
    constexpr std::string_view kScheme = "http://";
    if (url.rfind("https://", 0) == 0)
        return httpError("remote cache URL '" + url
                         + "' uses https, which Trellis does not speak; put a local TLS proxy (stunnel or nginx) in "
                           "front of the cache and use its http:// address");
    if (url.rfind(kScheme, 0) != 0)
        return httpError("remote cache URL '" + url + "' must start with http://");
    std::string_view rest = std::string_view(url).substr(kScheme.size());
    HttpUrl out;
    const size_t slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    if (slash != std::string_view::npos) {
        std::string_view prefix = rest.substr(slash);
        while (!prefix.empty() && prefix.back() == '/')
            prefix.remove_suffix(1);
        out.prefix = std::string(prefix);
    }
    if (authority.find('@') != std::string_view::npos)
        return httpError("remote cache URL '" + url + "' must not hold credentials; use auth_token_env");
    const size_t colon = authority.rfind(':');
    if (colon != std::string_view::npos && authority.find(']') == std::string_view::npos) {
        const std::optional<std::uint64_t> port = parseNumber(authority.substr(colon + 1), 10);
        if (!port || *port == 0 || *port > 65535)
            return httpError("remote cache URL '" + url + "' has a bad port");
        out.port = int(*port);
        authority = authority.substr(0, colon);
    }
    if (authority.empty())
        return httpError("remote cache URL '" + url + "' has no host");
    out.host = std::string(authority);
    return out;
}

std::string HttpUrl::toString() const
{
    return "http://" + host + (port == 80 ? std::string() : ":" + std::to_string(port)) + prefix;
}

std::string HttpResponse::header(std::string_view name) const
{
    for (const auto &[k, v] : headers)
        if (iequals(k, name))
            return v;
    return {};
}

base::Result<HttpResponse> parseHttpResponse(const std::string &raw, bool headRequest)
{
    const size_t end = raw.find("\r\n\r\n");
    if (end == std::string::npos)
        return httpError("truncated HTTP response (no end of headers)");
    const size_t firstEol = raw.find("\r\n");
    const std::string_view statusLine(raw.data(), firstEol);
    // "HTTP/1.x NNN reason"
    if (statusLine.rfind("HTTP/1.", 0) != 0 || statusLine.size() < 12 || statusLine[8] != ' ')
        return httpError("malformed HTTP status line");
    const std::optional<std::uint64_t> status = parseNumber(statusLine.substr(9, 3), 10);
    if (!status || *status < 100 || *status > 599)
        return httpError("malformed HTTP status code");
    HttpResponse response;
    response.status = int(*status);
    size_t pos = firstEol;
    while (pos < end) {
        const size_t next = raw.find("\r\n", pos + 2);
        const std::string_view line(raw.data() + pos + 2, next - pos - 2);
        pos = next;
        if (line.empty())
            break;
        const size_t colon = line.find(':');
        if (colon == std::string_view::npos)
            return httpError("malformed HTTP header line");
        response.headers.emplace_back(std::string(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1))));
    }
    if (headRequest || response.status == 204 || response.status == 304)
        return response;
    const std::string_view body = std::string_view(raw).substr(end + 4);
    if (iequals(response.header("Transfer-Encoding"), "chunked")) {
        std::optional<std::string> decoded = decodeChunked(body);
        if (!decoded)
            return httpError("malformed chunked HTTP body");
        response.body = std::move(*decoded);
        return response;
    }
    const std::string lengthText = response.header("Content-Length");
    if (!lengthText.empty()) {
        const std::optional<std::uint64_t> length = parseNumber(lengthText, 10);
        if (!length)
            return httpError("malformed Content-Length");
        if (body.size() < *length)
            return httpError("truncated HTTP body (" + std::to_string(body.size()) + " of " + std::to_string(*length)
                             + " bytes)");
        response.body = std::string(body.substr(0, *length));
        return response;
    }
    response.body = std::string(body); // delimited by the connection closing
    return response;
}

SocketHttpClient::SocketHttpClient(HttpUrl url, HttpTimeouts timeouts, std::int64_t maxBodyBytes)
    : m_url(std::move(url)), m_timeouts(timeouts), m_maxBodyBytes(maxBodyBytes)
{
}

base::Result<HttpResponse> SocketHttpClient::send(const HttpRequest &request)
{
    const auto start = Clock::now();
    const auto deadline = start + std::chrono::milliseconds(m_timeouts.totalMs);
    const auto connectDeadline = std::min(deadline, start + std::chrono::milliseconds(m_timeouts.connectMs));
    const std::string where = m_url.host + ":" + std::to_string(m_url.port);

    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    addrinfo *addrs = nullptr;
    const std::string port = std::to_string(m_url.port);
    if (const int rc = ::getaddrinfo(m_url.host.c_str(), port.c_str(), &hints, &addrs); rc != 0)
        return httpError("cannot resolve " + m_url.host + ": " + ::gai_strerror(rc));
    std::optional<Socket> sock;
    std::string connectError = "connection timed out";
    for (addrinfo *a = addrs; a && !sock; a = a->ai_next) {
        const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
        if (fd < 0)
            continue;
        Socket candidate(fd);
        int rc = ::connect(fd, a->ai_addr, a->ai_addrlen);
        if (rc != 0 && errno != EINPROGRESS) {
            connectError = std::strerror(errno);
            continue;
        }
        if (rc != 0) {
            if (!waitFor(fd, POLLOUT, connectDeadline)) {
                connectError = "connection timed out";
                continue;
            }
            int err = 0;
            socklen_t len = sizeof err;
            if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0 || err != 0) {
                connectError = std::strerror(err ? err : errno);
                continue;
            }
        }
        const int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        sock.emplace(candidate.release());
    }
    ::freeaddrinfo(addrs);
    if (!sock)
        return httpError("cannot connect to " + where + ": " + connectError);

    std::string out = request.method + " " + m_url.prefix + request.path + " HTTP/1.1\r\nHost: " + where
                      + "\r\nConnection: close\r\n";
    for (const auto &[k, v] : request.headers)
        out += k + ": " + v + "\r\n";
    if (!request.body.empty() || request.method == "PUT" || request.method == "POST")
        out += "Content-Length: " + std::to_string(request.body.size()) + "\r\n";
    out += "\r\n";
    out += request.body;
    size_t sent = 0;
    while (sent < out.size()) {
        const ssize_t n = ::send(sock->fd(), out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
        if (n > 0) {
            sent += size_t(n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (!waitFor(sock->fd(), POLLOUT, deadline))
                return httpError("timed out sending to " + where);
            continue;
        }
        return httpError("cannot send to " + where + ": " + std::strerror(errno));
    }

    const bool head = request.method == "HEAD";
    std::string raw;
    char buffer[16384];
    for (;;) {
        const ssize_t n = ::recv(sock->fd(), buffer, sizeof buffer, 0);
        if (n > 0) {
            raw.append(buffer, size_t(n));
            if (std::int64_t(raw.size()) > m_maxBodyBytes + 65536)
                return httpError("response from " + where + " is larger than the limit of "
                                 + std::to_string(m_maxBodyBytes) + " bytes");
            if (isComplete(raw, head))
                break;
            continue;
        }
        if (n == 0)
            break; // the server closed the connection: the response is whatever arrived
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            if (!waitFor(sock->fd(), POLLIN, deadline))
                return httpError("timed out waiting for " + where + " after "
                                 + std::to_string(m_timeouts.totalMs) + " ms");
            continue;
        }
        return httpError("cannot read from " + where + ": " + std::strerror(errno));
    }
    if (raw.empty())
        return httpError(where + " closed the connection without a response");
    base::Result<HttpResponse> response = parseHttpResponse(raw, head);
    if (!response)
        return httpError("bad response from " + where + ": " + response.diagnostics().front().message);
    if (std::int64_t(response->body.size()) > m_maxBodyBytes)
        return httpError("response from " + where + " is larger than the limit of " + std::to_string(m_maxBodyBytes)
                         + " bytes");
    return response;
}

} // namespace trellis::engine
