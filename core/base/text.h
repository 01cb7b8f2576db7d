// Small text helpers shared across core modules.
//
//   base::normalizeProjectName("PyYAML");   // "pyyaml" (PEP 503)
//   base::splitPath("a//b/c");              // {"a", "b", "c"}
//   base::stripped("  x \n");               // "x"
//   base::codePointCount("héllo");          // 5
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

/// `s` without leading and trailing whitespace (std::isspace in the C locale:
/// space, \t, \n, \v, \f, \r), as Python's str.strip().
std::string_view stripped(std::string_view s);
/// `s` without leading whitespace (Python's str.lstrip()).
std::string_view lstripped(std::string_view s);
/// `s` without trailing whitespace (Python's str.rstrip()).
std::string_view rstripped(std::string_view s);

/// Number of UTF-8 code points in `s`: every byte that is not a continuation byte
/// (10xxxxxx) starts one, so malformed input still counts each lead byte once.
std::size_t codePointCount(std::string_view s);

/// Appends code point `cp` (at most U+10FFFF) to `out` encoded as UTF-8.
void appendUtf8(std::string &out, std::uint32_t cp);

} // namespace trellis::base
