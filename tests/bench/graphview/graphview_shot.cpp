// graphview_shot WORKSPACE OUT.png [--focus ADDRESS] [--hops N] [--direction deps|dependents|both]
//                [--dark] [--size WxH] [--group] [--changed ADDRESS]...
// Loads a Pants workspace (load + inference + TargetGraph, as the GUI does), shows the
// Graph tab and saves a screenshot of it. For documentation and visual review.
#include "core/graph/targetgraph.h"
#include "core/infer/dependencies.h"
#include "core/workspace/workspace.h"
#include "ui/graph/graphpanel.h"
#include "ui/graph/graphview.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QPalette>
#include <QPixmap>
#include <QStyleFactory>
#include <QTimer>

#include <cstdio>

using namespace trellis;
using namespace trellis::ui;

namespace {

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(37, 38, 42));
    p.setColor(QPalette::WindowText, QColor(225, 227, 232));
    p.setColor(QPalette::Base, QColor(28, 29, 33));
    p.setColor(QPalette::AlternateBase, QColor(40, 42, 46));
    p.setColor(QPalette::Text, QColor(225, 227, 232));
    p.setColor(QPalette::Button, QColor(45, 47, 52));
    p.setColor(QPalette::ButtonText, QColor(225, 227, 232));
    p.setColor(QPalette::Highlight, QColor(61, 130, 230));
    p.setColor(QPalette::HighlightedText, Qt::white);
    return p;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("workspace"), QStringLiteral("Pants build root"));
    parser.addPositionalArgument(QStringLiteral("out"), QStringLiteral("PNG to write"));
    const QCommandLineOption focusOpt(QStringLiteral("focus"), QStringLiteral("Focus address"), QStringLiteral("address"));
    const QCommandLineOption hopsOpt(QStringLiteral("hops"), QStringLiteral("Depth"), QStringLiteral("n"), QStringLiteral("2"));
    const QCommandLineOption dirOpt(QStringLiteral("direction"), QStringLiteral("deps|dependents|both"), QStringLiteral("d"), QStringLiteral("both"));
    const QCommandLineOption darkOpt(QStringLiteral("dark"), QStringLiteral("Dark palette"));
    const QCommandLineOption groupOpt(QStringLiteral("group"), QStringLiteral("Frame directories"));
    const QCommandLineOption tbOpt(QStringLiteral("tb"), QStringLiteral("Top to bottom"));
    const QCommandLineOption sizeOpt(QStringLiteral("size"), QStringLiteral("Window size"), QStringLiteral("WxH"), QStringLiteral("1400x860"));
    const QCommandLineOption changedOpt(QStringLiteral("changed"), QStringLiteral("Mark as changed"), QStringLiteral("address"));
    const QCommandLineOption maxOpt(QStringLiteral("max-nodes"), QStringLiteral("Node bound"), QStringLiteral("n"), QStringLiteral("400"));
    parser.addOptions({focusOpt, hopsOpt, dirOpt, darkOpt, groupOpt, tbOpt, sizeOpt, changedOpt, maxOpt});
    parser.addHelpOption();
    parser.process(app);
    if (parser.positionalArguments().size() != 2)
        parser.showHelp(2);
    if (parser.isSet(darkOpt))
        QApplication::setPalette(darkPalette());

    workspace::LoadRequest request;
    request.options.buildRoot = parser.positionalArguments()[0].toStdString();
    auto ws = workspace::loadWorkspace(request);
    if (!ws) {
        for (const auto &d : ws.diagnostics())
            std::fprintf(stderr, "%s\n", d.format().c_str());
        return 1;
    }
    infer::InferenceRequest inferRequest;
    inferRequest.workspace = *ws;
    inferRequest.cacheDir.assign(1, '-'); // no on-disk scan cache
    auto graph = std::make_shared<const graph::TargetGraph>(*ws, infer::resolveDependencies(inferRequest));
    std::printf("%d targets, %d edges\n", graph->nodeCount(), graph->edgeCount());

    GraphPanel panel;
    const QStringList size = parser.value(sizeOpt).split(QLatin1Char('x'));
    panel.resize(size.value(0).toInt(), size.value(1).toInt());
    GraphQuery q;
    q.hops = parser.value(hopsOpt).toInt();
    q.maxNodes = parser.value(maxOpt).toInt();
    const QString direction = parser.value(dirOpt);
    q.direction = direction == QLatin1String("deps") ? graph::Direction::Dependencies
                  : direction == QLatin1String("dependents") ? graph::Direction::Dependents
                                                              : graph::Direction::Both;
    if (parser.isSet(focusOpt)) {
        const auto address = workspace::Address::parse(parser.value(focusOpt).toStdString());
        q.focus = address ? graph->nodeOf(*address) : -1;
        if (q.focus < 0)
            std::fprintf(stderr, "unknown focus %s\n", qPrintable(parser.value(focusOpt)));
    }
    std::set<graph::NodeId> changed;
    for (const QString &text : parser.values(changedOpt)) {
        const auto address = workspace::Address::parse(text.toStdString());
        if (address && graph->nodeOf(*address) >= 0)
            changed.insert(graph->nodeOf(*address));
    }
    panel.setClusterByDirectory(parser.isSet(groupOpt));
    panel.setLayoutDirection(parser.isSet(tbOpt) ? LayoutDirection::TopToBottom : LayoutDirection::LeftToRight);
    panel.setMode(GraphMode::Targets); // this shot measures the target-level view
    panel.setGraph(graph);
    panel.setQuery(q);
    panel.setChangedTargets(changed);
    panel.show();

    const QString out = parser.positionalArguments()[1];
    QObject::connect(&panel, &GraphPanel::pictureChanged, &panel, [&] {
        QTimer::singleShot(300, &panel, [&] {
            const bool ok = panel.grab().save(out);
            std::printf("%s: %s\n", qPrintable(panel.statusText()), ok ? "saved" : "FAILED");
            app.exit(ok ? 0 : 1);
        });
    });
    QTimer::singleShot(60000, &app, [&] { app.exit(3); });
    return app.exec();
}
