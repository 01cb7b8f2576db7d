// Lexer and parser of the Jinja subset (jinja-grammar.txt).
//
// The lexer follows jinja2/lexer.py (3.1) rule by rule, because whitespace is where a
// changelog template's output is decided:
//   - the source's line breaks become "\n" and, unless keep_trailing_newline, one final
//     newline is dropped;
//   - text runs up to the first `{{`, `{%` or `{#`; a `-` after the opener strips all
//     whitespace before it (Python str.rstrip), and with lstrip_blocks a block or comment
//     opener alone on its line takes the spaces before it (unless `+`);
//   - a block closes with `+%}` (nothing trimmed), `-%}` (all whitespace after it is
//     consumed) or `%}` (one newline consumed with trim_blocks); comments alike with `#}`;
//     variables close with `-}}` or `}}` and never trim a newline;
//   - inside a tag, an end marker only counts when brackets are balanced.
// The parser is jinja2/parser.py's recursive descent with the same precedence
// (or < and < not < comparisons < + - < ~ < * / // % < ** < unary < postfix/filters).

#include "core/release/jinjaast_p.h"

#include <cctype>

namespace trellis::release::jinja::detail {

namespace {

enum class Tok { Data, BlockBegin, BlockEnd, VarBegin, VarEnd, Name, String, Int, Op, Eof };

struct Token {
    Tok type = Tok::Eof;
    std::string value;
    int line = 1;
    int column = 1;
};

struct SyntaxError {
    std::string message;
    int line;
    int column;
};

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

class Lexer {
public:
    Lexer(std::string_view source, const Options &options) : m_options(options)
    {
        // Jinja splits on \r\n, \r and \n and joins with \n, dropping one final newline.
        std::string s;
        s.reserve(source.size());
        for (size_t i = 0; i < source.size(); ++i) {
            if (source[i] == '\r') {
                s += '\n';
                if (i + 1 < source.size() && source[i + 1] == '\n')
                    ++i;
            } else {
                s += source[i];
            }
        }
        if (!options.keepTrailingNewline && !s.empty() && s.back() == '\n')
            s.pop_back();
        m_src = std::move(s);
    }

    std::vector<Token> run()
    {
        bool lineStarting = true;
        while (m_pos < m_src.size()) {
            const size_t open = findOpener(m_pos);
            if (open == std::string::npos) {
                emit(Tok::Data, m_src.substr(m_pos), m_pos);
                advance(m_src.size());
                break;
            }
            const char kind = m_src[open + 1];
            const char sign = open + 2 < m_src.size() && (m_src[open + 2] == '-' || m_src[open + 2] == '+') ? m_src[open + 2] : 0;
            std::string text = m_src.substr(m_pos, open - m_pos);
            if (sign == '-') {
                text = pyStrip(text, false, true);
            } else if (sign != '+' && m_options.lstripBlocks && kind != '{') {
                const size_t lpos = text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1;
                if ((lpos > 0 || lineStarting) && lpos < text.size()
                    && text.find_first_not_of(" \t\v\f\r", lpos) == std::string::npos)
                    text.resize(lpos);
            }
            if (!text.empty())
                emit(Tok::Data, text, m_pos);
            advance(open);
            const size_t afterOpen = open + 2 + (sign ? 1 : 0);
            if (kind == '%' && isRawBegin(open)) {
                lexRaw(open);
                lineStarting = false;
                continue;
            }
            if (kind == '#') {
                lineStarting = lexComment(afterOpen);
                continue;
            }
            emit(kind == '%' ? Tok::BlockBegin : Tok::VarBegin, m_src.substr(open, afterOpen - open), open);
            advance(afterOpen);
            lineStarting = lexTag(kind == '%');
        }
        Token eof;
        eof.type = Tok::Eof;
        eof.line = m_line;
        eof.column = m_column;
        m_tokens.push_back(eof);
        return std::move(m_tokens);
    }

private:
    size_t findOpener(size_t from) const
    {
        for (size_t i = m_src.find('{', from); i != std::string::npos; i = m_src.find('{', i + 1))
            if (i + 1 < m_src.size() && (m_src[i + 1] == '{' || m_src[i + 1] == '%' || m_src[i + 1] == '#'))
                return i;
        return std::string::npos;
    }

    void emit(Tok type, std::string value, size_t at)
    {
        (void)at;
        m_tokens.push_back({type, std::move(value), m_line, m_column});
    }

    // Moves to `to`, counting lines and columns.
    void advance(size_t to)
    {
        for (; m_pos < to; ++m_pos) {
            if (m_src[m_pos] == '\n') {
                ++m_line;
                m_column = 1;
            } else if ((static_cast<unsigned char>(m_src[m_pos]) & 0xC0) != 0x80) {
                ++m_column;
            }
        }
    }

    [[noreturn]] void fail(const std::string &message) const { throw SyntaxError{message, m_line, m_column}; }

    bool startsWith(size_t at, std::string_view s) const { return m_src.compare(at, s.size(), s) == 0; }

    size_t skipSpace(size_t at) const
    {
        while (at < m_src.size() && isSpace(m_src[at]))
            ++at;
        return at;
    }

    // `{%(-|+|)\s*raw\s*(-%}|%})`
    bool isRawBegin(size_t open) const
    {
        size_t p = open + 2;
        if (p < m_src.size() && (m_src[p] == '-' || m_src[p] == '+'))
            ++p;
        p = skipSpace(p);
        if (!startsWith(p, "raw"))
            return false;
        p = skipSpace(p + 3);
        return startsWith(p, "-%}") || startsWith(p, "%}");
    }

    void lexRaw(size_t open)
    {
        size_t p = skipSpace(open + 2 + ((m_src[open + 2] == '-' || m_src[open + 2] == '+') ? 1 : 0));
        p = skipSpace(p + 3);
        p = startsWith(p, "-%}") ? skipSpace(p + 3) : p + 2;
        advance(p);
        // The body runs to `{%(-|+|)\s*endraw\s*(+%}|-%}\s*|%}\n?)`.
        for (size_t i = m_src.find("{%", p); i != std::string::npos; i = m_src.find("{%", i + 1)) {
            const char sign = i + 2 < m_src.size() && (m_src[i + 2] == '-' || m_src[i + 2] == '+') ? m_src[i + 2] : 0;
            size_t q = skipSpace(i + 2 + (sign ? 1 : 0));
            if (!startsWith(q, "endraw"))
                continue;
            q = skipSpace(q + 6);
            size_t end;
            if (startsWith(q, "+%}"))
                end = q + 3;
            else if (startsWith(q, "-%}"))
                end = skipSpace(q + 3);
            else if (startsWith(q, "%}"))
                end = q + 2 + (m_options.trimBlocks && startsWith(q + 2, "\n") ? 1 : 0);
            else
                continue;
            std::string text = m_src.substr(p, i - p);
            if (sign == '-')
                text = pyStrip(text, false, true);
            if (!text.empty())
                emit(Tok::Data, text, p);
            advance(end);
            return;
        }
        fail("Missing end of raw directive");
    }

    // Returns whether the comment's end consumed a newline (line_starting).
    bool lexComment(size_t from)
    {
        for (size_t k = from; k < m_src.size(); ++k) {
            if (startsWith(k, "+#}")) {
                advance(k + 3);
                return false;
            }
            if (startsWith(k, "-#}")) {
                const size_t end = skipSpace(k + 3);
                advance(end);
                return end > k + 3 && m_src[end - 1] == '\n';
            }
            if (startsWith(k, "#}")) {
                const bool trim = m_options.trimBlocks && startsWith(k + 2, "\n");
                advance(k + 2 + (trim ? 1 : 0));
                return trim;
            }
        }
        fail("Missing end of comment tag");
    }

    // Tokens of one `{% %}` or `{{ }}` tag up to its end marker; returns line_starting.
    bool lexTag(bool block)
    {
        std::vector<char> balance;
        const Tok endType = block ? Tok::BlockEnd : Tok::VarEnd;
        const char closer = block ? '%' : '}';
        while (true) {
            if (m_pos >= m_src.size())
                fail(block ? "unexpected end of template, expected '%}'" : "unexpected end of template, expected '}}'");
            const size_t p = m_pos;
            if (balance.empty()) {
                const std::string end = std::string(1, closer) + "}";
                if (block && startsWith(p, "+" + end)) {
                    emit(endType, "+" + end, p);
                    advance(p + 3);
                    return false;
                }
                if (startsWith(p, "-" + end)) {
                    emit(endType, "-" + end, p);
                    const size_t after = skipSpace(p + 3);
                    advance(after);
                    return after > p + 3 && m_src[after - 1] == '\n';
                }
                if (startsWith(p, end)) {
                    emit(endType, end, p);
                    const bool trim = block && m_options.trimBlocks && startsWith(p + 2, "\n");
                    advance(p + 2 + (trim ? 1 : 0));
                    return trim;
                }
            }
            const char c = m_src[p];
            if (isSpace(c)) {
                advance(skipSpace(p));
                continue;
            }
            if (std::isdigit(static_cast<unsigned char>(c))) {
                size_t q = p;
                while (q < m_src.size() && (std::isdigit(static_cast<unsigned char>(m_src[q])) || m_src[q] == '_'))
                    ++q;
                if (q < m_src.size() && (m_src[q] == '.' || m_src[q] == 'e' || m_src[q] == 'E')
                    && q + 1 < m_src.size() && std::isdigit(static_cast<unsigned char>(m_src[q + 1])))
                    fail("floating point numbers are not supported");
                std::string digits;
                for (size_t i = p; i < q; ++i)
                    if (m_src[i] != '_')
                        digits += m_src[i];
                emit(Tok::Int, digits, p);
                advance(q);
                continue;
            }
            if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
                size_t q = p;
                while (q < m_src.size() && (std::isalnum(static_cast<unsigned char>(m_src[q])) || m_src[q] == '_'))
                    ++q;
                emit(Tok::Name, m_src.substr(p, q - p), p);
                advance(q);
                continue;
            }
            if (c == '\'' || c == '"') {
                std::string value;
                size_t q = p + 1;
                for (;; ++q) {
                    if (q >= m_src.size())
                        fail("unexpected end of string");
                    if (m_src[q] == c)
                        break;
                    if (m_src[q] == '\\' && q + 1 < m_src.size()) {
                        value += unescape(q);
                        continue;
                    }
                    value += m_src[q];
                }
                emit(Tok::String, value, p);
                advance(q + 1);
                continue;
            }
            static const char *const ops[] = {"//", "**", "==", "!=", ">=", "<=", "+", "-", "/", "*", "%", "~", "[", "]",
                                              "(", ")", "{", "}", ">", "<", "=", ".", ":", "|", ",", ";"};
            bool matched = false;
            for (const char *op : ops) {
                if (!startsWith(p, op))
                    continue;
                const std::string o = op;
                if (o == "(" || o == "[" || o == "{") {
                    balance.push_back(o == "(" ? ')' : o == "[" ? ']' : '}');
                } else if (o == ")" || o == "]" || o == "}") {
                    if (balance.empty())
                        fail("unexpected '" + o + "'");
                    if (balance.back() != o[0])
                        fail("unexpected '" + o + "', expected '" + std::string(1, balance.back()) + "'");
                    balance.pop_back();
                }
                emit(Tok::Op, o, p);
                advance(p + o.size());
                matched = true;
                break;
            }
            if (!matched)
                fail(std::string("unexpected char '") + c + "'");
        }
    }

    // Python string-literal escapes (the ones templates use); `q` is at the backslash and
    // is left on the last character of the escape.
    std::string unescape(size_t &q)
    {
        const char e = m_src[++q];
        auto hex = [&](int n) {
            unsigned cp = 0;
            for (int i = 0; i < n; ++i) {
                const char h = q + 1 < m_src.size() ? m_src[++q] : '0';
                cp = cp * 16 + unsigned(std::isdigit(static_cast<unsigned char>(h)) ? h - '0' : (std::tolower(h) - 'a' + 10));
            }
            std::string out;
            if (cp < 0x80) {
                out += char(cp);
            } else if (cp < 0x800) {
                out += char(0xC0 | (cp >> 6));
                out += char(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                out += char(0xE0 | (cp >> 12));
                out += char(0x80 | ((cp >> 6) & 0x3F));
                out += char(0x80 | (cp & 0x3F));
            } else {
                out += char(0xF0 | (cp >> 18));
                out += char(0x80 | ((cp >> 12) & 0x3F));
                out += char(0x80 | ((cp >> 6) & 0x3F));
                out += char(0x80 | (cp & 0x3F));
            }
            return out;
        };
        switch (e) {
        case 'n': return "\n";
        case 't': return "\t";
        case 'r': return "\r";
        case '0': return std::string(1, '\0');
        case 'a': return "\a";
        case 'b': return "\b";
        case 'f': return "\f";
        case 'v': return "\v";
        case '\\': return "\\";
        case '\'': return "'";
        case '"': return "\"";
        case '\n': return "";
        case 'x': return hex(2);
        case 'u': return hex(4);
        case 'U': return hex(8);
        default: return std::string("\\") + e;   // Python keeps unknown escapes
        }
    }

    const Options &m_options;
    std::string m_src;
    size_t m_pos = 0;
    int m_line = 1;
    int m_column = 1;
    std::vector<Token> m_tokens;
};

class Parser {
public:
    explicit Parser(std::vector<Token> tokens) : m_tokens(std::move(tokens)) {}

    Body parseAll()
    {
        Body body = parseBody({});
        if (cur().type != Tok::Eof)
            fail("unexpected '" + cur().value + "'");
        return body;
    }

private:
    const Token &cur() const { return m_tokens[m_pos]; }
    const Token &peek(size_t n = 1) const { return m_tokens[std::min(m_pos + n, m_tokens.size() - 1)]; }
    Token next() { return m_tokens[m_pos < m_tokens.size() - 1 ? m_pos++ : m_pos]; }
    [[noreturn]] void fail(const std::string &message) const { throw SyntaxError{message, cur().line, cur().column}; }
    [[noreturn]] void failAt(const Token &t, const std::string &message) const { throw SyntaxError{message, t.line, t.column}; }

    bool isOp(const char *op) const { return cur().type == Tok::Op && cur().value == op; }
    bool isName(const char *name) const { return cur().type == Tok::Name && cur().value == name; }
    void expectOp(const char *op)
    {
        if (!isOp(op))
            fail(std::string("expected '") + op + "', got " + describe(cur()));
        next();
    }
    static std::string describe(const Token &t)
    {
        switch (t.type) {
        case Tok::Eof: return "end of template";
        case Tok::BlockEnd: return "end of statement block";
        case Tok::VarEnd: return "end of print statement";
        case Tok::String: return "string";
        default: return "'" + t.value + "'";
        }
    }
    std::string expectName()
    {
        if (cur().type != Tok::Name)
            fail("expected a name, got " + describe(cur()));
        return next().value;
    }
    void expectBlockEnd()
    {
        if (cur().type != Tok::BlockEnd)
            fail("expected end of statement block, got " + describe(cur()));
        next();
    }

    // Statements until a block tag whose name is in `ends` (left unconsumed, after its
    // `{%`); at Eof when `ends` is empty.
    Body parseBody(const std::vector<std::string> &ends)
    {
        Body body;
        while (true) {
            const Token &t = cur();
            if (t.type == Tok::Eof) {
                if (!ends.empty()) {
                    std::string list;
                    for (const std::string &e : ends)
                        list += (list.empty() ? "'" : " or '") + e + "'";
                    fail("unexpected end of template; Jinja was looking for " + list);
                }
                return body;
            }
            if (t.type == Tok::Data) {
                auto s = std::make_unique<Stmt>();
                s->kind = Stmt::Kind::Text;
                s->line = t.line;
                s->column = t.column;
                s->text = t.value;
                body.push_back(std::move(s));
                next();
                continue;
            }
            if (t.type == Tok::VarBegin) {
                auto s = std::make_unique<Stmt>();
                s->kind = Stmt::Kind::Output;
                s->line = t.line;
                s->column = t.column;
                next();
                s->exprs.push_back(parseTupleExpr(true));
                if (cur().type != Tok::VarEnd)
                    fail("expected end of print statement, got " + describe(cur()));
                next();
                body.push_back(std::move(s));
                continue;
            }
            if (t.type != Tok::BlockBegin)
                fail("unexpected " + describe(t));
            const Token &tag = peek();
            if (tag.type == Tok::Name) {
                for (const std::string &e : ends)
                    if (tag.value == e) {
                        next();   // the `{%`; the caller reads the name
                        return body;
                    }
            }
            next();
            body.push_back(parseStatement());
        }
    }

    std::unique_ptr<Stmt> parseStatement()
    {
        const Token tag = cur();
        if (tag.type != Tok::Name)
            fail("tag name expected");
        auto s = std::make_unique<Stmt>();
        s->line = tag.line;
        s->column = tag.column;
        const std::string &name = tag.value;
        if (name == "if") {
            next();
            s->kind = Stmt::Kind::If;
            while (true) {
                s->exprs.push_back(parseTupleExpr(true));
                expectBlockEnd();
                s->bodies.push_back(parseBody({"elif", "else", "endif"}));
                const std::string end = next().value;
                if (end == "elif")
                    continue;
                if (end == "else") {
                    expectBlockEnd();
                    s->elseBody = parseBody({"endif"});
                    next();
                }
                expectBlockEnd();
                break;
            }
            return s;
        }
        if (name == "for") {
            next();
            s->kind = Stmt::Kind::For;
            s->targets = parseTargets();
            if (!isName("in"))
                fail("expected 'in', got " + describe(cur()));
            next();
            s->exprs.push_back(parseTupleExpr(false));
            if (isName("if")) {
                next();
                s->exprs.push_back(parseExpression(true));
            } else {
                s->exprs.push_back(nullptr);
            }
            if (isName("recursive"))
                fail("recursive loops are not supported");
            expectBlockEnd();
            s->bodies.push_back(parseBody({"endfor", "else"}));
            if (next().value == "else") {
                expectBlockEnd();
                s->elseBody = parseBody({"endfor"});
                next();
            }
            expectBlockEnd();
            return s;
        }
        if (name == "set") {
            next();
            s->targets = parseTargets();
            if (isOp("=")) {
                next();
                s->kind = Stmt::Kind::Set;
                s->exprs.push_back(parseTupleExpr(true));
                expectBlockEnd();
                return s;
            }
            if (s->targets.size() != 1)
                fail("expected '='");
            s->kind = Stmt::Kind::SetBlock;
            expectBlockEnd();
            s->bodies.push_back(parseBody({"endset"}));
            next();
            expectBlockEnd();
            return s;
        }
        if (name == "macro") {
            next();
            s->kind = Stmt::Kind::Macro;
            s->text = expectName();
            expectOp("(");
            while (!isOp(")")) {
                if (!s->targets.empty())
                    expectOp(",");
                if (isOp(")"))
                    break;
                s->targets.push_back(expectName());
                if (isOp("=")) {
                    next();
                    s->exprs.push_back(parseExpression(true));
                } else {
                    s->exprs.push_back(nullptr);
                }
            }
            next();
            expectBlockEnd();
            s->bodies.push_back(parseBody({"endmacro"}));
            next();
            if (cur().type == Tok::Name)
                next();   // {% endmacro name %}
            expectBlockEnd();
            return s;
        }
        static const char *const unsupported[] = {"call", "include", "import", "from", "extends", "block",
                                                   "filter", "with", "autoescape", "do", "break", "continue"};
        for (const char *u : unsupported)
            if (name == u)
                fail("the '" + name + "' tag is not supported by Trellis' Jinja subset (see core/release/jinja-grammar.txt)");
        fail("encountered unknown tag '" + name + "'");
    }

    std::vector<std::string> parseTargets()
    {
        std::vector<std::string> names;
        const bool paren = isOp("(");
        if (paren)
            next();
        while (true) {
            names.push_back(expectName());
            if (!isOp(","))
                break;
            next();
            if (cur().type != Tok::Name)
                break;
        }
        if (paren)
            expectOp(")");
        return names;
    }

    ExprPtr make(Expr::Kind kind, const Token &at)
    {
        auto e = std::make_unique<Expr>();
        e->kind = kind;
        e->line = at.line;
        e->column = at.column;
        return e;
    }

    // An expression, or a tuple of them separated by commas (`{{ a, b }}`, `for x in a, b`).
    ExprPtr parseTupleExpr(bool withCondExpr)
    {
        const Token start = cur();
        ExprPtr first = parseExpression(withCondExpr);
        if (!isOp(","))
            return first;
        ExprPtr t = make(Expr::Kind::Tuple, start);
        t->args.push_back(std::move(first));
        while (isOp(",")) {
            next();
            if (cur().type == Tok::BlockEnd || cur().type == Tok::VarEnd || isName("if"))
                break;
            t->args.push_back(parseExpression(withCondExpr));
        }
        return t;
    }

    ExprPtr parseExpression(bool withCondExpr = true) { return withCondExpr ? parseCondExpr() : parseOr(); }

    ExprPtr parseCondExpr()
    {
        ExprPtr expr1 = parseOr();
        while (isName("if")) {
            const Token at = next();
            ExprPtr cond = parseOr();
            ExprPtr expr3;
            if (isName("else")) {
                next();
                expr3 = parseCondExpr();
            }
            ExprPtr c = make(Expr::Kind::Cond, at);
            c->args.push_back(std::move(cond));
            c->args.push_back(std::move(expr1));
            c->args.push_back(std::move(expr3));
            expr1 = std::move(c);
        }
        return expr1;
    }

    ExprPtr binary(const char *op, const Token &at, ExprPtr left, ExprPtr right, Expr::Kind kind = Expr::Kind::Binary)
    {
        ExprPtr b = make(kind, at);
        b->name = op;
        b->args.push_back(std::move(left));
        b->args.push_back(std::move(right));
        return b;
    }

    ExprPtr parseOr()
    {
        ExprPtr left = parseAnd();
        while (isName("or")) {
            const Token at = next();
            left = binary("or", at, std::move(left), parseAnd());
        }
        return left;
    }

    ExprPtr parseAnd()
    {
        ExprPtr left = parseNot();
        while (isName("and")) {
            const Token at = next();
            left = binary("and", at, std::move(left), parseNot());
        }
        return left;
    }

    ExprPtr parseNot()
    {
        if (isName("not")) {
            const Token at = next();
            ExprPtr u = make(Expr::Kind::Unary, at);
            u->name = "not";
            u->args.push_back(parseNot());
            return u;
        }
        return parseCompare();
    }

    ExprPtr parseCompare()
    {
        ExprPtr left = parseMath1();
        while (true) {
            const Token at = cur();
            std::string op;
            if (at.type == Tok::Op && (at.value == "==" || at.value == "!=" || at.value == "<" || at.value == ">" || at.value == "<="
                                       || at.value == ">=")) {
                op = at.value;
                next();
            } else if (isName("in")) {
                op = "in";
                next();
            } else if (isName("not") && peek().type == Tok::Name && peek().value == "in") {
                op = "not in";
                next();
                next();
            } else {
                return left;
            }
            left = binary(op.c_str(), at, std::move(left), parseMath1(), Expr::Kind::Compare);
        }
    }

    ExprPtr parseMath1()
    {
        ExprPtr left = parseConcat();
        while (isOp("+") || isOp("-")) {
            const Token at = next();
            left = binary(at.value.c_str(), at, std::move(left), parseConcat());
        }
        return left;
    }

    ExprPtr parseConcat()
    {
        ExprPtr left = parseMath2();
        while (isOp("~")) {
            const Token at = next();
            left = binary("~", at, std::move(left), parseMath2());
        }
        return left;
    }

    ExprPtr parseMath2()
    {
        ExprPtr left = parsePow();
        while (isOp("*") || isOp("/") || isOp("//") || isOp("%")) {
            const Token at = next();
            left = binary(at.value.c_str(), at, std::move(left), parsePow());
        }
        return left;
    }

    ExprPtr parsePow()
    {
        ExprPtr left = parseUnary(true);
        while (isOp("**")) {
            const Token at = next();
            left = binary("**", at, std::move(left), parseUnary(true));
        }
        return left;
    }

    ExprPtr parseUnary(bool withFilter)
    {
        ExprPtr node;
        if (isOp("-") || isOp("+")) {
            const Token at = next();
            node = make(Expr::Kind::Unary, at);
            node->name = at.value;
            node->args.push_back(parseUnary(false));
        } else {
            node = parsePrimary();
        }
        node = parsePostfix(std::move(node));
        if (withFilter)
            node = parseFilterExpr(std::move(node));
        return node;
    }

    ExprPtr parsePrimary()
    {
        const Token t = cur();
        if (t.type == Tok::Name) {
            next();
            ExprPtr e = make(Expr::Kind::Literal, t);
            if (t.value == "true" || t.value == "True")
                e->value = Value(true);
            else if (t.value == "false" || t.value == "False")
                e->value = Value(false);
            else if (t.value == "none" || t.value == "None")
                e->value = Value::none();
            else {
                e->kind = Expr::Kind::Name;
                e->name = t.value;
            }
            return e;
        }
        if (t.type == Tok::String) {
            std::string s = next().value;
            while (cur().type == Tok::String)
                s += next().value;
            ExprPtr e = make(Expr::Kind::Literal, t);
            e->value = Value(std::move(s));
            return e;
        }
        if (t.type == Tok::Int) {
            next();
            ExprPtr e = make(Expr::Kind::Literal, t);
            try {
                e->value = Value(std::int64_t(std::stoll(t.value)));
            } catch (...) {
                failAt(t, "integer literal out of range");
            }
            return e;
        }
        if (isOp("(")) {
            next();
            if (isOp(")")) {
                next();
                return make(Expr::Kind::Tuple, t);
            }
            ExprPtr first = parseExpression(true);
            if (isOp(")")) {
                next();
                return first;
            }
            ExprPtr tuple = make(Expr::Kind::Tuple, t);
            tuple->args.push_back(std::move(first));
            while (isOp(",")) {
                next();
                if (isOp(")"))
                    break;
                tuple->args.push_back(parseExpression(true));
            }
            expectOp(")");
            return tuple;
        }
        if (isOp("[")) {
            next();
            ExprPtr list = make(Expr::Kind::List, t);
            while (!isOp("]")) {
                if (!list->args.empty())
                    expectOp(",");
                if (isOp("]"))
                    break;
                list->args.push_back(parseExpression(true));
            }
            next();
            return list;
        }
        if (isOp("{")) {
            next();
            ExprPtr dict = make(Expr::Kind::Dict, t);
            while (!isOp("}")) {
                if (!dict->args.empty())
                    expectOp(",");
                if (isOp("}"))
                    break;
                dict->args.push_back(parseExpression(true));
                expectOp(":");
                dict->args.push_back(parseExpression(true));
            }
            next();
            return dict;
        }
        fail("unexpected " + describe(t));
    }

    ExprPtr parsePostfix(ExprPtr node)
    {
        while (true) {
            const Token at = cur();
            if (isOp(".")) {
                next();
                ExprPtr a;
                if (cur().type == Tok::Int) {
                    a = make(Expr::Kind::Item, at);
                    a->args.push_back(std::move(node));
                    ExprPtr idx = make(Expr::Kind::Literal, cur());
                    idx->value = Value(std::int64_t(std::stoll(next().value)));
                    a->args.push_back(std::move(idx));
                } else {
                    a = make(Expr::Kind::Attr, at);
                    a->name = expectName();
                    a->args.push_back(std::move(node));
                }
                node = std::move(a);
            } else if (isOp("[")) {
                next();
                node = parseSubscript(std::move(node), at);
                expectOp("]");
            } else if (isOp("(")) {
                node = parseCall(std::move(node));
            } else {
                return node;
            }
        }
    }

    ExprPtr parseSubscript(ExprPtr node, const Token &at)
    {
        ExprPtr parts[3];
        int colons = 0;
        if (!isOp(":"))
            parts[0] = parseExpression(true);
        while (isOp(":") && colons < 2) {
            next();
            ++colons;
            if (!isOp(":") && !isOp("]"))
                parts[colons] = parseExpression(true);
        }
        if (colons == 0) {
            ExprPtr item = make(Expr::Kind::Item, at);
            item->args.push_back(std::move(node));
            item->args.push_back(std::move(parts[0]));
            return item;
        }
        ExprPtr slice = make(Expr::Kind::Slice, at);
        slice->args.push_back(std::move(node));
        for (ExprPtr &p : parts)
            slice->args.push_back(std::move(p));
        return slice;
    }

    void parseArgs(Expr &call)
    {
        expectOp("(");
        while (!isOp(")")) {
            if (call.args.size() > 1 || !call.kwargs.empty())
                expectOp(",");
            if (isOp(")"))
                break;
            if (cur().type == Tok::Name && peek().type == Tok::Op && peek().value == "=") {
                std::string key = next().value;
                next();
                call.kwargs.emplace_back(std::move(key), parseExpression(true));
            } else {
                if (!call.kwargs.empty())
                    fail("positional argument after keyword argument");
                call.args.push_back(parseExpression(true));
            }
        }
        next();
    }

    ExprPtr parseCall(ExprPtr node)
    {
        ExprPtr call = make(Expr::Kind::Call, cur());
        call->args.push_back(std::move(node));
        parseArgs(*call);
        return call;
    }

    ExprPtr parseFilterExpr(ExprPtr node)
    {
        while (true) {
            if (isOp("|")) {
                const Token at = next();
                ExprPtr f = make(Expr::Kind::Filter, at);
                f->name = expectName();
                while (isOp(".")) {
                    next();
                    f->name += "." + expectName();
                }
                f->args.push_back(std::move(node));
                if (isOp("("))
                    parseArgs(*f);
                node = std::move(f);
            } else if (isName("is")) {
                const Token at = next();
                ExprPtr t = make(Expr::Kind::Test, at);
                if (isName("not")) {
                    next();
                    t->negated = true;
                }
                t->name = expectName();
                t->args.push_back(std::move(node));
                if (isOp("(")) {
                    parseArgs(*t);
                } else if ((cur().type == Tok::Name || cur().type == Tok::String || cur().type == Tok::Int || isOp("[") || isOp("{"))
                           && !isName("else") && !isName("or") && !isName("and")) {
                    if (isName("is"))
                        fail("You cannot chain multiple tests with is");
                    t->args.push_back(parsePostfix(parsePrimary()));
                }
                node = std::move(t);
            } else if (isOp("(")) {
                node = parseCall(std::move(node));
            } else {
                return node;
            }
        }
    }

    std::vector<Token> m_tokens;
    size_t m_pos = 0;
};

} // namespace

base::Result<Body> parseTemplate(std::string_view source, const std::string &fileName, const Options &options)
{
    try {
        Lexer lexer(source, options);
        Parser parser(lexer.run());
        return parser.parseAll();
    } catch (const SyntaxError &e) {
        return base::Diagnostic::error({fileName, e.line, e.column}, e.message);
    }
}

} // namespace trellis::release::jinja::detail
