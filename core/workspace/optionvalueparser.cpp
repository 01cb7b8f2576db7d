#include "core/workspace/optionvalueparser_p.h"

#include "core/base/text.h"

#include <charconv>
#include <cmath>
#include <unordered_set>

namespace trellis::workspace {

using buildlang::HostDict;
using buildlang::HostList;
using buildlang::HostValue;

namespace {

bool isWs(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isOctal(char c) { return c >= '0' && c <= '7'; }

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/// Recursive-descent reader over one option value string. Errors record the first
/// failure position; callers stop at the first error.
class Reader {
public:
    explicit Reader(std::string_view text) : m_text(text) {}

    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek(size_t ahead = 0) const { return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0'; }
    size_t pos() const { return m_pos; }
    void skipWs() { while (!atEnd() && isWs(peek())) ++m_pos; }
    bool accept(char c)
    {
        if (peek() == c && !atEnd()) {
            ++m_pos;
            return true;
        }
        return false;
    }
    bool failed() const { return !m_error.empty(); }
    const std::string &error() const { return m_error; }
    void fail(const std::string &expected)
    {
        if (m_error.empty())
            m_error = "expected " + expected + " at column " + std::to_string(m_pos + 1);
    }

    /// A Python escape sequence starting at a backslash; true when one was consumed.
    /// A malformed `\x` escape fails the reader.
    bool escape(std::string &out)
    {
        if (peek() != '\\')
            return false;
        const char c = peek(1);
        char simple = 0;
        switch (c) {
        case '\\': simple = '\\'; break;
        case '\'': simple = '\''; break;
        case '"': simple = '"'; break;
        case 'a': simple = '\a'; break;
        case 'b': simple = '\b'; break;
        case 'f': simple = '\f'; break;
        case 'n': simple = '\n'; break;
        case 'r': simple = '\r'; break;
        case 't': simple = '\t'; break;
        case 'v': simple = '\v'; break;
        default: break;
        }
        if (simple) {
            out += simple;
            m_pos += 2;
            return true;
        }
        if (isOctal(c)) {
            unsigned v = 0;
            size_t n = 0;
            while (n < 3 && isOctal(peek(1 + n))) {
                v = v * 8 + unsigned(peek(1 + n) - '0');
                ++n;
            }
            base::appendUtf8(out, v);
            m_pos += 1 + n;
            return true;
        }
        if (c == 'x') {
            const int hi = hexValue(peek(2));
            const int lo = hexValue(peek(3));
            if (hi < 0 || lo < 0 || m_pos + 3 >= m_text.size()) {
                m_pos += 2;
                fail("two hex digits");
                return false;
            }
            base::appendUtf8(out, unsigned(hi * 16 + lo));
            m_pos += 4;
            return true;
        }
        return false;
    }

    /// Python quoted string ('…' or "…").
    std::optional<std::string> quotedString()
    {
        const char quote = peek();
        if (atEnd() || (quote != '\'' && quote != '"')) {
            fail("a quoted string");
            return std::nullopt;
        }
        ++m_pos;
        std::string out;
        while (!atEnd() && peek() != quote) {
            if (escape(out))
                continue;
            if (failed())
                return std::nullopt;
            out += peek();
            ++m_pos;
        }
        if (!accept(quote)) {
            fail(std::string("closing ") + quote);
            return std::nullopt;
        }
        return out;
    }

    /// The rest of the text as an unquoted string with escapes applied.
    std::optional<std::string> unquotedRest()
    {
        std::string out;
        while (!atEnd()) {
            if (escape(out))
                continue;
            if (failed())
                return std::nullopt;
            out += peek();
            ++m_pos;
        }
        return out;
    }

    /// `[` or `(` sequence of quoted strings with optional trailing comma.
    std::optional<std::vector<std::string>> stringItems()
    {
        skipWs();
        const char open = peek();
        if (open != '[' && open != '(') {
            fail("'[' or '('");
            return std::nullopt;
        }
        const char close = open == '[' ? ']' : ')';
        ++m_pos;
        std::vector<std::string> items;
        skipWs();
        while (!atEnd() && peek() != close) {
            auto s = quotedString();
            if (!s)
                return std::nullopt;
            items.push_back(std::move(*s));
            skipWs();
            if (!accept(',')) {
                break;
            }
            skipWs();
        }
        if (!accept(close)) {
            fail(std::string("',' or '") + close + "'");
            return std::nullopt;
        }
        skipWs();
        return items;
    }

    /// A heterogeneous value inside a dict literal.
    std::optional<HostValue> value()
    {
        skipWs();
        const char c = peek();
        if (c == '\'' || c == '"') {
            auto s = quotedString();
            return s ? std::optional<HostValue>(HostValue::string(std::move(*s))) : std::nullopt;
        }
        if (c == '[' || c == '(') {
            const char close = c == '[' ? ']' : ')';
            ++m_pos;
            HostList items;
            skipWs();
            while (!atEnd() && peek() != close) {
                auto v = value();
                if (!v)
                    return std::nullopt;
                items.push_back(std::move(*v));
                skipWs();
                if (!accept(','))
                    break;
                skipWs();
            }
            if (!accept(close)) {
                fail(std::string("',' or '") + close + "'");
                return std::nullopt;
            }
            return HostValue::list(std::move(items));
        }
        if (c == '{') {
            auto d = dict();
            return d ? std::optional<HostValue>(HostValue::dict(std::move(*d))) : std::nullopt;
        }
        // bool
        for (const std::string_view word : {std::string_view("true"), std::string_view("false")}) {
            if (m_pos + word.size() <= m_text.size()) {
                bool same = true;
                for (size_t i = 0; i < word.size(); ++i)
                    same = same && std::tolower(static_cast<unsigned char>(m_text[m_pos + i])) == word[i];
                if (same) {
                    m_pos += word.size();
                    return HostValue::boolean(word == "true");
                }
            }
        }
        // number: take the longest run of number characters and parse it
        size_t end = m_pos;
        while (end < m_text.size() && (isDigit(m_text[end]) || m_text[end] == '_' || m_text[end] == '.'
                                       || m_text[end] == '+' || m_text[end] == '-' || m_text[end] == 'e'
                                       || m_text[end] == 'E'))
            ++end;
        const std::string_view num = m_text.substr(m_pos, end - m_pos);
        if (!num.empty()) {
            if (auto i = OptionValueParser::parseInt(num)) {
                m_pos = end;
                return HostValue::integer(*i.value);
            }
            if (auto f = OptionValueParser::parseFloat(num)) {
                m_pos = end;
                return HostValue::real(*f.value);
            }
        }
        fail("a value (string, number, bool, list, tuple or dict)");
        return std::nullopt;
    }

    /// `{ 'key': value, ... }` with optional trailing comma.
    std::optional<HostDict> dict()
    {
        skipWs();
        if (!accept('{')) {
            fail("'{' or '+{'");
            return std::nullopt;
        }
        HostDict entries;
        skipWs();
        while (!atEnd() && peek() != '}') {
            auto key = quotedString();
            if (!key)
                return std::nullopt;
            skipWs();
            if (!accept(':')) {
                fail("':'");
                return std::nullopt;
            }
            auto v = value();
            if (!v)
                return std::nullopt;
            bool replaced = false;
            for (auto &[k, old] : entries) {
                if (k.str() == *key) {
                    old = *v;
                    replaced = true;
                }
            }
            if (!replaced)
                entries.emplace_back(HostValue::string(std::move(*key)), std::move(*v));
            skipWs();
            if (!accept(','))
                break;
            skipWs();
        }
        if (!accept('}')) {
            fail("',' or '}'");
            return std::nullopt;
        }
        skipWs();
        return entries;
    }

private:
    std::string_view m_text;
    size_t m_pos = 0;
    std::string m_error;
};

std::string stripUnderscores(std::string_view s)
{
    std::string out;
    for (char c : s)
        if (c != '_')
            out += c;
    return out;
}

/// Python digitpart: digits with single underscores between them.
bool isDigitPart(std::string_view s)
{
    if (s.empty() || !isDigit(s.front()) || !isDigit(s.back()))
        return false;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '_') {
            if (!isDigit(s[i + 1]))
                return false;
        } else if (!isDigit(s[i])) {
            return false;
        }
    }
    return true;
}

} // namespace

Parsed<bool> OptionValueParser::parseBool(std::string_view text)
{
    std::string lower;
    for (char c : text)
        lower += char(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "true")
        return {true, {}};
    if (lower == "false")
        return {false, {}};
    return {std::nullopt, "expected 'true' or 'false', got '" + std::string(text) + "'"};
}

Parsed<std::int64_t> OptionValueParser::parseInt(std::string_view text)
{
    std::string_view digits = text;
    bool negative = false;
    if (!digits.empty() && (digits.front() == '+' || digits.front() == '-')) {
        negative = digits.front() == '-';
        digits.remove_prefix(1);
    }
    if (!isDigitPart(digits))
        return {std::nullopt, "expected an integer, got '" + std::string(text) + "'"};
    const std::string clean = (negative ? "-" : "") + stripUnderscores(digits);
    std::int64_t v = 0;
    const auto [ptr, ec] = std::from_chars(clean.data(), clean.data() + clean.size(), v);
    if (ec != std::errc() || ptr != clean.data() + clean.size())
        return {std::nullopt, "integer out of range: '" + std::string(text) + "'"};
    return {v, {}};
}

Parsed<double> OptionValueParser::parseFloat(std::string_view text)
{
    if (auto i = parseInt(text))
        return {double(*i.value), {}};
    const auto bad = [&] { return Parsed<double>{std::nullopt, "expected a float, got '" + std::string(text) + "'"}; };
    std::string_view s = text;
    std::string clean;
    if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
        clean += s.front();
        s.remove_prefix(1);
    }
    const size_t dot = s.find('.');
    if (dot == std::string_view::npos || !isDigitPart(s.substr(0, dot)))
        return bad();
    clean += stripUnderscores(s.substr(0, dot + 1));
    std::string_view rest = s.substr(dot + 1);
    const size_t e = rest.find_first_of("eE");
    const std::string_view frac = rest.substr(0, e);
    if (!frac.empty() && !isDigitPart(frac))
        return bad();
    clean += stripUnderscores(frac);
    if (e != std::string_view::npos) {
        std::string_view exp = rest.substr(e + 1);
        clean += 'e';
        if (!exp.empty() && (exp.front() == '+' || exp.front() == '-')) {
            clean += exp.front();
            exp.remove_prefix(1);
        }
        if (!isDigitPart(exp))
            return bad();
        clean += stripUnderscores(exp);
    }
    double v = 0;
    const auto [ptr, ec] = std::from_chars(clean.data(), clean.data() + clean.size(), v);
    if (ec != std::errc() || ptr != clean.data() + clean.size() || !std::isfinite(v))
        return bad();
    return {v, {}};
}

Parsed<std::vector<ListEdit>> OptionValueParser::parseListEdits(std::string_view text)
{
    using Result = Parsed<std::vector<ListEdit>>;
    if (text.empty())
        return {std::vector<ListEdit>{{ListEdit::Action::Add, {std::string()}}}, {}};

    const char c0 = text[0];
    const char c1 = text.size() > 1 ? text[1] : '\0';
    const bool editSyntax = isWs(c0) || c0 == '[' || c0 == '('
                            || ((c0 == '+' || c0 == '-') && (c1 == '[' || c1 == '('));
    if (!editSyntax) {
        Reader r(text);
        auto s = r.unquotedRest();
        if (!s)
            return Result{std::nullopt, r.error()};
        return {std::vector<ListEdit>{{ListEdit::Action::Add, {std::move(*s)}}}, {}};
    }

    // Replace: ws* items ws* EOF.
    {
        Reader r(text);
        r.skipWs();
        if (r.peek() == '[' || r.peek() == '(') {
            auto items = r.stringItems();
            if (items && r.atEnd())
                return {std::vector<ListEdit>{{ListEdit::Action::Replace, std::move(*items)}}, {}};
            if (!items)
                return Result{std::nullopt, r.error()};
            r.fail("end of value");
            return Result{std::nullopt, r.error()};
        }
    }

    // Edits: (ws* [+-] items ws*) separated by ','.
    Reader r(text);
    std::vector<ListEdit> edits;
    while (true) {
        r.skipWs();
        ListEdit edit;
        if (r.accept('+')) {
            edit.action = ListEdit::Action::Add;
        } else if (r.accept('-')) {
            edit.action = ListEdit::Action::Remove;
        } else {
            r.fail("'+' (add) or '-' (remove)");
            return Result{std::nullopt, r.error()};
        }
        auto items = r.stringItems();
        if (!items)
            return Result{std::nullopt, r.error()};
        edit.items = std::move(*items);
        edits.push_back(std::move(edit));
        r.skipWs();
        if (r.atEnd())
            break;
        if (!r.accept(',')) {
            r.fail("',' or end of value");
            return Result{std::nullopt, r.error()};
        }
    }
    return {std::move(edits), {}};
}

Parsed<DictEdit> OptionValueParser::parseDictEdit(std::string_view text)
{
    Reader r(text);
    r.skipWs();
    DictEdit edit;
    edit.merge = r.accept('+');
    auto d = r.dict();
    if (!d)
        return {std::nullopt, r.error()};
    if (!r.atEnd()) {
        r.fail("end of value");
        return {std::nullopt, r.error()};
    }
    edit.entries = std::move(*d);
    return {std::move(edit), {}};
}

std::vector<std::string> OptionValueParser::applyListEdits(const std::vector<ListEdit> &edits)
{
    std::vector<std::string> list;
    std::vector<const ListEdit *> removals;
    for (const ListEdit &e : edits) {
        switch (e.action) {
        case ListEdit::Action::Replace:
            list = e.items;
            removals.clear();
            break;
        case ListEdit::Action::Add:
            list.insert(list.end(), e.items.begin(), e.items.end());
            break;
        case ListEdit::Action::Remove:
            removals.push_back(&e);
            break;
        }
    }
    if (!removals.empty()) {
        std::unordered_set<std::string_view> drop;
        for (const ListEdit *e : removals)
            drop.insert(e->items.begin(), e->items.end());
        std::vector<std::string> kept;
        for (std::string &s : list)
            if (!drop.count(s))
                kept.push_back(std::move(s));
        list = std::move(kept);
    }
    return list;
}

HostDict OptionValueParser::applyDictEdits(const std::vector<DictEdit> &edits)
{
    HostDict dict;
    for (const DictEdit &e : edits) {
        if (!e.merge) {
            dict = e.entries;
            continue;
        }
        for (const auto &[k, v] : e.entries) {
            bool found = false;
            for (auto &[ok, ov] : dict) {
                if (ok.str() == k.str()) {
                    ov = v;
                    found = true;
                    break;
                }
            }
            if (!found)
                dict.emplace_back(k, v);
        }
    }
    return dict;
}

} // namespace trellis::workspace
