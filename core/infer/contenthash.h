// contentHash: a fast non-cryptographic 64-bit hash of file bytes, for the scan cache's
// change detection and record checksums (multiply-fold mixing, ~10 GB/s).
//
//   std::uint64_t h = contentHash(bytes);
#pragma once

#include <cstdint>
#include <string_view>

namespace trellis::infer {

/// Hash of `data`; different seeds give independent hashes.
std::uint64_t contentHash(std::string_view data, std::uint64_t seed = 0);

} // namespace trellis::infer
