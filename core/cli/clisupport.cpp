#include "core/cli/clisupport.h"

#include <atomic>

extern char **environ;

namespace trellis::cli {

namespace {

/// The token SIGINT cancels (null outside an InterruptScope). A lock-free atomic: safe to
/// read from the signal handler.
std::atomic<base::CancelToken *> g_interruptToken{nullptr};

void onInterrupt(int)
{
    if (base::CancelToken *t = g_interruptToken.load())
        t->cancel();
}

} // namespace

std::map<std::string, std::string> processEnvironment()
{
    std::map<std::string, std::string> env;
    for (char **e = environ; e && *e; ++e) {
        const std::string kv = *e;
        const size_t eq = kv.find('=');
        if (eq != std::string::npos)
            env.emplace(kv.substr(0, eq), kv.substr(eq + 1));
    }
    return env;
}

InterruptScope::InterruptScope(base::CancelToken token) : m_token(std::move(token))
{
    g_interruptToken.store(&m_token);
    struct sigaction sa {};
    sa.sa_handler = onInterrupt;
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGINT, &sa, &m_previous);
}

InterruptScope::~InterruptScope()
{
    ::sigaction(SIGINT, &m_previous, nullptr);
    g_interruptToken.store(nullptr);
}

} // namespace trellis::cli
