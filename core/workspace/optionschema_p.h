// OptionSchema: the options Trellis knows by type, with Pants 2.32's built-in defaults
// (spec §1.2, §5.1, §7, §8). Options not listed here are kept as written.
#pragma once

#include "core/buildlang/hostvalue.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trellis::workspace {

enum class OptionType {
    Bool,
    Int,
    Float,
    String,
    Enum,      ///< a string from OptionSpec::choices
    List,      ///< list of strings
    ShellList, ///< list of strings, each element split with POSIX shell rules at the end
    Dict,      ///< string keys, any values
};

/// One known option.
struct OptionSpec {
    std::string scope;  ///< "GLOBAL" or the dashed scope name
    std::string name;   ///< underscored option name
    OptionType type = OptionType::String;
    /// Built-in default; nullopt = unset (e.g. [python].interpreter_constraints is required).
    std::optional<buildlang::HostValue> defaultValue;
    std::vector<std::string> choices; ///< Enum only
};

/// Every known option, sorted by (scope, name). Built once, immutable, thread-safe.
const std::vector<OptionSpec> &knownOptions();
/// The spec of scope/name, or nullptr when the option is unknown.
const OptionSpec *findKnownOption(std::string_view scope, std::string_view name);

/// "bool", "int", ... for messages.
const char *optionTypeName(OptionType t);

} // namespace trellis::workspace
