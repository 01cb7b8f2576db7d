// Address: Pants' name for a target — directory, target name, optional file or generated
// name, optional parameters — with Pants' parsing, rendering and ordering.
//
//   Address a = *Address::parse("src/app/util.py:lib", "");   // file target
//   a.toString();   // "src/app/util.py:lib"
//   Address b = *Address::parse(":reqs#PyYAML", "3rdparty");   // relative to a BUILD dir
//   b.toString();   // "3rdparty:reqs#PyYAML"
#pragma once

#include "core/base/result.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trellis::workspace {

/// Identifies one target. Invariants: `specPath` has no leading/trailing '/' ("" = root);
/// `targetName` is "" when it is the default name (the basename of specPath), so two
/// spellings of one address compare equal; `parameters` are sorted by key.
struct Address {
    std::string specPath;          ///< directory of the BUILD file that declared the (generator) target
    std::string targetName;        ///< explicit name, or "" for the default name
    std::string relativeFilePath;  ///< file targets: the file relative to specPath ("sub/x.py"); else ""
    std::string generatedName;     ///< non-file generated targets: the part after '#'; else ""
    std::vector<std::pair<std::string, std::string>> parameters; ///< `@k=v`, sorted by key

    /// Parses `path[:name][#gen][@k=v,...]`. `relativeTo` is the BUILD directory for
    /// `:name`, `#gen` and `./x` forms (dependencies fields); "" for CLI use. A leading
    /// `//` makes the path root-relative. Errors name the offending part.
    static base::Result<Address> parse(std::string_view spec, std::string_view relativeTo = {});

    /// The name as Pants means it: targetName, or the basename of specPath when default.
    std::string name() const;
    bool isFileTarget() const { return !relativeFilePath.empty(); }
    bool isGenerated() const { return isFileTarget() || !generatedName.empty(); }
    /// The directory the target "resides" in: the file's directory for file targets,
    /// else specPath (Pants' spec semantics for `dir:` and `dir::`).
    std::string residenceDir() const;
    /// The generator's address for a generated target (drops file and generated name).
    Address generatorAddress() const;
    /// Buildroot-relative file path for file targets ("" otherwise).
    std::string filePath() const;

    /// Canonical rendering (spec §3.1): `dir`, `dir:name`, `//:name`, `dir/f.py`,
    /// `dir/f.py:gen`, `dir/sub/f.py:../gen`, `dir:gen#x`, `dir#x`, `...@k=v,k2=v2`.
    std::string toString() const;
    /// A form usable in filenames: '/' and ':' become '.' (pytest junit names).
    std::string pathSafe() const;

    friend bool operator==(const Address &, const Address &) = default;
    /// Pants' Address order: specPath component-wise, then relative file ("" first), then
    /// target name ("" first), then parameters, then generated name.
    friend bool operator<(const Address &a, const Address &b);
};

/// Component-wise path comparison ("a/b" < "a-c"), as Pants orders directories.
bool pathLess(std::string_view a, std::string_view b);

struct AddressHash {
    size_t operator()(const Address &a) const;
};

} // namespace trellis::workspace
