// Preparing a release end to end on a git copy of resources/demo, failure injection in
// the middle of execution (rolled back byte for byte), refusals, and undo.
#include "core/base/paths.h"
#include "core/release/releaseplan.h"
#include "core/release/releasereport.h"
#include "tests/vcs/gitfixture.h"

#include <QDirIterator>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace trellis::release;

namespace {

const std::string kStart = "<!-- towncrier release notes start -->\n\n";
const std::string kSection =
    "# 26.4.0 (2026-04-01)\n\n"
    "### Features\n\n"
    "- Add a `/healthz` endpoint that reports agents, queued and running jobs, and the active scheduling policy. "
    "([#112](https://github.com/orchard-sched/orchard/issues/112))\n\n"
    "### Improvements\n\n"
    "- Jobs can be cancelled through `POST /jobs/{job_id}/cancel`; cancelling a running job frees its resources immediately. "
    "([#113](https://github.com/orchard-sched/orchard/issues/113))\n\n"
    "### Fixes\n\n"
    "- Clamp the heartbeat jitter to 50% so that a misconfigured agent can no longer send heartbeats with a negative interval. "
    "([#115](https://github.com/orchard-sched/orchard/issues/115))\n"
    "- Fix a typo in the agent heartbeat debug log message.\n\n"
    "### Documentation Updates\n\n"
    "- Document how to write and publish an Orchard plugin. ([#116](https://github.com/orchard-sched/orchard/issues/116))\n\n"
    "### External Dependency Updates\n\n"
    "- Upgrade aiohttp to 3.13.3 and PyYAML to 6.0.3, add structlog for structured agent logs, and drop the unused six dependency. "
    "([#110](https://github.com/orchard-sched/orchard/issues/110))\n\n\n";

// Every file under `root` except .git, with its bytes.
std::map<QString, QByteArray> snapshotTree(const QString &root)
{
    std::map<QString, QByteArray> out;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString rel = QDir(root).relativeFilePath(path);
        if (rel.startsWith(QLatin1String(".git/")))
            continue;
        QFile f(path);
        if (f.open(QIODevice::ReadOnly))
            out[rel] = f.readAll();
    }
    return out;
}

QByteArray readBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The real disk, failing the first write or delete of one path.
class FailingFileSystem : public RealFileSystem {
public:
    explicit FailingFileSystem(std::string suffix) : m_suffix(std::move(suffix)) {}
    trellis::base::Status write(const std::string &path, const std::string &data) override
    {
        if (shouldFail(path))
            return trellis::base::Diagnostic::error({path}, "cannot write: Permission denied");
        return RealFileSystem::write(path, data);
    }
    trellis::base::Status remove(const std::string &path) override
    {
        if (shouldFail(path))
            return trellis::base::Diagnostic::error({path}, "cannot delete: Permission denied");
        return RealFileSystem::remove(path);
    }

private:
    bool shouldFail(const std::string &path)
    {
        if (m_failed || m_suffix.empty() || path.size() < m_suffix.size() || path.compare(path.size() - m_suffix.size(), m_suffix.size(), m_suffix) != 0)
            return false;
        m_failed = true;
        return true;
    }
    std::string m_suffix;
    bool m_failed = false;
};

// A git copy of resources/demo with the release tag 26.3.0 (bare, annotated).
struct DemoRepo {
    QTemporaryDir dir;
    std::unique_ptr<GitFixture> git;
    std::string root;

    DemoRepo()
    {
        const QString src = QStringLiteral(TRELLIS_SOURCE_DIR "/resources/demo");
        QDirIterator it(src, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QString target = dir.path() + QLatin1Char('/') + QDir(src).relativeFilePath(path);
            QDir().mkpath(QFileInfo(target).absolutePath());
            QFile::copy(path, target);
        }
        git = std::make_unique<GitFixture>(dir.path());
        git->commitAll("initial");
        git->tag("26.3.0", "Release v26.3.0");
        git->write("README.md", "Orchard.\n");
        git->commitAll("docs: readme");
        root = dir.path().toStdString();
    }
    QString path(const char *rel) const { return dir.path() + QLatin1Char('/') + QLatin1String(rel); }
    PrepareRequest request(const std::string &version) const
    {
        PrepareRequest req;
        req.buildRoot = root;
        req.version = version;
        req.date = "2026-04-01";
        req.signature = Signature{"Release Bot", "bot@example.invalid", 1775000000, 0};
        return req;
    }
    std::shared_ptr<trellis::vcs::Repository> repo() const { return *trellis::vcs::Repository::open(root); }
};

} // namespace

class ReleasePlanTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testPrepareEndToEnd()
    {
        DemoRepo demo;
        const std::string oldChangelog = readBytes(demo.path("CHANGELOG.md")).toStdString();
        const std::string parent = demo.repo()->resolve("HEAD")->hash;
        auto plan = planRelease(demo.request("26.4.0"));
        QVERIFY2(plan.ok(), plan.ok() ? "" : plan.diagnostics().front().format().c_str());
        QCOMPARE(QString::fromStdString(plan->tagName), QStringLiteral("26.4.0"));
        QCOMPARE(QString::fromStdString(plan->tagMessage), QStringLiteral("Release v26.4.0"));
        QCOMPARE(QString::fromStdString(plan->commitMessage), QStringLiteral("release: 26.4.0"));
        QCOMPARE(QString::fromStdString(plan->renderedChangelog), QString::fromStdString(kSection));
        QStringList files;
        for (const FileChange &c : plan->changes)
            files << QString::number(int(c.kind)) + QLatin1Char(' ') + QString::fromStdString(c.path);
        QCOMPARE(files, (QStringList{"0 VERSION", "0 CHANGELOG.md", "2 changes/112.feature.md", "2 changes/113.enhance.md",
                                     "2 changes/115.fix.md", "2 changes/+heartbeat-log.fix.md", "2 changes/116.doc.md",
                                     "2 changes/110.deps.md"}));
        QCOMPARE(QString::fromStdString(plan->changes[0].diff), QStringLiteral("--- a/VERSION\n+++ b/VERSION\n@@ -1 +1 @@\n-26.3.0\n+26.4.0\n"));
        QCOMPARE(QString::fromStdString(plan->changes[1].diff.substr(0, plan->changes[1].diff.find("+# 26.4.0"))),
                 QStringLiteral("--- a/CHANGELOG.md\n+++ b/CHANGELOG.md\n@@ -5,6 +5,30 @@\n"
                                " \n <!-- towncrier release notes start -->\n \n"));
        const std::string planText = formatPlanText(*plan);
        QVERIFY(planText.rfind("Release 26.4.0 on main, changelog date 2026-04-01\nVERSION: 26.3.0 -> 26.4.0\n", 0) == 0);
        // Planning wrote nothing.
        QCOMPARE(readBytes(demo.path("VERSION")), QByteArray("26.3.0\n"));

        RealFileSystem disk;
        const ExecutionReport report = executeRelease(*plan, disk);
        QVERIFY2(report.ok, report.error.format().c_str());
        QCOMPARE(readBytes(demo.path("VERSION")), QByteArray("26.4.0\n"));
        std::string expected = oldChangelog;
        expected.insert(expected.find(kStart) + kStart.size(), kSection);
        QCOMPARE(QString::fromStdString(readBytes(demo.path("CHANGELOG.md")).toStdString()), QString::fromStdString(expected));
        QCOMPARE(QDir(demo.path("changes")).entryList(QDir::Files | QDir::Hidden), QStringList{"README.md"});

        auto repo = demo.repo();
        auto head = repo->resolve("HEAD");
        QCOMPARE(QString::fromStdString(head->hash), QString::fromStdString(report.commitHash));
        QCOMPARE(QString::fromStdString(head->message), QStringLiteral("release: 26.4.0\n"));
        QCOMPARE(QString::fromStdString(head->author), QStringLiteral("Release Bot <bot@example.invalid>"));
        QCOMPARE(QString::fromStdString(repo->resolve("HEAD~1")->hash), QString::fromStdString(parent));
        QVERIFY(repo->worktreeState()->clean);
        bool found = false;
        const std::vector<trellis::vcs::TagInfo> tags = *repo->tags();
        for (const trellis::vcs::TagInfo &t : tags) {
            if (t.name != "26.4.0")
                continue;
            found = true;
            QVERIFY(t.annotated);
            QCOMPARE(QString::fromStdString(t.message), QStringLiteral("Release v26.4.0\n"));
            QCOMPARE(QString::fromStdString(t.target), QString::fromStdString(report.commitHash));
        }
        QVERIFY(found);
        QCOMPARE(QString::fromStdString(**repo->readFileAt("HEAD", "VERSION")), QStringLiteral("26.4.0\n"));
        QVERIFY(!*repo->readFileAt("HEAD", "changes/112.feature.md"));

        // A second prepare of the same version is refused; undo restores everything.
        QVERIFY(!planRelease(demo.request("26.4.0")).ok());
        auto undo = undoLastRelease(demo.root);
        QVERIFY2(undo.ok(), undo.ok() ? "" : undo.diagnostics().front().format().c_str());
        QCOMPARE(QString::fromStdString(undo->tagName), QStringLiteral("26.4.0"));
        QCOMPARE(QString::fromStdString(undo->resetTo), QString::fromStdString(parent));
        repo = demo.repo();
        QCOMPARE(QString::fromStdString(repo->resolve("HEAD")->hash), QString::fromStdString(parent));
        QVERIFY(repo->worktreeState()->clean);
        QCOMPARE(readBytes(demo.path("VERSION")), QByteArray("26.3.0\n"));
        QCOMPARE(readBytes(demo.path("CHANGELOG.md")).toStdString(), oldChangelog);
        QVERIFY(QFile::exists(demo.path("changes/112.feature.md")));
        const std::vector<trellis::vcs::TagInfo> tagsAfter = *repo->tags();
        for (const trellis::vcs::TagInfo &t : tagsAfter)
            QVERIFY(t.name != "26.4.0");
        // Nothing left to undo.
        auto again = undoLastRelease(demo.root);
        QVERIFY(!again.ok());
        QVERIFY(again.diagnostics().front().message.find("is not a release commit made by Trellis") != std::string::npos);
    }

    void testFailureRollsBack_data()
    {
        QTest::addColumn<QString>("failOn");     // path suffix whose write/delete fails; "" = fail at the tag
        QTest::addColumn<bool>("commit");
        QTest::addColumn<QString>("error");
        QTest::newRow("changelog write")
            << "/CHANGELOG.md" << true << "error: writing CHANGELOG.md failed: %1/CHANGELOG.md: error: cannot write: Permission denied";
        QTest::newRow("fragment delete")
            << "/changes/116.doc.md" << true << "error: deleting changes/116.doc.md failed: %1/changes/116.doc.md: error: cannot delete: Permission denied";
        QTest::newRow("tag after commit") << "" << true << "error: creating tag 26.4.0 failed: *";
        QTest::newRow("no-commit, fragment delete")
            << "/changes/110.deps.md" << false << "error: deleting changes/110.deps.md failed: %1/changes/110.deps.md: error: cannot delete: Permission denied";
    }
    void testFailureRollsBack()
    {
        QFETCH(QString, failOn);
        QFETCH(bool, commit);
        QFETCH(QString, error);
        DemoRepo demo;
        // Stage an unrelated change so that the index differs from HEAD's tree.
        demo.git->write("docs/extra.md", "staged\n");
        demo.git->stage("docs/extra.md");
        PrepareRequest req = demo.request("26.4.0");
        req.allowDirty = true;
        req.commit = commit;
        req.tag = commit;
        auto plan = planRelease(req);
        QVERIFY(plan.ok());

        auto repo = demo.repo();
        const std::string head = repo->resolve("HEAD")->hash;
        const QString indexPath = demo.dir.path() + QStringLiteral("/.git/index");
        const QByteArray indexBefore = readBytes(indexPath);
        const auto treeBefore = snapshotTree(demo.dir.path());
        const size_t tagsBefore = repo->tags()->size();
        QVERIFY(!indexBefore.isEmpty());

        if (failOn.isEmpty())
            demo.git->tag("26.4.0", nullptr); // someone tagged in between: the tag step fails
        FailingFileSystem disk(failOn.toStdString());
        const ExecutionReport report = executeRelease(*plan, disk);
        QVERIFY(!report.ok);
        const QString got = QString::fromStdString(report.error.format());
        if (error.endsWith(QLatin1Char('*')))
            QVERIFY2(got.startsWith(error.chopped(1)), qPrintable(got));
        else
            QCOMPARE(got, error.arg(demo.dir.path()));
        QVERIFY(report.restoreProblems.empty());
        QVERIFY(!report.restored.empty());

        repo = demo.repo();
        QCOMPARE(QString::fromStdString(repo->resolve("HEAD")->hash), QString::fromStdString(head));
        QCOMPARE(readBytes(indexPath), indexBefore);
        QVERIFY(snapshotTree(demo.dir.path()) == treeBefore);
        QCOMPARE(repo->tags()->size(), tagsBefore + (failOn.isEmpty() ? 1 : 0));
        const std::string text = formatExecutionReport(report);
        QVERIFY(text.find("Nothing was changed: the repository is as it was before.\n") != std::string::npos);
    }

    void testRefusals_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<bool>("dirty");
        QTest::addColumn<bool>("allowDirty");
        QTest::addColumn<bool>("force");
        QTest::addColumn<QStringList>("errors");
        QTest::newRow("dirty") << "26.4.0" << true << false << false
                               << QStringList{"error: the worktree has 1 uncommitted change(s)\n(commit or stash them, or pass --allow-dirty)"};
        QTest::newRow("dirty allowed") << "26.4.0" << true << true << false << QStringList{};
        QTest::newRow("not newer, tag exists") << "26.3.0" << false << false << false
                                               << QStringList{"error: version 26.3.0 is not newer than the last release 26.3.0\n(did you mean 26.3.1?)",
                                                              "error: tag '26.3.0' already exists\n(pass --force to move it, or choose another version)"};
        QTest::newRow("older") << "26.2.5" << false << false << false
                               << QStringList{"error: version 26.2.5 is not newer than the last release 26.3.0\n(did you mean 26.3.1?)"};
        QTest::newRow("forced") << "26.3.0" << false << false << true << QStringList{};
        QTest::newRow("bad month") << "26.13.0" << false << false << true
                                   << QStringList{"error: version '26.13.0' has month 13; CalVer months are 1..12"};
        QTest::newRow("not a version") << "soon" << false << false << true << QStringList{"<new version>:1:1: error: *"};
    }
    void testRefusals()
    {
        QFETCH(QString, version);
        QFETCH(bool, dirty);
        QFETCH(bool, allowDirty);
        QFETCH(bool, force);
        QFETCH(QStringList, errors);
        DemoRepo demo;
        if (dirty)
            demo.git->write("scratch.txt", "x");
        PrepareRequest req = demo.request(version.toStdString());
        req.allowDirty = allowDirty;
        req.force = force;
        auto plan = planRelease(req);
        QCOMPARE(plan.ok(), errors.isEmpty());
        if (plan.ok()) {
            if (force)
                QVERIFY(plan->tagExists);
            return;
        }
        QStringList got;
        for (const trellis::base::Diagnostic &d : plan.diagnostics())
            got << QString::fromStdString(d.format());
        QCOMPARE(got.size(), errors.size());
        for (int i = 0; i < errors.size(); ++i) {
            if (errors[i].endsWith(QLatin1Char('*')))
                QVERIFY2(got[i].startsWith(errors[i].chopped(1)), qPrintable(got[i]));
            else
                QCOMPARE(got[i], errors[i]);
        }
    }

    void testForcedRetagAndPrerelease()
    {
        DemoRepo demo;
        PrepareRequest req = demo.request("26.4.0rc1");
        req.settings.tagPrefix = "v";
        auto plan = planRelease(req);
        QVERIFY(plan.ok());
        QCOMPARE(QString::fromStdString(plan->tagName), QStringLiteral("v26.4.0rc1"));
        QCOMPARE(QString::fromStdString(plan->tagMessage), QStringLiteral("Pre-release v26.4.0rc1"));
        RealFileSystem disk;
        QVERIFY(executeRelease(*plan, disk).ok);
        QCOMPARE(readBytes(demo.path("VERSION")), QByteArray("26.4.0rc1\n"));
    }

    void testNoTagNoCommit()
    {
        DemoRepo demo;
        const std::string head = demo.repo()->resolve("HEAD")->hash;
        PrepareRequest req = demo.request("26.4.0");
        req.commit = false;
        req.tag = false;
        auto plan = planRelease(req);
        QVERIFY(plan.ok());
        QVERIFY(plan->tagName.empty());
        RealFileSystem disk;
        const ExecutionReport report = executeRelease(*plan, disk);
        QVERIFY(report.ok);
        auto repo = demo.repo();
        QCOMPARE(QString::fromStdString(repo->resolve("HEAD")->hash), QString::fromStdString(head));
        const auto changes = *repo->uncommittedChanges();
        QCOMPARE(changes.size(), size_t(8));
        // Staged: HEAD differs from the index, the worktree matches the index.
        QVERIFY(!repo->worktreeState()->clean);
    }

    void testUndoRefusals()
    {
        DemoRepo demo;
        RealFileSystem disk;
        auto plan = planRelease(demo.request("26.4.0"));
        QVERIFY(plan.ok());
        QVERIFY(executeRelease(*plan, disk).ok);
        // Dirty worktree.
        demo.git->write("scratch.txt", "x");
        auto r = undoLastRelease(demo.root);
        QVERIFY(!r.ok());
        QCOMPARE(QString::fromStdString(r.diagnostics().front().message),
                 QStringLiteral("the worktree has uncommitted changes; commit or stash them before undoing the release"));
        demo.git->remove("scratch.txt");
        // Pushed: the upstream contains the release commit.
        auto repo = demo.repo();
        git_repository *raw = repo->raw();
        git_remote *remote = nullptr;
        QCOMPARE(git_remote_create(&remote, raw, "origin", "https://example.invalid/orchard.git"), 0);
        git_remote_free(remote);
        git_oid headOid;
        QCOMPARE(git_reference_name_to_id(&headOid, raw, "HEAD"), 0);
        git_reference *remoteRef = nullptr;
        QCOMPARE(git_reference_create(&remoteRef, raw, "refs/remotes/origin/main", &headOid, 0, "test"), 0);
        git_reference_free(remoteRef);
        git_reference *branch = nullptr;
        QCOMPARE(git_branch_lookup(&branch, raw, "main", GIT_BRANCH_LOCAL), 0);
        QCOMPARE(git_branch_set_upstream(branch, "origin/main"), 0);
        git_reference_free(branch);
        r = undoLastRelease(demo.root);
        QVERIFY(!r.ok());
        QCOMPARE(QString::fromStdString(r.diagnostics().front().message),
                 QStringLiteral("the release commit is already on origin/main; it was pushed and cannot be undone safely"));
        // Upstream behind the release commit: undo is allowed.
        git_oid parentOid;
        git_object *parentObj = nullptr;
        QCOMPARE(git_revparse_single(&parentObj, raw, "HEAD~1"), 0);
        git_oid_cpy(&parentOid, git_object_id(parentObj));
        git_object_free(parentObj);
        QCOMPARE(git_reference_create(&remoteRef, raw, "refs/remotes/origin/main", &parentOid, 1, "test"), 0);
        git_reference_free(remoteRef);
        r = undoLastRelease(demo.root);
        QVERIFY2(r.ok(), r.ok() ? "" : r.diagnostics().front().format().c_str());
        QCOMPARE(readBytes(demo.path("VERSION")), QByteArray("26.3.0\n"));
    }
};

QTEST_GUILESS_MAIN(ReleasePlanTest)
#include "releaseplan_test.moc"
