// Throughput of ImportScanner on synthetic Python source (or on files given as arguments).
//   infer_scanner_bench [file.py ...]
#include "core/infer/importscanner.h"

#include <ctime>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

using namespace trellis::infer;

int main(int argc, char **argv)
{
    std::string source;
    if (argc > 1) {
        for (int i = 1; i < argc; ++i) {
            std::ifstream in(argv[i], std::ios::binary);
            std::stringstream ss;
            ss << in.rdbuf();
            source += ss.str();
            source += '\n';
        }
    } else {
        const std::string chunk =
            "\"\"\"Module docstring mentioning import os.\"\"\"\n"
            "from __future__ import annotations\n"
            "import os, sys\n"
            "from typing import TYPE_CHECKING, Any\n"
            "from ai.backend.common.types import (\n    AgentId,\n    KernelId,  # comment\n)\n"
            "try:\n    import ujson as json\nexcept ImportError:\n    import json\n"
            "if TYPE_CHECKING:\n    from .sibling import Thing\n\n"
            "class Handler(Base):\n"
            "    \"\"\"Handles things.\"\"\"\n"
            "    def run(self, x: int, y: dict[str, Any] | None = None) -> list[str]:\n"
            "        values = [f\"{k}={v!r:>10}\" for k, v in (y or {}).items()]\n"
            "        path = os.path.join('data', 'file.json')\n"
            "        return sorted(values, key=lambda s: (len(s), s))  # sort\n\n";
        while (source.size() < 64u << 20)
            source += chunk;
    }
    size_t imports = 0;
    // CPU time, not wall time: the build machine is shared.
    timespec t0{}, t1{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
    const int rounds = 3;
    for (int i = 0; i < rounds; ++i)
        imports += ImportScanner::scan(source).imports.size();
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
    const double secs = double(t1.tv_sec - t0.tv_sec) + double(t1.tv_nsec - t0.tv_nsec) / 1e9;
    std::printf("%zu bytes x %d in %.3f s CPU: %.0f MB/s (%zu imports)\n", source.size(), rounds, secs,
                double(source.size()) * rounds / secs / 1e6, imports / rounds);
    return 0;
}
