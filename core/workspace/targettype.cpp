// The target type table (spec §4). Field lists and defaults follow Pants 2.32's
// target_types.py files (core, python, shell, docker, plugin_development); types are only
// registered when their backend is enabled, as in Pants.
#include "core/workspace/targettype.h"

#include "core/base/paths.h"
#include "core/workspace/backendtables_p.h"
#include "core/workspace/filetree.h"
#include "core/workspace/options.h"
#include "core/workspace/pluginscan.h"


#include <algorithm>
#include <set>

namespace trellis::workspace {

namespace {

using K = FieldKind;

HostValue str(const char *s) { return HostValue::string(s); }
HostValue strs(std::initializer_list<const char *> items)
{
    buildlang::HostList l;
    for (const char *s : items)
        l.push_back(HostValue::string(s));
    return HostValue::tuple(std::move(l));
}
HostValue boolean(bool b) { return HostValue::boolean(b); }
HostValue integer(int i) { return HostValue::integer(i); }

FieldSpec f(const char *alias, K kind, HostValue def = {}, bool required = false)
{
    return FieldSpec{alias, kind, std::move(def), required};
}

std::vector<FieldSpec> common() { return {f("description", K::String), f("tags", K::StringList)}; }

void addAll(std::vector<FieldSpec> &to, std::vector<FieldSpec> more)
{
    for (auto &m : more)
        to.push_back(std::move(m));
}

std::vector<FieldSpec> skipFields(const std::vector<std::string> &names)
{
    std::vector<FieldSpec> r;
    for (const auto &n : names)
        r.push_back(FieldSpec{n, K::Bool, HostValue::boolean(false), false});
    return r;
}

std::vector<std::string> names(const std::vector<FieldSpec> &fields)
{
    std::vector<std::string> r;
    for (const auto &x : fields)
        r.push_back(x.alias);
    return r;
}

/// Builds a generator type: `kept` fields stay on it, `moved` go only to generated targets.
TargetType generatorType(const char *alias, GeneratorKind kind, const char *generated, std::vector<FieldSpec> kept,
                         std::vector<FieldSpec> moved)
{
    TargetType t;
    t.alias = alias;
    t.generator = kind;
    t.generatedType = generated;
    t.copiedFields = {"description", "tags"};
    t.movedFields = names(moved);
    addAll(t.fields, common());
    addAll(t.fields, std::move(kept));
    // Moved fields are accepted in BUILD files (and listed in `fields` for their defaults),
    // but the generator itself never keeps them (see TargetType::accepts / Target fields).
    addAll(t.fields, std::move(moved));
    return t;
}

TargetType plainType(const char *alias, std::vector<FieldSpec> fields, std::vector<std::string> goals = {})
{
    TargetType t;
    t.alias = alias;
    addAll(t.fields, common());
    addAll(t.fields, std::move(fields));
    t.goals = std::move(goals);
    return t;
}

bool hasBackend(const std::vector<std::string> &backends, std::string_view name)
{
    return std::find(backends.begin(), backends.end(), name) != backends.end();
}

const HostValue kPythonSourcesDefault = strs({"*.py", "*.pyi", "!test_*.py", "!*_test.py", "!tests.py", "!conftest.py",
                                              "!test_*.pyi", "!*_test.pyi", "!tests.pyi"});
const HostValue kPythonTestsDefault = strs({"test_*.py", "*_test.py", "tests.py"});
const HostValue kPythonTestUtilsDefault = strs({"conftest.py", "test_*.pyi", "*_test.pyi", "tests.pyi"});
const HostValue kShellSourcesDefault = strs({"*.sh", "!*_test.sh", "!test_*.sh", "!tests.sh"});

} // namespace

const FieldSpec *TargetType::fieldSpec(std::string_view a) const
{
    auto it = std::lower_bound(fields.begin(), fields.end(), a,
                               [](const FieldSpec &s, std::string_view v) { return s.alias < v; });
    return it != fields.end() && it->alias == a ? &*it : nullptr;
}

bool TargetType::isMoved(std::string_view a) const
{
    return std::find(movedFields.begin(), movedFields.end(), a) != movedFields.end();
}

bool TargetType::isCopied(std::string_view a) const
{
    return std::find(copiedFields.begin(), copiedFields.end(), a) != copiedFields.end();
}

bool TargetType::accepts(std::string_view a) const
{
    return plugin || fieldSpec(a) != nullptr;
}

std::vector<std::string> TargetType::acceptedFields() const
{
    return names(fields);
}

void TargetTypeRegistry::add(TargetType type)
{
    std::sort(type.fields.begin(), type.fields.end(), [](const FieldSpec &a, const FieldSpec &b) { return a.alias < b.alias; });
    type.fields.erase(std::unique(type.fields.begin(), type.fields.end(),
                                  [](const FieldSpec &a, const FieldSpec &b) { return a.alias == b.alias; }),
                      type.fields.end());
    std::sort(type.goals.begin(), type.goals.end());
    for (const FieldSpec &fs : type.fields) {
        if (fs.alias == "source" && type.alias.starts_with("python_") && type.alias != "python_requirement")
            type.pythonSource = true;
        // Hand-written Python types (and the types copied from them) resolve against [python].resolves.
        if (fs.alias == "resolve" && (type.alias.starts_with("python_") || type.alias == "pex_binary"
                                      || type.alias == "poetry_requirements" || type.alias == "uv_requirements"
                                      || type.alias == "pants_requirements"))
            type.pythonResolve = true;
    }
    auto it = std::lower_bound(m_types.begin(), m_types.end(), type.alias,
                               [](const auto &p, const std::string &a) { return p->alias < a; });
    if (it != m_types.end() && (*it)->alias == type.alias)
        *it = std::make_shared<const TargetType>(std::move(type));
    else
        m_types.insert(it, std::make_shared<const TargetType>(std::move(type)));
    m_byAlias.clear();
    for (const auto &t : m_types)
        m_byAlias.emplace(t->alias, t.get());
}

const TargetType *TargetTypeRegistry::find(std::string_view alias) const
{
    auto it = m_byAlias.find(alias);
    return it == m_byAlias.end() ? nullptr : it->second;
}

std::vector<std::string> TargetTypeRegistry::callableAliases() const
{
    std::vector<std::string> r;
    for (const auto &t : m_types)
        if (!t->internal)
            r.push_back(t->alias);
    return r;
}

std::vector<std::string> skipFieldsForBackends(const std::vector<std::string> &backends, std::string_view language)
{
    std::vector<std::string> r;
    for (const std::string &b : backends) {
        std::vector<std::string> parts;
        size_t start = 0;
        while (true) {
            size_t dot = b.find('.', start);
            parts.push_back(b.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
            if (dot == std::string::npos)
                break;
            start = dot + 1;
        }
        auto lang = std::find(parts.begin(), parts.end(), language);
        if (lang == parts.end())
            continue;
        auto kind = std::find_if(lang, parts.end(), [](const std::string &p) { return p == "lint" || p == "typecheck"; });
        if (kind == parts.end() || kind + 1 == parts.end())
            continue;
        std::string tool;
        for (auto it = kind + 1; it != parts.end(); ++it) {
            if (!tool.empty())
                tool += '_';
            tool += *it;
        }
        r.push_back("skip_" + tool);
    }
    std::sort(r.begin(), r.end());
    r.erase(std::unique(r.begin(), r.end()), r.end());
    return r;
}

/// The hand-written types: core, python, shell, docker, plugin_development. Richer than
/// the tables (generator kinds, goals, inference flags); the tables add what they lack.
static void addHandWritten(TargetTypeRegistry &reg, const std::vector<std::string> &backends)
{

    // --- core (always available) ---
    reg.add(plainType("target", {f("dependencies", K::Dependencies)}));
    // `file` / `resource` sources may also be `http_source(...)` or `per_platform(...)` objects.
    reg.add(plainType("file", {f("dependencies", K::Dependencies), f("source", K::Any, {}, true)}));
    reg.add(generatorType("files", GeneratorKind::Files, "file",
                          {f("sources", K::Sources, {}, true), f("overrides", K::Dict)},
                          {f("dependencies", K::Dependencies)}));
    reg.add(plainType("resource", {f("dependencies", K::Dependencies), f("source", K::Any, {}, true)}));
    reg.add(generatorType("resources", GeneratorKind::Files, "resource",
                          {f("sources", K::Sources, {}, true), f("overrides", K::Dict)},
                          {f("dependencies", K::Dependencies)}));
    reg.add(plainType("relocated_files", {f("files_targets", K::SpecialDependencies, {}, true),
                                          f("src", K::String, {}, true), f("dest", K::String, {}, true)}));
    reg.add(plainType("archive", {f("packages", K::SpecialDependencies), f("files", K::SpecialDependencies),
                                  f("format", K::String, {}, true), f("output_path", K::String)},
                      {"package"}));
    reg.add(plainType("local_environment", {f("compatible_platforms", K::StringList), f("fallback_environment", K::String),
                                            f("python_bootstrap_search_path", K::StringList)}));
    reg.add(plainType("docker_environment", {f("image", K::String, {}, true), f("platform", K::String),
                                             f("fallback_environment", K::String),
                                             f("python_bootstrap_search_path", K::StringList)}));
    reg.add(plainType("remote_environment", {f("platform", K::String), f("fallback_environment", K::String),
                                             f("python_bootstrap_search_path", K::StringList)}));
    {
        TargetType helper = plainType("_generator_sources_helper", {f("source", K::Source, {}, true)});
        helper.internal = true;
        reg.add(std::move(helper));
        TargetType lock = plainType("_lockfile", {f("source", K::Source, {}, true), f("resolve", K::String)});
        lock.internal = true;
        reg.add(std::move(lock));
        TargetType locks = generatorType("_lockfiles", GeneratorKind::Files, "_lockfile",
                                         {f("sources", K::Sources, {}, true)}, {f("resolve", K::String)});
        locks.internal = true;
        reg.add(std::move(locks));
    }

    // --- python ---
    if (hasBackend(backends, "pants.backend.python")) {
        const std::vector<std::string> skips = skipFieldsForBackends(backends, "python");
        auto sourceMoved = [&] {
            std::vector<FieldSpec> m{f("dependencies", K::Dependencies), f("interpreter_constraints", K::StringList),
                                     f("resolve", K::String), f("restartable", K::Bool, boolean(false)),
                                     f("run_goal_use_sandbox", K::Bool)};
            addAll(m, skipFields(skips));
            return m;
        };
        auto testMoved = [&] {
            std::vector<FieldSpec> m{f("batch_compatibility_tag", K::String),
                                     f("dependencies", K::Dependencies),
                                     f("entry_point_dependencies", K::Dict),
                                     f("environment", K::String, str("__local__")),
                                     f("extra_env_vars", K::StringList),
                                     f("interpreter_constraints", K::StringList),
                                     f("resolve", K::String),
                                     f("run_goal_use_sandbox", K::Bool),
                                     f("runtime_package_dependencies", K::SpecialDependencies),
                                     f("skip_tests", K::Bool, boolean(false)),
                                     f("timeout", K::Int),
                                     f("xdist_concurrency", K::Int)};
            addAll(m, skipFields(skips));
            return m;
        };
        {
            std::vector<FieldSpec> fs = sourceMoved();
            fs.push_back(f("source", K::Source, {}, true));
            reg.add(plainType("python_source", std::move(fs), {"run"}));
        }
        {
            std::vector<FieldSpec> fs = testMoved();
            fs.push_back(f("source", K::Source, {}, true));
            TargetType t = plainType("python_test", std::move(fs), {"test"});
            t.transitiveExcludes = true;
            reg.add(std::move(t));
        }
        reg.add(generatorType("python_sources", GeneratorKind::Files, "python_source",
                              {f("sources", K::Sources, kPythonSourcesDefault), f("overrides", K::Dict)}, sourceMoved()));
        {
            TargetType t = generatorType("python_tests", GeneratorKind::Files, "python_test",
                                         {f("sources", K::Sources, kPythonTestsDefault), f("overrides", K::Dict)},
                                         testMoved());
            t.transitiveExcludes = true;
            reg.add(std::move(t));
        }
        reg.add(generatorType("python_test_utils", GeneratorKind::Files, "python_source",
                              {f("sources", K::Sources, kPythonTestUtilsDefault), f("overrides", K::Dict)},
                              sourceMoved()));
        reg.add(plainType("python_requirement", {f("dependencies", K::Dependencies), f("modules", K::StringList),
                                                 f("requirements", K::StringList, {}, true), f("resolve", K::String),
                                                 f("type_stub_modules", K::StringList)}));
        auto requirementsGen = [&](const char *alias, const char *source) {
            return generatorType(alias, GeneratorKind::Requirements, "python_requirement",
                                 {f("source", K::Source, str(source)), f("module_mapping", K::Dict),
                                  f("type_stubs_module_mapping", K::Dict), f("overrides", K::Dict)},
                                 {f("resolve", K::String)});
        };
        reg.add(requirementsGen("python_requirements", "requirements.txt"));
        reg.add(requirementsGen("poetry_requirements", "pyproject.toml"));
        reg.add(requirementsGen("uv_requirements", "pyproject.toml"));
        {
            TargetType t = plainType(
                "python_distribution",
                {f("dependencies", K::Dependencies), f("entry_points", K::Dict), f("env_vars", K::StringList),
                 f("generate_setup", K::Bool), f("interpreter_constraints", K::StringList),
                 f("long_description_path", K::String), f("output_path", K::String),
                 f("provides", K::Object, {}, true), f("repositories", K::StringList), f("sdist", K::Bool, boolean(true)),
                 f("sdist_config_settings", K::Dict), f("wheel", K::Bool, boolean(true)),
                 f("wheel_config_settings", K::Dict)},
                {"package"});
            t.transitiveExcludes = true;
            reg.add(std::move(t));
        }
        {
            TargetType t = plainType(
                "pex_binary",
                {f("args", K::StringList), f("check", K::String, str("warn")), f("complete_platforms", K::SpecialDependencies),
                 f("dependencies", K::Dependencies), f("emit_warnings", K::Bool), f("entry_point", K::String),
                 f("env", K::Dict), f("environment", K::String, str("__local__")),
                 f("execution_mode", K::String, str("zipapp")), f("extra_build_args", K::StringList),
                 f("ignore_errors", K::Bool, boolean(false)), f("include_requirements", K::Bool, boolean(true)),
                 f("include_sources", K::Bool, boolean(true)), f("include_tools", K::Bool, boolean(false)),
                 f("inherit_path", K::String), f("interpreter_constraints", K::StringList),
                 f("layout", K::String, str("zipapp")), f("output_path", K::String), f("platforms", K::StringList),
                 f("resolve", K::String), f("restartable", K::Bool, boolean(false)), f("script", K::String),
                 f("sh_boot", K::Bool, boolean(false)), f("shebang", K::String),
                 f("strip_pex_env", K::Bool, boolean(true)), f("venv_hermetic_scripts", K::Bool, boolean(true)),
                 f("venv_site_packages_copies", K::Bool, boolean(false))},
                {"package", "run"});
            t.transitiveExcludes = true;
            reg.add(std::move(t));
        }
    }

    // --- shell ---
    if (hasBackend(backends, "pants.backend.shell")) {
        const std::vector<std::string> skips = skipFieldsForBackends(backends, "shell");
        auto moved = [&] {
            std::vector<FieldSpec> m{f("dependencies", K::Dependencies)};
            addAll(m, skipFields(skips));
            return m;
        };
        {
            std::vector<FieldSpec> fs = moved();
            fs.push_back(f("source", K::Source, {}, true));
            reg.add(plainType("shell_source", std::move(fs)));
        }
        reg.add(generatorType("shell_sources", GeneratorKind::Files, "shell_source",
                              {f("sources", K::Sources, kShellSourcesDefault), f("overrides", K::Dict)}, moved()));
        const std::vector<FieldSpec> commandCommon{
            f("command", K::String, {}, true), f("execution_dependencies", K::SpecialDependencies),
            f("runnable_dependencies", K::SpecialDependencies), f("extra_env_vars", K::StringList),
            f("environment", K::String, str("__local__")), f("workdir", K::String, str("."))};
        {
            std::vector<FieldSpec> fs = commandCommon;
            addAll(fs, {f("tools", K::StringList), f("output_files", K::StringList),
                        f("output_directories", K::StringList), f("output_dependencies", K::SpecialDependencies),
                        f("dependencies", K::Dependencies), f("root_output_directory", K::String, str("/")),
                        f("timeout", K::Int, integer(30)), f("log_output", K::Bool, boolean(false)),
                        f("outputs_match_mode", K::String, str("all_warn")), f("cache_scope", K::String),
                        f("path_env_modify", K::String, str("prepend")),
                        f("workspace_invalidation_sources", K::StringList)});
            reg.add(plainType("shell_command", fs));
            reg.add(plainType("package_shell_command", std::move(fs), {"package"}));
        }
        {
            std::vector<FieldSpec> fs = commandCommon;
            reg.add(plainType("run_shell_command", std::move(fs), {"run"}));
        }
        {
            std::vector<FieldSpec> fs = commandCommon;
            addAll(fs, {f("tools", K::StringList), f("dependencies", K::Dependencies), f("timeout", K::Int, integer(30)),
                        f("skip_tests", K::Bool, boolean(false)), f("log_output", K::Bool, boolean(false)),
                        f("output_files", K::StringList), f("output_directories", K::StringList)});
            reg.add(plainType("test_shell_command", std::move(fs), {"test"}));
        }
    }

    // --- docker ---
    if (hasBackend(backends, "pants.backend.docker")) {
        reg.add(plainType("docker_image",
                          {f("dependencies", K::Dependencies), f("source", K::Source, str("Dockerfile")),
                           f("instructions", K::StringList), f("image_tags", K::StringList, strs({"latest"})),
                           f("repository", K::String), f("registries", K::StringList, strs({"<all default registries>"})),
                           f("extra_build_args", K::StringList), f("build_platform", K::StringList),
                           f("context_root", K::String), f("image_labels", K::Dict), f("secrets", K::Dict),
                           f("skip_push", K::Bool, boolean(false)), f("target_stage", K::String)},
                          {"package", "publish", "run"}));
    }

    // --- plugin development ---
    if (hasBackend(backends, "pants.backend.plugin_development")) {
        reg.add(generatorType("pants_requirements", GeneratorKind::PantsRequirements, "python_requirement",
                              {f("testutil", K::Bool, boolean(true)), f("version_spec", K::String)},
                              {f("resolve", K::String)}));
    }

}

} // namespace trellis::workspace

namespace trellis::workspace {

namespace {

bool isEnabled(const std::vector<std::string> &backends, const std::string &backend)
{
    return backend == "pants.core" || hasBackend(backends, backend);
}

void ensureCommon(TargetType &t)
{
    for (FieldSpec &c : common())
        if (!t.fieldSpec(c.alias) && std::none_of(t.fields.begin(), t.fields.end(),
                                                  [&](const FieldSpec &x) { return x.alias == c.alias; }))
            t.fields.push_back(std::move(c));
}

TargetType fromTable(const TableType &tt)
{
    TargetType t;
    t.alias = tt.alias;
    t.fields = tt.fields;
    if (tt.generator == "files" && !tt.generated.empty()) {
        t.generator = GeneratorKind::Files;
        t.generatedType = tt.generated;
        t.movedFields = tt.moved;
        t.copiedFields = tt.copied;
    }
    // go_mod and package_json read go.mod / package.json (targetbuilder.cpp). Other
    // generators (jvm_artifacts, ...) read inputs Trellis does not model: they are plain
    // targets that keep all their fields.
    if (tt.alias == "go_mod" || tt.alias == "package_json") {
        t.generator = tt.alias == "go_mod" ? GeneratorKind::GoMod : GeneratorKind::PackageJson;
        t.movedFields = tt.moved;
        t.copiedFields = tt.copied;
    }
    t.internal = !t.alias.empty() && t.alias.front() == '_';
    t.transitiveExcludes = tt.transitiveExcludes;
    t.pythonResolve = tt.resolveKind == "python";
    ensureCommon(t);
    return t;
}

/// Adds the fields of `more` that `t` lacks; `movedIn` says which of them are moved.
void mergeFields(TargetType &t, const std::vector<FieldSpec> &more, const std::vector<std::string> &movedIn)
{
    for (const FieldSpec &fs : more) {
        if (std::any_of(t.fields.begin(), t.fields.end(), [&](const FieldSpec &x) { return x.alias == fs.alias; }))
            continue;
        t.fields.push_back(fs);
        if (t.isGenerator() && std::find(movedIn.begin(), movedIn.end(), fs.alias) != movedIn.end())
            t.movedFields.push_back(fs.alias);
    }
}

std::string versionNote(std::string_view pantsVersion)
{
    return pantsVersion.empty() ? std::string() : " (this repository pins Pants " + std::string(pantsVersion) + ")";
}

} // namespace

TargetType TargetTypeRegistry::genericType(std::string alias)
{
    TargetType t;
    t.alias = std::move(alias);
    t.plugin = true;
    t.generic = true;
    t.fields = common();
    t.fields.push_back(f("dependencies", K::Dependencies));
    return t;
}

void TargetTypeRegistry::addGenericTypes(const std::vector<std::string> &aliases)
{
    for (const std::string &a : aliases)
        if (!find(a))
            add(genericType(a));
}

std::vector<std::string> objectAliases(const std::vector<std::string> &backends)
{
    std::vector<std::string> r;
    for (const auto &[name, table] : backendData().tables)
        if (isEnabled(backends, name))
            for (const std::string &o : table.objects)
                if (o != "parametrize" && o != "PANTS_VERSION")
                    r.push_back(o);
    std::sort(r.begin(), r.end());
    r.erase(std::unique(r.begin(), r.end()), r.end());
    return r;
}

std::vector<std::string> knownBackendTables()
{
    std::vector<std::string> r;
    for (const auto &[name, table] : backendData().tables)
        r.push_back(name);
    return r;
}

TargetTypeRegistry TargetTypeRegistry::forOptions(const Options &options)
{
    const std::vector<std::string> backends = options.list("GLOBAL", "backend_packages");
    const PluginScan plugins = scanPlugins(options.buildRoot(), options.list("GLOBAL", "pythonpath"), backends);
    return forBackends(backends, options.string("GLOBAL", "pants_version"), plugins);
}

TargetTypeRegistry TargetTypeRegistry::forBackends(const std::vector<std::string> &backends,
                                                   const std::vector<std::string> &pluginTypes)
{
    PluginScan scan;
    for (const std::string &alias : pluginTypes) {
        TargetType t = genericType(alias);
        t.generic = false;
        scan.types.push_back(std::move(t));
    }
    return forBackends(backends, {}, scan);
}

TargetTypeRegistry TargetTypeRegistry::forBackends(const std::vector<std::string> &backends,
                                                   std::string_view pantsVersion, const PluginScan &plugins)
{
    TargetTypeRegistry reg;
    addHandWritten(reg, backends);
    const BackendData &data = backendData();
    reg.m_objects = trellis::workspace::objectAliases(backends);
    for (const char *o : {"python_artifact", "setup_py", "http_source", "per_platform"})
        reg.m_objects.push_back(o);
    std::sort(reg.m_objects.begin(), reg.m_objects.end());
    reg.m_objects.erase(std::unique(reg.m_objects.begin(), reg.m_objects.end()), reg.m_objects.end());

    // Tables of the enabled backends: new types, and fields the hand-written types lack.
    for (const auto &[name, table] : data.tables) {
        if (!isEnabled(backends, name))
            continue;
        for (const TableType &tt : table.types) {
            if (tt.alias.starts_with("__"))
                continue;
            if (const TargetType *existing = reg.find(tt.alias)) {
                TargetType t = *existing;
                mergeFields(t, tt.fields, tt.moved);
                t.transitiveExcludes = t.transitiveExcludes || tt.transitiveExcludes;
                reg.add(std::move(t));
            } else {
                reg.add(fromTable(tt));
            }
        }
    }
    // Backend packages of older Pants versions (e.g. pants.backend.experimental.python.lint.ruff
    // before it split into ruff.check / ruff.format): their types as the tables know them now.
    std::vector<const std::vector<TablePluginField> *> pluginFieldLists;
    for (const OldBackend &ob : data.oldBackends) {
        if (!hasBackend(backends, ob.backend) || data.tables.count(ob.backend))
            continue;
        for (const std::string &alias : ob.types) {
            if (reg.find(alias))
                continue;
            for (const auto &[name, table] : data.tables)
                for (const TableType &tt : table.types)
                    if (tt.alias == alias && !reg.find(alias))
                        reg.add(fromTable(tt));
        }
        pluginFieldLists.push_back(&ob.pluginFields);
        reg.m_objects.insert(reg.m_objects.end(), ob.objects.begin(), ob.objects.end());
    }
    std::sort(reg.m_objects.begin(), reg.m_objects.end());
    reg.m_objects.erase(std::unique(reg.m_objects.begin(), reg.m_objects.end()), reg.m_objects.end());
    reg.m_objects.erase(std::remove_if(reg.m_objects.begin(), reg.m_objects.end(),
                                       [](const std::string &o) { return o == "parametrize" || o == "PANTS_VERSION"; }),
                        reg.m_objects.end());
    for (const auto &[name, table] : data.tables)
        if (isEnabled(backends, name))
            pluginFieldLists.push_back(&table.pluginFields);
    // Fields the enabled backends' rules() register on types (skip_*, uses_mypyc, ...).
    for (const std::vector<TablePluginField> *list : pluginFieldLists) {
        for (const TablePluginField &pf : *list) {
            const TargetType *existing = reg.find(pf.target);
            if (!existing || existing->fieldSpec(pf.spec.alias))
                continue;
            TargetType t = *existing;
            t.fields.push_back(pf.spec);
            if (t.isGenerator())
                (pf.moved ? t.movedFields : t.copiedFields).push_back(pf.spec.alias);
            reg.add(std::move(t));
        }
    }

    // Aliases and fields of older Pants versions: accepted, with a deprecation warning.
    for (const TableType *tt : [&] {
             std::vector<const TableType *> r;
             for (const auto &[name, table] : data.tables)
                 if (isEnabled(backends, name))
                     for (const TableType &t : table.types)
                         if (!t.deprecatedAlias.empty())
                             r.push_back(&t);
             return r;
         }()) {
        if (reg.find(tt->deprecatedAlias) || !reg.find(tt->alias))
            continue;
        TargetType t = *reg.find(tt->alias);
        t.alias = tt->deprecatedAlias;
        t.deprecation = "target type `" + t.alias + "` is deprecated in Pants " + data.pantsVersion + "; use `" +
                        tt->alias + "`";
        reg.add(std::move(t));
    }
    // Renames Pants made without a `deprecated_alias` the tables could see.
    static const std::pair<const char *, const char *> kRenames[] = {{"python_binary", "pex_binary"}};
    for (const RemovedType &r0 : data.removedTypes) {
        if (reg.find(r0.alias))
            continue;
        RemovedType r = r0;
        for (const auto &[from, to] : kRenames)
            if (r.alias == from && r.replacement.empty())
                r.replacement = to;
        const bool pinnedHasIt = !pantsVersion.empty() && compareVersions(pantsVersion, r.last) <= 0;
        const std::string when = pinnedHasIt ? "target type `" + r.alias + "` of Pants " + std::string(pantsVersion)
                                                   + " was removed after Pants " + r.last
                                             : "target type `" + r.alias + "` was removed after Pants " + r.last
                                                   + versionNote(pantsVersion);
        if (!r.replacement.empty() && reg.find(r.replacement)) {
            TargetType t = *reg.find(r.replacement);
            t.alias = r.alias;
            t.deprecation = when + "; read as `" + r.replacement + "`";
            reg.add(std::move(t));
        } else if (r.hasType && (r.backend.empty() || isEnabled(backends, r.backend) || pinnedHasIt)) {
            TargetType t = fromTable(r.type);
            t.alias = r.alias;
            if (t.isGenerator() && !reg.find(t.generatedType))
                t.generator = GeneratorKind::None;
            t.deprecation = when + "; its fields are read as that version defined them";
            reg.add(std::move(t));
        }
    }
    // `pants_requirement(...)` was a macro (not a target type) until Pants 2.9: one
    // requirement on pantsbuild.pants; read with its fields kept as written.
    if (hasBackend(backends, "pants.backend.plugin_development") || hasBackend(backends, "pants.backend.python")) {
        if (!reg.find("pants_requirement")) {
            TargetType t = genericType("pants_requirement");
            t.generic = false;
            t.deprecation = "`pants_requirement` was replaced by `pants_requirements` in Pants 2.9" + versionNote(pantsVersion)
                            + "; its fields are kept as written";
            reg.add(std::move(t));
        }
    }
    for (const RemovedField &r : data.removedFields) {
        const TargetType *existing = reg.find(r.target);
        if (!existing || existing->fieldSpec(r.alias))
            continue;
        TargetType t = *existing;
        FieldSpec fs;
        fs.alias = r.alias;
        fs.kind = FieldKind::Any;
        t.fields.push_back(fs);
        if (t.isGenerator())
            t.movedFields.push_back(r.alias);
        t.deprecatedFields[r.alias] = "field `" + r.alias + "` of `" + r.target + "` was removed after Pants " + r.last
                                      + versionNote(pantsVersion)
                                      + (r.replacement.empty() ? "; its value is kept as written"
                                                               : "; use `" + r.replacement + "`");
        reg.add(std::move(t));
    }

    // In-repo plugins: their objects and types, then the fields they register on any type.
    for (const std::string &o : plugins.objects)
        if (!reg.find(o) && std::find(reg.m_objects.begin(), reg.m_objects.end(), o) == reg.m_objects.end())
            reg.m_objects.push_back(o);
    std::sort(reg.m_objects.begin(), reg.m_objects.end());
    for (const TargetType &pt : plugins.types)
        if (!reg.find(pt.alias))
            reg.add(pt);
    for (const PluginField &pf : plugins.fields) {
        const TargetType *existing = reg.find(pf.target);
        if (!existing || existing->fieldSpec(pf.spec.alias))
            continue;
        TargetType t = *existing;
        t.fields.push_back(pf.spec);
        if (t.isGenerator())
            (pf.moved ? t.movedFields : t.copiedFields).push_back(pf.spec.alias);
        reg.add(std::move(t));
    }
    return reg;
}

} // namespace trellis::workspace

namespace trellis::workspace {

namespace {

bool identStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool identChar(char c) { return identStart(c) || (c >= '0' && c <= '9'); }

/// Calls `f(line)` for each line of `text`.
template <typename F> void forLines(std::string_view text, F f)
{
    size_t start = 0;
    while (start < text.size()) {
        size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos)
            nl = text.size();
        f(text.substr(start, nl - start));
        start = nl + 1;
    }
}

/// The identifier at the start of `line` and what follows it (spaces skipped).
std::pair<std::string_view, std::string_view> leadingName(std::string_view line)
{
    if (line.empty() || !identStart(line.front()))
        return {};
    size_t i = 1;
    while (i < line.size() && identChar(line[i]))
        ++i;
    std::string_view rest = line.substr(i);
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t'))
        rest.remove_prefix(1);
    return {line.substr(0, i), rest};
}

void addDefinitions(std::string_view text, std::set<std::string, std::less<>> &out)
{
    forLines(text, [&](std::string_view line) {
        auto [name, rest] = leadingName(line);
        if (name.empty())
            return;
        if (name == "def" || name == "class") {
            auto [def, r2] = leadingName(rest);
            if (!def.empty())
                out.emplace(def);
        } else if (name == "import" || name == "from") {
            // from x import a, b as c  /  import a.b as c
            const size_t imp = name == "from" ? rest.find(" import ") : 0;
            std::string_view names = name == "from" ? (imp == std::string_view::npos ? std::string_view() : rest.substr(imp + 8)) : rest;
            std::string cur; // binds every name it lists (over-inclusive is harmless here)
            for (char c : std::string(names) + ",") {
                if (identChar(c) || c == '.') {
                    cur += c;
                    continue;
                }
                if (!cur.empty() && cur != "as")
                    out.insert(cur.substr(0, cur.find('.'))); // `import a.b` binds a
                cur.clear();
            }
        } else if (!rest.empty() && (rest.front() == '=' || rest.front() == ':' || rest.front() == ',')
                   && !rest.starts_with("==")) {
            out.emplace(name);
        }
    });
}

bool isPythonBuiltin(std::string_view n)
{
    static const std::set<std::string_view> names = {
        "abs", "all", "any", "bool", "dict", "enumerate", "filter", "float", "format", "getattr", "hasattr", "int",
        "isinstance", "len", "list", "map", "max", "min", "print", "range", "repr", "reversed", "set", "sorted", "str",
        "sum", "tuple", "type", "zip", "open", "iter", "next", "super", "object", "callable", "frozenset", "hash", "id",
        "ord", "chr", "round", "setattr", "vars", "dir", "globals", "locals", "exec", "eval", "if", "for", "while",
        "return", "assert", "del", "pass", "raise", "with", "try", "elif", "else", "not", "lambda", "yield", "match",
        "case", "glob", "rglob", "zglobs", "globs"};
    return names.count(n) > 0;
}

} // namespace

std::vector<std::string> preludeDefinitions(std::string_view preludeText)
{
    std::set<std::string, std::less<>> defs;
    addDefinitions(preludeText, defs);
    return {defs.begin(), defs.end()};
}

std::vector<std::string> unknownTargetCalls(const std::vector<std::string_view> &buildFileTexts,
                                            const TargetTypeRegistry &registry, const std::vector<std::string> &known,
                                            bool anyIndent)
{
    const std::set<std::string, std::less<>> knownSet(known.begin(), known.end());
    std::set<std::string> unknown;
    auto strip = [&](std::string_view line) {
        if (!anyIndent)
            return line;
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
            line.remove_prefix(1);
        if (line.starts_with("return "))
            line.remove_prefix(7);
        return line;
    };
    for (std::string_view text : buildFileTexts) {
        std::set<std::string, std::less<>> local;
        bool scanned = false;
        forLines(text, [&](std::string_view line) {
            auto [name, rest] = leadingName(strip(line));
            if (name.empty() || rest.empty() || rest.front() != '(' || name.starts_with("__"))
                return;
            if (registry.find(name) || knownSet.count(name) || isPythonBuiltin(name))
                return;
            if (!scanned) {
                if (anyIndent) {
                    // Nested definitions and local names count too.
                    std::string flat;
                    forLines(text, [&](std::string_view l) {
                        while (!l.empty() && (l.front() == ' ' || l.front() == '\t'))
                            l.remove_prefix(1);
                        flat.append(l).push_back('\n');
                    });
                    addDefinitions(flat, local);
                } else {
                    addDefinitions(text, local);
                }
                scanned = true;
            }
            if (!local.count(name))
                unknown.emplace(name);
        });
    }
    return {unknown.begin(), unknown.end()};
}

} // namespace trellis::workspace

namespace trellis::workspace {

void TargetTypeRegistry::addUnknownCallees(const FileTree &files, const std::vector<std::string> &buildFiles,
                                           const std::vector<std::string> &preludeGlobs)
{
    std::vector<std::string> known = {"parametrize", "env", "build_file_dir", "PANTS_VERSION"};
    known.insert(known.end(), m_objects.begin(), m_objects.end());
    std::vector<std::string> preludes;
    if (!preludeGlobs.empty())
        for (const std::string &p : files.glob("", preludeGlobs))
            if (auto text = base::readFile(files.absolutePath(p))) {
                for (std::string &d : preludeDefinitions(*text))
                    known.push_back(std::move(d));
                preludes.push_back(std::move(*text));
            }
    // Types the preludes' macros call (indented, inside functions).
    addGenericTypes(unknownTargetCalls(std::vector<std::string_view>(preludes.begin(), preludes.end()), *this, known, true));
    std::vector<std::string> texts;
    texts.reserve(buildFiles.size());
    for (const std::string &f : buildFiles)
        if (auto text = base::readFile(files.absolutePath(f)))
            texts.push_back(std::move(*text));
    const std::vector<std::string_view> views(texts.begin(), texts.end());
    addGenericTypes(unknownTargetCalls(views, *this, known));
}

} // namespace trellis::workspace
