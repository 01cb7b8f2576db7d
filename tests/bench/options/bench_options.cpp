// bench_options [KEYS]: writes pants.toml files with KEYS keys (default 60,000) in three
// shapes and times Options::load on each — one section holding every key, KEYS/10
// sections of ten keys, and keys spread over sections that fall back to [DEFAULT] with
// %(name)s interpolation. Option lookups used to scan dicts linearly (17 s for 60,000
// keys in one section). Prints figures; never fails.
#include "core/workspace/options.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <algorithm>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <string>

namespace {

using trellis::workspace::Options;
using trellis::workspace::OptionsRequest;

std::string oneSection(int keys)
{
    std::string s = "[GLOBAL]\npants_version = \"2.32.0\"\n\n[custom]\n";
    for (int i = 0; i < keys; ++i)
        s += "key_" + std::to_string(i) + " = \"value " + std::to_string(i) + "\"\n";
    return s;
}

std::string manySections(int keys)
{
    std::string s = "[GLOBAL]\npants_version = \"2.32.0\"\n";
    for (int i = 0; i < keys / 10; ++i) {
        s += "\n[scope_" + std::to_string(i) + "]\n";
        for (int k = 0; k < 10; ++k)
            s += "opt_" + std::to_string(k) + " = " + std::to_string(i * 10 + k) + "\n";
    }
    return s;
}

std::string withDefaults(int keys)
{
    std::string s = "[DEFAULT]\n";
    for (int i = 0; i < keys / 2; ++i)
        s += "d_" + std::to_string(i) + " = \"default " + std::to_string(i) + "\"\n";
    s += "\n[GLOBAL]\npants_version = \"2.32.0\"\n\n[python]\n";
    for (int i = 0; i < keys / 2; ++i)
        s += "p_" + std::to_string(i) + " = \"%(d_" + std::to_string(i) + ")s/x\"\n";
    return s;
}

double loadMs(const QString &dir, const std::string &text, int rounds, size_t &scopes)
{
    {
        std::ofstream out((dir + "/pants.toml").toStdString(), std::ios::trunc);
        out << text;
    }
    double best = 1e18;
    for (int r = 0; r < rounds; ++r) {
        OptionsRequest req;
        req.buildRoot = dir.toStdString();
        req.readPantsrc = false;
        // CPU time of this thread's process: the figure stays meaningful on a busy machine.
        const std::clock_t c = std::clock();
        auto opts = Options::load(req);
        const double ms = 1000.0 * double(std::clock() - c) / CLOCKS_PER_SEC;
        if (!opts) {
            std::printf("load failed: %s\n", opts.diagnostics().empty() ? "?" : opts.diagnostics().front().format().c_str());
            return -1;
        }
        scopes = opts->scopes().size();
        best = std::min(best, ms);
    }
    return best;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int keys = argc > 1 ? std::max(10, std::atoi(argv[1])) : 60000;
    QTemporaryDir tmp;
    if (!tmp.isValid()) {
        std::printf("cannot create a temporary directory\n");
        return 1;
    }
    std::printf("Options::load, %d keys (CPU time, best of 3)\n", keys);
    struct Shape {
        const char *name;
        std::string text;
    } shapes[] = {{"one section", oneSection(keys)},
                  {"sections of 10", manySections(keys)},
                  {"[DEFAULT] + interpolation", withDefaults(keys)}};
    for (const Shape &s : shapes) {
        size_t scopes = 0;
        const double ms = loadMs(tmp.path(), s.text, 3, scopes);
        std::printf("  %-28s %8.1f ms  (%zu KB, %zu scopes)\n", s.name, ms, s.text.size() / 1024, scopes);
    }
    return 0;
}
