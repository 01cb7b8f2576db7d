// Lexer: turns BUILD-language text into tokens following Python 3.12's lexical rules
// (INDENT/DEDENT, implicit joining inside brackets, backslash continuation, comments,
// every string form including f-strings, numbers with underscores, unicode names).
//
//   Lexer lx(text);
//   std::vector<Token> toks;
//   if (!lx.tokenize(toks)) report(lx.error());
#pragma once

#include "core/buildlang/token.h"

#include <string>
#include <string_view>
#include <vector>

namespace trellis::buildlang {

/// A lexical or syntax error at a position (1-based line/column).
struct SyntaxError {
    int line = 0;
    int column = 0;
    std::string message;
};

/// Hand-written scanner over a string_view. The text must outlive the tokens.
class Lexer {
public:
    /// Most tokens a file may have (see tokenize()).
    static constexpr std::size_t kMaxTokens = 1'000'000;
    /// Lexes a whole file.
    explicit Lexer(std::string_view text);
    /// Lexes the sub-range [begin, end) of `text` as one bracketed expression (f-string
    /// fields): no NEWLINE/INDENT tokens, positions relative to the whole text.
    Lexer(std::string_view text, std::uint32_t begin, std::uint32_t end, int line, int column);

    /// Produces every token up to and including End. False on error (see error()).
    bool tokenize(std::vector<Token> &out);
    const SyntaxError &error() const { return m_error; }

private:
    bool fail(std::uint32_t offset, std::string message);
    int columnAt(std::uint32_t offset);
    bool lexNumber(Token &t);
    bool lexString(Token &t, std::uint32_t prefixStart, bool raw, bool isBytes, bool isF);
    bool decodeEscape(std::uint32_t &i, std::uint32_t end, std::string &out);
    bool scanFString(std::uint32_t &i, char quote, bool triple, bool raw, Token &t);
    bool scanFStringField(std::uint32_t &i, char quote, bool triple, bool raw, Token &t, FStringPart &part, int nesting);
    bool scanFStringNested(std::uint32_t &i, char quote, bool triple, bool raw, Token &t, int nesting);
    bool atFStringEnd(std::uint32_t i, char quote, bool triple) const;
    bool skipNestedString(std::uint32_t &i, std::uint32_t end);
    bool handleIndentation(std::vector<Token> &out, bool &skipLine);
    void newline(std::uint32_t nextLineStart);
    void positionOf(const Token &t, std::uint32_t offset, int &line, int &column) const;
    void addSimple(std::vector<Token> &out, TokenKind k, std::uint32_t start, std::uint32_t len);

    std::string_view m_text;
    std::uint32_t m_pos = 0;
    std::uint32_t m_end = 0;
    bool m_exprMode = false;
    int m_line = 1;
    std::uint32_t m_lineStart = 0;
    // incremental column computation (code points) on the current line
    std::uint32_t m_colPos = 0;
    int m_colValue = 1;
    int m_colLine = 0;
    int m_firstLineColumnBase = 0; // expr mode: column of the first char of the range, minus 1
    std::uint32_t m_exprBegin = 0; // expr mode: offset where the range starts
    int m_parenDepth = 0;
    std::vector<int> m_indents{0};
    std::vector<char> m_brackets;
    SyntaxError m_error;
    std::string m_unsupported; // set by decodeEscape for valid escapes the evaluator rejects
};

} // namespace trellis::buildlang
