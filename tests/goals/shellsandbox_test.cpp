// Tests for test_shell_command in the sandbox (TestRequest::sandbox, the default), like
// Pants' adhoc sandbox: the command runs in a temporary directory holding the files of its
// execution_dependencies (or, in older Pants, dependencies) closure, with its workdir
// relative to that directory. A command reading a file no target owns fails there, and
// passes in place (sandbox = false), where its result is not cached; a sandboxed result is.
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

} // namespace

class ShellSandboxTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void testDeclaredFilesAreThere();
    void testUndeclaredFileFailsInTheSandboxOnly();

private:
    goals::TestRunResult run(const char *address, bool sandbox, std::shared_ptr<engine::ResultCache> cache = {});
    QTemporaryDir m_dir;
    QTemporaryDir m_tmp; ///< this process's TMPDIR, so the nothing-left-behind check sees only ours
};

void ShellSandboxTest::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    qputenv("TMPDIR", m_tmp.path().toLocal8Bit());
    const QString r = m_dir.path();
    write(r + "/pants.toml", "[GLOBAL]\npants_version = \"2.23.0\"\nbackend_packages = [\"pants.backend.shell\"]\n");
    write(r + "/data/BUILD", "files(name=\"data\", sources=[\"declared.txt\"])\n");
    write(r + "/data/declared.txt", "declared\n");
    write(r + "/undeclared.txt", "owned by no target\n");
    write(r + "/checks/BUILD",
          "test_shell_command(name=\"declared\", command=\"cat declared.txt && test \\\"$(pwd)\\\" != " + r.toUtf8() +
              "/data\", workdir=\"/data\", execution_dependencies=[\"data:data\"])\n"
              "test_shell_command(name=\"old_dependencies\", command=\"cat ../data/declared.txt\",\n"
              "    dependencies=[\"data:data\"])\n"
              "test_shell_command(name=\"undeclared\", command=\"cat ../undeclared.txt\",\n"
              "    execution_dependencies=[\"data:data\"])\n");
}

goals::TestRunResult ShellSandboxTest::run(const char *address, bool sandbox, std::shared_ptr<engine::ResultCache> cache)
{
    auto graph = goalfixture::loadGraph(m_dir.path());
    goals::TestRequest req;
    req.graph = graph;
    req.roots = {graph->nodeOf(*workspace::Address::parse(address))};
    req.environment = {{"PATH", "/usr/bin:/bin"}};
    req.sandbox = sandbox;
    req.cache = std::move(cache);
    return goals::runTests(req, nullptr);
}

void ShellSandboxTest::testDeclaredFilesAreThere()
{
    QTemporaryDir cacheDir;
    auto cache = std::make_shared<engine::LocalCache>(cacheDir.path().toStdString(), 1 << 20);
    for (const char *address : {"checks:declared", "checks:old_dependencies"}) {
        const goals::TestRunResult r = run(address, true, cache);
        QCOMPARE(r.processes.size(), std::size_t(1));
        QVERIFY2(r.processes.front().passed(), (address + (": " + r.processes.front().output)).c_str());
        QVERIFY2(r.processes.front().output.find("declared\n") != std::string::npos, r.processes.front().output.c_str());
        QVERIFY(QDir(QDir::tempPath()).entryList({QStringLiteral("trellis-sandbox-*")}, QDir::Dirs).isEmpty());
        // Sandboxed results are cached.
        QVERIFY(run(address, true, cache).processes.front().cached);
    }
}

void ShellSandboxTest::testUndeclaredFileFailsInTheSandboxOnly()
{
    QTemporaryDir cacheDir;
    auto cache = std::make_shared<engine::LocalCache>(cacheDir.path().toStdString(), 1 << 20);
    const goals::TestRunResult boxed = run("checks:undeclared", true, cache);
    QCOMPARE(boxed.processes.size(), std::size_t(1));
    QVERIFY(!boxed.processes.front().passed());
    QVERIFY2(boxed.processes.front().output.find("undeclared.txt: No such file or directory") != std::string::npos,
             boxed.processes.front().output.c_str());

    // In place (--no-sandbox) the file is there, and the result is never cached.
    const goals::TestRunResult inPlace = run("checks:undeclared", false, cache);
    QVERIFY2(inPlace.processes.front().passed(), inPlace.processes.front().output.c_str());
    const goals::TestRunResult again = run("checks:undeclared", false, cache);
    QVERIFY(!again.processes.front().cached);
}

QTEST_GUILESS_MAIN(ShellSandboxTest)
#include "shellsandbox_test.moc"
