// Tests for the test goal over real pytest: outcomes (pass, fail, collection error,
// flaky, timeout), the environment (slot variable, config/target/request variables, no
// leaks), summary lines, caching across a dependency edit, and cancellation.
#include "core/engine/cache.h"
#include "core/goals/testgoal.h"
#include "tests/goals/goalfixture.h"
#include "core/graph/targetgraph.h"
#include "core/infer/dependencies.h"
#include "core/workspace/workspace.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace trellis;

namespace {

/// Copies tests/fixtures/test-goal into `dir`.
void copyFixture(const QString &dir)
{
    const QString src = QStringLiteral(TRELLIS_TEST_DATA "/fixtures/test-goal");
    QDirIterator it(src, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString rel = QDir(src).relativeFilePath(file);
        QDir().mkpath(QFileInfo(dir + QLatin1Char('/') + rel).absolutePath());
        QFile::copy(file, dir + QLatin1Char('/') + rel);
    }
}

std::map<std::string, std::string> environment()
{
    std::map<std::string, std::string> env;
    env["PATH"] = qEnvironmentVariable("PATH", QStringLiteral("/usr/bin:/bin")).toStdString() + ":/usr/bin";
    env["HOME"] = qEnvironmentVariable("HOME").toStdString();
    env["HOME_LEAK"] = "must not reach the test";
    return env;
}

int node(const graph::TargetGraph &g, const char *address)
{
    return g.nodeOf(*workspace::Address::parse(address));
}

} // namespace

using goalfixture::find;
using goalfixture::loadGraph;

class TestGoalTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void testOutcomesAndSummary();
    void testCachingFollowsDependencies();
    void testCancelStopsTheRun();

private:
    QTemporaryDir m_dir;
    std::shared_ptr<const graph::TargetGraph> m_graph;
    bool m_haveInterpreter = false;
};

void TestGoalTest::initTestCase()
{
    copyFixture(m_dir.path());
    m_graph = loadGraph(m_dir.path());
    QVERIFY(m_graph);
    // Skip (with the reason) only when no interpreter can import pytest.
    engine::LocalProcessRunner runner;
    goals::InterpreterQuery q;
    q.buildRoot = m_dir.path().toStdString();
    q.pathVar = environment()["PATH"];
    q.constraints = {"CPython>=3.8"};
    m_haveInterpreter = bool(goals::findInterpreter(q, runner));
}

void TestGoalTest::testOutcomesAndSummary()
{
    if (!m_haveInterpreter)
        QSKIP("no Python interpreter with pytest (apt-get install python3-pytest)");
    QTemporaryDir scratch;
    goals::TestRequest req;
    req.graph = m_graph;
    req.roots = {node(*m_graph, "tests:tests")};
    req.jobs = 2;
    req.environment = environment();
    const QString envDump = scratch.filePath(QStringLiteral("env.json"));
    req.extraEnvVars = {"FLAKY_MARKER=" + scratch.filePath(QStringLiteral("flaky")).toStdString(),
                        "ENV_DUMP=" + envDump.toStdString(), "FIXTURE_FROM_REQUEST=request"};
    const goals::TestRunResult r = goals::runTests(req, nullptr);
    QVERIFY2(r.diagnostics.empty(), r.diagnostics.empty() ? "" : r.diagnostics.front().message.c_str());
    QCOMPARE(int(r.processes.size()), 6);

    const auto *pass = find(r, "tests/test_pass.py");
    QVERIFY(pass);
    QVERIFY2(pass->passed(), pass->output.c_str());
    QCOMPARE(int(pass->testCases.size()), 2);
    QCOMPARE(pass->testCases[0].status, goals::TestCaseStatus::Passed);

    const auto *fail = find(r, "tests/test_fail.py");
    QVERIFY(fail && !fail->passed());
    QCOMPARE(fail->exitCode, 1);
    QCOMPARE(fail->attempts, 2); // [test].attempts_default = 2
    QCOMPARE(int(fail->testCases.size()), 1);
    QCOMPARE(fail->testCases[0].status, goals::TestCaseStatus::Failed);
    QVERIFY(QString::fromStdString(fail->testCases[0].message).contains(QStringLiteral("mul is broken")));
    // xunit2 reports (Pants' default junit_family) carry no line; the traceback names it.
    QVERIFY(QString::fromStdString(fail->testCases[0].details).contains(QStringLiteral("tests/test_fail.py:5: AssertionError")));

    const auto *error = find(r, "tests/test_error.py");
    QVERIFY(error && !error->passed());
    QCOMPARE(error->exitCode, 2); // pytest: interrupted by a collection error

    const auto *flaky = find(r, "tests/test_flaky.py");
    QVERIFY(flaky && flaky->passed());
    QVERIFY(flaky->flaky);
    QCOMPARE(flaky->attempts, 2);

    const auto *hang = find(r, "tests/test_hang.py");
    QVERIFY(hang && !hang->passed());
    QVERIFY(hang->timedOut);
    QCOMPARE(hang->exitCode, -15);
    QVERIFY(QString::fromStdString(hang->output).contains(
        QStringLiteral("Exceeded timeout of 1.0 seconds when executing local process: Run Pytest for tests/test_hang.py")));

    const auto *env = find(r, "tests/test_env.py");
    QVERIFY(env && env->passed());
    QFile dump(envDump);
    QVERIFY(dump.open(QIODevice::ReadOnly));
    const QJsonObject seen = QJsonDocument::fromJson(dump.readAll()).object();
    QVERIFY(seen[QLatin1String("TEST_SLOT")].toString() == QLatin1String("1")
            || seen[QLatin1String("TEST_SLOT")].toString() == QLatin1String("2"));
    QCOMPARE(seen[QLatin1String("FIXTURE_FROM_CONFIG")].toString(), QStringLiteral("configured"));
    QCOMPARE(seen[QLatin1String("FIXTURE_FROM_TARGET")].toString(), QStringLiteral("target"));
    QCOMPARE(seen[QLatin1String("FIXTURE_FROM_REQUEST")].toString(), QStringLiteral("request"));
    QVERIFY(seen[QLatin1String("HOME_LEAK")].isNull());

    // Summary: passes first (by description), then failures by |exit code|.
    const std::vector<std::string> lines = goals::formatSummary(r, false);
    QStringList shapes;
    for (const auto &l : lines)
        shapes << QString::fromStdString(l).replace(QRegularExpression(QStringLiteral("\\d+\\.\\d\\ds")), QStringLiteral("Ns"));
    QCOMPARE(shapes, (QStringList{QStringLiteral("✓ tests/test_env.py succeeded in Ns."),
                                  QStringLiteral("+ tests/test_flaky.py succeeded after 2 attempts in Ns."),
                                  QStringLiteral("✓ tests/test_pass.py succeeded in Ns."),
                                  QStringLiteral("✕ tests/test_fail.py failed after 2 attempts in Ns."),
                                  QStringLiteral("✕ tests/test_error.py failed after 2 attempts in Ns."),
                                  QStringLiteral("✕ tests/test_hang.py failed after 2 attempts in Ns.")}));
    QCOMPARE(r.exitCode(), 1);
}

void TestGoalTest::testCachingFollowsDependencies()
{
    if (!m_haveInterpreter)
        QSKIP("no Python interpreter with pytest (apt-get install python3-pytest)");
    QTemporaryDir cacheDir;
    goals::TestRequest req;
    req.graph = m_graph;
    req.roots = {node(*m_graph, "tests/test_pass.py")};
    req.environment = environment();
    req.cache = std::make_shared<engine::LocalCache>(cacheDir.path().toStdString(), 1 << 20);
    auto once = [&] {
        const goals::TestRunResult r = goals::runTests(req, nullptr);
        return r.processes.size() == 1 && r.processes[0].passed() ? (r.processes[0].cached ? 1 : 0) : -1;
    };
    QCOMPARE(once(), 0);  // ran
    QCOMPARE(once(), 1);  // cached
    // Editing a dependency (not the test file itself) invalidates the cached pass.
    QFile ops(m_dir.filePath(QStringLiteral("src/calc/ops.py")));
    QVERIFY(ops.open(QIODevice::Append));
    ops.write("\n# edited\n");
    ops.close();
    QCOMPARE(once(), 0);
    QCOMPARE(once(), 1);
    req.force = true;
    QCOMPARE(once(), 0);  // --force runs anyway
}

void TestGoalTest::testCancelStopsTheRun()
{
    if (!m_haveInterpreter)
        QSKIP("no Python interpreter with pytest (apt-get install python3-pytest)");
    goals::TestRequest req;
    req.graph = m_graph;
    req.roots = {node(*m_graph, "tests/test_hang.py"), node(*m_graph, "tests/test_pass.py")};
    req.jobs = 1;
    req.noTimeouts = true;
    req.environment = environment();
    std::thread canceller([token = req.cancel] {
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        token.cancel();
    });
    QElapsedTimer timer;
    timer.start();
    const goals::TestRunResult r = goals::runTests(req, nullptr);
    canceller.join();
    QVERIFY(r.cancelled);
    QVERIFY(timer.elapsed() < 10000);
    for (const auto &p : r.processes)
        QVERIFY(p.status == engine::TaskStatus::Cancelled);
}

QTEST_GUILESS_MAIN(TestGoalTest)
#include "testgoal_test.moc"
