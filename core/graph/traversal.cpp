// Graph walks, and the Pants semantics they reproduce.
//
// Two views of the edges exist. The *resolved* edges are what inference produced: a
// target that names a generator in `dependencies` depends on the generator, and each
// generator depends on its generated targets. The *expanded* edges replace every
// generator in a dependency list by its generated targets (spec §6 expansion rule), so
// generators drop out of dependency walks. Pants uses the expanded view for
// `dependencies` and `paths` and the resolved view for `dependents`, which is why
// `dependents src/b/y.py` lists the generator `src/b:lib`; we do the same.
//
// Closures are plain breadth-first walks over CSR rows with a visited bitmap, O(V + E).
// Pants' transitive closure does not include the roots unless some node reaches them,
// and removes `!!` excludes only at the end: an excluded target is still walked through,
// it just is not reported. The dependents walk removes the roots unless asked to keep
// them; that asymmetry is Pants' and tests pin it.
//
// Paths follow Pants' `find_paths_breadth_first`: a queue of partial paths, each
// expanded once per (previous, current) edge, reporting a path whenever a dependency is
// the destination. Paths are stored as parent pointers into the queue so that a long
// path costs one entry, not a copy; limits on count and length keep it finite and small.
//
// Cycles: Tarjan's algorithm with an explicit stack finds the strongly connected
// components of the expanded graph. Pants tolerates a cycle when a file-level target is
// on it (Python modules import each other all the time) and rejects one made of
// BUILD-level targets only. A component is therefore rejected exactly when the subgraph
// induced by its non-file members still has a cycle, which a second Tarjan pass over
// that subgraph decides; the offending cycle is then shown from inside that subgraph.
#include "core/graph/traversal.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <functional>
#include <unordered_set>

namespace trellis::graph {

namespace {

std::vector<NodeId> collect(const std::vector<char> &mark)
{
    std::vector<NodeId> out;
    for (NodeId n = 0; n < static_cast<NodeId>(mark.size()); ++n) {
        if (mark[n])
            out.push_back(n);
    }
    return out;
}


/// A shortest cycle through `start` using only `members` (sorted). `parent` is scratch
/// space of nodeCount entries, all -2 on entry and on return.
std::vector<NodeId> shortestCycle(const TargetGraph &graph, NodeId start, const std::vector<NodeId> &members,
                                  std::vector<NodeId> &parent)
{
    const auto inside = [&members](NodeId w) { return std::binary_search(members.begin(), members.end(), w); };
    std::vector<NodeId> touched{start};
    std::deque<NodeId> queue{start};
    parent[start] = -1;
    std::vector<NodeId> path;
    while (!queue.empty() && path.empty()) {
        const NodeId v = queue.front();
        queue.pop_front();
        for (NodeId w : graph.expandedDependencies(v)) {
            if (!inside(w))
                continue;
            if (w == start) {
                path.push_back(start);
                for (NodeId x = v; x != -1; x = parent[x])
                    path.push_back(x);
                std::reverse(path.begin(), path.end()); // start ... v start
                break;
            }
            if (parent[w] == -2) {
                parent[w] = v;
                touched.push_back(w);
                queue.push_back(w);
            }
        }
    }
    for (NodeId t : touched)
        parent[t] = -2;
    return path;
}

} // namespace

std::vector<std::vector<NodeId>> stronglyConnected(int nodeCount, const std::vector<char> &include,
                                                   const Adjacency &next)
{
    std::vector<int> index(nodeCount, -1);
    std::vector<int> low(nodeCount, 0);
    std::vector<char> onStack(nodeCount, 0);
    std::vector<NodeId> stack;
    struct Frame {
        NodeId node;
        size_t child;
    };
    std::vector<Frame> frames;
    std::vector<std::vector<NodeId>> components;
    int counter = 0;

    for (NodeId start = 0; start < nodeCount; ++start) {
        if (!include[start] || index[start] >= 0)
            continue;
        frames.push_back({start, 0});
        index[start] = low[start] = counter++;
        stack.push_back(start);
        onStack[start] = 1;
        while (!frames.empty()) {
            Frame &f = frames.back();
            std::span<const NodeId> succ = next(f.node);
            if (f.child < succ.size()) {
                const NodeId w = succ[f.child++];
                if (!include[w])
                    continue;
                if (index[w] < 0) {
                    index[w] = low[w] = counter++;
                    stack.push_back(w);
                    onStack[w] = 1;
                    frames.push_back({w, 0});
                } else if (onStack[w]) {
                    low[f.node] = std::min(low[f.node], index[w]);
                }
                continue;
            }
            const NodeId v = f.node;
            frames.pop_back();
            if (!frames.empty())
                low[frames.back().node] = std::min(low[frames.back().node], low[v]);
            if (low[v] == index[v]) {
                std::vector<NodeId> component;
                NodeId w;
                do {
                    w = stack.back();
                    stack.pop_back();
                    onStack[w] = 0;
                    component.push_back(w);
                } while (w != v);
                if (component.size() > 1) {
                    std::sort(component.begin(), component.end());
                    components.push_back(std::move(component));
                }
            }
        }
    }
    std::sort(components.begin(), components.end());
    return components;
}

std::vector<NodeId> directDependencies(const TargetGraph &graph, std::span<const NodeId> roots)
{
    std::vector<char> mark(graph.nodeCount(), 0);
    for (NodeId r : roots) {
        for (NodeId d : graph.expandedDependencies(r))
            mark[d] = 1;
    }
    return collect(mark);
}

std::vector<NodeId> transitiveDependencies(const TargetGraph &graph, std::span<const NodeId> roots)
{
    const int n = graph.nodeCount();
    std::vector<char> visited(n, 0);
    std::vector<char> excluded(n, 0);
    std::vector<NodeId> queue;
    std::vector<char> isRoot(n, 0);
    for (NodeId r : roots) {
        for (NodeId x : graph.expansionOf(r)) {
            if (!isRoot[x]) {
                isRoot[x] = 1;
                queue.push_back(x);
            }
        }
    }
    // The roots' `!!` count as well as the visited targets'.
    for (NodeId r : queue) {
        for (NodeId x : graph.transitiveExcludes(r))
            excluded[x] = 1;
    }
    for (size_t head = 0; head < queue.size(); ++head) {
        for (NodeId d : graph.expandedDependencies(queue[head])) {
            if (visited[d])
                continue;
            visited[d] = 1;
            for (NodeId x : graph.transitiveExcludes(d))
                excluded[x] = 1;
            if (!isRoot[d])
                queue.push_back(d); // roots are already queued
        }
    }
    for (NodeId i = 0; i < n; ++i) {
        if (excluded[i])
            visited[i] = 0;
    }
    return collect(visited);
}

std::vector<NodeId> dependentsOf(const TargetGraph &graph, std::span<const NodeId> roots, DependentsOptions options)
{
    const int n = graph.nodeCount();
    std::vector<char> found(n, 0);
    std::vector<NodeId> queue(roots.begin(), roots.end());
    std::vector<char> queued(n, 0);
    for (NodeId r : roots)
        queued[r] = 1;
    const size_t firstLevel = queue.size();
    for (size_t head = 0; head < queue.size(); ++head) {
        if (!options.transitive && head >= firstLevel)
            break;
        for (NodeId d : graph.dependents(queue[head])) {
            found[d] = 1;
            if (!queued[d]) {
                queued[d] = 1;
                queue.push_back(d);
            }
        }
    }
    for (NodeId r : roots)
        found[r] = options.includeRoots ? 1 : 0;
    return collect(found);
}

std::vector<NodeId> rootTargets(const TargetGraph &graph)
{
    std::vector<NodeId> out;
    for (NodeId n = 0; n < graph.nodeCount(); ++n) {
        if (graph.dependents(n).empty())
            out.push_back(n);
    }
    return out;
}

PathWalk walkPaths(const TargetGraph &graph, NodeId from, NodeId to, PathLimits limits,
                   const std::function<bool(const FoundPath &)> &visit, std::int64_t *work)
{
    PathWalk walk;
    if (from < 0 || to < 0 || limits.maxPaths <= 0 || limits.maxLength <= 0)
        return walk;
    // Queue entries: a node, the entry holding the path up to its predecessor, its length.
    struct Entry {
        NodeId node;
        int parent;
        int length;
    };
    std::vector<Entry> entries{{from, -1, 1}};
    struct Found final : FoundPath {
        const std::vector<Entry> *entries = nullptr;
        int entry = -1;
        NodeId last = -1;
        std::vector<NodeId> nodes() const override
        {
            std::vector<NodeId> path{last};
            for (int e = entry; e >= 0; e = (*entries)[std::size_t(e)].parent)
                path.push_back((*entries)[std::size_t(e)].node);
            std::reverse(path.begin(), path.end());
            return path;
        }
    } found;
    found.entries = &entries;
    auto report = [&](int entry, NodeId last) {
        found.entry = entry;
        found.last = last;
        ++walk.found;
        if (!visit(found)) {
            walk.stopped = true;
            return false;
        }
        return walk.found < limits.maxPaths;
    };
    if (from == to) {
        report(-1, from);
        return walk;
    }
    std::unordered_set<std::uint64_t> expandedEdges;
    for (size_t head = 0; head < entries.size(); ++head) {
        const Entry cur = entries[head];
        const NodeId prev = cur.parent >= 0 ? entries[cur.parent].node : -1;
        const std::uint64_t key = (static_cast<std::uint64_t>(static_cast<std::uint32_t>(prev)) << 32)
                                  | static_cast<std::uint32_t>(cur.node);
        if (!expandedEdges.insert(key).second)
            continue;
        if (cur.length >= limits.maxLength)
            continue;
        for (NodeId dep : graph.expandedDependencies(cur.node)) {
            if (work && (*work)-- <= 0) {
                walk.outOfWork = true;
                return walk;
            }
            if (dep == to) {
                if (!report(static_cast<int>(head), dep))
                    return walk;
            } else {
                entries.push_back({dep, static_cast<int>(head), cur.length + 1});
            }
        }
    }
    return walk;
}

std::vector<std::vector<NodeId>> findPaths(const TargetGraph &graph, NodeId from, NodeId to, PathLimits limits)
{
    std::vector<std::vector<NodeId>> paths;
    walkPaths(graph, from, to, limits, [&](const FoundPath &p) {
        paths.push_back(p.nodes());
        return true;
    });
    return paths;
}

std::vector<NodeId> shortestPath(const TargetGraph &graph, NodeId from, NodeId to)
{
    if (from < 0 || to < 0)
        return {};
    if (from == to)
        return {from};
    std::vector<NodeId> parent(graph.nodeCount(), -2);
    parent[from] = -1;
    std::deque<NodeId> queue{from};
    while (!queue.empty()) {
        const NodeId v = queue.front();
        queue.pop_front();
        for (NodeId w : graph.expandedDependencies(v)) {
            if (parent[w] != -2)
                continue;
            parent[w] = v;
            if (w == to) {
                std::vector<NodeId> path;
                for (NodeId x = w; x != -1; x = parent[x])
                    path.push_back(x);
                std::reverse(path.begin(), path.end());
                return path;
            }
            queue.push_back(w);
        }
    }
    return {};
}

std::vector<Cycle> findCycles(const TargetGraph &graph)
{
    const int n = graph.nodeCount();
    const Adjacency expanded = [&graph](NodeId v) { return graph.expandedDependencies(v); };
    const std::vector<char> all(n, 1);
    std::vector<char> nonFile(n, 0);
    for (NodeId v = 0; v < n; ++v)
        nonFile[v] = graph.address(v).isFileTarget() ? 0 : 1;

    std::vector<std::vector<NodeId>> components = stronglyConnected(n, all, expanded);
    std::vector<int> componentOf(n, -1);
    for (size_t c = 0; c < components.size(); ++c) {
        for (NodeId m : components[c])
            componentOf[m] = static_cast<int>(c);
    }
    // Each cycle among non-file targets lies inside one component; keep the first per
    // component (components come sorted, so "first" is deterministic).
    std::vector<int> rejectedIn(components.size(), -1);
    const std::vector<std::vector<NodeId>> rejected = stronglyConnected(n, nonFile, expanded);
    for (size_t r = 0; r < rejected.size(); ++r) {
        int &slot = rejectedIn[componentOf[rejected[r].front()]];
        if (slot < 0)
            slot = static_cast<int>(r);
    }

    std::vector<NodeId> parent(n, -2);
    std::vector<Cycle> cycles;
    cycles.reserve(components.size());
    for (size_t c = 0; c < components.size(); ++c) {
        Cycle cycle;
        cycle.members = std::move(components[c]);
        if (rejectedIn[c] < 0) {
            cycle.path = shortestCycle(graph, cycle.members.front(), cycle.members, parent);
        } else {
            const std::vector<NodeId> &bad = rejected[rejectedIn[c]];
            cycle.allowed = false;
            cycle.path = shortestCycle(graph, bad.front(), bad, parent);
        }
        cycles.push_back(std::move(cycle));
    }
    return cycles;
}

std::string formatCycle(const TargetGraph &graph, const Cycle &cycle)
{
    std::string text = "The dependency graph contained a cycle:\n";
    const NodeId subject = cycle.path.empty() ? -1 : cycle.path.front();
    for (NodeId n : cycle.path) {
        text += n == subject ? "-> " : "   ";
        text += graph.address(n).toString();
        text += '\n';
    }
    text += "\nTo fix this, first verify if your code has an actual import cycle. If it does, you likely need to "
            "re-architect your code to avoid the cycle.\n\nIf there is no cycle in your code, then you may need to use "
            "more granular targets. Split up the problematic targets into smaller targets with more granular "
            "`sources` fields so that you can adjust the `dependencies` fields to avoid introducing a cycle.";
    return text;
}

Subgraph extractSubgraph(const TargetGraph &graph, const SubgraphRequest &request)
{
    Subgraph sub;
    const int n = graph.nodeCount();
    if (request.focus < 0 || request.focus >= n || request.maxNodes <= 0)
        return sub;
    const bool down = request.direction != Direction::Dependents;
    const bool up = request.direction != Direction::Dependencies;
    const auto forward = [&](NodeId v) {
        return request.expanded ? graph.expandedDependencies(v) : graph.dependencies(v);
    };

    std::vector<int> distance(n, -1);
    std::vector<NodeId> order{request.focus};
    distance[request.focus] = 0;
    std::vector<char> frontier(n, 0);
    const auto visit = [&](NodeId from, NodeId w) {
        if (distance[w] >= 0)
            return;
        if (distance[from] >= request.hops || static_cast<int>(order.size()) >= request.maxNodes) {
            if (static_cast<int>(order.size()) >= request.maxNodes && distance[from] < request.hops)
                sub.capped = true;
            frontier[from] = 1;
            return;
        }
        distance[w] = distance[from] + 1;
        order.push_back(w);
    };
    for (size_t head = 0; head < order.size(); ++head) {
        const NodeId v = order[head];
        if (down) {
            for (NodeId w : forward(v))
                visit(v, w);
        }
        if (up) {
            for (NodeId w : graph.dependents(v))
                visit(v, w);
        }
    }

    std::vector<char> included(n, 0);
    for (NodeId v : order)
        included[v] = 1;
    sub.nodes = collect(included);
    sub.distance.reserve(sub.nodes.size());
    for (NodeId v : sub.nodes) {
        sub.distance.push_back(distance[v]);
        for (NodeId w : forward(v)) {
            if (included[w])
                sub.edges.emplace_back(v, w);
        }
        if (frontier[v])
            sub.frontier.push_back(v);
    }
    return sub;
}

} // namespace trellis::graph
