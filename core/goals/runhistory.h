// Run history: every finished goal run of a workspace, persisted as one JSON file per run
// under the per-user data directory, so the GUI can list and compare past runs and the
// CLI and release checks can ask "what was the last result of this target?".
//
//   RunHistory history(RunHistory::directoryFor(buildRoot));
//   RunRecord record = RunRecord::fromTestRun(result, *graph, "test", {"src/app::"}, "main", started);
//   base::Status saved = history.save(record);
//   std::vector<RunRecord> runs = history.load();          // newest first
//   RunComparison diff = compareRuns(runs[1], runs[0]);     // older, newer
//
// Targets are stored by address (not graph index), so records stay meaningful after
// the workspace is reloaded or edited. Process output is truncated to kMaxStoredOutput.
#pragma once

#include "core/base/result.h"
#include "core/goals/testgoal.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace trellis::goals {

/// One process of a past run, with the addresses of the targets it ran.
struct RunProcessRecord {
    TestProcessResult result;              ///< `targets` is empty; see `addresses`
    std::vector<std::string> addresses;    ///< targets run by this process, sorted
};

/// One finished run.
struct RunRecord {
    std::string id;                        ///< "20260214-101502-123-ab12"; unique, sorts by time
    std::string goal;                      ///< "test", "lint", ...
    std::vector<std::string> specs;        ///< what was asked for: addresses, `dir::` or `--changed-since=REF`
    std::string baseRef;                   ///< the base ref of a changed run; "" otherwise
    std::int64_t startedMs = 0;            ///< milliseconds since the epoch (UTC)
    std::int64_t durationMs = 0;           ///< wall time of the whole run
    bool cancelled = false;
    std::vector<RunProcessRecord> processes;

    /// Builds a record from a test run; addresses come from `graph`.
    static RunRecord fromTestRun(const TestRunResult &run, const graph::TargetGraph &graph, std::string goal,
                                 std::vector<std::string> specs, std::string baseRef, std::int64_t startedMs,
                                 std::int64_t durationMs);

    int passedCount() const;               ///< processes that succeeded (cached included)
    int failedCount() const;               ///< processes that failed
    /// "passed", "failed" or "cancelled": the one-word outcome shown in history lists.
    std::string outcome() const;
};

/// A test case key that survives reruns: "file::class::name" (file may be "").
std::string testCaseKey(const TestCase &c);

/// What changed between two runs, by test case key (sorted).
struct RunComparison {
    std::vector<std::string> newlyFailing; ///< failing (failed/error) in newer, not in older
    std::vector<std::string> fixed;        ///< failing in older, passed in newer
    std::vector<std::string> stillFailing; ///< failing in both
};

/// Compares an older and a newer run. Tests absent from the newer run are neither fixed
/// nor failing.
RunComparison compareRuns(const RunRecord &older, const RunRecord &newer);

/// The last known outcome of a target across runs (newest run that ran it wins).
enum class TargetOutcome { Passed, Failed, Cancelled };

/// address -> last outcome, from records sorted newest first.
std::map<std::string, TargetOutcome> lastOutcomes(const std::vector<RunRecord> &newestFirst);

/// Serialises a record as JSON and back (nullopt on malformed or unknown-version input).
std::string serializeRunRecord(const RunRecord &record);
std::optional<RunRecord> deserializeRunRecord(const std::string &json);

/// The persisted run history of one workspace: `<dir>/<id>.json`, written atomically.
class RunHistory {
public:
    explicit RunHistory(std::string dir, int maxRuns = kDefaultMaxRuns);

    /// `<dataDir>/runs/<16 hex digits of sha256(buildRoot)>`.
    static std::string directoryFor(const std::string &buildRoot);

    /// Every readable record, newest first. Broken files are skipped.
    std::vector<RunRecord> load() const;
    /// Writes a record (assigning an id when it has none) and prunes the oldest runs
    /// beyond maxRuns. Returns the id through `record`.
    [[nodiscard]] base::Status save(RunRecord &record);
    /// Deletes one record; false when it did not exist.
    bool remove(const std::string &id);
    const std::string &directory() const { return m_dir; }

    static constexpr int kDefaultMaxRuns = 200;
    static constexpr size_t kMaxStoredOutput = 64 * 1024;

private:
    std::string m_dir;
    int m_maxRuns;
};

} // namespace trellis::goals
