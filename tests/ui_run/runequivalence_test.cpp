// The CLI and the GUI run goals through one code path (core/run): for the same request
// they select the same targets (with [changed].dependents from pants.toml), compute the
// same cache keys, use the same configured remote cache and record the same run.
//
// The fixture is a git repository with test_shell_command targets (no pytest needed):
// `:t_data` depends on `files(name="data")` and `:t_other` on nothing. data.txt is edited
// after the commit, so `--changed-since=HEAD` with dependents = "transitive" selects :data
// and :t_data, never :t_other. The CLI runs first (in-process, its own local cache) and
// uploads to a remote cache named in the user's configuration; the GUI then runs the same
// request with an empty local cache and must answer every process from the remote.
#include "app/cli/goal.h"
#include "ui/run/runcontroller.h"
#include "ui/run/runresultmodel.h"
#include "ui/workspacecontroller.h"

#include "core/goals/runhistory.h"

#include "../engine/minihttpserver.h"
#include "../ui/uitestsupport.h"

#include <QDir>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <set>
#include <sstream>

using namespace trellis;
using namespace trellis::ui;

namespace {

bool git(const QString &dir, const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(QStringLiteral("git"), QStringList{QStringLiteral("-c"), QStringLiteral("user.name=T"), QStringLiteral("-c"),
                                               QStringLiteral("user.email=t@example.com")}
                                       + args);
    return p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

/// The processes of a recorded run: description -> (addresses, status).
std::map<std::string, std::pair<std::vector<std::string>, engine::TaskStatus>> processesOf(const goals::RunRecord &r)
{
    std::map<std::string, std::pair<std::vector<std::string>, engine::TaskStatus>> out;
    for (const goals::RunProcessRecord &p : r.processes)
        out[p.result.description] = {p.addresses, p.result.status};
    return out;
}

} // namespace

class RunEquivalenceTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testCliAndGuiSelectCacheAndRecordAlike()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        // Private XDG directories, without QStandardPaths' test mode (whose ~/.qttest is
        // shared with tests running at the same time): the user's remote-cache file below
        // must reach this test only.
        for (const char *var : {"XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"})
            qputenv(var, home.filePath(QString::fromLatin1(var).section(QLatin1Char('_'), 1, 1).toLower()).toUtf8());
        MiniHttpServer server;
        QVERIFY(testing::writeFile(home.path(), QStringLiteral("config/trellis/trellis.toml"),
                                   QByteArray("[trellis.remote-cache]\nurl = \"") + QByteArray::fromStdString(server.url())
                                       + "\"\n"));
        const QString root = home.filePath(QStringLiteral("ws"));
        QVERIFY(testing::writeFile(root, QStringLiteral("pants.toml"),
                                   "[GLOBAL]\npants_version = \"2.32.0\"\nbackend_packages = [\"pants.backend.shell\"]\n"
                                   "[changed]\ndependents = \"transitive\"\n"));
        QVERIFY(testing::writeFile(root, QStringLiteral("BUILD"),
                                   "files(name=\"data\", sources=[\"data.txt\"])\n"
                                   "test_shell_command(name=\"t_data\", command=\"cat data.txt\", execution_dependencies=[\":data\"])\n"
                                   "test_shell_command(name=\"t_other\", command=\"true\")\n"));
        QVERIFY(testing::writeFile(root, QStringLiteral("data.txt"), "one\n"));
        QVERIFY(git(root, {QStringLiteral("init"), QStringLiteral("-q")}));
        QVERIFY(git(root, {QStringLiteral("add"), QStringLiteral(".")}));
        QVERIFY(git(root, {QStringLiteral("commit"), QStringLiteral("-qm"), QStringLiteral("init")}));
        QVERIFY(testing::writeFile(root, QStringLiteral("data.txt"), "two\n"));

        // The CLI, in-process: `trellis --changed-since=HEAD test` with its own cache.
        std::ostringstream out, err;
        const std::string cliCache = home.filePath(QStringLiteral("cli-results")).toStdString();
        const int code = cli::run({"--root=" + root.toStdString(), "--changed-since=HEAD", "test", "--cache-dir=" + cliCache},
                                  out, err);
        QVERIFY2(code == 0, err.str().c_str());
        QVERIFY2(err.str().find("t_data") != std::string::npos, err.str().c_str());
        QVERIFY2(err.str().find("t_other") == std::string::npos, err.str().c_str());
        QVERIFY(!server.store().empty()); // uploaded to the configured remote

        // The GUI: the same request from the run panel, an empty local cache.
        WorkspaceController workspace;
        workspace.setWatchingEnabled(false);
        QSignalSpy loaded(&workspace, &WorkspaceController::loaded);
        workspace.open(root);
        QVERIFY(loaded.wait(60000));
        QVERIFY(workspace.snapshot() && workspace.snapshot()->graph);
        RunController runs;
        RunSettings settings;
        settings.cacheDir = home.filePath(QStringLiteral("gui-results"));
        runs.setSettings(settings);
        runs.setSnapshot(workspace.snapshot());
        QSignalSpy historyChanged(&runs, &RunController::historyChanged);
        QSignalSpy finished(&runs, &RunController::runFinished);
        RunSpec spec;
        spec.changedSince = QStringLiteral("HEAD");
        QVERIFY(runs.start(spec));
        QVERIFY(finished.wait(60000));

        // Both runs are in the shared history: same goal, same selection, same specs.
        const std::vector<goals::RunRecord> history =
            goals::RunHistory(goals::RunHistory::directoryFor(root.toStdString())).load();
        QCOMPARE(int(history.size()), 2);
        const goals::RunRecord &gui = history[0], &cli = history[1]; // newest first
        QCOMPARE(gui.goal, cli.goal);
        QCOMPARE(gui.specs, cli.specs);
        QCOMPARE(gui.specs, (std::vector<std::string>{"--changed-since=HEAD", "--changed-dependents=transitive"}));
        const auto guiProcesses = processesOf(gui), cliProcesses = processesOf(cli);
        QCOMPARE(int(guiProcesses.size()), 1);
        QVERIFY(guiProcesses == cliProcesses);
        QCOMPARE(guiProcesses.begin()->second.first, (std::vector<std::string>{"//:t_data"}));
        // Same cache keys: every GUI process was answered by the CLI's upload.
        for (const goals::RunProcessRecord &p : gui.processes) {
            QVERIFY(!cli.processes.front().result.cached);
            QVERIFY(p.result.cached);
            QCOMPARE(p.result.cacheSource, std::string("cached remotely"));
        }
    }
};

QTEST_MAIN(RunEquivalenceTest)
#include "runequivalence_test.moc"
