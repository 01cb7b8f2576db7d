// Tests for core/demo: the materialized Orchard repository (history, tag, worktree, guard)
// and the demo's own pytest suite, run for real at HEAD and at every earlier commit.
#include "core/demo/demoworkspace.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <git2.h>

#include <algorithm>

using namespace trellis;
using namespace trellis::demo;

namespace {

const QString kResourceDir = QStringLiteral(TRELLIS_SOURCE_DIR "/resources/demo");

/// Every file below `root` (dotfiles included), relative; skips .git, the marker and caches.
QStringList listFiles(const QString &root)
{
    static const QRegularExpression skip(QStringLiteral("(^|/)(\\.git|__pycache__|\\.pytest_cache|\\.mypy_cache)/"));
    QStringList files;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString rel = it.next().mid(root.size() + 1);
        if (!skip.match(rel).hasMatch() && rel != QLatin1String(kDemoMarker))
            files << rel;
    }
    files.sort();
    return files;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

QString materializeOrFail(const QString &dir, bool overwrite = false)
{
    const base::Result<std::string> r = materializeDemo(dir.toStdString(), overwrite);
    if (!r) {
        qWarning("%s", r.diagnostics().front().format().c_str());
        return {};
    }
    return QString::fromStdString(*r);
}

/// A libgit2 view of a materialized demo, for assertions.
class Repo {
public:
    explicit Repo(const QString &path) { git_repository_open(&m_repo, path.toUtf8().constData()); }
    ~Repo() { git_repository_free(m_repo); }
    bool isValid() const { return m_repo != nullptr; }
    git_repository *get() const { return m_repo; }

    /// Commits from HEAD following first parents, newest first.
    std::vector<git_oid> history() const
    {
        std::vector<git_oid> ids;
        git_oid id;
        if (git_reference_name_to_id(&id, m_repo, "HEAD") != 0)
            return ids;
        while (true) {
            ids.push_back(id);
            git_commit *c = nullptr;
            git_commit_lookup(&c, m_repo, &id);
            const bool more = git_commit_parentcount(c) > 0;
            if (more)
                id = *git_commit_parent_id(c, 0);
            git_commit_free(c);
            if (!more)
                break;
        }
        return ids;
    }

    /// "A path", "M path", "D path" for a commit against its first parent, sorted by path.
    QStringList changes(const git_oid &commitId) const
    {
        QStringList out;
        git_commit *c = nullptr;
        git_commit_lookup(&c, m_repo, &commitId);
        git_tree *tree = nullptr, *parentTree = nullptr;
        git_commit_tree(&tree, c);
        if (git_commit_parentcount(c) > 0) {
            git_commit *p = nullptr;
            git_commit_parent(&p, c, 0);
            git_commit_tree(&parentTree, p);
            git_commit_free(p);
        }
        git_diff *diff = nullptr;
        git_diff_tree_to_tree(&diff, m_repo, parentTree, tree, nullptr);
        for (size_t i = 0; i < git_diff_num_deltas(diff); ++i) {
            const git_diff_delta *d = git_diff_get_delta(diff, i);
            out << QStringLiteral("%1 %2").arg(QChar::fromLatin1(git_diff_status_char(d->status)),
                                               QString::fromUtf8(d->new_file.path));
        }
        git_diff_free(diff);
        git_tree_free(parentTree);
        git_tree_free(tree);
        git_commit_free(c);
        return out;
    }

    /// Number of files (blobs) in a commit's tree.
    int fileCount(const git_oid &commitId) const
    {
        git_commit *c = nullptr;
        git_commit_lookup(&c, m_repo, &commitId);
        git_tree *tree = nullptr;
        git_commit_tree(&tree, c);
        int count = 0;
        git_tree_walk(tree, GIT_TREEWALK_PRE, [](const char *, const git_tree_entry *e, void *payload) {
            if (git_tree_entry_type(e) == GIT_OBJECT_BLOB)
                ++*static_cast<int *>(payload);
            return 0;
        }, &count);
        git_tree_free(tree);
        git_commit_free(c);
        return count;
    }

    /// Paths that `git status` would report, untracked files included.
    QStringList status() const
    {
        QStringList out;
        git_status_options opts = GIT_STATUS_OPTIONS_INIT;
        opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS;
        git_status_list *list = nullptr;
        git_status_list_new(&list, m_repo, &opts);
        for (size_t i = 0; i < git_status_list_entrycount(list); ++i) {
            const git_status_entry *e = git_status_byindex(list, i);
            const git_diff_delta *d = e->index_to_workdir ? e->index_to_workdir : e->head_to_index;
            out << QString::fromUtf8(d->new_file.path);
        }
        git_status_list_free(list);
        return out;
    }

private:
    git_repository *m_repo = nullptr; // owned
};

QString summaryOf(git_repository *repo, const git_oid &id)
{
    git_commit *c = nullptr;
    git_commit_lookup(&c, repo, &id);
    const QString s = QString::fromUtf8(git_commit_summary(c));
    git_commit_free(c);
    return s;
}

struct PythonWithPytest {
    QString program;
    QString reason; // why none was found
};

/// The first python3 on PATH (or /usr/bin/python3, or $TRELLIS_TEST_PYTHON) that can import pytest.
PythonWithPytest findPythonWithPytest()
{
    QStringList candidates;
    if (qEnvironmentVariableIsSet("TRELLIS_TEST_PYTHON"))
        candidates << qEnvironmentVariable("TRELLIS_TEST_PYTHON");
    for (const QString &name : {QStringLiteral("python3"), QStringLiteral("python")}) {
        const QString found = QStandardPaths::findExecutable(name);
        if (!found.isEmpty())
            candidates << found;
    }
    candidates << QStringLiteral("/usr/bin/python3") << QStringLiteral("/usr/local/bin/python3");
    candidates.removeDuplicates();
    for (const QString &python : candidates) {
        QProcess p;
        p.start(python, {QStringLiteral("-c"), QStringLiteral("import sys, pytest; sys.exit(sys.version_info < (3, 11))")});
        if (p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0)
            return {python, {}};
    }
    return {{}, QStringLiteral("no Python >= 3.11 with pytest found (tried %1)").arg(candidates.join(QStringLiteral(", ")))};
}

struct PytestRun {
    int exitCode = -1;
    QString output;
};

PytestRun runPytest(const QString &python, const QString &workspace)
{
    QProcess p;
    p.setWorkingDirectory(workspace);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PYTHONPATH"), QStringLiteral("src:."));
    env.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));
    env.remove(QStringLiteral("PYTEST_ADDOPTS"));
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(python, {QStringLiteral("-m"), QStringLiteral("pytest"), QStringLiteral("-q"), QStringLiteral("-p"),
                     QStringLiteral("no:cacheprovider"), QStringLiteral("tests/")});
    if (!p.waitForFinished(120000))
        return {};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAll())};
}

} // namespace

class DemoWorkspaceTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void testHistory_data();
    void testHistory();
    void testCommitChanges_data();
    void testCommitChanges();
    void testReleaseTag();
    void testWorktree();
    void testReproducible();
    void testGuard_data();
    void testGuard();
    void testRecreate();
    void testDemoTests_data();
    void testDemoTests();

private:
    QTemporaryDir m_tmp;
    QString m_demo; // the demo materialized once in initTestCase
};

void DemoWorkspaceTest::initTestCase()
{
    git_libgit2_init();
    QVERIFY(m_tmp.isValid());
    m_demo = materializeOrFail(m_tmp.filePath(QStringLiteral("shared/demo")));
    QVERIFY(!m_demo.isEmpty());
}

void DemoWorkspaceTest::cleanupTestCase()
{
    git_libgit2_shutdown();
}

void DemoWorkspaceTest::testHistory_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("summary");
    QTest::addColumn<int>("files");
    QTest::newRow("import") << 0 << "Initial import of Orchard 26.2.0" << 73;
    QTest::newRow("fair-share") << 1 << "scheduler: add the fair-share policy (#101)" << 76;
    QTest::newRow("fix") << 2 << "agent: releasing an unknown job no longer raises (#105)" << 77;
    QTest::newRow("plugins") << 3 << "plugins: add the entry-point plugin registry (#104)" << 87;
    QTest::newRow("release") << 4 << "release: 26.3.0" << 84;
    QTest::newRow("lockfile-bump") << 5 << "deps: upgrade aiohttp and PyYAML, add structlog, drop six (#110)" << 85;
    QTest::newRow("api") << 6 << "api: add /healthz and job cancellation (#112, #113)" << 89;
    QTest::newRow("head") << 7 << "agent: clamp heartbeat jitter, document plugins (#115, #116)" << 93;
}

void DemoWorkspaceTest::testHistory()
{
    QFETCH(int, index);
    QFETCH(QString, summary);
    QFETCH(int, files);

    Repo repo(m_demo);
    QVERIFY(repo.isValid());
    std::vector<git_oid> ids = repo.history();
    QCOMPARE(ids.size(), size_t(8));
    QCOMPARE(demoHistory().size(), size_t(8));
    std::reverse(ids.begin(), ids.end());
    const git_oid &id = ids[size_t(index)];

    QCOMPARE(summaryOf(repo.get(), id), summary);
    QCOMPARE(repo.fileCount(id), files);

    git_commit *c = nullptr;
    QCOMPARE(git_commit_lookup(&c, repo.get(), &id), 0);
    const DemoCommit &expected = demoHistory()[size_t(index)];
    QCOMPARE(QString::fromUtf8(git_commit_message(c)), QString::fromStdString(expected.message));
    QCOMPARE(QString::fromUtf8(git_commit_author(c)->name), QStringLiteral("Orchard Dev"));
    QCOMPARE(QString::fromUtf8(git_commit_committer(c)->email), QStringLiteral("dev@orchard.invalid"));
    QCOMPARE(qint64(git_commit_time(c)), qint64(expected.time));
    QCOMPARE(git_commit_time_offset(c), 540);
    git_commit_free(c);

    // The tree of every commit is what demoTreeAt() describes.
    const base::Result<DemoTree> tree = demoTreeAt(size_t(index));
    QVERIFY(tree.ok());
    QCOMPARE(int(tree->size()), files);
}

void DemoWorkspaceTest::testCommitChanges_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QStringList>("changes");
    QTest::newRow("fair-share") << 1
        << QStringList{"A changes/101.feature.md", "M src/orchard/scheduler/__init__.py",
                       "A src/orchard/scheduler/fairshare.py", "M tests/unit/cli/test_cli_main.py",
                       "A tests/unit/scheduler/test_fairshare.py"};
    QTest::newRow("fix") << 2
        << QStringList{"A changes/105.fix.md", "M src/orchard/agent/resources.py", "M tests/unit/agent/test_resources.py"};
    QTest::newRow("plugins") << 3
        << QStringList{"A changes/104.feature.md", "M src/orchard/cli/main.py", "A src/orchard/plugins/BUILD",
                       "A src/orchard/plugins/__init__.py", "A src/orchard/plugins/base.py",
                       "A src/orchard/plugins/builtin/__init__.py", "A src/orchard/plugins/builtin/audit.py",
                       "A src/orchard/plugins/builtin/noop.py", "A src/orchard/plugins/registry.py",
                       "M tests/unit/cli/test_cli_main.py", "A tests/unit/plugins/BUILD",
                       "A tests/unit/plugins/test_registry.py"};
    QTest::newRow("release") << 4
        << QStringList{"M CHANGELOG.md", "M VERSION", "D changes/101.feature.md", "D changes/104.feature.md",
                       "D changes/105.fix.md"};
    QTest::newRow("lockfile-bump") << 5
        << QStringList{"A changes/110.deps.md", "M python.lock", "M requirements.txt", "M src/orchard/agent/server.py"};
    QTest::newRow("api") << 6
        << QStringList{"A changes/112.feature.md", "A changes/113.enhance.md", "A src/orchard/api/health.py",
                       "M src/orchard/api/openapi.json", "M src/orchard/api/routes.py",
                       "A tests/unit/api/test_health.py", "M tests/unit/api/test_routes.py"};
    QTest::newRow("head") << 7
        << QStringList{"A changes/+heartbeat-log.fix.md", "A changes/115.fix.md", "A changes/116.doc.md",
                       "A docs/plugins.md", "M src/orchard/agent/heartbeat.py", "M tests/unit/agent/test_heartbeat.py"};
}

void DemoWorkspaceTest::testCommitChanges()
{
    QFETCH(int, index);
    QFETCH(QStringList, changes);
    Repo repo(m_demo);
    std::vector<git_oid> ids = repo.history();
    std::reverse(ids.begin(), ids.end());
    QCOMPARE(repo.changes(ids[size_t(index)]), changes);
}

void DemoWorkspaceTest::testReleaseTag()
{
    Repo repo(m_demo);
    git_strarray tags = {};
    QCOMPARE(git_tag_list(&tags, repo.get()), 0);
    QCOMPARE(tags.count, size_t(1));
    QCOMPARE(QString::fromUtf8(tags.strings[0]), QStringLiteral("26.3.0"));
    git_strarray_dispose(&tags);

    git_object *obj = nullptr;
    QCOMPARE(git_revparse_single(&obj, repo.get(), "refs/tags/26.3.0"), 0);
    QCOMPARE(git_object_type(obj), GIT_OBJECT_TAG); // annotated
    auto *tag = reinterpret_cast<git_tag *>(obj);
    QCOMPARE(QString::fromUtf8(git_tag_message(tag)), QStringLiteral("Release v26.3.0\n"));
    QCOMPARE(QString::fromUtf8(git_tag_tagger(tag)->name), QStringLiteral("Orchard Dev"));
    QCOMPARE(summaryOf(repo.get(), *git_tag_target_id(tag)), QStringLiteral("release: 26.3.0"));
    git_object_free(obj);

    // VERSION at the tag and at HEAD.
    QCOMPARE(QString::fromStdString(demoTreeAt(4)->at("VERSION")), QStringLiteral("26.3.0\n"));
    QCOMPARE(QString::fromStdString(demoTreeAt(3)->at("VERSION")), QStringLiteral("26.2.0\n"));
    QCOMPARE(readAll(m_demo + QStringLiteral("/VERSION")), QByteArray("26.3.0\n"));
}

void DemoWorkspaceTest::testWorktree()
{
    Repo repo(m_demo);
    git_reference *head = nullptr;
    QCOMPARE(git_repository_head(&head, repo.get()), 0);
    QCOMPARE(QString::fromUtf8(git_reference_name(head)), QStringLiteral("refs/heads/main"));
    git_reference_free(head);

    QCOMPARE(repo.status(), QStringList());
    QVERIFY(isDemoWorkspace(m_demo.toStdString()));

    // The worktree is exactly resources/demo, byte for byte.
    const QStringList expected = listFiles(kResourceDir);
    QCOMPARE(expected.size(), 93);
    QVERIFY(expected.contains(QStringLiteral(".gitignore")));
    QCOMPARE(listFiles(m_demo), expected);
    for (const QString &file : expected)
        QVERIFY2(readAll(m_demo + u'/' + file) == readAll(kResourceDir + u'/' + file), qPrintable(file));

    // Shell scripts are executable in git and on disk.
    QVERIFY(QFileInfo(m_demo + QStringLiteral("/scripts/checksum.sh")).isExecutable());
    QVERIFY(!QFileInfo(m_demo + QStringLiteral("/README.md")).isExecutable());
    QVERIFY(QFileInfo(m_demo).permissions().testFlag(QFile::ReadOther)); // not the staging folder's 0700
}

void DemoWorkspaceTest::testReproducible()
{
    QTemporaryDir other;
    const QString second = materializeOrFail(other.filePath(QStringLiteral("again")));
    QVERIFY(!second.isEmpty());
    Repo a(m_demo), b(second);
    QCOMPARE(a.history().size(), b.history().size());
    for (size_t i = 0; i < a.history().size(); ++i)
        QVERIFY(git_oid_equal(&a.history()[i], &b.history()[i]));
    git_oid tagA, tagB;
    QCOMPARE(git_reference_name_to_id(&tagA, a.get(), "refs/tags/26.3.0"), 0);
    QCOMPARE(git_reference_name_to_id(&tagB, b.get(), "refs/tags/26.3.0"), 0);
    QVERIFY(git_oid_equal(&tagA, &tagB));
}

void DemoWorkspaceTest::testGuard_data()
{
    QTest::addColumn<QString>("setup");
    QTest::addColumn<bool>("overwrite");
    QTest::addColumn<QString>("error"); // empty = success
    QTest::newRow("absent") << "none" << false << "";
    QTest::newRow("empty-dir") << "empty" << false << "";
    QTest::newRow("foreign") << "foreign" << false
        << "refusing to replace this folder: it is not empty and is not a Trellis demo workspace (no .trellis-demo marker)";
    QTest::newRow("foreign-overwrite") << "foreign" << true
        << "refusing to replace this folder: it is not empty and is not a Trellis demo workspace (no .trellis-demo marker)";
    QTest::newRow("demo") << "demo" << false << "the demo workspace already exists";
    QTest::newRow("demo-overwrite") << "demo" << true << "";
    QTest::newRow("file") << "file" << true << "cannot create the demo workspace: a file is in the way";
}

void DemoWorkspaceTest::testGuard()
{
    QFETCH(QString, setup);
    QFETCH(bool, overwrite);
    QFETCH(QString, error);

    QTemporaryDir tmp;
    const QString target = tmp.filePath(QStringLiteral("ws"));
    const QString precious = target + QStringLiteral("/precious.txt");
    if (setup == QLatin1String("empty")) {
        QVERIFY(QDir().mkpath(target));
    } else if (setup == QLatin1String("foreign")) {
        QVERIFY(QDir().mkpath(target));
        QFile f(precious);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("user data\n");
    } else if (setup == QLatin1String("demo")) {
        QVERIFY(!materializeOrFail(target).isEmpty());
    } else if (setup == QLatin1String("file")) {
        QFile f(target);
        QVERIFY(f.open(QIODevice::WriteOnly));
    }

    const base::Result<std::string> r = materializeDemo(target.toStdString(), overwrite);
    if (error.isEmpty()) {
        QVERIFY(r.ok());
        QCOMPARE(QString::fromStdString(*r), target);
        QCOMPARE(Repo(target).history().size(), size_t(8));
    } else {
        QVERIFY(!r.ok());
        QCOMPARE(QString::fromStdString(r.diagnostics().front().message), error);
        QCOMPARE(QString::fromStdString(r.diagnostics().front().loc.file), target);
    }
    if (setup == QLatin1String("foreign"))
        QCOMPARE(readAll(precious), QByteArray("user data\n"));
    // No staging folder is ever left behind.
    QCOMPARE(QDir(tmp.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList{"ws"});
}

void DemoWorkspaceTest::testRecreate()
{
    QTemporaryDir tmp;
    const QString target = materializeOrFail(tmp.filePath(QStringLiteral("ws")));
    QVERIFY(!target.isEmpty());
    QVERIFY(QFile::remove(target + QStringLiteral("/VERSION")));
    {
        QFile f(target + QStringLiteral("/scratch.py"));
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
    QCOMPARE(Repo(target).status(), (QStringList{"VERSION", "scratch.py"}));

    QCOMPARE(QString::fromStdString(materializeDemo(target.toStdString(), true).valueOr("failed")), target);
    QCOMPARE(Repo(target).status(), QStringList());
    QCOMPARE(listFiles(target), listFiles(kResourceDir));
}

void DemoWorkspaceTest::testDemoTests_data()
{
    QTest::addColumn<int>("index"); // -1 = the materialized HEAD worktree
    QTest::addColumn<int>("passed");
    QTest::newRow("head-worktree") << -1 << 83;
    QTest::newRow("import") << 0 << 70;
    QTest::newRow("fair-share") << 1 << 73;
    QTest::newRow("fix") << 2 << 74;
    QTest::newRow("plugins") << 3 << 78;
    QTest::newRow("release") << 4 << 78;
    QTest::newRow("lockfile-bump") << 5 << 78;
    QTest::newRow("api") << 6 << 81;
}

void DemoWorkspaceTest::testDemoTests()
{
    QFETCH(int, index);
    QFETCH(int, passed);

    static const PythonWithPytest python = findPythonWithPytest();
    if (python.program.isEmpty())
        QSKIP(qPrintable(python.reason));

    QTemporaryDir tmp;
    QString workspace = m_demo;
    if (index >= 0) {
        // An older commit: write its tree out (the history must be green at every step).
        workspace = tmp.path();
        const base::Result<DemoTree> tree = demoTreeAt(size_t(index));
        QVERIFY(tree.ok());
        for (const auto &[path, content] : *tree) {
            const QString file = workspace + u'/' + QString::fromStdString(path);
            QDir().mkpath(QFileInfo(file).absolutePath());
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content.data(), qint64(content.size()));
        }
    }

    const PytestRun run = runPytest(python.program, workspace);
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    const QRegularExpression summary(QStringLiteral("^(\\d+) passed in [\\d.]+s$"), QRegularExpression::MultilineOption);
    const QRegularExpressionMatch m = summary.match(run.output);
    QVERIFY2(m.hasMatch(), qPrintable(run.output));
    QCOMPARE(m.captured(1).toInt(), passed);
    if (index < 0)
        QCOMPARE(Repo(m_demo).status(), QStringList()); // running the tests leaves the worktree clean
}

QTEST_GUILESS_MAIN(DemoWorkspaceTest)
#include "demoworkspace_test.moc"
