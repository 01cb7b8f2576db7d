// Tests for the component views (core/graph/components.h) on a real, small repository
// (tests/graph/componentfixture.h) and on hand-built graphs for the budget: member
// counts, aggregated edge counts, hide toggles, open/close in place, summarized
// neighbours and their expansion, cycles with their edges.
#include "core/graph/components.h"
#include "tests/graph/componentfixture.h"
#include "tests/graph/graphbuilder.h"

#include <QObject>
#include <QTest>

using namespace trellis;
using namespace trellis::graph;
using namespace trellis::graph::testing;

namespace {

QString q(const std::string &s) { return QString::fromStdString(s); }

/// "id targets/files" per node, sorted as the view orders them.
QStringList nodeList(const ComponentView &v)
{
    QStringList out;
    for (const ViewNode &n : v.nodes)
        out << QStringLiteral("%1 %2/%3").arg(q(n.id)).arg(n.targets).arg(n.files);
    return out;
}

/// "from -> to edges/imports !violations ?warnings".
QStringList edgeList(const ComponentView &v)
{
    QStringList out;
    for (const ViewEdge &e : v.edges) {
        out << QStringLiteral("%1 -> %2 %3/%4 !%5 ?%6%7")
                   .arg(q(v.nodes[e.from].id), q(v.nodes[e.to].id))
                   .arg(e.edges)
                   .arg(e.imports)
                   .arg(e.violations)
                   .arg(e.warnings)
                   .arg(e.inCycle ? " cycle" : "");
    }
    return out;
}

const ViewEdge *findEdge(const ComponentView &v, const std::string &from, const std::string &to)
{
    const int a = v.indexOf(from), b = v.indexOf(to);
    for (const ViewEdge &e : v.edges) {
        if (e.from == a && e.to == b)
            return &e;
    }
    return nullptr;
}

/// A hub file with dependents in 20 directories of 1..20 files (210 in all).
std::shared_ptr<const TargetGraph> hubGraph()
{
    GraphBuilder b;
    b.target("hub/h.py:lib");
    for (int d = 0; d < 20; ++d) {
        for (int f = 0; f <= d; ++f) {
            const std::string a = "d" + std::to_string(d) + "/f" + std::to_string(f) + ".py:lib";
            b.target(a);
            b.edge(a, "hub/h.py:lib");
        }
    }
    return b.build();
}

} // namespace

class ComponentsTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<const TargetGraph> m_graph;
    std::shared_ptr<const ComponentIndex> m_index;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_graph = loadRepo(m_dir, componentRepoFiles());
        m_index = std::make_shared<const ComponentIndex>(m_graph);
    }

    void testParseGroupBy()
    {
        int depth = 2;
        QCOMPARE(parseGroupBy("package:3", &depth), std::optional(GroupBy::Package));
        QCOMPARE(depth, 3);
        QCOMPARE(parseGroupBy("distribution"), std::optional(GroupBy::Distribution));
        QCOMPARE(parseGroupBy("file"), std::optional(GroupBy::File));
        QVERIFY(!parseGroupBy("package:0"));
        QVERIFY(!parseGroupBy("target:2"));
        QVERIFY(!parseGroupBy("packages"));
    }

    void testPackageCountsAndEdges()
    {
        ViewRequest r;
        r.depth = 1;
        const ComponentView v = buildView(*m_index, r);
        // Python files by module, generators by their BUILD directory, requirements by
        // their requirements target.
        QCOMPARE(nodeList(v), (QStringList{"pkg:src:app 7/4", "pkg:src:lib 2/1", "pkg:tests:app 2/1",
                                           "req://:reqs 3/1"}));
        QCOMPARE(edgeList(v), (QStringList{
                                  "pkg:src:app -> pkg:src:lib 2/2 !0 ?0 cycle",
                                  "pkg:src:app -> req://:reqs 1/1 !0 ?0",
                                  "pkg:src:lib -> pkg:src:app 3/3 !3 ?0 cycle",
                                  "pkg:tests:app -> pkg:src:app 1/1 !0 ?1",
                              }));
        // main.py imports models on two lines: one edge inside app, counted there.
        QCOMPARE(v.nodes[v.indexOf("pkg:src:app")].internalEdges, 1);
        QVERIFY(!v.summarized);
    }

    void testEdgeProvenance()
    {
        ViewRequest r;
        r.depth = 1;
        const ComponentView v = buildView(*m_index, r);
        const ViewEdge *e = findEdge(v, "pkg:src:app", "pkg:src:lib");
        QVERIFY(e);
        QStringList lines;
        for (EdgeId id : e->underlying) {
            const EdgeInfo info = m_graph->edgeInfo(id);
            for (const Evidence &ev : info.evidence)
                lines << QStringLiteral("%1 -> %2 %3:%4 %5")
                             .arg(q(m_graph->address(info.from).toString()), q(m_graph->address(info.to).toString()),
                                  q(ev.file))
                             .arg(ev.line)
                             .arg(q(ev.module));
        }
        QCOMPARE(lines, (QStringList{"src/app/main.py -> src/lib/util.py src/app/main.py:4 lib.util",
                                     "src/app/core/models.py -> src/lib/util.py src/app/core/models.py:1 lib.util"}));
    }

    void testDeeperPackagesAndHideToggles()
    {
        ViewRequest r;
        r.depth = 2;
        r.hideTests = true;
        r.hideRequirements = true;
        const ComponentView v = buildView(*m_index, r);
        QCOMPARE(nodeList(v), (QStringList{"pkg:src:app 1/0", "pkg:src:app.cli 2/1", "pkg:src:app.core 3/2",
                                           "pkg:src:app.main 1/1", "pkg:src:lib 1/0", "pkg:src:lib.util 1/1"}));
        QCOMPARE(v.hiddenTargets, 5); // tests generator + test file, reqs generator, requirement, requirements file
        QVERIFY(v.indexOf("req://:reqs") < 0);
    }

    void testOpenAndCloseInPlace()
    {
        ViewRequest r;
        r.depth = 1;
        r.hideTests = true;
        ViewRequest opened = openNode(r, "pkg:src:app");
        const ComponentView v = buildView(*m_index, opened);
        QCOMPARE(nodeList(v), (QStringList{"addr:src/app 1/0", "pkg:src:app.cli 2/1", "pkg:src:app.core 3/2",
                                           "pkg:src:app.main 1/1", "pkg:src:lib 2/1", "req://:reqs 3/1"}));
        for (const char *id : {"pkg:src:app.cli", "pkg:src:app.core", "pkg:src:app.main", "addr:src/app"})
            QCOMPARE(q(v.nodes[v.indexOf(id)].parent), QStringLiteral("pkg:src:app"));
        QCOMPARE(q(v.nodes[v.indexOf("pkg:src:lib")].parent), QString());
        // lib's three denied imports now go to two packages.
        QCOMPARE(findEdge(v, "pkg:src:lib", "pkg:src:app.core")->violations, 2);
        QCOMPARE(findEdge(v, "pkg:src:lib", "pkg:src:app.cli")->violations, 1);
        // Opening inside, then closing the outer node closes both.
        opened = openNode(opened, "pkg:src:app.core");
        // app.core opened: its modules.
        const ComponentView inner = buildView(*m_index, opened);
        QVERIFY(inner.indexOf("pkg:src:app.core.models") >= 0);
        QCOMPARE(q(inner.nodes[inner.indexOf("pkg:src:app.core.other")].parent), QStringLiteral("pkg:src:app.core"));
        QVERIFY(inner.indexOf("pkg:src:app.core") < 0);
        const ViewRequest closed = closeNode(opened, "pkg:src:app");
        QVERIFY(closed.opened.empty());
        QCOMPARE(nodeList(buildView(*m_index, closed)), nodeList(buildView(*m_index, r)));
    }

    void testTargetAndFileGrouping()
    {
        ViewRequest r;
        r.groupBy = GroupBy::Target;
        r.hideTests = true;
        r.hideRequirements = true;
        const ComponentView v = buildView(*m_index, r);
        QCOMPARE(nodeList(v), (QStringList{"target:src/app 2/1", "target:src/app/cli 2/1", "target:src/app/core 3/2",
                                           "target:src/lib 2/1"}));
        r.groupBy = GroupBy::File;
        const ComponentView f = buildView(*m_index, r);
        QCOMPARE(f.nodes.size(), size_t(9));
        QCOMPARE(findEdge(f, "addr:src/app/main.py", "addr:src/app/core/models.py")->imports, 2);
    }

    void testCyclesWithTheirEdges()
    {
        ViewRequest r;
        r.depth = 1;
        const ComponentView v = buildView(*m_index, r);
        QCOMPARE(v.cycles.size(), size_t(1));
        QStringList members, edges;
        for (int n : v.cycles[0].nodes)
            members << q(v.nodes[n].id);
        for (int e : v.cycles[0].edges)
            edges << q(v.nodes[v.edges[e].from].id + " -> " + v.nodes[v.edges[e].to].id);
        QCOMPARE(members, (QStringList{"pkg:src:app", "pkg:src:lib"}));
        QCOMPARE(edges, (QStringList{"pkg:src:app -> pkg:src:lib", "pkg:src:lib -> pkg:src:app"}));
        // At the file level the same imports form a cycle models.py <-> util.py only.
        r.groupBy = GroupBy::File;
        const ComponentView f = buildView(*m_index, r);
        QCOMPARE(f.cycles.size(), size_t(1));
        QCOMPARE(f.cycles[0].nodes.size(), size_t(2));
        QCOMPARE(q(f.nodes[f.cycles[0].nodes[0]].id), QStringLiteral("addr:src/app/core/models.py"));
    }

    void testDistributions()
    {
        // Two distributions whose files import each other; a test and a `!!`-excluded stub
        // reached by nobody's closure end up in "(no distribution)", which never makes a cycle.
        GraphBuilder b;
        b.target("src/d:dist", "python_distribution").target("src/d/a.py:lib");
        b.target("src/e:dist", "python_distribution").target("src/e/b.py:lib");
        b.target("stubs/s.pyi:stubs").target("tests/t.py:tests", "python_test");
        b.edge("src/d:dist", "src/d/a.py:lib", EdgeKind::Explicit).edge("src/e:dist", "src/e/b.py:lib", EdgeKind::Explicit);
        b.edge("src/d/a.py:lib", "src/e/b.py:lib").edge("src/e/b.py:lib", "src/d/a.py:lib");
        b.edge("src/d/a.py:lib", "stubs/s.pyi:stubs").transitiveExclude("src/d:dist", "stubs/s.pyi:stubs");
        b.transitiveExclude("src/e:dist", "stubs/s.pyi:stubs");
        b.edge("tests/t.py:tests", "src/d/a.py:lib");
        const auto g = b.build();
        const ComponentIndex index(g);
        ViewRequest r;
        r.groupBy = GroupBy::Distribution;
        const ComponentView v = buildView(index, r);
        QCOMPARE(nodeList(v), (QStringList{"dist:(none) 2/0", "dist:src/d:dist 2/0", "dist:src/e:dist 2/0"}));
        QCOMPARE(edgeList(v), (QStringList{"dist:(none) -> dist:src/d:dist 1/1 !0 ?0",
                                           "dist:src/d:dist -> dist:(none) 1/1 !0 ?0",
                                           "dist:src/d:dist -> dist:src/e:dist 1/1 !0 ?0 cycle",
                                           "dist:src/e:dist -> dist:src/d:dist 1/1 !0 ?0 cycle"}));
        QCOMPARE(v.cycles.size(), size_t(1));
        QCOMPARE(v.cycles[0].nodes, (std::vector<int>{1, 2}));
        // Opened, a distribution shows its packages (here directories: no source roots).
        const ComponentView o = buildView(index, openNode(r, "dist:src/d:dist"));
        QVERIFY(o.indexOf("dist:src/d:dist>dir:src/d") >= 0);
    }

    void testWhyPath()
    {
        ViewRequest r;
        r.depth = 1;
        const ComponentView v = buildView(*m_index, r);
        const auto path = [&](const char *from, const char *to) {
            QStringList out;
            for (NodeId n : whyPath(*m_index, v, v.indexOf(from), v.indexOf(to)))
                out << q(m_graph->address(n).toString());
            return out;
        };
        QCOMPARE(path("pkg:tests:app", "pkg:src:lib"),
                 (QStringList{"tests/app/test_main.py", "src/app/main.py", "src/lib/util.py"}));
        QCOMPARE(path("pkg:tests:app", "req://:reqs"),
                 (QStringList{"tests/app/test_main.py", "src/app/main.py", "//:reqs#PyYAML"}));
        QCOMPARE(path("pkg:src:lib", "pkg:tests:app"), QStringList{}); // nothing depends on tests
    }

    void testFocusNeighbourhood()
    {
        ViewRequest r;
        r.depth = 1;
        r.focus = {m_graph->nodeOf(GraphBuilder::parse("src/lib/util.py"))};
        const ComponentView v = buildView(*m_index, r);
        // util.py is its own node; models.py both imports it and is imported by it.
        QCOMPARE(nodeList(v), (QStringList{"addr:src/lib/util.py 1/1", "pkg:src:app 4/4"}));
        QCOMPARE(q(v.nodes[1].relation), QStringLiteral("both"));
        QCOMPARE(q(v.nodes[0].label), QStringLiteral("src/lib/util.py")); // a file target reads as its file
        r.direction = Direction::Dependents;
        const ComponentView d = buildView(*m_index, r);
        QCOMPARE(nodeList(d), (QStringList{"addr:src/lib/util.py 1/1", "pkg:src:app 2/2"}));
        QCOMPARE(q(d.nodes[1].relation), QStringLiteral("dependents"));
    }

    void testBudgetSummarizesLargestFirst()
    {
        const auto g = hubGraph();
        const ComponentIndex index(g);
        ViewRequest r;
        r.depth = 1;
        r.budget = 10;
        r.focus = {g->nodeOf(GraphBuilder::parse("hub/h.py:lib"))};
        const ComponentView v = buildView(index, r);
        QVERIFY(v.summarized);
        QCOMPARE(int(v.nodes.size()), 10);
        // Focus, the 8 largest directories, one aggregate for the 12 smallest (1..12 files).
        QCOMPARE(q(v.nodes[0].id), QStringLiteral("addr:hub/h.py:lib"));
        for (int d = 12; d < 20; ++d)
            QVERIFY2(v.indexOf("dir:d" + std::to_string(d)) > 0, qPrintable(QString::number(d)));
        QCOMPARE(v.indexOf("dir:d11"), -1);
        const ViewNode &agg = v.nodes.back();
        QCOMPARE(q(agg.id), QStringLiteral("agg:dependents:1"));
        QCOMPARE(q(agg.label), QStringLiteral("78 dependents in 12 packages"));
        QCOMPARE(agg.components, 12);
        QCOMPARE(q(agg.memberIds.front()), QStringLiteral("dir:d11"));
        QCOMPARE(findEdge(v, "agg:dependents:1", "addr:hub/h.py:lib")->edges, 78);
        QCOMPARE(findEdge(v, "dir:d19", "addr:hub/h.py:lib")->edges, 20);

        // Expanding shows the aggregate's components (up to one more budget's worth).
        const ComponentView e = buildView(index, expandAggregate(r, "agg:dependents:1"));
        QCOMPARE(int(e.nodes.size()), 21);
        QVERIFY(!e.summarized);
        QCOMPARE(e.indexOf("agg:dependents:1"), -1);
    }

    void testFileLevelAggregateCountsPackages()
    {
        const auto g = hubGraph();
        const ComponentIndex index(g);
        ViewRequest r;
        r.groupBy = GroupBy::File;
        r.depth = 1;
        r.budget = 10;
        r.focus = {g->nodeOf(GraphBuilder::parse("hub/h.py:lib"))};
        const ComponentView v = buildView(index, r);
        QCOMPARE(int(v.nodes.size()), 10);
        // Ties in size go by id (as strings): d0/f0, d1/f0, d1/f1, d10/f0, f1, f10, f2, f3.
        QVERIFY(v.indexOf("addr:d10/f3.py:lib") > 0);
        QCOMPARE(v.indexOf("addr:d10/f4.py:lib"), -1);
        QCOMPARE(q(v.nodes.back().label), QStringLiteral("202 dependents in 18 packages"));
        QCOMPARE(v.nodes.back().components, 202);
    }

    void testWholeViewBudget()
    {
        const auto g = hubGraph();
        const ComponentIndex index(g);
        ViewRequest r;
        r.depth = 1;
        r.budget = 5;
        const ComponentView v = buildView(index, r);
        QCOMPARE(int(v.nodes.size()), 5);
        QCOMPARE(q(v.nodes.back().label), QStringLiteral("17 more packages (137 targets)"));
    }

    void testJsonAndDot()
    {
        ViewRequest r;
        r.depth = 1;
        const ComponentView v = buildView(*m_index, r);
        const std::string json = componentViewJson(*m_index, r, v, true);
        QVERIFY(json.find("\"group_by\": \"package\"") != std::string::npos);
        QVERIFY(json.find("\"from\": \"pkg:src:lib\", \"to\": \"pkg:src:app\", \"edges\": 3, \"imports\": 3, "
                          "\"violations\": 3") != std::string::npos);
        QVERIFY(json.find("{\"file\": \"src/lib/util.py\", \"line\": 1, \"module\": \"app.core.models\"}")
                != std::string::npos);
        const std::string dot = componentViewDot(*m_index, v);
        QVERIFY(dot.find("\"pkg:src:lib\" -> \"pkg:src:app\" [label=\"3\"") != std::string::npos);
        QVERIFY(dot.find("color=red") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(ComponentsTest)
#include "components_test.moc"
