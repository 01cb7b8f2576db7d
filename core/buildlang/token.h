// Tokens of the BUILD language (a Python 3.12 subset), produced by Lexer.
//
//   Token t = ...;  if (t.kind == TokenKind::Name) use(t.text);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace trellis::buildlang {

enum class TokenKind : std::uint8_t {
    End, Newline, Indent, Dedent,
    Name, Int, Float, String, FString,
    Imaginary, Bytes,  // complex literals and bytes literals: parsed, rejected when evaluated
    // punctuation
    LParen, RParen, LBracket, RBracket, LBrace, RBrace,
    Comma, Colon, Semicolon, Dot, Ellipsis, Arrow, At, Walrus,
    Assign, PlusAssign, MinusAssign, StarAssign, SlashAssign, SlashSlashAssign, PercentAssign,
    OtherAugAssign, // **= &= |= ^= <<= >>= @= (the operator is in the token text)
    Plus, Minus, Star, StarStar, Slash, SlashSlash, Percent, Tilde, Amp, Pipe, Caret, LShift, RShift,
    Eq, Ne, Lt, Le, Gt, Ge,
    // keywords
    KwAnd, KwOr, KwNot, KwIn, KwIs, KwIf, KwElif, KwElse, KwFor, KwDef, KwReturn, KwLambda,
    KwPass, KwBreak, KwContinue, KwNone, KwTrue, KwFalse, KwRaise, KwAssert,
    // keywords of statements the evaluator runs or rejects when executed
    KwImport, KwFrom, KwClass, KwWhile, KwTry, KwExcept, KwFinally, KwWith, KwGlobal,
    KwNonlocal, KwYield, KwAsync, KwAwait, KwDel, KwAs,
};

/// Printable name of a token kind for "expected X" messages ("'('", "name", "newline").
const char *tokenKindName(TokenKind k);

/// One `{expr!c:spec}` field or literal run of an f-string.
struct FStringPart {
    bool isExpr = false;
    std::string literal;           ///< literal text (decoded), when !isExpr
    std::uint32_t exprOffset = 0;  ///< byte offset of the expression text in the file
    std::uint32_t exprLength = 0;
    int line = 0, column = 0;      ///< position of the expression's first char
    char conversion = 0;           ///< 0, 'r' or 's'
    std::string spec;              ///< format spec after ':' when it has no replacement fields
    std::vector<FStringPart> specParts; ///< the spec as parts when it nests fields (`{x:{width}}`)
    std::string debugText;         ///< `{expr=}`: the literal text "expr=" (with its spaces)
};

struct Token {
    TokenKind kind = TokenKind::End;
    int line = 0;                  ///< 1-based
    int column = 0;                ///< 1-based, in code points
    std::uint32_t offset = 0;      ///< byte offset in the text
    std::string_view text;         ///< raw token text (identifier name for Name)
    std::string value;             ///< decoded String value
    std::int64_t intValue = 0;
    double floatValue = 0;
    std::vector<FStringPart> parts; ///< FString parts
    std::string unsupported;       ///< non-empty: the literal is valid Python the evaluator rejects (message)
};

} // namespace trellis::buildlang
