// Reach walks two graphs one after the other. First the lockfile's package graph: a
// requirement target reaches every package in the locked dependency closure of what it
// names, so a changed package reaches the requirement targets whose closure contains it.
// The graph has one node per package and one per (package, extra) that something asks
// for: `requests[socks]` -> `requests` and -> pysocks, so that a target naming plain
// `requests` is not reached by a pysocks bump. Removed packages are looked up in base,
// everything else in head; the diff's chain stands in when a lockfile is not given.
// Second the target graph: the matching requirement targets are the roots of
// graph::dependentsOf, once direct and once transitive, and requirement targets (and
// their generators) are dropped from the answer because they are not code that can be
// tested.
#include "core/lockfile/reach.h"

#include "core/graph/traversal.h"
#include "core/lockfile/marker.h"
#include "core/lockfile/pep440.h"
#include "core/workspace/requirements.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <map>
#include <set>
#include <unordered_map>

namespace trellis::lockfile {

namespace {

std::string extraKey(const std::string &name, const std::string &extra)
{
    return name + "[" + extra + "]";
}

/// For every name in one lockfile's requirement graph, the provider keys (a project or
/// `project[extra]` that some requirement target names) that require it, directly,
/// transitively or by being it: one bitset per strongly connected component, propagated
/// once in topological order. O((V + E) * P / 64) for P provider keys, instead of one walk
/// over all requirers per changed package.
class ProvidersReaching {
public:
    ProvidersReaching(const Lockfile *lock, const std::vector<std::string> &providerNames)
    {
        if (!lock)
            return;
        // node() may grow m_out: take the ids before indexing it.
        auto edge = [&](int from, int to) { m_out[std::size_t(from)].push_back(to); };
        for (const LockedPackage &p : lock->packages) {
            const int from = node(p.name);
            if (lock->hasDependencyDetail) {
                for (const LockedDependency &d : p.edges) {
                    const int source = d.whenExtra.empty() ? from : node(extraKey(p.name, d.whenExtra));
                    edge(source, node(d.name));
                    for (const std::string &x : d.extras)
                        edge(source, node(extraKey(d.name, x)));
                }
            } else {
                for (const std::string &dep : p.dependencies)
                    edge(from, node(dep));
            }
            for (const std::string &by : p.requiredBy)
                edge(node(by), from);
        }
        components();
        m_words = (providerNames.size() + 63) / 64;
        m_bits.assign(std::size_t(m_count) * m_words, 0);
        for (std::size_t k = 0; k < providerNames.size(); ++k)
            if (auto it = m_id.find(providerNames[k]); it != m_id.end())
                m_bits[std::size_t(m_comp[std::size_t(it->second)]) * m_words + k / 64] |= std::uint64_t(1) << (k % 64);
        // Tarjan numbers components sinks first: every edge goes from a higher number to a
        // lower one (or stays inside), so descending order is a topological order.
        std::vector<std::vector<int>> members;
        members.resize(std::size_t(m_count));
        for (std::size_t v = 0; v < m_comp.size(); ++v)
            members[std::size_t(m_comp[v])].push_back(int(v));
        for (int c = m_count - 1; c >= 0; --c)
            for (int v : members[std::size_t(c)])
                for (int w : m_out[std::size_t(v)])
                    if (const int cw = m_comp[std::size_t(w)]; cw != c)
                        for (std::size_t i = 0; i < m_words; ++i)
                            m_bits[std::size_t(cw) * m_words + i] |= m_bits[std::size_t(c) * m_words + i];
    }

    /// Calls `f(k)` for every provider project index k that requires `name`.
    template <typename F>
    void forEach(const std::string &name, F f) const
    {
        auto it = m_id.find(name);
        if (it == m_id.end())
            return;
        const std::size_t base = std::size_t(m_comp[std::size_t(it->second)]) * m_words;
        for (std::size_t i = 0; i < m_words; ++i)
            for (std::uint64_t w = m_bits[base + i]; w; w &= w - 1)
                f(i * 64 + std::size_t(std::countr_zero(w)));
    }

private:
    /// The node of a name or an extra key; an extra node requires its package's node.
    int node(const std::string &key)
    {
        auto [it, inserted] = m_id.emplace(key, int(m_out.size()));
        if (!inserted)
            return it->second;
        const int id = it->second;
        m_out.emplace_back();
        if (const std::size_t open = key.find('['); open != std::string::npos) {
            const int base = node(key.substr(0, open));
            m_out[std::size_t(id)].push_back(base);
        }
        return id;
    }

    // Iterative Tarjan: deep requirement chains cannot overflow the stack.
    void components()
    {
        const std::size_t n = m_out.size();
        std::vector<int> index(n, -1), low(n, 0);
        std::vector<char> onStack(n, 0);
        std::vector<int> stack;
        std::vector<std::pair<int, std::size_t>> calls;
        m_comp.assign(n, -1);
        int counter = 0;
        for (std::size_t s = 0; s < n; ++s) {
            if (index[s] != -1)
                continue;
            index[s] = low[s] = counter++;
            stack.push_back(int(s));
            onStack[s] = 1;
            calls.push_back({int(s), 0});
            while (!calls.empty()) {
                const int v = calls.back().first;
                const std::size_t i = calls.back().second;
                if (i < m_out[std::size_t(v)].size()) {
                    ++calls.back().second;
                    const int w = m_out[std::size_t(v)][i];
                    if (index[std::size_t(w)] == -1) {
                        index[std::size_t(w)] = low[std::size_t(w)] = counter++;
                        stack.push_back(w);
                        onStack[std::size_t(w)] = 1;
                        calls.push_back({w, 0});
                    } else if (onStack[std::size_t(w)]) {
                        low[std::size_t(v)] = std::min(low[std::size_t(v)], index[std::size_t(w)]);
                    }
                    continue;
                }
                if (low[std::size_t(v)] == index[std::size_t(v)]) {
                    for (;;) {
                        const int w = stack.back();
                        stack.pop_back();
                        onStack[std::size_t(w)] = 0;
                        m_comp[std::size_t(w)] = m_count;
                        if (w == v)
                            break;
                    }
                    ++m_count;
                }
                calls.pop_back();
                if (!calls.empty()) {
                    const int u = calls.back().first;
                    low[std::size_t(u)] = std::min(low[std::size_t(u)], low[std::size_t(v)]);
                }
            }
        }
    }

    std::unordered_map<std::string, int> m_id;
    std::vector<std::vector<int>> m_out; ///< requirer -> required
    std::vector<int> m_comp;
    int m_count = 0;
    std::size_t m_words = 0;
    std::vector<std::uint64_t> m_bits;
};

/// A requirement target's providing key(s): the project, and `project[extra]` for each extra.
std::vector<std::string> providerKeys(const workspace::Target &target)
{
    std::vector<std::string> keys;
    const workspace::Field *field = target.field("requirements");
    if (!field)
        return keys;
    for (const auto &item : field->value.items()) {
        if (!item.isString())
            continue;
        int errorColumn = -1;
        std::string error;
        if (workspace::parseRequirementName(item.str(), errorColumn, error).empty())
            continue;
        const RequirementParts parts = splitRequirement(item.str());
        if (parts.name.empty())
            continue;
        keys.push_back(parts.name);
        for (const std::string &x : parts.extras)
            keys.push_back(extraKey(parts.name, x));
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
}

std::vector<graph::NodeId> firstParty(const graph::TargetGraph &graph, std::vector<graph::NodeId> nodes)
{
    std::erase_if(nodes, [&](graph::NodeId n) { return isRequirementTarget(graph.target(n)); });
    return nodes;
}

} // namespace

const PackageReach *ReachResult::find(std::string_view name) const
{
    for (const PackageReach &p : packages)
        if (p.name == name)
            return &p;
    return nullptr;
}

std::vector<std::string> requirementProjects(const workspace::Target &target)
{
    std::vector<std::string> names;
    const workspace::Field *field = target.field("requirements");
    if (!field)
        return names;
    for (const auto &item : field->value.items()) {
        if (!item.isString())
            continue;
        int errorColumn = -1;
        std::string error;
        const std::string name = workspace::parseRequirementName(item.str(), errorColumn, error);
        if (!name.empty())
            names.push_back(normalizeProjectName(name));
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

bool isRequirementTarget(const workspace::Target &target)
{
    const std::string_view type = target.type;
    return type.ends_with("_requirement") || type.ends_with("_requirements");
}

std::vector<RequirementReach> requirementTargetsReached(const workspace::TargetList &targets, const LockfileDiff &diff,
                                                       const Lockfile *base, const Lockfile *head)
{
    // Requirement targets of the diff's resolve, by the keys they provide.
    std::map<std::string, std::vector<int>> providers;
    for (std::size_t n = 0; n < targets.size(); ++n) {
        const workspace::Target &t = targets[n];
        if (t.type != "python_requirement")
            continue;
        if (!diff.resolve.empty() && !t.resolve.empty() && t.resolve != diff.resolve)
            continue;
        for (const std::string &key : providerKeys(t))
            providers[key].push_back(int(n));
    }
    std::vector<std::string> providerNames;
    providerNames.reserve(providers.size());
    for (const auto &[key, nodes] : providers)
        providerNames.push_back(key);
    const ProvidersReaching baseReach(base, providerNames);
    const ProvidersReaching headReach(head, providerNames);

    std::vector<RequirementReach> result;
    for (ChangeKind kind : {ChangeKind::Upgraded, ChangeKind::Downgraded, ChangeKind::Added, ChangeKind::Removed}) {
        for (const PackageChange *c : diff.section(kind)) {
            std::vector<int> roots;
            auto add = [&](const std::string &key) {
                if (auto it = providers.find(key); it != providers.end())
                    roots.insert(roots.end(), it->second.begin(), it->second.end());
            };
            add(c->name);
            const Lockfile *lock = kind == ChangeKind::Removed ? base : head;
            if (lock) {
                (kind == ChangeKind::Removed ? baseReach : headReach).forEach(c->name, [&](std::size_t k) { add(providerNames[k]); });
            } else {
                for (const std::string &name : c->chain) // the nearest top-level requirement only
                    add(name);
            }
            std::sort(roots.begin(), roots.end());
            roots.erase(std::unique(roots.begin(), roots.end()), roots.end());
            result.push_back({c->name, std::move(roots)});
        }
    }
    return result;
}

ReachResult computeReach(const graph::TargetGraph &graph, const LockfileDiff &diff, const Lockfile *base,
                         const Lockfile *head, std::string graphRevision)
{
    const std::vector<RequirementReach> reached = requirementTargetsReached(graph.workspace()->targets(), diff, base, head);
    // Many changed packages share their requirement targets; walk the graph once per set.
    std::map<std::vector<graph::NodeId>, std::pair<std::vector<graph::NodeId>, std::vector<graph::NodeId>>> dependentsCache;

    ReachResult result;
    result.graphRevision = std::move(graphRevision);
    for (const RequirementReach &r : reached) {
        PackageReach reach;
        reach.name = r.name;
        reach.requirementTargets = r.targets;
        if (!r.targets.empty()) {
            auto [it, inserted] = dependentsCache.try_emplace(r.targets);
            if (inserted) {
                it->second.first = firstParty(graph, graph::dependentsOf(graph, r.targets, {.transitive = false}));
                it->second.second = firstParty(graph, graph::dependentsOf(graph, r.targets, {.transitive = true}));
            }
            reach.directDependents = it->second.first;
            reach.transitiveDependents = it->second.second;
        }
        result.packages.push_back(std::move(reach));
    }
    return result;
}

void applyReach(LockfileDiff &diff, const ReachResult &reach)
{
    // One hash lookup per change (ReachResult::find is a linear scan).
    std::unordered_map<std::string_view, const PackageReach *> byName;
    byName.reserve(reach.packages.size());
    for (const PackageReach &p : reach.packages)
        byName.emplace(p.name, &p); // the first of a name, as find() returns
    for (PackageChange &c : diff.changes)
        if (auto it = byName.find(c.name); it != byName.end())
            c.reach = int(it->second->transitiveDependents.size());
    diff.reachGraph = reach.graphRevision;
}

} // namespace trellis::lockfile
