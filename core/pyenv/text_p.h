// Small string helpers private to core/pyenv (core/base/text.h has no splitting or joining).
#pragma once

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace trellis::pyenv::text {

/// `s` split at every `sep` (empty parts kept).
inline std::vector<std::string> split(std::string_view s, char sep)
{
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (true) {
        const std::size_t at = s.find(sep, pos);
        out.emplace_back(s.substr(pos, at == std::string_view::npos ? std::string_view::npos : at - pos));
        if (at == std::string_view::npos)
            return out;
        pos = at + 1;
    }
}

/// Lines without their '\n' (and '\r').
inline std::vector<std::string> splitLines(std::string_view s)
{
    std::vector<std::string> out = split(s, '\n');
    for (std::string &l : out)
        if (!l.empty() && l.back() == '\r')
            l.pop_back();
    return out;
}

inline std::string join(const std::vector<std::string> &parts, std::string_view sep)
{
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i)
            out += sep;
        out += parts[i];
    }
    return out;
}

inline bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

} // namespace trellis::pyenv::text
