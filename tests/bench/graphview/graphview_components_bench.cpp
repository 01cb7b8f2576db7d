// bench_graphview_components [REPO] [--runs N] [--size WxH]: the Graph tab's component
// view, timed as a user waits for it (issue 21): from the click on "Packages" until the
// new picture is painted in the window, and from "open" on the largest package until
// its inside is painted. Without REPO a generated workspace of about 10,000 targets is
// written to a temporary directory. Loads like the GUI (workspace, inference with the
// scan cache, TargetGraph), then drives a real GraphPanel (QT_QPA_PLATFORM=offscreen or
// xvfb-run). Prints each figure against its budget: component view painted <= 300 ms
// after the click, opening a node painted <= 200 ms.
#include "core/graph/targetgraph.h"
#include "core/infer/dependencies.h"
#include "core/workspace/workspace.h"
#include "tests/ui/uitestsupport.h"
#include "ui/graph/graphpanel.h"
#include "ui/graph/graphview.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QEvent>
#include <QSpinBox>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

using namespace trellis;
using namespace trellis::ui;

namespace {

/// Counts paint events of the graph's viewport.
class PaintCounter : public QObject {
public:
    int paints = 0;

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++paints;
        return false;
    }
};

/// Runs `action` and returns the milliseconds until a new picture is on screen and the
/// viewport has painted it; -1 on a timeout (60 s).
double timeToPaint(GraphPanel &panel, PaintCounter &counter, const std::function<void()> &action)
{
    int paintsAtPicture = -1; // paints counted when the picture arrived
    const auto connection = QObject::connect(&panel, &GraphPanel::pictureChanged, &panel,
                                             [&] { paintsAtPicture = counter.paints; });
    QElapsedTimer clock;
    clock.start();
    action();
    while (clock.elapsed() < 60000) {
        if (paintsAtPicture >= 0 && counter.paints > paintsAtPicture)
            break;
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    QObject::disconnect(connection);
    return clock.elapsed() < 60000 ? double(clock.nsecsElapsed()) / 1e6 : -1;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? -1 : v[v.size() / 2];
}

void report(const char *what, double ms, double budget)
{
    std::printf("%-52s %8.1f ms  (budget %.0f ms: %s)\n", what, ms, budget, ms >= 0 && ms <= budget ? "ok" : "OVER");
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen"); // `packaging/dev.sh bench` runs headless
    QApplication app(argc, argv);
    std::string repo;
    int runs = 5;
    QSize size(1600, 1000);
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--runs" && i + 1 < argc)
            runs = std::max(1, std::atoi(argv[++i]));
        else if (a == "--size" && i + 1 < argc) {
            const QStringList wh = QString::fromLocal8Bit(argv[++i]).split(QLatin1Char('x'));
            size = QSize(wh.value(0).toInt(), wh.value(1).toInt());
        } else
            repo = a;
    }
    QTemporaryDir generated;
    if (repo.empty()) {
        // 830 packages x (8 modules + a test file, two generators): about 10,000 targets.
        if (!ui::testing::writeLargeWorkspace(generated.path(), 830, 8)) {
            std::fprintf(stderr, "bench_graphview_components: cannot write a workspace\n");
            return 1;
        }
        repo = generated.path().toStdString();
    }
    QElapsedTimer clock;
    clock.start();
    workspace::LoadRequest request;
    request.options.buildRoot = repo;
    auto ws = workspace::loadWorkspace(request);
    if (!ws) {
        std::fprintf(stderr, "bench_graphview_components: %s does not load\n", repo.c_str());
        return 1;
    }
    infer::InferenceRequest inferRequest;
    inferRequest.workspace = *ws;
    auto graph = std::make_shared<const graph::TargetGraph>(*ws, infer::resolveDependencies(inferRequest));
    std::printf("repository %s: %d targets, %d edges, loaded in %lld ms\n", repo.c_str(), graph->nodeCount(),
                graph->edgeCount(), static_cast<long long>(clock.elapsed()));

    GraphPanel panel;
    panel.resize(size);
    panel.setMode(GraphMode::Targets); // start where a click on "Packages" is needed
    panel.show();
    PaintCounter counter;
    panel.view()->viewport()->installEventFilter(&counter);
    const double targetsMs = timeToPaint(panel, counter, [&] { panel.setGraph(graph); });
    std::printf("%-52s %8.1f ms  (%s)\n", "file-level view painted (for reference)", targetsMs, qPrintable(panel.statusText()));

    auto *combo = panel.findChild<QComboBox *>(QStringLiteral("graphModeCombo"));
    auto *depth = panel.findChild<QSpinBox *>(QStringLiteral("graphPackageDepth"));
    const auto choose = [combo](GraphMode mode) {
        const int i = combo->findData(int(mode));
        combo->setCurrentIndex(i);
        Q_EMIT combo->activated(i);
    };
    // The first click: the package index was started at load on a worker thread.
    const double first = timeToPaint(panel, counter, [&] { choose(GraphMode::Packages); });
    report("click Packages -> painted (first click)", first, 300);
    std::printf("  %s\n", qPrintable(panel.statusText()));

    std::vector<double> packages, distributions;
    QString packagesStatus, distributionsStatus;
    for (int i = 0; i < runs; ++i) {
        distributions.push_back(timeToPaint(panel, counter, [&] { choose(GraphMode::Distributions); }));
        distributionsStatus = panel.statusText();
        packages.push_back(timeToPaint(panel, counter, [&] { choose(GraphMode::Packages); }));
        packagesStatus = panel.statusText();
    }
    report("click Packages (index built) -> painted (median)", median(packages), 300);
    std::printf("  %s\n", qPrintable(packagesStatus));
    report("click Distributions -> painted (median)", median(distributions), 300);
    std::printf("  %s\n", qPrintable(distributionsStatus));
    std::vector<double> depths;
    for (int i = 0; i < runs; ++i)
        for (int d : {3, 2})
            depths.push_back(timeToPaint(panel, counter, [&] { depth->setValue(d); }));
    report("package depth 2 <-> 3 -> painted (median)", median(depths), 300);

    // Open the largest openable package, then go back; the median of `runs` openings.
    std::vector<double> opens;
    std::string opened;
    for (int i = 0; i < runs; ++i) {
        const VisualGraph &v = panel.scene()->visual();
        int best = -1;
        size_t bestSize = 0;
        for (size_t b = 0; b < v.nodes.size(); ++b)
            if (v.nodes[b].openable && !v.nodes[b].aggregate && v.nodes[b].members.size() > bestSize) {
                best = int(b);
                bestSize = v.nodes[b].members.size();
            }
        if (best < 0)
            break;
        opened = v.nodes[size_t(best)].componentId;
        opens.push_back(timeToPaint(panel, counter, [&] { panel.activateComponent(best); }));
        if (i == 0)
            std::printf("  open: %s\n", qPrintable(panel.statusText()));
        timeToPaint(panel, counter, [&] { panel.closeComponent("*"); });
    }
    if (opens.empty())
        std::printf("no openable package\n");
    else
        report(("open " + opened + " -> painted (median)").c_str(), median(opens), 200);
    return 0;
}
