// Wildcards, Pants globs and gitignore rule lists (see glob.h).
//
// One byte-wise wildcard matcher serves every dialect: an iterative loop with one
// backtrack point for the most recent `*`, which is linear for the patterns seen in
// practice and never recurses. Path patterns are matched component by component on top
// of it; a `**` component is the only place that backtracks over components.
//
// IgnoreRules keeps git's precedence (the last matching line decides) and answers for
// one path at a time; the directory walk prunes ignored directories, so it never needs
// the ancestors, while isPathIgnored() checks them for callers that see a flat file list
// (build_ignore, `sources` excludes). Single-component patterns without wildcards or
// with only a leading `*` take fast paths, since .gitignore files are mostly those.
#include "core/base/glob.h"

#include "core/base/paths.h"
#include "core/base/text.h"

#include <cctype>

namespace trellis::base {

namespace {

struct Dialect {
    bool escapes = true;      ///< `\c` matches c literally
    bool caretNegates = true; ///< `[^x]` negates like `[!x]`
    bool posixClasses = true; ///< `[[:alpha:]]`
    bool unclosedIsLiteral = false; ///< `[ab` matches "[ab"; otherwise the pattern matches nothing (git)
};

Dialect dialectOf(GlobSyntax syntax)
{
    switch (syntax) {
    case GlobSyntax::Gitignore: return {true, true, true, false};
    case GlobSyntax::PantsGlob: return {false, true, true, true};
    case GlobSyntax::Fnmatch: return {false, false, false, true};
    }
    return {};
}

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
size_t matchBracket(std::string_view pattern, size_t p, unsigned char c, const Dialect &d, bool &matched)
{
    size_t i = p + 1;
    bool negate = false;
    if (i < pattern.size() && (pattern[i] == '!' || (d.caretNegates && pattern[i] == '^'))) {
        negate = true;
        ++i;
    }
    bool found = false;
    bool first = true;
    while (i < pattern.size() && (pattern[i] != ']' || first)) {
        first = false;
        if (d.posixClasses && pattern[i] == '[' && i + 1 < pattern.size() && pattern[i + 1] == ':') {
            const size_t close = pattern.find(":]", i + 2);
            if (close != std::string_view::npos) {
                found = found || classMatches(pattern.substr(i + 2, close - i - 2), c);
                i = close + 2;
                continue;
            }
        }
        unsigned char lo = static_cast<unsigned char>(pattern[i]);
        if (d.escapes && pattern[i] == '\\' && i + 1 < pattern.size())
            lo = static_cast<unsigned char>(pattern[++i]);
        ++i;
        unsigned char hi = lo;
        // `a-z` is a range; a '-' first, last or right after a range is a literal.
        if (i + 1 < pattern.size() && pattern[i] == '-' && pattern[i + 1] != ']') {
            ++i;
            hi = static_cast<unsigned char>(pattern[i]);
            if (d.escapes && pattern[i] == '\\' && i + 1 < pattern.size())
                hi = static_cast<unsigned char>(pattern[++i]);
            ++i;
        }
        if (c >= lo && c <= hi) // a reversed range matches nothing
            found = true;
    }
    if (i >= pattern.size())
        return std::string_view::npos;
    matched = found != negate;
    return i + 1;
}

/// Matches pattern components against path components. A `**` component matches zero
/// or more components; a trailing one needs at least one when `trailingNeedsOne` (git:
/// "abc/**" matches inside abc, not abc itself) and matches anything otherwise (Pants).
template <typename Pattern, typename Path>
bool matchComponents(const Pattern &pat, size_t pi, const Path &path, size_t ti, GlobSyntax syntax,
                     bool trailingNeedsOne)
{
    while (pi < pat.size()) {
        if (pat[pi] == "**") {
            while (pi + 1 < pat.size() && pat[pi + 1] == "**")
                ++pi;
            if (pi + 1 == pat.size())
                return !trailingNeedsOne || ti < path.size();
            for (size_t skip = ti; skip <= path.size(); ++skip)
                if (matchComponents(pat, pi + 1, path, skip, syntax, trailingNeedsOne))
                    return true;
            return false;
        }
        if (ti >= path.size() || !wildcardMatch(pat[pi], path[ti], syntax))
            return false;
        ++pi;
        ++ti;
    }
    return ti == path.size();
}

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

/// One IgnoreRules rule against a subject.
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
    return matchComponents(rule.components, 0, subject.components(), 0, GlobSyntax::Gitignore, true);
}

} // namespace

bool hasWildcard(std::string_view pattern)
{
    return pattern.find_first_of("*?[") != std::string_view::npos;
}

bool wildcardMatch(std::string_view pattern, std::string_view text, GlobSyntax syntax)
{
    const Dialect d = dialectOf(syntax);
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
                const size_t next = matchBracket(pattern, p, static_cast<unsigned char>(text[t]), d, matched);
                if (next == std::string_view::npos) {
                    if (!d.unclosedIsLiteral)
                        return false;
                    if (text[t] == '[') { // unclosed bracket: a literal '['
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
                if (d.escapes && pc == '\\' && p + 1 < pattern.size()) {
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

bool globMatches(std::string_view pattern, std::string_view path)
{
    const std::vector<std::string_view> pat = splitPath(pattern);
    const std::vector<std::string_view> parts = splitPath(path);
    if (pat.empty())
        return parts.empty();
    return matchComponents(pat, 0, parts, 0, GlobSyntax::PantsGlob, false);
}

std::optional<std::vector<std::string>> normalizedComponents(std::string_view path)
{
    std::vector<std::string> out;
    for (std::string_view c : splitPath(path)) {
        if (c == ".")
            continue;
        if (c == "..") {
            if (out.empty() || out.back() == "**")
                return std::nullopt;
            out.pop_back();
            continue;
        }
        out.emplace_back(c);
    }
    return out;
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
    rule.anchored = line.find('/') != std::string_view::npos;
    if (!line.empty() && line.front() == '/')
        line.remove_prefix(1);
    // `**` is special only as a whole component; elsewhere it acts like `*`.
    for (std::string_view part : splitPath(line))
        rule.components.emplace_back(part);
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

bool IgnoreRules::isPathIgnored(std::string_view path, bool isDir) const
{
    if (m_rules.empty())
        return false;
    // Outermost directory first: once one is ignored, nothing below it comes back.
    for (size_t slash = path.find('/'); slash != std::string_view::npos; slash = path.find('/', slash + 1)) {
        if (slash > 0 && isIgnored(path.substr(0, slash), true))
            return true;
    }
    return isIgnored(path, isDir);
}

SourceGlobs::SourceGlobs(std::string_view dir, const std::vector<std::string> &patterns)
{
    for (const std::string &p : patterns) {
        if (p.empty())
            continue;
        if (p.front() != '!') {
            m_includes.push_back({p, normalizedComponents(joinPath(dir, p))});
            continue;
        }
        // Pants joins the exclude to the directory and evaluates it as a gitignore
        // pattern rooted at the build root.
        const std::string joined = joinPath(dir, std::string_view(p).substr(1));
        const auto comps = normalizedComponents(joined);
        if (!comps)
            continue;
        std::string line;
        for (const std::string &c : *comps)
            line = joinPath(line, c);
        if (!joined.empty() && joined.back() == '/')
            line += '/';
        m_excludes.addLine(line);
    }
}

bool SourceGlobs::isExcluded(std::string_view path) const
{
    return m_excludes.isPathIgnored(path, false);
}

bool SourceGlobs::matches(std::string_view path) const
{
    const std::vector<std::string_view> parts = splitPath(path);
    for (const Include &include : m_includes) {
        if (!include.components || include.components->empty())
            continue;
        if (matchComponents(*include.components, 0, parts, 0, GlobSyntax::PantsGlob, false))
            return !isExcluded(path);
    }
    return false;
}

} // namespace trellis::base
