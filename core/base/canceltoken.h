// CancelToken: a cancellation flag that any thread may set and workers poll.
//
//   CancelToken token;                       // cheap to copy; copies share the flag
//   QtConcurrent::run([token] { while (!token.isCancelled()) work(); });
//   token.cancel();
#pragma once

#include <atomic>
#include <memory>

namespace trellis::base {

/// Shared cancellation flag. Copies refer to the same flag.
class CancelToken {
public:
    CancelToken() : m_flag(std::make_shared<std::atomic<bool>>(false)) {}
    void cancel() const { m_flag->store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_flag->load(std::memory_order_relaxed); }

private:
    std::shared_ptr<std::atomic<bool>> m_flag; // never null
};

} // namespace trellis::base
