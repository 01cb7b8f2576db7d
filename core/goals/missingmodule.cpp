#include "core/goals/missingmodule.h"

#include <algorithm>
#include <set>

namespace trellis::goals {

namespace {

bool isRequirement(const workspace::Target &t)
{
    return t.type == "python_requirement" || t.type == "pants_requirement";
}

std::string fieldText(const workspace::Target &t, std::string_view alias)
{
    const workspace::Field *f = t.field(alias);
    return f && f->value.isString() ? f->value.str() : std::string();
}

} // namespace

std::vector<std::string> missingModules(const std::string &output)
{
    static const std::string marker = "ModuleNotFoundError: No module named '";
    std::vector<std::string> out;
    for (size_t pos = output.find(marker); pos != std::string::npos; pos = output.find(marker, pos + 1)) {
        const size_t start = pos + marker.size();
        const size_t end = output.find('\'', start);
        if (end == std::string::npos || end == start || end - start > 200)
            continue;
        std::string module = output.substr(start, end - start);
        if (std::find(out.begin(), out.end(), module) == out.end())
            out.push_back(std::move(module));
    }
    return out;
}

std::string explainMissingModules(const graph::TargetGraph &graph, const std::vector<int> &roots,
                                  const std::string &output, const std::string &interpreter)
{
    const std::vector<std::string> modules = missingModules(output);
    if (modules.empty())
        return {};
    // The test's closure, and for each missing module the requirement targets whose
    // import edges name it (or a submodule of it).
    std::vector<int> stack(roots.begin(), roots.end());
    std::set<int> seen(roots.begin(), roots.end());
    std::vector<std::set<int>> providers(modules.size());
    while (!stack.empty()) {
        const int node = stack.back();
        stack.pop_back();
        const auto deps = graph.dependencies(node);
        for (size_t i = 0; i < deps.size(); ++i) {
            const int to = deps[i];
            if (isRequirement(graph.target(to))) {
                const graph::EdgeInfo edge = graph.edgeInfo(graph.firstEdge(node) + graph::EdgeId(i));
                for (const infer::Evidence &e : edge.evidence)
                    for (size_t m = 0; m < modules.size(); ++m)
                        if (e.module == modules[m] || e.module.str().starts_with(modules[m] + ".")
                            || modules[m].starts_with(e.module.str() + "."))
                            providers[m].insert(to);
            }
            if (seen.insert(to).second)
                stack.push_back(to);
        }
        for (int generated : graph.generatedTargets(node))
            if (seen.insert(generated).second)
                stack.push_back(generated);
    }
    std::string notes;
    for (size_t m = 0; m < modules.size(); ++m) {
        notes += "\nTrellis: `" + modules[m] + "` ";
        if (providers[m].empty()) {
            notes += "is not provided by any requirement this test depends on: add the distribution that provides it "
                     "to the repository's requirements (and lockfile), or check that the first-party module's source "
                     "root is configured.\n";
            continue;
        }
        std::string names;
        for (int t : providers[m]) {
            const workspace::Target &req = graph.target(t);
            const std::string resolve = fieldText(req, "resolve");
            names += (names.empty() ? "" : ", ") + req.address.toString() + (resolve.empty() ? "" : " (resolve " + resolve + ")");
        }
        notes += "comes from " + names + ", which is not installed in " + (interpreter.empty() ? "the interpreter" : interpreter)
                 + ". Trellis runs tests with that interpreter as it is: use one whose environment has the resolve "
                   "installed (for example a virtual environment from `pants export`), with --python or the "
                   "Python interpreter setting.\n";
    }
    return notes;
}

} // namespace trellis::goals
