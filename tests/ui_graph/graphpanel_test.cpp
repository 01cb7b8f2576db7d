// Tests for the Graph tab: the asynchronous layout, clicking and double-clicking boxes,
// path mode, the "grouped because" status line, overlays and every export format.
#include "ui/graph/graphpanel.h"
#include "ui/graph/graphview.h"
#include "tests/graph/graphbuilder.h"

#include <QAction>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QSignalSpy>
#include <QStringListModel>
#include <QTemporaryDir>
#include <QTest>

#include <graphviz/cgraph.h>

using namespace trellis;
using namespace trellis::ui;
using graph::testing::GraphBuilder;
using graph::testing::node;

namespace {

/// app:bin -> lib/a.py -> lib/b.py -> util:u, app:bin -> util:u, tests/t.py -> lib/a.py.
std::shared_ptr<const graph::TargetGraph> smallGraph()
{
    GraphBuilder b;
    b.target("src/app:bin", "pex_binary");
    b.generator("src/lib:lib", {"src/lib/a.py:lib", "src/lib/b.py:lib"});
    b.target("src/util:u", "python_source");
    b.generator("tests:tests", {"tests/t.py:tests"}, "python_tests", "python_test");
    b.edge("src/app:bin", "src/lib/a.py:lib", graph::EdgeKind::Explicit, {}, {"src/app/BUILD", 3, 1});
    b.edge("src/lib/a.py:lib", "src/lib/b.py:lib", graph::EdgeKind::Inferred, {{"src/lib/a.py", 2, "lib.b", false}});
    b.edge("src/lib/b.py:lib", "src/util:u");
    b.edge("src/app:bin", "src/util:u");
    b.edge("tests/t.py:tests", "src/lib/a.py:lib");
    return b.build();
}

/// 40 directories of 6 targets each, chained.
std::shared_ptr<const graph::TargetGraph> bigGraph()
{
    GraphBuilder b;
    std::string previous;
    for (int d = 0; d < 40; ++d) {
        for (int t = 0; t < 6; ++t) {
            const std::string address = "pkg/d" + std::to_string(d) + ":t" + std::to_string(t);
            b.target(address, "python_source");
            if (!previous.empty())
                b.edge(address, previous);
            previous = address;
        }
    }
    return b.build();
}

bool waitForPicture(GraphPanel &panel)
{
    QSignalSpy spy(&panel, &GraphPanel::pictureChanged);
    return spy.wait(20000);
}

} // namespace

class GraphPanelTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testWholeGraphAndClick()
    {
        GraphPanel panel;
        panel.resize(1000, 700);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const auto g = smallGraph();
        panel.setGraph(g);
        QVERIFY(waitForPicture(panel));
        // Generators are drawn through their generated targets.
        QCOMPARE(panel.scene()->visual().nodes.size(), size_t(5));
        QVERIFY(panel.statusText().contains(QStringLiteral("5 nodes, 5 edges")));

        const int b = node(*g, QStringLiteral("src/lib/b.py:lib"));
        const int box = panel.scene()->visual().nodeOfTarget(b);
        QVERIFY(box >= 0);
        const QPoint pos = panel.view()->mapFromScene(panel.scene()->boxRect(box).center());
        QSignalSpy selected(&panel, &GraphPanel::targetSelected);
        QTest::mouseClick(panel.view()->viewport(), Qt::LeftButton, {}, pos);
        QCOMPARE(selected.count(), 1);
        QCOMPARE(selected.at(0).at(0).toInt(), b);
        QCOMPARE(panel.scene()->selectedBox(), box);

        // Double-click refocuses the picture on the target.
        QTest::mouseDClick(panel.view()->viewport(), Qt::LeftButton, {}, pos);
        QVERIFY(waitForPicture(panel));
        QCOMPARE(panel.focusNode(), b);
        const int focusBox = panel.scene()->visual().nodeOfTarget(b);
        QVERIFY(panel.scene()->visual().nodes[size_t(focusBox)].focus);
    }

    void testSameTargetsKeepTypesAndCompletions()
    {
        GraphPanel panel;
        panel.resize(1000, 700);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setGraph(smallGraph());
        QVERIFY(waitForPicture(panel));
        auto *completions = panel.findChild<QStringListModel *>();
        QVERIFY(completions);
        QCOMPARE(completions->rowCount(), 7);
        const auto typeActions = [&panel] {
            QStringList types;
            for (QAction *a : panel.findChildren<QAction *>())
                if (a->isCheckable() && a->text().contains(QLatin1Char('_')))
                    types << a->text();
            types.sort();
            return types;
        };
        QVERIFY(typeActions().contains(QStringLiteral("pex_binary")));

        // A new graph over the same targets (a live update that changed edges): the type
        // menu and the address completions are left as they are.
        QSignalSpy reset(completions, &QAbstractItemModel::modelReset);
        const QStringList typesBefore = typeActions();
        panel.setGraph(smallGraph());
        QVERIFY(waitForPicture(panel));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(typeActions(), typesBefore);

        // Other targets: both are rebuilt.
        panel.setGraph(bigGraph());
        QCOMPARE(reset.count(), 1);
        QCOMPARE(completions->rowCount(), 240);
        QVERIFY(!typeActions().contains(QStringLiteral("pex_binary")));
        QVERIFY(waitForPicture(panel));
    }

    void testFocusDirection()
    {
        GraphPanel panel;
        const auto g = smallGraph();
        panel.setGraph(g);
        QVERIFY(waitForPicture(panel));
        GraphQuery q = panel.query();
        q.focus = node(*g, QStringLiteral("src/lib/a.py:lib"));
        q.hops = 1;
        q.direction = graph::Direction::Dependencies;
        panel.setQuery(q);
        QVERIFY(waitForPicture(panel));
        QCOMPARE(panel.scene()->visual().nodes.size(), size_t(2)); // a.py, b.py
        q.direction = graph::Direction::Dependents;
        panel.setQuery(q);
        QVERIFY(waitForPicture(panel));
        // a.py, app:bin, t.py and the generator src/lib:lib (which depends on what it generates).
        QCOMPARE(panel.scene()->visual().nodes.size(), size_t(4));
    }

    void testSupersededLayoutIsDropped()
    {
        GraphPanel panel;
        const auto g = smallGraph();
        panel.setGraph(g);
        panel.setFocus(node(*g, QStringLiteral("src/app:bin")));
        panel.setFocus(node(*g, QStringLiteral("src/util:u")));
        QVERIFY(waitForPicture(panel));
        QTRY_VERIFY(!panel.isLayoutRunning());
        const int box = panel.scene()->visual().nodeOfTarget(node(*g, QStringLiteral("src/util:u")));
        QVERIFY(box >= 0);
        QVERIFY(panel.scene()->visual().nodes[size_t(box)].focus);
    }

    void testPathMode()
    {
        GraphPanel panel;
        const auto g = smallGraph();
        panel.setGraph(g);
        QVERIFY(waitForPicture(panel));
        panel.showPaths(node(*g, QStringLiteral("src/app:bin")), node(*g, QStringLiteral("src/util:u")));
        QVERIFY(waitForPicture(panel));
        const VisualGraph &v = panel.scene()->visual();
        QVERIFY(v.pathMode);
        QCOMPARE(v.pathCount, 2);
        QCOMPARE(v.nodes.size(), size_t(4)); // bin, a.py, b.py, u
        // "%n path(s)": the English plural comes from trellis_en.ts, not loaded here.
        QVERIFY2(panel.statusText().startsWith(QStringLiteral("2 path")), qPrintable(panel.statusText()));
        QVERIFY(panel.statusText().contains(QStringLiteral(" from src/app:bin to src/util:u")));

        panel.showPaths(node(*g, QStringLiteral("src/util:u")), node(*g, QStringLiteral("src/app:bin")));
        QVERIFY(waitForPicture(panel));
        QVERIFY(panel.statusText().contains(QStringLiteral("No dependency path from src/util:u to src/app:bin")));
    }

    void testGroupedStatus()
    {
        GraphPanel panel;
        const auto g = bigGraph();
        GraphQuery q;
        q.maxNodes = 100;
        panel.setQuery(q);
        panel.setGraph(g);
        QVERIFY(waitForPicture(panel));
        const VisualGraph &v = panel.scene()->visual();
        QCOMPARE(v.grouping, Grouping::ByDirectory);
        QCOMPARE(v.nodes.size(), size_t(40));
        QVERIFY2(panel.statusText().contains(QStringLiteral("40 nodes, 39 edges, grouped by directory because the selection has 240 targets")),
                 qPrintable(panel.statusText()));
    }

    void testOverlays()
    {
        GraphPanel panel;
        const auto g = smallGraph();
        panel.setGraph(g);
        QVERIFY(waitForPicture(panel));
        const int a = node(*g, QStringLiteral("src/lib/a.py:lib"));
        const int t = node(*g, QStringLiteral("tests/t.py:tests"));
        const int u = node(*g, QStringLiteral("src/util:u"));
        panel.setChangedTargets({a});
        panel.setAffectedTargets({a, t});
        panel.setTestResults({{t, TestOutcome::Failed}});
        const VisualGraph &v = panel.scene()->visual();
        QVERIFY(panel.scene()->isChanged(v.nodeOfTarget(a)));
        QVERIFY(panel.scene()->isAffected(v.nodeOfTarget(t)));
        QVERIFY(!panel.scene()->isAffected(v.nodeOfTarget(u)));
        QCOMPARE(panel.scene()->testState(v.nodeOfTarget(t)), -1);
        QCOMPARE(panel.scene()->testState(v.nodeOfTarget(u)), 0);
        const std::vector<int> matches = panel.scene()->setSearchText(QStringLiteral("LIB/"));
        QCOMPARE(matches.size(), size_t(2));
        // Tooltips carry the evidence of the edge.
        for (size_t i = 0; i < v.edges.size(); ++i) {
            if (v.edges[i].from == v.nodeOfTarget(a))
                QVERIFY(panel.scene()->edgeToolTip(int(i)).contains(QStringLiteral("src/lib/a.py:2: import lib.b")));
            if (v.edges[i].to == v.nodeOfTarget(a) && v.nodes[size_t(v.edges[i].from)].label == QLatin1String("app:bin"))
                QVERIFY(panel.scene()->edgeToolTip(int(i)).contains(QStringLiteral("src/app/BUILD:3")));
        }
    }

    void testExports()
    {
        GraphPanel panel;
        const auto g = smallGraph();
        panel.setGraph(g);
        QVERIFY(waitForPicture(panel));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QRectF sceneRect = panel.scene()->sceneRect();

        const QString png = dir.filePath(QStringLiteral("g.png"));
        QVERIFY(panel.exportPng(png, 2.0));
        const QImage image(png);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), (sceneRect.size() * 2.0).toSize());

        const QString svg = dir.filePath(QStringLiteral("g.svg"));
        QVERIFY(panel.exportSvg(svg));
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QByteArray svgData = svgFile.readAll();
        QVERIFY(svgData.contains("<svg"));
        QVERIFY(svgData.contains(QStringLiteral("viewBox=\"0 0 %1 %2\"").arg(sceneRect.width()).arg(sceneRect.height()).toUtf8()));
        QVERIFY(svgData.contains("util"));

        const QString dot = dir.filePath(QStringLiteral("g.dot"));
        QVERIFY(panel.exportDot(dot));
        QFile dotFile(dot);
        QVERIFY(dotFile.open(QIODevice::ReadOnly));
        const QByteArray dotData = dotFile.readAll();
        Agraph_t *parsed = agmemread(dotData.constData());
        QVERIFY(parsed);
        QCOMPARE(agnnodes(parsed), int(panel.scene()->visual().nodes.size()));
        QCOMPARE(agnedges(parsed), int(panel.scene()->visual().edges.size()));
        agclose(parsed);
        QVERIFY2(dotData.contains("label=\"src/lib/a.py\""), dotData.constData());

        const QString json = dir.filePath(QStringLiteral("g.json"));
        QVERIFY(panel.exportJson(json));
        QFile jsonFile(json);
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(jsonFile.readAll()).object();
        QCOMPARE(root.value(QStringLiteral("nodes")).toArray().size(), 5);
        QCOMPARE(root.value(QStringLiteral("edges")).toArray().size(), 5);
        const QJsonObject first = root.value(QStringLiteral("nodes")).toArray().at(0).toObject();
        QVERIFY(first.contains(QStringLiteral("x")) && first.contains(QStringLiteral("address")));
    }
};

QTEST_MAIN(GraphPanelTest)
#include "graphpanel_test.moc"
