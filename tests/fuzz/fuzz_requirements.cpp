// libFuzzer entry point: the input is parsed as a requirements.txt, as a PEP 621
// pyproject.toml and as a Poetry pyproject.toml, and each line as one requirement.
#include "core/workspace/requirements.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace trellis::workspace;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    for (const auto &d : parseRequirementsTxt("3rdparty/requirements.txt", text).diagnostics)
        (void)d.format();
    for (const auto &d : parsePyproject("pyproject.toml", text, false).diagnostics)
        (void)d.format();
    for (const auto &d : parsePyproject("pyproject.toml", text, true).diagnostics)
        (void)d.format();
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        int column = 0;
        std::string error;
        (void)parseRequirementName(text.substr(start, end - start), column, error);
        start = end + 1;
    }
    return 0;
}
