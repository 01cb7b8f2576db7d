#include "core/graph/components.h"

#include "core/graph/traversal.h"

#include "core/base/jsontext.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace trellis::graph {

namespace {

std::string dirName(std::string_view path)
{
    const size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash));
}

std::vector<std::string> split(std::string_view s, char sep)
{
    std::vector<std::string> out;
    if (s.empty())
        return out;
    size_t i = 0;
    while (true) {
        const size_t j = s.find(sep, i);
        out.emplace_back(s.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i));
        if (j == std::string_view::npos)
            break;
        i = j + 1;
    }
    return out;
}

std::string join(const std::vector<std::string> &parts, size_t count, char sep)
{
    std::string out;
    for (size_t i = 0; i < count && i < parts.size(); ++i) {
        if (i)
            out += sep;
        out += parts[i];
    }
    return out;
}

bool endsWith(std::string_view s, std::string_view suffix) { return s.ends_with(suffix); }

TargetRole roleOfType(std::string_view type)
{
    if (endsWith(type, "_tests") || endsWith(type, "_test") || endsWith(type, "_test_utils"))
        return TargetRole::Test;
    if (type.find("requirement") != std::string_view::npos)
        return TargetRole::Requirement;
    if (type == "resource" || type == "resources" || type == "file" || type == "files" || type == "relocated_files")
        return TargetRole::Resource;
    return TargetRole::Code;
}

std::string withSeparators(long long n)
{
    std::string digits = std::to_string(n < 0 ? -n : n);
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

const char *unitName(GroupBy g, bool plural)
{
    switch (g) {
    case GroupBy::Package: return plural ? "packages" : "package";
    case GroupBy::Distribution: return plural ? "distributions" : "distribution";
    case GroupBy::Target: return plural ? "targets" : "target";
    case GroupBy::File: return plural ? "files" : "file";
    }
    return "";
}

} // namespace

std::optional<GroupBy> parseGroupBy(std::string_view text, int *depth)
{
    std::string_view name = text;
    const size_t colon = text.find(':');
    if (colon != std::string_view::npos) {
        name = text.substr(0, colon);
        if (name != "package")
            return std::nullopt;
        const std::string_view num = text.substr(colon + 1);
        if (num.empty() || num.size() > 3 || !std::all_of(num.begin(), num.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return std::nullopt;
        const int d = std::stoi(std::string(num));
        if (d < 1)
            return std::nullopt;
        if (depth)
            *depth = d;
    }
    if (name == "package")
        return GroupBy::Package;
    if (name == "distribution")
        return GroupBy::Distribution;
    if (name == "target")
        return GroupBy::Target;
    if (name == "file")
        return GroupBy::File;
    return std::nullopt;
}

const char *groupByName(GroupBy g)
{
    switch (g) {
    case GroupBy::Package: return "package";
    case GroupBy::Distribution: return "distribution";
    case GroupBy::Target: return "target";
    case GroupBy::File: return "file";
    }
    return "package";
}

// ---- ComponentIndex --------------------------------------------------------------------

ComponentIndex::ComponentIndex(std::shared_ptr<const TargetGraph> graph)
    : m_graph(std::move(graph))
{
    const TargetGraph &g = *m_graph;
    const workspace::Workspace &ws = *g.workspace();
    const int n = g.nodeCount();
    m_nodes.resize(n);
    std::unordered_map<std::string, int> typeIndex;
    for (NodeId i = 0; i < n; ++i) {
        const workspace::Target &t = g.target(i);
        NodeFacts &f = m_nodes[i];
        f.generator = i;
        std::string type = t.type;
        if (t.address.isGenerated()) {
            const NodeId gen = g.nodeOf(t.address.generatorAddress());
            if (gen >= 0) {
                f.generator = gen;
                type = g.target(gen).type;
            }
        }
        auto [it, inserted] = typeIndex.emplace(type, int(m_types.size()));
        if (inserted)
            m_types.push_back(type);
        f.declaredType = it->second;
        f.role = roleOfType(type);
        if (f.role == TargetRole::Code && roleOfType(t.type) != TargetRole::Code)
            f.role = roleOfType(t.type);
        f.files = t.isGenerator && !t.generated.empty() ? 0 : int(t.sources.size());
        if (f.role == TargetRole::Requirement)
            f.requirementsOwner = g.address(f.generator).toString();

        // Module path: a Python file's module under its source root; anything else by its
        // directory, relative to the source root that holds it when there is one.
        std::string file = t.address.isFileTarget() ? t.address.filePath() : std::string();
        if (file.empty() && !t.isGenerator && t.sources.size() == 1)
            file = t.sources.front();
        const bool python = endsWith(file, ".py") || endsWith(file, ".pyi");
        std::optional<std::string> module = python ? ws.sourceRoots().moduleName(file) : std::nullopt;
        if (module) {
            f.hasRoot = true;
            f.root = ws.sourceRoots().rootOf(file).value_or(std::string());
            f.parts = split(*module, '.');
        } else {
            const std::string dir = file.empty() ? t.address.specPath : dirName(file);
            const std::optional<std::string> root = ws.sourceRoots().rootOf(dir.empty() ? "BUILD" : dir + "/BUILD");
            if (root) {
                f.hasRoot = true;
                f.root = *root;
                std::string rel = dir;
                if (!root->empty())
                    rel = dir.size() > root->size() ? dir.substr(root->size() + 1) : std::string();
                f.parts = split(rel, '/');
            } else {
                f.parts = split(dir, '/');
            }
        }
        if (t.type == "python_distribution")
            m_distributions.push_back(i);
    }

    // Distribution ownership: the distributions whose closure reaches a target; the one
    // in the nearest ancestor directory wins, else the one with the smallest closure.
    {
        std::vector<std::pair<size_t, NodeId>> bySize;
        std::vector<std::vector<NodeId>> closures;
        for (NodeId d : m_distributions) {
            std::vector<NodeId> c = transitiveDependencies(g, std::span(&d, 1));
            c.push_back(d);
            bySize.emplace_back(c.size(), d);
            closures.push_back(std::move(c));
        }
        std::vector<int> bestDepth(n, -1);
        std::vector<size_t> bestSize(n, SIZE_MAX);
        for (size_t k = 0; k < m_distributions.size(); ++k) {
            const NodeId d = m_distributions[k];
            const std::string &dDir = g.address(d).specPath;
            for (NodeId x : closures[k]) {
                const std::string dir = g.address(x).residenceDir();
                int depth = -1;
                if (dDir.empty())
                    depth = 0;
                else if (dir == dDir || (dir.size() > dDir.size() && dir.starts_with(dDir) && dir[dDir.size()] == '/'))
                    depth = int(std::count(dDir.begin(), dDir.end(), '/')) + 1;
                const size_t size = closures[k].size();
                if (depth > bestDepth[x] || (depth == bestDepth[x] && size < bestSize[x])) {
                    bestDepth[x] = depth;
                    bestSize[x] = size;
                    m_nodes[x].distribution = d;
                }
            }
        }
    }

    m_visibility = std::make_unique<VisibilityChecker>(g);
    m_verdicts = checkAllEdges(g, *m_visibility);
    for (const VisibilityVerdict &v : m_verdicts) {
        m_deny += v.action == RuleAction::Deny;
        m_warn += v.action == RuleAction::Warn;
        m_noRule += v.action == RuleAction::NoRule;
    }
}

ComponentIndex::~ComponentIndex() = default;

const std::string &ComponentIndex::declaredType(NodeId n) const { return m_types[m_nodes[n].declaredType]; }

std::string ComponentIndex::distributionLabel(NodeId dist) const
{
    const workspace::Target &t = m_graph->target(dist);
    if (const workspace::Field *f = t.field("provides")) {
        for (const auto &[k, v] : f->value.object().kwargs) {
            if (k == "name" && v.isString() && !v.str().empty())
                return v.str();
        }
    }
    return t.address.toString();
}

// ---- views -------------------------------------------------------------------------------

namespace {

struct Key {
    std::string id;
    std::string label;
    bool leaf = false;
    std::string root, module;
};

/// Keys of one target at successive levels of detail.
class Keyer {
public:
    Keyer(const ComponentIndex &index, const ViewRequest &request)
        : m_index(index)
        , m_request(request)
    {
    }

    Key leaf(NodeId n) const
    {
        const workspace::Address &address = m_index.graph().address(n);
        const std::string a = address.toString();
        // A file target reads best as its file; its address stays in the id.
        return {"addr:" + a, address.isFileTarget() ? address.filePath() : a, true, {}, {}};
    }

    Key package(NodeId n, int depth) const
    {
        const ComponentIndex::NodeFacts &f = m_index.facts(n);
        if (f.role == TargetRole::Requirement)
            return {"req:" + f.requirementsOwner, f.requirementsOwner, false, {}, {}};
        Key k;
        const size_t count = std::min<size_t>(f.parts.size(), size_t(std::max(depth, 1)));
        if (f.hasRoot) {
            k.module = join(f.parts, count, '.');
            k.root = f.root;
            k.id = "pkg:" + f.root + ":" + k.module;
            k.label = k.module.empty() ? (f.root.empty() ? std::string("//") : f.root + "/") : k.module;
        } else {
            const std::string dir = join(f.parts, count, '/');
            k.id = "dir:" + dir;
            k.label = dir.empty() ? std::string("//") : dir + "/";
        }
        return k;
    }

    /// Key at `level` (0 = the request's grouping); `prev` is the key at level - 1.
    Key at(NodeId n, int level) const
    {
        switch (m_request.groupBy) {
        case GroupBy::File: return leaf(n);
        case GroupBy::Target: {
            if (level > 0)
                return leaf(n);
            const NodeId gen = m_index.generatorOf(n);
            const std::string a = m_index.graph().address(gen).toString();
            return {"target:" + a, a, false, {}, {}};
        }
        case GroupBy::Package: return package(n, m_request.depth + level);
        case GroupBy::Distribution: {
            const NodeId d = m_index.distributionOf(n);
            Key top = d < 0 ? Key{"dist:(none)", "(no distribution)", false, {}, {}}
                            : Key{"dist:" + m_index.graph().address(d).toString(), m_index.distributionLabel(d), false, {}, {}};
            if (level == 0)
                return top;
            Key k = package(n, m_request.depth + level - 1);
            k.id = top.id + ">" + k.id;
            return k;
        }
        }
        return leaf(n);
    }

    /// The key a target is drawn under given the opened nodes, and the opened node it
    /// was opened out of.
    Key resolve(NodeId n, const std::unordered_set<std::string> &opened, std::string *parent) const
    {
        Key k = at(n, 0);
        parent->clear();
        for (int level = 1; !k.leaf && opened.count(k.id); ++level) {
            *parent = k.id;
            Key next = at(n, level);
            if (next.id == k.id || level > 64)
                next = leaf(n);
            k = std::move(next);
        }
        return k;
    }

private:
    const ComponentIndex &m_index;
    const ViewRequest &m_request;
};

bool hidden(const ComponentIndex &index, const ViewRequest &r, NodeId n)
{
    switch (index.role(n)) {
    case TargetRole::Test: return r.hideTests;
    case TargetRole::Requirement: return r.hideRequirements;
    case TargetRole::Resource: return r.hideResources;
    case TargetRole::Code: return false;
    }
    return false;
}

constexpr std::uint8_t kFocus = 1, kDeps = 2, kDependents = 4;

struct Group {
    Key key;
    std::string parent;
    std::vector<NodeId> members;
    std::uint8_t relation = 0;
    int distance = INT32_MAX;
    bool focus = false;
    int viewNode = -1;
    std::string bucket;
};

std::string relationName(std::uint8_t r)
{
    if (r & kFocus)
        return "focus";
    if ((r & kDeps) && (r & kDependents))
        return "both";
    if (r & kDeps)
        return "dependencies";
    if (r & kDependents)
        return "dependents";
    return "";
}

/// Components with > 1 node of a small adjacency list (graph::stronglyConnected).
std::vector<std::vector<int>> stronglyConnected(int n, const std::vector<std::vector<int>> &adj)
{
    return graph::stronglyConnected(n, std::vector<char>(size_t(n), 1),
                                    [&adj](NodeId v) { return std::span<const NodeId>(adj[size_t(v)]); });
}

} // namespace

int ComponentView::indexOf(std::string_view id) const
{
    for (size_t i = 0; i < nodes.size(); ++i) {
        if (nodes[i].id == id)
            return int(i);
    }
    return -1;
}

ComponentView buildView(const ComponentIndex &index, const ViewRequest &request)
{
    const TargetGraph &g = index.graph();
    const int n = g.nodeCount();
    ComponentView view;

    // 1. Selection: every visible target, or the focus and its neighbourhood.
    std::vector<std::uint8_t> relation(n, 0);
    std::vector<int> distance(n, INT32_MAX);
    std::vector<NodeId> selected;
    std::vector<char> isHidden(n, 0);
    for (NodeId i = 0; i < n; ++i) {
        isHidden[i] = hidden(index, request, i);
        view.hiddenTargets += isHidden[i];
    }
    const bool focused = !request.focus.empty();
    if (!focused) {
        for (NodeId i = 0; i < n; ++i) {
            if (!isHidden[i])
                selected.push_back(i);
        }
    } else {
        std::vector<NodeId> roots;
        for (NodeId f : request.focus) {
            if (f < 0 || f >= n)
                continue;
            for (NodeId x : g.expansionOf(f))
                roots.push_back(x);
            roots.push_back(f);
        }
        for (NodeId r : roots) {
            relation[r] = kFocus;
            distance[r] = 0;
        }
        const auto walk = [&](bool forward, std::uint8_t bit) {
            std::vector<int> dist(n, -1);
            std::vector<NodeId> frontier;
            for (NodeId r : roots) {
                if (dist[r] < 0) {
                    dist[r] = 0;
                    frontier.push_back(r);
                }
            }
            for (int hop = 1; hop <= request.hops && !frontier.empty(); ++hop) {
                std::vector<NodeId> next;
                for (NodeId x : frontier) {
                    // Generator <-> generated links are structure, not imports: not walked.
                    const std::span<const NodeId> nbrs = forward ? g.dependencies(x) : g.dependents(x);
                    const std::span<const EdgeId> reverseEdges = g.dependentEdges(x);
                    for (size_t k = 0; k < nbrs.size(); ++k) {
                        const NodeId y = nbrs[k];
                        const EdgeId e = forward ? g.firstEdge(x) + EdgeId(k) : reverseEdges[k];
                        if (dist[y] >= 0 || isHidden[y] || g.edgeKind(e) == EdgeKind::Generated)
                            continue;
                        dist[y] = hop;
                        next.push_back(y);
                        if (!(relation[y] & kFocus)) {
                            relation[y] |= bit;
                            distance[y] = std::min(distance[y], hop);
                        }
                    }
                }
                frontier = std::move(next);
            }
        };
        if (request.direction != Direction::Dependents)
            walk(true, kDeps);
        if (request.direction != Direction::Dependencies)
            walk(false, kDependents);
        for (NodeId i = 0; i < n; ++i) {
            if (relation[i] && (!isHidden[i] || (relation[i] & kFocus)))
                selected.push_back(i);
        }
    }
    view.selectedTargets = int(selected.size());

    // 2. Grouping.
    const Keyer keyer(index, request);
    const std::unordered_set<std::string> opened(request.opened.begin(), request.opened.end());
    std::vector<Group> groups;
    std::unordered_map<std::string, int> groupOf;
    std::vector<int> nodeGroup(n, -1);
    std::string parent;
    // Focus targets keep their own node unless their whole component is in focus.
    std::unordered_map<std::string, int> componentSize, focusInComponent;
    if (focused) {
        for (NodeId i = 0; i < n; ++i) {
            if (isHidden[i] && !(relation[i] & kFocus))
                continue;
            const std::string id = keyer.resolve(i, opened, &parent).id;
            ++componentSize[id];
            if (relation[i] & kFocus)
                ++focusInComponent[id];
        }
    }
    for (NodeId i : selected) {
        Key k = keyer.resolve(i, opened, &parent);
        const bool isFocus = relation[i] & kFocus;
        if (isFocus && (focusInComponent[k.id] != componentSize[k.id] || componentSize[k.id] == 1)) {
            parent.clear();
            k = keyer.leaf(i);
        }
        if (!isFocus && focused) {
            // A neighbour never shares a node with the focus.
            auto fit = focusInComponent.find(k.id);
            if (fit != focusInComponent.end() && fit->second == componentSize[k.id])
                k = keyer.leaf(i);
        }
        auto [it, inserted] = groupOf.emplace(k.id, int(groups.size()));
        if (inserted) {
            Group grp;
            grp.key = std::move(k);
            grp.parent = parent;
            groups.push_back(std::move(grp));
        }
        Group &grp = groups[it->second];
        grp.members.push_back(i);
        grp.relation |= relation[i];
        grp.distance = std::min(grp.distance, distance[i]);
        if (isFocus)
            grp.focus = true;
        nodeGroup[i] = it->second;
    }

    // 3. Budget: focus nodes always; the largest of the rest while they fit; the others
    // summarized per bucket (relation and distance around a focus, else one bucket).
    std::vector<int> pinned, candidates;
    for (int gi = 0; gi < int(groups.size()); ++gi) {
        Group &grp = groups[gi];
        if (grp.focus) {
            pinned.push_back(gi);
            continue;
        }
        grp.bucket = focused ? relationName(grp.relation) + ":" + std::to_string(grp.distance) : std::string("rest");
        candidates.push_back(gi);
    }
    const auto bySize = [&](int a, int b) {
        if (groups[a].members.size() != groups[b].members.size())
            return groups[a].members.size() > groups[b].members.size();
        return groups[a].key.id < groups[b].key.id;
    };
    std::sort(candidates.begin(), candidates.end(), bySize);
    std::vector<char> shown(groups.size(), 0);
    for (int gi : pinned)
        shown[gi] = 1;
    if (request.budget <= 0 || int(groups.size()) <= request.budget) {
        for (int gi : candidates)
            shown[gi] = 1;
    } else {
        // Expanded aggregates reveal `budget` more of their largest members per expansion.
        std::map<std::string, int> revealed;
        int pinnedCount = int(pinned.size());
        for (int gi : candidates) {
            auto e = request.expanded.find("agg:" + groups[gi].bucket);
            if (e != request.expanded.end() && revealed[groups[gi].bucket] < (e->second + 1) * request.budget) {
                ++revealed[groups[gi].bucket];
                shown[gi] = 1;
                ++pinnedCount;
            }
        }
        std::set<std::string> buckets;
        for (int gi : candidates) {
            if (!shown[gi])
                buckets.insert(groups[gi].bucket);
        }
        // Reserve a slot per bucket aggregate, fill the rest largest first; a bucket that
        // ends up fully shown gives its slot back.
        int aggregates = int(buckets.size());
        for (int round = 0; round < 4; ++round) {
            int slots = std::max(0, request.budget - pinnedCount - aggregates);
            std::vector<char> trial = shown;
            for (int gi : candidates) {
                if (slots == 0)
                    break;
                if (!trial[gi]) {
                    trial[gi] = 1;
                    --slots;
                }
            }
            std::set<std::string> left;
            for (int gi : candidates) {
                if (!trial[gi])
                    left.insert(groups[gi].bucket);
            }
            if (int(left.size()) == aggregates || round == 3) {
                shown = std::move(trial);
                break;
            }
            aggregates = int(left.size());
        }
    }

    // 4. View nodes.
    std::vector<int> order;
    for (int gi = 0; gi < int(groups.size()); ++gi) {
        if (shown[gi])
            order.push_back(gi);
    }
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        if (groups[a].focus != groups[b].focus)
            return groups[a].focus;
        return groups[a].key.id < groups[b].key.id;
    });
    const auto fillNode = [&](ViewNode &vn, const std::vector<NodeId> &members) {
        vn.targets = int(members.size());
        for (NodeId m : members)
            vn.files += index.fileCount(m);
    };
    for (int gi : order) {
        Group &grp = groups[gi];
        ViewNode vn;
        vn.id = grp.key.id;
        vn.label = grp.key.label;
        vn.kind = grp.focus ? ViewNodeKind::Focus : ViewNodeKind::Component;
        vn.parent = grp.parent;
        vn.openable = !grp.key.leaf && request.groupBy != GroupBy::File;
        if (vn.openable && request.groupBy == GroupBy::Package && !grp.key.id.starts_with("req:")) {
            // Openable when opening would split it or show its targets.
            vn.openable = grp.members.size() > 1;
        }
        vn.sourceRoot = grp.key.root;
        vn.module = grp.key.module;
        std::sort(grp.members.begin(), grp.members.end());
        vn.members = grp.members;
        fillNode(vn, grp.members);
        if (focused) {
            vn.relation = relationName(grp.relation);
            vn.distance = grp.distance == INT32_MAX ? 0 : grp.distance;
        }
        grp.viewNode = int(view.nodes.size());
        view.nodes.push_back(std::move(vn));
    }
    // Aggregates, in bucket order.
    std::map<std::string, std::vector<int>> leftOut;
    for (int gi : candidates) {
        if (!shown[gi])
            leftOut[groups[gi].bucket].push_back(gi);
    }
    for (auto &[bucket, members] : leftOut) {
        ViewNode vn;
        vn.id = "agg:" + bucket;
        vn.kind = ViewNodeKind::Aggregate;
        vn.components = int(members.size());
        std::vector<NodeId> targets;
        for (int gi : members) {
            vn.memberIds.push_back(groups[gi].key.id);
            targets.insert(targets.end(), groups[gi].members.begin(), groups[gi].members.end());
        }
        std::sort(targets.begin(), targets.end());
        fillNode(vn, targets);
        vn.members = std::move(targets);
        const Group &first = groups[members.front()];
        const std::string count = withSeparators(vn.targets);
        // Around a focus at target or file level, count the packages the members are in
        // ("1,214 dependents in 14 packages"); otherwise the components themselves.
        int units = vn.components;
        GroupBy unit = request.groupBy;
        if (focused && (request.groupBy == GroupBy::Target || request.groupBy == GroupBy::File)) {
            std::unordered_set<std::string> packages;
            for (NodeId m : vn.members)
                packages.insert(keyer.package(m, request.depth).id);
            units = int(packages.size());
            unit = GroupBy::Package;
        }
        const std::string comps = withSeparators(units) + " " + unitName(unit, units != 1);
        if (focused) {
            vn.relation = relationName(first.relation);
            vn.distance = first.distance == INT32_MAX ? 0 : first.distance;
            const std::string what = vn.relation == "dependents" ? (vn.targets == 1 ? "dependent" : "dependents")
                                     : vn.relation == "dependencies" ? (vn.targets == 1 ? "dependency" : "dependencies")
                                                                     : (vn.targets == 1 ? "neighbour" : "neighbours");
            vn.label = count + " " + what + " in " + comps;
            if (vn.distance > 1)
                vn.label += " at distance " + std::to_string(vn.distance);
        } else {
            vn.label = withSeparators(vn.components) + " more " + unitName(request.groupBy, vn.components != 1) + " ("
                       + count + (vn.targets == 1 ? " target)" : " targets)");
        }
        vn.openable = true;
        const int viewIndex = int(view.nodes.size());
        for (int gi : members)
            groups[gi].viewNode = viewIndex;
        view.nodes.push_back(std::move(vn));
        view.summarized = true;
    }

    // 5. Edges, aggregated between view nodes.
    std::unordered_map<std::uint64_t, int> edgeOf;
    std::vector<int> targetNode(n, -1);
    for (NodeId i : selected)
        targetNode[i] = groups[nodeGroup[i]].viewNode;
    for (NodeId from : selected) {
        const int a = targetNode[from];
        const std::span<const NodeId> deps = g.dependencies(from);
        const EdgeId first = g.firstEdge(from);
        for (size_t k = 0; k < deps.size(); ++k) {
            const int b = targetNode[deps[k]];
            if (b < 0)
                continue;
            const EdgeId e = first + EdgeId(k);
            if (g.edgeKind(e) == EdgeKind::Generated)
                continue;
            if (a == b) {
                ++view.nodes[a].internalEdges;
                continue;
            }
            const std::uint64_t key = (std::uint64_t(std::uint32_t(a)) << 32) | std::uint32_t(b);
            auto [it, inserted] = edgeOf.emplace(key, int(view.edges.size()));
            if (inserted) {
                ViewEdge ve;
                ve.from = a;
                ve.to = b;
                view.edges.push_back(std::move(ve));
            }
            ViewEdge &ve = view.edges[it->second];
            ++ve.edges;
            const EdgeInfo info = g.edgeInfo(e);
            ve.imports += info.evidence.empty() ? 1 : int(info.evidence.size());
            ve.underlying.push_back(e);
            const VisibilityVerdict &v = index.verdict(e);
            if (v.action != RuleAction::Allow) {
                ve.violations += v.action == RuleAction::Deny;
                ve.warnings += v.action == RuleAction::Warn;
                ve.noRule += v.action == RuleAction::NoRule;
                if (v.rule >= 0)
                    ve.rules.push_back(v.rule);
                view.violations.push_back(e);
            }
        }
    }
    std::sort(view.edges.begin(), view.edges.end(),
              [](const ViewEdge &x, const ViewEdge &y) { return x.from != y.from ? x.from < y.from : x.to < y.to; });
    for (ViewEdge &ve : view.edges) {
        std::sort(ve.underlying.begin(), ve.underlying.end());
        std::sort(ve.rules.begin(), ve.rules.end());
        ve.rules.erase(std::unique(ve.rules.begin(), ve.rules.end()), ve.rules.end());
    }
    std::sort(view.violations.begin(), view.violations.end());

    // 6. Cycles between drawn components. Aggregates and "(no distribution)" are left out:
    // they are catch-alls, not components, and would invent cycles.
    {
        const int vn = int(view.nodes.size());
        const auto catchAll = [&](int i) {
            return view.nodes[i].kind == ViewNodeKind::Aggregate || view.nodes[i].id == "dist:(none)";
        };
        std::vector<std::vector<int>> adj(vn);
        for (const ViewEdge &ve : view.edges) {
            if (!catchAll(ve.from) && !catchAll(ve.to))
                adj[ve.from].push_back(ve.to);
        }
        std::vector<int> cycleOf(vn, -1);
        for (std::vector<int> &members : stronglyConnected(vn, adj)) {
            ViewCycle c;
            c.nodes = std::move(members);
            for (int m : c.nodes)
                cycleOf[m] = int(view.cycles.size());
            view.cycles.push_back(std::move(c));
        }
        for (int ei = 0; ei < int(view.edges.size()); ++ei) {
            ViewEdge &ve = view.edges[ei];
            const int c = cycleOf[ve.from];
            if (c >= 0 && c == cycleOf[ve.to]) {
                ve.inCycle = true;
                view.cycles[c].edges.push_back(ei);
            }
        }
    }
    return view;
}

std::vector<NodeId> whyPath(const ComponentIndex &index, const ComponentView &view, int from, int to)
{
    if (from < 0 || to < 0 || from >= int(view.nodes.size()) || to >= int(view.nodes.size()))
        return {};
    const TargetGraph &g = index.graph();
    std::vector<NodeId> previous(g.nodeCount(), -2); // -2 unvisited, -1 a start
    std::vector<char> goal(g.nodeCount(), 0);
    for (NodeId m : view.nodes[to].members)
        goal[m] = 1;
    std::vector<NodeId> frontier;
    for (NodeId m : view.nodes[from].members) {
        previous[m] = -1;
        frontier.push_back(m);
    }
    NodeId reached = -1;
    for (size_t head = 0; head < frontier.size() && reached < 0; ++head) {
        const NodeId x = frontier[head];
        const std::span<const NodeId> deps = g.dependencies(x);
        for (size_t k = 0; k < deps.size(); ++k) {
            const NodeId y = deps[k];
            if (previous[y] != -2 || g.edgeKind(g.firstEdge(x) + EdgeId(k)) == EdgeKind::Generated)
                continue;
            previous[y] = x;
            if (goal[y]) {
                reached = y;
                break;
            }
            frontier.push_back(y);
        }
    }
    std::vector<NodeId> path;
    for (NodeId n = reached; n >= 0; n = previous[n])
        path.push_back(n);
    std::reverse(path.begin(), path.end());
    return path;
}

ViewRequest openNode(ViewRequest request, const std::string &id)
{
    if (std::find(request.opened.begin(), request.opened.end(), id) == request.opened.end())
        request.opened.push_back(id);
    return request;
}

ViewRequest closeNode(ViewRequest request, const std::string &id)
{
    // Ids opened inside `id` start with it (packages: "pkg:src:a" then "pkg:src:a.b";
    // distributions: "dist:x" then "dist:x>pkg:..."; targets: "target:x").
    std::string dotted = id;
    request.opened.erase(std::remove_if(request.opened.begin(), request.opened.end(),
                                        [&](const std::string &o) {
                                            if (o == id)
                                                return true;
                                            if (!o.starts_with(id) || o.size() <= id.size())
                                                return false;
                                            const char next = o[id.size()];
                                            return next == '.' || next == '>' || next == '/';
                                        }),
                         request.opened.end());
    return request;
}

ViewRequest expandAggregate(ViewRequest request, const std::string &aggregateId)
{
    ++request.expanded[aggregateId];
    return request;
}

// ---- output ------------------------------------------------------------------------------

namespace {

void str(std::string &out, std::string_view s) { base::appendJsonString(out, s); }

const char *kindName(ViewNodeKind k)
{
    switch (k) {
    case ViewNodeKind::Component: return "component";
    case ViewNodeKind::Focus: return "focus";
    case ViewNodeKind::Aggregate: return "aggregate";
    }
    return "component";
}

void appendUnderlying(std::string &out, const ComponentIndex &index, EdgeId e, const char *indent)
{
    const TargetGraph &g = index.graph();
    const EdgeInfo info = g.edgeInfo(e);
    out += indent;
    out += "{\"from\": ";
    str(out, g.address(info.from).toString());
    out += ", \"to\": ";
    str(out, g.address(info.to).toString());
    out += ", \"kind\": ";
    str(out, infer::edgeKindName(info.kind));
    out += ", \"lines\": [";
    bool firstLine = true;
    for (const Evidence &ev : info.evidence) {
        out += firstLine ? "" : ", ";
        firstLine = false;
        out += "{\"file\": ";
        str(out, ev.file);
        out += ", \"line\": " + std::to_string(ev.line) + ", \"module\": ";
        str(out, ev.module);
        out += "}";
    }
    if (info.declaredAt && !info.declaredAt->file.empty()) {
        out += firstLine ? "" : ", ";
        out += "{\"file\": ";
        str(out, info.declaredAt->file);
        out += ", \"line\": " + std::to_string(info.declaredAt->line) + ", \"module\": null}";
    }
    out += "]";
    const VisibilityVerdict &v = index.verdict(e);
    out += ", \"visibility\": ";
    str(out, ruleActionName(v.action));
    out += ", \"rule\": ";
    if (v.action == RuleAction::Allow)
        out += "null";
    else
        str(out, index.visibility().describe(v));
    out += "}";
}

} // namespace

std::string componentViewJson(const ComponentIndex &index, const ViewRequest &request, const ComponentView &view,
                              bool provenance)
{
    const TargetGraph &g = index.graph();
    std::string out = "{\n  \"version\": 1,\n  \"kind\": \"component_view\",\n  \"group_by\": ";
    str(out, groupByName(request.groupBy));
    out += ",\n  \"depth\": " + std::to_string(request.groupBy == GroupBy::File || request.groupBy == GroupBy::Target ? 0 : request.depth);
    out += ",\n  \"budget\": " + std::to_string(request.budget);
    out += ",\n  \"focus\": [";
    for (size_t i = 0; i < request.focus.size(); ++i) {
        out += i ? ", " : "";
        str(out, g.address(request.focus[i]).toString());
    }
    out += "],\n  \"selected_targets\": " + std::to_string(view.selectedTargets);
    out += ",\n  \"hidden_targets\": " + std::to_string(view.hiddenTargets);
    out += ",\n  \"summarized\": ";
    out += view.summarized ? "true" : "false";
    out += ",\n  \"nodes\": [";
    for (size_t i = 0; i < view.nodes.size(); ++i) {
        const ViewNode &n = view.nodes[i];
        out += i ? ",\n    {" : "\n    {";
        out += "\"id\": ";
        str(out, n.id);
        out += ", \"label\": ";
        str(out, n.label);
        out += ", \"kind\": ";
        str(out, kindName(n.kind));
        out += ", \"parent\": ";
        if (n.parent.empty())
            out += "null";
        else
            str(out, n.parent);
        out += ", \"openable\": ";
        out += n.openable ? "true" : "false";
        out += ", \"targets\": " + std::to_string(n.targets) + ", \"files\": " + std::to_string(n.files);
        out += ", \"internal_edges\": " + std::to_string(n.internalEdges);
        if (!n.module.empty() || n.id.starts_with("pkg:")) {
            out += ", \"source_root\": ";
            str(out, n.sourceRoot);
            out += ", \"module\": ";
            str(out, n.module);
        }
        if (!n.relation.empty()) {
            out += ", \"relation\": ";
            str(out, n.relation);
            out += ", \"distance\": " + std::to_string(n.distance);
        }
        if (n.kind == ViewNodeKind::Aggregate) {
            out += ", \"components\": " + std::to_string(n.components) + ", \"member_ids\": [";
            for (size_t k = 0; k < n.memberIds.size(); ++k) {
                out += k ? ", " : "";
                str(out, n.memberIds[k]);
            }
            out += "]";
        }
        if (n.kind == ViewNodeKind::Focus || n.targets == 1) {
            out += ", \"addresses\": [";
            for (size_t k = 0; k < n.members.size() && k < 50; ++k) {
                out += k ? ", " : "";
                str(out, g.address(n.members[k]).toString());
            }
            out += "]";
        }
        out += "}";
    }
    out += view.nodes.empty() ? "],\n" : "\n  ],\n";
    out += "  \"edges\": [";
    for (size_t i = 0; i < view.edges.size(); ++i) {
        const ViewEdge &e = view.edges[i];
        out += i ? ",\n    {" : "\n    {";
        out += "\"from\": ";
        str(out, view.nodes[e.from].id);
        out += ", \"to\": ";
        str(out, view.nodes[e.to].id);
        out += ", \"edges\": " + std::to_string(e.edges) + ", \"imports\": " + std::to_string(e.imports);
        out += ", \"violations\": " + std::to_string(e.violations) + ", \"warnings\": " + std::to_string(e.warnings);
        out += ", \"no_rule\": " + std::to_string(e.noRule);
        out += ", \"in_cycle\": ";
        out += e.inCycle ? "true" : "false";
        out += ", \"rules\": [";
        for (size_t k = 0; k < e.rules.size(); ++k) {
            out += k ? ", " : "";
            str(out, index.visibility().describe({RuleAction::Deny, e.rules[k]}).substr(6));
        }
        out += "]";
        if (provenance) {
            out += ", \"underlying\": [\n";
            for (size_t k = 0; k < e.underlying.size(); ++k) {
                appendUnderlying(out, index, e.underlying[k], "      ");
                out += k + 1 < e.underlying.size() ? ",\n" : "\n";
            }
            out += "    ]";
        }
        out += "}";
    }
    out += view.edges.empty() ? "],\n" : "\n  ],\n";
    out += "  \"cycles\": [";
    for (size_t i = 0; i < view.cycles.size(); ++i) {
        const ViewCycle &c = view.cycles[i];
        out += i ? ",\n    {\"nodes\": [" : "\n    {\"nodes\": [";
        for (size_t k = 0; k < c.nodes.size(); ++k) {
            out += k ? ", " : "";
            str(out, view.nodes[c.nodes[k]].id);
        }
        out += "], \"edges\": [";
        for (size_t k = 0; k < c.edges.size(); ++k) {
            const ViewEdge &e = view.edges[c.edges[k]];
            out += k ? ", [" : "[";
            str(out, view.nodes[e.from].id);
            out += ", ";
            str(out, view.nodes[e.to].id);
            out += "]";
        }
        out += "]}";
    }
    out += view.cycles.empty() ? "],\n" : "\n  ],\n";
    out += "  \"violations\": [";
    for (size_t i = 0; i < view.violations.size(); ++i) {
        out += i ? ",\n" : "\n";
        appendUnderlying(out, index, view.violations[i], "    ");
    }
    out += view.violations.empty() ? "]\n}\n" : "\n  ]\n}\n";
    return out;
}

std::string componentViewDot(const ComponentIndex &index, const ComponentView &view)
{
    (void)index;
    const auto q = [](std::string_view s) {
        std::string o = "\"";
        for (char c : s) {
            if (c == '"' || c == '\\')
                o += '\\';
            if (c == '\n')
                o += "\\n";
            else
                o += c;
        }
        return o + "\"";
    };
    std::string out = "digraph \"trellis\" {\n  rankdir=LR;\n  node [shape=box];\n";
    for (const ViewNode &n : view.nodes) {
        out += "  " + q(n.id) + " [label=" + q(n.label + "\n" + withSeparators(n.targets) + " targets, " + withSeparators(n.files) + " files");
        out += ", kind=" + q(kindName(n.kind));
        if (n.kind == ViewNodeKind::Aggregate)
            out += ", style=dashed";
        else if (n.kind == ViewNodeKind::Focus)
            out += ", style=bold";
        out += "];\n";
    }
    for (const ViewEdge &e : view.edges) {
        out += "  " + q(view.nodes[e.from].id) + " -> " + q(view.nodes[e.to].id) + " [label=" + q(withSeparators(e.imports));
        out += ", weight=" + std::to_string(e.edges) + ", penwidth=" + std::to_string(1 + std::min(e.edges, 64) / 8);
        if (e.violations > 0)
            out += ", color=red, violations=" + std::to_string(e.violations);
        else if (e.inCycle)
            out += ", color=orange";
        out += "];\n";
    }
    out += "}\n";
    return out;
}

} // namespace trellis::graph
