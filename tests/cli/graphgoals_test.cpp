// Tests for the graph goals (spec §6) through a fake GoalContext over a hand-built graph:
// exact stdout for dependencies, dependents, paths and graph, and their errors.
#include "app/cli/graphgoals.h"
#include "tests/graph/graphbuilder.h"

#include <QObject>
#include <QTest>

#include <sstream>

using namespace trellis;
using namespace trellis::graph::testing;

namespace {

/// The §6.2/§6.3 example graph plus a pex_binary naming a generator.
std::shared_ptr<const graph::TargetGraph> specGraph()
{
    GraphBuilder b;
    b.generator("src/a:lib", {"src/a/x.py:lib"});
    b.generator("src/b:lib", {"src/b/y.py:lib", "src/b/z.py:lib"});
    b.generator("//:reqs", {"//:reqs#PyYAML"}, "python_requirements", "python_requirement");
    b.target("src/app:bin", "pex_binary");
    b.edge("src/a/x.py:lib", "src/b/y.py:lib");
    b.edge("src/a/x.py:lib", "//:reqs#PyYAML");
    b.edge("src/b/y.py:lib", "src/b/z.py:lib");
    b.edge("src/app:bin", "src/a:lib", graph::EdgeKind::Explicit);
    b.transitiveExclude("src/app:bin", "src/b/z.py:lib");
    return b.build();
}

/// A GoalContext whose specs are address literals of the given graph.
class FakeContext : public cli::GoalContext {
public:
    FakeContext(std::shared_ptr<const graph::TargetGraph> g, std::ostream &o, std::ostream &e)
        : GoalContext(o, e)
        , m_graph(std::move(g))
    {
    }
    std::shared_ptr<const workspace::Workspace> workspace() override { return m_graph->workspace(); }
    std::shared_ptr<const graph::TargetGraph> graph() override { return m_graph; }
    std::optional<std::vector<int>> selectedTargets() override
    {
        std::vector<int> out;
        for (const std::string &s : specs)
            out.push_back(node(*m_graph, QString::fromStdString(s)));
        std::sort(out.begin(), out.end());
        return out;
    }

private:
    std::shared_ptr<const graph::TargetGraph> m_graph;
};

} // namespace

class GraphGoalsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testGoals_data()
    {
        QTest::addColumn<QString>("goal");
        QTest::addColumn<QStringList>("options"); // "--name=value"
        QTest::addColumn<QStringList>("specs");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("out");
        QTest::addColumn<QString>("err");

        QTest::newRow("dependencies: sorted as strings")
            << "dependencies" << QStringList{} << QStringList{"src/a/x.py:lib"} << 0
            << "//:reqs#PyYAML\nsrc/b/y.py:lib\n" << "";
        QTest::newRow("dependencies: generator root not expanded")
            << "dependencies" << QStringList{} << QStringList{"src/app:bin"} << 0 << "src/a/x.py:lib\n" << "";
        QTest::newRow("dependencies --transitive honours !!")
            << "dependencies" << QStringList{"--transitive=true"} << QStringList{"src/app:bin"} << 0
            << "//:reqs#PyYAML\nsrc/a/x.py:lib\nsrc/b/y.py:lib\n" << "";
        QTest::newRow("dependencies --closed --sep")
            << "dependencies" << QStringList{"--closed=true", "--sep=,"} << QStringList{"src/b/y.py:lib"} << 0
            << "src/b/y.py:lib,src/b/z.py:lib," << "";
        QTest::newRow("dependencies json")
            << "dependencies" << QStringList{"--format=json"} << QStringList{"src/a/x.py:lib", "src/b/z.py:lib"} << 0
            << "{\n    \"src/a/x.py:lib\": [\n        \"//:reqs#PyYAML\",\n        \"src/b/y.py:lib\"\n    ],\n"
               "    \"src/b/z.py:lib\": []\n}\n"
            << "";
        QTest::newRow("dependencies bad format")
            << "dependencies" << QStringList{"--format=xml"} << QStringList{"src/a/x.py:lib"} << 2 << ""
            << "error: invalid value for --format: xml (choose from text json)\n";
        QTest::newRow("dependents: generator appears")
            << "dependents" << QStringList{} << QStringList{"src/b/y.py:lib"} << 0
            << "src/a/x.py:lib\nsrc/b:lib\n" << "";
        QTest::newRow("dependees alias, transitive, Address order")
            << "dependees" << QStringList{"--transitive=true"} << QStringList{"src/b/y.py:lib"} << 0
            << "src/a:lib\nsrc/a/x.py:lib\nsrc/app:bin\nsrc/b:lib\n" << "";
        QTest::newRow("dependents json closed")
            << "dependents" << QStringList{"--format=json", "--closed=true"} << QStringList{"src/b/z.py:lib"} << 0
            << "{\n    \"src/b/z.py:lib\": [\n        \"src/b/y.py:lib\",\n        \"src/b/z.py:lib\",\n"
               "        \"src/b:lib\"\n    ]\n}\n"
            << "";
        QTest::newRow("paths: missing --from") << "paths" << QStringList{"--to=src/b/z.py:lib"} << QStringList{}
                                               << 2 << "" << "error: Must set --from\n";
        QTest::newRow("paths: missing --to") << "paths" << QStringList{"--from=src/app:bin"} << QStringList{}
                                             << 2 << "" << "error: Must set --to\n";
    }

    void testGoals()
    {
        QFETCH(QString, goal);
        QFETCH(QStringList, options);
        QFETCH(QStringList, specs);
        QFETCH(int, exitCode);
        QFETCH(QString, out);
        QFETCH(QString, err);

        cli::GoalRegistry registry;
        cli::registerGraphGoals(registry);
        const cli::Goal *g = registry.find(goal.toStdString());
        QVERIFY(g);
        std::ostringstream o, e;
        FakeContext context(specGraph(), o, e);
        for (const QString &s : specs)
            context.specs.push_back(s.toStdString());
        for (const QString &opt : options)
            context.goalOptions[opt.section('=', 0, 0).toStdString()].push_back(opt.section('=', 1).toStdString());
        QCOMPARE(g->run(context), exitCode);
        QCOMPARE(QString::fromStdString(o.str()), out);
        QCOMPARE(QString::fromStdString(e.str()), err);
    }

    void testRejectedCycle()
    {
        GraphBuilder b;
        b.target("p:a", "target").target("p:b", "target").edge("p:a", "p:b").edge("p:b", "p:a");
        cli::GoalRegistry registry;
        cli::registerGraphGoals(registry);
        std::ostringstream o, e;
        FakeContext context(b.build(), o, e);
        context.specs = {"p:a"};
        context.goalOptions["--transitive"] = {"true"};
        QCOMPARE(registry.find("dependencies")->run(context), int(cli::kExitFailure));
        QCOMPARE(QString::fromStdString(o.str()), QString());
        QVERIFY(QString::fromStdString(e.str()).startsWith(
            "error: The dependency graph contained a cycle:\n-> p:a\n   p:b\n-> p:a\n"));
        // Direct dependencies do not walk, so they do not fail.
        std::ostringstream o2, e2;
        FakeContext direct(context.graph(), o2, e2);
        direct.specs = {"p:a"};
        QCOMPARE(registry.find("dependencies")->run(direct), 0);
        QCOMPARE(QString::fromStdString(o2.str()), QStringLiteral("p:b\n"));
    }

    void testGraphExport()
    {
        cli::GoalRegistry registry;
        cli::registerGraphGoals(registry);
        std::ostringstream o, e;
        FakeContext context(specGraph(), o, e);
        context.specs = {"src/app:bin", "src/a:lib"};
        context.goalOptions["--format"] = {"dot"};
        QCOMPARE(registry.find("graph")->run(context), 0);
        QCOMPARE(QString::fromStdString(o.str()),
                 QStringLiteral("digraph \"trellis\" {\n  rankdir=LR;\n  node [shape=box];\n"
                                "  \"src/a:lib\" [type=\"python_sources\", style=rounded];\n"
                                "  \"src/app:bin\" [type=\"pex_binary\"];\n"
                                "  \"src/app:bin\" -> \"src/a:lib\" [kind=\"explicit\", style=solid];\n}\n"));
    }

    void testDecodeSeparator_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("newline") << "\\n" << "\n";
        QTest::newRow("tab and text") << "x\\ty" << "x\ty";
        QTest::newRow("backslash") << "\\\\" << "\\";
        QTest::newRow("unknown escape kept") << "\\q" << "\\q";
        QTest::newRow("trailing backslash") << "a\\" << "a\\";
    }

    void testDecodeSeparator()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(cli::decodeSeparator(input.toStdString())), expected);
    }
};

QTEST_GUILESS_MAIN(GraphGoalsTest)
#include "graphgoals_test.moc"
