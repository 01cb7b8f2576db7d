#include "core/changed/changedexplanation.h"

#include "core/base/paths.h"

#include <algorithm>
#include <map>
#include <set>

namespace trellis::changed {

using graph::NodeId;

namespace {

/// How a changed file makes its owners affected; smaller explains better.
StepKind ownerKind(const graph::TargetGraph &graph, const ChangedFileEntry &f, NodeId owner)
{
    const workspace::Workspace &ws = *graph.workspace();
    if (base::baseName(f.path) == "pants.toml")
        return StepKind::Config;
    if (std::binary_search(ws.buildFiles().begin(), ws.buildFiles().end(), f.path))
        return StepKind::BuildFile;
    if (f.status == vcs::ChangeStatus::Deleted)
        return StepKind::DeletedFile;
    const auto &sources = graph.target(owner).sources;
    if (std::binary_search(sources.begin(), sources.end(), f.path))
        return StepKind::Source;
    return StepKind::Requirements;
}

/// The step for the dependency edge `edge` (dependent -> the previous step's target).
ChainStep dependencyStep(const graph::TargetGraph &graph, graph::EdgeId edge)
{
    const graph::EdgeInfo info = graph.edgeInfo(edge);
    ChainStep step;
    step.node = info.from;
    step.kind = StepKind::Dependency;
    step.edgeKind = info.kind;
    const workspace::Target &dependent = graph.target(info.from);
    if (!info.evidence.empty()) {
        // The first strong import, else the first one.
        const infer::Evidence *ev = &info.evidence.front();
        for (const infer::Evidence &e : info.evidence)
            if (!e.weak) {
                ev = &e;
                break;
            }
        step.at = {ev->file, ev->line, 0};
        step.detail = ev->module;
        return step;
    }
    if (info.kind == infer::EdgeKind::Explicit) {
        const workspace::Address &to = graph.address(info.to);
        for (const workspace::DependencySpec &d : dependent.explicitDependencies)
            if (!d.exclude && (d.address == to || (to.isGenerated() && d.address == to.generatorAddress()))) {
                step.detail = d.raw;
                break;
            }
    }
    if (info.declaredAt && info.declaredAt->isValid())
        step.at = *info.declaredAt;
    else if (info.kind == infer::EdgeKind::Conftest || info.kind == infer::EdgeKind::InitFile) {
        const auto &sources = graph.target(info.to).sources;
        if (!sources.empty())
            step.at = {sources.front(), 0, 0};
    }
    if (!step.at.isValid())
        step.at = dependent.declaredAt;
    return step;
}

FileState stateOf(const vcs::ChangedFile &f, const std::map<std::string, vcs::ChangeStatus> &uncommitted)
{
    if (f.status == vcs::ChangeStatus::Deleted)
        return FileState::Deleted;
    auto it = uncommitted.find(f.path);
    if (it == uncommitted.end())
        return FileState::Committed;
    switch (it->second) {
    case vcs::ChangeStatus::Untracked: return FileState::Untracked;
    case vcs::ChangeStatus::Deleted: return FileState::Deleted;
    case vcs::ChangeStatus::Added: return FileState::Added;
    default: return f.status == vcs::ChangeStatus::Added ? FileState::Added : FileState::Modified;
    }
}

} // namespace

const char *fileStateName(FileState state)
{
    switch (state) {
    case FileState::Committed: return "committed";
    case FileState::Modified: return "modified";
    case FileState::Added: return "added";
    case FileState::Untracked: return "untracked";
    case FileState::Deleted: return "deleted";
    }
    return "modified";
}

const AffectedTarget *ChangedExplanation::find(NodeId node) const
{
    auto it = std::lower_bound(targets.begin(), targets.end(), node,
                               [](const AffectedTarget &t, NodeId n) { return t.node < n; });
    return it != targets.end() && it->node == node ? &*it : nullptr;
}

std::vector<NodeId> ChangedExplanation::affected() const
{
    std::vector<NodeId> out;
    out.reserve(targets.size());
    for (const AffectedTarget &t : targets)
        out.push_back(t.node);
    return out;
}

int ChangedExplanation::ownerCount() const
{
    return int(std::count_if(targets.begin(), targets.end(), [](const AffectedTarget &t) { return t.owner; }));
}

bool isTestTarget(const workspace::Target &target)
{
    if (target.type == "test_shell_command")
        return true;
    if (target.type != "python_test")
        return false;
    const workspace::Field *skip = target.field("skip_tests");
    return !(skip && skip->value.asBool());
}

ChangedExplanation explainResult(const graph::TargetGraph &graph, const ChangedResult &result,
                                 const std::vector<vcs::ChangedFile> &uncommitted, DependentsMode mode)
{
    ChangedExplanation out;
    out.base = result.base;
    out.dependents = mode;
    out.unownedFiles = result.unownedFiles;
    std::map<std::string, vcs::ChangeStatus> dirty;
    for (const vcs::ChangedFile &f : uncommitted)
        dirty[f.path] = f.status;

    // Files, and for each owner the file (and the kind of step) that explains it best.
    const int n = graph.nodeCount();
    std::vector<int> bestFile(size_t(n), -1);
    std::vector<StepKind> bestKind(size_t(n), StepKind::Config);
    for (size_t i = 0; i < result.files.size(); ++i) {
        ChangedFileEntry entry;
        entry.path = result.files[i].path;
        entry.status = result.files[i].status;
        entry.state = stateOf(result.files[i], dirty);
        if (i < result.fileOwners.size())
            entry.owners = result.fileOwners[i];
        for (NodeId o : entry.owners) {
            const StepKind kind = ownerKind(graph, entry, o);
            if (bestFile[size_t(o)] < 0 || int(kind) < int(bestKind[size_t(o)])) {
                bestFile[size_t(o)] = int(i);
                bestKind[size_t(o)] = kind;
            }
        }
        out.files.push_back(std::move(entry));
    }

    // Breadth-first over reverse edges from every owner at once (graph::dependentsOf's
    // walk), remembering how each target was first reached.
    std::vector<graph::EdgeId> parentEdge(size_t(n), -1);
    std::vector<char> queued(size_t(n), 0);
    std::vector<NodeId> queue(result.owners.begin(), result.owners.end());
    for (NodeId o : result.owners)
        queued[size_t(o)] = 1;
    const size_t firstLevel = queue.size();
    if (mode != DependentsMode::None)
        for (size_t head = 0; head < queue.size(); ++head) {
            if (mode == DependentsMode::Direct && head >= firstLevel)
                break;
            const NodeId at = queue[head];
            const auto dependents = graph.dependents(at);
            const auto edges = graph.dependentEdges(at);
            for (size_t i = 0; i < dependents.size(); ++i) {
                const NodeId d = dependents[i];
                if (queued[size_t(d)])
                    continue;
                queued[size_t(d)] = 1;
                parentEdge[size_t(d)] = edges[i];
                queue.push_back(d);
            }
        }

    const std::vector<NodeId> affected = withDependents(graph, result.owners, mode);
    const std::set<NodeId> owners(result.owners.begin(), result.owners.end());
    for (NodeId node : affected) {
        AffectedTarget t;
        t.node = node;
        t.owner = owners.count(node) > 0;
        // Walk back to the owner, then reverse.
        std::vector<ChainStep> reversed;
        NodeId at = node;
        while (!owners.count(at) && parentEdge[size_t(at)] >= 0) {
            reversed.push_back(dependencyStep(graph, parentEdge[size_t(at)]));
            at = graph.edgeTarget(parentEdge[size_t(at)]);
        }
        if (owners.count(at)) {
            ChainStep first;
            first.node = at;
            const int fi = bestFile[size_t(at)];
            first.kind = fi >= 0 ? bestKind[size_t(at)] : StepKind::Source;
            if (fi >= 0) {
                t.file = out.files[size_t(fi)].path;
                first.at = first.kind == StepKind::BuildFile ? graph.target(at).declaredAt
                                                             : base::SourceLocation{t.file, 0, 0};
            }
            reversed.push_back(std::move(first));
        }
        t.chain.assign(reversed.rbegin(), reversed.rend());
        if (isTestTarget(graph.target(node)))
            out.testTargets.push_back(node);
        out.targets.push_back(std::move(t));
    }
    return out;
}

base::Result<ChangedExplanation> explainChanged(const graph::TargetGraph &graph, const vcs::Repository &repo,
                                                const ChangedRequest &request)
{
    auto result = computeChangedOwners(*graph.workspace(), repo, request);
    if (!result)
        return result.takeDiagnostics();
    std::vector<vcs::ChangedFile> uncommitted;
    if (!request.since.empty()) {
        auto dirty = repo.uncommittedChanges();
        if (!dirty)
            return dirty.takeDiagnostics();
        uncommitted = std::move(*dirty);
    }
    ChangedExplanation out = explainResult(graph, *result, uncommitted, request.dependents);
    out.since = request.since;
    out.diffspec = request.diffspec;
    return out;
}

std::string defaultBaseRef(const workspace::Workspace &ws, const vcs::Repository &repo)
{
    const std::string configured = ws.options().string("changed", "since");
    if (!configured.empty())
        return configured;
    if (auto branches = repo.branches())
        for (const char *name : {"main", "master"})
            if (std::binary_search(branches->begin(), branches->end(), std::string(name)))
                return name;
    return "HEAD";
}

} // namespace trellis::changed
