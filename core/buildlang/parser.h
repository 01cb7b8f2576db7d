// Parser: recursive descent over the token stream into a Module (ast.h). It accepts the
// Python 3.8-3.13 grammar (see grammar.txt); statements and expressions the evaluator
// does not run become UnsupportedStmt/UnsupportedExpr nodes that fail when executed.
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
/// As Pants does, any `import` token in the file is an error (with Pants' message).
std::shared_ptr<Module> parseModule(std::string path, std::string_view text, bool copyText, SyntaxError &error);

/// Like parseModule; `allowImports` accepts import statements (any Python file, e.g. for
/// tools that read plugins or for grammar tests).
std::shared_ptr<Module> parsePython(std::string path, std::string_view text, bool copyText, SyntaxError &error,
                                    bool allowImports);

} // namespace trellis::buildlang
