// RAII ownership of libgit2 objects for the core modules that call libgit2 directly
// (vcs, release), plus the small helpers they share.
//
//   vcs::CommitPtr commit;
//   if (git_commit_lookup(commit.out(), repo, &oid) == 0) use(commit.get());
#pragma once

#include <git2.h>

#include <string>

namespace trellis::vcs {

/// Owns one libgit2 object and frees it with `Free`; out() is for libgit2's out-parameters.
template <typename T, void (*Free)(T *)>
struct GitHandle {
    T *p = nullptr; ///< owned; null when empty
    GitHandle() = default;
    GitHandle(const GitHandle &) = delete;
    GitHandle &operator=(const GitHandle &) = delete;
    ~GitHandle()
    {
        if (p)
            Free(p);
    }
    T **out() { return &p; }
    T *get() const { return p; }
};

using ObjectPtr = GitHandle<git_object, git_object_free>;
using CommitPtr = GitHandle<git_commit, git_commit_free>;
using TreePtr = GitHandle<git_tree, git_tree_free>;
using DiffPtr = GitHandle<git_diff, git_diff_free>;
using StatusPtr = GitHandle<git_status_list, git_status_list_free>;
using RefPtr = GitHandle<git_reference, git_reference_free>;
using WalkPtr = GitHandle<git_revwalk, git_revwalk_free>;
using TagPtr = GitHandle<git_tag, git_tag_free>;
using BlobPtr = GitHandle<git_blob, git_blob_free>;
using EntryPtr = GitHandle<git_tree_entry, git_tree_entry_free>;
using BranchIterPtr = GitHandle<git_branch_iterator, git_branch_iterator_free>;
using IndexPtr = GitHandle<git_index, git_index_free>;
using SignaturePtr = GitHandle<git_signature, git_signature_free>;

/// 40 hex digits of an object id.
inline std::string oidHex(const git_oid *oid)
{
    char buf[GIT_OID_HEXSZ + 1];
    git_oid_tostr(buf, sizeof buf, oid);
    return buf;
}

} // namespace trellis::vcs
