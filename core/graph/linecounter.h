// LineCounter: the built-in counter behind `trellis count-loc`, standing in for the scc
// tool Pants runs. Each line of a file is blank, comment or code, by simple per-language
// rules (line comments, block comments, Python docstrings); no complexity estimate.
//
//   graph::LineCounter counter;
//   counter.addFile("src/app/main.py", text);
//   std::cout << graph::formatLocTable(counter.summary());
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace trellis::graph {

/// Line classes of one file or one language.
struct LineCounts {
    std::int64_t lines = 0;
    std::int64_t blanks = 0;
    std::int64_t comments = 0;
    std::int64_t code = 0;
};

/// Totals for one language.
struct LanguageCount {
    std::string language;
    int files = 0;
    LineCounts counts;
};

/// The language of a file from its name ("Python", "Shell", "BUILD", "TOML", ...), or ""
/// when the file is not counted.
std::string languageOf(std::string_view path);

/// Classifies the lines of `text` as `language` (a languageOf() name). A last line
/// without a newline counts; an empty text has no lines.
LineCounts countLines(std::string_view text, std::string_view language);

/// Accumulates files per language.
class LineCounter {
public:
    /// Counts one file; returns false (and counts nothing) when its language is unknown.
    bool addFile(std::string_view path, std::string_view text);
    /// Per language, most files first, then by name.
    std::vector<LanguageCount> summary() const;

private:
    std::map<std::string, LanguageCount, std::less<>> m_languages;
};

/// An scc-style table: a rule, the header (Language Files Lines Blanks Comments Code), a
/// rule, one row per language, a rule, the Total row, a rule.
std::string formatLocTable(const std::vector<LanguageCount> &languages);

} // namespace trellis::graph
