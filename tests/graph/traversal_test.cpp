// Tests for the graph walks: closures with the expansion rule and `!!`, dependents over
// unexpanded edges, Pants' path enumeration, cycle classification and subgraphs.
#include "core/graph/traversal.h"
#include "tests/graph/graphbuilder.h"

#include <QObject>
#include <QTest>

using namespace trellis;
using namespace trellis::graph;
using namespace trellis::graph::testing;

namespace {

std::shared_ptr<const TargetGraph> specGraph()
{
    GraphBuilder b;
    b.generator("src/a:lib", {"src/a/x.py:lib"});
    b.generator("src/b:lib", {"src/b/y.py:lib", "src/b/z.py:lib"});
    b.generator("//:reqs", {"//:reqs#PyYAML"}, "python_requirements", "python_requirement");
    b.generator("src/c:empty", {}, "resources");
    b.target("src/app:bin", "pex_binary");
    b.edge("src/a/x.py:lib", "src/b/y.py:lib");
    b.edge("src/a/x.py:lib", "//:reqs#PyYAML");
    b.edge("src/a/x.py:lib", "src/c:empty", EdgeKind::Explicit);
    b.edge("src/b/y.py:lib", "src/b/z.py:lib");
    b.edge("src/app:bin", "src/a:lib", EdgeKind::Explicit);
    b.transitiveExclude("src/app:bin", "src/b/z.py:lib");
    return b.build();
}

/// a -> b -> d, a -> c -> d, a -> d, d -> e (plain targets).
std::shared_ptr<const TargetGraph> diamond()
{
    GraphBuilder b;
    for (const char *t : {"p:a", "p:b", "p:c", "p:d", "p:e"})
        b.target(t, "target");
    b.edge("p:a", "p:b").edge("p:a", "p:c").edge("p:a", "p:d").edge("p:b", "p:d").edge("p:c", "p:d");
    b.edge("p:d", "p:e");
    return b.build();
}

QStringList sortedStrings(const TargetGraph &g, const std::vector<NodeId> &nodes)
{
    QStringList out = render(g, nodes);
    out.sort();
    return out;
}

QString renderPaths(const TargetGraph &g, const std::vector<std::vector<NodeId>> &paths)
{
    QStringList out;
    for (const auto &p : paths)
        out << render(g, p).join(QStringLiteral(" > "));
    return out.join(QStringLiteral(" | "));
}

} // namespace

class TraversalTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testDependencies_data()
    {
        QTest::addColumn<QStringList>("roots");
        QTest::addColumn<bool>("transitive");
        QTest::addColumn<QStringList>("expected");

        QTest::newRow("direct, spec example")
            << QStringList{"src/a/x.py:lib"} << false
            << QStringList{"//:reqs#PyYAML", "src/b/y.py:lib", "src/c:empty"};
        QTest::newRow("direct, generator root yields generated targets")
            << QStringList{"src/b:lib"} << false << QStringList{"src/b/y.py:lib", "src/b/z.py:lib"};
        QTest::newRow("direct, generator dependency expanded")
            << QStringList{"src/app:bin"} << false << QStringList{"src/a/x.py:lib"};
        QTest::newRow("direct, union") << QStringList{"src/app:bin", "src/b/y.py:lib"} << false
                                       << QStringList{"src/a/x.py:lib", "src/b/z.py:lib"};
        QTest::newRow("transitive") << QStringList{"src/a/x.py:lib"} << true
                                    << QStringList{"//:reqs#PyYAML", "src/b/y.py:lib", "src/b/z.py:lib",
                                                   "src/c:empty"};
        QTest::newRow("transitive honours !! of the root")
            << QStringList{"src/app:bin"} << true
            << QStringList{"//:reqs#PyYAML", "src/a/x.py:lib", "src/b/y.py:lib", "src/c:empty"};
        QTest::newRow("transitive, root reached from another root is kept")
            << QStringList{"src/a/x.py:lib", "src/b/y.py:lib"} << true
            << QStringList{"//:reqs#PyYAML", "src/b/y.py:lib", "src/b/z.py:lib", "src/c:empty"};
        QTest::newRow("transitive, generator root expanded, unreached roots dropped")
            << QStringList{"src/b:lib"} << true << QStringList{"src/b/z.py:lib"};
        QTest::newRow("transitive, leaf") << QStringList{"src/b/z.py:lib"} << true << QStringList{};
    }

    void testDependencies()
    {
        QFETCH(QStringList, roots);
        QFETCH(bool, transitive);
        QFETCH(QStringList, expected);
        const auto g = specGraph();
        const std::vector<NodeId> r = nodes(*g, roots);
        const std::vector<NodeId> result = transitive ? transitiveDependencies(*g, r) : directDependencies(*g, r);
        QCOMPARE(sortedStrings(*g, result), expected);
        QVERIFY(std::is_sorted(result.begin(), result.end()));
    }

    void testExcludeOfVisitedTarget()
    {
        // `!!` on a target reached in the walk applies too, and the excluded target is
        // still walked through (its dependencies stay).
        GraphBuilder b;
        for (const char *t : {"p:root", "p:mid", "p:gone", "p:after"})
            b.target(t, "target");
        b.edge("p:root", "p:mid").edge("p:mid", "p:gone").edge("p:gone", "p:after");
        b.transitiveExclude("p:mid", "p:gone");
        const auto g = b.build();
        QCOMPARE(sortedStrings(*g, transitiveDependencies(*g, nodes(*g, {"p:root"}))),
                 (QStringList{"p:after", "p:mid"}));
    }

    void testDependents_data()
    {
        QTest::addColumn<QStringList>("roots");
        QTest::addColumn<bool>("transitive");
        QTest::addColumn<bool>("closed");
        QTest::addColumn<QStringList>("expected"); // Address order

        QTest::newRow("spec example: generator is a dependent")
            << QStringList{"src/b/y.py:lib"} << false << false << QStringList{"src/a/x.py:lib", "src/b:lib"};
        QTest::newRow("transitive")
            << QStringList{"src/b/y.py:lib"} << true << false
            << QStringList{"src/a:lib", "src/a/x.py:lib", "src/app:bin", "src/b:lib"};
        QTest::newRow("closed adds the root")
            << QStringList{"src/b/y.py:lib"} << false << true
            << QStringList{"src/a/x.py:lib", "src/b:lib", "src/b/y.py:lib"};
        QTest::newRow("roots are removed without closed")
            << QStringList{"src/b/y.py:lib", "src/b/z.py:lib"} << false << false
            << QStringList{"src/a/x.py:lib", "src/b:lib"};
        QTest::newRow("unexpanded: a generator's dependents only")
            << QStringList{"src/a:lib"} << false << false << QStringList{"src/app:bin"};
        QTest::newRow("empty generator") << QStringList{"src/c:empty"} << true << false
                                         << QStringList{"src/a:lib", "src/a/x.py:lib", "src/app:bin"};
        QTest::newRow("nobody") << QStringList{"src/app:bin"} << true << false << QStringList{};
    }

    void testDependents()
    {
        QFETCH(QStringList, roots);
        QFETCH(bool, transitive);
        QFETCH(bool, closed);
        QFETCH(QStringList, expected);
        const auto g = specGraph();
        QCOMPARE(render(*g, dependentsOf(*g, nodes(*g, roots), {transitive, closed})), expected);
    }

    void testRootTargets()
    {
        const auto g = specGraph();
        QCOMPARE(render(*g, rootTargets(*g)), (QStringList{"//:reqs", "src/app:bin", "src/b:lib"}));
    }

    void testPaths_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<int>("maxPaths");
        QTest::addColumn<int>("maxLength");
        QTest::addColumn<QString>("expected");

        QTest::newRow("shortest first") << "p:a" << "p:d" << 100 << 64
                                        << "p:a > p:d | p:a > p:b > p:d | p:a > p:c > p:d";
        QTest::newRow("longer") << "p:a" << "p:e" << 100 << 64
                                << "p:a > p:d > p:e | p:a > p:b > p:d > p:e | p:a > p:c > p:d > p:e";
        QTest::newRow("count limit") << "p:a" << "p:d" << 2 << 64 << "p:a > p:d | p:a > p:b > p:d";
        QTest::newRow("length limit") << "p:a" << "p:e" << 100 << 3 << "p:a > p:d > p:e";
        QTest::newRow("same node") << "p:b" << "p:b" << 100 << 64 << "p:b";
        QTest::newRow("none (wrong direction)") << "p:e" << "p:a" << 100 << 64 << "";
    }

    void testPaths()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(int, maxPaths);
        QFETCH(int, maxLength);
        QFETCH(QString, expected);
        const auto g = diamond();
        QCOMPARE(renderPaths(*g, findPaths(*g, node(*g, from), node(*g, to), {maxPaths, maxLength})), expected);
    }

    void testPathsThroughGenerators()
    {
        const auto g = specGraph();
        QCOMPARE(renderPaths(*g, findPaths(*g, node(*g, "src/app:bin"), node(*g, "src/b/z.py:lib"))),
                 QStringLiteral("src/app:bin > src/a/x.py:lib > src/b/y.py:lib > src/b/z.py:lib"));
        QCOMPARE(render(*g, shortestPath(*g, node(*g, "src/app:bin"), node(*g, "src/b/z.py:lib"))),
                 (QStringList{"src/app:bin", "src/a/x.py:lib", "src/b/y.py:lib", "src/b/z.py:lib"}));
        QVERIFY(shortestPath(*g, node(*g, "src/b/z.py:lib"), node(*g, "src/app:bin")).empty());
    }

    void testPathsInCycle()
    {
        // Pants expands each (previous, current) edge once, so a path may run once around
        // a cycle but the walk ends.
        GraphBuilder b;
        b.target("p:a", "target").target("p:b", "target").target("p:c", "target");
        b.edge("p:a", "p:b").edge("p:b", "p:a").edge("p:a", "p:c");
        const auto g = b.build();
        QCOMPARE(renderPaths(*g, findPaths(*g, node(*g, "p:a"), node(*g, "p:c"))),
                 QStringLiteral("p:a > p:c | p:a > p:b > p:a > p:c"));
    }

    void testCycles_data()
    {
        QTest::addColumn<QStringList>("edges"); // "from>to"
        QTest::addColumn<QStringList>("expected"); // per cycle: "allowed|rejected: members / path"

        QTest::newRow("acyclic") << QStringList{"p/x.py:lib>p/y.py:lib"} << QStringList{};
        QTest::newRow("file targets: allowed")
            << QStringList{"p/x.py:lib>p/y.py:lib", "p/y.py:lib>p/x.py:lib"}
            << QStringList{"allowed: p/x.py:lib p/y.py:lib / p/x.py:lib p/y.py:lib p/x.py:lib"};
        QTest::newRow("BUILD targets: rejected")
            << QStringList{"p:a>p:b", "p:b>p:a"} << QStringList{"rejected: p:a p:b / p:a p:b p:a"};
        QTest::newRow("file target on the only cycle: allowed")
            << QStringList{"p:a>p:b", "p:b>p/x.py:lib", "p/x.py:lib>p:a"}
            << QStringList{"allowed: p:a p:b p/x.py:lib / p:a p:b p/x.py:lib p:a"};
        QTest::newRow("component with a BUILD-only cycle inside: rejected")
            << QStringList{"p:a>p:b", "p:b>p:a", "p:b>p/x.py:lib", "p/x.py:lib>p:a"}
            << QStringList{"rejected: p:a p:b p/x.py:lib / p:a p:b p:a"};
        QTest::newRow("two components")
            << QStringList{"p:a>p:b", "p:b>p:a", "p/x.py:lib>p/y.py:lib", "p/y.py:lib>p/x.py:lib", "p:b>p/x.py:lib"}
            << QStringList{"rejected: p:a p:b / p:a p:b p:a",
                           "allowed: p/x.py:lib p/y.py:lib / p/x.py:lib p/y.py:lib p/x.py:lib"};
    }

    void testCycles()
    {
        QFETCH(QStringList, edges);
        QFETCH(QStringList, expected);
        GraphBuilder b;
        for (const char *t : {"p:a", "p:b"})
            b.target(t, "target");
        for (const char *t : {"p/x.py:lib", "p/y.py:lib"})
            b.target(t);
        for (const QString &e : edges)
            b.edge(e.section('>', 0, 0).toStdString(), e.section('>', 1).toStdString());
        const auto g = b.build();
        QStringList actual;
        for (const Cycle &c : findCycles(*g)) {
            actual << QString(c.allowed ? "allowed: " : "rejected: ") + render(*g, c.members).join(' ') + " / "
                          + render(*g, c.path).join(' ');
        }
        QCOMPARE(actual, expected);
    }

    void testFormatCycle()
    {
        GraphBuilder b;
        b.target("p:a", "target").target("p:b", "target").edge("p:a", "p:b").edge("p:b", "p:a");
        const auto g = b.build();
        const std::vector<Cycle> cycles = findCycles(*g);
        QCOMPARE(int(cycles.size()), 1);
        const QString text = QString::fromStdString(formatCycle(*g, cycles.front()));
        QCOMPARE(text.section('\n', 0, 4), QStringLiteral("The dependency graph contained a cycle:\n"
                                                          "-> p:a\n"
                                                          "   p:b\n"
                                                          "-> p:a\n"));
    }

    void testLongCycleDoesNotOverflow()
    {
        // A ring of 100000 BUILD-level targets: Tarjan must be iterative.
        GraphBuilder b;
        const int n = 100000;
        for (int i = 0; i < n; ++i)
            b.target("ring:t" + std::to_string(i), "target");
        for (int i = 0; i < n; ++i)
            b.edge("ring:t" + std::to_string(i), "ring:t" + std::to_string((i + 1) % n));
        const auto g = b.build();
        const std::vector<Cycle> cycles = findCycles(*g);
        QCOMPARE(int(cycles.size()), 1);
        QVERIFY(!cycles.front().allowed);
        QCOMPARE(int(cycles.front().members.size()), n);
        QCOMPARE(int(cycles.front().path.size()), n + 1);
        QCOMPARE(int(transitiveDependencies(*g, nodes(*g, {"ring:t0"})).size()), n);
    }

    void testSubgraph_data()
    {
        QTest::addColumn<QString>("focus");
        QTest::addColumn<int>("hops");
        QTest::addColumn<int>("direction");
        QTest::addColumn<int>("maxNodes");
        QTest::addColumn<QString>("expected"); // nodes(distance) ; edges ; frontier ; capped

        QTest::newRow("dependencies, 1 hop")
            << "p:a" << 1 << int(Direction::Dependencies) << 100
            << "p:a(0) p:b(1) p:c(1) p:d(1); p:a>p:b p:a>p:c p:a>p:d p:b>p:d p:c>p:d; frontier p:d";
        QTest::newRow("both, 1 hop") << "p:b" << 1 << int(Direction::Both) << 100
                                     << "p:a(1) p:b(0) p:d(1); p:a>p:b p:a>p:d p:b>p:d; frontier p:a p:d";
        QTest::newRow("dependents, 2 hops") << "p:e" << 2 << int(Direction::Dependents) << 100
                                            << "p:a(2) p:b(2) p:c(2) p:d(1) p:e(0); "
                                               "p:a>p:b p:a>p:c p:a>p:d p:b>p:d p:c>p:d p:d>p:e; frontier";
        QTest::newRow("capped") << "p:a" << 3 << int(Direction::Dependencies) << 2
                                << "p:a(0) p:b(1); p:a>p:b; frontier p:a p:b capped";
        QTest::newRow("zero hops") << "p:d" << 0 << int(Direction::Both) << 100 << "p:d(0); ; frontier p:d";
    }

    void testSubgraph()
    {
        QFETCH(QString, focus);
        QFETCH(int, hops);
        QFETCH(int, direction);
        QFETCH(int, maxNodes);
        QFETCH(QString, expected);
        const auto g = diamond();
        SubgraphRequest request;
        request.focus = node(*g, focus);
        request.hops = hops;
        request.direction = Direction(direction);
        request.maxNodes = maxNodes;
        const Subgraph s = extractSubgraph(*g, request);
        QStringList nodeText, edgeText;
        for (size_t i = 0; i < s.nodes.size(); ++i)
            nodeText << QString::fromStdString(g->address(s.nodes[i]).toString()) + "(" + QString::number(s.distance[i]) + ")";
        for (const auto &[from, to] : s.edges)
            edgeText << QString::fromStdString(g->address(from).toString() + ">" + g->address(to).toString());
        QString text = nodeText.join(' ') + "; " + edgeText.join(' ') + "; frontier";
        for (NodeId f : s.frontier)
            text += " " + QString::fromStdString(g->address(f).toString());
        if (s.capped)
            text += " capped";
        QCOMPARE(text, expected);
    }
};

QTEST_GUILESS_MAIN(TraversalTest)
#include "traversal_test.moc"
