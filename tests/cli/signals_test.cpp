// SIGINT, SIGTERM and SIGHUP cancel a `trellis test` run: the real binary is started on
// a workspace whose test (a test_shell_command) starts two background sleeps and waits;
// once it runs, the test signals Trellis and checks the exit status (128 + signal), that
// no live process is left in the test's process group, and that Trellis' temporary
// directories (under a private TMPDIR) are gone.
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/types.h>

namespace {

void write(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(data);
}

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
        // pid (comm) state ppid pgrp ...; comm may hold spaces, so split after the last ')'.
        const int close = text.lastIndexOf(')');
        const QList<QByteArray> fields = text.mid(close + 2).split(' ');
        if (fields.size() < 3 || fields[0] == "Z" || fields[0] == "X")
            continue;
        if (fields[2].toInt() == pgid)
            out << entry + QStringLiteral(" ") + QString::fromUtf8(text.left(close + 1));
    }
    return out;
}

} // namespace

class SignalsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testSignalCancelsRunAndCleansUp_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGHUP") << int(SIGHUP);
        QTest::newRow("SIGINT") << int(SIGINT);
    }
    void testSignalCancelsRunAndCleansUp()
    {
        QFETCH(int, signal);
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString ws = tmp.filePath(QStringLiteral("ws"));
        const QString tmpdir = tmp.filePath(QStringLiteral("tmp"));
        QDir().mkpath(tmpdir);
        write(ws + QStringLiteral("/pants.toml"),
              "[GLOBAL]\npants_version = \"2.32.0\"\nbackend_packages = [\"pants.backend.shell\"]\n");
        // The command runs in a sandbox: it writes pgid.txt into the workspace by its path.
        write(ws + QStringLiteral("/BUILD"),
              "test_shell_command(name=\"sleepy\", timeout=600,\n"
              "    command=\"sleep 300 & sleep 300 & echo $$ > " + ws.toUtf8() + "/pgid.tmp && mv " + ws.toUtf8() +
                  "/pgid.tmp " + ws.toUtf8() + "/pgid.txt; wait\")\n");

        QProcess trellis;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TMPDIR"), tmpdir);
        env.insert(QStringLiteral("XDG_CACHE_HOME"), tmp.filePath(QStringLiteral("cache")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), tmp.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("CI"), QString());
        trellis.setProcessEnvironment(env);
        trellis.setWorkingDirectory(ws);
        trellis.start(QStringLiteral(TRELLIS_BINARY_DIR "/app/trellis"),
                      {QStringLiteral("test"), QStringLiteral("::"), QStringLiteral("--no-cache")});
        QVERIFY(trellis.waitForStarted(10000));

        const QString pgidFile = ws + QStringLiteral("/pgid.txt");
        QElapsedTimer t;
        t.start();
        while (!QFile::exists(pgidFile) && t.elapsed() < 30000 && trellis.state() == QProcess::Running)
            QTest::qWait(50);
        QVERIFY2(QFile::exists(pgidFile), trellis.readAllStandardError().constData());
        QFile f(pgidFile);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const pid_t pgid = pid_t(f.readAll().trimmed().toInt());
        QVERIFY(pgid > 1);
        // bash and its two sleeps; `mv` may still be exiting when pgid.txt appears.
        QTRY_COMPARE_WITH_TIMEOUT(liveMembers(pgid).size(), 3, 10000);
        // Trellis' own temporary directory (test reports) exists while the run goes on.
        QVERIFY(!QDir(tmpdir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty());

        QVERIFY(::kill(pid_t(trellis.processId()), signal) == 0);
        const bool finished = trellis.waitForFinished(20000);
        const QStringList left = liveMembers(pgid);
        if (!left.isEmpty())
            ::kill(-pgid, SIGKILL); // never leave them behind, even when the test fails
        QVERIFY2(finished, "trellis did not exit after the signal");
        const QByteArray err = trellis.readAllStandardError();
        QCOMPARE(trellis.exitStatus(), QProcess::NormalExit);
        QCOMPARE(trellis.exitCode(), 128 + signal);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char('\n'))));
        QVERIFY2(err.contains("Interrupted: the run was cancelled"), err.constData());
        const QStringList leftovers = QDir(tmpdir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
        QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(QLatin1Char(' '))));
    }
};

QTEST_GUILESS_MAIN(SignalsTest)
#include "signals_test.moc"
