#include "app/cli/lockfilegoals.h"

#include "core/lockfile/lockfilesource.h"
#include "core/lockfile/reach.h"

namespace trellis::cli {

namespace {

int runLockfileDiff(GoalContext &c)
{
    const std::string format = c.option("--format", "text");
    if (format != "text" && format != "json") {
        c.err << "error: --format must be text or json, not '" << format << "'\n";
        return kExitUsage;
    }
    const std::string baseRev = c.option("--base", "HEAD");
    const bool worktree = c.flag("--worktree");
    std::optional<std::string> headRev;
    if (!worktree && !c.option("--head").empty())
        headRev = c.option("--head");

    auto ws = c.workspace();
    if (!ws)
        return kExitFailure;
    const std::vector<lockfile::LockfileRef> refs = lockfile::lockfilesFromOptions(ws->options(), c.specs);
    if (refs.empty()) {
        c.err << "No lockfiles: give paths, or set [python].enable_resolves and [python].resolves.\n";
        return kExitOk;
    }
    auto repo = vcs::Repository::open(ws->buildRoot());
    if (!repo) {
        for (const auto &d : repo.diagnostics())
            c.err << d.format() << '\n';
        return kExitFailure;
    }
    const lockfile::RevisionReader base(repo->get(), ws->buildRoot(), baseRev);
    const lockfile::RevisionReader head(repo->get(), ws->buildRoot(), headRev);
    std::vector<lockfile::LockfileDiff> diffs;
    bool failed = false;
    for (const lockfile::LockfileRef &ref : refs) {
        auto diff = lockfile::diffLockfileRevisions(base, head, ref);
        for (const auto &d : diff.diagnostics())
            c.err << d.format() << '\n';
        if (!diff) {
            failed = true;
            continue;
        }
        diffs.push_back(std::move(*diff));
    }
    // Reach needs the dependency graph; without it (inference failed) the report has no
    // Reach lines rather than failing.
    bool anyChanges = false;
    for (const lockfile::LockfileDiff &d : diffs)
        anyChanges = anyChanges || d.hasChanges();
    if (anyChanges) {
        if (auto graph = c.graph()) {
            for (std::size_t i = 0; i < diffs.size(); ++i) {
                const lockfile::LockfileRef ref{diffs[i].path, diffs[i].resolve};
                auto b = lockfile::loadLockfile(base, ref);
                auto h = lockfile::loadLockfile(head, ref);
                // The graph is always the working tree's BUILD files (c.graph()).
                applyReach(diffs[i], lockfile::computeReach(*graph, diffs[i], b ? &*b : nullptr,
                                                            h ? &*h : nullptr, "worktree"));
            }
            if (headRev)
                c.err << "note: reach is counted on the working tree's BUILD files, not on those of " << *headRev
                      << "\n";
        }
    }
    if (format == "json")
        c.out << lockfile::formatJsonReport(diffs, baseRev, head.label());
    else
        c.out << lockfile::formatTextReport(diffs, {.color = c.color, .includeUnchanged = c.flag("--include-unchanged")});
    return failed ? kExitFailure : kExitOk;
}

} // namespace

void registerLockfileGoals(GoalRegistry &registry)
{
    registry.add({"lockfile-diff",
                  {},
                  "Show how lockfiles changed between two revisions.",
                  "Usage: trellis lockfile-diff [--base=REV] [--head=REV | --worktree] [--format=text|json] [LOCKFILE...]\n"
                  "Compares each lockfile (default: every [python].resolves entry) at --base (default HEAD)\n"
                  "with --head (default: the working tree), in the layout of `pants generate-lockfiles --diff`.",
                  {{"--base", "`--base=REV`: revision of the old lockfile (default HEAD)."},
                   {"--head", "`--head=REV`: revision of the new lockfile (default: the working tree)."},
                   {"--worktree", "Read the new lockfile from the working tree."},
                   {"--format", "`--format=text|json`: text (Pants' layout) or json."},
                   {"--include-unchanged", "Also list unchanged packages."}},
                  runLockfileDiff});
}

} // namespace trellis::cli
