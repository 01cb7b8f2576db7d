// Parser: recursive descent over the token stream into a Module (ast.h). The grammar
// it accepts is in grammar.txt. Constructs outside the language (import, class,
// while, try, ...) are rejected with a specific message rather than "invalid syntax".
//
//   SyntaxError err;
//   std::shared_ptr<Module> m = parseModule("src/BUILD", text, false, err);
//   if (!m) report(err);
#pragma once

#include "core/buildlang/ast.h"
#include "core/buildlang/lexer.h"

#include <memory>
#include <string>
#include <string_view>

namespace trellis::buildlang {

/// Nesting limit of brackets, unary operators and blocks (the parser is recursive).
constexpr int kMaxParseDepth = 200;

/// Parses a whole file. `copyText` makes the module own a copy of `text` (for modules that
/// outlive the caller's buffer). Returns null and fills `error` on the first syntax error.
std::shared_ptr<Module> parseModule(std::string path, std::string_view text, bool copyText, SyntaxError &error);

} // namespace trellis::buildlang
