#include "core/release/releasereport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace trellis::release {

namespace {

QString q(const std::string &s) { return QString::fromStdString(s); }

const char *mark(CheckState s)
{
    switch (s) {
    case CheckState::Pass: return "✓";
    case CheckState::Fail: return "✕";
    case CheckState::Unknown: return "?";
    }
    return "?";
}

std::string join(const std::vector<std::string> &items, const char *sep = ", ")
{
    std::string out;
    for (const std::string &s : items)
        out += (out.empty() ? "" : sep) + s;
    return out;
}

std::string issueList(const FragmentGroup &g)
{
    std::vector<std::string> issues;
    for (const std::string &i : g.issues())
        issues.push_back("#" + i);
    int orphans = 0;
    for (const Fragment &f : g.fragments)
        orphans += f.name.orphan ? 1 : 0;
    if (orphans)
        issues.push_back(std::to_string(orphans) + " without issue");
    return join(issues);
}

} // namespace

std::string formatStatusText(const ReleaseStatus &st)
{
    std::string out;
    out += "Version:       ";
    if (st.version) {
        out += st.version->raw;
        if (st.version->normalized != st.version->raw)
            out += " (normalized " + st.version->normalized + ")";
        out += std::string(", ") + schemeName(st.version->scheme);
        out += st.version->isPrerelease() ? ", pre-release (" + st.version->preReleaseLabel() + ")" : ", final";
    } else {
        out += "(missing or invalid " + st.versionFile + ")";
    }
    out += "\n";
    out += "Latest tag:    ";
    if (st.latestTag) {
        out += st.latestTag->name + ", " + std::to_string(st.commitsSinceTag) + " commit(s) since";
        out += st.versionMatchesLatestTag ? ", equals VERSION" : ", differs from VERSION";
    } else {
        out += st.isGitRepository ? "(no release tag)" : "(not a git repository)";
    }
    out += "\n";
    out += "HEAD tagged:   " + (st.headTags.empty() ? std::string("no") : "yes (" + join(st.headTags) + ")") + "\n";
    out += "Tag style:     " + (st.tagPrefix.empty() ? std::string("bare (X)") : st.tagPrefix + "X")
           + (st.annotatedTags ? ", annotated" : ", lightweight") + "\n";
    out += "Branch:        " + (st.worktree.detached ? std::string("(detached)") : st.worktree.branch)
           + (st.worktree.clean ? ", clean" : ", " + std::to_string(st.worktree.changes.size()) + " uncommitted change(s)") + "\n";
    if (!st.suggestions.empty()) {
        std::vector<std::string> s;
        for (const VersionSuggestion &v : st.suggestions)
            s.push_back(v.version + " (" + v.label + ")");
        out += "Next versions: " + join(s) + "\n";
    }

    out += "\nFragments in " + st.fragments.directory + "/ (" + std::to_string(st.fragments.fragmentCount()) + "):\n";
    bool anyFragments = false;
    for (const FragmentGroup &g : st.fragments.groups) {
        if (g.fragments.empty())
            continue;
        anyFragments = true;
        out += "  " + g.type.name + " (" + g.type.directory + "): " + std::to_string(g.fragments.size()) + " — " + issueList(g) + "\n";
    }
    if (!anyFragments)
        out += st.fragments.directoryExists ? "  (none)\n" : "  (directory missing)\n";
    if (!st.fragments.problems.empty()) {
        out += "Fragment problems:\n";
        for (const FragmentProblem &p : st.fragments.problems)
            out += "  " + p.path + ": " + p.message + (p.hint.empty() ? "" : " (" + p.hint + ")") + "\n";
    }

    if (!st.distributions.empty()) {
        out += "\nDistributions:\n";
        for (const DistributionInfo &d : st.distributions)
            out += "  " + d.address + "  " + (d.artifactName.empty() ? std::string("?") : d.artifactName) + " " + d.version
                   + (d.fromVersionFile ? " (VERSION)" : " (python_artifact version)") + "\n";
    }

    out += "\nChecklist:\n";
    for (const ChecklistItem &i : st.checklist) {
        out += std::string("  ") + mark(i.state) + " " + i.title + ": " + i.detail + "\n";
        if (!i.fixIt.empty() && i.state != CheckState::Pass)
            out += "      fix: " + i.fixIt + "\n";
    }
    for (const std::string &n : st.notes)
        out += "note: " + n + "\n";
    for (const base::Diagnostic &d : st.diagnostics)
        out += d.format() + "\n";
    return out;
}

std::string formatStatusJson(const ReleaseStatus &st)
{
    QJsonObject o;
    QJsonObject version;
    version["file"] = q(st.versionFile);
    if (st.version) {
        version["raw"] = q(st.version->raw);
        version["normalized"] = q(st.version->normalized);
        version["scheme"] = schemeName(st.version->scheme);
        version["prerelease"] = st.version->isPrerelease();
        version["classifier"] = q(st.version->classifier());
    }
    o["version"] = version;
    QJsonObject git;
    git["repository"] = st.isGitRepository;
    git["branch"] = q(st.worktree.branch);
    git["detached"] = st.worktree.detached;
    git["clean"] = st.worktree.clean;
    git["head"] = q(st.worktree.headHash);
    git["tagPrefix"] = q(st.tagPrefix);
    git["tagStyle"] = q(st.annotatedTags ? "annotated" : "lightweight");
    if (st.latestTag) {
        QJsonObject tag;
        tag["name"] = q(st.latestTag->name);
        tag["version"] = q(st.latestTag->version);
        tag["commit"] = q(st.latestTag->target);
        tag["annotated"] = st.latestTag->annotated;
        tag["commitsSince"] = st.commitsSinceTag;
        tag["equalsVersion"] = st.versionMatchesLatestTag;
        git["latestTag"] = tag;
    } else {
        git["latestTag"] = QJsonValue::Null;
    }
    QJsonArray headTags;
    for (const std::string &t : st.headTags)
        headTags.append(q(t));
    git["headTags"] = headTags;
    o["git"] = git;

    QJsonObject fragments;
    fragments["directory"] = q(st.fragments.directory);
    fragments["config"] = q(st.towncrier.configFile);
    fragments["changelog"] = q(st.towncrier.filename);
    QJsonArray groups;
    for (const FragmentGroup &g : st.fragments.groups) {
        QJsonObject go;
        go["type"] = q(g.type.directory);
        go["name"] = q(g.type.name);
        go["showcontent"] = g.type.showContent;
        go["count"] = int(g.fragments.size());
        QJsonArray issues;
        for (const std::string &i : g.issues())
            issues.append(q(i));
        go["issues"] = issues;
        QJsonArray files;
        for (const Fragment &f : g.fragments)
            files.append(q(f.path));
        go["files"] = files;
        groups.append(go);
    }
    fragments["types"] = groups;
    QJsonArray problems;
    for (const FragmentProblem &p : st.fragments.problems)
        problems.append(QJsonObject{{"path", q(p.path)}, {"kind", fragmentProblemKindName(p.kind)}, {"message", q(p.message)}, {"hint", q(p.hint)}});
    fragments["problems"] = problems;
    o["fragments"] = fragments;

    QJsonArray dists;
    for (const DistributionInfo &d : st.distributions)
        dists.append(QJsonObject{{"address", q(d.address)}, {"name", q(d.artifactName)}, {"version", q(d.version)}, {"fromVersionFile", d.fromVersionFile}});
    o["distributions"] = dists;
    QJsonArray suggestions;
    for (const VersionSuggestion &s : st.suggestions)
        suggestions.append(QJsonObject{{"version", q(s.version)}, {"label", q(s.label)}});
    o["suggestions"] = suggestions;
    QJsonArray checklist;
    for (const ChecklistItem &i : st.checklist)
        checklist.append(QJsonObject{{"id", q(i.id)}, {"title", q(i.title)}, {"state", checkStateName(i.state)}, {"detail", q(i.detail)}, {"fixIt", q(i.fixIt)}});
    o["checklist"] = checklist;
    o["ready"] = st.ready();
    QJsonArray notes;
    for (const std::string &n : st.notes)
        notes.append(q(n));
    o["notes"] = notes;
    QJsonArray diags;
    for (const base::Diagnostic &d : st.diagnostics)
        diags.append(q(d.format()));
    o["diagnostics"] = diags;
    return QJsonDocument(o).toJson(QJsonDocument::Indented).toStdString();
}

std::string formatPlanText(const ReleasePlan &plan)
{
    std::string out;
    out += "Release " + plan.version + (plan.prerelease ? " (pre-release)" : "") + " on " + (plan.branch.empty() ? "(detached)" : plan.branch)
           + ", changelog date " + plan.date + "\n";
    if (!plan.previousVersion.empty())
        out += "VERSION: " + plan.previousVersion + " -> " + plan.version + "\n";
    out += "Files:\n";
    for (const FileChange &c : plan.changes) {
        const char *verb = c.kind == FileChangeKind::Delete ? "delete" : c.kind == FileChangeKind::Create ? "create" : "modify";
        out += std::string("  ") + verb + " " + c.path + "\n";
    }
    out += plan.commit ? "Commit: \"" + plan.commitMessage + "\"\n" : "Commit: none (--no-commit; changes are staged)\n";
    out += plan.tagName.empty() ? "Tag: none\n" : "Tag: " + plan.tagName + (plan.annotatedTag ? " (annotated, \"" + plan.tagMessage + "\")" : std::string(" (lightweight, like the repository's tags)")) + (plan.tagExists ? ", replacing the existing tag" : "") + "\n";
    for (const std::string &n : plan.notes)
        out += "note: " + n + "\n";
    for (const base::Diagnostic &d : plan.warnings)
        out += d.format() + "\n";
    out += "\n";
    for (const FileChange &c : plan.changes)
        if (c.kind != FileChangeKind::Delete)
            out += c.diff;
    return out;
}

std::string formatExecutionReport(const ExecutionReport &report)
{
    std::string out;
    for (const std::string &s : report.steps)
        out += "done: " + s + "\n";
    for (const std::string &w : report.warnings)
        out += "warning: " + w + "\n";
    if (!report.ok) {
        out += report.error.format() + "\n";
        for (const std::string &r : report.restored)
            out += "restored: " + r + "\n";
        for (const std::string &p : report.restoreProblems)
            out += "NOT restored: " + p + "\n";
        out += report.restoreProblems.empty() ? "Nothing was changed: the repository is as it was before.\n"
                                               : "The rollback was incomplete; check the repository by hand.\n";
    }
    return out;
}

} // namespace trellis::release
