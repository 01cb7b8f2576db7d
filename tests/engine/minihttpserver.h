// A tiny HTTP/1.1 server for protocol tests, on 127.0.0.1 and a free port, for the
// lifetime of the object: keep-alive connections, Content-Length bodies, an in-memory
// store for PUT/GET/HEAD, and switches for the faults the client must survive (a status
// for every request, a silent server, a corrupted body). One thread per connection.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

class MiniHttpServer {
public:
    struct Request {
        std::string method, path, body;
        std::vector<std::pair<std::string, std::string>> headers;
    };

    MiniHttpServer()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        const int one = 1;
        ::setsockopt(m_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(m_fd, reinterpret_cast<sockaddr *>(&a), sizeof a);
        socklen_t len = sizeof a;
        ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&a), &len);
        m_port = ntohs(a.sin_port);
        ::listen(m_fd, 64);
        m_acceptor = std::thread([this] { acceptLoop(); });
    }
    ~MiniHttpServer()
    {
        m_stop = true;
        m_acceptor.join();
        std::vector<std::thread> threads;
        {
            std::lock_guard lock(m_mutex);
            for (int c : m_clients)
                ::shutdown(c, SHUT_RDWR);
            threads.swap(m_threads);
        }
        for (auto &t : threads)
            t.join();
        for (int c : m_clients)
            ::close(c);
        ::close(m_fd);
    }
    MiniHttpServer(const MiniHttpServer &) = delete;
    MiniHttpServer &operator=(const MiniHttpServer &) = delete;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }
    /// Every request answers this status (0 = normal behaviour).
    void setStatus(int status) { m_forcedStatus = status; }
    /// Accept and read requests, never answer.
    void setSilent(bool silent) { m_silent = silent; }
    /// Flip one byte of every /cas/ body served.
    void setCorruptBlobs(bool corrupt) { m_corrupt = corrupt; }
    int connections() const { return m_connections; }
    std::vector<Request> requests()
    {
        std::lock_guard lock(m_mutex);
        return m_requests;
    }
    std::map<std::string, std::string> store()
    {
        std::lock_guard lock(m_mutex);
        return m_store;
    }

private:
    void acceptLoop()
    {
        while (!m_stop) {
            pollfd p{m_fd, POLLIN, 0};
            if (::poll(&p, 1, 20) <= 0)
                continue;
            const int c = ::accept(m_fd, nullptr, nullptr);
            if (c < 0)
                continue;
            ++m_connections;
            std::lock_guard lock(m_mutex);
            m_clients.push_back(c);
            m_threads.emplace_back([this, c] { serve(c); });
        }
    }

    /// Reads more bytes into `buf`; false at EOF, error or stop.
    bool readMore(int c, std::string &buf)
    {
        while (!m_stop) {
            pollfd p{c, POLLIN, 0};
            const int n = ::poll(&p, 1, 20);
            if (n == 0)
                continue;
            if (n < 0)
                return false;
            char tmp[65536];
            const ssize_t got = ::recv(c, tmp, sizeof tmp, 0);
            if (got <= 0)
                return false;
            buf.append(tmp, size_t(got));
            return true;
        }
        return false;
    }

    void serve(int c)
    {
        std::string buf;
        for (;;) {
            size_t end;
            while ((end = buf.find("\r\n\r\n")) == std::string::npos)
                if (!readMore(c, buf))
                    return;
            Request r;
            const std::string head = buf.substr(0, end);
            buf.erase(0, end + 4);
            size_t pos = head.find("\r\n");
            const std::string line = head.substr(0, pos);
            const size_t sp1 = line.find(' '), sp2 = line.rfind(' ');
            r.method = line.substr(0, sp1);
            r.path = line.substr(sp1 + 1, sp2 - sp1 - 1);
            size_t length = 0;
            while (pos != std::string::npos && pos < head.size()) {
                const size_t next = head.find("\r\n", pos + 2);
                const std::string h = head.substr(pos + 2, next == std::string::npos ? std::string::npos : next - pos - 2);
                pos = next;
                const size_t colon = h.find(':');
                if (colon == std::string::npos)
                    continue;
                std::string name = h.substr(0, colon), value = h.substr(colon + 1);
                while (!value.empty() && value.front() == ' ')
                    value.erase(0, 1);
                for (auto &ch : name)
                    ch = char(std::tolower(static_cast<unsigned char>(ch)));
                if (name == "content-length")
                    length = std::stoul(value);
                r.headers.emplace_back(name, value);
            }
            while (buf.size() < length)
                if (!readMore(c, buf))
                    return;
            r.body = buf.substr(0, length);
            buf.erase(0, length);
            {
                std::lock_guard lock(m_mutex);
                m_requests.push_back(r);
            }
            if (m_silent)
                continue;
            int status = 200;
            std::string body;
            {
                std::lock_guard lock(m_mutex);
                if (m_forcedStatus) {
                    status = m_forcedStatus;
                    body = "forced";
                } else if (r.method == "PUT") {
                    m_store[r.path] = r.body;
                    status = 201;
                } else if (auto it = m_store.find(r.path); it != m_store.end()) {
                    body = it->second;
                    if (m_corrupt && r.path.starts_with("/cas/") && !body.empty())
                        body[0] = char(body[0] ^ 1);
                } else {
                    status = 404;
                    body = "not found";
                }
            }
            std::string out = "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Length: "
                              + std::to_string(body.size()) + "\r\n\r\n";
            if (r.method != "HEAD")
                out += body;
            if (::send(c, out.data(), out.size(), MSG_NOSIGNAL) != ssize_t(out.size()))
                return;
        }
    }

    int m_fd = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_forcedStatus{0};
    std::atomic<bool> m_silent{false};
    std::atomic<bool> m_corrupt{false};
    std::atomic<int> m_connections{0};
    std::thread m_acceptor;
    std::mutex m_mutex; ///< guards everything below
    std::vector<int> m_clients;
    std::vector<std::thread> m_threads;
    std::vector<Request> m_requests;
    std::map<std::string, std::string> m_store;
};
