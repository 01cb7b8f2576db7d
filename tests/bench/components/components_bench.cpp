// components_bench REPO [--runs N]: loads REPO (workspace, then dependency inference with
// the scan cache), then times what the graph view does on a click: the component index
// (once per load), the package view at depth 2 and 3, opening the largest node, focusing
// a file (the most imported one, or --focus=ADDRESS) and expanding its first aggregate.
// Prints the median of N runs (default 5) beside the load time, and the view's figures.
// `--check=FROM,TO` (file paths or addresses, repeatable) prints the visibility verdict a
// dependency FROM -> TO would get, to spot-check the rules of a repository.
#include "core/graph/components.h"
#include "core/infer/dependencies.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <vector>

using namespace trellis;

namespace {

double medianMs(int runs, const std::function<void()> &work)
{
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        work();
        times.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

void describe(const char *what, const graph::ComponentView &v, double ms)
{
    int violations = 0, warnings = 0, noRule = 0;
    for (const graph::ViewEdge &e : v.edges) {
        violations += e.violations;
        warnings += e.warnings;
        noRule += e.noRule;
    }
    std::printf("%-34s %8.1f ms  %4zu nodes %5zu edges %3zu cycles  %d denied, %d warned, %d without rule%s\n", what, ms,
                v.nodes.size(), v.edges.size(), v.cycles.size(), violations, warnings, noRule,
                v.summarized ? "  (summarized)" : "");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    std::string repo, focus;
    int runs = 5;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--runs" && i + 1 < argc)
            runs = std::max(1, std::atoi(argv[++i]));
        else if (a.starts_with("--check="))
            continue;
        else if (a.starts_with("--focus="))
            focus = a.substr(8);
        else
            repo = a;
    }
    if (repo.empty()) {
        std::fprintf(stderr, "usage: components_bench REPO [--runs N] [--focus=ADDRESS]\n");
        return 2;
    }
    QElapsedTimer t;
    t.start();
    workspace::LoadRequest req;
    req.options.buildRoot = repo;
    auto ws = workspace::loadWorkspace(req);
    if (!ws) {
        std::fprintf(stderr, "components_bench: %s does not load\n", repo.c_str());
        return 1;
    }
    const double loadMs = double(t.nsecsElapsed()) / 1e6;
    t.restart();
    infer::InferenceRequest ireq;
    ireq.workspace = *ws;
    infer::InferenceResult deps = infer::resolveDependencies(ireq);
    auto g = std::make_shared<const graph::TargetGraph>(*ws, std::move(deps));
    const double inferMs = double(t.nsecsElapsed()) / 1e6;
    std::printf("repository %s: %d targets, %d edges\n", repo.c_str(), g->nodeCount(), g->edgeCount());
    std::printf("%-34s %8.1f ms\n%-34s %8.1f ms\n", "load workspace", loadMs, "infer dependencies + graph", inferMs);

    std::shared_ptr<const graph::ComponentIndex> index;
    const double indexMs = medianMs(runs, [&] { index = std::make_shared<const graph::ComponentIndex>(g); });
    std::printf("%-34s %8.1f ms  (%zu distributions; visibility: %d denied, %d warned, %d without rule; %zu rule errors)\n",
                "component index (once per load)", indexMs, index->distributions().size(), index->denyCount(),
                index->warnCount(), index->noRuleCount(), index->visibility().diagnostics().size());
    std::printf("visibility rules declared for %zu directories (__dependencies_rules__), %zu (__dependents_rules__)\n",
                g->workspace()->m_dependenciesRules.size(), g->workspace()->m_dependentsRules.size());
    {
        std::unique_ptr<graph::VisibilityChecker> checker;
        const double parseMs = medianMs(runs, [&] { checker = std::make_unique<graph::VisibilityChecker>(*g); });
        const double checkMs = medianMs(runs, [&] { (void)graph::checkAllEdges(*g, *checker); });
        std::printf("  of which: visibility rules %.1f ms, checking every edge %.1f ms\n", parseMs, checkMs);
    }
    for (const base::Diagnostic &d : index->visibility().diagnostics())
        std::printf("  rule error: %s\n", d.format().c_str());

    graph::ComponentView v;
    for (int depth : {2, 3, 4}) {
        graph::ViewRequest r;
        r.depth = depth;
        const double ms = medianMs(runs, [&] { v = graph::buildView(*index, r); });
        describe(("package:" + std::to_string(depth) + " whole workspace").c_str(), v, ms);
    }
    {
        graph::ViewRequest r;
        r.groupBy = graph::GroupBy::Distribution;
        const double ms = medianMs(runs, [&] { v = graph::buildView(*index, r); });
        describe("distribution whole workspace", v, ms);
        r.groupBy = graph::GroupBy::Target;
        const double ms2 = medianMs(runs, [&] { v = graph::buildView(*index, r); });
        describe("target whole workspace", v, ms2);
    }

    // Open the largest non-aggregate node of package:3.
    graph::ViewRequest r3;
    r3.depth = 3;
    v = graph::buildView(*index, r3);
    std::string largest;
    int size = -1;
    for (const graph::ViewNode &n : v.nodes) {
        if (n.kind != graph::ViewNodeKind::Aggregate && n.openable && n.targets > size) {
            size = n.targets;
            largest = n.id;
        }
    }
    if (!largest.empty()) {
        const graph::ViewRequest opened = graph::openNode(r3, largest);
        const double ms = medianMs(runs, [&] { v = graph::buildView(*index, opened); });
        describe(("open " + largest).c_str(), v, ms);
    }

    // Focus: the given address, else the target with the most dependents.
    graph::NodeId f = -1;
    if (!focus.empty()) {
        if (auto a = workspace::Address::parse(focus))
            f = g->nodeOf(*a);
    } else {
        size_t most = 0;
        for (graph::NodeId n = 0; n < g->nodeCount(); ++n) {
            if (g->dependents(n).size() > most && g->address(n).isFileTarget()) {
                most = g->dependents(n).size();
                f = n;
            }
        }
    }
    if (f >= 0) {
        graph::ViewRequest r;
        r.depth = 3;
        r.focus = {f};
        const double ms = medianMs(runs, [&] { v = graph::buildView(*index, r); });
        std::printf("focus %s (%zu direct dependents)\n", g->address(f).toString().c_str(), g->dependents(f).size());
        describe("  focus, package:3, depth 1", v, ms);
        for (const graph::ViewNode &n : v.nodes) {
            if (n.kind == graph::ViewNodeKind::Aggregate)
                std::printf("    aggregate %s: %s\n", n.id.c_str(), n.label.c_str());
        }
        auto agg = std::find_if(v.nodes.begin(), v.nodes.end(),
                                [](const graph::ViewNode &n) { return n.kind == graph::ViewNodeKind::Aggregate; });
        if (agg != v.nodes.end()) {
            const std::string id = agg->id; // v is rebuilt below
            const graph::ViewRequest e = graph::expandAggregate(r, id);
            const double ems = medianMs(runs, [&] { v = graph::buildView(*index, e); });
            describe(("  expand " + id).c_str(), v, ems);
        }
        r.groupBy = graph::GroupBy::File;
        const double fms = medianMs(runs, [&] { v = graph::buildView(*index, r); });
        describe("  focus, file level, depth 1", v, fms);
        for (const graph::ViewNode &n : v.nodes) {
            if (n.kind == graph::ViewNodeKind::Aggregate)
                std::printf("    aggregate %s: %s\n", n.id.c_str(), n.label.c_str());
        }
        // The largest aggregate (the 1,000+ dependents of a hub).
        agg = v.nodes.end();
        for (auto it = v.nodes.begin(); it != v.nodes.end(); ++it) {
            if (it->kind == graph::ViewNodeKind::Aggregate && (agg == v.nodes.end() || it->targets > agg->targets))
                agg = it;
        }
        if (agg != v.nodes.end()) {
            const std::string id = agg->id; // v is rebuilt below
            const graph::ViewRequest e = graph::expandAggregate(r, id);
            const double ems = medianMs(runs, [&] { v = graph::buildView(*index, e); });
            describe(("  expand " + id).c_str(), v, ems);
        }
    }
    // Spot checks of hypothetical edges: every `--check=FROM,TO` pair of addresses.
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (!a.starts_with("--check="))
            continue;
        const size_t comma = a.find(',');
        // A file path (its owner) or an address.
        const auto nodeOf = [&](const std::string &text) -> graph::NodeId {
            const std::vector<const workspace::Target *> owners = g->workspace()->ownersOf(text);
            if (!owners.empty())
                return g->nodeOf(owners.front()->address);
            auto addr = workspace::Address::parse(text);
            return addr ? g->nodeOf(*addr) : -1;
        };
        const graph::NodeId x = nodeOf(a.substr(8, comma - 8)), y = nodeOf(a.substr(comma + 1));
        if (x < 0 || y < 0) {
            std::printf("check %s: unknown address\n", a.c_str());
            continue;
        }
        std::printf("check %s -> %s: %s\n", g->address(x).toString().c_str(), g->address(y).toString().c_str(),
                    index->visibility().describe(index->visibility().check(x, y)).c_str());
    }
    {
        int ruled = 0;
        for (graph::NodeId n = 0; n < g->nodeCount(); ++n) {
            const std::string &p = g->address(n).specPath;
            if (p.starts_with("src/ai/backend/common") || p.starts_with("src/ai/backend/manager"))
                ruled += int(g->dependencies(n).size());
        }
        std::printf("edges leaving targets declared under src/ai/backend/{common,manager}: %d\n", ruled);
    }
    // Every edge the rules do not allow, by kind (the views leave `generated` edges out).
    {
        std::map<std::string, int> byKind;
        int shown = 0;
        for (graph::EdgeId e = 0; e < g->edgeCount(); ++e) {
            const graph::VisibilityVerdict &vv = index->verdict(e);
            if (vv.action == graph::RuleAction::Allow)
                continue;
            ++byKind[std::string(infer::edgeKindName(g->edgeKind(e))) + " " + graph::ruleActionName(vv.action)];
            if (g->edgeKind(e) == graph::EdgeKind::Generated && shown++ < 3)
                std::printf("  generated edge %s -> %s: %s\n", g->address(g->edgeSource(e)).toString().c_str(),
                            g->address(g->edgeTarget(e)).toString().c_str(), index->visibility().describe(vv).c_str());
        }
        for (const auto &[k, count] : byKind)
            std::printf("edges not allowed: %-24s %d\n", k.c_str(), count);
    }
    // Violations in detail (up to 20).
    graph::ViewRequest all;
    all.groupBy = graph::GroupBy::File;
    all.budget = 0;
    v = graph::buildView(*index, all);
    std::printf("visibility problems on drawn edges: %zu\n", v.violations.size());
    for (size_t i = 0; i < v.violations.size() && i < 20; ++i) {
        const graph::EdgeId e = v.violations[i];
        std::printf("  %s -> %s: %s\n", g->address(g->edgeSource(e)).toString().c_str(),
                    g->address(g->edgeTarget(e)).toString().c_str(), index->visibility().describe(index->verdict(e)).c_str());
    }
    return 0;
}
