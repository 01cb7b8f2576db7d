#include "ui/release/checklisttext.h"

#include "ui/uitr.h"
#include "ui/workspacesnapshot.h"

#include <QRegularExpression>

namespace trellis::ui {

QString checklistTitle(const release::ChecklistItem &item)
{
    if (item.id == "clean-worktree")
        return Tr::tr("Worktree is clean");
    if (item.id == "branch")
        return Tr::tr("On a release branch");
    if (item.id == "version")
        return Tr::tr("Version is new and valid");
    if (item.id == "fragments")
        return Tr::tr("News fragments present and valid");
    if (item.id == "tests")
        return Tr::tr("Last test run of changed targets passed");
    if (item.id == "lockfiles")
        return Tr::tr("Lockfiles unchanged since the last release or reviewed");
    return qs(item.title);
}

// Anything else (lists of problems, custom summaries) stays as the engine wrote it.
QString checklistDetail(const release::ChecklistItem &item)
{
    const QString d = qs(item.detail);
    static const struct { const char *english; const char *translated; } fixed[] = {
        {"not a git repository", QT_TRANSLATE_NOOP("Trellis", "not a git repository")},
        {"no uncommitted changes", QT_TRANSLATE_NOOP("Trellis", "no uncommitted changes")},
        {"HEAD is detached", QT_TRANSLATE_NOOP("Trellis", "HEAD is detached")},
        {"no test run recorded", QT_TRANSLATE_NOOP("Trellis", "no test run recorded")},
        {"passed", QT_TRANSLATE_NOOP("Trellis", "passed")},
        {"failed", QT_TRANSLATE_NOOP("Trellis", "failed")},
        {"no workspace loaded", QT_TRANSLATE_NOOP("Trellis", "no workspace loaded")},
        {"no release tag to compare with", QT_TRANSLATE_NOOP("Trellis", "no release tag to compare with")},
        {"cannot read lockfiles from git", QT_TRANSLATE_NOOP("Trellis", "cannot read lockfiles from git")},
    };
    for (const auto &f : fixed)
        if (d == QLatin1String(f.english))
            return Tr::tr(f.translated);
    QRegularExpressionMatch m;
    if ((m = QRegularExpression(QStringLiteral("^on '([^']*)'$")).match(d)).hasMatch())
        return Tr::tr("on '%1'").arg(m.captured(1));
    if ((m = QRegularExpression(QStringLiteral("^(\\d+) fragment\\(s\\)$")).match(d)).hasMatch())
        return Tr::tr("%n fragment(s)", nullptr, m.captured(1).toInt());
    if ((m = QRegularExpression(QStringLiteral("^(\\d+) lockfile\\(s\\) unchanged since (.*)$")).match(d)).hasMatch())
        return Tr::tr("%n lockfile(s) unchanged since %1", nullptr, m.captured(1).toInt()).arg(m.captured(2));
    if ((m = QRegularExpression(QStringLiteral("^changed since (.*) \\(reviewed\\): (.*)$")).match(d)).hasMatch())
        return Tr::tr("changed since %1 (reviewed): %2").arg(m.captured(1), m.captured(2));
    if ((m = QRegularExpression(QStringLiteral("^changed since ([^:]*): (.*)$")).match(d)).hasMatch())
        return Tr::tr("changed since %1: %2").arg(m.captured(1), m.captured(2));
    if ((m = QRegularExpression(QStringLiteral("^VERSION (\\S+) is already released as tag (\\S+); no new version chosen yet$")).match(d)).hasMatch())
        return Tr::tr("VERSION %1 is already released as tag %2; no new version chosen yet").arg(m.captured(1), m.captured(2));
    if ((m = QRegularExpression(QStringLiteral("^VERSION (\\S+) is older than the last release (\\S+)$")).match(d)).hasMatch())
        return Tr::tr("VERSION %1 is older than the last release %2").arg(m.captured(1), m.captured(2));
    if ((m = QRegularExpression(QStringLiteral("^(\\S+) is newer than (\\S+)$")).match(d)).hasMatch())
        return Tr::tr("%1 is newer than %2").arg(m.captured(1), m.captured(2));
    return d;
}

QString checklistAction(const release::ChecklistItem &item)
{
    if (item.state != release::CheckState::Fail)
        return {};
    if (item.id == "clean-worktree")
        return Tr::tr("Commit or stash the changes, or go Back to Options and tick “Proceed with uncommitted changes”.");
    if (item.id == "branch")
        return Tr::tr("Switch to a release branch in your Git tool, then click “Refresh” on the Release tab.");
    if (item.id == "version")
        return Tr::tr("Go Back to the first page and choose a newer version.");
    if (item.id == "fragments")
        return Tr::tr("Fix or delete the files listed under News Fragments on the Release tab (“Open”, “Delete…”), "
                      "or add one with “New Fragment…”.");
    if (item.id == "tests")
        return Tr::tr("Click “Run Tests of Changed Targets” on the Release tab, or “Test Changed” in the Run panel (Ctrl+Shift+T).");
    if (item.id == "lockfiles")
        return Tr::tr("Review the changes on the Lockfiles tab, then click “Mark Lockfiles Reviewed” on the Release tab.");
    return {};
}

QString refusalAction(const base::Diagnostic &refusal)
{
    const std::string &m = refusal.message;
    const std::string &h = refusal.hint;
    auto has = [](const std::string &text, const char *what) { return text.find(what) != std::string::npos; };
    if (has(m, "uncommitted changes and the release would"))
        return Tr::tr("Commit or stash that change first; “Proceed with uncommitted changes” covers only files the release does not touch.");
    if (has(h, "--allow-dirty"))
        return Tr::tr("Commit or stash the changes, or go Back to Options and tick “Proceed with uncommitted changes”.");
    if (has(m, "problem(s) with news fragments"))
        return Tr::tr("Fix or delete the files listed under News Fragments on the Release tab, then click “Refresh”.");
    if (has(m, "already exists") || has(m, "is not newer than") || has(m, "already has a section"))
        return Tr::tr("Go Back to the first page and choose another version.");
    if (has(m, "HEAD is detached"))
        return Tr::tr("Check out the release branch in your Git tool, then open this wizard again.");
    if (has(m, "prepare_command"))
        return Tr::tr("Review the command in the repository's configuration, then click “Trust and Retry”.");
    if (has(m, "template") || m.rfind("list object", 0) == 0 || has(refusal.loc.file, "template"))
        return Tr::tr("Fix the changelog template or the fragment it fails on; the Release tab shows the same error in place of the draft.");
    return {};
}

} // namespace trellis::ui
