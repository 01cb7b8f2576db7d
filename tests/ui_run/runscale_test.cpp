// The scale guard: a test run of more processes than RunSettings::confirmAbove asks first
// (RunController::setScalePrompt), and "Run Fewer" keeps the tests that failed last time
// first; "Cancel" starts nothing. The workspace holds five test_shell_command targets,
// one of which fails.
#include "ui/run/runcontroller.h"
#include "ui/run/runresultmodel.h"
#include "ui/workspacecontroller.h"

#include "../ui/uitestsupport.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace trellis;
using namespace trellis::ui;

class RunScaleTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testAskBeforeManyProcesses()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        testing::isolateUserDirectories(home.path());
        const QString root = home.filePath(QStringLiteral("ws"));
        QVERIFY(testing::writeFile(root, QStringLiteral("pants.toml"),
                                   "[GLOBAL]\npants_version = \"2.32.0\"\nbackend_packages = [\"pants.backend.shell\"]\n"));
        QVERIFY(testing::writeFile(root, QStringLiteral("BUILD"),
                                   "test_shell_command(name=\"t1\", command=\"true\")\n"
                                   "test_shell_command(name=\"t2\", command=\"true\")\n"
                                   "test_shell_command(name=\"t3\", command=\"true\")\n"
                                   "test_shell_command(name=\"t4\", command=\"false\")\n"
                                   "test_shell_command(name=\"t5\", command=\"true\")\n"));
        WorkspaceController workspace;
        workspace.setWatchingEnabled(false);
        QSignalSpy loaded(&workspace, &WorkspaceController::loaded);
        workspace.open(root);
        QVERIFY(loaded.wait(60000));

        RunController runs;
        RunSettings settings;
        settings.confirmAbove = 2;
        runs.setSettings(settings);
        runs.setSnapshot(workspace.snapshot());
        ScaleChoice answer = ScaleChoice::RunAll;
        int asked = 0, askedCount = 0, askedFewer = 0;
        runs.setScalePrompt([&](int processes, qint64, int fewer) {
            ++asked;
            askedCount = processes;
            askedFewer = fewer;
            return answer;
        });
        QSignalSpy finished(&runs, &RunController::runFinished);
        QSignalSpy errors(&runs, &RunController::errorOccurred);

        // All five: asked once, five processes, :t4 fails.
        QVERIFY(runs.start({GoalKind::Test, {QStringLiteral("::")}, QString(), false}));
        QVERIFY(finished.wait(60000));
        QCOMPARE(asked, 1);
        QCOMPARE(askedCount, 5);
        QCOMPARE(askedFewer, 2);
        QCOMPARE(runs.model()->rowCount(runs.model()->runIndex()), 5);
        QCOMPARE(runs.lastResults().value(QStringLiteral("//:t4")), RunStatus::Failed);

        // Fewer: two processes, the one that failed last time among them.
        answer = ScaleChoice::RunFewer;
        QVERIFY(runs.start({GoalKind::Test, {QStringLiteral("::")}, QString(), true}));
        QVERIFY(finished.wait(60000));
        QCOMPARE(asked, 2);
        QCOMPARE(runs.model()->rowCount(runs.model()->runIndex()), 2);
        QVERIFY(runs.model()->failedAddresses().contains(QStringLiteral("//:t4")));

        // Cancel: nothing starts, and the user is told.
        answer = ScaleChoice::Cancel;
        const int before = int(runs.history().size());
        QVERIFY(runs.start({GoalKind::Test, {QStringLiteral("::")}, QString(), true}));
        QTRY_VERIFY_WITH_TIMEOUT(!runs.isRunning(), 30000);
        QCOMPARE(asked, 3);
        QCOMPARE(int(runs.history().size()), before);
        QVERIFY(!errors.isEmpty());

        // At or below the threshold nobody is asked.
        QVERIFY(runs.start({GoalKind::Test, {QStringLiteral(":t1"), QStringLiteral(":t2")}, QString(), true}));
        QVERIFY(finished.wait(60000));
        QCOMPARE(asked, 3);
    }
};

QTEST_MAIN(RunScaleTest)
#include "runscale_test.moc"
