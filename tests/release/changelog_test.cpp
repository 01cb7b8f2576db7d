// Changelog drafts rendered as towncrier's default templates would, insertion after the
// start string, and the diff preview.
#include "core/base/paths.h"
#include "core/release/changelog.h"

#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace trellis::release;

namespace {

using Files = QList<QPair<QString, QString>>;

// Writes `config` as pyproject.toml and each fragment into a temporary build root.
std::string makeRoot(const QTemporaryDir &dir, const QString &config, const Files &files)
{
    const std::string root = dir.path().toStdString();
    (void)trellis::base::writeFileAtomic(root + "/pyproject.toml", config.toStdString());
    for (const auto &[path, text] : files)
        (void)trellis::base::writeFileAtomic(root + "/" + path.toStdString(), text.toStdString());
    return root;
}

QString fixture(const char *name) { return QStringLiteral(TRELLIS_TEST_DATA "/fixtures/") + QLatin1String(name); }

} // namespace

class ChangelogTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testWorkedExample()
    {
        const std::string root = fixture("release-worked-example").toStdString();
        auto cfg = loadTowncrierConfig(root);
        QVERIFY(cfg.ok());
        const FragmentScan scan = scanFragments(root, *cfg);
        QVERIFY(scan.problems.empty());
        QCOMPARE(scan.fragmentCount(), 7);
        const RenderedChangelog r = renderChangelog(*cfg, scan.allFragments(), {"26.8.0", "2026-08-01", {}});
        const std::string expected = *trellis::base::readFile(root + "/expected-draft.md");
        QCOMPARE(QString::fromStdString(r.text), QString::fromStdString(expected));
        QCOMPARE(QString::fromStdString(r.title), QStringLiteral("# 26.8.0 (2026-08-01)"));
        QVERIFY(r.notes.empty());
    }

    void testRender_data()
    {
        QTest::addColumn<QString>("config");
        QTest::addColumn<Files>("files");
        QTest::addColumn<QString>("expected");
        const QString md = QStringLiteral("[tool.towncrier]\ndirectory = \"changes\"\nfilename = \"CHANGELOG.md\"\n");
        const QString rst = QStringLiteral("[tool.towncrier]\ndirectory = \"changes\"\n");
        QTest::newRow("md no fragments") << md << Files{} << "# 1.0.0 (2026-01-02)\n\nNo significant changes.\n\n\n";
        QTest::newRow("rst no fragments") << rst << Files{} << "1.0.0 (2026-01-02)\n==================\n\nNo significant changes.\n\n\n";
        QTest::newRow("rst default types")
            << rst
            << Files{{"changes/1.feature", "Foo added.\n"}, {"changes/2.bugfix.rst", "Bar fixed."}, {"changes/3.misc", ""}, {"changes/4.misc", "hidden"}}
            << "1.0.0 (2026-01-02)\n==================\n\n"
               "Features\n--------\n\n- Foo added. (#1)\n\n\n"
               "Bugfixes\n--------\n\n- Bar fixed. (#2)\n\n\n"
               "Misc\n----\n\n- #3, #4\n\n\n";
        QTest::newRow("md default issue format, numeric sort, merge")
            << md
            << Files{{"changes/10.feature.md", "Same."}, {"changes/9.feature.md", "Same."}, {"changes/100.feature.md", "Alpha."},
                     {"changes/gh-2.feature.md", "Named issue."}}
            << "# 1.0.0 (2026-01-02)\n\n### Features\n\n- Named issue. (gh-2)\n- Same. (#9, #10)\n- Alpha. (#100)\n\n\n";
        QTest::newRow("md name and multi-line")
            << md + "name = \"Orchard\"\n"
            << Files{{"changes/1.feature.md", "First line.\nSecond line.\n\n  indented\n"}, {"changes/2.feature.md", "A list:\n  - one\n  - two\n"}}
            << "# Orchard 1.0.0 (2026-01-02)\n\n### Features\n\n- First line.\n  Second line.\n\n    indented (#1)\n"
               "- A list:\n    - one\n    - two (#2)\n\n\n";
        QTest::newRow("md bullet list in text")
            << md
            << Files{{"changes/1.feature.md", "Changes:\n- one\n- two"}}
            << "# 1.0.0 (2026-01-02)\n\n### Features\n\n- Changes:\n  - one\n  - two\n\n  (#1)\n\n\n";
        QTest::newRow("md title_format")
            << md + "title_format = \"## [{version}] - {project_date}\"\n"
            << Files{{"changes/1.feature.md", "Foo."}}
            << "## [1.0.0] - 2026-01-02\n\n### Features\n\n- Foo. (#1)\n\n\n";
        QTest::newRow("md title_format false")
            << md + "title_format = false\n"
            << Files{{"changes/1.feature.md", "Foo."}}
            << "\n### Features\n\n- Foo. (#1)\n\n\n";
        QTest::newRow("rst title_format")
            << rst + "title_format = \"Orchard {version} ({project_date})\"\nunderlines = [\"-\", \"~\"]\n"
            << Files{{"changes/1.feature", "Foo."}}
            << "Orchard 1.0.0 (2026-01-02)\n--------------------------\n\nFeatures\n~~~~~~~~\n\n- Foo. (#1)\n\n\n";
        QTest::newRow("md reference-style issues")
            << md + "issue_format = \"[#{issue}]: https://h/{issue}\"\n"
            << Files{{"changes/2.feature.md", "Foo."}, {"changes/1.feature.md", "Bar."}}
            << "# 1.0.0 (2026-01-02)\n\n### Features\n\n- Bar. ([#1])\n- Foo. ([#2])\n\n[#1]: https://h/1\n[#2]: https://h/2\n\n\n";
        QTest::newRow("md orphans last by text, showcontent false orphan keeps text")
            << md + "[tool.towncrier.fragment.feature]\n[tool.towncrier.fragment.misc]\nshowcontent = false\n"
            << Files{{"changes/+b.feature.md", "Zed."}, {"changes/+a.feature.md", "Beta."}, {"changes/4.feature.md", "Four."},
                     {"changes/+x.misc.md", "Orphan misc."}, {"changes/5.misc.md", "hidden"}}
            << "# 1.0.0 (2026-01-02)\n\n### Feature\n\n- Four. (#4)\n- Beta.\n- Zed.\n\n### Misc\n\n- #5\n- Orphan misc.\n\n\n";
    }
    void testRender()
    {
        QFETCH(QString, config);
        QFETCH(Files, files);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const std::string root = makeRoot(dir, config, files);
        auto cfg = loadTowncrierConfig(root);
        QVERIFY(cfg.ok());
        const FragmentScan scan = scanFragments(root, *cfg);
        const RenderedChangelog r = renderChangelog(*cfg, scan.allFragments(), {"1.0.0", "2026-01-02", {}});
        QCOMPARE(QString::fromStdString(r.text), expected);
    }

    void testInsert_data()
    {
        QTest::addColumn<QString>("existing"); // "<none>" = no file
        QTest::addColumn<QString>("expected");
        const QString section = QStringLiteral("# 2.0.0 (2026-02-01)\n\nNo significant changes.\n\n\n");
        QTest::newRow("after start string")
            << "# Changelog\n\nIntro.\n<!-- towncrier release notes start -->\n\n# 1.0.0 (2026-01-01)\n\nOld.\n"
            << "# Changelog\n\nIntro.\n\n<!-- towncrier release notes start -->\n\n" + section + "# 1.0.0 (2026-01-01)\n\nOld.\n";
        QTest::newRow("start string, empty body")
            << "# Changelog\n<!-- towncrier release notes start -->\n"
            << "# Changelog\n\n<!-- towncrier release notes start -->\n\n# 2.0.0 (2026-02-01)\n\nNo significant changes.\n";
        QTest::newRow("no start string") << "# 1.0.0\n\nOld.\n" << section + "# 1.0.0\n\nOld.\n";
        QTest::newRow("new file") << "<none>" << "# 2.0.0 (2026-02-01)\n\nNo significant changes.\n";
    }
    void testInsert()
    {
        QFETCH(QString, existing);
        QFETCH(QString, expected);
        std::optional<std::string> old;
        if (existing != QLatin1String("<none>"))
            old = existing.toStdString();
        const std::string section = "# 2.0.0 (2026-02-01)\n\nNo significant changes.\n\n\n";
        QCOMPARE(QString::fromStdString(insertIntoChangelog(old, "<!-- towncrier release notes start -->\n", section)), expected);
    }

    void testDiff_data()
    {
        QTest::addColumn<QString>("before");
        QTest::addColumn<QString>("after");
        QTest::addColumn<QString>("expected");
        QTest::newRow("equal") << "a\n" << "a\n" << "";
        QTest::newRow("replace one line") << "26.3.0\n" << "26.4.0\n" << "--- a/F\n+++ b/F\n@@ -1 +1 @@\n-26.3.0\n+26.4.0\n";
        QTest::newRow("insertion with context")
            << "1\n2\n3\n4\n5\n6\n7\n8\n" << "1\n2\n3\n4\nnew\n5\n6\n7\n8\n"
            << "--- a/F\n+++ b/F\n@@ -2,6 +2,7 @@\n 2\n 3\n 4\n+new\n 5\n 6\n 7\n";
        QTest::newRow("no newline at end") << "x" << "y" << "--- a/F\n+++ b/F\n@@ -1 +1 @@\n-x\n\\ No newline at end of file\n+y\n\\ No newline at end of file\n";
    }
    void testDiff()
    {
        QFETCH(QString, before);
        QFETCH(QString, after);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(unifiedDiff("F", before.toStdString(), after.toStdString())), expected);
    }

    void testDeletedFileDiff()
    {
        QCOMPARE(QString::fromStdString(unifiedDiff("c/1.fix.md", std::string("Fix.\n"), std::nullopt)),
                 QStringLiteral("--- a/c/1.fix.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-Fix.\n"));
    }

    void testAgainstTowncrier()
    {
        const QString towncrier = QStandardPaths::findExecutable(QStringLiteral("towncrier"));
        if (towncrier.isEmpty())
            QSKIP("towncrier is not installed; the golden files of towncrier_golden_test stand in for it");
        // Debian 12 ships towncrier 22.12, which has no default.md; the drafts follow 24.x.
        QProcess version;
        version.start(towncrier, {QStringLiteral("--version")});
        QVERIFY(version.waitForFinished(60000));
        const QString v = QString::fromUtf8(version.readAllStandardOutput()).section(QLatin1Char(' '), -1).trimmed();
        if (v.section(QLatin1Char('.'), 0, 0).toInt() < 24)
            QSKIP(qPrintable(QStringLiteral("towncrier %1 is older than 24.x; the golden files of towncrier_golden_test stand in for it").arg(v)));
        QTemporaryDir dir;
        const QString src = fixture("release-worked-example");
        QDir().mkpath(dir.path() + QStringLiteral("/changes"));
        for (const QString &f : QDir(src).entryList(QDir::Files))
            QFile::copy(src + QLatin1Char('/') + f, dir.path() + QLatin1Char('/') + f);
        for (const QString &f : QDir(src + QStringLiteral("/changes")).entryList(QDir::Files | QDir::Hidden))
            QFile::copy(src + QStringLiteral("/changes/") + f, dir.path() + QStringLiteral("/changes/") + f);
        QProcess p;
        p.setWorkingDirectory(dir.path());
        p.start(towncrier, {QStringLiteral("build"), QStringLiteral("--draft"), QStringLiteral("--version"), QStringLiteral("26.8.0"),
                            QStringLiteral("--date"), QStringLiteral("2026-08-01")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const std::string root = dir.path().toStdString();
        auto cfg = loadTowncrierConfig(root);
        QVERIFY(cfg.ok());
        const RenderedChangelog r = renderChangelog(*cfg, scanFragments(root, *cfg).allFragments(), {"26.8.0", "2026-08-01", {}});
        // The draft is echoed with one more newline; compare without trailing blank lines.
        QCOMPARE(QString::fromUtf8(p.readAllStandardOutput()).trimmed(), QString::fromStdString(r.text).trimmed());
    }
};

QTEST_GUILESS_MAIN(ChangelogTest)
#include "changelog_test.moc"
