// Tests for reusing a `pants export` virtualenv (a fake one the test lays out: bin/python
// and *.dist-info/METADATA in site-packages) when its distributions are exactly what the
// lockfile selects, and for the hosts a build will download from being said (and asked
// about) before anything is downloaded.
#include "core/pyenv/resolveenvironment.h"
#include "tests/pyenv/pyenvfixture.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace trellis;

class ExportReuseTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testMatchingExportIsReused();
    void testDifferentExportIsNotReused();
    void testHostsAreNamedBeforeDownloading();
};

namespace {

class Recorder : public pyenv::EnvironmentObserver {
public:
    std::vector<std::string> steps;
    std::vector<std::pair<std::string, int>> hosts;
    bool allow = true;
    void step(const std::string &s) override { steps.push_back(s); }
    bool allowDownloads(const std::vector<std::pair<std::string, int>> &h) override
    {
        hosts = h;
        return allow;
    }
};

/// A virtualenv under `dir` whose site-packages holds `dists` ({name, version}).
void fakeVirtualenv(const QString &dir, const std::vector<std::pair<QString, QString>> &dists)
{
    QVERIFY(QDir().mkpath(dir + QStringLiteral("/bin")));
    QVERIFY(QFile::link(QString::fromStdString(pyenvfixture::python()), dir + QStringLiteral("/bin/python")));
    const QString site = dir + QStringLiteral("/lib/python3.11/site-packages");
    for (const auto &[name, version] : dists) {
        const QString info = site + QLatin1Char('/') + name + QLatin1Char('-') + version + QStringLiteral(".dist-info");
        QVERIFY(QDir().mkpath(info));
        QFile f(info + QStringLiteral("/METADATA"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n\nA description.\nName: x\n")
                    .toUtf8());
    }
}

base::Result<pyenv::EnvironmentRequest> request(const QString &repo, const QString &cache)
{
    engine::LocalProcessRunner runner;
    pyenv::InterpreterProber prober(runner, {});
    pyenv::EnvironmentSetup setup;
    setup.python = pyenvfixture::python();
    setup.environment = pyenvfixture::environment(cache);
    setup.cacheRoot = cache.toStdString() + "/pyenv";
    auto req = pyenv::environmentRequest(pyenvfixture::options(repo), setup, prober);
    if (req)
        req->useUv = false;
    return req;
}

} // namespace

void ExportReuseTest::testMatchingExportIsReused()
{
    QTemporaryDir repo, cache;
    QCOMPARE(pyenvfixture::make(repo.path(), {}), QString());
    auto req = request(repo.path(), cache.path());
    QVERIFY2(req, req ? "" : req.diagnostics().front().message.c_str());
    const QString venv = repo.path() + QStringLiteral("/dist/export/python/virtualenvs/python-default/") +
                         QString::fromStdString(req->python.version);
    fakeVirtualenv(venv, {{QStringLiteral("pkg0"), QStringLiteral("1.0")},
                          {QStringLiteral("Pkg1"), QStringLiteral("1.0")},
                          {QStringLiteral("pkg2"), QStringLiteral("1.0")},
                          {QStringLiteral("pip"), QStringLiteral("23.0.1")}});
    Recorder rec;
    auto env = pyenv::buildEnvironment(*req, &rec);
    QVERIFY2(env, env ? "" : env.diagnostics().front().message.c_str());
    QCOMPARE(env->dir, venv.toStdString());
    QCOMPARE(env->python, venv.toStdString() + "/bin/python");
    QCOMPARE(env->installer, std::string("pants export"));
    QVERIFY(std::find(rec.steps.begin(), rec.steps.end(),
                      "reusing pants export environment at " + venv.toStdString()) != rec.steps.end());
    // Nothing was built in the cache.
    QVERIFY(!QDir(cache.path() + QStringLiteral("/pyenv/envs")).exists() ||
            QDir(cache.path() + QStringLiteral("/pyenv/envs")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty());
    QCOMPARE(pyenv::installedDistributions(venv.toStdString()),
             (std::vector<std::string>{"pip==23.0.1", "pkg0==1.0", "pkg1==1.0", "pkg2==1.0"}));
}

void ExportReuseTest::testDifferentExportIsNotReused()
{
    QTemporaryDir repo, cache;
    QCOMPARE(pyenvfixture::make(repo.path(), {}), QString());
    auto req = request(repo.path(), cache.path());
    QVERIFY(req);
    const QString venv = repo.path() + QStringLiteral("/dist/export/python/virtualenvs/python-default/") +
                         QString::fromStdString(req->python.version);
    fakeVirtualenv(venv, {{QStringLiteral("pkg0"), QStringLiteral("1.0")},
                          {QStringLiteral("pkg2"), QStringLiteral("2.0")},
                          {QStringLiteral("requests"), QStringLiteral("2.32.3")}});
    Recorder rec;
    auto env = pyenv::buildEnvironment(*req, &rec);
    QVERIFY2(env, env ? "" : env.diagnostics().front().message.c_str());
    QCOMPARE(env->installer, std::string("pip"));
    QVERIFY(env->dir.starts_with(cache.path().toStdString()));
    QVERIFY(std::find(rec.steps.begin(), rec.steps.end(),
                      "not reusing the pants export environment at " + venv.toStdString() +
                          ": pkg1 1.0 is missing, pkg2 is 2.0 there, the lockfile has 1.0, requests 2.32.3 is not in "
                          "the lockfile") != rec.steps.end());
}

void ExportReuseTest::testHostsAreNamedBeforeDownloading()
{
    QTemporaryDir repo, cache;
    QCOMPARE(pyenvfixture::make(repo.path(), {}), QString());
    // pkg1 and pkg2 are only on a (made-up) host.
    const QString lockPath = repo.path() + QStringLiteral("/3rdparty/python-default.lock");
    QFile lock(lockPath);
    QVERIFY(lock.open(QIODevice::ReadOnly));
    QByteArray text = lock.readAll();
    lock.close();
    for (const char *pkg : {"pkg1", "pkg2"}) {
        const QByteArray file = QByteArray(pkg) + "-1.0-py3-none-any.whl";
        text.replace("file://${WHEELS_DIR}/" + file, "https://files.example.invalid/packages/" + file);
        QVERIFY(QFile::remove(repo.path() + QStringLiteral("/wheels/") + QString::fromLatin1(file)));
    }
    QVERIFY(lock.open(QIODevice::WriteOnly | QIODevice::Truncate));
    lock.write(text);
    lock.close();

    auto req = request(repo.path(), cache.path());
    QVERIFY(req);
    Recorder declined;
    declined.allow = false;
    auto env = pyenv::buildEnvironment(*req, &declined);
    QVERIFY(!env);
    QCOMPARE(declined.hosts, (std::vector<std::pair<std::string, int>>{{"https://files.example.invalid", 2}}));
    QVERIFY(std::find(declined.steps.begin(), declined.steps.end(),
                      "downloading 2 files from https://files.example.invalid (2)") != declined.steps.end());
    QCOMPARE(env.diagnostics().front().message,
             std::string("not downloading from https://files.example.invalid: the download was declined; the "
                         "environment of python-default was not built"));

    // Allowed but offline: the error names the package and the URL.
    Recorder allowed;
    auto offline = pyenv::buildEnvironment(*req, &allowed);
    QVERIFY(!offline);
    QVERIFY2(offline.diagnostics().front().message.starts_with(
                 "pkg1 1.0: https://files.example.invalid/packages/pkg1-1.0-py3-none-any.whl is not available offline"),
             offline.diagnostics().front().message.c_str());
}

QTEST_GUILESS_MAIN(ExportReuseTest)
#include "exportreuse_test.moc"
