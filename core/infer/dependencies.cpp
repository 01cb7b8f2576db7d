// How dependencies are resolved
//
// resolveDependencies turns a loaded Workspace into one dependency list per target, the
// way Pants' `dependencies` rule does (spec §5):
//
//  1. Scan. Every file owned by a target with a Python source field is scanned once with
//     ImportScanner, in parallel. A ScanCache keyed by (path, size, mtime) answers warm
//     loads without reading the file; when the metadata changed, the content hash decides
//     whether the cached result still holds.
//  2. Providers. Per resolve (one shared resolve when [python].enable_resolves is off),
//     a first-party table (module of each Python file -> its targets, `.pyi` = stub) and
//     a third-party table (modules of each python_requirement, chosen by `modules`,
//     `type_stub_modules`, the generator's mappings, then ModuleMapping's built-in rules).
//  3. Owners. Each import is looked up with ancestry: third-party providers of the module
//     or its nearest ancestor that has any, first-party providers of the module or its
//     direct parent. Per kind (impl / stub) only the closest candidates stay; then
//     ambiguity_resolution=by_source_root, explicit includes, `!` exclusions. What stays
//     unambiguous becomes an Inferred edge carrying the import as Evidence; what is left
//     unowned is reported once per target (§5.7) unless it is stdlib, weak or ignored.
//  4. Rules without imports: __init__.py ancestors (init_files), conftest.py for tests,
//     entry points of pex_binary / python_distribution, generator -> generated, and
//     requirement -> requirements-file helper / lockfile target.
//  5. Explicit `dependencies` are merged in unexpanded; `!addr` removes an address (and
//     the targets it generates) from the explicit and inferred sets, `!!addr` also lands in
//     transitiveExcludes. Each list is sorted by target index and deduplicated, keeping the
//     strongest kind (Explicit > Inferred > the rest) and all evidence.
//
// The scan and the per-target pass (3-5) run on several threads (InferenceRequest::threads).
// The pass reads shared tables only: the per-directory source roots and __init__ files
// are computed before it, each target writes its own row, and each chunk of targets keeps
// its own diagnostics. Chunks are merged in target order, and a diagnostic reported once
// per run (an unowned conftest.py) is kept from its first reporter, so the result is the
// same as a serial pass, whatever the thread count.

#include "core/infer/dependencies.h"

#include "core/base/glob.h"
#include "core/base/paths.h"
#include "core/base/spell.h"
#include "core/base/workerpool.h"
#include "core/infer/contenthash.h"
#include "core/infer/importscanner.h"
#include "core/infer/modulemapping.h"
#include "core/infer/scancache.h"
#include "core/infer/stdlibmodules.h"
#include "core/workspace/backendtables_p.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fcntl.h>
#include <map>
#include <mutex>
#include <set>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <unordered_map>
#include <unordered_set>

namespace trellis::infer {

using workspace::Address;
using workspace::Target;
using workspace::Workspace;

const char *edgeKindName(EdgeKind k)
{
    switch (k) {
    case EdgeKind::Explicit: return "explicit";
    case EdgeKind::Inferred: return "inferred";
    case EdgeKind::Generated: return "generated";
    case EdgeKind::Conftest: return "conftest";
    case EdgeKind::InitFile: return "init-file";
    case EdgeKind::EntryPoint: return "entry-point";
    case EdgeKind::Requirement: return "requirement";
    }
    return "unknown";
}

namespace {

constexpr const char *kTroubleshootingUrl =
    "https://www.pantsbuild.org/2.32/docs/using-pants/troubleshooting-common-issues#import-errors-and-missing-dependencies";

enum class InitFiles { Always, ContentOnly, Never };
enum class Unowned { Ignore, Warning, Error };

/// [python-infer] and [python] options that inference reads (spec §5.1).
struct Settings {
    bool imports = true;
    bool stringImports = false;
    int stringImportsMinDots = 2;
    std::vector<std::string> stringImportIgnore;
    bool assets = false;
    int assetsMinSlashes = 1;
    InitFiles initFiles = InitFiles::ContentOnly;
    bool conftests = true;
    bool entryPoints = true;
    Unowned unowned = Unowned::Warning;
    bool bySourceRoot = false;
    std::vector<std::string> ignoredUnowned;
    bool enableResolves = false;
    bool lockfileTargets = true;
    std::string defaultResolve = "python-default";

    explicit Settings(const workspace::Options &o)
    {
        const char *s = "python-infer";
        imports = o.boolean(s, "imports", true);
        stringImports = o.boolean(s, "string_imports", false);
        stringImportsMinDots = int(o.integer(s, "string_imports_min_dots", 2));
        stringImportIgnore = o.list(s, "string_import_ignore");
        assets = o.boolean(s, "assets", false);
        assetsMinSlashes = int(o.integer(s, "assets_min_slashes", 1));
        const std::string init = o.string(s, "init_files", "content_only");
        initFiles = init == "always" ? InitFiles::Always : init == "never" ? InitFiles::Never : InitFiles::ContentOnly;
        conftests = o.boolean(s, "conftests", true);
        entryPoints = o.boolean(s, "entry_points", true);
        const std::string behaviour = o.string(s, "unowned_dependency_behavior", "warning");
        unowned = behaviour == "error" ? Unowned::Error : behaviour == "ignore" ? Unowned::Ignore : Unowned::Warning;
        bySourceRoot = o.string(s, "ambiguity_resolution", "none") == "by_source_root";
        ignoredUnowned = o.list(s, "ignored_unowned_imports");
        enableResolves = o.boolean("python", "enable_resolves", false);
        lockfileTargets = o.boolean("python", "enable_lockfile_targets", true);
        defaultResolve = o.string("python", "default_resolve", "python-default");
    }
};

struct Provider {
    int target;
    bool stub;
};

/// std::hash over string views, so that tables keyed by std::string can be searched
/// with a view (a module's ancestor, a directory) without building a string.
struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

template <typename T>
using StringMap = std::unordered_map<std::string, T, StringHash, std::equal_to<>>;

/// Module -> providers, for one resolve.
struct ProviderTable {
    StringMap<std::vector<Provider>> firstParty;
    StringMap<std::vector<Provider>> thirdParty;
    /// The first component of every thirdParty key: a module whose top-level package is
    /// not here has no third-party provider, nor has any of its ancestors.
    std::unordered_set<std::string, StringHash, std::equal_to<>> thirdPartyRoots;
};

struct Candidate {
    int target;
    bool stub;
    int ancestry;
};

std::vector<std::string> stringsOf(const workspace::HostValue &v)
{
    std::vector<std::string> out;
    if (v.isString())
        out.push_back(v.str());
    for (const auto &item : v.items())
        if (item.isString())
            out.push_back(item.str());
    return out;
}

bool isIdentifier(std::string_view s)
{
    if (s.empty() || (s[0] >= '0' && s[0] <= '9'))
        return false;
    for (char c : s) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        if (!ok)
            return false;
    }
    return true;
}

double msSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

/// Common leading path components of two '/'-separated paths ("" = root).
int commonPrefixComponents(std::string_view a, std::string_view b)
{
    int n = 0;
    while (!a.empty() && !b.empty()) {
        const size_t sa = a.find('/'), sb = b.find('/');
        if (a.substr(0, sa) != b.substr(0, sb))
            break;
        ++n;
        a = sa == std::string_view::npos ? std::string_view{} : a.substr(sa + 1);
        b = sb == std::string_view::npos ? std::string_view{} : b.substr(sb + 1);
    }
    return n;
}

/// Reads a file and its stamp with one open; nullopt when unreadable.
std::optional<std::string> readWithStamp(const std::string &path, FileStamp *stamp)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    struct stat st;
    if (::fstat(fd, &st) != 0) {
        ::close(fd);
        return std::nullopt;
    }
    *stamp = {std::int64_t(st.st_size), std::int64_t(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec};
    std::string data;
    data.resize(size_t(st.st_size));
    size_t got = 0;
    while (got < data.size()) {
        const ssize_t n = ::read(fd, data.data() + got, data.size() - got);
        if (n <= 0)
            break;
        got += size_t(n);
    }
    ::close(fd);
    data.resize(got);
    return data;
}

/// Dependencies of one target while they are being collected.
struct EdgeSet {
    std::map<int, Dependency> edges;

    void add(int target, EdgeKind kind, const base::SourceLocation &declaredAt = {}, Evidence *evidence = nullptr)
    {
        auto [it, inserted] = edges.try_emplace(target);
        Dependency &d = it->second;
        if (inserted) {
            d.target = target;
            d.kind = kind;
        } else if (int(kind) < int(d.kind)) {
            d.kind = kind;
        }
        if (kind == EdgeKind::Explicit && !d.declaredAt.isValid())
            d.declaredAt = declaredAt;
        if (evidence)
            d.evidence.push_back(std::move(*evidence));
    }
};

/// What one chunk of the per-target pass reports, in the order the serial pass would:
/// diagnostics, who reported each, and per diagnostic the key under which only the first
/// reporter of the whole run keeps it ("" = always kept). Chunks are merged in target
/// order (Resolver::run), so the result does not depend on how the pass was split.
struct Reports {
    base::Diagnostics diagnostics;
    std::vector<DiagnosticOrigin> origins;
    std::vector<std::string> onceKeys;
    std::set<std::string> reportedOnce; // keys seen in this chunk

    void add(base::Diagnostic d, std::string onceKey = {})
    {
        diagnostics.push_back(std::move(d));
        onceKeys.push_back(std::move(onceKey));
    }
    /// Whether `key` has not been reported in this chunk yet (and is now).
    bool firstInChunk(const std::string &key) { return reportedOnce.insert(key).second; }
    /// Tags the diagnostics reported since the last call with (target, step).
    void tag(int ti, int step)
    {
        while (origins.size() < diagnostics.size())
            origins.push_back({ti, step});
    }
};

/// The whole computation; see the essay above.
class Resolver {
public:
    Resolver(const InferenceRequest &request, const Workspace &ws)
        : m_request(request), m_ws(ws), m_targets(ws.targets()), m_settings(ws.options())
    {
    }
    InferenceResult run();

private:
    /// The target's resolve ("" when resolves are off). A reference, as this is asked
    /// for every candidate owner of every import.
    const std::string &resolveOf(const Target &t) const
    {
        if (!m_settings.enableResolves)
            return m_noResolve;
        return t.resolve.empty() ? m_settings.defaultResolve : t.resolve;
    }
    /// SourceRoots::rootOf for a file, from the per-directory table prepareDirectories()
    /// filled (every file of a directory has the same root, and most directories hold
    /// many files).
    const std::optional<std::string> &rootOfFile(std::string_view file) const
    {
        return m_rootByDir.find(base::dirName(file))->second;
    }
    /// The qualifying `__init__.py(i)` files directly in `dir` (inferInitFiles), from the
    /// table prepareDirectories() filled.
    struct InitFile {
        std::string_view path;          // key in Workspace::m_owners
        const std::vector<int> *owners; // its owners; not owned
    };
    const std::vector<InitFile> &initFilesIn(std::string_view dir) const { return m_initFilesByDir.find(dir)->second; }
    std::vector<InitFile> findInitFiles(std::string_view dir) const;
    /// Fills m_rootByDir and m_initFilesByDir for the directories of `order`'s sources and
    /// their ancestors, so that the per-target pass only reads them.
    void prepareDirectories(const std::vector<int> &order);
    /// The per-target pass over order[begin, end): dependencies into m_result (each
    /// target's own row), diagnostics into `reports`. Reads shared state only.
    void resolveTargets(const std::vector<int> &order, size_t begin, size_t end,
                        const std::unordered_map<int, std::vector<int>> &helpersByGenerator,
                        const std::map<std::string, std::vector<int>> &lockfilesByResolve, Reports &reports);
    int indexOf(const Address &a) const
    {
        auto it = m_ws.m_index.find(workspace::Workspace::AddressRef{&a});
        return it == m_ws.m_index.end() ? -1 : it->second;
    }
    const std::vector<int> &ownersOf(const std::string &path) const
    {
        static const std::vector<int> none;
        auto it = m_ws.m_owners.find(path);
        return it == m_ws.m_owners.end() ? none : it->second;
    }
    bool scan();
    void buildProviders();
    std::vector<Candidate> lookup(const std::string &resolve, std::string_view module) const;
    std::vector<Candidate> lookup(const ProviderTable *table, std::string_view module) const;
    /// The provider table of a resolve (nullptr: no target provides anything in it).
    const ProviderTable *providersOf(const std::string &resolve) const
    {
        auto it = m_providers.find(resolve);
        return it == m_providers.end() ? nullptr : &it->second;
    }
    /// Candidates narrowed per kind to the closest ancestry (and by source root).
    std::vector<Candidate> narrow(std::vector<Candidate> cands, const std::string &importerRoot) const;
    void inferImports(int ti, EdgeSet &edges, Reports &reports) const;
    void inferInitFiles(int ti, EdgeSet &edges) const;
    void inferConftests(int ti, EdgeSet &edges, Reports &reports) const;
    void inferEntryPoints(int ti, EdgeSet &edges) const;
    /// Adds an EntryPoint edge for a module (or `path/file.py`) entry point.
    void entryPointModule(int ti, std::string module, EdgeSet &edges) const;
    void explicitDependencies(int ti, EdgeSet &edges, Reports &reports) const;
    base::SourceLocation fieldLocation(const Target &t, std::string_view field) const;
    std::string didYouMean(const Address &missing) const;
    /// For an address no target has: the target Pants resolves it to anyway, or -1.
    /// `gen#x` / `dir/f.py:gen` of a non-generator target is that target (Pants'
    /// accommodation, pantsbuild/pants#14419); of an opaque generator (its table says it
    /// generates targets but Trellis cannot list them, or an in-repo plugin type), also the
    /// generator, and `opaque` is set. Parameters Trellis does not know on an opaque
    /// generator are dropped the same way. `dir/f.txt:gen#x` is the file target
    /// `dir/f.txt:gen`, as Pants drops the generated part of a file address.
    int standIn(const Address &missing, bool &opaque) const;

    const InferenceRequest &m_request;
    const Workspace &m_ws;
    const workspace::TargetList &m_targets;
    Settings m_settings;
    InferenceResult m_result;

    std::vector<std::string> m_files;                      // scanned files
    std::unordered_map<std::string, int> m_fileIndex;      // file -> index in m_files
    std::vector<ScanResult> m_scans;                       // per file
    std::vector<int> m_generatorIndex;                     // per target: its generator, or -1
    std::map<std::string, ProviderTable> m_providers;      // per resolve
    std::vector<std::set<int>> m_excluded;                 // per target: `!`/`!!` targets
    std::vector<std::set<int>> m_included;                 // per target: explicit includes
    std::set<std::string> m_reportedNoRoot;
    const std::string m_noResolve;                          // resolveOf() with resolves off
    StringMap<std::optional<std::string>> m_rootByDir;     // rootOfFile()'s table
    StringMap<std::vector<InitFile>> m_initFilesByDir;      // initFilesIn()'s table
    mutable base::SharedStringPool m_evidenceStrings;       // the modules of Evidence, one object each
    mutable std::mutex m_didYouMeanMutex;                   // the pass runs on several threads
    mutable std::unordered_map<std::string, std::string> m_didYouMean; // didYouMean() answers
};

bool Resolver::scan()
{
    std::set<std::string> unique;
    if (!m_request.onlyTargets.empty()) {
        for (int i : m_request.onlyTargets)
            if (i >= 0 && size_t(i) < m_targets.size() && m_targets[size_t(i)].hasPythonSource()
                && !m_targets[size_t(i)].sources.empty())
                unique.insert(m_targets[size_t(i)].sources.front());
        // init_files = "content_only" asks whether the __init__ files in the redone
        // targets' directories and their ancestors are empty (findInitFiles); no other
        // row reads a scan. Only those are read, not every __init__ file of the repository.
        const auto tree = m_ws.files();
        std::set<std::string, std::less<>> dirs;
        for (int i : m_request.onlyTargets) {
            if (i < 0 || size_t(i) >= m_targets.size() || !m_targets[size_t(i)].hasPythonSource()
                || m_targets[size_t(i)].sources.empty())
                continue;
            std::string_view dir = base::dirName(m_targets[size_t(i)].sources.front());
            while (dirs.insert(std::string(dir)).second && !dir.empty())
                dir = base::dirName(dir);
        }
        for (const std::string &dir : dirs)
            for (const char *name : {"__init__.py", "__init__.pyi"})
                if (std::string path = base::joinPath(dir, name); !tree || tree->contains(path))
                    unique.insert(std::move(path));
    } else {
        for (const Target &t : m_targets)
            if (t.hasPythonSource() && !t.sources.empty())
                unique.insert(t.sources.front());
    }
    m_files.assign(unique.begin(), unique.end());
    for (size_t i = 0; i < m_files.size(); ++i)
        m_fileIndex.emplace(m_files[i], int(i));
    m_scans.resize(m_files.size());

    std::string dir = m_request.cacheDir;
    if (dir.empty())
        dir = base::cacheDir() + "/scan";
    // A partial run (a few edited files and the __init__ files) reads fewer bytes than
    // the cache file holds: it scans them directly and leaves the cache as it is (an
    // entry whose stamp moved is re-checked by content next time).
    const bool partial = !m_request.onlyTargets.empty();
    ScanCache cache(dir == "-" || partial ? std::string() : dir, m_ws.buildRoot());
    const auto tree = m_ws.files();
    const std::string root = m_ws.buildRoot();

    std::atomic<size_t> next{0};
    std::atomic<int> scanned{0}, hits{0}, done{0};
    const int total = int(m_files.size());
    auto work = [&] {
        for (;;) {
            const size_t i = next.fetch_add(1);
            if (i >= m_files.size() || m_request.cancel.isCancelled())
                return;
            const std::string &rel = m_files[i];
            const std::string abs = tree ? tree->absolutePath(rel) : base::joinPath(root, rel);
            // A file the cache has never seen is read straight away (a cold start).
            const ScanResult *hit = cache.contains(rel) ? cache.find(rel, statFile(abs)) : nullptr;
            if (hit) {
                m_scans[i] = *hit;
                ++hits;
            } else {
                FileStamp readStamp;
                if (auto bytes = readWithStamp(abs, &readStamp)) {
                    const std::uint64_t hash = cache.enabled() ? contentHash(*bytes) : 0;
                    if (const ScanResult *same = cache.findContent(rel, hash)) {
                        m_scans[i] = *same;
                        ++hits;
                    } else {
                        m_scans[i] = ImportScanner::scan(*bytes);
                        ++scanned;
                    }
                    if (cache.enabled())
                        cache.insert(rel, readStamp, hash, m_scans[i]);
                }
            }
            const int d = ++done;
            if (m_request.progress && (d % 512 == 0 || d == total))
                m_request.progress("Scanning imports", d, total);
        }
    };
    int threads = m_request.threads > 0 ? m_request.threads : int(std::thread::hardware_concurrency());
    threads = std::clamp(threads, 1, std::max(1, int(m_files.size() / 64)));
    base::runParallel(threads, work);

    m_result.stats.filesScanned = scanned.load();
    m_result.stats.cacheHits = hits.load();
    if (m_request.cancel.isCancelled())
        return false;
    if (partial)
        return true;
    if (auto saved = cache.save(); !saved)
        for (const base::Diagnostic &d : saved.diagnostics())
            m_result.diagnostics.push_back(d);
    return true;
}

void Resolver::buildProviders()
{
    const auto &roots = m_ws.sourceRoots();
    for (size_t i = 0; i < m_targets.size(); ++i) {
        const Target &t = m_targets[i];
        if (t.hasPythonSource() && !t.sources.empty()) {
            const std::string &file = t.sources.front();
            if (auto module = roots.moduleName(file)) {
                m_providers[resolveOf(t)].firstParty[*module].push_back({int(i), file.ends_with(".pyi")});
            } else if (!roots.rootOf(file) && m_reportedNoRoot.insert(file).second) {
                m_result.diagnostics.push_back(base::Diagnostic::error(
                    {file}, "No source root found for `" + file + "`. See "
                                "https://www.pantsbuild.org/2.32/docs/using-pants/key-concepts/source-roots for how to "
                                "define source roots."));
            }
        }
        if (t.type != "python_requirement")
            continue;
        ProvidedModules provided;
        auto fieldStrings = [&](const Target &target, const char *alias) {
            const workspace::Field *f = target.field(alias);
            return f ? stringsOf(f->value) : std::vector<std::string>{};
        };
        std::vector<std::string> modules = fieldStrings(t, "modules");
        std::vector<std::string> stubs = fieldStrings(t, "type_stub_modules");
        std::vector<std::string> projects;
        for (const std::string &req : fieldStrings(t, "requirements"))
            if (std::string name = projectNameOf(req); !name.empty())
                projects.push_back(std::move(name));
        if (projects.empty() && !t.address.generatedName.empty())
            projects.push_back(t.address.generatedName);
        if (modules.empty() && stubs.empty() && m_generatorIndex[i] >= 0) {
            // The generator's module_mapping / type_stubs_module_mapping (normalized keys).
            const Target &gen = m_targets[size_t(m_generatorIndex[i])];
            for (const std::string &project : projects) {
                const std::string norm = normalizeProjectName(project);
                auto fromMapping = [&](const char *alias, std::vector<std::string> &into) {
                    if (const workspace::Field *f = gen.field(alias))
                        for (const auto &[k, v] : f->value.entries())
                            if (k.isString() && normalizeProjectName(k.str()) == norm)
                                for (std::string &m : stringsOf(v))
                                    into.push_back(std::move(m));
                };
                fromMapping("module_mapping", modules);
                if (modules.empty())
                    fromMapping("type_stubs_module_mapping", stubs);
            }
        }
        ProviderTable &table = m_providers[resolveOf(t)];
        auto add = [&](const std::vector<std::string> &mods, bool stub) {
            for (const std::string &m : mods)
                table.thirdParty[m].push_back({int(i), stub});
        };
        if (!modules.empty()) {
            add(modules, false);
        } else if (!stubs.empty()) {
            add(stubs, true);
        } else {
            for (const std::string &project : projects) {
                const ProvidedModules p = builtinModulesFor(project);
                add(p.modules, p.stub);
            }
        }
    }
    for (auto &[resolve, table] : m_providers)
        for (const auto &[module, providers] : table.thirdParty)
            table.thirdPartyRoots.emplace(module.substr(0, module.find('.')));
}

std::vector<Candidate> Resolver::lookup(const std::string &resolve, std::string_view module) const
{
    return lookup(providersOf(resolve), module);
}

std::vector<Candidate> Resolver::lookup(const ProviderTable *provided, std::string_view module) const
{
    std::vector<Candidate> out;
    if (!provided)
        return out;
    const ProviderTable &table = *provided;
    // Third party: the module or its nearest ancestor with any provider.
    std::string_view m = module;
    if (table.thirdPartyRoots.find(module.substr(0, module.find('.'))) == table.thirdPartyRoots.end())
        m = {};
    for (int ancestry = 0; !m.empty(); ++ancestry) {
        if (auto p = table.thirdParty.find(m); p != table.thirdParty.end()) {
            for (const Provider &prov : p->second)
                out.push_back({prov.target, prov.stub, ancestry});
            break;
        }
        const size_t dot = m.rfind('.');
        if (dot == std::string_view::npos)
            break;
        m = m.substr(0, dot);
    }
    // First party: the module, else its direct parent.
    if (auto p = table.firstParty.find(module); p != table.firstParty.end()) {
        for (const Provider &prov : p->second)
            out.push_back({prov.target, prov.stub, 0});
    } else if (const size_t dot = module.rfind('.'); dot != std::string_view::npos) {
        if (auto q = table.firstParty.find(module.substr(0, dot)); q != table.firstParty.end())
            for (const Provider &prov : q->second)
                out.push_back({prov.target, prov.stub, 1});
    }
    return out;
}

std::vector<Candidate> Resolver::narrow(std::vector<Candidate> cands, const std::string &importerRoot) const
{
    if (cands.size() <= 1)
        return cands; // most imports: nothing to narrow
    std::vector<Candidate> out;
    for (bool stub : {false, true}) {
        int best = INT32_MAX;
        for (const Candidate &c : cands)
            if (c.stub == stub)
                best = std::min(best, c.ancestry);
        std::vector<Candidate> kind;
        for (const Candidate &c : cands)
            if (c.stub == stub && c.ancestry == best
                && std::none_of(kind.begin(), kind.end(), [&](const Candidate &k) { return k.target == c.target; }))
                kind.push_back(c);
        if (m_settings.bySourceRoot && kind.size() > 1) {
            int longest = -1;
            for (const Candidate &c : kind)
                longest = std::max(longest, commonPrefixComponents(m_targets[size_t(c.target)].address.specPath, importerRoot));
            std::erase_if(kind, [&](const Candidate &c) {
                return commonPrefixComponents(m_targets[size_t(c.target)].address.specPath, importerRoot) != longest;
            });
        }
        out.insert(out.end(), kind.begin(), kind.end());
    }
    return out;
}

void Resolver::inferImports(int ti, EdgeSet &edges, Reports &reports) const
{
    const Target &t = m_targets[size_t(ti)];
    const std::string &file = t.sources.front();
    auto fi = m_fileIndex.find(file);
    if (fi == m_fileIndex.end())
        return;
    const ScanResult &scan = m_scans[size_t(fi->second)];
    const base::SharedString evidenceFile(file); // one object for every edge of this file
    const std::string &resolve = resolveOf(t);
    const ProviderTable *provided = providersOf(resolve);
    const std::optional<std::string> &root = rootOfFile(file);
    const std::string rootDir = root.value_or(std::string());
    std::string_view stripped = file;
    if (root && !root->empty() && stripped.size() > root->size() && stripped.starts_with(*root)
        && stripped[root->size()] == '/')
        stripped.remove_prefix(root->size() + 1);
    const std::string strippedDir(base::dirName(stripped));

    // module -> (line, weak), relative imports resolved; string imports added as weak.
    std::map<std::string, std::pair<int, bool>> imports;
    if (m_settings.imports) {
        for (const RawImport &imp : scan.imports) {
            std::string module = resolveRelativeImport(imp.module, strippedDir);
            auto [it, inserted] = imports.try_emplace(std::move(module), imp.line, imp.weak);
            if (!inserted) {
                it->second.first = std::min(it->second.first, imp.line);
                it->second.second = it->second.second && imp.weak;
            }
        }
    }
    if (m_settings.stringImports) {
        for (const StringLiteral &s : scan.strings) {
            const std::string_view text = s.text;
            int dots = 0;
            bool ok = true;
            for (size_t start = 0; ok && start <= text.size();) {
                size_t dot = text.find('.', start);
                if (dot == std::string_view::npos)
                    dot = text.size();
                else
                    ++dots;
                ok = isIdentifier(text.substr(start, dot - start));
                start = dot + 1;
            }
            if (!ok || dots < m_settings.stringImportsMinDots)
                continue;
            if (std::any_of(m_settings.stringImportIgnore.begin(), m_settings.stringImportIgnore.end(),
                            [&](const std::string &p) { return base::wildcardMatch(p, text, base::GlobSyntax::Fnmatch); }))
                continue;
            imports.try_emplace(s.text, s.line, true);
        }
    }
    if (m_settings.assets) {
        for (const StringLiteral &s : scan.strings) {
            if (std::count(s.text.begin(), s.text.end(), '/') < m_settings.assetsMinSlashes)
                continue;
            // A buildroot-relative path, or one relative to the importer's source root.
            for (const std::string &path : {s.text, base::joinPath(rootDir, s.text)}) {
                for (int owner : ownersOf(path)) {
                    const std::string &type = m_targets[size_t(owner)].type;
                    if (type != "resource" && type != "file" && type != "resources" && type != "files")
                        continue;
                    Evidence ev{evidenceFile, s.line, m_evidenceStrings.intern(s.text), true};
                    edges.add(owner, EdgeKind::Inferred, {}, &ev);
                }
            }
        }
    }

    std::vector<std::pair<std::string, int>> unowned; // (module, line)
    for (const auto &[module, info] : imports) {
        const auto [line, weak] = info;
        std::vector<Candidate> cands = narrow(lookup(provided, module), rootDir);
        // A file never depends on itself; an import satisfied by itself is owned.
        const bool self = std::any_of(cands.begin(), cands.end(), [&](const Candidate &c) { return c.target == ti; });
        std::erase_if(cands, [&](const Candidate &c) { return c.target == ti; });
        int impls = 0, stubs = 0;
        for (const Candidate &c : cands)
            (c.stub ? stubs : impls) += 1;
        auto infer = [&](const Candidate &c) {
            Evidence ev{evidenceFile, line, m_evidenceStrings.intern(module), weak};
            edges.add(c.target, EdgeKind::Inferred, {}, &ev);
        };
        if (impls <= 1 && stubs <= 1) {
            if (cands.empty() && !self)
                unowned.emplace_back(module, line);
            for (const Candidate &c : cands)
                infer(c);
            continue;
        }
        // Ambiguous: explicit includes settle it; `!` exclusions may disambiguate.
        auto covered = [&](const std::set<int> &set, int target) {
            const int gen = m_generatorIndex[size_t(target)];
            return set.count(target) > 0 || (gen >= 0 && set.count(gen) > 0);
        };
        if (std::any_of(cands.begin(), cands.end(), [&](const Candidate &c) { return covered(m_included[size_t(ti)], c.target); }))
            continue;
        std::erase_if(cands, [&](const Candidate &c) { return covered(m_excluded[size_t(ti)], c.target); });
        if (cands.size() == 1) {
            infer(cands.front());
            continue;
        }
        if (cands.size() > 1) {
            std::vector<std::string> names;
            for (const Candidate &c : cands)
                names.push_back(m_targets[size_t(c.target)].address.toString());
            std::sort(names.begin(), names.end());
            names.erase(std::unique(names.begin(), names.end()), names.end());
            std::string list = "[";
            for (size_t k = 0; k < names.size(); ++k)
                list += (k ? ", '" : "'") + names[k] + "'";
            list += "]";
            const std::string addr = t.address.toString();
            reports.add(base::Diagnostic::warning(
                {file, line},
                "The target " + addr + " imports `" + module
                    + "`, but Pants cannot safely infer a dependency because more than one target owns this module, "
                      "so it is ambiguous which to use: "
                    + list + ".\n\nPlease explicitly include the dependency you want in the `dependencies` field of " + addr
                    + ", or ignore the ones you do not want by prefixing with `!` or `!!` so that one or no targets are "
                      "left.\n\nAlternatively, you can remove the ambiguity by deleting/changing some of the targets so "
                      "that only 1 target owns this module. Refer to "
                    + kTroubleshootingUrl + "."));
        }
        unowned.emplace_back(module, line);
    }

    // Unowned imports (§5.7): stdlib, weak and ignored ones are dropped silently.
    std::erase_if(unowned, [&](const std::pair<std::string, int> &u) {
        const std::string &m = u.first;
        if (imports[m].second)
            return true;
        if (isStdlibModule(std::string_view(m).substr(0, m.find('.'))))
            return true;
        return std::any_of(m_settings.ignoredUnowned.begin(), m_settings.ignoredUnowned.end(), [&](const std::string &p) {
            return m == p || (m.size() > p.size() && m.starts_with(p) && m[p.size()] == '.');
        });
    });
    if (unowned.empty() || m_settings.unowned == Unowned::Ignore)
        return;
    std::string msg = "Pants cannot infer owners for the following imports in the target " + t.address.toString() + ":\n\n";
    for (const auto &[module, line] : unowned)
        msg += "  * " + module + " (line: " + std::to_string(line) + ")\n";
    std::string others;
    if (m_settings.enableResolves) {
        for (const auto &[module, line] : unowned) {
            for (const auto &[otherResolve, table] : m_providers) {
                if (otherResolve == resolve)
                    continue;
                (void)table;
                std::vector<Candidate> c = narrow(lookup(otherResolve, module), rootDir);
                std::vector<std::string> addrs;
                for (const Candidate &cand : c)
                    addrs.push_back(m_targets[size_t(cand.target)].address.toString());
                std::sort(addrs.begin(), addrs.end());
                for (const std::string &a : addrs)
                    others += "  * " + module + ": '" + otherResolve + "' from " + a + "\n";
            }
        }
    }
    if (!others.empty())
        msg += "\nThese imports are not in the resolve used by the target (`" + resolve
            + "`), but they were present in other resolves:\n\n" + others;
    msg += "\nIf you do not expect an import to be inferable, add `# pants: no-infer-dep` to the import line. Otherwise, "
           "see ";
    msg += kTroubleshootingUrl;
    msg += " for common problems.";
    base::Diagnostic d = m_settings.unowned == Unowned::Error ? base::Diagnostic::error({file}, msg)
                                                              : base::Diagnostic::warning({file}, msg);
    reports.add(std::move(d));
}

std::vector<Resolver::InitFile> Resolver::findInitFiles(std::string_view dir) const
{
    std::vector<InitFile> found;
    const auto tree = m_ws.files();
    for (const char *name : {"__init__.py", "__init__.pyi"}) {
        const std::string path = base::joinPath(dir, name);
        if (tree && !tree->contains(path))
            continue;
        if (m_settings.initFiles == InitFiles::ContentOnly) {
            auto fi = m_fileIndex.find(path);
            if (fi == m_fileIndex.end() || !m_scans[size_t(fi->second)].hasContent)
                continue;
        }
        // A file nobody owns adds no edge, so only owned files are kept.
        if (auto owners = m_ws.m_owners.find(path); owners != m_ws.m_owners.end())
            found.push_back({owners->first, &owners->second});
    }
    return found;
}

void Resolver::prepareDirectories(const std::vector<int> &order)
{
    for (int ti : order) {
        if (ti < 0 || size_t(ti) >= m_targets.size())
            continue;
        const Target &t = m_targets[size_t(ti)];
        if (!t.hasPythonSource() || t.sources.empty())
            continue;
        const std::string &file = t.sources.front();
        std::string_view dir = base::dirName(file);
        if (m_rootByDir.find(dir) != m_rootByDir.end())
            continue; // and so are its ancestors' init files
        m_rootByDir.emplace(std::string(dir), m_ws.sourceRoots().rootOf(file));
        if (m_settings.initFiles == InitFiles::Never)
            continue;
        for (;;) {
            if (m_initFilesByDir.find(dir) != m_initFilesByDir.end())
                break; // its ancestors were done with it
            m_initFilesByDir.emplace(std::string(dir), findInitFiles(dir));
            if (dir.empty())
                break;
            dir = base::dirName(dir);
        }
    }
}

void Resolver::inferInitFiles(int ti, EdgeSet &edges) const
{
    if (m_settings.initFiles == InitFiles::Never)
        return;
    const Target &t = m_targets[size_t(ti)];
    const std::string &file = t.sources.front();
    const std::string &resolve = resolveOf(t);
    // Every target of a directory asks about the same ancestors, hence initFilesIn's memo.
    std::string_view dir = base::dirName(file);
    for (;;) {
        for (const InitFile &init : initFilesIn(dir)) {
            if (init.path == file)
                continue;
            for (int owner : *init.owners) {
                const Target &o = m_targets[size_t(owner)];
                if (owner != ti && o.hasPythonSource() && resolveOf(o) == resolve)
                    edges.add(owner, EdgeKind::InitFile);
            }
        }
        if (dir.empty())
            break;
        dir = base::dirName(dir);
    }
}

void Resolver::inferConftests(int ti, EdgeSet &edges, Reports &reports) const
{
    const Target &t = m_targets[size_t(ti)];
    if (!m_settings.conftests || t.type != "python_test")
        return;
    const std::string &resolve = resolveOf(t);
    const auto tree = m_ws.files();
    std::string_view dir = base::dirName(t.sources.front());
    for (;;) {
        const std::string path = base::joinPath(dir, "conftest.py");
        if (!tree || tree->contains(path)) {
            bool owned = false;
            for (int owner : ownersOf(path)) {
                const Target &o = m_targets[size_t(owner)];
                if (!o.hasPythonSource())
                    continue;
                owned = true;
                if (owner != ti && resolveOf(o) == resolve)
                    edges.add(owner, EdgeKind::Conftest);
            }
            if (!owned && tree && reports.firstInChunk(path)) {
                const std::string parent(base::dirName(path));
                reports.add(base::Diagnostic::error(
                    {path}, "No owning targets could be found for the file `" + path
                                + "`.\n\nPlease check that there is a BUILD file in the parent directory "
                                + (parent.empty() ? std::string(".") : parent)
                                + " with a target whose `sources` field includes the file. See "
                                  "https://www.pantsbuild.org/2.32/docs/using-pants/key-concepts/targets-and-build-files "
                                  "for more information on target definitions."),
                            path);
            }
        }
        if (dir.empty())
            break;
        dir = base::dirName(dir);
    }
}

void Resolver::entryPointModule(int ti, std::string spec, EdgeSet &edges) const
{
    const Target &t = m_targets[size_t(ti)];
    if (const size_t colon = spec.find(':'); colon != std::string::npos)
        spec.resize(colon);
    while (!spec.empty() && spec.back() == ' ')
        spec.pop_back();
    if (spec.empty() || spec == "<none>")
        return;
    if (spec.ends_with(".py") || spec.find('/') != std::string::npos) {
        const std::string path = base::joinPath(t.address.specPath, spec);
        for (int owner : ownersOf(path))
            if (m_targets[size_t(owner)].hasPythonSource())
                edges.add(owner, EdgeKind::EntryPoint);
        return;
    }
    std::vector<Candidate> cands = narrow(lookup(resolveOf(t), spec), m_ws.sourceRoots().rootOf(t.address.specPath + "/x.py").value_or(""));
    std::erase_if(cands, [&](const Candidate &c) {
        const int gen = m_generatorIndex[size_t(c.target)];
        return m_excluded[size_t(ti)].count(c.target) > 0 || (gen >= 0 && m_excluded[size_t(ti)].count(gen) > 0);
    });
    int impls = 0, stubs = 0;
    for (const Candidate &c : cands)
        (c.stub ? stubs : impls) += 1;
    if (impls <= 1 && stubs <= 1)
        for (const Candidate &c : cands)
            edges.add(c.target, EdgeKind::EntryPoint);
}

void Resolver::inferEntryPoints(int ti, EdgeSet &edges) const
{
    if (!m_settings.entryPoints)
        return;
    const Target &t = m_targets[size_t(ti)];
    if (t.type == "pex_binary") {
        if (const workspace::Field *f = t.field("entry_point"); f && f->value.isString())
            entryPointModule(ti, f->value.str(), edges);
        return;
    }
    if (t.type != "python_distribution")
        return;
    auto visitGroups = [&](const workspace::HostValue &groups) {
        for (const auto &[group, entries] : groups.entries()) {
            (void)group;
            for (const auto &[name, value] : entries.entries()) {
                (void)name;
                if (!value.isString())
                    continue;
                const std::string &v = value.str();
                if (v.starts_with(":") || v.starts_with("//")) {
                    auto addr = Address::parse(v, t.address.specPath);
                    if (addr)
                        if (const int idx = indexOf(*addr); idx >= 0)
                            edges.add(idx, EdgeKind::EntryPoint);
                    continue;
                }
                entryPointModule(ti, v, edges);
            }
        }
    };
    if (const workspace::Field *f = t.field("entry_points"))
        visitGroups(f->value);
    if (const workspace::Field *f = t.field("provides"))
        for (const auto &[k, v] : f->value.object().kwargs)
            if (k == "entry_points")
                visitGroups(v);
}

base::SourceLocation Resolver::fieldLocation(const Target &t, std::string_view field) const
{
    if (const workspace::Field *f = t.field(field); f && f->value.location.isValid())
        return f->value.location;
    return t.declaredAt;
}

std::string Resolver::didYouMean(const Address &missing) const
{
    const std::string text = missing.toString();
    // Every target a generator makes repeats its generator's unknown address: ask once.
    {
        std::lock_guard lock(m_didYouMeanMutex);
        if (auto it = m_didYouMean.find(text); it != m_didYouMean.end())
            return it->second;
    }
    std::vector<std::string> near, all;
    for (const Target &t : m_targets) {
        all.push_back(t.address.toString());
        if (t.address.specPath == missing.specPath)
            near.push_back(all.back());
    }
    std::string best = base::nearest(text, near);
    if (best.empty())
        best = base::nearest(text, all);
    std::lock_guard lock(m_didYouMeanMutex);
    m_didYouMean.emplace(text, best);
    return best;
}

/// Aliases whose Pants table says they generate targets Trellis does not expand
/// (jvm_artifacts, pipenv_requirements, ...): generator "other" in the tables. go_mod and
/// package_json are expanded by the loader (their Target is a generator), so never opaque.
bool isOpaqueGeneratorType(std::string_view alias)
{
    static const std::set<std::string, std::less<>> kOpaque = [] {
        std::set<std::string, std::less<>> out;
        const workspace::BackendData &data = workspace::backendData();
        for (const auto &[backend, table] : data.tables)
            for (const workspace::TableType &tt : table.types)
                if (tt.generator == "other")
                    out.insert(tt.alias);
        for (const workspace::RemovedType &rt : data.removedTypes)
            if (rt.hasType && rt.type.generator == "other")
                out.insert(rt.alias);
        return out;
    }();
    return kOpaque.count(alias) > 0;
}

int Resolver::standIn(const Address &missing, bool &opaque) const
{
    opaque = false;
    const auto isOpaque = [](const Target &g) { return !g.isGenerator && (g.unknownType || isOpaqueGeneratorType(g.type)); };
    if (!missing.generatedName.empty() && !missing.specPath.empty()) {
        // `dir/f.txt:gen#x` parses as a directory address; when `dir/f.txt:gen` is a file
        // target, Pants reads it as that (AddressInput.file_to_address drops `#x`).
        Address file;
        file.specPath = std::string(base::dirName(missing.specPath));
        file.relativeFilePath = std::string(base::baseName(missing.specPath));
        file.targetName = missing.targetName == base::baseName(file.specPath) ? std::string() : missing.targetName;
        file.parameters = missing.parameters;
        if (const int f = indexOf(file); f >= 0)
            return f;
    }
    if (missing.isGenerated()) {
        // Pants looks the generator up without parameters (maybe_convert_to_target_generator);
        // Trellis tries the parametrized one first.
        Address base = missing.generatorAddress();
        int g = indexOf(base);
        if (g < 0 && !base.parameters.empty()) {
            base.parameters.clear();
            g = indexOf(base);
        }
        if (g >= 0 && !m_targets[size_t(g)].isGenerator) {
            opaque = isOpaque(m_targets[size_t(g)]);
            return g;
        }
    }
    if (!missing.parameters.empty()) {
        Address plain = missing.generatorAddress();
        plain.parameters.clear();
        const int g = indexOf(plain);
        if (g >= 0 && isOpaque(m_targets[size_t(g)])) {
            opaque = true;
            return g;
        }
    }
    return -1;
}

void Resolver::explicitDependencies(int ti, EdgeSet &edges, Reports &reports) const
{
    const Target &t = m_targets[size_t(ti)];
    for (const workspace::DependencySpec &spec : t.explicitDependencies) {
        if (spec.exclude || spec.transitiveExclude)
            continue;
        const int idx = indexOf(spec.address);
        if (idx >= 0) {
            edges.add(idx, EdgeKind::Explicit, fieldLocation(t, spec.field));
            continue;
        }
        if (spec.address.parameters.empty()) {
            // An unparametrized address stands for every parametrization (spec §2.4); a
            // dependent with matching parameter values picks the matching variants.
            std::vector<int> variants, matching;
            for (size_t i = 0; i < m_targets.size(); ++i) {
                const Address &a = m_targets[i].address;
                if (a.parameters.empty() || a.specPath != spec.address.specPath || a.targetName != spec.address.targetName
                    || a.relativeFilePath != spec.address.relativeFilePath
                    || a.generatedName != spec.address.generatedName)
                    continue;
                variants.push_back(int(i));
                const bool agrees = std::all_of(a.parameters.begin(), a.parameters.end(), [&](const auto &kv) {
                    return std::find(t.address.parameters.begin(), t.address.parameters.end(), kv)
                           != t.address.parameters.end();
                });
                if (agrees)
                    matching.push_back(int(i));
            }
            if (!variants.empty()) {
                for (int v : matching.empty() ? variants : matching)
                    edges.add(v, EdgeKind::Explicit, fieldLocation(t, spec.field));
                continue;
            }
        }
        bool opaque = false;
        if (const int g = standIn(spec.address, opaque); g >= 0) {
            edges.add(g, EdgeKind::Explicit, fieldLocation(t, spec.field));
            if (opaque) {
                base::Diagnostic note = base::Diagnostic::warning(
                    fieldLocation(t, spec.field),
                    "The address " + spec.address.toString() + " from the `" + spec.field + "` field from the target "
                        + t.address.toString() + " names a target that `" + m_targets[size_t(g)].type
                        + "` generates; Trellis cannot list what it generates, so the dependency is on "
                        + m_targets[size_t(g)].address.toString() + " itself.");
                note.severity = base::Severity::Note;
                reports.add(std::move(note));
            }
            continue;
        }
        base::SourceLocation loc = fieldLocation(t, spec.field);
        base::Diagnostic d = base::Diagnostic::error(
            loc, "The address " + spec.address.toString() + " from the `" + spec.field + "` field from the target "
                     + t.address.toString() + " does not exist.");
        if (const std::string best = didYouMean(spec.address); !best.empty())
            d.hint = "did you mean " + best + "?";
        if (loc.line > 0 && loc.isValid())
            if (auto text = base::readFile(base::joinPath(m_ws.buildRoot(), loc.file)))
                d.sourceLine = base::lineOf(*text, loc.line);
        reports.add(std::move(d));
    }
}

InferenceResult Resolver::run()
{
    const size_t n = m_targets.size();
    m_result.dependencies.resize(n);
    m_result.transitiveExcludes.resize(n);
    m_generatorIndex.assign(n, -1);
    for (size_t i = 0; i < n; ++i)
        if (m_targets[i].address.isGenerated())
            m_generatorIndex[i] = indexOf(m_targets[i].address.generatorAddress());

    const auto scanStart = std::chrono::steady_clock::now();
    if (!scan()) {
        m_result.cancelled = true;
        return std::move(m_result);
    }
    m_result.stats.scanMs = msSince(scanStart);
    const auto providersStart = std::chrono::steady_clock::now();
    buildProviders();
    m_result.stats.providersMs = msSince(providersStart);

    // Explicit includes and exclusions per target.
    m_excluded.resize(n);
    m_included.resize(n);
    for (size_t i = 0; i < n; ++i) {
        const Target &t = m_targets[i];
        for (const workspace::DependencySpec &spec : t.explicitDependencies) {
            const int idx = indexOf(spec.address);
            if (!spec.exclude && !spec.transitiveExclude) {
                if (idx >= 0)
                    m_included[i].insert(idx);
                continue;
            }
            if (idx >= 0)
                m_excluded[i].insert(idx);
            // The loader only keeps `!!` where the type's table allows it (targetbuilder.cpp:
            // docker_image, pex_binary, python_tests, ... and plugin types), so every one
            // that reaches inference applies.
            if (spec.transitiveExclude && idx >= 0)
                m_result.transitiveExcludes[i].push_back(idx);
        }
        std::sort(m_result.transitiveExcludes[i].begin(), m_result.transitiveExcludes[i].end());
        m_result.transitiveExcludes[i].erase(
            std::unique(m_result.transitiveExcludes[i].begin(), m_result.transitiveExcludes[i].end()),
            m_result.transitiveExcludes[i].end());
    }

    // Helper and lockfile targets for requirements.
    std::unordered_map<int, std::vector<int>> helpersByGenerator;
    std::map<std::string, std::vector<int>> lockfilesByResolve;
    for (size_t i = 0; i < n; ++i) {
        const Target &t = m_targets[i];
        if (t.type == "_generator_sources_helper" && m_generatorIndex[i] >= 0)
            helpersByGenerator[m_generatorIndex[i]].push_back(int(i));
        if (t.type == "_lockfile")
            lockfilesByResolve[t.resolve].push_back(int(i));
    }

    // Diagnostics so far come before the per-target pass; then each is tagged with the
    // target and step that reported it.
    m_result.diagnosticOrigins.assign(m_result.diagnostics.size(), DiagnosticOrigin{});
    std::vector<int> all;
    const std::vector<int> *order = &m_request.onlyTargets;
    if (order->empty()) {
        all.resize(n);
        for (size_t i = 0; i < n; ++i)
            all[i] = int(i);
        order = &all;
    }
    prepareDirectories(*order);

    // The per-target pass, in chunks over a few threads. Each target writes only its own
    // row; each chunk keeps its diagnostics, merged below in chunk order, which is the
    // order of the serial pass.
    const auto passStart = std::chrono::steady_clock::now();
    constexpr size_t kChunk = 128;
    const size_t chunks = (order->size() + kChunk - 1) / kChunk;
    std::vector<Reports> reports(chunks);
    std::atomic<size_t> nextChunk{0};
    std::atomic<bool> cancelled{false};
    auto work = [&] {
        for (;;) {
            const size_t c = nextChunk.fetch_add(1);
            if (c >= chunks)
                return;
            if (m_request.cancel.isCancelled()) {
                cancelled = true;
                return;
            }
            resolveTargets(*order, c * kChunk, std::min(order->size(), (c + 1) * kChunk), helpersByGenerator,
                           lockfilesByResolve, reports[c]);
        }
    };
    int threads = m_request.threads > 0 ? m_request.threads : int(std::thread::hardware_concurrency());
    threads = std::clamp(threads, 1, int(std::max<size_t>(1, chunks / 4)));
    if (!std::is_sorted(order->begin(), order->end(), std::less_equal<int>()))
        threads = 1; // a target listed twice would have two chunks append to its row
    base::runParallel(threads, work);
    if (cancelled) {
        m_result.cancelled = true;
        return std::move(m_result);
    }
    std::set<std::string> reportedOnce; // first reporter wins, as in the serial pass
    for (Reports &r : reports) {
        for (size_t k = 0; k < r.diagnostics.size(); ++k) {
            if (!r.onceKeys[k].empty() && !reportedOnce.insert(r.onceKeys[k]).second)
                continue;
            m_result.diagnostics.push_back(std::move(r.diagnostics[k]));
            m_result.diagnosticOrigins.push_back(r.origins[k]);
        }
    }
    m_result.stats.targetsMs = msSince(passStart);
    return std::move(m_result);
}

void Resolver::resolveTargets(const std::vector<int> &order, size_t begin, size_t end,
                              const std::unordered_map<int, std::vector<int>> &helpersByGenerator,
                              const std::map<std::string, std::vector<int>> &lockfilesByResolve, Reports &reports)
{
    const size_t n = m_targets.size();
    for (size_t k = begin; k < end; ++k) {
        const size_t i = size_t(order[k]);
        if (i >= n)
            continue;
        const Target &t = m_targets[i];
        const int ti = int(i);
        EdgeSet edges;
        explicitDependencies(ti, edges, reports);
        reports.tag(ti, StepExplicit);
        if (t.hasPythonSource() && !t.sources.empty()) {
            inferImports(ti, edges, reports);
            reports.tag(ti, StepImports);
            inferInitFiles(ti, edges);
            reports.tag(ti, StepInitFiles);
            inferConftests(ti, edges, reports);
            reports.tag(ti, StepConftests);
        }
        inferEntryPoints(ti, edges);
        reports.tag(ti, StepEntryPoints);
        if (t.isGenerator)
            for (const Address &g : t.generated)
                if (const int idx = indexOf(g); idx >= 0)
                    edges.add(idx, EdgeKind::Generated);
        if (t.type == "python_requirement") {
            if (auto it = helpersByGenerator.find(m_generatorIndex[i]); m_generatorIndex[i] >= 0 && it != helpersByGenerator.end())
                for (int h : it->second)
                    edges.add(h, EdgeKind::Requirement);
            if (m_settings.enableResolves && m_settings.lockfileTargets)
                if (auto it = lockfilesByResolve.find(resolveOf(t)); it != lockfilesByResolve.end())
                    for (int l : it->second)
                        edges.add(l, EdgeKind::Requirement);
        }

        std::vector<Dependency> &out = m_result.dependencies[i];
        const std::set<int> &excluded = m_excluded[i];
        out.reserve(edges.edges.size());
        for (auto &[target, dep] : edges.edges) {
            const int gen = m_generatorIndex[size_t(target)];
            if (target == ti || excluded.count(target) || (gen >= 0 && excluded.count(gen)))
                continue;
            std::sort(dep.evidence.begin(), dep.evidence.end(), [](const Evidence &a, const Evidence &b) {
                return std::tie(a.line, a.module) < std::tie(b.line, b.module);
            });
            out.push_back(std::move(dep));
        }
    }
}

} // namespace

InferenceResult resolveDependencies(const InferenceRequest &request)
{
    if (!request.workspace) {
        InferenceResult empty;
        empty.diagnostics.push_back(base::Diagnostic::error({}, "no workspace to resolve dependencies in"));
        return empty;
    }
    Resolver resolver(request, *request.workspace);
    return resolver.run();
}

} // namespace trellis::infer
