// IgnoreRules: one list of gitignore-syntax patterns (a .gitignore file, .git/info/exclude,
// or Pants' pants_ignore / build_ignore) evaluated against paths relative to one base
// directory, last matching rule winning.
//
//   IgnoreRules rules = IgnoreRules::fromLines({".*/", "/dist/", "__pycache__", "!.github/"});
//   rules.match(".github", true);        // Match::Include
//   rules.match("src/.cache", true);     // Match::Ignore
//   rules.match("dist/x.whl", false);    // Match::None (only the directory `dist` matches;
//                                         // a walker never descends into it)
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace trellis::workspace {

/// Gitignore patterns with git's semantics: `/` anchors (a slash anywhere but at the end
/// also anchors), a trailing `/` matches directories only, `*` `?` `[...]` stay inside one
/// component, `**/`, `/**/` and `/**` cross directories, `!` re-includes, `\` escapes.
class IgnoreRules {
public:
    enum class Match { None, Ignore, Include };

    IgnoreRules() = default;
    /// Rules from pattern lines (comments and blank lines skipped).
    static IgnoreRules fromLines(const std::vector<std::string> &lines);
    /// Rules from the text of a .gitignore file.
    static IgnoreRules fromText(std::string_view text);

    /// Adds one line in gitignore syntax; comments and blank lines are ignored.
    void addLine(std::string_view line);
    bool isEmpty() const { return m_rules.empty(); }
    size_t size() const { return m_rules.size(); }

    /// The verdict of the last rule matching `path` ('/'-separated, relative to the base).
    Match match(std::string_view path, bool isDir) const;
    /// True when the last matching rule ignores `path`.
    bool isIgnored(std::string_view path, bool isDir) const { return match(path, isDir) == Match::Ignore; }

private:
    struct Rule {
        enum class Kind { Literal, Suffix, General };
        std::vector<std::string> components; ///< pattern split at '/'; "**" stays as is
        Kind kind = Kind::General;           ///< fast paths for single-component patterns
        std::string literal;                 ///< Literal: the unescaped name; Suffix: text after '*'
        bool negated = false;
        bool dirOnly = false;
        bool anchored = false; ///< false: matches the last path component only
    };
    bool matches(const Rule &rule, std::string_view path, bool isDir) const;

    std::vector<Rule> m_rules; // in file order; later rules win
};

/// Matches one path component against a wildcard: `*`, `?`, `[abc]`, `[a-z]`, `[!x]`/`[^x]`,
/// `[[:alpha:]]`; with `backslashEscapes`, `\c` matches `c` literally.
bool wildcardMatch(std::string_view pattern, std::string_view text, bool backslashEscapes = true);

/// True when `pattern` contains a wildcard character (`*`, `?` or `[`).
bool hasWildcard(std::string_view pattern);

} // namespace trellis::workspace
