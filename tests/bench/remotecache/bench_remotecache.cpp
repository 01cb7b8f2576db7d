// bench_remotecache: how much a shared remote cache saves a second machine.
//
// Starts nginx with WebDAV PUT on 127.0.0.1 and a free port, generates a workspace with N
// trivial test files (default 200) whose pants.toml points [trellis.remote-cache] at it,
// then runs `trellis test ::` twice with two different --cache-dir directories (two
// "machines"): the first run executes everything and uploads, the second should be
// served from the remote. Prints both wall times and the second run's remote hit rate.
//
//   bench_remotecache [--files N]
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>

#include <arpa/inet.h>
#include <cstdio>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

struct Run {
    double seconds = 0;
    QString stderrText;
};

Run run(const QString &program, const QStringList &args, const QString &cwd, const QStringList &env)
{
    QProcess p;
    p.setWorkingDirectory(cwd);
    p.setStandardOutputFile(QProcess::nullDevice());
    p.setEnvironment(QProcess::systemEnvironment() + env);
    QElapsedTimer t;
    t.start();
    p.start(program, args);
    if (!p.waitForFinished(-1) || p.exitCode() != 0) {
        std::fprintf(stderr, "failed (%d): %s %s\n%s\n", p.exitCode(), qPrintable(program),
                     qPrintable(args.join(QLatin1Char(' '))), p.readAllStandardError().constData());
        std::exit(1);
    }
    return {double(t.nsecsElapsed()) / 1e9, QString::fromUtf8(p.readAllStandardError())};
}

void write(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
        std::exit(1);
    }
    f.write(data);
}

int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}

bool canConnect(int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(quint16(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0;
    ::close(fd);
    return ok;
}

QString pythonWithPytest()
{
    QStringList candidates;
    for (const QString &dir : qEnvironmentVariable("PATH").split(QLatin1Char(':'), Qt::SkipEmptyParts))
        candidates << dir + QStringLiteral("/python3");
    candidates << QStringLiteral("/usr/bin/python3");
    for (const QString &c : candidates) {
        if (!QFileInfo(c).isExecutable())
            continue;
        QProcess p;
        p.start(c, {QStringLiteral("-c"), QStringLiteral("import pytest")});
        if (p.waitForFinished(20000) && p.exitCode() == 0)
            return c;
    }
    return {};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int files = 200;
    if (argc == 3 && QByteArray(argv[1]) == "--files")
        files = std::max(1, QByteArray(argv[2]).toInt());
    const QString python = pythonWithPytest();
    QString nginxBinary = QStandardPaths::findExecutable(QStringLiteral("nginx"));
    if (nginxBinary.isEmpty())
        nginxBinary = QStandardPaths::findExecutable(QStringLiteral("nginx"), {QStringLiteral("/usr/sbin")});
    if (python.isEmpty() || nginxBinary.isEmpty()) {
        std::fprintf(stderr, "needs python3 with pytest and nginx (packaging/install-deps.sh installs both)\n");
        return 1;
    }
    QTemporaryDir tmp;
    const QString serverDir = tmp.filePath(QStringLiteral("nginx"));
    QDir().mkpath(serverDir + QStringLiteral("/root"));
    QDir().mkpath(serverDir + QStringLiteral("/body"));
    QDir().mkpath(serverDir + QStringLiteral("/logs"));
    const int port = freePort();
    write(serverDir + QStringLiteral("/nginx.conf"),
          QStringLiteral("daemon off; master_process off; %1 pid %2/nginx.pid; error_log %2/error.log;\n"
                         "events {}\nhttp { client_body_temp_path %2/body; access_log off;\n"
                         "  server { listen 127.0.0.1:%3; root %2/root;\n"
                         "    location / { dav_methods PUT; create_full_put_path on; dav_access user:rw;\n"
                         "      client_max_body_size 64m; } } }\n")
              .arg(::geteuid() == 0 ? QStringLiteral("user root;") : QString(), serverDir)
              .arg(port)
              .toUtf8());
    QProcess nginx;
    nginx.start(nginxBinary, {QStringLiteral("-c"), serverDir + QStringLiteral("/nginx.conf"), QStringLiteral("-p"), serverDir});
    const auto stopNginx = qScopeGuard([&nginx] {
        nginx.terminate();
        if (!nginx.waitForFinished(5000)) {
            nginx.kill();
            nginx.waitForFinished(5000);
        }
    });
    bool ready = false;
    for (int i = 0; i < 100 && !ready; ++i) {
        ready = canConnect(port);
        if (!ready)
            QThread::msleep(50);
    }
    if (!ready) {
        std::fprintf(stderr, "nginx did not start: %s\n", nginx.readAll().constData());
        return 1;
    }

    const QString root = tmp.filePath(QStringLiteral("ws"));
    write(root + QStringLiteral("/pants.toml"),
          QStringLiteral("[GLOBAL]\npants_version = \"2.32.0\"\nbackend_packages = [\"pants.backend.python\"]\n"
                         "[source]\nroot_patterns = [\"/\"]\n[python]\ninterpreter_constraints = [\"CPython>=3.8\"]\n"
                         "[trellis.remote-cache]\nurl = \"http://127.0.0.1:%1\"\ntimeout_ms = 5000\n")
              .arg(port)
              .toUtf8());
    write(root + QStringLiteral("/tests/BUILD"), "python_tests()\n");
    for (int i = 0; i < files; ++i)
        write(root + QStringLiteral("/tests/test_%1.py").arg(i, 3, 10, QLatin1Char('0')),
              QStringLiteral("def test_%1():\n    assert %1 + 1 == %2\n").arg(i).arg(i + 1).toUtf8());

    const QString trellis = QStringLiteral(TRELLIS_BINARY_DIR "/app/trellis");
    const QStringList env{QStringLiteral("XDG_CACHE_HOME=") + tmp.filePath(QStringLiteral("xdg")),
                          QStringLiteral("XDG_CONFIG_HOME=") + tmp.filePath(QStringLiteral("xdg-config")),
                          QStringLiteral("CI="),
                          // The cache is set in the workspace's pants.toml: trust it (docs/security.md).
                          QStringLiteral("TRELLIS_TRUST_REPO=1")};
    const QStringList common{QStringLiteral("test"), QStringLiteral("::"), QStringLiteral("--python=") + python};
    std::printf("%d test files, python %s, nginx on 127.0.0.1:%d\n", files, qPrintable(python), port);
    const Run first = run(trellis, common + QStringList{QStringLiteral("--cache-dir=") + tmp.filePath(QStringLiteral("a"))},
                          root, env);
    const Run second = run(trellis, common + QStringList{QStringLiteral("--cache-dir=") + tmp.filePath(QStringLiteral("b"))},
                           root, env);
    int completed = 0, remoteHits = 0;
    for (const QString &line : second.stderrText.split(QLatin1Char('\n'))) {
        if (!line.startsWith(QStringLiteral("Completed: Run Pytest")))
            continue;
        ++completed;
        remoteHits += line.contains(QStringLiteral("(cached remotely)")) ? 1 : 0;
    }
    const int uploaded = int(QDir(serverDir + QStringLiteral("/root/ac")).entryList(QDir::Files).size());

    std::printf("\n%-52s %9s\n", "run", "wall s");
    std::printf("%-52s %9.2f\n", "1st: cache dir A, empty remote (runs + uploads)", first.seconds);
    std::printf("%-52s %9.2f\n", "2nd: cache dir B, same remote", second.seconds);
    std::printf("\nuploaded action results: %d; second run: %d of %d processes cached remotely (hit rate %.1f%%), "
                "%.1fx faster\n",
                uploaded, remoteHits, completed, completed ? 100.0 * remoteHits / completed : 0.0,
                second.seconds > 0 ? first.seconds / second.seconds : 0.0);
    if (second.stderrText.contains(QStringLiteral("warning: remote cache")))
        std::printf("warning seen in the second run:\n%s\n", qPrintable(second.stderrText));
    return 0;
}
