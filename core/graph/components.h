// Component views: the dependency graph of a large repository at a readable level of
// detail. Targets are grouped into components (Python packages to a depth, distributions,
// BUILD targets or single files), edges are aggregated with their counts and provenance,
// a node budget summarizes the neighbours that do not fit, cycles between components and
// visibility-rule violations are marked. The GUI and `trellis graph --group-by` draw
// exactly what buildView() returns.
//
//   auto index = std::make_shared<const graph::ComponentIndex>(graph); // once per load
//   graph::ViewRequest req;                          // package:2, whole workspace, budget 60
//   graph::ComponentView v = graph::buildView(*index, req);
//   req = graph::openNode(req, v.nodes[3].id);       // double-click: open in place
//   req = graph::expandAggregate(req, "agg:dependents:1");
//
// Node ids are stable strings, so a GUI can keep positions across requests:
//   pkg:<root>:<dotted.module>   a Python package (source root + module truncated to depth)
//   dir:<path>                   files and targets outside every source root, by directory
//   req:<generator address>      third-party requirements, one node per requirements target
//   dist:<address> | dist:(none) a python_distribution and what it owns
//   target:<address>             a BUILD target with its generated targets folded in
//   addr:<address>               one target (file level)
//   agg:<bucket>                 an aggregate of components left out by the budget
// Children of an opened distribution are prefixed with the distribution's id and '>'.
#pragma once

#include "core/graph/targetgraph.h"
#include "core/graph/traversal.h"
#include "core/graph/visibility.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trellis::graph {

enum class GroupBy { Package, Distribution, Target, File };

/// Parses "package", "package:3", "distribution", "target", "file"; `depth` receives the
/// package depth when given. nullopt on anything else.
std::optional<GroupBy> parseGroupBy(std::string_view text, int *depth = nullptr);
const char *groupByName(GroupBy g);

/// What a target is, for the hide toggles.
enum class TargetRole : std::uint8_t { Code, Test, Requirement, Resource };

/// Per-graph facts every view needs, computed once per load: each target's role, source
/// root and module path, owning distribution, and the visibility verdict of every edge.
/// Immutable; safe to share between threads.
class ComponentIndex {
public:
    explicit ComponentIndex(std::shared_ptr<const TargetGraph> graph);
    ~ComponentIndex();

    const TargetGraph &graph() const { return *m_graph; }
    const std::shared_ptr<const TargetGraph> &graphPtr() const { return m_graph; }
    const VisibilityChecker &visibility() const { return *m_visibility; }
    /// Verdict of an edge (EdgeId of the graph).
    const VisibilityVerdict &verdict(EdgeId e) const { return m_verdicts[e]; }
    /// Edges (all kinds) whose verdict is Deny / Warn / NoRule.
    int denyCount() const { return m_deny; }
    int warnCount() const { return m_warn; }
    int noRuleCount() const { return m_noRule; }

    TargetRole role(NodeId n) const { return m_nodes[n].role; }
    /// The type as written in the BUILD file (a generated target: its generator's type).
    const std::string &declaredType(NodeId n) const;
    /// The generator of a generated target, else the node itself.
    NodeId generatorOf(NodeId n) const { return m_nodes[n].generator; }
    /// Owning python_distribution node, or -1.
    NodeId distributionOf(NodeId n) const { return m_nodes[n].distribution; }
    /// Source files owned (0 for generators that generate something: their files count
    /// with the generated targets).
    int fileCount(NodeId n) const { return m_nodes[n].files; }
    /// Every python_distribution node, sorted.
    const std::vector<NodeId> &distributions() const { return m_distributions; }
    /// The display name of a distribution (its python_artifact name, else its address).
    std::string distributionLabel(NodeId dist) const;

    struct NodeFacts {
        TargetRole role = TargetRole::Code;
        int declaredType = 0;       ///< index into m_types
        NodeId generator = -1;
        NodeId distribution = -1;
        int files = 0;
        bool hasRoot = false;       ///< under a source root: pkg: keys, else dir: keys
        std::string root;           ///< source root ("" = buildroot)
        std::vector<std::string> parts; ///< module path (pkg) or directory components (dir)
        std::string requirementsOwner; ///< req: key part for requirement targets
    };
    const NodeFacts &facts(NodeId n) const { return m_nodes[n]; }

private:
    std::shared_ptr<const TargetGraph> m_graph;
    std::unique_ptr<VisibilityChecker> m_visibility;
    std::vector<VisibilityVerdict> m_verdicts;
    std::vector<NodeFacts> m_nodes;
    std::vector<std::string> m_types;
    std::vector<NodeId> m_distributions;
    int m_deny = 0, m_warn = 0, m_noRule = 0;
};

struct ViewRequest {
    GroupBy groupBy = GroupBy::Package;
    int depth = 2;                       ///< package depth in dotted parts (>= 1)
    bool hideTests = false;
    bool hideRequirements = false;       ///< third-party requirement targets
    bool hideResources = false;          ///< resource(s), file(s), relocated_files
    /// Focus targets; empty = the whole workspace. A generator stands for itself and its
    /// generated targets.
    std::vector<NodeId> focus;
    int hops = 1;                        ///< neighbourhood radius around the focus (>= 0)
    Direction direction = Direction::Both;
    int budget = 60;                     ///< most nodes drawn before summarizing; 0 = none
    std::vector<std::string> opened;     ///< node ids opened in place
    std::map<std::string, int> expanded; ///< aggregate id -> times expanded
};

enum class ViewNodeKind { Component, Focus, Aggregate };

struct ViewNode {
    std::string id;
    std::string label;
    ViewNodeKind kind = ViewNodeKind::Component;
    /// The opened node this one was opened out of ("" at top level); breadcrumbs follow it.
    std::string parent;
    bool openable = false;               ///< openNode() would show something finer
    int targets = 0;                     ///< member targets
    int files = 0;                       ///< source files of the members
    int internalEdges = 0;               ///< dependency edges between members
    std::string sourceRoot;              ///< pkg: nodes
    std::string module;                  ///< pkg: nodes, the dotted package
    /// Focus views: "focus", "dependencies", "dependents" or "both"; "" without focus.
    std::string relation;
    int distance = 0;                    ///< hops from the focus
    /// Aggregates: how many components they stand for, and their ids (largest first).
    int components = 0;
    std::vector<std::string> memberIds;
    std::vector<NodeId> members;         ///< member targets, sorted
};

struct ViewEdge {
    int from = -1;                       ///< index into ComponentView::nodes
    int to = -1;
    int edges = 0;                       ///< underlying target-level dependency edges
    int imports = 0;                     ///< import lines, plus 1 per edge without one (BUILD)
    int violations = 0;                  ///< underlying edges a visibility rule denies
    int warnings = 0;                    ///< underlying edges a `?` rule warns about
    int noRule = 0;                      ///< underlying edges no visibility rule matches
    std::vector<int> rules;              ///< rules that deny or warn (VisibilityChecker::rules()), sorted
    std::vector<EdgeId> underlying;      ///< the target-level edges, sorted
    bool inCycle = false;
};

struct ViewCycle {
    std::vector<int> nodes;              ///< indices into nodes, sorted
    std::vector<int> edges;              ///< indices into edges: every edge inside the cycle
};

struct ComponentView {
    std::vector<ViewNode> nodes;         ///< focus nodes, components (by id), then aggregates
    std::vector<ViewEdge> edges;         ///< sorted by (from, to)
    /// Strongly connected components of > 1 node; aggregates and "dist:(none)" excluded.
    std::vector<ViewCycle> cycles;
    std::vector<EdgeId> violations;      ///< underlying edges drawn with Deny/Warn/NoRule, sorted
    int selectedTargets = 0;             ///< targets in the view (before summarizing)
    int hiddenTargets = 0;               ///< targets removed by the hide toggles
    bool summarized = false;             ///< the budget produced aggregates
    int indexOf(std::string_view id) const;
};

/// Builds a view. Linear in the selected targets and their edges.
ComponentView buildView(const ComponentIndex &index, const ViewRequest &request);

/// The request with `id` opened in place (double-click).
ViewRequest openNode(ViewRequest request, const std::string &id);
/// The request with `id` closed again, with everything opened inside it (breadcrumb).
ViewRequest closeNode(ViewRequest request, const std::string &id);
/// The request with one more chunk (up to the budget) of an aggregate's components shown.
ViewRequest expandAggregate(ViewRequest request, const std::string &aggregateId);

/// "Why does A depend on B": a shortest target-level dependency path from any member of
/// view node `from` to any member of view node `to` (indices into view.nodes), over
/// dependency edges other than `generated`; first element in `from`, last in `to`. Empty
/// when there is none.
std::vector<NodeId> whyPath(const ComponentIndex &index, const ComponentView &view, int from, int to);

/// `trellis graph --group-by` output, see docs/graph-json.md. `provenance` adds every
/// underlying edge (import lines, BUILD lines) to each edge.
std::string componentViewJson(const ComponentIndex &index, const ViewRequest &request, const ComponentView &view,
                              bool provenance);
std::string componentViewDot(const ComponentIndex &index, const ComponentView &view);

} // namespace trellis::graph
