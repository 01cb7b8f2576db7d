// How the scan works
//
// Pants parses each file with tree-sitter and walks the syntax tree. Trellis gets the same
// answers from a single forward pass, because everything §5.3 asks for is decided by the
// first tokens of a statement and by the block structure around it:
//
//  * The Lexer turns bytes into tokens. It knows every Python string form (prefixes r, b,
//    u, f, t in any case and combination, triple quotes, PEP 701 f-strings whose
//    replacement fields contain nested strings) and comments, so an "import" inside a
//    string or comment is never seen. Newlines inside brackets and after a backslash are
//    swallowed, so the driver sees logical lines; each logical line reports its indent.
//  * The Driver reads one logical line at a time, splits it into simple statements at
//    `;` and at the colon of a compound-statement header (`if x: import y`), and
//    recognises `import`, `from`, `try`, `except`, `with` and `__import__(...)`.
//  * Weak imports: a stack of frames, one per open block that changes weakness (a `try:`
//    body or a `with suppress(ImportError):` body), each remembering its header's indent.
//    A line indented no deeper than a frame's header closes it. An import records the
//    innermost frame; since `except` clauses come *after* the body, a try frame only
//    points at its try statement, and whether any of its except clauses names
//    ImportError is looked up at the end. As in Pants, the innermost frame decides: a
//    plain `try:` nested inside a weakening one makes its body strong again.
//  * `# pants: no-infer-dep`: a name is suppressed when the comment follows it (before
//    the next name) on the line where the name ends; a statement when the comment
//    directly follows its last token on that token's line.
//  * Adjacent string literals are joined (implicit concatenation), like tree-sitter's
//    concatenated_string, before they are considered as string-import candidates.

#include "core/infer/importscanner.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <unordered_map>

namespace trellis::infer {

namespace {

enum class Tok : std::uint8_t { Name, Op, String, Number, Comment, Newline, Eof };

/// One lexical token. `text` views the source (names) or the lexer's buffer (strings).
struct Token {
    Tok kind = Tok::Eof;
    char op = 0;          ///< Op: the character; ':=' is 'W'
    int line = 0;         ///< line where the token starts
    int endLine = 0;      ///< line where it ends (multi-line strings)
    int depth = 0;        ///< bracket depth before the token
    bool plain = false;   ///< String: no escapes and no interpolation
    bool pragma = false;  ///< Comment: contains `# pants: no-infer-dep`
    std::string_view text;
};

constexpr std::string_view kPragma = "# pants: no-infer-dep";
constexpr int kMaxFieldNesting = 64;

enum CharClass : std::uint8_t { kOther, kSpace, kNewline, kIdent, kDigit, kQuote };

struct ClassTable {
    std::uint8_t c[256];
    constexpr ClassTable() : c{}
    {
        for (int i = 0; i < 256; ++i)
            c[i] = kOther;
        c[int(' ')] = c[int('\t')] = c[int('\f')] = kSpace;
        c[int('\n')] = c[int('\r')] = kNewline;
        for (int i = 'a'; i <= 'z'; ++i)
            c[i] = kIdent;
        for (int i = 'A'; i <= 'Z'; ++i)
            c[i] = kIdent;
        c[int('_')] = kIdent;
        for (int i = 0x80; i < 256; ++i)
            c[i] = kIdent; // UTF-8 identifiers (and, harmlessly, invalid bytes)
        for (int i = '0'; i <= '9'; ++i)
            c[i] = kDigit;
        c[int('\'')] = c[int('"')] = kQuote;
    }
};
constexpr ClassTable kClass;

inline std::uint8_t classOf(char ch) { return kClass.c[static_cast<unsigned char>(ch)]; }
inline bool isIdentChar(char ch)
{
    const std::uint8_t k = classOf(ch);
    return k == kIdent || k == kDigit;
}

/// Splits source into tokens; see the essay above.
class Lexer {
public:
    explicit Lexer(std::string_view s) : m_s(s)
    {
        if (m_s.substr(0, 3) == "\xEF\xBB\xBF")
            m_pos = 3;
    }

    /// Indent (columns, tabs to multiples of 8) of the current logical line.
    int indent() const { return m_indent; }

    /// The next token, written into `t` (its every field set): building it in place
    /// spares a copy per token.
    void next(Token &t);
    /// Advances over bytes that cannot matter inside an expression statement (names,
    /// numbers, operators, brackets), stopping before strings, comments, line ends,
    /// backslashes, ';' or ':' at depth 0 and the names `__import__` and `lambda`.
    void skipPlain();

private:
    char peek(size_t off = 0) const { return m_pos + off < m_s.size() ? m_s[m_pos + off] : '\0'; }
    void consumeNewline()
    {
        if (m_s[m_pos] == '\r' && peek(1) == '\n')
            ++m_pos;
        ++m_pos;
        ++m_line;
    }
    bool startLogicalLine(); // false at EOF
    /// Fills `t` with the string literal whose opening quote is at quotePos. `t` is fresh.
    void lexString(Token &t, size_t quotePos, bool raw, bool format, int line);
    void skipStringBody(char quote, bool triple, bool raw, bool format, bool *plain, int nesting);
    void skipReplacementField(char quote, bool triple, int nesting);

    std::string_view m_s;
    size_t m_pos = 0;
    int m_line = 1;
    int m_depth = 0;
    int m_indent = 0;
    bool m_atLineStart = true;
};

bool Lexer::startLogicalLine()
{
    for (;;) {
        int col = 0;
        while (m_pos < m_s.size()) {
            const char ch = m_s[m_pos];
            if (ch == ' ')
                ++col;
            else if (ch == '\t')
                col = (col / 8 + 1) * 8;
            else if (ch == '\f')
                col = 0;
            else
                break;
            ++m_pos;
        }
        if (m_pos >= m_s.size())
            return false;
        const char ch = m_s[m_pos];
        if (ch == '\n' || ch == '\r') {
            consumeNewline();
            continue;
        }
        if (ch == '#') {
            const void *nl = std::memchr(m_s.data() + m_pos, '\n', m_s.size() - m_pos);
            const size_t end = nl ? size_t(static_cast<const char *>(nl) - m_s.data()) : m_s.size();
            // A comment-only line; a '\r' line ending is handled by the newline branch.
            const size_t cr = m_s.substr(m_pos, end - m_pos).find('\r');
            m_pos = cr == std::string_view::npos ? end : m_pos + cr;
            continue;
        }
        if (ch == '\\' && (peek(1) == '\n' || peek(1) == '\r')) {
            ++m_pos; // continuation of an empty line: keep going on the next one
            consumeNewline();
            continue;
        }
        m_indent = col;
        return true;
    }
}

void Lexer::next(Token &t)
{
    t = Token();
    if (m_atLineStart) {
        m_depth = 0;
        if (!startLogicalLine()) {
            t.line = t.endLine = m_line;
            return; // Eof
        }
        m_atLineStart = false;
    }
    for (;;) {
        if (m_pos >= m_s.size()) {
            // End of input ends the current logical line; the next call reports Eof.
            t.line = t.endLine = m_line;
            t.kind = Tok::Newline;
            m_atLineStart = true;
            return;
        }
        const char ch = m_s[m_pos];
        const std::uint8_t k = classOf(ch);
        t.line = t.endLine = m_line;
        t.depth = m_depth;
        switch (k) {
        case kSpace:
            ++m_pos;
            continue;
        case kNewline:
            consumeNewline();
            if (m_depth > 0)
                continue;
            t.kind = Tok::Newline;
            m_atLineStart = true;
            return;
        case kQuote:
            lexString(t, m_pos, false, false, m_line);
            return;
        case kIdent: {
            const size_t start = m_pos;
            ++m_pos;
            while (m_pos < m_s.size() && isIdentChar(m_s[m_pos]))
                ++m_pos;
            const size_t len = m_pos - start;
            if (len <= 2 && m_pos < m_s.size() && classOf(m_s[m_pos]) == kQuote) {
                bool raw = false, format = false, ok = true;
                for (size_t i = start; i < m_pos; ++i) {
                    switch (m_s[i] | 0x20) {
                    case 'r': raw = true; break;
                    case 'f': case 't': format = true; break;
                    case 'b': case 'u': break;
                    default: ok = false;
                    }
                }
                if (ok)
                    {
                    lexString(t, m_pos, raw, format, m_line);
                    return;
                }
            }
            t.kind = Tok::Name;
            t.text = m_s.substr(start, len);
            return;
        }
        case kDigit: {
            ++m_pos;
            while (m_pos < m_s.size() && (isIdentChar(m_s[m_pos]) || m_s[m_pos] == '.'))
                ++m_pos;
            t.kind = Tok::Number;
            return;
        }
        default:
            break;
        }
        switch (ch) {
        case '#': {
            const size_t start = m_pos;
            while (m_pos < m_s.size() && m_s[m_pos] != '\n' && m_s[m_pos] != '\r')
                ++m_pos;
            t.kind = Tok::Comment;
            t.text = m_s.substr(start, m_pos - start);
            t.pragma = t.text.find(kPragma) != std::string_view::npos;
            return;
        }
        case '\\':
            if (peek(1) == '\n' || peek(1) == '\r') {
                ++m_pos;
                consumeNewline();
                continue;
            }
            break;
        case '(': case '[': case '{':
            ++m_depth;
            break;
        case ')': case ']': case '}':
            if (m_depth > 0)
                --m_depth;
            break;
        case ':':
            if (peek(1) == '=') {
                m_pos += 2;
                t.kind = Tok::Op;
                t.op = 'W';
                return;
            }
            break;
        default:
            break;
        }
        ++m_pos;
        t.kind = Tok::Op;
        t.op = ch;
        return;
    }
}

void Lexer::skipPlain()
{
    const size_t n = m_s.size();
    while (m_pos < n) {
        const char ch = m_s[m_pos];
        switch (classOf(ch)) {
        case kSpace:
            ++m_pos;
            continue;
        case kIdent: {
            const size_t start = m_pos;
            ++m_pos;
            while (m_pos < n && isIdentChar(m_s[m_pos]))
                ++m_pos;
            const std::string_view name = m_s.substr(start, m_pos - start);
            if ((name.size() <= 2 && m_pos < n && classOf(m_s[m_pos]) == kQuote) || name == "__import__"
                || name == "lambda") {
                m_pos = start;
                return;
            }
            continue;
        }
        case kDigit:
            ++m_pos;
            while (m_pos < n && (isIdentChar(m_s[m_pos]) || m_s[m_pos] == '.'))
                ++m_pos;
            continue;
        case kQuote:
        case kNewline:
            return;
        default:
            break;
        }
        switch (ch) {
        case '(': case '[': case '{':
            ++m_depth;
            break;
        case ')': case ']': case '}':
            if (m_depth > 0)
                --m_depth;
            break;
        case ';': case ':':
            if (m_depth == 0)
                return;
            break;
        case '#': case '\\':
            return;
        default:
            break;
        }
        ++m_pos;
    }
}

void Lexer::lexString(Token &t, size_t quotePos, bool raw, bool format, int line)
{
    t.kind = Tok::String;
    t.line = line;
    t.depth = m_depth;
    const char quote = m_s[quotePos];
    m_pos = quotePos;
    const bool triple = peek(1) == quote && peek(2) == quote;
    m_pos += triple ? 3 : 1;
    const size_t contentStart = m_pos;
    bool plain = true;
    skipStringBody(quote, triple, raw, format, &plain, 0);
    size_t contentEnd = m_pos;
    // Step over the closing quote(s) when present (unterminated strings stop at the newline / EOF).
    if (m_pos < m_s.size() && m_s[m_pos] == quote) {
        m_pos += triple ? 3 : 1;
        if (m_pos > m_s.size())
            m_pos = m_s.size();
    } else {
        plain = false;
    }
    contentEnd = std::min(contentEnd, m_s.size());
    t.plain = plain;
    t.text = m_s.substr(contentStart, contentEnd - contentStart);
    t.endLine = m_line;
    return;
}

void Lexer::skipStringBody(char quote, bool triple, bool raw, bool format, bool *plain, int nesting)
{
    (void)raw; // a backslash protects the next character in raw strings too
    while (m_pos < m_s.size()) {
        const char ch = m_s[m_pos];
        if (ch == quote) {
            if (!triple || (peek(1) == quote && peek(2) == quote))
                return;
            ++m_pos;
            continue;
        }
        switch (ch) {
        case '\\':
            *plain = false;
            ++m_pos;
            if (m_pos < m_s.size()) {
                if (m_s[m_pos] == '\n' || m_s[m_pos] == '\r')
                    consumeNewline();
                else
                    ++m_pos;
            }
            continue;
        case '\n': case '\r':
            if (!triple)
                return; // unterminated
            consumeNewline();
            continue;
        case '{':
            if (format) {
                *plain = false;
                if (peek(1) == '{') {
                    m_pos += 2;
                    continue;
                }
                ++m_pos;
                skipReplacementField(quote, triple, nesting + 1);
                continue;
            }
            break;
        case '}':
            if (format)
                *plain = false;
            break;
        default:
            break;
        }
        ++m_pos;
    }
}

void Lexer::skipReplacementField(char quote, bool triple, int nesting)
{
    int depth = 1;
    bool spec = false; // inside the format spec after ':'
    while (m_pos < m_s.size()) {
        const char ch = m_s[m_pos];
        if (ch == '\n' || ch == '\r') {
            if (!triple && spec)
                return;
            consumeNewline();
            continue;
        }
        if (spec) {
            if (ch == quote && (!triple || (peek(1) == quote && peek(2) == quote)))
                return; // the enclosing string ends here
            if (ch == '\\') {
                m_pos += 2;
                continue;
            }
            if (ch == '{') {
                ++m_pos;
                if (nesting < kMaxFieldNesting)
                    skipReplacementField(quote, triple, nesting + 1);
                continue;
            }
            ++m_pos;
            if (ch == '}')
                return;
            continue;
        }
        const std::uint8_t k = classOf(ch);
        if (k == kQuote || (k == kIdent && nesting < kMaxFieldNesting)) {
            // A nested string (PEP 701 allows the same quote), possibly prefixed.
            size_t q = m_pos;
            bool nraw = false, nformat = false, isString = k == kQuote;
            if (!isString) {
                const size_t start = m_pos;
                while (q < m_s.size() && isIdentChar(m_s[q]))
                    ++q;
                if (q - start <= 2 && q < m_s.size() && classOf(m_s[q]) == kQuote) {
                    isString = true;
                    for (size_t i = start; i < q; ++i) {
                        const char p = char(m_s[i] | 0x20);
                        if (p == 'r')
                            nraw = true;
                        else if (p == 'f' || p == 't')
                            nformat = true;
                        else if (p != 'b' && p != 'u')
                            isString = false;
                    }
                }
                if (!isString) {
                    m_pos = q;
                    continue;
                }
            }
            if (nesting >= kMaxFieldNesting) {
                ++m_pos;
                continue;
            }
            const char nq = m_s[q];
            m_pos = q;
            const bool ntriple = peek(1) == nq && peek(2) == nq;
            m_pos += ntriple ? 3 : 1;
            bool dummy = true;
            skipStringBody(nq, ntriple, nraw, nformat, &dummy, nesting);
            if (m_pos < m_s.size() && m_s[m_pos] == nq)
                m_pos += ntriple ? 3 : 1;
            m_pos = std::min(m_pos, m_s.size());
            continue;
        }
        switch (ch) {
        case '(': case '[': case '{':
            ++depth;
            break;
        case ')': case ']':
            if (depth > 1)
                --depth;
            break;
        case '}':
            if (--depth == 0) {
                ++m_pos;
                return;
            }
            break;
        case ':':
            if (depth == 1)
                spec = true;
            break;
        case '\\':
            ++m_pos;
            break;
        default:
            break;
        }
        ++m_pos;
    }
}

/// Context of a recorded import: strong, weak, or "weak iff try statement N catches ImportError".
constexpr int kStrong = -1;
constexpr int kSuppressed = -2;

struct Record {
    std::string module;
    int line; ///< -1 = dropped by a pragma
    int ctx;
};

inline bool isOp(const Token &t, char op) { return t.kind == Tok::Op && t.op == op; }
inline bool isName(const Token &t, std::string_view text) { return t.kind == Tok::Name && t.text == text; }
inline bool isTerminator(const Token &t)
{
    return t.kind == Tok::Newline || t.kind == Tok::Eof || (t.kind == Tok::Op && t.op == ';' && t.depth == 0);
}

/// Recognises statements over the token stream; see the essay above.
class Driver {
public:
    explicit Driver(std::string_view s) : m_lex(s) {}
    ScanResult run();

private:
    struct Frame {
        int indent; ///< the header line's indent; lines deeper than this are inside
        int ctx;    ///< kSuppressed or a try id
    };
    struct PendingName {
        std::string module;
        int line;
    };

    /// Next significant token (comments are consumed here, adjacent strings joined).
    Token next();
    Token rawNext();
    void pushBack(const Token &t) { m_pushed.push_back(t); }
    int currentCtx() const { return m_frames.empty() ? kStrong : m_frames.back().ctx; }
    void logicalLine(Token tok);
    void statements(Token tok, int indent);
    Token importStatement();
    Token fromStatement();
    /// Reads the terminator after a statement; true when a pragma comment follows the
    /// statement's last token on that token's line.
    bool statementIgnored(const Token &terminator);
    /// Consumes an expression statement (or a compound header when `header`): returns the
    /// token that ends it (';', the header's ':', Newline or Eof).
    Token generic(Token tok, bool header, std::vector<Token> *keep = nullptr);
    void dunderImport();
    static bool exceptCatchesImportError(std::vector<Token> expr);
    static bool withSuppressesImportError(const std::vector<Token> &header);

    Lexer m_lex;
    std::vector<Frame> m_frames;
    std::vector<std::pair<int, int>> m_openTries; // (indent, try id), innermost last
    std::vector<char> m_tryCatchesImportError;   // per try id
    std::vector<Record> m_records;
    std::vector<StringLiteral> m_strings;
    std::vector<std::pair<size_t, int>> m_pendingStrings; // (index into m_strings, end line)
    std::vector<std::pair<size_t, int>> m_pendingDunder;  // (index into m_records, end line)

    std::vector<Token> m_pushed; // tokens returned by next() and pushed back
    bool m_haveLookahead = false;
    Token m_lookahead;           // raw token read while joining strings
    std::string m_merged;        // text of the last joined string token
    int m_pragmaCount = 0;       // `# pants: no-infer-dep` comments seen so far
    int m_pragmaLine = 0;        // line of the last one
    int m_lastEnd = 0;           // end line of the last non-terminator token
    int m_pragmaCountAtLast = 0; // m_pragmaCount right after that token
    int m_dunderDepth = -1;      // inside `__import__(`: strings deeper than this are not candidates
};

// next() and rawNext() return one named Token on every path, so that it is built in the
// caller's slot: returning one of two Tokens made GCC copy it through the stack with
// byte-wide stores read back 16 bytes at a time (a store-forwarding stall on every token).
Token Driver::rawNext()
{
    Token t;
    if (m_haveLookahead) {
        m_haveLookahead = false;
        t = m_lookahead;
        return t;
    }
    for (;;) {
        m_lex.next(t);
        if (t.kind != Tok::Comment)
            return t;
        if (!t.pragma)
            continue;
        ++m_pragmaCount;
        m_pragmaLine = t.line;
        for (auto &p : m_pendingStrings)
            if (p.second == t.line)
                m_strings[p.first].line = -1;
        for (auto &p : m_pendingDunder)
            if (p.second == t.line)
                m_records[p.first].line = -1;
    }
}

Token Driver::next()
{
    Token t;
    if (!m_pushed.empty()) {
        t = m_pushed.back();
        m_pushed.pop_back();
        return t;
    }
    t = rawNext();
    if (t.kind == Tok::Newline) {
        m_pendingStrings.clear();
        m_pendingDunder.clear();
        m_dunderDepth = -1;
    } else if (t.kind == Tok::Op && t.op == ')' && m_dunderDepth >= 0 && t.depth - 1 <= m_dunderDepth) {
        m_dunderDepth = -1;
    }
    if (t.kind == Tok::String) {
        // Join adjacent literals (implicit concatenation).
        const int pragmasBefore = m_pragmaCount;
        Token u = rawNext();
        if (u.kind == Tok::String) {
            m_merged.assign(t.text);
            bool plain = t.plain;
            while (u.kind == Tok::String) {
                m_merged.append(u.text);
                plain = plain && u.plain;
                t.endLine = u.endLine;
                u = rawNext();
            }
            t.text = m_merged;
            t.plain = plain;
        }
        m_lookahead = u;
        m_haveLookahead = true;
        const bool pragmaAfter = m_pragmaCount != pragmasBefore && m_pragmaLine == t.endLine;
        if (t.plain && !pragmaAfter && (m_dunderDepth < 0 || t.depth <= m_dunderDepth) && !t.text.empty() && t.text.size() <= 1024
            && t.text.find_first_of("./") != std::string_view::npos
            && t.text.find_first_of(" \t\n\r\f\v\\") == std::string_view::npos) {
            m_pendingStrings.emplace_back(m_strings.size(), t.endLine);
            m_strings.push_back({std::string(t.text), t.line});
        }
    }
    if (!isTerminator(t)) {
        m_lastEnd = t.endLine;
        m_pragmaCountAtLast = m_pragmaCount;
    }
    return t;
}

ScanResult Driver::run()
{
    for (;;) {
        Token tok = next();
        if (tok.kind == Tok::Eof)
            break;
        if (tok.kind == Tok::Newline)
            continue;
        logicalLine(tok);
    }

    ScanResult result;
    // Merge records: first line wins, weak only when every occurrence is weak.
    std::unordered_map<std::string_view, size_t> index;
    index.reserve(m_records.size());
    result.imports.reserve(m_records.size());
    for (const Record &r : m_records) {
        if (r.line < 0 || r.module.empty())
            continue;
        if (r.module == "__future__" || r.module.starts_with("__future__."))
            continue;
        const bool weak = r.ctx == kSuppressed || (r.ctx >= 0 && m_tryCatchesImportError[size_t(r.ctx)]);
        auto [it, inserted] = index.emplace(r.module, result.imports.size());
        if (inserted) {
            result.imports.push_back({r.module, r.line, weak});
        } else {
            RawImport &imp = result.imports[it->second];
            imp.line = std::min(imp.line, r.line);
            imp.weak = imp.weak && weak;
        }
    }
    std::sort(result.imports.begin(), result.imports.end(),
              [](const RawImport &a, const RawImport &b) { return a.module < b.module; });

    std::erase_if(m_strings, [](const StringLiteral &s) { return s.line < 0; });
    std::stable_sort(m_strings.begin(), m_strings.end(),
                     [](const StringLiteral &a, const StringLiteral &b) { return a.text < b.text; });
    m_strings.erase(std::unique(m_strings.begin(), m_strings.end(),
                                [](const StringLiteral &a, const StringLiteral &b) { return a.text == b.text; }),
                    m_strings.end());
    result.strings = std::move(m_strings);
    return result;
}

void Driver::logicalLine(Token tok)
{
    const int indent = m_lex.indent();
    while (!m_frames.empty() && m_frames.back().indent >= indent)
        m_frames.pop_back();
    const bool continuesTry = isName(tok, "except") || isName(tok, "else") || isName(tok, "finally");
    while (!m_openTries.empty()
           && (m_openTries.back().first > indent || (m_openTries.back().first == indent && !continuesTry)))
        m_openTries.pop_back();
    statements(tok, indent);
}

void Driver::statements(Token tok, int indent)
{
    for (;;) {
        if (tok.kind == Tok::Newline || tok.kind == Tok::Eof)
            return;
        Token end;
        const std::string_view kw = tok.kind == Tok::Name ? tok.text : std::string_view{};
        if (kw == "import") {
            end = importStatement();
        } else if (kw == "from") {
            end = fromStatement();
        } else if (kw == "try") {
            end = generic(next(), true);
            if (isOp(end, ':')) {
                const int id = int(m_tryCatchesImportError.size());
                m_tryCatchesImportError.push_back(0);
                m_openTries.emplace_back(indent, id);
                m_frames.push_back({indent, id});
            }
        } else if (kw == "except") {
            std::vector<Token> expr;
            end = generic(next(), true, &expr);
            if (exceptCatchesImportError(std::move(expr)) && !m_openTries.empty()
                && m_openTries.back().first == indent)
                m_tryCatchesImportError[size_t(m_openTries.back().second)] = 1;
        } else if (kw == "with" || kw == "async") {
            std::vector<Token> header;
            end = generic(next(), true, &header);
            if (isOp(end, ':') && withSuppressesImportError(header))
                m_frames.push_back({indent, kSuppressed});
        } else if (kw == "if" || kw == "elif" || kw == "else" || kw == "for" || kw == "while" || kw == "def"
                   || kw == "class" || kw == "finally" || kw == "match" || kw == "case") {
            end = generic(next(), true);
        } else {
            end = generic(tok, false);
        }
        if (end.kind == Tok::Newline || end.kind == Tok::Eof)
            return;
        tok = next(); // the statement after ';' or after a header's ':'
    }
}

bool Driver::exceptCatchesImportError(std::vector<Token> expr)
{
    if (!expr.empty() && isOp(expr.front(), '*'))
        expr.erase(expr.begin()); // except*
    if (expr.empty())
        return false; // bare `except:`
    if (isName(expr[0], "ImportError"))
        return expr.size() == 1 || isName(expr[1], "as") || isOp(expr[1], ',');
    if (!(isOp(expr[0], '(') || isOp(expr[0], '[') || isOp(expr[0], '{')))
        return false;
    // A tuple/list/set display with the bare name ImportError among its elements; a
    // parenthesised single name is not a tuple (tree-sitter: parenthesized_expression).
    const int inner = expr[0].depth + 1;
    bool display = expr[0].op != '(';
    bool found = false;
    for (size_t i = 1; i < expr.size(); ++i) {
        const Token &e = expr[i];
        if (e.depth < inner)
            break;
        if (e.depth != inner)
            continue;
        if (isOp(e, ','))
            display = true;
        if (isName(e, "ImportError") && i + 1 < expr.size()) {
            const Token &before = expr[i - 1];
            const Token &after = expr[i + 1];
            const bool startOk = i == 1 || isOp(before, ',');
            const bool endOk = after.kind == Tok::Op
                && (after.op == ',' || after.op == ')' || after.op == ']' || after.op == '}');
            found = found || (startOk && endOk);
        }
    }
    return display && found;
}

bool Driver::withSuppressesImportError(const std::vector<Token> &header)
{
    for (size_t i = 0; i + 1 < header.size(); ++i) {
        if (!isName(header[i], "suppress") || !isOp(header[i + 1], '('))
            continue;
        // The call must be a whole with-item: `[x.]suppress(...)` followed by ',', ':', 'as' or ')'.
        const int inner = header[i + 1].depth + 1;
        size_t close = i + 2;
        bool found = false;
        for (; close < header.size() && header[close].depth >= inner
               && !(header[close].depth == inner && isOp(header[close], ')'));
             ++close) {
            const Token &a = header[close];
            if (a.depth == inner && isName(a, "ImportError")) {
                const Token &before = header[close - 1];
                const bool startOk = before.kind == Tok::Op && (before.op == ',' || before.op == '(');
                const bool endOk = close + 1 < header.size()
                    && (isOp(header[close + 1], ',') || isOp(header[close + 1], ')'));
                found = found || (startOk && endOk);
            }
        }
        if (!found)
            continue;
        const bool itemEnd = close + 1 >= header.size() || isOp(header[close + 1], ',')
            || isOp(header[close + 1], ')') || isName(header[close + 1], "as");
        if (itemEnd)
            return true;
    }
    return false;
}

Token Driver::generic(Token tok, bool header, std::vector<Token> *keep)
{
    int lambdas = 0;
    for (;; tok = next()) {
        if (tok.kind == Tok::Newline || tok.kind == Tok::Eof)
            return tok;
        if (tok.kind == Tok::Name) {
            if (tok.depth == 0 && tok.text == "lambda")
                ++lambdas;
            if (tok.text == "__import__") {
                dunderImport();
                continue;
            }
        } else if (tok.kind == Tok::Op && tok.depth == 0) {
            if (tok.op == ';')
                return tok;
            if (header && tok.op == ':') {
                if (lambdas == 0)
                    return tok;
                --lambdas;
            }
        }
        if (keep) {
            if (keep->size() < 4096)
                keep->push_back(tok);
        } else if (m_pushed.empty() && !m_haveLookahead && m_dunderDepth < 0) {
            m_lex.skipPlain(); // fast path: nothing until the next interesting byte matters
        }
    }
}

void Driver::dunderImport()
{
    const Token open = next();
    if (!isOp(open, '(')) {
        pushBack(open);
        return;
    }
    m_dunderDepth = open.depth;
    const Token arg = next();
    if (arg.kind != Tok::String) {
        pushBack(arg);
        return;
    }
    std::string text(arg.text);
    const Token after = next();
    pushBack(after);
    if (!arg.plain || text.empty() || !(isOp(after, ',') || isOp(after, ')')))
        return;
    m_pendingDunder.emplace_back(m_records.size(), arg.endLine);
    m_records.push_back({std::move(text), arg.line, currentCtx()});
}

bool Driver::statementIgnored(const Token &terminator)
{
    const int lastEnd = m_lastEnd;
    const int countAtLast = m_pragmaCountAtLast;
    if (terminator.kind == Tok::Op) {
        // After ';' the comment may still follow on the same line: look one token ahead.
        pushBack(next());
    }
    return m_pragmaCount > countAtLast && m_pragmaLine == lastEnd;
}

Token Driver::importStatement()
{
    // import a.b [as x] [, c ...]: only the first name counts (Pants 2.17+ quirk).
    std::string module;
    int line = 0;
    Token tok = next();
    if (tok.kind == Tok::Name) {
        module.assign(tok.text);
        line = tok.line;
        for (tok = next(); isOp(tok, '.'); tok = next()) {
            tok = next();
            if (tok.kind != Tok::Name)
                break;
            module += '.';
            module += tok.text;
        }
    }
    while (!isTerminator(tok))
        tok = next();
    if (!statementIgnored(tok) && !module.empty())
        m_records.push_back({std::move(module), line, currentCtx()});
    return tok;
}

Token Driver::fromStatement()
{
    std::string base;
    Token tok = next();
    for (; isOp(tok, '.'); tok = next())
        base += '.';
    if (tok.kind == Tok::Name && tok.text != "import") {
        base += tok.text;
        for (tok = next(); isOp(tok, '.'); tok = next()) {
            tok = next();
            if (tok.kind != Tok::Name)
                break;
            base += '.';
            base += tok.text;
        }
    }
    std::vector<PendingName> names;
    if (isName(tok, "import") && !base.empty()) {
        tok = next();
        if (isOp(tok, '('))
            tok = next();
        if (isOp(tok, '*')) {
            names.push_back({base, tok.line});
            tok = next();
        } else {
            const std::string_view joiner = base.back() == '.' ? "" : ".";
            while (tok.kind == Tok::Name) {
                PendingName n{base, tok.line};
                n.module += joiner;
                n.module += tok.text;
                int nameEnd = tok.endLine;
                int before = m_pragmaCount;
                tok = next();
                if (isName(tok, "as")) {
                    tok = next();
                    if (tok.kind == Tok::Name) {
                        nameEnd = tok.endLine;
                        before = m_pragmaCount;
                        tok = next();
                    }
                }
                // A pragma comment on the name's line before the next name drops this name.
                while (isOp(tok, ',') || isOp(tok, ')'))
                    tok = next();
                const bool ignored = m_pragmaCount > before && m_pragmaLine == nameEnd;
                if (!ignored)
                    names.push_back(std::move(n));
            }
        }
    }
    while (!isTerminator(tok))
        tok = next();
    if (!statementIgnored(tok)) {
        const int ctx = currentCtx();
        for (PendingName &n : names)
            m_records.push_back({std::move(n.module), n.line, ctx});
    }
    return tok;
}

} // namespace

ScanResult ImportScanner::scan(std::string_view source)
{
    Driver driver(source);
    ScanResult result = driver.run();
    result.hasContent = source.find_first_not_of(" \t\r\n\f\v") != std::string_view::npos;
    return result;
}

std::string resolveRelativeImport(std::string_view module, std::string_view strippedDir)
{
    const size_t level = module.find_first_not_of('.') == std::string_view::npos ? module.size()
                                                                                  : module.find_first_not_of('.');
    if (level == 0)
        return std::string(module);
    std::vector<std::string_view> parts;
    for (size_t start = 0; start < strippedDir.size();) {
        size_t slash = strippedDir.find('/', start);
        if (slash == std::string_view::npos)
            slash = strippedDir.size();
        if (slash > start)
            parts.push_back(strippedDir.substr(start, slash - start));
        start = slash + 1;
    }
    if (level > parts.size())
        return std::string(module);
    std::string out;
    for (size_t i = 0; i < parts.size() - level + 1; ++i) {
        if (!out.empty())
            out += '.';
        out += parts[i];
    }
    const std::string_view rest = module.substr(level);
    if (!rest.empty()) {
        if (!out.empty())
            out += '.';
        out += rest;
    }
    return out;
}

} // namespace trellis::infer
