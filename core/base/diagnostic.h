// Diagnostic: one error, warning or note about user input, with its location.
//
//   Diagnostic d = Diagnostic::error({"a/BUILD", 3, 1}, "name 'x' is not defined");
//   d.sourceLine = "x()";
//   d.hint = "did you mean y?";
//   d.format();
//   // a/BUILD:3:1: error: name 'x' is not defined
//   // x()
//   // ^
//   // (did you mean y?)
#pragma once

#include "core/base/sourcelocation.h"

#include <string>
#include <string_view>
#include <vector>

namespace trellis::base {

enum class Severity { Error, Warning, Note };

/// A message about user input (never about a programmer error).
struct Diagnostic {
    SourceLocation loc;
    Severity severity = Severity::Error;
    std::string message;
    /// Optional suggestion printed as `(hint)` on its own line, e.g. "did you mean X?".
    std::string hint;
    /// The text of the offending line (without newline); empty = no caret block.
    std::string sourceLine;

    static Diagnostic error(SourceLocation loc, std::string message, std::string hint = {});
    static Diagnostic warning(SourceLocation loc, std::string message, std::string hint = {});

    /// `file:line:col: error: message`, then the source line and a caret under the
    /// column when `sourceLine` is set, then `(hint)` when set. No trailing newline.
    /// Long source lines are cut to a window around the column (see excerptLine) and
    /// very long messages in the middle, so one huge generated line stays readable.
    std::string format() const;
    /// Just the first line: `file:line:col: error: message`.
    std::string headline() const;
};

using Diagnostics = std::vector<Diagnostic>;

const char *severityName(Severity s);
bool hasErrors(const Diagnostics &diags);

/// The part of `line` Diagnostic::format() shows: the whole line when it is short, else
/// about 200 code points around `column` (1-based, in code points; 0 = none) with "..."
/// where it was cut. `caretColumn` receives the column of the same character in the
/// excerpt.
std::string excerptLine(std::string_view line, int column, int &caretColumn);

/// Returns line `line` (1-based) of `text` without its newline; empty when out of range.
std::string lineOf(std::string_view text, int line);

} // namespace trellis::base
