// The `trellis` dispatcher: Pants' command-line syntax (spec §1.6) —
// `trellis [global options] GOAL [goal options] [SPECS...] [-- passthrough]`.
//
// Flags: `--scope-option=value` anywhere (scope found by the longest known scope
// prefix), `--flag` / `--no-flag` for booleans, goal-scoped flags after the goal name
// without their prefix, and the Trellis-only globals `--root DIR`, `--config FILE`,
// `--version`, `-h/--help`. Goals come from register functions listed in goalRegistry().
#include "app/cli/goal.h"

#include "app/cli/changedgoals.h"
#include "app/cli/clisupport.h"
#include "app/cli/graphgoals.h"
#include "app/cli/introspectiongoals.h"
#include "app/cli/lockfilegoals.h"
#include "app/cli/releasegoals.h"
#include "app/cli/rungoals.h"

#include "core/base/paths.h"
#include "core/base/spell.h"
#include "core/changed/changedtargets.h"
#include "core/demo/demoworkspace.h"
#include "core/graph/targetgraph.h"
#include "core/infer/dependencies.h"
#include "core/live/liveload.h"
#include "core/run/selection.h"
#include "core/vcs/repository.h"
#include "core/workspace/loadproblems.h"
#include "core/workspace/optionschema_p.h"
#include "core/workspace/specs.h"

#include <QCoreApplication>
#include <QDir>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <set>
#include <thread>
#include <unistd.h>


namespace trellis::cli {

using workspace::OptionFlag;

void GoalRegistry::add(Goal goal)
{
    m_goals.push_back(std::move(goal));
}

const Goal *GoalRegistry::find(std::string_view nameOrAlias) const
{
    for (const Goal &g : m_goals) {
        if (g.name == nameOrAlias)
            return &g;
        for (const std::string &a : g.aliases)
            if (a == nameOrAlias)
                return &g;
    }
    return nullptr;
}

bool GoalContext::flag(const std::string &name) const
{
    auto it = goalOptions.find(name);
    if (it == goalOptions.end() || it->second.empty())
        return false;
    const std::string &v = it->second.back();
    return v != "false" && v != "False" && v != "0";
}

const std::optional<run::Selection> &GoalContext::selection()
{
    if (!m_wrappedSelection)
        if (std::optional<std::vector<int>> targets = selectedTargets()) {
            m_wrappedSelection.emplace();
            m_wrappedSelection->targets = std::move(*targets);
        }
    return m_wrappedSelection;
}

std::string GoalContext::option(const std::string &name, const std::string &fallback) const
{
    auto it = goalOptions.find(name);
    return it == goalOptions.end() || it->second.empty() ? fallback : it->second.back();
}

namespace {

/// Every goal Trellis has. Other modules add their register function here.
GoalRegistry goalRegistry()
{
    GoalRegistry r;
    // peek's `dependencies` key: inferred + explicit, expanded, in Address order.
    registerIntrospectionGoals(r, [](GoalContext &c, int target) {
        std::vector<workspace::Address> deps;
        if (auto g = c.graph())
            for (int d : g->expandedDependencies(target))
                deps.push_back(g->address(d));
        return deps;
    });
    registerGraphGoals(r);
    registerRunGoals(r);
    registerLockfileGoals(r);
    registerChangedGoals(r);
    registerReleaseGoals(r);
    r.add({"demo",
           {},
           "Create (or re-create) the bundled demo workspace and print its path.",
           "Usage: trellis demo [--force] [DIR]\n\nWrites the Orchard demo monorepo as a git repository with a short "
           "history\n(default: ~/.local/share/trellis/demo-workspace). --force re-creates an existing demo.",
           {{"--force", "Re-create the demo even when it already exists."}},
           [](GoalContext &c) {
               const std::string dir = c.specs.empty() ? demo::defaultDemoPath() : c.specs.front();
               if (!c.flag("--force") && demo::isDemoWorkspace(dir)) {
                   c.out << dir << '\n';
                   return int(kExitOk);
               }
               auto path = demo::materializeDemo(dir, true);
               if (!path) {
                   for (const auto &d : path.diagnostics())
                       c.err << d.format() << '\n';
                   return int(kExitFailure);
               }
               c.out << *path << '\n';
               return int(kExitOk);
           }});
    return r;
}

/// Scopes whose options may be given as `--<scope>-<option>`, longest first.
const std::vector<std::string> &knownScopes()
{
    static const std::vector<std::string> scopes = [] {
        std::vector<std::string> s{"python-infer", "generate-lockfiles", "subprocess-environment", "source", "python",
                                   "test", "pytest", "changed", "lint", "fmt", "fix", "check", "visibility", "filter",
                                   "peek", "list", "dependencies", "dependents", "paths", "roots", "pex-binary-defaults",
                                   "python-repos", "coverage-py", "mypy", "black", "ruff", "isort", "flake8",
                                   "pylint", "tailor", "update-build-files", "export", "repl", "run", "package",
                                   // Pants subsystems Trellis does not model: any option accepted.
                                   "python-bootstrap", "python-native-code", "python-protobuf", "export-codegen",
                                   "pyupgrade", "pydocstyle", "bandit", "autoflake", "docformatter", "yapf",
                                   "pyright", "pytype", "add-trailing-comma", "setuptools", "twine", "ipython",
                                   "debugpy", "pex", "pex-cli", "uv", "scc", "shell-setup", "shellcheck", "shfmt",
                                   "docker", "hadolint", "taplo", "semgrep", "pyoxidizer", "anonymous-telemetry",
                                   "environments-preview", "stats", "workunit-logger", "download-terraform",
                                   "nodejs", "golang", "jvm", "scala", "javac", "kotlin", "helm", "terraform"};
        std::sort(s.begin(), s.end(), [](const std::string &a, const std::string &b) {
            return a.size() != b.size() ? a.size() > b.size() : a < b;
        });
        return s;
    }();
    return scopes;
}

/// Global options accepted without a scope prefix (spec §1.2 plus common Pants ones).
const std::vector<std::string> &knownGlobalOptions()
{
    static const std::vector<std::string> options{
        "backend_packages", "pythonpath", "pants_ignore", "pants_ignore_use_gitignore", "build_patterns",
        "build_ignore", "build_file_prelude_globs", "unmatched_build_file_globs", "unmatched_cli_globs", "tag",
        "pants_config_files", "pantsrc", "pantsrc_files", "pants_workdir", "pants_distdir", "pants_version",
        "level", "colors", "keep_sandboxes", "print_stacktrace", "dynamic_ui", "pantsd", "concurrent",
        "local_cache", "remote_cache_read", "remote_cache_write", "spec_files", "loop", "logdir",
        "process_execution_local_parallelism", "no_pantsd"};
    return options;
}

std::string underscored(std::string s)
{
    std::replace(s.begin(), s.end(), '-', '_');
    return s;
}

std::string dashed(std::string s)
{
    std::replace(s.begin(), s.end(), '_', '-');
    return s;
}

/// Global options outside the option schema: true when the option takes a value.
const std::map<std::string, bool> &extraGlobalOptions()
{
    static const std::map<std::string, bool> options{
        {"colors", false}, {"keep_sandboxes", true}, {"print_stacktrace", false}, {"dynamic_ui", false},
        {"pantsd", false}, {"concurrent", false}, {"local_cache", false}, {"remote_cache_read", false},
        {"remote_cache_write", false}, {"loop", false}, {"logdir", true},
        {"process_execution_local_parallelism", true}, {"no_pantsd", false}};
    return options;
}

/// Real Pants options of subsystems the option schema covers but that Trellis does not
/// use (accepted and ignored), and Pants' options of the goals Trellis has. Value: the
/// option takes a value (false: a boolean `--flag` / `--no-flag`).
const std::map<std::pair<std::string, std::string>, bool> &pantsOnlyOptions()
{
    static const std::map<std::pair<std::string, std::string>, bool> options = [] {
        std::map<std::pair<std::string, std::string>, bool> m;
        auto add = [&](const char *scope, std::initializer_list<const char *> names, bool value) {
            for (const char *n : names)
                m[{scope, n}] = value;
        };
        add("test", {"experimental_report_test_result_info", "report", "use_coverage", "open_coverage"}, false);
        add("test", {"shard", "attempts_default"}, true);
        add("pytest", {"allow_empty_test_collection", "emit_coverage"}, false);
        add("pytest", {"version", "extra_requirements", "lockfile", "console_script", "entry_point",
                       "interpreter_constraints"}, true);
        add("python", {"tailor_source_targets", "tailor_ignore_empty_init_files", "tailor_requirements_targets",
                       "tailor_pex_binary_targets", "tailor_py_typed_targets", "macos_big_sur_compatibility",
                       "warn_on_python2_usage"}, false);
        add("python", {"pip_version", "resolves_to_constraints_file", "resolves_to_no_binary",
                       "resolves_to_only_binary", "resolves_to_excludes", "resolves_to_overrides",
                       "resolves_to_sources", "invalid_lockfile_behavior", "interpreter_versions_universe",
                       "repl_history", "resolves_generate_lockfiles", "default_run_goal_use_sandbox"}, true);
        add("python-infer", {"inits", "unowned_dependency_behavior"}, false);
        add("changed", {"dependees"}, true);
        add("generate-lockfiles", {"request_diffs"}, false);
        add("lint", {"skip_linters"}, false);
        add("check", {"batch_size"}, true);
        add("visibility", {"skip"}, false);
        add("list", {"documented"}, false);
        add("list", {"sep", "output_file"}, true);
        add("filter", {"target_type", "address_regex", "tag_regex", "granularity", "sep", "output_file"}, true);
        add("peek", {"exclude_defaults", "include_dep_rules", "include_goals"}, false);
        add("peek", {"output_file"}, true);
        for (const char *g : {"dependencies", "dependents"}) {
            add(g, {"transitive", "closed"}, false);
            add(g, {"format", "sep", "output_file"}, true);
        }
        add("paths", {"from", "to", "format", "output_file"}, true);
        add("roots", {"sep", "output_file"}, true);
        return m;
    }();
    return options;
}

/// True when the option schema lists an option of `scope` (Trellis models the scope).
bool schemaHasScope(const std::string &scope)
{
    return std::any_of(workspace::knownOptions().begin(), workspace::knownOptions().end(),
                       [&](const workspace::OptionSpec &o) { return o.scope == scope; });
}

/// True when a goal option takes a value: its help starts with "=..." or "`--name=...`".
bool takesValue(const GoalOption &o)
{
    return o.help.starts_with("=") || o.help.starts_with("`" + o.name + "=");
}

const GoalOption *findGoalOption(const Goal &goal, const std::string &dashedName)
{
    for (const GoalOption &o : goal.options)
        if (o.name == "--" + dashedName)
            return &o;
    return nullptr;
}

enum class OptionKnowledge { Unknown, Boolean, Value, Unmodelled };

/// What Trellis knows of the option `scope`/`option` (underscored): unknown, a boolean,
/// an option taking a value, or an option of a subsystem Trellis does not model (any name
/// accepted, treated as a boolean unless given with `=`).
OptionKnowledge knowOption(const std::string &scope, const std::string &option, const GoalRegistry &registry)
{
    if (scope == "GLOBAL") {
        if (const auto *spec = workspace::findKnownOption(scope, option))
            return spec->type == workspace::OptionType::Bool ? OptionKnowledge::Boolean : OptionKnowledge::Value;
        if (auto it = extraGlobalOptions().find(option); it != extraGlobalOptions().end())
            return it->second ? OptionKnowledge::Value : OptionKnowledge::Boolean;
        return OptionKnowledge::Unknown;
    }
    if (const auto *spec = workspace::findKnownOption(scope, option))
        return spec->type == workspace::OptionType::Bool ? OptionKnowledge::Boolean : OptionKnowledge::Value;
    if (const Goal *g = registry.find(scope); g && g->name == scope)
        if (const GoalOption *o = findGoalOption(*g, dashed(option)))
            return takesValue(*o) ? OptionKnowledge::Value : OptionKnowledge::Boolean;
    if (auto it = pantsOnlyOptions().find({scope, option}); it != pantsOnlyOptions().end())
        return it->second ? OptionKnowledge::Value : OptionKnowledge::Boolean;
    const bool modelled = schemaHasScope(scope) || registry.find(scope)
                          || std::any_of(pantsOnlyOptions().begin(), pantsOnlyOptions().end(),
                                         [&](const auto &e) { return e.first.first == scope; });
    return modelled ? OptionKnowledge::Unknown : OptionKnowledge::Unmodelled;
}

/// The dashed names of every option Trellis knows in `scope`, as `--<prefix><name>`.
std::vector<std::string> optionCandidates(const std::string &scope, const std::string &prefix,
                                          const GoalRegistry &registry)
{
    std::vector<std::string> r;
    for (const workspace::OptionSpec &o : workspace::knownOptions())
        if (o.scope == scope)
            r.push_back("--" + prefix + dashed(o.name));
    for (const auto &[key, value] : pantsOnlyOptions())
        if (key.first == scope)
            r.push_back("--" + prefix + dashed(key.second));
    if (scope == "GLOBAL")
        for (const auto &[name, value] : extraGlobalOptions())
            r.push_back("--" + dashed(name));
    if (const Goal *g = registry.find(scope))
        for (const GoalOption &o : g->options)
            r.push_back("--" + prefix + o.name.substr(2));
    return r;
}

struct ParsedCommand {
    std::string goal;
    std::vector<OptionFlag> flags;
    std::map<std::string, std::vector<std::string>> goalOptions;
    std::vector<std::string> specs;
    std::vector<std::string> passthrough;
    std::vector<std::string> configFiles;
    std::string root;
    bool help = false;
    bool version = false;
    bool trustRepo = false; ///< --trust-repo: trust the repository's remote-cache settings
    std::vector<std::string> helpTopics;
};

/// Splits `--name=value` / `--name` / `--no-name` into (name, value).
std::pair<std::string, std::string> splitFlag(const std::string &arg)
{
    std::string body = arg.substr(2);
    const size_t eq = body.find('=');
    if (eq != std::string::npos)
        return {body.substr(0, eq), body.substr(eq + 1)};
    if (body.starts_with("no-"))
        return {body.substr(3), "false"};
    return {body, "true"};
}

/// Maps a dashed flag name to (scope, option): longest known scope prefix, else GLOBAL.
std::optional<OptionFlag> scopedFlag(const std::string &name, const std::string &value, bool requireKnown)
{
    for (const std::string &scope : knownScopes())
        if (name.size() > scope.size() + 1 && name.starts_with(scope) && name[scope.size()] == '-')
            return OptionFlag{scope, underscored(name.substr(scope.size() + 1)), value};
    const std::string option = underscored(name);
    if (requireKnown && std::find(knownGlobalOptions().begin(), knownGlobalOptions().end(), option)
                            == knownGlobalOptions().end())
        return std::nullopt;
    return OptionFlag{"GLOBAL", option, value};
}

class CliContext : public GoalContext {
public:
    CliContext(std::ostream &o, std::ostream &e, const ParsedCommand &cmd) : GoalContext(o, e), m_cmd(cmd) {}
    ~CliContext() override
    {
        if (m_pendingWrite.joinable())
            m_pendingWrite.join();
    }

    std::shared_ptr<const workspace::Workspace> workspace() override
    {
        if (m_loaded)
            return m_workspace;
        m_loaded = true;
        std::string root = m_cmd.root;
        const std::string cwd = QDir::currentPath().toStdString();
        if (root.empty())
            root = workspace::findBuildRoot(cwd);
        if (root.empty()) {
            err << "error: no pants.toml (or BUILD_ROOT) found in " << cwd
                << " or any parent directory; use --root DIR\n";
            return nullptr;
        }
        root = QDir(QString::fromStdString(root)).absolutePath().toStdString();
        const std::string rel = QDir(QString::fromStdString(root)).relativeFilePath(QString::fromStdString(cwd)).toStdString();
        m_cwd = (rel == "." || rel.starts_with("..")) ? std::string() : rel;
        workspace::LoadRequest req;
        req.options.buildRoot = root;
        req.options.environment = base::processEnvironment();
        req.options.flags = m_cmd.flags;
        req.options.extraConfigFiles = m_cmd.configFiles;
        // Through the persistent snapshot: a warm start re-does only what changed.
        live::LiveRequest live;
        live.load = req;
        // This process waits for the write-back before it exits: after a BUILD edit, the
        // workspace is encoded while the graph is patched.
        live.encodeEarly = true;
        m_loader = std::make_unique<live::LiveLoader>(std::move(live));
        auto ws = m_loader->workspace();
        if (!ws) {
            for (const auto &d : ws.diagnostics())
                err << d.format() << '\n';
            return nullptr;
        }
        m_workspace = *ws;
        return m_workspace;
    }

    std::shared_ptr<const graph::TargetGraph> graph() override
    {
        if (m_graphBuilt)
            return m_graph;
        m_graphBuilt = true;
        auto ws = workspace();
        if (!ws)
            return nullptr;
        // Inference loads every target, so every BUILD error is reported here (spec §2.6);
        // the graph is still built from the targets that did load ("never a blank
        // answer"), and the run exits 1. Knock-on problems (imports of modules whose BUILD
        // file failed, dependencies on its addresses) are counted under their cause.
        for (const auto &d : ws->diagnostics())
            if (d.severity == base::Severity::Error)
                reportProblem(d);
        m_graph = m_loader->graph();
        // Everything the snapshot holds is known now: write it back while the goal prints
        // its answer (saveSnapshot() waits for it before the process exits).
        if (m_graph && m_loader->writeCanWait())
            if (std::function<void()> write = m_loader->prepareSave())
                m_pendingWrite = std::thread(std::move(write));
        if (!m_graph)
            return nullptr;
        for (const auto &d : m_graph->diagnostics())
            reportProblem(d);
        return m_graph;
    }

    std::optional<std::vector<int>> selectedTargets() override
    {
        const std::optional<run::Selection> &s = selection();
        if (!s)
            return std::nullopt;
        return s->targets;
    }

    const std::optional<run::Selection> &selection() override
    {
        if (m_selectionDone)
            return m_selection;
        m_selectionDone = true;
        auto ws = workspace();
        if (!ws)
            return m_selection;
        run::SelectionRequest req;
        req.specs = specs;
        req.cwd = m_cwd;
        req.extraFilters = commandLineFilters();
        const bool changedMode = !ws->options().string("changed", "since").empty()
                                 || !ws->options().string("changed", "diffspec").empty();
        if (changedMode && specs.empty()) {
            // Every BUILD file matters to a change: report them all, and below every
            // changed file whose targets a failed BUILD file would have declared.
            for (const auto &d : ws->diagnostics())
                if (d.severity == base::Severity::Error)
                    reportProblem(d);
        }
        base::Result<run::Selection> s = run::selectTargets(*ws, [this] { return graph(); }, req);
        if (!s) {
            for (const auto &d : s.diagnostics())
                err << d.format() << '\n';
            return m_selection;
        }
        if (!s->changedMode)
            reportWorkspaceProblems(*ws, s->parsedSpecs);
        for (const auto &d : s->warnings)
            err << d.format() << '\n';
        if (s->changed)
            for (const std::string &file : s->changed->unownedFiles) {
                const std::string failed = why().failedBuildFileFor(file);
                const bool isFailedBuild = std::binary_search(why().failedBuildFiles().begin(),
                                                              why().failedBuildFiles().end(), file);
                if (failed.empty() && !isFailedBuild)
                    continue;
                err << "error: the changed file " << file << " may belong to targets of "
                    << (isFailedBuild ? file : failed) << ", which failed to load; they cannot be selected\n";
                m_errorFiles.insert(isFailedBuild ? file : failed);
            }
        m_shown = s->targets.size();
        m_selection = std::move(*s);
        return m_selection;
    }

    /// After the goal ran: notes for knock-on problems and, when errors were reported,
    /// the one-line summary ("3 BUILD files failed; 12,430 targets shown"). True when
    /// the run must exit non-zero.
    bool finish()
    {
        for (const auto &[cause, count] : m_knockOns)
            err << "note: " << workspace::withThousands(count) << " further problem" << (count == 1 ? "" : "s")
                << " caused by " << cause << " not shown\n";
        if (m_errorFiles.empty() && m_otherErrors == 0)
            return false;
        size_t shown = m_shown ? *m_shown : m_workspace ? m_workspace->targets().size() : 0;
        err << workspace::loadSummary(m_errorFiles.size(), m_otherErrors, shown) << '\n';
        return true;
    }

private:
    const workspace::ProblemAttribution &why()
    {
        if (!m_why)
            m_why = std::make_unique<workspace::ProblemAttribution>(*m_workspace);
        return *m_why;
    }

    /// Prints a problem once. A knock-on of an earlier failure is counted under its
    /// cause (printed instead, once) rather than printed; errors make the run fail.
    void reportProblem(const base::Diagnostic &d)
    {
        const base::Diagnostic *cause = m_workspace ? why().causeOf(d) : nullptr;
        const base::Diagnostic &shown = cause ? *cause : d;
        const std::string text = shown.format();
        if (m_reported.insert(text).second) {
            err << text << '\n';
            if (shown.severity == base::Severity::Error) {
                if (m_workspace && std::binary_search(m_workspace->buildFiles().begin(),
                                                      m_workspace->buildFiles().end(), shown.loc.file))
                    m_errorFiles.insert(shown.loc.file);
                else
                    ++m_otherErrors;
            }
        }
        if (cause) {
            ++m_knockOns[shown.loc.file.empty() ? shown.message.substr(0, 60)
                                                : shown.loc.file + ":" + std::to_string(shown.loc.line)];
            // A BUILD file that failed because the prelude did still hides its targets.
            const auto &builds = m_workspace->buildFiles();
            if (d.severity == base::Severity::Error && std::binary_search(builds.begin(), builds.end(), d.loc.file)
                && !std::binary_search(builds.begin(), builds.end(), shown.loc.file))
                m_errorFiles.insert(d.loc.file);
        }
    }

    /// Prints the workspace diagnostics that concern a BUILD file the specs need (spec
    /// dirs, their ancestors and descendants) or the configuration. Errors make the run
    /// exit 1, but the targets that did load are still selected: a broken BUILD file
    /// hides only its own targets.
    void reportWorkspaceProblems(const workspace::Workspace &ws, const std::vector<workspace::Spec> &parsed)
    {
        auto relevant = [&](const base::Diagnostic &d) {
            if (d.loc.file.empty() || d.loc.file.starts_with('/'))
                return true;
            const std::string dir(base::dirName(d.loc.file));
            for (const auto &s : parsed) {
                if (s.ignore)
                    continue;
                const std::string p = s.kind == workspace::Spec::Kind::Address ? s.address.specPath
                                      : s.kind == workspace::Spec::Kind::File || s.kind == workspace::Spec::Kind::FileGlob
                                          ? std::string(base::dirName(s.path))
                                          : s.path;
                auto under = [](const std::string &a, const std::string &b) {
                    return b.empty() || a == b || (a.starts_with(b) && a.size() > b.size() && a[b.size()] == '/');
                };
                if (under(dir, p) || under(p, dir))
                    return true;
            }
            return false;
        };
        for (const auto &d : ws.diagnostics())
            if (relevant(d))
                reportProblem(d);
    }

    /// The filters given as flags (--tag, --filter-*); the configured ones are added by
    /// run::selectTargets.
    workspace::TargetFilters commandLineFilters() const
    {
        workspace::TargetFilters f;
        auto collect = [&](std::vector<std::string> &into, const char *scope, const char *option) {
            for (const OptionFlag &fl : m_cmd.flags)
                if (fl.scope == scope && fl.option == option)
                    into.push_back(fl.value);
        };
        collect(f.tags, "GLOBAL", "tag");
        collect(f.targetTypes, "filter", "target_type");
        collect(f.addressRegexes, "filter", "address_regex");
        collect(f.tagRegexes, "filter", "tag_regex");
        collect(f.granularities, "filter", "granularity");
        return f;
    }

public:
    /// Writes the workspace snapshot if this run recomputed any of it.
    void saveSnapshot()
    {
        if (m_pendingWrite.joinable())
            m_pendingWrite.join();
        if (m_loader)
            m_loader->save();
    }

private:
    const ParsedCommand &m_cmd;
    std::unique_ptr<live::LiveLoader> m_loader;
    std::shared_ptr<const workspace::Workspace> m_workspace;
    bool m_loaded = false;
    std::shared_ptr<const graph::TargetGraph> m_graph;
    bool m_graphBuilt = false;
    std::thread m_pendingWrite; ///< the snapshot's write-back, started once the graph is known
    std::set<std::string> m_reported; ///< workspace diagnostics already printed
    std::unique_ptr<workspace::ProblemAttribution> m_why;
    std::set<std::string> m_errorFiles; ///< BUILD files with a reported error
    size_t m_otherErrors = 0;           ///< reported errors outside BUILD files
    std::map<std::string, size_t> m_knockOns; ///< cause location -> knock-ons not printed
    std::optional<size_t> m_shown;      ///< targets selected, once selection() ran
    std::optional<run::Selection> m_selection;
    bool m_selectionDone = false;
    std::string m_cwd;
};

void printHelp(std::ostream &out, const GoalRegistry &registry)
{
    out << "Usage: trellis [global options] GOAL [goal options] [SPECS...]\n\n"
           "Global options:\n"
           "  --root DIR            the build root (default: nearest directory with pants.toml)\n"
           "  --config FILE         an extra config file after pants.toml (repeatable)\n"
           "  --trust-repo          trust this repository's remote-cache settings (docs/security.md)\n"
           "  --tag=[-]T1,T2        keep targets with (or without) these tags\n"
           "  --filter-target-type, --filter-address-regex, --filter-tag-regex, --filter-granularity\n"
           "  --changed-since=REV   only the targets owning files changed since REV (and uncommitted)\n"
           "  --changed-diffspec=D  only the targets owning files changed in the git diffspec D\n"
           "  --changed-dependents=none|direct|transitive  also their dependents\n"
           "  --<scope>-<option>=V  set any option, as with Pants (`--opt V` works too)\n"
           "  --version, -h/--help\n\n"
           "Goals:\n";
    for (const Goal &g : registry.goals()) {
        std::string name = g.name;
        name.resize(std::max<size_t>(name.size(), 14), ' ');
        out << "  " << name << "  " << g.summary << '\n';
    }
    out << "\nRun `trellis help GOAL` for a goal's options.\n";
}

void printGoalHelp(std::ostream &out, const Goal &g)
{
    out << g.usage << "\n";
    if (!g.options.empty()) {
        out << "\nOptions:\n";
        for (const GoalOption &o : g.options)
            out << "  " << o.name << "\n      " << o.help << '\n';
    }
}

} // namespace

namespace {
bool g_leakContextAtExit = false;
} // namespace

void leakWorkspaceAtExit()
{
    g_leakContextAtExit = true;
}

int run(const std::vector<std::string> &args, std::ostream &out, std::ostream &err)
{
    const GoalRegistry registry = goalRegistry();
    std::vector<std::string> goalNames;
    for (const Goal &g : registry.goals())
        goalNames.push_back(g.name);

    ParsedCommand cmd;
    const Goal *goal = nullptr;
    bool helpGoal = false;
    std::vector<OptionFlag> scopedGoalFlags; ///< `--<scope>-<option>` flags, for `--list-sep=,`
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        if (a == "--") {
            cmd.passthrough.assign(args.begin() + long(i) + 1, args.end());
            break;
        }
        if (a == "-h" || a == "--help") {
            cmd.help = true;
            continue;
        }
        if (!goal && (a == "--version" || a == "-v" || a == "-V")) {
            cmd.version = true;
            continue;
        }
        if (a == "--trust-repo") {
            cmd.trustRepo = true;
            continue;
        }
        if (a == "--root" || a == "--config") {
            if (i + 1 >= args.size()) {
                err << "error: " << a << " needs a value\n";
                return kExitUsage;
            }
            (a == "--root" ? cmd.root : cmd.configFiles.emplace_back()) = args[++i];
            continue;
        }
        if (a.starts_with("--root=")) {
            cmd.root = a.substr(7);
            continue;
        }
        if (a.starts_with("--config=")) {
            cmd.configFiles.push_back(a.substr(9));
            continue;
        }
        if (a.starts_with("--") && a.size() > 2) {
            const bool hasValue = a.find('=') != std::string::npos;
            const std::string body = a.substr(2, hasValue ? a.find('=') - 2 : std::string::npos);
            auto [name, value] = splitFlag(a);
            const bool negated = !hasValue && body.starts_with("no-");
            // `--opt value`: the next argument is the value of an option that takes one
            // (never of a boolean flag, so a spec after `--flag` stays a spec).
            auto takeValue = [&](bool valueOption, std::string &v) {
                if (!valueOption || hasValue || negated)
                    return true;
                if (i + 1 >= args.size() || args[i + 1] == "--" || args[i + 1].starts_with("--")) {
                    err << "error: " << a << " needs a value (" << a << "=VALUE or " << a << " VALUE)\n";
                    return false;
                }
                v = args[++i];
                return true;
            };
            if (goal) {
                // Goal-scoped flag without prefix, e.g. `list --documented`, `lockfile-diff --base REV`.
                if (const GoalOption *o = findGoalOption(*goal, body)) {
                    std::string v = hasValue ? value : "true";
                    if (!takeValue(takesValue(*o), v))
                        return kExitUsage;
                    cmd.goalOptions["--" + body].push_back(v);
                    cmd.flags.push_back({goal->name, underscored(body), v});
                    continue;
                }
                if (negated)
                    if (const GoalOption *o = findGoalOption(*goal, body.substr(3)); o && !takesValue(*o)) {
                        cmd.goalOptions["--" + body.substr(3)].push_back("false");
                        continue;
                    }
                // An option of the goal's scope that Trellis reads from config, e.g.
                // `test --timeout-default=60`, or a real Pants option it ignores.
                const OptionKnowledge k = knowOption(goal->name, underscored(name), registry);
                if (k == OptionKnowledge::Boolean || k == OptionKnowledge::Value) {
                    std::string v = value;
                    if (!takeValue(k == OptionKnowledge::Value, v))
                        return kExitUsage;
                    cmd.flags.push_back({goal->name, underscored(name), v});
                    continue;
                }
            }
            auto flag = scopedFlag(name, value, true);
            const OptionKnowledge k = flag ? knowOption(flag->scope, flag->option, registry) : OptionKnowledge::Unknown;
            if (k == OptionKnowledge::Unknown) {
                std::vector<std::string> candidates;
                if (flag && flag->scope != "GLOBAL") {
                    candidates = optionCandidates(flag->scope, dashed(flag->scope) + "-", registry);
                } else {
                    if (goal)
                        candidates = optionCandidates(goal->name, "", registry);
                    for (const std::string &c : optionCandidates("GLOBAL", "", registry))
                        candidates.push_back(c);
                    for (const char *f : {"--filter-target-type", "--filter-address-regex", "--filter-tag-regex",
                                          "--filter-granularity", "--changed-since", "--changed-diffspec",
                                          "--changed-dependents", "--root", "--config", "--version", "--help"})
                        candidates.push_back(f);
                }
                const std::string near = base::nearest("--" + (negated && hasValue ? body : name), candidates);
                err << "error: unknown flag `" << a << "`";
                if (flag && flag->scope != "GLOBAL")
                    err << " (scope `" << flag->scope << "` has no option `" << dashed(flag->option) << "`)";
                else if (goal)
                    err << " for goal `" << goal->name << "`";
                if (!near.empty())
                    err << " (did you mean " << near << "?)";
                err << '\n';
                return kExitUsage;
            }
            if (!takeValue(k == OptionKnowledge::Value, flag->value))
                return kExitUsage;
            cmd.flags.push_back(*flag);
            if (flag->scope != "GLOBAL")
                scopedGoalFlags.push_back(*flag);
            continue;
        }
        if (!goal && !helpGoal) {
            if (a == "help") {
                helpGoal = true;
                continue;
            }
            goal = registry.find(a);
            if (!goal) {
                const std::string near = base::nearest(a, goalNames);
                err << "error: unknown goal `" << a << "`";
                if (!near.empty())
                    err << " (did you mean " << near << "?)";
                err << "\nRun `trellis help` to list goals.\n";
                return kExitUsage;
            }
            cmd.goal = goal->name;
            continue;
        }
        if (helpGoal) {
            cmd.helpTopics.push_back(a);
            continue;
        }
        cmd.specs.push_back(a);
    }

    // `--<goal>-<option>=V` (e.g. `--list-sep=,`) is the goal option `--<option>=V`;
    // a goal-local flag given after it wins.
    if (goal)
        for (auto it = scopedGoalFlags.rbegin(); it != scopedGoalFlags.rend(); ++it)
            if (it->scope == goal->name && findGoalOption(*goal, dashed(it->option))) {
                auto &values = cmd.goalOptions["--" + dashed(it->option)];
                values.insert(values.begin(), it->value);
            }

    if (cmd.version) {
        const QString v = QCoreApplication::applicationVersion();
        out << (v.isEmpty() ? std::string("unknown") : v.toStdString()) << '\n';
        return kExitOk;
    }
    if (helpGoal || cmd.help) {
        if (goal && !helpGoal) {
            printGoalHelp(out, *goal);
            return kExitOk;
        }
        if (!cmd.helpTopics.empty()) {
            const Goal *g = registry.find(cmd.helpTopics.front());
            if (!g) {
                const std::string near = base::nearest(cmd.helpTopics.front(), goalNames);
                err << "error: unknown goal `" << cmd.helpTopics.front() << "`";
                if (!near.empty())
                    err << " (did you mean " << near << "?)";
                err << '\n';
                return kExitUsage;
            }
            printGoalHelp(out, *g);
            return kExitOk;
        }
        printHelp(out, registry);
        return kExitOk;
    }
    if (!goal) {
        printHelp(err, registry);
        return kExitUsage;
    }

    // The context owns the loaded workspace and graph: hundreds of thousands of small
    // objects. A process that exits right after (main) leaks it instead of freeing each.
    auto owner = std::make_unique<CliContext>(out, err, cmd);
    CliContext &ctx = *owner;
    struct Leak {
        std::unique_ptr<CliContext> &owner;
        ~Leak()
        {
            if (g_leakContextAtExit)
                (void)owner.release();
        }
    } leak{owner};
    ctx.trustRepository = cmd.trustRepo;
    const char *noColor = std::getenv("NO_COLOR");
    ctx.color = (&out == &std::cout) && isatty(STDOUT_FILENO) && !(noColor && *noColor);
    ctx.specs = cmd.specs;
    ctx.goalOptions = cmd.goalOptions;
    ctx.passthrough = cmd.passthrough;
    (void)takeReceivedSignal();
    int rc = goal->run(ctx);
    if (ctx.finish() && rc == kExitOk)
        rc = kExitFailure;
    // The answer is out; then persist what this run loaded for the next one.
    out.flush();
    ctx.saveSnapshot();
    // A run cancelled by SIGINT/SIGTERM/SIGHUP exits as a shell reports the signal.
    if (const int signal = takeReceivedSignal())
        return exitCodeForSignal(signal);
    return rc;
}

} // namespace trellis::cli
