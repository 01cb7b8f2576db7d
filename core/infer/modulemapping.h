// ModuleMapping: which Python modules a third-party project provides when its
// python_requirement target does not say (spec §5.4, §5.8), using Pants' built-in tables
// (DEFAULT_MODULE_MAPPING, DEFAULT_TYPE_STUB_MODULE_MAPPING) and name patterns.
//
//   normalizeProjectName("PyYAML");          // "pyyaml"
//   builtinModulesFor("PyYAML");             // {{"yaml"}, stub=false}
//   builtinModulesFor("types-requests");     // {{"requests"}, stub=true}
//   builtinModulesFor("google-cloud-storage"); // google.cloud.storage{,_v1,_v2,_v3}
#pragma once

#include "core/base/text.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trellis::infer {

/// Modules provided by a requirement, and whether they are type stubs.
struct ProvidedModules {
    std::vector<std::string> modules;
    bool stub = false;
    friend bool operator==(const ProvidedModules &, const ProvidedModules &) = default;
};

/// PEP 503 normalisation (core/base/text.h).
using base::normalizeProjectName;

/// The project name of a pip requirement string ("PyYAML>=5.1; python_version<'3.9'" ->
/// "PyYAML"); "" when the string does not start with a name.
std::string projectNameOf(std::string_view requirement);

/// The modules Pants assumes for a project without explicit `modules`/`type_stub_modules`
/// or module_mapping: default mapping, default stub mapping, stub name patterns, impl name
/// patterns, and finally the name as written lower-cased with '-' -> '_'.
ProvidedModules builtinModulesFor(std::string_view projectName);

/// The embedded tables, keyed by normalized project name (sorted), for inspection and tests.
const std::vector<std::pair<std::string, std::vector<std::string>>> &defaultModuleMapping();
const std::vector<std::pair<std::string, std::vector<std::string>>> &defaultTypeStubModuleMapping();

} // namespace trellis::infer
