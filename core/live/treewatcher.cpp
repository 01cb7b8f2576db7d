#include "core/live/treewatcher.h"

#include "core/base/paths.h"

#include <QElapsedTimer>
#include <QSocketNotifier>
#include <QTimer>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <unordered_map>

#ifdef __linux__
#include <fcntl.h>
#include <sys/inotify.h>
#include <unistd.h>
#endif

namespace trellis::live {

WatchSet watchSetOf(const std::string &buildRoot, const Stamps &stamps)
{
    WatchSet set;
    std::set<std::string> dirs;
    dirs.insert(buildRoot);
    for (const FileStamp &d : stamps.directories)
        dirs.insert(d.path.empty() ? buildRoot : base::joinPath(buildRoot, d.path));
    set.directories.assign(dirs.begin(), dirs.end());
    std::set<std::string> files;
    auto addFile = [&](const std::string &path) {
        const std::string abs = !path.empty() && path[0] == '/' ? path : base::joinPath(buildRoot, path);
        if (!dirs.count(std::string(base::dirName(abs))))
            files.insert(abs);
    };
    for (const FileStamp &f : stamps.loadInputs)
        addFile(f.path);
    for (const FileStamp &f : stamps.ignoreFiles)
        addFile(f.path);
    for (const FileStamp &f : stamps.sources)
        addFile(f.path);
    set.files.assign(files.begin(), files.end());
    return set;
}

bool TreeWatcher::isNoise(std::string_view name)
{
    if (name.empty() || name == "__pycache__" || name == "4913" /* vim's write probe */)
        return true;
    for (std::string_view suffix : {".pyc", ".pyo", ".swp", ".swx", ".swo", "~", ".tmp"})
        if (name.ends_with(suffix))
            return true;
    return name.starts_with(".#"); // Emacs lock files
}

struct TreeWatcher::Private {
    struct Dir {
        std::string path;
        bool all = false;             // every entry counts
        std::set<std::string> names;  // else only these
    };

    Callback onChange;
    Mode mode = Mode::Idle;
    std::string reason;
    int fd = -1;
    std::unique_ptr<QSocketNotifier> notifier;
    std::unordered_map<int, Dir> byWatch;     // inotify wd -> directory
    std::map<std::string, int> watchOf;       // directory -> wd
    QTimer coalesce;
    QElapsedTimer burst; // since the first event not yet reported
    int quiet = 10;
    int maxDelay = 100;
    QTimer poll;
    std::set<std::string> pending;
    bool pendingOverflow = false;
    int limit = -1;

    ~Private() { closeNotify(); }

    void closeNotify()
    {
        notifier.reset();
#ifdef __linux__
        if (fd >= 0)
            ::close(fd);
#endif
        fd = -1;
        byWatch.clear();
        watchOf.clear();
    }

    bool openNotify()
    {
#ifdef __linux__
        if (fd >= 0)
            return true;
        fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        if (fd < 0) {
            reason = std::string("inotify is not available: ") + std::strerror(errno);
            return false;
        }
        notifier = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Read);
        QObject::connect(notifier.get(), &QSocketNotifier::activated, notifier.get(), [this] { readEvents(); });
        return true;
#else
        reason = "this system has no inotify";
        return false;
#endif
    }

    void startPolling(std::string why)
    {
        closeNotify();
        reason = std::move(why);
        mode = Mode::Polling;
        coalesce.stop();
        pending.clear();
        poll.start();
    }

    void watch(const WatchSet &set)
    {
        std::map<std::string, Dir> wanted;
        for (const std::string &dir : set.directories)
            wanted[dir] = Dir{dir, true, {}};
        for (const std::string &file : set.files) {
            const std::string dir(base::dirName(file));
            Dir &d = wanted[dir];
            d.path = dir;
            if (!d.all)
                d.names.insert(std::string(base::baseName(file)));
        }
        if (wanted.empty()) {
            clear();
            return;
        }
        if (!openNotify()) {
            startPolling(reason);
            return;
        }
#ifdef __linux__
        // Drop watches no longer wanted.
        for (auto it = watchOf.begin(); it != watchOf.end();) {
            if (wanted.count(it->first)) {
                ++it;
                continue;
            }
            ::inotify_rm_watch(fd, it->second);
            byWatch.erase(it->second);
            it = watchOf.erase(it);
        }
        constexpr uint32_t kMask = IN_CLOSE_WRITE | IN_MODIFY | IN_ATTRIB | IN_CREATE | IN_DELETE | IN_MOVED_FROM
            | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_EXCL_UNLINK;
        size_t added = 0;
        for (auto &[path, dir] : wanted) {
            if (auto it = watchOf.find(path); it != watchOf.end()) {
                byWatch[it->second] = std::move(dir);
                continue;
            }
            if (limit >= 0 && int(watchOf.size()) >= limit) {
                startPolling("the watch limit (" + std::to_string(limit) + ") was reached after " + std::to_string(added)
                             + " of " + std::to_string(wanted.size()) + " directories");
                return;
            }
            const int wd = ::inotify_add_watch(fd, path.c_str(), kMask);
            if (wd < 0) {
                if (errno == ENOENT || errno == ENOTDIR || errno == EACCES)
                    continue; // gone since the load, or unreadable: its parent reports it
                std::string why = std::strerror(errno);
                if (errno == ENOSPC) {
                    std::string max;
                    std::ifstream("/proc/sys/fs/inotify/max_user_watches") >> max;
                    why = "inotify ran out of watches (fs.inotify.max_user_watches = " + (max.empty() ? "?" : max) + ")";
                }
                startPolling(why + " after " + std::to_string(added) + " of " + std::to_string(wanted.size())
                             + " directories");
                return;
            }
            ++added;
            watchOf[path] = wd;
            auto [slot, fresh] = byWatch.try_emplace(wd, std::move(dir));
            if (!fresh) { // the same directory under another path (a symlink): merge
                slot->second.all = slot->second.all || dir.all;
                slot->second.names.insert(dir.names.begin(), dir.names.end());
            }
        }
        mode = Mode::Notify;
        reason.clear();
        poll.stop();
#endif
    }

    void clear()
    {
        closeNotify();
        poll.stop();
        coalesce.stop();
        pending.clear();
        pendingOverflow = false;
        mode = Mode::Idle;
        reason.clear();
    }

    void readEvents()
    {
#ifdef __linux__
        alignas(inotify_event) char buffer[16384];
        for (;;) {
            const ssize_t n = ::read(fd, buffer, sizeof buffer);
            if (n <= 0)
                break;
            for (ssize_t off = 0; off < n;) {
                const auto *ev = reinterpret_cast<const inotify_event *>(buffer + off);
                off += ssize_t(sizeof(inotify_event) + ev->len);
                if (ev->mask & IN_Q_OVERFLOW) {
                    pendingOverflow = true;
                    continue;
                }
                auto it = byWatch.find(ev->wd);
                if (it == byWatch.end())
                    continue;
                const Dir &dir = it->second;
                if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) {
                    if (dir.all)
                        pending.insert(dir.path);
                    continue;
                }
                const std::string_view name = ev->len ? std::string_view(ev->name) : std::string_view();
                if (name.empty() || isNoise(name))
                    continue;
                if (!dir.all && !dir.names.count(std::string(name)))
                    continue;
                pending.insert(base::joinPath(dir.path, name));
            }
        }
        if (pending.empty() && !pendingOverflow)
            return;
        // Wait for a quiet moment, but not past the burst's deadline: a save through a
        // temporary file and a rename is one change, and a checkout rewriting thousands of
        // files still reports every `maxDelay` ms.
        if (!coalesce.isActive())
            burst.start();
        const qint64 left = std::max<qint64>(maxDelay - burst.elapsed(), 0);
        coalesce.start(int(std::min<qint64>(quiet, left)));
#endif
    }

    void flush()
    {
        Change change;
        change.paths.assign(pending.begin(), pending.end());
        change.overflow = pendingOverflow;
        pending.clear();
        pendingOverflow = false;
        if (onChange && (change.overflow || !change.paths.empty()))
            onChange(change);
    }
};

TreeWatcher::TreeWatcher(Callback onChange)
    : d(std::make_unique<Private>())
{
    d->onChange = std::move(onChange);
    d->coalesce.setSingleShot(true);
    QObject::connect(&d->coalesce, &QTimer::timeout, &d->coalesce, [this] { d->flush(); });
    d->poll.setInterval(2000);
    QObject::connect(&d->poll, &QTimer::timeout, &d->poll, [this] {
        Change change;
        change.poll = true;
        if (d->onChange)
            d->onChange(change);
    });
}

TreeWatcher::~TreeWatcher() = default;

void TreeWatcher::watch(const WatchSet &set) { d->watch(set); }
void TreeWatcher::clear() { d->clear(); }
TreeWatcher::Mode TreeWatcher::mode() const { return d->mode; }
int TreeWatcher::watchCount() const { return int(d->watchOf.size()); }
std::string TreeWatcher::pollingReason() const { return d->mode == Mode::Polling ? d->reason : std::string(); }
void TreeWatcher::setPollInterval(int ms) { d->poll.setInterval(std::max(ms, 10)); }
void TreeWatcher::setWatchLimit(int limit) { d->limit = limit; }
void TreeWatcher::setCoalesceDelay(int quietMs, int maxMs)
{
    d->quiet = std::max(quietMs, 0);
    d->maxDelay = std::max(maxMs, 0);
}

} // namespace trellis::live
