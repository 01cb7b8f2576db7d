// LocalProcessRunner: posix_spawn + poll.
//
// Each child is started in a new process group (POSIX_SPAWN_SETPGROUP with group 0), so
// a timeout or cancellation can signal the group: pytest and whatever it spawned receive
// SIGTERM, and SIGKILL follows after a grace period if anything is still alive. Output
// is read through two pipes with poll() in 50 ms slices, which is also how often the
// cancel token and the deadline are checked. The child gets exactly spec.env.
#include "core/engine/process.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace trellis::engine {

namespace {

using Clock = std::chrono::steady_clock;

std::int64_t msSince(Clock::time_point t)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t).count();
}

bool isExecutable(const std::string &path)
{
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

// Waits for the child without blocking forever; returns true when reaped.
bool reap(pid_t pid, int &status, bool block)
{
    for (;;) {
        const pid_t r = ::waitpid(pid, &status, block ? 0 : WNOHANG);
        if (r == pid)
            return true;
        if (r == 0)
            return false;
        if (r < 0 && errno == EINTR)
            continue;
        return r < 0; // ECHILD: already gone
    }
}

} // namespace

std::string findExecutable(const std::string &program, const std::string &pathVar)
{
    if (program.find('/') != std::string::npos)
        return isExecutable(program) ? program : std::string();
    size_t start = 0;
    while (start <= pathVar.size()) {
        size_t end = pathVar.find(':', start);
        if (end == std::string::npos)
            end = pathVar.size();
        std::string dir = pathVar.substr(start, end - start);
        if (dir.empty())
            dir = ".";
        const std::string candidate = dir + "/" + program;
        if (isExecutable(candidate))
            return candidate;
        start = end + 1;
    }
    return {};
}

ProcessResult LocalProcessRunner::run(const ProcessSpec &spec, const base::CancelToken &cancel,
                                      const OutputCallback &output)
{
    ProcessResult result;
    const auto started = Clock::now();
    if (spec.argv.empty()) {
        result.failedToStart = true;
        result.error = "empty command line";
        return result;
    }
    auto pathIt = spec.env.find("PATH");
    const std::string exe = findExecutable(spec.argv[0], pathIt == spec.env.end() ? std::string() : pathIt->second);
    if (exe.empty()) {
        result.failedToStart = true;
        result.error = "program not found: " + spec.argv[0];
        return result;
    }

    int outPipe[2] = {-1, -1};
    int errPipe[2] = {-1, -1};
    if (!spec.attachTerminal && (::pipe2(outPipe, O_CLOEXEC) != 0 || ::pipe2(errPipe, O_CLOEXEC) != 0)) {
        result.failedToStart = true;
        result.error = std::string("pipe: ") + std::strerror(errno);
        return result;
    }

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (!spec.attachTerminal) {
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], STDOUT_FILENO);
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], STDERR_FILENO);
    }
    if (!spec.workingDir.empty())
        posix_spawn_file_actions_addchdir_np(&actions, spec.workingDir.c_str());
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
    if (!spec.attachTerminal) {
        flags |= POSIX_SPAWN_SETPGROUP;
        posix_spawnattr_setpgroup(&attr, 0);
    }
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setflags(&attr, flags);

    std::vector<char *> argv;
    for (const auto &a : spec.argv)
        argv.push_back(const_cast<char *>(a.c_str()));
    argv.push_back(nullptr);
    std::vector<std::string> envStrings;
    for (const auto &[k, v] : spec.env)
        envStrings.push_back(k + "=" + v);
    std::vector<char *> envp;
    for (auto &e : envStrings)
        envp.push_back(e.data());
    envp.push_back(nullptr);

    pid_t pid = -1;
    const int rc = ::posix_spawn(&pid, exe.c_str(), &actions, &attr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (!spec.attachTerminal) {
        ::close(outPipe[1]);
        ::close(errPipe[1]);
    }
    if (rc != 0) {
        if (!spec.attachTerminal) {
            ::close(outPipe[0]);
            ::close(errPipe[0]);
        }
        result.failedToStart = true;
        result.error = "cannot start " + exe + ": " + std::strerror(rc);
        return result;
    }

    // Signals the whole group (or just the child when it shares our terminal).
    auto signalAll = [&](int sig) { ::kill(spec.attachTerminal ? pid : -pid, sig); };
    int status = 0;
    bool reaped = false;
    bool terminating = false;
    Clock::time_point termSentAt;
    auto beginTermination = [&] {
        if (terminating)
            return;
        terminating = true;
        termSentAt = Clock::now();
        signalAll(SIGTERM);
    };

    pollfd fds[2] = {{outPipe[0], POLLIN, 0}, {errPipe[0], POLLIN, 0}};
    int open = spec.attachTerminal ? 0 : 2;
    char buf[65536];
    while (open > 0 || !reaped) {
        if (open > 0) {
            const int n = ::poll(fds, 2, 50);
            if (n > 0) {
                for (int i = 0; i < 2; ++i) {
                    if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                        continue;
                    const ssize_t got = ::read(fds[i].fd, buf, sizeof buf);
                    if (got > 0) {
                        const std::string_view chunk(buf, size_t(got));
                        (i == 0 ? result.stdoutText : result.stderrText).append(chunk);
                        if (output)
                            output(i == 0 ? Stream::Stdout : Stream::Stderr, chunk);
                    } else if (got == 0 || (got < 0 && errno != EINTR && errno != EAGAIN)) {
                        ::close(fds[i].fd);
                        fds[i].fd = -1;
                        --open;
                    }
                }
            }
        } else {
            ::usleep(20'000);
        }
        if (!reaped)
            reaped = reap(pid, status, false);
        if (cancel.isCancelled() && !terminating) {
            result.cancelled = true;
            beginTermination();
        }
        if (spec.timeoutMs > 0 && !terminating && msSince(started) > spec.timeoutMs) {
            result.timedOut = true;
            beginTermination();
        }
        if (terminating && msSince(termSentAt) > m_graceMs)
            signalAll(SIGKILL);
        // Once the child is gone, grandchildren may keep the pipes open; after a
        // termination don't wait for them beyond the grace period.
        if (reaped && terminating && open > 0 && msSince(termSentAt) > m_graceMs) {
            signalAll(SIGKILL);
            for (auto &fd : fds)
                if (fd.fd >= 0) {
                    ::close(fd.fd);
                    fd.fd = -1;
                }
            open = 0;
        }
    }
    if (terminating)
        signalAll(SIGKILL); // nothing of the group may outlive a cancelled/timed-out run
    if (WIFEXITED(status))
        result.exitCode = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
        result.exitCode = -WTERMSIG(status);
    if (result.timedOut)
        result.exitCode = -15;
    result.durationMs = msSince(started);
    return result;
}

} // namespace trellis::engine
