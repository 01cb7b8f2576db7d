// ReleaseVersion: the VERSION file's text read as a release number, its scheme (CalVer
// `YY.MM.micro`, SemVer, or any other PEP 440 version), and the next versions to offer.
//
//   auto v = ReleaseVersion::parse("26.03.0");     // Result<ReleaseVersion>
//   v->normalized;                                 // "26.3.0" (what wheels get)
//   v->scheme;                                     // VersionScheme::CalVer
//   suggestNextVersions(*v, QDate(2026, 5, 2));    // 26.3.1, 26.5.0, 26.5.0rc1, ...
//
// CalVer detection: three release components, the first a two-digit year (10..99) and
// the second a month (1..12). Anything else with three components is SemVer; other
// PEP 440 versions are Pep440. Callers that know better pass the scheme explicitly.
#pragma once

#include "core/base/result.h"
#include "core/lockfile/pep440.h"

#include <QDate>

#include <optional>
#include <string>
#include <vector>

namespace trellis::release {

enum class VersionScheme { CalVer, SemVer, Pep440 };

const char *schemeName(VersionScheme s);
/// Parses "calver", "semver", "pep440"; nullopt otherwise.
std::optional<VersionScheme> schemeFromName(std::string_view name);

/// One version number as written in VERSION or typed by a user.
struct ReleaseVersion {
    std::string raw;             ///< as written, whitespace stripped
    std::string normalized;      ///< PEP 440 normal form ("26.3.0", "26.8.0rc1")
    lockfile::Version version;
    VersionScheme scheme = VersionScheme::Pep440;
    bool zeroPaddedMonth = false; ///< CalVer written as `YY.0M.micro`

    bool isPrerelease() const { return version.isPrerelease(); }
    /// Trove classifier the build plugin stamps: "Development Status :: 5 - Production/Stable" etc.
    std::string classifier() const;
    /// "dev", "a", "b", "rc" or "" for finals.
    std::string preReleaseLabel() const;

    /// Parses `text` (surrounding whitespace ignored); `scheme` nullopt = detect.
    static base::Result<ReleaseVersion> parse(std::string_view text,
                                              std::optional<VersionScheme> scheme = std::nullopt,
                                              const std::string &file = "<version>");
};

/// The scheme a parsed version looks like (see the file comment).
VersionScheme detectScheme(const lockfile::Version &v);

/// A next version to offer, with why.
struct VersionSuggestion {
    std::string version;   ///< normalized
    std::string label;     ///< "next micro", "next month", "next release candidate", ...
    friend bool operator==(const VersionSuggestion &, const VersionSuggestion &) = default;
};

/// Next versions for `current` in its scheme. CalVer uses `today` for the next month's
/// `.0` (today's month when it is later than the current one, else the month after).
std::vector<VersionSuggestion> suggestNextVersions(const ReleaseVersion &current, QDate today);

/// Checks a typed version against the scheme and the last released version: it must parse,
/// fit the scheme (CalVer: three components, month 1..12) and be newer than `lastReleased`
/// (when given). Errors explain which rule failed; warnings note non-normalized input.
base::Result<ReleaseVersion> validateNewVersion(std::string_view typed, VersionScheme scheme,
                                                const std::optional<lockfile::Version> &lastReleased);

} // namespace trellis::release
