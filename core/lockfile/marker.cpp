// A marker is parsed and evaluated in one recursive-descent pass per environment (markers
// are short, and each is evaluated a handful of times). The grammar is PEP 508's:
//   or   := and ('or' and)*
//   and  := expr ('and' expr)*
//   expr := value op value | '(' or ')'
//   op   := '<=' | '<' | '!=' | '===' | '==' | '>=' | '>' | '~=' | 'in' | 'not' 'in'
// Any syntax error makes the whole marker Unknown.
#include "core/lockfile/marker.h"
#include "core/base/text.h"

#include <algorithm>
#include <cctype>
#include <optional>

namespace trellis::lockfile {

namespace {

Truth andOf(Truth a, Truth b)
{
    if (a == Truth::False || b == Truth::False)
        return Truth::False;
    if (a == Truth::Unknown || b == Truth::Unknown)
        return Truth::Unknown;
    return Truth::True;
}

Truth orOf(Truth a, Truth b)
{
    if (a == Truth::True || b == Truth::True)
        return Truth::True;
    if (a == Truth::Unknown || b == Truth::Unknown)
        return Truth::Unknown;
    return Truth::False;
}

enum class TokenKind { Name, String, Op, Open, Close, End, Bad };

struct Token {
    TokenKind kind = TokenKind::End;
    std::string text;
};

class Lexer {
public:
    explicit Lexer(std::string_view text) : m_text(text) {}

    Token next()
    {
        while (m_pos < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_pos])))
            ++m_pos;
        if (m_pos >= m_text.size())
            return {TokenKind::End, {}};
        const char c = m_text[m_pos];
        if (c == '(' || c == ')') {
            ++m_pos;
            return {c == '(' ? TokenKind::Open : TokenKind::Close, std::string(1, c)};
        }
        if (c == '"' || c == '\'') {
            const std::size_t end = m_text.find(c, m_pos + 1);
            if (end == std::string_view::npos)
                return {TokenKind::Bad, {}};
            Token t{TokenKind::String, std::string(m_text.substr(m_pos + 1, end - m_pos - 1))};
            m_pos = end + 1;
            return t;
        }
        for (std::string_view op : {"===", "==", "!=", "<=", ">=", "~=", "<", ">"})
            if (m_text.substr(m_pos).starts_with(op)) {
                m_pos += op.size();
                return {TokenKind::Op, std::string(op)};
            }
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            const std::size_t start = m_pos;
            while (m_pos < m_text.size()
                   && (std::isalnum(static_cast<unsigned char>(m_text[m_pos])) || m_text[m_pos] == '_' || m_text[m_pos] == '.'))
                ++m_pos;
            return {TokenKind::Name, std::string(m_text.substr(start, m_pos - start))};
        }
        return {TokenKind::Bad, {}};
    }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
};

/// `op` with its operands swapped (`a < b` is `b > a`); "" when it has no mirror.
std::string mirrored(const std::string &op)
{
    if (op == "<")
        return ">";
    if (op == ">")
        return "<";
    if (op == "<=")
        return ">=";
    if (op == ">=")
        return "<=";
    if (op == "==" || op == "!=" || op == "===")
        return op;
    return {};
}

class Evaluator {
public:
    Evaluator(std::string_view text, const MarkerEnvironment &env) : m_lexer(text), m_env(env) { advance(); }

    Truth run()
    {
        const Truth t = parseOr();
        if (m_bad || m_token.kind != TokenKind::End)
            return Truth::Unknown;
        return t;
    }

private:
    void advance() { m_token = m_lexer.next(); }

    bool isKeyword(const char *word) const { return m_token.kind == TokenKind::Name && m_token.text == word; }

    Truth parseOr()
    {
        Truth t = parseAnd();
        while (!m_bad && isKeyword("or")) {
            advance();
            t = orOf(t, parseAnd());
        }
        return t;
    }

    Truth parseAnd()
    {
        Truth t = parseExpr();
        while (!m_bad && isKeyword("and")) {
            advance();
            t = andOf(t, parseExpr());
        }
        return t;
    }

    Truth parseExpr()
    {
        if (m_token.kind == TokenKind::Open) {
            advance();
            const Truth t = parseOr();
            if (m_token.kind != TokenKind::Close)
                return fail();
            advance();
            return t;
        }
        std::optional<Token> lhs = value();
        if (!lhs)
            return fail();
        std::string op;
        if (m_token.kind == TokenKind::Op) {
            op = m_token.text;
            advance();
        } else if (isKeyword("in")) {
            op = "in";
            advance();
        } else if (isKeyword("not")) {
            advance();
            if (!isKeyword("in"))
                return fail();
            op = "not in";
            advance();
        } else {
            return fail();
        }
        std::optional<Token> rhs = value();
        if (!rhs)
            return fail();
        return compare(*lhs, op, *rhs);
    }

    std::optional<Token> value()
    {
        if (m_token.kind != TokenKind::Name && m_token.kind != TokenKind::String)
            return std::nullopt;
        if (m_token.kind == TokenKind::Name && (m_token.text == "and" || m_token.text == "or" || m_token.text == "in"
                                                || m_token.text == "not"))
            return std::nullopt;
        Token t = m_token;
        advance();
        return t;
    }

    Truth fail()
    {
        m_bad = true;
        return Truth::Unknown;
    }

    Truth compare(const Token &lhs, const std::string &op, const Token &rhs)
    {
        const bool varLeft = lhs.kind == TokenKind::Name;
        const bool varRight = rhs.kind == TokenKind::Name;
        if (varLeft == varRight)
            return Truth::Unknown; // two variables or two literals: nothing to learn
        const std::string &var = varLeft ? lhs.text : rhs.text;
        const std::string &literal = varLeft ? rhs.text : lhs.text;
        if (var == "extra") {
            if (op != "==" && op != "!=")
                return Truth::Unknown;
            const bool equal = !m_env.extra.empty() && normalizeProjectName(literal) == m_env.extra;
            return (equal == (op == "==")) ? Truth::True : Truth::False;
        }
        if (var != "python_version" && var != "python_full_version") {
            const auto known = m_env.variables.find(var);
            return known == m_env.variables.end() ? Truth::Unknown : compareKnown(known->second, varLeft, op, literal);
        }
        if (m_env.pythons.empty())
            return Truth::Unknown;
        // `literal OP var` is `var MIRROR literal`; `in` compares strings.
        std::string clause;
        bool stringIn = false;
        if (op == "in" || op == "not in") {
            if (!varLeft)
                return Truth::Unknown;
            stringIn = true;
        } else {
            const std::string effective = varLeft ? op : mirrored(op);
            if (effective.empty())
                return Truth::Unknown;
            clause = effective + literal;
        }
        bool anyTrue = false;
        bool anyFalse = false;
        for (const Version &v : m_env.pythons) {
            bool r = false;
            if (stringIn) {
                const std::string text = var == "python_version" ? std::to_string(v.component(0)) + "." + std::to_string(v.component(1))
                                                                 : v.toString();
                r = (literal.find(text) != std::string::npos) == (op == "in");
            } else if (var == "python_version") {
                auto minor = Version::parse(std::to_string(v.component(0)) + "." + std::to_string(v.component(1)));
                if (!minor)
                    return Truth::Unknown;
                r = matchesSpecifier(*minor, clause);
            } else {
                r = matchesSpecifier(v, clause);
            }
            (r ? anyTrue : anyFalse) = true;
            if (anyTrue && anyFalse)
                return Truth::Unknown;
        }
        return anyTrue ? Truth::True : Truth::False;
    }

    /// `value OP literal` (or mirrored) for a variable the environment pins: versions
    /// compare as PEP 440 versions when both sides parse, other values as strings.
    static Truth compareKnown(const std::string &value, bool varLeft, const std::string &op, const std::string &literal)
    {
        auto truth = [](bool b) { return b ? Truth::True : Truth::False; };
        const std::string &lhs = varLeft ? value : literal;
        const std::string &rhs = varLeft ? literal : value;
        if (op == "in")
            return truth(rhs.find(lhs) != std::string::npos);
        if (op == "not in")
            return truth(rhs.find(lhs) == std::string::npos);
        if (op == "==" || op == "===")
            return truth(lhs == rhs);
        if (op == "!=")
            return truth(lhs != rhs);
        auto a = Version::parse(lhs);
        auto b = Version::parse(rhs);
        if (!a || !b)
            return Truth::Unknown;
        if (op == "~=")
            return truth(matchesSpecifier(*a, "~=" + rhs));
        if (op == "<")
            return truth(*a < *b);
        if (op == "<=")
            return truth(*a <= *b);
        if (op == ">")
            return truth(*a > *b);
        if (op == ">=")
            return truth(*a >= *b);
        return Truth::Unknown;
    }

    Lexer m_lexer;
    const MarkerEnvironment &m_env;
    Token m_token;
    bool m_bad = false;
};

} // namespace

Truth evaluateMarker(std::string_view marker, const MarkerEnvironment &env)
{
    if (base::stripped(marker).empty())
        return Truth::True;
    return Evaluator(marker, env).run();
}

std::vector<std::string> markerExtras(std::string_view marker)
{
    std::vector<std::string> out;
    Lexer lexer(marker);
    std::vector<Token> tokens;
    for (Token t = lexer.next(); t.kind != TokenKind::End && t.kind != TokenKind::Bad; t = lexer.next())
        tokens.push_back(std::move(t));
    for (std::size_t i = 0; i + 2 < tokens.size(); ++i) {
        if (tokens[i + 1].kind != TokenKind::Op || tokens[i + 1].text != "==")
            continue;
        const Token &a = tokens[i];
        const Token &b = tokens[i + 2];
        std::string extra;
        if (a.kind == TokenKind::Name && a.text == "extra" && b.kind == TokenKind::String)
            extra = normalizeProjectName(b.text);
        else if (b.kind == TokenKind::Name && b.text == "extra" && a.kind == TokenKind::String)
            extra = normalizeProjectName(a.text);
        if (!extra.empty() && std::find(out.begin(), out.end(), extra) == out.end())
            out.push_back(std::move(extra));
    }
    return out;
}

bool matchesSpecifier(const Version &version, std::string_view clause)
{
    clause = base::stripped(clause);
    std::string_view op;
    for (std::string_view candidate : {"===", "~=", "==", "!=", "<=", ">=", "<", ">"})
        if (clause.starts_with(candidate)) {
            op = candidate;
            break;
        }
    if (op.empty())
        return false;
    std::string_view rest = base::stripped(clause.substr(op.size()));
    if (op == "===")
        return version.toString() == rest;
    const bool wildcard = rest.ends_with(".*");
    if (wildcard) {
        if (op != "==" && op != "!=")
            return false;
        rest.remove_suffix(2);
    }
    auto spec = Version::parse(rest);
    if (!spec)
        return false;
    auto prefixMatches = [&](const Version &prefix, std::size_t components) {
        if (version.epoch() != prefix.epoch())
            return false;
        for (std::size_t i = 0; i < components; ++i)
            if (version.component(i) != prefix.component(i))
                return false;
        return true;
    };
    if (wildcard) {
        const bool match = prefixMatches(*spec, spec->release().size());
        return op == "==" ? match : !match;
    }
    // Compare without the local part unless the specifier has one.
    std::optional<Version> plain;
    if (spec->local().empty() && !version.local().empty())
        if (auto p = Version::parse(version.publicVersion()))
            plain = *p;
    const Version &v = plain ? *plain : version;
    if (op == "==")
        return v == *spec;
    if (op == "!=")
        return !(v == *spec);
    if (op == "<")
        return v < *spec;
    if (op == "<=")
        return v <= *spec;
    if (op == ">")
        return v > *spec;
    if (op == ">=")
        return v >= *spec;
    // ~=X.Y.Z: >= X.Y.Z and == X.Y.*
    if (spec->release().size() < 2)
        return false;
    return v >= *spec && prefixMatches(*spec, spec->release().size() - 1);
}

std::vector<Version> pythonsAllowedBy(const std::vector<std::string> &constraints)
{
    if (constraints.empty())
        return {};
    std::vector<std::vector<std::string>> clauses; // one conjunction per constraint
    for (const std::string &c : constraints) {
        std::string_view s = base::stripped(c);
        while (!s.empty() && std::isalpha(static_cast<unsigned char>(s.front())))
            s.remove_prefix(1); // the implementation name: CPython, PyPy
        s = base::stripped(s);
        if (s.empty())
            return {}; // any version of the implementation
        std::vector<std::string> conj;
        std::size_t pos = 0;
        while (pos <= s.size()) {
            const std::size_t comma = s.find(',', pos);
            const std::string_view part = base::stripped(s.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos));
            if (part.empty() || std::string_view("=<>!~").find(part.front()) == std::string_view::npos)
                return {};
            conj.emplace_back(part);
            if (comma == std::string_view::npos)
                break;
            pos = comma + 1;
        }
        clauses.push_back(std::move(conj));
    }
    std::vector<Version> out;
    for (int major : {2, 3}) {
        const int firstMinor = major == 2 ? 7 : 0;
        const int lastMinor = major == 2 ? 7 : 30;
        for (int minor = firstMinor; minor <= lastMinor; ++minor)
            for (int micro = 0; micro <= 30; ++micro) {
                auto v = Version::parse(std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(micro));
                if (!v)
                    continue;
                const bool allowed = std::any_of(clauses.begin(), clauses.end(), [&](const std::vector<std::string> &conj) {
                    return std::all_of(conj.begin(), conj.end(), [&](const std::string &clause) { return matchesSpecifier(*v, clause); });
                });
                if (allowed)
                    out.push_back(std::move(*v));
            }
    }
    return out;
}

RequirementParts splitRequirement(std::string_view requirement)
{
    RequirementParts parts;
    std::string_view s = base::stripped(requirement);
    std::size_t i = 0;
    while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '-' || s[i] == '_' || s[i] == '.'))
        ++i;
    if (i == 0)
        return parts;
    parts.name = normalizeProjectName(s.substr(0, i));
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i])))
        ++i;
    if (i < s.size() && s[i] == '[') {
        const std::size_t close = s.find(']', i);
        if (close == std::string_view::npos)
            return {};
        std::string_view list = s.substr(i + 1, close - i - 1);
        std::size_t pos = 0;
        while (pos <= list.size()) {
            const std::size_t comma = list.find(',', pos);
            const std::string_view extra = base::stripped(list.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos));
            if (!extra.empty())
                parts.extras.push_back(normalizeProjectName(extra));
            if (comma == std::string_view::npos)
                break;
            pos = comma + 1;
        }
        i = close + 1;
    }
    // A URL requirement (`name @ url ; marker`) needs whitespace before its `;`.
    const std::string_view rest = s.substr(i);
    const bool url = base::stripped(rest).starts_with("@");
    std::size_t semi = std::string_view::npos;
    for (std::size_t k = 0; k < rest.size(); ++k)
        if (rest[k] == ';' && (!url || (k > 0 && std::isspace(static_cast<unsigned char>(rest[k - 1]))))) {
            semi = k;
            break;
        }
    if (semi != std::string_view::npos)
        parts.marker = std::string(base::stripped(rest.substr(semi + 1)));
    return parts;
}

} // namespace trellis::lockfile
