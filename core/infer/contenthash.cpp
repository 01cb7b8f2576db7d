#include "core/infer/contenthash.h"

#include <cstring>

namespace trellis::infer {

namespace {

__extension__ typedef unsigned __int128 U128;

constexpr std::uint64_t kP0 = 0xa0761d6478bd642fULL;
constexpr std::uint64_t kP1 = 0xe7037ed1a0b428dbULL;
constexpr std::uint64_t kP2 = 0x8ebc6af09c88c6e3ULL;
constexpr std::uint64_t kP3 = 0x589965cc75374cc3ULL;

/// 64x64 -> 128 multiply, folded back to 64 bits.
inline std::uint64_t fold(std::uint64_t a, std::uint64_t b)
{
    const U128 r = U128(a) * U128(b);
    return std::uint64_t(r) ^ std::uint64_t(r >> 64);
}

inline std::uint64_t read64(const unsigned char *p)
{
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}

inline std::uint64_t readTail(const unsigned char *p, size_t n) // 1..8 bytes
{
    std::uint64_t v = 0;
    std::memcpy(&v, p, n);
    return v;
}

} // namespace

std::uint64_t contentHash(std::string_view data, std::uint64_t seed)
{
    const auto *p = reinterpret_cast<const unsigned char *>(data.data());
    size_t n = data.size();
    std::uint64_t a = seed ^ kP0;
    std::uint64_t b = seed ^ kP1 ^ std::uint64_t(n);
    while (n >= 32) {
        a = fold(read64(p) ^ kP1, read64(p + 8) ^ a);
        b = fold(read64(p + 16) ^ kP2, read64(p + 24) ^ b);
        p += 32;
        n -= 32;
    }
    while (n >= 8) {
        a = fold(read64(p) ^ kP3, a ^ kP1);
        p += 8;
        n -= 8;
    }
    if (n > 0)
        b = fold(readTail(p, n) ^ kP2, b ^ kP3);
    return fold(a ^ kP3, b ^ kP0 ^ std::uint64_t(data.size()));
}

} // namespace trellis::infer
