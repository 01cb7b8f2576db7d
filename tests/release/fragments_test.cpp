// Fragment naming rules (spec §11.3), towncrier configuration defaults and both type
// forms, and the problems a scan reports.
#include "core/base/fakedisk.h"
#include "core/base/glob.h"
#include "core/base/paths.h"
#include "core/release/fragments.h"

#include <QTemporaryDir>
#include <QTest>

#include <cerrno>

using namespace trellis::release;

class FragmentsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testParseName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("issue");
        QTest::addColumn<QString>("type");
        QTest::addColumn<int>("counter");
        QTest::addColumn<bool>("orphan");
        QTest::newRow("issue.type.md") << "13235.fix.md" << true << "13235" << "fix" << 0 << false;
        QTest::newRow("counter") << "12.feature.2.md" << true << "12" << "feature" << 2 << false;
        QTest::newRow("dotted issue") << "fix-1.2.feature" << true << "fix-1.2" << "feature" << 0 << false;
        QTest::newRow("orphan") << "+anything.fix.md" << true << "" << "fix" << 0 << true;
        QTest::newRow("leading zeros") << "007.fix" << true << "7" << "fix" << 0 << false;
        QTest::newRow("all zeros") << "000.fix" << true << "0" << "fix" << 0 << false;
        QTest::newRow("last type wins") << "1.fix.feature.md" << true << "1.fix" << "feature" << 0 << false;
        QTest::newRow("type as first part") << "fix.md" << false << "" << "" << 0 << false;
        QTest::newRow("no type") << "12.featur.md" << false << "" << "" << 0 << false;
        QTest::newRow("no dot") << "README" << false << "" << "" << 0 << false;
        QTest::newRow("non-numeric counter") << "3.fix.rst" << true << "3" << "fix" << 0 << false;
        QTest::newRow("name issue") << "gh-12.doc.md" << true << "gh-12" << "doc" << 0 << false;
    }
    void testParseName()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QFETCH(QString, issue);
        QFETCH(QString, type);
        QFETCH(int, counter);
        QFETCH(bool, orphan);
        auto parsed = parseFragmentName(name.toStdString(), {"feature", "fix", "doc"}, "+");
        QCOMPARE(parsed.has_value(), valid);
        if (!parsed)
            return;
        QCOMPARE(QString::fromStdString(parsed->issue), issue);
        QCOMPARE(QString::fromStdString(parsed->type), type);
        QCOMPARE(parsed->counter, counter);
        QCOMPARE(parsed->orphan, orphan);
    }

    void testSkipped_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("skipped");
        for (const char *n : {".gitignore", ".gitkeep", ".keep", "README", "readme.md", "README.rst", "ReadMe.MD"})
            QTest::newRow(n) << n << true;
        for (const char *n : {"readme.txt", "1.feature.md", ".keepme"})
            QTest::newRow(n) << n << false;
    }
    void testSkipped()
    {
        QFETCH(QString, name);
        QFETCH(bool, skipped);
        QCOMPARE(isAlwaysSkippedFragmentName(name.toStdString()), skipped);
    }

    void testFnmatch_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("matches");
        QTest::newRow("star") << "*.txt" << "notes.txt" << true;
        QTest::newRow("star no") << "*.txt" << "notes.md" << false;
        QTest::newRow("question") << "?.md" << "a.md" << true;
        QTest::newRow("class") << "[abc].md" << "b.md" << true;
        QTest::newRow("negated class") << "[!abc].md" << "b.md" << false;
        QTest::newRow("range") << "[0-9]*" << "7x" << true;
        QTest::newRow("literal") << "template.md" << "template.md" << true;
        QTest::newRow("backtrack") << "*a*b" << "xaxxbxb" << true;
    }
    void testFnmatch()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, name);
        QFETCH(bool, matches);
        QCOMPARE(trellis::base::wildcardMatch(pattern.toStdString(), name.toStdString(), trellis::base::GlobSyntax::Fnmatch), matches);
    }

    void testConfigDefaults()
    {
        auto cfg = parseTowncrierConfig("[project]\nname = \"x\"\n", "pyproject.toml", true);
        QVERIFY(cfg.ok());
        QCOMPARE(QString::fromStdString(cfg->configFile), QString());
        QCOMPARE(QString::fromStdString(cfg->filename), QStringLiteral("NEWS.rst"));
        QCOMPARE(QString::fromStdString(cfg->newsDirectory()), QStringLiteral("newsfragments"));
        QCOMPARE(QString::fromStdString(cfg->startString), QStringLiteral(".. towncrier release notes start\n"));
        QVERIFY(cfg->titleMode == TitleMode::Template);
        QVERIFY(!cfg->issueFormat);
        QCOMPARE(cfg->underlines, (std::vector<std::string>{"=", "-", "~"}));
        QCOMPARE(QString::fromStdString(cfg->templateName), QStringLiteral("towncrier:default"));
        QCOMPARE(QString::fromStdString(cfg->orphanPrefix), QStringLiteral("+"));
        QVERIFY(!cfg->wrap && cfg->allBullets && cfg->singleFile && !cfg->ignore);
        QCOMPARE(cfg->types, defaultFragmentTypes());
        QCOMPARE(cfg->types.size(), size_t(5));
        QCOMPARE(QString::fromStdString(cfg->types[4].name), QStringLiteral("Misc"));
        QVERIFY(!cfg->types[4].showContent);
        QVERIFY(cfg->notes.empty());
    }

    void testConfigKeys()
    {
        auto cfg = parseTowncrierConfig("[tool.towncrier]\npackage = \"orchard\"\npackage_dir = \"src\"\nfilename = \"CHANGES.md\"\n"
                                        "title_format = false\nissue_format = \"GH-{issue}\"\nunderlines = [\"-\"]\n"
                                        "template = \"changes/template.md\"\norphan_prefix = \"~\"\nignore = [\"*.txt\"]\nwrap = true\n"
                                        "[[tool.towncrier.type]]\ndirectory = \"breaking\"\nname = \"Breaking Changes\"\nshowcontent = true\n"
                                        "[[tool.towncrier.type]]\ndirectory = \"deps\"\nname = \"Dependencies\"\nshowcontent = false\n",
                                        "pyproject.toml", true);
        QVERIFY(cfg.ok());
        QCOMPARE(QString::fromStdString(cfg->newsDirectory()), QStringLiteral("src/orchard/newsfragments"));
        QCOMPARE(QString::fromStdString(cfg->startString), QStringLiteral("<!-- towncrier release notes start -->\n"));
        QVERIFY(cfg->titleMode == TitleMode::Disabled);
        QCOMPARE(QString::fromStdString(*cfg->issueFormat), QStringLiteral("GH-{issue}"));
        QCOMPARE(cfg->types, (std::vector<FragmentType>{{"breaking", "Breaking Changes", true}, {"deps", "Dependencies", false}}));
        QVERIFY(cfg->hasCustomTemplate());
        QCOMPARE(QString::fromStdString(cfg->templateFileName()), QStringLiteral("template.md"));
        // Custom templates and wrap are rendered as towncrier renders them: nothing to note.
        QVERIFY(cfg->notes.empty());
    }

    // towncrier refuses to build when an issue does not match issue_pattern; Trellis
    // reports the fragment with towncrier's message (orphans are exempt).
    void testIssuePattern()
    {
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        QVERIFY(trellis::base::writeFileAtomic(root + "/towncrier.toml", "[tool.towncrier]\ndirectory = \"changes\"\nissue_pattern = \"\\\\d+\"\n").ok());
        QDir().mkpath(dir.filePath(QStringLiteral("changes")));
        QVERIFY(trellis::base::writeFileAtomic(root + "/changes/12.feature", "Ok.\n").ok());
        QVERIFY(trellis::base::writeFileAtomic(root + "/changes/gh-3.feature", "Named.\n").ok());
        QVERIFY(trellis::base::writeFileAtomic(root + "/changes/+x.feature", "Orphan.\n").ok());
        auto cfg = loadTowncrierConfig(root);
        QVERIFY(cfg.ok());
        QCOMPARE(cfg->issuePattern, std::string("\\d+"));
        const FragmentScan scan = scanFragments(root, *cfg);
        QCOMPARE(scan.fragmentCount(), 2);
        QCOMPARE(scan.problems.size(), size_t(1));
        QCOMPARE(QString::fromStdString(scan.problems.front().path), QStringLiteral("changes/gh-3.feature"));
        QCOMPARE(QString::fromStdString(scan.problems.front().message), QStringLiteral("Issue name 'gh-3' does not match the configured pattern, '\\d+'"));
    }

    void testConfigSections()
    {
        auto cfg = parseTowncrierConfig("[tool.towncrier]\npackage = \"orchard\"\n"
                                        "[[tool.towncrier.section]]\npath = \"\"\n"
                                        "[[tool.towncrier.section]]\nname = \"Web UI\"\npath = \"web\"\n",
                                        "/repo/pyproject.toml", true);
        QVERIFY(cfg.ok());
        QCOMPARE(cfg->sections, (std::vector<NewsSection>{{"", ""}, {"Web UI", "web"}}));
        QCOMPARE(QString::fromStdString(cfg->newsDirectory(cfg->sections[1])), QStringLiteral("orchard/web/newsfragments"));
        QCOMPARE(QString::fromStdString(cfg->baseDirectory), QStringLiteral("/repo"));
        auto bad = parseTowncrierConfig("[tool.towncrier]\n[[tool.towncrier.section]]\nname = \"x\"\n", "pyproject.toml", true);
        QVERIFY(!bad.ok());
        QCOMPARE(QString::fromStdString(bad.diagnostics().front().message), QStringLiteral("a [[tool.towncrier.section]] entry needs a 'path'"));
    }

    void testConfigFragmentTables()
    {
        auto cfg = parseTowncrierConfig("[tool.towncrier.fragment.removal]\n[tool.towncrier.fragment.feature]\nname = \"New\"\n"
                                        "[tool.towncrier.fragment.chore]\nshowcontent = false\n",
                                        "pyproject.toml", true);
        QVERIFY(cfg.ok());
        QCOMPARE(cfg->types, (std::vector<FragmentType>{{"chore", "Chore", false}, {"feature", "New", true}, {"removal", "Removal", true}}));
    }

    void testConfigErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("syntax") << "[tool.towncrier\n" << "pyproject.toml:1:16: error: *";
        QTest::newRow("wrong type") << "[tool.towncrier]\nfilename = 3\n"
                                    << "pyproject.toml:2:12: error: towncrier option 'filename' must be a string";
        QTest::newRow("title_format true") << "[tool.towncrier]\ntitle_format = true\n"
                                           << "pyproject.toml:2:16: error: towncrier option 'title_format' must be a string or false";
        QTest::newRow("type without directory") << "[[tool.towncrier.type]]\nname = \"X\"\n"
                                                << "pyproject.toml:1:1: error: a [[tool.towncrier.type]] entry needs a 'directory'";
    }
    void testConfigErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        auto cfg = parseTowncrierConfig(text.toStdString(), "pyproject.toml", true);
        QVERIFY(!cfg.ok());
        const QString got = QString::fromStdString(cfg.diagnostics().front().headline());
        if (error.endsWith(QLatin1Char('*')))
            QVERIFY2(got.startsWith(error.chopped(1)), qPrintable(got));
        else
            QCOMPARE(got, error);
    }

    void testTowncrierTomlWins()
    {
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        QVERIFY(trellis::base::writeFileAtomic(root + "/pyproject.toml", "[tool.towncrier]\nfilename = \"A.md\"\n").ok());
        QVERIFY(trellis::base::writeFileAtomic(root + "/towncrier.toml", "[tool.towncrier]\nfilename = \"B.md\"\n").ok());
        auto cfg = loadTowncrierConfig(root);
        QVERIFY(cfg.ok());
        QCOMPARE(QString::fromStdString(cfg->filename), QStringLiteral("B.md"));
        QCOMPARE(QString::fromStdString(cfg->configFile), QString::fromStdString(root + "/towncrier.toml"));
    }

    void testScan()
    {
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        auto write = [&](const std::string &rel, const std::string &text) { QVERIFY(trellis::base::writeFileAtomic(root + "/" + rel, text).ok()); };
        write("pyproject.toml", "[tool.towncrier]\ndirectory = \"changes/\"\nfilename = \"CHANGELOG.md\"\ntemplate = \"changes/template.md\"\n"
                                "[[tool.towncrier.type]]\ndirectory = \"feature\"\nname = \"Features\"\n"
                                "[[tool.towncrier.type]]\ndirectory = \"fix\"\nname = \"Fixes\"\n"
                                "[[tool.towncrier.type]]\ndirectory = \"misc\"\nname = \"Misc\"\nshowcontent = false\n");
        write("changes/template.md", "{{ x }}");
        write("changes/README.md", "How to write fragments.");
        write("changes/.gitkeep", "");
        write("changes/10.feature.md", "Ten.");
        write("changes/2.feature.md", "Two.");
        write("changes/+orphan.fix.md", "Orphan.");
        write("changes/3.fix.md", "Three.");
        write("changes/3.fix.rst", "Three again.");
        write("changes/4.featur.md", "Typo.");
        write("changes/5.fix.md", "  \n");
        write("changes/6.misc.md", "");
        write("changes/notes.txt", "x");
        const FragmentScan scan = scanFragments(root, *loadTowncrierConfig(root));
        QCOMPARE(QString::fromStdString(scan.directory), QStringLiteral("changes"));
        QVERIFY(scan.directoryExists);
        QCOMPARE(scan.groups.size(), size_t(3));
        QStringList features, fixes;
        for (const Fragment &f : scan.groups[0].fragments)
            features << QString::fromStdString(f.fileName);
        for (const Fragment &f : scan.groups[1].fragments)
            fixes << QString::fromStdString(f.fileName);
        QCOMPARE(features, (QStringList{"2.feature.md", "10.feature.md"}));
        QCOMPARE(fixes, (QStringList{"3.fix.md", "5.fix.md", "+orphan.fix.md"}));
        QCOMPARE(scan.groups[0].issues(), (std::vector<std::string>{"2", "10"}));
        QCOMPARE(scan.groups[1].issues(), (std::vector<std::string>{"3", "5"}));
        QCOMPARE(scan.groups[2].fragments.size(), size_t(1));
        QStringList problems;
        for (const FragmentProblem &p : scan.problems)
            problems << QString::fromStdString(p.path + " [" + fragmentProblemKindName(p.kind) + "] " + p.message + (p.hint.empty() ? "" : " (" + p.hint + ")"));
        QCOMPARE(problems, (QStringList{
                               "changes/3.fix.rst [duplicate] duplicate fragment for issue 3 of type 'fix' (also changes/3.fix.md) "
                               "(merge them, or add a counter: 3.fix.2.md)",
                               "changes/4.featur.md [unknown-type] unknown fragment type 'featur' (did you mean 'feature'?)",
                               "changes/5.fix.md [empty] empty fragment: the changelog entry would have no text",
                               "changes/notes.txt [unknown-type] unknown fragment type 'txt' (known types: feature, fix, misc)",
                           }));
    }

    void testScanThroughDisk()
    {
        // The scan lists and reads through the disk it is given; a fragment that cannot be
        // read is a problem with the system's reason, the others are still read.
        trellis::base::FakeDisk disk;
        disk.addFile("/r/changes/1.feature.md", "Added x.\n");
        disk.addFile("/r/changes/2.feature.md", "Added y.\n");
        disk.addDirectory("/r/changes/sub.feature.md"); // directories are not fragments
        disk.failNext(trellis::base::FakeDisk::Op::Read, EACCES, "2.feature");
        const auto cfg = parseTowncrierConfig("[tool.towncrier]\ndirectory = \"changes\"\n", "pyproject.toml", true);
        QVERIFY(cfg.ok());
        const FragmentScan scan = scanFragments("/r", *cfg, &disk);
        QVERIFY(scan.directoryExists);
        QCOMPARE(scan.fragmentCount(), 1);
        QCOMPARE(scan.allFragments().front().content, std::string("Added x.\n"));
        QCOMPARE(scan.problems.size(), size_t(1));
        QCOMPARE(scan.problems.front().path, std::string("changes/2.feature.md"));
        QCOMPARE(scan.problems.front().kind, FragmentProblemKind::Unreadable);
        QCOMPARE(scan.problems.front().message, std::string("cannot read: Permission denied"));
        QVERIFY(!scanFragments("/elsewhere", *cfg, &disk).directoryExists);
    }

    void testScanMissingDirectory()
    {
        QTemporaryDir dir;
        const FragmentScan scan = scanFragments(dir.path().toStdString(), *parseTowncrierConfig("", "", true));
        QVERIFY(!scan.directoryExists);
        QCOMPARE(scan.fragmentCount(), 0);
        QVERIFY(scan.problems.empty());
    }
};

QTEST_GUILESS_MAIN(FragmentsTest)
#include "fragments_test.moc"
