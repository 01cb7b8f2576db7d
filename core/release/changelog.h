// Changelog drafts: fragments rendered the way `towncrier build --draft` renders them
// with its default templates (default.md for a `.md` changelog, default.rst otherwise),
// and the insertion of a rendering into the changelog after `start_string` (spec §11.4).
//
//   RenderedChangelog r = renderChangelog(config, scan.allFragments(), {"26.8.0", "2026-08-01"});
//   std::string updated = insertIntoChangelog(oldText, config.startString, r.text);
//
// Rendering rules (towncrier 24.x _builder.py): fragment text is stripped and, with
// all_bullets, its continuation lines indented by two spaces; identical texts of one type
// merge and combine their issues; a showcontent=false type keeps only the issue list
// (orphans keep their text); issues inside an entry sort by IssueKey; entries sort by
// their issues, orphans last by text; types appear in config order, only when they have
// fragments; no fragments at all renders `No significant changes.`
#pragma once

#include "core/release/fragments.h"

#include <optional>
#include <string>
#include <vector>

namespace trellis::release {

struct RenderRequest {
    std::string version;     ///< as it appears in the title
    std::string date;        ///< ISO date for the title
    std::string name;        ///< project name; "" = TowncrierConfig::name
};

struct RenderedChangelog {
    /// Exactly what towncrier inserts after start_string (ends with two blank lines).
    std::string text;
    /// The release title line ("# 26.8.0 (2026-08-01)"); "" when titles are disabled.
    std::string title;
    /// Notes on settings not reproduced (custom template, wrap).
    std::vector<std::string> notes;
};

/// Formats one issue with `issue_format` (`{issue}` replaced, `{{`/`}}` unescaped) or, when
/// unset, as `#N` for numeric issues and verbatim otherwise.
std::string formatIssue(const std::optional<std::string> &issueFormat, const std::string &issue);

RenderedChangelog renderChangelog(const TowncrierConfig &config, const std::vector<Fragment> &fragments,
                                  const RenderRequest &request);

/// towncrier's writer: the text before start_string (right-trimmed) + a blank line +
/// start_string + a blank line, then `rendered`, then the old body (left-trimmed). Without
/// start_string the rendering goes on top; a new file gets the rendering alone.
std::string insertIntoChangelog(const std::optional<std::string> &existing, const std::string &startString,
                                const std::string &rendered);

/// A unified diff of two texts (one hunk around the changed lines, 3 lines of context),
/// with `--- a/path` / `+++ b/path` headers; "" when equal. For plan previews.
std::string unifiedDiff(const std::string &path, const std::optional<std::string> &before,
                        const std::optional<std::string> &after);

} // namespace trellis::release
