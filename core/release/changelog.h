// Changelog drafts: fragments rendered exactly as `towncrier build` (24.x) renders them,
// through the repository's template (`template` in [tool.towncrier]: towncrier's bundled
// default.md / default.rst, or the repository's own file) by the Jinja interpreter in
// jinja.h, and the insertion of a rendering into the changelog after `start_string`.
//
//   RenderedChangelog r = renderChangelog(config, scan.allFragments(), {"26.8.0", "2026-08-01"});
//   if (!r.errors.empty()) report(r.errors);   // a template that does not render
//   std::string updated = insertIntoChangelog(oldText, config.startString, r.text);
//
// The pipeline is towncrier's (_builder.py, build.py), step by step:
//   split_fragments: each fragment's text is stripped and, with all_bullets, its
//     continuation lines indented by two spaces (else only right-stripped); identical
//     texts of one type merge and pool their issues; a showcontent = false type keeps
//     only the issues (an orphan keeps its text);
//   render_fragments: issues inside an entry sort by issue_key; entries sort by
//     (text if orphan else "", issue keys), then, without all_bullets, by bullet kind;
//     issues are formatted with issue_format; the template gets sections, definitions,
//     underlines[1:], versiondata, top_underline, render_title, get_indent and
//     issues_by_category, rendered with trim_blocks; each output line is wrapped at 79
//     columns when wrap = true;
//   build: a non-empty title_format is formatted and put on top (underlined with
//     underlines[0] unless the template is Markdown).
#pragma once

#include "core/base/result.h"
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
    /// Exactly what towncrier writes after start_string (its `content`); `towncrier build
    /// --draft` prints this plus one newline. Empty when `errors` is not.
    std::string text;
    /// The release title: the formatted title_format, or with a template-rendered title
    /// the first non-blank line of the rendering ("# 26.8.0 (2026-08-01)"); "" when titles
    /// are disabled. Used to refuse a second section for the same version.
    std::string title;
    /// Notes on settings not reproduced (single_file = false).
    std::vector<std::string> notes;
    /// Why there is no rendering: the template is missing or fails (file:line:col).
    base::Diagnostics errors;
};

/// A changelog template resolved as towncrier resolves `template`.
struct ChangelogTemplate {
    std::string name;        ///< "towncrier:default.md" or the absolute path of the file
    std::string text;
    bool markdown = false;   ///< the template's extension is .md (decides the title's underline)
};

/// Resolves `config.templateName`: `package:resource` names a bundled towncrier template
/// (".md" or ".rst" appended after the changelog's extension when the resource has
/// none); anything else is a file relative to `config.baseDirectory`.
base::Result<ChangelogTemplate> loadChangelogTemplate(const TowncrierConfig &config);

/// Formats one issue with `issue_format` (Python str.format with `issue`) or, when unset,
/// as `#N` for issues Python's int() accepts and verbatim otherwise.
std::string formatIssue(const std::optional<std::string> &issueFormat, const std::string &issue);

/// Renders `fragments` with the configured template (loaded with loadChangelogTemplate).
RenderedChangelog renderChangelog(const TowncrierConfig &config, const std::vector<Fragment> &fragments,
                                  const RenderRequest &request);
/// The same with a template already loaded (tests, previews of an edited template).
RenderedChangelog renderChangelog(const TowncrierConfig &config, const ChangelogTemplate &changelogTemplate,
                                  const std::vector<Fragment> &fragments, const RenderRequest &request);

/// Python's textwrap.fill(line, width, subsequent_indent=indent, break_long_words=False,
/// break_on_hyphens=False), as towncrier wraps each line when wrap = true.
std::string textwrapFill(const std::string &line, int width, const std::string &subsequentIndent);

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
