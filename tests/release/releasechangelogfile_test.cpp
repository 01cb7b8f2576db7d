// `[trellis.release]` changelog_file_pattern / changelog_file_header (one changelog file
// per version branch, as Backend.AI keeps CHANGELOG/26.9.md) and prepare_command (a
// command run inside the prepare transaction), on a Backend.AI-like repository: its real
// towncrier configuration, template and fragments (tests/fixtures/towncrier-golden/backendai).
#include "core/base/paths.h"
#include "core/release/releaseplan.h"
#include "core/vcs/githandle.h"
#include "core/workspace/options.h"
#include "tests/vcs/gitfixture.h"

#include <QDirIterator>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace trellis::release;

namespace {

const QString kBackendAi = QStringLiteral(TRELLIS_TEST_DATA "/fixtures/towncrier-golden/backendai");
const char *const kHeader = "# Backend.AI {major}.{minor}\n\nEvery release of the `{major}.{minor}` version branch.\n";

QByteArray readBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Every file under `root` except .git, with its bytes.
std::map<QString, QByteArray> snapshotTree(const QString &root)
{
    std::map<QString, QByteArray> out;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString rel = QDir(root).relativeFilePath(path);
        if (!rel.startsWith(QLatin1String(".git/")))
            out[rel] = readBytes(path);
    }
    return out;
}

// A repository shaped like Backend.AI after 26.8.0: its towncrier table, template and the
// 168 fragments of the 26.9 cycle, CHANGELOG.md (the archive) and CHANGELOG/26.8.md.
struct BackendAiRepo {
    QTemporaryDir dir;
    std::unique_ptr<GitFixture> git;
    std::string root;

    explicit BackendAiRepo(const QByteArray &trellisRelease)
    {
        QDirIterator it(kBackendAi, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QString rel = QDir(kBackendAi).relativeFilePath(path);
            if (rel != QLatin1String("expected-draft.txt")) {
                QDir().mkpath(QFileInfo(dir.filePath(rel)).absolutePath());
                QFile::copy(path, dir.filePath(rel));
            }
        }
        git = std::make_unique<GitFixture>(dir.path());
        git->write(QStringLiteral("pants.toml"), "[GLOBAL]\npants_version = \"2.32.0\"\n\n[trellis.release]\n" + trellisRelease);
        git->write(QStringLiteral("VERSION"), "26.8.0\n");
        git->write(QStringLiteral("CHANGELOG.md"), "# Changelog\n\n<!-- towncrier release notes start -->\n\n## 26.3.0 (2026-03-02)\n\nOld.\n");
        git->write(QStringLiteral("CHANGELOG/26.8.md"),
                   "# Backend.AI 26.8\n\n<!-- towncrier release notes start -->\n\n## 26.8.0 (2026-07-31)\n\n### Fixes\n* Fixed. ([#1](https://github.com/lablup/backend.ai/issues/1))\n");
        git->write(QStringLiteral("CHANGELOG/README.md"), "# Changelog index\n");
        git->commitAll("release: 26.8.0");
        git->tag("26.8.0", "Release v26.8.0");
        root = dir.path().toStdString();
    }

    PrepareRequest request(const std::string &version) const
    {
        trellis::workspace::OptionsRequest oreq;
        oreq.buildRoot = root;
        oreq.readPantsrc = false;
        auto opts = trellis::workspace::Options::load(oreq);
        PrepareRequest req;
        req.buildRoot = root;
        req.version = version;
        req.date = "2026-09-01";
        req.settings = withConfiguration({}, *opts);
        req.signature = Signature{"Release Bot", "bot@example.invalid", 1788000000, 0};
        return req;
    }
    QString path(const char *rel) const { return dir.filePath(QLatin1String(rel)); }
    std::string head() const { return (*trellis::vcs::Repository::open(root))->resolve("HEAD")->hash; }
    size_t uncommitted() const { return (*trellis::vcs::Repository::open(root))->uncommittedChanges()->size(); }
    /// The bytes of `rel` in HEAD's tree; "<missing>" when HEAD has no such file.
    QByteArray committed(const char *rel) const
    {
        auto repo = *trellis::vcs::Repository::open(root);
        git_object *obj = nullptr;
        if (git_revparse_single(&obj, repo->raw(), (std::string("HEAD:") + rel).c_str()) != 0)
            return "<missing>";
        git_blob *blob = reinterpret_cast<git_blob *>(obj);
        const QByteArray out(static_cast<const char *>(git_blob_rawcontent(blob)), qsizetype(git_blob_rawsize(blob)));
        git_object_free(obj);
        return out;
    }
};

// What real towncrier renders for these fragments (the golden file, see its update.sh).
QByteArray goldenSection()
{
    QByteArray s = readBytes(kBackendAi + QStringLiteral("/expected-draft.txt"));
    while (s.endsWith('\n'))
        s.chop(1);
    return s + '\n';
}

} // namespace

class ReleaseChangelogFileTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testPattern()
    {
        ReleaseSettings s;
        s.changelogFilePattern = "CHANGELOG/{major}.{minor}.md";
        auto v = trellis::lockfile::Version::parse("26.9.0rc1");
        QVERIFY(v.ok());
        QCOMPARE(changelogFileFor(s, "CHANGELOG.md", *v), std::string("CHANGELOG/26.9.md"));
        QCOMPARE(changelogFileFor({}, "CHANGELOG.md", *v), std::string("CHANGELOG.md"));
        QCOMPARE(expandVersionPattern("notes/{major}/{micro}-{version}.md {{x}} {other}", *v), std::string("notes/26/0-26.9.0rc1.md {x} {other}"));
    }

    // The first release of a branch creates CHANGELOG/26.9.md with the header and
    // towncrier's section; the archive and 26.8.md stay as they are; the next release of
    // the branch goes on top of the same file.
    void testPerVersionFile()
    {
        BackendAiRepo repo("changelog_file_pattern = \"CHANGELOG/{major}.{minor}.md\"\nchangelog_file_header = \"\"\"" + QByteArray(kHeader)
                           + "\"\"\"\n");
        const QByteArray archive = readBytes(repo.path("CHANGELOG.md"));
        const QByteArray previous = readBytes(repo.path("CHANGELOG/26.8.md"));
        auto plan = planRelease(repo.request("26.9.0rc1"));
        QVERIFY2(plan.ok(), plan.ok() ? "" : plan.diagnostics().front().format().c_str());
        QCOMPARE(plan->changelogPath, std::string("CHANGELOG/26.9.md"));
        QVERIFY(plan->newDirectories.empty());
        trellis::base::RealDisk disk;
        const ExecutionReport report = executeRelease(*plan, disk);
        QVERIFY2(report.ok, report.error.format().c_str());

        const QByteArray expected = "# Backend.AI 26.9\n\nEvery release of the `26.9` version branch.\n\n"
                                    "<!-- towncrier release notes start -->\n\n" + goldenSection();
        QCOMPARE(readBytes(repo.path("CHANGELOG/26.9.md")), expected);
        QCOMPARE(repo.committed("CHANGELOG/26.9.md"), expected);
        QCOMPARE(readBytes(repo.path("CHANGELOG.md")), archive);
        QCOMPARE(readBytes(repo.path("CHANGELOG/26.8.md")), previous);
        QCOMPARE(repo.committed("changes/13138.feature.md"), QByteArray("<missing>"));
        QCOMPARE(repo.committed("changes/template.md"), readBytes(kBackendAi + QStringLiteral("/changes/template.md")));
        QCOMPARE(repo.uncommitted(), size_t(0));

        repo.git->write(QStringLiteral("changes/14001.fix.md"), "Fix the final release.\n");
        repo.git->commitAll("fix: final");
        auto final = planRelease(repo.request("26.9.0"));
        QVERIFY2(final.ok(), final.ok() ? "" : final.diagnostics().front().format().c_str());
        QVERIFY(executeRelease(*final, disk).ok);
        const QByteArray text = readBytes(repo.path("CHANGELOG/26.9.md"));
        QVERIFY(text.startsWith("# Backend.AI 26.9\n\nEvery release of the `26.9` version branch.\n\n"
                                "<!-- towncrier release notes start -->\n\n## 26.9.0 (2026-09-01)\n\n### Fixes\n"
                                "* Fix the final release. ([#14001](https://github.com/lablup/backend.ai/issues/14001))\n"));
        QVERIFY(text.endsWith(goldenSection()));
    }

    // Without a header a new file holds the section alone (towncrier's way); missing
    // directories are created, and removed again when a later step fails.
    void testNewDirectoriesRolledBack()
    {
        BackendAiRepo repo("changelog_file_pattern = \"notes/{major}/{minor}.md\"\n");
        const auto before = snapshotTree(repo.dir.path());
        const std::string head = repo.head();
        auto plan = planRelease(repo.request("26.9.0rc1"));
        QVERIFY(plan.ok());
        QCOMPARE(plan->newDirectories, (std::vector<std::string>{"notes", "notes/26"}));
        trellis::base::RealDisk disk;
        const ExecutionReport failed = executeRelease(*plan, disk, [](const std::string &what) {
            return what == "commit" ? trellis::base::Status(trellis::base::Diagnostic::error({}, "injected")) : trellis::base::okStatus();
        });
        QVERIFY(!failed.ok);
        QVERIFY2(failed.restoreProblems.empty(), failed.restoreProblems.empty() ? "" : failed.restoreProblems.front().c_str());
        QVERIFY(!QFileInfo::exists(repo.path("notes")));
        QCOMPARE(snapshotTree(repo.dir.path()), before);
        QCOMPARE(repo.head(), head);

        const ExecutionReport ok = executeRelease(*plan, disk);
        QVERIFY2(ok.ok, ok.error.format().c_str());
        QCOMPARE(readBytes(repo.path("notes/26/9.md")), goldenSection());
    }

    void testPrepareCommandNeedsTrust()
    {
        BackendAiRepo repo("prepare_command = [\"sh\", \"-c\", \"touch RELEASED\"]\n");
        auto plan = planRelease(repo.request("26.9.0rc1"));
        QVERIFY(!plan.ok());
        QCOMPARE(QString::fromStdString(plan.diagnostics().front().message),
                 QStringLiteral("[trellis.release] prepare_command runs repository code (sh -c touch RELEASED) and this repository is not trusted"));
        QCOMPARE(QString::fromStdString(plan.diagnostics().front().hint),
                 QStringLiteral("review the command, then trust the repository: --trust-repo (TRELLIS_TRUST_REPO=1 for one run)"));
        QVERIFY(!QFileInfo::exists(repo.path("RELEASED")));
    }

    // The command sees the release in its environment; a file it writes and one it edits
    // are committed with the release.
    void testPrepareCommandCommitted()
    {
        BackendAiRepo repo("prepare_command = [\"sh\", \"-c\", "
                           "\"echo \\\"$TRELLIS_RELEASE_VERSION $TRELLIS_RELEASE_TAG $TRELLIS_RELEASE_CHANGELOG\\\" > RELEASED "
                           "&& echo '- 26.9' >> CHANGELOG/README.md && head -1 CHANGELOG/26.9.md\"]\n"
                           "changelog_file_pattern = \"CHANGELOG/{major}.{minor}.md\"\n");
        PrepareRequest req = repo.request("26.9.0rc1");
        req.allowPrepareCommand = true;
        auto plan = planRelease(req);
        QVERIFY2(plan.ok(), plan.ok() ? "" : plan.diagnostics().front().format().c_str());
        QCOMPARE(plan->prepareCommand.size(), size_t(3));
        trellis::base::RealDisk disk;
        const ExecutionReport report = executeRelease(*plan, disk);
        QVERIFY2(report.ok, report.error.format().c_str());
        QCOMPARE(repo.committed("RELEASED"), QByteArray("26.9.0rc1 26.9.0rc1 CHANGELOG/26.9.md\n"));
        QCOMPARE(repo.committed("CHANGELOG/README.md"), QByteArray("# Changelog index\n- 26.9\n"));
        QCOMPARE(repo.uncommitted(), size_t(0));
        QVERIFY(std::find(report.steps.begin(), report.steps.end(), "ran prepare_command `sh` (changed 2 file(s))") != report.steps.end());
    }

    // A failing command rolls back everything: the release's files, what the command
    // wrote, the index and HEAD; its output ends the error.
    void testPrepareCommandFailureRollsBack()
    {
        BackendAiRepo repo("prepare_command = [\"sh\", \"-c\", \"echo partial > RELEASED; echo more >> CHANGELOG/README.md; echo boom; exit 3\"]\n"
                           "changelog_file_pattern = \"CHANGELOG/{major}.{minor}.md\"\n");
        const auto before = snapshotTree(repo.dir.path());
        const std::string head = repo.head();
        PrepareRequest req = repo.request("26.9.0rc1");
        req.allowPrepareCommand = true;
        auto plan = planRelease(req);
        QVERIFY(plan.ok());
        trellis::base::RealDisk disk;
        const ExecutionReport report = executeRelease(*plan, disk);
        QVERIFY(!report.ok);
        QCOMPARE(QString::fromStdString(report.error.message), QStringLiteral("running prepare_command `sh` failed: exit code 3:\nboom"));
        QVERIFY(report.restoreProblems.empty());
        QCOMPARE(snapshotTree(repo.dir.path()), before);
        QCOMPARE(repo.head(), head);
        QCOMPARE(repo.uncommitted(), size_t(0));
    }

    void testPrepareCommandThatCannotStart()
    {
        BackendAiRepo repo("prepare_command = [\"/nonexistent/release-tool\"]\n");
        const auto before = snapshotTree(repo.dir.path());
        PrepareRequest req = repo.request("26.9.0rc1");
        req.allowPrepareCommand = true;
        auto plan = planRelease(req);
        QVERIFY(plan.ok());
        trellis::base::RealDisk disk;
        const ExecutionReport report = executeRelease(*plan, disk);
        QVERIFY(!report.ok);
        QVERIFY2(report.error.message.rfind("running prepare_command `/nonexistent/release-tool` failed: cannot start", 0) == 0,
                 report.error.message.c_str());
        QCOMPARE(snapshotTree(repo.dir.path()), before);
    }
};

QTEST_GUILESS_MAIN(ReleaseChangelogFileTest)
#include "releasechangelogfile_test.moc"
