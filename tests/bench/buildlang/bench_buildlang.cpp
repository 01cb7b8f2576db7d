// Benchmark of the BUILD-file evaluator: 2,000 generated BUILD files of realistic shape
// (target calls with dependency lists and override dicts, a prelude macro taking
// **kwargs, a dict-returning helper used via `**common(...)`), evaluated single-threaded
// and on 2 threads. Prints files/s and MB/s.
#include "core/buildlang/hostinterface.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <ctime>
#include <vector>

using namespace trellis;
using namespace trellis::buildlang;

namespace {

/// CPU time of the calling thread in seconds (the machine may be shared; wall time alone misleads).
double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

/// Per-file host state: the target calls the file made.
struct FileState {
    std::vector<HostCall> calls;
};

const char *kPrelude = R"(
_common_pex_dependencies = ["//:reqs#click", "//:reqs#attrs", "src/common:lib"]

def common_config(mode: str, *, extra: dict = None) -> dict:
    """Shared pex_binary fields."""
    cfg = dict(
        execution_mode=mode,
        layout="packed",
        tags=["bin", mode],
    )
    if extra:
        cfg.update(extra)
    return cfg

def component(name, *, deps=(), test_deps=(), **kwargs):
    """Declares the usual trio of targets of a component."""
    python_sources(
        name="lib",
        dependencies=[*deps, *_common_pex_dependencies],
        **kwargs,
    )
    python_tests(
        name="tests",
        dependencies=[":lib", *test_deps],
        overrides={"test_slow.py": {"timeout": 300}},
    )
)";

std::string makeBuildFile(int i)
{
    std::string s;
    s += "# Generated BUILD file " + std::to_string(i) + "\n";
    s += "component(\n    \"pkg" + std::to_string(i) + "\",\n";
    s += "    deps=[\"src/pkg" + std::to_string(i / 2) + ":lib\", \"//:reqs#requests\"],\n";
    s += "    test_deps=[\"src/testutils:lib\"],\n";
    s += "    tags=[\"team-" + std::to_string(i % 7) + "\"],\n)\n\n";
    s += "python_sources(\n    name=\"extra\",\n    sources=[\"extra/*.py\", \"!extra/*_test.py\"],\n";
    s += "    dependencies=[\n";
    for (int d = 0; d < 6; ++d)
        s += "        \"src/pkg" + std::to_string((i * 7 + d * 13) % 2000) + ":lib\",\n";
    s += "    ],\n    overrides={\n        \"gen.py\": {\"skip_mypy\": True},\n        (\"a.py\", \"b.py\"): dict(tags=[\"x\"]),\n    },\n)\n\n";
    s += "_names = [f\"tool_{n}\" for n in (\"a\", \"b\") if n]\n";
    s += "for n in _names:\n";
    s += "    pex_binary(\n        name=n,\n        entry_point=f\"pkg" + std::to_string(i) + ".{n}:main\",\n";
    s += "        dependencies=[\":lib\"],\n        **common_config(\"lazy\" if n.endswith(\"a\") else \"zipapp\"),\n    )\n";
    return s;
}

std::shared_ptr<Dialect> makeDialect()
{
    auto d = std::make_shared<Dialect>();
    auto record = [](HostCall &c) -> base::Result<HostValue> {
        static_cast<FileState *>(c.fileContext)->calls.push_back(c);
        return HostValue::none();
    };
    for (const char *t : {"python_sources", "python_tests", "pex_binary", "python_requirements", "files", "resources"})
        d->addFunction(t, record, {.isTargetType = true});
    return d;
}

} // namespace

int main()
{
    constexpr int kFiles = 2000;
    std::vector<std::string> files;
    std::vector<std::string> paths;
    std::size_t bytes = 0;
    for (int i = 0; i < kFiles; ++i) {
        files.push_back(makeBuildFile(i));
        paths.push_back("src/pkg" + std::to_string(i) + "/BUILD");
        bytes += files.back().size();
    }
    base::Diagnostics pd;
    Limits limits;
    auto prelude = Prelude::load(makeDialect(), {{"build-support/macros.py", kPrelude}}, limits, pd);
    if (base::hasErrors(pd)) {
        std::fprintf(stderr, "prelude failed: %s\n", pd[0].format().c_str());
        return 1;
    }
    auto evaluateRange = [&](int begin, int end, int step, std::atomic<std::size_t> &calls, std::atomic<int> &errors) {
        for (int i = begin; i < end; i += step) {
            FileState st;
            FileResult r = evaluateBuildFile(*prelude, paths[std::size_t(i)], files[std::size_t(i)], &st, limits);
            if (!r.ok()) {
                if (errors.fetch_add(1) == 0)
                    std::fprintf(stderr, "%s\n", r.diagnostics[0].format().c_str());
            }
            calls += st.calls.size();
        }
    };
    auto report = [&](const char *label, double seconds, double cpuSeconds, std::size_t calls, int errors) {
        std::printf("%-16s %6d files  wall %7.1f ms  %8.0f files/s  %6.2f MB/s", label, kFiles, seconds * 1000,
                    kFiles / seconds, double(bytes) / (1024.0 * 1024.0) / seconds);
        if (cpuSeconds > 0)
            std::printf("  | cpu %7.1f ms  %8.0f files/cpu-s  %6.2f MB/cpu-s", cpuSeconds * 1000, kFiles / cpuSeconds,
                        double(bytes) / (1024.0 * 1024.0) / cpuSeconds);
        std::printf("  (%zu target calls, %d errors)\n", calls, errors);
    };
    std::printf("input: %d BUILD files, %.2f MB total\n", kFiles, double(bytes) / (1024.0 * 1024.0));
    for (int round = 0; round < 3; ++round) {
        std::atomic<std::size_t> calls{0};
        std::atomic<int> errors{0};
        const auto t0 = std::chrono::steady_clock::now();
        const double c0 = threadCpuSeconds();
        evaluateRange(0, kFiles, 1, calls, errors);
        const double cpu = threadCpuSeconds() - c0;
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        report(round == 0 ? "1 thread (cold)" : "1 thread", s, cpu, calls, errors);
    }
    for (int round = 0; round < 2; ++round) {
        std::atomic<std::size_t> calls{0};
        std::atomic<int> errors{0};
        const auto t0 = std::chrono::steady_clock::now();
        std::thread a([&] { evaluateRange(0, kFiles, 2, calls, errors); });
        std::thread b([&] { evaluateRange(1, kFiles, 2, calls, errors); });
        a.join();
        b.join();
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        report("2 threads", s, 0, calls, errors);
    }
    return 0;
}
