// Tests for the lint/fmt/fix/check goals: planning (tools, partitions, batches, skip
// fields, --only), command lines, summaries, fmt change detection, missing tools and the
// cache, with a fake ProcessRunner; plus one run of the real black and flake8 when this
// machine has them (skipped otherwise).
//
// The fixture tests/fixtures/lint-basic is copied to a temporary directory per test (fmt
// edits files). Fake tools are empty executables in a temporary bin directory that is the
// whole PATH, so the goal finds them as executables; the fake runner answers their
// `--version` probes and simulates their runs.
#include "core/engine/cache.h"
#include "core/goals/lintgoal.h"
#include "core/graph/targetgraph.h"
#include "core/infer/dependencies.h"
#include "core/workspace/workspace.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <mutex>

using namespace trellis;
using goals::LintGoalKind;

namespace {

/// What a fake tool does when it runs (not for `--version`).
struct FakeBehaviour {
    int exitCode = 0;
    std::string output;
    bool rewrite = false;   ///< append "# formatted\n" to every file argument (fmt)
};

/// Records every process and simulates tools by the base name of argv[0].
class FakeRunner : public engine::ProcessRunner {
public:
    std::map<std::string, FakeBehaviour> behaviours; ///< tool base name -> behaviour
    std::string buildRoot;

    engine::ProcessResult run(const engine::ProcessSpec &spec, const base::CancelToken &,
                              const engine::OutputCallback &output) override
    {
        engine::ProcessResult r;
        const std::string exe = spec.argv.empty() ? std::string() : spec.argv.front();
        const std::string name = exe.substr(exe.rfind('/') + 1);
        if (spec.argv.size() == 2 && spec.argv[1] == "--version") {
            r.exitCode = 0;
            r.stdoutText = name + " 1.0\n";
            return r;
        }
        if (name.rfind("python", 0) == 0) { // interpreter probes: no Python here
            r.exitCode = 127;
            r.failedToStart = true;
            r.error = "not a real interpreter";
            return r;
        }
        {
            std::lock_guard lock(m_mutex);
            m_specs.push_back(spec);
        }
        const FakeBehaviour b = behaviours.count(name) ? behaviours.at(name) : FakeBehaviour{};
        if (b.rewrite)
            for (size_t i = 1; i < spec.argv.size(); ++i) {
                QFile f(QString::fromStdString(buildRoot + "/" + spec.argv[i]));
                if (spec.argv[i].find('/') != std::string::npos && f.exists() && f.open(QIODevice::Append))
                    f.write("# formatted\n");
            }
        r.exitCode = b.exitCode;
        r.stdoutText = b.output;
        if (output && !b.output.empty())
            output(engine::Stream::Stdout, b.output);
        return r;
    }

    std::vector<engine::ProcessSpec> specs() const
    {
        std::lock_guard lock(m_mutex);
        std::vector<engine::ProcessSpec> s = m_specs;
        std::sort(s.begin(), s.end(), [](const auto &a, const auto &b) { return a.argv < b.argv; });
        return s;
    }

private:
    mutable std::mutex m_mutex;
    std::vector<engine::ProcessSpec> m_specs;
};

bool copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString src = it.next();
        const QString dst = to + QLatin1Char('/') + QDir(from).relativeFilePath(src);
        QDir().mkpath(QFileInfo(dst).path());
        if (!QFile::copy(src, dst))
            return false;
    }
    return true;
}

QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

QStringList toQStringList(const std::vector<std::string> &v)
{
    QStringList out;
    for (const auto &s : v)
        out << QString::fromStdString(s);
    return out;
}

/// A copy of the lint-basic fixture with fake tools on PATH.
class LintFixture {
public:
    /// `extraToml` is appended to pants.toml; `tools` are the fake executables to create;
    /// `extraBackends` go right after "pants.backend.python" in backend_packages.
    explicit LintFixture(const QByteArray &extraToml = {},
                         const QStringList &tools = {QStringLiteral("black"), QStringLiteral("isort"),
                                                     QStringLiteral("flake8"), QStringLiteral("mypy"),
                                                     QStringLiteral("shellcheck"), QStringLiteral("shfmt")},
                         const QByteArray &extraBackends = {})
    {
        const QString repo = root();
        copyTree(QStringLiteral(TRELLIS_TEST_DATA "/fixtures/lint-basic"), repo);
        QFile toml(repo + QStringLiteral("/pants.toml"));
        if (toml.open(QIODevice::ReadWrite)) {
            QByteArray text = toml.readAll();
            text.replace("\"pants.backend.python\",", "\"pants.backend.python\"," + extraBackends);
            text += "\n" + extraToml + "\n";
            toml.resize(0);
            toml.write(text);
            toml.close();
        }
        QDir().mkpath(binDir());
        for (const QString &tool : tools) {
            QFile f(binDir() + QLatin1Char('/') + tool);
            if (f.open(QIODevice::WriteOnly)) {
                f.write("#!/bin/sh\nexit 1\n");
                f.close();
                f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
            }
        }
        workspace::LoadRequest req;
        req.options.buildRoot = repo.toStdString();
        auto ws = workspace::loadWorkspace(req);
        if (!ws)
            return;
        infer::InferenceRequest ireq;
        ireq.workspace = *ws;
        ireq.cacheDir = "-";
        graph = std::make_shared<const graph::TargetGraph>(*ws, infer::resolveDependencies(ireq));
        runner.buildRoot = repo.toStdString();
    }

    QString root() const { return m_dir.path() + QStringLiteral("/repo"); }
    QString binDir() const { return m_dir.path() + QStringLiteral("/bin"); }

    goals::LintRequest request(LintGoalKind goal, const QStringList &only = {})
    {
        goals::LintRequest req;
        req.graph = graph;
        for (int i = 0; graph && i < int(graph->workspace()->targets().size()); ++i)
            req.roots.push_back(i);
        req.goal = goal;
        for (const QString &o : only)
            req.only.push_back(o.toStdString());
        req.jobs = 2;
        req.environment = {{"PATH", binDir().toStdString()}};
        req.runner = &runner;
        req.toolCacheDir = (m_dir.path() + QStringLiteral("/toolcache")).toStdString();
        return req;
    }

    std::shared_ptr<const graph::TargetGraph> graph;
    FakeRunner runner;

private:
    QTemporaryDir m_dir;
};

/// "<description>: <files>" per planned process.
QStringList describe(const std::vector<goals::LintProcessResult> &processes)
{
    QStringList out;
    for (const auto &p : processes) {
        QString line = QString::fromStdString(p.description) + QStringLiteral(": ") +
                       toQStringList(p.files).join(QLatin1Char(' '));
        if (p.skipped)
            line += QStringLiteral(" [skipped]");
        out << line;
    }
    return out;
}

} // namespace

class LintGoalTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testPlan_data();
    void testPlan();
    void testCommandLines_data();
    void testCommandLines();
    void testSummary_data();
    void testSummary();
    void testRuff_data();
    void testRuff();
    void testFmtReportsChangedFiles();
    void testMissingTool();
    void testUnknownOnly();
    void testCache();
    void testRealBlackAndFlake8();
};

void LintGoalTest::testPlan_data()
{
    QTest::addColumn<int>("goal");
    QTest::addColumn<QStringList>("only");
    QTest::addColumn<QByteArray>("extraToml");
    QTest::addColumn<QStringList>("expected");

    const QString py4 = QStringLiteral("src/app/a.py src/app/a_test.py src/app/b.py src/app/c.py src/legacy/d.py");
    QTest::newRow("lint: linters, formatters in check mode, sorted by name")
        << int(LintGoalKind::Lint) << QStringList() << QByteArray()
        << QStringList{QStringLiteral("black on 4 files: src/app/a.py src/app/a_test.py src/app/b.py src/legacy/d.py"),
                       QStringLiteral("flake8 on 5 files: ") + py4,
                       QStringLiteral("isort on 5 files: ") + py4,
                       QStringLiteral("shellcheck on 1 file: scripts/run.sh"),
                       QStringLiteral("shfmt on 1 file: scripts/run.sh")};
    QTest::newRow("lint --only=flake8")
        << int(LintGoalKind::Lint) << QStringList{QStringLiteral("flake8")} << QByteArray()
        << QStringList{QStringLiteral("flake8 on 5 files: ") + py4};
    QTest::newRow("lint --only=black,shfmt (comma-separated)")
        << int(LintGoalKind::Lint) << QStringList{QStringLiteral("shfmt,black")} << QByteArray()
        << QStringList{QStringLiteral("black on 4 files: src/app/a.py src/app/a_test.py src/app/b.py src/legacy/d.py"),
                       QStringLiteral("shfmt on 1 file: scripts/run.sh")};
    QTest::newRow("[isort].skip and [lint].skip_formatters")
        << int(LintGoalKind::Lint) << QStringList()
        << QByteArray("[isort]\nskip = true\n[lint]\nskip_formatters = true\n")
        << QStringList{QStringLiteral("flake8 on 5 files: ") + py4,
                       QStringLiteral("shellcheck on 1 file: scripts/run.sh")};
    QTest::newRow("[lint].batch_size = 1: one file per batch")
        << int(LintGoalKind::Lint) << QStringList{QStringLiteral("flake8")} << QByteArray("[lint]\nbatch_size = 1\n")
        << QStringList{QStringLiteral("flake8 on 1 file: src/app/a.py"),
                       QStringLiteral("flake8 on 1 file: src/app/a_test.py"),
                       QStringLiteral("flake8 on 1 file: src/app/b.py"),
                       QStringLiteral("flake8 on 1 file: src/app/c.py"),
                       QStringLiteral("flake8 on 1 file: src/legacy/d.py")};
    QTest::newRow("fmt: formatters in backend_packages order")
        << int(LintGoalKind::Fmt) << QStringList() << QByteArray()
        << QStringList{QStringLiteral("black on 4 files: src/app/a.py src/app/a_test.py src/app/b.py src/legacy/d.py"),
                       QStringLiteral("isort on 5 files: ") + py4,
                       QStringLiteral("shfmt on 1 file: scripts/run.sh")};
    QTest::newRow("check: mypy partitioned by resolve and interpreter constraints")
        << int(LintGoalKind::Check) << QStringList() << QByteArray()
        << QStringList{QStringLiteral("mypy on 1 file in python-default, CPython==3.9.*: src/legacy/d.py"),
                       QStringLiteral("mypy on 4 files in python-default, CPython>=3.8: src/app/a.py "
                                      "src/app/a_test.py src/app/b.py src/app/c.py")};
    QTest::newRow("fix without fixers: formatters only")
        << int(LintGoalKind::Fix) << QStringList{QStringLiteral("isort")} << QByteArray()
        << QStringList{QStringLiteral("isort on 5 files: ") + py4};
}

void LintGoalTest::testPlan()
{
    QFETCH(int, goal);
    QFETCH(QStringList, only);
    QFETCH(QByteArray, extraToml);
    QFETCH(QStringList, expected);

    LintFixture fx(extraToml);
    QVERIFY(fx.graph);
    base::Diagnostics diags;
    const auto plan = goals::planLint(fx.request(LintGoalKind(goal), only), diags);
    QVERIFY(diags.empty());
    QCOMPARE(describe(plan), expected);
}

void LintGoalTest::testCommandLines_data()
{
    QTest::addColumn<int>("goal");
    QTest::addColumn<QStringList>("only");
    QTest::addColumn<QStringList>("expected"); // argv with the bin dir as @BIN@, then env extras

    QTest::newRow("lint black --check")
        << int(LintGoalKind::Lint) << QStringList{QStringLiteral("black")}
        << QStringList{QStringLiteral("@BIN@/black --check src/app/a.py src/app/a_test.py src/app/b.py src/legacy/d.py")};
    QTest::newRow("lint flake8 with [flake8].args shell-split")
        << int(LintGoalKind::Lint) << QStringList{QStringLiteral("flake8")}
        << QStringList{QStringLiteral("@BIN@/flake8 --max-line-length=100 --select=E,F src/app/a.py src/app/a_test.py "
                                      "src/app/b.py src/app/c.py src/legacy/d.py")};
    QTest::newRow("lint isort --check-only, shfmt -d")
        << int(LintGoalKind::Lint) << QStringList{QStringLiteral("isort"), QStringLiteral("shfmt")}
        << QStringList{QStringLiteral("@BIN@/isort --check-only src/app/a.py src/app/a_test.py src/app/b.py "
                                      "src/app/c.py src/legacy/d.py"),
                       QStringLiteral("@BIN@/shfmt -d scripts/run.sh")};
    QTest::newRow("fmt writes: black, shfmt -w")
        << int(LintGoalKind::Fmt) << QStringList{QStringLiteral("black"), QStringLiteral("shfmt")}
        << QStringList{QStringLiteral("@BIN@/black src/app/a.py src/app/a_test.py src/app/b.py src/legacy/d.py"),
                       QStringLiteral("@BIN@/shfmt -w scripts/run.sh")};
    QTest::newRow("check mypy with MYPYPATH")
        << int(LintGoalKind::Check) << QStringList()
        << QStringList{QStringLiteral("@BIN@/mypy src/app/a.py src/app/a_test.py src/app/b.py src/app/c.py "
                                      "MYPYPATH=@ROOT@/src"),
                       QStringLiteral("@BIN@/mypy src/legacy/d.py MYPYPATH=@ROOT@/src")};
}

void LintGoalTest::testCommandLines()
{
    QFETCH(int, goal);
    QFETCH(QStringList, only);
    QFETCH(QStringList, expected);

    LintFixture fx;
    QVERIFY(fx.graph);
    const goals::LintRunResult result = goals::runLint(fx.request(LintGoalKind(goal), only), nullptr);
    QVERIFY(result.diagnostics.empty());
    QStringList actual;
    for (const engine::ProcessSpec &spec : fx.runner.specs()) {
        QString line = toQStringList(spec.argv).join(QLatin1Char(' '));
        if (auto it = spec.env.find("MYPYPATH"); it != spec.env.end())
            line += QStringLiteral(" MYPYPATH=") + QString::fromStdString(it->second);
        QCOMPARE(QString::fromStdString(spec.workingDir), fx.root());
        QCOMPARE(QString::fromStdString(spec.env.at("PATH")), fx.binDir());
        actual << line.replace(fx.binDir(), QStringLiteral("@BIN@")).replace(fx.root(), QStringLiteral("@ROOT@"));
    }
    QCOMPARE(actual, expected);
    QCOMPARE(result.exitCode(), 0);
}

void LintGoalTest::testSummary_data()
{
    QTest::addColumn<int>("goal");
    QTest::addColumn<QStringList>("failing");   // tools exiting 1
    QTest::addColumn<QStringList>("rewriting"); // tools that edit their files
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<int>("exitCode");

    QTest::newRow("lint: all pass") << int(LintGoalKind::Lint) << QStringList() << QStringList()
                                    << QStringList{QStringLiteral("✓ black succeeded."),
                                                   QStringLiteral("✓ flake8 succeeded."),
                                                   QStringLiteral("✓ isort succeeded."),
                                                   QStringLiteral("✓ shellcheck succeeded."),
                                                   QStringLiteral("✓ shfmt succeeded.")}
                                    << 0;
    QTest::newRow("lint: a formatter check fails")
        << int(LintGoalKind::Lint) << QStringList{QStringLiteral("black")} << QStringList()
        << QStringList{QStringLiteral("✕ black failed."), QStringLiteral("✓ flake8 succeeded."),
                       QStringLiteral("✓ isort succeeded."), QStringLiteral("✓ shellcheck succeeded."),
                       QStringLiteral("✓ shfmt succeeded."), QString(),
                       QStringLiteral("(One or more formatters failed. Run `trellis fmt` to fix.)")}
        << 1;
    QTest::newRow("lint: a linter fails (no fmt hint)")
        << int(LintGoalKind::Lint) << QStringList{QStringLiteral("flake8"), QStringLiteral("shellcheck")}
        << QStringList()
        << QStringList{QStringLiteral("✓ black succeeded."), QStringLiteral("✕ flake8 failed."),
                       QStringLiteral("✓ isort succeeded."), QStringLiteral("✕ shellcheck failed."),
                       QStringLiteral("✓ shfmt succeeded.")}
        << 1;
    QTest::newRow("fmt: changes and no changes")
        << int(LintGoalKind::Fmt) << QStringList() << QStringList{QStringLiteral("isort")}
        << QStringList{QStringLiteral("✓ black made no changes."), QStringLiteral("+ isort made changes."),
                       QStringLiteral("✓ shfmt made no changes.")}
        << 0;
    QTest::newRow("fmt: a formatter fails")
        << int(LintGoalKind::Fmt) << QStringList{QStringLiteral("shfmt")} << QStringList{QStringLiteral("black")}
        << QStringList{QStringLiteral("+ black made changes."), QStringLiteral("✓ isort made no changes."),
                       QStringLiteral("✕ shfmt failed.")}
        << 1;
    QTest::newRow("check: mypy fails") << int(LintGoalKind::Check) << QStringList{QStringLiteral("mypy")}
                                       << QStringList() << QStringList{QStringLiteral("✕ mypy failed.")} << 1;
    QTest::newRow("check: mypy passes") << int(LintGoalKind::Check) << QStringList() << QStringList()
                                        << QStringList{QStringLiteral("✓ mypy succeeded.")} << 0;
}

void LintGoalTest::testSummary()
{
    QFETCH(int, goal);
    QFETCH(QStringList, failing);
    QFETCH(QStringList, rewriting);
    QFETCH(QStringList, expected);
    QFETCH(int, exitCode);

    LintFixture fx;
    QVERIFY(fx.graph);
    for (const QString &t : failing)
        fx.runner.behaviours[t.toStdString()] = {1, t.toStdString() + ": problems found\n", false};
    for (const QString &t : rewriting)
        fx.runner.behaviours[t.toStdString()].rewrite = true;
    const goals::LintRunResult result = goals::runLint(fx.request(LintGoalKind(goal)), nullptr);
    QCOMPARE(toQStringList(goals::formatLintSummary(result, LintGoalKind(goal), false)), expected);
    QCOMPARE(result.exitCode(), exitCode);
    for (const auto &p : result.processes)
        if (p.failed())
            QCOMPARE(QString::fromStdString(p.output), QString::fromStdString(p.toolId + ": problems found\n"));
}

void LintGoalTest::testRuff_data()
{
    QTest::addColumn<int>("goal");
    QTest::addColumn<QStringList>("only");
    QTest::addColumn<QStringList>("expected"); // planned order, then sorted argv

    const QString py5 = QStringLiteral("src/app/a.py src/app/a_test.py src/app/b.py src/app/c.py src/legacy/d.py");
    QTest::newRow("lint: ruff check without --fix, ruff format --check")
        << int(LintGoalKind::Lint) << QStringList{QStringLiteral("ruff")}
        << QStringList{QStringLiteral("ruff check on 5 files"), QStringLiteral("ruff format on 5 files"),
                       QStringLiteral("@BIN@/ruff check --select=F ") + py5,
                       QStringLiteral("@BIN@/ruff format --check ") + py5};
    QTest::newRow("fix: the fixer first, then formatters in backend_packages order")
        << int(LintGoalKind::Fix) << QStringList{QStringLiteral("ruff-check,ruff-format"), QStringLiteral("isort")}
        << QStringList{QStringLiteral("ruff check on 5 files"), QStringLiteral("ruff format on 5 files"),
                       QStringLiteral("isort on 5 files"), QStringLiteral("@BIN@/isort ") + py5,
                       QStringLiteral("@BIN@/ruff check --fix --select=F ") + py5,
                       QStringLiteral("@BIN@/ruff format ") + py5};
    QTest::newRow("fmt: formatters only")
        << int(LintGoalKind::Fmt) << QStringList{QStringLiteral("ruff")}
        << QStringList{QStringLiteral("ruff format on 5 files"), QStringLiteral("@BIN@/ruff format ") + py5};
}

void LintGoalTest::testRuff()
{
    QFETCH(int, goal);
    QFETCH(QStringList, only);
    QFETCH(QStringList, expected);

    LintFixture fx("[ruff]\nargs = [\"--select=F\"]\n", {QStringLiteral("ruff"), QStringLiteral("isort")},
                   "\"pants.backend.experimental.python.lint.ruff.check\","
                   "\"pants.backend.experimental.python.lint.ruff.format\",");
    QVERIFY(fx.graph);
    const goals::LintRequest req = fx.request(LintGoalKind(goal), only);
    base::Diagnostics diags;
    QStringList actual;
    for (const auto &p : goals::planLint(req, diags))
        actual << QString::fromStdString(p.description);
    const goals::LintRunResult result = goals::runLint(req, nullptr);
    QVERIFY(result.diagnostics.empty());
    for (const engine::ProcessSpec &spec : fx.runner.specs()) {
        actual << toQStringList(spec.argv).join(QLatin1Char(' ')).replace(fx.binDir(), QStringLiteral("@BIN@"));
        const auto ruffCache = spec.env.find("RUFF_CACHE_DIR");
        QCOMPARE(ruffCache != spec.env.end(), spec.argv.front().ends_with("/ruff"));
        if (ruffCache != spec.env.end())
            QVERIFY(QString::fromStdString(ruffCache->second).endsWith(QStringLiteral("/toolcache/ruff")));
    }
    QCOMPARE(actual, expected);
}

void LintGoalTest::testFmtReportsChangedFiles()
{
    LintFixture fx;
    QVERIFY(fx.graph);
    fx.runner.behaviours["shfmt"].rewrite = true;
    const goals::LintRunResult result =
        goals::runLint(fx.request(LintGoalKind::Fmt, {QStringLiteral("shfmt"), QStringLiteral("black")}), nullptr);
    QCOMPARE(result.processes.size(), size_t(2));
    QCOMPARE(toQStringList(result.processes[0].changedFiles), QStringList());
    QCOMPARE(toQStringList(result.processes[1].changedFiles), QStringList{QStringLiteral("scripts/run.sh")});
    QCOMPARE(readText(fx.root() + QStringLiteral("/scripts/run.sh")),
             QStringLiteral("#!/bin/sh\necho \"hello\"\n# formatted\n"));
    QCOMPARE(toQStringList(goals::formatChangedFiles(result)),
             (QStringList{QStringLiteral("shfmt made changes to:"), QStringLiteral("  scripts/run.sh")}));
    QCOMPARE(toQStringList(goals::formatLintSummary(result, LintGoalKind::Fmt, true)),
             (QStringList{QStringLiteral("\x1b[32m✓\x1b[0m black made no changes."),
                          QStringLiteral("\x1b[33m+\x1b[0m shfmt made changes.")}));
}

void LintGoalTest::testMissingTool()
{
    LintFixture fx({}, {QStringLiteral("flake8"), QStringLiteral("shellcheck")});
    QVERIFY(fx.graph);
    const goals::LintRunResult result = goals::runLint(fx.request(LintGoalKind::Lint), nullptr);
    QVERIFY(result.diagnostics.empty());
    QStringList skipped;
    for (const auto &p : result.processes)
        if (p.skipped) {
            QCOMPARE(p.status, engine::TaskStatus::Skipped);
            skipped << QString::fromStdString(p.skipReason);
        }
    QCOMPARE(skipped,
             (QStringList{QStringLiteral("black is not installed: install it with `python3 -m pip install black` (or "
                                         "`apt-get install black`), or remove pants.backend.python.lint.black from "
                                         "[GLOBAL].backend_packages"),
                          QStringLiteral("isort is not installed: install it with `python3 -m pip install isort` (or "
                                         "`apt-get install isort`), or remove pants.backend.python.lint.isort from "
                                         "[GLOBAL].backend_packages"),
                          QStringLiteral("shfmt is not installed: install it with `apt-get install shfmt`, or remove "
                                         "pants.backend.shell.lint.shfmt from [GLOBAL].backend_packages")}));
    // A tool that did not run is never a success: the summary says so and the goal fails.
    QCOMPARE(toQStringList(goals::formatLintSummary(result, LintGoalKind::Lint, false)),
             (QStringList{QStringLiteral("✕ black did not run (not installed)."), QStringLiteral("✓ flake8 succeeded."),
                          QStringLiteral("✕ isort did not run (not installed)."), QStringLiteral("✓ shellcheck succeeded."),
                          QStringLiteral("✕ shfmt did not run (not installed).")}));
    QCOMPARE(result.exitCode(), 1);
}

void LintGoalTest::testUnknownOnly()
{
    LintFixture fx;
    QVERIFY(fx.graph);
    const goals::LintRunResult result =
        goals::runLint(fx.request(LintGoalKind::Lint, {QStringLiteral("blak")}), nullptr);
    QCOMPARE(result.diagnostics.size(), size_t(1));
    QCOMPARE(QString::fromStdString(result.diagnostics.front().message),
             QStringLiteral("Unrecognized tool `blak` for --only in goal `lint`; configured tools: black, flake8, "
                            "isort, mypy, shellcheck, shfmt"));
    QCOMPARE(QString::fromStdString(result.diagnostics.front().hint), QStringLiteral("did you mean black?"));
    QVERIFY(result.processes.empty());
    QVERIFY(fx.runner.specs().empty());
    QCOMPARE(result.exitCode(), 1);
}

void LintGoalTest::testCache()
{
    LintFixture fx;
    QVERIFY(fx.graph);
    QTemporaryDir cacheDir;
    auto cache = std::make_shared<engine::LocalCache>(cacheDir.path().toStdString(), 1 << 20);
    fx.runner.behaviours["shellcheck"] = {1, "SC2086\n", false};
    goals::LintRequest req = fx.request(LintGoalKind::Lint);
    req.cache = cache;
    const goals::LintRunResult first = goals::runLint(req, nullptr);
    QCOMPARE(fx.runner.specs().size(), size_t(5));
    const goals::LintRunResult second = goals::runLint(req, nullptr);
    // Only the failing shellcheck runs again; passing results come from the cache.
    QCOMPARE(fx.runner.specs().size(), size_t(6));
    QStringList cached;
    for (const auto &p : second.processes)
        if (p.cached)
            cached << QString::fromStdString(p.tool + " (" + p.cacheSource + ")");
    QCOMPARE(cached, (QStringList{QStringLiteral("black (cached locally)"), QStringLiteral("flake8 (cached locally)"),
                                  QStringLiteral("isort (cached locally)"), QStringLiteral("shfmt (cached locally)")}));
    QCOMPARE(goals::formatLintSummary(second, LintGoalKind::Lint, false),
             goals::formatLintSummary(first, LintGoalKind::Lint, false));

    // Editing a file invalidates the batches containing it.
    QFile f(fx.root() + QStringLiteral("/scripts/run.sh"));
    QVERIFY(f.open(QIODevice::Append));
    f.write("echo again\n");
    f.close();
    fx.runner.behaviours.erase("shellcheck");
    (void)goals::runLint(req, nullptr);
    QCOMPARE(fx.runner.specs().size(), size_t(8)); // shellcheck and shfmt ran again
}

void LintGoalTest::testRealBlackAndFlake8()
{
    const char *path = std::getenv("PATH");
    const std::string pathVar = path ? path : "/usr/bin:/bin";
    if (engine::findExecutable("black", pathVar).empty() || engine::findExecutable("flake8", pathVar).empty())
        QSKIP("black and flake8 are not installed (apt-get install black flake8)");

    LintFixture fx;
    QVERIFY(fx.graph);
    QTemporaryDir toolCache;
    auto real = [&](LintGoalKind goal, const QStringList &only) {
        goals::LintRequest req = fx.request(goal, only);
        engine::LocalProcessRunner runner;
        req.runner = &runner;
        req.environment = {{"PATH", pathVar}};
        if (const char *home = std::getenv("HOME"))
            req.environment["HOME"] = home;
        req.toolCacheDir = toolCache.path().toStdString();
        return goals::runLint(req, nullptr);
    };
    const QStringList only{QStringLiteral("black"), QStringLiteral("flake8")};

    goals::LintRunResult lint = real(LintGoalKind::Lint, only);
    QCOMPARE(toQStringList(goals::formatLintSummary(lint, LintGoalKind::Lint, false)),
             (QStringList{QStringLiteral("✕ black failed."), QStringLiteral("✕ flake8 failed."), QString(),
                          QStringLiteral("(One or more formatters failed. Run `trellis fmt` to fix.)")}));
    for (const auto &p : lint.processes) {
        if (p.tool == "flake8")
            QVERIFY2(p.output.find("src/app/c.py:1:1: F401 'os' imported but unused") != std::string::npos,
                     p.output.c_str());
        if (p.tool == "black")
            QVERIFY2(p.output.find("would reformat") != std::string::npos, p.output.c_str());
    }
    QCOMPARE(lint.exitCode(), 1);

    goals::LintRunResult fmt = real(LintGoalKind::Fmt, only);
    QCOMPARE(toQStringList(goals::formatLintSummary(fmt, LintGoalKind::Fmt, false)),
             QStringList{QStringLiteral("+ black made changes.")});
    QCOMPARE(toQStringList(goals::formatChangedFiles(fmt)),
             (QStringList{QStringLiteral("black made changes to:"), QStringLiteral("  src/app/b.py")}));
    QCOMPARE(readText(fx.root() + QStringLiteral("/src/app/b.py")), QStringLiteral("VALUE = [1, 2, 3]\n"));
    QCOMPARE(fmt.exitCode(), 0);

    goals::LintRunResult again = real(LintGoalKind::Lint, {QStringLiteral("black")});
    QCOMPARE(toQStringList(goals::formatLintSummary(again, LintGoalKind::Lint, false)),
             QStringList{QStringLiteral("✓ black succeeded.")});
    QCOMPARE(again.exitCode(), 0);
}

QTEST_GUILESS_MAIN(LintGoalTest)

#include "lintgoal_test.moc"
