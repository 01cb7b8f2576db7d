// bench_pyenv: building Python environments from lockfiles (core/pyenv).
//
// Writes a fixture repository with N tiny wheels (default 20) behind
// [python-repos].path_mappings and a pex lockfile, then measures:
//   - the first `buildEnvironment` (choose, verify every sha256, venv + pip install);
//   - the second one (a cache hit: request + key + metadata read);
//   - what a built environment adds to `trellis test ::` (auto, using it) over the same
//     run told to use that python directly (--python-env=search --python=ENV), as whole
//     processes, median of 5 (goal: at most 0.3 s).
//
//   bench_pyenv [--packages N]
#include "core/base/paths.h"
#include "core/pyenv/resolveenvironment.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace trellis;

namespace {

[[maybe_unused]] std::string python()
{
    return QFileInfo::exists(QStringLiteral("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
}

double runTrellis(const QStringList &args, const QString &cwd)
{
    QProcess p;
    p.setWorkingDirectory(cwd);
    p.setProcessChannelMode(QProcess::MergedChannels);
    QElapsedTimer t;
    t.start();
    p.start(QStringLiteral(TRELLIS_BINARY_DIR "/app/trellis"), args);
    p.waitForFinished(-1);
    const double s = double(t.nsecsElapsed()) / 1e9;
    if (p.exitCode() != 0) {
        std::fprintf(stderr, "trellis %s failed:\n%s\n", qPrintable(args.join(QLatin1Char(' '))), p.readAll().constData());
        std::exit(1);
    }
    return s;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int packages = 20;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--packages")
            packages = std::atoi(argv[i + 1]);
    QTemporaryDir repo, cache;
    QProcess make;
    make.start(QString::fromStdString(python()),
               {QStringLiteral(TRELLIS_TEST_DATA "/pyenv/makefixture.py"), repo.path(), QStringLiteral("--packages"),
                QString::number(packages), QStringLiteral("--pytest"), QStringLiteral("8.3.99")});
    make.waitForFinished(-1);
    if (make.exitCode() != 0) {
        std::fprintf(stderr, "makefixture.py failed: %s\n", make.readAllStandardError().constData());
        return 1;
    }
    workspace::OptionsRequest oreq;
    oreq.buildRoot = repo.path().toStdString();
    auto opts = workspace::Options::load(oreq);
    if (!opts)
        return 1;
    // base::cacheDir() is $XDG_CACHE_HOME/trellis: the trellis processes below see the
    // environments built here, and search for the same interpreter.
    qputenv("XDG_CACHE_HOME", cache.path().toUtf8());
    engine::LocalProcessRunner runner;
    const std::string cacheRoot = pyenv::defaultCacheRoot();
    pyenv::EnvironmentSetup setup;
    setup.environment = base::processEnvironment();
    setup.cacheRoot = cacheRoot;

    QElapsedTimer t;
    t.start();
    pyenv::InterpreterProber prober(runner, cacheRoot + "/interpreters.json");
    auto req = pyenv::environmentRequest(*opts, setup, prober);
    if (!req) {
        std::fprintf(stderr, "%s\n", req.diagnostics().front().format().c_str());
        return 1;
    }
    auto env = pyenv::buildEnvironment(*req, nullptr);
    if (!env) {
        std::fprintf(stderr, "%s\n", env.diagnostics().front().format().c_str());
        return 1;
    }
    const double cold = double(t.nsecsElapsed()) / 1e9;
    std::printf("first build, %d packages + pytest on %s (%s): %.2f s\n", packages, env->interpreter.c_str(),
                env->installer.c_str(), cold);

    std::vector<double> hits;
    for (int i = 0; i < 5; ++i) {
        t.restart();
        pyenv::InterpreterProber fresh(runner, cacheRoot + "/interpreters.json"); // as a new process would
        auto again = pyenv::environmentRequest(*opts, setup, fresh);
        auto hit = again ? pyenv::buildEnvironment(*again, nullptr) : base::Result<pyenv::Environment>(again.diagnostics());
        if (!hit || !hit->cacheHit) {
            std::fprintf(stderr, "second build was not a cache hit\n");
            return 1;
        }
        hits.push_back(double(t.nsecsElapsed()) / 1e9);
    }
    std::printf("cache hit (request + key + metadata): %.1f ms\n", median(hits) * 1000);

    std::vector<double> withEnv, direct;
    for (int i = 0; i < 5; ++i) {
        withEnv.push_back(runTrellis({QStringLiteral("test"), QStringLiteral("::"), QStringLiteral("--no-cache"),
                                      QStringLiteral("--python-env=auto")},
                                     repo.path()));
        direct.push_back(runTrellis({QStringLiteral("test"), QStringLiteral("::"), QStringLiteral("--no-cache"),
                                     QStringLiteral("--python-env=search"),
                                     QStringLiteral("--python=") + QString::fromStdString(env->python)},
                                    repo.path()));
    }
    std::printf("trellis test :: with the built environment (auto): %.3f s; with --python=ENV (search): %.3f s; "
                "overhead %.3f s (goal <= 0.3 s)\n",
                median(withEnv), median(direct), median(withEnv) - median(direct));
    return 0;
}
