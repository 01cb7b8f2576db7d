// Visibility rules (Pants' `pants.backend.experimental.visibility`): the
// `__dependencies_rules__` / `__dependents_rules__` rule sets recorded per BUILD directory
// by the workspace loader, inherited by subdirectories (extend=True appends the parent's
// rule sets), evaluated against every dependency edge of a TargetGraph.
//
//   graph::VisibilityChecker vis(*graph);              // parses every rule set once
//   graph::VisibilityVerdict v = vis.check(from, to);  // Allow / Warn / Deny / NoRule
//   if (v.action == graph::RuleAction::Deny) print(vis.describe(v));
//
// Supported, as Pants does it: rule sets `(selectors, rules...)` with nested tuples and
// multi-line strings flattened; selectors and rules as strings (`path[:name]` globs,
// `<type>[path:name](tags)`), dicts (`type`, `name`, `path`, `tags`, `action`) and bare
// target types; path anchors `//` (build root), `/` (the declaring BUILD directory), `.`
// / `../` (the target's own directory) and floating globs; `*`, `**`, `/**`, `**/`;
// actions allow, `!` deny, `?` warn; first matching rule set, first matching rule; both
// ends must allow; "no matching rule" is its own outcome (Pants raises an error).
#pragma once

#include "core/base/diagnostic.h"
#include "core/graph/targetgraph.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace trellis::graph {

enum class RuleAction : std::uint8_t { Allow, Warn, Deny, NoRule };

const char *ruleActionName(RuleAction a); ///< "allow", "warn", "deny", "no_rule"

/// The outcome for one dependency edge.
struct VisibilityVerdict {
    RuleAction action = RuleAction::Allow;
    /// The rule that decided (for Warn/Deny/NoRule), an index into VisibilityChecker::rules(); -1 = none.
    int rule = -1;
};

/// One rule as written, with where it was declared.
struct VisibilityRuleInfo {
    std::string text;        ///< the rule as Pants prints it, e.g. "!/dto/**"
    std::string buildFile;   ///< file of the call (a BUILD file, or a prelude when a macro made the call)
    std::string directory;   ///< BUILD directory the rules were declared for
    int line = 0;            ///< line of the __dependencies_rules__ / __dependents_rules__ call
    bool dependents = false; ///< declared by __dependents_rules__
    int ruleSet = 0;         ///< 0-based rule set index in that call
};

class VisibilityChecker {
public:
    explicit VisibilityChecker(const TargetGraph &graph);
    ~VisibilityChecker();
    VisibilityChecker(const VisibilityChecker &) = delete;
    VisibilityChecker &operator=(const VisibilityChecker &) = delete;

    /// True when any BUILD file declares rules (otherwise every edge is allowed).
    bool hasRules() const;
    /// Rule sets that could not be parsed (they are skipped), one error each.
    const base::Diagnostics &diagnostics() const;
    /// The verdict for the dependency edge from -> to (Pants' combination: a Deny on
    /// either end wins, then Warn, then Allow; NoRule when an end with rules has no
    /// matching rule set or rule).
    VisibilityVerdict check(NodeId from, NodeId to) const;
    /// Every rule that decided a verdict, by index.
    const std::vector<VisibilityRuleInfo> &rules() const;
    /// "deny: !/dto/** (src/common/BUILD:12, __dependencies_rules__ rule set 1)"; when a
    /// macro made the call, ", for src/common" follows the rule set.
    std::string describe(const VisibilityVerdict &v) const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

/// Verdicts of every edge of the graph, indexed by EdgeId (parallel to the forward edge
/// array). Edges of kind `generated` (a generator to its own generated targets) are not
/// dependencies Pants checks: always Allow (Pants' own repository and its
/// example-visibility would fail otherwise).
std::vector<VisibilityVerdict> checkAllEdges(const TargetGraph &graph, const VisibilityChecker &checker);

} // namespace trellis::graph
