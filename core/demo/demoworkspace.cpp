#include "core/demo/demoworkspace.h"

#include "core/base/paths.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <git2.h>

#include <memory>

namespace trellis::demo {

namespace {

using base::Diagnostic;
using base::Result;

const QString kTreeRoot = QStringLiteral(":/trellis/demo");
const QString kHistoryRoot = QStringLiteral(":/trellis/demo-history");

/// How commit N differs from commit N+1: the older versions of changed files
/// (resources/demo-history/<overlay>/) and the paths that did not exist yet
/// (a trailing '/' names a whole folder).
struct HistoryStep {
    DemoCommit commit;
    const char *overlay = nullptr;
    std::vector<std::string> absent;
};

constexpr int kSeoul = 9 * 60;

const std::vector<HistoryStep> &historySteps()
{
    static const std::vector<HistoryStep> steps = {
        {{"Initial import of Orchard 26.2.0\n\n"
          "Imported from the previous repository at the 26.2.0 release.\n",
          1771809120, kSeoul, {}, {}},
         "01",
         {"src/orchard/scheduler/fairshare.py", "tests/unit/scheduler/test_fairshare.py",
          "changes/101.feature.md"}},
        {{"scheduler: add the fair-share policy (#101)\n\n"
          "Owners with fewer running jobs are offered to agents first.\n",
          1772088000, kSeoul, {}, {}},
         "02",
         {"changes/105.fix.md"}},
        {{"agent: releasing an unknown job no longer raises (#105)\n", 1772503500, kSeoul, {}, {}},
         "03",
         {"src/orchard/plugins/", "tests/unit/plugins/", "changes/104.feature.md"}},
        {{"plugins: add the entry-point plugin registry (#104)\n\n"
          "Adds the plugin SDK (published as orchard-plugin-sdk), two built-in plugins\n"
          "and the `orchard plugins` command.\n",
          1773130920, kSeoul, {}, {}},
         "04",
         {}},
        {{"release: 26.3.0\n", 1773621000, kSeoul, "26.3.0", "Release v26.3.0\n"}, "05",
         {"changes/110.deps.md"}},
        {{"deps: upgrade aiohttp and PyYAML, add structlog, drop six (#110)\n\n"
          "Regenerated python.lock with `pants generate-lockfiles --resolve=python-default`.\n",
          1773810120, kSeoul, {}, {}},
         "06",
         {"src/orchard/api/health.py", "tests/unit/api/test_health.py", "changes/112.feature.md",
          "changes/113.enhance.md"}},
        {{"api: add /healthz and job cancellation (#112, #113)\n", 1774338300, kSeoul, {}, {}},
         "07",
         {"changes/115.fix.md", "changes/+heartbeat-log.fix.md", "changes/116.doc.md",
          "docs/plugins.md"}},
        {{"agent: clamp heartbeat jitter, document plugins (#115, #116)\n", 1774833600, kSeoul, {}, {}},
         nullptr,
         {}},
    };
    return steps;
}

/// Reads every file below a resource folder, keyed by relative path.
Result<DemoTree> readResourceTree(const QString &root)
{
    DemoTree tree;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return Diagnostic::error({path.toStdString()}, "cannot read embedded demo file");
        const QByteArray data = f.readAll();
        tree[path.mid(root.size() + 1).toStdString()] = std::string(data.constData(), size_t(data.size()));
    }
    if (tree.empty())
        return Diagnostic::error({root.toStdString()}, "the demo workspace resources are missing from this build");
    return tree;
}

bool isAbsent(const std::string &path, const std::vector<std::string> &absent)
{
    for (const std::string &entry : absent) {
        if (entry.ends_with('/') ? path.starts_with(entry) : path == entry)
            return true;
    }
    return false;
}

// libgit2 handles, released by unique_ptr.
template <typename T, void (*Free)(T *)>
struct GitDeleter {
    void operator()(T *p) const { Free(p); }
};
template <typename T, void (*Free)(T *)>
using GitPtr = std::unique_ptr<T, GitDeleter<T, Free>>;
using RepoPtr = GitPtr<git_repository, git_repository_free>;
using IndexPtr = GitPtr<git_index, git_index_free>;
using TreePtr = GitPtr<git_tree, git_tree_free>;
using CommitPtr = GitPtr<git_commit, git_commit_free>;
using SignaturePtr = GitPtr<git_signature, git_signature_free>;
using ObjectPtr = GitPtr<git_object, git_object_free>;

/// Keeps libgit2 initialised for the lifetime of the object (init/shutdown are ref-counted).
class GitLibrary {
public:
    GitLibrary() { git_libgit2_init(); }
    ~GitLibrary() { git_libgit2_shutdown(); }
    GitLibrary(const GitLibrary &) = delete;
    GitLibrary &operator=(const GitLibrary &) = delete;
};

Diagnostic gitError(const std::string &where, const std::string &what)
{
    const git_error *e = git_error_last();
    std::string message = what;
    if (e && e->message)
        message += std::string(": ") + e->message;
    return Diagnostic::error({where}, message);
}

/// Builds the repository in `dir` (which exists and is empty).
base::Status buildRepository(const std::string &dir, const std::vector<DemoTree> &trees)
{
    const std::vector<HistoryStep> &steps = historySteps();

    git_repository_init_options options = GIT_REPOSITORY_INIT_OPTIONS_INIT;
    options.flags = GIT_REPOSITORY_INIT_MKPATH;
    options.initial_head = kDemoBranch;
    git_repository *rawRepo = nullptr;
    if (git_repository_init_ext(&rawRepo, dir.c_str(), &options) != 0)
        return gitError(dir, "cannot create the demo repository");
    RepoPtr repo(rawRepo);

    git_index *rawIndex = nullptr;
    if (git_repository_index(&rawIndex, repo.get()) != 0)
        return gitError(dir, "cannot open the index");
    IndexPtr index(rawIndex);

    CommitPtr parent;
    for (size_t i = 0; i < steps.size(); ++i) {
        const DemoCommit &commit = steps[i].commit;
        git_index_clear(index.get());
        for (const auto &[path, content] : trees[i]) {
            git_index_entry entry = {};
            entry.path = path.c_str();
            entry.mode = isExecutablePath(path) ? GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB;
            if (git_index_add_from_buffer(index.get(), &entry, content.data(), content.size()) != 0)
                return gitError(path, "cannot add the file to the demo repository");
        }
        git_oid treeId;
        if (git_index_write_tree(&treeId, index.get()) != 0)
            return gitError(dir, "cannot write a tree");
        git_tree *rawTree = nullptr;
        if (git_tree_lookup(&rawTree, repo.get(), &treeId) != 0)
            return gitError(dir, "cannot read back a tree");
        TreePtr tree(rawTree);

        git_signature *rawSig = nullptr;
        if (git_signature_new(&rawSig, kDemoAuthorName, kDemoAuthorEmail, commit.time, commit.offsetMinutes) != 0)
            return gitError(dir, "cannot create the demo signature");
        SignaturePtr signature(rawSig);

        const git_commit *parents[] = {parent.get()};
        git_oid commitId;
        if (git_commit_create(&commitId, repo.get(), "HEAD", signature.get(), signature.get(), "UTF-8",
                              commit.message.c_str(), tree.get(), parent ? 1 : 0, parents)
            != 0)
            return gitError(dir, "cannot create commit " + std::to_string(i + 1));
        git_commit *rawCommit = nullptr;
        if (git_commit_lookup(&rawCommit, repo.get(), &commitId) != 0)
            return gitError(dir, "cannot read back a commit");
        parent.reset(rawCommit);

        if (!commit.tag.empty()) {
            git_oid tagId;
            if (git_tag_create(&tagId, repo.get(), commit.tag.c_str(), reinterpret_cast<const git_object *>(rawCommit),
                               signature.get(), commit.tagMessage.c_str(), 0)
                != 0)
                return gitError(dir, "cannot create tag " + commit.tag);
        }
    }

    // The index now matches HEAD; write the worktree from it (this also records stat data,
    // so the fresh clone reports itself clean).
    if (git_index_write(index.get()) != 0)
        return gitError(dir, "cannot write the index");
    git_checkout_options checkout = GIT_CHECKOUT_OPTIONS_INIT;
    checkout.checkout_strategy = GIT_CHECKOUT_FORCE | GIT_CHECKOUT_RECREATE_MISSING;
    if (git_checkout_head(repo.get(), &checkout) != 0)
        return gitError(dir, "cannot check out the demo files");

    // The marker stays out of `git status` through .git/info/exclude.
    const std::string gitDir = git_repository_path(repo.get());
    const std::string exclude = base::readFile(gitDir + "info/exclude").value_or(std::string());
    const std::string line = std::string("/") + kDemoMarker + "\n";
    if (base::Status s = base::writeFileAtomic(gitDir + "info/exclude", exclude + line); !s)
        return s;
    return base::writeFileAtomic(dir + "/" + kDemoMarker,
                                 "This folder is the Trellis demo workspace. Trellis deletes and re-creates it\n"
                                 "on request; do not keep work here.\n");
}

bool isEmptyDir(const QString &path)
{
    return QDir(path).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
}

} // namespace

const std::vector<DemoCommit> &demoHistory()
{
    static const std::vector<DemoCommit> commits = [] {
        std::vector<DemoCommit> result;
        for (const HistoryStep &step : historySteps())
            result.push_back(step.commit);
        return result;
    }();
    return commits;
}

Result<DemoTree> demoTreeAt(std::size_t index)
{
    const std::vector<HistoryStep> &steps = historySteps();
    if (index >= steps.size())
        return Diagnostic::error({}, "the demo history has only " + std::to_string(steps.size()) + " commits");
    Result<DemoTree> tree = readResourceTree(kTreeRoot);
    if (!tree)
        return tree;
    // Walk backwards from HEAD: each step turns the tree of commit i+1 into that of commit i.
    for (size_t i = steps.size() - 1; i-- > index;) {
        const HistoryStep &step = steps[i];
        std::erase_if(*tree, [&](const auto &entry) { return isAbsent(entry.first, step.absent); });
        if (step.overlay) {
            Result<DemoTree> overlay = readResourceTree(kHistoryRoot + QLatin1Char('/') + QLatin1String(step.overlay));
            if (!overlay)
                return overlay;
            for (auto &[path, content] : *overlay)
                (*tree)[path] = std::move(content);
        }
    }
    return tree;
}

bool isExecutablePath(const std::string &path)
{
    return path.ends_with(".sh");
}

std::string defaultDemoPath()
{
    return base::dataDir() + "/demo-workspace";
}

bool isDemoWorkspace(const std::string &dir)
{
    return QFileInfo(QDir(QString::fromStdString(dir)).filePath(QLatin1String(kDemoMarker))).isFile();
}

Result<std::string> materializeDemo(const std::string &targetDir, bool overwrite)
{
    if (targetDir.empty())
        return Diagnostic::error({}, "no folder given for the demo workspace");
    const QString target = QDir::cleanPath(QDir(QString::fromStdString(targetDir)).absolutePath());
    const std::string targetStr = target.toStdString();
    const QFileInfo info(target);

    bool replace = false;
    if (info.exists()) {
        if (!info.isDir())
            return Diagnostic::error({targetStr}, "cannot create the demo workspace: a file is in the way");
        if (!isEmptyDir(target)) {
            if (!isDemoWorkspace(targetStr))
                return Diagnostic::error({targetStr},
                                         "refusing to replace this folder: it is not empty and is not a Trellis demo "
                                         "workspace (no " + std::string(kDemoMarker) + " marker)",
                                         "choose an empty or new folder");
            if (!overwrite)
                return Diagnostic::error({targetStr}, "the demo workspace already exists",
                                         "open it, or re-create it from scratch with overwrite");
            replace = true;
        }
    }

    // Collect every tree first, so broken resources fail before anything touches the disk.
    std::vector<DemoTree> trees;
    for (size_t i = 0; i < demoHistory().size(); ++i) {
        Result<DemoTree> tree = demoTreeAt(i);
        if (!tree)
            return tree.takeDiagnostics();
        trees.push_back(std::move(*tree));
    }

    const QString parentDir = info.absolutePath();
    if (!QDir().mkpath(parentDir))
        return Diagnostic::error({parentDir.toStdString()}, "cannot create the folder");
    QTemporaryDir staging(parentDir + QStringLiteral("/.trellis-demo-XXXXXX"));
    if (!staging.isValid())
        return Diagnostic::error({parentDir.toStdString()}, "cannot create a staging folder: " + staging.errorString().toStdString());

    {
        GitLibrary git;
        if (base::Status s = buildRepository(staging.path().toStdString(), trees); !s)
            return s.takeDiagnostics();
    }

    if (info.exists()) {
        // Either an empty folder or (checked above) a previous demo being replaced.
        if (replace ? !QDir(target).removeRecursively() : !QDir().rmdir(target))
            return Diagnostic::error({targetStr}, "cannot remove the previous demo workspace");
    }
    // QTemporaryDir is private (0700); the workspace is an ordinary folder.
    QFile::setPermissions(staging.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup
                                              | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther);
    if (!QDir().rename(staging.path(), target))
        return Diagnostic::error({targetStr}, "cannot move the demo workspace into place");
    staging.setAutoRemove(false);
    return targetStr;
}

} // namespace trellis::demo
