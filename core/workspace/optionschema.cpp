#include "core/workspace/optionschema_p.h"

#include <algorithm>
#include <initializer_list>
#include <tuple>

namespace trellis::workspace {

using buildlang::HostValue;

namespace {

HostValue strings(std::initializer_list<const char *> items)
{
    buildlang::HostList list;
    for (const char *s : items)
        list.push_back(HostValue::string(s));
    return HostValue::list(std::move(list));
}

OptionSpec opt(const char *scope, const char *name, OptionType type, std::optional<HostValue> def,
               std::vector<std::string> choices = {})
{
    return OptionSpec{scope, name, type, std::move(def), std::move(choices)};
}

std::vector<OptionSpec> buildSchema()
{
    using T = OptionType;
    const auto b = [](bool v) { return std::optional<HostValue>(HostValue::boolean(v)); };
    const auto i = [](std::int64_t v) { return std::optional<HostValue>(HostValue::integer(v)); };
    const auto s = [](const char *v) { return std::optional<HostValue>(HostValue::string(v)); };
    const auto empty = std::optional<HostValue>(strings({}));
    const auto emptyDict = std::optional<HostValue>(HostValue::dict({}));
    const std::optional<HostValue> unset;
    const std::vector<std::string> globBehavior = {"warn", "error", "ignore"};

    std::vector<OptionSpec> o = {
        // [GLOBAL] (spec §1.2, §1.6). pants_config_files, pants_workdir and pants_distdir
        // depend on the buildroot; Options::load fills them in.
        opt("GLOBAL", "backend_packages", T::List, empty),
        opt("GLOBAL", "pythonpath", T::List, empty),
        opt("GLOBAL", "plugins", T::List, empty),
        opt("GLOBAL", "pants_ignore", T::List,
            strings({".*/", "/dist/", "__pycache__", "!.semgrep/", "!.github/"})),
        opt("GLOBAL", "pants_ignore_use_gitignore", T::Bool, b(true)),
        opt("GLOBAL", "build_patterns", T::List, strings({"BUILD", "BUILD.*"})),
        opt("GLOBAL", "build_ignore", T::List, empty),
        opt("GLOBAL", "build_file_prelude_globs", T::List, empty),
        opt("GLOBAL", "unmatched_build_file_globs", T::Enum, s("warn"), globBehavior),
        opt("GLOBAL", "unmatched_cli_globs", T::Enum, s("error"), globBehavior),
        opt("GLOBAL", "owners_not_found_behavior", T::Enum, s("ignore"), globBehavior),
        opt("GLOBAL", "tag", T::List, empty),
        opt("GLOBAL", "spec_files", T::List, empty),
        opt("GLOBAL", "pants_config_files", T::List, empty),
        opt("GLOBAL", "pantsrc", T::Bool, b(true)),
        opt("GLOBAL", "pantsrc_files", T::List, strings({"/etc/pantsrc", "~/.pants.rc", ".pants.rc"})),
        opt("GLOBAL", "pants_workdir", T::String, unset),
        opt("GLOBAL", "pants_distdir", T::String, unset),
        opt("GLOBAL", "pants_version", T::String, unset),
        opt("GLOBAL", "pants_bin_name", T::String, s("pants")),
        opt("GLOBAL", "level", T::Enum, s("info"), {"trace", "debug", "info", "warn", "error"}),

        // [source] (§5.2)
        opt("source", "root_patterns", T::List,
            strings({"/", "src", "src/python", "src/py", "src/thrift", "src/protobuf", "src/protos", "src/scala",
                     "src/java"})),
        opt("source", "marker_filenames", T::List, empty),

        // [python] (§1.2, §10)
        opt("python", "interpreter_constraints", T::List, unset),
        opt("python", "enable_resolves", T::Bool, b(false)),
        opt("python", "resolves", T::Dict,
            HostValue::dict({{HostValue::string("python-default"), HostValue::string("3rdparty/python/default.lock")}})),
        opt("python", "default_resolve", T::String, s("python-default")),
        opt("python", "resolves_to_interpreter_constraints", T::Dict, emptyDict),
        opt("python", "enable_lockfile_targets", T::Bool, b(true)),
        opt("python", "separate_lockfile_metadata_file", T::Bool, b(false)),
        opt("python", "resolver", T::Enum, s("pex"), {"pex", "uv"}),
        opt("python", "run_against_entire_lockfile", T::Bool, b(false)),
        opt("python", "default_run_goal_use_sandbox", T::Bool, b(true)),

        // [python-infer] (§5.1)
        opt("python-infer", "imports", T::Bool, b(true)),
        opt("python-infer", "string_imports", T::Bool, b(false)),
        opt("python-infer", "string_imports_min_dots", T::Int, i(2)),
        opt("python-infer", "string_import_ignore", T::List, empty),
        opt("python-infer", "assets", T::Bool, b(false)),
        opt("python-infer", "assets_min_slashes", T::Int, i(1)),
        opt("python-infer", "init_files", T::Enum, s("content_only"), {"always", "content_only", "never"}),
        opt("python-infer", "conftests", T::Bool, b(true)),
        opt("python-infer", "entry_points", T::Bool, b(true)),
        opt("python-infer", "unowned_dependency_behavior", T::Enum, s("warning"), {"error", "warning", "ignore"}),
        opt("python-infer", "ambiguity_resolution", T::Enum, s("none"), {"none", "by_source_root"}),
        opt("python-infer", "ignored_unowned_imports", T::List, empty),
        opt("python-infer", "use_rust_parser", T::Bool, b(true)),

        // [test] (§8). show_rerun_command defaults to "CI is set"; Options::load fills it in.
        opt("test", "extra_env_vars", T::List, empty),
        opt("test", "timeout_default", T::Int, unset),
        opt("test", "timeout_maximum", T::Int, unset),
        opt("test", "timeouts", T::Bool, b(true)),
        opt("test", "attempts_default", T::Int, i(1)),
        opt("test", "output", T::Enum, s("failed"), {"all", "failed", "none"}),
        opt("test", "report", T::Bool, b(false)),
        opt("test", "report_dir", T::String, s("{distdir}/test/reports")),
        opt("test", "batch_size", T::Int, i(128)),
        opt("test", "force", T::Bool, b(false)),
        opt("test", "debug", T::Bool, b(false)),
        opt("test", "debug_adapter", T::Bool, b(false)),
        opt("test", "show_rerun_command", T::Bool, b(false)),
        opt("test", "use_coverage", T::Bool, b(false)),
        opt("test", "open_coverage", T::Bool, b(false)),

        // [pytest] (§8)
        opt("pytest", "args", T::ShellList, empty),
        opt("pytest", "execution_slot_var", T::String, unset),
        opt("pytest", "junit_family", T::String, s("xunit2")),
        opt("pytest", "config", T::String, unset),
        opt("pytest", "config_discovery", T::Bool, b(true)),
        opt("pytest", "xdist_enabled", T::Bool, b(false)),
        opt("pytest", "skip", T::Bool, b(false)),
        opt("pytest", "install_from_resolve", T::String, unset),
        opt("pytest", "requirements", T::List, empty),

        // [subprocess-environment]
        opt("subprocess-environment", "env_vars", T::List,
            strings({"LANG", "LC_CTYPE", "LC_ALL", "SSL_CERT_FILE", "SSL_CERT_DIR"})),

        // [changed] (§7)
        opt("changed", "since", T::String, unset),
        opt("changed", "diffspec", T::String, unset),
        opt("changed", "dependents", T::Enum, s("none"), {"none", "direct", "transitive"}),

        // [generate-lockfiles] (§10.3)
        opt("generate-lockfiles", "resolve", T::List, empty),
        opt("generate-lockfiles", "diff", T::Bool, b(true)),
        opt("generate-lockfiles", "diff_include_unchanged", T::Bool, b(false)),
        opt("generate-lockfiles", "custom_command", T::String, unset),

        // lint / fmt / fix / check / visibility (§9, §2.5)
        opt("lint", "only", T::List, empty),
        opt("lint", "batch_size", T::Int, i(128)),
        opt("lint", "skip_formatters", T::Bool, b(false)),
        opt("lint", "skip_fixers", T::Bool, b(false)),
        opt("fmt", "only", T::List, empty),
        opt("fmt", "batch_size", T::Int, i(128)),
        opt("fix", "only", T::List, empty),
        opt("fix", "batch_size", T::Int, i(128)),
        opt("fix", "skip_formatters", T::Bool, b(false)),
        opt("check", "only", T::List, empty),
        opt("visibility", "enforce", T::Bool, b(true)),

        // [cli]
        opt("cli", "alias", T::Dict, emptyDict),
    };
    std::sort(o.begin(), o.end(), [](const OptionSpec &a, const OptionSpec &b) {
        return std::tie(a.scope, a.name) < std::tie(b.scope, b.name);
    });
    return o;
}

} // namespace

const std::vector<OptionSpec> &knownOptions()
{
    static const std::vector<OptionSpec> schema = buildSchema();
    return schema;
}

const OptionSpec *findKnownOption(std::string_view scope, std::string_view name)
{
    const auto &all = knownOptions();
    const auto it = std::lower_bound(all.begin(), all.end(), std::pair(scope, name),
                                     [](const OptionSpec &s, const std::pair<std::string_view, std::string_view> &k) {
                                         return std::pair<std::string_view, std::string_view>(s.scope, s.name) < k;
                                     });
    if (it != all.end() && it->scope == scope && it->name == name)
        return &*it;
    return nullptr;
}

const char *optionTypeName(OptionType t)
{
    switch (t) {
    case OptionType::Bool: return "bool";
    case OptionType::Int: return "int";
    case OptionType::Float: return "float";
    case OptionType::String: return "string";
    case OptionType::Enum: return "string";
    case OptionType::List: return "list";
    case OptionType::ShellList: return "list";
    case OptionType::Dict: return "dict";
    }
    return "value";
}

} // namespace trellis::workspace
