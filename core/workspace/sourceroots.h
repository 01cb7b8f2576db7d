// SourceRoots: where Python module names start (spec §5.2).
//
//   SourceRoots roots({"/", "src"}, {}, tree);
//   roots.rootOf("src/ai/backend/x.py");        // "src"
//   roots.moduleName("src/ai/backend/x.py");    // "ai.backend.x"
#pragma once

#include "core/base/diagnostic.h"
#include "core/workspace/filetree.h"

#include <optional>
#include <string>
#include <vector>

namespace trellis::workspace {

class SourceRoots {
public:
    SourceRoots() = default;
    /// `rootPatterns` from [source].root_patterns, `markerFilenames` from
    /// [source].marker_filenames; marker files are looked up in `tree`.
    SourceRoots(std::vector<std::string> rootPatterns, std::vector<std::string> markerFilenames,
                const FileTree &tree);

    /// The source root of a file (its directory first, the buildroot last); "" is the
    /// buildroot; nullopt when no root applies.
    std::optional<std::string> rootOf(std::string_view filePath) const;
    /// Dotted module name of a .py/.pyi file under its root (`pkg/__init__.py` -> `pkg`).
    std::optional<std::string> moduleName(std::string_view filePath) const;
    /// Every existing source root, sorted; the buildroot as ".". (`roots` goal.)
    std::vector<std::string> allRoots() const;

    /// Errors for patterns Pants rejects (`..` components), one per bad pattern,
    /// `[source].root_patterns: `..` disallowed in source root pattern: X.`.
    static base::Diagnostics checkPatterns(const std::vector<std::string> &rootPatterns);
    /// True when directory `dir` ("" = buildroot) matches one of the root patterns.
    bool matchesPattern(std::string_view dir) const;

private:
    /// Patterns split into components; an empty list is the buildroot pattern "/".
    struct Pattern {
        std::vector<std::string> components;
        bool anchored = false;
    };
    bool isMarkerDir(std::string_view dir) const;

    std::vector<std::string> m_patterns;
    std::vector<Pattern> m_parsed; // patterns with `..` are dropped
    std::vector<std::string> m_markerDirs; // sorted directories containing a marker file
    std::vector<std::string> m_existing;   // computed roots
};

} // namespace trellis::workspace
