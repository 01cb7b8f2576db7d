#include "core/workspace/ignorerules.h"
#include "core/base/text.h"

#include <cctype>
#include <cstring>
#include <optional>

namespace trellis::workspace {

namespace {

bool classMatches(std::string_view cls, unsigned char c)
{
    if (cls == "alpha") return std::isalpha(c);
    if (cls == "digit") return std::isdigit(c);
    if (cls == "alnum") return std::isalnum(c);
    if (cls == "upper") return std::isupper(c);
    if (cls == "lower") return std::islower(c);
    if (cls == "space") return std::isspace(c);
    if (cls == "punct") return std::ispunct(c);
    if (cls == "xdigit") return std::isxdigit(c);
    if (cls == "blank") return c == ' ' || c == '\t';
    if (cls == "cntrl") return std::iscntrl(c);
    if (cls == "graph") return std::isgraph(c);
    if (cls == "print") return std::isprint(c);
    return false;
}

/// Matches a bracket expression starting at pattern[p] == '['. Returns the index after
/// the closing ']' and sets `matched`; returns npos when the bracket is not closed.
size_t matchBracket(std::string_view pattern, size_t p, unsigned char c, bool escapes, bool &matched)
{
    size_t i = p + 1;
    bool negate = false;
    if (i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^')) {
        negate = true;
        ++i;
    }
    bool found = false;
    bool first = true;
    while (i < pattern.size() && (pattern[i] != ']' || first)) {
        first = false;
        if (pattern[i] == '[' && i + 1 < pattern.size() && pattern[i + 1] == ':') {
            const size_t close = pattern.find(":]", i + 2);
            if (close != std::string_view::npos) {
                found = found || classMatches(pattern.substr(i + 2, close - i - 2), c);
                i = close + 2;
                continue;
            }
        }
        unsigned char lo = static_cast<unsigned char>(pattern[i]);
        if (escapes && pattern[i] == '\\' && i + 1 < pattern.size())
            lo = static_cast<unsigned char>(pattern[++i]);
        ++i;
        unsigned char hi = lo;
        if (i + 1 < pattern.size() && pattern[i] == '-' && pattern[i + 1] != ']') {
            ++i;
            hi = static_cast<unsigned char>(pattern[i]);
            if (escapes && pattern[i] == '\\' && i + 1 < pattern.size())
                hi = static_cast<unsigned char>(pattern[++i]);
            ++i;
        }
        if (c >= lo && c <= hi)
            found = true;
    }
    if (i >= pattern.size())
        return std::string_view::npos;
    matched = found != negate;
    return i + 1;
}

} // namespace

bool hasWildcard(std::string_view pattern)
{
    return pattern.find_first_of("*?[") != std::string_view::npos;
}

bool wildcardMatch(std::string_view pattern, std::string_view text, bool backslashEscapes)
{
    // Iterative matcher with one backtrack point for the most recent '*'.
    size_t p = 0, t = 0;
    size_t starP = std::string_view::npos, starT = 0;
    while (t < text.size()) {
        bool advanced = false;
        if (p < pattern.size()) {
            const char pc = pattern[p];
            if (pc == '*') {
                while (p < pattern.size() && pattern[p] == '*')
                    ++p;
                starP = p;
                starT = t;
                continue;
            }
            if (pc == '?') {
                ++p;
                ++t;
                advanced = true;
            } else if (pc == '[') {
                bool matched = false;
                const size_t next = matchBracket(pattern, p, static_cast<unsigned char>(text[t]), backslashEscapes,
                                                 matched);
                if (next == std::string_view::npos) {
                    // Unclosed bracket: a literal '['.
                    if (text[t] == '[') {
                        ++p;
                        ++t;
                        advanced = true;
                    }
                } else if (matched) {
                    p = next;
                    ++t;
                    advanced = true;
                }
            } else {
                char lit = pc;
                size_t width = 1;
                if (backslashEscapes && pc == '\\' && p + 1 < pattern.size()) {
                    lit = pattern[p + 1];
                    width = 2;
                }
                if (lit == text[t]) {
                    p += width;
                    ++t;
                    advanced = true;
                }
            }
        }
        if (advanced)
            continue;
        if (starP == std::string_view::npos)
            return false;
        p = starP;
        t = ++starT;
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

IgnoreRules IgnoreRules::fromLines(const std::vector<std::string> &lines)
{
    IgnoreRules rules;
    for (const std::string &line : lines)
        rules.addLine(line);
    return rules;
}

IgnoreRules IgnoreRules::fromText(std::string_view text)
{
    IgnoreRules rules;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        rules.addLine(text.substr(start, end - start));
        start = end + 1;
    }
    return rules;
}

void IgnoreRules::addLine(std::string_view line)
{
    if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
    // Trailing spaces are dropped unless escaped with a backslash.
    while (!line.empty() && line.back() == ' ') {
        size_t backslashes = 0;
        for (size_t i = line.size() - 1; i > 0 && line[i - 1] == '\\'; --i)
            ++backslashes;
        if (backslashes % 2 == 1)
            break;
        line.remove_suffix(1);
    }
    if (line.empty() || line.front() == '#')
        return;
    Rule rule;
    if (line.front() == '!') {
        rule.negated = true;
        line.remove_prefix(1);
    }
    if (!line.empty() && line.back() == '/' && !(line.size() >= 2 && line[line.size() - 2] == '\\')) {
        rule.dirOnly = true;
        while (!line.empty() && line.back() == '/')
            line.remove_suffix(1);
    }
    const size_t slash = line.find('/');
    rule.anchored = slash != std::string_view::npos;
    if (!line.empty() && line.front() == '/')
        line.remove_prefix(1);
    for (std::string_view part : base::splitPath(line)) {
        // `**` is special only as a whole component; elsewhere it acts like `*`.
        rule.components.emplace_back(part);
    }
    if (rule.components.empty())
        return;
    if (rule.components.size() == 1 && !rule.anchored) {
        const std::string &c = rule.components.front();
        if (!hasWildcard(c) && c.find('\\') == std::string::npos) {
            rule.kind = Rule::Kind::Literal;
            rule.literal = c;
        } else if (c.size() > 1 && c.front() == '*' && !hasWildcard(c.substr(1)) && c.find('\\') == std::string::npos) {
            rule.kind = Rule::Kind::Suffix;
            rule.literal = c.substr(1);
        }
    }
    m_rules.push_back(std::move(rule));
}

namespace {

/// Path components without heap allocation for the common (shallow) case.
class Components {
public:
    explicit Components(std::string_view path)
    {
        size_t start = 0;
        while (start <= path.size()) {
            const size_t slash = path.find('/', start);
            const size_t end = slash == std::string_view::npos ? path.size() : slash;
            if (end > start)
                push(path.substr(start, end - start));
            if (slash == std::string_view::npos)
                break;
            start = slash + 1;
        }
    }
    size_t size() const { return m_size; }
    std::string_view operator[](size_t i) const { return i < kInline ? m_inline[i] : m_overflow[i - kInline]; }

private:
    void push(std::string_view c)
    {
        if (m_size < kInline)
            m_inline[m_size] = c;
        else
            m_overflow.push_back(c);
        ++m_size;
    }
    static constexpr size_t kInline = 16;
    std::string_view m_inline[kInline];
    std::vector<std::string_view> m_overflow;
    size_t m_size = 0;
};

/// Matches pattern components against path components; `**` matches zero or more
/// components, except that a trailing `**` needs at least one.
bool matchComponents(const std::vector<std::string> &pat, size_t pi, const Components &path, size_t ti)
{
    while (pi < pat.size()) {
        if (pat[pi] == "**") {
            if (pi + 1 == pat.size())
                return ti < path.size();
            for (size_t skip = ti; skip <= path.size(); ++skip)
                if (matchComponents(pat, pi + 1, path, skip))
                    return true;
            return false;
        }
        if (ti >= path.size() || !wildcardMatch(pat[pi], path[ti]))
            return false;
        ++pi;
        ++ti;
    }
    return ti == path.size();
}

/// A path as the rules look at it: its last component, and its components split once
/// (on first use) however many anchored rules are tried against it.
class MatchSubject {
public:
    explicit MatchSubject(std::string_view path)
        : m_path(path)
    {
        const size_t slash = path.rfind('/');
        m_name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    }
    std::string_view name() const { return m_name; }
    const Components &components()
    {
        if (!m_components)
            m_components.emplace(m_path);
        return *m_components;
    }

private:
    std::string_view m_path;
    std::string_view m_name;
    std::optional<Components> m_components;
};

/// One rule (an IgnoreRules::Rule) against a subject; shared by matches() and match().
template <typename Rule>
bool ruleMatches(const Rule &rule, MatchSubject &subject, bool isDir)
{
    using Kind = typename Rule::Kind;
    if (rule.dirOnly && !isDir)
        return false;
    if (!rule.anchored) {
        const std::string_view name = subject.name();
        switch (rule.kind) {
        case Kind::Literal: return name == rule.literal;
        case Kind::Suffix:
            return name.size() >= rule.literal.size()
                   && name.compare(name.size() - rule.literal.size(), rule.literal.size(), rule.literal) == 0;
        case Kind::General: return wildcardMatch(rule.components.front(), name);
        }
    }
    return matchComponents(rule.components, 0, subject.components(), 0);
}

} // namespace

bool IgnoreRules::matches(const Rule &rule, std::string_view path, bool isDir) const
{
    MatchSubject subject(path);
    return ruleMatches(rule, subject, isDir);
}

IgnoreRules::Match IgnoreRules::match(std::string_view path, bool isDir) const
{
    // The path is split into components once for all rules (globs with several `!`
    // excludes ask this for every matched file).
    MatchSubject subject(path);
    for (auto it = m_rules.rbegin(); it != m_rules.rend(); ++it) {
        if (ruleMatches(*it, subject, isDir))
            return it->negated ? Match::Include : Match::Ignore;
    }
    return Match::None;
}

} // namespace trellis::workspace
