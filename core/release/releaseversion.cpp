#include "core/release/releaseversion.h"
#include "core/base/text.h"

#include <cctype>

namespace trellis::release {

using base::Diagnostic;
using base::Result;
using lockfile::PreReleaseKind;
using lockfile::Version;

const char *schemeName(VersionScheme s)
{
    switch (s) {
    case VersionScheme::CalVer: return "calver";
    case VersionScheme::SemVer: return "semver";
    case VersionScheme::Pep440: return "pep440";
    }
    return "pep440";
}

std::optional<VersionScheme> schemeFromName(std::string_view name)
{
    if (name == "calver")
        return VersionScheme::CalVer;
    if (name == "semver")
        return VersionScheme::SemVer;
    if (name == "pep440")
        return VersionScheme::Pep440;
    return std::nullopt;
}

VersionScheme detectScheme(const Version &v)
{
    if (v.epoch() != 0 || v.release().size() != 3)
        return VersionScheme::Pep440;
    const auto year = v.release()[0];
    const auto month = v.release()[1];
    if (year >= 10 && year <= 99 && month >= 1 && month <= 12)
        return VersionScheme::CalVer;
    return VersionScheme::SemVer;
}

namespace {

// True when the second dot-separated component of `raw` starts with '0' and has more digits.
bool secondComponentZeroPadded(std::string_view raw)
{
    if (!raw.empty() && (raw.front() == 'v' || raw.front() == 'V'))
        raw.remove_prefix(1);
    const size_t dot = raw.find('.');
    if (dot == std::string_view::npos || dot + 2 >= raw.size())
        return false;
    return raw[dot + 1] == '0' && std::isdigit(static_cast<unsigned char>(raw[dot + 2]));
}

std::string makeVersion(std::uint64_t a, std::uint64_t b, std::uint64_t c, const std::string &suffix = {})
{
    return std::to_string(a) + "." + std::to_string(b) + "." + std::to_string(c) + suffix;
}

const char *preTag(PreReleaseKind k)
{
    switch (k) {
    case PreReleaseKind::Alpha: return "a";
    case PreReleaseKind::Beta: return "b";
    case PreReleaseKind::ReleaseCandidate: return "rc";
    }
    return "rc";
}

} // namespace

std::string ReleaseVersion::classifier() const
{
    if (version.isDevRelease() && !version.preKind())
        return "Development Status :: 2 - Pre-Alpha";
    if (version.preKind() == PreReleaseKind::Alpha)
        return "Development Status :: 3 - Alpha";
    if (version.preKind())
        return "Development Status :: 4 - Beta";
    return "Development Status :: 5 - Production/Stable";
}

std::string ReleaseVersion::preReleaseLabel() const
{
    if (version.preKind())
        return preTag(*version.preKind());
    if (version.isDevRelease())
        return "dev";
    return {};
}

Result<ReleaseVersion> ReleaseVersion::parse(std::string_view text, std::optional<VersionScheme> scheme,
                                             const std::string &file)
{
    const std::string_view stripped = base::stripped(text);
    if (stripped.empty())
        return Diagnostic::error({file, 1, 1}, "empty version");
    auto parsed = Version::parse(stripped, file);
    if (!parsed)
        return parsed.takeDiagnostics();
    ReleaseVersion out;
    out.raw = std::string(stripped);
    out.version = *parsed;
    out.normalized = parsed->toString();
    out.scheme = scheme.value_or(detectScheme(*parsed));
    out.zeroPaddedMonth = out.scheme == VersionScheme::CalVer && secondComponentZeroPadded(out.raw);
    return out;
}

std::vector<VersionSuggestion> suggestNextVersions(const ReleaseVersion &current, QDate today)
{
    const Version &v = current.version;
    const auto a = v.component(0), b = v.component(1), c = v.component(2);
    std::vector<VersionSuggestion> out;
    auto add = [&out](std::string version, std::string label) {
        for (const VersionSuggestion &s : out)
            if (s.version == version)
                return;
        out.push_back({std::move(version), std::move(label)});
    };

    if (v.isPrerelease()) {
        // 26.8.0rc1 -> 26.8.0 (final), 26.8.0rc2; b1 -> b2, rc1; .devN -> .devN+1, a1.
        add(makeVersion(a, b, c), "final release");
        if (v.preKind()) {
            const std::string tag = preTag(*v.preKind());
            add(makeVersion(a, b, c, tag + std::to_string(v.preNumber() + 1)), "next " + std::string(tag == "rc" ? "release candidate" : tag == "b" ? "beta" : "alpha"));
            if (*v.preKind() != PreReleaseKind::ReleaseCandidate)
                add(makeVersion(a, b, c, "rc1"), "first release candidate");
        } else {
            add(makeVersion(a, b, c, ".dev" + std::to_string(*v.dev() + 1)), "next development release");
            add(makeVersion(a, b, c, "rc1"), "first release candidate");
        }
        return out;
    }

    switch (current.scheme) {
    case VersionScheme::CalVer: {
        add(makeVersion(a, b, c + 1), "next micro");
        std::uint64_t year = a, month = b + 1;
        if (month > 12) {
            month = 1;
            ++year;
        }
        if (today.isValid()) {
            const std::uint64_t ty = std::uint64_t(today.year() % 100), tm = std::uint64_t(today.month());
            if (ty > a || (ty == a && tm > b)) {
                year = ty;
                month = tm;
            }
        }
        add(makeVersion(year, month, 0), "next month");
        add(makeVersion(year, month, 0, "rc1"), "next month, release candidate");
        add(makeVersion(year, month, 0, "b1"), "next month, beta");
        break;
    }
    case VersionScheme::SemVer:
        add(makeVersion(a, b, c + 1), "next patch");
        add(makeVersion(a, b + 1, 0), "next minor");
        add(makeVersion(a + 1, 0, 0), "next major");
        add(makeVersion(a, b + 1, 0, "rc1"), "next minor, release candidate");
        add(makeVersion(a, b + 1, 0, "b1"), "next minor, beta");
        break;
    case VersionScheme::Pep440: {
        // Bump the last release component.
        std::vector<std::uint64_t> rel = v.release();
        std::string prefix = v.epoch() ? std::to_string(v.epoch()) + "!" : "";
        std::string text;
        for (size_t i = 0; i < rel.size(); ++i)
            text += (i ? "." : "") + std::to_string(i + 1 == rel.size() ? rel[i] + 1 : rel[i]);
        add(prefix + text, "next release");
        add(prefix + text + "rc1", "next release candidate");
        break;
    }
    }
    return out;
}

Result<ReleaseVersion> validateNewVersion(std::string_view typed, VersionScheme scheme,
                                          const std::optional<Version> &lastReleased)
{
    auto parsed = ReleaseVersion::parse(typed, scheme, "<new version>");
    if (!parsed)
        return parsed.takeDiagnostics();
    const Version &v = parsed->version;
    base::Diagnostics errors, warnings;
    if (!v.local().empty())
        errors.push_back(Diagnostic::error({}, "version '" + parsed->raw + "' has a local part (+" + parsed->normalized.substr(parsed->normalized.find('+') + 1) + "), which cannot be published"));
    if (v.isPostRelease())
        warnings.push_back(Diagnostic::warning({}, "version '" + parsed->raw + "' is a post-release"));
    switch (scheme) {
    case VersionScheme::CalVer:
        if (v.epoch() != 0 || v.release().size() != 3)
            errors.push_back(Diagnostic::error({}, "version '" + parsed->raw + "' does not fit the CalVer scheme YY.MM.micro"));
        else if (v.release()[1] < 1 || v.release()[1] > 12)
            errors.push_back(Diagnostic::error({}, "version '" + parsed->raw + "' has month " + std::to_string(v.release()[1]) + "; CalVer months are 1..12"));
        else if (v.release()[0] < 10 || v.release()[0] > 99)
            errors.push_back(Diagnostic::error({}, "version '" + parsed->raw + "' has year " + std::to_string(v.release()[0]) + "; CalVer years are two digits"));
        break;
    case VersionScheme::SemVer:
        if (v.epoch() != 0 || v.release().size() != 3)
            errors.push_back(Diagnostic::error({}, "version '" + parsed->raw + "' does not fit the SemVer scheme MAJOR.MINOR.PATCH"));
        break;
    case VersionScheme::Pep440:
        break;
    }
    if (lastReleased && !(v > *lastReleased))
        errors.push_back(Diagnostic::error({}, "version " + parsed->normalized + " is not newer than the last release " + lastReleased->toString()));
    if (parsed->raw != parsed->normalized && !(parsed->raw.size() > 1 && parsed->raw.substr(1) == parsed->normalized))
        warnings.push_back(Diagnostic::warning({}, "version '" + parsed->raw + "' will be written in its normalized form " + parsed->normalized));
    if (!errors.empty())
        return errors;
    return Result<ReleaseVersion>(std::move(*parsed), std::move(warnings));
}

} // namespace trellis::release
