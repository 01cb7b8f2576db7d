#include "core/live/liveload.h"

#include "core/base/disk.h"
#include "core/base/paths.h"
#include "core/base/workerpool.h"
#include "core/infer/contenthash.h"
#include "core/live/snapshot.h"

#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <optional>
#include <filesystem>
#include <future>
#include <cstdio>
#include <set>
#include <span>
#include <sys/stat.h>

namespace trellis::live {

namespace {

using workspace::FileTree;
using workspace::Options;
using workspace::Workspace;

std::int64_t nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/// stat() of `abs`, in the stamp's terms (size -1 when missing; directories size 0).
FileStamp stampPath(const std::string &abs, std::string recordAs)
{
    FileStamp s;
    s.path = std::move(recordAs);
    struct stat st {};
    if (::stat(abs.c_str(), &st) == 0) {
        s.size = S_ISDIR(st.st_mode) ? 0 : std::int64_t(st.st_size);
        s.mtimeNs = std::int64_t(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    }
    return s;
}

std::string absoluteOf(const std::string &root, const std::string &path)
{
    return path.empty() ? root : path.front() == '/' ? path : root + "/" + path;
}

/// True when a file with this stamp may have changed again after the stamp was taken
/// without its mtime moving: it was modified within one clock tick of the moment the
/// stamps were taken (as git's "racily clean" entries). Whole-second mtimes mean a
/// file system with coarse timestamps, so the window is wider there.
bool racy(const FileStamp &s, std::int64_t takenAtNs)
{
    if (s.size < 0)
        return false;
    const std::int64_t window = (s.mtimeNs % 1'000'000'000 == 0) ? 2'000'000'000 : 50'000'000;
    return s.mtimeNs >= takenAtNs - window;
}

/// True when the file of `s` differs from it now, or may (racy).
bool stampMoved(const FileStamp &s, const std::string &root, std::int64_t takenAtNs)
{
    const FileStamp now = stampPath(absoluteOf(root, s.path), {});
    return now.size != s.size || now.mtimeNs != s.mtimeNs || racy(s, takenAtNs);
}

/// Re-stats `stamps` in parallel; returns the indices whose stamp differs or is racy.
std::vector<size_t> changedStamps(const std::vector<FileStamp> &stamps, const std::string &root, std::int64_t takenAtNs)
{
    std::vector<char> changed(stamps.size(), 0);
    auto check = [&](size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i)
            changed[i] = stampMoved(stamps[i], root, takenAtNs) ? 1 : 0;
    };
    constexpr size_t kChunk = 1024;
    if (stamps.size() <= kChunk) {
        check(0, stamps.size());
    } else {
        std::vector<std::pair<size_t, size_t>> chunks;
        for (size_t b = 0; b < stamps.size(); b += kChunk)
            chunks.emplace_back(b, std::min(stamps.size(), b + kChunk));
        QtConcurrent::blockingMap(base::workerPool(), chunks, [&](const std::pair<size_t, size_t> &c) { check(c.first, c.second); });
    }
    std::vector<size_t> out;
    for (size_t i = 0; i < changed.size(); ++i)
        if (changed[i])
            out.push_back(i);
    return out;
}

/// Directories named by [GLOBAL].pythonpath inside the build root (in-repo plugins),
/// buildroot-relative.
std::vector<std::string> pluginDirs(const Options &options)
{
    std::vector<std::string> dirs;
    const std::string &root = options.buildRoot();
    for (std::string p : options.list("GLOBAL", "pythonpath")) {
        if (p.starts_with("%(buildroot)s"))
            p = p.substr(13);
        else if (p.starts_with(root))
            p = p.substr(root.size());
        else if (!p.empty() && p.front() == '/')
            continue; // outside the build root: not part of the tree
        while (!p.empty() && p.front() == '/')
            p.erase(0, 1);
        while (!p.empty() && p.back() == '/')
            p.pop_back();
        dirs.push_back(p);
    }
    return dirs;
}

bool isBelow(std::string_view path, std::string_view dir)
{
    return dir.empty() || (path.size() > dir.size() && path.starts_with(dir) && path[dir.size()] == '/');
}

/// The files a workspace's content depends on, other than the set of files itself.
std::vector<std::string> loadInputsOf(const Workspace &ws)
{
    std::set<std::string> inputs(ws.buildFiles().begin(), ws.buildFiles().end());
    inputs.insert(ws.preludeFiles().begin(), ws.preludeFiles().end());
    inputs.insert(ws.loadInputs().begin(), ws.loadInputs().end());
    const std::vector<std::string> plugins = pluginDirs(ws.options());
    if (!plugins.empty())
        for (const std::string &f : ws.files()->files())
            for (const std::string &d : plugins)
                if (isBelow(f, d)) {
                    inputs.insert(f);
                    break;
                }
    return {inputs.begin(), inputs.end()};
}

/// The Python files inference scanned (the first source of each target with a Python
/// source field), sorted.
std::vector<std::string> scannedSourcesOf(const Workspace &ws)
{
    std::set<std::string> files;
    for (const workspace::Target &t : ws.targets())
        if (t.hasPythonSource() && !t.sources.empty())
            files.insert(t.sources.front());
    return {files.begin(), files.end()};
}

std::vector<FileStamp> stampAll(const std::vector<std::string> &paths, const std::string &root)
{
    std::vector<FileStamp> out(paths.size());
    auto fill = [&](size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i)
            out[i] = stampPath(absoluteOf(root, paths[i]), paths[i]);
    };
    constexpr size_t kChunk = 1024;
    std::vector<std::pair<size_t, size_t>> chunks;
    for (size_t b = 0; b < paths.size(); b += kChunk)
        chunks.emplace_back(b, std::min(paths.size(), b + kChunk));
    QtConcurrent::blockingMap(base::workerPool(), chunks, [&](const std::pair<size_t, size_t> &c) { fill(c.first, c.second); });
    return out;
}

/// `stamps` with those of `changed` (paths) stat()ed again.
void restampChanged(std::vector<FileStamp> &stamps, const std::vector<std::string> &changed, const std::string &root)
{
    if (changed.empty())
        return;
    const std::set<std::string> again(changed.begin(), changed.end());
    for (FileStamp &s : stamps)
        if (again.count(s.path))
            s = stampPath(absoluteOf(root, s.path), s.path);
}

/// `base`'s stamps for `paths` when it stamped exactly those and `changed` lists every
/// one of them that changed since (restamped); otherwise every path stat()ed.
std::vector<FileStamp> restamp(const std::vector<FileStamp> *base, const std::vector<std::string> &paths,
                               const std::vector<std::string> *changed, const std::string &root)
{
    const bool same = base && changed && base->size() == paths.size()
        && std::equal(base->begin(), base->end(), paths.begin(), [](const FileStamp &s, const std::string &p) { return s.path == p; });
    if (!same)
        return stampAll(paths, root);
    std::vector<FileStamp> out = *base;
    restampChanged(out, *changed, root);
    return out;
}

/// What a reload knows changed since the stamps its base was checked against.
struct SinceBase {
    const Stamps *stamps = nullptr;
    const std::vector<std::string> *changedInputs = nullptr;
    const std::vector<std::string> *changedSources = nullptr; ///< null: the sources were not compared
};

/// The stamps of `ws` (and of its scanned sources when `withSources`), with the walk's
/// from `tree`; the files unchanged since `since.stamps` keep those.
Stamps stampsOf(const Workspace &ws, const FileTree &tree, bool withSources, std::int64_t takenAtNs,
                const SinceBase &since = {})
{
    Stamps st;
    st.directories = tree.walkedDirectories();
    st.ignoreFiles = tree.ignoreFiles();
    st.environment = ws.environmentReads();
    st.loadInputs = restamp(since.stamps ? &since.stamps->loadInputs : nullptr, loadInputsOf(ws), since.changedInputs,
                            ws.buildRoot());
    if (withSources)
        st.sources = restamp(since.stamps ? &since.stamps->sources : nullptr, scannedSourcesOf(ws), since.changedSources,
                             ws.buildRoot());
    st.takenAtNs = takenAtNs;
    return st;
}

bool isInitFile(std::string_view path)
{
    const std::string_view b = base::baseName(path);
    return b == "__init__.py" || b == "__init__.pyi";
}

/// The Python source targets whose (first) source is among `files`.
std::vector<int> targetsOwning(const Workspace &ws, const std::vector<std::string> &files)
{
    std::vector<int> out;
    const std::set<std::string> set(files.begin(), files.end());
    const auto &targets = ws.targets();
    for (size_t i = 0; i < targets.size(); ++i)
        if (targets[i].hasPythonSource() && !targets[i].sources.empty() && set.count(targets[i].sources.front()))
            out.push_back(int(i));
    return out;
}

void writeSnapshot(const std::string &path, const SnapshotKey &key, const std::shared_ptr<const Workspace> &ws,
                   const std::shared_ptr<const graph::TargetGraph> &graph, const Stamps &stamps,
                   const EncodedPart *encodedWorkspace, bool parallel)
{
    if (path.empty() || !ws || ws->cancelled())
        return;
    Snapshot snap;
    snap.workspace = ws;
    snap.graph = graph;
    snap.stamps = stamps;
    const std::vector<std::string> parts = encodeSnapshotParts(snap, key, encodedWorkspace, parallel);
    const size_t slash = path.rfind('/');
    if (slash != std::string::npos)
        std::filesystem::create_directories(path.substr(0, slash));
    base::RealDisk disk;
    // A cache: the decode's checksum catches a file a crash left half written, so it is
    // not fsynced (a durable write of several MB made the command line wait longer).
    (void)base::writeFileAtomically(disk, path, std::vector<std::string_view>(parts.begin(), parts.end()),
                                    /*durable=*/false);
}

} // namespace

const char *loadPathName(LoadPath p)
{
    switch (p) {
    case LoadPath::Cold:
        return "cold";
    case LoadPath::Snapshot:
        return "snapshot";
    case LoadPath::Sources:
        return "sources";
    case LoadPath::Reload:
        return "reload";
    }
    return "?";
}

std::string snapshotPath(const std::string &cacheDir, const std::string &buildRoot)
{
    char name[32];
    std::snprintf(name, sizeof name, "%016llx.snap",
                  static_cast<unsigned long long>(infer::contentHash(buildRoot, 0x70a7)));
    return (cacheDir.empty() ? base::cacheDir() : cacheDir) + "/snapshot/" + name;
}

struct LiveLoader::Private {
    LiveRequest request;
    std::int64_t startNs = nowNs();
    bool useCache = true;
    std::string path;
    SnapshotKey key;
    std::optional<Options> options;
    std::optional<std::string> bytes; ///< the snapshot file, when one was read
    std::optional<Stamps> stamps;     ///< its stamps, when the workspace came from it
    /// The walk whose directory stamps to keep: the workspace's own, or a fresh walk that
    /// listed the same files.
    std::shared_ptr<const FileTree> tree;
    std::shared_ptr<const graph::TargetGraph> previousGraph; ///< from LiveRequest::previous
    /// LiveRequest::previous's graph when its workspace had to be loaded again (a BUILD
    /// file changed): patched instead of inferring everything when the targets still
    /// line up (reloadRedo()).
    std::shared_ptr<const graph::TargetGraph> reloadBase;
    /// The earlier workspace a reload takes unchanged directories from, and what changed.
    std::shared_ptr<const Workspace> reuse;
    std::vector<std::string> changedInputs;
    bool reuseWalk = false;           ///< no directory moved: `reuse`'s walk holds
    /// `reloadBase` was decoded from the snapshot file to be patched: the patch may take
    /// it apart when nobody else holds it.
    bool reloadBaseDecoded = false;
    /// The workspace's part of the write-back, when it is known before the write: encoded
    /// early (LiveRequest::encodeEarly) or taken from the snapshot file it was read from.
    std::shared_future<std::shared_ptr<const EncodedPart>> encodedWorkspace;
    /// The stamps `reuse` and `reloadBase` were checked against: a reload compares the
    /// sources with them and keeps those of unchanged files.
    std::optional<Stamps> baseStamps;
    bool sourcesChecked = false;      ///< m_state.changedSources lists every source changed since baseStamps
    /// LiveRequest::changedPaths with their directories, buildroot-relative and absolute,
    /// while checking against `previous` (null: compare every stamp).
    std::optional<std::set<std::string>> hint;
    size_t *stampsChecked = nullptr;  ///< LiveResult::stampsChecked of the loader's state
    bool loaded = false;
    bool inferred = false;
    bool dirty = false;               ///< something was recomputed since the snapshot
    std::shared_ptr<const Workspace> workspace;
    std::shared_ptr<const graph::TargetGraph> graph;
    base::Diagnostics loadErrors;

    void report(const char *phase) const
    {
        if (request.progress)
            request.progress(phase, 0, 0);
    }

    /// A workspace read from the snapshot file and written back (newer stamps, a new
    /// graph) is the same: its part of the file is kept as it is, not encoded again.
    void keepEncodedWorkspace(bool willWrite = false)
    {
        if (encodedWorkspace.valid() || !stamps || !bytes || !(dirty || willWrite) || path.empty())
            return;
        std::optional<EncodedPart> part = workspacePartOf(*bytes, key);
        if (!part)
            return;
        std::promise<std::shared_ptr<const EncodedPart>> ready;
        ready.set_value(std::make_shared<const EncodedPart>(std::move(*part)));
        encodedWorkspace = ready.get_future().share();
    }

    infer::InferenceRequest inferenceRequest() const
    {
        infer::InferenceRequest ir;
        ir.workspace = workspace;
        ir.cancel = request.load.cancel;
        ir.threads = request.load.threads;
        ir.progress = request.progress;
        ir.cacheDir = useCache ? (request.cacheDir.empty() ? std::string() : request.cacheDir + "/scan") : "-";
        return ir;
    }

    std::shared_ptr<const graph::TargetGraph> runInference() const
    {
        report("Resolving dependencies");
        infer::InferenceResult result = infer::resolveDependencies(inferenceRequest());
        if (result.cancelled)
            return nullptr;
        report("Building the graph");
        return std::make_shared<const graph::TargetGraph>(workspace, std::move(result));
    }

    /// The reason the snapshot's workspace cannot be used ("" = it can), and the fresh
    /// walk to use when directories only look changed.
    /// changedStamps(), narrowed to the stamps the watcher named when the request says
    /// which paths may have changed (the others are known to hold); counts the stats.
    std::vector<size_t> changed(const std::vector<FileStamp> &stamps, std::int64_t takenAtNs) const
    {
        if (!hint) {
            *stampsChecked += stamps.size();
            return changedStamps(stamps, options->buildRoot(), takenAtNs);
        }
        std::vector<size_t> out;
        const std::string &root = options->buildRoot();
        for (size_t i = 0; i < stamps.size(); ++i) {
            if (!hint->count(stamps[i].path))
                continue;
            ++*stampsChecked;
            if (stampMoved(stamps[i], root, takenAtNs))
                out.push_back(i);
        }
        return out;
    }

    /// With `changedInputs`, also lists the load inputs that changed, and then sets
    /// `*sameWalk` when no walked directory changed (the earlier walk still holds);
    /// `*inputsChecked` says whether every load input was compared (no earlier reason).
    std::string validate(const Stamps &st, std::shared_ptr<const FileTree> &rewalked,
                         std::vector<std::string> *changedInputs = nullptr, bool *sameWalk = nullptr,
                         bool *inputsChecked = nullptr) const
    {
        const auto &env = options->environment();
        for (const auto &[name, value] : st.environment) {
            const auto it = env.find(name);
            const std::optional<std::string> now = it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
            if (now != value)
                return "environment variable " + name + " changed";
        }
        if (const auto moved = changed(st.ignoreFiles, st.takenAtNs); !moved.empty())
            return st.ignoreFiles[moved.front()].path + " changed";
        if (inputsChecked)
            *inputsChecked = true;
        if (const auto moved = changed(st.loadInputs, st.takenAtNs); !moved.empty()) {
            // The load runs again; it can take over the directories none of these touch.
            if (changedInputs) {
                for (size_t i : moved)
                    changedInputs->push_back(st.loadInputs[i].path);
                if (sameWalk)
                    *sameWalk = changed(st.directories, st.takenAtNs).empty();
            }
            return st.loadInputs[moved.front()].path + " changed";
        }
        // A directory whose time moved may only have had a file replaced (editors save
        // through a rename): walk again; the decode compares what is visible.
        if (const auto moved = changed(st.directories, st.takenAtNs); !moved.empty()) {
            report("Scanning files");
            auto tree = workspace::walkFiles(*options, request.load.cancel);
            if (!tree || !*tree)
                return "the build root cannot be walked";
            rewalked = *tree;
        }
        return {};
    }
};

LiveLoader::LiveLoader(LiveRequest request) : d(std::make_unique<Private>())
{
    d->request = std::move(request);
    d->useCache = d->request.cacheDir != "-";
    d->stampsChecked = &m_state.stampsChecked;
}

LiveLoader::~LiveLoader() = default;

base::Result<std::shared_ptr<const Workspace>> LiveLoader::workspace()
{
    if (d->loaded) {
        if (!d->workspace)
            return d->loadErrors;
        return d->workspace;
    }
    d->loaded = true;
    d->report("Reading options");
    base::Result<Options> options = Options::load(d->request.load.options);
    if (!options) {
        d->loadErrors = options.takeDiagnostics();
        return d->loadErrors;
    }
    d->options = *options;
    const std::string &root = d->options->buildRoot();
    d->key = SnapshotKey{base::executableStamp(), root, optionsDigest(*d->options)};
    if (d->useCache)
        d->path = snapshotPath(d->request.cacheDir, root);
    m_state.key = d->key;
    const auto &prev = d->request.previous;
    const bool usePrevious = !d->request.fresh && prev && prev->workspace && prev->stamps && prev->key == d->key;
    if (d->useCache && !d->request.fresh && !usePrevious)
        d->bytes = base::readFile(d->path);
    m_state.reason = d->request.fresh ? std::string("a full reload was asked for")
        : d->bytes || usePrevious       ? std::string()
                                        : std::string("no snapshot");
    if (d->request.fresh)
        m_state.how = LoadPath::Reload;
    if (usePrevious) {
        // This process's last result: the same checks, no file to read.
        d->report("Checking for changes");
        if (d->request.changedPaths) {
            std::set<std::string> hint;
            const std::string prefix = root + "/";
            auto add = [&](const std::string &abs) {
                hint.insert(abs);
                if (abs == root)
                    hint.insert(std::string());
                else if (abs.starts_with(prefix))
                    hint.insert(abs.substr(prefix.size()));
            };
            for (const std::string &p : *d->request.changedPaths) {
                const std::string abs = p.empty() || p.front() != '/' ? prefix + p : p;
                add(abs);
                add(std::string(base::dirName(abs))); // its directory's stamp moves when it comes or goes
            }
            d->hint = std::move(hint);
        }
        std::shared_ptr<const FileTree> rewalked;
        std::vector<std::string> changedInputs;
        bool sameWalk = false, inputsChecked = false;
        const std::string reason = d->validate(*prev->stamps, rewalked, &changedInputs, &sameWalk, &inputsChecked);
        if (reason.empty() && (!rewalked || rewalked->files() == prev->workspace->files()->files())) {
            d->workspace = prev->workspace;
            d->stamps = *prev->stamps;
            d->tree = rewalked ? rewalked : prev->workspace->files();
            d->previousGraph = prev->graph;
            d->dirty = rewalked != nullptr;
            m_state.workspace = d->workspace;
            m_state.how = LoadPath::Snapshot;
            m_state.reason.clear();
            m_state.unchanged = !rewalked;
            m_state.stamps = prev->stamps;
            return d->workspace;
        }
        m_state.reason = reason.empty() ? std::string("the set of files changed") : reason;
        m_state.how = LoadPath::Reload;
        d->reloadBase = prev->graph;
        if (inputsChecked)
            d->baseStamps = *prev->stamps;
        if (!changedInputs.empty()) {
            d->reuse = prev->workspace;
            d->changedInputs = std::move(changedInputs);
            d->reuseWalk = sameWalk;
        }
        // The file is no newer than what this process had: not read.
    }
    if (d->bytes) {
        d->report("Checking the snapshot");
        auto stamps = decodeSnapshot(*d->bytes, d->key, *d->options, {.stampsOnly = true});
        std::shared_ptr<const FileTree> rewalked;
        std::vector<std::string> changedInputs;
        bool sameWalk = false, inputsChecked = false;
        m_state.reason = stamps ? d->validate(stamps->stamps, rewalked, &changedInputs, &sameWalk, &inputsChecked)
                                : stamps.diagnostics().front().message;
        if (m_state.reason.empty()) {
            d->report("Reading the snapshot");
            auto snap = decodeSnapshot(*d->bytes, d->key, *d->options, {.tree = rewalked});
            if (snap) {
                d->workspace = snap->workspace;
                d->stamps = std::move(stamps->stamps);
                d->tree = d->workspace->files();
                d->dirty = rewalked != nullptr; // same files, newer directory times: keep them
                if (!d->dirty)
                    m_state.stamps = std::make_shared<const Stamps>(*d->stamps);
                m_state.workspace = d->workspace;
                m_state.how = LoadPath::Snapshot;
                return d->workspace;
            }
            m_state.reason = snap.diagnostics().front().message;
        }
        m_state.how = LoadPath::Reload;
        if (stamps && inputsChecked)
            d->baseStamps = std::move(stamps->stamps);
        if (!changedInputs.empty()) {
            // A BUILD file or the like changed: the snapshot's workspace is what the load
            // takes unchanged directories from, and its graph the base of a patch.
            d->report("Reading the snapshot");
            if (auto old = decodeSnapshot(*d->bytes, d->key, *d->options); old && old->workspace) {
                d->reuse = old->workspace;
                d->changedInputs = std::move(changedInputs);
                d->reuseWalk = sameWalk;
            }
        }
    }
    workspace::LoadRequest load = d->request.load;
    if (d->reuse && !d->request.fresh) {
        load.previous = d->reuse;
        load.changedInputs = d->changedInputs;
        if (d->reuseWalk)
            load.files = d->reuse->files();
    }
    auto ws = workspace::loadWorkspace(load, std::move(options), d->request.progress);
    if (!ws) {
        d->loadErrors = ws.takeDiagnostics();
        return d->loadErrors;
    }
    d->workspace = *ws;
    d->dirty = true;
    m_state.workspace = d->workspace;
    if (d->request.encodeEarly && !d->path.empty() && m_state.how == LoadPath::Reload && !d->workspace->cancelled())
        d->encodedWorkspace = std::async(std::launch::async, [ws = d->workspace] {
                                  return std::make_shared<const EncodedPart>(encodeWorkspacePart(*ws));
                              }).share();
    return d->workspace;
}

namespace {

bool sameEvidence(std::span<const infer::Evidence> a, std::span<const infer::Evidence> b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const infer::Evidence &x, const infer::Evidence &y) {
        return x.line == y.line && x.weak == y.weak && x.file == y.file && x.module == y.module;
    });
}

/// True when `a` and `b` (over the same workspace) give `nodes` the same edges, kinds,
/// evidence and declarations, and have the same diagnostics.
bool sameRows(const graph::TargetGraph &a, const graph::TargetGraph &b, const std::vector<int> &nodes)
{
    for (int n : nodes) {
        const auto da = a.dependencies(n), db = b.dependencies(n);
        if (!std::equal(da.begin(), da.end(), db.begin(), db.end()))
            return false;
        for (size_t i = 0; i < da.size(); ++i) {
            const graph::EdgeInfo ea = a.edgeInfo(a.firstEdge(n) + int(i)), eb = b.edgeInfo(b.firstEdge(n) + int(i));
            if (ea.kind != eb.kind || !sameEvidence(ea.evidence, eb.evidence)
                || bool(ea.declaredAt) != bool(eb.declaredAt) || (ea.declaredAt && !(*ea.declaredAt == *eb.declaredAt)))
                return false;
        }
    }
    const base::Diagnostics &ga = a.diagnostics(), &gb = b.diagnostics();
    if (ga.size() != gb.size())
        return false;
    for (size_t i = 0; i < ga.size(); ++i)
        if (ga[i].format() != gb[i].format())
            return false;
    return true;
}

/// Python source targets and their generators: what inference reads of them changes only
/// their own row. Anything else (requirements and their module mappings, lockfiles,
/// binaries' entry points, distributions) can change other targets' rows.
bool rowLocal(const workspace::Target &t)
{
    static const std::set<std::string, std::less<>> generators = {"python_sources", "python_tests",
                                                                  "python_test_utils"};
    return t.hasPythonSource() || (t.isGenerator && generators.count(t.type));
}

/// The targets of `now` to resolve again so that `before`'s graph, patched, equals a full
/// inference over `now`; nullopt when a patch cannot be exact (the targets, their
/// sources or the files differ, or a changed target can change other rows).
/// `nowFromBefore`: `now` was loaded with `before` as LoadRequest::previous, so a target
/// it took over unchanged (Workspace::previousIndex()) needs no comparison.
std::optional<std::vector<int>> reloadRedo(const Workspace &before, const Workspace &now, bool nowFromBefore)
{
    const auto &a = before.targets(), &b = now.targets();
    if (a.size() != b.size() || before.files()->files() != now.files()->files())
        return std::nullopt;
    const std::vector<int> &from = now.previousIndex();
    const bool known = nowFromBefore && from.size() == b.size();
    std::vector<int> redo;
    for (size_t i = 0; i < a.size(); ++i) {
        if (known && from[i] >= 0) {
            if (from[i] != int(i))
                return std::nullopt; // the targets moved: rows would not line up
            continue;
        }
        if (a.shared(i) == b.shared(i) || a[i] == b[i])
            continue;
        workspace::Target moved = a[i];
        moved.declaredAt = b[i].declaredAt;
        if (moved == b[i]) { // only its line moved: its own row's locations
            redo.push_back(int(i));
            continue;
        }
        if (!(a[i].address == b[i].address) || a[i].type != b[i].type || a[i].sources != b[i].sources
            || a[i].resolve != b[i].resolve || a[i].isGenerator != b[i].isGenerator || !rowLocal(b[i]))
            return std::nullopt;
        redo.push_back(int(i));
    }
    return redo;
}

} // namespace

std::shared_ptr<const graph::TargetGraph> LiveLoader::graph()
{
    if (d->inferred)
        return d->graph;
    if (!workspace() || d->workspace->cancelled())
        return nullptr;
    d->inferred = true;
    std::shared_ptr<const graph::TargetGraph> g = inferGraph();
    d->keepEncodedWorkspace();
    // What the graph was made from is not needed any more: the snapshot file's bytes and
    // the earlier graph with its workspace go before the write-back encodes the new ones
    // (after a BUILD edit they were a third of the peak).
    d->bytes.reset();
    d->reloadBase.reset();
    d->previousGraph.reset();
    d->reuse.reset();
    return g;
}

std::shared_ptr<const graph::TargetGraph> LiveLoader::inferGraph()
{
    if (d->stamps) {
        // The workspace came from the snapshot: its graph holds unless a scanned source
        // changed since.
        const std::vector<size_t> changed =
            d->changed(d->stamps->sources, d->stamps->takenAtNs);
        for (size_t i : changed)
            m_state.changedSources.push_back(d->stamps->sources[i].path);
        if (changed.empty() && d->previousGraph) {
            d->graph = d->previousGraph;
            m_state.graph = d->graph;
            return d->graph;
        }
        if (changed.empty() && d->bytes) {
            d->report("Reading the snapshot");
            auto decoded = decodeGraph(*d->bytes, d->key, d->workspace);
            if (decoded && *decoded) {
                d->graph = *decoded;
                m_state.graph = d->graph;
                return d->graph;
            }
            m_state.reason = decoded ? std::string("no graph in the snapshot") : decoded.diagnostics().front().message;
        }
        m_state.how = LoadPath::Sources;
        // Only sources changed: redo the targets that own them and patch the graph the
        // workspace had, unless an __init__ file changed (init_files = "content_only"
        // makes every target below it depend on whether it is empty).
        std::shared_ptr<const graph::TargetGraph> before = d->previousGraph;
        if (!before && d->bytes)
            if (auto decoded = decodeGraph(*d->bytes, d->key, d->workspace))
                before = *decoded;
        // Everything the file gives is out of it now: its bytes go before the patch (a
        // new graph beside the old one is this run's memory peak).
        d->keepEncodedWorkspace(/*willWrite=*/true);
        d->bytes.reset();
        const bool initChanged = std::any_of(m_state.changedSources.begin(), m_state.changedSources.end(),
                                             [](const std::string &f) { return isInitFile(f); });
        if (before && !initChanged && !m_state.changedSources.empty()) {
            const std::vector<int> redo = targetsOwning(*d->workspace, m_state.changedSources);
            d->report("Resolving dependencies");
            infer::InferenceRequest ir = d->inferenceRequest();
            ir.onlyTargets = redo;
            infer::InferenceResult partial = infer::resolveDependencies(ir);
            if (!partial.cancelled) {
                auto patched = std::make_shared<const graph::TargetGraph>(*before, std::move(partial), redo);
                // An edit that changed no import (a comment, a function body) changes
                // nothing a view shows: keep the earlier graph object, so the front end can
                // tell by identity. The new stamps are still written back.
                d->graph = sameRows(*patched, *before, redo) ? before : patched;
                d->dirty = true;
                m_state.graph = d->graph;
                return d->graph;
            }
            return nullptr;
        }
    }
    // Only when the workspace itself was loaded again (a BUILD file, a requirements file
    // or the like changed); the sources path above infers what it must.
    const bool reloaded = !d->stamps && m_state.how == LoadPath::Reload;
    if (reloaded && !d->reloadBase && d->bytes && d->options) {
        // The snapshot file of a workspace that had to be loaded again (the CLI after a
        // BUILD edit): its graph is the base of a patch, as `previous` is in the window.
        std::shared_ptr<const Workspace> oldWorkspace = d->reuse;
        if (!oldWorkspace)
            if (auto old = decodeSnapshot(*d->bytes, d->key, *d->options); old && old->workspace)
                oldWorkspace = old->workspace;
        if (oldWorkspace)
            if (auto oldGraph = decodeGraph(*d->bytes, d->key, oldWorkspace); oldGraph && *oldGraph) {
                d->reloadBase = *oldGraph;
                d->reloadBaseDecoded = true;
            }
        d->bytes.reset(); // read to the end: freed before the patch (see the sources path)
    }
    // Python files saved together with the BUILD file (a checkout, a rebase): compared
    // with the stamps the base was checked against, so the patch redoes their rows too.
    bool initChanged = false;
    if (reloaded && d->baseStamps) {
        for (size_t i : d->changed(d->baseStamps->sources, d->baseStamps->takenAtNs)) {
            const std::string &f = d->baseStamps->sources[i].path;
            m_state.changedSources.push_back(f);
            initChanged = initChanged || isInitFile(f);
        }
        d->sourcesChecked = true;
    }
    if (reloaded && d->reloadBase && d->reloadBase->workspace() && d->sourcesChecked && !initChanged) {
        // A BUILD file changed: when only fields of Python source targets moved (a new
        // explicit dependency, a tag, a timeout), resolve those targets again and patch.
        auto redo = reloadRedo(*d->reloadBase->workspace(), *d->workspace,
                               d->reuse && d->reloadBase->workspace() == d->reuse);
        if (redo && !m_state.changedSources.empty()) {
            for (int t : targetsOwning(*d->workspace, m_state.changedSources))
                redo->push_back(t);
            std::sort(redo->begin(), redo->end());
            redo->erase(std::unique(redo->begin(), redo->end()), redo->end());
        }
        if (redo) {
            m_state.patchedTargets = int(redo->size());
            // An empty partial run would be a full one: redo the first target (its row
            // comes out the same); the run also gives every target's `!!` exclusions.
            if (redo->empty() && !d->workspace->targets().empty())
                redo->push_back(0);
            d->report("Resolving dependencies");
            infer::InferenceRequest ir = d->inferenceRequest();
            ir.onlyTargets = *redo;
            infer::InferenceResult partial = infer::resolveDependencies(ir);
            if (partial.cancelled)
                return nullptr;
            // An unowned conftest.py is reported once per run, by its first reporter: a
            // patch cannot tell who that is now. Rare; infer everything then.
            const std::set<int> redone(redo->begin(), redo->end());
            auto conftest = [&](const infer::DiagnosticOrigin &o) {
                return o.step == infer::StepConftests && redone.count(o.target);
            };
            const auto &oldOrigins = d->reloadBase->diagnosticOrigins();
            if (std::none_of(partial.diagnosticOrigins.begin(), partial.diagnosticOrigins.end(), conftest)
                && std::none_of(oldOrigins.begin(), oldOrigins.end(), conftest)) {
                if (d->reloadBaseDecoded && d->reloadBase.use_count() == 1) {
                    // Decoded above to be patched and held by nobody else: taken apart.
                    auto base = std::const_pointer_cast<graph::TargetGraph>(std::exchange(d->reloadBase, nullptr));
                    d->graph = std::make_shared<const graph::TargetGraph>(std::move(*base), d->workspace,
                                                                          std::move(partial), *redo);
                } else {
                    d->graph = std::make_shared<const graph::TargetGraph>(*d->reloadBase, d->workspace,
                                                                          std::move(partial), *redo);
                }
                d->dirty = true;
                m_state.graph = d->graph;
                return d->graph;
            }
            m_state.patchedTargets = -1;
        }
    }
    d->graph = d->runInference();
    d->dirty = d->dirty || d->graph != nullptr;
    m_state.graph = d->graph;
    return d->graph;
}

void LiveLoader::save()
{
    if (std::function<void()> write = prepareSave())
        write();
}

std::function<void()> LiveLoader::prepareSave()
{
    if (!d->dirty || !d->workspace || d->workspace->cancelled())
        return {};
    std::shared_ptr<const graph::TargetGraph> graph = d->graph;
    if (!graph && d->stamps && !d->inferred) {
        // Only the directory stamps moved: keep the earlier graph if it holds.
        if (d->changed(d->stamps->sources, d->stamps->takenAtNs).empty()) {
            if (d->previousGraph)
                graph = d->previousGraph;
            else if (d->bytes)
                if (auto decoded = decodeGraph(*d->bytes, d->key, d->workspace))
                    graph = *decoded;
        }
    }
    const FileTree &tree = d->tree ? *d->tree : *d->workspace->files();
    std::shared_ptr<const Stamps> stamps;
    if (d->stamps && (!graph || !d->stamps->sources.empty())) {
        // The workspace was checked against these stamps a moment ago: keep them instead
        // of stat()ing every file again, and re-stamp only the sources that changed.
        Stamps st = *d->stamps;
        st.directories = tree.walkedDirectories();
        st.ignoreFiles = tree.ignoreFiles();
        if (!graph) {
            st.sources.clear();
        } else {
            restampChanged(st.sources, m_state.changedSources, d->workspace->buildRoot());
        }
        st.takenAtNs = d->startNs;
        stamps = std::make_shared<const Stamps>(std::move(st));
    } else {
        // After a reload, the files not changed since the base's stamps keep them; only the
        // changed ones are stat()ed again (unless the lists themselves changed).
        SinceBase since;
        if (d->baseStamps) {
            since.stamps = &*d->baseStamps;
            since.changedInputs = &d->changedInputs;
            if (d->sourcesChecked)
                since.changedSources = &m_state.changedSources;
        }
        stamps = std::make_shared<const Stamps>(stampsOf(*d->workspace, tree, graph != nullptr, d->startNs, since));
    }
    d->keepEncodedWorkspace();
    m_state.stamps = stamps;
    d->dirty = false;
    if (d->path.empty())
        return {};
    // On two threads only for a process that waits for the write (the command line,
    // beside its output). After a cold load the write comes before anything else and
    // holds the memory peak; in the window it runs beside the UI thread, which it would
    // otherwise leave no core for: one after the other there.
    return [path = d->path, key = d->key, workspace = d->workspace, graph, stamps, encoded = d->encodedWorkspace,
            parallel = writeCanWait() && d->request.encodeEarly] {
        const std::shared_ptr<const EncodedPart> part = encoded.valid() ? encoded.get() : nullptr;
        writeSnapshot(path, key, workspace, graph, *stamps, part.get(), parallel);
    };
}

base::Result<LiveResult> loadLive(const LiveRequest &request)
{
    LiveLoader loader(request);
    auto ws = loader.workspace();
    if (!ws)
        return ws.takeDiagnostics();
    if (request.graph)
        loader.graph();
    loader.save();
    return loader.state();
}

} // namespace trellis::live
