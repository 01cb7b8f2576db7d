// live_bench REPO [--runs N] [--touch FILE] [--no-cold]: what a warm start through the persistent snapshot costs, in
// process and phase by phase, on the repository at REPO (a checkout: it is never
// written; the snapshot and scan cache go to a temporary XDG_CACHE_HOME).
//
//   cold       with an empty cache (walk, BUILD files, scan, inference, save), and per phase
//              (workspace, graph, save), wall and CPU time; runs/2 runs
//   options    Options::load (every warm start pays it: the snapshot is keyed by it)
//   workspace  LiveLoader::workspace() from a valid snapshot (validate + decode)
//   graph      LiveLoader::graph() after it (decode of the dependency graph)
//   encode     encodeSnapshot() of that workspace and graph, in memory (the write-back's CPU part)
//   touch      with --touch FILE (buildroot-relative): after appending a line to FILE
//              in a copy of REPO, workspace + graph (the Sources path: that file is
//              scanned again and inference re-runs); a BUILD file takes the Reload path
//              (its directory evaluated again, the graph patched). Printed with the
//              median time of each progress phase.
//
// Medians of N runs (default 5). Whole-process figures (with printing and exit) are
// bench_pipeline's job: `bench_pipeline --repo REPO`.
#include "core/graph/targetgraph.h"
#include "core/live/liveload.h"

#include <QCoreApplication>
#include <unistd.h>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <sys/resource.h>
#include <vector>

using namespace trellis;

namespace {

/// CPU time of this process so far (user + system, all threads), in ms: on a loaded
/// machine wall time includes waiting for a core, so both are printed.
double cpuMs()
{
    rusage u {};
    getrusage(RUSAGE_SELF, &u);
    return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

double medianMs(int runs, const std::function<void()> &work)
{
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        work();
        times.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

live::LiveRequest requestFor(const std::string &root, const std::string &cache)
{
    live::LiveRequest r;
    r.load.options.buildRoot = root;
    r.load.options.environment = {{"HOME", std::getenv("HOME") ? std::getenv("HOME") : ""}};
    r.cacheDir = cache;
    return r;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: live_bench REPO [--runs N]\n");
        return 2;
    }
    const std::string repo = QDir(args[1]).absolutePath().toStdString();
    int runs = 5;
    if (const qsizetype i = args.indexOf("--runs"); i > 0 && i + 1 < args.size())
        runs = std::max(1, args[i + 1].toInt());
    QTemporaryDir tmp;
    const std::string cache = tmp.path().toStdString();

    // Cold: a fresh cache directory per run (--no-cold skips it, for profiling), phase by
    // phase: workspace (walk + BUILD files), graph (scan + inference + graph), save.
    int n = 0;
    const bool skipCold = args.contains("--no-cold");
    std::vector<double> coldWall[4], coldCpu[4];
    for (int run = 0; !skipCold && run < std::max(1, runs / 2); ++run) {
        const std::string dir = cache + "/cold" + std::to_string(n++);
        live::LiveLoader loader(requestFor(repo, dir));
        QElapsedTimer total, t;
        const double c0 = cpuMs();
        double c = c0;
        total.start();
        t.start();
        auto phase = [&](int i) {
            coldWall[i].push_back(double(t.nsecsElapsed()) / 1e6);
            coldCpu[i].push_back(cpuMs() - c);
            c = cpuMs();
            t.restart();
        };
        (void)loader.workspace();
        phase(0);
        (void)loader.graph();
        phase(1);
        loader.save();
        phase(2);
        coldWall[3].push_back(double(total.nsecsElapsed()) / 1e6);
        coldCpu[3].push_back(cpuMs() - c0);
        if (loader.state().how != live::LoadPath::Cold)
            std::fprintf(stderr, "cold run did not load cold\n");
    }
    auto medianOf = [](std::vector<double> v) {
        if (v.empty())
            return 0.0;
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    const double cold = medianOf(coldWall[3]);
    // Prime the warm cache.
    const std::string warm = cache + "/warm";
    auto first = live::loadLive(requestFor(repo, warm));
    if (!first) {
        std::fprintf(stderr, "cannot load %s\n", repo.c_str());
        return 1;
    }
    const size_t targets = first->workspace->targets().size();

    const double options = medianMs(runs, [&] { (void)workspace::Options::load(requestFor(repo, warm).load.options); });
    double wsMs = 0, graphMs = 0;
    std::vector<double> ws, gr, wsCpu, grCpu;
    live::LoadPath how = live::LoadPath::Cold;
    std::string reason;
    live::Snapshot loaded;
    for (int i = 0; i < runs; ++i) {
        live::LiveLoader loader(requestFor(repo, warm));
        QElapsedTimer t;
        double c = cpuMs();
        t.start();
        auto w = loader.workspace();
        ws.push_back(double(t.nsecsElapsed()) / 1e6);
        wsCpu.push_back(cpuMs() - c);
        c = cpuMs();
        t.restart();
        auto g = loader.graph();
        gr.push_back(double(t.nsecsElapsed()) / 1e6);
        grCpu.push_back(cpuMs() - c);
        how = loader.state().how;
        reason = loader.state().reason;
        loaded.workspace = w ? *w : nullptr;
        loaded.graph = g;
    }
    // Encoding what was loaded, in memory: what a write-back costs before the file write.
    size_t encodedBytes = 0;
    const double encodeMs = !loaded.workspace ? 0.0 : medianMs(runs, [&] {
        encodedBytes = live::encodeSnapshot(loaded, live::SnapshotKey{"bench", repo, 0}).size();
    });
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    wsMs = median(ws);
    graphMs = median(gr);

    std::printf("repository          %s (%zu targets)\n", repo.c_str(), targets);
    std::printf("cold load           %8.1f ms  cpu %6.1f ms  (walk, BUILD files, scan, inference, snapshot written)\n",
                cold, medianOf(coldCpu[3]));
    const char *coldPhases[] = {"walk + BUILD files", "scan + inference + graph", "snapshot written"};
    for (int i = 0; i < 3; ++i)
        std::printf("  cold %-24s %8.1f ms  cpu %6.1f ms\n", coldPhases[i], medianOf(coldWall[i]), medianOf(coldCpu[i]));
    std::printf("options             %8.1f ms\n", options);
    std::printf("warm workspace      %8.1f ms  cpu %6.1f ms  (validate + decode; path: %s%s%s)\n", wsMs,
                median(wsCpu), live::loadPathName(how), reason.empty() ? "" : ", ", reason.c_str());
    std::printf("warm graph          %8.1f ms  cpu %6.1f ms  (decode)\n", graphMs, median(grCpu));
    std::printf("warm total          %8.1f ms  cpu %6.1f ms  (goal: whole process <= 150 ms)\n", wsMs + graphMs,
                median(wsCpu) + median(grCpu));
    std::printf("encode              %8.1f ms  (workspace + graph, %.1f MB; written back after a change)\n", encodeMs,
                double(encodedBytes) / 1e6);

    if (const qsizetype i = args.indexOf("--touch"); i > 0 && i + 1 < args.size()) {
        const QString copy = tmp.filePath("copy");
        // The copy's write-back would otherwise compete with the timed runs (I/O wait).
        const bool copied = QProcess::execute("cp", {"-a", QString::fromStdString(repo), copy}) == 0;
        ::sync();
        if (!copied) {
            std::fprintf(stderr, "cannot copy %s\n", repo.c_str());
            return 1;
        }
        const std::string root = copy.toStdString();
        const std::string touchCache = cache + "/touch";
        (void)live::loadLive(requestFor(root, touchCache));
        QFile file(copy + "/" + args[i + 1]);
        std::vector<double> wall, cpu;
        live::LoadPath touchHow = live::LoadPath::Cold;
        size_t changed = 0;
        int evaluated = 0, patched = 0;
        std::map<std::string, std::vector<double>> phases;
        std::vector<std::string> phaseOrder;
        for (int run = 0; run < runs; ++run) {
            if (!file.open(QIODevice::Append)) {
                std::fprintf(stderr, "cannot write %s\n", qPrintable(file.fileName()));
                return 1;
            }
            file.write(QByteArray("\n# touched ") + QByteArray::number(run) + "\n");
            file.close();
            QElapsedTimer t;
            const double c = cpuMs();
            t.start();
            // Where the time goes: the loader's progress phases, each until the next.
            std::vector<std::pair<std::string, double>> marks;
            std::mutex marksMutex;
            live::LiveRequest request = requestFor(root, touchCache);
            request.progress = [&](const std::string &phase, int, int) {
                std::lock_guard lock(marksMutex);
                if (marks.empty() || marks.back().first != phase)
                    marks.emplace_back(phase, double(t.nsecsElapsed()) / 1e6);
            };
            live::LiveLoader loader(std::move(request));
            (void)loader.workspace();
            (void)loader.graph();
            const double end = double(t.nsecsElapsed()) / 1e6;
            wall.push_back(end);
            cpu.push_back(cpuMs() - c);
            touchHow = loader.state().how;
            changed = loader.state().changedSources.size();
            if (loader.state().workspace)
                evaluated = loader.state().workspace->directoriesEvaluated();
            patched = loader.state().patchedTargets;
            for (size_t m = 0; m < marks.size(); ++m) {
                auto &v = phases[marks[m].first];
                v.push_back((m + 1 < marks.size() ? marks[m + 1].second : end) - marks[m].second);
                if (std::find(phaseOrder.begin(), phaseOrder.end(), marks[m].first) == phaseOrder.end())
                    phaseOrder.push_back(marks[m].first);
            }
            loader.save();
        }
        std::printf("after a one-file edit %6.1f ms  cpu %6.1f ms  (path: %s, %zu changed source(s); goal: whole process <= 200 ms)\n",
                    median(wall), median(cpu), live::loadPathName(touchHow), changed);
        if (touchHow == live::LoadPath::Reload)
            std::printf("  BUILD directories evaluated %d, targets resolved again %d\n", evaluated, patched);
        for (const std::string &phase : phaseOrder) {
            std::vector<double> v = phases[phase];
            v.resize(size_t(runs), 0.0); // a phase a run skipped took nothing
            std::printf("  %-28s %8.1f ms\n", phase.c_str(), median(v));
        }
    }
    return 0;
}
