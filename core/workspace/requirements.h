// Requirements files for `python_requirements` / `poetry_requirements` / `uv_requirements`
// (spec §4.3): requirements.txt lines, PEP 621 `[project]` dependencies in pyproject.toml,
// Poetry's `[tool.poetry.dependencies]` and uv's `[tool.uv].dev-dependencies`, turned into
// projects with positions for error messages.
//
//   auto reqs = parseRequirementsTxt("3rdparty/requirements.txt", text);
//   for (const RequirementGroup &g : reqs.groups) g.name;   // "PyYAML", lines {"PyYAML>=6"}
#pragma once

#include "core/base/diagnostic.h"

#include <string>
#include <string_view>
#include <vector>

namespace trellis::workspace {

/// One project of a requirements file: the name as first written, and every requirement
/// string for it (consecutive lines for the same project grouped).
struct RequirementGroup {
    std::string name;                    ///< as written ("PyYAML")
    std::vector<std::string> requirements; ///< full requirement strings ("PyYAML>=6.0; python_version>'3'")
    int line = 0;                        ///< 1-based line of the first requirement
};

struct ParsedRequirements {
    std::vector<RequirementGroup> groups;
    base::Diagnostics diagnostics;       ///< malformed lines (errors, with caret)
};

/// Parses a pip requirements file as Pants does. Joins lines ending in `\`; ignores blank
/// lines, comments (`#` at a line or word start, so a URL's `#egg=` stays), lines starting
/// with `-` (`-e`, `-r`, `--index-url`: not followed) and trailing ` --options`
/// (`--hash=...`). A pip VCS/URL line `git+https://...#egg=Name` becomes the PEP 508
/// requirement `Name@ git+https://...#egg=Name`; `name @ url` is PEP 508 already.
ParsedRequirements parseRequirementsTxt(const std::string &path, std::string_view text);

/// Parses pyproject.toml: PEP 621 `[project].dependencies` plus every
/// `[project.optional-dependencies]` list; with `poetry`, `[tool.poetry.dependencies]`
/// (and groups) instead, translating Poetry version constraints to PEP 440.
ParsedRequirements parsePyproject(const std::string &path, std::string_view text, bool poetry);

/// Parses pyproject.toml for `uv_requirements` as Pants' UvRequirementsTargetGenerator
/// does: only `[tool.uv].dev-dependencies` (entries stripped; blank ones and `#` comments
/// skipped). No `[tool.uv]` table is an error; an empty or missing list, a warning.
ParsedRequirements parseUvPyproject(const std::string &path, std::string_view text);

/// Checks one PEP 508 requirement string; on success returns the project name and
/// sets `errorColumn` to -1, else returns "" and sets `errorColumn` (0-based byte offset)
/// and `error`.
std::string parseRequirementName(std::string_view requirement, int &errorColumn, std::string &error);

} // namespace trellis::workspace
