#include "app/cli/releasegoals.h"


#include "core/base/paths.h"
#include "core/release/releaseplan.h"
#include "core/release/releasereport.h"
#include "core/run/resultcache.h"

#include <QDate>

namespace trellis::cli {

namespace {

using namespace trellis::release;

void printDiagnostics(GoalContext &c, const base::Diagnostics &diags)
{
    for (const base::Diagnostic &d : diags)
        c.err << d.format() << '\n';
}

// `--version=X`, or the first positional argument after the sub-command.
std::string versionArgument(GoalContext &c)
{
    std::string v = c.option("--version");
    if (v.empty() && c.specs.size() > 1)
        v = c.specs[1];
    return v;
}

int runStatus(GoalContext &c)
{
    const std::string format = c.option("--format", "text");
    if (format != "text" && format != "json") {
        c.err << "error: --format must be text or json, not '" << format << "'\n";
        return kExitUsage;
    }
    auto ws = c.workspace();
    if (!ws)
        return kExitFailure;
    StatusRequest req;
    req.buildRoot = ws->buildRoot();
    req.workspace = ws;
    req.lockfilesReviewed = c.flag("--lockfiles-reviewed");
    if (const std::string v = versionArgument(c); !v.empty())
        req.targetVersion = v;
    // The newest recorded test run (CLI or GUI) answers the "tests passed" item.
    req.lastTestRun = [root = ws->buildRoot()] { return lastRecordedTestRun(root); };
    auto st = computeReleaseStatus(req);
    if (!st) {
        printDiagnostics(c, st.diagnostics());
        return kExitFailure;
    }
    c.out << (format == "json" ? formatStatusJson(*st) : formatStatusText(*st));
    return kExitOk;
}

int runChangelog(GoalContext &c)
{
    auto ws = c.workspace();
    if (!ws)
        return kExitFailure;
    auto cfg = loadTowncrierConfig(ws->buildRoot());
    if (!cfg) {
        printDiagnostics(c, cfg.diagnostics());
        return kExitFailure;
    }
    std::string version = versionArgument(c);
    if (version.empty()) {
        if (auto text = base::readFile(ws->buildRoot() + "/VERSION"))
            if (auto v = ReleaseVersion::parse(*text))
                version = v->normalized;
    }
    if (version.empty()) {
        c.err << "error: give the version: trellis release changelog --version=X\n";
        return kExitUsage;
    }
    std::string date = c.option("--date");
    if (date.empty())
        date = QDate::currentDate().toString(Qt::ISODate).toStdString();
    const FragmentScan scan = scanFragments(ws->buildRoot(), *cfg);
    for (const FragmentProblem &p : scan.problems)
        c.err << p.path << ": warning: " << p.message << (p.hint.empty() ? "" : " (" + p.hint + ")") << '\n';
    const RenderedChangelog r = renderChangelog(*cfg, scan.allFragments(), {version, date, c.option("--name")});
    for (const std::string &n : r.notes)
        c.err << "note: " << n << '\n';
    if (!r.errors.empty()) {
        printDiagnostics(c, r.errors);
        return kExitFailure;
    }
    // What `towncrier build --draft` prints on stdout: the section and one more newline.
    c.out << r.text << '\n';
    return kExitOk;
}

// [trellis.release] prepare_command is repository code; it runs under the rule the
// remote cache's guarded settings follow (docs/security.md): the trust store has this
// repository with exactly this command, or --trust-repo (trusts it and remembers), or
// TRELLIS_TRUST_REPO=1 (this run only). Otherwise planRelease refuses. False when the
// trust could not be recorded.
bool trustPrepareCommand(GoalContext &c, const workspace::Workspace &ws, PrepareRequest &req)
{
    const ReleaseSettings settings = withConfiguration(req.settings, ws.options());
    if (settings.prepareCommand.empty())
        return true;
    const auto request = run::repositoryTrustRequest(ws.buildRoot(), prepareCommandTrustSettings(settings.prepareCommand));
    const run::TrustNow now = run::trustFromEnvironment(base::processEnvironment(), c.trustRepository);
    if (!request || now == run::TrustNow::ThisRun) {
        req.allowPrepareCommand = true;
    } else if (now == run::TrustNow::Remember) {
        if (base::Status st = run::trustRepository(*request); !st) {
            printDiagnostics(c, st.diagnostics());
            return false;
        }
        req.allowPrepareCommand = true;
    }
    return true;
}

int runPrepare(GoalContext &c)
{
    auto ws = c.workspace();
    if (!ws)
        return kExitFailure;
    PrepareRequest req;
    req.buildRoot = ws->buildRoot();
    req.workspace = ws;
    req.version = versionArgument(c);
    if (req.version.empty()) {
        c.err << "error: give the version: trellis release prepare --version=X\n";
        StatusRequest sreq;
        sreq.buildRoot = ws->buildRoot();
        if (auto st = computeReleaseStatus(sreq); st && !st->suggestions.empty()) {
            c.err << "suggestions:";
            for (const VersionSuggestion &s : st->suggestions)
                c.err << ' ' << s.version << " (" << s.label << ')';
            c.err << '\n';
        }
        return kExitUsage;
    }
    req.date = c.option("--date");
    req.commit = !c.flag("--no-commit");
    req.tag = req.commit && !c.flag("--no-tag");
    req.allowDirty = c.flag("--allow-dirty");
    req.force = c.flag("--force");
    if (!trustPrepareCommand(c, *ws, req))
        return kExitFailure;
    auto plan = planRelease(req);
    if (!plan) {
        c.err << "refusing to prepare the release:\n";
        printDiagnostics(c, plan.diagnostics());
        return kExitFailure;
    }
    c.out << formatPlanText(*plan);
    if (c.flag("--dry-run")) {
        c.out << "Dry run: nothing was written.\n";
        return kExitOk;
    }
    RealFileSystem disk;
    const ExecutionReport report = executeRelease(*plan, disk);
    c.out << formatExecutionReport(report);
    if (!report.ok)
        return kExitFailure;
    if (!plan->tagName.empty())
        c.out << "Prepared " << plan->version << ". Push with: git push --follow-tags (or: trellis release undo)\n";
    return kExitOk;
}

int runUndo(GoalContext &c)
{
    auto ws = c.workspace();
    if (!ws)
        return kExitFailure;
    auto r = undoLastRelease(ws->buildRoot());
    if (!r) {
        c.err << "refusing to undo:\n";
        printDiagnostics(c, r.diagnostics());
        return kExitFailure;
    }
    c.out << "Deleted tag " << r->tagName << ", reset " << r->branch << " from " << r->removedCommit.substr(0, 10) << " to "
          << r->resetTo.substr(0, 10) << "; files restored.\n";
    return kExitOk;
}

int runRelease(GoalContext &c)
{
    const std::string sub = c.specs.empty() ? std::string("status") : c.specs.front();
    if (sub == "status")
        return runStatus(c);
    if (sub == "changelog")
        return runChangelog(c);
    if (sub == "prepare")
        return runPrepare(c);
    if (sub == "undo")
        return runUndo(c);
    c.err << "error: unknown release sub-command '" << sub << "' (expected status, changelog, prepare or undo)\n";
    return kExitUsage;
}

} // namespace

void registerReleaseGoals(GoalRegistry &registry)
{
    registry.add({"release",
                  {},
                  "Release status, changelog drafts, and preparing/undoing a release.",
                  "Usage: trellis release status [--format=text|json] [--version=X] [--lockfiles-reviewed]\n"
                  "       trellis release changelog [--version=X] [--date=YYYY-MM-DD] [--name=NAME]\n"
                  "       trellis release prepare --version=X [--date=D] [--dry-run] [--no-commit] [--no-tag] [--allow-dirty] [--force]\n"
                  "       trellis release undo\n"
                  "The version may also be given as the word after the sub-command (`release prepare 26.4.0`).\n"
                  "prepare writes VERSION, inserts the towncrier section after start_string, deletes the\n"
                  "fragments, commits `release: X` (only those files, whatever else is staged) and creates an\n"
                  "annotated tag; every write is checked and any failure (a full disk too) restores the previous\n"
                  "state. undo reverts the last prepared release while it has not been pushed, restoring only the\n"
                  "release's files, so other uncommitted work survives.\n"
                  "[trellis.release] in pants.toml (or a file given with the global --config FILE) may set\n"
                  "changelog_file_pattern (e.g. \"CHANGELOG/{major}.{minor}.md\"), changelog_file_header for a new\n"
                  "such file, and prepare_command, an argv run before the commit (repository code: it runs only\n"
                  "with --trust-repo, TRELLIS_TRUST_REPO=1, or once the repository is trusted; docs/security.md).",
                  {{"--format", "`--format=text|json`: status output: text or json."},
                   {"--version", "`--version=V`: the version to release or render."},
                   {"--date", "`--date=YYYY-MM-DD`: changelog date (default today)."},
                   {"--name", "`--name=NAME`: changelog: the project name in the title (default: towncrier's name, or the package's)."},
                   {"--dry-run", "prepare: print the plan, write nothing."},
                   {"--no-commit", "prepare: write and stage only."},
                   {"--no-tag", "prepare: commit without a tag."},
                   {"--allow-dirty", "prepare: proceed with uncommitted changes to files the release does not touch; they stay uncommitted (and undo keeps them)."},
                   {"--force", "prepare: proceed when the tag exists or the version is not newer."},
                   {"--lockfiles-reviewed", "status: lockfile changes since the last tag were reviewed."}},
                  runRelease});
}

} // namespace trellis::cli
