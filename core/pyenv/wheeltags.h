// Wheel tags: which wheels an interpreter can install. supportedTags() lists the
// interpreter's tags best first, the way `packaging.tags.sys_tags()` orders them for
// CPython and PyPy on Linux and macOS: the interpreter's own ABI, abi3 (down to 3.2),
// none, each over the platforms (manylinux_2_N from the interpreter's glibc down to
// 2_5 with the manylinux1/2010/2014 aliases, then linux_ARCH), then pyXY-none-PLATFORM,
// then the `any` platform. A wheel's rank is the best rank of any of its expanded tags.
//
//   WheelName w = *parseWheelName("attrs-25.3.0-py3-none-any.whl");
//   int r = wheelRank(w, supportedTags(info));   // -1 when it does not fit
#pragma once

#include "core/pyenv/interpreter.h"

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace trellis::pyenv {

/// A wheel file name split into its parts (PEP 427); tag sets are expanded (`py2.py3`).
struct WheelName {
    std::string name;     ///< normalized distribution name
    std::string version;
    std::vector<std::string> tags; ///< "py3-none-any", one per expansion
};

/// Parses `file` (a base name ending in .whl); nullopt when it is not a wheel name.
std::optional<WheelName> parseWheelName(const std::string &file);

/// The interpreter's supported tags, best first, with their ranks.
struct TagSet {
    std::vector<std::string> ordered;
    std::unordered_map<std::string, int> rank; ///< tag -> index in `ordered`
};
TagSet supportedTags(const PythonInfo &info);

/// The best rank of `wheel` among `tags` (lower is better); -1 when no tag fits.
int wheelRank(const WheelName &wheel, const TagSet &tags);

} // namespace trellis::pyenv
