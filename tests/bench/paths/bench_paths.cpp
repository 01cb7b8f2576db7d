// An 800-file generator whose files import the next and the fifth next file and two of a
// shared core of 20 modules that import each other with skips (so many paths); `paths --from=src/big:lib --to=src/core/c0.py:lib` is run
// through the goal with the default limit and with --limit=0 (every path, as Pants).
//
//   bench_paths [FILES]
#include "app/cli/graphgoals.h"
#include "tests/graph/graphbuilder.h"

#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <sstream>

using namespace trellis;
using namespace trellis::graph::testing;

namespace {

class BenchContext : public cli::GoalContext {
public:
    BenchContext(std::shared_ptr<const graph::TargetGraph> g, std::ostream &o, std::ostream &e)
        : GoalContext(o, e)
        , m_graph(std::move(g))
    {
    }
    std::shared_ptr<const workspace::Workspace> workspace() override { return m_graph->workspace(); }
    std::shared_ptr<const graph::TargetGraph> graph() override { return m_graph; }
    std::optional<std::vector<int>> selectedTargets() override { return std::vector<int>{}; }

private:
    std::shared_ptr<const graph::TargetGraph> m_graph;
};

std::shared_ptr<const graph::TargetGraph> build(int files)
{
    GraphBuilder b;
    std::vector<std::string> big, core;
    for (int i = 0; i < files; ++i)
        big.push_back("src/big/m" + std::to_string(10000 + i) + ".py:lib");
    for (int i = 0; i < 20; ++i)
        core.push_back("src/core/c" + std::to_string(i) + ".py:lib");
    b.generator("src/big:lib", big);
    b.generator("src/core:lib", core);
    for (int i = 1; i < 20; ++i)
        for (int step : {1, 2, 3})
            if (i >= step)
                b.edge(core[std::size_t(i)], core[std::size_t(i - step)]);
    for (int i = 0; i < files; ++i) {
        if (i + 1 < files)
            b.edge(big[std::size_t(i)], big[std::size_t(i + 1)]);
        if (i + 5 < files)
            b.edge(big[std::size_t(i)], big[std::size_t(i + 5)]);
        b.edge(big[std::size_t(i)], core[std::size_t(i % 20)]);
        b.edge(big[std::size_t(i)], core[std::size_t((i * 7 + 3) % 20)]);
    }
    return b.build();
}

} // namespace

int main(int argc, char **argv)
{
    const int files = argc > 1 ? std::atoi(argv[1]) : 800;
    const auto g = build(files);
    cli::GoalRegistry registry;
    cli::registerGraphGoals(registry);
    for (const char *limit : {"100", "1000", "0"}) {
        std::ostringstream o, e;
        BenchContext c(g, o, e);
        c.goalOptions["--from"] = {"src/big:lib"};
        c.goalOptions["--to"] = {"src/core/c0.py:lib"};
        c.goalOptions["--limit"] = {limit};
        const auto t = std::chrono::steady_clock::now();
        const std::clock_t cpu = std::clock();
        const int code = registry.find("paths")->run(c);
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
        const double cpuMs = double(std::clock() - cpu) * 1000.0 / CLOCKS_PER_SEC;
        std::printf("paths, %d-file generator, --limit=%-4s: %9.1f ms wall %9.1f ms cpu, exit %d, %zu bytes out, stderr: %s", files, limit, ms,
                    cpuMs, code, o.str().size(), e.str().empty() ? "\n" : e.str().c_str());
    }
    return 0;
}
