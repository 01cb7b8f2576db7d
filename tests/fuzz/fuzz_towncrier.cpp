// libFuzzer entry point: the input is parsed as towncrier.toml and as a pyproject.toml
// [tool.towncrier] table; every line is then classified as a fragment file name against
// the configured (or default) types.
#include "core/base/glob.h"
#include "core/release/fragments.h"
#include "core/release/towncrierconfig.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

using namespace trellis;
using namespace trellis::release;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    std::vector<std::string> typeNames;
    std::string orphan = "+";
    for (bool pyproject : {false, true}) {
        base::Result<TowncrierConfig> cfg = parseTowncrierConfig(text, pyproject ? "pyproject.toml" : "towncrier.toml", pyproject);
        if (cfg && typeNames.empty()) {
            for (const FragmentType &t : cfg->types)
                typeNames.push_back(t.directory);
            orphan = cfg->orphanPrefix;
        }
    }
    if (typeNames.empty())
        for (const FragmentType &t : defaultFragmentTypes())
            typeNames.push_back(t.directory);
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        const std::string_view line = std::string_view(text).substr(start, end - start);
        (void)parseFragmentName(line, typeNames, orphan);
        (void)isAlwaysSkippedFragmentName(line);
        (void)base::wildcardMatch(line, "123.feature.md", base::GlobSyntax::Fnmatch);
        start = end + 1;
    }
    return 0;
}
