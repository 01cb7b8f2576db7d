// The `test` goal: one pytest process per python_test file target (or per batch of
// targets sharing a batch_compatibility_tag), run through the engine's scheduler with
// caching, retries, timeouts and per-test results. `test_shell_command` targets run
// their command. The CLI and the GUI both call runTests() and differ only in the
// EngineObserver they pass.
//
//   TestRequest req;
//   req.graph = graph;  req.roots = selected;  req.cache = cache;
//   TestRunResult r = runTests(req, &observer);
//   for (const std::string &line : formatSummary(r, false)) std::cerr << line << '\n';
//
// Like Pants, each pytest process runs in a sandbox by default: a temporary directory
// holding only its inputs (the transitive closure's sources, resources and files, ancestor
// __init__.py and conftest.py files, pytest config), with PYTHONPATH = the source roots
// inside it, PYTHONDONTWRITEBYTECODE=1 and `-p no:cacheprovider`. What a test can read is
// exactly what its cache key covers. With `sandbox = false` (--no-sandbox) it runs in
// place in the build root instead, and its result is neither read from nor written to
// the cache: an undeclared file it reads is not in the key. A `test_shell_command` is
// sandboxed the same way, like Pants' adhoc sandbox: the files of its
// execution_dependencies (or dependencies) closure, its workdir relative to the sandbox;
// with `sandbox = false` it runs in its workdir in the repository, uncached.
#pragma once

#include "core/base/result.h"
#include "core/engine/cache.h"
#include "core/engine/scheduler.h"
#include "core/goals/pythoninterpreter.h"
#include "core/goals/junit.h"
#include "core/graph/targetgraph.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace trellis::goals {

struct TestRequest {
    std::shared_ptr<const graph::TargetGraph> graph;
    std::vector<int> roots;                   ///< selected targets; generators are expanded
    int jobs = 0;                             ///< 0 = number of cores
    bool force = false;                       ///< ignore cached results (--force)
    bool debug = false;                       ///< serial, terminal attached, no cache, no retries
    /// Run each pytest process in a temporary directory holding only its inputs (the
    /// transitive closure's sources, ancestor __init__.py and conftest.py files, pytest
    /// config), hard-linked (symlinked across filesystems). false = in place in the build
    /// root, uncached (the cache is neither read nor written).
    bool sandbox = true;
    bool noTimeouts = false;                  ///< --no-test-timeouts
    bool color = false;                       ///< pass --color=yes to pytest
    std::vector<std::string> passthrough;     ///< args after `--`
    std::vector<std::string> extraEnvVars;    ///< --test-extra-env-vars
    std::string python;                       ///< --python; "" = search
    std::shared_ptr<engine::ResultCache> cache; ///< null = no caching
    base::CancelToken cancel;
    std::map<std::string, std::string> environment; ///< the invoking environment
    engine::ProcessRunner *runner = nullptr;  ///< not owned; null = a LocalProcessRunner
    /// Where JUnit XML files go, one `<address path-safe>.xml` per process (Pants'
    /// [test].report_dir layout); "" = a temporary dir. A cached result's report is
    /// written from its stored test cases.
    std::string reportDir;
    /// Interpreters the caller decided per resolve (the run service's lockfile
    /// environments, core/pyenv): a resolve listed here never searches. A non-empty
    /// `error` means the resolve's environment could not be had: its tests do not start
    /// and the run fails with that error.
    struct ResolveInterpreter {
        std::string python;   ///< the environment's bin/python
        std::string error;
    };
    std::map<std::string, ResolveInterpreter> resolveInterpreters;
};

/// One test process (a file target, or a batch of them) and what it produced.
struct TestProcessResult {
    std::string description;          ///< "src/app/util_test.py:tests" or "<first> and N other files"
    std::vector<int> targets;         ///< nodes run by this process
    engine::TaskStatus status = engine::TaskStatus::Queued;
    int exitCode = 0;
    bool timedOut = false;
    bool cached = false;
    std::string cacheSource;          ///< "cached locally" / "cached remotely"
    int attempts = 1;
    bool flaky = false;
    std::int64_t durationMs = 0;
    std::vector<TestCase> testCases;
    std::string output;               ///< stdout and stderr as they interleaved
    std::vector<std::string> argv;
    std::string error;                ///< why it could not start (missing interpreter, ...)
    bool passed() const { return status == engine::TaskStatus::Succeeded; }
};

struct TestRunResult {
    std::vector<TestProcessResult> processes; ///< in scheduling order (task id order)
    base::Diagnostics diagnostics;            ///< problems before anything ran
    bool cancelled = false;
    /// Pants' goal exit code: the exit code of the last failing result in summary order
    /// (1 when that code is not a positive number), else 0.
    int exitCode() const;
};

/// The test processes runTests would start, without running them (descriptions and
/// targets filled, status Queued). Used by the GUI to show the queue before it starts.
std::vector<TestProcessResult> planTests(const TestRequest &request, base::Diagnostics &diagnostics);

/// Runs the tests. Observer events carry task ids = indexes into the plan; the
/// TaskOutcome payload of taskFinished holds a TestProcessResult.
TestRunResult runTests(const TestRequest &request, engine::EngineObserver *observer);

/// Pants-style summary lines (spec §8.3), sorted passes first:
/// `✓ src/a_test.py:tests succeeded in 0.42s (cached locally).`
std::vector<std::string> formatSummary(const TestRunResult &result, bool color);

/// Serialises a process result for the cache / run history (JSON) and back.
std::string serializeResult(const TestProcessResult &result);
std::optional<TestProcessResult> deserializeResult(const std::string &json);

} // namespace trellis::goals
