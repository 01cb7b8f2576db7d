// Quitting the GUI mid-run (by a signal or by closing the window) cancels the run: a
// SIGTERM delivered to the process reaches the action given to handleTerminationSignals
// on the event loop; the action here does what the application's quit does to the run
// panel (destroys its RunController). Afterwards no live process is left in the test's
// process group and the run's temporary directory (under a private TMPDIR) is gone.
#include "ui/run/runcontroller.h"
#include "ui/workspacecontroller.h"

#include "../ui/uitestsupport.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace trellis::ui;

namespace {

/// Live (not zombie) processes whose process group is `pgid`, from /proc.
QStringList liveMembers(pid_t pgid)
{
    QStringList out;
    for (const QString &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool numeric = false;
        entry.toInt(&numeric);
        if (!numeric)
            continue;
        QFile stat(QStringLiteral("/proc/") + entry + QStringLiteral("/stat"));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = stat.readAll();
        const int close = text.lastIndexOf(')');
        const QList<QByteArray> fields = text.mid(close + 2).split(' ');
        if (fields.size() < 3 || fields[0] == "Z" || fields[0] == "X")
            continue;
        if (fields[2].toInt() == pgid)
            out << entry;
    }
    return out;
}

} // namespace

class RunQuitTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testTerminationSignalCancelsRunAndCleansUp()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        testing::isolateUserDirectories(home.path());
        const QString root = home.filePath(QStringLiteral("ws"));
        const QString tmpdir = home.filePath(QStringLiteral("tmp"));
        QVERIFY(QDir().mkpath(tmpdir));
        QVERIFY(testing::writeFile(root, QStringLiteral("pants.toml"),
                                   "[GLOBAL]\npants_version = \"2.32.0\"\nbackend_packages = [\"pants.backend.shell\"]\n"));
        QVERIFY(testing::writeFile(
            root, QStringLiteral("BUILD"),
            // The command runs in a sandbox: it writes pgid.txt into the workspace by its path.
            "test_shell_command(name=\"sleepy\", timeout=600,\n"
            "    command=\"sleep 300 & sleep 300 & echo $$ > " + root.toUtf8() + "/pgid.tmp && mv " + root.toUtf8() +
                "/pgid.tmp " + root.toUtf8() + "/pgid.txt; wait\")\n"));

        WorkspaceController workspace;
        workspace.setWatchingEnabled(false);
        QSignalSpy loaded(&workspace, &WorkspaceController::loaded);
        workspace.open(root);
        QVERIFY(loaded.wait(60000));
        QVERIFY(workspace.snapshot() && workspace.snapshot()->graph);

        qputenv("TMPDIR", tmpdir.toUtf8()); // where the run puts its temporary directory
        auto *runs = new RunController;
        runs->setSettings({});
        runs->setSnapshot(workspace.snapshot());
        RunSpec spec;
        spec.specs = {QStringLiteral("::")};
        QVERIFY(runs->start(spec));
        const QString pgidFile = root + QStringLiteral("/pgid.txt");
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(pgidFile), 30000);
        QFile f(pgidFile);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const pid_t pgid = pid_t(f.readAll().trimmed().toInt());
        QVERIFY(pgid > 1);
        QTRY_COMPARE_WITH_TIMEOUT(liveMembers(pgid).size(), 3, 10000); // mv may still be exiting
        QVERIFY(!QDir(tmpdir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty());

        int received = 0;
        handleTerminationSignals([&](int signal) {
            received = signal;
            delete runs; // what quitting does to the run panel
            runs = nullptr;
        });
        QVERIFY(::raise(SIGTERM) == 0); // the process survives: the signal became an event
        QTRY_COMPARE_WITH_TIMEOUT(received, int(SIGTERM), 20000);
        qunsetenv("TMPDIR");
        const QStringList left = liveMembers(pgid);
        if (!left.isEmpty())
            ::kill(-pgid, SIGKILL);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char(' '))));
        const QStringList leftovers = QDir(tmpdir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
        QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(QLatin1Char(' '))));
        handleTerminationSignals({});
    }
};

QTEST_MAIN(RunQuitTest)
#include "runquit_test.moc"
