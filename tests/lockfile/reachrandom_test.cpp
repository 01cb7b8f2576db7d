// Reach computed once per lockfile (bitsets over strongly connected components) must
// equal the original per-package walk over every requirer: random lockfile graphs with
// cycles and requiredBy edges, random requirement targets and first-party importers.
#include "core/lockfile/reach.h"

#include "core/graph/traversal.h"

#include "../graph/graphbuilder.h"

#include <QTest>

#include <random>
#include <set>

using namespace trellis;
using namespace trellis::lockfile;
using graph::testing::GraphBuilder;

namespace {

// The original: `name` and every package that requires it, transitively.
std::set<std::string> requirers(const Lockfile &lock, const std::string &name)
{
    std::map<std::string, std::vector<std::string>> rdeps;
    for (const LockedPackage &p : lock.packages) {
        for (const std::string &dep : p.dependencies)
            rdeps[dep].push_back(p.name);
        for (const std::string &by : p.requiredBy)
            rdeps[p.name].push_back(by);
    }
    std::set<std::string> out;
    std::vector<std::string> stack{name};
    while (!stack.empty()) {
        std::string cur = stack.back();
        stack.pop_back();
        if (!out.insert(cur).second)
            continue;
        if (auto it = rdeps.find(cur); it != rdeps.end())
            for (const std::string &r : it->second)
                stack.push_back(r);
    }
    return out;
}

} // namespace

class ReachRandomTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testMatchesPerPackageWalk()
    {
        std::mt19937 rng(1818);
        for (int round = 0; round < 40; ++round) {
            const int n = 3 + int(rng() % 30);
            auto name = [](int i) { return "p" + std::to_string(i); };
            Lockfile base, head;
            for (int i = 0; i < n; ++i) {
                LockedPackage p;
                p.name = p.displayName = name(i);
                p.version = "1.0";
                for (int e = int(rng() % 4); e > 0; --e)
                    p.dependencies.push_back(name(int(rng() % unsigned(n + 3)))); // some names are not in the lockfile
                if (rng() % 6 == 0)
                    p.requiredBy.push_back(name(int(rng() % unsigned(n))));
                base.packages.push_back(p);
                if (rng() % 5 != 0) {
                    p.version = rng() % 2 ? "1.1" : "1.0";
                    head.packages.push_back(p);
                }
            }
            GraphBuilder b;
            std::vector<std::string> reqTargets;
            for (int i = 0; i < n + 3; ++i) {
                if (rng() % 3 != 0)
                    continue;
                const std::string address = "3rdparty:r" + std::to_string(i);
                b.target(address, "python_requirement");
                b.last().fields.push_back({"requirements", buildlang::HostValue::tuple({buildlang::HostValue::string(name(i) + ">=1")}), false});
                reqTargets.push_back(address);
            }
            for (int f = 0; f < 12; ++f) {
                const std::string address = "src/m" + std::to_string(f) + ".py:lib";
                b.target(address);
                if (!reqTargets.empty())
                    b.edge(address, reqTargets[rng() % reqTargets.size()]);
                if (f > 0 && rng() % 2)
                    b.edge(address, "src/m" + std::to_string(int(rng() % unsigned(f))) + ".py:lib");
            }
            const auto graph = b.build();
            const LockfileDiff diff = diffLockfiles(base, head);
            const ReachResult reach = computeReach(*graph, diff, &base, &head);

            std::map<std::string, std::vector<graph::NodeId>> providers;
            for (graph::NodeId v = 0; v < graph->nodeCount(); ++v)
                if (graph->target(v).type == "python_requirement")
                    for (const std::string &project : requirementProjects(graph->target(v)))
                        providers[project].push_back(v);
            std::size_t i = 0;
            for (ChangeKind kind : {ChangeKind::Upgraded, ChangeKind::Downgraded, ChangeKind::Added, ChangeKind::Removed}) {
                for (const PackageChange *c : diff.section(kind)) {
                    std::set<std::string> names(c->chain.begin(), c->chain.end());
                    const std::set<std::string> r = requirers(kind == ChangeKind::Removed ? base : head, c->name);
                    names.insert(r.begin(), r.end());
                    std::vector<graph::NodeId> roots;
                    for (const std::string &nm : names)
                        if (auto it = providers.find(nm); it != providers.end())
                            roots.insert(roots.end(), it->second.begin(), it->second.end());
                    std::sort(roots.begin(), roots.end());
                    roots.erase(std::unique(roots.begin(), roots.end()), roots.end());
                    QVERIFY(i < reach.packages.size());
                    const PackageReach &got = reach.packages[i++];
                    QCOMPARE(QString::fromStdString(got.name), QString::fromStdString(c->name));
                    QCOMPARE(got.requirementTargets, roots);
                    std::vector<graph::NodeId> transitive;
                    if (!roots.empty())
                        for (graph::NodeId v : graph::dependentsOf(*graph, roots, {.transitive = true}))
                            if (!isRequirementTarget(graph->target(v)))
                                transitive.push_back(v);
                    QCOMPARE(got.transitiveDependents, transitive);
                }
            }
            QCOMPARE(i, reach.packages.size());
        }
    }
};

QTEST_GUILESS_MAIN(ReachRandomTest)
#include "reachrandom_test.moc"
