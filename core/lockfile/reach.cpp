// Reach walks two graphs one after the other. First the lockfile's package graph, in
// reverse: a changed package is pulled in by every package that requires it, directly or
// through others, up to the top-level requirements; the union of those names (the package
// itself included) is what a requirement target may name to provide it. Removed packages
// are walked in base, everything else in head, and the diff's chain adds its names in
// case a lockfile is not given. Second the target graph: the matching requirement targets
// are the roots of graph::dependentsOf, once direct and once transitive, and requirement
// targets (and their generators) are dropped from the answer because they are not code
// that can be tested.
#include "core/lockfile/reach.h"

#include "core/graph/traversal.h"
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

/// For every name in one lockfile's requirement graph, the provider projects (names that
/// some requirement target provides) that require it, directly, transitively or by being
/// it: one bitset per strongly connected component, propagated once in topological order.
/// O((V + E) * P / 64) for P provider projects, instead of one walk over all requirers per
/// changed package.
class ProvidersReaching {
public:
    ProvidersReaching(const Lockfile *lock, const std::vector<std::string> &providerNames)
    {
        if (!lock)
            return;
        for (const LockedPackage &p : lock->packages) {
            // node() may grow m_out: take the ids before indexing it.
            const int from = node(p.name);
            for (const std::string &dep : p.dependencies) {
                const int to = node(dep);
                m_out[std::size_t(from)].push_back(to);
            }
            for (const std::string &by : p.requiredBy) {
                const int requirer = node(by);
                m_out[std::size_t(requirer)].push_back(from);
            }
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
    int node(const std::string &name)
    {
        auto [it, inserted] = m_id.emplace(name, int(m_out.size()));
        if (inserted)
            m_out.emplace_back();
        return it->second;
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

ReachResult computeReach(const graph::TargetGraph &graph, const LockfileDiff &diff, const Lockfile *base,
                         const Lockfile *head)
{
    // Requirement targets of the diff's resolve, by the projects they name.
    std::map<std::string, std::vector<graph::NodeId>> providers;
    for (graph::NodeId n = 0; n < graph.nodeCount(); ++n) {
        const workspace::Target &t = graph.target(n);
        if (t.type != "python_requirement")
            continue;
        if (!diff.resolve.empty() && !t.resolve.empty() && t.resolve != diff.resolve)
            continue;
        for (const std::string &project : requirementProjects(t))
            providers[project].push_back(n);
    }
    std::vector<std::string> providerNames;
    providerNames.reserve(providers.size());
    for (const auto &[project, nodes] : providers)
        providerNames.push_back(project);
    const ProvidersReaching baseReach(base, providerNames);
    const ProvidersReaching headReach(head, providerNames);
    // Many changed packages share their requirement targets; walk the graph once per set.
    std::map<std::vector<graph::NodeId>, std::pair<std::vector<graph::NodeId>, std::vector<graph::NodeId>>> dependentsCache;

    ReachResult result;
    for (ChangeKind kind : {ChangeKind::Upgraded, ChangeKind::Downgraded, ChangeKind::Added, ChangeKind::Removed}) {
        for (const PackageChange *c : diff.section(kind)) {
            std::vector<graph::NodeId> roots;
            auto add = [&](const std::string &name) {
                if (auto it = providers.find(name); it != providers.end())
                    roots.insert(roots.end(), it->second.begin(), it->second.end());
            };
            add(c->name);
            for (const std::string &name : c->chain)
                add(name);
            (kind == ChangeKind::Removed ? baseReach : headReach).forEach(c->name, [&](std::size_t k) { add(providerNames[k]); });
            std::sort(roots.begin(), roots.end());
            roots.erase(std::unique(roots.begin(), roots.end()), roots.end());

            PackageReach reach;
            reach.name = c->name;
            reach.requirementTargets = roots;
            if (!roots.empty()) {
                auto [it, inserted] = dependentsCache.try_emplace(roots);
                if (inserted) {
                    it->second.first = firstParty(graph, graph::dependentsOf(graph, roots, {.transitive = false}));
                    it->second.second = firstParty(graph, graph::dependentsOf(graph, roots, {.transitive = true}));
                }
                reach.directDependents = it->second.first;
                reach.transitiveDependents = it->second.second;
            }
            result.packages.push_back(std::move(reach));
        }
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
}

} // namespace trellis::lockfile
