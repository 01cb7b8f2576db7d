// RemoteCache against a real HTTP cache: nginx with WebDAV PUT on a temporary root,
// started by each test on 127.0.0.1 and a free port, and always stopped (RAII). Tests
// that need nginx are skipped when the binary is absent (packaging/install-deps.sh
// installs it). A raw-socket server that accepts and never answers checks the timeout.
#include "core/engine/remotecache.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <atomic>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace trellis::engine;

namespace {

/// A free TCP port on 127.0.0.1 (bound then released; the kernel does not hand it out again at once).
int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}

bool canConnect(int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(quint16(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0;
    ::close(fd);
    return ok;
}

/// nginx serving a temporary root with WebDAV PUT, for the lifetime of the object.
/// `locationExtra` is added to `location /` (e.g. "return 500;"). With `certDir`
/// (holding cert.pem and key.pem) it serves HTTPS with HTTP/2.
class Nginx {
public:
    explicit Nginx(const QString &locationExtra = {}, const QString &certDir = {}) : m_tls(!certDir.isEmpty())
    {
        const QString binary = nginxBinary();
        if (binary.isEmpty() || !m_dir.isValid())
            return;
        m_port = freePort();
        const QString tmp = m_dir.path();
        QDir().mkpath(tmp + QStringLiteral("/root"));
        QDir().mkpath(tmp + QStringLiteral("/body"));
        QDir().mkpath(tmp + QStringLiteral("/logs"));
        const QString conf = QStringLiteral(
                                 "daemon off; master_process off; %1 pid %2/nginx.pid; error_log %2/error.log;\n"
                                 "events {}\n"
                                 "http { client_body_temp_path %2/body; access_log off;\n"
                                 "  proxy_temp_path %2/body; fastcgi_temp_path %2/body; uwsgi_temp_path %2/body;\n"
                                 "  scgi_temp_path %2/body;\n"
                                 "  server { listen 127.0.0.1:%3%5; root %2/root;\n"
                                 "    location / { dav_methods PUT; create_full_put_path on; dav_access user:rw;\n"
                                 "      client_max_body_size 64m; %4 } } }\n")
                                 .arg(::geteuid() == 0 ? QStringLiteral("user root;") : QString(), tmp)
                                 .arg(m_port)
                                 .arg(locationExtra,
                                      m_tls ? QStringLiteral(" ssl http2; ssl_certificate %1/cert.pem; "
                                                             "ssl_certificate_key %1/key.pem")
                                                  .arg(certDir)
                                            : QString());
        QFile f(tmp + QStringLiteral("/nginx.conf"));
        if (!f.open(QIODevice::WriteOnly))
            return;
        f.write(conf.toUtf8());
        f.close();
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(binary, {QStringLiteral("-c"), f.fileName(), QStringLiteral("-p"), tmp});
        if (!m_process.waitForStarted(5000))
            return;
        for (int i = 0; i < 100 && m_process.state() == QProcess::Running; ++i) {
            if (canConnect(m_port)) {
                m_ready = true;
                return;
            }
            QTest::qWait(50);
        }
    }
    ~Nginx()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    Nginx(const Nginx &) = delete;
    Nginx &operator=(const Nginx &) = delete;

    static QString nginxBinary()
    {
        QString b = QStandardPaths::findExecutable(QStringLiteral("nginx"));
        if (b.isEmpty())
            b = QStandardPaths::findExecutable(QStringLiteral("nginx"), {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")});
        return b;
    }
    bool ready() const { return m_ready; }
    std::string url() const { return (m_tls ? "https" : "http") + std::string("://127.0.0.1:") + std::to_string(m_port); }
    QString root() const { return m_dir.path() + QStringLiteral("/root"); }
    QString log() { return QString::fromUtf8(m_process.readAll()); }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    int m_port = 0;
    bool m_ready = false;
    bool m_tls = false;
};

/// A self-signed certificate for 127.0.0.1 (cert.pem, key.pem) in `dir`; false without openssl.
bool makeCertificate(const QString &dir)
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        return false;
    QProcess gen;
    gen.setWorkingDirectory(dir);
    gen.start(openssl, {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                        QStringLiteral("-nodes"), QStringLiteral("-keyout"), QStringLiteral("key.pem"),
                        QStringLiteral("-out"), QStringLiteral("cert.pem"), QStringLiteral("-days"), QStringLiteral("1"),
                        QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                        QStringLiteral("subjectAltName=IP:127.0.0.1")});
    return gen.waitForFinished(60000) && gen.exitCode() == 0;
}

#define REQUIRE_NGINX(n)                                                                                              \
    if (Nginx::nginxBinary().isEmpty())                                                                               \
        QSKIP("nginx is not installed (packaging/install-deps.sh installs it); remote cache tests need it");          \
    QVERIFY2((n).ready(), qPrintable(QStringLiteral("nginx did not start: ") + (n).log()))

/// A TCP server on 127.0.0.1 that accepts connections and never answers.
class SilentServer {
public:
    SilentServer()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(m_fd, reinterpret_cast<sockaddr *>(&a), sizeof a);
        socklen_t len = sizeof a;
        ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&a), &len);
        m_port = ntohs(a.sin_port);
        ::listen(m_fd, 16);
        m_thread = std::thread([this] {
            while (!m_stop) {
                pollfd p{m_fd, POLLIN, 0};
                if (::poll(&p, 1, 50) > 0) {
                    const int c = ::accept(m_fd, nullptr, nullptr);
                    if (c >= 0)
                        m_clients.push_back(c);
                }
            }
        });
    }
    ~SilentServer()
    {
        m_stop = true;
        m_thread.join();
        for (int c : m_clients)
            ::close(c);
        ::close(m_fd);
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }

private:
    int m_fd = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::vector<int> m_clients; // touched by the thread only until it is joined
    std::thread m_thread;
};

RemoteCacheConfig configFor(const std::string &url, int timeoutMs = 3000)
{
    RemoteCacheConfig c;
    c.url = url;
    c.timeoutMs = timeoutMs;
    c.connectTimeoutMs = timeoutMs;
    return c;
}

/// Collects warnings from a RemoteCache.
struct Warnings {
    std::mutex mutex;
    std::vector<std::string> list;
    RemoteCache::WarningHandler handler()
    {
        return [this](const std::string &w) {
            std::lock_guard lock(mutex);
            list.push_back(w);
        };
    }
};

std::string keyOf(const std::string &s)
{
    return sha256Hex("key:" + s);
}

/// An HttpClient that records requests and answers from a table (tests of headers).
class FakeHttpClient : public HttpClient {
public:
    trellis::base::Result<HttpResponse> send(const HttpRequest &r) override
    {
        std::lock_guard lock(m_mutex);
        m_requests.push_back(r);
        HttpResponse resp;
        resp.status = r.method == "PUT" ? 201 : 404;
        return resp;
    }
    std::vector<HttpRequest> requests()
    {
        std::lock_guard lock(m_mutex);
        return m_requests;
    }

private:
    std::mutex m_mutex;
    std::vector<HttpRequest> m_requests;
};

/// An HttpClient serving a fixed map of path -> body (404 elsewhere); PUTs are stored.
class MapHttpClient : public HttpClient {
public:
    explicit MapHttpClient(std::map<std::string, std::string> objects, std::string everyAc = {})
        : m_objects(std::move(objects)), m_everyAc(std::move(everyAc))
    {
    }
    trellis::base::Result<HttpResponse> send(const HttpRequest &r) override
    {
        std::lock_guard lock(m_mutex);
        HttpResponse resp;
        if (r.method == "PUT") {
            m_objects[r.path] = r.body;
            resp.status = 201;
        } else if (!m_everyAc.empty() && r.path.starts_with("/ac/")) {
            resp.status = 200; // a hostile server: one record for every key
            resp.body = m_everyAc;
        } else if (auto it = m_objects.find(r.path); it != m_objects.end()) {
            resp.status = 200;
            resp.body = it->second;
        } else {
            resp.status = 404;
        }
        return resp;
    }

    std::string object(const std::string &path)
    {
        std::lock_guard lock(m_mutex);
        auto it = m_objects.find(path);
        return it == m_objects.end() ? std::string() : it->second;
    }

private:
    std::mutex m_mutex;
    std::map<std::string, std::string> m_objects;
    std::string m_everyAc;
};

} // namespace

class RemoteCacheTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testUrl_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("normalized");
        QTest::addColumn<QString>("error");
        QTest::newRow("plain") << "http://cache:8080/" << "http://cache:8080" << QString();
        QTest::newRow("prefix") << "http://127.0.0.1/team/cache/" << "http://127.0.0.1/team/cache" << QString();
        QTest::newRow("https") << "https://Cache.example:443/x/" << "https://cache.example/x" << QString();
        QTest::newRow("https port") << "https://cache:8443" << "https://cache:8443" << QString();
        QTest::newRow("ipv6") << "http://[::1]:9090/p" << "http://[::1]:9090/p" << QString();
        QTest::newRow("ipv6 no brackets") << "http://::1:9090" << QString()
                                          << "remote cache URL 'http://::1:9090' has an IPv6 address without brackets "
                                             "(write http://[::1]:9090)";
        QTest::newRow("port") << "http://cache:99999" << QString() << "remote cache URL 'http://cache:99999' has a bad port";
        QTest::newRow("grpc") << "grpc://cache" << QString()
                              << "remote cache URL 'grpc://cache' must start with http:// or https://";
        QTest::newRow("userinfo") << "http://u:p@cache" << QString()
                                  << "remote cache URL 'http://u:p@cache' must not hold credentials; use auth_token_env";
        QTest::newRow("crlf") << "http://cache/\r\nX: y" << QString()
                              << "remote cache URL 'http://cache/\r\nX: y' contains a space or a control character";
        QTest::newRow("query") << "http://cache/?a=b" << QString()
                               << "remote cache URL 'http://cache/?a=b' must not have a query or a fragment";
    }
    void testUrl()
    {
        QFETCH(QString, url);
        QFETCH(QString, normalized);
        QFETCH(QString, error);
        auto u = HttpUrl::parse(url.toStdString());
        if (!error.isEmpty()) {
            QVERIFY(!u);
            QCOMPARE(QString::fromStdString(u.diagnostics().front().message), error);
        } else {
            QVERIFY(u);
            QCOMPARE(QString::fromStdString(u->toString()), normalized);
        }
    }

    void testConfig()
    {
        const std::map<std::string, std::string> env = {{"CACHE_TOKEN", "s3cret"}};
        auto none = RemoteCacheConfig::fromSettings({{"timeout_ms", "10"}}, env);
        QVERIFY(none && !none->has_value());
        auto off = RemoteCacheConfig::fromSettings({{"url", "http://c"}, {"mode", "off"}}, env);
        QVERIFY(off && !off->has_value());
        auto c = RemoteCacheConfig::fromSettings({{"url", "https://c:9090"},
                                                  {"mode", "read"},
                                                  {"timeout-ms", "700"},
                                                  {"connect_timeout_ms", "5000"},
                                                  {"max_blob_size", "1024"},
                                                  {"auth_token_env", "CACHE_TOKEN"}},
                                                 env);
        QVERIFY(c && c->has_value());
        QVERIFY((*c)->read);
        QVERIFY(!(*c)->write);
        QCOMPARE((*c)->timeoutMs, 700);
        QCOMPARE((*c)->connectTimeoutMs, 700); // never above the request timeout
        QCOMPARE((*c)->maxBlobBytes, std::int64_t(1024));
        QCOMPARE((*c)->authorization(), std::pair(std::string("Authorization"), std::string("Bearer s3cret")));
        auto bad = RemoteCacheConfig::fromSettings({{"url", "http://c"}, {"mode", "rw"}, {"timeout_ms", "x"}}, env);
        QVERIFY(!bad);
        QCOMPARE(QString::fromStdString(bad.diagnostics().front().format()),
                 QStringLiteral("[trellis.remote-cache]: error: mode: expected \"read-write\", \"read\", \"write\" or "
                                "\"off\", got \"rw\""));
        auto noToken = RemoteCacheConfig::fromSettings({{"url", "https://c"}, {"auth_token_env", "MISSING"}}, env);
        QVERIFY(!noToken);
        QCOMPARE(QString::fromStdString(noToken.diagnostics().front().message),
                 QStringLiteral("auth_token_env: the environment variable MISSING is not set"));
    }

    void testAuthHeaderSentAndNeverLogged()
    {
        RemoteCacheConfig cfg = configFor("http://fake");
        cfg.authToken = "s3cret";
        auto fake = std::make_unique<FakeHttpClient>();
        FakeHttpClient *client = fake.get(); // owned by the cache
        Warnings warnings;
        RemoteCache cache(cfg, std::move(fake), warnings.handler());
        QVERIFY(!cache.get(keyOf("a")));
        cache.put(keyOf("a"), "payload");
        QVERIFY(cache.flush(2000));
        const auto requests = client->requests();
        QCOMPARE(int(requests.size()), 3); // GET ac, PUT cas, PUT ac
        for (const auto &r : requests)
            QCOMPARE(r.headers, (HttpHeaders{{"Authorization", "Bearer s3cret"}}));
        QCOMPARE(requests[1].path, "/cas/" + sha256Hex("payload"));
        QCOMPARE(requests[2].body, RemoteCache::actionRecord(keyOf("a"), "payload"));
        QVERIFY(warnings.list.empty());
    }

    void testTokenNeverInClearText_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("http remote") << "http://cache.example:9090" << false;
        QTest::newRow("http ip") << "http://10.1.2.3" << false;
        QTest::newRow("https remote") << "https://cache.example" << true;
        QTest::newRow("loopback v4") << "http://127.0.0.1:9091" << true;
        QTest::newRow("loopback v6") << "http://[::1]:9091" << true;
        QTest::newRow("localhost") << "http://localhost:9091" << true;
        QTest::newRow("not loopback") << "http://127.0.0.1.evil.example" << false;
    }
    void testTokenNeverInClearText()
    {
        QFETCH(QString, url);
        QFETCH(bool, accepted);
        const std::map<std::string, std::string> env = {{"GITHUB_TOKEN", "ghp_secret"}};
        auto c = RemoteCacheConfig::fromSettings({{"url", url.toStdString()}, {"auth_token_env", "GITHUB_TOKEN"}}, env);
        QCOMPARE(bool(c), accepted);
        if (!accepted) {
            const std::string message = c.diagnostics().front().message;
            QVERIFY2(message.find("refusing to send the token of GITHUB_TOKEN in clear text") != std::string::npos,
                     message.c_str());
            QVERIFY(message.find("ghp_secret") == std::string::npos);
        }
        // Without a token, plain http is fine anywhere.
        auto anonymous = RemoteCacheConfig::fromSettings({{"url", url.toStdString()}}, env);
        QVERIFY(anonymous && anonymous->has_value());
    }

    void testHeaderInjectionRejected()
    {
        const std::map<std::string, std::string> env = {{"TOKEN", "abc\r\nX-Injected: 1"}, {"OK", "abc"}};
        auto token = RemoteCacheConfig::fromSettings({{"url", "https://c"}, {"auth_token_env", "TOKEN"}}, env);
        QVERIFY(!token);
        QCOMPARE(QString::fromStdString(token.diagnostics().front().message),
                 QStringLiteral("auth_token_env: the value of TOKEN has a control character (CR, LF, ...); it is not "
                                "sent"));
        auto scheme = RemoteCacheConfig::fromSettings(
            {{"url", "https://c"}, {"auth_scheme", "Bearer\nX-Injected: 1"}, {"auth_token_env", "OK"}}, env);
        QVERIFY(!scheme);
        auto header = RemoteCacheConfig::fromSettings(
            {{"url", "https://c"}, {"auth_header", "X-Api-Key: x\r\nHost"}, {"auth_token_env", "OK"}}, env);
        QVERIFY(!header);
        QVERIFY(validateHeader("X-Api-Key", "tab\tis fine"));
        QVERIFY(!validateHeader("X-Api-Key", std::string("nul\0byte", 8)));

        // The client refuses such a header too, before anything is sent.
        CurlHttpClient client(*HttpUrl::parse("http://127.0.0.1:1"), {});
        auto r = client.send({"GET", "/ac/x", {{"Authorization", "Bearer a\r\nX-Injected: 1"}}, {}});
        QVERIFY(!r);
        QCOMPARE(QString::fromStdString(r.diagnostics().front().message),
                 QStringLiteral("HTTP header Authorization has a control character (CR, LF, ...) in its value"));
    }

    void testRecordBoundToItsKey()
    {
        // A valid record and blob for one passing action ...
        const std::string passing = keyOf("passing test"), failing = keyOf("failing test");
        const std::string payload = "exit 0";
        const std::string record = RemoteCache::actionRecord(passing, payload);
        const std::map<std::string, std::string> objects = {{"/ac/" + passing, record},
                                                            {"/cas/" + sha256Hex(payload), payload}};
        {
            RemoteCache honest(configFor("http://fake"), std::make_unique<MapHttpClient>(objects), nullptr);
            auto hit = honest.get(passing);
            QVERIFY(hit);
            QCOMPARE(hit->value, payload);
        }
        // ... served by a hostile server for every key must not make another action a hit.
        Warnings warnings;
        RemoteCache hostile(configFor("http://fake"), std::make_unique<MapHttpClient>(objects, record),
                            warnings.handler());
        QVERIFY(!hostile.get(failing));
        QCOMPARE(hostile.stats().rejected, 1);
        QCOMPARE(hostile.stats().hits, 0);
        QVERIFY(!hostile.available());
        QCOMPARE(int(warnings.list.size()), 1);
        QVERIFY2(warnings.list[0].find("returned the record of another action") != std::string::npos,
                 warnings.list[0].c_str());
        QVERIFY(!hostile.get(passing)); // disabled for the rest of the run

        // A record of the previous format (no key) is a miss, not a hit, and not fatal.
        const std::string v1 = "trellis-action-result 1\ncas " + sha256Hex(payload) + " 6\n";
        RemoteCache old(configFor("http://fake"),
                        std::make_unique<MapHttpClient>(std::map<std::string, std::string>{
                            {"/ac/" + passing, v1}, {"/cas/" + sha256Hex(payload), payload}}),
                        nullptr);
        QVERIFY(!old.get(passing));
        QVERIFY(old.available());
        // Keys that are not hex never reach a URL.
        QVERIFY(!old.get("../../etc/passwd"));
    }

    void testSignedRecords()
    {
        const std::map<std::string, std::string> env = {{"CACHE_SIGNING_KEY", "team-secret"}};
        auto cfg = RemoteCacheConfig::fromSettings({{"url", "http://fake"}, {"signing_key_env", "CACHE_SIGNING_KEY"}}, env);
        QVERIFY(cfg && cfg->has_value());
        QCOMPARE((*cfg)->signingKey, std::string("team-secret"));
        auto missing = RemoteCacheConfig::fromSettings({{"url", "http://fake"}, {"signing_key_env", "NOPE"}}, env);
        QVERIFY(!missing);

        const std::string key = keyOf("signed"), payload = "exit 0";
        const std::string blobPath = "/cas/" + sha256Hex(payload);
        // A writer with the key uploads a signed record; a reader with the key accepts it.
        auto store = std::make_unique<MapHttpClient>(std::map<std::string, std::string>{});
        MapHttpClient *server = store.get();
        {
            RemoteCache writer(**cfg, std::move(store), nullptr);
            writer.put(key, payload);
            QVERIFY(writer.flush(2000));
            auto hit = writer.get(key);
            QVERIFY(hit);
            QCOMPARE(hit->value, payload);
            QCOMPARE(server->object("/ac/" + key), RemoteCache::actionRecord(key, payload, "team-secret"));
        }
        // A server without the key forges a record for the key it is asked: not accepted.
        Warnings warnings;
        const std::string forged = RemoteCache::actionRecord(key, payload, "guessed-secret");
        RemoteCache forgedReader(**cfg,
                                 std::make_unique<MapHttpClient>(std::map<std::string, std::string>{
                                     {"/ac/" + key, forged}, {blobPath, payload}}),
                                 warnings.handler());
        QVERIFY(!forgedReader.get(key));
        QCOMPARE(forgedReader.stats().rejected, 1);
        QVERIFY(!forgedReader.available());
        QVERIFY2(warnings.list[0].find("wrong signature") != std::string::npos, warnings.list[0].c_str());
        // An unsigned record is a miss for a reader that requires signatures (not fatal).
        RemoteCache unsignedReader(**cfg,
                                   std::make_unique<MapHttpClient>(std::map<std::string, std::string>{
                                       {"/ac/" + key, RemoteCache::actionRecord(key, payload)}, {blobPath, payload}}),
                                   nullptr);
        QVERIFY(!unsignedReader.get(key));
        QVERIFY(unsignedReader.available());
        // A reader without a key still reads signed records (the key and digest checks apply).
        RemoteCache plainReader(configFor("http://fake"),
                                std::make_unique<MapHttpClient>(std::map<std::string, std::string>{
                                    {"/ac/" + key, RemoteCache::actionRecord(key, payload, "team-secret")},
                                    {blobPath, payload}}),
                                nullptr);
        QVERIFY(plainReader.get(key));
    }

    void testReadOnlyModeNeverUploads()
    {
        auto fake = std::make_unique<FakeHttpClient>();
        FakeHttpClient *client = fake.get();
        RemoteCacheConfig cfg = configFor("http://fake");
        cfg.write = false;
        RemoteCache cache(cfg, std::move(fake), nullptr);
        QVERIFY(!cache.get(keyOf("a")));
        cache.put(keyOf("a"), "payload");
        QVERIFY(cache.flush(1000));
        const auto requests = client->requests();
        QCOMPARE(int(requests.size()), 1);
        QCOMPARE(requests[0].method, std::string("GET"));
    }

    void testMissUploadHit()
    {
        Nginx nginx;
        REQUIRE_NGINX(nginx);
        Warnings warnings;
        RemoteCache cache(configFor(nginx.url()), warnings.handler());
        const std::string key = keyOf("t1");
        QVERIFY(!cache.get(key));
        cache.put(key, "result bytes");
        QVERIFY(cache.flush(5000));
        QVERIFY(QFile::exists(nginx.root() + "/ac/" + QString::fromStdString(key)));
        QVERIFY(QFile::exists(nginx.root() + "/cas/" + QString::fromStdString(sha256Hex("result bytes"))));
        auto hit = cache.get(key);
        QVERIFY(hit);
        QCOMPARE(hit->value, std::string("result bytes"));
        QCOMPARE(hit->source, std::string("cached remotely"));
        const RemoteCacheStats s = cache.stats();
        QCOMPARE(s.hits, 1);
        QCOMPARE(s.misses, 1);
        QCOMPARE(s.uploads, 1);
        QVERIFY(cache.available());
        QVERIFY(warnings.list.empty());
    }

    void testHttpsHttp2WithNginx()
    {
        if (Nginx::nginxBinary().isEmpty())
            QSKIP("nginx is not installed (packaging/install-deps.sh installs it)");
        QTemporaryDir certs;
        if (!makeCertificate(certs.path()))
            QSKIP("openssl is not installed (packaging/install-deps.sh installs it)");
        Nginx nginx({}, certs.path());
        REQUIRE_NGINX(nginx);
        HttpClientOptions options;
        options.caFile = certs.filePath(QStringLiteral("cert.pem")).toStdString();
        CurlHttpClient client(*HttpUrl::parse(nginx.url()), options);
        auto put = client.send({"PUT", "/cas/blob", {}, "over h2"});
        QVERIFY2(put, put ? "" : put.diagnostics().front().message.c_str());
        QVERIFY(put->status >= 200 && put->status < 300);
        auto get = client.send({"GET", "/cas/blob", {}, {}});
        QVERIFY(get);
        QCOMPARE(get->status, 200);
        QCOMPARE(get->body, std::string("over h2"));
        QCOMPARE(client.lastHttpVersion(), 20); // nginx offers h2 over TLS (ALPN)
        QCOMPARE(client.connectionsOpened(), std::int64_t(1));

        RemoteCacheConfig cfg = configFor(nginx.url());
        cfg.caFile = options.caFile;
        Warnings warnings;
        RemoteCache cache(cfg, warnings.handler());
        QVERIFY(!cache.get(keyOf("h2")));
        cache.put(keyOf("h2"), "cached over https");
        QVERIFY(cache.flush(5000));
        auto hit = cache.get(keyOf("h2"));
        QVERIFY(hit);
        QCOMPARE(hit->value, std::string("cached over https"));
        QVERIFY2(warnings.list.empty(), warnings.list.empty() ? "" : warnings.list[0].c_str());
    }

    void testTieredAcrossCacheDirs()
    {
        Nginx nginx;
        REQUIRE_NGINX(nginx);
        QTemporaryDir dirA, dirB;
        const std::string key = keyOf("shared");
        {
            auto remote = std::make_shared<RemoteCache>(configFor(nginx.url()), nullptr);
            TieredCache a(std::make_shared<LocalCache>(dirA.path().toStdString(), 1 << 20), remote);
            a.put(key, "passed");
            QVERIFY(remote->flush(5000));
        }
        auto localB = std::make_shared<LocalCache>(dirB.path().toStdString(), 1 << 20);
        TieredCache b(localB, std::make_shared<RemoteCache>(configFor(nginx.url()), nullptr));
        auto first = b.get(key);
        QVERIFY(first);
        QCOMPARE(first->source, std::string("cached remotely"));
        auto second = localB->get(key); // copied locally
        QVERIFY(second);
        QCOMPARE(second->value, std::string("passed"));
    }

    void testServerDown()
    {
        Warnings warnings;
        RemoteCache cache(configFor("http://127.0.0.1:" + std::to_string(freePort())), warnings.handler());
        QElapsedTimer t;
        t.start();
        QVERIFY(!cache.get(keyOf("x")));
        QVERIFY(!cache.get(keyOf("y")));
        cache.put(keyOf("x"), "v");
        QVERIFY(cache.flush(1000));
        QVERIFY(t.elapsed() < 1000);
        QVERIFY(!cache.available());
        QCOMPARE(int(warnings.list.size()), 1);
        QVERIFY2(warnings.list[0].find("Connection refused") != std::string::npos, warnings.list[0].c_str());
        QVERIFY(warnings.list[0].find("continuing with the local cache only") != std::string::npos);
    }

    void testServerError500()
    {
        Nginx nginx(QStringLiteral("return 500;"));
        REQUIRE_NGINX(nginx);
        Warnings warnings;
        RemoteCache cache(configFor(nginx.url()), warnings.handler());
        QVERIFY(!cache.get(keyOf("x")));
        QVERIFY(!cache.available());
        cache.put(keyOf("x"), "v");
        QVERIFY(!cache.get(keyOf("x")));
        QCOMPARE(warnings.list,
                 std::vector<std::string>{"remote cache " + nginx.url()
                                          + " is unavailable (GET /ac answered HTTP 500); continuing with the local "
                                            "cache only"});
        QCOMPARE(cache.stats().uploadsDropped, 1);
    }

    void testCorruptedBlob()
    {
        Nginx nginx;
        REQUIRE_NGINX(nginx);
        Warnings warnings;
        RemoteCache cache(configFor(nginx.url()), warnings.handler());
        const std::string good = keyOf("good"), bad = keyOf("bad");
        cache.put(good, "good payload");
        cache.put(bad, "bad payload");
        QVERIFY(cache.flush(5000));
        QFile blob(nginx.root() + "/cas/" + QString::fromStdString(sha256Hex("bad payload")));
        QVERIFY(blob.open(QIODevice::WriteOnly | QIODevice::Truncate));
        blob.write("bad paylaod"); // same size, different bytes
        blob.close();
        QVERIFY(!cache.get(bad));
        QCOMPARE(cache.stats().corrupt, 1);
        QVERIFY(cache.available()); // one bad blob does not disable the remote
        auto hit = cache.get(good);
        QVERIFY(hit);
        QCOMPARE(hit->value, std::string("good payload"));
        QCOMPARE(int(warnings.list.size()), 1);
        QVERIFY(warnings.list[0].find("corrupted blob") != std::string::npos);

        // A garbage action record is not trusted either, and disables the remote.
        QFile ac(nginx.root() + "/ac/" + QString::fromStdString(good));
        QVERIFY(ac.open(QIODevice::WriteOnly | QIODevice::Truncate));
        ac.write("<html>proxy login</html>");
        ac.close();
        QVERIFY(!cache.get(good));
        QVERIFY(!cache.available());
    }

    void testSlowServerTimesOut()
    {
        SilentServer server;
        Warnings warnings;
        RemoteCache cache(configFor(server.url(), 300), warnings.handler());
        QElapsedTimer t;
        t.start();
        QVERIFY(!cache.get(keyOf("x")));
        const qint64 first = t.elapsed();
        QVERIFY2(first >= 250 && first < 1500, qPrintable(QString::number(first)));
        QVERIFY(!cache.get(keyOf("y"))); // unavailable now: no second wait
        cache.put(keyOf("y"), "v");
        QVERIFY(t.elapsed() < first + 200);
        QCOMPARE(int(warnings.list.size()), 1);
        QVERIFY2(warnings.list[0].find("timed out waiting for 127.0.0.1") != std::string::npos, warnings.list[0].c_str());
    }

    void testBoundedQueueAndSlowUploads()
    {
        SilentServer server;
        RemoteCacheConfig cfg = configFor(server.url(), 300);
        cfg.maxPendingUploads = 2;
        QElapsedTimer t;
        t.start();
        {
            RemoteCache cache(cfg, nullptr);
            for (int i = 0; i < 10; ++i)
                cache.put(keyOf(std::to_string(i)), "v"); // never blocks
            QVERIFY(t.elapsed() < 100);
        } // the destructor waits at most about two timeouts
        QVERIFY2(t.elapsed() < 1500, qPrintable(QString::number(t.elapsed())));
    }

    void testConcurrentWriters()
    {
        Nginx nginx;
        REQUIRE_NGINX(nginx);
        auto a = std::make_shared<RemoteCache>(configFor(nginx.url()), nullptr);
        auto b = std::make_shared<RemoteCache>(configFor(nginx.url()), nullptr);
        std::vector<std::thread> writers;
        for (int w = 0; w < 4; ++w)
            writers.emplace_back([&, w] {
                RemoteCache &c = (w % 2) ? *a : *b;
                for (int i = 0; i < 40; ++i)
                    c.put(keyOf(std::to_string(i)), "value " + std::to_string(i)); // same keys from every writer
            });
        for (auto &t : writers)
            t.join();
        QVERIFY(a->flush(10000));
        QVERIFY(b->flush(10000));
        QVERIFY(a->available() && b->available());
        QCOMPARE(a->stats().uploads + b->stats().uploads, 160);
        RemoteCache reader(configFor(nginx.url()), nullptr);
        for (int i = 0; i < 40; ++i) {
            auto hit = reader.get(keyOf(std::to_string(i)));
            QVERIFY(hit);
            QCOMPARE(hit->value, "value " + std::to_string(i));
        }
    }
};

QTEST_GUILESS_MAIN(RemoteCacheTest)
#include "remotecache_test.moc"
