#include "core/release/releaseplan.h"

#include "core/vcs/githandle.h"

#include "core/base/paths.h"

#include <git2.h>

#include <QProcess>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <regex>
#include <set>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace trellis::release {

using base::Diagnostic;
using base::Result;

namespace {

/// A file's content through `disk`; nullopt when it is missing or unreadable.
std::optional<std::string> readIfPresent(const base::Disk &disk, const std::string &path)
{
    auto text = disk.readFile(path);
    if (!text)
        return std::nullopt;
    return std::move(*text);
}

} // namespace

namespace {

std::string gitMessage()
{
    const git_error *e = git_error_last();
    return e && e->message ? e->message : "unknown libgit2 error";
}

using vcs::CommitPtr;
using vcs::IndexPtr;
using vcs::ObjectPtr;
using vcs::oidHex;
using vcs::RefPtr;
using vcs::TreePtr;
using SigPtr = vcs::SignaturePtr;

int makeSignature(SigPtr &sig, git_repository *repo, const std::optional<Signature> &wanted)
{
    if (wanted && !wanted->name.empty()) {
        if (wanted->time != 0)
            return git_signature_new(sig.out(), wanted->name.c_str(), wanted->email.c_str(), wanted->time, wanted->offsetMinutes);
        return git_signature_now(sig.out(), wanted->name.c_str(), wanted->email.c_str());
    }
    if (git_signature_default(sig.out(), repo) == 0)
        return 0;
    return git_signature_now(sig.out(), "Trellis", "trellis@localhost");
}

bool tagExists(git_repository *repo, const std::string &name)
{
    git_oid oid;
    return git_reference_name_to_id(&oid, repo, ("refs/tags/" + name).c_str()) == 0;
}

/// Paths (repository relative) git sees as changed in the index or the worktree,
/// untracked ones included; what a prepare_command changed is the difference of two.
std::set<std::string> changedPaths(git_repository *repo)
{
    std::set<std::string> out;
    git_status_options opts = GIT_STATUS_OPTIONS_INIT;
    opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
    opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS | GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
    vcs::StatusPtr list;
    if (git_status_list_new(list.out(), repo, &opts) != 0)
        return out;
    for (size_t i = 0; i < git_status_list_entrycount(list.get()); ++i) {
        const git_status_entry *e = git_status_byindex(list.get(), i);
        if (e->status == GIT_STATUS_CURRENT || (e->status & GIT_STATUS_IGNORED))
            continue;
        for (const git_diff_delta *d : {e->head_to_index, e->index_to_workdir})
            if (d)
                for (const char *path : {d->old_file.path, d->new_file.path})
                    if (path)
                        out.insert(path);
    }
    return out;
}

std::string tail(const std::string &text, int lines)
{
    size_t at = text.size();
    while (at > 0 && (text[at - 1] == '\n'))
        --at;
    const size_t end = at;
    for (int n = 0; at > 0 && n < lines; --at)
        if (text[at - 1] == '\n')
            ++n;
    return text.substr(at == 0 ? 0 : at, end - at);
}

base::Result<CommandResult> runWithQProcess(const std::vector<std::string> &argv, const std::string &cwd,
                                            const std::vector<std::pair<std::string, std::string>> &environment)
{
    QProcess process;
    QStringList args;
    for (size_t i = 1; i < argv.size(); ++i)
        args << QString::fromStdString(argv[i]);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const auto &[k, v] : environment)
        env.insert(QString::fromStdString(k), QString::fromStdString(v));
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(QString::fromStdString(cwd));
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(QString::fromStdString(argv.front()), args);
    if (!process.waitForStarted(30000))
        return Diagnostic::error({}, "cannot start `" + argv.front() + "`: " + process.errorString().toStdString());
    if (!process.waitForFinished(10 * 60 * 1000)) {
        process.kill();
        process.waitForFinished(5000);
        return Diagnostic::error({}, "`" + argv.front() + "` did not finish within 10 minutes");
    }
    CommandResult r;
    r.output = process.readAll().toStdString();
    r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return r;
}

} // namespace

Result<ReleasePlan> planRelease(const PrepareRequest &request)
{
    StatusRequest sreq;
    sreq.buildRoot = request.buildRoot;
    sreq.workspace = request.workspace;
    sreq.settings = request.settings;
    sreq.today = request.today;
    auto status = computeReleaseStatus(sreq);
    if (!status)
        return status.takeDiagnostics();
    const ReleaseStatus &st = *status;

    base::Diagnostics refusals;
    ReleasePlan plan;
    plan.buildRoot = request.buildRoot;
    plan.commit = request.commit;
    plan.signature = request.signature;
    plan.notes = st.notes;
    auto refuse = [&](const std::string &message, const std::string &hint, bool overridden, const char *flag) {
        if (overridden)
            plan.notes.push_back(message + " (overridden by " + flag + ")");
        else
            refusals.push_back(Diagnostic::error({}, message, hint));
    };

    if (!st.isGitRepository)
        return Diagnostic::error({request.buildRoot}, "not a git repository; a release needs git to commit and tag");
    for (const Diagnostic &d : st.diagnostics)
        if (d.severity == base::Severity::Error && d.loc.file != st.versionFile)
            refusals.push_back(d);
    if (st.worktree.headHash.empty())
        return Diagnostic::error({}, "the repository has no commits yet");
    if (st.worktree.detached && request.commit)
        refusals.push_back(Diagnostic::error({}, "HEAD is detached; a release commit needs a branch", "check out the release branch first"));
    plan.branch = st.worktree.branch;
    plan.headHash = st.worktree.headHash;
    if (!st.worktree.clean)
        refuse("the worktree has " + std::to_string(st.worktree.changes.size()) + " uncommitted change(s)",
               "commit or stash them, or pass --allow-dirty", request.allowDirty, "--allow-dirty");

    // Version.
    const ReleaseSettings settings =
        request.workspace ? withConfiguration(request.settings, request.workspace->options()) : request.settings;
    const VersionScheme scheme = settings.scheme.value_or(st.version ? st.version->scheme : VersionScheme::Pep440);
    auto v = validateNewVersion(request.version, scheme, std::nullopt);
    if (!v) {
        for (const Diagnostic &d : v.diagnostics())
            refusals.push_back(d);
        return refusals;
    }
    for (const Diagnostic &d : v.diagnostics())
        plan.warnings.push_back(d);
    plan.version = v->normalized;
    plan.prerelease = v->isPrerelease();
    plan.previousVersion = st.version ? st.version->raw : "";
    if (st.latestTag && !(v->version > st.latestTag->parsed))
        refuse("version " + plan.version + " is not newer than the last release " + st.latestTag->name,
               st.suggestions.empty() ? std::string() : "did you mean " + st.suggestions.front().version + "?", request.force, "--force");

    // Tag.
    plan.tagName = request.commit && request.tag ? st.tagPrefix + plan.version : "";
    plan.tagMessage = plan.tagName.empty() ? "" : std::string(plan.prerelease ? "Pre-release v" : "Release v") + plan.version;
    plan.annotatedTag = st.annotatedTags;
    if (!plan.tagName.empty()) {
        auto repo = vcs::Repository::open(request.buildRoot);
        if (repo && tagExists((*repo)->raw(), plan.tagName)) {
            plan.tagExists = true;
            refuse("tag '" + plan.tagName + "' already exists", "pass --force to move it, or choose another version", request.force, "--force");
        }
    }
    plan.commitMessage = request.commit ? "release: " + plan.version : "";

    // Fragments.
    if (!st.fragments.problems.empty())
        refuse(std::to_string(st.fragments.problems.size()) + " problem(s) with news fragments (first: " + st.fragments.problems.front().path
                   + ": " + st.fragments.problems.front().message + ")",
               "see `trellis release status`", request.force, "--force");

    // Files.
    const QDate today = request.today.isValid() ? request.today : QDate::currentDate();
    plan.date = request.date.empty() ? today.toString(Qt::ISODate).toStdString() : request.date;
    base::RealDisk disk;
    const std::string versionAbs = request.buildRoot + "/" + st.versionFile;
    const std::optional<std::string> oldVersion = readIfPresent(disk, versionAbs);
    const bool trailingNewline = !oldVersion || (!oldVersion->empty() && oldVersion->back() == '\n');
    const std::string newVersion = plan.version + (trailingNewline ? "\n" : "");
    if (oldVersion != newVersion)
        plan.changes.push_back({st.versionFile, oldVersion ? FileChangeKind::Modify : FileChangeKind::Create, oldVersion, newVersion,
                                unifiedDiff(st.versionFile, oldVersion, newVersion)});

    plan.changelogPath = changelogFileFor(settings, st.towncrier.filename, v->version);
    const std::vector<Fragment> fragments = st.fragments.allFragments();
    RenderedChangelog rendered = renderChangelog(st.towncrier, fragments, {plan.version, plan.date, {}});
    if (!rendered.errors.empty()) {
        for (const Diagnostic &d : rendered.errors)
            refusals.push_back(d);
        return refusals;
    }
    plan.renderedChangelog = rendered.text;
    const std::optional<std::string> oldChangelog = readIfPresent(disk, request.buildRoot + "/" + plan.changelogPath);
    if (oldChangelog && !rendered.title.empty()) {
        const size_t start = st.towncrier.startString.empty() ? std::string::npos : oldChangelog->find(st.towncrier.startString);
        const std::string body = start == std::string::npos ? *oldChangelog : oldChangelog->substr(start);
        if (body.find(rendered.title + "\n") != std::string::npos)
            refuse(plan.changelogPath + " already has a section '" + rendered.title + "'", "", request.force, "--force");
    }
    if (oldChangelog && !st.towncrier.startString.empty() && oldChangelog->find(st.towncrier.startString) == std::string::npos)
        plan.notes.push_back(plan.changelogPath + " has no start string; the section goes on top");
    // A per-version file that does not exist yet starts with the configured header.
    std::optional<std::string> changelogBase = oldChangelog;
    if (!oldChangelog && !settings.changelogFileHeader.empty()) {
        std::string header = expandVersionPattern(settings.changelogFileHeader, v->version);
        const std::string &start = st.towncrier.startString;
        if (!start.empty() && header.find(start) == std::string::npos)
            header = std::string(base::rstripped(header)) + "\n\n" + start;
        changelogBase = header;
    }
    if (!oldChangelog) {
        // Missing parent directories are created, outermost first.
        std::vector<std::string> missing;
        for (std::string dir(base::dirName(plan.changelogPath)); !dir.empty() && dir != "."; dir = std::string(base::dirName(dir))) {
            const auto info = disk.stat(request.buildRoot + "/" + dir);
            if (info && info->isDir)
                break;
            missing.insert(missing.begin(), dir);
        }
        plan.newDirectories = std::move(missing);
    }
    const std::string newChangelog = changelogBase && st.towncrier.startString.empty() && !oldChangelog
                                         ? *changelogBase + std::string(base::rstripped(rendered.text)) + "\n"
                                         : insertIntoChangelog(changelogBase, st.towncrier.startString, rendered.text);
    plan.changes.push_back({plan.changelogPath, oldChangelog ? FileChangeKind::Modify : FileChangeKind::Create, oldChangelog, newChangelog,
                            unifiedDiff(plan.changelogPath, oldChangelog, newChangelog)});
    for (const Fragment &f : fragments)
        plan.changes.push_back({f.path, FileChangeKind::Delete, f.content, std::nullopt, unifiedDiff(f.path, f.content, std::nullopt)});
    if (fragments.empty())
        plan.notes.push_back("no news fragments: the changelog section says `No significant changes.`");

    // prepare_command is repository code: only for a repository the user trusts.
    if (!settings.prepareCommand.empty()) {
        std::string shown;
        for (const std::string &a : settings.prepareCommand)
            shown += (shown.empty() ? "" : " ") + a;
        if (request.allowPrepareCommand)
            plan.prepareCommand = settings.prepareCommand;
        else
            refusals.push_back(Diagnostic::error({}, "[trellis.release] prepare_command runs repository code (" + shown
                                                         + ") and this repository is not trusted",
                                                 "review the command, then trust the repository: --trust-repo (TRELLIS_TRUST_REPO=1 for one run)"));
    }

    // A file the release rewrites or deletes must be as committed: otherwise the
    // uncommitted edit would go into the release commit (or be deleted with a fragment)
    // and undo could not give it back. --allow-dirty covers unrelated files only.
    if (!st.worktree.clean) {
        std::set<std::string> dirty;
        for (const vcs::ChangedFile &f : st.worktree.changes)
            dirty.insert(f.path);
        for (const FileChange &c : plan.changes)
            if (dirty.count(c.path))
                refusals.push_back(Diagnostic::error({c.path}, c.path + " has uncommitted changes and the release would "
                                                                   + (c.after ? "commit" : "delete") + " them",
                                                     "commit or stash the change first (--allow-dirty covers only files the release does not touch)"));
    }

    if (!refusals.empty())
        return refusals;
    return plan;
}

namespace {

/// What happened to one file of the plan, for the rollback.
struct FileStep {
    const FileChange *change = nullptr;
    std::string abs;
    std::string temp;     ///< the new content, until renamed over abs
    std::string backup;   ///< a hard link to (or, for a delete, the renamed) old file
    bool tempExists = false;
    bool backedUp = false;
    bool swapped = false; ///< abs now has the new content (or is deleted)
};

} // namespace

ExecutionReport executeRelease(const ReleasePlan &plan, base::Disk &disk, const GitStepHook &gitStep, const CommandRunner &runCommand)
{
    ExecutionReport report;
    auto beforeGit = [&gitStep](const std::string &what) { return gitStep ? gitStep(what) : base::okStatus(); };
    auto fail = [&](std::string message) {
        report.ok = false;
        report.error = Diagnostic::error({}, std::move(message));
        return report;
    };
    auto opened = vcs::Repository::open(plan.buildRoot);
    if (!opened)
        return fail(opened.diagnostics().front().message);
    std::shared_ptr<vcs::Repository> repository = *opened;
    git_repository *repo = repository->raw();
    const std::string prefix = repository->scopePrefix();

    // Preconditions: HEAD and the files are as planned.
    RefPtr head;
    if (git_repository_head(head.out(), repo) != 0)
        return fail("cannot read HEAD: " + gitMessage());
    const git_oid *headOid = git_reference_target(head.get());
    if (!headOid || oidHex(headOid) != plan.headHash)
        return fail("HEAD moved since the plan was made; plan again");
    const std::string branchRef = git_reference_is_branch(head.get()) ? git_reference_name(head.get()) : "";
    const git_oid oldHead = *headOid;
    if (plan.commit && branchRef.empty())
        return fail("HEAD is detached; a release commit needs a branch");

    for (const FileChange &c : plan.changes)
        if (readIfPresent(disk, plan.buildRoot + "/" + c.path) != c.before)
            return fail(c.path + " changed since the plan was made; plan again");
    IndexPtr index;
    if (git_repository_index(index.out(), repo) != 0)
        return fail("cannot open the index: " + gitMessage());
    const std::string indexPath = git_index_path(index.get()) ? git_index_path(index.get()) : "";
    const bool hadIndex = !indexPath.empty() && readIfPresent(disk, indexPath).has_value();
    const std::string indexBackup = indexPath.empty() ? "" : base::siblingPath(indexPath, "trellis-old");
    git_oid oldTag;
    const bool hadTag = !plan.tagName.empty() && git_reference_name_to_id(&oldTag, repo, ("refs/tags/" + plan.tagName).c_str()) == 0;

    std::vector<FileStep> files;
    files.reserve(plan.changes.size());
    for (const FileChange &c : plan.changes) {
        FileStep f;
        f.change = &c;
        f.abs = plan.buildRoot + "/" + c.path;
        f.backup = base::siblingPath(f.abs, "trellis-old");
        files.push_back(std::move(f));
    }
    bool indexBackedUp = false, indexWritten = false, branchMoved = false, tagged = false;
    std::vector<std::string> createdDirectories;   ///< absolute, outermost first
    std::vector<std::string> commandPaths;         ///< repository relative: what prepare_command changed
    const std::string workdir = git_repository_workdir(repo) ? git_repository_workdir(repo) : plan.buildRoot + "/";
    auto note = [&](base::Status st, const std::string &done) {
        if (st)
            report.restored.push_back(done);
        else
            report.restoreProblems.push_back(st.diagnostics().front().format());
    };
    // Puts the paths prepare_command changed back as HEAD has them (they were unchanged
    // before it ran), deleting those HEAD does not have.
    auto restoreCommandPaths = [&]() {
        if (commandPaths.empty())
            return;
        CommitPtr headCommit;
        TreePtr headTree;
        std::vector<std::string> inHead;
        if (git_commit_lookup(headCommit.out(), repo, &oldHead) == 0 && git_commit_tree(headTree.out(), headCommit.get()) == 0) {
            for (const std::string &p : commandPaths) {
                vcs::EntryPtr entry;
                if (git_tree_entry_bypath(entry.out(), headTree.get(), p.c_str()) == 0)
                    inHead.push_back(p);
                else
                    note(disk.remove(workdir + p), p + " (written by prepare_command) removed");
            }
        }
        if (inHead.empty())
            return;
        std::vector<char *> specs;
        for (std::string &p : inHead)
            specs.push_back(p.data());
        git_checkout_options opts = GIT_CHECKOUT_OPTIONS_INIT;
        opts.checkout_strategy = GIT_CHECKOUT_FORCE | GIT_CHECKOUT_DISABLE_PATHSPEC_MATCH;
        opts.paths = {specs.data(), specs.size()};
        if (git_checkout_tree(repo, reinterpret_cast<git_object *>(headCommit.get()), &opts) == 0)
            report.restored.push_back(std::to_string(inHead.size()) + " file(s) changed by prepare_command restored");
        else
            report.restoreProblems.push_back("cannot restore the files prepare_command changed: " + gitMessage());
    };
    auto rollback = [&]() {
        if (tagged) {
            if (hadTag) {
                RefPtr ref;
                if (git_reference_create(ref.out(), repo, ("refs/tags/" + plan.tagName).c_str(), &oldTag, 1, "trellis: rollback") == 0)
                    report.restored.push_back("tag " + plan.tagName + " restored");
                else
                    report.restoreProblems.push_back("cannot restore tag " + plan.tagName + ": " + gitMessage());
            } else if (git_tag_delete(repo, plan.tagName.c_str()) == 0) {
                report.restored.push_back("tag " + plan.tagName + " deleted");
            } else {
                report.restoreProblems.push_back("cannot delete tag " + plan.tagName + ": " + gitMessage());
            }
        }
        if (branchMoved) {
            RefPtr ref;
            if (git_reference_create(ref.out(), repo, branchRef.c_str(), &oldHead, 1, "trellis: rollback") == 0)
                report.restored.push_back("branch " + plan.branch + " reset to " + plan.headHash.substr(0, 10));
            else
                report.restoreProblems.push_back("cannot reset " + branchRef + ": " + gitMessage());
        }
        if (indexWritten || indexBackedUp) {
            base::Status st = base::okStatus();
            if (indexBackedUp)
                st = indexWritten ? disk.rename(indexBackup, indexPath) : disk.remove(indexBackup);
            else if (!hadIndex)
                st = disk.remove(indexPath);
            note(std::move(st), "index restored");
        }
        // Forget the in-memory staging either way.
        git_index_read(index.get(), 1);
        for (auto it = files.rbegin(); it != files.rend(); ++it) {
            FileStep &f = *it;
            if (f.swapped && f.backedUp)
                note(disk.rename(f.backup, f.abs), f.change->path + " restored");
            else if (f.swapped)
                note(disk.remove(f.abs), f.change->path + " removed");
            else if (f.backedUp)
                note(disk.remove(f.backup), f.change->path + " backup removed");
            if (f.tempExists)
                note(disk.remove(f.temp), f.change->path + " temporary file removed");
        }
        restoreCommandPaths();
        std::set<std::string> dirs;
        for (const FileStep &f : files)
            if (f.swapped)
                dirs.insert(std::string(base::dirName(f.abs)));
        for (const std::string &d : dirs)
            if (base::Status st = disk.syncDirectory(d); !st)
                report.restoreProblems.push_back(st.diagnostics().front().format());
        // Directories made for a new changelog file go again (innermost first); they are
        // empty once the file is gone. Not a Disk step: base::Disk cannot remove directories.
        for (auto it = createdDirectories.rbegin(); it != createdDirectories.rend(); ++it) {
            std::error_code ec;
            if (std::filesystem::remove(*it, ec))
                report.restored.push_back(*it + " removed");
            else if (ec)
                report.restoreProblems.push_back("cannot remove " + *it + ": " + ec.message());
        }
    };
    auto failStep = [&](const std::string &step, const std::string &why) {
        rollback();
        return fail(step + " failed: " + why);
    };
    auto why = [](const auto &status) { return status.diagnostics().front().format(); };

    // 0. Directories for a new changelog file.
    for (const std::string &dir : plan.newDirectories) {
        const std::string abs = plan.buildRoot + "/" + dir;
        if (auto info = disk.stat(abs); info && info->isDir)
            continue;
        if (base::Status st = disk.makeDirectories(abs); !st)
            return failStep("creating " + dir, why(st));
        createdDirectories.push_back(abs);
    }

    // 1. New contents into temporary files; nothing the user sees changes yet.
    for (FileStep &f : files) {
        if (!f.change->after)
            continue;
        auto temp = base::writeTemporaryFile(disk, f.abs, *f.change->after);
        if (!temp)
            return failStep("writing " + f.change->path, why(temp));
        f.temp = *temp;
        f.tempExists = true;
    }
    // 2. Swap them in, keeping the old files under backup names.
    for (FileStep &f : files) {
        const FileChange &c = *f.change;
        if (!c.after) {
            if (base::Status st = disk.rename(f.abs, f.backup); !st)
                return failStep("deleting " + c.path, why(st));
            f.backedUp = f.swapped = true;
            continue;
        }
        if (c.before) {
            if (base::Status st = disk.link(f.abs, f.backup); !st)
                return failStep("backing up " + c.path, why(st));
            f.backedUp = true;
        }
        if (base::Status st = disk.rename(f.temp, f.abs); !st)
            return failStep("writing " + c.path, why(st));
        f.tempExists = false;
        f.swapped = true;
    }
    {
        std::set<std::string> dirs;
        for (const FileStep &f : files)
            dirs.insert(std::string(base::dirName(f.abs)));
        for (const std::string &d : dirs)
            if (base::Status st = disk.syncDirectory(d); !st)
                return failStep("syncing " + d, why(st));
    }
    report.steps.push_back("wrote " + std::to_string(files.size()) + " file change(s)");

    // 2b. prepare_command (allowed when planned); what it changes joins the release.
    if (!plan.prepareCommand.empty()) {
        const std::set<std::string> before = changedPaths(repo);
        const std::vector<std::pair<std::string, std::string>> env = {
            {"TRELLIS_RELEASE_VERSION", plan.version}, {"TRELLIS_RELEASE_TAG", plan.tagName}, {"TRELLIS_RELEASE_CHANGELOG", plan.changelogPath}};
        auto ran = runCommand ? runCommand(plan.prepareCommand, plan.buildRoot, env) : runWithQProcess(plan.prepareCommand, plan.buildRoot, env);
        for (const std::string &p : changedPaths(repo))
            if (!before.count(p))
                commandPaths.push_back(p);
        const std::string name = "prepare_command `" + plan.prepareCommand.front() + "`";
        if (!ran)
            return failStep("running " + name, ran.diagnostics().front().message);
        if (ran->exitCode != 0)
            return failStep("running " + name, "exit code " + std::to_string(ran->exitCode)
                                                    + (ran->output.empty() ? std::string() : ":\n" + tail(ran->output, 20)));
        report.steps.push_back("ran " + name + (commandPaths.empty() ? std::string() : " (changed " + std::to_string(commandPaths.size()) + " file(s))"));
    }

    // 3. Stage the release's paths (in memory until the index is written).
    if (base::Status st = beforeGit("stage"); !st)
        return failStep("staging", why(st));
    for (const FileChange &c : plan.changes) {
        const std::string repoPath = prefix + c.path;
        const int rc = c.after ? git_index_add_bypath(index.get(), repoPath.c_str()) : git_index_remove_bypath(index.get(), repoPath.c_str());
        if (rc != 0)
            return failStep("staging " + c.path, gitMessage());
    }
    std::vector<bool> commandPathExists;
    for (const std::string &p : commandPaths) {
        const auto info = disk.stat(workdir + p);
        commandPathExists.push_back(info.ok());
        const int rc = info ? git_index_add_bypath(index.get(), p.c_str()) : git_index_remove_bypath(index.get(), p.c_str());
        if (rc != 0)
            return failStep("staging " + p, gitMessage());
    }

    // 4. The commit object: HEAD's tree with exactly the release's paths replaced, so that
    //    anything else staged (--allow-dirty) stays out of it.
    git_oid commitId;
    SigPtr sig;
    if (plan.commit) {
        if (base::Status st = beforeGit("commit"); !st)
            return failStep("committing", why(st));
        CommitPtr parent;
        TreePtr baseTree, tree;
        if (git_commit_lookup(parent.out(), repo, &oldHead) != 0 || git_commit_tree(baseTree.out(), parent.get()) != 0)
            return failStep("reading HEAD's tree", gitMessage());
        std::vector<std::string> repoPaths;
        std::vector<git_tree_update> updates;
        repoPaths.reserve(plan.changes.size());
        for (const FileChange &c : plan.changes)
            repoPaths.push_back(prefix + c.path);
        for (std::size_t i = 0; i < plan.changes.size(); ++i) {
            git_tree_update u{};
            u.path = repoPaths[i].c_str();
            if (plan.changes[i].after) {
                const git_index_entry *e = git_index_get_bypath(index.get(), u.path, 0);
                if (!e)
                    return failStep("staging " + plan.changes[i].path, "not in the index after adding it");
                u.action = GIT_TREE_UPDATE_UPSERT;
                u.id = e->id;
                u.filemode = git_filemode_t(e->mode);
            } else {
                u.action = GIT_TREE_UPDATE_REMOVE;
            }
            updates.push_back(u);
        }
        for (size_t i = 0; i < commandPaths.size(); ++i) {
            git_tree_update u{};
            u.path = commandPaths[i].c_str();
            if (commandPathExists[i]) {
                const git_index_entry *e = git_index_get_bypath(index.get(), u.path, 0);
                if (!e)
                    return failStep("staging " + commandPaths[i], "not in the index after adding it");
                u.action = GIT_TREE_UPDATE_UPSERT;
                u.id = e->id;
                u.filemode = git_filemode_t(e->mode);
            } else {
                u.action = GIT_TREE_UPDATE_REMOVE;
            }
            updates.push_back(u);
        }
        git_oid treeId;
        if (git_tree_create_updated(&treeId, repo, baseTree.get(), updates.size(), updates.data()) != 0
            || git_tree_lookup(tree.out(), repo, &treeId) != 0)
            return failStep("writing the tree", gitMessage());
        if (makeSignature(sig, repo, plan.signature) != 0)
            return failStep("making a signature", gitMessage());
        const git_commit *parents[] = {parent.get()};
        const std::string message = plan.commitMessage + "\n";
        if (git_commit_create(&commitId, repo, nullptr, sig.get(), sig.get(), nullptr, message.c_str(), tree.get(), 1, parents) != 0)
            return failStep("committing", gitMessage());
    }

    // 5. The index, after a backup that needs no space.
    if (hadIndex) {
        if (base::Status st = disk.link(indexPath, indexBackup); !st)
            return failStep("backing up the index", why(st));
        indexBackedUp = true;
    }
    if (base::Status st = beforeGit("write index"); !st)
        return failStep("writing the index", why(st));
    if (git_index_write(index.get()) != 0)
        return failStep("writing the index", gitMessage());
    indexWritten = true;
    report.steps.push_back("staged the changes");

    if (plan.commit) {
        // 6. Tag, before the branch moves: a new tag ref is undone by deleting a file,
        //    which needs no space, whereas putting a moved branch back means writing one.
        if (!plan.tagName.empty()) {
            if (base::Status st = beforeGit("tag"); !st)
                return failStep("creating tag " + plan.tagName, why(st));
            ObjectPtr target;
            git_oid tagId;
            if (git_object_lookup(target.out(), repo, &commitId, GIT_OBJECT_COMMIT) != 0)
                return failStep("tagging", gitMessage());
            const std::string tagMessage = plan.tagMessage + "\n";
            const int created = plan.annotatedTag
                                    ? git_tag_create(&tagId, repo, plan.tagName.c_str(), target.get(), sig.get(),
                                                     tagMessage.c_str(), plan.tagExists ? 1 : 0)
                                    : git_tag_create_lightweight(&tagId, repo, plan.tagName.c_str(), target.get(),
                                                                 plan.tagExists ? 1 : 0);
            if (created != 0)
                return failStep("creating tag " + plan.tagName, gitMessage());
            tagged = true;
        }
        // 7. Move the branch, only if it is still where it was; the last step that can fail.
        if (base::Status st = beforeGit("move branch"); !st)
            return failStep("committing", why(st));
        RefPtr moved;
        const std::string log = "commit: " + plan.commitMessage;
        if (git_reference_create_matching(moved.out(), repo, branchRef.c_str(), &commitId, 1, &oldHead, log.c_str()) != 0)
            return failStep("committing", gitMessage());
        branchMoved = true;
        report.commitHash = oidHex(&commitId);
        report.steps.push_back("committed " + report.commitHash.substr(0, 10) + " \"" + plan.commitMessage + "\" on " + plan.branch);
        if (tagged)
            report.steps.push_back("tagged " + plan.tagName
                                   + (plan.annotatedTag ? " (\"" + plan.tagMessage + "\")" : std::string(" (lightweight)")));
    }

    // 8. Done: drop the backups. A leftover backup is untidy, not a failed release.
    auto dropBackup = [&](const std::string &path) {
        if (base::Status st = disk.remove(path); !st)
            report.warnings.push_back("could not remove the backup " + path + ": " + why(st));
    };
    if (indexBackedUp)
        dropBackup(indexBackup);
    for (const FileStep &f : files)
        if (f.backedUp)
            dropBackup(f.backup);
    report.ok = true;
    return report;
}

Result<UndoReport> undoLastRelease(const std::string &buildRoot, const ReleaseSettings &settings)
{
    auto opened = vcs::Repository::open(buildRoot);
    if (!opened)
        return opened.takeDiagnostics();
    std::shared_ptr<vcs::Repository> repository = *opened;
    git_repository *repo = repository->raw();
    auto headInfo = repository->resolve("HEAD");
    if (!headInfo)
        return headInfo.takeDiagnostics();
    static const std::regex releaseMessage("release: (\\S+)");
    std::smatch m;
    if (!std::regex_match(headInfo->summary, m, releaseMessage))
        return Diagnostic::error({}, "HEAD (" + headInfo->shortHash() + " \"" + headInfo->summary + "\") is not a release commit made by Trellis");
    UndoReport report;
    report.version = m[1].str();
    report.removedCommit = headInfo->hash;
    auto version = lockfile::Version::parse(report.version);
    if (!version)
        return Diagnostic::error({}, "HEAD's message names '" + report.version + "', which is not a version");
    auto tags = repository->tags();
    if (!tags)
        return tags.takeDiagnostics();
    auto releaseTags = releaseTagsOf(*tags, settings.tagPattern);
    if (!releaseTags)
        return releaseTags.takeDiagnostics();
    for (const ReleaseTag &t : *releaseTags)
        if (t.target == headInfo->hash && t.parsed == *version)
            report.tagName = t.name;
    if (report.tagName.empty())
        return Diagnostic::error({}, "no release tag for " + report.version + " points at HEAD; not a release prepared by Trellis");
    if (git_repository_head_detached(repo) == 1)
        return Diagnostic::error({}, "HEAD is detached");

    RefPtr head, upstream;
    if (git_repository_head(head.out(), repo) != 0)
        return Diagnostic::error({}, "cannot read HEAD: " + gitMessage());
    const git_oid headOid = *git_reference_target(head.get());
    const std::string branchRef = git_reference_name(head.get());
    report.branch = git_reference_shorthand(head.get());
    if (git_branch_upstream(upstream.out(), head.get()) == 0) {
        git_oid up;
        if (git_reference_name_to_id(&up, repo, git_reference_name(upstream.get())) == 0
            && (git_oid_equal(&up, &headOid) || git_graph_descendant_of(repo, &up, &headOid) == 1))
            return Diagnostic::error({}, "the release commit is already on " + std::string(git_reference_shorthand(upstream.get()))
                                             + "; it was pushed and cannot be undone safely");
    }
    CommitPtr commit, parent;
    if (git_commit_lookup(commit.out(), repo, &headOid) != 0 || git_commit_parentcount(commit.get()) == 0
        || git_commit_parent(parent.out(), commit.get(), 0) != 0)
        return Diagnostic::error({}, "the release commit has no parent to return to");
    report.resetTo = oidHex(git_commit_id(parent.get()));

    // The paths the release commit changed; each must still be exactly as committed (in
    // the index and the worktree), so that restoring them loses nothing.
    TreePtr releaseTree, parentTree;
    vcs::DiffPtr diff;
    if (git_commit_tree(releaseTree.out(), commit.get()) != 0 || git_commit_tree(parentTree.out(), parent.get()) != 0)
        return Diagnostic::error({}, "cannot read the release commit's tree: " + gitMessage());
    git_diff_options diffOpts = GIT_DIFF_OPTIONS_INIT;
    if (git_diff_tree_to_tree(diff.out(), repo, parentTree.get(), releaseTree.get(), &diffOpts) != 0)
        return Diagnostic::error({}, "cannot diff the release commit: " + gitMessage());
    std::vector<std::string> paths;
    for (size_t i = 0; i < git_diff_num_deltas(diff.get()); ++i) {
        const git_diff_delta *d = git_diff_get_delta(diff.get(), i);
        paths.emplace_back(d->status == GIT_DELTA_DELETED ? d->old_file.path : d->new_file.path);
    }
    {
        const std::set<std::string> released(paths.begin(), paths.end());
        git_status_options opts = GIT_STATUS_OPTIONS_INIT;
        opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
        opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS | GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
        vcs::StatusPtr list;
        if (!paths.empty() && git_status_list_new(list.out(), repo, &opts) != 0)
            return Diagnostic::error({}, "cannot read the worktree status: " + gitMessage());
        for (size_t i = 0; list.get() && i < git_status_list_entrycount(list.get()); ++i) {
            const git_status_entry *e = git_status_byindex(list.get(), i);
            if (e->status == GIT_STATUS_CURRENT || (e->status & GIT_STATUS_IGNORED))
                continue;
            for (const git_diff_delta *d : {e->head_to_index, e->index_to_workdir}) {
                if (!d)
                    continue;
                for (const char *path : {d->old_file.path, d->new_file.path})
                    if (path && released.count(path))
                        return Diagnostic::error({}, std::string(path) + " changed since the release commit; undoing would lose that change",
                                                 "commit or stash it before undoing the release");
            }
        }
    }

    git_oid tagOid;
    const std::string tagRef = "refs/tags/" + report.tagName;
    if (git_reference_name_to_id(&tagOid, repo, tagRef.c_str()) != 0)
        return Diagnostic::error({}, "cannot read tag " + report.tagName + ": " + gitMessage());
    if (git_tag_delete(repo, report.tagName.c_str()) != 0)
        return Diagnostic::error({}, "cannot delete tag " + report.tagName + ": " + gitMessage());
    auto restoreTag = [&] {
        RefPtr restored;
        git_reference_create(restored.out(), repo, tagRef.c_str(), &tagOid, 0, "trellis: undo failed");
    };
    // Only the release's paths, in the worktree and the index, back to the parent's.
    auto checkoutPaths = [&](git_commit *target, git_tree *baseline) {
        std::vector<char *> specs;
        for (std::string &p : paths)
            specs.push_back(p.data());
        git_checkout_options opts = GIT_CHECKOUT_OPTIONS_INIT;
        opts.checkout_strategy = GIT_CHECKOUT_FORCE | GIT_CHECKOUT_DISABLE_PATHSPEC_MATCH;
        opts.paths = {specs.data(), specs.size()};
        opts.baseline = baseline;
        return git_checkout_tree(repo, reinterpret_cast<git_object *>(target), &opts);
    };
    if (!paths.empty() && checkoutPaths(parent.get(), releaseTree.get()) != 0) {
        const std::string why = gitMessage();
        checkoutPaths(commit.get(), parentTree.get());
        restoreTag();
        return Diagnostic::error({}, "cannot restore the files of " + report.resetTo.substr(0, 10) + ": " + why + " (tag " + report.tagName + " kept)");
    }
    RefPtr moved;
    if (git_reference_create_matching(moved.out(), repo, branchRef.c_str(), git_commit_id(parent.get()), 1, &headOid,
                                      ("trellis: undo release " + report.version).c_str())
        != 0) {
        const std::string why = gitMessage();
        if (!paths.empty())
            checkoutPaths(commit.get(), parentTree.get());
        restoreTag();
        return Diagnostic::error({}, "cannot reset " + report.branch + " to its parent: " + why + " (tag " + report.tagName + " kept)");
    }
    return report;
}

} // namespace trellis::release
