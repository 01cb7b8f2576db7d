// Tests for the uv path of buildEnvironment() (core/pyenv/environment.cpp): when an
// executable `uv` is first on the request's PATH the environment is made with
// `uv venv --quiet --python <interpreter> <tmp>` and filled with
// `uv pip install --quiet --no-deps --python <tmp>/bin/python --offline --no-index <wheels...>`.
//
// Why a stub: the real uv cannot be had here or in CI (Debian 12 has no uv package and PyPI
// is unreachable), so the `uv` these tests put on PATH is a shell script written at test
// time. It appends its arguments to a log (one line per invocation), does
// `uv venv --quiet --python P DIR` as `P -m venv --without-pip DIR` and
// `uv pip install ... --python VENV ... FILES` as
// `<fixture python> -m pip --python VENV install --no-deps --no-index FILES` (pip 22.3 or
// newer in the fixture's interpreter), and exits 2 for anything else, including an option it
// does not know.
//
// What this proves: Trellis finds uv through request.environment["PATH"], runs exactly the two
// command shapes above with the interpreter, the temporary directory and every verified wheel,
// records installer "uv" (in the result and in trellis-env.json), the environment it moves into
// place imports the fixture packages, and a failing uv command fails the build with that command
// named and no directory left behind. What it does not prove: that the real uv accepts these
// options, or that what uv itself makes (its venv layout, its RECORD files, its cache) is
// relocated and used correctly; that needs a real uv.
#include "core/pyenv/resolveenvironment.h"
#include "tests/pyenv/pyenvfixture.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace trellis;

class UvInstallerTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void testBuildWithUv();
    void testFailingUv_data();
    void testFailingUv();

private:
    /// Writes the stub `uv` into `dir`, logging to `dir`/uv.log; `failOn` ("venv" or "pip")
    /// makes that subcommand print an error and exit 3 instead of doing its work.
    static QString writeStub(const QString &dir, const QString &failOn);
    /// The request for the fixture at `root` with `stubDir` first on PATH.
    base::Result<pyenv::EnvironmentRequest> request(const QString &root, const QString &cache, const QString &stubDir);
    static QStringList logLines(const QString &stubDir);
    engine::LocalProcessRunner m_runner;
};

void UvInstallerTest::initTestCase()
{
    // The stub installs with the fixture interpreter's pip and its --python option (pip 22.3).
    auto [code, out] = pyenvfixture::run(pyenvfixture::python(),
                                         {QStringLiteral("-c"),
                                          QStringLiteral("import pip; print(tuple(map(int, pip.__version__.split('.')[:2])) >= (22, 3))")});
    if (code != 0 || out != QStringLiteral("True"))
        QSKIP(qPrintable(QStringLiteral("the stub uv needs pip 22.3 or newer in %1: %2")
                             .arg(QString::fromStdString(pyenvfixture::python()), out)));
}

QString UvInstallerTest::writeStub(const QString &dir, const QString &failOn)
{
    const QString log = dir + QStringLiteral("/uv.log");
    const QString python = QString::fromStdString(pyenvfixture::python());
    QString script = QStringLiteral(R"(#!/bin/sh
# Stand-in for uv written by tests/pyenv/uvinstaller_test.cpp.
{ printf 'uv'; printf ' %s' "$@"; printf '\n'; } >> '@LOG@'
if [ "$#" -eq 5 ] && [ "$1" = venv ] && [ "$2" = --quiet ] && [ "$3" = --python ]; then
    if [ '@FAIL@' = venv ]; then echo "error: stub uv refuses to create $5" >&2; exit 3; fi
    exec "$4" -m venv --without-pip "$5"
fi
if [ "$#" -ge 2 ] && [ "$1" = pip ] && [ "$2" = install ]; then
    shift 2
    venv=
    n=$#
    i=0
    while [ "$i" -lt "$n" ]; do
        a=$1; shift; i=$((i + 1))
        case "$a" in
            --quiet|--no-deps|--offline|--no-index) ;;
            --python) venv=$1; shift; i=$((i + 1)) ;;
            -*) echo "stub uv: unknown option $a" >&2; exit 2 ;;
            *) set -- "$@" "$a" ;;
        esac
    done
    if [ -z "$venv" ] || [ "$#" -eq 0 ]; then echo "stub uv: pip install needs --python and files" >&2; exit 2; fi
    if [ '@FAIL@' = pip ]; then echo "error: stub uv refuses to install into $venv" >&2; exit 3; fi
    exec '@PYTHON@' -m pip --python "$venv" install --no-deps --no-index --quiet --disable-pip-version-check "$@"
fi
echo "stub uv: unsupported command: $*" >&2
exit 2
)");
    script.replace(QStringLiteral("@LOG@"), log)
        .replace(QStringLiteral("@FAIL@"), failOn)
        .replace(QStringLiteral("@PYTHON@"), python);
    QFile f(dir + QStringLiteral("/uv"));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    f.write(script.toUtf8());
    f.close();
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup);
    return f.fileName();
}

base::Result<pyenv::EnvironmentRequest> UvInstallerTest::request(const QString &root, const QString &cache,
                                                                 const QString &stubDir)
{
    pyenv::InterpreterProber prober(m_runner, {});
    pyenv::EnvironmentSetup setup;
    setup.resolve = "python-default";
    setup.python = pyenvfixture::python();
    setup.environment = pyenvfixture::environment(cache);
    setup.environment["PATH"] = stubDir.toStdString() + ":" + setup.environment["PATH"];
    setup.cacheRoot = cache.toStdString();
    auto req = pyenv::environmentRequest(pyenvfixture::options(root), setup, prober);
    if (req)
        req->useUv = true;
    return req;
}

QStringList UvInstallerTest::logLines(const QString &stubDir)
{
    QFile f(stubDir + QStringLiteral("/uv.log"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

void UvInstallerTest::testBuildWithUv()
{
    QTemporaryDir repo, cache, stubs;
    QCOMPARE(pyenvfixture::make(repo.path(), {QStringLiteral("--packages"), QStringLiteral("3"),
                                              QStringLiteral("--pytest"), QStringLiteral("8.3.99")}),
             QString());
    QVERIFY(!writeStub(stubs.path(), QStringLiteral("none")).isEmpty());
    auto req = request(repo.path(), cache.path(), stubs.path());
    QVERIFY2(req, req ? "" : req.diagnostics().front().message.c_str());
    auto env = pyenv::buildEnvironment(*req, nullptr);
    QVERIFY2(env, env ? "" : env.diagnostics().front().message.c_str());
    QVERIFY(!env->cacheHit);
    QCOMPARE(env->installer, std::string("uv"));

    // Exactly two invocations: uv venv, then uv pip install of every verified wheel, offline.
    const QStringList log = logLines(stubs.path());
    QCOMPARE(log.size(), qsizetype(2));
    const QString envs = cache.path() + QStringLiteral("/envs");
    const QString python = QString::fromStdString(req->python.path);
    const QRegularExpression venvLine(QStringLiteral("^uv venv --quiet --python %1 (%2/\\.tmp-[0-9a-f-]{36})$")
                                          .arg(QRegularExpression::escape(python), QRegularExpression::escape(envs)));
    const QRegularExpressionMatch venv = venvLine.match(log[0]);
    QVERIFY2(venv.hasMatch(), qPrintable(log[0]));
    const QString tmpDir = venv.captured(1);
    const QString wheels = repo.path() + QStringLiteral("/wheels/");
    const QStringList expectedFiles{wheels + QStringLiteral("pkg0-1.0-py3-none-any.whl"),
                                    wheels + QStringLiteral("pkg1-1.0-py3-none-any.whl"),
                                    wheels + QStringLiteral("pkg2-1.0-py3-none-any.whl"),
                                    wheels + QStringLiteral("pytest-8.3.99-py3-none-any.whl")};
    const QString installPrefix = QStringLiteral("uv pip install --quiet --no-deps --python %1/bin/python --offline --no-index ")
                                      .arg(tmpDir);
    QVERIFY2(log[1].startsWith(installPrefix), qPrintable(log[1]));
    QStringList files = log[1].mid(installPrefix.size()).split(QLatin1Char(' '));
    files.sort();
    QCOMPARE(files, expectedFiles);
    for (const QString &file : files)
        QVERIFY2(QFileInfo(file).isFile(), qPrintable(file));

    // The environment moved into place imports the packages from its own python.
    QVERIFY(!QFileInfo::exists(tmpDir));
    QVERIFY(QString::fromStdString(env->dir).startsWith(envs + QStringLiteral("/python-default-")));
    auto [code, out] = pyenvfixture::run(env->python, {QStringLiteral("-c"),
                                                       QStringLiteral("import sys, pkg0, pkg1, pkg2, pytest; "
                                                                      "print(pkg0.VALUE + pkg2.VALUE, pytest.__version__, "
                                                                      "sys.prefix == sys.base_prefix)")});
    QCOMPARE(out, QStringLiteral("2 8.3.99 False"));
    QCOMPARE(code, 0);
    const std::vector<std::string> expected{"pkg0==1.0", "pkg1==1.0", "pkg2==1.0", "pytest==8.3.99"};
    QCOMPARE(env->packages, expected);
    QCOMPARE(pyenv::installedDistributions(env->dir), expected);

    // trellis-env.json records the installer, and a later lookup reads it back.
    QFile meta(QString::fromStdString(env->dir + "/trellis-env.json"));
    QVERIFY(meta.open(QIODevice::ReadOnly));
    const QJsonObject o = QJsonDocument::fromJson(meta.readAll()).object();
    QCOMPARE(o.value(QLatin1String("installer")).toString(), QStringLiteral("uv"));
    auto again = pyenv::buildEnvironment(*req, nullptr);
    QVERIFY(again);
    QVERIFY(again->cacheHit);
    QCOMPARE(again->installer, std::string("uv"));
    QCOMPARE(logLines(stubs.path()).size(), qsizetype(2)); // a cache hit runs nothing
    QCOMPARE(QDir(envs).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList{QFileInfo(QString::fromStdString(env->dir)).fileName()});

    // useUv = false ignores the uv on PATH.
    QTemporaryDir cache2;
    auto pipReq = request(repo.path(), cache2.path(), stubs.path());
    QVERIFY(pipReq);
    pipReq->useUv = false;
    auto pipEnv = pyenv::buildEnvironment(*pipReq, nullptr);
    QVERIFY2(pipEnv, pipEnv ? "" : pipEnv.diagnostics().front().message.c_str());
    QCOMPARE(pipEnv->installer, std::string("pip"));
    QCOMPARE(logLines(stubs.path()).size(), qsizetype(2));
}

void UvInstallerTest::testFailingUv_data()
{
    QTest::addColumn<QString>("failOn");
    QTest::addColumn<QString>("command"); ///< the command as the error names it, after the stub's path
    QTest::newRow("venv") << QStringLiteral("venv") << QStringLiteral(" venv --quiet --python ");
    QTest::newRow("pip install") << QStringLiteral("pip") << QStringLiteral(" pip install --quiet --no-deps --python ...`");
}

void UvInstallerTest::testFailingUv()
{
    QFETCH(QString, failOn);
    QFETCH(QString, command);
    QTemporaryDir repo, cache, stubs;
    QCOMPARE(pyenvfixture::make(repo.path(), {QStringLiteral("--packages"), QStringLiteral("2")}), QString());
    const QString uv = writeStub(stubs.path(), failOn);
    QVERIFY(!uv.isEmpty());
    auto req = request(repo.path(), cache.path(), stubs.path());
    QVERIFY(req);
    auto env = pyenv::buildEnvironment(*req, nullptr);
    QVERIFY(!env);
    QCOMPARE(env.diagnostics().size(), std::size_t(1));
    const QString msg = QString::fromStdString(env.diagnostics().front().message);
    QVERIFY2(msg.startsWith(QLatin1Char('`') + uv + command), qPrintable(msg));
    QVERIFY2(msg.contains(QStringLiteral("` failed (exit code 3): error: stub uv refuses to ")), qPrintable(msg));
    // The stub ran what it was asked to, up to the failure.
    const QStringList log = logLines(stubs.path());
    QCOMPARE(log.size(), qsizetype(failOn == QStringLiteral("venv") ? 1 : 2));
    if (failOn == QStringLiteral("pip")) // the venv was made, then removed with the failed build
        QVERIFY(log[1].startsWith(QStringLiteral("uv pip install --quiet --no-deps --python ")));
    // No environment and no leftovers, .tmp-* included.
    QVERIFY(pyenv::listEnvironments(cache.path().toStdString()).empty());
    QCOMPARE(QDir(cache.path() + QStringLiteral("/envs")).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList());
}

QTEST_GUILESS_MAIN(UvInstallerTest)
#include "uvinstaller_test.moc"
