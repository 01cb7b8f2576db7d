// Version: a PEP 440 version number, parsed, normalized and ordered.
//
//   auto v = Version::parse("1.0-RC.1");      // Result<Version>
//   v->toString();                             // "1.0rc1"
//   *Version::parse("20.09.0") == *Version::parse("20.9.0");   // true
//   v->isPrerelease();                         // true
//
// Grammar (case-insensitive, surrounding whitespace and a leading `v` ignored):
//   [N!] N(.N)* [{a|b|rc|c|alpha|beta|pre|preview}[N]] [.postN | -N | rN | revN] [.devN] [+local]
// with optional `.`, `-` or `_` separators before each suffix and its number. Ordering is
// PEP 440's: epoch, then release (trailing zeros ignored), then
// `.devN < aN < bN < rcN < final < .postN`, then local segments (none < any; numeric
// segments above alphanumeric ones).
#pragma once

#include "core/base/result.h"
#include "core/base/text.h"

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trellis::lockfile {

/// The kind of pre-release, in PEP 440 order.
enum class PreReleaseKind { Alpha, Beta, ReleaseCandidate };

/// Which part of the release changed between two versions (Pants' diff colours).
enum class BumpKind { Major, Minor, Micro, Other };

/// One local-version segment: numeric segments compare as numbers and above strings.
struct LocalSegment {
    bool numeric = false;
    std::uint64_t number = 0; ///< when numeric
    std::string text;         ///< lower case, when not numeric
    friend bool operator==(const LocalSegment &, const LocalSegment &) = default;
};

/// A parsed PEP 440 version. Value type; cheap to copy.
class Version {
public:
    /// Parses `text`; errors report the column (1-based, in `file` when given) where the
    /// text stops being a version.
    static base::Result<Version> parse(std::string_view text, const std::string &file = "<version>");

    /// The normalized form (`1!2.0rc1.post3.dev4+ubuntu.1`).
    std::string toString() const;
    /// toString() without the local part.
    std::string publicVersion() const;

    int epoch() const { return m_epoch; }
    /// Release components as written (normalized numbers; trailing zeros kept).
    const std::vector<std::uint64_t> &release() const { return m_release; }
    std::optional<PreReleaseKind> preKind() const { return m_preKind; }
    std::uint64_t preNumber() const { return m_preNumber; }
    std::optional<std::uint64_t> post() const { return m_post; }
    std::optional<std::uint64_t> dev() const { return m_dev; }
    const std::vector<LocalSegment> &local() const { return m_local; }

    /// release()[i], 0 when the release has fewer components (packaging's major/minor/micro).
    std::uint64_t component(std::size_t i) const { return i < m_release.size() ? m_release[i] : 0; }
    /// True for pre-releases and dev releases (aN, bN, rcN, devN).
    bool isPrerelease() const { return m_preKind.has_value() || m_dev.has_value(); }
    bool isPostRelease() const { return m_post.has_value(); }
    bool isDevRelease() const { return m_dev.has_value(); }
    /// True when the first release component differs from `other`'s (a major bump or drop).
    bool majorBumpFrom(const Version &other) const { return component(0) != other.component(0); }

    friend std::strong_ordering operator<=>(const Version &a, const Version &b);
    friend bool operator==(const Version &a, const Version &b) { return (a <=> b) == 0; }

private:
    int m_epoch = 0;
    std::vector<std::uint64_t> m_release;        ///< never empty for a parsed version
    std::optional<PreReleaseKind> m_preKind;
    std::uint64_t m_preNumber = 0;               ///< meaningful only with m_preKind
    std::optional<std::uint64_t> m_post;
    std::optional<std::uint64_t> m_dev;
    std::vector<LocalSegment> m_local;           ///< empty = no local version
};

/// The first of major/minor/micro that differs between `from` and `to`, else Other.
BumpKind bumpKind(const Version &from, const Version &to);

/// PEP 503 normalisation (core/base/text.h).
using base::normalizeProjectName;

} // namespace trellis::lockfile
