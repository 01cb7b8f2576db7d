// Release status on repositories built with GitFixture: release tags (bare and `v`),
// commits since the latest tag, HEAD tagged, branch and worktree, and the checklist.
#include "core/release/releasereport.h"
#include "core/release/releasestatus.h"
#include "core/workspace/options.h"
#include "tests/vcs/gitfixture.h"

#include <QTemporaryDir>
#include <QTest>

using namespace trellis::release;

namespace {

const QByteArray kPyproject = "[tool.towncrier]\ndirectory = \"changes\"\nfilename = \"CHANGELOG.md\"\n";

} // namespace

class ReleaseStatusTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testTags_data()
    {
        QTest::addColumn<QStringList>("tagsFirst");   // on the first commit; "name:a" = annotated
        QTest::addColumn<QStringList>("tagsSecond");  // on the second commit
        QTest::addColumn<int>("commitsAfter");
        QTest::addColumn<bool>("dirty");
        QTest::addColumn<QString>("latest");
        QTest::addColumn<int>("since");
        QTest::addColumn<QStringList>("headTags");
        QTest::addColumn<QString>("prefix");
        QTest::newRow("bare") << QStringList{"26.2.0:a"} << QStringList{"26.3.0:a"} << 2 << false << "26.3.0" << 2 << QStringList{} << "";
        QTest::newRow("v prefix, HEAD tagged") << QStringList{"v1.0.0"} << QStringList{"v1.1.0:a"} << 0 << false << "v1.1.0" << 0
                                               << QStringList{"v1.1.0"} << "v";
        QTest::newRow("no tags") << QStringList{} << QStringList{} << 1 << false << "" << -1 << QStringList{} << "v";
        QTest::newRow("non-version tags ignored") << QStringList{"v1.0.0", "release-candidate"} << QStringList{"nightly"} << 1 << false
                                                  << "v1.0.0" << 2 << QStringList{} << "v";
        QTest::newRow("version order, not name order") << QStringList{"26.9.0"} << QStringList{"26.10.0"} << 0 << true << "26.10.0" << 0
                                                       << QStringList{"26.10.0"} << "";
        QTest::newRow("zero-padded tag") << QStringList{"20.09.0"} << QStringList{} << 3 << false << "20.09.0" << 4 << QStringList{} << "";
    }
    void testTags()
    {
        QFETCH(QStringList, tagsFirst);
        QFETCH(QStringList, tagsSecond);
        QFETCH(int, commitsAfter);
        QFETCH(bool, dirty);
        QFETCH(QString, latest);
        QFETCH(int, since);
        QFETCH(QStringList, headTags);
        QFETCH(QString, prefix);
        QTemporaryDir dir;
        GitFixture g(dir.path());
        auto tag = [&](const QString &spec) {
            const QStringList parts = spec.split(QLatin1Char(':'));
            const QByteArray name = parts[0].toUtf8();
            g.tag(name.constData(), parts.size() > 1 ? "Release" : nullptr);
        };
        g.write("VERSION", "1.0.0\n");
        g.write("pyproject.toml", kPyproject);
        g.commitAll("first");
        for (const QString &t : tagsFirst)
            tag(t);
        g.write("a.txt", "a");
        g.commitAll("second");
        for (const QString &t : tagsSecond)
            tag(t);
        for (int i = 0; i < commitsAfter; ++i) {
            g.write("a.txt", QByteArray::number(i));
            g.commitAll("more");
        }
        if (dirty)
            g.write("untracked.txt", "x");
        StatusRequest req;
        req.buildRoot = dir.path().toStdString();
        auto st = computeReleaseStatus(req);
        QVERIFY(st.ok());
        QVERIFY(st->isGitRepository);
        QCOMPARE(QString::fromStdString(st->latestTag ? st->latestTag->name : ""), latest);
        QCOMPARE(st->commitsSinceTag, since);
        QStringList gotHead;
        for (const std::string &t : st->headTags)
            gotHead << QString::fromStdString(t);
        QCOMPARE(gotHead, headTags);
        QCOMPARE(QString::fromStdString(st->tagPrefix), prefix);
        QCOMPARE(QString::fromStdString(st->worktree.branch), QStringLiteral("main"));
        QCOMPARE(st->worktree.clean, !dirty);
        QCOMPARE(st->item("clean-worktree")->state, dirty ? CheckState::Fail : CheckState::Pass);
        if (dirty)
            QCOMPARE(QString::fromStdString(st->item("clean-worktree")->detail), QStringLiteral("1 uncommitted change(s): untracked.txt (untracked)"));
    }

    void testChecklist()
    {
        QTemporaryDir dir;
        GitFixture g(dir.path());
        g.write("VERSION", "26.3.0\n");
        g.write("pyproject.toml", kPyproject);
        g.write("changes/12.feature.md", "Add it.\n");
        g.commitAll("first");
        g.tag("26.3.0", "Release v26.3.0");
        StatusRequest req;
        req.buildRoot = dir.path().toStdString();
        req.today = QDate(2026, 4, 2);
        req.lastTestRun = [] { return std::optional<TestRunOutcome>(TestRunOutcome{false, "2 failed"}); };
        auto st = computeReleaseStatus(req);
        QVERIFY(st.ok());
        QVERIFY(st->versionMatchesLatestTag);
        QStringList lines;
        for (const ChecklistItem &i : st->checklist)
            lines << QString::fromStdString(i.id + " " + checkStateName(i.state) + ": " + i.detail + (i.fixIt.empty() ? "" : " | " + i.fixIt));
        QCOMPARE(lines, (QStringList{
                            "clean-worktree pass: no uncommitted changes",
                            "branch pass: on 'main'",
                            "version unknown: VERSION 26.3.0 is already released as tag 26.3.0; no new version chosen yet"
                            " | trellis release prepare --version=26.3.1",
                            "fragments pass: 1 fragment(s)",
                            "tests fail: 2 failed | fix the failing tests and run them again",
                            "lockfiles unknown: no workspace loaded",
                        }));
        QVERIFY(!st->ready());

        // A typed target version, a release branch, and a passing run.
        g.branch("26.4");
        g.checkout("26.4");
        req.targetVersion = "26.4.0";
        req.lastTestRun = [] { return std::optional<TestRunOutcome>(TestRunOutcome{true, "12 passed"}); };
        st = computeReleaseStatus(req);
        QVERIFY(st.ok());
        QCOMPARE(st->item("branch")->state, CheckState::Pass);
        QCOMPARE(QString::fromStdString(st->item("version")->detail), QStringLiteral("26.4.0 (calver), newer than 26.3.0"));
        QCOMPARE(st->item("tests")->state, CheckState::Pass);

        req.targetVersion = "26.2.0";
        req.lastTestRun = nullptr;
        g.branch("feature");
        g.checkout("feature");
        st = computeReleaseStatus(req);
        QCOMPARE(st->item("branch")->state, CheckState::Fail);
        QCOMPARE(QString::fromStdString(st->item("branch")->detail), QStringLiteral("on 'feature', expected main or master or a release branch YY.MM"));
        QCOMPARE(st->item("version")->state, CheckState::Fail);
        QCOMPARE(QString::fromStdString(st->item("version")->detail), QStringLiteral("version 26.2.0 is not newer than the last release 26.3.0"));
        QCOMPARE(st->item("tests")->state, CheckState::Unknown);
        QCOMPARE(QString::fromStdString(st->item("tests")->fixIt), QStringLiteral("trellis --changed-since=26.3.0 test"));
    }

    /// Tags on other branches count: with 26.8.0 and 26.8.1 tagged, 26.8.1 is never
    /// proposed or accepted, and the next micro is 26.8.2.
    void testSuggestionsSkipExistingTags()
    {
        QTemporaryDir dir;
        GitFixture g(dir.path());
        g.write("VERSION", "26.8.0\n");
        g.write("pyproject.toml", kPyproject);
        g.commitAll("first");
        g.tag("26.8.0", nullptr); // lightweight, as many repositories tag
        g.branch("26.8");
        g.checkout("26.8");
        g.write("VERSION", "26.8.1\n");
        g.commitAll("hotfix");
        g.tag("26.8.1", nullptr);
        g.checkout("main");
        StatusRequest req;
        req.buildRoot = dir.path().toStdString();
        req.today = QDate(2026, 8, 20);
        auto st = computeReleaseStatus(req);
        QVERIFY(st.ok());
        QStringList versions;
        for (const VersionSuggestion &v : st->suggestions)
            versions << QString::fromStdString(v.version);
        QVERIFY2(!versions.contains(QStringLiteral("26.8.1")), qPrintable(versions.join(QLatin1Char(' '))));
        QVERIFY2(!versions.contains(QStringLiteral("26.8.0")), qPrintable(versions.join(QLatin1Char(' '))));
        QVERIFY2(versions.contains(QStringLiteral("26.8.2")), qPrintable(versions.join(QLatin1Char(' '))));

        req.targetVersion = "26.8.1";
        st = computeReleaseStatus(req);
        QCOMPARE(st->item("version")->state, CheckState::Fail);
        QCOMPARE(QString::fromStdString(st->item("version")->detail), QStringLiteral("tag 26.8.1 already exists"));
    }

    /// [trellis.release] in pants.toml completes the settings; what a caller set wins.
    void testSettingsFromConfiguration()
    {
        QTemporaryDir dir;
        QFile toml(dir.filePath(QStringLiteral("pants.toml")));
        QVERIFY(toml.open(QIODevice::WriteOnly));
        toml.write("[GLOBAL]\npants_version = \"2.32.0\"\n[trellis.release]\ntag_style = \"lightweight\"\n"
                   "tag_prefix = \"\"\nrelease_branches = [\"main\", \"release\"]\nversion-file = \"src/VERSION\"\n"
                   "bogus = 1\n");
        toml.close();
        trellis::workspace::OptionsRequest oreq;
        oreq.buildRoot = dir.path().toStdString();
        oreq.readPantsrc = false;
        auto opts = trellis::workspace::Options::load(oreq);
        QVERIFY(opts.ok());
        trellis::base::Diagnostics warnings;
        ReleaseSettings s = withConfiguration({}, *opts, &warnings);
        QCOMPARE(s.annotatedTags, std::optional<bool>(false));
        QCOMPARE(s.tagPrefix, std::optional<std::string>(""));
        QCOMPARE(s.releaseBranches, (std::vector<std::string>{"main", "release"}));
        QCOMPARE(s.versionFile, std::string("src/VERSION"));
        QCOMPARE(int(warnings.size()), 1);
        QVERIFY(warnings.front().message.find("bogus") != std::string::npos);
        ReleaseSettings mine;
        mine.annotatedTags = true;
        QCOMPARE(withConfiguration(mine, *opts).annotatedTags, std::optional<bool>(true));
    }

    void testTextReport()
    {
        QTemporaryDir dir;
        GitFixture g(dir.path());
        g.write("VERSION", "26.04.0rc1\n");
        g.write("pyproject.toml", kPyproject);
        g.write("changes/12.feature.md", "Add it.\n");
        g.write("changes/+x.feature.md", "Orphan.\n");
        g.write("changes/3.fixx.md", "Typo.\n");
        g.commitAll("first");
        g.tag("v26.3.0", "Release v26.3.0");
        StatusRequest req;
        req.buildRoot = dir.path().toStdString();
        req.today = QDate(2026, 4, 2);
        auto st = computeReleaseStatus(req);
        QVERIFY(st.ok());
        const QString text = QString::fromStdString(formatStatusText(*st));
        const QString expected = QStringLiteral(
            "Version:       26.04.0rc1 (normalized 26.4.0rc1), calver, pre-release (rc)\n"
            "Latest tag:    v26.3.0, 0 commit(s) since, differs from VERSION\n"
            "HEAD tagged:   yes (v26.3.0)\n"
            "Tag style:     vX, annotated\n"
            "Branch:        main, clean\n"
            "Next versions: 26.4.0 (final release), 26.4.0rc2 (next release candidate)\n"
            "\n"
            "Fragments in changes/ (2):\n"
            "  Features (feature): 2 — #12, 1 without issue\n"
            "Fragment problems:\n"
            "  changes/3.fixx.md: unknown fragment type 'fixx' (known types: feature, bugfix, doc, removal, misc)\n"
            "\n"
            "Checklist:\n"
            "  ✓ Worktree is clean: no uncommitted changes\n"
            "  ✓ On a release branch: on 'main'\n"
            "  ✓ Version is new and valid: 26.4.0rc1 is newer than v26.3.0\n"
            "  ✕ News fragments present and valid: 1 problem(s) in changes/: changes/3.fixx.md: unknown fragment type 'fixx'\n"
            "      fix: rename or fix the files listed under problems\n"
            "  ? Last test run of changed targets passed: no test run recorded\n"
            "      fix: trellis --changed-since=v26.3.0 test\n"
            "  ? Lockfiles unchanged since the last release or reviewed: no workspace loaded\n");
        if (text != expected)
            qWarning().noquote() << text;
        QCOMPARE(text, expected);
        const std::string json = formatStatusJson(*st);
        QVERIFY(json.find("\"normalized\": \"26.4.0rc1\"") != std::string::npos);
        QVERIFY(json.find("\"commitsSince\": 0") != std::string::npos);
    }

    void testNotARepository()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("VERSION")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a version\n");
        f.close();
        StatusRequest req;
        req.buildRoot = dir.path().toStdString();
        auto st = computeReleaseStatus(req);
        QVERIFY(st.ok());
        QVERIFY(!st->isGitRepository);
        QVERIFY(!st->version);
        QCOMPARE(st->item("clean-worktree")->state, CheckState::Unknown);
        QCOMPARE(st->item("version")->state, CheckState::Fail);
        QVERIFY(!st->diagnostics.empty());
        StatusRequest missing;
        missing.buildRoot = "/nonexistent/dir";
        QVERIFY(!computeReleaseStatus(missing).ok());
    }

    void testReleaseBranch_data()
    {
        QTest::addColumn<QString>("branch");
        QTest::addColumn<bool>("release");
        QTest::newRow("main") << "main" << true;
        QTest::newRow("master") << "master" << true;
        QTest::newRow("YY.MM") << "26.03" << true;
        QTest::newRow("YY.M") << "26.3" << true;
        QTest::newRow("feature") << "feature/x" << false;
        QTest::newRow("version") << "26.3.0" << false;
    }
    void testReleaseBranch()
    {
        QFETCH(QString, branch);
        QFETCH(bool, release);
        QCOMPARE(isReleaseBranch(branch.toStdString(), {}), release);
    }
};

QTEST_GUILESS_MAIN(ReleaseStatusTest)
#include "releasestatus_test.moc"
