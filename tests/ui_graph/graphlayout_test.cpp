// Tests for the Graphviz adapter: rank order along the layout direction, no overlapping
// boxes, arrows that start and end at their boxes, cluster frames, cancellation, DOT
// output that cgraph reads back, and concurrent calls.
#include "ui/graph/graphlayout.h"

#include <QObject>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

#include <graphviz/cgraph.h>

#include <cmath>

using namespace trellis;
using namespace trellis::ui;

namespace {

LayoutInputNode box(const QString &label, double width, double height, int cluster = -1)
{
    LayoutInputNode n;
    n.label = label;
    n.width = width;
    n.height = height;
    n.cluster = cluster;
    return n;
}

LayoutInputEdge arrow(int from, int to)
{
    LayoutInputEdge e;
    e.from = from;
    e.to = to;
    return e;
}

LayoutInput chain(LayoutDirection direction)
{
    LayoutInput in;
    in.direction = direction;
    in.nodes = {box(QStringLiteral("a"), 60, 24), box(QStringLiteral("b"), 80, 24), box(QStringLiteral("c"), 50, 30)};
    in.edges = {arrow(0, 1), arrow(1, 2)};
    return in;
}

/// A deterministic DAG-ish graph: node i depends on a few lower-numbered nodes.
LayoutInput mesh(int nodes, int edgesPerNode, int clusters = 0)
{
    LayoutInput in;
    for (int i = 0; i < clusters; ++i)
        in.clusters.push_back(QStringLiteral("dir%1/").arg(i));
    for (int i = 0; i < nodes; ++i) {
        in.nodes.push_back(box(QStringLiteral("node \"%1\"").arg(i), 40.0 + (i * 7) % 50, 24, clusters > 0 ? i % clusters : -1));
    }
    unsigned seed = 12345;
    for (int i = 1; i < nodes; ++i) {
        for (int k = 0; k < edgesPerNode; ++k) {
            seed = seed * 1103515245u + 12345u;
            const int to = int((seed >> 8) % unsigned(i));
            in.edges.push_back(arrow(i, to));
        }
    }
    return in;
}

double distanceToRect(const QPointF &p, const QRectF &r)
{
    const double dx = std::max({r.left() - p.x(), 0.0, p.x() - r.right()});
    const double dy = std::max({r.top() - p.y(), 0.0, p.y() - r.bottom()});
    return std::hypot(dx, dy);
}

} // namespace

class GraphLayoutTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testChainRankOrder_data()
    {
        QTest::addColumn<bool>("leftToRight");
        QTest::newRow("LR") << true;
        QTest::newRow("TB") << false;
    }

    void testChainRankOrder()
    {
        QFETCH(bool, leftToRight);
        const LayoutInput in = chain(leftToRight ? LayoutDirection::LeftToRight : LayoutDirection::TopToBottom);
        const GraphLayoutResult out = layoutGraph(in);
        QVERIFY2(out.error.isEmpty(), qPrintable(out.error));
        QCOMPARE(out.nodes.size(), size_t(3));
        const auto along = [&](int i) { return leftToRight ? out.nodes[size_t(i)].rect.center().x() : out.nodes[size_t(i)].rect.center().y(); };
        QVERIFY(along(0) < along(1));
        QVERIFY(along(1) < along(2));
        // Sizes come back as given (fixedsize boxes).
        QCOMPARE(qRound(out.nodes[1].rect.width()), 80);
        QCOMPARE(qRound(out.nodes[2].rect.height()), 30);
        // Everything inside the bounding box, which starts at the origin.
        for (const LayoutNode &n : out.nodes)
            QVERIFY(out.boundingRect.adjusted(-1, -1, 1, 1).contains(n.rect));
    }

    void testNoOverlapAndEndpoints_data()
    {
        QTest::addColumn<int>("nodes");
        QTest::addColumn<int>("edgesPerNode");
        QTest::addColumn<int>("clusters");
        QTest::newRow("sparse") << 20 << 1 << 0;
        QTest::newRow("dense") << 40 << 3 << 0;
        QTest::newRow("clustered") << 30 << 2 << 4;
    }

    void testNoOverlapAndEndpoints()
    {
        QFETCH(int, nodes);
        QFETCH(int, edgesPerNode);
        QFETCH(int, clusters);
        const LayoutInput in = mesh(nodes, edgesPerNode, clusters);
        const GraphLayoutResult out = layoutGraph(in);
        QVERIFY2(out.error.isEmpty(), qPrintable(out.error));
        QCOMPARE(out.nodes.size(), in.nodes.size());
        QCOMPARE(out.edges.size(), in.edges.size());
        for (size_t i = 0; i < out.nodes.size(); ++i) {
            for (size_t j = i + 1; j < out.nodes.size(); ++j)
                QVERIFY2(!out.nodes[i].rect.intersects(out.nodes[j].rect), qPrintable(QStringLiteral("%1 overlaps %2").arg(i).arg(j)));
        }
        for (const LayoutEdge &e : out.edges) {
            QVERIFY(e.points.size() >= 4);
            QCOMPARE((e.points.size() - 1) % 3, size_t(0));
            QVERIFY(e.hasArrow);
            QVERIFY(distanceToRect(e.points.front(), out.nodes[size_t(e.from)].rect) < 3);
            QVERIFY(distanceToRect(e.arrowTip, out.nodes[size_t(e.to)].rect) < 3);
        }
        QCOMPARE(out.clusters.size(), in.clusters.size());
        for (size_t i = 0; i < in.nodes.size(); ++i) {
            if (in.nodes[i].cluster >= 0)
                QVERIFY(out.clusters[size_t(in.nodes[i].cluster)].rect.contains(out.nodes[i].rect));
        }
    }

    void testCancelled()
    {
        base::CancelToken token;
        token.cancel();
        const GraphLayoutResult out = layoutGraph(chain(LayoutDirection::LeftToRight), token);
        QVERIFY(out.cancelled);
        QVERIFY(out.nodes.empty());
    }

    void testDotParsesBack()
    {
        const LayoutInput in = mesh(25, 2, 3);
        const std::string dot = layoutInputToDot(in, QStringLiteral("my graph"));
        QVERIFY(dot.find("digraph") != std::string::npos);
        Agraph_t *g = agmemread(dot.c_str());
        QVERIFY(g);
        QCOMPARE(agnnodes(g), int(in.nodes.size()));
        QCOMPARE(agnedges(g), int(in.edges.size()));
        Agnode_t *n3 = agnode(g, const_cast<char *>("n3"), 0);
        QVERIFY(n3);
        QCOMPARE(QString::fromUtf8(agget(n3, const_cast<char *>("label"))), QStringLiteral("node \"3\""));
        agclose(g);
    }

    void testConcurrentCalls()
    {
        QList<QFuture<GraphLayoutResult>> futures;
        for (int i = 0; i < 4; ++i)
            futures << QtConcurrent::run([i] { return layoutGraph(mesh(30 + i, 2)); });
        for (int i = 0; i < futures.size(); ++i) {
            const GraphLayoutResult out = futures[i].result();
            QVERIFY(out.error.isEmpty());
            QCOMPARE(int(out.nodes.size()), 30 + i);
        }
    }
};

QTEST_GUILESS_MAIN(GraphLayoutTest)
#include "graphlayout_test.moc"
