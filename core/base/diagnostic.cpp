#include "core/base/diagnostic.h"

#include <algorithm>

namespace trellis::base {

namespace {

// Number of bytes taken by the first `codePoints` UTF-8 code points of `s`,
// so that a caret lines up under a column counted in code points.
std::string caretPadding(std::string_view s, int codePoints)
{
    std::string pad;
    int seen = 0;
    for (size_t i = 0; i < s.size() && seen < codePoints; ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if ((c & 0xC0) == 0x80)
            continue; // continuation byte
        pad += (c == '\t') ? '\t' : ' ';
        ++seen;
    }
    while (seen++ < codePoints)
        pad += ' ';
    return pad;
}

bool isContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

/// Byte offset of code point `index` in `s` (s.size() when past the end).
std::size_t byteOffset(std::string_view s, std::size_t index)
{
    std::size_t seen = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (isContinuation(s[i]))
            continue;
        if (seen++ == index)
            return i;
    }
    return s.size();
}

std::size_t codePointCount(std::string_view s)
{
    std::size_t n = 0;
    for (char c : s)
        n += isContinuation(c) ? 0 : 1;
    return n;
}

// A long source line (a generated 20 MB one-line BUILD file) is shown as a window of
// this many code points around the column, with "..." where it was cut.
constexpr std::size_t kMaxShownLine = 200;
// Messages can quote user text; longer ones keep their start and end.
constexpr std::size_t kMaxMessage = 1000;

std::string shortenedMessage(const std::string &m)
{
    if (m.size() <= kMaxMessage)
        return m;
    std::size_t head = kMaxMessage / 2, tail = m.size() - kMaxMessage / 2;
    while (head > 0 && isContinuation(m[head]))
        --head;
    while (tail < m.size() && isContinuation(m[tail]))
        ++tail;
    return m.substr(0, head) + " ... " + m.substr(tail);
}

} // namespace

std::string excerptLine(std::string_view line, int column, int &caretColumn)
{
    caretColumn = column;
    const std::size_t length = codePointCount(line);
    if (length <= kMaxShownLine + kMaxShownLine / 5)
        return std::string(line);
    const std::size_t at = column > 0 ? std::min(std::size_t(column - 1), length) : 0;
    std::size_t first = at > kMaxShownLine / 2 ? at - kMaxShownLine / 2 : 0;
    const std::size_t last = std::min(length, first + kMaxShownLine);
    first = last > kMaxShownLine ? std::min(first, last - kMaxShownLine) : 0;
    const std::size_t b = byteOffset(line, first), e = byteOffset(line, last);
    std::string out;
    if (first > 0)
        out += "...";
    out.append(line.substr(b, e - b));
    if (last < length)
        out += "...";
    if (column > 0)
        caretColumn = int(at - first) + 1 + (first > 0 ? 3 : 0);
    return out;
}

namespace {

} // namespace

const char *severityName(Severity s)
{
    switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
    }
    return "error";
}

Diagnostic Diagnostic::error(SourceLocation loc, std::string message, std::string hint)
{
    return Diagnostic{std::move(loc), Severity::Error, std::move(message), std::move(hint), {}};
}

Diagnostic Diagnostic::warning(SourceLocation loc, std::string message, std::string hint)
{
    return Diagnostic{std::move(loc), Severity::Warning, std::move(message), std::move(hint), {}};
}

std::string Diagnostic::headline() const
{
    std::string s;
    if (loc.isValid())
        s = loc.toString() + ": ";
    s += severityName(severity);
    s += ": ";
    s += shortenedMessage(message);
    return s;
}

std::string Diagnostic::format() const
{
    std::string s = headline();
    if (!sourceLine.empty()) {
        int caretColumn = 0;
        const std::string shown = excerptLine(sourceLine, loc.column, caretColumn);
        s += '\n';
        s += shown;
        if (caretColumn > 0) {
            s += '\n';
            s += caretPadding(shown, caretColumn - 1);
            s += '^';
        }
    }
    if (!hint.empty())
        s += "\n(" + hint + ")";
    return s;
}

bool hasErrors(const Diagnostics &diags)
{
    for (const auto &d : diags)
        if (d.severity == Severity::Error)
            return true;
    return false;
}

std::string lineOf(std::string_view text, int line)
{
    if (line < 1)
        return {};
    size_t start = 0;
    for (int l = 1; l < line; ++l) {
        const size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos)
            return {};
        start = nl + 1;
    }
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos)
        end = text.size();
    if (end > start && text[end - 1] == '\r')
        --end;
    return std::string(text.substr(start, end - start));
}

} // namespace trellis::base
