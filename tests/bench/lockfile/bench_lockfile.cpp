// Generates two pex lockfiles with 1,000 packages each (every 7th version bumped, 20
// removed, 20 added, each package depending on two earlier ones) and times parsing and
// diffing. Prints figures; never fails.
#include "core/lockfile/lockfilediff.h"

#include <chrono>
#include <cstdio>
#include <string>

namespace {

std::string generate(int count, bool head)
{
    std::string out = "// --- BEGIN PANTS LOCKFILE METADATA: DO NOT EDIT OR REMOVE ---\n"
                      "// {\"generated_with_requirements\": [\"pkg-0\"], \"resolve\": \"bench\"}\n"
                      "// --- END PANTS LOCKFILE METADATA ---\n"
                      "{\"locked_resolves\": [{\"locked_requirements\": [\n";
    bool first = true;
    for (int i = 0; i < count + 20; ++i) {
        const bool present = head ? i >= 20 : i < count;
        if (!present)
            continue;
        const int minor = head && i % 7 == 0 ? i % 13 + 1 : i % 13;
        std::string deps;
        if (i >= 2)
            deps = "\"pkg-" + std::to_string(i / 2) + ">=1.0\", \"pkg-" + std::to_string(i - 1) + "; python_version >= '3.8'\"";
        out += std::string(first ? "" : ",\n") + "{\"project_name\": \"pkg-" + std::to_string(i) + "\", \"version\": \"1."
               + std::to_string(minor) + "." + std::to_string(i % 5) + "\", \"requires_dists\": [" + deps
               + "], \"requires_python\": \">=3.8\", \"artifacts\": [{\"algorithm\": \"sha256\", \"hash\": \"" + std::string(64, 'a')
               + "\", \"url\": \"https://example.invalid/pkg.whl\"}]}";
        first = false;
    }
    return out + "\n]}]}\n";
}

double msSince(std::chrono::steady_clock::time_point t)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

} // namespace

int main()
{
    using namespace trellis::lockfile;
    const std::string base = generate(1000, false);
    const std::string head = generate(1000, true);
    const int rounds = 10;
    double parseMs = 0, diffMs = 0, reportMs = 0;
    std::size_t changed = 0;
    for (int r = 0; r < rounds; ++r) {
        auto t = std::chrono::steady_clock::now();
        auto b = parseLockfile(base, "base.lock");
        auto h = parseLockfile(head, "head.lock");
        parseMs += msSince(t);
        if (!b || !h) {
            std::printf("parse failed\n");
            return 1;
        }
        t = std::chrono::steady_clock::now();
        const LockfileDiff d = diffLockfiles(*b, *h);
        diffMs += msSince(t);
        t = std::chrono::steady_clock::now();
        const std::string text = formatTextReport({d});
        reportMs += msSince(t);
        changed = d.changes.size() - d.section(ChangeKind::Unchanged).size();
    }
    std::printf("lockfile bench: 2 x 1000 packages (%zu + %zu bytes), %zu changed, %d rounds\n", base.size(), head.size(),
                changed, rounds);
    std::printf("  parse both : %8.2f ms/round\n", parseMs / rounds);
    std::printf("  diff+chains: %8.2f ms/round\n", diffMs / rounds);
    std::printf("  text report: %8.2f ms/round\n", reportMs / rounds);
    return 0;
}
