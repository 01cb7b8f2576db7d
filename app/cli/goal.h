// Goals of the `trellis` command line: a registry of named goals, each a function over a
// GoalContext. The dispatcher (cli.cpp) parses global options and specs with Pants'
// syntax, then runs the goal; modules add their goals with a register function
// (registerIntrospectionGoals, registerGraphGoals, ...) called explicitly from cli.cpp.
//
//   void registerMyGoals(GoalRegistry &r) {
//       r.add({"roots", {}, "List source roots.", "Usage: trellis roots", {},
//              [](GoalContext &c) { for (auto &r : c.workspace()->sourceRoots().allRoots()) c.out << r << '\n'; return 0; }});
//   }
#pragma once

#include "core/run/selection.h"
#include "core/workspace/workspace.h"

#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace trellis::graph { class TargetGraph; }

namespace trellis::cli {

/// Exit codes: 0 ok, 1 errors in the workspace (or a failing goal), 2 usage.
enum ExitCode { kExitOk = 0, kExitFailure = 1, kExitUsage = 2 };

/// One goal option as documented by `trellis help GOAL`.
struct GoalOption {
    std::string name;     ///< "--transitive"
    std::string help;     ///< one line
};

class GoalContext;

struct Goal {
    std::string name;
    std::vector<std::string> aliases;   ///< e.g. "dependees" for dependents
    std::string summary;                ///< one line for `trellis help`
    std::string usage;                  ///< longer text for `trellis help GOAL`
    std::vector<GoalOption> options;
    std::function<int(GoalContext &)> run;
};

class GoalRegistry {
public:
    void add(Goal goal);
    const Goal *find(std::string_view nameOrAlias) const;
    const std::vector<Goal> &goals() const { return m_goals; }

private:
    std::vector<Goal> m_goals;
};

/// What a goal sees: its options, the specs, output streams, and lazily loaded
/// workspace / graph (loading reports problems on `err` once).
class GoalContext {
public:
    std::ostream &out;
    std::ostream &err;
    bool color = false;                                  ///< stdout is a TTY and NO_COLOR unset
    std::vector<std::string> specs;                      ///< as typed (after the goal name)
    std::map<std::string, std::vector<std::string>> goalOptions; ///< "--transitive" -> {"true"}; repeated flags append
    std::vector<std::string> passthrough;                ///< args after a bare `--`

    GoalContext(std::ostream &o, std::ostream &e) : out(o), err(e) {}
    virtual ~GoalContext() = default;

    /// The loaded workspace (nullptr when it could not load at all; errors already printed).
    virtual std::shared_ptr<const workspace::Workspace> workspace() = 0;
    /// The dependency graph (inference included); nullptr on failure (errors printed).
    virtual std::shared_ptr<const graph::TargetGraph> graph() = 0;
    /// Targets selected by `specs` (and global --tag/--filter-*/--changed-* options), in
    /// Address order, as indices into workspace()->targets(). Prints errors and returns
    /// nullopt on bad or unmatched specs.
    virtual std::optional<std::vector<int>> selectedTargets() = 0;
    /// The same selection with how it was made (run::selectTargets); nullopt on errors.
    /// The default wraps selectedTargets() (contexts of tests).
    virtual const std::optional<run::Selection> &selection();
    /// `--trust-repo` was given: trust (and remember) the repository's remote settings.
    bool trustRepository = false;

    /// Convenience accessors for goalOptions.
    bool flag(const std::string &name) const;
    std::string option(const std::string &name, const std::string &fallback = {}) const;

private:
    std::optional<run::Selection> m_wrappedSelection;
};

/// Runs the command line (argv without the program name). Used by app/cli/main.cpp and
/// by tests in-process.
int run(const std::vector<std::string> &args, std::ostream &out, std::ostream &err);
/// For main(): the process exits right after run(), so run() leaves the loaded workspace
/// and graph to the operating system instead of freeing them object by object.
void leakWorkspaceAtExit();

} // namespace trellis::cli
