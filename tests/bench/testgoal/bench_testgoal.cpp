// bench_testgoal: scheduling overhead and caching of `trellis test`.
//
// Generates a workspace with N trivial test files (default 200), then times, as whole
// processes: a plain shell loop running the same pytest command once per file (the
// floor), `trellis test :: --jobs=1` (sandboxed, the default; goal: at most 5% slower),
// the same `--no-sandbox` (in place; the sandbox's cost per test process is the
// difference, goal: at most 5% of a process; fastest of three alternating runs each), `--jobs=2` (goal: near 2x faster), and a
// fully cached re-run (goal: at most 0.5 s).
//
//   bench_testgoal [--files N]
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

namespace {

double run(const QString &program, const QStringList &args, const QString &cwd, const QStringList &env)
{
    QProcess p;
    p.setWorkingDirectory(cwd);
    p.setStandardOutputFile(QProcess::nullDevice());
    p.setStandardErrorFile(QProcess::nullDevice());
    p.setEnvironment(QProcess::systemEnvironment() + env);
    QElapsedTimer t;
    t.start();
    p.start(program, args);
    if (!p.waitForFinished(-1) || p.exitCode() != 0) {
        std::fprintf(stderr, "failed (%d): %s %s\n", p.exitCode(), qPrintable(program),
                     qPrintable(args.join(QLatin1Char(' '))));
        std::exit(1);
    }
    return double(t.nsecsElapsed()) / 1e9;
}

void write(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(data);
}

/// The first python3 on PATH (or /usr/bin/python3) that can import pytest.
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
    if (python.isEmpty()) {
        std::fprintf(stderr, "no python3 with pytest found (apt-get install python3-pytest)\n");
        return 1;
    }
    const QString trellis = QStringLiteral(TRELLIS_BINARY_DIR "/app/trellis");
    QTemporaryDir tmp;
    const QString root = tmp.filePath(QStringLiteral("ws"));
    write(root + QStringLiteral("/pants.toml"),
          "[GLOBAL]\npants_version = \"2.32.0\"\nbackend_packages = [\"pants.backend.python\"]\n"
          "[source]\nroot_patterns = [\"/\"]\n[python]\ninterpreter_constraints = [\"CPython>=3.8\"]\n");
    write(root + QStringLiteral("/tests/BUILD"), "python_tests()\n");
    QStringList testFiles;
    for (int i = 0; i < files; ++i) {
        const QString rel = QStringLiteral("tests/test_%1.py").arg(i, 3, 10, QLatin1Char('0'));
        write(root + QLatin1Char('/') + rel, QStringLiteral("def test_%1():\n    assert %1 + 1 == %2\n").arg(i).arg(i + 1).toUtf8());
        testFiles << rel;
    }
    // The shell loop runs exactly what trellis runs for each file.
    QString script = QStringLiteral("set -e\nexport PYTHONPATH=%1 PYTHONDONTWRITEBYTECODE=1\n").arg(root);
    for (int i = 0; i < files; ++i)
        script += QStringLiteral("env -i PYTHONPATH=\"$PYTHONPATH\" PYTHONDONTWRITEBYTECODE=1 %1 -m pytest -p no:cacheprovider "
                                 "--color=no --junit-xml=%2/r%3.xml -o junit_family=xunit2 %4 > /dev/null\n")
                      .arg(python, tmp.path())
                      .arg(i)
                      .arg(testFiles[i]);
    write(tmp.filePath(QStringLiteral("loop.sh")), script.toUtf8());

    const QStringList env{QStringLiteral("XDG_CACHE_HOME=") + tmp.filePath(QStringLiteral("cache")),
                          QStringLiteral("CI=")};
    const QStringList common{QStringLiteral("test"), QStringLiteral("::"), QStringLiteral("--python=") + python};
    std::printf("%d test files, python %s\n", files, qPrintable(python));
    const double shell = run(QStringLiteral("bash"), {tmp.filePath(QStringLiteral("loop.sh"))}, root, {});
    // Sandboxed and in place alternate, three times each, and the fastest of each counts:
    // on a shared machine the difference is otherwise mostly noise.
    double jobs1 = 1e9, inPlace = 1e9;
    for (int round = 0; round < 3; ++round) {
        jobs1 = std::min(jobs1, run(trellis, common + QStringList{QStringLiteral("--jobs=1"), QStringLiteral("--no-cache")}, root, env));
        inPlace = std::min(inPlace, run(trellis, common + QStringList{QStringLiteral("--jobs=1"), QStringLiteral("--no-sandbox")}, root, env));
    }
    const double jobs2 = run(trellis, common + QStringList{QStringLiteral("--jobs=2"), QStringLiteral("--no-cache")}, root, env);
    run(trellis, common, root, env); // fills the cache
    const double cached = run(trellis, common, root, env);

    std::printf("\n%-44s %9s %9s\n", "run", "wall s", "vs loop");
    std::printf("%-44s %9.2f %8.1f%%\n", "shell loop, one pytest per file", shell, 100.0);
    std::printf("%-44s %9.2f %8.1f%%\n", "trellis test :: --jobs=1 (no cache)", jobs1, 100.0 * jobs1 / shell);
    std::printf("%-44s %9.2f %8.1f%%\n", "trellis test :: --jobs=1 --no-sandbox", inPlace, 100.0 * inPlace / shell);
    std::printf("%-44s %9.2f %8.1f%%\n", "trellis test :: --jobs=2 (no cache)", jobs2, 100.0 * jobs2 / shell);
    std::printf("%-44s %9.2f %9s\n", "trellis test :: fully cached", cached, "");
    std::printf("\noverhead with 1 job: %+.1f%% (goal <= 5%%); speed-up with 2 jobs: %.2fx (goal ~2x); "
                "cached re-run %.2f s (goal <= 0.5 s)\n",
                100.0 * (jobs1 - shell) / shell, jobs1 / jobs2, cached);
    std::printf("sandbox: %+.1f ms per test process, %+.1f%% of an in-place process (goal <= 5%%)\n",
                1000.0 * (jobs1 - inPlace) / files, 100.0 * (jobs1 - inPlace) / inPlace);
    return 0;
}
