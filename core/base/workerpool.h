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
#pragma once

class QThreadPool;

namespace trellis::base {

/// Process-wide; as many threads as cores, and at least four.
QThreadPool *workerPool();

} // namespace trellis::base
