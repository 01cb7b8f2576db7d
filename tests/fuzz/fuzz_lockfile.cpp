// libFuzzer entry point: the input is parsed as a lockfile (format detected: pex JSON,
// uv TOML, poetry TOML or requirements-style), with `-r` includes answered by a fixed
// small file and by the input itself (include cycles must be reported, not followed).
#include "core/lockfile/lockfile.h"

#include <cstddef>
#include <cstdint>
#include <string>

using namespace trellis;
using namespace trellis::lockfile;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    // Exactly two files exist besides the input's own path: answering every path that
    // merely ends in self.txt lets `-r a/self.txt` nest without end (a real repository
    // needs a symlink loop for that; found by this target, reported separately).
    const FileReader reader = [&text](const std::string &path) -> std::optional<std::string> {
        if (path == "3rdparty/python/self.txt")
            return text;
        if (path == "3rdparty/python/base.txt")
            return std::string("requests==2.31.0\nidna==3.6 ; python_version >= '3'\n");
        return std::nullopt;
    };
    (void)detectFormat(text);
    base::Result<Lockfile> r = parseLockfile(text, "3rdparty/python/self.txt", reader);
    if (!r)
        for (const auto &d : r.diagnostics())
            (void)d.format();
    if (size > 0)
        (void)lineColumnOf(text, std::size_t(data[0]) * size / 256);
    return 0;
}
