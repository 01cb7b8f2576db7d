// libFuzzer entry point: the input is a pants.toml, loaded through Options::load as a
// workspace would (layering, %(...)s interpolation, list and dict edits), then read back.
// Errors in the input are expected; crashes, sanitizer reports and hangs are bugs.
#include "core/workspace/options.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace trellis;
using namespace trellis::workspace;

namespace {

std::string scratchRoot()
{
    char tmpl[] = "/tmp/trellis-fuzz-options-XXXXXX";
    const char *dir = mkdtemp(tmpl);
    if (!dir)
        std::abort();
    return dir;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const std::string root = scratchRoot();
    static const std::string file = root + "/pants.toml";
    std::FILE *f = std::fopen(file.c_str(), "wb");
    if (!f)
        std::abort();
    if (size)
        std::fwrite(data, 1, size, f);
    std::fclose(f);

    OptionsRequest req;
    req.buildRoot = root;
    req.readPantsrc = false;
    req.environment = {{"HOME", "/home/fuzz"}, {"PANTS_SOURCE_ROOT_PATTERNS", "+['/extra']"}};
    req.flags = {{"GLOBAL", "pants_ignore", "+['/ignored']"}};
    base::Result<Options> opts = Options::load(req);
    if (!opts)
        return 0;
    (void)opts->list("source", "root_patterns");
    (void)opts->pantsIgnore();
    (void)opts->dict("python", "resolves");
    (void)opts->string("python", "interpreter_constraints");
    (void)opts->integer("test", "timeout_default");
    for (const std::string &scope : opts->scopes())
        (void)opts->value(scope, "enabled");
    (void)shellSplit(std::string_view(reinterpret_cast<const char *>(data), size));
    return 0;
}
