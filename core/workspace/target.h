// Target: one declared or generated target with its resolved fields, as Pants sees it
// after evaluating BUILD files, applying __defaults__, overrides and parametrize, and
// expanding generators.
#pragma once

#include "core/base/sourcelocation.h"
#include "core/buildlang/hostvalue.h"
#include "core/workspace/address.h"

#include <optional>
#include <string>
#include <vector>

namespace trellis::workspace {

using buildlang::HostValue;

/// One field of a target with its resolved value (after defaults/overrides).
struct Field {
    std::string alias;   ///< e.g. "sources", "dependencies", "timeout"
    HostValue value;     ///< None when unset and without default
    bool isDefault = true; ///< value came from the type's default (peek --exclude-defaults)
    friend bool operator==(const Field &, const Field &) = default;
};

/// A parsed entry of a `dependencies` (or dependency-like) field.
struct DependencySpec {
    std::string raw;          ///< as written, e.g. "!//:reqs#six" or "./util.py"
    Address address;          ///< parsed, relative forms resolved against the BUILD dir
    bool exclude = false;     ///< written with a leading '!'
    bool transitiveExclude = false; ///< written with '!!'
    std::string field;        ///< which field it came from ("dependencies", "execution_dependencies", ...)
    friend bool operator==(const DependencySpec &, const DependencySpec &) = default;
};

/// A target. Invariant: `fields` sorted by alias; `sources` sorted, buildroot-relative.
struct Target {
    Address address;
    std::string type;                   ///< target type alias: "python_source", "pex_binary", ...
    std::vector<Field> fields;
    std::vector<std::string> sources;   ///< files the source(s) field matched
    std::vector<DependencySpec> explicitDependencies; ///< from dependencies + dependency-like fields
    std::vector<std::string> tags;
    std::string resolve;                ///< python resolve name ("" when not applicable)
    base::SourceLocation declaredAt;    ///< BUILD file call position (generated: the generator's)
    bool isGenerator = false;
    /// Generated targets of a generator, in Address order (generators only).
    std::vector<Address> generated;
    /// True for types the tool does not know (plugin types): fields kept raw.
    bool unknownType = false;

    const Field *field(std::string_view alias) const;
    /// True when the type has a Python `source` field (python_source, python_test, ...).
    bool hasPythonSource() const;
    /// Every member equal (two loads of an unchanged BUILD file give equal targets).
    friend bool operator==(const Target &, const Target &) = default;
};

} // namespace trellis::workspace
