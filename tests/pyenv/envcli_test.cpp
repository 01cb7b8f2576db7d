// Tests for `trellis env build` / `env list` (app/cli/envgoals.cpp), run in-process on a
// fixture repository: the environment's python on stdout and progress on stderr, the
// second build up to date, the listing, a refused tampered wheel (exit 1, the package
// named), and a usage error for an unknown subcommand.
#include "app/cli/goal.h"
#include "tests/pyenv/pyenvfixture.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sstream>

using namespace trellis;

namespace {

struct CliRun {
    int code = 0;
    std::string out;
    std::string err;
};

CliRun trellisCli(const QString &root, std::vector<std::string> args)
{
    args.insert(args.begin(), {"--root", root.toStdString()});
    std::ostringstream out, err;
    CliRun r;
    r.code = cli::run(args, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

} // namespace

class EnvCliTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testBuildAndList();
    void testTamperedWheel();
    void testUnknownSubcommand();
    void testHostsAreNamedBeforeDownloading();
};

void EnvCliTest::testBuildAndList()
{
    QTemporaryDir repo, cache;
    QCOMPARE(pyenvfixture::make(repo.path(), {QStringLiteral("--pytest"), QStringLiteral("8.3.99")}), QString());
    const std::string cacheDir = "--cache-dir=" + cache.path().toStdString();
    const std::string python = "--python=" + pyenvfixture::python();
    CliRun built = trellisCli(repo.path(), {"env", "build", "--resolve=python-default", python, cacheDir, "--no-uv"});
    QVERIFY2(built.code == 0, built.err.c_str());
    QVERIFY2(built.out.starts_with(cache.path().toStdString() + "/envs/python-default-") && built.out.ends_with("/bin/python\n"),
             built.out.c_str());
    QVERIFY2(built.err.find("python-default: [4/4] pytest 8.3.99 verified\n") != std::string::npos, built.err.c_str());
    QVERIFY2(built.err.find("  pytest: 8.3.99 from " + repo.path().toStdString() + "/3rdparty/pytest.lock\n") !=
                 std::string::npos,
             built.err.c_str());
    QVERIFY2(built.err.find("  skipped (marker false here): winonly (sys_platform == \"win32\")\n") != std::string::npos,
             built.err.c_str());

    CliRun again = trellisCli(repo.path(), {"env", "build", python, cacheDir});
    QCOMPARE(again.code, 0);
    QCOMPARE(again.out, built.out);
    QVERIFY2(again.err.find("python-default: up to date\n") != std::string::npos, again.err.c_str());

    CliRun list = trellisCli(repo.path(), {"env", "list", cacheDir});
    QCOMPARE(list.code, 0);
    const std::string dir = built.out.substr(0, built.out.size() - std::string("/bin/python\n").size());
    QVERIFY2(list.out.starts_with("python-default  " + dir + "\n  interpreter: CPython "), list.out.c_str());
    QVERIFY2(list.out.find("  packages: 4 (installed with pip)\n") != std::string::npos, list.out.c_str());
}

void EnvCliTest::testTamperedWheel()
{
    QTemporaryDir repo, cache;
    QCOMPARE(pyenvfixture::make(repo.path(), {}), QString());
    QFile wheel(repo.path() + QStringLiteral("/wheels/pkg0-1.0-py3-none-any.whl"));
    QVERIFY(wheel.open(QIODevice::Append));
    wheel.write("x");
    wheel.close();
    CliRun r = trellisCli(repo.path(), {"env", "build", "--python=" + pyenvfixture::python(),
                                        "--cache-dir=" + cache.path().toStdString()});
    QCOMPARE(r.code, 1);
    QCOMPARE(r.out, std::string());
    QVERIFY2(r.err.find("error: the environment of resolve 'python-default' was not built:\n"
                        "error: pkg0 1.0: sha256 mismatch for " + repo.path().toStdString() +
                        "/wheels/pkg0-1.0-py3-none-any.whl: the lockfile expects ") != std::string::npos,
             r.err.c_str());
}

void EnvCliTest::testUnknownSubcommand()
{
    QTemporaryDir repo;
    QCOMPARE(pyenvfixture::make(repo.path(), {}), QString());
    CliRun r = trellisCli(repo.path(), {"env", "frob"});
    QCOMPARE(r.code, 2);
    QCOMPARE(r.err, std::string("error: `trellis env` needs `build` or `list` (got 'frob'); see `trellis help env`\n"));
}

void EnvCliTest::testHostsAreNamedBeforeDownloading()
{
    QTemporaryDir repo, cache;
    QCOMPARE(pyenvfixture::make(repo.path(), {}), QString());
    // pkg1's wheel is only on a host that does not exist: the build says so before trying it.
    QFile lock(repo.path() + QStringLiteral("/3rdparty/python-default.lock"));
    QVERIFY(lock.open(QIODevice::ReadOnly));
    QByteArray text = lock.readAll();
    lock.close();
    text.replace("file://${WHEELS_DIR}/pkg1-1.0-py3-none-any.whl",
                 "https://files.example.invalid/packages/pkg1-1.0-py3-none-any.whl");
    QVERIFY(QFile::remove(repo.path() + QStringLiteral("/wheels/pkg1-1.0-py3-none-any.whl")));
    QVERIFY(lock.open(QIODevice::WriteOnly | QIODevice::Truncate));
    lock.write(text);
    lock.close();
    CliRun built = trellisCli(repo.path(), {"env", "build", "--python=" + pyenvfixture::python(),
                                            "--cache-dir=" + cache.path().toStdString(), "--no-uv"});
    QCOMPARE(built.code, 1);
    const std::string hosts = "python-default: downloading 1 file from https://files.example.invalid (1)\n";
    const std::size_t at = built.err.find(hosts);
    QVERIFY2(at != std::string::npos, built.err.c_str());
    // Named first, then tried: the failure names the package and the URL.
    const std::size_t failed =
        built.err.find("pkg1 1.0: cannot download https://files.example.invalid/packages/pkg1-1.0-py3-none-any.whl");
    QVERIFY2(failed != std::string::npos && failed > at, built.err.c_str());
}

QTEST_GUILESS_MAIN(EnvCliTest)
#include "envcli_test.moc"
