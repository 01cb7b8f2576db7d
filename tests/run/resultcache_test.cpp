// The trust boundary of the remote cache configuration (docs/security.md): a repository
// that is not trusted cannot make Trellis send anything anywhere or read a secret from
// the environment; the user's own file and environment can; trust is remembered per
// repository root and settings digest, and lapses when the settings change.
#include "core/run/resultcache.h"

#include "core/workspace/options.h"

#include "../engine/minihttpserver.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sstream>

using namespace trellis;
using namespace trellis::run;

namespace {

void write(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(data);
}

workspace::Options loadRepo(const QString &root, const std::map<std::string, std::string> &environment = {})
{
    workspace::OptionsRequest req;
    req.buildRoot = root.toStdString();
    req.environment = environment;
    req.readPantsrc = false;
    base::Result<workspace::Options> opts = workspace::Options::load(req);
    if (!opts)
        qFatal("options: %s", opts.diagnostics().front().format().c_str());
    return *opts;
}

QByteArray repoConfig(const std::string &url)
{
    return QByteArray("[GLOBAL]\npants_version = \"2.32.0\"\n[trellis.remote-cache]\nurl = \"")
           + QByteArray::fromStdString(url) + "\"\nauth_token_env = \"GITHUB_TOKEN\"\ntimeout_ms = 700\n";
}

/// The cache a run gets, with the warnings written to `err` as the CLI prints them.
ResultCacheSetup makeCache(const workspace::Options &opts, const QString &dir,
                           const std::map<std::string, std::string> &env, std::ostringstream &err,
                           bool trustRepoFlag = false)
{
    return makeResultCache(opts, dir.toStdString(), env, trustFromEnvironment(env, trustRepoFlag),
                           [&err](const std::string &w) { err << "warning: " << w << '\n'; });
}

} // namespace

class RemoteCacheSetupTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_home;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
        qputenv("XDG_CACHE_HOME", m_home.filePath(QStringLiteral("cache")).toUtf8());
    }
    void init()
    {
        QFile::remove(m_home.filePath(QStringLiteral("config/trellis/trusted-repos")));
        QFile::remove(m_home.filePath(QStringLiteral("config/trellis/trellis.toml")));
    }

    void testUntrustedRepositorySettingsIgnored()
    {
        QTemporaryDir repo;
        write(repo.filePath(QStringLiteral("pants.toml")), repoConfig("http://evil.example:9/x"));
        const RemoteCacheSources sources = remoteCacheSources(loadRepo(repo.path()), {{"GITHUB_TOKEN", "ghp_x"}});
        QCOMPARE(sources.repository.at("url"), std::string("http://evil.example:9/x"));
        QVERIFY(sources.user.empty());
        std::vector<std::string> warnings;
        const Settings s = effectiveRemoteCacheSettings(sources, repo.path().toStdString(), TrustNow::No, warnings);
        QVERIFY(!s.count("url"));
        QVERIFY(!s.count("auth_token_env"));
        QCOMPARE(s.at("timeout_ms"), std::string("700")); // harmless keys still apply
        QCOMPARE(int(warnings.size()), 1);
        QVERIFY2(warnings[0].find("ignoring the remote cache settings (auth_token_env, url)") != std::string::npos,
                 warnings[0].c_str());
        QVERIFY(warnings[0].find("which would send data to http://evil.example:9") != std::string::npos);
        QVERIFY(warnings[0].find("this repository is not trusted") != std::string::npos);
        QVERIFY(warnings[0].find("ghp_x") == std::string::npos);
    }

    void testTrustIsRememberedAndLapsesOnChange()
    {
        QTemporaryDir repo;
        write(repo.filePath(QStringLiteral("pants.toml")), repoConfig("https://cache.example"));
        std::vector<std::string> warnings;
        RemoteCacheSources sources = remoteCacheSources(loadRepo(repo.path()), {});
        Settings s = effectiveRemoteCacheSettings(sources, repo.path().toStdString(), TrustNow::Remember, warnings); // --trust-repo
        QVERIFY(warnings.empty());
        QCOMPARE(s.at("url"), std::string("https://cache.example"));
        QCOMPARE(s.at("auth_token_env"), std::string("GITHUB_TOKEN"));
        const auto request = repositoryTrustRequest(repo.path().toStdString(), sources.repository);
        QVERIFY(!request); // remembered

        s = effectiveRemoteCacheSettings(sources, repo.path().toStdString(), TrustNow::No, warnings);
        QVERIFY(warnings.empty());
        QCOMPARE(s.at("url"), std::string("https://cache.example"));

        // The repository changes where its cache points: the old trust does not cover it.
        write(repo.filePath(QStringLiteral("pants.toml")), repoConfig("https://attacker.example"));
        sources = remoteCacheSources(loadRepo(repo.path()), {});
        s = effectiveRemoteCacheSettings(sources, repo.path().toStdString(), TrustNow::No, warnings);
        QVERIFY(!s.count("url"));
        QCOMPARE(int(warnings.size()), 1);
        QVERIFY2(warnings[0].find("they changed since you trusted this repository") != std::string::npos,
                 warnings[0].c_str());
        const auto changed = repositoryTrustRequest(repo.path().toStdString(), sources.repository);
        QVERIFY(changed && changed->changed);
        QCOMPARE(changed->host, std::string("https://attacker.example:443"));

        // The same settings in another checkout are not trusted either (keyed by root).
        QTemporaryDir other;
        write(other.filePath(QStringLiteral("pants.toml")), repoConfig("https://cache.example"));
        QVERIFY(repositoryTrustRequest(other.path().toStdString(),
                                       remoteCacheSources(loadRepo(other.path()), {}).repository));
    }

    void testUserFileAndEnvironmentAreTrusted()
    {
        write(m_home.filePath(QStringLiteral("config/trellis/trellis.toml")),
              "[trellis.remote-cache]\nurl = \"https://mine.example\"\nauth-token-env = \"MY_TOKEN\"\nmode = \"read\"\n");
        QTemporaryDir repo;
        write(repo.filePath(QStringLiteral("pants.toml")),
              "[GLOBAL]\npants_version = \"2.32.0\"\n[trellis.remote-cache]\nmode = \"read-write\"\n");
        const RemoteCacheSources sources = remoteCacheSources(
            loadRepo(repo.path()), {{"TRELLIS_REMOTE_CACHE_URL", "https://env.example"}, {"MY_TOKEN", "t"}});
        std::vector<std::string> warnings;
        const Settings s = effectiveRemoteCacheSettings(sources, repo.path().toStdString(), TrustNow::No, warnings);
        QVERIFY(warnings.empty());
        QCOMPARE(s.at("url"), std::string("https://env.example")); // the environment over the file
        QCOMPARE(s.at("auth_token_env"), std::string("MY_TOKEN"));
        QCOMPARE(s.at("mode"), std::string("read")); // the user's mode is final
    }

    /// End to end: a hostile pants.toml pointing at a server with auth_token_env.
    void testHostileRepositoryGetsNoRequestAndNoSecret()
    {
        MiniHttpServer server;
        QTemporaryDir repo;
        write(repo.filePath(QStringLiteral("pants.toml")), repoConfig(server.url()));
        const workspace::Options opts = loadRepo(repo.path());
        const std::map<std::string, std::string> env = {{"GITHUB_TOKEN", "ghp_secret"}};
        std::ostringstream err;
        {
            ResultCacheSetup cache = makeCache(opts, m_home.filePath(QStringLiteral("results")), env, err);
            QVERIFY(!cache.remote);
            QVERIFY(!cache.cache->get(engine::sha256Hex("k")));
            cache.cache->put(engine::sha256Hex("k"), "v");
            cache.finish();
        }
        QVERIFY(server.requests().empty());
        QVERIFY2(err.str().find("this repository is not trusted") != std::string::npos, err.str().c_str());

        // Once the user trusts it (loopback may get a token over http), it is used.
        std::ostringstream err2;
        {
            ResultCacheSetup cache = makeCache(opts, m_home.filePath(QStringLiteral("results2")), env, err2, true);
            QVERIFY(cache.remote);
            QVERIFY(!cache.cache->get(engine::sha256Hex("k2")));
            cache.finish();
        }
        QVERIFY2(err2.str().empty(), err2.str().c_str());
        const auto requests = server.requests();
        QCOMPARE(int(requests.size()), 1);
        bool sawToken = false;
        for (const auto &[name, value] : requests[0].headers)
            sawToken = sawToken || (name == "authorization" && value == "Bearer ghp_secret");
        QVERIFY(sawToken);
        std::ostringstream err3;
        ResultCacheSetup again = makeCache(opts, m_home.filePath(QStringLiteral("results3")), env, err3);
        QVERIFY(again.remote); // remembered in the trust store
    }

    /// `%(env.X)s` in a repository's URL reads a secret into the request path.
    void testEnvInterpolationInUntrustedUrlSendsNothing()
    {
        MiniHttpServer server;
        QTemporaryDir repo;
        write(repo.filePath(QStringLiteral("pants.toml")),
              QByteArray("[GLOBAL]\npants_version = \"2.32.0\"\n[trellis.remote-cache]\nurl = \"")
                  + QByteArray::fromStdString(server.url()) + "/%(env.GITHUB_TOKEN)s\"\n");
        const std::map<std::string, std::string> env = {{"GITHUB_TOKEN", "ghp_secret"}};
        const workspace::Options opts = loadRepo(repo.path(), env);
        QCOMPARE(remoteCacheSources(opts, env).repository.at("url"), server.url() + "/ghp_secret");
        std::ostringstream err;
        {
            ResultCacheSetup cache = makeCache(opts, m_home.filePath(QStringLiteral("r-env")), env, err);
            QVERIFY(!cache.remote);
            QVERIFY(!cache.cache->get(engine::sha256Hex("k")));
        }
        QVERIFY(server.requests().empty());
        QVERIFY2(err.str().find("not trusted") != std::string::npos, err.str().c_str());
        QVERIFY(err.str().find("ghp_secret") == std::string::npos); // the warning names the host only
    }

    void testEnvironmentTrustsOneRun()
    {
        MiniHttpServer server;
        QTemporaryDir repo;
        write(repo.filePath(QStringLiteral("pants.toml")), repoConfig(server.url()));
        const workspace::Options opts = loadRepo(repo.path());
        std::ostringstream err;
        ResultCacheSetup cache = makeCache(opts, m_home.filePath(QStringLiteral("r")), {{"GITHUB_TOKEN", "t"}, {"TRELLIS_TRUST_REPO", "1"}}, err);
        QVERIFY(cache.remote);
        // For this run only: nothing is remembered.
        QVERIFY(repositoryTrustRequest(repo.path().toStdString(), remoteCacheSources(opts, {}).repository));
    }
};

QTEST_GUILESS_MAIN(RemoteCacheSetupTest)
#include "resultcache_test.moc"
