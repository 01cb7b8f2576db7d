// workerPool: the thread pool Trellis' own background work runs on (loading, inference,
// snapshot coding, goal runs, git, layouts), in the CLI and in the window.
//
//   QtConcurrent::run(base::workerPool(), [] { ... });
//   QtConcurrent::blockingMap(base::workerPool(), items, fn);
//
// It is not QThreadPool::globalInstance() on purpose: Qt's raster paint engine and image
// conversions split large fills over the global pool and wait for them, so a window
// whose global pool is busy with a two-second load stops painting for two seconds
// (measured on Backend.AI: a 2 s frozen frame after every load, issue #22).
//
// Its threads never expire. A thread that exits leaves the allocator's pages it owns
// behind (mimalloc keeps freed memory with the thread that allocated it), so threads
// made for one load and dropped after it left the window holding tens of MB more after
// every BUILD edit. Parallel loops therefore run on this pool (runParallel), never on
// threads of their own.
#pragma once

#include <functional>

class QThreadPool;

namespace trellis::base {

/// Process-wide; as many threads as cores, and at least four.
QThreadPool *workerPool();

/// Runs `work` on the calling thread and, at the same time, on up to `threads - 1` threads
/// of workerPool(); returns when every run has returned. `work` takes its items from
/// shared state (an atomic counter) until none is left. Runs the pool has not started by
/// the time the calling thread's run returns are dropped: it never waits for a busy pool,
/// and may be called from the pool's own threads.
void runParallel(int threads, const std::function<void()> &work);

} // namespace trellis::base
