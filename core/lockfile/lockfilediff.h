// LockfileDiff: what changed between two versions of one lockfile, per package, with
// the reverse-dependency chain that explains why each changed package is there.
//
//   LockfileDiff d = diffLockfiles(*base, *head);
//   for (const PackageChange *c : d.section(ChangeKind::Upgraded)) c->name, c->oldVersion;
//   std::cout << formatTextReport({d}, {.color = false});   // Pants' generate-lockfiles --diff
#pragma once

#include "core/lockfile/lockfile.h"
#include "core/lockfile/pep440.h"

#include <optional>
#include <string>
#include <vector>

namespace trellis::lockfile {

enum class ChangeKind { Unchanged, Upgraded, Downgraded, Added, Removed };

const char *changeKindName(ChangeKind kind);
const char *bumpKindName(BumpKind kind);

/// One package's fate between base and head.
struct PackageChange {
    std::string name;         ///< normalized project name
    std::string displayName;  ///< as written in head (base for removed packages)
    ChangeKind kind = ChangeKind::Unchanged;
    std::string oldVersion;   ///< normalized PEP 440 when it parses, else as written; "" when added
    std::string newVersion;   ///< likewise; "" when removed
    BumpKind bump = BumpKind::Other; ///< upgraded/downgraded only
    bool majorBump = false;   ///< release[0] changed (upgraded/downgraded only)
    /// Reverse dependency path from this package to a top-level requirement:
    /// {name, a dependent, ..., top-level}; {name} when it is itself top-level; empty
    /// when the lockfile records no dependencies. Read from head (base when removed).
    std::vector<std::string> chain;
    /// Number of targets reached (set by the caller from reach.h); nullopt when unknown.
    std::optional<int> reach;
};

/// The differences of one lockfile.
struct LockfileDiff {
    std::string path;
    std::string resolve;      ///< resolve name for the title ("" when unknown)
    LockfileFormat format = LockfileFormat::Pex;
    /// Every package of base and head: unchanged/upgraded/downgraded sorted by name, then
    /// added in head order, then removed in base order.
    std::vector<PackageChange> changes;
    /// Whose BUILD graph the `reach` counts were computed on: "worktree" (the files on
    /// disk now) or a revision; "" when no reach was computed. The graph is not the
    /// head revision's unless the two match, so front ends should say which it is.
    std::string reachGraph;

    /// The changes of one kind in report order.
    std::vector<const PackageChange *> section(ChangeKind kind) const;
    /// True when anything was upgraded, downgraded, added or removed.
    bool hasChanges() const;
};

/// Compares base and head package → version maps with PEP 440 ordering (versions that
/// do not parse compare as strings).
LockfileDiff diffLockfiles(const Lockfile &base, const Lockfile &head);

/// The reverse dependency chain of `name` in `lock` (see PackageChange::chain).
std::vector<std::string> dependencyChain(const Lockfile &lock, const std::string &name);

struct ReportOptions {
    bool color = false;            ///< ANSI colours as Pants prints them
    bool includeUnchanged = false; ///< Pants' --diff-include-unchanged
};

/// "Reach counted on the BUILD files of the working tree" (or "... of revision REV").
std::string reachGraphLine(const std::string &graphRevision);

/// The text of Pants' `generate-lockfiles --diff` for each diff with changes, followed by
/// one blank line; "" when nothing changed. Adds `Reach: N targets` under each changed
/// entry whose `reach` is set, and reachGraphLine(reachGraph) under the title when any is.
/// The JSON report has `reach_graph` per lockfile when reachGraph is set.
std::string formatTextReport(const std::vector<LockfileDiff> &diffs, const ReportOptions &options = {});

/// A stable JSON document (keys sorted, four-space indent, changes in report order).
std::string formatJsonReport(const std::vector<LockfileDiff> &diffs, const std::string &baseRev, const std::string &headRev);

} // namespace trellis::lockfile
