// bench_graphview [targets] [edges] [frames] [input.dot]: times the graph view pipeline on a random
// DAG-ish workspace — selection/folding, gvLayout, scene build — then renders the view
// offscreen while panning and prints the mean frame time. Goals: layout <= 1 s, scene
// build <= 200 ms.
#include "tests/graph/graphbuilder.h"
#include "ui/graph/graphlayout.h"
#include "ui/graph/graphmodel.h"
#include "ui/graph/graphscene.h"
#include "ui/graph/graphview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QScrollBar>

#include <cstdio>
#include <ctime>
#include <random>
#include <set>

using namespace trellis;
using namespace trellis::ui;

namespace {

std::shared_ptr<const graph::TargetGraph> randomGraph(int targets, int edges)
{
    graph::testing::GraphBuilder b;
    std::vector<std::string> names;
    for (int i = 0; i < targets; ++i) {
        const std::string address = "src/pkg" + std::to_string(i % 25) + "/m" + std::to_string(i) + ".py:lib";
        names.push_back(address);
        b.target(address, i % 9 == 0 ? "python_test" : i % 13 == 0 ? "python_requirement" : "python_source");
    }
    std::mt19937 rng(42);
    std::set<std::pair<int, int>> seen;
    while (int(seen.size()) < edges) {
        const int from = int(rng() % unsigned(targets));
        // Mostly towards lower indices (DAG-ish), a few back edges for cycles.
        const int to = rng() % 50 == 0 ? int(rng() % unsigned(targets)) : int(rng() % unsigned(std::max(1, from)));
        if (from == to || !seen.emplace(from, to).second)
            continue;
        b.edge(names[size_t(from)], names[size_t(to)]);
    }
    return b.build();
}

double msSince(const QElapsedTimer &t) { return double(t.nsecsElapsed()) / 1e6; }

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int targets = args.size() > 1 ? args[1].toInt() : 500;
    const int edges = args.size() > 2 ? args[2].toInt() : 2000;
    const int frames = args.size() > 3 ? args[3].toInt() : 60;

    const auto graph = randomGraph(targets, edges);
    GraphScene scene;
    GraphView view(&scene);
    view.resize(1280, 800);
    view.show(); // offscreen: gives the viewport its real size

    QElapsedTimer t;
    t.start();
    GraphQuery query;
    query.maxNodes = targets; // measure the full picture, no folding
    const VisualGraph visual = buildVisualGraph(*graph, query);
    const double selectMs = msSince(t);

    const LayoutInput input = toLayoutInput(visual, scene.boxMetrics(), LayoutDirection::LeftToRight, false);
    if (args.size() > 4) {
        // Fifth argument: also write the layout input as DOT, to tune dot's attributes.
        QFile dot(args[4]);
        if (dot.open(QIODevice::WriteOnly))
            dot.write(QByteArray::fromStdString(layoutInputToDot(input)));
    }
    t.restart();
    const std::clock_t cpuStart = std::clock();
    const GraphLayoutResult layout = layoutGraph(input);
    const double layoutMs = msSince(t);
    const double layoutCpuMs = double(std::clock() - cpuStart) * 1000.0 / CLOCKS_PER_SEC;
    if (!layout.error.isEmpty()) {
        std::fprintf(stderr, "layout failed: %s\n", qPrintable(layout.error));
        return 1;
    }

    t.restart();
    scene.setPicture(graph, visual, layout, false);
    const double sceneMs = msSince(t);

    // Panning: render the viewport at 100% zoom across the picture.
    view.resetZoom();
    QImage frame(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    const QRectF rect = scene.sceneRect();
    t.restart();
    std::clock_t cpuPan = std::clock();
    for (int i = 0; i < frames; ++i) {
        const double f = frames > 1 ? double(i) / (frames - 1) : 0;
        view.centerOn(rect.left() + f * rect.width(), rect.top() + (0.5 + 0.4 * std::sin(f * 6.28)) * rect.height());
        QPainter p(&frame);
        view.render(&p);
    }
    const double frameMs = msSince(t) / std::max(1, frames);
    const double frameCpuMs = double(std::clock() - cpuPan) * 1000.0 / CLOCKS_PER_SEC / std::max(1, frames);

    // Whole picture at fit zoom (the level-of-detail path).
    view.fitToView();
    t.restart();
    for (int i = 0; i < 10; ++i) {
        QPainter p(&frame);
        view.render(&p);
    }
    const double fitFrameMs = msSince(t) / 10;

    std::printf("graph:       %d targets, %d edges -> %zu boxes, %zu arrows (picture %.0f x %.0f pt)\n", targets, edges,
                visual.nodes.size(), visual.edges.size(), rect.width(), rect.height());
    std::printf("selection:   %8.1f ms\n", selectMs);
    std::printf("gvLayout:    %8.1f ms  (dot alone %.1f ms, CPU %.1f ms; goal <= 1000 ms)%s\n", layoutMs,
                layout.milliseconds, layoutCpuMs, layoutMs <= 1000 ? "" : "  OVER");
    std::printf("scene build: %8.1f ms  (goal <= 200 ms)%s\n", sceneMs, sceneMs <= 200 ? "" : "  OVER");
    std::printf("pan frame:   %8.1f ms  (CPU %.1f ms; 100%%, %dx%d, mean of %d)\n", frameMs, frameCpuMs, frame.width(),
                frame.height(), frames);
    std::printf("fit frame:   %8.1f ms  (zoom %.2f)\n", fitFrameMs, view.zoom());
    return 0;
}
