// The test goal over a fake process runner, so that planning, outcomes, retries, JUnit
// results, PYTHONPATH and caching are checked without Python or pytest on the machine.
// The fake answers the interpreter probe as CPython 3.11 with pytest, and "runs" pytest by
// writing the JUnit XML a real run would write: a file whose name holds "bad" fails.
#include "core/engine/cache.h"
#include "core/goals/missingmodule.h"
#include "core/goals/testgoal.h"
#include "tests/goals/goalfixture.h"
#include "core/graph/targetgraph.h"
#include "core/infer/dependencies.h"
#include "core/workspace/workspace.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <mutex>

using namespace trellis;

namespace {

bool write(const QString &root, const QString &rel, const QByteArray &data)
{
    const QString path = root + QLatin1Char('/') + rel;
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

class FakePytest : public engine::ProcessRunner {
public:
    bool noInterpreter = false; ///< the probe fails, as when no interpreter matches
    engine::ProcessResult run(const engine::ProcessSpec &spec, const base::CancelToken &,
                              const engine::OutputCallback &output) override
    {
        engine::ProcessResult r;
        if (spec.argv.size() >= 2 && spec.argv[1] == "-c") { // the interpreter probe
            if (noInterpreter) {
                r.failedToStart = true;
                r.error = "No such file or directory";
                return r;
            }
            r.exitCode = 0;
            r.stdoutText = "CPython 3 11 2 7.4.0\n";
            return r;
        }
        std::string junit, file;
        for (const std::string &a : spec.argv) {
            if (a.starts_with("--junit-xml="))
                junit = a.substr(12);
            else if (a.ends_with(".py"))
                file = a;
        }
        {
            std::lock_guard lock(m_mutex);
            ++m_runs[file];
            m_pythonPath[file] = spec.env.count("PYTHONPATH") ? spec.env.at("PYTHONPATH") : std::string();
        }
        const bool bad = file.find("bad") != std::string::npos;
        if (file.find("etcd") != std::string::npos) { // a collection error, as pytest prints it
            r.stdoutText = "E   ModuleNotFoundError: No module named 'etcd_client'\n";
            if (output)
                output(engine::Stream::Stdout, r.stdoutText);
            r.exitCode = 2;
            return r;
        }
        const std::string cls = "tests." + file.substr(file.rfind('/') + 1, file.size() - file.rfind('/') - 4);
        std::string xml = "<?xml version=\"1.0\"?><testsuites><testsuite name=\"pytest\" tests=\"1\">"
                          "<testcase classname=\"" + cls + "\" name=\"test_it\" file=\"" + file + "\" time=\"0.01\">";
        if (bad)
            xml += "<failure message=\"assert 1 == 2\">" + file + ":2: AssertionError</failure>";
        xml += "</testcase></testsuite></testsuites>";
        QFile report(QString::fromStdString(junit));
        if (report.open(QIODevice::WriteOnly))
            report.write(QByteArray::fromStdString(xml));
        const std::string text = std::string(bad ? "1 failed" : "1 passed") + "\n";
        if (output)
            output(engine::Stream::Stdout, text);
        r.stdoutText = text;
        r.exitCode = bad ? 1 : 0;
        r.durationMs = 5;
        return r;
    }
    int runs(const std::string &file)
    {
        std::lock_guard lock(m_mutex);
        return m_runs[file];
    }
    /// The PYTHONPATH the last run of `file` had.
    std::string pythonPath(const std::string &file)
    {
        std::lock_guard lock(m_mutex);
        return m_pythonPath[file];
    }

private:
    std::mutex m_mutex;
    std::map<std::string, int> m_runs;
    std::map<std::string, std::string> m_pythonPath;
};

} // namespace

using goalfixture::find;
using goalfixture::loadGraph;

class TestGoalFakeTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testOutcomesRetriesAndCachingWithoutPytest()
    {
        QTemporaryDir dir, cacheDir;
        QVERIFY(dir.isValid() && cacheDir.isValid());
        const QString root = dir.path();
        QVERIFY(write(root, QStringLiteral("pants.toml"),
                      "[GLOBAL]\npants_version = \"2.32.0\"\nbackend_packages = [\"pants.backend.python\"]\n"
                      "[source]\nroot_patterns = [\"/src\", \"/\"]\n[test]\nattempts_default = 2\n"));
        QVERIFY(write(root, QStringLiteral("src/lib/BUILD"), "python_sources()\n"));
        QVERIFY(write(root, QStringLiteral("src/lib/util.py"), "def f():\n    return 1\n"));
        QVERIFY(write(root, QStringLiteral("tests/BUILD"), "python_tests()\n"));
        QVERIFY(write(root, QStringLiteral("tests/test_ok.py"), "from lib.util import f\n\ndef test_it():\n    assert f() == 1\n"));
        QVERIFY(write(root, QStringLiteral("tests/test_bad.py"), "def test_it():\n    assert 1 == 2\n"));
        QVERIFY(write(root, QStringLiteral("tests/test_alone.py"), "def test_it():\n    pass\n"));
        auto graph = loadGraph(root);
        QVERIFY(graph);

        FakePytest fake;
        auto cache = std::make_shared<engine::LocalCache>(cacheDir.path().toStdString(), std::int64_t(1) << 24);
        goals::TestRequest req;
        req.graph = graph;
        req.roots = {graph->nodeOf(*workspace::Address::parse("tests:tests"))};
        req.python = "/opt/fake/bin/python3";
        req.runner = &fake;
        req.cache = cache;
        req.environment = {{"PATH", "/usr/bin:/bin"}};

        const goals::TestRunResult first = goals::runTests(req, nullptr);
        QVERIFY2(first.diagnostics.empty(), first.diagnostics.empty() ? "" : first.diagnostics.front().message.c_str());
        QCOMPARE(int(first.processes.size()), 3);
        const auto *ok = find(first, "tests/test_ok.py");
        const auto *bad = find(first, "tests/test_bad.py");
        QVERIFY(ok && bad);
        QVERIFY(ok->passed() && !ok->cached);
        QCOMPARE(int(ok->testCases.size()), 1);
        QCOMPARE(ok->testCases[0].status, goals::TestCaseStatus::Passed);
        QVERIFY(!bad->passed());
        QCOMPARE(bad->attempts, 2); // [test].attempts_default
        QCOMPARE(fake.runs("tests/test_bad.py"), 2);
        QCOMPARE(bad->testCases[0].status, goals::TestCaseStatus::Failed);
        QCOMPARE(first.exitCode(), 1);
        // Sandboxed by default: PYTHONPATH is the source roots inside the process's sandbox,
        // never the build root's.
        const QString boxedPath = QString::fromStdString(fake.pythonPath("tests/test_ok.py"));
        QVERIFY2(boxedPath.contains(QStringLiteral("/trellis-sandbox-")), qPrintable(boxedPath));
        QVERIFY2(boxedPath.split(QLatin1Char(':')).filter(QRegularExpression(QStringLiteral("/trellis-sandbox-[^/]+/src$"))).size() == 1,
                 qPrintable(boxedPath));
        QVERIFY2(!boxedPath.contains(root), qPrintable(boxedPath));

        // Warm: passing results come from the cache, failures run again.
        const goals::TestRunResult second = goals::runTests(req, nullptr);
        QVERIFY(find(second, "tests/test_ok.py")->cached);
        QCOMPARE(find(second, "tests/test_ok.py")->cacheSource, std::string("cached locally"));
        QCOMPARE(fake.runs("tests/test_ok.py"), 1);
        QCOMPARE(fake.runs("tests/test_bad.py"), 4);

        // A dependency's edit invalidates only its dependents.
        QVERIFY(write(root, QStringLiteral("src/lib/util.py"), "def f():\n    return 2 - 1\n"));
        const goals::TestRunResult third = goals::runTests(req, nullptr);
        QVERIFY(!find(third, "tests/test_ok.py")->cached);
        QVERIFY(find(third, "tests/test_alone.py")->cached);
        QCOMPARE(fake.runs("tests/test_ok.py"), 2);
        QCOMPARE(fake.runs("tests/test_alone.py"), 1);

        // In place (--no-sandbox): PYTHONPATH is the build root's source roots, and the
        // cache is neither read (test_alone runs although cached) nor written.
        req.sandbox = false;
        const goals::TestRunResult inPlace = goals::runTests(req, nullptr);
        QVERIFY(!find(inPlace, "tests/test_alone.py")->cached);
        QCOMPARE(fake.runs("tests/test_alone.py"), 2);
        QCOMPARE(fake.pythonPath("tests/test_ok.py"), root.toStdString() + ":" + (root + QStringLiteral("/src")).toStdString());
        QVERIFY(write(root, QStringLiteral("tests/test_alone.py"), "def test_it():\n    assert True\n"));
        goals::runTests(req, nullptr);
        req.sandbox = true;
        const goals::TestRunResult afterInPlace = goals::runTests(req, nullptr);
        QVERIFY(!find(afterInPlace, "tests/test_alone.py")->cached); // the in-place pass was not stored
        QCOMPARE(fake.runs("tests/test_alone.py"), 4);
    }

    /// A missing third-party module is explained with the requirement that provides it.
    void testModuleNotFoundNamesTheRequirement()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(write(dir.path(), QStringLiteral("pants.toml"),
                      "[GLOBAL]\npants_version = \"2.32.0\"\nbackend_packages = [\"pants.backend.python\"]\n"));
        QVERIFY(write(dir.path(), QStringLiteral("BUILD"),
                      "python_requirement(name=\"etcd-client-py\", requirements=[\"etcd-client-py==0.4.1\"],"
                      " modules=[\"etcd_client\"])\n"));
        QVERIFY(write(dir.path(), QStringLiteral("tests/BUILD"), "python_tests()\n"));
        QVERIFY(write(dir.path(), QStringLiteral("tests/test_etcd.py"), "import etcd_client\n\ndef test_it():\n    pass\n"));
        QVERIFY(write(dir.path(), QStringLiteral("tests/test_json.py"),
                      "import json\n\ndef test_it():\n    assert json\n"));
        auto graph = loadGraph(dir.path());
        QVERIFY(graph);
        FakePytest fake;
        goals::TestRequest req;
        req.graph = graph;
        req.roots = {graph->nodeOf(*workspace::Address::parse("tests:tests"))};
        req.python = "/opt/fake/bin/python3";
        req.runner = &fake;
        const goals::TestRunResult r = goals::runTests(req, nullptr);
        const auto *etcd = find(r, "tests/test_etcd.py");
        QVERIFY(etcd && !etcd->passed());
        QVERIFY2(etcd->output.find("`etcd_client` comes from //:etcd-client-py") != std::string::npos, etcd->output.c_str());
        QVERIFY(etcd->output.find("/opt/fake/bin/python3") != std::string::npos);
        QVERIFY(find(r, "tests/test_json.py")->output.find("Trellis:") == std::string::npos);
        QCOMPARE(goals::missingModules("x\nModuleNotFoundError: No module named 'a.b'\nModuleNotFoundError: No module named 'a.b'\n"),
                 std::vector<std::string>{"a.b"});
    }

    /// No interpreter: nothing starts, and every process says so (an error, never a pass).
    void testNoInterpreterIsAnErrorForEveryProcess()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(write(dir.path(), QStringLiteral("pants.toml"),
                      "[GLOBAL]\npants_version = \"2.32.0\"\nbackend_packages = [\"pants.backend.python\"]\n"));
        QVERIFY(write(dir.path(), QStringLiteral("tests/BUILD"), "python_tests()\n"));
        QVERIFY(write(dir.path(), QStringLiteral("tests/test_a.py"), "def test_it():\n    pass\n"));
        QVERIFY(write(dir.path(), QStringLiteral("tests/test_b.py"), "def test_it():\n    pass\n"));
        auto graph = loadGraph(dir.path());
        QVERIFY(graph);
        FakePytest fake;
        fake.noInterpreter = true;
        goals::TestRequest req;
        req.graph = graph;
        req.roots = {graph->nodeOf(*workspace::Address::parse("tests:tests"))};
        req.python = "/opt/missing/bin/python3.13";
        req.runner = &fake;
        const goals::TestRunResult r = goals::runTests(req, nullptr);
        QVERIFY(base::hasErrors(r.diagnostics));
        QCOMPARE(r.exitCode(), 1);
        QCOMPARE(int(r.processes.size()), 2);
        for (const goals::TestProcessResult &p : r.processes) {
            QCOMPARE(p.status, engine::TaskStatus::Failed);
            QVERIFY(QString::fromStdString(p.error).startsWith(QStringLiteral("not started: ")));
        }
        QCOMPARE(fake.runs("tests/test_a.py"), 0);
    }
};

QTEST_GUILESS_MAIN(TestGoalFakeTest)
#include "testgoalfake_test.moc"
