// TargetType: the registry of target types Trellis knows (spec §4), with Pants' fields,
// defaults, generator relationships and moved/copied field rules. Which types exist
// depends on [GLOBAL].backend_packages. The tables of every Pants backend are data
// (core/workspace/backends/*.json, made by tools/gen_backend_tables.py from Pants'
// sources); the Python, shell and docker types keep their hand-written, richer semantics
// and take any field the tables add. Aliases and fields that older Pants versions had
// (removed.json) are accepted with a deprecation message. In-repo plugin types and
// plugin fields are read statically from `<pythonpath>/<backend>/` (pluginscan.h).
//
//   TargetTypeRegistry reg = TargetTypeRegistry::forOptions(options);
//   const TargetType *t = reg.find("python_sources");
//   t->generatedType;            // "python_source"
//   t->fieldSpec("sources")->defaultValue;  // ("*.py", "*.pyi", "!test_*.py", ...)
#pragma once

#include "core/buildlang/hostvalue.h"
#include "core/base/text.h"

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace trellis::workspace {

class Options;
using buildlang::HostValue;

/// How a field's value is checked and used.
enum class FieldKind {
    Any,           ///< kept as written (plugin fields, complex values)
    String,
    StringList,    ///< list/tuple of strings (a bare string is rejected)
    StringOrList,  ///< a string or a list of strings
    Int,
    Bool,
    Dict,
    Sources,       ///< `sources`: globs relative to the BUILD directory
    Source,        ///< `source`: one path relative to the BUILD directory
    Dependencies,  ///< `dependencies`: address strings, `!` / `!!` forms
    SpecialDependencies, ///< other dependency-like fields (execution_dependencies, ...)
    Object,        ///< a host object such as python_artifact(...)
};

/// One field a target type accepts.
struct FieldSpec {
    std::string alias;
    FieldKind kind = FieldKind::Any;
    HostValue defaultValue;  ///< None when the field has no default
    bool required = false;
};

/// How a generator produces its targets.
enum class GeneratorKind {
    None,
    Files,              ///< one target per file matched by `sources`
    Requirements,       ///< python_requirements / poetry_requirements: one per project
    PantsRequirements,  ///< pants_requirements: pantsbuild.pants (+ testutil)
    GoMod,              ///< go_mod: one go_third_party_package per module its go.mod requires
    PackageJson,        ///< package_json: node_package, node_third_party_package, scripts
};

/// A target type: its alias and fields. Invariant: `fields` sorted by alias; for
/// generators, `fields` are the fields the generator keeps, `movedFields` are accepted
/// in BUILD files but only given to generated targets.
struct TargetType {
    std::string alias;
    std::vector<FieldSpec> fields;
    GeneratorKind generator = GeneratorKind::None;
    std::string generatedType;              ///< alias of the generated type ("" if none)
    std::vector<std::string> copiedFields;  ///< kept on the generator and copied
    std::vector<std::string> movedFields;   ///< only given to generated targets
    std::vector<std::string> goals;         ///< sorted goal names accepting this type (peek)
    bool pythonSource = false;              ///< has a Python `source` field (inference)
    bool transitiveExcludes = false;        ///< its `dependencies` accepts `!!`
    bool plugin = false;                    ///< in-repo plugin type: any field accepted, kept raw
    bool pluginFieldsKnown = false;         ///< plugin type whose every field class was read statically
    bool internal = false;                  ///< `_lockfiles`, `_generator_sources_helper`: not callable
    bool pythonResolve = false;             ///< its `resolve` field names a [python].resolves entry
    bool generic = false;                   ///< unknown to Trellis (not in any table): fields kept raw
    std::string deprecation;                ///< set for aliases of older Pants versions: the warning
    /// Fields of older Pants versions this type still accepts: alias -> warning message.
    std::map<std::string, std::string, std::less<>> deprecatedFields;

    const FieldSpec *fieldSpec(std::string_view alias) const;
    bool isGenerator() const { return generator != GeneratorKind::None; }
    bool isMoved(std::string_view alias) const;
    bool isCopied(std::string_view alias) const;
    /// True when BUILD files may set `alias` on this type (kept or moved fields).
    bool accepts(std::string_view alias) const;
    /// All aliases a BUILD file may set, sorted (for "valid fields" messages).
    std::vector<std::string> acceptedFields() const;
};

/// The set of target types available for a workspace's options.
class TargetTypeRegistry {
public:
    /// Builds the registry from [GLOBAL].backend_packages and [GLOBAL].pythonpath.
    static TargetTypeRegistry forOptions(const Options &options);
    /// Builds the registry for an explicit backend list and plugin aliases (tests).
    static TargetTypeRegistry forBackends(const std::vector<std::string> &backends,
                                          const std::vector<std::string> &pluginTypes = {});
    /// Builds the registry for a backend list, the repo's pinned Pants version ("" =
    /// unknown) and the in-repo plugin types and fields found by scanPlugins().
    static TargetTypeRegistry forBackends(const std::vector<std::string> &backends, std::string_view pantsVersion,
                                          const struct PluginScan &plugins);

    /// A generic type for an alias no table knows: any field accepted and kept raw.
    static TargetType genericType(std::string alias);
    /// Adds generic types for `aliases` that are not registered yet (unknown callees).
    void addGenericTypes(const std::vector<std::string> &aliases);
    /// Reads the BUILD files and preludes (build_file_prelude_globs) and adds a generic type
    /// for every callee nothing defines (unknownTargetCalls).
    void addUnknownCallees(const class FileTree &files, const std::vector<std::string> &buildFiles,
                           const std::vector<std::string> &preludeGlobs);
    /// Names BUILD files may call besides target types (build_file_aliases objects of the
    /// enabled backends, plus python_artifact, setup_py, http_source, per_platform), sorted.
    const std::vector<std::string> &objectAliases() const { return m_objects; }

    const TargetType *find(std::string_view alias) const;
    /// Every type, sorted by alias (internal ones included).
    const std::vector<std::shared_ptr<const TargetType>> &types() const { return m_types; }
    /// Aliases callable from BUILD files, sorted.
    std::vector<std::string> callableAliases() const;

    /// Adds `type`, replacing a type of the same alias (sorts its fields).
    void add(TargetType type);

private:
    std::vector<std::shared_ptr<const TargetType>> m_types; // sorted by alias
    std::vector<std::string> m_objects;
    std::map<std::string, const TargetType *, std::less<>> m_byAlias; // points into m_types
};

/// Names the enabled backends' build_file_aliases() give BUILD files besides target
/// types (http_source, python_artifact, jvm_exclude, node_test_script, ...), sorted.
std::vector<std::string> objectAliases(const std::vector<std::string> &backends);

/// Aliases called as functions at the start of a line of a BUILD file (`name(` at column
/// 0) that nothing defines: not a registered type, not in `known` (dialect and prelude
/// names), not a Python builtin, not defined in that file. They become generic targets
/// (TargetTypeRegistry::addGenericTypes) instead of a NameError that hides the file.
/// With `anyIndent` (preludes), calls anywhere in a line's start after indentation or
/// `return ` count, and nested definitions and local names are known.
std::vector<std::string> unknownTargetCalls(const std::vector<std::string_view> &buildFileTexts,
                                            const TargetTypeRegistry &registry, const std::vector<std::string> &known,
                                            bool anyIndent = false);

/// Names a prelude defines at its top level (`def name`, `name =`, imports), for `known`.
std::vector<std::string> preludeDefinitions(std::string_view preludeText);

/// The backend packages with a data table (sorted), e.g. "pants.backend.experimental.go".
std::vector<std::string> knownBackendTables();

/// `skip_<tool>` field names contributed by lint/typecheck backends for a language
/// ("python" or "shell"): `pants.backend.python.lint.black` -> `skip_black`.
std::vector<std::string> skipFieldsForBackends(const std::vector<std::string> &backends, std::string_view language);

/// Scans `<dir>/<backend path>/` Python files of each backend found on `pythonpath` for
/// `class X(...Target...):` blocks and returns their `alias = "..."` values, sorted.
std::vector<std::string> scanPluginTargetTypes(const std::string &buildRoot,
                                               const std::vector<std::string> &pythonpath,
                                               const std::vector<std::string> &backends);

/// PEP 503 normalisation (core/base/text.h).
using base::normalizeProjectName;

} // namespace trellis::workspace
