// bench_workspace REPO [--runs N] [--trellis PATH]: measures the warm cost of reading every
// file (`find REPO -type f -print0 | xargs -0 cat > /dev/null`) and of `trellis list ::`
// as a whole process; prints the medians and their ratio.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

double runOnce(const QString &program, const QStringList &args, const QString &cwd, bool *ok)
{
    QProcess p;
    p.setWorkingDirectory(cwd);
    p.setStandardOutputFile(QProcess::nullDevice());
    p.setStandardErrorFile(QProcess::nullDevice());
    QElapsedTimer t;
    t.start();
    p.start(program, args);
    *ok = p.waitForFinished(-1) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    return double(t.nsecsElapsed()) / 1e6;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QString repo, trellis = QStringLiteral(TRELLIS_BINARY_DIR "/app/trellis");
    int runs = 7;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--runs") && i + 1 < args.size())
            runs = std::max(1, args[++i].toInt());
        else if (args[i] == QLatin1String("--trellis") && i + 1 < args.size())
            trellis = args[++i];
        else
            repo = args[i];
    }
    if (repo.isEmpty()) {
        std::fprintf(stderr, "usage: bench_workspace REPO [--runs N] [--trellis PATH]\n");
        return 2;
    }
    trellis = QFileInfo(trellis).absoluteFilePath(); // the processes run inside REPO
    const QStringList readArgs{QStringLiteral("-c"),
                               QStringLiteral("find . -type f -print0 | xargs -0 cat > /dev/null")};
    const QStringList listArgs{QStringLiteral("--root"), repo, QStringLiteral("list"), QStringLiteral("::")};
    bool ok = true;
    runOnce(QStringLiteral("/bin/sh"), readArgs, repo, &ok); // warm the cache
    runOnce(trellis, listArgs, repo, &ok);
    if (!ok) {
        std::fprintf(stderr, "bench_workspace: `%s list ::` failed in %s\n", qPrintable(trellis), qPrintable(repo));
        return 1;
    }
    std::vector<double> read, list;
    for (int i = 0; i < runs; ++i) {
        read.push_back(runOnce(QStringLiteral("/bin/sh"), readArgs, repo, &ok));
        list.push_back(runOnce(trellis, listArgs, repo, &ok));
    }
    const double r = median(read), l = median(list);
    std::printf("find|xargs cat (warm): %.1f ms\ntrellis list ::       : %.1f ms\nratio                 : %.2fx\n", r, l,
                r > 0 ? l / r : 0.0);
    return ok ? 0 : 1;
}
