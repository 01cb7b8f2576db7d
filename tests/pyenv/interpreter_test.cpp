// Tests for the interpreter side of core/pyenv: Pants' interpreter constraints over PEP
// 440, the search along [python-bootstrap].search_path with its error naming every
// place searched, the probe and its cache, marker variables of a real interpreter, and
// wheel tags.
#include "core/pyenv/interpreter.h"
#include "core/pyenv/lockedresolve.h"
#include "core/pyenv/wheeltags.h"
#include "tests/pyenv/pyenvfixture.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace trellis;

namespace {

pyenv::PythonInfo linuxCPython(const std::string &version)
{
    pyenv::PythonInfo info;
    info.path = "/usr/bin/python3";
    info.implementation = "CPython";
    info.version = version;
    info.soabi = "cpython-311-x86_64-linux-gnu";
    info.platform = "linux-x86_64";
    info.glibc = "2.36";
    info.markers = {{"sys_platform", "linux"}, {"platform_machine", "x86_64"}, {"os_name", "posix"},
                    {"implementation_name", "cpython"}, {"platform_system", "Linux"}};
    return info;
}

} // namespace

class InterpreterTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testConstraints_data();
    void testConstraints();
    void testBadConstraint();
    void testSearchFindsLowestMatching();
    void testSearchErrorNamesEveryPlace();
    void testSearchPathEntries();
    void testProbeIsCachedOnDisk();
    void testMarkersOfARealInterpreter();
    void testWheelTags_data();
    void testWheelTags();
};

void InterpreterTest::testConstraints_data()
{
    QTest::addColumn<QStringList>("constraints");
    QTest::addColumn<QString>("implementation");
    QTest::addColumn<QString>("version");
    QTest::addColumn<bool>("expected");
    QTest::newRow("exact") << QStringList{"CPython==3.13.7"} << "CPython" << "3.13.7" << true;
    QTest::newRow("exact other") << QStringList{"CPython==3.13.7"} << "CPython" << "3.11.2" << false;
    QTest::newRow("range in") << QStringList{"CPython>=3.9,<3.12"} << "CPython" << "3.11.7" << true;
    QTest::newRow("range out") << QStringList{"CPython>=3.9,<3.12"} << "CPython" << "3.12.1" << false;
    QTest::newRow("wildcard") << QStringList{"CPython==3.11.*"} << "CPython" << "3.11.30" << true;
    QTest::newRow("or") << QStringList{"CPython==3.8.*", "CPython==3.12.*"} << "CPython" << "3.12.0" << true;
    QTest::newRow("implementation") << QStringList{"PyPy>=3.9"} << "CPython" << "3.11.2" << false;
    QTest::newRow("no implementation") << QStringList{">=3.8"} << "PyPy" << "3.10.14" << true;
    QTest::newRow("compatible") << QStringList{"CPython~=3.10"} << "CPython" << "3.13.0" << true;
    QTest::newRow("none") << QStringList{} << "CPython" << "2.7.18" << true;
}

void InterpreterTest::testConstraints()
{
    QFETCH(QStringList, constraints);
    QFETCH(QString, implementation);
    QFETCH(QString, version);
    QFETCH(bool, expected);
    std::vector<std::string> c;
    for (const QString &s : constraints)
        c.push_back(s.toStdString());
    auto r = pyenv::satisfiesConstraints(c, implementation.toStdString(), version.toStdString());
    QVERIFY(r);
    QCOMPARE(*r, expected);
}

void InterpreterTest::testBadConstraint()
{
    auto r = pyenv::satisfiesConstraints({"CPython 3.11"}, "CPython", "3.11.2");
    QVERIFY(!r);
    QCOMPARE(r.diagnostics().front().message, std::string("invalid interpreter constraint 'CPython 3.11': cannot read '3.11'"));
}

void InterpreterTest::testSearchFindsLowestMatching()
{
    engine::LocalProcessRunner runner;
    pyenv::InterpreterProber prober(runner, {});
    const std::string python = pyenvfixture::python();
    auto info = prober.probe(python);
    QVERIFY2(info, info ? "" : info.diagnostics().front().message.c_str());
    QCOMPARE(info->implementation, std::string("CPython"));
    // Two directories with the same interpreter: found once, from the first.
    QTemporaryDir a, b;
    QVERIFY(QFile::link(QString::fromStdString(python), a.path() + "/python3"));
    QVERIFY(QFile::link(QString::fromStdString(python), b.path() + "/python3"));
    pyenv::InterpreterSearch s;
    s.constraints = {"CPython==" + info->version};
    s.searchPath = {a.path().toStdString(), b.path().toStdString()};
    s.includeUvPythons = false;
    auto found = pyenv::findPython(s, prober);
    QVERIFY2(found, found ? "" : found.diagnostics().front().message.c_str());
    QCOMPARE(found->path, a.path().toStdString() + "/python3");
    QCOMPARE(found->version, info->version);
}

void InterpreterTest::testSearchErrorNamesEveryPlace()
{
    engine::LocalProcessRunner runner;
    pyenv::InterpreterProber prober(runner, {});
    QTemporaryDir home, root, bin;
    const std::string python = pyenvfixture::python();
    QVERIFY(QFile::link(QString::fromStdString(python), bin.path() + "/python3"));
    auto info = prober.probe(python);
    QVERIFY(info);
    pyenv::InterpreterSearch s;
    s.constraints = {"CPython==3.13.7"};
    s.searchPath = {"<PYENV>", "<PYENV_LOCAL>", bin.path().toStdString()};
    s.environment = {{"HOME", home.path().toStdString()}};
    s.buildRoot = root.path().toStdString();
    s.includeUvPythons = false;
    auto found = pyenv::findPython(s, prober);
    QVERIFY(!found);
    const base::Diagnostic &d = found.diagnostics().front();
    const std::string h = home.path().toStdString();
    QCOMPARE(d.message, "no Python interpreter satisfies the interpreter constraints CPython==3.13.7. Searched "
                        "([python-bootstrap].search_path = [<PYENV>, <PYENV_LOCAL>, " + bin.path().toStdString() + "]):\n"
                        "  - <PYENV>: no versions in " + h + "/.pyenv/versions\n"
                        "  - <PYENV_LOCAL>: no " + root.path().toStdString() + "/.python-version\n"
                        "  - " + bin.path().toStdString() + ": python3 = CPython " +
                        info->version + " (does not satisfy)");
    QCOMPARE(d.hint, std::string("install a matching Python (pyenv install, uv python install), add its directory to "
                                 "[python-bootstrap].search_path, or pass --python PATH"));
}

void InterpreterTest::testSearchPathEntries()
{
    QTemporaryDir home, root;
    const std::string h = home.path().toStdString();
    QDir().mkpath(home.path() + "/.pyenv/versions/3.12.1/bin");
    QDir().mkpath(home.path() + "/.pyenv/versions/3.9.18/bin");
    QDir().mkpath(home.path() + "/.asdf/installs/python/3.10.13/bin");
    QDir().mkpath(home.path() + "/.local/share/uv/python/cpython-3.13.0-linux-x86_64-gnu/bin");
    QFile pv(root.path() + "/.python-version");
    QVERIFY(pv.open(QIODevice::WriteOnly));
    pv.write("# comment\n3.9.18\n");
    pv.close();
    QFile tv(root.path() + "/.tool-versions");
    QVERIFY(tv.open(QIODevice::WriteOnly));
    tv.write("nodejs 20.1.0\npython 3.10.13 3.11.2\n");
    tv.close();
    QFile rc(home.path() + "/.pexrc");
    QVERIFY(rc.open(QIODevice::WriteOnly));
    rc.write("PEX_PYTHON_PATH=/opt/py/bin:~/py/bin\n");
    rc.close();
    pyenv::InterpreterSearch s;
    s.searchPath = {"<PATH>", "<PYENV>", "<PYENV_LOCAL>", "<ASDF>", "<ASDF_LOCAL>", "<PEXRC>", "~/bin"};
    s.environment = {{"HOME", h}, {"PATH", "/usr/local/bin:/usr/bin"}};
    s.buildRoot = root.path().toStdString();
    std::vector<std::string> dirs;
    for (const pyenv::SearchedPlace &p : pyenv::searchDirectories(s))
        dirs.push_back(p.entry + " " + p.dir);
    const std::vector<std::string> expected{
        "<PATH> /usr/local/bin",
        "<PATH> /usr/bin",
        "<PYENV> " + h + "/.pyenv/versions/3.12.1/bin",
        "<PYENV> " + h + "/.pyenv/versions/3.9.18/bin",
        "<PYENV_LOCAL> " + h + "/.pyenv/versions/3.9.18/bin",
        "<ASDF> " + h + "/.asdf/installs/python/3.10.13/bin",
        "<ASDF_LOCAL> " + h + "/.asdf/installs/python/3.10.13/bin",
        "<PEXRC> /opt/py/bin",
        "<PEXRC> " + h + "/py/bin",
        "~/bin " + h + "/bin",
        "uv " + h + "/.local/share/uv/python/cpython-3.13.0-linux-x86_64-gnu/bin",
    };
    QCOMPARE(dirs, expected);
}

/// Counts the processes it runs, and runs them.
class CountingRunner : public engine::ProcessRunner {
public:
    engine::ProcessResult run(const engine::ProcessSpec &spec, const base::CancelToken &cancel,
                              const engine::OutputCallback &output) override
    {
        ++runs;
        return m_real.run(spec, cancel, output);
    }
    int runs = 0;

private:
    engine::LocalProcessRunner m_real;
};

void InterpreterTest::testProbeIsCachedOnDisk()
{
    QTemporaryDir cache;
    const std::string file = cache.path().toStdString() + "/interpreters.json";
    CountingRunner runner;
    {
        pyenv::InterpreterProber prober(runner, file);
        QVERIFY(prober.probe(pyenvfixture::python()));
        QVERIFY(prober.probe(pyenvfixture::python()));
        QCOMPARE(runner.runs, 1);
    }
    pyenv::InterpreterProber second(runner, file);
    auto info = second.probe(pyenvfixture::python());
    QVERIFY(info);
    QCOMPARE(runner.runs, 1); // answered from interpreters.json
    QCOMPARE(second.probesRun(), 0);
    // A script is never answered from the disk cache (a pyenv shim changes without changing).
    QTemporaryDir bin;
    const QString shim = bin.path() + "/python3";
    QFile f(shim);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray("#!/bin/sh\nexec ") + QByteArray::fromStdString(pyenvfixture::python()) + " \"$@\"\n");
    f.close();
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    {
        pyenv::InterpreterProber prober(runner, file);
        QVERIFY(prober.probe(shim.toStdString()));
    }
    pyenv::InterpreterProber third(runner, file);
    QVERIFY(third.probe(shim.toStdString()));
    QCOMPARE(third.probesRun(), 1);
}

void InterpreterTest::testMarkersOfARealInterpreter()
{
    engine::LocalProcessRunner runner;
    pyenv::InterpreterProber prober(runner, {});
    auto info = prober.probe(pyenvfixture::python());
    QVERIFY(info);
    using lockfile::Truth;
    const auto env = info->markerEnvironment();
    QCOMPARE(lockfile::evaluateMarker("sys_platform == 'linux' and os_name == 'posix'", env), Truth::True);
    QCOMPARE(lockfile::evaluateMarker("sys_platform == \"win32\"", env), Truth::False);
    QCOMPARE(lockfile::evaluateMarker("platform_system != 'Windows' and python_version >= '3.6'", env), Truth::True);
    QCOMPARE(lockfile::evaluateMarker("implementation_name == 'pypy'", env), Truth::False);
    QCOMPARE(lockfile::evaluateMarker("'linux' in sys_platform", env), Truth::True);
    QCOMPARE(lockfile::evaluateMarker("extra == 'socks'", info->markerEnvironment("socks")), Truth::True);
    // An unpinned environment still says Unknown (lockfile graphs keep such edges).
    QCOMPARE(lockfile::evaluateMarker("sys_platform == 'linux'", lockfile::MarkerEnvironment{}), Truth::Unknown);
}

void InterpreterTest::testWheelTags_data()
{
    QTest::addColumn<QString>("wheel");
    QTest::addColumn<bool>("fits");
    QTest::newRow("pure") << "attrs-25.3.0-py3-none-any.whl" << true;
    QTest::newRow("py2.py3") << "six-1.17.0-py2.py3-none-any.whl" << true;
    QTest::newRow("manylinux") << "msgpack-1.1.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl" << true;
    QTest::newRow("abi3") << "cryptography-44.0.0-cp39-abi3-manylinux_2_28_x86_64.whl" << true;
    QTest::newRow("newer glibc") << "x-1.0-cp311-cp311-manylinux_2_39_x86_64.whl" << false;
    QTest::newRow("other python") << "msgpack-1.1.0-cp312-cp312-manylinux_2_17_x86_64.whl" << false;
    QTest::newRow("other arch") << "msgpack-1.1.0-cp311-cp311-manylinux_2_17_aarch64.whl" << false;
    QTest::newRow("windows") << "msgpack-1.1.0-cp311-cp311-win_amd64.whl" << false;
    QTest::newRow("musl") << "msgpack-1.1.0-cp311-cp311-musllinux_1_1_x86_64.whl" << false;
    QTest::newRow("build tag") << "foo-1.0-1-py3-none-any.whl" << true;
}

void InterpreterTest::testWheelTags()
{
    QFETCH(QString, wheel);
    QFETCH(bool, fits);
    const pyenv::TagSet tags = pyenv::supportedTags(linuxCPython("3.11.2"));
    auto name = pyenv::parseWheelName(wheel.toStdString());
    QVERIFY(name);
    QCOMPARE(pyenv::wheelRank(*name, tags) >= 0, fits);
    // A platform wheel ranks before a pure one.
    const int pure = pyenv::wheelRank(*pyenv::parseWheelName("a-1-py3-none-any.whl"), tags);
    const int native = pyenv::wheelRank(*pyenv::parseWheelName("a-1-cp311-cp311-manylinux2014_x86_64.whl"), tags);
    QVERIFY(native >= 0 && native < pure);
}

QTEST_GUILESS_MAIN(InterpreterTest)
#include "interpreter_test.moc"
