// Tests for the test goal's sandbox (TestRequest::sandbox, the default): each pytest
// process runs in a temporary directory holding only its inputs, so a test that imports
// its dependency passes, a declared resource and an ancestor conftest.py are there, a test
// that reads a file no target owns fails there (and passes in place, uncached), the
// sandbox is gone afterwards, a sandboxed result is cached, and --test-report's JUnit XML
// is written for run and cached processes alike.
#include "core/engine/cache.h"
#include "core/goals/testgoal.h"
#include "tests/goals/goalfixture.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace trellis;

namespace {

void write(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

std::map<std::string, std::string> environment()
{
    return {{"PATH", "/usr/bin:/bin"}, {"HOME", qEnvironmentVariable("HOME").toStdString()}};
}

} // namespace

class TestSandboxTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void testOnlyInputsAreThere();
    void testUndeclaredFileFailsInTheSandboxOnly();
    void testReportIsWrittenForRunAndCachedProcesses();

private:
    QTemporaryDir m_dir;
    QTemporaryDir m_tmp; ///< this process's TMPDIR: other tests sandbox into /tmp at the same time
};

void TestSandboxTest::initTestCase()
{
    // Sandboxes are made under QDir::tempPath(); a private one lets the "nothing left
    // behind" checks see only this test's sandboxes while ctest runs others in parallel.
    QVERIFY(m_tmp.isValid());
    qputenv("TMPDIR", m_tmp.path().toLocal8Bit());
    QCOMPARE(QDir::tempPath(), m_tmp.path());
    const QString r = m_dir.path();
    write(r + "/pants.toml", "[GLOBAL]\npants_version = \"2.23.0\"\nbackend_packages = [\"pants.backend.python\"]\n"
                             "[source]\nroot_patterns = [\"/src\", \"/tests\"]\n"
                             "[python]\ninterpreter_constraints = [\"CPython>=3.8\"]\n");
    write(r + "/src/lib/BUILD", "python_sources()\n");
    write(r + "/src/lib/__init__.py", "");
    write(r + "/src/lib/util.py", "def answer():\n    return 42\n");
    write(r + "/tests/BUILD", "python_tests(name=\"tests\")\n");
    write(r + "/tests/test_import.py", "import os\nfrom lib.util import answer\n\n\n"
                                       "def test_answer():\n    assert answer() == 42\n\n\n"
                                       "def test_cwd_is_not_the_repository():\n"
                                       "    assert os.environ.get('EXPECT_SANDBOX') != '1' or not os.path.exists('undeclared.txt')\n");
    write(r + "/undeclared.txt", "owned by no target\n");
    // A test reading a declared resource (through its dependency on a resources target),
    // a fixture from an ancestor conftest.py, and a file no target owns.
    write(r + "/tests/data/BUILD", "resources(name=\"data\", sources=[\"declared.txt\"])\n");
    write(r + "/tests/data/declared.txt", "declared\n");
    write(r + "/tests/data/undeclared.txt", "undeclared\n");
    write(r + "/tests/conftest.py", "import pytest\n\n\n@pytest.fixture\ndef greeting():\n    return 'hello'\n");
    write(r + "/tests/reads/BUILD", "python_tests(name=\"reads\", dependencies=[\"tests/data:data\"])\n");
    write(r + "/tests/reads/test_declared.py",
          "import pathlib\n\n\ndef test_declared(greeting):\n"
          "    assert greeting == 'hello'\n"
          "    assert pathlib.Path('tests/data/declared.txt').read_text() == 'declared\\n'\n");
    write(r + "/tests/reads/test_undeclared.py",
          "import pathlib\n\n\ndef test_undeclared():\n"
          "    assert pathlib.Path('tests/data/undeclared.txt').read_text() == 'undeclared\\n'\n");
}

void TestSandboxTest::testOnlyInputsAreThere()
{
    engine::LocalProcessRunner probeRunner;
    goals::InterpreterQuery q;
    q.buildRoot = m_dir.path().toStdString();
    q.pathVar = "/usr/bin:/bin";
    if (!goals::findInterpreter(q, probeRunner))
        QSKIP("no Python interpreter with pytest (apt-get install python3-pytest)");
    auto graph = goalfixture::loadGraph(m_dir.path());
    QVERIFY(graph);
    QTemporaryDir cacheDir;
    auto cache = std::make_shared<engine::LocalCache>(cacheDir.path().toStdString(), 1 << 20);

    goals::TestRequest req;
    req.graph = graph;
    req.roots = {graph->nodeOf(*workspace::Address::parse("tests:tests"))};
    req.environment = environment();
    req.extraEnvVars = {"EXPECT_SANDBOX=1"};
    QVERIFY(req.sandbox); // the default, like Pants
    req.cache = cache;
    const goals::TestRunResult boxed = goals::runTests(req, nullptr);
    QCOMPARE(boxed.processes.size(), std::size_t(1));
    QVERIFY2(boxed.processes.front().passed(), boxed.processes.front().output.c_str());
    QCOMPARE(boxed.processes.front().testCases.size(), std::size_t(2));
    QVERIFY(QDir(QDir::tempPath()).entryList({QStringLiteral("trellis-sandbox-*")}, QDir::Dirs).isEmpty());

    // The same request again is a cache hit.
    const goals::TestRunResult again = goals::runTests(req, nullptr);
    QVERIFY(again.processes.front().cached);

    // In place, the undeclared file is there: the same check fails.
    req.sandbox = false;
    req.cache = nullptr;
    const goals::TestRunResult inPlace = goals::runTests(req, nullptr);
    QVERIFY(!inPlace.processes.front().passed());
    QVERIFY2(inPlace.processes.front().output.find("test_cwd_is_not_the_repository") != std::string::npos,
             inPlace.processes.front().output.c_str());
}

void TestSandboxTest::testUndeclaredFileFailsInTheSandboxOnly()
{
    engine::LocalProcessRunner probeRunner;
    goals::InterpreterQuery q;
    q.buildRoot = m_dir.path().toStdString();
    q.pathVar = "/usr/bin:/bin";
    if (!goals::findInterpreter(q, probeRunner))
        QSKIP("no Python interpreter with pytest (apt-get install python3-pytest)");
    auto graph = goalfixture::loadGraph(m_dir.path());
    QVERIFY(graph);
    QTemporaryDir cacheDir;
    auto cache = std::make_shared<engine::LocalCache>(cacheDir.path().toStdString(), 1 << 20);
    goals::TestRequest req;
    req.graph = graph;
    req.roots = {graph->nodeOf(*workspace::Address::parse("tests/reads:reads"))};
    req.environment = environment();
    req.cache = cache;

    // Sandboxed: the declared resource and the ancestor conftest.py are there, the
    // undeclared file is not.
    const goals::TestRunResult boxed = goals::runTests(req, nullptr);
    QCOMPARE(boxed.processes.size(), std::size_t(2));
    const goals::TestProcessResult *declared = goalfixture::find(boxed, "tests/reads/test_declared.py");
    const goals::TestProcessResult *undeclared = goalfixture::find(boxed, "tests/reads/test_undeclared.py");
    QVERIFY(declared && undeclared);
    QVERIFY2(declared->passed(), declared->output.c_str());
    QVERIFY(!undeclared->passed());
    QVERIFY2(undeclared->output.find("FileNotFoundError") != std::string::npos, undeclared->output.c_str());
    QVERIFY(goalfixture::find(goals::runTests(req, nullptr), "tests/reads/test_declared.py")->cached);

    // In place (--no-sandbox) it passes, and is not cached: the next run runs it again.
    req.sandbox = false;
    const goals::TestRunResult inPlace = goals::runTests(req, nullptr);
    const goals::TestProcessResult *inPlaceUndeclared = goalfixture::find(inPlace, "tests/reads/test_undeclared.py");
    QVERIFY2(inPlaceUndeclared->passed(), inPlaceUndeclared->output.c_str());
    QVERIFY(!inPlaceUndeclared->cached);
    QVERIFY(!goalfixture::find(inPlace, "tests/reads/test_declared.py")->cached); // in place never reads the cache
    req.sandbox = true;
    const goals::TestRunResult boxedAgain = goals::runTests(req, nullptr);
    QVERIFY(!goalfixture::find(boxedAgain, "tests/reads/test_undeclared.py")->passed()); // nothing stored in place
}

void TestSandboxTest::testReportIsWrittenForRunAndCachedProcesses()
{
    engine::LocalProcessRunner probeRunner;
    goals::InterpreterQuery q;
    q.buildRoot = m_dir.path().toStdString();
    q.pathVar = "/usr/bin:/bin";
    if (!goals::findInterpreter(q, probeRunner))
        QSKIP("no Python interpreter with pytest (apt-get install python3-pytest)");
    auto graph = goalfixture::loadGraph(m_dir.path());
    QVERIFY(graph);
    QTemporaryDir cacheDir, reports;
    auto cache = std::make_shared<engine::LocalCache>(cacheDir.path().toStdString(), 1 << 20);
    goals::TestRequest req;
    req.graph = graph;
    req.roots = {graph->nodeOf(*workspace::Address::parse("tests/reads/test_declared.py:reads"))};
    req.environment = environment();
    req.cache = cache;
    req.reportDir = (reports.path() + QStringLiteral("/dist/test/reports")).toStdString();
    const QString xmlPath = reports.path() + QStringLiteral("/dist/test/reports/tests.reads.test_declared.py.xml");

    for (bool expectCached : {false, true}) {
        QFile::remove(xmlPath);
        const goals::TestRunResult run = goals::runTests(req, nullptr);
        QCOMPARE(run.processes.size(), std::size_t(1));
        QVERIFY(run.processes.front().passed());
        QCOMPARE(run.processes.front().cached, expectCached);
        QFile xml(xmlPath);
        QVERIFY2(xml.open(QIODevice::ReadOnly), qPrintable(QDir(reports.path() + QStringLiteral("/dist/test/reports")).entryList(QDir::Files).join(QLatin1Char(' '))));
        const QByteArray text = xml.readAll();
        auto cases = goals::parseJUnitXml(text.toStdString(), xmlPath.toStdString());
        QVERIFY(cases);
        QCOMPARE(cases->size(), std::size_t(1));
        QCOMPARE(cases->front().name, std::string("test_declared"));
        QCOMPARE(cases->front().status, goals::TestCaseStatus::Passed);
    }
}

QTEST_GUILESS_MAIN(TestSandboxTest)
#include "testsandbox_test.moc"
