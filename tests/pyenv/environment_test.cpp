// Tests for building environments from lockfiles (core/pyenv/environment.h) over fixture
// repositories whose wheels are built at test time: pex and uv lockfiles, the module
// importable from the environment's python, a tampered wheel refused by name, the
// second build a cache hit, a marker-excluded package skipped, the pinned pytest from
// its own lockfile or from the resolve, and a download that cannot happen offline.
#include "core/pyenv/resolveenvironment.h"
#include "tests/pyenv/pyenvfixture.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace trellis;

class EnvironmentTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testBuild_data();
    void testBuild();
    void testTamperedWheelIsRefused();
    void testPinnedPytestFromResolve();
    void testOfflineDownloadFails();
    void testUnknownResolve();

private:
    /// The request for the fixture at `root`, built on pyenvfixture::python().
    base::Result<pyenv::EnvironmentRequest> request(const QString &root, const QString &cache);
    engine::LocalProcessRunner m_runner;
};

base::Result<pyenv::EnvironmentRequest> EnvironmentTest::request(const QString &root, const QString &cache)
{
    pyenv::InterpreterProber prober(m_runner, {});
    pyenv::EnvironmentSetup setup;
    setup.resolve = "python-default";
    setup.python = pyenvfixture::python();
    setup.environment = pyenvfixture::environment(cache);
    setup.cacheRoot = cache.toStdString();
    auto req = pyenv::environmentRequest(pyenvfixture::options(root), setup, prober);
    if (req)
        req->useUv = false;
    return req;
}

void EnvironmentTest::testBuild_data()
{
    QTest::addColumn<QString>("format");
    QTest::newRow("pex") << QStringLiteral("pex");
    QTest::newRow("uv") << QStringLiteral("uv");
}

void EnvironmentTest::testBuild()
{
    QFETCH(QString, format);
    QTemporaryDir repo, cache;
    QCOMPARE(pyenvfixture::make(repo.path(), {QStringLiteral("--packages"), QStringLiteral("3"), QStringLiteral("--format"),
                                              format, QStringLiteral("--pytest"), QStringLiteral("8.3.99")}),
             QString());
    auto req = request(repo.path(), cache.path());
    QVERIFY2(req, req ? "" : req.diagnostics().front().message.c_str());
    auto env = pyenv::buildEnvironment(*req, nullptr);
    QVERIFY2(env, env ? "" : env.diagnostics().front().message.c_str());
    QVERIFY(!env->cacheHit);
    QCOMPARE(env->installer, std::string("pip"));
    QVERIFY(QFileInfo::exists(QString::fromStdString(env->dir + "/trellis-env.json")));

    // The modules import from the environment's python, and only from there.
    auto [code, out] = pyenvfixture::run(env->python, {QStringLiteral("-c"),
                                                       QStringLiteral("import pkg0, pkg1, pkg2, pytest; "
                                                                      "print(pkg0.VALUE + pkg2.VALUE, pytest.__version__)")});
    QCOMPARE(out, QStringLiteral("2 8.3.99"));
    QCOMPARE(code, 0);

    // winonly is locked but its marker is false on Linux: skipped, never fetched.
    QCOMPARE(env->skipped, std::vector<std::string>{"winonly (sys_platform == \"win32\")"});
    // pytest comes from its own lockfile ([pytest].lockfile), after the resolve's packages.
    const std::vector<std::string> expected{"pkg0==1.0", "pkg1==1.0", "pkg2==1.0", "pytest==8.3.99"};
    QCOMPARE(env->packages, expected);
    QCOMPARE(env->tools.at("pytest"), std::string("8.3.99"));
    QVERIFY(env->toolSources.at("pytest").ends_with("3rdparty/pytest.lock"));

    // The same request again is a cache hit: same directory, nothing run.
    auto again = pyenv::buildEnvironment(*req, nullptr);
    QVERIFY(again);
    QVERIFY(again->cacheHit);
    QCOMPARE(again->dir, env->dir);
    QCOMPARE(pyenv::listEnvironments(cache.path().toStdString()).size(), std::size_t(1));
    // No temporary directory is left behind.
    QCOMPARE(QDir(cache.path() + QStringLiteral("/envs")).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden).size(),
             qsizetype(1));
}

void EnvironmentTest::testTamperedWheelIsRefused()
{
    QTemporaryDir repo, cache;
    QCOMPARE(pyenvfixture::make(repo.path(), {QStringLiteral("--packages"), QStringLiteral("3")}), QString());
    QFile wheel(repo.path() + QStringLiteral("/wheels/pkg2-1.0-py3-none-any.whl"));
    QVERIFY(wheel.open(QIODevice::Append));
    wheel.write("tampered");
    wheel.close();
    auto req = request(repo.path(), cache.path());
    QVERIFY(req);
    auto env = pyenv::buildEnvironment(*req, nullptr);
    QVERIFY(!env);
    QCOMPARE(env.diagnostics().size(), std::size_t(1));
    const std::string &msg = env.diagnostics().front().message;
    QVERIFY2(msg.starts_with("pkg2 1.0: sha256 mismatch for " + repo.path().toStdString() +
                             "/wheels/pkg2-1.0-py3-none-any.whl: the lockfile expects "),
             msg.c_str());
    QVERIFY2(msg.ends_with("; refusing to install it"), msg.c_str());
    // Nothing was installed: no environment, no leftovers.
    QVERIFY(pyenv::listEnvironments(cache.path().toStdString()).empty());
    QVERIFY(QDir(cache.path() + QStringLiteral("/envs")).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty());
}

void EnvironmentTest::testPinnedPytestFromResolve()
{
    QTemporaryDir repo, cache;
    QCOMPARE(pyenvfixture::make(repo.path(), {QStringLiteral("--packages"), QStringLiteral("2"), QStringLiteral("--pytest"),
                                              QStringLiteral("7.4.99"), QStringLiteral("--pytest-from"),
                                              QStringLiteral("resolve")}),
             QString());
    auto req = request(repo.path(), cache.path());
    QVERIFY(req);
    auto env = pyenv::buildEnvironment(*req, nullptr);
    QVERIFY2(env, env ? "" : env.diagnostics().front().message.c_str());
    QCOMPARE(env->tools.at("pytest"), std::string("7.4.99"));
    QCOMPARE(env->toolSources.at("pytest"), std::string("resolve python-default"));
    auto [code, out] = pyenvfixture::run(env->python, {QStringLiteral("-c"), QStringLiteral("import pytest; print(pytest.__version__)")});
    QCOMPARE(out, QStringLiteral("7.4.99"));

    // Without pytest anywhere the environment still builds, and records it as unpinned.
    QTemporaryDir repo2;
    QCOMPARE(pyenvfixture::make(repo2.path(), {QStringLiteral("--packages"), QStringLiteral("1")}), QString());
    auto req2 = request(repo2.path(), cache.path());
    QVERIFY(req2);
    auto env2 = pyenv::buildEnvironment(*req2, nullptr);
    QVERIFY(env2);
    QCOMPARE(env2->tools.at("pytest"), std::string());
}

/// A downloader that is offline.
class OfflineDownloader : public pyenv::Downloader {
public:
    base::Status download(const std::string &url, const std::string &, const base::CancelToken &,
                          const std::function<void(std::int64_t)> &) override
    {
        ++calls;
        return base::Diagnostic::error({}, "cannot download " + url + ": Could not resolve host: files.pythonhosted.org");
    }
    int calls = 0;
};

void EnvironmentTest::testOfflineDownloadFails()
{
    QTemporaryDir repo, cache;
    QCOMPARE(pyenvfixture::make(repo.path(), {QStringLiteral("--packages"), QStringLiteral("2")}), QString());
    // pkg1 now lives on PyPI only.
    const QString lockPath = repo.path() + QStringLiteral("/3rdparty/python-default.lock");
    QFile f(lockPath);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray text = f.readAll();
    f.close();
    text.replace("file://${WHEELS_DIR}/pkg1-1.0-py3-none-any.whl",
                 "https://files.pythonhosted.org/packages/aa/pkg1-1.0-py3-none-any.whl");
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
    f.close();
    QFile::remove(repo.path() + QStringLiteral("/wheels/pkg1-1.0-py3-none-any.whl"));
    auto req = request(repo.path(), cache.path());
    QVERIFY(req);
    OfflineDownloader offline;
    req->downloader = &offline;
    auto env = pyenv::buildEnvironment(*req, nullptr);
    QVERIFY(!env);
    QCOMPARE(offline.calls, 1);
    const std::string &msg = env.diagnostics().front().message;
    QVERIFY2(msg.starts_with("pkg1 1.0: cannot download https://files.pythonhosted.org/packages/aa/pkg1-1.0-py3-none-any.whl: "
                             "Could not resolve host: files.pythonhosted.org (and no local copy: tried "),
             msg.c_str());
}

void EnvironmentTest::testUnknownResolve()
{
    QTemporaryDir repo, cache;
    QCOMPARE(pyenvfixture::make(repo.path(), {}), QString());
    pyenv::InterpreterProber prober(m_runner, {});
    pyenv::EnvironmentSetup setup;
    setup.resolve = "python-other";
    setup.cacheRoot = cache.path().toStdString();
    auto req = pyenv::environmentRequest(pyenvfixture::options(repo.path()), setup, prober);
    QVERIFY(!req);
    QCOMPARE(req.diagnostics().front().message,
             std::string("resolve 'python-other' has no lockfile in [python].resolves (known: python-default)"));
}

QTEST_GUILESS_MAIN(EnvironmentTest)
#include "environment_test.moc"
