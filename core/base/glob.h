// The one wildcard, glob and ignore engine: gitignore pattern lists (.gitignore,
// .git/info/exclude, Pants' pants_ignore and build_ignore), Pants `sources` globs with
// their `!` excludes, and fnmatch-style name patterns (towncrier's `ignore`, string-import
// ignore lists) all match through the functions and classes here.
//
//   base::wildcardMatch("*.py[co]", "x.pyc");                      // true (one component)
//   base::globMatches("src/**/test_*.py", "src/a/b/test_x.py");    // true (Pants glob)
//   auto rules = base::IgnoreRules::fromLines({"/dist/", "*.log", "!keep.log"});
//   rules.match("dist", true);                                     // Match::Ignore
//   rules.isPathIgnored("dist/x.whl", false);                      // true (its directory is)
//   base::SourceGlobs globs("src/app", {"**/*.py", "!*_test.py"});
//   globs.matches("src/app/sub/x_test.py");                        // false (excluded)
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trellis::base {

/// Which wildcard dialect a pattern is written in. All three know `*` (any run), `?`
/// (one byte) and `[...]` sets with ranges, a literal `]` first and a literal `-` first,
/// last or right after a range.
enum class GlobSyntax {
    Gitignore, ///< git's wildmatch: `\c` is a literal c, `[!x]`/`[^x]` negate, `[[:alpha:]]` classes,
               ///< a pattern with an unclosed `[` matches nothing
    PantsGlob, ///< Pants `sources` globs: as Gitignore, but `\` is ordinary and an unclosed `[` literal
    Fnmatch,   ///< Python's fnmatch.fnmatchcase: only `[!x]` negates, no classes, `\` is ordinary,
               ///< an unclosed `[` is literal
};

/// Matches `text` against one wildcard `pattern`. `*` also matches '/', so callers match
/// path components one by one (globMatches, IgnoreRules) unless they want fnmatch's
/// whole-string behaviour.
bool wildcardMatch(std::string_view pattern, std::string_view text, GlobSyntax syntax = GlobSyntax::Gitignore);

/// True when `pattern` contains a wildcard character (`*`, `?` or `[`).
bool hasWildcard(std::string_view pattern);

/// True when the Pants glob `pattern` matches `path`, both '/'-separated and relative to
/// the same directory: `*` `?` `[...]` stay inside one component, a `**` component
/// matches zero or more components (a trailing one anything below, or nothing).
bool globMatches(std::string_view pattern, std::string_view path);

/// `path` split at '/', with `.` dropped and `..` resolved textually; nullopt when it
/// climbs above its start (or out of a `**`). "a/./b/../c" -> {"a", "c"}.
std::optional<std::vector<std::string>> normalizedComponents(std::string_view path);

/// Gitignore patterns with git's semantics (gitignore(5)): a leading `/` or a slash
/// anywhere but at the end anchors the pattern to the list's base directory, otherwise it
/// matches a name at any depth; a trailing `/` matches directories only; `*` `?` `[...]`
/// stay inside one component; `**/`, `/**/` and `/**` cross directories; `!` re-includes
/// (the last matching line wins); `\` escapes (`\#`, `\!`, a trailing `\ `); trailing
/// spaces, blank lines and `#` comments are dropped.
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

    /// The verdict of the last rule matching `path` itself ('/'-separated, relative to
    /// the base), not looking at its ancestors (a walker that prunes ignored directories
    /// asks this once per entry).
    Match match(std::string_view path, bool isDir) const;
    /// True when the last matching rule ignores `path` itself.
    bool isIgnored(std::string_view path, bool isDir) const { return match(path, isDir) == Match::Ignore; }
    /// True when `path` or one of its ancestor directories is ignored, as `git check-ignore`
    /// answers: nothing inside an ignored directory can be re-included by a later `!`.
    bool isPathIgnored(std::string_view path, bool isDir) const;

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

    std::vector<Rule> m_rules; // in file order; later rules win
};

/// One Pants `sources`-style glob list rooted at a directory: includes are globs relative
/// to it (`*` within a component, `**` across, `./` and `../` resolved); `!pattern`
/// excludes are joined to the directory and evaluated as gitignore patterns against a
/// match and its ancestor directories, after all includes (as Pants does).
class SourceGlobs {
public:
    /// One include pattern.
    struct Include {
        std::string pattern; ///< as written
        /// Buildroot-relative components (dir joined, normalized); nullopt when the glob
        /// climbs above the root, empty when it names the root itself (neither matches).
        std::optional<std::vector<std::string>> components;
    };

    /// `dir` is the buildroot-relative directory the patterns are written in ("" = root).
    SourceGlobs(std::string_view dir, const std::vector<std::string> &patterns);

    const std::vector<Include> &includes() const { return m_includes; }
    /// The `!` patterns, rooted at the build root.
    const IgnoreRules &excludes() const { return m_excludes; }
    /// True when an exclude matches the buildroot-relative file `path` or a directory above it.
    bool isExcluded(std::string_view path) const;
    /// True when an include matches the buildroot-relative file `path` and no exclude does.
    bool matches(std::string_view path) const;

private:
    std::vector<Include> m_includes;
    IgnoreRules m_excludes;
};

} // namespace trellis::base
