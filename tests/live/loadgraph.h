// loadGraph: a test's one call to load a directory's workspace and dependency graph, the
// way the front ends do (core/live), without a snapshot or scan cache on disk.
//
//   auto g = testing::loadGraph(dir.path());   // null when the workspace cannot load
#pragma once

#include "core/live/liveload.h"

#include <QString>

#include <memory>

namespace trellis::testing {

inline std::shared_ptr<const graph::TargetGraph> loadGraph(const QString &root)
{
    live::LiveRequest request;
    request.load.options.buildRoot = root.toStdString();
    request.cacheDir = "-";
    auto result = live::loadLive(request);
    return result ? result->graph : nullptr;
}

} // namespace trellis::testing
