// Process-level helpers for CLI goals: the invoking environment, and a scope during
// which Ctrl-C cancels a run (the engine then stops its process groups) instead of
// killing Trellis.
//
//   base::CancelToken cancel;
//   { InterruptScope scope(cancel); runTests(req, &observer); }
#pragma once

#include "core/base/canceltoken.h"

#include <csignal>
#include <map>
#include <string>

namespace trellis::cli {

/// The environment of this process as a map.
std::map<std::string, std::string> processEnvironment();

/// While alive, SIGINT cancels `token`; the previous handler is restored afterwards.
/// One scope at a time (scopes do not nest).
class InterruptScope {
public:
    explicit InterruptScope(base::CancelToken token);
    ~InterruptScope();
    InterruptScope(const InterruptScope &) = delete;
    InterruptScope &operator=(const InterruptScope &) = delete;

private:
    base::CancelToken m_token;
    struct sigaction m_previous {};
};

} // namespace trellis::cli
