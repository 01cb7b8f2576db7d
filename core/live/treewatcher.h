// TreeWatcher: tells a front end, on its own thread's event loop, that files a loaded
// workspace depends on changed on disk (issue #22).
//
//   live::TreeWatcher watcher([](const live::TreeWatcher::Change &c) { ... });
//   watcher.watch(live::watchSetOf(root, *result.stamps));
//
// On Linux it watches directories with inotify, not files: one watch per directory the
// walk listed reports every file written, created, renamed or removed in it, so the
// Backend.AI tree needs about 1,500 watches instead of 10,000. Files the load read
// outside those directories (config files, files opened by BUILD code) are watched
// through their parent directory with a name filter. Writes an editor or Python make
// beside the sources (`__pycache__`, `*.pyc`, swap and backup files) are dropped here;
// everything else is reported, and the live loader decides what it means (a file the
// walk ignores changes nothing, and the same snapshot comes back).
//
// When watches run out (inotify's max_user_watches, or no inotify), the watcher polls:
// every poll interval it reports a Change with `poll` set, and the front end runs the
// live loader's cheap stamp check, which answers "unchanged" without touching the views.
#pragma once

#include "core/live/snapshot.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace trellis::live {

/// What to watch: directories whose every entry counts, and single files (absolute).
struct WatchSet {
    std::vector<std::string> directories;
    std::vector<std::string> files;
};

/// The directories the walk listed and the load inputs, ignore files and sources outside
/// them, as absolute paths, from the stamps a live load recorded.
WatchSet watchSetOf(const std::string &buildRoot, const Stamps &stamps);

class TreeWatcher {
public:
    enum class Mode {
        Idle,    ///< nothing watched
        Notify,  ///< every path is watched by the kernel
        Polling, ///< watches ran out (or there are none): a Change every poll interval
    };
    struct Change {
        /// Absolute paths reported changed (deduplicated, sorted); empty with `poll` or
        /// `overflow`.
        std::vector<std::string> paths;
        bool poll = false;     ///< a polling tick: something may have changed
        bool overflow = false; ///< the kernel dropped events: anything may have changed
    };
    using Callback = std::function<void(const Change &)>;

    /// `onChange` runs on the thread that created the watcher, from its event loop.
    explicit TreeWatcher(Callback onChange);
    ~TreeWatcher();
    TreeWatcher(const TreeWatcher &) = delete;
    TreeWatcher &operator=(const TreeWatcher &) = delete;

    /// Replaces what is watched. Directories that were watched already keep their watch.
    void watch(const WatchSet &set);
    void clear();

    Mode mode() const;
    /// Kernel watches in use.
    int watchCount() const;
    /// Why the watcher polls ("" unless Mode::Polling).
    std::string pollingReason() const;

    /// Milliseconds between polling ticks (default 2000).
    void setPollInterval(int ms);
    /// At most this many kernel watches (tests simulate exhaustion; <0 = the system's).
    void setWatchLimit(int limit);
    /// `onChange` runs once no event came for `quietMs` (default 10 ms), so a save through
    /// a temporary file and a rename is one change, and at most `maxMs` (default 100 ms)
    /// after the first event it reports, so a long burst still reports as it goes.
    void setCoalesceDelay(int quietMs, int maxMs = 100);

    /// True for names editors and Python write beside sources that never matter.
    static bool isNoise(std::string_view name);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace trellis::live
