// Tests for LocalProcessRunner: output, explicit environment, exit codes, timeouts and
// cancellation killing the whole process group.
#include "core/engine/process.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>
#include <thread>

using namespace trellis::engine;
using trellis::base::CancelToken;

namespace {

ProcessSpec shell(const std::string &script)
{
    ProcessSpec spec;
    spec.argv = {"sh", "-c", script};
    spec.env = {{"PATH", "/usr/bin:/bin"}};
    return spec;
}

/// True while `pid` exists and is not a zombie.
bool alive(int pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray s = stat.readAll();
    const int close = s.lastIndexOf(')');
    return close > 0 && close + 2 < s.size() && s.at(close + 2) != 'Z';
}

int readPid(const QString &path)
{
    for (int i = 0; i < 100; ++i) {
        QFile f(path);
        if (f.open(QIODevice::ReadOnly)) {
            const int pid = f.readAll().trimmed().toInt();
            if (pid > 0)
                return pid;
        }
        QTest::qWait(20);
    }
    return -1;
}

} // namespace

class ProcessTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testExitCodes_data();
    void testExitCodes();
    void testOutputStreams();
    void testExplicitEnvironment();
    void testWorkingDirectory();
    void testProgramNotFound();
    void testTimeoutKillsGroup();
    void testCancelKillsGroup();
};

void ProcessTest::testExitCodes_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<int>("code");
    QTest::newRow("zero") << "exit 0" << 0;
    QTest::newRow("three") << "exit 3" << 3;
    QTest::newRow("signal") << "kill -9 $$" << -9;
}

void ProcessTest::testExitCodes()
{
    QFETCH(QString, script);
    QFETCH(int, code);
    LocalProcessRunner runner;
    const ProcessResult r = runner.run(shell(script.toStdString()), CancelToken());
    QCOMPARE(r.exitCode, code);
    QCOMPARE(r.ok(), code == 0);
}

void ProcessTest::testOutputStreams()
{
    LocalProcessRunner runner;
    std::string streamed;
    const ProcessResult r = runner.run(shell("echo out; echo err >&2; echo more"), CancelToken(),
                                       [&](Stream s, std::string_view chunk) {
                                           streamed += (s == Stream::Stdout ? "[o]" : "[e]") + std::string(chunk);
                                       });
    QCOMPARE(QString::fromStdString(r.stdoutText), QStringLiteral("out\nmore\n"));
    QCOMPARE(QString::fromStdString(r.stderrText), QStringLiteral("err\n"));
    QVERIFY(streamed.find("[e]err\n") != std::string::npos);
}

void ProcessTest::testExplicitEnvironment()
{
    qputenv("TRELLIS_LEAK_CHECK", "leaked");
    LocalProcessRunner runner;
    ProcessSpec spec = shell("echo \"${TRELLIS_LEAK_CHECK:-unset} $SLOT\"");
    spec.env["SLOT"] = "2";
    const ProcessResult r = runner.run(spec, CancelToken());
    QCOMPARE(QString::fromStdString(r.stdoutText), QStringLiteral("unset 2\n"));
}

void ProcessTest::testWorkingDirectory()
{
    QTemporaryDir dir;
    LocalProcessRunner runner;
    ProcessSpec spec = shell("pwd -P");
    spec.workingDir = dir.path().toStdString();
    const ProcessResult r = runner.run(spec, CancelToken());
    QCOMPARE(QString::fromStdString(r.stdoutText).trimmed(), QFileInfo(dir.path()).canonicalFilePath());
}

void ProcessTest::testProgramNotFound()
{
    LocalProcessRunner runner;
    ProcessSpec spec;
    spec.argv = {"no-such-program-xyz"};
    spec.env = {{"PATH", "/usr/bin"}};
    const ProcessResult r = runner.run(spec, CancelToken());
    QVERIFY(r.failedToStart);
    QCOMPARE(QString::fromStdString(r.error), QStringLiteral("program not found: no-such-program-xyz"));
}

void ProcessTest::testTimeoutKillsGroup()
{
    QTemporaryDir dir;
    const QString pidFile = dir.filePath(QStringLiteral("child.pid"));
    LocalProcessRunner runner(200);
    // The shell starts a grandchild that ignores SIGTERM; SIGKILL must follow.
    ProcessSpec spec = shell("(trap '' TERM; sleep 30) & echo $! > " + pidFile.toStdString() + "; wait");
    spec.timeoutMs = 300;
    const ProcessResult r = runner.run(spec, CancelToken());
    QVERIFY(r.timedOut);
    QCOMPARE(r.exitCode, -15);
    const int grandchild = readPid(pidFile);
    QVERIFY(grandchild > 0);
    QTRY_VERIFY_WITH_TIMEOUT(!alive(grandchild), 3000);
}

void ProcessTest::testCancelKillsGroup()
{
    QTemporaryDir dir;
    const QString pidFile = dir.filePath(QStringLiteral("child.pid"));
    LocalProcessRunner runner(200);
    CancelToken cancel;
    std::thread canceller([&] {
        readPid(pidFile);
        cancel.cancel();
    });
    const ProcessResult r = runner.run(shell("sleep 30 & echo $! > " + pidFile.toStdString() + "; wait"), cancel);
    canceller.join();
    QVERIFY(r.cancelled);
    QVERIFY(r.durationMs < 5000);
    const int grandchild = readPid(pidFile);
    QTRY_VERIFY_WITH_TIMEOUT(!alive(grandchild), 3000);
}

QTEST_GUILESS_MAIN(ProcessTest)
#include "process_test.moc"
