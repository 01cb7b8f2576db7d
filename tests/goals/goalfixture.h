// Helpers shared by the test-goal tests: load a workspace and its graph (no scan cache),
// and find a process of a run by its description.
#pragma once

#include "core/goals/testgoal.h"
#include "core/graph/targetgraph.h"
#include "core/infer/dependencies.h"
#include "core/workspace/workspace.h"

#include <QString>

#include <memory>
#include <string>

namespace goalfixture {

inline std::shared_ptr<const trellis::graph::TargetGraph> loadGraph(const QString &root)
{
    trellis::workspace::LoadRequest req;
    req.options.buildRoot = root.toStdString();
    auto ws = trellis::workspace::loadWorkspace(req);
    if (!ws)
        return nullptr;
    trellis::infer::InferenceRequest ireq;
    ireq.workspace = *ws;
    ireq.cacheDir = "-";
    return std::make_shared<const trellis::graph::TargetGraph>(*ws, trellis::infer::resolveDependencies(ireq));
}

inline const trellis::goals::TestProcessResult *find(const trellis::goals::TestRunResult &r,
                                                     const std::string &description)
{
    for (const auto &p : r.processes)
        if (p.description == description)
            return &p;
    return nullptr;
}

} // namespace goalfixture
