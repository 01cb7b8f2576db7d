// The Pants backend tables as data: core/workspace/backends/*.json, produced by
// tools/gen_backend_tables.py from Pants' sources and embedded as Qt resources
// (":/trellis/backends/"). Parsed once per process, then shared read-only.
//
//   const BackendData &d = backendData();
//   d.tables.at("pants.backend.experimental.go").types;   // go_mod, go_package, ...
//   d.fieldClasses.at("PythonResolveField").spec.alias;   // "resolve"
#pragma once

#include "core/workspace/targettype.h"

#include <map>
#include <string>
#include <vector>

namespace trellis::workspace {

/// One target type of a table.
struct TableType {
    std::string alias;
    std::vector<FieldSpec> fields;          ///< kept and moved fields
    std::string generator;                  ///< "files", "other" or ""
    std::string generated;                  ///< generated type alias
    std::vector<std::string> moved, copied;
    std::string deprecatedAlias;            ///< Pants' `deprecated_alias` of the type
    bool transitiveExcludes = false;        ///< its dependencies field accepts `!!`
    std::string resolveKind;                ///< "python", "jvm", "other" or "" (no resolve field)
    std::map<std::string, std::string> deprecatedFieldAliases; ///< old field alias -> new
};

/// A field a backend's rules() add to a type with `register_plugin_field`.
struct TablePluginField {
    std::string target;
    FieldSpec spec;
    bool moved = false;
};

struct BackendTable {
    std::string backend;
    std::vector<TableType> types;
    std::vector<TablePluginField> pluginFields;
    std::vector<std::string> objects;       ///< build_file_aliases() names (jvm_exclude, ...)
};

/// A backend package older Pants versions had (first..last release): the type aliases it
/// registered, the plugin fields and objects.
struct OldBackend {
    std::string backend, first, last;
    std::vector<std::string> types, objects;
    std::vector<TablePluginField> pluginFields;
};

/// A type alias older Pants versions had (first..last release that had it).
struct RemovedType {
    std::string alias, first, last, replacement, backend;
    bool hasType = false;
    TableType type;
};

/// A field alias older Pants versions had on `target`.
struct RemovedField {
    std::string target, alias, first, last, replacement;
    FieldKind kind = FieldKind::Any;
};

/// A Pants field class (for plugins that use built-in fields): `hasAlias` is false for
/// abstract bases such as StringField, which only give the kind.
struct BuiltinFieldClass {
    std::string module;
    FieldSpec spec;
    bool hasAlias = false;
};

struct BackendData {
    std::string pantsVersion;                              ///< version the tables were made from
    std::map<std::string, BackendTable, std::less<>> tables; ///< by backend package
    std::vector<OldBackend> oldBackends;
    std::vector<RemovedType> removedTypes;
    std::vector<RemovedField> removedFields;
    std::map<std::string, BuiltinFieldClass, std::less<>> fieldClasses; ///< by class name
    std::map<std::string, std::string, std::less<>> targetClasses;      ///< class name -> alias
};

/// The embedded tables (parsed on first use; thread-safe).
const BackendData &backendData();

/// "StringList" -> FieldKind::StringList; unknown names give Any.
FieldKind fieldKindFromName(std::string_view name);

/// Compares dotted versions numerically ("2.9.0" < "2.10.0"); pre-release tails ignored.
int compareVersions(std::string_view a, std::string_view b);

} // namespace trellis::workspace
