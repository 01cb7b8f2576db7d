// Preparing a release end to end on a git copy of resources/demo, failure injection in
// the middle of execution (rolled back byte for byte), refusals, and undo.
#include "core/base/paths.h"
#include "core/release/releaseplan.h"
#include "core/release/releasereport.h"
#include "core/vcs/githandle.h"
#include "tests/vcs/gitfixture.h"

#include <QDirIterator>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <filesystem>
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

// The real disk, failing exactly the Nth mutating call (1-based; 0 = never) with ENOSPC,
// as a full disk would; every call is logged so a test can loop N over every step.
class FaultFileSystem : public trellis::base::RealDisk {
public:
    explicit FaultFileSystem(int failAt) : m_failAt(failAt) {}
    std::vector<std::string> calls;   ///< "create /path", "gitStep commit", ...
    std::string failed;               ///< the call that failed
    int failedIndex = 0;              ///< its index in calls (0-based)

    trellis::base::Result<int> create(const std::string &path, const std::string &modeFrom) override
    {
        if (hit("create " + path))
            return enospc(path).takeDiagnostics();
        return RealDisk::create(path, modeFrom);
    }
    trellis::base::Status write(int handle, std::string_view data) override
    {
        return hit("write " + std::to_string(handle)) ? enospc("write") : RealDisk::write(handle, data);
    }
    // fsync is counted and can fail, but is not performed: the loop runs hundreds of
    // releases and durability is not what it checks.
    trellis::base::Status sync(int handle) override
    {
        return hit("sync " + std::to_string(handle)) ? enospc("fsync") : trellis::base::okStatus();
    }
    trellis::base::Status close(int handle) override
    {
        if (hit("close " + std::to_string(handle))) {
            (void)RealDisk::close(handle); // close(2) releases the descriptor even when it fails
            return enospc("close");
        }
        return RealDisk::close(handle);
    }
    trellis::base::Status rename(const std::string &from, const std::string &to) override
    {
        return hit("rename " + from + " " + to) ? enospc(to) : RealDisk::rename(from, to);
    }
    trellis::base::Status link(const std::string &existing, const std::string &newPath) override
    {
        return hit("link " + existing + " " + newPath) ? enospc(newPath) : RealDisk::link(existing, newPath);
    }
    trellis::base::Status remove(const std::string &path) override
    {
        return hit("remove " + path) ? enospc(path) : RealDisk::remove(path);
    }
    trellis::base::Status syncDirectory(const std::string &dir) override
    {
        return hit("syncDirectory " + dir) ? enospc(dir) : trellis::base::okStatus();
    }
    trellis::base::Status gitStep(const std::string &what)
    {
        return hit("gitStep " + what) ? enospc(what) : trellis::base::okStatus();
    }
    /// The hook executeRelease calls before each libgit2 step, failing in turn like the disk.
    GitStepHook gitStepHook()
    {
        return [this](const std::string &what) { return gitStep(what); };
    }

private:
    bool hit(std::string call)
    {
        calls.push_back(std::move(call));
        if (int(calls.size()) != m_failAt)
            return false;
        failed = calls.back();
        failedIndex = int(calls.size()) - 1;
        return true;
    }
    static trellis::base::Status enospc(const std::string &what)
    {
        return trellis::base::Diagnostic::error({what}, "No space left on device");
    }
    int m_failAt;
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

// Everything prepare/undo may touch: files, the index (entries), HEAD and its branch, tags,
// and the status the user sees.
struct RepoState {
    std::map<QString, QByteArray> files;
    std::map<std::string, std::string> index; ///< path -> "mode oid stage"
    std::string head;
    std::string branch;
    std::map<std::string, std::string> tags;  ///< name -> target
    std::vector<std::string> status;          ///< "path status"

    static RepoState of(const DemoRepo &demo) { return of(demo.dir.path()); }
    static RepoState of(const QString &root)
    {
        RepoState st;
        st.files = snapshotTree(root);
        auto repo = *trellis::vcs::Repository::open(root.toStdString());
        st.head = repo->resolve("HEAD")->hash;
        st.branch = repo->worktreeState()->branch;
        const auto tags = repo->tags();
        for (const trellis::vcs::TagInfo &t : *tags)
            st.tags[t.name] = t.target;
        const auto changes = repo->uncommittedChanges();
        for (const trellis::vcs::ChangedFile &f : *changes)
            st.status.push_back(f.path + " " + trellis::vcs::changeStatusName(f.status));
        git_index *index = nullptr;
        git_repository_index(&index, repo->raw());
        git_index_read(index, 1);
        for (size_t i = 0; i < git_index_entrycount(index); ++i) {
            const git_index_entry *e = git_index_get_byindex(index, i);
            st.index[e->path] = std::to_string(e->mode) + " " + trellis::vcs::oidHex(&e->id) + " " + std::to_string(git_index_entry_stage(e));
        }
        git_index_free(index);
        return st;
    }
    bool operator==(const RepoState &) const = default;
    QString describe() const
    {
        QString out = QString::fromStdString("HEAD " + head + " on " + branch + "\n");
        for (const auto &[k, v] : tags)
            out += QString::fromStdString("tag " + k + " " + v + "\n");
        for (const std::string &line : status)
            out += QString::fromStdString("status " + line + "\n");
        for (const auto &[k, v] : files)
            out += QStringLiteral("file ") + k + QLatin1Char(' ') + QString::number(qHash(v)) + QLatin1Char('\n');
        for (const auto &[k, v] : index)
            out += QString::fromStdString("index " + k + " " + v + "\n");
        return out;
    }
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

        trellis::base::RealDisk disk;
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

    /// Tag style follows the repository unless configured: lightweight tags make
    /// lightweight tags (and undo still removes them).
    void testLightweightTagsFollowTheRepository()
    {
        DemoRepo demo;
        PrepareRequest req = demo.request("26.4.0");
        req.settings.annotatedTags = false; // as a repository whose newest release tag is lightweight
        auto plan = planRelease(req);
        QVERIFY2(plan.ok(), plan.ok() ? "" : plan.diagnostics().front().format().c_str());
        QVERIFY(!plan->annotatedTag);
        QVERIFY(formatPlanText(*plan).find("Tag: 26.4.0 (lightweight") != std::string::npos);
        trellis::base::RealDisk disk;
        const ExecutionReport report = executeRelease(*plan, disk);
        QVERIFY2(report.ok, report.error.format().c_str());
        bool found = false;
        auto repo = demo.repo();
        const std::vector<trellis::vcs::TagInfo> tags = *repo->tags();
        for (const trellis::vcs::TagInfo &t : tags)
            if (t.name == "26.4.0") {
                found = true;
                QVERIFY(!t.annotated);
                QCOMPARE(QString::fromStdString(t.target), QString::fromStdString(report.commitHash));
            }
        QVERIFY(found);
        // The next release follows the newest tag, now lightweight, without the setting.
        StatusRequest statusRequest;
        statusRequest.buildRoot = demo.root;
        auto status = computeReleaseStatus(statusRequest);
        QVERIFY(status.ok());
        QVERIFY(!status->annotatedTags);
        auto undo = undoLastRelease(demo.root);
        QVERIFY2(undo.ok(), undo.ok() ? "" : undo.diagnostics().front().format().c_str());
        repo = demo.repo();
        const std::vector<trellis::vcs::TagInfo> after = *repo->tags();
        for (const trellis::vcs::TagInfo &t : after)
            QVERIFY(t.name != "26.4.0");
    }

    void testTagTakenMeanwhileRollsBack()
    {
        DemoRepo demo;
        // Stage an unrelated change so that the index differs from HEAD's tree.
        demo.git->write("docs/extra.md", "staged\n");
        demo.git->stage("docs/extra.md");
        PrepareRequest req = demo.request("26.4.0");
        req.allowDirty = true;
        auto plan = planRelease(req);
        QVERIFY(plan.ok());
        demo.git->tag("26.4.0", nullptr); // someone tagged in between: the tag step fails
        const RepoState before = RepoState::of(demo);
        trellis::base::RealDisk disk;
        const ExecutionReport report = executeRelease(*plan, disk);
        QVERIFY(!report.ok);
        QVERIFY2(report.error.format().rfind("error: creating tag 26.4.0 failed: ", 0) == 0, report.error.format().c_str());
        QVERIFY(report.restoreProblems.empty());
        QVERIFY(!report.restored.empty());
        const RepoState after = RepoState::of(demo);
        QCOMPARE(after.describe(), before.describe());
        QVERIFY(after == before);
        const std::string text = formatExecutionReport(report);
        QVERIFY(text.find("Nothing was changed: the repository is as it was before.\n") != std::string::npos);
    }

    // Issue 18 item 6: every step of the execution (create, write, fsync, close, link,
    // rename, directory fsync, staging, commit, index write, branch move, tag) fails in
    // turn; each time the release reports failure and the repository is exactly as before.
    void testEveryStepFailureRollsBack_data()
    {
        QTest::addColumn<bool>("commit");
        QTest::newRow("commit and tag") << true;
        QTest::newRow("no-commit") << false;
    }
    void testEveryStepFailureRollsBack()
    {
        QFETCH(bool, commit);
        // One prepared repository (staged and unstaged edits of the user's), copied afresh
        // for every run.
        DemoRepo demo;
        demo.git->write("docs/extra.md", "staged\n");
        demo.git->stage("docs/extra.md");
        demo.git->write("README.md", "Orchard, edited.\n"); // unstaged
        struct Copy {
            QTemporaryDir dir;
            explicit Copy(const QString &from)
            {
                std::filesystem::copy(from.toStdString(), dir.path().toStdString(), std::filesystem::copy_options::recursive);
            }
            QString path(const char *rel) const { return dir.path() + QLatin1Char('/') + QLatin1String(rel); }
        };
        auto prepare = [&](const Copy &copy) {
            PrepareRequest req = demo.request("26.4.0");
            req.buildRoot = copy.dir.path().toStdString();
            req.allowDirty = true;
            req.commit = commit;
            req.tag = commit;
            return planRelease(req);
        };
        // A clean run counts the calls.
        int total = 0;
        {
            Copy copy(demo.dir.path());
            auto plan = prepare(copy);
            QVERIFY(plan.ok());
            FaultFileSystem disk(0);
            const ExecutionReport report = executeRelease(*plan, disk, disk.gitStepHook());
            QVERIFY2(report.ok, report.error.format().c_str());
            QVERIFY(report.warnings.empty());
            total = int(disk.calls.size());
            for (const std::string &step : {"create ", "write ", "sync ", "close ", "link ", "rename ", "syncDirectory ", "remove "})
                QVERIFY2(std::any_of(disk.calls.begin(), disk.calls.end(), [&](const std::string &c) { return c.rfind(step, 0) == 0; }), step.c_str());
            const std::vector<std::string> gitSteps = commit ? std::vector<std::string>{"gitStep stage", "gitStep commit", "gitStep write index", "gitStep move branch", "gitStep tag"}
                                                             : std::vector<std::string>{"gitStep stage", "gitStep write index"};
            for (const std::string &step : gitSteps)
                QVERIFY2(std::find(disk.calls.begin(), disk.calls.end(), step) != disk.calls.end(), step.c_str());
            // No temporary or backup file is left behind.
            for (const auto &[path, bytes] : snapshotTree(copy.dir.path()))
                QVERIFY2(!path.contains(QLatin1String(".trellis-")), qPrintable(path));
            QCOMPARE(readBytes(copy.path("VERSION")), QByteArray("26.4.0\n"));
        }
        QVERIFY(total > 30);
        int failures = 0, cleanupFailures = 0;
        for (int n = 1; n <= total; ++n) {
            Copy copy(demo.dir.path());
            auto plan = prepare(copy);
            QVERIFY(plan.ok());
            const RepoState before = RepoState::of(copy.dir.path());
            FaultFileSystem disk(n);
            const ExecutionReport report = executeRelease(*plan, disk, disk.gitStepHook());
            QVERIFY2(!disk.failed.empty(), qPrintable(QString::number(n)));
            if (report.ok) {
                // Only removing a backup after everything succeeded may fail without
                // failing the release; it is reported.
                ++cleanupFailures;
                QVERIFY2(disk.failed.rfind("remove ", 0) == 0 && disk.failed.find(".trellis-old-") != std::string::npos, disk.failed.c_str());
                QCOMPARE(int(report.warnings.size()), 1);
                QCOMPARE(readBytes(copy.path("VERSION")), QByteArray("26.4.0\n"));
                continue;
            }
            ++failures;
            QVERIFY2(report.restoreProblems.empty(), report.restoreProblems.empty() ? "" : report.restoreProblems.front().c_str());
            QVERIFY2(report.error.format().find("No space left on device") != std::string::npos, report.error.format().c_str());
            const RepoState after = RepoState::of(copy.dir.path());
            if (!(after == before))
                QCOMPARE(after.describe(), before.describe() + QStringLiteral("(step %1: %2)").arg(n).arg(QString::fromStdString(disk.failed)));
        }
        QVERIFY(failures > 20);
        QVERIFY(cleanupFailures >= 1);
    }

    // Issue 18 item 7: --allow-dirty commits only the release's paths; the user's staged
    // and unstaged edits stay as they were, and undo returns to exactly the state before.
    void testAllowDirtyKeepsOtherWorkAndUndoRestoresIt()
    {
        DemoRepo demo;
        demo.git->write("docs/extra.md", "new, staged\n");
        demo.git->stage("docs/extra.md");
        demo.git->write("README.md", "Orchard, staged edit.\n");
        demo.git->stage("README.md");
        demo.git->write("README.md", "Orchard, staged edit, then more unstaged.\n");
        demo.git->write("scratch.txt", "untracked\n");
        const RepoState before = RepoState::of(demo);
        const std::string parent = before.head;
        PrepareRequest req = demo.request("26.4.0");
        req.allowDirty = true;
        auto plan = planRelease(req);
        QVERIFY(plan.ok());
        trellis::base::RealDisk disk;
        const ExecutionReport report = executeRelease(*plan, disk);
        QVERIFY2(report.ok, report.error.format().c_str());

        auto repo = demo.repo();
        // The commit holds the release's files and nothing else of the user's.
        QVERIFY(!*repo->readFileAt("HEAD", "docs/extra.md"));
        QCOMPARE(QString::fromStdString(**repo->readFileAt("HEAD", "README.md")), QStringLiteral("Orchard.\n"));
        QCOMPARE(QString::fromStdString(**repo->readFileAt("HEAD", "VERSION")), QStringLiteral("26.4.0\n"));
        auto changed = repo->changedInDiffspec("HEAD");
        QVERIFY(changed.ok());
        QCOMPARE(int(changed->size()), int(plan->changes.size()));
        // The user's edits are still staged / unstaged / untracked as before.
        QStringList status;
        const auto uncommitted = repo->uncommittedChanges();
        for (const trellis::vcs::ChangedFile &f : *uncommitted)
            status << QString::fromStdString(f.path + " " + trellis::vcs::changeStatusName(f.status));
        QCOMPARE(status, (QStringList{"README.md modified", "docs/extra.md added", "scratch.txt untracked"}));
        const RepoState released = RepoState::of(demo);
        QCOMPARE(released.index.at("docs/extra.md"), before.index.at("docs/extra.md"));
        QCOMPARE(released.index.at("README.md"), before.index.at("README.md"));
        QCOMPARE(readBytes(demo.path("README.md")), QByteArray("Orchard, staged edit, then more unstaged.\n"));

        auto undo = undoLastRelease(demo.root);
        QVERIFY2(undo.ok(), undo.ok() ? "" : undo.diagnostics().front().format().c_str());
        QCOMPARE(QString::fromStdString(undo->resetTo), QString::fromStdString(parent));
        const RepoState after = RepoState::of(demo);
        QCOMPARE(after.describe(), before.describe());
        QVERIFY(after == before);
    }

    void testAllowDirtyRefusesEditsToReleaseFiles()
    {
        DemoRepo demo;
        demo.git->write("VERSION", "26.3.0-local\n");
        demo.git->write("changes/200.feature.md", "An uncommitted fragment.\n");
        PrepareRequest req = demo.request("26.4.0");
        req.allowDirty = true;
        auto plan = planRelease(req);
        QVERIFY(!plan.ok());
        QStringList got;
        for (const trellis::base::Diagnostic &d : plan.diagnostics())
            got << QString::fromStdString(d.message);
        QVERIFY2(got.contains(QStringLiteral("VERSION has uncommitted changes and the release would commit them")), qPrintable(got.join('\n')));
        QVERIFY2(got.contains(QStringLiteral("changes/200.feature.md has uncommitted changes and the release would delete them")), qPrintable(got.join('\n')));
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
        trellis::base::RealDisk disk;
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
        trellis::base::RealDisk disk;
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
        trellis::base::RealDisk disk;
        auto plan = planRelease(demo.request("26.4.0"));
        QVERIFY(plan.ok());
        QVERIFY(executeRelease(*plan, disk).ok);
        // A file of the release edited since: undo would lose the edit.
        demo.git->write("CHANGELOG.md", "edited after the release\n");
        auto r = undoLastRelease(demo.root);
        QVERIFY(!r.ok());
        QCOMPARE(QString::fromStdString(r.diagnostics().front().message),
                 QStringLiteral("CHANGELOG.md changed since the release commit; undoing would lose that change"));
        // A fragment the release deleted, written again.
        QVERIFY(demo.repo()->readFileAt("HEAD", "CHANGELOG.md")->has_value());
        demo.git->write("CHANGELOG.md", QByteArray::fromStdString(**demo.repo()->readFileAt("HEAD", "CHANGELOG.md")));
        demo.git->write("changes/112.feature.md", "again\n");
        r = undoLastRelease(demo.root);
        QVERIFY(!r.ok());
        QCOMPARE(QString::fromStdString(r.diagnostics().front().message),
                 QStringLiteral("changes/112.feature.md changed since the release commit; undoing would lose that change"));
        demo.git->remove("changes/112.feature.md");
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
