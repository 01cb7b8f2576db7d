// Tests for TargetGraph's patching constructors: a graph patched from an earlier one with
// some rows resolved again must equal, table by table, the graph the main constructor
// builds from the equivalent full InferenceResult.
#include "core/graph/targetgraph.h"
#include "tests/graph/graphbuilder.h"

#include <QObject>
#include <QTest>

#include <algorithm>
#include <cstdint>
#include <tuple>

using namespace trellis;
using namespace trellis::graph;
using namespace trellis::graph::testing;

namespace {

/// A small workspace: generators (one generating nothing), generated targets,
/// requirements and plain targets. `tagged` changes a field of src/d/w.py:lib, as a
/// reload whose BUILD edit keeps the targets would.
std::shared_ptr<const workspace::Workspace> makeWorkspace(bool tagged = false)
{
    GraphBuilder b;
    b.generator("src/a:lib", {"src/a/x.py:lib", "src/a/x2.py:lib"});
    b.generator("src/b:lib", {"src/b/y.py:lib", "src/b/z.py:lib", "src/b/z2.py:lib"});
    b.generator("//:reqs", {"//:reqs#PyYAML", "//:reqs#attrs"}, "python_requirements", "python_requirement");
    b.generator("src/c:empty", {}, "resources");
    b.target("src/app:bin", "pex_binary");
    b.target("src/app:tests", "python_tests");
    b.target("src/d/w.py:lib");
    if (tagged)
        b.last().tags = {"changed"};
    b.target("src/e/v.py:lib");
    return b.build()->workspace();
}

/// `ws` reloaded the way the loader reloads: every target the same object as in `ws`
/// except src/d/w.py:lib, tagged, and src/b/z.py:lib, an equal copy (so that the patch
/// looks src/b:lib's expansion up again instead of keeping its row).
std::shared_ptr<const workspace::Workspace> sharingReload(const workspace::Workspace &ws)
{
    auto out = std::make_shared<workspace::Workspace>(ws);
    workspace::TargetList::Storage items = ws.targets().items();
    for (auto &t : items) {
        if (t->address.toString() == "src/d/w.py:lib") {
            auto tagged = std::make_shared<workspace::Target>(*t);
            tagged->tags = {"changed"};
            t = std::move(tagged);
        } else if (t->address.toString() == "src/b/z.py:lib") {
            t = std::make_shared<const workspace::Target>(*t);
        }
    }
    out->m_targets = workspace::TargetList(std::move(items));
    out->buildIndex();
    return out;
}

/// A deterministic pseudo-random source (an LCG), so a failure reproduces.
struct Random {
    std::uint64_t state;
    int below(int n)
    {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<int>((state >> 33) % std::uint64_t(n));
    }
};

/// One row of inference output for `node`: unsorted, with duplicates (their evidence is
/// merged), targets outside the workspace (dropped), evidence and BUILD locations.
std::vector<infer::Dependency> randomRow(Random &r, int node, int n, int salt)
{
    std::vector<infer::Dependency> row;
    const int count = r.below(6);
    for (int i = 0; i < count; ++i) {
        infer::Dependency d;
        const int pick = r.below(n + 3);
        d.target = pick < n ? pick : (pick == n ? -1 : n + pick);
        d.kind = static_cast<EdgeKind>(r.below(int(EdgeKind::Requirement) + 1));
        const int evidence = r.below(3);
        for (int e = 0; e < evidence; ++e)
            d.evidence.push_back({"src/f" + std::to_string(node) + ".py", 1 + r.below(50),
                                  "m" + std::to_string(salt) + "." + std::to_string(r.below(9)), r.below(2) == 1});
        if (r.below(2) == 0)
            d.declaredAt = {"src/BUILD" + std::to_string(salt), 1 + r.below(30), 1 + r.below(5)};
        row.push_back(std::move(d));
    }
    return row;
}

/// Diagnostics of `node` for the given steps, in step order.
void addDiagnostics(Random &r, int node, const std::vector<int> &steps, int salt, infer::InferenceResult &out)
{
    for (int step : steps) {
        const int count = r.below(3);
        for (int i = 0; i < count; ++i) {
            base::Diagnostic d = base::Diagnostic::warning(
                {"src/x" + std::to_string(node) + ".py", 1 + r.below(40), 1},
                "problem " + std::to_string(salt) + "/" + std::to_string(node) + "/" + std::to_string(step) + "/"
                    + std::to_string(i),
                r.below(2) ? "a hint" : "");
            out.diagnostics.push_back(std::move(d));
            out.diagnosticOrigins.push_back({node, step});
        }
    }
}

const std::vector<int> allSteps{infer::StepExplicit, infer::StepImports, infer::StepInitFiles, infer::StepConftests,
                                infer::StepEntryPoints};

/// A full inference result over n targets, diagnostics in the (target, step) order of a
/// full run (two scan-cache diagnostics first).
infer::InferenceResult fullResult(int n, std::uint64_t seed)
{
    Random r{seed};
    infer::InferenceResult out;
    out.diagnostics.push_back(base::Diagnostic::warning({"scan-cache", 0, 0}, "cache one"));
    out.diagnosticOrigins.push_back({-1, 0});
    out.diagnostics.push_back(base::Diagnostic::error({"scan-cache", 0, 0}, "cache two"));
    out.diagnosticOrigins.push_back({-1, 0});
    out.dependencies.resize(size_t(n));
    out.transitiveExcludes.resize(size_t(n));
    for (int node = 0; node < n; ++node) {
        out.dependencies[size_t(node)] = randomRow(r, node, n, 0);
        if (r.below(4) == 0)
            out.transitiveExcludes[size_t(node)] = {r.below(n), r.below(n + 2)};
        addDiagnostics(r, node, allSteps, 0, out);
    }
    return out;
}

bool isIn(const std::vector<int> &redone, int node)
{
    return std::find(redone.begin(), redone.end(), node) != redone.end();
}

/// `old` with `redone`'s rows resolved again: new rows, new `!!` excludes, and new
/// diagnostics of the redone targets for the import step (`everyStep`: for every step).
infer::InferenceResult redoneResult(const infer::InferenceResult &old, const std::vector<int> &redone, bool everyStep,
                                    std::uint64_t seed)
{
    Random r{seed};
    const int n = static_cast<int>(old.dependencies.size());
    infer::InferenceResult out;
    out.dependencies = old.dependencies;
    out.transitiveExcludes = old.transitiveExcludes;
    for (int node : redone) {
        if (node < 0 || node >= n)
            continue;
        out.dependencies[size_t(node)] = randomRow(r, node, n, 1);
        out.transitiveExcludes[size_t(node)] = {r.below(n)};
    }
    struct Item {
        infer::DiagnosticOrigin origin;
        base::Diagnostic diagnostic;
    };
    std::vector<Item> items;
    for (size_t i = 0; i < old.diagnostics.size(); ++i) {
        const infer::DiagnosticOrigin o = old.diagnosticOrigins[i];
        if (!(isIn(redone, o.target) && (everyStep || o.step == infer::StepImports)))
            items.push_back({o, old.diagnostics[i]});
    }
    infer::InferenceResult fresh;
    for (int node : redone)
        if (node >= 0 && node < n)
            addDiagnostics(r, node, everyStep ? allSteps : std::vector<int>{infer::StepImports}, 1, fresh);
    for (size_t i = 0; i < fresh.diagnostics.size(); ++i)
        items.push_back({fresh.diagnosticOrigins[i], fresh.diagnostics[i]});
    std::stable_sort(items.begin(), items.end(), [](const Item &a, const Item &b) {
        return std::tie(a.origin.target, a.origin.step) < std::tie(b.origin.target, b.origin.step);
    });
    for (Item &it : items) {
        out.diagnostics.push_back(std::move(it.diagnostic));
        out.diagnosticOrigins.push_back(it.origin);
    }
    return out;
}

/// What an onlyTargets run over `redone` reports, given the full result it belongs to:
/// only the redone rows, every target's `!!` excludes, every diagnostic of the redone
/// targets (all steps) and a scan-cache one (which a patch drops).
infer::InferenceResult partialOf(const infer::InferenceResult &full, const std::vector<int> &redone)
{
    infer::InferenceResult out;
    out.dependencies.resize(full.dependencies.size());
    for (int node : redone)
        if (node >= 0 && size_t(node) < full.dependencies.size())
            out.dependencies[size_t(node)] = full.dependencies[size_t(node)];
    out.transitiveExcludes = full.transitiveExcludes;
    out.diagnostics.push_back(base::Diagnostic::warning({"scan-cache", 0, 0}, "cache again"));
    out.diagnosticOrigins.push_back({-1, 0});
    for (size_t i = 0; i < full.diagnostics.size(); ++i) {
        if (isIn(redone, full.diagnosticOrigins[i].target)) {
            out.diagnostics.push_back(full.diagnostics[i]);
            out.diagnosticOrigins.push_back(full.diagnosticOrigins[i]);
        }
    }
    out.stats.filesScanned = 3;
    return out;
}

template <typename T>
std::vector<T> vec(std::span<const T> s)
{
    return {s.begin(), s.end()};
}

/// Fails the test unless a and b hold the same graph in every table the API reaches.
void compareGraphs(const TargetGraph &a, const TargetGraph &b)
{
    QCOMPARE(a.workspace(), b.workspace());
    QCOMPARE(a.nodeCount(), b.nodeCount());
    QCOMPARE(a.edgeCount(), b.edgeCount());
    for (NodeId n = 0; n < a.nodeCount(); ++n) {
        QCOMPARE(vec(a.dependencies(n)), vec(b.dependencies(n)));
        QCOMPARE(a.firstEdge(n), b.firstEdge(n));
        QCOMPARE(vec(a.dependents(n)), vec(b.dependents(n)));
        QCOMPARE(vec(a.dependentEdges(n)), vec(b.dependentEdges(n)));
        QCOMPARE(vec(a.expandedDependencies(n)), vec(b.expandedDependencies(n)));
        QCOMPARE(vec(a.expansionOf(n)), vec(b.expansionOf(n)));
        QCOMPARE(vec(a.transitiveExcludes(n)), vec(b.transitiveExcludes(n)));
    }
    for (EdgeId e = 0; e < a.edgeCount(); ++e) {
        const EdgeInfo x = a.edgeInfo(e), y = b.edgeInfo(e);
        QCOMPARE(x.from, y.from);
        QCOMPARE(x.to, y.to);
        QCOMPARE(int(x.kind), int(y.kind));
        QCOMPARE(x.evidence.size(), y.evidence.size());
        for (size_t i = 0; i < x.evidence.size(); ++i) {
            QCOMPARE(x.evidence[i].file, y.evidence[i].file);
            QCOMPARE(x.evidence[i].line, y.evidence[i].line);
            QCOMPARE(x.evidence[i].module, y.evidence[i].module);
            QCOMPARE(x.evidence[i].weak, y.evidence[i].weak);
        }
        QCOMPARE(x.declaredAt != nullptr, y.declaredAt != nullptr);
        if (x.declaredAt)
            QVERIFY(*x.declaredAt == *y.declaredAt);
    }
    QCOMPARE(a.diagnostics().size(), b.diagnostics().size());
    QCOMPARE(a.diagnosticOrigins().size(), b.diagnosticOrigins().size());
    for (size_t i = 0; i < a.diagnostics().size(); ++i) {
        const base::Diagnostic &x = a.diagnostics()[i], &y = b.diagnostics()[i];
        QVERIFY(x.loc == y.loc);
        QCOMPARE(int(x.severity), int(y.severity));
        QCOMPARE(x.message, y.message);
        QCOMPARE(x.hint, y.hint);
        QCOMPARE(x.sourceLine, y.sourceLine);
        QCOMPARE(a.diagnosticOrigins()[i].target, b.diagnosticOrigins()[i].target);
        QCOMPARE(a.diagnosticOrigins()[i].step, b.diagnosticOrigins()[i].step);
    }
}

} // namespace

class GraphPatchTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testPatch_data()
    {
        QTest::addColumn<std::vector<int>>("redone");
        QTest::addColumn<int>("seed");
        QTest::newRow("nothing redone") << std::vector<int>{} << 1;
        QTest::newRow("one generated target") << std::vector<int>{1} << 2;
        QTest::newRow("first and last") << std::vector<int>{0, 14} << 3;
        QTest::newRow("several") << std::vector<int>{2, 5, 6, 9, 12} << 4;
        QTest::newRow("a node outside the graph is ignored") << std::vector<int>{3, 8, 99} << 5;
        QTest::newRow("every node") << std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14} << 6;
        for (int seed = 10; seed < 40; ++seed)
            QTest::newRow(("random " + std::to_string(seed)).c_str()) << std::vector<int>{seed % 15, 6 + seed % 9} << seed;
    }

    /// Same workspace: the redone targets' rows and import diagnostics come from `partial`.
    void testPatch()
    {
        QFETCH(std::vector<int>, redone);
        QFETCH(int, seed);
        std::sort(redone.begin(), redone.end());
        redone.erase(std::unique(redone.begin(), redone.end()), redone.end());
        const auto ws = makeWorkspace();
        const int n = static_cast<int>(ws->targets().size());
        QCOMPARE(n, 15);
        const infer::InferenceResult oldFull = fullResult(n, std::uint64_t(seed));
        const TargetGraph previous(ws, oldFull);
        const infer::InferenceResult newFull = redoneResult(oldFull, redone, false, std::uint64_t(seed) * 7919);
        const TargetGraph expected(ws, newFull);
        const TargetGraph patched(previous, partialOf(newFull, redone), redone);
        compareGraphs(patched, expected);
        if (QTest::currentTestFailed())
            return;
        // A patch of a patch, from the patched graph.
        const std::vector<int> again{redone.empty() ? 4 : redone.front(), 11};
        const infer::InferenceResult newer = redoneResult(newFull, again, false, std::uint64_t(seed) * 104729);
        compareGraphs(TargetGraph(patched, partialOf(newer, again), again), TargetGraph(ws, newer));
    }

    void testReloadPatch_data() { testPatch_data(); }

    /// A reloaded workspace: every diagnostic of a redone target comes from `partial`,
    /// and the graph is over the new workspace.
    void testReloadPatch()
    {
        QFETCH(std::vector<int>, redone);
        QFETCH(int, seed);
        std::sort(redone.begin(), redone.end());
        redone.erase(std::unique(redone.begin(), redone.end()), redone.end());
        const auto ws = makeWorkspace();
        const auto reloaded = makeWorkspace(/*tagged=*/true);
        const int n = static_cast<int>(ws->targets().size());
        const infer::InferenceResult oldFull = fullResult(n, std::uint64_t(seed));
        const TargetGraph previous(ws, oldFull);
        const infer::InferenceResult newFull = redoneResult(oldFull, redone, true, std::uint64_t(seed) * 7919);
        const TargetGraph expected(reloaded, newFull);
        const TargetGraph patched(previous, reloaded, partialOf(newFull, redone), redone);
        QCOMPARE(patched.workspace(), reloaded);
        compareGraphs(patched, expected);
        if (QTest::currentTestFailed())
            return;
        // Taking a previous graph apart (evidence and diagnostics moved) gives the same.
        TargetGraph disposable(ws, oldFull);
        const TargetGraph taken(std::move(disposable), reloaded, partialOf(newFull, redone), redone);
        compareGraphs(taken, expected);
        if (QTest::currentTestFailed())
            return;
        // A reload that shares the targets it took over: generators kept at their index
        // keep their expansion rows, the others are looked up; the same graph either way.
        const auto shared = sharingReload(*ws);
        QVERIFY(shared->targets().shared(0) == ws->targets().shared(0));
        const TargetGraph expectedShared(shared, newFull);
        const TargetGraph patchedShared(previous, shared, partialOf(newFull, redone), redone);
        compareGraphs(patchedShared, expectedShared);
    }

    /// The fixture the redone rows come from is not trivially sorted: the patch must sort
    /// and merge them as the main constructor does.
    void testRedoneRowIsSortedAndMerged()
    {
        const auto ws = makeWorkspace();
        const int n = static_cast<int>(ws->targets().size());
        infer::InferenceResult oldFull;
        oldFull.dependencies.resize(size_t(n));
        const TargetGraph previous(ws, oldFull);
        infer::InferenceResult partial;
        partial.dependencies.resize(size_t(n));
        auto dep = [](int target, EdgeKind kind, std::string module) {
            infer::Dependency d;
            d.target = target;
            d.kind = kind;
            if (!module.empty())
                d.evidence.push_back({"src/d/w.py", 1, std::move(module), false});
            return d;
        };
        const int w = node(previous, "src/d/w.py:lib");
        partial.dependencies[size_t(w)].push_back(dep(5, EdgeKind::Inferred, "five.a"));
        partial.dependencies[size_t(w)].push_back(dep(2, EdgeKind::Explicit, ""));
        partial.dependencies[size_t(w)].push_back(dep(n + 4, EdgeKind::Inferred, "gone"));
        partial.dependencies[size_t(w)].push_back(dep(5, EdgeKind::Conftest, "five.b"));
        const TargetGraph patched(previous, std::move(partial), {w});
        QCOMPARE(vec(patched.dependencies(w)), (std::vector<NodeId>{2, 5}));
        const EdgeInfo five = patched.edge(w, 5);
        QCOMPARE(int(five.kind), int(EdgeKind::Inferred));
        QCOMPARE(five.evidence.size(), size_t(2));
        QCOMPARE(five.evidence[0].module, std::string("five.a"));
        QCOMPARE(five.evidence[1].module, std::string("five.b"));
    }
};

QTEST_GUILESS_MAIN(GraphPatchTest)
#include "graphpatch_test.moc"
