// "Did you mean": the nearest known name to a misspelled one.
//
//   nearest("pyton_sources", {"python_sources", "files"});  // "python_sources"
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace trellis::base {

/// Levenshtein distance between two byte strings.
int editDistance(std::string_view a, std::string_view b);

/// The candidate closest to `name`, if it is close enough to be a plausible typo
/// (distance at most max(1, len/3), case-insensitive ties broken by order); else empty.
std::string nearest(std::string_view name, const std::vector<std::string> &candidates);

} // namespace trellis::base
