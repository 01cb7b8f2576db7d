// loadWorkspace: options -> file tree -> BUILD files -> preludes -> BUILD evaluation ->
// targets -> index.
//
// BUILD files are evaluated in parallel, one task per directory (all BUILD files of a
// directory share one namespace and one `__defaults__` state, evaluated in sorted path
// order). `__defaults__` are inherited from the nearest ancestor directory with BUILD
// files, so directories are processed level by level (by depth): every directory of a
// level runs in parallel once all shallower directories are done, and starts from the
// final defaults of its nearest BUILD-file ancestor. Each task also builds its targets
// (globbing, generators), so the expensive parts all run on the pool.
#include "core/workspace/workspace.h"

#include "core/base/glob.h"
#include "core/base/paths.h"
#include "core/base/text.h"
#include "core/base/workerpool.h"
#include "core/buildlang/hostinterface.h"
#include "core/workspace/loader_p.h"

#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <filesystem>
#include <atomic>
#include <cstdint>

namespace trellis::workspace {

using buildlang::HostCall;
using buildlang::HostObject;
using buildlang::HostValue;

const Field *Target::field(std::string_view alias) const
{
    auto it = std::lower_bound(fields.begin(), fields.end(), alias,
                               [](const Field &f, std::string_view a) { return f.alias < a; });
    return it != fields.end() && it->alias == alias ? &*it : nullptr;
}

bool Target::hasPythonSource() const
{
    return type == "python_source" || type == "python_test";
}

const Target *Workspace::find(const Address &address) const
{
    const int i = indexOf(address);
    return i < 0 ? nullptr : &m_targets[size_t(i)];
}

int Workspace::indexOf(const Address &address) const
{
    auto it = m_index.find(AddressRef{&address});
    return it == m_index.end() ? -1 : it->second;
}

std::vector<int> Workspace::ownerIndicesOf(std::string_view path) const
{
    std::vector<int> r;
    auto it = m_owners.find(path);
    if (it == m_owners.end())
        return r;
    for (int i : it->second)
        if (!m_targets[size_t(i)].isGenerator)
            r.push_back(i);
    if (r.empty())
        r = it->second;
    return r;
}

std::vector<const Target *> Workspace::ownersOf(std::string_view path) const
{
    std::vector<const Target *> r;
    for (int i : ownerIndicesOf(path))
        r.push_back(&m_targets[size_t(i)]);
    return r;
}

std::vector<const Target *> Workspace::targetsDeclaredIn(std::string_view buildFile) const
{
    std::vector<const Target *> r;
    for (const Target &t : m_targets)
        if (t.declaredAt.file == buildFile)
            r.push_back(&t);
    return r;
}

DirState *&DirState::current()
{
    thread_local DirState *state = nullptr;
    return state;
}

void LoaderShared::recordInput(std::string rel)
{
    if (DirState *s = DirState::current()) {
        s->inputs.insert(std::move(rel));
        return;
    }
    std::lock_guard lock(mutex);
    inputs.insert(std::move(rel));
}

void LoaderShared::recordEnvironmentRead(const std::string &name, std::optional<std::string> value)
{
    if (DirState *s = DirState::current()) {
        s->environmentReads[name] = std::move(value);
        return;
    }
    std::lock_guard lock(mutex);
    environmentReads[name] = std::move(value);
}

void LoaderShared::recordLog(const base::SourceLocation &location, const std::string &text)
{
    if (DirState *s = DirState::current()) {
        s->log.emplace_back(location, text);
        return;
    }
    std::lock_guard lock(mutex);
    log.emplace_back(location, text);
}

void Workspace::buildIndex()
{
    // Two at a time: each is a hash table over every target.
    QFuture<void> index = QtConcurrent::run(base::workerPool(), [this] {
        m_index.clear();
        m_index.reserve(m_targets.size());
        for (size_t i = 0; i < m_targets.size(); ++i)
            m_index.emplace(AddressRef{&m_targets[i].address}, int(i));
    });
    m_owners.clear();
    m_owners.reserve(m_files ? m_files->files().size() : m_targets.size());
    for (size_t i = 0; i < m_targets.size(); ++i)
        for (const std::string &f : m_targets[i].sources)
            m_owners[f].push_back(int(i));
    index.waitForFinished();
}

namespace {

DirState *stateOf(HostCall &c) { return static_cast<DirState *>(c.fileContext); }

const HostValue *findKwarg(const buildlang::HostKwargs &kw, std::string_view key)
{
    for (const auto &[k, v] : kw)
        if (k == key)
            return &v;
    return nullptr;
}

/// A PurePath as `build_file_dir()` returns it: `str()` gives the path ("." for the
/// build root), and the attributes `name`, `stem`, `suffix`, `parts` and `parent` (itself
/// a PurePath) read like Python's.
HostValue purePath(std::string_view path)
{
    HostObject o;
    o.typeName = "PurePath";
    o.strValue = path.empty() ? std::string(".") : std::string(path);
    o.args = {HostValue::string(o.strValue)};
    buildlang::HostList parts;
    for (std::string_view c : base::splitPath(path))
        parts.push_back(HostValue::string(std::string(c)));
    const std::string name = parts.empty() ? std::string() : parts.back().str();
    const size_t dot = name.rfind('.');
    const bool hasSuffix = dot != std::string::npos && dot > 0 && dot + 1 < name.size();
    o.kwargs = {{"name", HostValue::string(name)},
                {"stem", HostValue::string(hasSuffix ? name.substr(0, dot) : name)},
                {"suffix", HostValue::string(hasSuffix ? name.substr(dot) : std::string())},
                {"parts", HostValue::tuple(std::move(parts))}};
    // Python: PurePath('.').parent is PurePath('.'); stop the chain there.
    if (!path.empty())
        o.kwargs.emplace_back("parent", purePath(base::dirName(path)));
    return HostValue::object(std::move(o));
}

/// Pants' `__defaults__` (spec §2.3).
base::Result<HostValue> setDefaults(HostCall &c, const TargetTypeRegistry &reg)
{
    DirState *s = stateOf(c);
    if (!s)
        return base::Diagnostic::error(c.location, "__defaults__ can only be used in BUILD files");
    bool extend = false, ignoreFields = false, ignoreTargets = false;
    const HostValue *all = nullptr;
    for (const auto &[k, v] : c.kwargs) {
        if (k == "extend")
            extend = v.asBool();
        else if (k == "ignore_unknown_fields")
            ignoreFields = v.asBool();
        else if (k == "ignore_unknown_targets")
            ignoreTargets = v.asBool();
        else if (k == "all")
            all = &v;
        else
            return base::Diagnostic::error(c.location, "__defaults__() got an unexpected keyword argument '" + k + "'");
    }
    if (c.args.size() > 1)
        return base::Diagnostic::error(c.location, "__defaults__() takes at most 1 positional argument");
    std::map<std::string, buildlang::HostKwargs> normalized;
    auto addFields = [&](const TargetType &type, const HostValue &fields, bool isAll) -> std::optional<base::Diagnostic> {
        if (fields.kind() != HostValue::Kind::Dict)
            return base::Diagnostic::error(c.location, "Invalid default field values in __defaults__ for "
                                                           + type.alias + ": expected a dict, got " + fields.repr());
        auto &dst = normalized[type.alias];
        for (const auto &[fk, fv] : fields.entries()) {
            if (!fk.isString())
                return base::Diagnostic::error(c.location, "Field names in __defaults__ must be strings");
            // `all` applies only to types that define the field (plugin types accept any).
            if ((isAll ? !type.fieldSpec(fk.str()) : !type.accepts(fk.str())) || fk.str() == "name") {
                if (isAll || ignoreFields)
                    continue;
                std::string valid;
                for (const std::string &f : type.acceptedFields())
                    valid += (valid.empty() ? "" : ", ") + f;
                return base::Diagnostic::error(c.location, "Unrecognized field `" + fk.str() + "` for target "
                                                               + type.alias + ". Valid fields are: " + valid + ".");
            }
            bool replaced = false;
            for (auto &[k, v] : dst)
                if (k == fk.str()) {
                    v = fv;
                    replaced = true;
                }
            if (!replaced)
                dst.emplace_back(fk.str(), fv);
        }
        return std::nullopt;
    };
    if (!c.args.empty() && !c.args.front().isNone()) {
        const HostValue &mapping = c.args.front();
        if (mapping.kind() != HostValue::Kind::Dict)
            return base::Diagnostic::error(c.location, "Expected dictionary mapping targets to default field values "
                                                           "for " + s->dir + " but got: " + mapping.repr() + ".");
        for (const auto &[key, fields] : mapping.entries()) {
            std::vector<std::string> aliases;
            if (key.isString() || key.kind() == HostValue::Kind::Symbol)
                aliases.push_back(key.str());
            else if (key.isSequence())
                for (const HostValue &k : key.items())
                    aliases.push_back(k.str());
            for (const std::string &alias : aliases) {
                const TargetType *type = reg.find(alias);
                if (!type || type->internal) {
                    if (ignoreTargets)
                        continue;
                    return base::Diagnostic::error(c.location, "Unrecognized target type " + alias + " in "
                                                                   + (s->dir.empty() ? std::string("//") : s->dir) + ".");
                }
                if (auto err = addFields(*type, fields, false))
                    return *err;
            }
        }
    }
    if (all && !all->isNone()) {
        for (const auto &type : reg.types())
            if (!type->internal)
                if (auto err = addFields(*type, *all, true))
                    return *err;
    }
    auto next = std::make_shared<DefaultsMap>(*s->defaults);
    for (auto &[alias, fields] : normalized) {
        if (!extend) {
            next->perType[alias] = std::move(fields);
            continue;
        }
        auto &dst = next->perType[alias];
        for (auto &[k, v] : fields) {
            bool replaced = false;
            for (auto &[dk, dv] : dst)
                if (dk == k) {
                    dv = v;
                    replaced = true;
                }
            if (!replaced)
                dst.emplace_back(k, v);
        }
    }
    s->defaults = std::move(next);
    return HostValue::none();
}

std::shared_ptr<const buildlang::Dialect> makeDialect(const TargetTypeRegistry &reg, LoaderShared &shared)
{
    auto d = std::make_shared<buildlang::Dialect>();
    for (const auto &typePtr : reg.types()) {
        const TargetType *type = typePtr.get();
        if (type->internal)
            continue;
        d->addFunction(type->alias, [type](HostCall &c) -> base::Result<HostValue> {
            DirState *s = stateOf(c);
            if (!s)
                return base::Diagnostic::error(c.location, "targets can only be declared from BUILD files");
            TargetAdaptor a;
            a.type = type;
            a.kwargs = std::move(c.kwargs);
            a.location = c.location;
            a.defaults = s->defaults;
            s->adaptors.push_back(std::move(a));
            HostObject o;
            o.typeName = type->alias;
            return HostValue::object(std::move(o));
        }, {.isTargetType = true});
    }
    d->addFunction("parametrize", [](HostCall &c) -> base::Result<HostValue> {
        HostObject o;
        o.typeName = "parametrize";
        o.args = c.args;
        o.kwargs = c.kwargs;
        if (c.args.size() == 1 && c.args.front().isString() && !c.kwargs.empty())
            o.unpackKey = "__parametrize_group_" + c.args.front().str();
        return HostValue::object(std::move(o));
    });
    d->addFunction("env", [&shared](HostCall &c) -> base::Result<HostValue> {
        if (c.args.empty() || !c.args.front().isString())
            return base::Diagnostic::error(c.location, "env() takes the variable name as a string");
        HostValue def = c.args.size() > 1 ? c.args[1] : HostValue();
        if (const HostValue *k = findKwarg(c.kwargs, "default"))
            def = *k;
        auto it = shared.environment.find(c.args.front().str());
        shared.recordEnvironmentRead(c.args.front().str(), it == shared.environment.end()
                                                               ? std::nullopt
                                                               : std::optional<std::string>(it->second));
        return it == shared.environment.end() ? def : HostValue::string(it->second);
    }, {.forbiddenAtPreludeTopLevel = true});
    d->addFunction("build_file_dir", [](HostCall &c) -> base::Result<HostValue> {
        return purePath(base::dirName(c.buildFile));
    }, {.forbiddenAtPreludeTopLevel = true});
    d->addFunction("__defaults__", [&reg](HostCall &c) { return setDefaults(c, reg); },
                   {.forbiddenAtPreludeTopLevel = true});
    auto rules = [](bool dependents) {
        return [dependents](HostCall &c) -> base::Result<HostValue> {
            DirState *s = stateOf(c);
            if (!s)
                return base::Diagnostic::error(c.location, "dependency rules can only be declared from BUILD files");
            VisibilityRules r;
            r.declaredAt = c.location;
            r.ruleSets = c.args;
            if (const HostValue *e = findKwarg(c.kwargs, "extend"))
                r.extend = e->asBool();
            (dependents ? s->dependentsRules : s->dependenciesRules) = std::move(r);
            (dependents ? s->hasDependentsRules : s->hasDependenciesRules) = true;
            return HostValue::none();
        };
    };
    d->addFunction("__dependencies_rules__", rules(false), {.forbiddenAtPreludeTopLevel = true});
    d->addFunction("__dependents_rules__", rules(true), {.forbiddenAtPreludeTopLevel = true});
    for (const std::string &objectType : reg.objectAliases()) {
        const std::string typeName = objectType == "setup_py" ? "python_artifact" : objectType;
        d->addFunction(objectType, [typeName](HostCall &c) -> base::Result<HostValue> {
            HostObject o;
            o.typeName = typeName;
            o.args = c.args;
            o.kwargs = c.kwargs;
            return HostValue::object(std::move(o));
        });
    }
    d->setAttributeResolver([&reg](std::string_view symbol, const std::vector<std::string> &path,
                                   void *fileContext) -> std::optional<HostValue> {
        const TargetType *type = reg.find(symbol);
        if (!type || path.size() != 2 || path[1] != "default")
            return std::nullopt;
        const FieldSpec *fs = type->fieldSpec(path[0]);
        if (!fs && !type->plugin)
            return std::nullopt;
        if (auto *s = static_cast<DirState *>(fileContext)) {
            auto it = s->defaults->perType.find(type->alias);
            if (it != s->defaults->perType.end())
                if (const HostValue *v = findKwarg(it->second, path[0]))
                    return *v;
        }
        return fs ? fs->defaultValue : HostValue();
    });
    d->setPrint([&shared](const base::SourceLocation &loc, const std::string &text) { shared.recordLog(loc, text); });
    // open() in BUILD files and preludes reads files of the repository (Pants runs them with
    // the build root as working directory); never outside it.
    if (shared.files) {
        const std::string root = shared.files->absolutePath("");
        d->setFileReader([&shared, root, read = buildlang::buildRootFileReader(root)](const std::string &path) {
            auto text = read(path);
            // Remember what was read (relative to the root) so a change to it reloads.
            std::string rel = path;
            if (rel.starts_with(root + "/"))
                rel = rel.substr(root.size() + 1);
            shared.recordInput(std::filesystem::path(rel).lexically_normal().string());
            return text;
        });
    }
    return d;
}

bool matchesBuildPattern(const std::vector<std::string> &patterns, std::string_view base)
{
    for (const std::string &p : patterns)
        if (base::globMatches(p, base))
            return true;
    return false;
}

int depthOf(const std::string &dir)
{
    return dir.empty() ? 0 : int(std::count(dir.begin(), dir.end(), '/')) + 1;
}

} // namespace

base::Result<std::shared_ptr<const FileTree>> walkFiles(const Options &opts, const base::CancelToken &cancel)
{
    std::vector<std::string> ignores = opts.list("GLOBAL", "pants_ignore");
    for (const char *dirOption : {"pants_workdir", "pants_distdir"}) {
        std::string d = opts.string("GLOBAL", dirOption, dirOption == std::string("pants_workdir") ? ".pants.d" : "dist");
        const std::string root = opts.buildRoot();
        if (d.starts_with(root + "/"))
            d = d.substr(root.size() + 1);
        if (!d.empty() && !d.starts_with('/'))
            ignores.push_back("/" + d + "/");
    }
    return FileTree::walk(opts.buildRoot(), ignores, opts.boolean("GLOBAL", "pants_ignore_use_gitignore", true), cancel);
}

base::Result<std::shared_ptr<const Workspace>> loadWorkspace(const LoadRequest &request, const ProgressCallback &progress)
{
    if (progress)
        progress("Reading options", 0, 0);
    return loadWorkspace(request, Options::load(request.options), progress);
}

base::Result<std::shared_ptr<const Workspace>> loadWorkspace(const LoadRequest &request, base::Result<Options> options,
                                                             const ProgressCallback &progress)
{
    auto report = [&](const char *phase, int done, int total) {
        if (progress)
            progress(phase, done, total);
    };
    if (!options)
        return options.takeDiagnostics();
    auto ws = std::make_shared<Workspace>();
    ws->m_diagnostics = options.takeDiagnostics();
    ws->m_options = std::move(*options);
    const Options &opts = ws->m_options;

    // Files.
    if (request.files && request.previous && request.previous->m_files == request.files) {
        ws->m_walkWarnings = request.previous->m_walkWarnings;
        ws->m_files = request.files;
    } else {
        report("Scanning files", 0, 0);
        auto tree = walkFiles(opts, request.cancel);
        if (!tree) {
            base::Diagnostics diags = ws->m_diagnostics;
            for (auto &d : tree.diagnostics())
                diags.push_back(d);
            return diags;
        }
        ws->m_walkWarnings = tree.takeDiagnostics();
        ws->m_files = *tree;
    }
    ws->m_diagnostics.insert(ws->m_diagnostics.end(), ws->m_walkWarnings.begin(), ws->m_walkWarnings.end());
    const FileTree &files = *ws->m_files;
    ws->m_sourceRoots = SourceRoots(opts.list("source", "root_patterns"), opts.list("source", "marker_filenames"), files);
    if (request.cancel.isCancelled()) {
        ws->m_cancelled = true;
        return std::shared_ptr<const Workspace>(ws);
    }

    const std::vector<std::string> buildPatterns = opts.list("GLOBAL", "build_patterns");
    // build_ignore is gitignore syntax, as in Pants: `!` re-includes, a directory pattern
    // hides every BUILD file below it.
    const base::IgnoreRules buildIgnore = base::IgnoreRules::fromLines(opts.list("GLOBAL", "build_ignore"));
    std::map<std::string, std::vector<std::string>> buildFilesByDir;
    for (const std::string &f : files.files()) {
        const std::string_view base = base::baseName(f);
        if (base.size() < 5 || !matchesBuildPattern(buildPatterns, base))
            continue;
        if (buildIgnore.isPathIgnored(f, false))
            continue;
        ws->m_buildFiles.push_back(f);
        buildFilesByDir[std::string(base::dirName(f))].push_back(f);
    }

    // Target types, dialect, preludes.
    TargetTypeRegistry registry = TargetTypeRegistry::forOptions(opts);
    // Calls of types no backend or plugin defines become generic targets (with a warning).
    registry.addUnknownCallees(files, ws->m_buildFiles, opts.list("GLOBAL", "build_file_prelude_globs"));
    LoaderShared shared;
    shared.registry = &registry;
    shared.files = &files;
    shared.environment = opts.environment(); // with .pants.bootstrap's variables
    shared.settings.unmatchedBuildFileGlobs = opts.string("GLOBAL", "unmatched_build_file_globs", "warn");
    shared.settings.enableResolves = opts.boolean("python", "enable_resolves", false);
    shared.settings.defaultResolve = opts.string("python", "default_resolve", "python-default");
    const auto resolves = opts.dict("python", "resolves");
    for (const auto &[name, path] : resolves)
        shared.settings.resolveNames.push_back(name);
    shared.settings.pantsVersion = opts.string("GLOBAL", "pants_version");
    shared.settings.goGranularity = opts.string("golang", "third_party_target_granularity", "package");

    auto dialect = makeDialect(registry, shared);
    buildlang::Limits limits;
    limits.cancel = request.cancel;
    std::vector<buildlang::Prelude::Source> preludeSources;
    const std::vector<std::string> preludeGlobs = opts.list("GLOBAL", "build_file_prelude_globs");
    if (!preludeGlobs.empty()) {
        for (const std::string &p : files.glob("", preludeGlobs))
            if (auto text = base::readFile(files.absolutePath(p))) {
                ws->m_preludeFiles.push_back(p);
                preludeSources.push_back({p, std::move(*text)});
            }
    }
    std::shared_ptr<const buildlang::Prelude> prelude =
        preludeSources.empty() ? buildlang::Prelude::empty(dialect)
                               : buildlang::Prelude::load(dialect, preludeSources, limits, ws->m_diagnostics);

    // What can be taken over from an earlier load: directories none of whose inputs
    // changed, when the same files are visible (globs give the same sources).
    enum class Mode : std::uint8_t { Evaluate, DefaultsOnly, Reuse };
    const Workspace *previous = request.previous.get();
    std::map<std::string, const DirectoryLoad *> previousDirs;
    std::map<std::string, std::vector<int>> previousTargets; // dir -> indices into previous
    std::set<std::string> changedDirs;
    if (previous && !previous->cancelled() && previous->m_files && previous->m_buildFiles == ws->m_buildFiles
        && previous->m_preludeFiles == ws->m_preludeFiles
        && previous->m_directoryLoads.size() == buildFilesByDir.size()
        && (previous->m_files == ws->m_files || previous->m_files->files() == files.files())) {
        for (const DirectoryLoad &dl : previous->m_directoryLoads)
            previousDirs.emplace(dl.dir, &dl);
        bool usable = previousDirs.size() == buildFilesByDir.size();
        std::multimap<std::string, std::string> readers; // a file read -> the directories that read it
        for (const DirectoryLoad &dl : previous->m_directoryLoads)
            for (const std::string &input : dl.inputs)
                readers.emplace(input, dl.dir);
        for (const std::string &changed : request.changedInputs) {
            const auto [first, last] = readers.equal_range(changed);
            if (std::binary_search(ws->m_buildFiles.begin(), ws->m_buildFiles.end(), changed)) {
                changedDirs.insert(std::string(base::dirName(changed)));
            } else if (first != last) {
                for (auto it = first; it != last; ++it)
                    changedDirs.insert(it->second);
            } else {
                usable = false; // a prelude, or a file read at load level
            }
        }
        std::vector<int> *run = nullptr;
        std::string runDir;
        for (size_t i = 0; usable && i < previous->m_targets.size(); ++i) {
            const Target &t = previous->m_targets[i];
            if (t.type == "_lockfiles" || t.type == "_lockfile")
                continue; // made by the loader below, not by a BUILD file
            // package_json targets change other directories' targets (dropFirstPartyNodePackages).
            if (t.type == "package_json" && changedDirs.count(t.address.specPath))
                usable = false;
            // Sorted by address: a directory's targets are one run.
            if (!run || t.address.specPath != runDir) {
                runDir = t.address.specPath;
                run = &previousTargets[runDir];
            }
            run->push_back(int(i));
        }
        if (!usable) {
            previousDirs.clear();
            previousTargets.clear();
            changedDirs.clear();
        }
    }
    const bool partial = !previousDirs.empty();

    // Evaluate directories level by level.
    std::vector<std::vector<std::string>> levels;
    for (const auto &[dir, list] : buildFilesByDir) {
        const int depth = depthOf(dir);
        if (int(levels.size()) <= depth)
            levels.resize(size_t(depth) + 1);
        levels[size_t(depth)].push_back(dir);
    }
    struct DirSlot {
        std::unique_ptr<DirState> state;
        DirSlot *parent = nullptr;           // nearest ancestor with BUILD files (map nodes stay put)
        Mode mode = Mode::Evaluate;
        bool defaultsMoved = false;          // descendants inherit other __defaults__ than before
    };
    std::map<std::string, DirSlot> states;
    for (const auto &[dir, list] : buildFilesByDir) {
        DirSlot slot;
        slot.state = std::make_unique<DirState>();
        slot.state->shared = &shared;
        slot.state->dir = dir;
        slot.mode = partial && !changedDirs.count(dir) ? Mode::Reuse : Mode::Evaluate;
        std::string parent = dir;
        while (!parent.empty()) {
            parent = std::string(base::dirName(parent));
            auto it = states.find(parent); // ancestors sort first
            if (it != states.end()) {
                slot.parent = &it->second;
                break;
            }
        }
        states.emplace(dir, std::move(slot));
    }
    // The ancestors of a changed directory run again for the __defaults__ it inherits.
    for (const std::string &dir : changedDirs)
        for (DirSlot *p = states.at(dir).parent; p; p = p->parent)
            if (p->mode == Mode::Reuse)
                p->mode = Mode::DefaultsOnly;
    const auto emptyDefaults = std::make_shared<const DefaultsMap>();
    const int evalThreads = request.threads > 0 ? request.threads : std::max(1, QThread::idealThreadCount());
    std::atomic<int> done{0};
    int total = 0;
    std::vector<std::vector<std::string>> work(levels.size());
    const auto evaluateDirectory = [&](const std::string &dir) {
        if (request.cancel.isCancelled())
            return;
        DirSlot &slot = states.at(dir);
        DirState &s = *slot.state;
        const auto inherited = s.defaults;
        DirState::current() = &s;
        for (const std::string &file : buildFilesByDir.at(dir)) {
            auto text = base::readFile(files.absolutePath(file));
            if (!text) {
                s.diagnostics.push_back(base::Diagnostic::error({file}, "cannot read BUILD file"));
                continue;
            }
            const size_t before = s.adaptors.size();
            const auto defaultsBefore = s.defaults;
            const buildlang::FileResult r = buildlang::evaluateBuildFile(*prelude, file, *text, &s, limits);
            for (const auto &d : r.diagnostics)
                s.diagnostics.push_back(d);
            if (!r.ok()) {
                // A failed file declares nothing (as in Pants).
                s.adaptors.resize(before);
                s.defaults = defaultsBefore;
            }
            s.texts.emplace(file, std::move(*text));
        }
        if (slot.mode == Mode::Evaluate) {
            buildTargets(s);
            const DirectoryLoad *old = partial ? previousDirs.at(dir) : nullptr;
            slot.defaultsMoved = partial && (s.defaults != inherited || (old && old->setsDefaults)
                                             || (slot.parent && slot.parent->defaultsMoved));
            report("Reading BUILD files", ++done, total);
        }
        DirState::current() = nullptr;
    };
    report("Reading BUILD files", 0, int(buildFilesByDir.size()));
    for (size_t depth = 0; depth < levels.size(); ++depth) {
        if (request.cancel.isCancelled())
            break;
        std::vector<std::string> &level = work[depth];
        for (const std::string &dir : levels[depth]) {
            DirSlot &slot = states.at(dir);
            // A directory below one whose __defaults__ may have moved runs again.
            if (slot.mode != Mode::Evaluate && slot.parent && slot.parent->defaultsMoved)
                slot.mode = Mode::Evaluate;
            if (slot.mode == Mode::Reuse)
                continue;
            // Inherit defaults from the nearest ancestor with BUILD files (already final).
            slot.state->defaults = slot.parent ? slot.parent->state->defaults : emptyDefaults;
            level.push_back(dir);
            if (slot.mode == Mode::Evaluate)
                ++total;
        }
        // On the shared pool, whose threads stay: the targets they allocate outlive the load.
        std::atomic<size_t> next{0};
        base::runParallel(std::min(evalThreads, int(level.size())), [&] {
            for (size_t i = next++; i < level.size(); i = next++)
                evaluateDirectory(level[i]);
        });
    }
    if (request.cancel.isCancelled())
        ws->m_cancelled = true;

    // Collect, in path order: evaluated directories from their states, the others from
    // the earlier load.
    report("Indexing targets", 0, 0);
    size_t count = 0;
    for (const auto &[dir, slot] : states)
        count += slot.mode == Mode::Evaluate ? slot.state->targets.size() : previousTargets[dir].size();
    TargetList::Storage &targets = ws->m_targets.items();
    targets.reserve(count + 2 * resolves.size());
    ws->m_directoryLoads.reserve(states.size());
    ws->m_log = std::move(shared.log);
    std::set<std::string> inputs = std::move(shared.inputs);
    std::map<std::string, std::optional<std::string>> environmentReads = std::move(shared.environmentReads);
    std::set<std::string> reportedOnce;
    // Where each target came from (see previousIndex()), kept beside m_targets until sorted.
    std::vector<int> origin;
    if (partial)
        origin.reserve(count + 2 * resolves.size());
    std::vector<size_t> runStarts; // where each directory's targets begin in `targets`
    runStarts.reserve(states.size());
    for (auto &[dir, slot] : states) {
        DirState &s = *slot.state;
        runStarts.push_back(targets.size());
        if (slot.mode == Mode::Evaluate) {
            DirectoryLoad dl;
            dl.dir = dir;
            dl.diagnostics = std::move(s.diagnostics);
            for (const auto &[index, key] : s.reportedOnce)
                dl.reportedOnce.emplace_back(std::uint32_t(index), key);
            dl.log = std::move(s.log);
            dl.inputs.assign(s.inputs.begin(), s.inputs.end());
            dl.environmentReads.assign(s.environmentReads.begin(), s.environmentReads.end());
            dl.setsDefaults = s.defaults != (slot.parent ? slot.parent->state->defaults : emptyDefaults);
            // In address order within the directory (the others come sorted from
            // `previous`), so that the whole list is sorted with one check below.
            const auto first = std::ptrdiff_t(targets.size());
            for (auto &t : s.targets)
                targets.push_back(std::make_shared<const Target>(std::move(t)));
            std::stable_sort(targets.begin() + first, targets.end(),
                             [](const auto &a, const auto &b) { return a->address < b->address; });
            if (partial)
                origin.resize(targets.size(), -1);
            if (s.hasDependenciesRules)
                ws->m_dependenciesRules[dir] = std::move(s.dependenciesRules);
            if (s.hasDependentsRules)
                ws->m_dependentsRules[dir] = std::move(s.dependentsRules);
            ws->m_directoryLoads.push_back(std::move(dl));
            ++ws->m_directoriesEvaluated;
        } else {
            ws->m_directoryLoads.push_back(*previousDirs.at(dir));
            for (int i : previousTargets[dir]) {
                targets.push_back(previous->m_targets.shared(size_t(i))); // shared, not copied
                origin.push_back(i);
            }
            if (auto it = previous->m_dependenciesRules.find(dir); it != previous->m_dependenciesRules.end())
                ws->m_dependenciesRules.insert(*it);
            if (auto it = previous->m_dependentsRules.find(dir); it != previous->m_dependentsRules.end())
                ws->m_dependentsRules.insert(*it);
        }
        const DirectoryLoad &dl = ws->m_directoryLoads.back();
        std::set<size_t> repeated; // reported by an earlier directory
        for (const auto &[index, key] : dl.reportedOnce)
            if (!reportedOnce.insert(key).second)
                repeated.insert(index);
        for (size_t i = 0; i < dl.diagnostics.size(); ++i)
            if (!repeated.count(i))
                ws->m_diagnostics.push_back(dl.diagnostics[i]);
        ws->m_log.insert(ws->m_log.end(), dl.log.begin(), dl.log.end());
        inputs.insert(dl.inputs.begin(), dl.inputs.end());
        for (const auto &[name, value] : dl.environmentReads)
            environmentReads[name] = value;
    }
    const size_t collected = targets.size();
    dropFirstPartyNodePackages(targets);
    if (targets.size() != collected) {
        origin.clear(); // node packages dropped: origins no longer line up
        runStarts.clear();
    }
    ws->m_loadInputs.assign(inputs.begin(), inputs.end());
    ws->m_environmentReads.assign(environmentReads.begin(), environmentReads.end());

    const size_t declared = targets.size(); // those of BUILD files, before the ones made here
    // Synthetic lockfile targets (spec §4.6).
    if (shared.settings.enableResolves && opts.boolean("python", "enable_lockfile_targets", true)
        && registry.find("_lockfiles")) {
        // Only an address named `_<resolve>_lockfile` can clash with one made here.
        std::set<Address> existing;
        for (const Target &t : ws->m_targets)
            if (t.address.targetName.starts_with('_') && t.address.targetName.ends_with("_lockfile"))
                existing.insert(t.address);
        const TargetType *genType = registry.find("_lockfiles");
        const TargetType *fileType = registry.find("_lockfile");
        for (const auto &[name, pathValue] : resolves) {
            if (!pathValue.isString())
                continue;
            std::string path = pathValue.str();
            if (path.starts_with("%(buildroot)s/"))
                path = path.substr(14);
            if (path.starts_with(opts.buildRoot() + "/"))
                path = path.substr(opts.buildRoot().size() + 1);
            Target gen;
            gen.address.specPath = std::string(base::dirName(path));
            gen.address.targetName = "_" + name + "_lockfile";
            gen.type = genType->alias;
            gen.isGenerator = true;
            gen.resolve = name;
            auto field = [](const char *alias, HostValue v, bool isDefault) {
                Field f;
                f.alias = alias;
                f.value = std::move(v);
                f.isDefault = isDefault;
                return f;
            };
            gen.fields = {field("description", {}, true),
                          field("sources", HostValue::tuple({HostValue::string(std::string(base::baseName(path)))}), false),
                          field("tags", {}, true)};
            Target file;
            file.address = gen.address;
            file.address.relativeFilePath = std::string(base::baseName(path));
            file.type = fileType->alias;
            file.resolve = name;
            file.fields = {field("description", {}, true), field("resolve", HostValue::string(name), false),
                           field("source", HostValue::string(std::string(base::baseName(path))), false),
                           field("tags", {}, true)};
            const bool exists = files.contains(path);
            if (exists) {
                gen.sources = {path};
                file.sources = {path};
                gen.generated = {file.address};
            }
            if (!existing.count(gen.address))
                targets.push_back(std::make_shared<const Target>(std::move(gen)));
            if (exists && !existing.count(file.address))
                targets.push_back(std::make_shared<const Target>(std::move(file)));
        }
    }

    // Sort the pointers by address, stably (a duplicate keeps its order). Each directory's
    // targets arrive sorted, and all of them share its path: ordering the directories
    // (by component, as addresses compare, not as the path strings do) normally leaves
    // only the lockfile targets made here to merge in.
    {
        auto less = [&targets](std::uint32_t a, std::uint32_t b) { return targets[a]->address < targets[b]->address; };
        std::vector<std::pair<std::uint32_t, std::uint32_t>> runs; // [begin, end) per directory
        for (size_t k = 0; k < runStarts.size(); ++k) {
            const size_t end = k + 1 < runStarts.size() ? runStarts[k + 1] : declared;
            if (end > runStarts[k])
                runs.emplace_back(std::uint32_t(runStarts[k]), std::uint32_t(end));
        }
        std::stable_sort(runs.begin(), runs.end(), [&](const auto &a, const auto &b) { return less(a.first, b.first); });
        std::vector<std::uint32_t> order;
        order.reserve(targets.size());
        for (const auto &[begin, end] : runs)
            for (std::uint32_t i = begin; i < end; ++i)
                order.push_back(i);
        if (order.size() != declared) { // no runs (node packages dropped): every target in turn
            order.resize(declared);
            for (std::uint32_t i = 0; i < declared; ++i)
                order[i] = i;
        }
        for (std::uint32_t i = std::uint32_t(declared); i < targets.size(); ++i)
            order.push_back(i);
        const auto middle = order.begin() + std::ptrdiff_t(declared);
        if (std::is_sorted(order.begin(), middle, less)) {
            std::stable_sort(middle, order.end(), less);
            std::inplace_merge(order.begin(), middle, order.end(), less);
        } else {
            std::stable_sort(order.begin(), order.end(), less);
        }
        TargetList::Storage sorted;
        sorted.reserve(order.size());
        for (std::uint32_t i : order)
            sorted.push_back(std::move(targets[i]));
        targets = std::move(sorted);
        if (!origin.empty()) {
            origin.resize(order.size(), -1); // the lockfile targets made here
            ws->m_previousIndex.reserve(order.size());
            for (std::uint32_t i : order)
                ws->m_previousIndex.push_back(origin[i]);
        }
    }
    ws->buildIndex();
    report("Indexing targets", 1, 1);
    return std::shared_ptr<const Workspace>(ws);
}

} // namespace trellis::workspace
