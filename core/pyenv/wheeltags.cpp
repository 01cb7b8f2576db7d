#include "core/pyenv/wheeltags.h"

#include "core/base/text.h"
#include "core/lockfile/pep440.h"
#include "core/pyenv/text_p.h"

#include <algorithm>

namespace trellis::pyenv {

namespace {

/// Platform tags best first for `info` ("linux-x86_64" -> manylinux..., linux_x86_64).
std::vector<std::string> platformTags(const PythonInfo &info)
{
    std::string plat = info.platform;
    std::replace(plat.begin(), plat.end(), '-', '_');
    std::replace(plat.begin(), plat.end(), '.', '_');
    std::vector<std::string> out;
    if (plat.starts_with("linux_")) {
        const std::string arch = plat.substr(6);
        int glibcMinor = -1;
        if (info.glibc.starts_with("2."))
            glibcMinor = std::atoi(info.glibc.c_str() + 2);
        for (int minor = glibcMinor; minor >= 5; --minor) {
            out.push_back("manylinux_2_" + std::to_string(minor) + "_" + arch);
            if (minor == 17)
                out.push_back("manylinux2014_" + arch);
            if (minor == 12)
                out.push_back("manylinux2010_" + arch);
            if (minor == 5)
                out.push_back("manylinux1_" + arch);
        }
        out.push_back(plat);
    } else if (plat.starts_with("macosx_")) {
        // macosx_14_0_arm64: every older macOS of the same architecture still fits.
        const auto parts = text::split(plat, '_');
        if (parts.size() >= 4) {
            const std::string arch = text::join({parts.begin() + 3, parts.end()}, "_");
            const int major = std::atoi(parts[1].c_str());
            for (int m = major; m >= 10; --m) {
                const int minors = m == 10 ? 16 : 0;
                for (int n = (m == major ? std::atoi(parts[2].c_str()) : minors); n >= 0; --n) {
                    out.push_back("macosx_" + std::to_string(m) + "_" + std::to_string(n) + "_" + arch);
                    out.push_back("macosx_" + std::to_string(m) + "_" + std::to_string(n) + "_universal2");
                }
            }
        }
    } else if (!plat.empty()) {
        out.push_back(plat);
    }
    return out;
}

} // namespace

std::optional<WheelName> parseWheelName(const std::string &file)
{
    if (!file.ends_with(".whl"))
        return std::nullopt;
    const auto parts = text::split(std::string_view(file).substr(0, file.size() - 4), '-');
    if (parts.size() != 5 && parts.size() != 6)
        return std::nullopt;
    WheelName w;
    w.name = base::normalizeProjectName(parts[0]);
    w.version = parts[1];
    const std::size_t t = parts.size() - 3;
    for (const std::string &py : text::split(parts[t], '.'))
        for (const std::string &abi : text::split(parts[t + 1], '.'))
            for (const std::string &plat : text::split(parts[t + 2], '.'))
                w.tags.push_back(py + "-" + abi + "-" + plat);
    return w;
}

TagSet supportedTags(const PythonInfo &info)
{
    TagSet set;
    auto add = [&](const std::string &tag) {
        if (set.rank.emplace(tag, int(set.ordered.size())).second)
            set.ordered.push_back(tag);
    };
    auto v = lockfile::Version::parse(info.version);
    if (!v)
        return set;
    const int major = int(v->component(0));
    const int minor = int(v->component(1));
    const std::string xy = std::to_string(major) + std::to_string(minor);
    const std::vector<std::string> plats = platformTags(info);
    const bool cpython = info.implementation == "CPython";
    std::string interp = cpython ? "cp" + xy : info.implementation == "PyPy" ? "pp" + xy : "py" + xy;
    // The interpreter's own ABI from SOABI: cpython-311-x86_64-linux-gnu -> cp311,
    // pypy39-pp73-x86_64-linux-gnu -> pypy39_pp73.
    std::string abi;
    const auto soabi = text::split(info.soabi, '-');
    if (cpython && soabi.size() >= 2 && soabi[0] == "cpython")
        abi = "cp" + soabi[1];
    else if (!cpython && soabi.size() >= 2)
        abi = soabi[0] + "_" + soabi[1];
    else if (cpython)
        abi = "cp" + xy;
    std::vector<std::string> abis;
    if (!abi.empty())
        abis.push_back(abi);
    if (cpython)
        abis.push_back("abi3");
    abis.push_back("none");
    for (const std::string &a : abis)
        for (const std::string &p : plats)
            add(interp + "-" + a + "-" + p);
    if (cpython)
        for (int m = minor - 1; m >= 2 && major == 3; --m)
            for (const std::string &p : plats)
                add("cp3" + std::to_string(m) + "-abi3-" + p);
    std::vector<std::string> pys = {"py" + xy, "py" + std::to_string(major)};
    for (int m = minor - 1; m >= 0; --m)
        pys.push_back("py" + std::to_string(major) + std::to_string(m));
    for (const std::string &py : pys)
        for (const std::string &p : plats)
            add(py + "-none-" + p);
    add(interp + "-none-any");
    for (const std::string &py : pys)
        add(py + "-none-any");
    return set;
}

int wheelRank(const WheelName &wheel, const TagSet &tags)
{
    int best = -1;
    for (const std::string &t : wheel.tags)
        if (auto it = tags.rank.find(t); it != tags.rank.end())
            if (best < 0 || it->second < best)
                best = it->second;
    return best;
}

} // namespace trellis::pyenv
