#include "app/cli/clisupport.h"

#include <atomic>
#include <iterator>

namespace trellis::cli {

namespace {

/// The token the signals cancel (null outside an InterruptScope). A lock-free atomic:
/// safe to read from the signal handler.
std::atomic<base::CancelToken *> g_interruptToken{nullptr};
/// The first signal received in a scope (0 = none).
std::atomic<int> g_receivedSignal{0};

static_assert(std::atomic<int>::is_always_lock_free && std::atomic<base::CancelToken *>::is_always_lock_free);

void onInterrupt(int signal)
{
    int none = 0;
    g_receivedSignal.compare_exchange_strong(none, signal);
    if (base::CancelToken *t = g_interruptToken.load())
        t->cancel();
}

} // namespace

InterruptScope::InterruptScope(base::CancelToken token) : m_token(std::move(token))
{
    g_interruptToken.store(&m_token);
    struct sigaction sa {};
    sa.sa_handler = onInterrupt;
    sigemptyset(&sa.sa_mask);
    for (int sig : kCancelSignals)
        sigaddset(&sa.sa_mask, sig);
    sa.sa_flags = SA_RESTART;
    static_assert(std::size(kCancelSignals) == sizeof m_previous / sizeof m_previous[0]);
    for (size_t i = 0; i < std::size(kCancelSignals); ++i)
        ::sigaction(kCancelSignals[i], &sa, &m_previous[i]);
}

InterruptScope::~InterruptScope()
{
    for (size_t i = 0; i < std::size(kCancelSignals); ++i)
        ::sigaction(kCancelSignals[i], &m_previous[i], nullptr);
    g_interruptToken.store(nullptr);
}

int takeReceivedSignal()
{
    return g_receivedSignal.exchange(0);
}

} // namespace trellis::cli
