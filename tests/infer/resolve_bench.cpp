// Cold and warm resolveDependencies timings for a repository (CPU and wall time).
//   infer_resolve_bench /path/to/repo [cache-dir [threads]]
#include "core/infer/dependencies.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>

using namespace trellis;

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s REPO [CACHE_DIR]\n", argv[0]);
        return 2;
    }
    workspace::LoadRequest load;
    load.options.buildRoot = argv[1];
    auto t0 = std::chrono::steady_clock::now();
    auto ws = workspace::loadWorkspace(load);
    if (!ws)
        return 1;
    auto t1 = std::chrono::steady_clock::now();
    std::printf("load: %.3f s, %zu targets\n", std::chrono::duration<double>(t1 - t0).count(), (*ws)->targets().size());
    infer::InferenceRequest req;
    req.workspace = *ws;
    req.cacheDir = argc > 2 ? argv[2] : "-";
    req.threads = argc > 3 ? std::atoi(argv[3]) : 0;
    for (const char *label : {"first", "second"}) {
        const auto s = std::chrono::steady_clock::now();
        const infer::InferenceResult r = infer::resolveDependencies(req);
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - s).count();
        size_t edges = 0;
        for (const auto &d : r.dependencies)
            edges += d.size();
        std::printf("%s: %.3f s, scanned %d, cache hits %d, %zu edges, %zu diagnostics\n", label, secs,
                    r.stats.filesScanned, r.stats.cacheHits, edges, r.diagnostics.size());
        std::printf("  scan %.1f ms, providers %.1f ms, per-target pass %.1f ms\n", r.stats.scanMs,
                    r.stats.providersMs, r.stats.targetsMs);
    }
    return 0;
}
