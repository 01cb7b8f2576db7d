// Process execution behind one small interface, so the scheduler and goals never spawn
// processes themselves and tests can swap in a fake.
//
//   ProcessSpec spec;
//   spec.argv = {"python3", "-m", "pytest", "tests/test_x.py"};
//   spec.env = {{"PATH", "/usr/bin"}};
//   spec.timeoutMs = 60'000;
//   ProcessResult r = LocalProcessRunner().run(spec, cancel, [](Stream s, std::string_view chunk) { ... });
#pragma once

#include "core/base/canceltoken.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace trellis::engine {

/// Everything that defines one process run. The environment is explicit: nothing is
/// inherited from the parent unless listed.
struct ProcessSpec {
    std::vector<std::string> argv;          ///< argv[0] is looked up in env PATH when it has no '/'
    std::map<std::string, std::string> env;
    std::string workingDir;                 ///< absolute; "" = the current directory
    std::int64_t timeoutMs = 0;             ///< 0 = no timeout
    bool attachTerminal = false;            ///< --debug: inherit stdin/stdout/stderr, no capture
};

enum class Stream { Stdout, Stderr };

/// Receives output as it arrives (on the thread that runs the process).
using OutputCallback = std::function<void(Stream, std::string_view)>;

struct ProcessResult {
    int exitCode = -1;          ///< exit status; -N when killed by signal N (Pants: timeout = -15)
    bool timedOut = false;
    bool cancelled = false;
    bool failedToStart = false; ///< exec failed; `error` says why
    std::string error;
    std::string stdoutText;
    std::string stderrText;
    std::int64_t durationMs = 0;
    bool ok() const { return exitCode == 0 && !timedOut && !cancelled && !failedToStart; }
};

/// Runs processes. Implementations must be safe to call from several threads at once.
class ProcessRunner {
public:
    virtual ~ProcessRunner() = default;
    /// Runs to completion, timeout or cancellation (blocking the calling thread). On
    /// timeout or cancel the whole process group gets SIGTERM, then SIGKILL after
    /// `graceMs`.
    virtual ProcessResult run(const ProcessSpec &spec, const base::CancelToken &cancel,
                              const OutputCallback &output = {}) = 0;
};

/// Runs real processes with posix_spawn, each in its own process group, so cancelling
/// kills the process and everything it started.
class LocalProcessRunner : public ProcessRunner {
public:
    explicit LocalProcessRunner(int graceMs = 2000) : m_graceMs(graceMs) {}
    ProcessResult run(const ProcessSpec &spec, const base::CancelToken &cancel,
                      const OutputCallback &output = {}) override;

private:
    int m_graceMs; ///< time between SIGTERM and SIGKILL
};

/// Looks `program` up in a PATH string; "" when not found. Absolute/relative paths with
/// '/' are returned when executable.
std::string findExecutable(const std::string &program, const std::string &pathVar);

} // namespace trellis::engine
