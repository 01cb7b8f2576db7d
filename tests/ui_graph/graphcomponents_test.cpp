// Tests for the component view of the Graph tab (packages, distributions) on a real
// repository written to disk (tests/graph/componentfixture.h): switching modes, opening a
// package by double-click, the breadcrumb, edge provenance and the colours of violation
// and cycle edges. Drives the real widgets offscreen.
#include "tests/graph/componentfixture.h"
#include "tests/graph/graphbuilder.h"
#include "ui/graph/graphpanel.h"
#include "ui/graph/graphview.h"

#include <QComboBox>
#include <QImage>
#include <QSpinBox>
#include <QLabel>
#include <QPainterPath>
#include <QSignalSpy>
#include <QTest>
#include <QTextBrowser>

using namespace trellis;
using namespace trellis::ui;

namespace {

bool waitForPicture(GraphPanel &panel)
{
    QSignalSpy spy(&panel, &GraphPanel::pictureChanged);
    return spy.wait(20000);
}

int boxOf(const GraphPanel &panel, const std::string &id)
{
    const VisualGraph &v = panel.scene()->visual();
    for (size_t i = 0; i < v.nodes.size(); ++i)
        if (v.nodes[i].componentId == id)
            return int(i);
    return -1;
}

int edgeOf(const GraphPanel &panel, const std::string &from, const std::string &to)
{
    const VisualGraph &v = panel.scene()->visual();
    for (size_t i = 0; i < v.edges.size(); ++i)
        if (v.nodes[size_t(v.edges[i].from)].componentId == from && v.nodes[size_t(v.edges[i].to)].componentId == to)
            return int(i);
    return -1;
}

/// A point halfway along a drawn arrow, in scene coordinates.
QPointF edgeMidpoint(const GraphPanel &panel, int edge)
{
    const auto &p = panel.scene()->layout().edges[size_t(edge)].points;
    QPainterPath path;
    path.moveTo(p[0]);
    for (size_t i = 1; i + 2 < p.size(); i += 3)
        path.cubicTo(p[i], p[i + 1], p[i + 2]);
    return path.pointAtPercent(0.5);
}

/// Scrolls a scene point into view and returns it in viewport coordinates.
QPoint showPoint(GraphPanel &panel, const QPointF &scenePos)
{
    panel.view()->centerOn(scenePos);
    return panel.view()->mapFromScene(scenePos);
}

/// A hub file with dependents in 45 directories of 1..45 files: more packages than the
/// panel draws.
std::shared_ptr<const graph::TargetGraph> hubGraph()
{
    graph::testing::GraphBuilder b;
    b.target("hub/h.py:lib");
    for (int d = 0; d < 45; ++d) {
        for (int f = 0; f <= d; ++f) {
            const std::string a = "d" + std::to_string(d) + "/f" + std::to_string(f) + ".py:lib";
            b.target(a);
            b.edge(a, "hub/h.py:lib");
        }
    }
    return b.build();
}

} // namespace

class GraphComponentsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_graph = graph::testing::loadRepo(m_dir, graph::testing::componentRepoFiles());
        QVERIFY(m_graph->nodeCount() > 5);
    }

    void testSmallWorkspaceStartsWithTargetsAndSwitchesToPackages()
    {
        GraphPanel panel;
        panel.resize(1200, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setGraph(m_graph);
        QVERIFY(waitForPicture(panel));
        // Below the threshold the file-level view stays.
        QCOMPARE(panel.mode(), GraphMode::Targets);
        QVERIFY(!panel.scene()->visual().components);

        // The mode combo, as a user picks it.
        auto *combo = panel.findChild<QComboBox *>(QStringLiteral("graphModeCombo"));
        QVERIFY(combo);
        const int packages = combo->findData(int(GraphMode::Packages));
        QVERIFY(packages >= 0);
        combo->setCurrentIndex(packages);
        Q_EMIT combo->activated(packages);
        QVERIFY(waitForPicture(panel));
        QVERIFY(panel.scene()->visual().components);
        auto *depth = panel.findChild<QSpinBox *>(QStringLiteral("graphPackageDepth"));
        QVERIFY(depth);
        QVERIFY(depth->isVisibleTo(&panel));
        depth->setValue(1);
        QVERIFY(waitForPicture(panel));
        QCOMPARE(panel.mode(), GraphMode::Packages);
        QVERIFY(panel.componentIndex());
        const VisualGraph &v = panel.scene()->visual();
        QVERIFY(v.components);
        // app, lib, tests:app and the requirements.
        QCOMPARE(v.nodes.size(), size_t(4));
        for (const char *id : {"pkg:src:app", "pkg:src:lib", "pkg:tests:app", "req://:reqs"})
            QVERIFY2(boxOf(panel, id) >= 0, id);
        const VisualNode &app = v.nodes[size_t(boxOf(panel, "pkg:src:app"))];
        QCOMPARE(app.label, QStringLiteral("app"));
        QCOMPARE(app.secondary, QStringLiteral("7 targets · 4 files"));
        QVERIFY(panel.statusText().contains(QStringLiteral("4 nodes")));
        // Readable at the initial zoom: never below 9 pt text.
        QVERIFY(panel.view()->zoom() * panel.scene()->style().primaryFont.pointSizeF() >= 8.99
                || panel.view()->zoom() >= 1.0);
    }

    void testDoubleClickOpensAndBreadcrumbCloses()
    {
        GraphPanel panel;
        panel.resize(1200, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setGraph(m_graph);
        panel.setMode(GraphMode::Packages, 1);
        QVERIFY(waitForPicture(panel));
        const int box = boxOf(panel, "pkg:src:app");
        QVERIFY(box >= 0);
        QVERIFY(panel.scene()->visual().nodes[size_t(box)].openable);
        const QPoint at = showPoint(panel, panel.scene()->boxRect(box).center());
        QTest::mouseDClick(panel.view()->viewport(), Qt::LeftButton, {}, at);
        QVERIFY(waitForPicture(panel));
        QCOMPARE(panel.componentRequest().opened, (std::vector<std::string>{"pkg:src:app"}));
        // Opened in place: its sub-packages are drawn, the neighbours stay.
        for (const char *id : {"pkg:src:app.cli", "pkg:src:app.core", "pkg:src:app.main", "pkg:src:lib"})
            QVERIFY2(boxOf(panel, id) >= 0, id);
        QCOMPARE(boxOf(panel, "pkg:src:app"), -1);
        QVERIFY(panel.breadcrumbText().contains(QStringLiteral("app")));
        auto *breadcrumb = panel.findChild<QLabel *>(QStringLiteral("graphBreadcrumb"));
        QVERIFY(breadcrumb);
        QVERIFY(breadcrumb->isVisible());
        Q_EMIT breadcrumb->linkActivated(QStringLiteral("*"));
        QVERIFY(waitForPicture(panel));
        QVERIFY(panel.componentRequest().opened.empty());
        QVERIFY(boxOf(panel, "pkg:src:app") >= 0);
        QVERIFY(!breadcrumb->isVisible());
    }

    void testEdgeClickShowsProvenanceAndViolationIsRed()
    {
        GraphPanel panel;
        panel.resize(1200, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setGraph(m_graph);
        panel.setMode(GraphMode::Packages, 1);
        QVERIFY(waitForPicture(panel));
        QVERIFY(panel.provenanceText().isEmpty());
        // lib -> app: three imports, all denied by src/lib's __dependencies_rules__.
        const int edge = edgeOf(panel, "pkg:src:lib", "pkg:src:app");
        QVERIFY(edge >= 0);
        const VisualEdge &e = panel.scene()->visual().edges[size_t(edge)];
        QCOMPARE(e.violations, 3);
        QVERIFY(e.inCycle);
        const QPointF mid = edgeMidpoint(panel, edge);
        const QPoint at = showPoint(panel, mid);
        QCOMPARE(panel.scene()->edgeAt(mid), edge);
        const int widthBefore = panel.window()->width();
        QTest::mouseClick(panel.view()->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(panel.scene()->selectedEdge(), edge);
        const QString text = panel.provenanceText();
        QVERIFY2(text.contains(QStringLiteral("src/lib/util.py")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("src/app/core/models.py")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("import app.core.models")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("deny")), qPrintable(text));
        // Never in the status label, and the window does not grow.
        QVERIFY(!panel.statusText().contains(QStringLiteral("util.py")));
        QCOMPARE(panel.window()->width(), widthBefore);

        // Drawn red (not the cycle orange, not the default grey).
        QTest::mouseClick(panel.view()->viewport(), Qt::LeftButton, {}, QPoint(2, 2)); // deselect
        QCOMPARE(panel.scene()->selectedEdge(), -1);
        QVERIFY(panel.provenanceText().isEmpty()); // a click on empty space closes the panel
        panel.view()->viewport()->repaint();
        const auto colourNear = [&](const QPointF &scenePos, auto predicate) {
            panel.view()->centerOn(scenePos);
            panel.view()->viewport()->repaint();
            const QImage image = panel.view()->viewport()->grab().toImage();
            const QPoint centre = panel.view()->mapFromScene(scenePos);
            for (int dx = -4; dx <= 4; ++dx)
                for (int dy = -4; dy <= 4; ++dy) {
                    const QPoint p = centre + QPoint(dx, dy);
                    if (image.rect().contains(p) && predicate(image.pixelColor(p)))
                        return true;
                }
            return false;
        };
        const auto isRed = [](const QColor &c) { return c.red() > 170 && c.green() < 90 && c.blue() < 90; };
        const auto isGrey = [](const QColor &c) {
            return c.lightness() < 170 && std::abs(c.red() - c.blue()) < 40 && std::abs(c.red() - c.green()) < 40;
        };
        QVERIFY(colourNear(mid, isRed));
        // A plain edge (app -> requirements) is grey, not red.
        const int plain = edgeOf(panel, "pkg:src:app", "req://:reqs");
        QVERIFY(plain >= 0);
        const QPointF plainMid = edgeMidpoint(panel, plain);
        QVERIFY(colourNear(plainMid, isGrey));
        QVERIFY(!colourNear(plainMid, isRed));

        // A cycle edge without violations is orange: app -> lib.
        const int back = edgeOf(panel, "pkg:src:app", "pkg:src:lib");
        QVERIFY(back >= 0);
        QVERIFY(panel.scene()->visual().edges[size_t(back)].inCycle);
        QCOMPARE(panel.scene()->visual().edges[size_t(back)].violations, 0);
        QVERIFY(panel.showFirstEdge(QStringLiteral("violation")));
        QVERIFY(panel.provenanceText().contains(QStringLiteral("deny")));
    }

    void testDistributionsMode()
    {
        GraphPanel panel;
        panel.resize(1000, 700);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setGraph(m_graph);
        panel.setMode(GraphMode::Distributions);
        QVERIFY(waitForPicture(panel));
        QVERIFY(panel.scene()->visual().components);
        // No python_distribution in the fixture: everything is "(none)".
        QCOMPARE(panel.scene()->visual().nodes.size(), size_t(1));
        panel.setMode(GraphMode::Targets);
        QVERIFY(waitForPicture(panel));
        QVERIFY(!panel.scene()->visual().components);
    }

    void testAggregateDoubleClickExpands()
    {
        GraphPanel panel;
        panel.resize(1400, 900);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setGraph(hubGraph());
        panel.setMode(GraphMode::Packages, 1);
        QVERIFY(waitForPicture(panel));
        const VisualGraph &v = panel.scene()->visual();
        QCOMPARE(int(v.nodes.size()), GraphPanel::kComponentBudget);
        int aggregate = -1;
        for (size_t i = 0; i < v.nodes.size(); ++i)
            if (v.nodes[i].aggregate)
                aggregate = int(i);
        QVERIFY(aggregate >= 0);
        QVERIFY(v.nodes[size_t(aggregate)].label.contains(QStringLiteral("more packages")));
        const std::string id = v.nodes[size_t(aggregate)].componentId;
        const QPoint at = showPoint(panel, panel.scene()->boxRect(aggregate).center());
        QTest::mouseDClick(panel.view()->viewport(), Qt::LeftButton, {}, at);
        QVERIFY(waitForPicture(panel));
        QCOMPARE(panel.componentRequest().expanded.count(id), size_t(1));
        // All 46 packages fit in two budgets: nothing is summarized any more.
        QCOMPARE(int(panel.scene()->visual().nodes.size()), 46);
        for (const VisualNode &n : panel.scene()->visual().nodes)
            QVERIFY(!n.aggregate);
    }

private:
    QTemporaryDir m_dir;
    std::shared_ptr<const graph::TargetGraph> m_graph;
};

QTEST_MAIN(GraphComponentsTest)
#include "graphcomponents_test.moc"
