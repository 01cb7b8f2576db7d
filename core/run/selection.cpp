#include "core/run/selection.h"

#include "core/vcs/repository.h"

namespace trellis::run {

namespace {

workspace::TargetFilters configuredFilters(const workspace::Workspace &ws, const workspace::TargetFilters &extra)
{
    workspace::TargetFilters f;
    auto collect = [&](std::vector<std::string> &into, const char *scope, const char *option,
                       const std::vector<std::string> &more) {
        for (const std::string &v : ws.options().list(scope, option))
            into.push_back(v);
        into.insert(into.end(), more.begin(), more.end());
    };
    collect(f.tags, "GLOBAL", "tag", extra.tags);
    collect(f.targetTypes, "filter", "target_type", extra.targetTypes);
    collect(f.addressRegexes, "filter", "address_regex", extra.addressRegexes);
    collect(f.tagRegexes, "filter", "tag_regex", extra.tagRegexes);
    collect(f.granularities, "filter", "granularity", extra.granularities);
    return f;
}

} // namespace

const char *dependentsModeName(changed::DependentsMode mode)
{
    switch (mode) {
    case changed::DependentsMode::None: return "none";
    case changed::DependentsMode::Direct: return "direct";
    case changed::DependentsMode::Transitive: return "transitive";
    }
    return "none";
}

std::vector<std::string> Selection::recordSpecs() const
{
    if (!changedMode) {
        std::vector<std::string> out;
        for (const workspace::Spec &s : parsedSpecs)
            out.push_back(s.text);
        return out;
    }
    std::vector<std::string> out;
    if (!since.empty())
        out.push_back("--changed-since=" + since);
    if (!diffspec.empty())
        out.push_back("--changed-diffspec=" + diffspec);
    if (dependents != changed::DependentsMode::None)
        out.push_back(std::string("--changed-dependents=") + dependentsModeName(dependents));
    return out;
}

base::Result<Selection> selectTargets(const workspace::Workspace &ws, const GraphGetter &graph,
                                      const SelectionRequest &request)
{
    Selection out;
    out.since = request.changedSince.value_or(ws.options().string("changed", "since"));
    out.diffspec = request.changedDiffspec.value_or(ws.options().string("changed", "diffspec"));
    out.changedMode = !out.since.empty() || !out.diffspec.empty();
    const workspace::TargetFilters filters = configuredFilters(ws, request.extraFilters);
    if (base::Status st = filters.validate(); !st)
        return st.diagnostics();

    std::vector<int> selected;
    if (out.changedMode) {
        if (!request.specs.empty())
            return base::Diagnostic::error({}, "--changed-since and --changed-diffspec cannot be combined with specs ("
                                                   + request.specs.front() + ")");
        if (request.dependents) {
            out.dependents = *request.dependents;
        } else {
            const std::string mode = ws.options().string("changed", "dependents", "none");
            auto parsed = changed::parseDependentsMode(mode);
            if (!parsed)
                return base::Diagnostic::error({}, "--changed-dependents must be none, direct or transitive, not `"
                                                       + mode + "`");
            out.dependents = *parsed;
        }
        auto repo = vcs::Repository::open(ws.buildRoot());
        if (!repo) {
            base::Diagnostics ds;
            for (const auto &d : repo.diagnostics())
                ds.push_back(base::Diagnostic::error({}, "--changed-* needs a git repository: " + d.message));
            return ds;
        }
        const changed::ChangedRequest req{out.since, out.diffspec, out.dependents};
        base::Result<changed::ChangedResult> result = base::Diagnostic::error({}, "");
        if (out.dependents == changed::DependentsMode::None) {
            result = changed::computeChangedOwners(ws, **repo, req);
        } else {
            auto g = graph ? graph() : nullptr;
            if (!g)
                return base::Diagnostic::error({}, "the dependency graph is needed for --changed-dependents="
                                                       + std::string(dependentsModeName(out.dependents))
                                                       + " but could not be built");
            result = changed::computeChanged(*g, **repo, req);
        }
        if (!result) {
            base::Diagnostics ds;
            for (const auto &d : result.diagnostics())
                ds.push_back(base::Diagnostic::error({}, d.message));
            return ds;
        }
        selected = result->affected;
        out.changed = std::move(*result);
    } else {
        auto specs = workspace::parseSpecs(request.specs, request.cwd, ws.buildRoot(), *ws.files());
        if (!specs)
            return specs.diagnostics();
        out.parsedSpecs = std::move(*specs);
        auto resolved = workspace::resolveSpecs(
            ws, out.parsedSpecs, ws.options().string("GLOBAL", "unmatched_cli_globs", "error"), &out.warnings);
        if (!resolved)
            return resolved.diagnostics();
        selected = std::move(*resolved);
    }
    out.targets = filters.apply(ws, selected);
    return out;
}

} // namespace trellis::run
