#include "core/base/diagnostic.h"

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
    s += message;
    return s;
}

std::string Diagnostic::format() const
{
    std::string s = headline();
    if (!sourceLine.empty()) {
        s += '\n';
        s += sourceLine;
        if (loc.column > 0) {
            s += '\n';
            s += caretPadding(sourceLine, loc.column - 1);
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
