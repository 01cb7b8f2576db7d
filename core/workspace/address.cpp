// Address parsing, rendering and ordering (spec §3.1).
//
// Parsing splits `path[:target][#generated][@k=v,...]` left to right: the parameters start
// at the first '@', the generated name at the first '#' before it, the target name at the
// first ':' before that. A target name containing '/' is a file address pointing *up* to
// its generator (`a/b/c.py:../gen`). A path whose last component has a file suffix and
// an explicit or implicit generator is a file address (`src/app/util.py:lib`); the
// workspace layer re-checks that guess against the file tree (see AddressInput in specs.h).
#include "core/workspace/address.h"

#include "core/base/paths.h"

#include <algorithm>
#include <functional>

namespace trellis::workspace {

using base::Diagnostic;
using base::Result;

namespace {

constexpr std::string_view kBannedNameChars = ":#!@?/\\=";
constexpr std::string_view kBannedGeneratedChars = ":#!@?=";
constexpr std::string_view kBannedParameterChars = ":#!@?=, ";

Diagnostic addressError(std::string_view spec, std::string message)
{
    return Diagnostic::error({}, "invalid address `" + std::string(spec) + "`: " + std::move(message));
}

std::string bannedList(std::string_view chars)
{
    std::string r;
    for (char c : chars) {
        if (!r.empty())
            r += ' ';
        if (c == ' ')
            r += "<space>";
        else
            r += c;
    }
    return r;
}

std::optional<char> firstBanned(std::string_view s, std::string_view banned)
{
    for (char c : s)
        if (banned.find(c) != std::string_view::npos)
            return c;
    return std::nullopt;
}

/// Checks path components: none may be empty, "." or "..".
std::optional<std::string> checkPath(std::string_view path)
{
    if (path.empty())
        return std::nullopt;
    size_t start = 0;
    while (true) {
        const size_t slash = path.find('/', start);
        const std::string_view comp = path.substr(start, slash == std::string_view::npos ? path.npos : slash - start);
        if (comp.empty() || comp == "." || comp == "..")
            return "path component `" + std::string(comp) + "` is not allowed (no empty, `.` or `..` components)";
        if (slash == std::string_view::npos)
            break;
        start = slash + 1;
    }
    return std::nullopt;
}

/// True when the last path component looks like a file name (has a suffix after a dot).
bool looksLikeFile(std::string_view path)
{
    const std::string_view base = base::baseName(path);
    const size_t dot = base.rfind('.');
    return dot != std::string_view::npos && dot > 0 && dot + 1 < base.size();
}

int compareComponents(std::string_view a, std::string_view b)
{
    // Comparing component by component is the same as comparing the bytes with '/'
    // ranked below every other character (and the end of a string below '/'), so one
    // pass to the first difference suffices. This comparison orders every target at
    // load (the sort in loadWorkspace), where splitting at each '/' used to dominate.
    const size_t n = std::min(a.size(), b.size());
    size_t k = 0;
    while (k < n && a[k] == b[k])
        ++k;
    if (k == n)
        return a.size() == b.size() ? 0 : a.size() < b.size() ? -1 : 1;
    const auto rank = [](char c) { return c == '/' ? 0 : int(static_cast<unsigned char>(c)) + 1; };
    return rank(a[k]) < rank(b[k]) ? -1 : 1;
}

} // namespace

bool pathLess(std::string_view a, std::string_view b)
{
    return compareComponents(a, b) < 0;
}

Result<Address> Address::parse(std::string_view spec, std::string_view relativeTo)
{
    if (spec.empty())
        return addressError(spec, "empty address");
    std::string_view rest = spec;
    std::string_view params, generated, target;
    bool hasTarget = false, hasGenerated = false, hasParams = false;

    if (const size_t at = rest.find('@'); at != std::string_view::npos) {
        params = rest.substr(at + 1);
        rest = rest.substr(0, at);
        hasParams = true;
    }
    if (const size_t hash = rest.find('#'); hash != std::string_view::npos) {
        generated = rest.substr(hash + 1);
        rest = rest.substr(0, hash);
        hasGenerated = true;
    }
    if (const size_t colon = rest.find(':'); colon != std::string_view::npos) {
        target = rest.substr(colon + 1);
        rest = rest.substr(0, colon);
        hasTarget = true;
    }

    std::string path;
    if (rest.starts_with("//")) {
        path = rest.substr(2);
    } else if (rest.empty()) {
        if (!hasTarget && !hasGenerated)
            return addressError(spec, "missing path");
        path = relativeTo;
    } else if (rest.starts_with("./") || rest == ".") {
        path = base::joinPath(relativeTo, rest.size() > 2 ? rest.substr(2) : std::string_view{});
    } else {
        path = rest;
    }
    while (!path.empty() && path.back() == '/' && !hasTarget && !hasGenerated)
        path.pop_back();
    if (auto err = checkPath(path))
        return addressError(spec, *err);

    Address a;
    if (hasTarget && target.empty())
        return addressError(spec, "empty target name after `:`");
    if (hasGenerated) {
        if (generated.empty())
            return addressError(spec, "empty generated name after `#`");
        if (auto c = firstBanned(generated, kBannedGeneratedChars))
            return addressError(spec, std::string("generated name contains the banned character `") + *c
                                          + "` (banned: " + bannedList(kBannedGeneratedChars) + ")");
        a.generatedName = generated;
    }
    if (hasParams) {
        size_t start = 0;
        while (start <= params.size()) {
            const size_t comma = params.find(',', start);
            const std::string_view kv =
                params.substr(start, comma == std::string_view::npos ? params.npos : comma - start);
            const size_t eq = kv.find('=');
            if (eq == std::string_view::npos || eq == 0)
                return addressError(spec, "parameter `" + std::string(kv) + "` is not of the form key=value");
            const std::string_view key = kv.substr(0, eq);
            const std::string_view value = kv.substr(eq + 1);
            if (auto c = firstBanned(value, kBannedParameterChars))
                return addressError(spec, std::string("parameter value contains the banned character `") + *c
                                              + "` (banned: " + bannedList(kBannedParameterChars) + ")");
            if (auto c = firstBanned(key, kBannedParameterChars))
                return addressError(spec, std::string("parameter key contains the banned character `") + *c + "`");
            a.parameters.emplace_back(std::string(key), std::string(value));
            if (comma == std::string_view::npos)
                break;
            start = comma + 1;
        }
        std::sort(a.parameters.begin(), a.parameters.end());
        for (size_t i = 1; i < a.parameters.size(); ++i)
            if (a.parameters[i].first == a.parameters[i - 1].first)
                return addressError(spec, "parameter `" + a.parameters[i].first + "` given twice");
    }

    // File address with an upward target: `a/b/c.py:../gen`.
    if (hasTarget && target.find('/') != std::string_view::npos) {
        size_t ups = 0;
        std::string_view t = target;
        while (t.starts_with("../")) {
            ++ups;
            t.remove_prefix(3);
        }
        if (t.find('/') != std::string_view::npos || t.empty())
            return addressError(spec, "a file address may only refer to a generator in a parent directory "
                                      "(`dir/sub/file:../name`)");
        std::string dir(base::dirName(path));
        std::string rel(base::baseName(path));
        for (size_t i = 0; i < ups; ++i) {
            if (dir.empty())
                return addressError(spec, "too many `../` in the target name");
            rel = std::string(base::baseName(dir)) + "/" + rel;
            dir = std::string(base::dirName(dir));
        }
        if (path.empty())
            return addressError(spec, "a file address needs a file path");
        if (auto c = firstBanned(t, kBannedNameChars))
            return addressError(spec, std::string("target name contains the banned character `") + *c
                                          + "` (banned: " + bannedList(kBannedNameChars) + ")");
        a.specPath = std::move(dir);
        a.relativeFilePath = std::move(rel);
        a.targetName = t;
        if (a.targetName == base::baseName(a.specPath) && !a.specPath.empty())
            a.targetName.clear();
        if (hasGenerated)
            return addressError(spec, "a file address cannot have a generated name");
        return a;
    }

    if (hasTarget) {
        if (auto c = firstBanned(target, kBannedNameChars))
            return addressError(spec, std::string("target name contains the banned character `") + *c
                                          + "` (banned: " + bannedList(kBannedNameChars) + ")");
    }

    // `dir/file.py` or `dir/file.py:gen`: a file target of the generator in `dir`.
    const bool isFile = !hasGenerated && !path.empty() && looksLikeFile(path)
                        && !(rest.empty() && hasTarget); // `:name` is never a file
    if (isFile) {
        a.specPath = base::dirName(path);
        a.relativeFilePath = base::baseName(path);
        if (hasTarget)
            a.targetName = target;
        else if (a.specPath.empty())
            return addressError(spec, "a file at the build root needs an explicit target name (`//" + path
                                          + ":name`)");
    } else {
        a.specPath = std::move(path);
        if (hasTarget)
            a.targetName = target;
    }
    if (!a.specPath.empty() && a.targetName == base::baseName(a.specPath))
        a.targetName.clear();
    return a;
}

std::string Address::name() const
{
    if (!targetName.empty())
        return targetName;
    return std::string(base::baseName(specPath));
}

std::string Address::residenceDir() const
{
    if (!relativeFilePath.empty())
        return std::string(base::dirName(filePath()));
    return specPath;
}

Address Address::generatorAddress() const
{
    Address a;
    a.specPath = specPath;
    a.targetName = targetName;
    a.parameters = parameters;
    return a;
}

std::string Address::filePath() const
{
    if (relativeFilePath.empty())
        return {};
    return base::joinPath(specPath, relativeFilePath);
}

std::string Address::toString() const
{
    std::string r;
    r.reserve(specPath.size() + relativeFilePath.size() + targetName.size() + generatedName.size() + 8);
    if (specPath.empty())
        r += "//";
    if (!relativeFilePath.empty()) {
        r += base::joinPath(specPath, relativeFilePath);
        const auto levels = std::count(relativeFilePath.begin(), relativeFilePath.end(), '/');
        if (levels > 0 || !targetName.empty()) {
            r += ':';
            for (long i = 0; i < levels; ++i)
                r += "../";
            r += name();
        }
    } else {
        r += specPath;
        if (!targetName.empty()) {
            r += ':';
            r += targetName;
        }
        if (!generatedName.empty()) {
            r += '#';
            r += generatedName;
        }
    }
    if (!parameters.empty()) {
        r += '@';
        bool first = true;
        for (const auto &[k, v] : parameters) {
            if (!first)
                r += ',';
            first = false;
            r += k;
            r += '=';
            r += v;
        }
    }
    return r;
}

std::string Address::pathSafe() const
{
    std::string s = toString();
    if (s.starts_with("//"))
        s.erase(0, 2);
    for (char &c : s)
        if (c == '/' || c == ':')
            c = '.';
    return s;
}

bool operator<(const Address &a, const Address &b)
{
    if (int c = compareComponents(a.specPath, b.specPath))
        return c < 0;
    if (a.relativeFilePath != b.relativeFilePath) {
        if (a.relativeFilePath.empty())
            return true;
        if (b.relativeFilePath.empty())
            return false;
        return compareComponents(a.relativeFilePath, b.relativeFilePath) < 0;
    }
    if (a.targetName != b.targetName)
        return a.targetName < b.targetName; // "" (default name) sorts first
    if (a.parameters != b.parameters)
        return a.parameters < b.parameters;
    return a.generatedName < b.generatedName;
}

size_t AddressHash::operator()(const Address &a) const
{
    std::hash<std::string> h;
    size_t seed = h(a.specPath);
    auto mix = [&seed](size_t v) { seed ^= v + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2); };
    mix(h(a.targetName));
    mix(h(a.relativeFilePath));
    mix(h(a.generatedName));
    for (const auto &[k, v] : a.parameters) {
        mix(h(k));
        mix(h(v));
    }
    return seed;
}

} // namespace trellis::workspace
