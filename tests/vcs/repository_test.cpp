// Tests for core/vcs: changed files against git's own answers, ranges, refs, errors.
#include "core/vcs/repository.h"
#include "gitfixture.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace trellis::vcs;

namespace {

QStringList names(const std::vector<ChangedFile> &files)
{
    QStringList out;
    for (const auto &f : files)
        out << QString::fromStdString(f.path);
    return out;
}

QString statuses(const std::vector<ChangedFile> &files)
{
    QStringList out;
    for (const auto &f : files)
        out << QString::fromStdString(f.path) + QLatin1Char('=') + QLatin1String(changeStatusName(f.status));
    return out.join(QLatin1Char(' '));
}

/// Runs git and returns its output lines sorted (for comparing with git itself).
QStringList gitLines(const QString &dir, const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(QStringLiteral("git"), QStringList{QStringLiteral("-c"), QStringLiteral("core.quotepath=off")} + args);
    p.waitForFinished();
    QStringList lines = QString::fromUtf8(p.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    lines.sort();
    return lines;
}

/// A repository: main has base files; feature branch adds/edits/deletes; main moves on.
void buildBranchRepo(GitFixture &g)
{
    g.write(QStringLiteral(".gitignore"), "*.log\nbuild/\n");
    g.write(QStringLiteral("src/a.py"), "a = 1\n");
    g.write(QStringLiteral("src/b.py"), "b = 1\n");
    g.write(QStringLiteral("src/old.py"), "old = 1\n");
    g.write(QStringLiteral("docs/readme.md"), "hi\n");
    g.commitAll("base");
    g.branch("feature");
    // main moves on: its changes must not count for feature's --changed-since=main.
    g.write(QStringLiteral("docs/readme.md"), "hello\n");
    g.commitAll("main work");
    g.checkout("feature");
    g.write(QStringLiteral("src/a.py"), "a = 2\n");
    g.write(QStringLiteral("src/new.py"), "n = 1\n");
    g.remove(QStringLiteral("src/old.py"));
    g.commitAll("feature work");
}

} // namespace

class RepositoryTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testNotARepository();
    void testChangedSinceBranch();
    void testChangedSinceMatchesGit();
    void testChangedSinceHeadOnlyWorktree();
    void testRenameIsDeleteAndAdd();
    void testDiffspec_data();
    void testDiffspec();
    void testUnknownRef();
    void testDetachedHead();
    void testScopeSubdirectory();
    void testWorktreeStateAndTags();
    void testReadFileAt();
    void testShallowCloneMissingBase();
    void testSparseCheckout();
};

void RepositoryTest::testNotARepository()
{
    QTemporaryDir dir;
    auto repo = Repository::open(dir.path().toStdString());
    QVERIFY(!repo);
    QCOMPARE(QString::fromStdString(repo.diagnostics().front().message),
             QStringLiteral("not a git repository (or any parent up to the root)"));
}

void RepositoryTest::testChangedSinceBranch()
{
    QTemporaryDir dir;
    GitFixture g(dir.path());
    buildBranchRepo(g);
    // Worktree work on top: staged new file, unstaged edit, untracked, ignored.
    g.write(QStringLiteral("src/b.py"), "b = 2\n");
    g.write(QStringLiteral("src/staged.py"), "s = 1\n");
    g.stage(QStringLiteral("src/staged.py"));
    g.write(QStringLiteral("src/untracked.py"), "u = 1\n");
    g.write(QStringLiteral("debug.log"), "ignored\n");
    g.write(QStringLiteral("build/out.py"), "ignored\n");

    auto repo = Repository::open(dir.path().toStdString());
    QVERIFY(repo);
    auto changed = (*repo)->changedSince("main");
    QVERIFY(changed);
    QCOMPARE(statuses(*changed),
             QStringLiteral("src/a.py=modified src/b.py=modified src/new.py=added src/old.py=deleted "
                            "src/staged.py=added src/untracked.py=untracked"));
}

void RepositoryTest::testChangedSinceMatchesGit()
{
    if (QStandardPaths::findExecutable(QStringLiteral("git")).isEmpty())
        QSKIP("git is not installed; the comparison with git's own output needs it");
    QTemporaryDir dir;
    GitFixture g(dir.path());
    buildBranchRepo(g);
    g.write(QStringLiteral("src/b.py"), "b = 3\n");
    g.write(QStringLiteral("pkg/new/x.py"), "x = 1\n");
    g.write(QStringLiteral("skip.log"), "x\n");

    auto repo = Repository::open(dir.path().toStdString());
    QVERIFY(repo);
    auto changed = (*repo)->changedSince("main");
    QVERIFY(changed);
    QStringList expected = gitLines(dir.path(), {QStringLiteral("diff"), QStringLiteral("--name-only"),
                                                 QStringLiteral("--no-renames"), QStringLiteral("main...HEAD")})
                           + gitLines(dir.path(), {QStringLiteral("diff"), QStringLiteral("--name-only"),
                                                   QStringLiteral("--no-renames"), QStringLiteral("HEAD")})
                           + gitLines(dir.path(), {QStringLiteral("ls-files"), QStringLiteral("--others"),
                                                   QStringLiteral("--exclude-standard")});
    expected.removeDuplicates();
    expected.sort();
    QCOMPARE(names(*changed), expected);
}

void RepositoryTest::testChangedSinceHeadOnlyWorktree()
{
    QTemporaryDir dir;
    GitFixture g(dir.path());
    buildBranchRepo(g);
    g.write(QStringLiteral("src/b.py"), "b = 9\n");
    auto repo = Repository::open(dir.path().toStdString());
    QVERIFY(repo);
    auto changed = (*repo)->changedSince("HEAD");
    QVERIFY(changed);
    QCOMPARE(statuses(*changed), QStringLiteral("src/b.py=modified"));
}

void RepositoryTest::testRenameIsDeleteAndAdd()
{
    QTemporaryDir dir;
    GitFixture g(dir.path());
    g.write(QStringLiteral("src/a.py"), "a = 1\nb = 2\nc = 3\n");
    g.commitAll("base");
    g.remove(QStringLiteral("src/a.py"));
    g.write(QStringLiteral("src/renamed.py"), "a = 1\nb = 2\nc = 3\n");
    g.commitAll("rename");
    auto repo = Repository::open(dir.path().toStdString());
    QVERIFY(repo);
    auto changed = (*repo)->changedSince("HEAD~1");
    QVERIFY(changed);
    QCOMPARE(statuses(*changed), QStringLiteral("src/a.py=deleted src/renamed.py=added"));
}

void RepositoryTest::testDiffspec_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("expected");
    // feature: base -> feature work; main: base -> main work.
    QTest::newRow("two-dot") << "main..feature"
                             << "docs/readme.md=modified src/a.py=modified src/new.py=added src/old.py=deleted";
    QTest::newRow("three-dot") << "main...feature"
                               << "src/a.py=modified src/new.py=added src/old.py=deleted";
    QTest::newRow("single-commit") << "main" << "docs/readme.md=modified";
    QTest::newRow("head-range") << "HEAD~1..HEAD" << "src/a.py=modified src/new.py=added src/old.py=deleted";
}

void RepositoryTest::testDiffspec()
{
    QFETCH(QString, spec);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    GitFixture g(dir.path());
    buildBranchRepo(g);
    g.write(QStringLiteral("src/uncommitted.py"), "ignored by diffspec\n");
    auto repo = Repository::open(dir.path().toStdString());
    QVERIFY(repo);
    auto changed = (*repo)->changedInDiffspec(spec.toStdString());
    QVERIFY2(changed, changed ? "" : changed.diagnostics().front().message.c_str());
    QCOMPARE(statuses(*changed), expected);
}

void RepositoryTest::testUnknownRef()
{
    QTemporaryDir dir;
    GitFixture g(dir.path());
    buildBranchRepo(g);
    auto repo = Repository::open(dir.path().toStdString());
    QVERIFY(repo);
    auto changed = (*repo)->changedSince("no-such-branch");
    QVERIFY(!changed);
    QCOMPARE(QString::fromStdString(changed.diagnostics().front().message),
             QStringLiteral("unknown revision 'no-such-branch'"));
}

void RepositoryTest::testDetachedHead()
{
    QTemporaryDir dir;
    GitFixture g(dir.path());
    buildBranchRepo(g);
    g.detach();
    auto repo = Repository::open(dir.path().toStdString());
    QVERIFY(repo);
    auto state = (*repo)->worktreeState();
    QVERIFY(state);
    QVERIFY(state->detached);
    QCOMPARE(QString::fromStdString(state->branch), QString());
    auto changed = (*repo)->changedSince("main");
    QVERIFY(changed);
    QCOMPARE(names(*changed), (QStringList{QStringLiteral("src/a.py"), QStringLiteral("src/new.py"),
                                           QStringLiteral("src/old.py")}));
}

void RepositoryTest::testScopeSubdirectory()
{
    QTemporaryDir dir;
    GitFixture g(dir.path());
    buildBranchRepo(g);
    g.write(QStringLiteral("src/b.py"), "b = 5\n");
    auto repo = Repository::open((dir.path() + QStringLiteral("/src")).toStdString());
    QVERIFY(repo);
    QCOMPARE(QString::fromStdString((*repo)->scopePrefix()), QStringLiteral("src/"));
    auto changed = (*repo)->changedSince("main");
    QVERIFY(changed);
    QCOMPARE(names(*changed), (QStringList{QStringLiteral("a.py"), QStringLiteral("b.py"), QStringLiteral("new.py"),
                                           QStringLiteral("old.py")}));
}

void RepositoryTest::testWorktreeStateAndTags()
{
    QTemporaryDir dir;
    GitFixture g(dir.path());
    g.write(QStringLiteral("VERSION"), "26.3.0");
    g.commitAll("release: 26.3.0");
    g.tag("26.3.0", "Release v26.3.0");
    g.write(QStringLiteral("a.py"), "x\n");
    g.commitAll("work");
    g.tag("light", nullptr);
    auto repo = Repository::open(dir.path().toStdString());
    QVERIFY(repo);
    auto state = (*repo)->worktreeState();
    QVERIFY(state);
    QCOMPARE(QString::fromStdString(state->branch), QStringLiteral("main"));
    QVERIFY(state->clean);
    g.write(QStringLiteral("a.py"), "y\n");
    state = (*repo)->worktreeState();
    QVERIFY(!state->clean);
    auto tags = (*repo)->tags();
    QVERIFY(tags);
    QCOMPARE(int(tags->size()), 2);
    QCOMPARE(QString::fromStdString(tags->at(0).name), QStringLiteral("26.3.0"));
    QVERIFY(tags->at(0).annotated);
    QCOMPARE(QString::fromStdString(tags->at(0).message), QStringLiteral("Release v26.3.0"));
    QVERIFY(!tags->at(1).annotated);
    auto since = (*repo)->countCommits("26.3.0", "HEAD");
    QVERIFY(since);
    QCOMPARE(*since, 1);
    auto commits = (*repo)->recentCommits(10);
    QVERIFY(commits);
    QCOMPARE(int(commits->size()), 2);
    QCOMPARE(QString::fromStdString(commits->at(0).summary), QStringLiteral("work"));
}

void RepositoryTest::testReadFileAt()
{
    QTemporaryDir dir;
    GitFixture g(dir.path());
    g.write(QStringLiteral("python.lock"), "v1");
    g.commitAll("one");
    g.write(QStringLiteral("python.lock"), "v2");
    g.commitAll("two");
    auto repo = Repository::open(dir.path().toStdString());
    QVERIFY(repo);
    auto old = (*repo)->readFileAt("HEAD~1", "python.lock");
    QVERIFY(old);
    QCOMPARE(QString::fromStdString(old->value()), QStringLiteral("v1"));
    auto missing = (*repo)->readFileAt("HEAD", "nope.txt");
    QVERIFY(missing);
    QVERIFY(!missing->has_value());
    QVERIFY(!(*repo)->readFileAt("nope-rev", "python.lock"));
}

void RepositoryTest::testShallowCloneMissingBase()
{
    if (QStandardPaths::findExecutable(QStringLiteral("git")).isEmpty())
        QSKIP("git is not installed; making a shallow clone needs it");
    QTemporaryDir dir;
    const QString origin = dir.path() + QStringLiteral("/origin");
    {
        GitFixture g(origin);
        g.write(QStringLiteral("a.py"), "1\n");
        g.commitAll("one");
        g.write(QStringLiteral("a.py"), "2\n");
        g.commitAll("two");
        g.write(QStringLiteral("a.py"), "3\n");
        g.commitAll("three");
    }
    const QString clone = dir.path() + QStringLiteral("/clone");
    QProcess p;
    p.start(QStringLiteral("git"), {QStringLiteral("clone"), QStringLiteral("-q"), QStringLiteral("--depth"),
                                    QStringLiteral("1"), QStringLiteral("file://") + origin, clone});
    QVERIFY(p.waitForFinished());
    QCOMPARE(p.exitCode(), 0);
    auto repo = Repository::open(clone.toStdString());
    QVERIFY(repo);
    QVERIFY((*repo)->isShallow());
    auto changed = (*repo)->changedSince("HEAD~2");
    QVERIFY(!changed);
    QVERIFY(QString::fromStdString(changed.diagnostics().front().message).contains(QStringLiteral("shallow clone")));
}

void RepositoryTest::testSparseCheckout()
{
    if (QStandardPaths::findExecutable(QStringLiteral("git")).isEmpty())
        QSKIP("git is not installed; `git sparse-checkout` needs it");
    QTemporaryDir dir;
    {
        GitFixture g(dir.path());
        g.write(QStringLiteral("root.txt"), "r\n");
        g.write(QStringLiteral("dirA/a.py"), "a = 1\n");
        g.write(QStringLiteral("dirA/sub/x.py"), "x = 1\n");
        g.write(QStringLiteral("dirB/b.py"), "b = 1\n");
        g.write(QStringLiteral("dirB/c.py"), "c = 1\n");
        g.write(QStringLiteral("dirC/d.py"), "d = 1\n");
        g.commitAll("base");
    }
    QProcess p;
    p.setWorkingDirectory(dir.path());
    p.start(QStringLiteral("git"), {QStringLiteral("sparse-checkout"), QStringLiteral("set"), QStringLiteral("dirA")});
    QVERIFY(p.waitForFinished());
    QCOMPARE(p.exitCode(), 0);
    // Precondition: git hid dirB and dirC and calls the worktree clean.
    QVERIFY(!QFile::exists(dir.path() + QStringLiteral("/dirB/b.py")));
    QVERIFY(QFile::exists(dir.path() + QStringLiteral("/dirA/a.py")));
    QCOMPARE(gitLines(dir.path(), {QStringLiteral("status"), QStringLiteral("--porcelain")}), QStringList{});

    {
        auto repo = Repository::open(dir.path().toStdString());
        QVERIFY(repo);
        auto state = (*repo)->worktreeState();
        QVERIFY(state);
        QVERIFY2(state->clean, qPrintable(statuses(state->changes)));
        auto changed = (*repo)->changedSince("HEAD");
        QVERIFY(changed);
        QCOMPARE(statuses(*changed), QString());
    }

    // Real work inside the sparse set is still seen; the hidden files stay quiet.
    QFile a(dir.path() + QStringLiteral("/dirA/a.py"));
    QVERIFY(a.open(QIODevice::WriteOnly));
    a.write("a = 2\n");
    a.close();
    QFile n(dir.path() + QStringLiteral("/dirA/new.py"));
    QVERIFY(n.open(QIODevice::WriteOnly));
    n.write("n = 1\n");
    n.close();
    auto repo = Repository::open(dir.path().toStdString());
    QVERIFY(repo);
    auto changed = (*repo)->changedSince("HEAD");
    QVERIFY(changed);
    QCOMPARE(statuses(*changed), QStringLiteral("dirA/a.py=modified dirA/new.py=untracked"));
    auto state = (*repo)->worktreeState();
    QVERIFY(state);
    QVERIFY(!state->clean);
    QCOMPARE(statuses(state->changes), QStringLiteral("dirA/a.py=modified dirA/new.py=untracked"));

    // A staged removal of a hidden file is a change, as git says.
    p.start(QStringLiteral("git"), {QStringLiteral("rm"), QStringLiteral("-q"), QStringLiteral("--cached"),
                                    QStringLiteral("--sparse"), QStringLiteral("dirB/c.py")});
    QVERIFY(p.waitForFinished());
    QCOMPARE(p.exitCode(), 0);
    auto again = Repository::open(dir.path().toStdString());
    QVERIFY(again);
    auto withRemoval = (*again)->uncommittedChanges();
    QVERIFY(withRemoval);
    QCOMPARE(statuses(*withRemoval), QStringLiteral("dirA/a.py=modified dirA/new.py=untracked dirB/c.py=deleted"));
}

QTEST_GUILESS_MAIN(RepositoryTest)
#include "repository_test.moc"
