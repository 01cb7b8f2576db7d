// Tests for TargetGraph: CSR adjacency in both directions, the expansion rule, edge
// kinds and evidence, `!!` excludes.
#include "core/graph/targetgraph.h"
#include "tests/graph/graphbuilder.h"

#include <QObject>
#include <QTest>

using namespace trellis;
using namespace trellis::graph;
using namespace trellis::graph::testing;

namespace {

/// The fixture of spec §6.2/§6.3: src/a/x.py imports b.y and yaml; a pex_binary names a
/// generator; one generator generates nothing.
std::shared_ptr<const TargetGraph> specGraph()
{
    GraphBuilder b;
    b.generator("src/a:lib", {"src/a/x.py:lib"});
    b.generator("src/b:lib", {"src/b/y.py:lib", "src/b/z.py:lib"});
    b.generator("//:reqs", {"//:reqs#PyYAML"}, "python_requirements", "python_requirement");
    b.generator("src/c:empty", {}, "resources");
    b.target("src/app:bin", "pex_binary");
    b.edge("src/a/x.py:lib", "src/b/y.py:lib", EdgeKind::Inferred, {{"src/a/x.py", 3, "b.y", false}});
    b.edge("src/a/x.py:lib", "//:reqs#PyYAML", EdgeKind::Inferred,
           {{"src/a/x.py", 1, "yaml", false}, {"src/a/x.py", 9, "yaml.loader", true}});
    b.edge("src/a/x.py:lib", "src/c:empty", EdgeKind::Explicit, {}, {"src/a/BUILD", 1, 1});
    b.edge("src/b/y.py:lib", "src/b/z.py:lib");
    b.edge("src/app:bin", "src/a:lib", EdgeKind::Explicit, {}, {"src/app/BUILD", 4, 1});
    b.transitiveExclude("src/app:bin", "src/b:lib");
    return b.build();
}

} // namespace

class TargetGraphTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testCounts()
    {
        const auto g = specGraph();
        QCOMPARE(g->nodeCount(), 9);
        // 4 generated edges + 5 written above.
        QCOMPARE(g->edgeCount(), 9);
    }

    void testAdjacency_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QStringList>("dependencies");
        QTest::addColumn<QStringList>("expanded");
        QTest::addColumn<QStringList>("dependents");

        QTest::newRow("file target") << "src/a/x.py:lib"
                                     << QStringList{"//:reqs#PyYAML", "src/b/y.py:lib", "src/c:empty"}
                                     << QStringList{"//:reqs#PyYAML", "src/b/y.py:lib", "src/c:empty"}
                                     << QStringList{"src/a:lib"};
        QTest::newRow("generator named as dependency")
            << "src/app:bin" << QStringList{"src/a:lib"} << QStringList{"src/a/x.py:lib"} << QStringList{};
        QTest::newRow("generator") << "src/b:lib" << QStringList{"src/b/y.py:lib", "src/b/z.py:lib"}
                                   << QStringList{"src/b/y.py:lib", "src/b/z.py:lib"} << QStringList{};
        QTest::newRow("generated, two dependents")
            << "src/b/y.py:lib" << QStringList{"src/b/z.py:lib"} << QStringList{"src/b/z.py:lib"}
            << QStringList{"src/a/x.py:lib", "src/b:lib"};
        QTest::newRow("empty generator stays")
            << "src/c:empty" << QStringList{} << QStringList{} << QStringList{"src/a/x.py:lib"};
        QTest::newRow("generator depended on") << "src/a:lib" << QStringList{"src/a/x.py:lib"}
                                               << QStringList{"src/a/x.py:lib"} << QStringList{"src/app:bin"};
    }

    void testAdjacency()
    {
        QFETCH(QString, address);
        QFETCH(QStringList, dependencies);
        QFETCH(QStringList, expanded);
        QFETCH(QStringList, dependents);
        const auto g = specGraph();
        const NodeId n = node(*g, address);
        QCOMPARE(render(*g, g->dependencies(n)), dependencies);
        QCOMPARE(render(*g, g->expandedDependencies(n)), expanded);
        QCOMPARE(render(*g, g->dependents(n)), dependents);
        // dependentEdges() point back at the forward edges.
        const auto sources = g->dependents(n);
        const auto edges = g->dependentEdges(n);
        QCOMPARE(edges.size(), sources.size());
        for (size_t i = 0; i < edges.size(); ++i) {
            QCOMPARE(g->edgeSource(edges[i]), sources[i]);
            QCOMPARE(g->edgeTarget(edges[i]), n);
        }
    }

    void testExpansion_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QStringList>("expansion");
        QTest::addColumn<QStringList>("generated");
        QTest::newRow("generator") << "src/b:lib" << QStringList{"src/b/y.py:lib", "src/b/z.py:lib"}
                                   << QStringList{"src/b/y.py:lib", "src/b/z.py:lib"};
        QTest::newRow("empty generator") << "src/c:empty" << QStringList{"src/c:empty"} << QStringList{};
        QTest::newRow("plain target") << "src/app:bin" << QStringList{"src/app:bin"} << QStringList{};
    }

    void testExpansion()
    {
        QFETCH(QString, address);
        QFETCH(QStringList, expansion);
        QFETCH(QStringList, generated);
        const auto g = specGraph();
        const NodeId n = node(*g, address);
        QCOMPARE(render(*g, g->expansionOf(n)), expansion);
        QCOMPARE(render(*g, g->generatedTargets(n)), generated);
    }

    void testEdgeInfo_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<bool>("exists");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QStringList>("evidence");
        QTest::addColumn<QString>("declaredAt");

        QTest::newRow("inferred, two imports")
            << "src/a/x.py:lib" << "//:reqs#PyYAML" << true << int(EdgeKind::Inferred)
            << QStringList{"src/a/x.py:1:yaml", "src/a/x.py:9:yaml.loader:weak"} << "";
        QTest::newRow("explicit") << "src/app:bin" << "src/a:lib" << true << int(EdgeKind::Explicit) << QStringList{}
                                  << "src/app/BUILD:4:1";
        QTest::newRow("generated") << "src/b:lib" << "src/b/z.py:lib" << true << int(EdgeKind::Generated)
                                   << QStringList{} << "";
        QTest::newRow("no edge") << "src/b/z.py:lib" << "src/b/y.py:lib" << false << 0 << QStringList{} << "";
        QTest::newRow("expanded edge is not a resolved edge")
            << "src/app:bin" << "src/a/x.py:lib" << false << 0 << QStringList{} << "";
    }

    void testEdgeInfo()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(bool, exists);
        QFETCH(int, kind);
        QFETCH(QStringList, evidence);
        QFETCH(QString, declaredAt);
        const auto g = specGraph();
        const EdgeInfo info = g->edge(node(*g, from), node(*g, to));
        QCOMPARE(info.from >= 0, exists);
        QCOMPARE(g->edgeId(node(*g, from), node(*g, to)) >= 0, exists);
        if (!exists)
            return;
        QCOMPARE(info.from, node(*g, from));
        QCOMPARE(info.to, node(*g, to));
        QCOMPARE(int(info.kind), kind);
        QStringList actual;
        for (const Evidence &e : info.evidence) {
            actual << QString::fromStdString(e.file.str() + ":" + std::to_string(e.line) + ":" + e.module.str()
                                             + (e.weak ? ":weak" : ""));
        }
        QCOMPARE(actual, evidence);
        QCOMPARE(info.declaredAt ? QString::fromStdString(info.declaredAt->toString()) : QString(), declaredAt);
    }

    void testExplainingEdge()
    {
        const auto g = specGraph();
        const NodeId bin = node(*g, "src/app:bin");
        const EdgeInfo via = g->edgeInfo(g->explainingEdge(bin, node(*g, "src/a/x.py:lib")));
        QCOMPARE(via.to, node(*g, "src/a:lib"));
        QCOMPARE(via.kind, EdgeKind::Explicit);
        const NodeId x = node(*g, "src/a/x.py:lib");
        QCOMPARE(g->explainingEdge(x, node(*g, "src/b/y.py:lib")), g->edgeId(x, node(*g, "src/b/y.py:lib")));
        QCOMPARE(g->explainingEdge(x, node(*g, "src/b/z.py:lib")), -1);
    }

    void testTransitiveExcludesAreExpanded()
    {
        const auto g = specGraph();
        QCOMPARE(render(*g, g->transitiveExcludes(node(*g, "src/app:bin"))),
                 (QStringList{"src/b/y.py:lib", "src/b/z.py:lib"}));
        QCOMPARE(render(*g, g->transitiveExcludes(node(*g, "src/a/x.py:lib"))), QStringList{});
    }

    void testNodeOf()
    {
        const auto g = specGraph();
        QCOMPARE(g->nodeOf(GraphBuilder::parse("src/nowhere:x")), -1);
        const NodeId n = g->nodeOf(GraphBuilder::parse("src/b/y.py:lib"));
        QCOMPARE(QString::fromStdString(g->address(n).toString()), QStringLiteral("src/b/y.py:lib"));
        QCOMPARE(QString::fromStdString(g->target(n).type), QStringLiteral("python_source"));
    }

    void testMalformedInput()
    {
        // Duplicate edges merge their evidence; edges to unknown targets are dropped; a
        // short dependency vector leaves the rest without edges; self edges don't expand.
        auto ws = std::make_shared<workspace::Workspace>();
        std::vector<workspace::Target> targets;
        for (const char *a : {"p:a", "p:b", "p:c"}) {
            workspace::Target t;
            t.address = GraphBuilder::parse(a);
            targets.push_back(std::move(t));
        }
        ws->m_targets = workspace::TargetList(std::move(targets));
        ws->buildIndex();
        infer::InferenceResult deps;
        deps.dependencies.resize(1);
        infer::Dependency d1{1, EdgeKind::Inferred, {{"p/a.py", 1, "p.b", false}}, {}};
        infer::Dependency d2{1, EdgeKind::Inferred, {{"p/a.py", 7, "p.b.c", false}}, {}};
        infer::Dependency bad{42, EdgeKind::Inferred, {}, {}};
        infer::Dependency self{0, EdgeKind::Explicit, {}, {}};
        deps.dependencies[0] = {bad, d2, self, d1};
        deps.transitiveExcludes = {{-1, 7}};
        const TargetGraph g(ws, std::move(deps));
        QCOMPARE(g.edgeCount(), 2);
        QCOMPARE(render(g, g.dependencies(0)), (QStringList{"p:a", "p:b"}));
        QCOMPARE(render(g, g.expandedDependencies(0)), QStringList{"p:b"});
        const EdgeInfo info = g.edge(0, 1);
        QCOMPARE(int(info.evidence.size()), 2);
        QCOMPARE(info.evidence[0].line, 7);
        QCOMPARE(info.evidence[1].line, 1);
        QVERIFY(g.dependencies(2).empty());
        QVERIFY(g.transitiveExcludes(0).empty());
        QCOMPARE(g.edgeSource(1), 0);
    }
};

QTEST_GUILESS_MAIN(TargetGraphTest)
#include "targetgraph_test.moc"
