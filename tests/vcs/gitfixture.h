// GitFixture: builds small git repositories with libgit2 for tests (no git subprocess).
//
//   GitFixture g(dir.path());
//   g.write("src/a.py", "x = 1\n");
//   g.commitAll("first");
//   g.branch("feature");  g.checkout("feature");
#pragma once

#include <git2.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>

#include <string>

class GitFixture {
public:
    explicit GitFixture(const QString &root) : m_root(root)
    {
        git_libgit2_init();
        git_repository_init_options opts = GIT_REPOSITORY_INIT_OPTIONS_INIT;
        opts.initial_head = "main";
        opts.flags |= GIT_REPOSITORY_INIT_MKPATH;
        git_repository_init_ext(&m_repo, root.toUtf8().constData(), &opts);
    }
    ~GitFixture()
    {
        git_repository_free(m_repo);
        git_libgit2_shutdown();
    }
    GitFixture(const GitFixture &) = delete;
    GitFixture &operator=(const GitFixture &) = delete;

    void write(const QString &rel, const QByteArray &data)
    {
        const QString path = m_root + QLatin1Char('/') + rel;
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(data);
    }
    void remove(const QString &rel) { QFile::remove(m_root + QLatin1Char('/') + rel); }

    /// Stages `rel` only (like `git add rel`).
    void stage(const QString &rel)
    {
        git_index *index = nullptr;
        git_repository_index(&index, m_repo);
        git_index_add_bypath(index, rel.toUtf8().constData());
        git_index_write(index);
        git_index_free(index);
    }

    /// `git add -A && git commit -m message`; returns the commit hash. Timestamps are
    /// fixed and increase per commit so history order is deterministic.
    std::string commitAll(const char *message)
    {
        git_index *index = nullptr;
        git_repository_index(&index, m_repo);
        git_index_add_all(index, nullptr, GIT_INDEX_ADD_DEFAULT, nullptr, nullptr);
        git_index_update_all(index, nullptr, nullptr, nullptr);
        git_index_write(index);
        git_oid treeId;
        git_index_write_tree(&treeId, index);
        git_index_free(index);
        git_tree *tree = nullptr;
        git_tree_lookup(&tree, m_repo, &treeId);
        git_signature *sig = nullptr;
        git_signature_new(&sig, "Test", "test@example.invalid", 1700000000 + 60 * m_commits++, 0);
        git_commit *parent = nullptr;
        git_oid parentId;
        const bool hasParent = git_reference_name_to_id(&parentId, m_repo, "HEAD") == 0;
        if (hasParent)
            git_commit_lookup(&parent, m_repo, &parentId);
        const git_commit *parents[] = {parent};
        git_oid commitId;
        git_commit_create(&commitId, m_repo, "HEAD", sig, sig, nullptr, message, tree, hasParent ? 1 : 0,
                          hasParent ? parents : nullptr);
        git_commit_free(parent);
        git_signature_free(sig);
        git_tree_free(tree);
        char buf[GIT_OID_HEXSZ + 1];
        git_oid_tostr(buf, sizeof buf, &commitId);
        return buf;
    }

    void branch(const char *name)
    {
        git_oid head;
        git_reference_name_to_id(&head, m_repo, "HEAD");
        git_commit *c = nullptr;
        git_commit_lookup(&c, m_repo, &head);
        git_reference *ref = nullptr;
        git_branch_create(&ref, m_repo, name, c, 0);
        git_reference_free(ref);
        git_commit_free(c);
    }

    /// Switches to a branch (forced checkout).
    void checkout(const char *name)
    {
        const std::string ref = std::string("refs/heads/") + name;
        git_repository_set_head(m_repo, ref.c_str());
        git_checkout_options opts = GIT_CHECKOUT_OPTIONS_INIT;
        opts.checkout_strategy = GIT_CHECKOUT_FORCE | GIT_CHECKOUT_REMOVE_UNTRACKED;
        git_checkout_head(m_repo, &opts);
    }

    /// Detaches HEAD at the current commit.
    void detach()
    {
        git_oid head;
        git_reference_name_to_id(&head, m_repo, "HEAD");
        git_repository_set_head_detached(m_repo, &head);
    }

    void tag(const char *name, const char *message)
    {
        git_oid head;
        git_reference_name_to_id(&head, m_repo, "HEAD");
        git_object *target = nullptr;
        git_object_lookup(&target, m_repo, &head, GIT_OBJECT_COMMIT);
        git_signature *sig = nullptr;
        git_signature_new(&sig, "Test", "test@example.invalid", 1700000000 + 60 * m_commits, 0);
        git_oid tagId;
        if (message)
            git_tag_create(&tagId, m_repo, name, target, sig, message, 0);
        else
            git_tag_create_lightweight(&tagId, m_repo, name, target, 0);
        git_signature_free(sig);
        git_object_free(target);
    }

private:
    QString m_root;
    git_repository *m_repo = nullptr;
    int m_commits = 0;
};
