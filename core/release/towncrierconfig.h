// TowncrierConfig: the `[tool.towncrier]` settings of a repository (spec §11.2), read from
// `towncrier.toml` when present, else `pyproject.toml`, with towncrier 24.x defaults for
// every absent key.
//
//   auto cfg = loadTowncrierConfig("/repo");
//   if (!cfg) report(cfg.diagnostics());
//   cfg->newsDirectory();   // "changes", build-root relative
//   for (const FragmentType &t : cfg->types) ...
#pragma once

#include "core/base/result.h"

#include <optional>
#include <string>
#include <vector>

namespace trellis::release {

/// One fragment type ("feature" → "Features").
struct FragmentType {
    std::string directory;    ///< the type key used in file names
    std::string name;         ///< section heading
    bool showContent = true;  ///< false: only the issue references are listed
    bool check = true;        ///< `towncrier check` requires this type (passed to templates)
    friend bool operator==(const FragmentType &, const FragmentType &) = default;
};

/// One `[[tool.towncrier.section]]`: fragments under `path` render under the heading `name`.
struct NewsSection {
    std::string name;   ///< "" for the unnamed section
    std::string path;   ///< below the news directory ("" = the directory itself)
    friend bool operator==(const NewsSection &, const NewsSection &) = default;
};

/// How the release title is produced.
enum class TitleMode {
    Template,   ///< title_format unset or "": the template renders `# X (D)`
    Disabled,   ///< title_format = false: no title
    Format,     ///< title_format is a format string, prepended to the rendering
};

struct TowncrierConfig {
    /// Absolute path of the file the settings came from; "" when none has a
    /// [tool.towncrier] table (all defaults).
    std::string configFile;
    /// Absolute directory relative paths (the template) resolve against: the directory of
    /// the configuration file, as towncrier's base directory.
    std::string baseDirectory;
    std::string directory;      ///< as configured; "" = unset (package/newsfragments)
    std::string filename = "NEWS.rst";
    std::string package;
    std::string packageDir = ".";
    std::string name;           ///< project name for the title; "" = none
    std::string version;
    std::string startString;    ///< resolved default when unset (depends on filename)
    TitleMode titleMode = TitleMode::Template;
    std::string titleFormat;    ///< when titleMode == Format
    std::optional<std::string> issueFormat; ///< nullopt: `#N` for numeric issues
    std::vector<std::string> underlines = {"=", "-", "~"};
    std::string templateName = "towncrier:default";
    bool wrap = false;
    bool allBullets = true;
    std::string orphanPrefix = "+";
    std::optional<std::vector<std::string>> ignore; ///< fnmatch patterns (base::GlobSyntax::Fnmatch); nullopt = unset
    std::string issuePattern;
    bool singleFile = true;
    std::vector<FragmentType> types;  ///< config order (defaults when none configured)
    std::vector<NewsSection> sections = {{"", ""}};  ///< config order; one unnamed by default
    /// Notes about settings Trellis does not reproduce (single_file = false).
    std::vector<std::string> notes;

    /// The news fragment directory, build-root relative, without trailing slash.
    std::string newsDirectory() const;
    /// The fragment directory of one section (towncrier's FragmentsPath): the news
    /// directory plus the section path, or package_dir/package/<path>/newsfragments.
    std::string newsDirectory(const NewsSection &section) const;
    bool isMarkdown() const;
    /// True when `template` is not towncrier's default for the file type.
    bool hasCustomTemplate() const;
    /// Base name of a custom template file ("" for built-in templates): skipped as a fragment.
    std::string templateFileName() const;
    const FragmentType *type(std::string_view directory) const;
};

/// towncrier's default types: feature, bugfix, doc, removal, misc (no content).
std::vector<FragmentType> defaultFragmentTypes();

/// Reads the configuration under `buildRoot`. Errors: unreadable or malformed TOML, keys
/// of the wrong type (with file:line:col).
base::Result<TowncrierConfig> loadTowncrierConfig(const std::string &buildRoot);

/// Parses configuration text as found in `file` (`pyproject` selects the
/// [tool.towncrier] table, else the top-level table of towncrier.toml is used too).
base::Result<TowncrierConfig> parseTowncrierConfig(const std::string &text, const std::string &file, bool pyproject);

} // namespace trellis::release
