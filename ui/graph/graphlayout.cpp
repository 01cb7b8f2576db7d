#include "ui/graph/graphlayout.h"

#include <QElapsedTimer>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <string_view>

namespace trellis::ui {

namespace {

/// Serialises every use of Graphviz in the process (see the header).
std::mutex &graphvizMutex()
{
    static std::mutex mutex;
    return mutex;
}

constexpr double kPointsPerInch = 72.0;
/// Above this many edges, dot lays out the skeleton only (see skeletonMask()).
constexpr size_t kSkeletonThreshold = 600;

/// cgraph predates const: its setters take `char *` but never write through them.
char *cstr(const char *s) { return const_cast<char *>(s); }

void setAttr(void *object, const char *name, const std::string &value)
{
    agsafeset(object, cstr(name), cstr(value.c_str()), cstr(""));
}

std::string number(double value) { return std::to_string(value); }

/// Appends cgraph's output to a std::string (the `chan` of agwrite).
int putString(void *chan, const char *text)
{
    static_cast<std::string *>(chan)->append(text);
    return 1;
}

int flushNothing(void *) { return 0; }

/// Owns one cgraph graph built from a LayoutInput. Must be used under graphvizMutex().
class CGraph {
public:
    /// `withLabels`: write node labels (exports). The layout leaves them out: boxes are
    /// fixed-size, and labels would only make dot measure text through Pango.
    /// Edges with `skip[i]` set are left out of the graph (see skeletonMask()).
    CGraph(const LayoutInput &input, const std::string &name, Agdisc_t *disc, bool withLabels,
           const std::vector<char> &skip = {})
    {
        m_graph = agopen(cstr(name.c_str()), Agdirected, disc);
        setAttr(m_graph, "rankdir", input.direction == LayoutDirection::LeftToRight ? "LR" : "TB");
        setAttr(m_graph, "nodesep", number(input.nodeSeparation / kPointsPerInch));
        setAttr(m_graph, "ranksep", number(input.rankSeparation / kPointsPerInch));
        const size_t n = input.nodes.size();
        const size_t e = input.edges.size() - size_t(std::count(skip.begin(), skip.end(), 1));
        // Effort scales down with size: crossing minimisation (mclimit) and network
        // simplex (nslimit) grow super-linearly and dominate on a few hundred nodes.
        // Measured with tests/bench/graphview.
        if (n > 250 || e > 800) {
            setAttr(m_graph, "newrank", "true");
            setAttr(m_graph, "mclimit", "0.05");
            setAttr(m_graph, "nslimit", "0.5");
            setAttr(m_graph, "nslimit1", "0.5");
            setAttr(m_graph, "searchsize", "10");
        } else if (n > 100 || e > 150) {
            setAttr(m_graph, "mclimit", "0.3");
            setAttr(m_graph, "nslimit", "2");
            setAttr(m_graph, "nslimit1", "2");
        }
        agattr(m_graph, AGNODE, cstr("shape"), cstr("box"));
        agattr(m_graph, AGNODE, cstr("style"), cstr("rounded"));
        agattr(m_graph, AGNODE, cstr("fixedsize"), cstr("true"));
        agattr(m_graph, AGNODE, cstr("fontsize"), cstr("10"));
        agattr(m_graph, AGEDGE, cstr("arrowsize"), cstr("0.7"));

        std::vector<Agraph_t *> clusters;
        clusters.reserve(input.clusters.size());
        for (size_t i = 0; i < input.clusters.size(); ++i) {
            const std::string clusterName = "cluster_" + std::to_string(i);
            Agraph_t *sub = agsubg(m_graph, cstr(clusterName.c_str()), 1);
            setAttr(sub, "label", input.clusters[i].toStdString());
            setAttr(sub, "labeljust", "l");
            setAttr(sub, "fontsize", number(input.clusterLabelHeight * 0.6));
            setAttr(sub, "margin", "10");
            clusters.push_back(sub);
        }

        m_nodes.reserve(n);
        for (size_t i = 0; i < n; ++i) {
            const LayoutInputNode &in = input.nodes[i];
            const std::string nodeName = "n" + std::to_string(i);
            Agnode_t *node = agnode(m_graph, cstr(nodeName.c_str()), 1);
            setAttr(node, "label", withLabels ? in.label.toStdString() : std::string());
            setAttr(node, "width", number(in.width / kPointsPerInch));
            setAttr(node, "height", number(in.height / kPointsPerInch));
            if (in.cluster >= 0 && in.cluster < int(clusters.size()))
                agsubnode(clusters[size_t(in.cluster)], node, 1);
            m_nodes.push_back(node);
        }

        m_edges.reserve(input.edges.size());
        for (size_t i = 0; i < input.edges.size(); ++i) {
            const LayoutInputEdge &in = input.edges[i];
            if (in.from < 0 || in.to < 0 || in.from >= int(n) || in.to >= int(n) || (i < skip.size() && skip[i])) {
                m_edges.push_back(nullptr);
                continue;
            }
            Agedge_t *edge = agedge(m_graph, m_nodes[size_t(in.from)], m_nodes[size_t(in.to)], nullptr, 1);
            if (!in.style.isEmpty())
                setAttr(edge, "style", in.style.toStdString());
            if (!in.color.isEmpty())
                setAttr(edge, "color", in.color.toStdString());
            if (in.minLength > 1)
                setAttr(edge, "minlen", std::to_string(in.minLength));
            m_edges.push_back(edge);
        }
    }

    ~CGraph()
    {
        if (m_graph)
            agclose(m_graph);
    }

    CGraph(const CGraph &) = delete;
    CGraph &operator=(const CGraph &) = delete;

    Agraph_t *graph() const { return m_graph; }
    const std::vector<Agnode_t *> &nodes() const { return m_nodes; }
    const std::vector<Agedge_t *> &edges() const { return m_edges; } // null: invalid input edge

private:
    Agraph_t *m_graph = nullptr;          // owned, closed in the destructor
    std::vector<Agnode_t *> m_nodes;      // owned by m_graph
    std::vector<Agedge_t *> m_edges;      // owned by m_graph
};

/// Converts Graphviz points (y up, origin at the bounding box's lower left) to scene ones.
struct Flip {
    double left = 0;
    double top = 0;
    QPointF operator()(pointf p) const { return {p.x - left, top - p.y}; }
};

/// For large inputs, the edges dot does not need: those implied by a longer path (the
/// transitive reduction of the graph's acyclic part). Ranks only depend on reachability,
/// so leaving them out keeps the rank structure while removing most of the virtual
/// nodes that make mincross and positioning slow. Their arrows are drawn by
/// directCurve() instead. Returns an empty mask (keep everything) for small inputs.
std::vector<char> skeletonMask(const LayoutInput &input, size_t threshold)
{
    const int n = int(input.nodes.size());
    if (input.edges.size() <= threshold || n == 0)
        return {};
    std::vector<std::vector<std::pair<int, int>>> out(static_cast<size_t>(n)); // (head, edge index)
    for (size_t i = 0; i < input.edges.size(); ++i) {
        const LayoutInputEdge &e = input.edges[i];
        if (e.from >= 0 && e.to >= 0 && e.from < n && e.to < n && e.from != e.to)
            out[size_t(e.from)].emplace_back(e.to, int(i));
    }
    // Iterative DFS: post-order, and back edges (into the current stack) marked.
    std::vector<char> state(size_t(n), 0); // 0 new, 1 on stack, 2 done
    std::vector<char> back(input.edges.size(), 0);
    std::vector<int> postOrder;
    postOrder.reserve(size_t(n));
    std::vector<std::pair<int, size_t>> stack;
    for (int root = 0; root < n; ++root) {
        if (state[size_t(root)])
            continue;
        stack.emplace_back(root, 0);
        state[size_t(root)] = 1;
        while (!stack.empty()) {
            auto &[u, next] = stack.back();
            if (next < out[size_t(u)].size()) {
                const auto [v, edge] = out[size_t(u)][next++];
                if (state[size_t(v)] == 1)
                    back[size_t(edge)] = 1;
                else if (state[size_t(v)] == 0) {
                    state[size_t(v)] = 1;
                    stack.emplace_back(v, 0);
                }
                continue;
            }
            state[size_t(u)] = 2;
            postOrder.push_back(u);
            stack.pop_back();
        }
    }
    // reach[u]: nodes reachable from u over non-back edges (bitsets; heads finish first).
    const size_t words = (size_t(n) + 63) / 64;
    std::vector<std::uint64_t> reach(size_t(n) * words, 0);
    const auto row = [&](int u) { return reach.data() + size_t(u) * words; };
    const auto has = [&](int u, int v) { return (row(u)[size_t(v) / 64] >> (v % 64)) & 1; };
    for (int u : postOrder) {
        std::uint64_t *r = row(u);
        for (const auto &[v, edge] : out[size_t(u)]) {
            if (back[size_t(edge)])
                continue;
            const std::uint64_t *rv = row(v);
            for (size_t w = 0; w < words; ++w)
                r[w] |= rv[w];
            r[size_t(v) / 64] |= std::uint64_t(1) << (v % 64);
        }
    }
    std::vector<char> skip(input.edges.size(), 0);
    for (int u = 0; u < n; ++u) {
        std::vector<int> seen;
        for (const auto &[v, edge] : out[size_t(u)]) {
            if (back[size_t(edge)])
                continue;
            if (std::find(seen.begin(), seen.end(), v) != seen.end()) {
                skip[size_t(edge)] = 1; // duplicate arrow
                continue;
            }
            seen.push_back(v);
            for (const auto &[w, other] : out[size_t(u)]) {
                if (w != v && !back[size_t(other)] && has(w, v)) {
                    skip[size_t(edge)] = 1;
                    break;
                }
            }
        }
    }
    return skip;
}

/// A smooth arrow between two boxes for an edge dot did not route: leaves the tail's
/// side facing the head, bends along the layout direction, ends with an arrowhead.
void directCurve(LayoutEdge &edge, const QRectF &from, const QRectF &to, LayoutDirection direction)
{
    constexpr double kArrowLength = 7;
    const bool lr = direction == LayoutDirection::LeftToRight;
    const bool forward = lr ? to.center().x() >= from.center().x() : to.center().y() >= from.center().y();
    const double sign = forward ? 1 : -1;
    QPointF start, tip;
    if (lr) {
        start = {forward ? from.right() : from.left(), from.center().y()};
        tip = {forward ? to.left() : to.right(), to.center().y()};
    } else {
        start = {from.center().x(), forward ? from.bottom() : from.top()};
        tip = {to.center().x(), forward ? to.top() : to.bottom()};
    }
    const QPointF axis = lr ? QPointF(sign, 0) : QPointF(0, sign);
    const QPointF end = tip - axis * kArrowLength;
    const double span = std::max(20.0, std::abs(lr ? end.x() - start.x() : end.y() - start.y()) * 0.5);
    edge.points = {start, start + axis * span, end - axis * span, end};
    edge.hasArrow = true;
    edge.arrowTip = tip;
}

} // namespace

GraphLayoutResult layoutGraph(const LayoutInput &input, const base::CancelToken &cancel)
{
    GraphLayoutResult result;
    if (cancel.isCancelled()) {
        result.cancelled = true;
        return result;
    }
    std::lock_guard lock(graphvizMutex());
    if (cancel.isCancelled()) {
        result.cancelled = true;
        return result;
    }
    agseterr(AGERR); // warnings (e.g. about fixedsize labels) are not errors for us
    GVC_t *gvc = gvContext();
    {
        const std::vector<char> skip = skeletonMask(input, kSkeletonThreshold);
        CGraph cg(input, "trellis", nullptr, false, skip);
        QElapsedTimer timer;
        timer.start();
        const int rc = gvLayout(gvc, cg.graph(), "dot");
        result.milliseconds = double(timer.nsecsElapsed()) / 1e6;
        if (rc != 0) {
            const char *message = aglasterr();
            result.error = message ? QString::fromUtf8(message).trimmed() : QStringLiteral("dot failed");
        } else if (cancel.isCancelled()) {
            result.cancelled = true;
        } else {
            const boxf bb = GD_bb(cg.graph());
            const Flip flip{bb.LL.x, bb.UR.y};
            result.boundingRect = QRectF(0, 0, bb.UR.x - bb.LL.x, bb.UR.y - bb.LL.y);

            result.nodes.reserve(cg.nodes().size());
            for (Agnode_t *node : cg.nodes()) {
                const QPointF centre = flip(ND_coord(node));
                const double w = ND_width(node) * kPointsPerInch;
                const double h = ND_height(node) * kPointsPerInch;
                result.nodes.push_back({QRectF(centre.x() - w / 2, centre.y() - h / 2, w, h)});
            }

            result.edges.reserve(input.edges.size());
            for (size_t i = 0; i < input.edges.size(); ++i) {
                LayoutEdge out;
                out.from = input.edges[i].from;
                out.to = input.edges[i].to;
                Agedge_t *edge = cg.edges()[i];
                const splines *spl = edge ? ED_spl(edge) : nullptr;
                if (spl && spl->size > 0) {
                    // One bezier per edge for dot's normal output; concatenate to be safe.
                    for (int b = 0; b < spl->size; ++b) {
                        const bezier &bz = spl->list[b];
                        for (int p = 0; p < bz.size; ++p)
                            out.points.push_back(flip(bz.list[p]));
                        if (bz.eflag) {
                            out.hasArrow = true;
                            out.arrowTip = flip(bz.ep);
                        }
                    }
                }
                if (out.points.empty() && out.from != out.to && out.from >= 0 && out.to >= 0
                    && out.from < int(result.nodes.size()) && out.to < int(result.nodes.size()))
                    directCurve(out, result.nodes[size_t(out.from)].rect, result.nodes[size_t(out.to)].rect, input.direction);
                result.edges.push_back(std::move(out));
            }

            result.clusters.resize(input.clusters.size());
            for (int c = 1; c <= GD_n_cluster(cg.graph()); ++c) {
                Agraph_t *sub = GD_clust(cg.graph())[c];
                const std::string name = agnameof(sub);
                const int index = std::atoi(name.c_str() + std::string_view("cluster_").size());
                if (index < 0 || index >= int(input.clusters.size()))
                    continue;
                const boxf cb = GD_bb(sub);
                const QPointF topLeft = flip(pointf{cb.LL.x, cb.UR.y});
                const QPointF bottomRight = flip(pointf{cb.UR.x, cb.LL.y});
                result.clusters[size_t(index)] = {QRectF(topLeft, bottomRight), input.clusters[size_t(index)]};
            }
        }
        gvFreeLayout(gvc, cg.graph());
    }
    gvFreeContext(gvc);
    return result;
}

std::string layoutInputToDot(const LayoutInput &input, const QString &graphName)
{
    std::lock_guard lock(graphvizMutex());
    Agiodisc_t io{AgIoDisc.afread, &putString, &flushNothing};
    Agdisc_t disc{&AgMemDisc, &AgIdDisc, &io};
    std::string out;
    CGraph cg(input, graphName.toStdString(), &disc, true);
    agwrite(cg.graph(), &out);
    return out;
}

} // namespace trellis::ui
