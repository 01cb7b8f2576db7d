// Tests for pinned lint tools (run::pinLintTools through run::runGoal): black (isort,
// flake8) comes from its tool environment whether [black].lockfile,
// [black].install_from_resolve or the default resolve pins it; ruff is downloaded per [ruff].version from [ruff].url_template (a
// file:// tarball the fixture builds) and verified against [ruff].known_versions. A pin
// that cannot be had (tampered wheel or archive, nothing configured) is a warning naming
// the tool, the wanted version and what ran instead, and the results are marked unpinned;
// a tool that did not run at all fails the goal.
#include "core/pyenv/externaltool.h"
#include "core/run/runservice.h"
#include "tests/goals/goalfixture.h"
#include "tests/pyenv/pyenvfixture.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace trellis;

class PinnedToolsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testBlackFromItsLockfile_data();
    void testBlackFromItsLockfile();
    void testTamperedBlackWheelRunsUnpinnedLoudly();
    void testNothingPinsBlack();
    void testMissingToolFailsTheGoal();
    void testRuffDownloadedAndVerified();
    void testTamperedRuffArchiveIsRefused();
    void testKnownVersionEntries();
    void testRuffFromItsLockfileBeforePants220();

private:
    run::RunOutcome lint(const QString &root, const QString &cache, const std::string &extraPath = {},
                         run::Goal goal = run::Goal::Lint, run::RunObserver *observer = nullptr);
};

namespace {

std::vector<std::string> warningsOf(const run::RunOutcome &out)
{
    std::vector<std::string> w;
    for (const auto &d : out.diagnostics)
        if (d.severity == base::Severity::Warning)
            w.push_back(d.message);
    return w;
}

/// A shell script `name` in `dir` that prints `version` for --version and `says` otherwise.
void writeFakeTool(const QString &dir, const QString &name, const QByteArray &version, const QByteArray &says)
{
    QFile f(dir + QLatin1Char('/') + name);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("#!/bin/sh\nif [ \"$1\" = --version ]; then echo '" + version + "'; exit 0; fi\necho '" + says + "'\n");
    f.close();
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

void appendByte(const QString &path)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::Append));
    f.write("x");
}

const goals::LintProcessResult *processOf(const run::RunOutcome &out, const std::string &tool)
{
    for (const auto &p : out.lint.processes)
        if (p.tool == tool)
            return &p;
    return nullptr;
}

bool systemHas(const char *module)
{
    return pyenvfixture::run(pyenvfixture::python(), {QStringLiteral("-m"), QLatin1String(module),
                                                      QStringLiteral("--version")})
               .first == 0;
}

/// Collects the environment steps of a run.
class Steps : public run::RunObserver {
public:
    std::vector<std::string> steps;
    void environmentStep(const std::string &s) override { steps.push_back(s); }
};

} // namespace

run::RunOutcome PinnedToolsTest::lint(const QString &root, const QString &cache, const std::string &extraPath,
                                      run::Goal goal, run::RunObserver *observer)
{
    run::RunRequest req;
    req.goal = goal;
    req.graph = goalfixture::loadGraph(root);
    req.selection.specs = {"::"};
    req.environment = pyenvfixture::environment(cache);
    if (!extraPath.empty())
        req.environment["PATH"] = extraPath + ":" + req.environment["PATH"];
    req.pythonEnv = run::PythonEnvMode::Auto;
    req.useCache = false;
    req.recordHistory = false;
    req.pyenvCacheRoot = cache.toStdString() + "/pyenv";
    return run::runGoal(req, observer);
}

void PinnedToolsTest::testBlackFromItsLockfile_data()
{
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("source");
    QTest::newRow("[black].lockfile") << QStringLiteral("black") << QStringLiteral("lockfile")
                                      << QStringLiteral("3rdparty/black.lock ([black].lockfile)");
    QTest::newRow("[black].install_from_resolve")
        << QStringLiteral("black") << QStringLiteral("install_from_resolve")
        << QStringLiteral("resolve 'tools' ([black].install_from_resolve)");
    QTest::newRow("the default resolve") << QStringLiteral("black") << QStringLiteral("resolve")
                                         << QStringLiteral("resolve 'python-default' ([python].resolves)");
    QTest::newRow("[isort].lockfile") << QStringLiteral("isort") << QStringLiteral("lockfile")
                                      << QStringLiteral("3rdparty/isort.lock ([isort].lockfile)");
    QTest::newRow("[flake8].install_from_resolve")
        << QStringLiteral("flake8") << QStringLiteral("install_from_resolve")
        << QStringLiteral("resolve 'tools' ([flake8].install_from_resolve)");
}

void PinnedToolsTest::testBlackFromItsLockfile()
{
    QFETCH(QString, tool);
    QFETCH(QString, from);
    QFETCH(QString, source);
    const std::string name = tool.toStdString();
    QTemporaryDir repo, cache;
    QCOMPARE(pyenvfixture::make(repo.path(), {QStringLiteral("--black"), QStringLiteral("24.8.99"),
                                              QStringLiteral("--black-from"), from, QStringLiteral("--black-tool"), tool}),
             QString());
    Steps steps;
    const run::RunOutcome out = lint(repo.path(), cache.path(), {}, run::Goal::Lint, &steps);
    const goals::LintProcessResult *black = processOf(out, name);
    QVERIFY(black);
    QVERIFY2(black->passed(), (black->error + black->output + black->skipReason).c_str());
    // Where the pin came from, and the environment's python.
    QVERIFY(!steps.steps.empty());
    QVERIFY2(steps.steps.back() == name + ": " + name + " 24.8.99 from " + source.toStdString() + " (" +
                                       black->argv.front() + ", built)",
             steps.steps.back().c_str());
    QVERIFY2(black->argv.front().starts_with(cache.path().toStdString() + "/pyenv/envs/tool-" + name + "-"),
             black->argv.front().c_str());
    QCOMPARE(std::vector<std::string>(black->argv.begin() + 1, black->argv.begin() + 3),
             (std::vector<std::string>{"-m", name}));
    QVERIFY2(black->output.find("fake " + name + " 24.8.99: 1 files would be left unchanged") != std::string::npos,
             black->output.c_str());
    QCOMPARE(black->unpinned, std::string());
    QCOMPARE(warningsOf(out), std::vector<std::string>());
    QCOMPARE(out.exitCode(), 0);
    QCOMPARE(goals::formatLintSummary(out.lint, goals::LintGoalKind::Lint, false),
             std::vector<std::string>{"✓ " + name + " succeeded."});

    // The environment is kept: a second run reuses it (same python).
    const run::RunOutcome again = lint(repo.path(), cache.path());
    QCOMPARE(processOf(again, name)->argv.front(), black->argv.front());
}

void PinnedToolsTest::testTamperedBlackWheelRunsUnpinnedLoudly()
{
    if (systemHas("black"))
        QSKIP("the system python has black, which would run instead of the fake one on PATH");
    QTemporaryDir repo, cache, bin;
    QCOMPARE(pyenvfixture::make(repo.path(), {QStringLiteral("--black"), QStringLiteral("24.8.99")}), QString());
    appendByte(repo.path() + QStringLiteral("/wheels/black-24.8.99-py3-none-any.whl"));
    writeFakeTool(bin.path(), QStringLiteral("black"), "black, 22.1.0", "system black ran");
    const run::RunOutcome out = lint(repo.path(), cache.path(), bin.path().toStdString());
    const goals::LintProcessResult *black = processOf(out, "black");
    QVERIFY(black);
    QVERIFY(black->passed());
    QCOMPARE(black->argv.front(), bin.path().toStdString() + "/black");
    const std::vector<std::string> warnings = warningsOf(out);
    QCOMPARE(warnings.size(), std::size_t(1));
    QVERIFY2(warnings.front().starts_with("black is unpinned: wanted black 24.8.99 from 3rdparty/black.lock "
                                          "([black].lockfile), but its environment cannot be built: black 24.8.99: "
                                          "sha256 mismatch for "),
             warnings.front().c_str());
    QVERIFY2(warnings.front().ends_with("; running " + bin.path().toStdString() + "/black (black, 22.1.0) instead"),
             warnings.front().c_str());
    QVERIFY(!black->unpinned.empty());
    QVERIFY2(black->description.ends_with(" [unpinned]"), black->description.c_str());
    QVERIFY2(black->output.starts_with("warning: black is unpinned: wanted black 24.8.99"), black->output.c_str());
    QCOMPARE(goals::formatLintSummary(out.lint, goals::LintGoalKind::Lint, false),
             std::vector<std::string>{"✓ black succeeded (unpinned)."});
}

void PinnedToolsTest::testNothingPinsBlack()
{
    if (systemHas("black"))
        QSKIP("the system python has black, which would run instead of the fake one on PATH");
    QTemporaryDir repo, cache, bin;
    QCOMPARE(pyenvfixture::make(repo.path(), {QStringLiteral("--black"), QStringLiteral("24.8.99")}), QString());
    QCOMPARE(pyenvfixture::replaceIn(repo.path() + QStringLiteral("/pants.toml"), "[black]\nlockfile = \"3rdparty/black.lock\"\n", ""), QString());
    writeFakeTool(bin.path(), QStringLiteral("black"), "black, 22.1.0", "system black ran");
    const run::RunOutcome out = lint(repo.path(), cache.path(), bin.path().toStdString());
    QCOMPARE(warningsOf(out),
             std::vector<std::string>{
                 "black is unpinned: Pants would install black from its built-in lockfile, which Trellis does not have "
                 "([black] names neither install_from_resolve nor a lockfile, and resolve 'python-default' does not "
                 "lock black); running " + bin.path().toStdString() + "/black (black, 22.1.0) instead"});
    QVERIFY(!processOf(out, "black")->unpinned.empty());
}

void PinnedToolsTest::testMissingToolFailsTheGoal()
{
    if (systemHas("black"))
        QSKIP("the system python has black");
    QTemporaryDir repo, cache;
    QCOMPARE(pyenvfixture::make(repo.path(), {QStringLiteral("--black"), QStringLiteral("24.8.99")}), QString());
    appendByte(repo.path() + QStringLiteral("/wheels/black-24.8.99-py3-none-any.whl"));
    for (run::Goal goal : {run::Goal::Lint, run::Goal::Fmt}) {
        const run::RunOutcome out = lint(repo.path(), cache.path(), {}, goal);
        const goals::LintProcessResult *black = processOf(out, "black");
        QVERIFY(black);
        QVERIFY(black->skipped);
        QVERIFY2(black->skipReason.starts_with("black is not installed: ") &&
                     black->skipReason.find("(and no pinned black either: wanted black 24.8.99 from "
                                            "3rdparty/black.lock ([black].lockfile), but its environment cannot be "
                                            "built: ") != std::string::npos,
                 black->skipReason.c_str());
        QCOMPARE(out.exitCode(), 1); // never a silent success
        QCOMPARE(goals::formatLintSummary(out.lint, run::lintGoalKind(goal), false),
                 std::vector<std::string>{"✕ black did not run (not installed)."});
    }
}

void PinnedToolsTest::testRuffDownloadedAndVerified()
{
    QTemporaryDir repo, cache;
    QCOMPARE(pyenvfixture::make(repo.path(), {QStringLiteral("--ruff-archive")}), QString());
    const run::RunOutcome out = lint(repo.path(), cache.path());
    const goals::LintProcessResult *ruff = processOf(out, "ruff check");
    QVERIFY(ruff);
    QVERIFY2(ruff->passed(), (ruff->error + ruff->output + ruff->skipReason).c_str());
    const std::string toolDir = cache.path().toStdString() + "/pyenv/tools/ruff/0.6.4-" + pyenv::currentPlatform() + "-";
    QVERIFY2(ruff->argv.front().starts_with(toolDir), ruff->argv.front().c_str());
    QVERIFY2(ruff->argv.front().ends_with("/ruff"), ruff->argv.front().c_str());
    QVERIFY2(ruff->output.find("fake ruff 0.6.4: check: All checks passed!") != std::string::npos, ruff->output.c_str());
    QCOMPARE(warningsOf(out), std::vector<std::string>());
    QCOMPARE(out.exitCode(), 0);

    // Kept in the cache: the archive is not needed again.
    QVERIFY(QDir(repo.path() + QStringLiteral("/downloads")).removeRecursively());
    const run::RunOutcome again = lint(repo.path(), cache.path());
    QCOMPARE(processOf(again, "ruff check")->argv.front(), ruff->argv.front());
    QCOMPARE(again.exitCode(), 0);
}

void PinnedToolsTest::testTamperedRuffArchiveIsRefused()
{
    QTemporaryDir repo, cache, bin;
    QCOMPARE(pyenvfixture::make(repo.path(), {QStringLiteral("--ruff-archive")}), QString());
    const QStringList archives = QDir(repo.path() + QStringLiteral("/downloads")).entryList(QDir::Files);
    QCOMPARE(archives.size(), 1);
    const QString archive = repo.path() + QStringLiteral("/downloads/") + archives.front();
    appendByte(archive);

    // No other ruff: nothing ran, and the goal fails.
    const run::RunOutcome none = lint(repo.path(), cache.path());
    const goals::LintProcessResult *skipped = processOf(none, "ruff check");
    QVERIFY(skipped && skipped->skipped);
    QVERIFY2(skipped->skipReason.find("sha256 mismatch for file://" + archive.toStdString()) != std::string::npos,
             skipped->skipReason.c_str());
    QCOMPARE(none.exitCode(), 1);
    QVERIFY(!QDir(cache.path() + QStringLiteral("/pyenv/tools/ruff")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size());

    // A ruff on PATH runs, loudly unpinned.
    writeFakeTool(bin.path(), QStringLiteral("ruff"), "ruff 0.5.0", "system ruff ran");
    const run::RunOutcome out = lint(repo.path(), cache.path(), bin.path().toStdString());
    const std::vector<std::string> warnings = warningsOf(out);
    QCOMPARE(warnings.size(), std::size_t(1));
    QVERIFY2(warnings.front().starts_with("ruff check is unpinned: [ruff].version is 0.6.4, but ruff 0.6.4: sha256 "
                                          "mismatch for file://" + archive.toStdString() +
                                          ": [ruff].known_versions expects "),
             warnings.front().c_str());
    QVERIFY2(warnings.front().ends_with("refusing to run it; running " + bin.path().toStdString() +
                                        "/ruff (ruff 0.5.0) instead"),
             warnings.front().c_str());
    const goals::LintProcessResult *ruff = processOf(out, "ruff check");
    QVERIFY(ruff && ruff->passed());
    QCOMPARE(ruff->argv.front(), bin.path().toStdString() + "/ruff");
    QVERIFY(!ruff->unpinned.empty());
    QCOMPARE(goals::formatLintSummary(out.lint, goals::LintGoalKind::Lint, false),
             std::vector<std::string>{"✓ ruff check succeeded (unpinned)."});
}

void PinnedToolsTest::testKnownVersionEntries()
{
    auto k = pyenv::parseKnownVersion(
        "0.4.9|linux_x86_64 |5ceba21dad91e3fa05056ca62f278b0178516cfad8dbf08cf2433c6f1eeb92d3|8863118");
    QVERIFY(k);
    QCOMPARE(k->platform, std::string("linux_x86_64"));
    QCOMPARE(k->length, std::int64_t(8863118));
    QVERIFY(!pyenv::parseKnownVersion("0.4.9|linux_x86_64|nothex|1"));
    QVERIFY(!pyenv::parseKnownVersion("0.4.9|linux_x86_64"));

    // Pants' defaults: ruff 0.4.9 from its GitHub release, per platform.
    QTemporaryDir repo;
    QCOMPARE(pyenvfixture::make(repo.path(), {}), QString());
    const pyenv::ExternalToolOptions ruff = pyenv::ruffToolOptions(pyenvfixture::options(repo.path()));
    QCOMPARE(ruff.version, std::string("0.4.9"));
    QCOMPARE(*pyenv::externalToolUrl(ruff, "linux_x86_64"),
             std::string("https://github.com/astral-sh/ruff/releases/download/v0.4.9/"
                         "ruff-0.4.9-x86_64-unknown-linux-musl.tar.gz"));
    // An unknown version names what to add; offline, no download is tried.
    pyenv::ExternalToolOptions other = ruff;
    other.version = "0.6.4";
    auto missing = pyenv::fetchExternalTool(other, "linux_x86_64", repo.path().toStdString(), nullptr, {});
    QVERIFY(!missing);
    QCOMPARE(missing.diagnostics().front().message,
             std::string("ruff 0.6.4: [ruff].known_versions has no entry for linux_x86_64 (add "
                         "`0.6.4|linux_x86_64|<sha256>|<length>`)"));
    auto offline = pyenv::fetchExternalTool(ruff, "linux_x86_64", repo.path().toStdString(), nullptr, {});
    QVERIFY(!offline);
    QCOMPARE(offline.diagnostics().front().message,
             std::string("ruff 0.4.9: cannot download https://github.com/astral-sh/ruff/releases/download/v0.4.9/"
                         "ruff-0.4.9-x86_64-unknown-linux-musl.tar.gz: offline (no downloader)"));
}

void PinnedToolsTest::testRuffFromItsLockfileBeforePants220()
{
    // Before Pants 2.20 ruff was a Python tool: [ruff].lockfile pins it, `python -m ruff` runs.
    QTemporaryDir repo, cache;
    QCOMPARE(pyenvfixture::make(repo.path(), {QStringLiteral("--black"), QStringLiteral("0.1.99"),
                                              QStringLiteral("--black-tool"), QStringLiteral("ruff"),
                                              QStringLiteral("--pants-version"), QStringLiteral("2.19.1")}),
             QString());
    const run::RunOutcome out = lint(repo.path(), cache.path());
    for (const char *tool : {"ruff check", "ruff format"}) {
        const goals::LintProcessResult *ruff = processOf(out, tool);
        QVERIFY2(ruff, tool);
        QVERIFY2(ruff->passed(), (ruff->error + ruff->output + ruff->skipReason).c_str());
        QVERIFY2(ruff->argv.front().starts_with(cache.path().toStdString() + "/pyenv/envs/tool-ruff-"),
                 ruff->argv.front().c_str());
        QVERIFY2(ruff->output.find("fake ruff 0.1.99") != std::string::npos, ruff->output.c_str());
    }
    QCOMPARE(warningsOf(out), std::vector<std::string>());
    QCOMPARE(out.exitCode(), 0);
}

QTEST_GUILESS_MAIN(PinnedToolsTest)
#include "pinnedtools_test.moc"
