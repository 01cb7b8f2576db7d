// Lockfile: the packages pinned by one Python lockfile, whatever its format. Formats are
// recognised by content, never by file name (spec §10.3 [tool]):
//   pex           after blanking `//` lines the text is JSON with `locked_resolves`
//   poetry        TOML with [[package]] and [metadata] content-hash / lock-version
//   uv            TOML with [[package]] and a top-level `version` / `requires-python`
//   requirements  otherwise, when the lines look like pins (`name==version`)
//
//   auto lock = parseLockfile(text, "3rdparty/python/default.lock");
//   if (!lock) for (auto &d : lock.diagnostics()) print(d.format());
//   for (const LockedPackage &p : lock->packages) p.name, p.version;
#pragma once

#include "core/base/result.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trellis::lockfile {

enum class LockfileFormat { Pex, Uv, Poetry, Requirements };

const char *formatName(LockfileFormat format);

/// One edge of the locked dependency graph: a package requires `name` (with `extras`),
/// always or only when its own extra `whenExtra` is installed. Edges whose environment
/// marker is definitely false for the lockfile's interpreters are not recorded; edges
/// whose marker cannot be decided (platform, unknown interpreters) are.
struct LockedDependency {
    std::string name;                ///< PEP 503 normalized
    std::vector<std::string> extras; ///< extras requested of it, normalized (PEP 685)
    std::string whenExtra;           ///< the requirer's extra that brings it, normalized; "" always
    friend bool operator==(const LockedDependency &, const LockedDependency &) = default;
};

/// One pinned distribution.
struct LockedPackage {
    std::string name;          ///< PEP 503 normalized ("annotated-types")
    std::string displayName;   ///< as written in the lockfile
    std::string version;       ///< as written (not normalized; compare with Version)
    /// Normalized names of the packages this one requires, in file order, deduplicated.
    /// May name packages missing from the lockfile (extras, markers not taken).
    std::vector<std::string> dependencies;
    /// Normalized names recorded as requiring this one (pip-compile `# via` comments).
    std::vector<std::string> requiredBy;
    /// The dependency edges with extras and markers applied (pex `requires_dists`, uv
    /// `dependencies` and `optional-dependencies`); meaningful when
    /// Lockfile::hasDependencyDetail, else `dependencies` is all there is.
    std::vector<LockedDependency> edges;
    int line = 0;              ///< 1-based line where the package is defined; 0 unknown
};

/// Everything read from one lockfile.
struct Lockfile {
    std::string path;
    LockfileFormat format = LockfileFormat::Pex;
    std::vector<LockedPackage> packages;             ///< file order; names unique
    /// Pants metadata `resolve` (v8) when present, else "".
    std::string resolve;
    /// Pants metadata `generated_with_requirements` (v2+) when present.
    std::vector<std::string> generatedWithRequirements;
    /// Normalized names of the top-level requirements when the lockfile records them
    /// (pex metadata/`requirements`, uv `pants-lockfile-for-*` or virtual roots,
    /// requirements.txt lines without `# via`); empty when unknown.
    std::vector<std::string> topLevel;
    /// True when every package's `edges` holds its edges (pex and uv lockfiles).
    bool hasDependencyDetail = false;
    /// The interpreter constraints the lockfile is valid for (Pants metadata
    /// `valid_for_interpreter_constraints`, pex `requires_python`, uv `requires-python`).
    std::vector<std::string> interpreterConstraints;

    /// Index into packages of a normalized name, or -1.
    int indexOf(std::string_view normalizedName) const;
};

/// Reads a file named in a `-r`/`-c` include (path relative to the build root or absolute);
/// nullopt when it does not exist.
using FileReader = std::function<std::optional<std::string>(const std::string &path)>;

/// A FileReader over the local disk.
FileReader diskReader();

/// Parses `text` (the content of `path`), detecting the format. `-r` includes of
/// requirements files are read with `reader` relative to `path`'s directory (cycles
/// are reported, not followed). Errors carry `path:line:col`.
base::Result<Lockfile> parseLockfile(std::string_view text, const std::string &path,
                                     const FileReader &reader = diskReader());

/// Detected format of `text`, or nullopt when it is none of the four.
std::optional<LockfileFormat> detectFormat(std::string_view text);

/// Converts a byte offset in `text` to a 1-based (line, column), the column in code points.
std::pair<int, int> lineColumnOf(std::string_view text, std::size_t offset);

} // namespace trellis::lockfile
