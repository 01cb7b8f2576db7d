#include "app/cli/changedgoals.h"

#include "core/base/jsontext.h"
#include "core/graph/targetgraph.h"
#include "core/run/selection.h"
#include "core/vcs/repository.h"

namespace trellis::cli {

namespace {

using changed::ChainStep;
using changed::StepKind;

std::string address(const graph::TargetGraph &g, graph::NodeId n) { return base::lineSafeName(g.address(n).toString()); }

std::string location(const base::SourceLocation &at)
{
    return at.line > 0 ? at.file + ":" + std::to_string(at.line) : at.file;
}

const changed::ChangedFileEntry *fileEntry(const changed::ChangedExplanation &e, const std::string &path)
{
    for (const changed::ChangedFileEntry &f : e.files)
        if (f.path == path)
            return &f;
    return nullptr;
}

const char *stepKindName(StepKind kind)
{
    switch (kind) {
    case StepKind::Source: return "source";
    case StepKind::DeletedFile: return "deleted";
    case StepKind::Requirements: return "requirements";
    case StepKind::BuildFile: return "build";
    case StepKind::Config: return "config";
    case StepKind::Dependency: return "dependency";
    }
    return "source";
}

void printJson(GoalContext &c, const graph::TargetGraph &g, const changed::ChangedExplanation &e)
{
    std::string out = "{\n  \"since\": " + base::jsonString(e.since) + ",\n  \"diffspec\": " + base::jsonString(e.diffspec)
                      + ",\n  \"base\": " + base::jsonString(e.base.hash) + ",\n  \"dependents\": \""
                      + run::dependentsModeName(e.dependents) + "\",\n  \"files\": [";
    for (size_t i = 0; i < e.files.size(); ++i) {
        const changed::ChangedFileEntry &f = e.files[i];
        out += std::string(i ? "," : "") + "\n    {\"path\": " + base::jsonString(f.path) + ", \"state\": \""
               + changed::fileStateName(f.state) + "\", \"owners\": [";
        for (size_t j = 0; j < f.owners.size(); ++j)
            out += (j ? ", " : "") + base::jsonString(g.address(f.owners[j]).toString());
        out += "]}";
    }
    out += "\n  ],\n  \"targets\": [";
    for (size_t i = 0; i < e.targets.size(); ++i) {
        const changed::AffectedTarget &t = e.targets[i];
        out += std::string(i ? "," : "") + "\n    {\"address\": " + base::jsonString(g.address(t.node).toString())
               + ", \"owner\": " + (t.owner ? "true" : "false") + ", \"file\": " + base::jsonString(t.file)
               + ", \"test\": "
               + (std::binary_search(e.testTargets.begin(), e.testTargets.end(), t.node) ? "true" : "false")
               + ", \"chain\": [";
        for (size_t j = 0; j < t.chain.size(); ++j) {
            const ChainStep &s = t.chain[j];
            out += std::string(j ? ", " : "") + "{\"address\": " + base::jsonString(g.address(s.node).toString())
                   + ", \"kind\": \"" + stepKindName(s.kind) + "\"";
            if (s.kind == StepKind::Dependency)
                out += std::string(", \"edge\": \"") + infer::edgeKindName(s.edgeKind) + "\"";
            out += ", \"file\": " + base::jsonString(s.at.file) + ", \"line\": " + std::to_string(s.at.line);
            if (!s.detail.empty())
                out += ", \"detail\": " + base::jsonString(s.detail);
            out += "}";
        }
        out += "]}";
    }
    out += "\n  ],\n  \"unowned\": [";
    for (size_t i = 0; i < e.unownedFiles.size(); ++i)
        out += (i ? ", " : "") + base::jsonString(e.unownedFiles[i]);
    out += "]\n}\n";
    c.out << out;
}

int runChanged(GoalContext &c)
{
    auto ws = c.workspace();
    if (!ws)
        return kExitFailure;
    if (!c.specs.empty()) {
        c.err << "error: `changed` takes no specs; it selects the targets changed since the base ref\n";
        return kExitUsage;
    }
    const std::string format = c.option("--format", "text");
    if (format != "text" && format != "json") {
        c.err << "error: --format must be text or json, not `" << format << "`\n";
        return kExitUsage;
    }
    auto repo = vcs::Repository::open(ws->buildRoot());
    if (!repo) {
        for (const auto &d : repo.diagnostics())
            c.err << "error: `changed` needs a git repository: " << d.message << '\n';
        return kExitFailure;
    }
    changed::ChangedRequest req;
    req.diffspec = ws->options().string("changed", "diffspec");
    req.since = ws->options().string("changed", "since");
    if (req.since.empty() && req.diffspec.empty())
        req.since = changed::defaultBaseRef(*ws, **repo);
    const std::string mode = ws->options().string("changed", "dependents", "none");
    auto parsed = changed::parseDependentsMode(mode);
    if (!parsed) {
        c.err << "error: --dependents must be none, direct or transitive, not `" << mode << "`\n";
        return kExitUsage;
    }
    req.dependents = *parsed;
    auto graph = c.graph();
    if (!graph)
        return kExitFailure;
    auto e = changed::explainChanged(*graph, **repo, req);
    if (!e) {
        for (const auto &d : e.diagnostics())
            c.err << d.format() << '\n';
        return kExitFailure;
    }
    if (format == "json") {
        printJson(c, *graph, *e);
        return kExitOk;
    }
    const bool why = c.flag("--why");
    if (c.flag("--files") || why) {
        for (const changed::ChangedFileEntry &f : e->files) {
            std::string state = changed::fileStateName(f.state);
            state.resize(std::max<size_t>(state.size(), 10), ' ');
            c.out << state << base::lineSafeName(f.path);
            if (f.owners.empty())
                c.out << "  (no owner)";
            c.out << '\n';
        }
        c.out << '\n';
    }
    if (why) {
        const std::string base = e->diffspec.empty() ? e->since : e->diffspec;
        c.out << e->targets.size() << (e->targets.size() == 1 ? " target" : " targets") << " affected since " << base
              << " (" << e->base.shortHash() << ", dependents: " << run::dependentsModeName(e->dependents) << "); "
              << e->testTargets.size() << (e->testTargets.size() == 1 ? " test target" : " test targets")
              << " will run\n";
    }
    for (const changed::AffectedTarget &t : e->targets) {
        c.out << address(*graph, t.node) << '\n';
        if (!why)
            continue;
        for (size_t i = 0; i < t.chain.size(); ++i)
            c.out << (i == 0 ? "    " : "    <- ") << describeStep(*graph, *e, t, i) << '\n';
    }
    return kExitOk;
}

} // namespace

std::string describeStep(const graph::TargetGraph &g, const changed::ChangedExplanation &e,
                         const changed::AffectedTarget &target, size_t step)
{
    const ChainStep &s = target.chain[step];
    const std::string node = address(g, s.node);
    if (s.kind != StepKind::Dependency) {
        const changed::ChangedFileEntry *f = fileEntry(e, target.file);
        const std::string file = base::lineSafeName(target.file) + " ("
                                 + (f ? changed::fileStateName(f->state) : "changed") + ")";
        switch (s.kind) {
        case StepKind::Source: return file + " is a source of " + node;
        case StepKind::DeletedFile: return file + " matched the sources of " + node;
        case StepKind::Requirements: return file + " changes a requirement of " + node;
        case StepKind::BuildFile: return file + " declares " + node + " (" + location(s.at) + ")";
        case StepKind::Config: return file + " configures every target, " + node + " included";
        case StepKind::Dependency: break;
        }
    }
    const std::string previous = address(g, target.chain[step - 1].node);
    const std::string at = " (" + location(s.at) + ")";
    switch (s.edgeKind) {
    case infer::EdgeKind::Inferred: return node + " imports " + s.detail + at;
    case infer::EdgeKind::Explicit:
        return node + " depends on " + (s.detail.empty() ? previous : "\"" + s.detail + "\"") + at;
    case infer::EdgeKind::Generated: return node + " generates " + previous + at;
    case infer::EdgeKind::Conftest: return node + " uses " + location(s.at) + ", its conftest.py";
    case infer::EdgeKind::InitFile: return node + " uses " + location(s.at) + ", an ancestor __init__.py";
    case infer::EdgeKind::EntryPoint: return node + " has its entry point in " + previous + at;
    case infer::EdgeKind::Requirement: return node + " is pinned by " + previous + at;
    }
    return node + " depends on " + previous + at;
}

void registerChangedGoals(GoalRegistry &registry)
{
    registry.add({"changed",
                  {},
                  "List the targets a change affects, and why.",
                  "Usage: trellis changed [--since=REF | --diffspec=SPEC] [--dependents=none|direct|transitive] [--why] "
                  "[--files] [--format=text|json]\n"
                  "Lists the targets owning files changed since REF (committed since the merge base, staged,\n"
                  "unstaged and untracked; the same files as `--changed-since=REF list`) and, per\n"
                  "--dependents ([changed].dependents), their dependents. The base is --since, else\n"
                  "[changed].since, else `main` or `master` when such a branch exists, else HEAD.\n"
                  "--why prints under each target one shortest chain from a changed file to it: the\n"
                  "owner, then each dependent with the import line or BUILD line of its edge.\n"
                  "The GUI's Changed view shows the same answer.",
                  {{"--since", "`--since=REF`: the base ref (as --changed-since)."},
                   {"--diffspec", "`--diffspec=SPEC`: a commit range instead (as --changed-diffspec)."},
                   {"--dependents", "`--dependents=none|direct|transitive`: also list dependents (as --changed-dependents)."},
                   {"--why", "Print the changed files, then under each target the chain that makes it affected."},
                   {"--files", "Print the changed files with their state (committed, modified, added, untracked, deleted)."},
                   {"--format", "`--format=text|json`: text, or json with files, owners and chains."}},
                  runChanged});
}

} // namespace trellis::cli
