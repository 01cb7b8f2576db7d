// Generates two uv lockfiles of 40,000 packages (every other version bumped, each package
// depending on its successor and on 2i+1, so dependency chains are long) and times
// parsing, diffing (with the chain of every changed package) and the text report. A
// second pair pads every package with wheels until the file is ~43 MB.
//
// Every tenth package is a top-level requirement (Pants' `pants-lockfile-for-<resolve>`
// virtual root), as in a real resolve.
//
//   bench_lockfile_large [PACKAGES] [WHEELS_PER_PACKAGE] [TOP_LEVEL_EVERY_NTH (0 = none)]
#include "core/lockfile/lockfilediff.h"

#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

std::string uvLock(int count, int wheels, bool head, int topEvery)
{
    std::string out = "version = 1\nrequires-python = \">=3.11\"\n\n";
    if (topEvery > 0) {
        // Pants' virtual root: its dependencies are the resolve's top-level requirements.
        out += "[[package]]\nname = \"pants-lockfile-for-bench\"\nversion = \"0.0.0\"\nsource = { virtual = \".\" }\ndependencies = [\n";
        for (int i = 0; i < count; i += topEvery)
            out += "    { name = \"pkg-" + std::to_string(i) + "\" },\n";
        out += "]\n\n";
    }
    out.reserve(std::size_t(count) * (300 + std::size_t(wheels) * 200));
    for (int i = 0; i < count; ++i) {
        const std::string name = "pkg-" + std::to_string(i);
        const std::string version = "1." + std::to_string(i % 13) + "." + std::to_string(head && i % 2 ? 1 : 0);
        out += "[[package]]\nname = \"" + name + "\"\nversion = \"" + version + "\"\nsource = { registry = \"https://pypi.org/simple\" }\n";
        out += "dependencies = [\n";
        if (i + 1 < count)
            out += "    { name = \"pkg-" + std::to_string(i + 1) + "\" },\n";
        if (2 * i + 1 < count)
            out += "    { name = \"pkg-" + std::to_string(2 * i + 1) + "\" },\n";
        out += "]\n";
        out += "sdist = { url = \"https://files.example.invalid/" + name + ".tar.gz\", hash = \"sha256:" + std::string(64, 'a') + "\", size = 12345 }\n";
        if (wheels > 0) {
            out += "wheels = [\n";
            for (int w = 0; w < wheels; ++w)
                out += "    { url = \"https://files.example.invalid/" + name + "-cp3" + std::to_string(w) + "-manylinux_x86_64.whl\", hash = \"sha256:"
                       + std::string(64, 'b') + "\", size = 67890 },\n";
            out += "]\n";
        }
        out += "\n";
    }
    return out;
}

double msSince(std::chrono::steady_clock::time_point t)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

/// CPU time of this process in ms (the machine may be shared; wall time alone misleads).
double cpuMs()
{
    return double(std::clock()) * 1000.0 / CLOCKS_PER_SEC;
}

void run(int packages, int wheels, int topEvery)
{
    using namespace trellis::lockfile;
    const std::string base = uvLock(packages, wheels, false, topEvery);
    const std::string head = uvLock(packages, wheels, true, topEvery);
    auto t = std::chrono::steady_clock::now();
    double c = cpuMs();
    auto b = parseLockfile(base, "uv.lock");
    auto h = parseLockfile(head, "uv.lock");
    const double parseMs = msSince(t), parseCpu = cpuMs() - c;
    if (!b || !h) {
        std::printf("parse failed\n");
        return;
    }
    t = std::chrono::steady_clock::now();
    c = cpuMs();
    const LockfileDiff d = diffLockfiles(*b, *h);
    const double diffMs = msSince(t), diffCpu = cpuMs() - c;
    t = std::chrono::steady_clock::now();
    c = cpuMs();
    const std::string text = formatTextReport({d});
    const double reportMs = msSince(t), reportCpu = cpuMs() - c;
    std::printf("uv lockfile: %d packages x %d wheels, %d top-level, %.1f MB each, %zu upgraded\n", packages, wheels,
                topEvery > 0 ? (packages + topEvery - 1) / topEvery : 0, double(base.size()) / 1e6, d.section(ChangeKind::Upgraded).size());
    std::printf("  parse both : %9.1f ms wall %9.1f ms cpu\n", parseMs, parseCpu);
    std::printf("  diff+chains: %9.1f ms wall %9.1f ms cpu\n", diffMs, diffCpu);
    std::printf("  text report: %9.1f ms wall %9.1f ms cpu (%zu bytes)\n", reportMs, reportCpu, text.size());
}

} // namespace

int main(int argc, char **argv)
{
    if (argc > 1) {
        run(std::atoi(argv[1]), argc > 2 ? std::atoi(argv[2]) : 0, argc > 3 ? std::atoi(argv[3]) : 10);
        return 0;
    }
    run(40000, 0, 10);
    run(40000, 4, 10);
    return 0;
}
