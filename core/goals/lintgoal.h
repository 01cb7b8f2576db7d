// The `lint`, `fmt`, `fix` and `check` goals (spec §9): run the tools the workspace
// configures (linttools.h) over the selected targets' files, batched per partition,
// through the engine's scheduler. The CLI and the GUI both call runLint() and differ only
// in the EngineObserver they pass, as with the test goal.
//
//   LintRequest req;
//   req.graph = graph;  req.roots = selected;  req.goal = LintGoalKind::Fmt;
//   LintRunResult r = runLint(req, &observer);
//   for (const std::string &line : formatLintSummary(r, req.goal, false)) std::cerr << line << '\n';
//   return r.exitCode();
//
// Which processes run:
//   - lint: linters; formatters and fixers in check mode (`black --check`, `ruff check`);
//   - fmt: formatters, writing; fix: fixers (`ruff check --fix`), then formatters;
//   - check: checkers (mypy), one process per partition (resolve + interpreter constraints,
//     MYPYPATH = the partition's source roots), not batched: mypy needs the whole program.
// Other tools are batched with the §8.2 boundary rule keyed by file path, sized by
// [lint].batch_size (lint) or [fmt].batch_size (fmt, fix; [fix].batch_size wins when set).
// In fmt/fix a tool's batch waits for the earlier tools' batches that share files (order
// = backend_packages, fixers first), so two tools never write one file at once; when an
// earlier one fails, the later batch is Skipped.
//
// Tool args come from [<tool>].args (shell-split); [ruff].args go to `ruff check` only,
// since check options (--select, ...) would make `ruff format` fail.
//
// Tools run in place in the build root and find their own configuration there
// (pyproject.toml, setup.cfg, .flake8, mypy.ini, ...). mypy's and ruff's caches go to
// Trellis' cache directory (MYPY_CACHE_DIR, RUFF_CACHE_DIR), never into the repository.
//
// A configured tool that is not installed is reported once (missingToolMessage) as a
// Skipped entry, and a tool that did not run is never a success: the exit code is 1 when
// a tool is missing, a tool that ran failed, planning failed or the run was cancelled.
//
// Pinned tools: the run service (core/run) puts the tools it could pin into
// LintRequest::pinnedTools (black from its tool environment, ruff downloaded per
// [ruff].version) and the ones it could not into unpinnedReasons. A pinned tool runs as
// given; an unpinned one is searched as above, a warning names the tool, the wanted
// version and what runs instead, and its results carry LintProcessResult::unpinned. lint/check results are cached when they pass; the key digests the tool's
// command and version, its args, the environment, the files' contents and the contents
// of the build root's tool configuration files. fmt/fix results are never cached.
#pragma once

#include "core/base/result.h"
#include "core/engine/cache.h"
#include "core/engine/scheduler.h"
#include "core/goals/linttools.h"
#include "core/graph/targetgraph.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace trellis::goals {

enum class LintGoalKind { Lint, Fmt, Fix, Check };

/// "lint", "fmt", "fix", "check".
const char *lintGoalName(LintGoalKind goal);

struct LintRequest {
    std::shared_ptr<const graph::TargetGraph> graph;
    std::vector<int> roots;                   ///< selected targets; generators are expanded
    LintGoalKind goal = LintGoalKind::Lint;
    std::vector<std::string> only;            ///< --only tool ids ("black", "ruff-check"; "ruff" = both); empty = all
    int jobs = 0;                             ///< 0 = number of cores
    bool force = false;                       ///< ignore cached results
    std::string python;                       ///< first interpreter to try for `-m <tool>`; "" = search
    std::shared_ptr<engine::ResultCache> cache; ///< null = no caching (fmt/fix never cache)
    base::CancelToken cancel;
    std::map<std::string, std::string> environment; ///< the invoking environment (PATH, HOME, ...)
    engine::ProcessRunner *runner = nullptr;  ///< not owned; null = a LocalProcessRunner
    std::string toolCacheDir;                 ///< MYPY_CACHE_DIR/RUFF_CACHE_DIR parent; "" = base::cacheDir()
    /// Pinned tools (the run service's lockfile environments, core/pyenv): "<scope>|<resolve>"
    /// -> the python of an environment holding the pinned tool, tried before any other.
    std::map<std::string, std::string> pinnedPythons;
    /// Tool scope -> the version the configuration pins ([ruff].version); a tool found at
    /// another version still runs, with a warning that it is unpinned.
    std::map<std::string, std::string> pinnedVersions;
    /// Tool scope -> the command of the pinned tool ({"<env>/bin/python", "-m", "black"},
    /// {"<cache>/tools/ruff/.../ruff"}) and its version; used as is, never searched.
    struct PinnedTool {
        std::vector<std::string> command;
        std::string version;
        std::string source; ///< "resolve 'tools' ([black].install_from_resolve)"
    };
    std::map<std::string, PinnedTool> pinnedTools;
    /// Tool scope -> why the pin the configuration asks for cannot be had ("[black].lockfile
    /// pins black==24.8.0, but pkg 1.0: sha256 mismatch ..."); the tool found on the machine
    /// runs, loudly unpinned.
    std::map<std::string, std::string> unpinnedReasons;
};

/// One tool process (a batch or a partition), or one missing tool.
struct LintProcessResult {
    std::string tool;                 ///< summary name: "black", "ruff check"
    std::string toolId;               ///< "black", "ruff-check"
    LintToolKind kind = LintToolKind::Linter;
    std::string description;          ///< "black on 3 files", "mypy on 2 files in python-default, CPython>=3.11"
    std::string partition;            ///< mypy: "python-default, CPython>=3.11"; else ""
    std::vector<std::string> files;   ///< buildroot-relative, sorted
    engine::TaskStatus status = engine::TaskStatus::Queued;
    int exitCode = 0;
    bool cached = false;
    std::string cacheSource;          ///< "cached locally" / "cached remotely"
    std::int64_t durationMs = 0;
    std::string output;               ///< stdout and stderr as they interleaved
    std::vector<std::string> argv;
    std::vector<std::string> changedFiles; ///< fmt/fix: files whose content the process changed, sorted
    bool skipped = false;             ///< the tool is missing: nothing ran (status Skipped)
    std::string skipReason;           ///< missingToolMessage()
    std::string error;                ///< why the process could not start
    /// Not the pinned version: why, and what ran instead ("" = pinned, or nothing pinned
    /// and nothing wanted). Also a " [unpinned]" suffix on the description.
    std::string unpinned;
    bool passed() const { return status == engine::TaskStatus::Succeeded; }
    bool failed() const { return status == engine::TaskStatus::Failed; }
};

struct LintRunResult {
    /// Scheduled processes first, in task id order (= planLint order), then one skipped
    /// entry per missing tool.
    std::vector<LintProcessResult> processes;
    base::Diagnostics diagnostics;    ///< problems before anything ran (bad --only, bad options)
    bool cancelled = false;
    /// 1 when a process failed, planning failed or the run was cancelled; else 0.
    int exitCode() const;
};

/// The processes runLint would start, without running them (status Queued), followed by
/// the missing tools' skipped entries. Finds the tools, so it runs `--version` probes.
std::vector<LintProcessResult> planLint(const LintRequest &request, base::Diagnostics &diagnostics);

/// Runs the goal. Observer events carry task ids = indexes into planLint's list; the
/// TaskOutcome payload of taskFinished holds a LintProcessResult.
LintRunResult runLint(const LintRequest &request, engine::EngineObserver *observer);

/// Summary lines (spec §9), one per tool that ran, sorted by tool name:
/// `✓ flake8 succeeded.` / `✕ mypy failed.` (`✓ black succeeded (unpinned).`); fmt/fix: `+ black made changes.` /
/// `✓ black made no changes.`; lint adds "" and `(One or more formatters failed. Run
/// \`trellis fmt\` to fix.)` when a formatter's check failed.
std::vector<std::string> formatLintSummary(const LintRunResult &result, LintGoalKind goal, bool color);

/// For fmt/fix: `black made changes to:` followed by `  <file>` lines, per tool sorted by
/// name; empty when nothing changed.
std::vector<std::string> formatChangedFiles(const LintRunResult &result);

/// Serialises a process result for the cache (JSON) and back.
std::string serializeLintResult(const LintProcessResult &result);
std::optional<LintProcessResult> deserializeLintResult(const std::string &json);

} // namespace trellis::goals
