// ImportScanner: finds the imports of a Python file without running Python (spec §5.3).
//
//   ScanResult r = ImportScanner::scan(source);
//   for (const RawImport &i : r.imports) use(i.module, i.line, i.weak); // "..util.x" stays relative
//   std::string m = resolveRelativeImport("..util.x", "pkg/sub"); // "pkg.util.x"
//
// The scanner is a tokenizer plus a statement-level recogniser, not a parser: it lexes
// every byte (so strings, comments and f-strings are skipped exactly) but only looks at
// the first tokens of each simple statement. Indentation tracks the blocks that matter for
// weak imports (`try:` bodies with an `except ImportError`, `with suppress(ImportError):`).
// It never fails: binary data, invalid UTF-8 and unterminated strings produce whatever
// imports are recognisable and nothing else.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace trellis::infer {

/// One imported module string as written (relative imports keep their leading dots).
struct RawImport {
    std::string module;
    int line = 0;       ///< 1-based line of the imported name (first occurrence)
    bool weak = false;  ///< weak only if every occurrence is weak
    friend bool operator==(const RawImport &, const RawImport &) = default;
};

/// A plain string literal (no escapes, no interpolation, no whitespace) that contains a
/// '.' or a '/': the candidates for string imports and asset inference.
struct StringLiteral {
    std::string text;
    int line = 0;       ///< 1-based line where the literal starts
    friend bool operator==(const StringLiteral &, const StringLiteral &) = default;
};

/// Everything extracted from one file. `imports` sorted by module, unique; `strings`
/// sorted by text, unique (first line kept).
struct ScanResult {
    std::vector<RawImport> imports;
    std::vector<StringLiteral> strings;
    bool hasContent = false; ///< the file has a non-whitespace byte (init_files=content_only)
};

class ImportScanner {
public:
    /// Bumped whenever the scanner's output for some input changes (invalidates caches).
    static constexpr int kVersion = 1;

    /// Scans Python source. Never fails; `__future__` imports are dropped.
    static ScanResult scan(std::string_view source);
};

/// Resolves a relative module ("..a.b", ".", "...") against `strippedDir`, the
/// source-root-stripped directory of the importing file ("pkg/sub", "" at the root).
/// Absolute modules and modules with more dots than directories come back unchanged.
std::string resolveRelativeImport(std::string_view module, std::string_view strippedDir);

} // namespace trellis::infer
