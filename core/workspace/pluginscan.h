// In-repo Pants plugins, read statically (never executed): the Target subclasses of the
// packages named in [GLOBAL].backend_packages that live on [GLOBAL].pythonpath, with their
// `alias`, `core_fields` (plugin field classes resolved to alias, kind and default; Pants'
// own field classes from the backend tables; COMMON_TARGET_FIELDS; `*Other.core_fields`),
// generator `generated_target_cls` / `moved_fields`, and the fields `rules()` add to any
// type with `SomeTarget.register_plugin_field(Field)`.
//
//   PluginScan s = scanPlugins(root, {"pants-plugins"}, backends);
//   s.types;   // TargetType per plugin alias (plugin = true: unknown fields kept raw)
//   s.fields;  // {"python_tests", FieldSpec{"uses", StringList}}
//
// The scanner reads Python's logical lines (brackets, continuation lines, strings and
// comments handled) and the class/assignment/import statements at the top of each file
// and class body; anything it cannot resolve is left out, never an error.
#pragma once

#include "core/workspace/targettype.h"

#include <string>
#include <utility>
#include <vector>

namespace trellis::workspace {

/// A field added to a type (built-in or plugin) by `register_plugin_field`.
struct PluginField {
    std::string target;   ///< target type alias
    FieldSpec spec;
    bool moved = false;   ///< as_moved_field=True
};

struct PluginScan {
    std::vector<TargetType> types;    ///< sorted by alias
    std::vector<PluginField> fields;
    std::vector<std::string> objects; ///< names of BuildFileAliases(objects=/context_aware_object_factories=)
    std::vector<std::string> files;   ///< plugin files read (buildroot-relative when possible)
};

/// Scans `<pythonpath entry>/<backend as path>/` (a package with register.py) for each
/// backend of `backends`.
PluginScan scanPlugins(const std::string &buildRoot, const std::vector<std::string> &pythonpath,
                       const std::vector<std::string> &backends);

/// Scans the given Python sources (path, text) as one plugin.
PluginScan scanPluginSources(const std::vector<std::pair<std::string, std::string>> &files);

} // namespace trellis::workspace
