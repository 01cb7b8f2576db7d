// Specs: Pants' command-line target selection (spec §3.2) and target filtering (§3.3).
//
//   auto specs = parseSpecs({"src/app::", "-src/app/util.py"}, "", *ws->files());
//   auto selected = resolveSpecs(*ws, *specs, "error");        // indices, Address order
//   TargetFilters filters;
//   filters.tags = {"x,y"};
//   std::vector<int> kept = filters.apply(*ws, *selected);
#pragma once

#include "core/base/result.h"
#include "core/workspace/address.h"

#include <string>
#include <vector>

namespace trellis::workspace {

class FileTree;
class Workspace;

/// Parses an address written by a user (CLI or `dependencies` field), deciding with the
/// file tree whether `a/b.py:gen` names a file target (the file exists) or a directory.
base::Result<Address> parseAddressInput(std::string_view spec, std::string_view relativeTo, const FileTree *files);

/// One command-line spec.
struct Spec {
    enum class Kind {
        Address,     ///< `dir:name`, `dir#gen`, `dir/f.py:gen`, `...@k=v`
        DirLiteral,  ///< `dir`: non-generator targets resident in dir
        DirGlob,     ///< `dir:`: every target resident in dir
        Recursive,   ///< `dir::` (and `::`): dir and below
        File,        ///< a file path: its owners
        FileGlob,    ///< a path with `*`: owners of matching files
        Ancestors,   ///< `dir^`: dir and its ancestors
    };
    Kind kind = Kind::Address;
    std::string text;       ///< as typed
    std::string path;       ///< buildroot-relative dir/file/glob
    Address address;        ///< Kind::Address
    bool ignore = false;    ///< written with a leading `-` (or `!`)
};

/// Parses CLI specs; `cwd` is the current directory relative to the buildroot ("" at
/// the root) and paths are normalised against it (`./x`, `x/`, absolute paths).
base::Result<std::vector<Spec>> parseSpecs(const std::vector<std::string> &args, const std::string &cwd,
                                           const std::string &buildRoot, const FileTree &files);

/// Resolves specs to target indices (deduplicated, Address order). Unknown address
/// literals are errors; specs matching nothing follow `unmatchedBehavior`
/// (`error`/`warn`/`ignore`) — warnings are appended to `warnings`.
base::Result<std::vector<int>> resolveSpecs(const Workspace &ws, const std::vector<Spec> &specs,
                                            const std::string &unmatchedBehavior, base::Diagnostics *warnings = nullptr);

/// `--tag` and `--filter-*` (spec §3.3). Each entry of a list is one option occurrence:
/// comma-separated alternatives (OR), a leading `-` negates, entries are ANDed.
struct TargetFilters {
    std::vector<std::string> tags;
    std::vector<std::string> targetTypes;
    std::vector<std::string> addressRegexes;
    std::vector<std::string> tagRegexes;
    std::vector<std::string> granularities; ///< all / file / BUILD

    bool empty() const;
    /// Checks the regular expressions and granularity names.
    base::Status validate() const;
    /// Keeps the targets (indices into ws.targets()) that pass every filter.
    std::vector<int> apply(const Workspace &ws, const std::vector<int> &targets) const;
};

} // namespace trellis::workspace
