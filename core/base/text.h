// Small text helpers shared across core modules.
//
//   base::normalizeProjectName("PyYAML");   // "pyyaml" (PEP 503)
//   base::splitPath("a//b/c");              // {"a", "b", "c"}
//   base::stripped("  x \n");               // "x"
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace trellis::base {

/// PEP 503 project-name normalisation: `re.sub(r"[-_.]+", "-", name).lower()`.
std::string normalizeProjectName(std::string_view name);

/// Splits a '/'-separated path, dropping empty components.
std::vector<std::string_view> splitPath(std::string_view path);

/// `s` without leading and trailing whitespace (std::isspace).
std::string_view stripped(std::string_view s);

/// Appends code point `cp` (at most U+10FFFF) to `out` encoded as UTF-8.
void appendUtf8(std::string &out, std::uint32_t cp);

} // namespace trellis::base
