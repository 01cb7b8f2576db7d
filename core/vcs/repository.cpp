// Reading changes with libgit2.
//
// --changed-since=REF is, per Pants, the union of three git questions:
//   (a) `git diff --name-status HEAD`              staged + unstaged changes,
//   (b) `git diff --name-status REF...HEAD`        the branch's own commits,
//   (c) `git ls-files --others --exclude-standard` untracked, not ignored.
// (a) and (c) together are exactly what `git status` computes, so one
// git_status_list_new call (index-and-workdir, untracked recursed, renames off) answers
// both. (b) is a tree-to-tree diff between the merge base of REF and HEAD and HEAD,
// which never touches the worktree. When a path appears in both, its status relative
// to the base wins where it says more (a file added on the branch and then edited is
// still "added").
// Sparse checkouts: index entries with the skip-worktree bit are absent from the
// worktree on purpose, and git takes their worktree side to equal the index. libgit2's
// status ignores the bit (it has no option for it, libgit2#5813) and calls them deleted,
// so the worktree half of their status is dropped here; their HEAD-to-index half counts.
#include "core/vcs/repository.h"

#include "core/vcs/githandle.h"

#include <git2.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <functional>
#include <map>
#include <mutex>
#include <unordered_set>

namespace trellis::vcs {

using base::Diagnostic;
using base::Result;

namespace {

void ensureInit()
{
    static std::once_flag once;
    std::call_once(once, [] { git_libgit2_init(); });
}

std::string lastError()
{
    const git_error *e = git_error_last();
    return e && e->message ? std::string(e->message) : std::string("unknown libgit2 error");
}

Diagnostic gitError(const std::string &what)
{
    return Diagnostic::error({}, what + ": " + lastError());
}

CommitInfo commitInfo(const git_commit *c)
{
    CommitInfo info;
    info.hash = oidHex(git_commit_id(c));
    const char *summary = git_commit_summary(const_cast<git_commit *>(c));
    info.summary = summary ? summary : "";
    const char *msg = git_commit_message(c);
    info.message = msg ? msg : "";
    if (const git_signature *a = git_commit_author(c))
        info.author = std::string(a->name ? a->name : "") + " <" + (a->email ? a->email : "") + ">";
    info.time = git_commit_time(c);
    info.timeOffsetMinutes = git_commit_time_offset(c);
    return info;
}

ChangeStatus fromDelta(git_delta_t d)
{
    switch (d) {
    case GIT_DELTA_ADDED: return ChangeStatus::Added;
    case GIT_DELTA_DELETED: return ChangeStatus::Deleted;
    case GIT_DELTA_TYPECHANGE: return ChangeStatus::TypeChanged;
    case GIT_DELTA_UNTRACKED: return ChangeStatus::Untracked;
    default: return ChangeStatus::Modified;
    }
}

// Merges a status for `path` into `out`, keeping the most telling one: a file the base
// did not have stays Added/Untracked even if edited since; a deletion wins over edits.
void mergeChange(std::map<std::string, ChangeStatus> &out, const std::string &path, ChangeStatus s)
{
    auto [it, inserted] = out.emplace(path, s);
    if (inserted)
        return;
    ChangeStatus &cur = it->second;
    if (s == ChangeStatus::Deleted) {
        // Added on the branch, then deleted in the worktree: nothing left, but it still
        // changed relative to HEAD; report the deletion.
        cur = ChangeStatus::Deleted;
    } else if (cur == ChangeStatus::Deleted && s != ChangeStatus::Deleted) {
        cur = s == ChangeStatus::Untracked ? ChangeStatus::Added : ChangeStatus::Modified;
    } else if (cur == ChangeStatus::Modified && (s == ChangeStatus::Added || s == ChangeStatus::Untracked)) {
        cur = s;
    }
}

std::vector<ChangedFile> toList(const std::map<std::string, ChangeStatus> &m)
{
    std::vector<ChangedFile> out;
    out.reserve(m.size());
    for (const auto &[path, status] : m)
        out.push_back({path, status});
    return out;
}

} // namespace

const char *changeStatusName(ChangeStatus s)
{
    switch (s) {
    case ChangeStatus::Added: return "added";
    case ChangeStatus::Modified: return "modified";
    case ChangeStatus::Deleted: return "deleted";
    case ChangeStatus::TypeChanged: return "typechange";
    case ChangeStatus::Untracked: return "untracked";
    }
    return "modified";
}

Result<std::shared_ptr<Repository>> Repository::open(const std::string &scopeDir)
{
    ensureInit();
    std::shared_ptr<Repository> repo(new Repository);
    if (git_repository_open_ext(&repo->m_repo, scopeDir.c_str(), 0, nullptr) != 0) {
        repo->m_repo = nullptr;
        return Diagnostic::error({scopeDir}, "not a git repository (or any parent up to the root)");
    }
    if (git_repository_is_bare(repo->m_repo))
        return Diagnostic::error({scopeDir}, "the repository is bare; a worktree is needed");
    // Compute the scope prefix: scopeDir relative to the worktree root.
    std::string work = git_repository_workdir(repo->m_repo);
    std::string scope = scopeDir;
    // Canonicalise both through realpath so symlinked temp dirs compare equal.
    auto canon = [](const std::string &p) {
        char buf[4096];
        if (::realpath(p.c_str(), buf))
            return std::string(buf);
        return p;
    };
    std::string w = canon(work);
    std::string s = canon(scope);
    if (!w.empty() && w.back() != '/')
        w += '/';
    if (!s.empty() && s.back() != '/')
        s += '/';
    if (s.size() >= w.size() && s.compare(0, w.size(), w) == 0)
        repo->m_prefix = s.substr(w.size());
    return repo;
}

Repository::~Repository()
{
    if (m_repo)
        git_repository_free(m_repo);
}

std::string Repository::workdir() const
{
    const char *w = git_repository_workdir(m_repo);
    return w ? w : "";
}

bool Repository::isShallow() const { return git_repository_is_shallow(m_repo) == 1; }

std::optional<std::string> Repository::toScope(const char *repoPath) const
{
    std::string_view p(repoPath ? repoPath : "");
    if (m_prefix.empty())
        return std::string(p);
    if (p.size() > m_prefix.size() && p.compare(0, m_prefix.size(), m_prefix) == 0)
        return std::string(p.substr(m_prefix.size()));
    return std::nullopt;
}

namespace {

// Resolves `rev` to a commit, with messages that say what went wrong.
Result<git_commit *> lookupCommit(git_repository *repo, const std::string &rev)
{
    ObjectPtr obj;
    if (git_revparse_single(obj.out(), repo, rev.c_str()) != 0) {
        std::string msg = "unknown revision '" + rev + "'";
        if (git_repository_is_shallow(repo) == 1)
            msg += " (this is a shallow clone; the revision may be missing from its history: "
                   "run `git fetch --unshallow` or fetch the base branch)";
        else if (git_repository_head_unborn(repo) == 1)
            msg += " (the repository has no commits yet)";
        return Diagnostic::error({}, msg);
    }
    git_object *peeled = nullptr;
    if (git_object_peel(&peeled, obj.get(), GIT_OBJECT_COMMIT) != 0)
        return Diagnostic::error({}, "revision '" + rev + "' does not name a commit");
    return reinterpret_cast<git_commit *>(peeled);
}

} // namespace

Result<CommitInfo> Repository::resolve(const std::string &rev) const
{
    auto c = lookupCommit(m_repo, rev);
    if (!c)
        return c.takeDiagnostics();
    CommitPtr commit;
    *commit.out() = *c;
    return commitInfo(commit.get());
}

Result<CommitInfo> Repository::mergeBase(const std::string &a, const std::string &b) const
{
    auto ca = lookupCommit(m_repo, a);
    if (!ca)
        return ca.takeDiagnostics();
    CommitPtr commitA;
    *commitA.out() = *ca;
    auto cb = lookupCommit(m_repo, b);
    if (!cb)
        return cb.takeDiagnostics();
    CommitPtr commitB;
    *commitB.out() = *cb;
    git_oid base;
    if (git_merge_base(&base, m_repo, git_commit_id(commitA.get()), git_commit_id(commitB.get())) != 0) {
        std::string msg = "no merge base between '" + a + "' and '" + b + "'";
        if (isShallow())
            msg += " (shallow clone: fetch more history with `git fetch --unshallow`)";
        return Diagnostic::error({}, msg);
    }
    CommitPtr baseCommit;
    if (git_commit_lookup(baseCommit.out(), m_repo, &base) != 0)
        return gitError("cannot read merge base");
    return commitInfo(baseCommit.get());
}

namespace {

// Tree-to-tree diff of two commits (either may be null = empty tree), renames off.
base::Status diffTrees(git_repository *repo, const git_commit *from, const git_commit *to,
                       const std::function<void(const char *, ChangeStatus)> &emit)
{
    TreePtr a, b;
    if (from && git_commit_tree(a.out(), from) != 0)
        return gitError("cannot read tree");
    if (to && git_commit_tree(b.out(), to) != 0)
        return gitError("cannot read tree");
    git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
    DiffPtr diff;
    if (git_diff_tree_to_tree(diff.out(), repo, a.get(), b.get(), &opts) != 0)
        return gitError("cannot diff trees");
    const size_t n = git_diff_num_deltas(diff.get());
    for (size_t i = 0; i < n; ++i) {
        const git_diff_delta *d = git_diff_get_delta(diff.get(), i);
        const char *path = d->status == GIT_DELTA_DELETED ? d->old_file.path : d->new_file.path;
        emit(path, fromDelta(d->status));
    }
    return base::okStatus();
}

/// Repository-relative paths of the index entries with the skip-worktree bit (the files a
/// sparse checkout leaves out); empty when the index cannot be read.
std::unordered_set<std::string> skipWorktreePaths(git_repository *repo)
{
    std::unordered_set<std::string> out;
    IndexPtr index;
    if (git_repository_index(index.out(), repo) != 0)
        return out;
    git_index_read(index.get(), 0); // pick up a `git sparse-checkout` run since the last read
    const size_t n = git_index_entrycount(index.get());
    for (size_t i = 0; i < n; ++i)
        if (const git_index_entry *e = git_index_get_byindex(index.get(), i))
            if ((e->flags_extended & GIT_INDEX_ENTRY_SKIP_WORKTREE) && e->path)
                out.emplace(e->path);
    return out;
}

} // namespace

Result<std::vector<ChangedFile>> Repository::uncommittedChanges() const
{
    git_status_options opts = GIT_STATUS_OPTIONS_INIT;
    opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
    opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS
                 | GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
    // Only look inside the scope: much faster for a build root in a subdirectory.
    std::string scopeSpec = m_prefix;
    char *scopePaths[] = {scopeSpec.data()};
    if (!m_prefix.empty())
        opts.pathspec = {scopePaths, 1};
    StatusPtr list;
    if (git_status_list_new(list.out(), m_repo, &opts) != 0)
        return gitError("cannot read the worktree status");
    const std::unordered_set<std::string> skipWorktree = skipWorktreePaths(m_repo);
    constexpr unsigned kWorktreeBits = GIT_STATUS_WT_MODIFIED | GIT_STATUS_WT_DELETED | GIT_STATUS_WT_TYPECHANGE
                                       | GIT_STATUS_WT_RENAMED | GIT_STATUS_WT_UNREADABLE;
    std::map<std::string, ChangeStatus> out;
    const size_t n = git_status_list_entrycount(list.get());
    for (size_t i = 0; i < n; ++i) {
        const git_status_entry *e = git_status_byindex(list.get(), i);
        unsigned bits = e->status;
        if (bits == GIT_STATUS_CURRENT || (bits & GIT_STATUS_IGNORED))
            continue;
        const git_diff_delta *d = e->index_to_workdir ? e->index_to_workdir : e->head_to_index;
        const char *path = d->status == GIT_DELTA_DELETED ? d->old_file.path : d->new_file.path;
        if (!skipWorktree.empty() && path && skipWorktree.count(path))
            bits &= ~kWorktreeBits;
        if (bits == GIT_STATUS_CURRENT)
            continue;
        auto scoped = toScope(path);
        if (!scoped)
            continue;
        ChangeStatus status = ChangeStatus::Modified;
        if (bits & GIT_STATUS_WT_NEW)
            status = ChangeStatus::Untracked;
        else if (bits & (GIT_STATUS_WT_DELETED | GIT_STATUS_INDEX_DELETED))
            status = ChangeStatus::Deleted;
        else if (bits & GIT_STATUS_INDEX_NEW)
            status = ChangeStatus::Added;
        else if (bits & (GIT_STATUS_WT_TYPECHANGE | GIT_STATUS_INDEX_TYPECHANGE))
            status = ChangeStatus::TypeChanged;
        mergeChange(out, *scoped, status);
    }
    return toList(out);
}

Result<std::vector<ChangedFile>> Repository::changedSince(const std::string &ref) const
{
    if (git_repository_head_unborn(m_repo) == 1)
        return Diagnostic::error({}, "the repository has no commits yet; --changed-since needs a HEAD commit");
    auto base = mergeBase(ref, "HEAD");
    if (!base)
        return base.takeDiagnostics();
    std::map<std::string, ChangeStatus> out;
    auto baseCommit = lookupCommit(m_repo, base->hash);
    auto headCommit = lookupCommit(m_repo, "HEAD");
    if (!baseCommit || !headCommit)
        return Diagnostic::error({}, "cannot read commits for --changed-since=" + ref);
    CommitPtr b, h;
    *b.out() = *baseCommit;
    *h.out() = *headCommit;
    auto st = diffTrees(m_repo, b.get(), h.get(), [&](const char *path, ChangeStatus s) {
        if (auto scoped = toScope(path))
            mergeChange(out, *scoped, s);
    });
    if (!st)
        return st.takeDiagnostics();
    auto local = uncommittedChanges();
    if (!local)
        return local.takeDiagnostics();
    for (const ChangedFile &f : *local)
        mergeChange(out, f.path, f.status);
    return toList(out);
}

Result<std::vector<ChangedFile>> Repository::changedInDiffspec(const std::string &spec) const
{
    std::string from, to;
    bool symmetric = false;
    if (const size_t p = spec.find("..."); p != std::string::npos) {
        from = spec.substr(0, p);
        to = spec.substr(p + 3);
        symmetric = true;
    } else if (const size_t q = spec.find(".."); q != std::string::npos) {
        from = spec.substr(0, q);
        to = spec.substr(q + 2);
    }
    if (from.empty() && (symmetric || !to.empty() || spec.find("..") != std::string::npos))
        from = "HEAD";
    if (to.empty() && spec.find("..") != std::string::npos)
        to = "HEAD";

    CommitPtr a, b;
    if (spec.find("..") == std::string::npos) {
        // A single commit: what it changed relative to its first parent.
        auto c = lookupCommit(m_repo, spec);
        if (!c)
            return c.takeDiagnostics();
        *b.out() = *c;
        if (git_commit_parentcount(b.get()) > 0 && git_commit_parent(a.out(), b.get(), 0) != 0)
            return gitError("cannot read the parent of '" + spec + "'");
    } else {
        if (symmetric) {
            auto mb = mergeBase(from, to);
            if (!mb)
                return mb.takeDiagnostics();
            from = mb->hash;
        }
        auto ca = lookupCommit(m_repo, from);
        if (!ca)
            return ca.takeDiagnostics();
        *a.out() = *ca;
        auto cb = lookupCommit(m_repo, to);
        if (!cb)
            return cb.takeDiagnostics();
        *b.out() = *cb;
    }
    std::map<std::string, ChangeStatus> out;
    auto st = diffTrees(m_repo, a.get(), b.get(), [&](const char *path, ChangeStatus s) {
        if (auto scoped = toScope(path))
            mergeChange(out, *scoped, s);
    });
    if (!st)
        return st.takeDiagnostics();
    return toList(out);
}

Result<WorktreeState> Repository::worktreeState() const
{
    WorktreeState state;
    state.detached = git_repository_head_detached(m_repo) == 1;
    if (git_repository_head_unborn(m_repo) != 1) {
        RefPtr head;
        if (git_repository_head(head.out(), m_repo) != 0)
            return gitError("cannot read HEAD");
        if (!state.detached) {
            const char *name = nullptr;
            if (git_branch_name(&name, head.get()) == 0 && name)
                state.branch = name;
        }
        if (const git_oid *oid = git_reference_target(head.get()))
            state.headHash = oidHex(oid);
    } else {
        RefPtr head;
        // Unborn branch: HEAD is a symbolic ref to a branch that does not exist yet.
        if (git_reference_lookup(head.out(), m_repo, "HEAD") == 0) {
            const char *target = git_reference_symbolic_target(head.get());
            std::string t = target ? target : "";
            const std::string prefix = "refs/heads/";
            state.branch = t.rfind(prefix, 0) == 0 ? t.substr(prefix.size()) : t;
        }
    }
    auto changes = uncommittedChanges();
    if (!changes)
        return changes.takeDiagnostics();
    state.changes = std::move(*changes);
    state.clean = state.changes.empty();
    return state;
}

Result<std::vector<TagInfo>> Repository::tags() const
{
    git_strarray names{};
    if (git_tag_list(&names, m_repo) != 0)
        return gitError("cannot list tags");
    std::vector<TagInfo> out;
    for (size_t i = 0; i < names.count; ++i) {
        TagInfo tag;
        tag.name = names.strings[i];
        ObjectPtr obj;
        if (git_revparse_single(obj.out(), m_repo, ("refs/tags/" + tag.name).c_str()) != 0)
            continue;
        if (git_object_type(obj.get()) == GIT_OBJECT_TAG) {
            tag.annotated = true;
            const git_tag *t = reinterpret_cast<const git_tag *>(obj.get());
            const char *msg = git_tag_message(t);
            tag.message = msg ? msg : "";
        }
        git_object *peeled = nullptr;
        if (git_object_peel(&peeled, obj.get(), GIT_OBJECT_COMMIT) == 0) {
            tag.target = oidHex(git_object_id(peeled));
            git_object_free(peeled);
        }
        out.push_back(std::move(tag));
    }
    git_strarray_dispose(&names);
    std::sort(out.begin(), out.end(), [](const TagInfo &a, const TagInfo &b) { return a.name < b.name; });
    return out;
}

Result<std::vector<std::string>> Repository::branches() const
{
    BranchIterPtr it;
    if (git_branch_iterator_new(it.out(), m_repo, GIT_BRANCH_ALL) != 0)
        return gitError("cannot list branches");
    std::vector<std::string> out;
    git_reference *ref = nullptr;
    git_branch_t type;
    while (git_branch_next(&ref, &type, it.get()) == 0) {
        const char *name = nullptr;
        if (git_branch_name(&name, ref) == 0 && name && std::string_view(name).find("/HEAD") == std::string_view::npos)
            out.emplace_back(name);
        git_reference_free(ref);
    }
    std::sort(out.begin(), out.end());
    return out;
}

Result<std::vector<CommitInfo>> Repository::recentCommits(int count) const
{
    std::vector<CommitInfo> out;
    if (git_repository_head_unborn(m_repo) == 1)
        return out;
    WalkPtr walk;
    if (git_revwalk_new(walk.out(), m_repo) != 0 || git_revwalk_push_head(walk.get()) != 0)
        return gitError("cannot walk history");
    git_revwalk_sorting(walk.get(), GIT_SORT_TIME);
    git_oid oid;
    while (int(out.size()) < count && git_revwalk_next(&oid, walk.get()) == 0) {
        CommitPtr c;
        if (git_commit_lookup(c.out(), m_repo, &oid) == 0)
            out.push_back(commitInfo(c.get()));
    }
    return out;
}

Result<int> Repository::countCommits(const std::string &from, const std::string &to) const
{
    auto a = resolve(from);
    if (!a)
        return a.takeDiagnostics();
    auto b = resolve(to);
    if (!b)
        return b.takeDiagnostics();
    WalkPtr walk;
    if (git_revwalk_new(walk.out(), m_repo) != 0)
        return gitError("cannot walk history");
    git_oid oa, ob;
    git_oid_fromstr(&oa, a->hash.c_str());
    git_oid_fromstr(&ob, b->hash.c_str());
    git_revwalk_push(walk.get(), &ob);
    git_revwalk_hide(walk.get(), &oa);
    int n = 0;
    git_oid oid;
    while (git_revwalk_next(&oid, walk.get()) == 0)
        ++n;
    return n;
}

Result<std::optional<std::string>> Repository::readFileAt(const std::string &rev, const std::string &path) const
{
    auto c = lookupCommit(m_repo, rev);
    if (!c)
        return c.takeDiagnostics();
    CommitPtr commit;
    *commit.out() = *c;
    TreePtr tree;
    if (git_commit_tree(tree.out(), commit.get()) != 0)
        return gitError("cannot read tree of '" + rev + "'");
    EntryPtr entry;
    const std::string repoPath = m_prefix + path;
    if (git_tree_entry_bypath(entry.out(), tree.get(), repoPath.c_str()) != 0)
        return std::optional<std::string>{};
    if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB)
        return std::optional<std::string>{};
    BlobPtr blob;
    if (git_blob_lookup(blob.out(), m_repo, git_tree_entry_id(entry.get())) != 0)
        return gitError("cannot read '" + path + "' at '" + rev + "'");
    const char *data = static_cast<const char *>(git_blob_rawcontent(blob.get()));
    return std::optional<std::string>(std::string(data, size_t(git_blob_rawsize(blob.get()))));
}

} // namespace trellis::vcs
