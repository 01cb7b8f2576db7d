// Changelog drafts compared byte for byte with real towncrier. Each directory under
// tests/fixtures/towncrier-golden holds a [tool.towncrier] configuration, its fragments
// and expected-draft.txt: the stdout of `towncrier build --draft --version 26.9.0rc1
// --date 2026-09-01` from towncrier 24.8.0 with Jinja2 3.1.6 (see update.sh there for
// how to regenerate them). CI needs neither towncrier nor the network.
//
// Cases: the bundled default.md and default.rst templates (merged issues, orphans,
// showcontent = false, nested lists, leading zeros, non-ASCII text, named issues), link
// reference issue formats, title_format with and without Markdown, wrap = true,
// all_bullets = false, sections with hr-between-versions.rst, no fragments, a template
// of our own with macros and dictsort (md-custom-macro, a .j2 file: not Markdown), and
// Backend.AI's own changes/template.md with its 168 fragments of the 26.9 cycle.
#include "core/base/paths.h"
#include "core/release/changelog.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace trellis::release;

namespace {

const QString kGolden = QStringLiteral(TRELLIS_TEST_DATA "/fixtures/towncrier-golden");

} // namespace

class TowncrierGoldenTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testDraft_data()
    {
        QTest::addColumn<QString>("root");
        const QStringList cases = QDir(kGolden).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        QVERIFY(cases.size() >= 9);
        for (const QString &c : cases)
            QTest::newRow(qPrintable(c)) << kGolden + QLatin1Char('/') + c;
    }
    void testDraft()
    {
        QFETCH(QString, root);
        const std::string dir = root.toStdString();
        auto cfg = loadTowncrierConfig(dir);
        QVERIFY(cfg.ok());
        const FragmentScan scan = scanFragments(dir, *cfg);
        const RenderedChangelog r = renderChangelog(*cfg, scan.allFragments(), {"26.9.0rc1", "2026-09-01", {}});
        QVERIFY2(r.errors.empty(), r.errors.empty() ? "" : r.errors.front().format().c_str());
        const std::optional<std::string> expected = trellis::base::readFile(dir + "/expected-draft.txt");
        QVERIFY(expected);
        // towncrier --draft echoes the content plus one newline.
        QCOMPARE(QString::fromStdString(r.text + "\n"), QString::fromStdString(*expected));
    }

    void testBackendAiTitle()
    {
        const std::string dir = (kGolden + QStringLiteral("/backendai")).toStdString();
        auto cfg = loadTowncrierConfig(dir);
        QVERIFY(cfg.ok());
        QCOMPARE(cfg->templateName, std::string("changes/template.md"));
        // 170 files: README.md and the template are not fragments.
        QCOMPARE(scanFragments(dir, *cfg).fragmentCount(), 168);
        const RenderedChangelog r = renderChangelog(*cfg, scanFragments(dir, *cfg).allFragments(), {"26.9.0rc1", "2026-09-01", {}});
        QCOMPARE(QString::fromStdString(r.title), QStringLiteral("## 26.9.0rc1 (2026-09-01)"));
    }

    // Backend.AI's template reads values[0] of every entry, so an orphan fragment (no
    // issue) fails in towncrier with jinja2's UndefinedError; Trellis reports the same
    // message at the template line instead of rendering something else.
    void testBackendAiOrphanFails()
    {
        QTemporaryDir tmp;
        const std::string dir = tmp.path().toStdString();
        const std::string src = (kGolden + QStringLiteral("/backendai")).toStdString();
        QVERIFY(trellis::base::writeFileAtomic(dir + "/pyproject.toml", *trellis::base::readFile(src + "/pyproject.toml")).ok());
        QDir().mkpath(tmp.path() + QStringLiteral("/changes"));
        QVERIFY(trellis::base::writeFileAtomic(dir + "/changes/template.md", *trellis::base::readFile(src + "/changes/template.md")).ok());
        QVERIFY(trellis::base::writeFileAtomic(dir + "/changes/+tidy.misc.md", "Tidy up.\n").ok());
        auto cfg = loadTowncrierConfig(dir);
        QVERIFY(cfg.ok());
        const RenderedChangelog r = renderChangelog(*cfg, scanFragments(dir, *cfg).allFragments(), {"26.9.0rc1", "2026-09-01", {}});
        QVERIFY(r.text.empty());
        QCOMPARE(r.errors.size(), size_t(1));
        QCOMPARE(QString::fromStdString(r.errors.front().message), QStringLiteral("list object has no element 0"));
        QCOMPARE(QString::fromStdString(r.errors.front().loc.file), QString::fromStdString(dir + "/changes/template.md"));
        QCOMPARE(r.errors.front().loc.line, 13);   // {%- if values[0].endswith("/0)") %}
    }

    void testMissingTemplate()
    {
        QTemporaryDir tmp;
        const std::string dir = tmp.path().toStdString();
        QVERIFY(trellis::base::writeFileAtomic(dir + "/towncrier.toml", "[tool.towncrier]\ntemplate = \"changes/nope.md\"\n").ok());
        auto cfg = loadTowncrierConfig(dir);
        QVERIFY(cfg.ok());
        const RenderedChangelog r = renderChangelog(*cfg, {}, {"1.0", "2026-09-01", {}});
        QCOMPARE(r.errors.size(), size_t(1));
        QCOMPARE(QString::fromStdString(r.errors.front().message),
                 QString::fromStdString("The template file '" + dir + "/changes/nope.md' does not exist."));
        auto resource = *cfg;
        resource.templateName = "towncrier:nope";
        const RenderedChangelog r2 = renderChangelog(resource, {}, {"1.0", "2026-09-01", {}});
        QCOMPARE(QString::fromStdString(r2.errors.front().message), QStringLiteral("'towncrier' does not have a template named 'nope.rst'."));
    }

    // towncrier picks default.md for a .md changelog and default.rst otherwise.
    void testDefaultTemplateChoice()
    {
        TowncrierConfig md;
        md.filename = "CHANGELOG.md";
        auto t = loadChangelogTemplate(md);
        QVERIFY(t.ok());
        QCOMPARE(t->name, std::string("towncrier:default.md"));
        QVERIFY(t->markdown);
        TowncrierConfig rst;
        t = loadChangelogTemplate(rst);
        QVERIFY(t.ok());
        QCOMPARE(t->name, std::string("towncrier:default.rst"));
        QVERIFY(!t->markdown);
    }

    void testTextwrap_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("indent");
        QTest::addColumn<QString>("expected");
        // Expected values from Python 3.11's textwrap.fill(line, width=79, subsequent_indent=indent,
        // break_long_words=False, break_on_hyphens=False).
        QTest::newRow("short") << "- short line" << "  " << "- short line";
        QTest::newRow("blank") << "   " << "" << "";
        QTest::newRow("long word stays whole") << QString(90, QLatin1Char('x')) + QStringLiteral(" tail") << "  "
                                               << QString(90, QLatin1Char('x')) + QStringLiteral("\n  tail");
        QTest::newRow("wraps at 79") << QStringLiteral("- ") + QStringLiteral("word ").repeated(20) << "  "
                                     << QStringLiteral("- ") + QStringLiteral("word ").repeated(14) + QStringLiteral("word\n  ")
                                            + QStringLiteral("word ").repeated(4) + QStringLiteral("word");
        QTest::newRow("tabs expand") << "\ta\tb" << "" << "        a       b";
    }
    void testTextwrap()
    {
        QFETCH(QString, line);
        QFETCH(QString, indent);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(textwrapFill(line.toStdString(), 79, indent.toStdString())), expected);
    }
};

QTEST_GUILESS_MAIN(TowncrierGoldenTest)
#include "towncrier_golden_test.moc"
