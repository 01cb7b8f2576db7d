#include "core/buildlang/lexer.h"

#include "core/base/text.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <unordered_map>

namespace trellis::buildlang {

const char *tokenKindName(TokenKind k)
{
    switch (k) {
    case TokenKind::End: return "end of file";
    case TokenKind::Newline: return "newline";
    case TokenKind::Indent: return "indent";
    case TokenKind::Dedent: return "dedent";
    case TokenKind::Name: return "name";
    case TokenKind::Int: return "integer";
    case TokenKind::Float: return "float";
    case TokenKind::String: return "string";
    case TokenKind::FString: return "f-string";
    case TokenKind::Imaginary: return "imaginary number";
    case TokenKind::Bytes: return "bytes";
    case TokenKind::Ellipsis: return "'...'";
    case TokenKind::LParen: return "'('";
    case TokenKind::RParen: return "')'";
    case TokenKind::LBracket: return "'['";
    case TokenKind::RBracket: return "']'";
    case TokenKind::LBrace: return "'{'";
    case TokenKind::RBrace: return "'}'";
    case TokenKind::Comma: return "','";
    case TokenKind::Colon: return "':'";
    case TokenKind::Semicolon: return "';'";
    case TokenKind::Dot: return "'.'";
    case TokenKind::Arrow: return "'->'";
    case TokenKind::At: return "'@'";
    case TokenKind::Walrus: return "':='";
    case TokenKind::Assign: return "'='";
    case TokenKind::PlusAssign: return "'+='";
    case TokenKind::MinusAssign: return "'-='";
    case TokenKind::StarAssign: return "'*='";
    case TokenKind::SlashAssign: return "'/='";
    case TokenKind::SlashSlashAssign: return "'//='";
    case TokenKind::PercentAssign: return "'%='";
    case TokenKind::OtherAugAssign: return "augmented assignment";
    case TokenKind::Plus: return "'+'";
    case TokenKind::Minus: return "'-'";
    case TokenKind::Star: return "'*'";
    case TokenKind::StarStar: return "'**'";
    case TokenKind::Slash: return "'/'";
    case TokenKind::SlashSlash: return "'//'";
    case TokenKind::Percent: return "'%'";
    case TokenKind::Tilde: return "'~'";
    case TokenKind::Amp: return "'&'";
    case TokenKind::Pipe: return "'|'";
    case TokenKind::Caret: return "'^'";
    case TokenKind::LShift: return "'<<'";
    case TokenKind::RShift: return "'>>'";
    case TokenKind::Eq: return "'=='";
    case TokenKind::Ne: return "'!='";
    case TokenKind::Lt: return "'<'";
    case TokenKind::Le: return "'<='";
    case TokenKind::Gt: return "'>'";
    case TokenKind::Ge: return "'>='";
    default: return "keyword";
    }
}

namespace {

const std::unordered_map<std::string_view, TokenKind> &keywords()
{
    static const std::unordered_map<std::string_view, TokenKind> table = {
        {"and", TokenKind::KwAnd}, {"or", TokenKind::KwOr}, {"not", TokenKind::KwNot},
        {"in", TokenKind::KwIn}, {"is", TokenKind::KwIs}, {"if", TokenKind::KwIf},
        {"elif", TokenKind::KwElif}, {"else", TokenKind::KwElse}, {"for", TokenKind::KwFor},
        {"def", TokenKind::KwDef}, {"return", TokenKind::KwReturn}, {"lambda", TokenKind::KwLambda},
        {"pass", TokenKind::KwPass}, {"break", TokenKind::KwBreak}, {"continue", TokenKind::KwContinue},
        {"None", TokenKind::KwNone}, {"True", TokenKind::KwTrue}, {"False", TokenKind::KwFalse},
        {"raise", TokenKind::KwRaise}, {"assert", TokenKind::KwAssert},
        {"import", TokenKind::KwImport}, {"from", TokenKind::KwFrom}, {"class", TokenKind::KwClass},
        {"while", TokenKind::KwWhile}, {"try", TokenKind::KwTry}, {"except", TokenKind::KwExcept},
        {"finally", TokenKind::KwFinally}, {"with", TokenKind::KwWith}, {"global", TokenKind::KwGlobal},
        {"nonlocal", TokenKind::KwNonlocal}, {"yield", TokenKind::KwYield}, {"async", TokenKind::KwAsync},
        {"await", TokenKind::KwAwait}, {"del", TokenKind::KwDel}, {"as", TokenKind::KwAs},
    };
    return table;
}

bool isIdentStart(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80; }
bool isIdentChar(unsigned char c) { return isIdentStart(c) || (c >= '0' && c <= '9'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
int hexValue(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Length of the well-formed UTF-8 sequence at s[i], or 0 when malformed.
int utf8Length(std::string_view s, std::uint32_t i)
{
    const unsigned char c = static_cast<unsigned char>(s[i]);
    int n = 0;
    if (c < 0x80) return 1;
    if ((c & 0xE0) == 0xC0 && c >= 0xC2) n = 2;
    else if ((c & 0xF0) == 0xE0) n = 3;
    else if ((c & 0xF8) == 0xF0 && c <= 0xF4) n = 4;
    else return 0;
    if (i + n > s.size()) return 0;
    for (int k = 1; k < n; ++k)
        if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
            return 0;
    return n;
}

} // namespace

Lexer::Lexer(std::string_view text) : m_text(text), m_end(std::uint32_t(text.size()))
{
    if (m_text.substr(0, 3) == "\xEF\xBB\xBF")
        m_pos = m_lineStart = 3;
}

Lexer::Lexer(std::string_view text, std::uint32_t begin, std::uint32_t end, int line, int column)
    : m_text(text), m_pos(begin), m_end(end), m_exprMode(true), m_line(line), m_lineStart(begin),
      m_firstLineColumnBase(column - 1), m_exprBegin(begin)
{
}

bool Lexer::fail(std::uint32_t offset, std::string message)
{
    m_error.line = m_line;
    m_error.column = offset >= m_lineStart ? columnAt(offset) : 1;
    m_error.message = std::move(message);
    return false;
}

int Lexer::columnAt(std::uint32_t offset)
{
    if (m_colLine != m_line || offset < m_colPos || m_colPos < m_lineStart) {
        m_colLine = m_line;
        m_colPos = m_lineStart;
        m_colValue = 1 + ((m_exprMode && m_lineStart == m_exprBegin) ? m_firstLineColumnBase : 0);
    }
    while (m_colPos < offset && m_colPos < m_text.size()) {
        if ((static_cast<unsigned char>(m_text[m_colPos]) & 0xC0) != 0x80)
            ++m_colValue;
        ++m_colPos;
    }
    return m_colValue;
}

void Lexer::newline(std::uint32_t nextLineStart)
{
    ++m_line;
    m_lineStart = nextLineStart;
}

void Lexer::positionOf(const Token &t, std::uint32_t offset, int &line, int &column) const
{
    line = t.line;
    column = t.column;
    for (std::uint32_t i = t.offset; i < offset && i < m_text.size(); ++i) {
        const char c = m_text[i];
        if (c == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++column;
        }
    }
}

void Lexer::addSimple(std::vector<Token> &out, TokenKind k, std::uint32_t start, std::uint32_t len)
{
    Token t;
    t.kind = k;
    t.line = m_line;
    t.column = columnAt(start);
    t.offset = start;
    t.text = m_text.substr(start, len);
    out.push_back(std::move(t));
}

bool Lexer::handleIndentation(std::vector<Token> &out, bool &skipLine)
{
    int width = 0;
    std::uint32_t i = m_pos;
    while (i < m_end) {
        const char c = m_text[i];
        if (c == ' ')
            ++width;
        else if (c == '\t')
            width = (width / 8 + 1) * 8;
        else if (c == '\f')
            width = 0;
        else
            break;
        ++i;
    }
    m_pos = i;
    if (i >= m_end || m_text[i] == '#' || m_text[i] == '\n' || m_text[i] == '\r' || m_text[i] == '\\') {
        skipLine = true; // blank or comment-only line (or continuation): no indentation change
        return true;
    }
    skipLine = false;
    if (width > m_indents.back()) {
        m_indents.push_back(width);
        addSimple(out, TokenKind::Indent, i, 0);
    } else {
        while (width < m_indents.back()) {
            m_indents.pop_back();
            addSimple(out, TokenKind::Dedent, i, 0);
        }
        if (width != m_indents.back())
            return fail(i, "unindent does not match any outer indentation level");
    }
    return true;
}

bool Lexer::tokenize(std::vector<Token> &out)
{
    bool atLineStart = !m_exprMode;
    std::vector<std::uint32_t> bracketOffsets;
    std::vector<int> bracketLines;
    std::vector<int> bracketColumns;
    while (true) {
        if (atLineStart && m_brackets.empty()) {
            bool skip = false;
            if (!handleIndentation(out, skip))
                return false;
            atLineStart = false;
            (void)skip;
        }
        while (m_pos < m_end && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' || m_text[m_pos] == '\f'))
            ++m_pos;
        if (m_pos >= m_end)
            break;
        // Tokens and the syntax tree made from them cost a few hundred bytes each, outside
        // the evaluator's memory budget: bound them so a 20 MB one-line literal is a
        // quick error rather than gigabytes. Real BUILD files and preludes hold a few
        // thousand tokens; the largest file of Python's standard library about 100,000.
        if (out.size() >= kMaxTokens)
            return fail(m_pos, "file too large to evaluate: more than " + std::to_string(kMaxTokens) + " tokens");
        const std::uint32_t start = m_pos;
        const char c = m_text[m_pos];
        if (c == '#') {
            while (m_pos < m_end && m_text[m_pos] != '\n' && m_text[m_pos] != '\r')
                ++m_pos;
            continue;
        }
        if (c == '\\') {
            std::uint32_t j = m_pos + 1;
            if (j < m_end && m_text[j] == '\r')
                ++j;
            if (j < m_end && m_text[j] == '\n') {
                m_pos = j + 1;
                newline(m_pos);
                continue;
            }
            if (j >= m_end)
                return fail(start, "unexpected EOF after line continuation character");
            return fail(start, "unexpected character after line continuation character");
        }
        if (c == '\n' || c == '\r') {
            const bool blank = out.empty() || out.back().kind == TokenKind::Newline
                || out.back().kind == TokenKind::Indent || out.back().kind == TokenKind::Dedent;
            if (!m_exprMode && m_brackets.empty() && !blank)
                addSimple(out, TokenKind::Newline, start, 1);
            m_pos += (c == '\r' && m_pos + 1 < m_end && m_text[m_pos + 1] == '\n') ? 2 : 1;
            newline(m_pos);
            // A line break inside brackets is an implicit line join: the next line has no
            // indentation of its own, even when it closes the brackets and goes on.
            atLineStart = !m_exprMode && m_brackets.empty();
            continue;
        }
        const unsigned char uc = static_cast<unsigned char>(c);
        if (isIdentStart(uc)) {
            std::uint32_t j = m_pos;
            while (j < m_end && isIdentChar(static_cast<unsigned char>(m_text[j]))) {
                if (static_cast<unsigned char>(m_text[j]) >= 0x80) {
                    const int n = utf8Length(m_text, j);
                    if (n == 0)
                        return fail(j, "invalid UTF-8 in identifier");
                    j += n;
                } else {
                    ++j;
                }
            }
            const std::string_view word = m_text.substr(m_pos, j - m_pos);
            // string prefixes
            if (j < m_end && (m_text[j] == '\'' || m_text[j] == '"') && word.size() <= 2) {
                bool raw = false, bytes = false, fstr = false, valid = true;
                for (char p : word) {
                    switch (p) {
                    case 'r': case 'R': valid = valid && !raw; raw = true; break;
                    case 'b': case 'B': valid = valid && !bytes; bytes = true; break;
                    case 'f': case 'F': valid = valid && !fstr; fstr = true; break;
                    case 'u': case 'U': valid = valid && word.size() == 1; break;
                    default: valid = false;
                    }
                }
                if (valid && !(bytes && fstr)) {
                    m_pos = j;
                    Token t;
                    if (!lexString(t, start, raw, bytes, fstr))
                        return false;
                    out.push_back(std::move(t));
                    continue;
                }
            }
            Token t;
            t.line = m_line;
            t.column = columnAt(start);
            t.offset = start;
            t.text = word;
            const auto &kw = keywords();
            const auto it = kw.find(word);
            t.kind = it == kw.end() ? TokenKind::Name : it->second;
            out.push_back(std::move(t));
            m_pos = j;
            continue;
        }
        if (isDigit(c) || (c == '.' && m_pos + 1 < m_end && isDigit(m_text[m_pos + 1]))) {
            Token t;
            if (!lexNumber(t))
                return false;
            out.push_back(std::move(t));
            continue;
        }
        if (c == '\'' || c == '"') {
            Token t;
            if (!lexString(t, start, false, false, false))
                return false;
            out.push_back(std::move(t));
            continue;
        }
        auto peek = [&](std::uint32_t k) -> char { return m_pos + k < m_end ? m_text[m_pos + k] : '\0'; };
        TokenKind k = TokenKind::End;
        std::uint32_t len = 1;
        const char n1 = peek(1), n2 = peek(2);
        switch (c) {
        case '(': case '[': case '{': {
            k = c == '(' ? TokenKind::LParen : c == '[' ? TokenKind::LBracket : TokenKind::LBrace;
            m_brackets.push_back(c);
            bracketOffsets.push_back(start);
            bracketLines.push_back(m_line);
            bracketColumns.push_back(columnAt(start));
            break;
        }
        case ')': case ']': case '}': {
            const char open = c == ')' ? '(' : c == ']' ? '[' : '{';
            if (m_brackets.empty())
                return fail(start, std::string("unmatched '") + c + "'");
            if (m_brackets.back() != open)
                return fail(start, std::string("closing parenthesis '") + c + "' does not match opening parenthesis '"
                                       + m_brackets.back() + "'");
            m_brackets.pop_back();
            bracketOffsets.pop_back();
            bracketLines.pop_back();
            bracketColumns.pop_back();
            k = c == ')' ? TokenKind::RParen : c == ']' ? TokenKind::RBracket : TokenKind::RBrace;
            break;
        }
        case ',': k = TokenKind::Comma; break;
        case ';': k = TokenKind::Semicolon; break;
        case '~': k = TokenKind::Tilde; break;
        case '.':
            if (n1 == '.' && n2 == '.') { k = TokenKind::Ellipsis; len = 3; } else k = TokenKind::Dot;
            break;
        case ':': if (n1 == '=') { k = TokenKind::Walrus; len = 2; } else k = TokenKind::Colon; break;
        case '@': if (n1 == '=') { k = TokenKind::OtherAugAssign; len = 2; } else k = TokenKind::At; break;
        case '=': if (n1 == '=') { k = TokenKind::Eq; len = 2; } else k = TokenKind::Assign; break;
        case '!':
            if (n1 != '=')
                return fail(start, "invalid syntax");
            k = TokenKind::Ne; len = 2;
            break;
        case '+': if (n1 == '=') { k = TokenKind::PlusAssign; len = 2; } else k = TokenKind::Plus; break;
        case '-':
            if (n1 == '=') { k = TokenKind::MinusAssign; len = 2; }
            else if (n1 == '>') { k = TokenKind::Arrow; len = 2; }
            else k = TokenKind::Minus;
            break;
        case '*':
            if (n1 == '*') {
                if (n2 == '=') { k = TokenKind::OtherAugAssign; len = 3; } else { k = TokenKind::StarStar; len = 2; }
            } else if (n1 == '=') { k = TokenKind::StarAssign; len = 2; }
            else k = TokenKind::Star;
            break;
        case '/':
            if (n1 == '/') {
                if (n2 == '=') { k = TokenKind::SlashSlashAssign; len = 3; } else { k = TokenKind::SlashSlash; len = 2; }
            } else if (n1 == '=') { k = TokenKind::SlashAssign; len = 2; }
            else k = TokenKind::Slash;
            break;
        case '%': if (n1 == '=') { k = TokenKind::PercentAssign; len = 2; } else k = TokenKind::Percent; break;
        case '&': if (n1 == '=') { k = TokenKind::OtherAugAssign; len = 2; } else k = TokenKind::Amp; break;
        case '|': if (n1 == '=') { k = TokenKind::OtherAugAssign; len = 2; } else k = TokenKind::Pipe; break;
        case '^': if (n1 == '=') { k = TokenKind::OtherAugAssign; len = 2; } else k = TokenKind::Caret; break;
        case '<':
            if (n1 == '<') {
                if (n2 == '=') { k = TokenKind::OtherAugAssign; len = 3; } else { k = TokenKind::LShift; len = 2; }
            } else if (n1 == '=') { k = TokenKind::Le; len = 2; }
            else if (n1 == '>') return fail(start, "invalid syntax");
            else k = TokenKind::Lt;
            break;
        case '>':
            if (n1 == '>') {
                if (n2 == '=') { k = TokenKind::OtherAugAssign; len = 3; } else { k = TokenKind::RShift; len = 2; }
            } else if (n1 == '=') { k = TokenKind::Ge; len = 2; }
            else k = TokenKind::Gt;
            break;
        default: {
            char buf[16];
            std::snprintf(buf, sizeof buf, "U+%04X", unsigned(uc));
            if (uc < 0x20 || uc == 0x7F)
                return fail(start, std::string("invalid non-printable character ") + buf);
            return fail(start, std::string("invalid character '") + c + "' (" + buf + ")");
        }
        }
        addSimple(out, k, start, len);
        m_pos += len;
    }
    if (!m_brackets.empty()) {
        m_line = bracketLines.back();
        m_error.line = bracketLines.back();
        m_error.column = bracketColumns.back();
        m_error.message = std::string("'") + m_brackets.back() + "' was never closed";
        return false;
    }
    if (!m_exprMode) {
        if (!out.empty() && out.back().kind != TokenKind::Newline && out.back().kind != TokenKind::Dedent
            && out.back().kind != TokenKind::Indent)
            addSimple(out, TokenKind::Newline, m_end, 0);
        while (m_indents.size() > 1) {
            m_indents.pop_back();
            addSimple(out, TokenKind::Dedent, m_end, 0);
        }
    }
    addSimple(out, TokenKind::End, m_end, 0);
    return true;
}

bool Lexer::lexNumber(Token &t)
{
    const std::uint32_t start = m_pos;
    t.line = m_line;
    t.column = columnAt(start);
    t.offset = start;
    std::string digits;
    auto readDigits = [&](auto isOk) -> bool {
        bool lastUnderscore = false, any = false;
        while (m_pos < m_end) {
            const char c = m_text[m_pos];
            if (c == '_') {
                if (lastUnderscore || (!any && digits.empty()))
                    return fail(m_pos, "invalid decimal literal");
                lastUnderscore = true;
            } else if (isOk(c)) {
                digits += c;
                lastUnderscore = false;
                any = true;
            } else {
                break;
            }
            ++m_pos;
        }
        if (lastUnderscore)
            return fail(m_pos - 1, "invalid decimal literal");
        return true;
    };
    const char c0 = m_text[m_pos];
    const char c1 = m_pos + 1 < m_end ? m_text[m_pos + 1] : '\0';
    if (c0 == '0' && (c1 == 'x' || c1 == 'X' || c1 == 'o' || c1 == 'O' || c1 == 'b' || c1 == 'B')) {
        const int base = (c1 == 'x' || c1 == 'X') ? 16 : (c1 == 'o' || c1 == 'O') ? 8 : 2;
        m_pos += 2;
        if (m_pos < m_end && m_text[m_pos] == '_')
            ++m_pos;
        if (!readDigits([base](char c) { return hexValue(c) >= 0 && hexValue(c) < base; }))
            return false;
        if (digits.empty())
            return fail(start, base == 16 ? "invalid hexadecimal literal" : base == 8 ? "invalid octal literal" : "invalid binary literal");
        std::uint64_t v = 0;
        for (char d : digits) {
            if (v > (std::uint64_t(std::numeric_limits<std::int64_t>::max()) - hexValue(d)) / base) {
                t.unsupported = "integer literal too large";
                v = 0;
                break;
            }
            v = v * base + hexValue(d);
        }
        t.kind = TokenKind::Int;
        t.intValue = std::int64_t(v);
    } else {
        bool isFloat = false;
        if (!readDigits(isDigit))
            return false;
        if (m_pos < m_end && m_text[m_pos] == '.') {
            isFloat = true;
            digits += '.';
            ++m_pos;
            if (m_pos < m_end && m_text[m_pos] == '_')
                return fail(m_pos, "invalid decimal literal");
            if (!readDigits(isDigit))
                return false;
        }
        if (m_pos < m_end && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
            std::uint32_t j = m_pos + 1;
            if (j < m_end && (m_text[j] == '+' || m_text[j] == '-'))
                ++j;
            if (j < m_end && isDigit(m_text[j])) {
                isFloat = true;
                digits += 'e';
                if (m_text[m_pos + 1] == '-')
                    digits += '-';
                m_pos = j;
                if (!readDigits(isDigit))
                    return false;
            } else {
                return fail(start, "invalid decimal literal");
            }
        }
        if (isFloat) {
            t.kind = TokenKind::Float;
            t.floatValue = std::strtod(digits.c_str(), nullptr);
        } else {
            if (digits.size() > 1 && digits[0] == '0' && digits.find_first_not_of('0') != std::string::npos)
                return fail(start, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
            std::int64_t v = 0;
            const auto r = std::from_chars(digits.data(), digits.data() + digits.size(), v);
            if (r.ec != std::errc())
                t.unsupported = "integer literal too large";
            t.kind = TokenKind::Int;
            t.intValue = v;
        }
    }
    if (m_pos < m_end) {
        const char c = m_text[m_pos];
        const bool prefixed = c0 == '0' && (c1 == 'x' || c1 == 'X' || c1 == 'o' || c1 == 'O' || c1 == 'b' || c1 == 'B');
        if ((c == 'j' || c == 'J') && !prefixed) {
            ++m_pos;
            t.kind = TokenKind::Imaginary;
            t.unsupported.clear();
        }
    }
    if (m_pos < m_end && isIdentChar(static_cast<unsigned char>(m_text[m_pos]))) {
        // `1if x else y` is valid (deprecated) Python: a keyword may follow a number directly.
        const std::string_view rest = m_text.substr(m_pos, 4);
        bool keyword = false;
        for (std::string_view kw : {"and", "else", "for", "if", "in", "is", "not", "or"})
            keyword = keyword || rest.substr(0, kw.size()) == kw;
        if (!keyword)
            return fail(m_pos, "invalid decimal literal");
    }
    t.text = m_text.substr(start, m_pos - start);
    return true;
}

bool Lexer::decodeEscape(std::uint32_t &i, std::uint32_t end, std::string &out)
{
    // m_text[i] == '\\'
    const std::uint32_t at = i;
    ++i;
    if (i >= end) {
        out += '\\';
        return true;
    }
    const char c = m_text[i++];
    switch (c) {
    case '\n': return true;
    case '\r': if (i < end && m_text[i] == '\n') ++i; return true;
    case '\\': out += '\\'; return true;
    case '\'': out += '\''; return true;
    case '"': out += '"'; return true;
    case 'a': out += '\a'; return true;
    case 'b': out += '\b'; return true;
    case 'f': out += '\f'; return true;
    case 'n': out += '\n'; return true;
    case 'r': out += '\r'; return true;
    case 't': out += '\t'; return true;
    case 'v': out += '\v'; return true;
    case 'x': case 'u': case 'U': {
        const int n = c == 'x' ? 2 : c == 'u' ? 4 : 8;
        std::uint32_t cp = 0;
        for (int k = 0; k < n; ++k) {
            if (i >= end || hexValue(m_text[i]) < 0)
                return fail(at, std::string("truncated \\") + c + " escape");
            cp = cp * 16 + std::uint32_t(hexValue(m_text[i++]));
        }
        if (cp > 0x10FFFF)
            return fail(at, "illegal Unicode character in \\U escape");
        if (cp >= 0xD800 && cp <= 0xDFFF) { // valid Python, but not representable in UTF-8
            m_unsupported = "lone surrogate escapes (\\ud800-\\udfff) are not supported";
            cp = 0xFFFD;
        }
        base::appendUtf8(out, cp);
        return true;
    }
    case 'N':
        // Named characters need the Unicode name table: valid, rejected when evaluated.
        if (i >= end || m_text[i] != '{')
            return fail(at, "malformed \\N character escape");
        while (i < end && m_text[i] != '}')
            ++i;
        if (i >= end)
            return fail(at, "malformed \\N character escape");
        ++i;
        m_unsupported = "\\N{...} escapes are not supported";
        out += "\xEF\xBF\xBD";
        return true;
    default:
        if (c >= '0' && c <= '7') {
            std::uint32_t v = std::uint32_t(c - '0');
            for (int k = 0; k < 2 && i < end && m_text[i] >= '0' && m_text[i] <= '7'; ++k)
                v = v * 8 + std::uint32_t(m_text[i++] - '0');
            base::appendUtf8(out, v);
            return true;
        }
        out += '\\';
        out += c;
        return true;
    }
}

bool Lexer::skipNestedString(std::uint32_t &i, std::uint32_t end)
{
    const char q = m_text[i];
    const bool triple = i + 2 < end && m_text[i + 1] == q && m_text[i + 2] == q;
    i += triple ? 3 : 1;
    while (i < end) {
        const char c = m_text[i];
        if (c == '\\') {
            i += 2;
            continue;
        }
        if (c == q) {
            if (!triple)
                return ++i, true;
            if (i + 2 < end && m_text[i + 1] == q && m_text[i + 2] == q)
                return i += 3, true;
        }
        if ((c == '\n') && !triple)
            return false;
        ++i;
    }
    return false;
}

bool Lexer::atFStringEnd(std::uint32_t i, char quote, bool triple) const
{
    if (m_text[i] != quote)
        return false;
    return !triple || (i + 2 < m_end && m_text[i + 1] == quote && m_text[i + 2] == quote);
}

// One replacement field; `i` is just after its '{' and ends just after its '}'. Python
// 3.12 rules: the expression may hold strings with any quotes and nested f-strings; the
// format spec may hold nested fields; `=` after the expression is the debug specifier.
bool Lexer::scanFStringField(std::uint32_t &i, char quote, bool triple, bool raw, Token &t, FStringPart &part, int nesting)
{
    if (nesting > 20)
        return fail(t.offset, "f-string: expressions nested too deeply");
    part.isExpr = true;
    const std::uint32_t exprStart = i;
    int depth = 0;
    bool debug = false;
    std::uint32_t exprEnd = 0;
    while (true) {
        if (i >= m_end)
            return fail(t.offset, "f-string: expecting '}'");
        const char e = m_text[i];
        if (e == '\'' || e == '"') {
            // A string inside the expression; its prefix letters precede it.
            std::uint32_t j = i;
            while (j > exprStart && isIdentChar(static_cast<unsigned char>(m_text[j - 1])))
                --j;
            const std::string_view prefix = m_text.substr(j, i - j);
            bool isF = false, isPrefix = prefix.size() <= 2;
            for (char p : prefix) {
                isF = isF || p == 'f' || p == 'F';
                isPrefix = isPrefix && std::string_view("rRbBfFuU").find(p) != std::string_view::npos;
            }
            if (isPrefix && isF) {
                const char q = e;
                const bool tq = i + 2 < m_end && m_text[i + 1] == q && m_text[i + 2] == q;
                i += tq ? 3 : 1;
                Token inner;
                inner.offset = t.offset;
                inner.line = t.line;
                inner.column = t.column;
                bool innerRaw = prefix.find_first_of("rR") != std::string_view::npos;
                if (!scanFStringNested(i, q, tq, innerRaw, inner, nesting + 1))
                    return false;
                continue;
            }
            if (!skipNestedString(i, m_end))
                return fail(t.offset, "f-string: unterminated string");
            continue;
        }
        if (e == '#') {
            while (i < m_end && m_text[i] != '\n')
                ++i;
            continue;
        }
        if (e == '(' || e == '[' || e == '{') {
            ++depth;
        } else if (e == ')' || e == ']' || e == '}') {
            if (depth == 0) {
                if (e != '}')
                    return fail(t.offset, std::string("f-string: unmatched '") + e + "'");
                break;
            }
            --depth;
        } else if (depth == 0 && e == '!' && !(i + 1 < m_end && m_text[i + 1] == '=')) {
            break;
        } else if (depth == 0 && e == ':') {
            break;
        } else if (depth == 0 && e == '=' && !(i + 1 < m_end && m_text[i + 1] == '=') && i > exprStart
                   && std::string_view("=!<>").find(m_text[i - 1]) == std::string_view::npos) {
            debug = true;
            exprEnd = i;
            ++i;
            while (i < m_end && (m_text[i] == ' ' || m_text[i] == '\t' || m_text[i] == '\n' || m_text[i] == '\r'))
                ++i;
            if (i >= m_end || (m_text[i] != '!' && m_text[i] != ':' && m_text[i] != '}'))
                return fail(t.offset, "f-string: expecting '!', or ':', or '}'");
            break;
        } else if (depth == 0 && atFStringEnd(i, quote, triple)) {
            return fail(t.offset, "f-string: expecting '}'");
        }
        ++i;
    }
    if (!debug)
        exprEnd = i;
    const std::string_view expr = m_text.substr(exprStart, exprEnd - exprStart);
    if (expr.find_first_not_of(" \t\r\n\f") == std::string_view::npos)
        return fail(t.offset, "f-string: valid expression required before '" + std::string(1, m_text[i]) + "'");
    part.exprOffset = exprStart;
    part.exprLength = exprEnd - exprStart;
    positionOf(t, exprStart, part.line, part.column);
    if (debug)
        part.debugText.assign(m_text.substr(exprStart, i - exprStart));
    if (m_text[i] == '!') {
        ++i;
        if (i >= m_end || (m_text[i] != 'r' && m_text[i] != 's' && m_text[i] != 'a'))
            return fail(t.offset, "f-string: invalid conversion character: expected 's', 'r', or 'a'");
        part.conversion = m_text[i] == 's' ? 's' : 'r';
        ++i;
    } else if (debug) {
        part.conversion = 'r'; // `{x=}` shows repr(x) unless a format spec is given
    }
    if (i < m_end && m_text[i] == ':') {
        ++i;
        if (debug)
            part.conversion = 0;
        std::string literal;
        bool nested = false;
        while (true) {
            if (i >= m_end || atFStringEnd(i, quote, triple))
                return fail(t.offset, "f-string: expecting '}'");
            const char c = m_text[i];
            if (c == '}')
                break;
            if (c == '{') {
                ++i;
                if (!literal.empty()) {
                    FStringPart lit;
                    lit.literal = std::move(literal);
                    literal.clear();
                    part.specParts.push_back(std::move(lit));
                }
                FStringPart inner;
                if (!scanFStringField(i, quote, triple, raw, t, inner, nesting + 1))
                    return false;
                part.specParts.push_back(std::move(inner));
                nested = true;
                continue;
            }
            if (c == '\\' && !raw) {
                if (!decodeEscape(i, m_end, literal))
                    return false;
                continue;
            }
            literal += c;
            ++i;
        }
        if (nested) {
            if (!literal.empty()) {
                FStringPart lit;
                lit.literal = std::move(literal);
                part.specParts.push_back(std::move(lit));
            }
        } else {
            part.spec = std::move(literal);
        }
    }
    if (i >= m_end || m_text[i] != '}')
        return fail(t.offset, "f-string: expecting '}'");
    ++i;
    return true;
}

bool Lexer::scanFStringNested(std::uint32_t &i, char quote, bool triple, bool raw, Token &t, int nesting)
{
    if (nesting > 20)
        return fail(t.offset, "f-string: expressions nested too deeply");
    std::string literal;
    auto flushLiteral = [&] {
        if (!literal.empty()) {
            FStringPart p;
            p.literal = std::move(literal);
            literal.clear();
            t.parts.push_back(std::move(p));
        }
    };
    while (true) {
        if (i >= m_end)
            return fail(t.offset, std::string(triple ? "unterminated triple-quoted f-string literal" : "unterminated f-string literal"));
        const char c = m_text[i];
        if (atFStringEnd(i, quote, triple)) {
            i += triple ? 3 : 1;
            break;
        }
        if ((c == '\n' || c == '\r') && !triple)
            return fail(t.offset, "unterminated f-string literal");
        if (c == '\\') {
            if (raw) {
                literal += c;
                ++i;
                if (i < m_end && m_text[i] != '{' && m_text[i] != '}')
                    literal += m_text[i++];
                continue;
            }
            if (!decodeEscape(i, m_end, literal))
                return false;
            continue;
        }
        if (c == '}') {
            if (i + 1 < m_end && m_text[i + 1] == '}') {
                literal += '}';
                i += 2;
                continue;
            }
            return fail(t.offset, "f-string: single '}' is not allowed");
        }
        if (c != '{') {
            literal += c;
            ++i;
            continue;
        }
        if (i + 1 < m_end && m_text[i + 1] == '{') {
            literal += '{';
            i += 2;
            continue;
        }
        flushLiteral();
        ++i;
        FStringPart part;
        if (!scanFStringField(i, quote, triple, raw, t, part, nesting))
            return false;
        t.parts.push_back(std::move(part));
    }
    flushLiteral();
    return true;
}

bool Lexer::scanFString(std::uint32_t &i, char quote, bool triple, bool raw, Token &t)
{
    return scanFStringNested(i, quote, triple, raw, t, 0);
}

bool Lexer::lexString(Token &t, std::uint32_t prefixStart, bool raw, bool isBytes, bool isF)
{
    t.line = m_line;
    t.column = columnAt(prefixStart);
    t.offset = prefixStart;
    m_unsupported.clear();
    const char q = m_text[m_pos];
    const bool triple = m_pos + 2 < m_end && m_text[m_pos + 1] == q && m_text[m_pos + 2] == q;
    std::uint32_t i = m_pos + (triple ? 3 : 1);
    const std::uint32_t bodyStart = i;
    const int startLine = m_line;
    int line = m_line;
    std::uint32_t lastLineStart = m_lineStart;
    std::uint32_t bodyEnd = 0;
    if (isF) {
        t.kind = TokenKind::FString;
        if (!scanFString(i, q, triple, raw, t))
            return false;
        for (std::uint32_t k = bodyStart; k < i; ++k)
            if (m_text[k] == '\n') {
                ++line;
                lastLineStart = k + 1;
            }
        t.text = m_text.substr(prefixStart, i - prefixStart);
        t.unsupported = m_unsupported;
        m_pos = i;
        if (line != m_line) {
            m_line = line;
            m_lineStart = lastLineStart;
        }
        return true;
    }
    while (true) {
        if (i >= m_end) {
            m_line = startLine;
            return fail(prefixStart, std::string(triple ? "unterminated triple-quoted string literal" : "unterminated string literal")
                                         + " (detected at line " + std::to_string(line) + ")");
        }
        const char c = m_text[i];
        if (c == '\\') {
            if (i + 1 < m_end && m_text[i + 1] == '\n') {
                ++line;
                lastLineStart = i + 2;
            } else if (i + 2 < m_end && m_text[i + 1] == '\r' && m_text[i + 2] == '\n') {
                ++line;
                lastLineStart = i + 3;
                ++i;
            }
            i += 2;
            continue;
        }
        if (c == '\n' || c == '\r') {
            if (!triple) {
                m_line = startLine;
                return fail(prefixStart, "unterminated string literal (detected at line " + std::to_string(line) + ")");
            }
            if (c == '\n') {
                ++line;
                lastLineStart = i + 1;
            }
            ++i;
            continue;
        }
        if (c == q) {
            if (!triple) {
                bodyEnd = i;
                i += 1;
                break;
            }
            if (i + 2 < m_end && m_text[i + 1] == q && m_text[i + 2] == q) {
                bodyEnd = i;
                i += 3;
                break;
            }
        }
        ++i;
    }
    t.text = m_text.substr(prefixStart, i - prefixStart);
    t.kind = isBytes ? TokenKind::Bytes : TokenKind::String;
    if (raw) {
        t.value.assign(m_text.substr(bodyStart, bodyEnd - bodyStart));
    } else {
        t.value.reserve(bodyEnd - bodyStart);
        std::uint32_t j = bodyStart;
        while (j < bodyEnd) {
            const std::uint32_t run = j;
            while (j < bodyEnd && m_text[j] != '\\')
                ++j;
            t.value.append(m_text.substr(run, j - run));
            if (j < bodyEnd && !decodeEscape(j, bodyEnd, t.value))
                return false;
        }
    }
    if (isBytes)
        m_unsupported = "bytes literals are not supported";
    t.unsupported = m_unsupported;
    // Strip \r from \r\n inside triple-quoted strings (universal newlines).
    if (triple && t.value.find('\r') != std::string::npos) {
        std::string v;
        for (size_t k = 0; k < t.value.size(); ++k)
            if (!(t.value[k] == '\r' && k + 1 < t.value.size() && t.value[k + 1] == '\n'))
                v += t.value[k];
        t.value = std::move(v);
    }
    m_pos = i;
    if (line != m_line) {
        m_line = line;
        m_lineStart = lastLineStart;
    }
    return true;
}

} // namespace trellis::buildlang
