#include "ui/graph/graphmodel.h"

#include "ui/uitr.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <map>

namespace trellis::ui {

namespace {

using graph::NodeId;

QString qstr(const std::string &s) { return QString::fromStdString(s); }

/// The last part of an address: "util.py", "app:lib", "reqs#six", "app".
QString shortName(const workspace::Address &address)
{
    if (address.isFileTarget()) {
        const std::string path = address.filePath();
        const size_t slash = path.rfind('/');
        return qstr(slash == std::string::npos ? path : path.substr(slash + 1));
    }
    const std::string full = address.toString();
    const size_t slash = address.specPath.rfind('/');
    if (address.specPath.empty())
        return qstr(full);
    return qstr(full.substr(slash == std::string::npos ? 0 : slash + 1));
}

/// The first `depth` components of a directory ("" for depth 0).
std::string dirPrefix(const std::string &dir, int depth)
{
    if (depth <= 0)
        return {};
    size_t pos = 0;
    for (int i = 0; i < depth; ++i) {
        pos = dir.find('/', pos);
        if (pos == std::string::npos)
            return dir;
        if (i + 1 < depth)
            ++pos;
    }
    return dir.substr(0, pos);
}

int dirDepth(const std::string &dir)
{
    return dir.empty() ? 0 : int(std::count(dir.begin(), dir.end(), '/')) + 1;
}

QString dirLabel(const std::string &dir) { return dir.empty() ? QStringLiteral("//") : qstr(dir) + QLatin1Char('/'); }

/// Lower value = stronger reason (Explicit, then Inferred, then the rest).
bool strongerKind(graph::EdgeKind a, graph::EdgeKind b) { return int(a) < int(b); }

} // namespace

TargetCategory categoryOfType(const std::string &type)
{
    const auto has = [&](std::string_view s) { return type.find(s) != std::string::npos; };
    if (has("test"))
        return TargetCategory::Test;
    if (has("requirement") || has("lockfile"))
        return TargetCategory::Requirement;
    if (type.rfind("resource", 0) == 0 || type.rfind("file", 0) == 0 || type == "relocated_files" || type == "archive")
        return TargetCategory::Resource;
    if (has("binary") || type == "python_distribution" || type.rfind("docker", 0) == 0)
        return TargetCategory::Binary;
    if (type.rfind("python", 0) == 0)
        return TargetCategory::Source;
    return TargetCategory::Other;
}

int VisualGraph::nodeOfTarget(NodeId target) const
{
    const auto it = boxOfTarget.find(target);
    return it == boxOfTarget.end() ? -1 : it->second;
}

VisualGraph buildVisualGraph(const graph::TargetGraph &graph, const GraphQuery &query, const base::CancelToken &cancel)
{
    VisualGraph out;
    const int n = graph.nodeCount();
    const auto valid = [n](NodeId v) { return v >= 0 && v < n; };

    // 1. Selection.
    std::vector<char> selected(size_t(n), 0);
    std::vector<int> distance(size_t(n), -1);
    std::vector<char> frontier(size_t(n), 0);
    std::set<std::pair<NodeId, NodeId>> pathEdges;
    std::vector<NodeId> pinned;
    out.pathMode = valid(query.pathFrom) && valid(query.pathTo);
    if (out.pathMode) {
        const auto paths = graph::findPaths(graph, query.pathFrom, query.pathTo, {.maxPaths = 64, .maxLength = 32});
        out.pathCount = int(paths.size());
        for (const auto &path : paths) {
            for (size_t i = 0; i < path.size(); ++i) {
                selected[size_t(path[i])] = 1;
                if (i + 1 < path.size())
                    pathEdges.emplace(path[i], path[i + 1]);
            }
        }
        selected[size_t(query.pathFrom)] = selected[size_t(query.pathTo)] = 1;
        pinned = {query.pathFrom, query.pathTo};
    } else if (valid(query.focus)) {
        graph::SubgraphRequest request;
        request.focus = query.focus;
        request.hops = std::clamp(query.hops, 0, 5);
        request.direction = query.direction;
        request.expanded = true;
        request.maxNodes = query.maxSelection;
        const graph::Subgraph sub = graph::extractSubgraph(graph, request);
        out.capped = sub.capped;
        for (size_t i = 0; i < sub.nodes.size(); ++i) {
            selected[size_t(sub.nodes[i])] = 1;
            distance[size_t(sub.nodes[i])] = sub.distance[i];
        }
        for (NodeId v : sub.frontier)
            frontier[size_t(v)] = 1;
        pinned = {query.focus};
    } else {
        // The whole workspace: a generator that generates something is drawn through its
        // generated targets (the expanded view), so it is left out itself.
        for (NodeId v = 0; v < n; ++v) {
            const auto expansion = graph.expansionOf(v);
            selected[size_t(v)] = expansion.size() == 1 && expansion[0] == v;
        }
    }
    if (cancel.isCancelled()) {
        out.cancelled = true;
        return out;
    }

    // 2. Filters (pinned targets always stay).
    for (NodeId v = 0; v < n; ++v) {
        if (!selected[size_t(v)] || std::find(pinned.begin(), pinned.end(), v) != pinned.end())
            continue;
        const std::string &type = graph.target(v).type;
        const TargetCategory category = categoryOfType(type);
        if ((!query.showRequirements && category == TargetCategory::Requirement)
            || (!query.showResources && category == TargetCategory::Resource)
            || (!query.showTests && category == TargetCategory::Test) || query.hiddenTypes.count(type))
            selected[size_t(v)] = 0;
    }
    std::vector<NodeId> nodes;
    for (NodeId v = 0; v < n; ++v) {
        if (selected[size_t(v)])
            nodes.push_back(v);
    }
    out.selectedTargets = int(nodes.size());

    // 3. Cycles over the whole graph: component id per node.
    std::vector<int> component(size_t(n), -1);
    std::vector<char> componentRejected;
    for (const graph::Cycle &cycle : graph::findCycles(graph)) {
        for (NodeId v : cycle.members)
            component[size_t(v)] = int(componentRejected.size());
        componentRejected.push_back(!cycle.allowed);
    }

    // 4. Folding: the finest grouping level that fits the bound.
    const auto isPinned = [&](NodeId v) { return std::find(pinned.begin(), pinned.end(), v) != pinned.end(); };
    int maxDepth = 0;
    for (NodeId v : nodes)
        maxDepth = std::max(maxDepth, dirDepth(graph.address(v).residenceDir()));
    const auto keyOf = [&](NodeId v, Grouping level, int depth) -> std::string {
        const workspace::Address &address = graph.address(v);
        if (level == Grouping::None || isPinned(v))
            return "\x01" + std::to_string(v);
        std::string key;
        if (level == Grouping::ByBuildTarget)
            key = "\x02" + (address.isGenerated() ? address.generatorAddress().toString() : address.toString());
        else if (level == Grouping::ByDirectory)
            key = "\x03" + address.residenceDir();
        else
            key = "\x03" + dirPrefix(address.residenceDir(), depth);
        // A group expanded in place shows its members individually.
        return query.expandedGroups.count(key) ? "\x01" + std::to_string(v) : key;
    };
    const auto countKeys = [&](Grouping level, int depth) {
        std::set<std::string> keys;
        for (NodeId v : nodes)
            keys.insert(keyOf(v, level, depth));
        return int(keys.size());
    };
    const int bound = std::max(query.maxNodes, int(pinned.size()) + 1);
    Grouping level = Grouping::None;
    int depth = 0;
    if (int(nodes.size()) > bound) {
        level = Grouping::ByBuildTarget;
        if (countKeys(level, 0) > bound) {
            level = Grouping::ByDirectory;
            if (countKeys(level, 0) > bound) {
                level = Grouping::ByParentDirectory;
                for (depth = maxDepth - 1; depth > 0 && countKeys(level, depth) > bound; --depth) {
                    if (cancel.isCancelled())
                        break;
                }
            }
        }
    }
    out.grouping = level;
    out.groupDepth = depth;

    // 5. Boxes, in the order of their first member (Address order).
    std::map<std::string, int> boxOfKey;
    std::vector<int> boxOf(size_t(n), -1);
    for (NodeId v : nodes) {
        const std::string key = keyOf(v, level, depth);
        auto [it, inserted] = boxOfKey.emplace(key, int(out.nodes.size()));
        if (inserted) {
            VisualNode box;
            const std::string body = key.substr(1);
            if (key[0] != '\x01')
                box.groupKey = key;
            if (key[0] == '\x02') {
                box.title = qstr(body);
                const auto generator = workspace::Address::parse(body);
                box.label = generator ? shortName(*generator) : box.title;
                box.directory = qstr(graph.address(v).specPath);
            } else if (key[0] == '\x03') {
                box.title = dirLabel(body);
                box.label = box.title;
                box.directory = qstr(body);
            }
            out.nodes.push_back(std::move(box));
        }
        VisualNode &box = out.nodes[size_t(it->second)];
        box.members.push_back(v);
        if (distance[size_t(v)] >= 0 && (box.distance < 0 || distance[size_t(v)] < box.distance))
            box.distance = distance[size_t(v)];
        box.frontier = box.frontier || frontier[size_t(v)];
        box.inCycle = box.inCycle || component[size_t(v)] >= 0;
        boxOf[size_t(v)] = it->second;
    }
    for (VisualNode &box : out.nodes) {
        if (box.members.size() != 1)
            continue;
        // A group of one is drawn as the target itself.
        const NodeId v = box.members.front();
        const workspace::Address &address = graph.address(v);
        box.target = v;
        box.label = shortName(address);
        box.title = qstr(address.toString());
        box.directory = qstr(address.residenceDir());
        box.type = graph.target(v).type;
        box.focus = !out.pathMode && v == query.focus;
        box.onPath = out.pathMode && (v == query.pathFrom || v == query.pathTo);
    }
    for (size_t i = 0; i < out.nodes.size(); ++i) {
        if (!out.nodes[i].isGroup())
            out.boxOfTarget.emplace(out.nodes[i].target, int(i));
    }
    if (cancel.isCancelled()) {
        out.cancelled = true;
        return out;
    }

    // 6. Arrows: expanded dependencies between selected targets, folded per box pair.
    std::map<std::pair<int, int>, VisualEdge> arrows;
    const auto addArrow = [&](NodeId v, NodeId w) {
        const int from = boxOf[size_t(v)];
        const int to = boxOf[size_t(w)];
        if (from < 0 || to < 0 || from == to)
            return;
        const graph::EdgeId e = graph.explainingEdge(v, w);
        const graph::EdgeKind kind = e >= 0 ? graph.edgeKind(e) : graph::EdgeKind::Explicit;
        const bool sameCycle = component[size_t(v)] >= 0 && component[size_t(v)] == component[size_t(w)];
        auto [it, inserted] = arrows.try_emplace({from, to});
        VisualEdge &arrow = it->second;
        if (inserted) {
            arrow.from = from;
            arrow.to = to;
            arrow.kind = kind;
            arrow.graphEdge = e;
        } else {
            ++arrow.count;
            arrow.graphEdge = -1;
            if (strongerKind(kind, arrow.kind))
                arrow.kind = kind;
        }
        if (sameCycle) {
            arrow.inCycle = true;
            arrow.cycleRejected = arrow.cycleRejected || componentRejected[size_t(component[size_t(v)])];
        }
        arrow.onPath = arrow.onPath || pathEdges.count({v, w});
    };
    if (out.pathMode) {
        for (const auto &[v, w] : pathEdges)
            addArrow(v, w);
    } else {
        for (NodeId v : nodes) {
            for (NodeId w : graph.expandedDependencies(v)) {
                if (selected[size_t(w)])
                    addArrow(v, w);
            }
        }
    }
    out.edges.reserve(arrows.size());
    for (auto &[key, arrow] : arrows)
        out.edges.push_back(arrow);
    for (const VisualEdge &arrow : out.edges) {
        if (arrow.onPath)
            out.nodes[size_t(arrow.from)].onPath = out.nodes[size_t(arrow.to)].onPath = true;
    }
    return out;
}

LabelMetrics LabelMetrics::fromFont(const QFont &font)
{
    LabelMetrics metrics;
    const QFontMetricsF fm(font);
    for (int c = 0; c < 95; ++c)
        metrics.advance[size_t(c)] = fm.horizontalAdvance(QChar(c + 32));
    metrics.fallback = fm.horizontalAdvance(QLatin1Char('M'));
    metrics.height = fm.height();
    return metrics;
}

double LabelMetrics::width(const QString &text) const
{
    double w = 0;
    for (QChar ch : text) {
        const ushort c = ch.unicode();
        w += (c >= 32 && c < 127) ? advance[size_t(c - 32)] : fallback;
    }
    return w;
}

QString secondaryLine(const VisualNode &node, bool clusterByDirectory)
{
    if (!node.secondary.isEmpty())
        return node.secondary;
    if (node.isGroup())
        return Tr::tr("%n target(s)", nullptr, int(node.members.size()));
    if (clusterByDirectory)
        return {};
    return node.directory.isEmpty() ? QStringLiteral("//") : node.directory;
}

LayoutInput toLayoutInput(const VisualGraph &visual, const BoxMetrics &metrics, LayoutDirection direction,
                          bool clusterByDirectory)
{
    LayoutInput in;
    in.direction = direction;
    in.clusterLabelHeight = metrics.secondary.height + 4;
    std::map<QString, int> clusterOf;
    in.nodes.reserve(visual.nodes.size());
    for (const VisualNode &node : visual.nodes) {
        LayoutInputNode box;
        box.label = node.label;
        const QString second = secondaryLine(node, clusterByDirectory);
        const double textWidth = std::max(metrics.primary.width(node.label), metrics.secondary.width(second));
        box.width = std::ceil(textWidth + 2 * metrics.paddingX + metrics.badgeRoom);
        box.height = std::ceil(metrics.primary.height + (second.isEmpty() ? 0 : metrics.secondary.height)
                               + 2 * metrics.paddingY);
        if (clusterByDirectory && !node.isGroup()) {
            auto [it, inserted] = clusterOf.emplace(node.directory, int(in.clusters.size()));
            if (inserted)
                in.clusters.push_back(node.directory.isEmpty() ? QStringLiteral("//") : node.directory + QLatin1Char('/'));
            box.cluster = it->second;
        }
        in.nodes.push_back(box);
    }
    in.edges.reserve(visual.edges.size());
    for (const VisualEdge &edge : visual.edges) {
        LayoutInputEdge arrow;
        arrow.from = edge.from;
        arrow.to = edge.to;
        switch (edge.kind) {
        case graph::EdgeKind::Explicit:
        case graph::EdgeKind::EntryPoint: arrow.style = QStringLiteral("solid"); break;
        case graph::EdgeKind::Inferred: arrow.style = QStringLiteral("dashed"); break;
        default: arrow.style = QStringLiteral("dotted"); break;
        }
        if (edge.inCycle)
            arrow.color = QStringLiteral("red");
        in.edges.push_back(arrow);
    }
    return in;
}

VisualGraph visualFromComponents(const graph::ComponentIndex &index, const graph::ComponentView &view)
{
    const graph::TargetGraph &g = index.graph();
    const QLocale locale;
    VisualGraph out;
    out.components = true;
    out.selectedTargets = view.selectedTargets;
    out.nodes.reserve(view.nodes.size());
    for (const graph::ViewNode &n : view.nodes) {
        VisualNode box;
        box.members = n.members;
        box.componentId = n.id;
        box.groupKey = n.id;
        box.aggregate = n.kind == graph::ViewNodeKind::Aggregate;
        box.focus = n.kind == graph::ViewNodeKind::Focus;
        box.openable = n.openable;
        box.distance = n.relation.empty() ? -1 : n.distance;
        box.label = QString::fromStdString(n.label);
        box.title = QString::fromStdString(n.id);
        if (box.aggregate) {
            box.secondary = Tr::tr("double-click to show more");
        } else {
            box.secondary = Tr::tr("%1 targets · %2 files").arg(locale.toString(n.targets), locale.toString(n.files));
            if (n.targets == 1)
                box.secondary = Tr::tr("1 target · %1 files").arg(locale.toString(n.files));
        }
        QStringList tip;
        tip << QStringLiteral("<b>%1</b>").arg(box.label.toHtmlEscaped());
        if (!n.module.empty())
            tip << Tr::tr("Package <tt>%1</tt> in source root <tt>%2</tt>")
                       .arg(QString::fromStdString(n.module).toHtmlEscaped(),
                            QString::fromStdString(n.sourceRoot.empty() ? std::string("/") : n.sourceRoot).toHtmlEscaped());
        if (box.aggregate)
            tip << Tr::tr("Stands for %1 components; double-click to show the largest").arg(locale.toString(n.components));
        else
            tip << Tr::tr("%1 targets, %2 files, %3 edges inside")
                       .arg(locale.toString(n.targets), locale.toString(n.files), locale.toString(n.internalEdges));
        if (!n.relation.empty() && n.relation != "focus")
            tip << Tr::tr("%1 of the focus, %n hop(s) away", nullptr, n.distance).arg(QString::fromStdString(n.relation));
        if (n.openable)
            tip << Tr::tr("Double-click to open it in place");
        box.toolTip = tip.join(QStringLiteral("<br>"));
        out.nodes.push_back(std::move(box));
    }
    for (const graph::ViewCycle &c : view.cycles)
        for (int i : c.nodes)
            out.nodes[size_t(i)].inCycle = true;
    out.edges.reserve(view.edges.size());
    for (size_t i = 0; i < view.edges.size(); ++i) {
        const graph::ViewEdge &e = view.edges[i];
        VisualEdge arrow;
        arrow.from = e.from;
        arrow.to = e.to;
        arrow.kind = graph::EdgeKind::Explicit;
        arrow.count = std::max(1, e.imports);
        arrow.inCycle = e.inCycle;
        arrow.viewEdge = int(i);
        arrow.violations = e.violations;
        QStringList tip;
        tip << QStringLiteral("<b>%1</b> → <b>%2</b>")
                   .arg(out.nodes[size_t(e.from)].label.toHtmlEscaped(), out.nodes[size_t(e.to)].label.toHtmlEscaped());
        tip << Tr::tr("%1 imports over %2 target dependencies").arg(locale.toString(e.imports), locale.toString(e.edges));
        if (e.violations > 0)
            tip << QStringLiteral("<span style='color:#d02020'>%1</span>")
                       .arg(Tr::tr("%n dependency(ies) break a visibility rule", nullptr, e.violations));
        if (e.inCycle)
            tip << Tr::tr("Part of a cycle between packages");
        tip << Tr::tr("Click for the import lines");
        arrow.toolTip = tip.join(QStringLiteral("<br>"));
        out.edges.push_back(std::move(arrow));
    }
    for (size_t i = 0; i < out.nodes.size(); ++i)
        for (graph::NodeId m : out.nodes[i].members)
            out.boxOfTarget.emplace(m, int(i));
    (void)g;
    return out;
}

} // namespace trellis::ui
