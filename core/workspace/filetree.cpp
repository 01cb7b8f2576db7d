// FileTree walking and globbing.
//
// Ignore handling, and why libgit2 is used only for discovery. libgit2 can answer
// "is this path ignored?" (git_ignore_path_is_ignored), but each call rebuilds the
// ignore stack for the path's directory chain and needs an open repository. The walk
// asks that question for every directory entry (≈11,000 times for a 10,000-file tree),
// and Pants must also work in a buildroot that is not a git worktree, and must layer
// pants_ignore *after* the gitignore rules (a `!x` in pants_ignore re-includes a
// git-ignored path), which libgit2 cannot express. So:
//   * libgit2 locates the enclosing repository (git_repository_open_ext), its workdir,
//     its common .git directory (for info/exclude) and core.excludesFile from the
//     repository or global config;
//   * base::IgnoreRules (core/base/glob.h) evaluates every pattern list itself: global
//     excludes < .git/info/exclude < .gitignore files from the repository root down to
//     the entry's directory < pants_ignore, last matching rule winning. Each rule list is
//     parsed once; every directory entry is matched once, so ignored directories are
//     pruned and never read.
// Without a repository, <root>/.gitignore (and nested ones) and <root>/.git/info/exclude
// are still honoured, as Pants reads them by path.
//
// Every directory listing, stat, realpath and ignore-file read goes through base::Disk
// (RealDisk unless the caller passes another, e.g. a FakeDisk in tests).
//
// Parallelism: the root and the first levels are listed on the calling thread until
// there are enough independent subtrees, which QtConcurrent then walks in parallel; each
// subtree collects its own files, merged and sorted at the end. `.git` is always skipped.
// A symlink to a regular file counts as a file. A symlink to a directory is followed, as
// Pants does, when its target lies inside the build root and is neither already on the
// chain of links followed to reach it nor an ancestor of the link (no cycles); its files
// appear under the link's path. Links leaving the build root are not followed.
//
// Globs (Pants source-field semantics, spec §4.3/§4.5): includes are matched component by
// component over a directory index, so `*.py` in one directory costs O(files in that
// directory) and `**` visits only directories that hold visible files. Excludes (`!pat`)
// are joined to the directory and evaluated as gitignore patterns against each match and
// its ancestor directories, as Pants does, after all includes.
#include "core/workspace/filetree.h"

#include "core/base/disk.h"
#include "core/base/glob.h"
#include "core/base/paths.h"
#include "core/base/text.h"
#include "core/base/workerpool.h"

#include <QtConcurrent/QtConcurrentMap>

#include <git2.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <mutex>
#include <set>


namespace trellis::workspace {

using base::Diagnostic;
using base::Diagnostics;
using base::IgnoreRules;

namespace {

/// One gitignore-style rule list and where its patterns are rooted.
struct RuleSet {
    IgnoreRules rules;
    std::string dir;    ///< buildroot-relative directory of the list ("" = buildroot)
    std::string prefix; ///< for lists rooted above the buildroot: the buildroot's path below that root
    std::shared_ptr<const RuleSet> parent; ///< lower-precedence lists; may be null
};

/// Shared state of one walk.
struct WalkContext {
    const base::Disk *disk = nullptr; ///< not owned
    std::string root;
    std::string realRoot; ///< realpath of root
    bool useGitignore = false;
    IgnoreRules pantsIgnore;
    base::CancelToken cancel;
    std::atomic<bool> cancelled{false};
    std::mutex warningsMutex;
    Diagnostics warnings;
    std::vector<PathStamp> ignoreFiles; ///< guarded by warningsMutex

    /// Records an ignore file read (or looked for) during the walk.
    void recordIgnoreFile(PathStamp stamp)
    {
        std::lock_guard lock(warningsMutex);
        ignoreFiles.push_back(std::move(stamp));
    }

    bool isIgnored(const std::string &rel, bool isDir, const RuleSet *chain) const
    {
        const IgnoreRules::Match m = pantsIgnore.match(rel, isDir);
        if (m != IgnoreRules::Match::None)
            return m == IgnoreRules::Match::Ignore;
        for (const RuleSet *rs = chain; rs; rs = rs->parent.get()) {
            IgnoreRules::Match r;
            if (!rs->prefix.empty())
                r = rs->rules.match(rs->prefix + "/" + rel, isDir);
            else if (rs->dir.empty())
                r = rs->rules.match(rel, isDir);
            else
                r = rs->rules.match(std::string_view(rel).substr(rs->dir.size() + 1), isDir);
            if (r != IgnoreRules::Match::None)
                return r == IgnoreRules::Match::Ignore;
        }
        return false;
    }

    void warn(const std::string &path, const std::string &message)
    {
        std::lock_guard lock(warningsMutex);
        warnings.push_back(Diagnostic::warning({path, 0, 0}, message));
    }
};

/// The symlinks followed to reach a directory (innermost first), each by the real path
/// of the directory holding it. A walk revisits a real directory (a loop) exactly when a
/// link's target is that directory or an ancestor of it: the real path of the link's own
/// directory, or of the directory of any link followed earlier on the path.
struct LinkChain {
    std::string from;
    std::shared_ptr<const LinkChain> parent;
    int depth = 1;
};

/// Most directory symlinks followed on one path: several links into each other's trees
/// would otherwise multiply the walk.
constexpr int kMaxLinkDepth = 8;

/// A directory still to be walked, with the rule lists in force for its entries.
struct DirTask {
    std::string rel;
    std::shared_ptr<const RuleSet> rules;
    std::vector<std::string> files; ///< output of a parallel subtree walk
    std::vector<PathStamp> dirs;    ///< directories listed by a parallel subtree walk
    std::shared_ptr<const LinkChain> links; ///< symlinks followed to get here; null when none
};

bool isSameOrBelow(std::string_view path, std::string_view dir)
{
    return path == dir || (path.size() > dir.size() && path.starts_with(dir) && path[dir.size()] == '/');
}

std::string absoluteOf(const std::string &root, const std::string &rel)
{
    return rel.empty() ? root : root + "/" + rel;
}

/// The stamp of `path` (size -1 when it cannot be stat'ed or is missing).
PathStamp stampOf(const base::Disk &disk, std::string path, std::string recordAs)
{
    PathStamp st;
    st.path = std::move(recordAs);
    if (const auto info = disk.stat(path); info && info->exists) {
        st.size = info->isDir ? 0 : std::int64_t(info->size);
        st.mtimeNs = info->mtimeNs;
    }
    return st;
}

/// Lists one directory: appends its visible files to `files`, its visible
/// subdirectories to `subdirs` and its stamp (taken before listing) to `dirs`. Reads the
/// directory's .gitignore first.
void listDirectory(WalkContext &ctx, const DirTask &task, std::vector<std::string> &files,
                   std::vector<DirTask> &subdirs, std::vector<PathStamp> &dirs)
{
    if (ctx.cancel.isCancelled()) {
        ctx.cancelled = true;
        return;
    }
    const std::string abs = absoluteOf(ctx.root, task.rel);
    dirs.push_back(stampOf(*ctx.disk, abs, task.rel));
    const auto listed = ctx.disk->listDirectory(abs);
    if (!listed) {
        ctx.warn(task.rel.empty() ? "." : task.rel, "cannot read directory");
        return;
    }
    struct Entry {
        std::string name;
        bool isDir;
        std::shared_ptr<const LinkChain> links;
    };
    std::vector<Entry> entries;
    bool hasGitignore = false;
    for (const base::DirEntry &e : *listed) {
        if (e.name == ".git")
            continue;
        std::shared_ptr<const LinkChain> links = task.links;
        if (e.isSymlink && e.isDir) {
            // Directory links are followed when they stay inside the build root and do
            // not loop; links to regular files count as files.
            const auto target = ctx.disk->realPath(abs + "/" + e.name);
            if (!target || !isSameOrBelow(*target, ctx.realRoot))
                continue; // escapes the build root
            if (task.links && task.links->depth >= kMaxLinkDepth)
                continue;
            const auto hereResolved = ctx.disk->realPath(abs);
            const std::string here = hereResolved ? *hereResolved : std::string();
            bool cycle = here.empty() || isSameOrBelow(here, *target);
            for (const LinkChain *l = task.links.get(); l && !cycle; l = l->parent.get())
                cycle = isSameOrBelow(l->from, *target);
            if (cycle)
                continue;
            links = std::make_shared<const LinkChain>(LinkChain{here, task.links, task.links ? task.links->depth + 1 : 1});
        }
        if (!e.isDir && !e.isFile)
            continue;
        if (e.isFile && e.name == ".gitignore")
            hasGitignore = true;
        entries.push_back({e.name, e.isDir, std::move(links)});
    }

    std::shared_ptr<const RuleSet> rules = task.rules;
    if (ctx.useGitignore && hasGitignore && !task.rel.empty()) {
        ctx.recordIgnoreFile(stampOf(*ctx.disk, abs + "/.gitignore", abs + "/.gitignore"));
        if (auto text = ctx.disk->readFile(abs + "/.gitignore")) {
            IgnoreRules parsed = IgnoreRules::fromText(*text);
            if (!parsed.isEmpty())
                rules = std::make_shared<const RuleSet>(RuleSet{std::move(parsed), task.rel, {}, rules});
        }
    }
    for (Entry &e : entries) {
        std::string rel = base::joinPath(task.rel, e.name);
        if (ctx.isIgnored(rel, e.isDir, rules.get()))
            continue;
        if (e.isDir)
            subdirs.push_back({std::move(rel), rules, {}, {}, e.links});
        else
            files.push_back(std::move(rel));
    }
}

/// Walks a whole subtree depth-first on the current thread.
void walkSubtree(WalkContext &ctx, DirTask &task)
{
    std::vector<DirTask> stack;
    std::vector<DirTask> subdirs;
    listDirectory(ctx, task, task.files, subdirs, task.dirs);
    stack = std::move(subdirs);
    while (!stack.empty() && !ctx.cancelled) {
        DirTask next = std::move(stack.back());
        stack.pop_back();
        subdirs.clear();
        listDirectory(ctx, next, task.files, subdirs, task.dirs);
        for (DirTask &s : subdirs)
            stack.push_back(std::move(s));
    }
}

/// Reads a gitignore-style file into a rule set; null when absent or empty.
std::shared_ptr<const RuleSet> ruleFile(const base::Disk &disk, const std::string &path, std::string dir,
                                        std::string prefix, std::shared_ptr<const RuleSet> parent,
                                        std::vector<PathStamp> *record = nullptr)
{
    if (record)
        record->push_back(stampOf(disk, path, path));
    const auto text = disk.readFile(path);
    if (!text)
        return parent;
    IgnoreRules rules = IgnoreRules::fromText(*text);
    if (rules.isEmpty())
        return parent;
    return std::make_shared<const RuleSet>(RuleSet{std::move(rules), std::move(dir), std::move(prefix), parent});
}

std::string expandHome(const std::string &path)
{
    if (path == "~" || path.rfind("~/", 0) == 0) {
        const char *home = std::getenv("HOME");
        return std::string(home ? home : "") + path.substr(1);
    }
    return path;
}

/// The rule lists that apply at the buildroot: global excludes, info/exclude and the
/// .gitignore files from the repository root down to (and including) the buildroot.
std::shared_ptr<const RuleSet> rootRules(const base::Disk &disk, const std::string &root, std::vector<PathStamp> *record)
{
    // Initialise libgit2 once per process and keep it: its init loads the TLS
    // certificate store, which costs more than the whole walk.
    static const int libgit2Ready = git_libgit2_init();
    if (libgit2Ready < 0)
        return ruleFile(disk, root + "/.gitignore", {}, {}, ruleFile(disk, root + "/.git/info/exclude", {}, {}, nullptr, record), record);
    std::shared_ptr<const RuleSet> chain;
    git_repository *repo = nullptr;
    std::string workdir;
    std::string commondir;
    git_config *config = nullptr;
    if (git_repository_open_ext(&repo, root.c_str(), 0, nullptr) == 0) {
        if (const char *wd = git_repository_workdir(repo))
            workdir = wd;
        if (const char *cd = git_repository_commondir(repo))
            commondir = cd;
        git_repository_config_snapshot(&config, repo);
    } else {
        git_config *def = nullptr;
        if (git_config_open_default(&def) == 0) {
            git_config_snapshot(&config, def);
            git_config_free(def);
        }
    }
    while (workdir.size() > 1 && workdir.back() == '/')
        workdir.pop_back();
    while (commondir.size() > 1 && commondir.back() == '/')
        commondir.pop_back();

    // The buildroot's path below the repository workdir ("" when they coincide).
    std::string below;
    const bool inside = !workdir.empty() && (root == workdir || root.rfind(workdir + "/", 0) == 0);
    if (inside && root != workdir)
        below = root.substr(workdir.size() + 1);

    std::string excludesFile;
    if (config) {
        git_buf buf = GIT_BUF_INIT;
        if (git_config_get_path(&buf, config, "core.excludesFile") == 0 && buf.ptr)
            excludesFile = buf.ptr;
        git_buf_dispose(&buf);
        git_config_free(config);
    }
    if (excludesFile.empty()) {
        const char *xdg = std::getenv("XDG_CONFIG_HOME");
        excludesFile = (xdg && *xdg) ? std::string(xdg) + "/git/ignore" : expandHome("~/.config/git/ignore");
    }
    git_repository_free(repo);

    // Lists rooted at the repository workdir see the buildroot as `below`.
    const std::string rootDirPrefix = inside ? below : std::string();
    chain = ruleFile(disk, expandHome(excludesFile), {}, rootDirPrefix, chain, record);
    if (inside && !commondir.empty())
        chain = ruleFile(disk, commondir + "/info/exclude", {}, rootDirPrefix, chain, record);
    else
        chain = ruleFile(disk, root + "/.git/info/exclude", {}, {}, chain, record);
    if (inside && !below.empty()) {
        // .gitignore files between the repository root and the buildroot.
        std::string dir = workdir;
        std::string rest = below;
        chain = ruleFile(disk, dir + "/.gitignore", {}, rest, chain, record);
        while (true) {
            const size_t slash = rest.find('/');
            dir += "/" + rest.substr(0, slash);
            if (slash == std::string::npos)
                break;
            rest = rest.substr(slash + 1);
            chain = ruleFile(disk, dir + "/.gitignore", {}, rest, chain, record);
        }
    }
    return ruleFile(disk, root + "/.gitignore", {}, {}, chain, record);
}

} // namespace

base::Result<std::shared_ptr<const FileTree>> FileTree::walk(const std::string &buildRoot,
                                                             const std::vector<std::string> &ignorePatterns,
                                                             bool useGitignore, const base::CancelToken &cancel,
                                                             const base::Disk *diskOrNull)
{
    const base::RealDisk realDisk;
    const base::Disk &disk = diskOrNull ? *diskOrNull : realDisk;
    std::string root = buildRoot;
    while (root.size() > 1 && root.back() == '/')
        root.pop_back();
    const auto rootInfo = root.empty() ? base::Result<base::FileInfo>(base::FileInfo{}) : disk.stat(root);
    if (!rootInfo || !rootInfo->isDir)
        return Diagnostic::error({buildRoot, 0, 0}, "build root is not a directory");

    WalkContext ctx;
    ctx.root = root;
    ctx.disk = &disk;
    const auto realRoot = disk.realPath(root);
    ctx.realRoot = realRoot ? *realRoot : root;
    ctx.useGitignore = useGitignore;
    ctx.pantsIgnore = IgnoreRules::fromLines(ignorePatterns);
    ctx.cancel = cancel;

    std::vector<PathStamp> rootIgnoreFiles;
    DirTask top{"", useGitignore ? rootRules(disk, root, &rootIgnoreFiles) : nullptr, {}, {}, nullptr};

    // List breadth-first on this thread until there are enough subtrees to share out.
    std::vector<std::string> files;
    std::vector<PathStamp> dirs;
    std::vector<DirTask> frontier;
    listDirectory(ctx, top, files, frontier, dirs);
    const int threads = std::max(1, base::workerPool()->maxThreadCount());
    for (int level = 0; level < 2 && !frontier.empty() && frontier.size() < size_t(threads) * 8 && !ctx.cancelled;
         ++level) {
        std::vector<DirTask> next;
        for (const DirTask &t : frontier)
            listDirectory(ctx, t, files, next, dirs);
        frontier = std::move(next);
    }
    if (!ctx.cancelled) {
        if (frontier.size() > 1 && threads > 1)
            QtConcurrent::blockingMap(base::workerPool(), frontier, [&ctx](DirTask &t) { walkSubtree(ctx, t); });
        else
            for (DirTask &t : frontier)
                walkSubtree(ctx, t);
    }
    if (ctx.cancelled || cancel.isCancelled())
        return Diagnostic::error({buildRoot, 0, 0}, "walk cancelled");

    size_t total = files.size();
    for (const DirTask &t : frontier)
        total += t.files.size();
    files.reserve(total);
    for (DirTask &t : frontier) {
        std::move(t.files.begin(), t.files.end(), std::back_inserter(files));
        std::move(t.dirs.begin(), t.dirs.end(), std::back_inserter(dirs));
    }
    std::sort(dirs.begin(), dirs.end(), [](const PathStamp &a, const PathStamp &b) { return a.path < b.path; });
    std::move(ctx.ignoreFiles.begin(), ctx.ignoreFiles.end(), std::back_inserter(rootIgnoreFiles));

    auto tree = std::make_shared<FileTree>();
    tree->m_buildRoot = root;
    tree->m_files = std::move(files);
    std::sort(tree->m_files.begin(), tree->m_files.end());
    tree->buildIndex();
    tree->m_walkedDirs = std::move(dirs);
    tree->m_ignoreFiles = std::move(rootIgnoreFiles);
    Diagnostics warnings = std::move(ctx.warnings);
    return base::Result<std::shared_ptr<const FileTree>>(std::shared_ptr<const FileTree>(std::move(tree)),
                                                         std::move(warnings));
}

std::shared_ptr<const FileTree> FileTree::fromFiles(std::string buildRoot, std::vector<std::string> files)
{
    auto tree = std::make_shared<FileTree>();
    tree->m_buildRoot = std::move(buildRoot);
    std::vector<std::string> clean;
    clean.reserve(files.size());
    for (std::string &f : files) {
        // Keep only well-formed buildroot-relative paths.
        auto comps = base::normalizedComponents(f);
        if (!comps || comps->empty())
            continue;
        std::string joined;
        for (const std::string &c : *comps)
            joined = base::joinPath(joined, c);
        clean.push_back(std::move(joined));
    }
    std::sort(clean.begin(), clean.end());
    clean.erase(std::unique(clean.begin(), clean.end()), clean.end());
    tree->m_files = std::move(clean);
    tree->buildIndex();
    return tree;
}

std::shared_ptr<const FileTree> FileTree::restore(std::string buildRoot, std::vector<std::string> files,
                                                  std::vector<PathStamp> directories, std::vector<PathStamp> ignoreFiles)
{
    auto tree = std::make_shared<FileTree>();
    tree->m_buildRoot = std::move(buildRoot);
    tree->m_files = std::move(files);
    tree->buildIndex();
    tree->m_walkedDirs = std::move(directories);
    tree->m_ignoreFiles = std::move(ignoreFiles);
    return tree;
}

void FileTree::buildIndex()
{
    std::set<std::string> dirs;
    dirs.insert(std::string());
    std::vector<std::uint32_t> *current = nullptr;
    std::string_view currentDir;
    for (std::uint32_t i = 0; i < m_files.size(); ++i) {
        const std::string_view dirView = base::dirName(m_files[i]);
        if (current && dirView == currentDir) {
            current->push_back(i); // files of one directory are mostly adjacent
            continue;
        }
        const std::string dir(dirView);
        current = &m_filesByDir[dir];
        currentDir = dirView;
        current->push_back(i);
        std::string d = dir;
        while (!d.empty() && dirs.insert(d).second) {
            const std::string parent(base::dirName(d));
            m_subdirs[parent].emplace_back(base::baseName(d));
            d = parent;
        }
    }
    for (auto &[_, names] : m_subdirs)
        std::sort(names.begin(), names.end());
    m_dirs.assign(dirs.begin(), dirs.end());
}

bool FileTree::contains(std::string_view path) const
{
    return std::binary_search(m_files.begin(), m_files.end(), path,
                              [](std::string_view a, std::string_view b) { return a < b; });
}

std::vector<std::string_view> FileTree::filesIn(std::string_view dir) const
{
    std::vector<std::string_view> out;
    const auto it = m_filesByDir.find(std::string(dir));
    if (it == m_filesByDir.end())
        return out;
    out.reserve(it->second.size());
    for (std::uint32_t i : it->second)
        out.push_back(base::baseName(m_files[i]));
    return out;
}

std::vector<std::string> FileTree::directories() const
{
    return m_dirs;
}

std::string FileTree::absolutePath(std::string_view rel) const
{
    return rel.empty() ? m_buildRoot : m_buildRoot + "/" + std::string(rel);
}

void FileTree::addFilesUnder(const std::string &dir, std::vector<std::string> &out) const
{
    // m_dirs is sorted, so `dir` and its descendants ("dir/...") are one contiguous run
    // starting at `dir` (descendants sort right after "dir/").
    const auto addDir = [&](const std::string &d) {
        const auto it = m_filesByDir.find(d);
        if (it != m_filesByDir.end())
            for (std::uint32_t i : it->second)
                out.push_back(m_files[i]);
    };
    if (dir.empty()) {
        out.insert(out.end(), m_files.begin(), m_files.end());
        return;
    }
    addDir(dir);
    const std::string prefix = dir + "/";
    for (auto it = std::lower_bound(m_dirs.begin(), m_dirs.end(), prefix);
         it != m_dirs.end() && it->compare(0, prefix.size(), prefix) == 0; ++it)
        addDir(*it);
}

void FileTree::matchGlob(const std::string &dir, const std::vector<std::string> &components, size_t index,
                         std::vector<std::string> &out, std::set<std::pair<std::string, size_t>> &visited) const
{
    const std::string &comp = components[index];
    const bool last = index + 1 == components.size();
    if (comp == "**") {
        if (!visited.emplace(dir, index).second)
            return;
        if (last) {
            addFilesUnder(dir, out);
            return;
        }
        matchGlob(dir, components, index + 1, out, visited);
        const auto sub = m_subdirs.find(dir);
        if (sub != m_subdirs.end())
            for (const std::string &name : sub->second)
                matchGlob(base::joinPath(dir, name), components, index, out, visited);
        return;
    }
    if (last) {
        const auto it = m_filesByDir.find(dir);
        if (it == m_filesByDir.end())
            return;
        if (!base::hasWildcard(comp)) {
            const std::string path = base::joinPath(dir, comp);
            if (contains(path))
                out.push_back(path);
            return;
        }
        for (std::uint32_t i : it->second)
            if (base::wildcardMatch(comp, base::baseName(m_files[i]), base::GlobSyntax::PantsGlob))
                out.push_back(m_files[i]);
        return;
    }
    const auto sub = m_subdirs.find(dir);
    if (sub == m_subdirs.end())
        return;
    if (!base::hasWildcard(comp)) {
        if (std::binary_search(sub->second.begin(), sub->second.end(), comp))
            matchGlob(base::joinPath(dir, comp), components, index + 1, out, visited);
        return;
    }
    for (const std::string &name : sub->second)
        if (base::wildcardMatch(comp, name, base::GlobSyntax::PantsGlob))
            matchGlob(base::joinPath(dir, name), components, index + 1, out, visited);
}

std::vector<std::string> FileTree::glob(std::string_view dir, const std::vector<std::string> &patterns,
                                        std::vector<std::string> *unmatched) const
{
    const base::SourceGlobs globs(dir, patterns);
    const IgnoreRules &excludes = globs.excludes();
    // The verdict for a file's ancestor directories depends only on its directory, and
    // matches arrive grouped by directory, so the last directory's verdict is kept:
    // matching every ancestor again for each file was most of the cost of a glob.
    std::string lastDir;
    bool lastDirKnown = false, lastDirExcluded = false;
    const auto excluded = [&](const std::string &path) {
        if (excludes.isEmpty())
            return false;
        if (excludes.isIgnored(path, false))
            return true;
        const std::string_view dir = base::dirName(path);
        if (!lastDirKnown || dir != lastDir) {
            lastDirExcluded = !dir.empty() && excludes.isPathIgnored(dir, true);
            lastDir.assign(dir);
            lastDirKnown = true;
        }
        return lastDirExcluded;
    };

    std::vector<std::string> result;
    for (const base::SourceGlobs::Include &include : globs.includes()) {
        std::vector<std::string> matched;
        if (include.components && !include.components->empty()) {
            std::set<std::pair<std::string, size_t>> visited;
            matchGlob(std::string(), *include.components, 0, matched, visited);
        }
        bool any = false;
        for (std::string &m : matched) {
            if (excluded(m))
                continue;
            any = true;
            result.push_back(std::move(m));
        }
        if (!any && unmatched)
            unmatched->push_back(include.pattern);
    }
    std::sort(result.begin(), result.end());
    result.erase(std::unique(result.begin(), result.end()), result.end());
    return result;
}

bool globEscapesRoot(std::string_view dir, std::string_view pattern)
{
    if (!pattern.empty() && pattern.front() == '!')
        pattern.remove_prefix(1);
    if (!pattern.empty() && pattern.front() == '/')
        return false; // absolute globs are a different error (they never match)
    return !base::normalizedComponents(base::joinPath(dir, pattern));
}

} // namespace trellis::workspace
