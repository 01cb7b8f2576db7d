// Tests for finding one's way in the Graph tab (issue 21): search pans and zooms to each
// match in turn (also to a match inside a collapsed package), right-click menus on boxes
// and arrows, "why does A depend on B", clickable import lines in the details panel, the
// overview map, the layout state remembered per workspace with Reset Layout, and every
// control reachable in a 1024x700 window. Drives the real widgets offscreen.
#include "tests/graph/componentfixture.h"
#include "tests/graph/graphbuilder.h"
#include "tests/ui/uitestsupport.h"
#include "ui/graph/graphoverview.h"
#include "ui/graph/graphpanel.h"
#include "ui/graph/graphview.h"
#include "ui/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QTextBrowser>
#include <QToolBar>
#include <QToolButton>

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
        if (v.nodes[i].componentId == id || v.nodes[i].title == QString::fromStdString(id))
            return int(i);
    return -1;
}

int edgeOf(const GraphPanel &panel, int from, int to)
{
    const VisualGraph &v = panel.scene()->visual();
    for (size_t i = 0; i < v.edges.size(); ++i)
        if (v.edges[i].from == from && v.edges[i].to == to)
            return int(i);
    return -1;
}

QRectF visibleRect(const GraphPanel &panel)
{
    const GraphView *view = panel.view();
    return view->mapToScene(view->viewport()->rect()).boundingRect();
}

QAction *actionNamed(QMenu *menu, const QString &name)
{
    for (QAction *a : menu->actions())
        if (a->objectName() == name)
            return a;
    return nullptr;
}

/// 60 directories of 5 chained targets: a picture larger than a small window at 100%.
std::shared_ptr<const graph::TargetGraph> chainGraph()
{
    graph::testing::GraphBuilder b;
    std::string previous;
    for (int d = 0; d < 60; ++d) {
        for (int t = 0; t < 5; ++t) {
            const std::string address = "pkg/d" + std::to_string(d) + ":t" + std::to_string(t);
            b.target(address, "python_source");
            if (!previous.empty())
                b.edge(address, previous, graph::EdgeKind::Inferred,
                       {{"pkg/d" + std::to_string(d) + "/m.py", t + 3, "pkg.mod", false}});
            previous = address;
        }
    }
    return b.build();
}

} // namespace

class GraphNavigationTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        ui::testing::isolateUserDirectories(m_home.path());
        QCoreApplication::setOrganizationName(QStringLiteral("TrellisTest"));
        QCoreApplication::setApplicationName(QStringLiteral("graphnavigation"));
        QVERIFY(m_dir.isValid());
        m_graph = graph::testing::loadRepo(m_dir, graph::testing::componentRepoFiles());
    }

    void testSearchPansZoomsAndCycles()
    {
        GraphPanel panel;
        panel.resize(700, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setGraph(chainGraph());
        QVERIFY(waitForPicture(panel));
        panel.view()->zoomBy(0.2); // far out: labels unreadable
        auto *search = panel.findChild<QLineEdit *>(QStringLiteral("graphSearch"));
        QVERIFY(search && search->isVisible());
        QTest::keyClicks(search, QStringLiteral("d3"));
        // pkg/d3:t0..4 and pkg/d30..39:t0..4 -> 55 matches.
        const std::vector<int> matches = panel.searchMatches();
        QCOMPARE(int(matches.size()), 55);
        QCOMPARE(panel.currentSearchMatch(), -1);
        QTest::keyClick(search, Qt::Key_Return);
        const int first = panel.currentSearchMatch();
        QCOMPARE(first, matches[0]);
        QVERIFY(panel.view()->zoom() >= 0.99); // zoomed in to read it
        QVERIFY(visibleRect(panel).contains(panel.scene()->boxRect(first)));
        QCOMPARE(panel.scene()->selectedBox(), first);
        // Enter again: the next match, on screen too.
        QTest::keyClick(search, Qt::Key_Return);
        QCOMPARE(panel.currentSearchMatch(), matches[1]);
        QVERIFY(visibleRect(panel).contains(panel.scene()->boxRect(matches[1])));
        // Shift+Enter and the previous button step back; previous from the first wraps.
        QTest::keyClick(search, Qt::Key_Return, Qt::ShiftModifier);
        QCOMPARE(panel.currentSearchMatch(), matches[0]);
        auto *previous = panel.findChild<QToolButton *>(QStringLiteral("graphSearchPrevious"));
        QVERIFY(previous && previous->isVisible());
        QTest::mouseClick(previous, Qt::LeftButton);
        QCOMPARE(panel.currentSearchMatch(), matches.back());
        QVERIFY(visibleRect(panel).contains(panel.scene()->boxRect(matches.back())));
        auto *next = panel.findChild<QToolButton *>(QStringLiteral("graphSearchNext"));
        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(panel.currentSearchMatch(), matches[0]);
        QVERIFY(panel.statusText().contains(QStringLiteral("Match 1 of 55")));
    }

    void testSearchFindsTargetInsideCollapsedPackage()
    {
        GraphPanel panel;
        panel.resize(900, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setGraph(m_graph);
        QVERIFY(waitForPicture(panel));
        panel.setMode(GraphMode::Packages, 1);
        QVERIFY(waitForPicture(panel));
        const int app = boxOf(panel, "pkg:src:app");
        QVERIFY(app >= 0);
        // cli.py lives inside the app package; no box is titled with it.
        panel.setSearchText(QStringLiteral("cli/cli.py"));
        QVERIFY(panel.scene()->isSearchMatch(app));
        QVERIFY(panel.scene()->memberMatches(app) >= 1);
        panel.searchNext();
        QCOMPARE(panel.currentSearchMatch(), app);
        QVERIFY(visibleRect(panel).contains(panel.scene()->boxRect(app).center()));
        QVERIFY(panel.statusText().contains(QStringLiteral("matching target")));
    }

    void testBoxMenu()
    {
        GraphPanel panel;
        panel.resize(900, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setGraph(m_graph);
        QVERIFY(waitForPicture(panel));
        panel.setMode(GraphMode::Packages, 1);
        QVERIFY(waitForPicture(panel));
        const int app = boxOf(panel, "pkg:src:app");
        std::unique_ptr<QMenu> menu(panel.createBoxMenu(app, &panel));
        QVERIFY(menu);
        for (const char *name : {"graphMenuFocus", "graphMenuOpen", "graphMenuCollapse", "graphMenuDependencies",
                                 "graphMenuDependents", "graphMenuWhy", "graphMenuCopy", "graphMenuBuildFile"})
            QVERIFY2(actionNamed(menu.get(), QLatin1String(name)), name);
        QVERIFY(!actionNamed(menu.get(), QStringLiteral("graphMenuCollapse"))->isEnabled()); // top level

        actionNamed(menu.get(), QStringLiteral("graphMenuCopy"))->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("app"));
        QSignalSpy opened(&panel, &GraphPanel::locationActivated);
        actionNamed(menu.get(), QStringLiteral("graphMenuBuildFile"))->trigger();
        QCOMPARE(opened.count(), 1);
        QVERIFY(opened.at(0).at(0).toString().startsWith(QStringLiteral("src/app/")));
        QVERIFY(opened.at(0).at(0).toString().endsWith(QStringLiteral("BUILD")));

        // Open: the package opens in place; its children's menus can collapse it again.
        actionNamed(menu.get(), QStringLiteral("graphMenuOpen"))->trigger();
        QVERIFY(waitForPicture(panel));
        QCOMPARE(panel.componentRequest().opened, std::vector<std::string>{"pkg:src:app"});
        int child = -1;
        for (size_t i = 0; i < panel.componentView()->nodes.size(); ++i)
            if (panel.componentView()->nodes[i].parent == "pkg:src:app")
                child = int(i);
        QVERIFY(child >= 0);
        std::unique_ptr<QMenu> childMenu(panel.createBoxMenu(child, &panel));
        QAction *collapse = actionNamed(childMenu.get(), QStringLiteral("graphMenuCollapse"));
        QVERIFY(collapse->isEnabled());
        collapse->trigger();
        QVERIFY(waitForPicture(panel));
        QVERIFY(panel.componentRequest().opened.empty());

        // Show dependents: the package becomes the focus, dependents only.
        std::unique_ptr<QMenu> again(panel.createBoxMenu(boxOf(panel, "pkg:src:lib"), &panel));
        actionNamed(again.get(), QStringLiteral("graphMenuDependents"))->trigger();
        QVERIFY(waitForPicture(panel));
        QCOMPARE(panel.query().direction, graph::Direction::Dependents);
        QVERIFY(!panel.componentRequest().focus.empty());

        // A real right click asks for the box's menu.
        QSignalSpy asked(panel.view(), &GraphView::contextMenuRequested);
        const int lib = boxOf(panel, "pkg:src:lib");
        panel.view()->centerOn(panel.scene()->boxRect(lib).center());
        const QPoint pos = panel.view()->mapFromScene(panel.scene()->boxRect(lib).center());
        QContextMenuEvent event(QContextMenuEvent::Mouse, pos, panel.view()->viewport()->mapToGlobal(pos));
        QApplication::sendEvent(panel.view()->viewport(), &event);
        QCOMPARE(asked.count(), 1);
        QCOMPARE(asked.at(0).at(0).toInt(), lib);
        if (QWidget *popup = QApplication::activePopupWidget())
            popup->close();
    }

    void testTargetBoxMenuFocusAndPaths()
    {
        GraphPanel panel;
        panel.resize(900, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const auto g = chainGraph();
        panel.setGraph(g);
        QVERIFY(waitForPicture(panel));
        const int d5 = panel.scene()->visual().nodeOfTarget(g->nodeOf(*workspace::Address::parse("pkg/d5:t0")));
        const int d2 = panel.scene()->visual().nodeOfTarget(g->nodeOf(*workspace::Address::parse("pkg/d2:t0")));
        if (d5 < 0 || d2 < 0)
            QSKIP("the chain was folded into groups");
        std::unique_ptr<QMenu> menu(panel.createBoxMenu(d5, &panel));
        actionNamed(menu.get(), QStringLiteral("graphMenuCopy"))->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("pkg/d5:t0"));
        // Why does d5 depend on d2: select d5, then the menu of d2 offers the question.
        panel.scene()->setSelectedBox(d5);
        std::unique_ptr<QMenu> other(panel.createBoxMenu(d2, &panel));
        QAction *why = actionNamed(other.get(), QStringLiteral("graphMenuWhySelected"));
        QVERIFY(why);
        why->trigger();
        QVERIFY(waitForPicture(panel));
        QVERIFY(panel.scene()->visual().pathMode);
        QCOMPARE(panel.scene()->visual().pathCount, 1);
        // Focus from the menu.
        std::unique_ptr<QMenu> focusMenu(panel.createBoxMenu(panel.scene()->visual().nodeOfTarget(g->nodeOf(*workspace::Address::parse("pkg/d5:t0"))), &panel));
        actionNamed(focusMenu.get(), QStringLiteral("graphMenuFocus"))->trigger();
        QVERIFY(waitForPicture(panel));
        QCOMPARE(panel.focusNode(), g->nodeOf(*workspace::Address::parse("pkg/d5:t0")));
    }

    void testEdgeMenuAndClickableImportLines()
    {
        GraphPanel panel;
        panel.resize(900, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setGraph(m_graph);
        QVERIFY(waitForPicture(panel));
        panel.setMode(GraphMode::Packages, 1);
        QVERIFY(waitForPicture(panel));
        const int app = boxOf(panel, "pkg:src:app");
        const int lib = boxOf(panel, "pkg:src:lib");
        const int edge = edgeOf(panel, app, lib);
        QVERIFY(edge >= 0);
        std::unique_ptr<QMenu> menu(panel.createEdgeMenu(edge, &panel));
        for (const char *name : {"graphMenuEdgeLines", "graphMenuEdgeSource", "graphMenuEdgeHide"})
            QVERIFY2(actionNamed(menu.get(), QLatin1String(name)), name);
        QSignalSpy opened(&panel, &GraphPanel::locationActivated);
        actionNamed(menu.get(), QStringLiteral("graphMenuEdgeSource"))->trigger();
        QCOMPARE(opened.count(), 1);
        QVERIFY(opened.at(0).at(0).toString().endsWith(QStringLiteral(".py")));
        QVERIFY(opened.at(0).at(1).toInt() >= 1);

        actionNamed(menu.get(), QStringLiteral("graphMenuEdgeLines"))->trigger();
        const QString text = panel.provenanceText();
        QVERIFY(text.contains(QStringLiteral("src/app/main.py:4: import lib.util")));
        QVERIFY(!panel.detailLocations().empty());
        // A click on a line (the link) opens that file at that line.
        auto *details = panel.findChild<QTextBrowser *>();
        QVERIFY(details && details->isVisible());
        QVERIFY(details->toHtml().contains(QStringLiteral("loc:0")));
        Q_EMIT details->anchorClicked(QUrl(QStringLiteral("loc:0")));
        QCOMPARE(opened.count(), 2);
        QCOMPARE(opened.at(1).at(0).toString(), panel.detailLocations()[0].first);
        QCOMPARE(opened.at(1).at(1).toInt(), panel.detailLocations()[0].second);
        // The details panel never widens the window.
        QCOMPARE(details->sizePolicy().horizontalPolicy(), QSizePolicy::Ignored);

        actionNamed(menu.get(), QStringLiteral("graphMenuEdgeHide"))->trigger();
        QVERIFY(panel.scene()->isEdgeHidden(edge));
        QCOMPARE(panel.hiddenEdgeCount(), 1);
        panel.showHiddenEdges();
        QVERIFY(!panel.scene()->isEdgeHidden(edge));
    }

    void testTargetArrowDetailsOpenTheImportLine()
    {
        GraphPanel panel;
        panel.resize(900, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const auto g = chainGraph();
        panel.setGraph(g);
        QVERIFY(waitForPicture(panel));
        const VisualGraph &v = panel.scene()->visual();
        const int from = v.nodeOfTarget(g->nodeOf(*workspace::Address::parse("pkg/d4:t2")));
        const int to = v.nodeOfTarget(g->nodeOf(*workspace::Address::parse("pkg/d4:t1")));
        const int edge = edgeOf(panel, from, to);
        QVERIFY(edge >= 0);
        // A click on the arrow: its import line in the details panel, as a link.
        Q_EMIT panel.view()->edgeClicked(edge);
        QVERIFY(panel.provenanceText().contains(QStringLiteral("pkg/d4/m.py:5: import pkg.mod")));
        QCOMPARE(panel.detailLocations().size(), size_t(1));
        QSignalSpy opened(&panel, &GraphPanel::locationActivated);
        Q_EMIT panel.findChild<QTextBrowser *>()->anchorClicked(QUrl(QStringLiteral("loc:0")));
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened.at(0).at(0).toString(), QStringLiteral("pkg/d4/m.py"));
        QCOMPARE(opened.at(0).at(1).toInt(), 5);
    }

    void testWhyPathBetweenPackages()
    {
        GraphPanel panel;
        panel.resize(900, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setGraph(m_graph);
        QVERIFY(waitForPicture(panel));
        panel.setMode(GraphMode::Packages, 1);
        QVERIFY(waitForPicture(panel));
        const int tests = boxOf(panel, "pkg:tests:app");
        const int lib = boxOf(panel, "pkg:src:lib");
        QVERIFY(tests >= 0 && lib >= 0);
        // tests/app/test_main.py -> app/main.py -> lib/util.py: two hops through app.
        std::unique_ptr<QMenu> menu(panel.createBoxMenu(tests, &panel));
        actionNamed(menu.get(), QStringLiteral("graphMenuWhy"))->trigger();
        QVERIFY(panel.statusText().contains(QStringLiteral("Click the dependency")));
        // The next click picks the other end.
        Q_EMIT panel.view()->groupActivated(lib);
        QVERIFY(panel.provenanceText().contains(QStringLiteral("Why does")));
        QVERIFY(panel.provenanceText().contains(QStringLiteral("tests/app/test_main.py:1: import app.main")));
        const std::vector<int> &marked = panel.scene()->markedPath();
        QVERIFY(marked.size() >= 2);
        QCOMPARE(marked.front(), tests);
        QCOMPARE(marked.back(), lib);
        // No path the other way round.
        QVERIFY(!panel.showWhyPath(lib, tests));
        QVERIFY(panel.provenanceText().contains(QStringLiteral("does not depend on")));
    }

    void testOverviewMapPans()
    {
        GraphPanel panel;
        panel.resize(600, 420);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setGraph(chainGraph());
        QVERIFY(waitForPicture(panel));
        panel.view()->resetZoom();
        GraphOverview *map = panel.view()->overview();
        QVERIFY(map);
        QTRY_VERIFY(map->isVisible()); // the picture does not fit at 100%
        const QRectF before = visibleRect(panel);
        // A click in the map's far corner pans the view there.
        const QPoint corner(map->width() - 6, map->height() - 6);
        const QPointF target = map->sceneAt(corner);
        QTest::mouseClick(map, Qt::LeftButton, {}, corner);
        const QRectF after = visibleRect(panel);
        QVERIFY(after != before);
        QVERIFY(after.adjusted(-2, -2, 2, 2).contains(target) || after.center().x() > before.center().x());
        // The frame follows the view.
        QVERIFY(!map->frameRect().isEmpty());
        // A picture that fits the window: no map.
        graph::testing::GraphBuilder small;
        small.target("a:a", "python_source");
        small.target("b:b", "python_source");
        small.edge("a:a", "b:b");
        panel.setGraph(small.build());
        QVERIFY(waitForPicture(panel));
        panel.view()->fitToView();
        QVERIFY(!map->isNeeded());
        QVERIFY(!map->isVisible());
    }

    void testLayoutStateRoundTripsAndResets()
    {
        const QString root = QDir::cleanPath(m_dir.path());
        {
            GraphPanel panel;
            panel.setLayoutMemoryEnabled(true);
            panel.resize(900, 600);
            panel.show();
            QVERIFY(QTest::qWaitForWindowExposed(&panel));
            panel.setGraph(m_graph);
            QVERIFY(waitForPicture(panel));
            panel.setMode(GraphMode::Packages, 1);
            QVERIFY(waitForPicture(panel));
            QVERIFY(panel.openComponent("pkg:src:app"));
            QVERIFY(waitForPicture(panel));
            panel.view()->resetZoom();
            panel.view()->zoomBy(1.5);
            panel.saveLayoutState();
        }
        GraphPanel panel;
        panel.setLayoutMemoryEnabled(true);
        panel.resize(900, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setGraph(m_graph);
        QVERIFY(waitForPicture(panel));
        QCOMPARE(panel.mode(), GraphMode::Packages);
        QCOMPARE(panel.packageDepth(), 1);
        QCOMPARE(panel.componentRequest().opened, std::vector<std::string>{"pkg:src:app"});
        QVERIFY(qAbs(panel.view()->zoom() - 1.5) < 0.01);

        // Reset Layout: defaults (this small workspace starts with targets), nothing opened.
        QVERIFY(panel.resetLayoutAction());
        panel.resetLayoutAction()->trigger();
        QVERIFY(waitForPicture(panel));
        QCOMPARE(panel.mode(), GraphMode::Targets);
        QCOMPARE(panel.packageDepth(), 2);
        QVERIFY(panel.componentRequest().opened.empty());
        QVERIFY(panel.view()->zoom() <= 1.0);

        // Another workspace root has its own state.
        QSettings settings;
        QVERIFY(!settings.childGroups().isEmpty());
    }

    void testEveryControlReachableAt1024x700()
    {
        QTemporaryDir repo;
        for (const auto &[path, text] : graph::testing::componentRepoFiles())
            graph::testing::writeRepoFile(repo.path(), path, text);
        MainWindow window;
        window.resize(1024, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy shown(&window, &MainWindow::snapshotShown);
        window.openWorkspace(repo.path());
        QVERIFY(shown.wait(30000));
        GraphPanel *panel = window.graphPanel();
        window.centreTabs()->setCurrentWidget(panel);
        QTRY_VERIFY(panel->isVisible());
        QTest::qWait(50);
        const QRect windowRect = window.rect();
        const auto onScreen = [&](QWidget *w) {
            return w->isVisible() && windowRect.contains(QRect(w->mapTo(&window, QPoint(0, 0)), w->size()));
        };
        // Search, its arrows and the overflow button are always on screen.
        for (const char *name : {"graphSearch", "graphSearchPrevious", "graphSearchNext", "graphOverflowButton"}) {
            auto *w = panel->findChild<QWidget *>(QLatin1String(name));
            QVERIFY2(w && onScreen(w), name);
        }
        for (GraphMode mode : {GraphMode::Targets, GraphMode::Packages}) {
            panel->setMode(mode, 2);
            QVERIFY(waitForPicture(*panel));
            QTest::qWait(20);
            panel->populateOverflowMenu();
            QStringList listed;
            for (QAction *a : panel->overflowMenu()->actions())
                listed << a->data().toString();
            int hidden = 0;
            for (const auto &[action, name] : panel->toolBarControls()) {
                if (!action || !action->isVisible())
                    continue;
                QWidget *w = panel->toolBar()->widgetForAction(action);
                const bool visible = w && w->isVisible() && panel->toolBar()->rect().contains(w->geometry()) && onScreen(w);
                if (!visible) {
                    ++hidden;
                    QVERIFY2(listed.contains(name), qPrintable(name + QStringLiteral(" is neither shown nor in More")));
                }
            }
            QVERIFY(panel->overflowMenu()->actions().contains(panel->resetLayoutAction()));
            qInfo("mode %d: %d controls in the overflow menu at 1024x700 (panel %d px wide)", int(mode), hidden, panel->width());
        }
    }

private:
    QTemporaryDir m_home;
    QTemporaryDir m_dir;
    std::shared_ptr<const graph::TargetGraph> m_graph;
};

QTEST_MAIN(GraphNavigationTest)
#include "graphnavigation_test.moc"
