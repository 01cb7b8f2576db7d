#include "core/base/jsontext.h"

#include "core/base/text.h"

#include <cstdint>
#include <cstdio>

namespace trellis::base {

namespace {

/// Decodes one well-formed UTF-8 sequence at s[i]; returns its length and sets `cp`, or
/// returns 0 - n where n is the length of the maximal ill-formed subpart to replace.
int decode(std::string_view s, std::size_t i, std::uint32_t &cp)
{
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = byte(i);
    if (c < 0x80) {
        cp = c;
        return 1;
    }
    int len = 0;
    unsigned char lo = 0x80, hi = 0xBF; // allowed range of the second byte (Unicode table 3-7)
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0F;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F; // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F; // nothing above U+10FFFF
    } else {
        return -1; // continuation byte, C0, C1, F5..FF
    }
    for (int k = 1; k < len; ++k) {
        if (i + std::size_t(k) >= s.size())
            return -k;
        const unsigned char b = byte(i + std::size_t(k));
        const unsigned char min = k == 1 ? lo : 0x80, max = k == 1 ? hi : 0xBF;
        if (b < min || b > max)
            return -k;
        cp = (cp << 6) | (b & 0x3F);
    }
    return len;
}

void appendU(std::string &out, std::uint32_t u)
{
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(u));
    out += buf;
}

constexpr std::uint32_t kReplacement = 0xFFFD;

/// The JSON escapes shared by appendJsonString and lineSafeName; false when `c` needs none.
bool appendEscape(std::string &out, std::uint32_t c)
{
    switch (c) {
    case '"': out += "\\\""; return true;
    case '\\': out += "\\\\"; return true;
    case '\n': out += "\\n"; return true;
    case '\r': out += "\\r"; return true;
    case '\t': out += "\\t"; return true;
    case '\b': out += "\\b"; return true;
    case '\f': out += "\\f"; return true;
    default:
        if (c < 0x20) {
            appendU(out, c);
            return true;
        }
        return false;
    }
}

} // namespace

bool isValidUtf8(std::string_view s)
{
    std::uint32_t cp = 0;
    for (std::size_t i = 0; i < s.size();) {
        const int n = decode(s, i, cp);
        if (n <= 0)
            return false;
        i += std::size_t(n);
    }
    return true;
}

std::string toValidUtf8(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    std::uint32_t cp = 0;
    for (std::size_t i = 0; i < s.size();) {
        const int n = decode(s, i, cp);
        if (n > 0) {
            out.append(s.substr(i, std::size_t(n)));
            i += std::size_t(n);
        } else {
            appendUtf8(out, kReplacement);
            i += std::size_t(-n);
        }
    }
    return out;
}

void appendJsonString(std::string &out, std::string_view s, JsonAscii ascii)
{
    out += '"';
    std::uint32_t cp = 0;
    for (std::size_t i = 0; i < s.size();) {
        const int n = decode(s, i, cp);
        if (n <= 0) {
            cp = kReplacement;
            i += std::size_t(-n);
        } else {
            i += std::size_t(n);
        }
        if (cp < 0x80) {
            if (!appendEscape(out, cp))
                out += char(cp);
        } else if (ascii == JsonAscii::Keep) {
            appendUtf8(out, cp);
        } else if (cp >= 0x10000) {
            appendU(out, 0xD800 + ((cp - 0x10000) >> 10));
            appendU(out, 0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else {
            appendU(out, cp);
        }
    }
    out += '"';
}

std::string jsonString(std::string_view s, JsonAscii ascii)
{
    std::string out;
    out.reserve(s.size() + 2);
    appendJsonString(out, s, ascii);
    return out;
}

bool isLineSafe(std::string_view name)
{
    for (char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F)
            return false;
    }
    return isValidUtf8(name);
}

std::string lineSafeName(std::string_view name)
{
    if (isLineSafe(name))
        return std::string(name);
    std::string out = "\"";
    std::uint32_t cp = 0;
    for (std::size_t i = 0; i < name.size();) {
        const int n = decode(name, i, cp);
        if (n <= 0) {
            for (int k = 0; k < -n; ++k) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\x%02x", unsigned(static_cast<unsigned char>(name[i + std::size_t(k)])));
                out += buf;
            }
            i += std::size_t(-n);
            continue;
        }
        if (cp == 0x7F)
            appendU(out, cp);
        else if (cp >= 0x80 || !appendEscape(out, cp))
            out.append(name.substr(i, std::size_t(n)));
        i += std::size_t(n);
    }
    out += '"';
    return out;
}

} // namespace trellis::base
