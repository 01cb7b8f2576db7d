// SourceLocation: where something is in a file, printed as `file:line:col`.
//
//   SourceLocation loc{"src/app/BUILD", 12, 5};
//   loc.toString();  // "src/app/BUILD:12:5"
#pragma once

#include <string>

namespace trellis::base {

/// A position in a file. Line and column count from 1; 0 means "unknown"
/// (a column of 0 prints `file:line`, a line of 0 prints just `file`).
/// Columns count Unicode code points, not bytes.
struct SourceLocation {
    std::string file;
    int line = 0;
    int column = 0;

    /// `file:line:col`, dropping the parts that are unknown.
    std::string toString() const;
    bool isValid() const { return !file.empty(); }
    friend bool operator==(const SourceLocation &, const SourceLocation &) = default;
};

} // namespace trellis::base
