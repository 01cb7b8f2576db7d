// trellis-gui: argument parsing and wiring only.
//
//   trellis-gui [PATH]                 open the workspace containing PATH
//   trellis-gui --demo                 (re)create the demo workspace and open it
//   trellis-gui --screenshot out.png [--select ADDRESS] [--filter TEXT] [--open FILE[:LINE]] PATH
//   trellis-gui --demo --run-tests SPEC [--view run] --screenshot out.png   (shot once the run finished)
//   trellis-gui --demo --view graph --focus ADDRESS [--proximity N] --screenshot out.png
//   trellis-gui --demo --view release --screenshot out.png   (shot once the status is in)
//   trellis-gui --view problems --screenshot out.png PATH   (Problems dock, first cause unfolded)
//   trellis-gui --view graph --graph-mode packages:2 [--graph-open ID]... [--graph-edge cycle] [--graph-search TEXT] [--graph-why FROM,TO] --screenshot out.png PATH
//   trellis-gui --view changed [--base REF] [--dependents MODE] [--focus ADDRESS] --screenshot out.png PATH
#include "ui/appsettings.h"
#include "ui/changed/changedmodel.h"
#include "ui/changed/changedview.h"
#include "ui/graph/graphpanel.h"
#include "ui/mainwindow.h"
#include "ui/release/releaseview.h"
#include "ui/run/runcontroller.h"
#include "ui/run/runpanel.h"
#include "ui/run/runworkbench.h"
#include "ui/translations.h"
#include "ui/uitr.h"
#include "ui/views/detailspanel.h"
#include "ui/views/problemsview.h"
#include "ui/views/targetbrowser.h"
#include "ui/workspacecontroller.h"

#include "core/workspace/address.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDockWidget>
#include <QTabWidget>
#include <QTreeView>
#include <QDir>
#include <QFileInfo>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>
#include <QTimer>

#include <cstdio>
#include <memory>

using trellis::ui::Tr;

namespace {

/// Applies the theme setting to the whole application; System keeps the platform palette.
void applyTheme(QApplication &app, trellis::ui::ThemeMode mode)
{
    if (mode == trellis::ui::ThemeMode::System)
        return;
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    if (mode == trellis::ui::ThemeMode::Light) {
        app.setPalette(app.style()->standardPalette());
        return;
    }
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
    p.setColor(QPalette::WindowText, QColor(0xdf, 0xe1, 0xe5));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::Text, QColor(0xdf, 0xe1, 0xe5));
    p.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3b));
    p.setColor(QPalette::ButtonText, QColor(0xdf, 0xe1, 0xe5));
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x6d, 0x9f));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0x35, 0x37, 0x3b));
    p.setColor(QPalette::ToolTipText, QColor(0xdf, 0xe1, 0xe5));
    p.setColor(QPalette::Link, QColor(0x6c, 0xb6, 0xff));
    p.setColor(QPalette::PlaceholderText, QColor(0x8c, 0x8f, 0x94));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x70, 0x72, 0x76));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x70, 0x72, 0x76));
    app.setPalette(p);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Trellis"));
    QApplication::setApplicationName(QStringLiteral("trellis-gui"));
    QApplication::setApplicationDisplayName(QStringLiteral("Trellis"));
    QApplication::setApplicationVersion(QStringLiteral(TRELLIS_VERSION));

    trellis::ui::AppSettings settings;
    trellis::ui::Translations translations;
    translations.load(settings.language());
    applyTheme(app, settings.theme());

    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr("Trellis: a workspace manager for Pants-style Python monorepos."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("path"), Tr::tr("A folder inside the workspace to open."), QStringLiteral("[PATH]"));
    const QCommandLineOption demoOption(QStringLiteral("demo"), Tr::tr("Create the demo workspace (if needed) and open it."));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
                                              Tr::tr("Render the main window to FILE once the workspace has loaded, then exit."),
                                              QStringLiteral("FILE"));
    const QCommandLineOption selectOption(QStringLiteral("select"), Tr::tr("Select the target at ADDRESS after loading."), QStringLiteral("ADDRESS"));
    const QCommandLineOption filterOption(QStringLiteral("filter"), Tr::tr("Put TEXT into the target filter after loading."), QStringLiteral("TEXT"));
    const QCommandLineOption openOption(QStringLiteral("open"), Tr::tr("Open FILE (buildroot-relative, optionally :LINE) after loading."),
                                        QStringLiteral("FILE[:LINE]"));
    const QCommandLineOption transitiveOption(QStringLiteral("transitive"), Tr::tr("Show transitive dependencies in Details."));
    const QCommandLineOption sizeOption(QStringLiteral("size"), Tr::tr("Window size for --screenshot, e.g. 1400x880."), QStringLiteral("WxH"));
    const QCommandLineOption runTestsOption(QStringLiteral("run-tests"),
                                            Tr::tr("Run the tests of SPEC (repeatable; \"changed\" = changed since the base ref) after loading."),
                                            QStringLiteral("SPEC"));
    const QCommandLineOption viewOption(QStringLiteral("view"), Tr::tr("Bring a panel to the front after loading: run, graph, release, problems or changed."),
                                        QStringLiteral("VIEW"));
    const QCommandLineOption focusOption(QStringLiteral("focus"), Tr::tr("With --view graph: the target at the centre of the graph."),
                                         QStringLiteral("ADDRESS"));
    const QCommandLineOption proximityOption(QStringLiteral("proximity"), Tr::tr("With --view graph: hops shown around the focus (1-5)."),
                                             QStringLiteral("N"));
    const QCommandLineOption graphModeOption(QStringLiteral("graph-mode"),
                                             Tr::tr("With --view graph: level of detail, targets, packages[:DEPTH] or distributions."),
                                             QStringLiteral("MODE"));
    const QCommandLineOption graphOpenOption(QStringLiteral("graph-open"),
                                             Tr::tr("With --view graph: open the component ID in place (repeatable, in order)."),
                                             QStringLiteral("ID"));
    const QCommandLineOption graphEdgeOption(QStringLiteral("graph-edge"),
                                             Tr::tr("With --view graph: show the provenance of the first cycle, violation or heaviest edge."),
                                             QStringLiteral("KIND"));
    const QCommandLineOption graphSearchOption(QStringLiteral("graph-search"),
                                               Tr::tr("With --view graph: search for TEXT and go to the first match."),
                                               QStringLiteral("TEXT"));
    parser.addOption(graphSearchOption);
    const QCommandLineOption graphWhyOption(QStringLiteral("graph-why"),
                                            Tr::tr("With --view graph: show why box FROM depends on box TO (ids or labels)."),
                                            QStringLiteral("FROM,TO"));
    parser.addOption(graphWhyOption);
    const QCommandLineOption baseOption(QStringLiteral("base"), Tr::tr("With --view changed: the base ref."), QStringLiteral("REF"));
    const QCommandLineOption dependentsOption(QStringLiteral("dependents"),
                                              Tr::tr("With --view changed: none, direct or transitive."), QStringLiteral("MODE"));
    parser.addOptions({baseOption, dependentsOption});
    parser.addOptions({demoOption, screenshotOption, selectOption, filterOption, openOption, transitiveOption, sizeOption,
                       runTestsOption, viewOption, focusOption, proximityOption, graphModeOption, graphOpenOption,
                       graphEdgeOption});
    parser.process(app);

    trellis::ui::MainWindow window;
    // SIGINT/SIGTERM/SIGHUP quit like closing the window: a running run is cancelled and
    // cleaned up (~RunController) before the process exits with 128 + signal.
    trellis::ui::handleTerminationSignals([](int signal) { QApplication::exit(128 + signal); });
    const QString screenshot = parser.value(screenshotOption);
    if (!screenshot.isEmpty()) {
        // Screenshots show a fresh layout of a fixed size, not the user's saved one.
        window.restoreState(QByteArray());
        window.graphPanel()->setLayoutMemoryEnabled(false);
        QSize size(1400, 880);
        const QStringList wh = parser.value(sizeOption).split(QLatin1Char('x'));
        if (wh.size() == 2 && wh[0].toInt() > 0 && wh[1].toInt() > 0)
            size = QSize(wh[0].toInt(), wh[1].toInt());
        window.resize(size);
        window.controller()->setWatchingEnabled(false);
    }

    auto applyViewOptions = [&](const trellis::ui::SnapshotPtr &snapshot) {
        if (parser.isSet(filterOption))
            window.targetBrowser()->setFilterLine(parser.value(filterOption));
        if (parser.isSet(openOption)) {
            const QString spec = parser.value(openOption);
            const int colon = spec.lastIndexOf(QLatin1Char(':'));
            bool ok = false;
            const int line = colon > 0 ? spec.mid(colon + 1).toInt(&ok) : 0;
            window.openLocation(ok ? spec.left(colon) : spec, ok ? line : 0);
        }
        if (parser.isSet(selectOption)) {
            if (auto address = trellis::workspace::Address::parse(parser.value(selectOption).toStdString())) {
                const int index = snapshot->workspace->indexOf(*address);
                if (index >= 0)
                    window.selectTarget(index);
                else
                    std::fprintf(stderr, "%s\n", qPrintable(Tr::tr("No target at %1").arg(parser.value(selectOption))));
            }
        }
        if (parser.isSet(transitiveOption))
            window.detailsPanel()->setTransitive(true);
        if (parser.value(viewOption) == QLatin1String("graph")) {
            int focus = -1;
            if (parser.isSet(focusOption)) {
                if (auto address = trellis::workspace::Address::parse(parser.value(focusOption).toStdString()))
                    focus = snapshot->workspace->indexOf(*address);
                if (focus < 0)
                    std::fprintf(stderr, "%s\n", qPrintable(Tr::tr("No target at %1").arg(parser.value(focusOption))));
            }
            if (parser.isSet(graphModeOption)) {
                // Component screenshots: the graph gets the whole window.
                for (QDockWidget *dock : window.findChildren<QDockWidget *>())
                    dock->hide();
                const QString mode = parser.value(graphModeOption);
                const QStringList parts = mode.split(QLatin1Char(':'));
                if (parts[0] == QLatin1String("packages") || parts[0] == QLatin1String("package"))
                    window.graphPanel()->setMode(trellis::ui::GraphMode::Packages, parts.size() > 1 ? parts[1].toInt() : -1);
                else if (parts[0].startsWith(QLatin1String("distribution")))
                    window.graphPanel()->setMode(trellis::ui::GraphMode::Distributions);
                else if (parts[0] == QLatin1String("targets") || parts[0] == QLatin1String("files"))
                    window.graphPanel()->setMode(trellis::ui::GraphMode::Targets);
                else
                    std::fprintf(stderr, "%s\n", qPrintable(Tr::tr("Unknown graph mode %1").arg(mode)));
            }
            window.showGraph(focus, parser.isSet(proximityOption) ? parser.value(proximityOption).toInt() : 2);
        }
        if (parser.value(viewOption) == QLatin1String("changed")) {
            window.runWorkbench()->dock()->hide();
            auto *changedView = window.findChild<trellis::ui::ChangedView *>();
            window.centreTabs()->setCurrentWidget(changedView);
            if (parser.isSet(baseOption) || parser.isSet(dependentsOption)) {
                auto mode = trellis::changed::parseDependentsMode(parser.value(dependentsOption).toStdString());
                if (parser.isSet(dependentsOption) && !mode)
                    std::fprintf(stderr, "%s\n", qPrintable(Tr::tr("Unknown dependents mode %1").arg(parser.value(dependentsOption))));
                changedView->setRequest(parser.value(baseOption), mode.value_or(changedView->dependentsMode()));
            }
        }
        if (parser.value(viewOption) == QLatin1String("release")) {
            window.runWorkbench()->dock()->hide();
            window.centreTabs()->setCurrentWidget(window.findChild<trellis::ui::ReleaseView *>());
        }
        if (parser.value(viewOption) == QLatin1String("problems")) {
            // The Problems view at half the window: the first cause selected and unfolded.
            window.showProblems();
            if (auto *dock = qobject_cast<QDockWidget *>(window.problemsView()->parentWidget()))
                window.resizeDocks({dock}, {window.height() * 11 / 20}, Qt::Vertical);
            QTreeView *problems = window.problemsView()->view();
            const QModelIndex first = problems->model()->index(0, 0);
            if (first.isValid()) {
                problems->expand(first);
                problems->setCurrentIndex(first);
            }
        }
        if (parser.value(viewOption) == QLatin1String("run")) {
            window.runWorkbench()->dock()->show();
            window.runWorkbench()->dock()->raise();
            window.resizeDocks({window.runWorkbench()->dock()}, {window.height() / 2}, Qt::Vertical);
        }
    };
    // Grabs the window (after layouts and the highlighter settled) and quits.
    auto takeScreenshot = [&] {
        QTimer::singleShot(400, &window, [&] {
            const bool ok = window.grab().save(screenshot);
            if (!ok)
                std::fprintf(stderr, "%s\n", qPrintable(Tr::tr("Cannot write %1").arg(screenshot)));
            QApplication::exit(ok ? 0 : 1);
        });
    };
    const QStringList runSpecs = parser.values(runTestsOption);
    if (!runSpecs.isEmpty() && !screenshot.isEmpty()) {
        QObject::connect(window.runWorkbench()->controller(), &trellis::ui::RunController::runFinished, &window, [&] {
            trellis::ui::RunPanel *panel = window.runWorkbench()->panel();
            panel->resultsView()->expandAll();
            if (!panel->selectFirstFailure())
                panel->resultsView()->setCurrentIndex(panel->resultsView()->model()->index(0, 0, panel->resultsView()->model()->index(0, 0)));
            takeScreenshot();
        });
    }

    bool firstLoad = true;
    QObject::connect(&window, &trellis::ui::MainWindow::snapshotShown, &window, [&](const trellis::ui::SnapshotPtr &snapshot) {
        if (!firstLoad)
            return;
        firstLoad = false;
        applyViewOptions(snapshot);
        if (!runSpecs.isEmpty()) {
            const bool started = runSpecs == QStringList{QStringLiteral("changed")}
                                     ? window.runWorkbench()->runChanged(trellis::ui::GoalKind::Test)
                                     : window.runWorkbench()->runSpecs(trellis::ui::GoalKind::Test, runSpecs);
            if (started || screenshot.isEmpty())
                return;
        }
        if (!screenshot.isEmpty() && parser.value(viewOption) == QLatin1String("graph")) {
            // The layout runs on a worker thread: shoot once the new picture is in, after
            // opening the --graph-open components one picture at a time.
            auto opens = std::make_shared<QStringList>(parser.values(graphOpenOption));
            const QString edgeKind = parser.value(graphEdgeOption);
            auto connection = std::make_shared<QMetaObject::Connection>();
            *connection = QObject::connect(window.graphPanel(), &trellis::ui::GraphPanel::pictureChanged, &window, [&, opens, edgeKind, connection] {
                trellis::ui::GraphPanel *panel = window.graphPanel();
                while (!opens->isEmpty()) {
                    const QString id = opens->takeFirst();
                    if (panel->openComponent(id.toStdString()))
                        return; // the next picture continues
                    std::fprintf(stderr, "%s\n", qPrintable(Tr::tr("Cannot open %1 in the graph").arg(id)));
                }
                QObject::disconnect(*connection);
                if (!edgeKind.isEmpty() && !panel->showFirstEdge(edgeKind))
                    std::fprintf(stderr, "%s\n", qPrintable(Tr::tr("No %1 edge in the graph").arg(edgeKind)));
                if (parser.isSet(graphSearchOption)) {
                    panel->setSearchText(parser.value(graphSearchOption));
                    panel->searchNext();
                }
                if (parser.isSet(graphWhyOption)) {
                    const QStringList ends = parser.value(graphWhyOption).split(QLatin1Char(','));
                    const auto boxOf = [panel](const QString &id) {
                        const auto &nodes = panel->scene()->visual().nodes;
                        for (size_t i = 0; i < nodes.size(); ++i)
                            if (nodes[i].title == id || nodes[i].label == id)
                                return int(i);
                        return -1;
                    };
                    if (ends.size() != 2 || !panel->showWhyPath(boxOf(ends[0]), boxOf(ends[1])))
                        std::fprintf(stderr, "%s\n", qPrintable(Tr::tr("No dependency path for %1").arg(parser.value(graphWhyOption))));
                }
                takeScreenshot();
            });
            return;
        }
        if (!screenshot.isEmpty() && parser.value(viewOption) == QLatin1String("changed")) {
            // Computed on a worker thread: shoot once the last computation is shown, with
            // the --focus target (else the farthest affected test target) and its chain selected.
            auto *changedView = window.findChild<trellis::ui::ChangedView *>();
            auto connection = std::make_shared<QMetaObject::Connection>();
            *connection = QObject::connect(changedView, &trellis::ui::ChangedView::computed, &window, [&, changedView, connection, snapshot] {
                if (changedView->isComputing())
                    return;
                QObject::disconnect(*connection);
                int node = -1;
                if (parser.isSet(focusOption))
                    if (auto address = trellis::workspace::Address::parse(parser.value(focusOption).toStdString()))
                        node = snapshot->workspace->indexOf(*address);
                if (node < 0) {
                    // The affected test target farthest from a change (else any target).
                    const auto &explanation = changedView->model()->explanation();
                    int farthest = -1;
                    for (const auto &t : explanation.targets)
                        if (int score = t.distance() + (trellis::changed::isTestTarget(snapshot->target(t.node)) ? 1000 : 0);
                            score > farthest) {
                            farthest = score;
                            node = t.node;
                        }
                }
                if (node >= 0 && !changedView->selectTarget(node))
                    std::fprintf(stderr, "%s\n", qPrintable(Tr::tr("%1 is not affected").arg(parser.value(focusOption))));
                takeScreenshot();
            });
            return;
        }
        if (!screenshot.isEmpty() && parser.value(viewOption) == QLatin1String("release")) {
            // The status is computed on a worker thread: shoot once it is shown.
            QObject::connect(window.findChild<trellis::ui::ReleaseView *>(), &trellis::ui::ReleaseView::statusUpdated, &window,
                             takeScreenshot, Qt::SingleShotConnection);
            return;
        }
        if (!screenshot.isEmpty())
            takeScreenshot();
    });
    if (!screenshot.isEmpty()) {
        QObject::connect(window.controller(), &trellis::ui::WorkspaceController::loadFailed, &window,
                         [&](const QString &, const QString &message) {
                             std::fprintf(stderr, "%s\n", qPrintable(message));
                             QApplication::exit(1);
                         });
    }

    window.show();
    const QStringList args = parser.positionalArguments();
    if (parser.isSet(demoOption))
        window.openDemoWorkspace();
    else if (!args.isEmpty())
        window.openWorkspace(QFileInfo(args.first()).absoluteFilePath());
    else if (!screenshot.isEmpty()) {
        // Nothing to load: render the empty state.
        QTimer::singleShot(300, &window, [&] { QApplication::exit(window.grab().save(screenshot) ? 0 : 1); });
    }
    return app.exec();
}
