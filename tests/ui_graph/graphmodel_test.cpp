// Tests for the picture model: folding to respect the node bound (by BUILD target, by
// directory, by parent directory), the focus staying a single box, filters, path mode
// and cycle marking.
#include "ui/graph/graphmodel.h"
#include "tests/graph/graphbuilder.h"

#include <QObject>
#include <QTest>

using namespace trellis;
using namespace trellis::ui;
using graph::testing::GraphBuilder;
using graph::testing::node;

namespace {

/// `dirs` top directories, each with `subdirs` sub-directories holding one generator of
/// `files` files; every file imports the first file of the next sub-directory.
std::shared_ptr<const graph::TargetGraph> tree(int dirs, int subdirs, int files)
{
    GraphBuilder b;
    std::vector<std::string> firsts;
    std::vector<std::vector<std::string>> all;
    for (int d = 0; d < dirs; ++d) {
        for (int s = 0; s < subdirs; ++s) {
            const std::string dir = "src/d" + std::to_string(d) + "/s" + std::to_string(s);
            std::vector<std::string> generated;
            for (int f = 0; f < files; ++f)
                generated.push_back(dir + "/f" + std::to_string(f) + ".py:lib");
            b.generator(dir + ":lib", generated);
            firsts.push_back(generated.front());
            all.push_back(generated);
        }
    }
    for (size_t i = 0; i + 1 < all.size(); ++i) {
        for (const std::string &file : all[i])
            b.edge(file, firsts[i + 1]);
    }
    return b.build();
}

/// a -> b -> d, a -> c -> d, a -> d, d -> e, e -> d (a cycle), plus a test of a.
std::shared_ptr<const graph::TargetGraph> diamond()
{
    GraphBuilder b;
    for (const char *t : {"p:a", "p:b", "p:c", "p:d", "p:e"})
        b.target(t, "python_source");
    b.target("p:t", "python_test");
    b.target("3rdparty:reqs#six", "python_requirement");
    b.edge("p:a", "p:b").edge("p:a", "p:c").edge("p:a", "p:d").edge("p:b", "p:d").edge("p:c", "p:d");
    b.edge("p:d", "p:e").edge("p:e", "p:d").edge("p:t", "p:a").edge("p:b", "3rdparty:reqs#six");
    return b.build();
}

} // namespace

class GraphModelTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testGrouping_data()
    {
        QTest::addColumn<int>("maxNodes");
        QTest::addColumn<int>("grouping");
        QTest::addColumn<int>("boxes");
        // 3 x 4 sub-directories x 5 files = 60 file targets (generators are not drawn).
        QTest::newRow("fits") << 60 << int(Grouping::None) << 60;
        QTest::newRow("by BUILD target") << 20 << int(Grouping::ByBuildTarget) << 12;
        QTest::newRow("exactly at the bound") << 12 << int(Grouping::ByBuildTarget) << 12;
        QTest::newRow("by parent directory") << 10 << int(Grouping::ByParentDirectory) << 3;
        QTest::newRow("root only") << 2 << int(Grouping::ByParentDirectory) << 1;
    }

    void testGrouping()
    {
        QFETCH(int, maxNodes);
        QFETCH(int, grouping);
        QFETCH(int, boxes);
        const auto g = tree(3, 4, 5);
        GraphQuery q;
        q.maxNodes = maxNodes;
        const VisualGraph v = buildVisualGraph(*g, q);
        QCOMPARE(v.selectedTargets, 60);
        QCOMPARE(int(v.grouping), grouping);
        QCOMPARE(int(v.nodes.size()), boxes);
        QVERIFY(int(v.nodes.size()) <= std::max(maxNodes, 1));
        int members = 0;
        for (const VisualNode &n : v.nodes)
            members += int(n.members.size());
        QCOMPARE(members, 60);
        for (const VisualEdge &e : v.edges) {
            QVERIFY(e.from != e.to);
            QVERIFY(e.count >= 1);
        }
    }

    void testExpandGroupInPlace()
    {
        // 12 BUILD-target groups of 5 files; expanding one shows its 5 files, the other
        // 11 groups stay folded.
        const auto g = tree(3, 4, 5);
        GraphQuery q;
        q.maxNodes = 20;
        const VisualGraph folded = buildVisualGraph(*g, q);
        QCOMPARE(int(folded.nodes.size()), 12);
        const VisualNode &group = folded.nodes.front();
        QVERIFY(group.isGroup());
        QVERIFY(!group.groupKey.empty());
        q.expandedGroups.insert(group.groupKey);
        const VisualGraph expanded = buildVisualGraph(*g, q);
        QCOMPARE(int(expanded.nodes.size()), 11 + 5);
        for (graph::NodeId member : group.members) {
            const int box = expanded.nodeOfTarget(member);
            QVERIFY(box >= 0);
            QVERIFY(!expanded.nodes[size_t(box)].isGroup());
        }
    }

    void testFocusStaysSingle()
    {
        const auto g = tree(3, 4, 5);
        GraphQuery q;
        q.focus = node(*g, QStringLiteral("src/d1/s2/f3.py:lib"));
        q.hops = 5;
        q.direction = graph::Direction::Both;
        q.maxNodes = 4;
        const VisualGraph v = buildVisualGraph(*g, q);
        QVERIFY(v.grouping != Grouping::None);
        const int box = v.nodeOfTarget(q.focus);
        QVERIFY(box >= 0);
        QVERIFY(v.nodes[size_t(box)].focus);
        QCOMPARE(v.nodes[size_t(box)].label, QStringLiteral("f3.py"));
        QVERIFY(int(v.nodes.size()) <= 4);
    }

    void testFilters()
    {
        const auto g = diamond();
        GraphQuery q;
        const VisualGraph all = buildVisualGraph(*g, q);
        QCOMPARE(all.nodes.size(), size_t(7));
        q.showTests = false;
        q.showRequirements = false;
        const VisualGraph some = buildVisualGraph(*g, q);
        QCOMPARE(some.nodes.size(), size_t(5));
        q.hiddenTypes = {"python_source"};
        q.focus = node(*g, QStringLiteral("p:a"));
        const VisualGraph focusOnly = buildVisualGraph(*g, q);
        QCOMPARE(focusOnly.nodes.size(), size_t(1)); // the focus always stays
    }

    void testPathMode()
    {
        const auto g = diamond();
        GraphQuery q;
        q.pathFrom = node(*g, QStringLiteral("p:a"));
        q.pathTo = node(*g, QStringLiteral("p:e"));
        const VisualGraph v = buildVisualGraph(*g, q);
        QVERIFY(v.pathMode);
        QCOMPARE(v.pathCount, 3);
        QCOMPARE(v.nodes.size(), size_t(5)); // a b c d e
        for (const VisualEdge &e : v.edges)
            QVERIFY(e.onPath);
        QCOMPARE(v.edges.size(), size_t(6)); // a-b a-c a-d b-d c-d d-e

        q.pathFrom = node(*g, QStringLiteral("p:e"));
        q.pathTo = node(*g, QStringLiteral("p:a"));
        const VisualGraph none = buildVisualGraph(*g, q);
        QCOMPARE(none.pathCount, 0);
        QCOMPARE(none.nodes.size(), size_t(2));
    }

    void testCycles()
    {
        const auto g = diamond();
        const VisualGraph v = buildVisualGraph(*g, GraphQuery());
        int cycleEdges = 0;
        for (const VisualEdge &e : v.edges)
            cycleEdges += e.inCycle;
        QCOMPARE(cycleEdges, 2); // d -> e and e -> d
        QVERIFY(v.nodes[size_t(v.nodeOfTarget(node(*g, QStringLiteral("p:d"))))].inCycle);
        QVERIFY(!v.nodes[size_t(v.nodeOfTarget(node(*g, QStringLiteral("p:a"))))].inCycle);
    }

    void testLayoutInputSizes()
    {
        const auto g = diamond();
        const VisualGraph v = buildVisualGraph(*g, GraphQuery());
        BoxMetrics m;
        m.primary.advance.fill(6);
        m.secondary.advance.fill(5);
        const LayoutInput plain = toLayoutInput(v, m, LayoutDirection::TopToBottom, false);
        QCOMPARE(plain.nodes.size(), v.nodes.size());
        QCOMPARE(plain.edges.size(), v.edges.size());
        QVERIFY(plain.clusters.empty());
        const LayoutInput clustered = toLayoutInput(v, m, LayoutDirection::TopToBottom, true);
        QCOMPARE(clustered.clusters.size(), size_t(2)); // p/ and 3rdparty/
        QVERIFY(clustered.nodes[0].height < plain.nodes[0].height); // no directory line
    }
};

QTEST_GUILESS_MAIN(GraphModelTest)
#include "graphmodel_test.moc"
