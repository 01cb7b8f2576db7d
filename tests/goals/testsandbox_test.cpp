// Tests for `trellis test --sandbox` (TestRequest::sandbox): each pytest process runs in a
// temporary directory holding only its inputs, so a test that imports its dependency
// passes, a test that reads a file no target owns fails there (and passes in place), the
// sandbox is gone afterwards, and a sandboxed result is cached like any other.
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

private:
    QTemporaryDir m_dir;
};

void TestSandboxTest::initTestCase()
{
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
    req.sandbox = true;
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

QTEST_GUILESS_MAIN(TestSandboxTest)
#include "testsandbox_test.moc"
