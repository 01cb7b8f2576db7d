// Process-level helpers for CLI goals: the invoking environment, and a scope during
// which SIGINT (Ctrl-C), SIGTERM and SIGHUP cancel a run instead of killing Trellis:
// the engine then stops every process group it started, the goal unwinds (removing its
// temporary directories) and cli::run() exits with 128 + the signal number (130, 143,
// 129), as a shell does.
//
//   base::CancelToken cancel;
//   { InterruptScope scope(cancel); runTests(req, &observer); }
#pragma once

#include "core/base/canceltoken.h"

#include <csignal>
#include <map>
#include <string>

namespace trellis::cli {

/// The signals that cancel a run.
inline constexpr int kCancelSignals[] = {SIGINT, SIGTERM, SIGHUP};

/// While alive, SIGINT, SIGTERM and SIGHUP cancel `token`; the previous handlers are
/// restored afterwards. One scope at a time (scopes do not nest).
class InterruptScope {
public:
    explicit InterruptScope(base::CancelToken token);
    ~InterruptScope();
    InterruptScope(const InterruptScope &) = delete;
    InterruptScope &operator=(const InterruptScope &) = delete;

private:
    base::CancelToken m_token;
    struct sigaction m_previous[3] {};
};

/// The first cancelling signal received since the last call (0 = none), and forgets it.
int takeReceivedSignal();

/// The conventional exit status for a run ended by `signal`: 128 + its number.
inline int exitCodeForSignal(int signal) { return 128 + signal; }

} // namespace trellis::cli
