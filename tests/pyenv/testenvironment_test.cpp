// Tests for the test goal in lockfile environments (run::resolveEnvironments through
// run::runGoal): pytest runs with the environment's python and the pinned pytest; a
// resolve whose environment cannot be built (a tampered wheel, an unpinned pytest) fails
// the run with the reason, never green; Auto uses an environment once it is built and
// searches before that; Search never uses one. check runs the mypy pinned by
// [mypy].lockfile from the environment; a ruff other than [ruff].version is a warning.
#include "core/pyenv/externaltool.h"
#include "core/pyenv/resolveenvironment.h"
#include "core/run/runservice.h"
#include "tests/goals/goalfixture.h"
#include "tests/pyenv/pyenvfixture.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace trellis;

class TestEnvironmentTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testRunsInTheLockfileEnvironment();
    void testTamperedWheelFailsTheRun();
    void testUnpinnedPytestFailsTheRun();
    void testAutoUsesABuiltEnvironment();
    void testCheckRunsThePinnedMypy();
    void testRuffOtherThanPinnedIsAWarning();

private:
    run::RunOutcome runTests(const QString &root, run::PythonEnvMode mode, const QString &cache,
                             run::Goal goal = run::Goal::Test, const std::string &extraPath = {});
};

run::RunOutcome TestEnvironmentTest::runTests(const QString &root, run::PythonEnvMode mode, const QString &cache,
                                              run::Goal goal, const std::string &extraPath)
{
    run::RunRequest req;
    req.goal = goal;
    req.graph = goalfixture::loadGraph(root);
    req.selection.specs = {"::"};
    req.environment = pyenvfixture::environment(cache);
    if (!extraPath.empty())
        req.environment["PATH"] = extraPath + ":" + req.environment["PATH"];
    req.pythonEnv = mode;
    req.python = mode == run::PythonEnvMode::Lockfile ? pyenvfixture::python() : std::string();
    req.useCache = false;
    req.recordHistory = false;
    req.pyenvCacheRoot = cache.toStdString() + "/pyenv";
    return run::runGoal(req, nullptr);
}

void TestEnvironmentTest::testRunsInTheLockfileEnvironment()
{
    QTemporaryDir repo, cache;
    QCOMPARE(pyenvfixture::make(repo.path(), {QStringLiteral("--pytest"), QStringLiteral("8.3.99")}), QString());
    const run::RunOutcome out = runTests(repo.path(), run::PythonEnvMode::Lockfile, cache.path());
    QCOMPARE(out.result.processes.size(), std::size_t(1));
    const goals::TestProcessResult &p = out.result.processes.front();
    QVERIFY2(p.passed(), (p.error + p.output).c_str());
    QCOMPARE(out.exitCode(), 0);
    QVERIFY2(p.argv.front().starts_with(cache.path().toStdString() + "/pyenv/envs/python-default-"), p.argv.front().c_str());
    QVERIFY2(p.output.find("fake pytest 8.3.99: 1 passed, 0 failed") != std::string::npos, p.output.c_str());
}

void TestEnvironmentTest::testTamperedWheelFailsTheRun()
{
    QTemporaryDir repo, cache;
    QCOMPARE(pyenvfixture::make(repo.path(), {QStringLiteral("--pytest"), QStringLiteral("8.3.99")}), QString());
    QFile wheel(repo.path() + QStringLiteral("/wheels/pkg1-1.0-py3-none-any.whl"));
    QVERIFY(wheel.open(QIODevice::Append));
    wheel.write("x");
    wheel.close();
    const run::RunOutcome out = runTests(repo.path(), run::PythonEnvMode::Lockfile, cache.path());
    QCOMPARE(out.exitCode(), 1);
    QCOMPARE(out.result.processes.size(), std::size_t(1));
    const goals::TestProcessResult &p = out.result.processes.front();
    QVERIFY(!p.passed());
    QVERIFY2(p.error.starts_with("not started: the Python environment of resolve 'python-default' cannot be built from "
                                 "its lockfile:\npkg1 1.0: sha256 mismatch for "),
             p.error.c_str());
}

void TestEnvironmentTest::testUnpinnedPytestFailsTheRun()
{
    QTemporaryDir repo, cache;
    QCOMPARE(pyenvfixture::make(repo.path(), {}), QString());
    const run::RunOutcome out = runTests(repo.path(), run::PythonEnvMode::Lockfile, cache.path());
    QCOMPARE(out.exitCode(), 1);
    QCOMPARE(out.result.processes.front().error,
             std::string("not started: pytest is not pinned for resolve 'python-default': the resolve's lockfile does not "
                         "lock it, and [pytest] names neither install_from_resolve nor a lockfile that does"));
}

void TestEnvironmentTest::testAutoUsesABuiltEnvironment()
{
    QTemporaryDir repo, cache;
    QCOMPARE(pyenvfixture::make(repo.path(), {QStringLiteral("--pytest"), QStringLiteral("8.3.99")}), QString());
    // Search never looks at environments: the system's pytest cannot import pkg0.
    const run::RunOutcome searched = runTests(repo.path(), run::PythonEnvMode::Search, cache.path());
    QCOMPARE(searched.result.processes.size(), std::size_t(1));
    QVERIFY(!searched.result.processes.front().argv.empty());
    QVERIFY(!searched.result.processes.front().argv.front().starts_with(cache.path().toStdString()));
    QVERIFY(searched.exitCode() != 0);

    // Once built (as `trellis env build` does), Auto runs in it.
    engine::LocalProcessRunner runner;
    pyenv::InterpreterProber prober(runner, {});
    pyenv::EnvironmentSetup setup;
    setup.environment = pyenvfixture::environment(cache.path());
    setup.cacheRoot = cache.path().toStdString() + "/pyenv";
    auto req = pyenv::environmentRequest(pyenvfixture::options(repo.path()), setup, prober);
    QVERIFY2(req, req ? "" : req.diagnostics().front().message.c_str());
    req->useUv = false;
    auto env = pyenv::buildEnvironment(*req, nullptr);
    QVERIFY2(env, env ? "" : env.diagnostics().front().message.c_str());
    const run::RunOutcome autoRun = runTests(repo.path(), run::PythonEnvMode::Auto, cache.path());
    QCOMPARE(autoRun.exitCode(), 0);
    QCOMPARE(autoRun.result.processes.front().argv.front(), env->python);
}

void TestEnvironmentTest::testCheckRunsThePinnedMypy()
{
    QTemporaryDir repo, cache;
    QCOMPARE(pyenvfixture::make(repo.path(), {QStringLiteral("--mypy"), QStringLiteral("1.11.99")}), QString());
    const run::RunOutcome out = runTests(repo.path(), run::PythonEnvMode::Lockfile, cache.path(), run::Goal::Check);
    QCOMPARE(out.lint.processes.size(), std::size_t(1));
    const goals::LintProcessResult &p = out.lint.processes.front();
    QVERIFY2(p.status == engine::TaskStatus::Succeeded, (p.error + p.output).c_str());
    QVERIFY2(p.argv.front().starts_with(cache.path().toStdString() + "/pyenv/envs/python-default-"), p.argv.front().c_str());
    QVERIFY2(p.output.find("Success: no issues found (fake mypy 1.11.99)") != std::string::npos, p.output.c_str());
    QCOMPARE(out.exitCode(), 0);
}

void TestEnvironmentTest::testRuffOtherThanPinnedIsAWarning()
{
    QTemporaryDir repo, cache, bin;
    QCOMPARE(pyenvfixture::make(repo.path(), {QStringLiteral("--ruff-version"), QStringLiteral("0.6.4")}), QString());
    QFile ruff(bin.path() + QStringLiteral("/ruff"));
    QVERIFY(ruff.open(QIODevice::WriteOnly));
    ruff.write("#!/bin/sh\necho 'ruff 0.5.0'\n");
    ruff.close();
    ruff.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const run::RunOutcome out =
        runTests(repo.path(), run::PythonEnvMode::Auto, cache.path(), run::Goal::Lint, bin.path().toStdString());
    QCOMPARE(out.exitCode(), 0);
    std::vector<std::string> warnings;
    for (const auto &d : out.diagnostics)
        warnings.push_back(d.format());
    // [ruff].known_versions has no 0.6.4 (Pants' defaults know 0.4.9): the ruff on PATH runs, loudly.
    QCOMPARE(warnings, std::vector<std::string>{"warning: ruff check is unpinned: [ruff].version is 0.6.4, but ruff "
                                                "0.6.4: [ruff].known_versions has no entry for " +
                                                pyenv::currentPlatform() + " (add `0.6.4|" + pyenv::currentPlatform() +
                                                "|<sha256>|<length>`); running " + bin.path().toStdString() +
                                                "/ruff (ruff 0.5.0) instead"});
    QVERIFY(!out.lint.processes.front().unpinned.empty());
}

QTEST_GUILESS_MAIN(TestEnvironmentTest)
#include "testenvironment_test.moc"
