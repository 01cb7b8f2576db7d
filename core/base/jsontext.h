// Names in output: one JSON string writer for all of core, and a line-safe form of a
// name for line-oriented output (`list`, `dependencies`, ...).
//
//   std::string out;
//   base::appendJsonString(out, address, base::JsonAscii::Escape);   // "src/caf\u00e9.py"
//   std::cout << base::lineSafeName(name) << '\n';
//
// File and target names are bytes on Linux and need not be UTF-8. Trellis's rule, the
// same everywhere a name leaves the program as text:
//   * JSON is always valid UTF-8 (or pure ASCII with \u escapes): every byte sequence that
//     is not well-formed UTF-8 (stray continuation bytes, truncated or overlong
//     sequences, encoded surrogates U+D800..U+DFFF, code points above U+10FFFF) becomes
//     U+FFFD, one per maximal ill-formed subsequence (the Unicode "substitution of
//     maximal subparts" practice). No lone surrogate is ever written; astral characters
//     are written as a surrogate *pair* when escaping to ASCII.
//   * Line-oriented output prints a name as it is when it has no control character and
//     is valid UTF-8; otherwise it prints the name double-quoted with JSON escapes
//     ("src/a\nb.py"), so that one name is always one line, and invalid bytes as \xNN
//     inside the quotes so that the original bytes can be recovered.
#pragma once

#include <string>
#include <string_view>

namespace trellis::base {

/// True when `s` is well-formed UTF-8.
bool isValidUtf8(std::string_view s);

/// `s` with every ill-formed UTF-8 subsequence replaced by U+FFFD.
std::string toValidUtf8(std::string_view s);

enum class JsonAscii {
    Keep,   ///< non-ASCII characters written as UTF-8 (JSON's own form)
    Escape, ///< non-ASCII as \uXXXX, astral as a surrogate pair (Python's ensure_ascii)
};

/// Appends `s` as a JSON string literal (quotes included): `"`, `\` and control
/// characters escaped, ill-formed UTF-8 replaced by U+FFFD.
void appendJsonString(std::string &out, std::string_view s, JsonAscii ascii = JsonAscii::Keep);

/// appendJsonString into a new string.
std::string jsonString(std::string_view s, JsonAscii ascii = JsonAscii::Keep);

/// True when `name` can be printed on a line as it is (no control character, valid UTF-8).
bool isLineSafe(std::string_view name);

/// `name` itself when isLineSafe, else the quoted and escaped form described above.
std::string lineSafeName(std::string_view name);

} // namespace trellis::base
