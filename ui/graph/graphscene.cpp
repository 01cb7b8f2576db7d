#include "ui/graph/graphscene.h"

#include "ui/uitr.h"

#include <QGraphicsItem>
#include <QGraphicsSceneHelpEvent>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>
#include <QToolTip>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace trellis::ui {

namespace {

constexpr double kRadius = 6;
constexpr int kMaxEvidenceLines = 8;

QString qstr(const std::string &s) { return QString::fromStdString(s); }
QString esc(const QString &s) { return s.toHtmlEscaped(); }

int hueOf(TargetCategory category)
{
    switch (category) {
    case TargetCategory::Source: return 212;
    case TargetCategory::Test: return 140;
    case TargetCategory::Requirement: return 32;
    case TargetCategory::Resource: return 180;
    case TargetCategory::Binary: return 275;
    case TargetCategory::Other: return -1;
    }
    return -1;
}

QString kindText(graph::EdgeKind kind)
{
    switch (kind) {
    case graph::EdgeKind::Explicit: return Tr::tr("explicit dependency");
    case graph::EdgeKind::Inferred: return Tr::tr("inferred from imports");
    case graph::EdgeKind::Generated: return Tr::tr("generated target");
    case graph::EdgeKind::Conftest: return Tr::tr("conftest.py");
    case graph::EdgeKind::InitFile: return Tr::tr("__init__.py");
    case graph::EdgeKind::EntryPoint: return Tr::tr("entry point");
    case graph::EdgeKind::Requirement: return Tr::tr("requirements file");
    }
    return {};
}

} // namespace

// ---------------------------------------------------------------------------------------

/// One box. Paints from the scene's state; index into GraphScene::visual().nodes.
class GraphNodeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 1 };

    GraphNodeItem(const GraphScene *scene, int index, const QRectF &rect)
        : m_scene(scene), m_index(index), m_rect(rect)
    {
        setAcceptHoverEvents(true);
        setZValue(2);
        // Text is the expensive part of a box; panning then only blits pixmaps.
        setCacheMode(QGraphicsItem::DeviceCoordinateCache);
    }

    int type() const override { return Type; }
    int index() const { return m_index; }
    const QRectF &rect() const { return m_rect; }
    // Room for the selection and overlay rings around the box.
    QRectF boundingRect() const override { return m_rect.adjusted(-6, -6, 6, 6); }
    QPainterPath shape() const override
    {
        QPainterPath path;
        path.addRoundedRect(m_rect, kRadius, kRadius);
        return path;
    }

    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *) override
    {
        const GraphStyle &style = m_scene->style();
        const VisualNode &node = m_scene->visual().nodes[size_t(m_index)];
        const TargetCategory category = node.isGroup() ? TargetCategory::Other : categoryOfType(node.type);
        const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
        const bool selected = m_scene->selectedBox() == m_index;
        const bool match = m_scene->isSearchMatch(m_index);
        if (m_scene->searchActive() && !match && !selected)
            painter->setOpacity(0.28);
        painter->setRenderHint(QPainter::Antialiasing, lod > 0.3);

        // Overlay rings, outermost first.
        const auto ring = [&](double grow, const QColor &color, double width, Qt::PenStyle penStyle) {
            QPen pen(color, width, penStyle);
            painter->setPen(pen);
            painter->setBrush(Qt::NoBrush);
            painter->drawRoundedRect(m_rect.adjusted(-grow, -grow, grow, grow), kRadius + grow, kRadius + grow);
        };
        if (m_scene->isChanged(m_index))
            ring(3.5, style.changed, 2.5, Qt::SolidLine);
        else if (m_scene->isAffected(m_index))
            ring(3.5, style.affected, 2, Qt::SolidLine);

        const QColor fill = style.fill(category, node.isGroup());
        const QColor border = style.border(category, node.isGroup());
        if (node.isGroup() && !node.aggregate) {
            // A stacked look: a second card peeking out behind the group.
            painter->setPen(QPen(border, 1));
            painter->setBrush(fill.darker(style.dark ? 80 : 106));
            painter->drawRoundedRect(m_rect.translated(3, 3), kRadius, kRadius);
        }
        painter->setBrush(m_hovered ? (style.dark ? fill.lighter(125) : fill.darker(104)) : fill);
        QPen pen(selected || match ? style.selection : border, selected ? 2.6 : node.focus ? 2.2 : match ? 2 : 1.1);
        if (node.aggregate)
            pen.setStyle(Qt::DashLine);
        painter->setPen(pen);
        painter->drawRoundedRect(m_rect, kRadius, kRadius);
        if (node.focus && !selected) {
            painter->setPen(QPen(border, 1));
            painter->setBrush(Qt::NoBrush);
            painter->drawRoundedRect(m_rect.adjusted(2.5, 2.5, -2.5, -2.5), kRadius - 2, kRadius - 2);
        }

        if (lod < 0.35)
            return; // too small to read: boxes only, which also keeps panning cheap

        const QString second = secondaryLine(node, m_scene->clusterByDirectory());
        const BoxMetrics &metrics = m_scene->boxMetrics();
        QFont primary = style.primaryFont;
        primary.setBold(node.focus || node.isGroup());
        painter->setFont(primary);
        painter->setPen(style.text);
        const double x = m_rect.left() + metrics.paddingX;
        const double w = m_rect.width() - 2 * metrics.paddingX;
        QRectF line(x, m_rect.top() + metrics.paddingY, w + metrics.badgeRoom, metrics.primary.height);
        painter->drawText(line, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, node.label);
        if (!second.isEmpty()) {
            painter->setFont(style.secondaryFont);
            painter->setPen(style.dimText);
            line = QRectF(x, line.bottom(), w + metrics.badgeRoom, metrics.secondary.height);
            painter->drawText(line, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, second);
        }

        const int test = m_scene->testState(m_index);
        if (test != 0) {
            const QPointF centre(m_rect.right() - 7, m_rect.top() + 7);
            painter->setPen(Qt::NoPen);
            painter->setBrush(test > 0 ? style.passed : style.failed);
            painter->drawEllipse(centre, 5, 5);
            painter->setPen(QPen(Qt::white, 1.4, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            if (test > 0) {
                const QPointF tick[] = {centre + QPointF(-2.4, 0.2), centre + QPointF(-0.6, 2), centre + QPointF(2.5, -1.8)};
                painter->drawPolyline(tick, 3);
            } else {
                painter->drawLine(centre + QPointF(-2, -2), centre + QPointF(2, 2));
                painter->drawLine(centre + QPointF(-2, 2), centre + QPointF(2, -2));
            }
        }
        if (node.frontier) {
            // "More neighbours than shown": three dots on the bottom edge.
            painter->setPen(Qt::NoPen);
            painter->setBrush(border);
            const double y = m_rect.bottom();
            for (int i = -1; i <= 1; ++i)
                painter->drawEllipse(QPointF(m_rect.center().x() + i * 5, y), 1.6, 1.6);
        }
    }

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent *) override { m_hovered = true; update(); }
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *) override { m_hovered = false; update(); }

private:
    const GraphScene *m_scene; // not owned; owns this item
    int m_index;
    QRectF m_rect;
    bool m_hovered = false;
};

// ---------------------------------------------------------------------------------------

/// One arrow: the spline from the layout plus a filled arrowhead.
class GraphEdgeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 2 };

    GraphEdgeItem(const GraphScene *scene, int index, const LayoutEdge &geometry)
        : m_scene(scene), m_index(index)
    {
        setAcceptHoverEvents(true);
        setZValue(1);
        const auto &p = geometry.points;
        if (!p.empty()) {
            m_path.moveTo(p[0]);
            for (size_t i = 1; i + 2 < p.size(); i += 3)
                m_path.cubicTo(p[i], p[i + 1], p[i + 2]);
        }
        if (geometry.hasArrow && !p.empty()) {
            const QPointF base = p.back();
            const QPointF tip = geometry.arrowTip;
            const QPointF d = tip - base;
            const double len = std::hypot(d.x(), d.y());
            if (len > 0.01) {
                const QPointF normal(-d.y() / len, d.x() / len);
                const double half = std::max(2.6, len * 0.42);
                m_arrow << tip << base + normal * half << base - normal * half;
            }
        }
        m_bounds = m_path.boundingRect().united(m_arrow.boundingRect()).adjusted(-4, -4, 4, 4);
    }

    int type() const override { return Type; }
    int index() const { return m_index; }
    QRectF boundingRect() const override { return m_bounds; }
    QPainterPath shape() const override
    {
        if (m_shape.isEmpty()) {
            QPainterPathStroker stroker;
            stroker.setWidth(7);
            m_shape = stroker.createStroke(m_path);
            m_shape.addPolygon(m_arrow);
        }
        return m_shape;
    }

    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *) override
    {
        const GraphStyle &style = m_scene->style();
        const VisualEdge &edge = m_scene->visual().edges[size_t(m_index)];
        const int selected = m_scene->selectedBox();
        const bool incident = selected >= 0 && (edge.from == selected || edge.to == selected);
        // A marked chain ("why") keeps only its own arrows; a search keeps those touching a match.
        const bool searchDim = m_scene->searchActive()
                               && (m_scene->markedPath().empty()
                                       ? !m_scene->isSearchMatch(edge.from) && !m_scene->isSearchMatch(edge.to)
                                       : !edge.onPath);
        const bool selectionDim = (selected >= 0 && !incident && !edge.onPath)
                                  || (m_scene->selectedEdge() >= 0 && m_scene->selectedEdge() != m_index
                                      && !(edge.inCycle && m_scene->visual().edges[size_t(m_scene->selectedEdge())].inCycle));
        if (searchDim)
            painter->setOpacity(0.18);
        else if (selectionDim)
            painter->setOpacity(0.45);
        const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
        painter->setRenderHint(QPainter::Antialiasing, lod > 0.3);

        QColor color = style.edge;
        double width = 1.1 + std::log2(double(edge.count)) * 0.6;
        if (GraphStyle::penStyle(edge.kind) == Qt::DotLine)
            color.setAlphaF(0.55); // structural edges (generated, conftest, __init__): background
        if (m_scene->visual().components) {
            // Component views: import counts span 1..thousands, so the pen grows slowly.
            width = 1.0 + std::log2(double(edge.count)) * 0.45;
            if (edge.violations > 0)
                color = style.violation;
            else if (edge.inCycle)
                color = style.packageCycle;
        } else if (edge.inCycle) {
            color = style.cycle;
            if (!edge.cycleRejected)
                color.setAlphaF(0.75);
        }
        if (edge.onPath || incident) {
            color = style.selection;
            width += 0.9;
        }
        if (m_scene->selectedEdge() == m_index) {
            color = style.selection;
            width += 2.0;
        }
        if (m_hovered)
            width += 1.2;
        QPen pen(color, width, GraphStyle::penStyle(edge.kind), Qt::RoundCap, Qt::RoundJoin);
        if (pen.style() == Qt::DotLine)
            pen.setDashPattern({1, 2.5});
        else if (pen.style() == Qt::DashLine)
            pen.setDashPattern({4, 3});
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(m_path);
        if (!m_arrow.isEmpty()) {
            painter->setPen(QPen(color, 1, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            painter->setBrush(color);
            painter->drawPolygon(m_arrow);
        }
    }

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent *) override { m_hovered = true; update(); }
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *) override { m_hovered = false; update(); }

private:
    const GraphScene *m_scene; // not owned; owns this item
    int m_index;
    QPainterPath m_path;
    QPolygonF m_arrow;
    QRectF m_bounds;
    mutable QPainterPath m_shape; // built on first hit test
    bool m_hovered = false;
};

// ---------------------------------------------------------------------------------------

/// A directory frame with its caption.
class GraphClusterItem : public QGraphicsItem {
public:
    GraphClusterItem(const GraphScene *scene, const LayoutCluster &cluster)
        : m_scene(scene), m_cluster(cluster)
    {
        setZValue(0);
    }

    QRectF boundingRect() const override { return m_cluster.rect.adjusted(-1, -1, 1, 1); }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *) override
    {
        const GraphStyle &style = m_scene->style();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(QPen(style.clusterBorder, 1));
        painter->setBrush(style.clusterFill);
        painter->drawRoundedRect(m_cluster.rect, 8, 8);
        painter->setFont(style.secondaryFont);
        painter->setPen(style.dimText);
        painter->drawText(m_cluster.rect.adjusted(8, 3, -8, 0), Qt::AlignLeft | Qt::AlignTop | Qt::TextSingleLine,
                          m_cluster.label);
    }

private:
    const GraphScene *m_scene; // not owned; owns this item
    LayoutCluster m_cluster;
};

// ---------------------------------------------------------------------------------------

GraphStyle GraphStyle::fromPalette(const QPalette &palette, const QFont &baseFont)
{
    GraphStyle s;
    s.background = palette.color(QPalette::Base);
    s.dark = s.background.lightness() < 128;
    s.text = palette.color(QPalette::Text);
    s.dimText = s.text;
    s.dimText.setAlphaF(0.62);
    s.edge = s.dark ? QColor(150, 160, 175) : QColor(105, 115, 130);
    s.selection = palette.color(QPalette::Highlight);
    if (s.selection.hslSaturation() < 40)
        s.selection = s.dark ? QColor(90, 160, 255) : QColor(20, 110, 230);
    s.cycle = s.dark ? QColor(255, 110, 100) : QColor(205, 40, 40);
    s.violation = s.dark ? QColor(255, 80, 80) : QColor(215, 25, 25);
    s.packageCycle = s.dark ? QColor(255, 170, 50) : QColor(235, 125, 0);
    s.changed = s.dark ? QColor(255, 170, 60) : QColor(235, 130, 0);
    s.affected = s.dark ? QColor(200, 140, 255) : QColor(140, 70, 210);
    s.passed = QColor(40, 160, 80);
    s.failed = QColor(215, 50, 50);
    s.clusterFill = s.dark ? QColor(255, 255, 255, 10) : QColor(0, 40, 90, 9);
    s.clusterBorder = s.dark ? QColor(255, 255, 255, 40) : QColor(0, 40, 90, 45);
    s.primaryFont = baseFont;
    s.primaryFont.setPointSizeF(std::max(7.0, baseFont.pointSizeF() * 0.95));
    s.secondaryFont = baseFont;
    s.secondaryFont.setPointSizeF(std::max(6.0, baseFont.pointSizeF() * 0.8));
    return s;
}

QColor GraphStyle::fill(TargetCategory category, bool group) const
{
    const int hue = hueOf(category);
    if (group)
        return dark ? QColor(58, 62, 70) : QColor(238, 240, 244);
    if (hue < 0)
        return dark ? QColor(64, 64, 68) : QColor(240, 240, 240);
    return dark ? QColor::fromHsl(hue, 70, 62) : QColor::fromHsl(hue, 170, 236);
}

QColor GraphStyle::border(TargetCategory category, bool group) const
{
    const int hue = hueOf(category);
    if (group || hue < 0)
        return dark ? QColor(150, 155, 165) : QColor(120, 126, 138);
    return dark ? QColor::fromHsl(hue, 130, 150) : QColor::fromHsl(hue, 120, 105);
}

Qt::PenStyle GraphStyle::penStyle(graph::EdgeKind kind)
{
    switch (kind) {
    case graph::EdgeKind::Explicit:
    case graph::EdgeKind::EntryPoint: return Qt::SolidLine;
    case graph::EdgeKind::Inferred: return Qt::DashLine;
    default: return Qt::DotLine;
    }
}

// ---------------------------------------------------------------------------------------

GraphScene::GraphScene(QObject *parent)
    : QGraphicsScene(parent)
{
    // Items never move, so a BSP index pays off for hit tests and partial repaints.
    setItemIndexMethod(QGraphicsScene::BspTreeIndex);
    setStylePalette(QPalette(), QFont());
}

GraphScene::~GraphScene() = default;

void GraphScene::setStylePalette(const QPalette &palette, const QFont &baseFont)
{
    m_style = GraphStyle::fromPalette(palette, baseFont);
    QFont bold = m_style.primaryFont;
    bold.setBold(true); // sized for bold so a focused box never clips
    m_boxMetrics = BoxMetrics();
    m_boxMetrics.primary = LabelMetrics::fromFont(bold);
    m_boxMetrics.secondary = LabelMetrics::fromFont(m_style.secondaryFont);
    setBackgroundBrush(m_style.background);
    update();
}

void GraphScene::clearPicture()
{
    clear();
    m_nodeItems.clear();
    m_edgeItems.clear();
    m_visual = {};
    m_layout = {};
    m_selectedBox = -1;
    m_selectedEdge = -1;
    m_searchMatches.clear();
    m_memberMatches.clear();
    m_markedPath.clear();
    m_searchActive = false;
}

void GraphScene::setPicture(std::shared_ptr<const graph::TargetGraph> graph, VisualGraph visual,
                            GraphLayoutResult layout, bool clusterByDirectory)
{
    clearPicture();
    m_graph = std::move(graph);
    m_visual = std::move(visual);
    m_layout = std::move(layout);
    m_clusterByDirectory = clusterByDirectory;
    for (const LayoutCluster &cluster : m_layout.clusters) {
        if (!cluster.rect.isEmpty())
            addItem(new GraphClusterItem(this, cluster));
    }
    const size_t nodes = std::min(m_visual.nodes.size(), m_layout.nodes.size());
    m_nodeItems.reserve(nodes);
    for (size_t i = 0; i < nodes; ++i) {
        auto *item = new GraphNodeItem(this, int(i), m_layout.nodes[i].rect);
        addItem(item);
        m_nodeItems.push_back(item);
    }
    const size_t edges = std::min(m_visual.edges.size(), m_layout.edges.size());
    m_edgeItems.reserve(edges);
    for (size_t i = 0; i < edges; ++i) {
        auto *item = new GraphEdgeItem(this, int(i), m_layout.edges[i]);
        addItem(item);
        m_edgeItems.push_back(item);
    }
    setSceneRect(m_layout.boundingRect.adjusted(-24, -24, 24, 24));
}

void GraphScene::setCachingEnabled(bool on)
{
    for (GraphNodeItem *item : m_nodeItems)
        item->setCacheMode(on ? QGraphicsItem::DeviceCoordinateCache : QGraphicsItem::NoCache);
}

int GraphScene::boxAt(const QPointF &scenePos) const
{
    for (QGraphicsItem *item : items(scenePos)) {
        if (auto *node = qgraphicsitem_cast<GraphNodeItem *>(item))
            return node->index();
    }
    return -1;
}

int GraphScene::edgeAt(const QPointF &scenePos) const
{
    for (QGraphicsItem *item : items(scenePos)) {
        if (qgraphicsitem_cast<GraphNodeItem *>(item))
            return -1; // boxes sit above arrows
        if (auto *edge = qgraphicsitem_cast<GraphEdgeItem *>(item); edge && edge->isVisible())
            return edge->index();
    }
    return -1;
}

QRectF GraphScene::boxRect(int box) const
{
    if (box < 0 || box >= int(m_nodeItems.size()))
        return {};
    return m_nodeItems[size_t(box)]->rect();
}

void GraphScene::setSelectedBox(int box)
{
    if (box == m_selectedBox && m_selectedEdge < 0)
        return;
    m_selectedBox = box;
    m_selectedEdge = -1;
    update();
}

void GraphScene::setSelectedEdge(int edge)
{
    m_selectedEdge = edge >= 0 && edge < int(m_visual.edges.size()) ? edge : -1;
    if (m_selectedEdge >= 0)
        m_selectedBox = -1;
    update();
}

std::vector<int> GraphScene::setSearchText(const QString &text)
{
    if (!m_markedPath.empty())
        setMarkedPath({}); // a search replaces a marked chain
    m_searchMatches.clear();
    m_memberMatches.clear();
    m_searchActive = !text.trimmed().isEmpty();
    std::vector<int> matches;
    if (m_searchActive) {
        const QString needle = text.trimmed();
        const std::string lowered = needle.toLower().toStdString();
        const auto contains = [&](const std::string &address) {
            // ASCII case folding: addresses are paths and identifiers.
            return std::search(address.begin(), address.end(), lowered.begin(), lowered.end(), [](char a, char b) {
                       return char(std::tolower(static_cast<unsigned char>(a))) == b;
                   }) != address.end();
        };
        for (size_t i = 0; i < m_visual.nodes.size(); ++i) {
            const VisualNode &node = m_visual.nodes[i];
            bool match = node.title.contains(needle, Qt::CaseInsensitive);
            if (node.isGroup() && m_graph) {
                // A match inside a collapsed package or folded directory lights up its box.
                int inside = 0;
                for (graph::NodeId m : node.members)
                    if (m >= 0 && m < m_graph->nodeCount() && contains(m_graph->address(m).toString()))
                        ++inside;
                if (inside > 0) {
                    m_memberMatches[int(i)] = inside;
                    match = true;
                }
            }
            if (match) {
                m_searchMatches.insert(int(i));
                matches.push_back(int(i));
            }
        }
        // Reading order: top to bottom, then left to right, so "next" walks the picture.
        std::stable_sort(matches.begin(), matches.end(), [this](int a, int b) {
            const QRectF ra = boxRect(a), rb = boxRect(b);
            if (std::abs(ra.top() - rb.top()) > 1)
                return ra.top() < rb.top();
            return ra.left() < rb.left();
        });
    }
    update();
    return matches;
}

int GraphScene::memberMatches(int box) const
{
    const auto it = m_memberMatches.find(box);
    return it == m_memberMatches.end() ? 0 : it->second;
}

void GraphScene::setMarkedPath(const std::vector<int> &boxes)
{
    m_markedPath = boxes;
    m_searchMatches.clear();
    m_memberMatches.clear();
    for (VisualNode &node : m_visual.nodes)
        node.onPath = false;
    for (VisualEdge &edge : m_visual.edges)
        edge.onPath = false;
    m_searchActive = !boxes.empty();
    for (size_t i = 0; i < boxes.size(); ++i) {
        if (boxes[i] < 0 || boxes[i] >= int(m_visual.nodes.size()))
            continue;
        m_searchMatches.insert(boxes[i]);
        m_visual.nodes[size_t(boxes[i])].onPath = true;
        if (i + 1 < boxes.size())
            for (VisualEdge &edge : m_visual.edges)
                if (edge.from == boxes[i] && edge.to == boxes[i + 1])
                    edge.onPath = true;
    }
    update();
}

void GraphScene::setEdgeHidden(int edge, bool hidden)
{
    if (edge >= 0 && edge < int(m_edgeItems.size()))
        m_edgeItems[size_t(edge)]->setVisible(!hidden);
}

bool GraphScene::isEdgeHidden(int edge) const
{
    return edge >= 0 && edge < int(m_edgeItems.size())
           && !m_edgeItems[size_t(edge)]->isVisible();
}

void GraphScene::setChangedTargets(const std::set<graph::NodeId> &targets)
{
    m_changed = targets;
    update();
}

void GraphScene::setAffectedTargets(const std::set<graph::NodeId> &targets)
{
    m_affected = targets;
    update();
}

void GraphScene::setTestResults(const std::map<graph::NodeId, TestOutcome> &results)
{
    m_testResults = results;
    update();
}

bool GraphScene::anyMember(int box, const std::set<graph::NodeId> &targets) const
{
    if (targets.empty() || box < 0 || box >= int(m_visual.nodes.size()))
        return false;
    for (graph::NodeId v : m_visual.nodes[size_t(box)].members) {
        if (targets.count(v))
            return true;
    }
    return false;
}

bool GraphScene::isChanged(int box) const { return anyMember(box, m_changed); }
bool GraphScene::isAffected(int box) const { return anyMember(box, m_affected); }

int GraphScene::testState(int box) const
{
    if (m_testResults.empty() || box < 0 || box >= int(m_visual.nodes.size()))
        return 0;
    int state = 0;
    for (graph::NodeId v : m_visual.nodes[size_t(box)].members) {
        const auto it = m_testResults.find(v);
        if (it == m_testResults.end())
            continue;
        if (it->second == TestOutcome::Failed)
            return -1;
        state = 1;
    }
    return state;
}

QString GraphScene::boxToolTip(int box) const
{
    if (box < 0 || box >= int(m_visual.nodes.size()) || !m_graph)
        return {};
    const VisualNode &node = m_visual.nodes[size_t(box)];
    if (!node.toolTip.isEmpty())
        return node.toolTip;
    QStringList lines;
    lines << QStringLiteral("<b>%1</b>").arg(esc(node.title));
    if (node.isGroup()) {
        lines << Tr::tr("Group of %n target(s)", nullptr, int(node.members.size()));
        const int shown = std::min<int>(8, int(node.members.size()));
        for (int i = 0; i < shown; ++i)
            lines << QStringLiteral("&nbsp;&nbsp;%1").arg(esc(qstr(m_graph->address(node.members[size_t(i)]).toString())));
        if (int(node.members.size()) > shown)
            lines << Tr::tr("&nbsp;&nbsp;… and %n more", nullptr, int(node.members.size()) - shown);
    } else {
        lines << Tr::tr("Type: %1").arg(esc(qstr(node.type)));
        lines << Tr::tr("%1 dependencies, %2 dependents")
                     .arg(m_graph->expandedDependencies(node.target).size())
                     .arg(m_graph->dependents(node.target).size());
        if (node.distance > 0)
            lines << Tr::tr("%n hop(s) from the focus", nullptr, node.distance);
    }
    if (node.frontier)
        lines << Tr::tr("Has neighbours that are not shown");
    if (node.inCycle)
        lines << QStringLiteral("<span style='color:%1'>%2</span>").arg(m_style.cycle.name(), Tr::tr("Part of a dependency cycle"));
    if (isChanged(box))
        lines << Tr::tr("Changed");
    else if (isAffected(box))
        lines << Tr::tr("Affected by changes");
    const int test = testState(box);
    if (test != 0)
        lines << (test > 0 ? Tr::tr("Tests passed") : Tr::tr("Tests failed"));
    return lines.join(QStringLiteral("<br>"));
}

QString GraphScene::edgeToolTip(int edgeIndex) const
{
    if (edgeIndex < 0 || edgeIndex >= int(m_visual.edges.size()) || !m_graph)
        return {};
    const VisualEdge &edge = m_visual.edges[size_t(edgeIndex)];
    if (!edge.toolTip.isEmpty())
        return edge.toolTip;
    const VisualNode &from = m_visual.nodes[size_t(edge.from)];
    const VisualNode &to = m_visual.nodes[size_t(edge.to)];
    QStringList lines;
    lines << QStringLiteral("<b>%1</b> → <b>%2</b>").arg(esc(from.title), esc(to.title));
    if (edge.count > 1) {
        lines << Tr::tr("%n dependencies between the groups; strongest: %1", nullptr, edge.count).arg(kindText(edge.kind));
    } else {
        lines << kindText(edge.kind);
        if (edge.graphEdge >= 0) {
            const graph::EdgeInfo info = m_graph->edgeInfo(edge.graphEdge);
            if (info.to != to.target && info.to >= 0)
                lines << Tr::tr("via %1").arg(esc(qstr(m_graph->address(info.to).toString())));
            const int shown = std::min<int>(kMaxEvidenceLines, int(info.evidence.size()));
            for (int i = 0; i < shown; ++i) {
                const graph::Evidence &e = info.evidence[size_t(i)];
                lines << QStringLiteral("<tt>%1:%2: import %3</tt>%4")
                             .arg(esc(qstr(e.file)))
                             .arg(e.line)
                             .arg(esc(qstr(e.module)), e.weak ? Tr::tr(" (weak)") : QString());
            }
            if (int(info.evidence.size()) > shown)
                lines << Tr::tr("… and %n more import(s)", nullptr, int(info.evidence.size()) - shown);
            if (info.declaredAt && !info.declaredAt->file.empty())
                lines << Tr::tr("explicit in <tt>%1:%2</tt>").arg(esc(qstr(info.declaredAt->file))).arg(info.declaredAt->line);
        }
    }
    if (edge.inCycle)
        lines << QStringLiteral("<span style='color:%1'>%2</span>")
                     .arg(m_style.cycle.name(), edge.cycleRejected ? Tr::tr("In a dependency cycle that Pants rejects")
                                                                   : Tr::tr("In a dependency cycle (allowed: through files)"));
    return lines.join(QStringLiteral("<br>"));
}

void GraphScene::helpEvent(QGraphicsSceneHelpEvent *event)
{
    QString text;
    const int box = boxAt(event->scenePos());
    if (box >= 0)
        text = boxToolTip(box);
    else
        text = edgeToolTip(edgeAt(event->scenePos()));
    if (text.isEmpty()) {
        QToolTip::hideText();
        event->ignore();
        return;
    }
    QToolTip::showText(event->screenPos(), text, event->widget());
    event->accept();
}

} // namespace trellis::ui
