// Tests for the visibility rules checker (core/graph/visibility.h) on repositories loaded
// for real: selectors (path, type, dict, bare type), anchors (//, /, ../, floating),
// actions (allow, ! deny, ? warn, dict action), missing rules, inheritance and extend=True,
// and the rule named in the verdict.
#include "core/graph/visibility.h"
#include "tests/graph/componentfixture.h"
#include "tests/graph/graphbuilder.h"

#include <QObject>
#include <QTest>

using namespace trellis;
using namespace trellis::graph;
using namespace trellis::graph::testing;

namespace {

QString verdictText(const TargetGraph &g, const VisibilityChecker &c, const char *from, const char *to)
{
    const NodeId a = g.nodeOf(GraphBuilder::parse(from)), b = g.nodeOf(GraphBuilder::parse(to));
    if (a < 0 || b < 0)
        return QStringLiteral("unknown target");
    if (g.edgeId(a, b) < 0)
        return QStringLiteral("no edge");
    return QString::fromStdString(c.describe(c.check(a, b)));
}

} // namespace

class VisibilityTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testFixtureRepository()
    {
        QTemporaryDir dir;
        const auto g = loadRepo(dir, componentRepoFiles());
        const VisibilityChecker c(*g);
        QVERIFY(c.hasRules());
        QVERIFY(c.diagnostics().empty());
        // __dependencies_rules__ of src/lib deny src/app/core.
        QCOMPARE(verdictText(*g, c, "src/lib/util.py", "src/app/core/models.py"),
                 QStringLiteral("deny: !//src/app/core/** (src/lib/BUILD:2, __dependencies_rules__ rule set 1)"));
        // core's own rule set selects models.py only; other.py falls through to the rules
        // inherited from src/app with extend=True.
        QCOMPARE(verdictText(*g, c, "src/lib/util.py", "src/app/core/other.py"),
                 QStringLiteral("deny: !* (src/app/BUILD:2, __dependents_rules__ rule set 1)"));
        // src/app/cli declares nothing: src/app's rules apply.
        QCOMPARE(verdictText(*g, c, "src/lib/util.py", "src/app/cli/cli.py"),
                 QStringLiteral("deny: !* (src/app/BUILD:2, __dependents_rules__ rule set 1)"));
        QCOMPARE(verdictText(*g, c, "tests/app/test_main.py", "src/app/main.py"),
                 QStringLiteral("warn: ?//tests/** (src/app/BUILD:2, __dependents_rules__ rule set 1)"));
        QCOMPARE(verdictText(*g, c, "src/app/main.py", "src/app/core/models.py"), QStringLiteral("allow"));
        QCOMPARE(verdictText(*g, c, "src/app/main.py", "src/lib/util.py"), QStringLiteral("allow"));
        QCOMPARE(verdictText(*g, c, "src/app/core/models.py", "src/lib/util.py"), QStringLiteral("allow"));
        QCOMPARE(verdictText(*g, c, "src/app/main.py", "//:reqs#PyYAML"), QStringLiteral("allow"));

        const std::vector<VisibilityVerdict> all = checkAllEdges(*g, c);
        int deny = 0, warn = 0;
        for (const VisibilityVerdict &v : all) {
            deny += v.action == RuleAction::Deny;
            warn += v.action == RuleAction::Warn;
        }
        QCOMPARE(deny, 3);
        QCOMPARE(warn, 1);
    }

    void testRules_data()
    {
        QTest::addColumn<QString>("rules"); // arguments of __dependencies_rules__ in src/a/BUILD
        QTest::addColumn<QString>("fromX"); // verdict of src/a/x.py -> src/b/y.py
        QTest::addColumn<QString>("fromZ"); // verdict of src/a/sub/z.py -> src/b/y.py

        QTest::newRow("root-anchored allow") << "(\"*\", \"//src/b/**\")" << "allow" << "allow";
        QTest::newRow("deny") << "(\"*\", \"!//src/b/**\", \"*\")" << "deny" << "deny";
        QTest::newRow("floating warn") << "(\"*\", \"?b/*.py\", \"*\")" << "warn" << "warn";
        QTest::newRow("floating does not match a partial name") << "(\"*\", \"!y.p\", \"*\")" << "allow" << "allow";
        QTest::newRow("type selector") << "(\"<python_sources>\", \"!*\"), (\"*\", \"*\")" << "deny" << "deny";
        QTest::newRow("other type selector") << "(\"<python_tests>\", \"!*\"), (\"*\", \"*\")" << "allow" << "allow";
        QTest::newRow("bare type selector") << "(python_sources, \"!*\"), (\"*\", \"*\")" << "deny" << "deny";
        QTest::newRow("no matching rule") << "(\"*\", \"/sub/**\")" << "no_rule" << "no_rule";
        QTest::newRow("no matching rule set") << "(\"<files>\", \"*\")" << "no_rule" << "no_rule";
        QTest::newRow("path selector, declared anchor") << "(\"[/x.py]\", \"!*\"), (\"*\", \"*\")" << "deny" << "allow";
        QTest::newRow("selector with glob") << "(\"/sub/**\", \"!*\"), (\"*\", \"*\")" << "allow" << "deny";
        QTest::newRow("invoked anchor ../") << "(\"*\", \"../b/**\", \"!*\")" << "allow" << "deny";
        QTest::newRow("dict rule with action") << "(\"*\", {\"path\": \"//src/b/**\", \"action\": \"deny\"}, \"*\")"
                                               << "deny" << "deny";
        QTest::newRow("dict selector") << "({\"type\": \"python_*\", \"path\": \"/x.py\"}, \"!*\"), (\"*\", \"*\")" << "deny"
                                       << "allow";
        QTest::newRow("multi-line string") << "(\"*\", \"\"\"\n  !//src/b/**\n  *\n\"\"\")" << "deny" << "deny";
        QTest::newRow("nested groups and comments") << "(\"*\", (\"# no-op\", (\"!//src/b/y.py\",)), \"*\")" << "deny"
                                                    << "deny";
        QTest::newRow("exact file") << "(\"*\", \"!//src/b/z.py\", \"*\")" << "allow" << "allow";
        QTest::newRow("name glob") << "(\"*\", \"!//src/b/**:lib*\", \"*\")" << "deny" << "deny";
        QTest::newRow("tags selector") << "(\"<*>(web)\", \"!*\"), (\"*\", \"*\")" << "allow" << "allow";
    }

    void testRules()
    {
        QFETCH(QString, rules);
        QFETCH(QString, fromX);
        QFETCH(QString, fromZ);
        QTemporaryDir dir;
        std::map<QString, std::string> files = {
            {"pants.toml", "[GLOBAL]\npants_version = \"2.25.0\"\nbackend_packages = [\"pants.backend.python\", "
                           "\"pants.backend.experimental.visibility\"]\n\n[source]\nroot_patterns = [\"/src\"]\n"},
            {"src/a/BUILD", "python_sources(name=\"lib\", sources=[\"**/*.py\"])\n__dependencies_rules__(\n"
                                + rules.toStdString() + "\n)\n"},
            {"src/a/x.py", "import b.y\n"},
            {"src/a/sub/z.py", "import b.y\n"},
            {"src/b/BUILD", "python_sources(name=\"libb\")\n"},
            {"src/b/y.py", "Y = 1\n"},
        };
        const auto g = loadRepo(dir, files);
        const VisibilityChecker c(*g);
        QVERIFY2(c.diagnostics().empty(), c.diagnostics().empty() ? "" : c.diagnostics().front().format().c_str());
        const auto action = [&](const char *from) {
            const NodeId a = g->nodeOf(GraphBuilder::parse(from)), b = g->nodeOf(GraphBuilder::parse("src/b/y.py:libb"));
            if (a < 0 || b < 0 || g->edgeId(a, b) < 0)
                return QStringLiteral("no edge");
            return QString::fromLatin1(ruleActionName(c.check(a, b).action));
        };
        QCOMPARE(action("src/a/x.py:lib"), fromX);
        QCOMPARE(action("src/a/sub/z.py:../lib"), fromZ);
    }

    void testRulesDeclaredByAPreludeMacro()
    {
        // Backend.AI's visibility_private_component(): the call sits in the prelude, the
        // rules belong to the BUILD directory that called the macro ("/" anchors there).
        QTemporaryDir dir;
        const auto g = loadRepo(
            dir, {{"pants.toml", "[GLOBAL]\npants_version = \"2.25.0\"\nbackend_packages = [\"pants.backend.python\"]\n"
                                 "build_file_prelude_globs = [\"macros.py\"]\n\n[source]\nroot_patterns = [\"/src\"]\n"},
                  {"macros.py", "def private_component():\n    __dependents_rules__((\"*\", \"/**\", \"!*\"))\n"},
                  {"src/a/BUILD", "python_sources(name=\"lib\", sources=[\"**/*.py\"])\n"},
                  {"src/a/x.py", "import b.y\n"},
                  {"src/b/BUILD", "python_sources(name=\"libb\")\nprivate_component()\n"},
                  {"src/b/y.py", "import b.w\n"},
                  {"src/b/w.py", "W = 1\n"}});
        const VisibilityChecker c(*g);
        QCOMPARE(verdictText(*g, c, "src/a/x.py:lib", "src/b/y.py:libb"),
                 QStringLiteral("deny: !* (macros.py:2, __dependents_rules__ rule set 1, for src/b)"));
        QCOMPARE(verdictText(*g, c, "src/b/y.py:libb", "src/b/w.py:libb"), QStringLiteral("allow"));
    }

    void testGeneratedEdgesAreNotChecked()
    {
        QTemporaryDir dir;
        const auto g = loadRepo(
            dir, {{"pants.toml", "[GLOBAL]\npants_version = \"2.25.0\"\nbackend_packages = [\"pants.backend.python\"]\n"
                                 "\n[source]\nroot_patterns = [\"/src\"]\n"},
                  {"src/a/BUILD", "python_sources(name=\"lib\")\n"},
                  {"src/a/x.py", "import b.y\n"},
                  {"src/b/BUILD", "python_sources(name=\"libb\")\n__dependents_rules__((\"*\", \"//src/a/**\", \"!*\"))\n"},
                  {"src/b/y.py", "Y = 1\n"}});
        const VisibilityChecker c(*g);
        const NodeId gen = g->nodeOf(GraphBuilder::parse("src/b:libb"));
        const NodeId y = g->nodeOf(GraphBuilder::parse("src/b/y.py:libb"));
        const EdgeId e = g->edgeId(gen, y);
        QVERIFY(e >= 0);
        QCOMPARE(g->edgeKind(e), EdgeKind::Generated);
        QCOMPARE(c.check(gen, y).action, RuleAction::Deny); // as a dependency it would be denied
        QCOMPARE(checkAllEdges(*g, c)[e].action, RuleAction::Allow);
        QCOMPARE(verdictText(*g, c, "src/a/x.py:lib", "src/b/y.py:libb"), QStringLiteral("allow"));
    }

    void testBadRuleSetIsReported()
    {
        QTemporaryDir dir;
        const auto g = loadRepo(dir, {{"pants.toml", "[GLOBAL]\npants_version = \"2.25.0\"\n"},
                                      {"a/BUILD", "__dependencies_rules__((\"*\",), (\"*\", \"*\"))\n"}});
        const VisibilityChecker c(*g);
        QCOMPARE(int(c.diagnostics().size()), 1);
        QVERIFY(c.diagnostics().front().message.find("invalid rule spec 1") != std::string::npos);
        QVERIFY(c.hasRules()); // the valid second rule set still applies
    }
};

QTEST_GUILESS_MAIN(VisibilityTest)
#include "visibility_test.moc"
