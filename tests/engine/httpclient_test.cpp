// CurlHttpClient and RemoteCache against real servers started inside each test, without
// nginx: MiniHttpServer (plain HTTP/1.1 on 127.0.0.1, in this process) for miss, upload,
// hit, 500, corrupt blob, timeout, refused and connection reuse; and an HTTPS server
// (python3's http.server wrapped in ssl, with a self-signed certificate made by the
// openssl CLI in the test) for certificate verification. The HTTPS tests are skipped
// when python3 or openssl is missing (packaging/install-deps.sh installs both).
#include "core/engine/remotecache.h"

#include "minihttpserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace trellis::engine;

namespace {

std::string keyOf(const std::string &s)
{
    return sha256Hex("key:" + s);
}

RemoteCacheConfig configFor(const std::string &url, int timeoutMs = 3000)
{
    RemoteCacheConfig c;
    c.url = url;
    c.timeoutMs = timeoutMs;
    c.connectTimeoutMs = timeoutMs;
    return c;
}

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

int unusedPort()
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

const char *kHttpsServer = R"(import http.server, os, ssl, sys
root, cert, key = sys.argv[1:4]
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args):
        pass
    def file(self):
        return os.path.join(root, self.path.strip("/").replace("/", "_"))
    def reply(self, status, data=b""):
        self.send_response(status)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def do_GET(self):
        if self.headers.get("Authorization") != "Bearer tls-token":
            return self.reply(401)
        if not os.path.isfile(self.file()):
            return self.reply(404)
        with open(self.file(), "rb") as f:
            self.reply(200, f.read())
    def do_PUT(self):
        data = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with open(self.file(), "wb") as f:
            f.write(data)
        self.reply(201)
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
server.serve_forever()
)";

/// An HTTPS cache server with a fresh self-signed certificate for 127.0.0.1.
class HttpsServer {
public:
    HttpsServer()
    {
        const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
        const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
        if (python.isEmpty() || openssl.isEmpty() || !m_dir.isValid()) {
            m_skip = "python3 and openssl are needed for the HTTPS test";
            return;
        }
        QProcess gen;
        gen.setWorkingDirectory(m_dir.path());
        gen.start(openssl, {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                            QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                            QStringLiteral("key.pem"), QStringLiteral("-out"), QStringLiteral("cert.pem"),
                            QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"),
                            QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                            QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost")});
        if (!gen.waitForFinished(60000) || gen.exitCode() != 0) {
            m_error = "openssl req failed: " + gen.readAllStandardError().toStdString();
            return;
        }
        QDir().mkpath(m_dir.filePath(QStringLiteral("root")));
        QFile script(m_dir.filePath(QStringLiteral("server.py")));
        if (!script.open(QIODevice::WriteOnly))
            return;
        script.write(kHttpsServer);
        script.close();
        m_process.start(python, {script.fileName(), m_dir.filePath(QStringLiteral("root")), certFile(),
                                 m_dir.filePath(QStringLiteral("key.pem"))});
        for (int i = 0; i < 200 && !m_process.canReadLine(); ++i)
            m_process.waitForReadyRead(50);
        m_port = m_process.readLine().trimmed().toInt();
        if (m_port == 0)
            m_error = "the HTTPS server did not start: " + m_process.readAllStandardError().toStdString();
    }
    ~HttpsServer()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    const char *skipReason() const { return m_skip.empty() ? nullptr : m_skip.c_str(); }
    const std::string &error() const { return m_error; }
    std::string url() const { return "https://127.0.0.1:" + std::to_string(m_port); }
    QString certFile() const { return m_dir.filePath(QStringLiteral("cert.pem")); }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    int m_port = 0;
    std::string m_skip, m_error;
};

} // namespace

class HttpClientTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testMissUploadHitOverOneConnection()
    {
        MiniHttpServer server;
        RemoteCacheConfig cfg = configFor(server.url());
        cfg.authToken = "local-token";
        Warnings warnings;
        {
            RemoteCache cache(cfg, warnings.handler());
            const std::string key = keyOf("t1");
            QVERIFY(!cache.get(key));
            cache.put(key, "result bytes");
            QVERIFY(cache.flush(5000));
            auto hit = cache.get(key);
            QVERIFY(hit);
            QCOMPARE(hit->value, std::string("result bytes"));
            QCOMPARE(hit->source, std::string("cached remotely"));
            const RemoteCacheStats s = cache.stats();
            QCOMPARE(s.misses, 1);
            QCOMPARE(s.uploads, 1);
            QCOMPARE(s.hits, 1);
            const auto store = server.store();
            QCOMPARE(store.at("/ac/" + key), RemoteCache::actionRecord(key, "result bytes"));
            QCOMPARE(store.at("/cas/" + sha256Hex("result bytes")), std::string("result bytes"));
        }
        QVERIFY(warnings.list.empty());
        const auto requests = server.requests();
        QCOMPARE(int(requests.size()), 5); // GET ac, PUT cas, PUT ac, GET ac, GET cas
        for (const auto &r : requests) {
            int auth = 0;
            for (const auto &[name, value] : r.headers)
                if (name == "authorization") {
                    ++auth;
                    QCOMPARE(value, std::string("Bearer local-token"));
                }
            QCOMPARE(auth, 1);
        }
        QCOMPARE(server.connections(), 1); // one kept-alive connection for all five requests
    }

    void testServerError500()
    {
        MiniHttpServer server;
        server.setStatus(500);
        Warnings warnings;
        RemoteCache cache(configFor(server.url()), warnings.handler());
        QVERIFY(!cache.get(keyOf("x")));
        QVERIFY(!cache.available());
        cache.put(keyOf("x"), "v");
        QCOMPARE(cache.stats().uploadsDropped, 1);
        QCOMPARE(warnings.list, std::vector<std::string>{"remote cache " + server.url()
                                                         + " is unavailable (GET /ac answered HTTP 500); continuing "
                                                           "with the local cache only"});
    }

    void testCorruptBlobIsAMiss()
    {
        MiniHttpServer server;
        Warnings warnings;
        RemoteCache cache(configFor(server.url()), warnings.handler());
        cache.put(keyOf("a"), "payload a");
        QVERIFY(cache.flush(5000));
        server.setCorruptBlobs(true);
        QVERIFY(!cache.get(keyOf("a")));
        QCOMPARE(cache.stats().corrupt, 1);
        QVERIFY(cache.available());
        server.setCorruptBlobs(false);
        QVERIFY(cache.get(keyOf("a")));
        QCOMPARE(int(warnings.list.size()), 1);
        QVERIFY(warnings.list[0].find("corrupted blob") != std::string::npos);
    }

    void testTimeoutCoversTheWholeRequest()
    {
        MiniHttpServer server;
        server.setSilent(true);
        Warnings warnings;
        RemoteCache cache(configFor(server.url(), 300), warnings.handler());
        QElapsedTimer t;
        t.start();
        QVERIFY(!cache.get(keyOf("x")));
        const qint64 first = t.elapsed();
        QVERIFY2(first >= 250 && first < 1500, qPrintable(QString::number(first)));
        QVERIFY(!cache.get(keyOf("y")));
        QVERIFY(t.elapsed() < first + 200);
        QCOMPARE(int(warnings.list.size()), 1);
        QVERIFY2(warnings.list[0].find("timed out waiting for 127.0.0.1:") != std::string::npos,
                 warnings.list[0].c_str());
    }

    void testConnectionRefused()
    {
        const int port = unusedPort();
        CurlHttpClient client(*HttpUrl::parse("http://127.0.0.1:" + std::to_string(port)), {});
        auto r = client.send({"GET", "/ac/x", {}, {}});
        QVERIFY(!r);
        QCOMPARE(QString::fromStdString(r.diagnostics().front().message),
                 QStringLiteral("cannot connect to 127.0.0.1:%1: Connection refused").arg(port));
    }

    void testBodyLimit()
    {
        MiniHttpServer server;
        HttpClientOptions options;
        options.maxBodyBytes = 10;
        CurlHttpClient client(*HttpUrl::parse(server.url()), options);
        QVERIFY(client.send({"PUT", "/cas/big", {}, std::string(100, 'x')}));
        auto r = client.send({"GET", "/cas/big", {}, {}});
        QVERIFY(!r);
        QVERIFY2(r.diagnostics().front().message.find("over the limit of 10 bytes") != std::string::npos,
                 r.diagnostics().front().message.c_str());
        auto head = client.send({"HEAD", "/cas/big", {}, {}});
        QVERIFY(head);
        QCOMPARE(head->status, 200);
        QCOMPARE(head->header("content-length"), std::string("100"));
    }

    void testLoopbackBypassesProxy()
    {
        MiniHttpServer server;
        qputenv("http_proxy", "http://127.0.0.1:1"); // nothing listens there
        CurlHttpClient client(*HttpUrl::parse(server.url()), {});
        auto r = client.send({"GET", "/ac/x", {}, {}});
        qunsetenv("http_proxy");
        QVERIFY2(r, r ? "" : r.diagnostics().front().message.c_str());
        QCOMPARE(r->status, 404);
    }

    void testConcurrentRequestsFromManyThreads()
    {
        MiniHttpServer server;
        CurlHttpClient client(*HttpUrl::parse(server.url()), {});
        std::atomic<int> ok{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&, t] {
                for (int i = 0; i < 25; ++i) {
                    const std::string path = "/cas/" + std::to_string(t) + "-" + std::to_string(i);
                    auto put = client.send({"PUT", path, {}, path});
                    auto get = client.send({"GET", path, {}, {}});
                    if (put && put->status == 201 && get && get->status == 200 && get->body == path)
                        ++ok;
                }
            });
        for (auto &th : threads)
            th.join();
        QCOMPARE(ok.load(), 100);
        QVERIFY2(client.connectionsOpened() <= 8, qPrintable(QString::number(client.connectionsOpened())));
    }

    void testHttpsWithVerifiedCertificate()
    {
        HttpsServer server;
        if (server.skipReason())
            QSKIP(server.skipReason());
        QVERIFY2(server.error().empty(), server.error().c_str());
        const std::map<std::string, std::string> env = {{"CACHE_TOKEN", "tls-token"}};
        auto cfg = RemoteCacheConfig::fromSettings(
            {{"url", server.url()}, {"auth_token_env", "CACHE_TOKEN"}, {"ca_file", server.certFile().toStdString()}},
            env);
        QVERIFY(cfg && cfg->has_value());
        Warnings warnings;
        {
            RemoteCache cache(**cfg, warnings.handler());
            const std::string key = keyOf("tls");
            QVERIFY(!cache.get(key));
            cache.put(key, "over tls");
            QVERIFY(cache.flush(10000));
            auto hit = cache.get(key);
            QVERIFY2(hit, warnings.list.empty() ? "" : warnings.list[0].c_str());
            QCOMPARE(hit->value, std::string("over tls"));
        }
        QVERIFY(warnings.list.empty());

        // The system store does not know the self-signed certificate: nothing is sent.
        RemoteCacheConfig untrusted = **cfg;
        untrusted.caFile.clear();
        RemoteCache cache(untrusted, warnings.handler());
        QVERIFY(!cache.get(keyOf("tls")));
        QVERIFY(!cache.available());
        QCOMPARE(int(warnings.list.size()), 1);
        QVERIFY2(warnings.list[0].find("TLS with 127.0.0.1:") != std::string::npos, warnings.list[0].c_str());
    }
};

QTEST_GUILESS_MAIN(HttpClientTest)
#include "httpclient_test.moc"
