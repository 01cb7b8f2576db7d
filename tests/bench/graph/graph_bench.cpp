// graph_bench: times the graph on a synthetic repository shaped like a large Pants monorepo:
// 500 python_sources generators with 19 file targets each (10,000 nodes), each file target
// importing a few earlier files and one hub module (50,000 edges in total).
//
//   ./graph_bench [nodes] [edges]
#include "core/graph/graphexport.h"
#include "core/graph/targetgraph.h"
#include "core/graph/traversal.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>

using namespace trellis;

namespace {

double msSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char **argv)
{
    const int nodeTarget = argc > 1 ? std::atoi(argv[1]) : 10000;
    const int edgeTarget = argc > 2 ? std::atoi(argv[2]) : 50000;
    const int perGenerator = 19;
    const int generators = nodeTarget / (perGenerator + 1);

    // Workspace: generator "pkgN:lib" then its files "pkgN/mK.py:lib", in Address order
    // (zero-padded names keep string order equal to numeric order).
    auto ws = std::make_shared<workspace::Workspace>();
    std::vector<workspace::Target> targets;
    char buf[64];
    for (int g = 0; g < generators; ++g) {
        workspace::Target gen;
        std::snprintf(buf, sizeof buf, "pkg%04d", g);
        gen.address.specPath = buf;
        gen.address.targetName = "lib";
        gen.type = "python_sources";
        gen.isGenerator = true;
        std::vector<workspace::Target> files;
        for (int f = 0; f < perGenerator; ++f) {
            workspace::Target t;
            t.address.specPath = buf;
            t.address.targetName = "lib";
            std::snprintf(buf + 32, 32, "m%02d.py", f);
            t.address.relativeFilePath = buf + 32;
            t.type = "python_source";
            t.sources = {std::string(buf) + "/" + t.address.relativeFilePath};
            gen.generated.push_back(t.address);
            files.push_back(std::move(t));
        }
        targets.push_back(std::move(gen));
        for (workspace::Target &t : files)
            targets.push_back(std::move(t));
    }
    ws->m_targets = workspace::TargetList(std::move(targets));
    const int n = static_cast<int>(ws->m_targets.size());
    ws->buildIndex();

    // Dependencies: generator -> files, and each file -> the hub (node 1) plus random
    // earlier-or-later files until the edge budget is spent.
    infer::InferenceResult deps;
    deps.dependencies.resize(n);
    deps.transitiveExcludes.resize(n);
    int edges = 0;
    for (int i = 0; i < n; ++i) {
        if (ws->m_targets[i].isGenerator) {
            for (int k = 1; k <= perGenerator; ++k)
                deps.dependencies[i].push_back({i + k, infer::EdgeKind::Generated, {}, {}});
            edges += perGenerator;
        }
    }
    std::mt19937 rng(42);
    std::uniform_int_distribution<int> pick(0, n - 1);
    const int hub = 1;
    for (int i = 0; i < n && edges < edgeTarget; ++i) {
        if (ws->m_targets[i].isGenerator || i == hub)
            continue;
        deps.dependencies[i].push_back({hub, infer::EdgeKind::Inferred, {{ws->m_targets[i].sources[0], 1, "pkg0000.m00", false}}, {}});
        ++edges;
    }
    while (edges < edgeTarget) {
        const int from = pick(rng);
        const int to = pick(rng);
        if (from == to || ws->m_targets[from].isGenerator)
            continue;
        deps.dependencies[from].push_back({to, infer::EdgeKind::Inferred, {{ws->m_targets[from].sources[0], 2, "x", false}}, {}});
        ++edges;
    }
    for (auto &list : deps.dependencies)
        std::sort(list.begin(), list.end(), [](const infer::Dependency &a, const infer::Dependency &b) { return a.target < b.target; });

    auto start = std::chrono::steady_clock::now();
    const graph::TargetGraph g(ws, std::move(deps));
    const double buildMs = msSince(start);

    start = std::chrono::steady_clock::now();
    const graph::NodeId roots[] = {hub};
    const std::vector<graph::NodeId> dependents = graph::dependentsOf(g, roots, {true, false});
    const double dependentsMs = msSince(start);

    start = std::chrono::steady_clock::now();
    const std::vector<graph::NodeId> closure = graph::transitiveDependencies(g, roots);
    const double closureMs = msSince(start);

    start = std::chrono::steady_clock::now();
    const std::vector<graph::Cycle> cycles = graph::findCycles(g);
    const double cyclesMs = msSince(start);

    start = std::chrono::steady_clock::now();
    const std::string json = graph::exportJson(g);
    const double jsonMs = msSince(start);

    start = std::chrono::steady_clock::now();
    const std::string dot = graph::exportDot(g);
    const double dotMs = msSince(start);

    std::printf("graph_bench: %d nodes, %d edges\n", g.nodeCount(), g.edgeCount());
    std::printf("  construction             %8.2f ms\n", buildMs);
    std::printf("  transitive dependents    %8.2f ms  (%zu dependents of the hub)\n", dependentsMs, dependents.size());
    std::printf("  transitive dependencies  %8.2f ms  (%zu reached from the hub)\n", closureMs, closure.size());
    std::printf("  cycle detection          %8.2f ms  (%zu components)\n", cyclesMs, cycles.size());
    std::printf("  JSON export              %8.2f ms  (%.1f MB)\n", jsonMs, json.size() / 1e6);
    std::printf("  DOT export               %8.2f ms  (%.1f MB)\n", dotMs, dot.size() / 1e6);
    return 0;
}
