#include "core/release/releaseplan.h"

#include "core/vcs/githandle.h"

#include "core/base/paths.h"

#include <git2.h>

#include <QFile>

#include <regex>

namespace trellis::release {

using base::Diagnostic;
using base::Result;

std::optional<std::string> RealFileSystem::read(const std::string &path)
{
    return base::readFile(path);
}

base::Status RealFileSystem::write(const std::string &path, const std::string &data)
{
    return base::writeFileAtomic(path, data);
}

base::Status RealFileSystem::remove(const std::string &path)
{
    QFile f(QString::fromStdString(path));
    if (!f.exists())
        return base::okStatus();
    if (!f.remove())
        return Diagnostic::error({path}, "cannot delete: " + f.errorString().toStdString());
    return base::okStatus();
}

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
    const VersionScheme scheme = request.settings.scheme.value_or(st.version ? st.version->scheme : VersionScheme::Pep440);
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
    RealFileSystem disk;
    const std::string versionAbs = request.buildRoot + "/" + st.versionFile;
    const std::optional<std::string> oldVersion = disk.read(versionAbs);
    const bool trailingNewline = !oldVersion || (!oldVersion->empty() && oldVersion->back() == '\n');
    const std::string newVersion = plan.version + (trailingNewline ? "\n" : "");
    if (oldVersion != newVersion)
        plan.changes.push_back({st.versionFile, oldVersion ? FileChangeKind::Modify : FileChangeKind::Create, oldVersion, newVersion,
                                unifiedDiff(st.versionFile, oldVersion, newVersion)});

    plan.changelogPath = st.towncrier.filename;
    const std::vector<Fragment> fragments = st.fragments.allFragments();
    RenderedChangelog rendered = renderChangelog(st.towncrier, fragments, {plan.version, plan.date, {}});
    plan.renderedChangelog = rendered.text;
    const std::optional<std::string> oldChangelog = disk.read(request.buildRoot + "/" + plan.changelogPath);
    if (oldChangelog && !rendered.title.empty()) {
        const size_t start = st.towncrier.startString.empty() ? std::string::npos : oldChangelog->find(st.towncrier.startString);
        const std::string body = start == std::string::npos ? *oldChangelog : oldChangelog->substr(start);
        if (body.find(rendered.title + "\n") != std::string::npos)
            refuse(plan.changelogPath + " already has a section '" + rendered.title + "'", "", request.force, "--force");
    }
    if (oldChangelog && !st.towncrier.startString.empty() && oldChangelog->find(st.towncrier.startString) == std::string::npos)
        plan.notes.push_back(plan.changelogPath + " has no start string; the section goes on top");
    const std::string newChangelog = insertIntoChangelog(oldChangelog, st.towncrier.startString, rendered.text);
    plan.changes.push_back({plan.changelogPath, oldChangelog ? FileChangeKind::Modify : FileChangeKind::Create, oldChangelog, newChangelog,
                            unifiedDiff(plan.changelogPath, oldChangelog, newChangelog)});
    for (const Fragment &f : fragments)
        plan.changes.push_back({f.path, FileChangeKind::Delete, f.content, std::nullopt, unifiedDiff(f.path, f.content, std::nullopt)});
    if (fragments.empty())
        plan.notes.push_back("no news fragments: the changelog section says `No significant changes.`");

    if (!refusals.empty())
        return refusals;
    return plan;
}

ExecutionReport executeRelease(const ReleasePlan &plan, FileSystem &disk)
{
    ExecutionReport report;
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

    // Snapshot.
    for (const FileChange &c : plan.changes)
        if (disk.read(plan.buildRoot + "/" + c.path) != c.before)
            return fail(c.path + " changed since the plan was made; plan again");
    IndexPtr index;
    if (git_repository_index(index.out(), repo) != 0)
        return fail("cannot open the index: " + gitMessage());
    const std::string indexPath = git_index_path(index.get()) ? git_index_path(index.get()) : "";
    const std::optional<std::string> indexBytes = base::readFile(indexPath);
    git_oid oldTag;
    const bool hadTag = !plan.tagName.empty() && git_reference_name_to_id(&oldTag, repo, ("refs/tags/" + plan.tagName).c_str()) == 0;

    std::vector<const FileChange *> touched;
    bool indexTouched = false, committed = false, tagged = false;
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
        if (committed) {
            RefPtr ref;
            if (git_reference_create(ref.out(), repo, branchRef.c_str(), &oldHead, 1, "trellis: rollback") == 0)
                report.restored.push_back("branch " + plan.branch + " reset to " + plan.headHash.substr(0, 10));
            else
                report.restoreProblems.push_back("cannot reset " + branchRef + ": " + gitMessage());
        }
        if (indexTouched) {
            base::Status st = indexBytes ? base::writeFileAtomic(indexPath, *indexBytes) : RealFileSystem().remove(indexPath);
            if (st && git_index_read(index.get(), 1) == 0)
                report.restored.push_back("index restored");
            else
                report.restoreProblems.push_back("cannot restore the index " + indexPath);
        }
        for (auto it = touched.rbegin(); it != touched.rend(); ++it) {
            const FileChange &c = **it;
            const std::string abs = plan.buildRoot + "/" + c.path;
            base::Status st = c.before ? disk.write(abs, *c.before) : disk.remove(abs);
            if (st)
                report.restored.push_back(c.path + " restored");
            else
                report.restoreProblems.push_back(st.diagnostics().front().format());
        }
    };
    auto failStep = [&](const std::string &step, const std::string &why) {
        rollback();
        return fail(step + " failed: " + why);
    };

    // 1. Files.
    for (const FileChange &c : plan.changes) {
        const std::string abs = plan.buildRoot + "/" + c.path;
        base::Status st = c.after ? disk.write(abs, *c.after) : disk.remove(abs);
        if (!st)
            return failStep(std::string(c.after ? "writing " : "deleting ") + c.path, st.diagnostics().front().format());
        touched.push_back(&c);
    }
    report.steps.push_back("wrote " + std::to_string(touched.size()) + " file change(s)");

    // 2. Stage.
    indexTouched = true;
    for (const FileChange &c : plan.changes) {
        const std::string repoPath = prefix + c.path;
        const int rc = c.after ? git_index_add_bypath(index.get(), repoPath.c_str()) : git_index_remove_bypath(index.get(), repoPath.c_str());
        if (rc != 0)
            return failStep("staging " + c.path, gitMessage());
    }
    if (git_index_write(index.get()) != 0)
        return failStep("writing the index", gitMessage());
    report.steps.push_back("staged the changes");
    if (!plan.commit) {
        report.ok = true;
        return report;
    }

    // 3. Commit.
    git_oid treeId, commitId;
    if (git_index_write_tree(&treeId, index.get()) != 0)
        return failStep("writing the tree", gitMessage());
    TreePtr tree;
    CommitPtr parent;
    SigPtr sig;
    if (git_tree_lookup(tree.out(), repo, &treeId) != 0 || git_commit_lookup(parent.out(), repo, &oldHead) != 0)
        return failStep("reading the tree", gitMessage());
    if (makeSignature(sig, repo, plan.signature) != 0)
        return failStep("making a signature", gitMessage());
    const git_commit *parents[] = {parent.get()};
    const std::string message = plan.commitMessage + "\n";
    if (git_commit_create(&commitId, repo, "HEAD", sig.get(), sig.get(), nullptr, message.c_str(), tree.get(), 1, parents) != 0)
        return failStep("committing", gitMessage());
    committed = true;
    report.commitHash = oidHex(&commitId);
    report.steps.push_back("committed " + report.commitHash.substr(0, 10) + " \"" + plan.commitMessage + "\" on " + plan.branch);

    // 4. Tag.
    if (!plan.tagName.empty()) {
        ObjectPtr target;
        git_oid tagId;
        if (git_object_lookup(target.out(), repo, &commitId, GIT_OBJECT_COMMIT) != 0)
            return failStep("tagging", gitMessage());
        const std::string tagMessage = plan.tagMessage + "\n";
        if (git_tag_create(&tagId, repo, plan.tagName.c_str(), target.get(), sig.get(), tagMessage.c_str(), plan.tagExists ? 1 : 0) != 0)
            return failStep("creating tag " + plan.tagName, gitMessage());
        tagged = true;
        report.steps.push_back("tagged " + plan.tagName + " (\"" + plan.tagMessage + "\")");
    }
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
    auto wt = repository->worktreeState();
    if (!wt)
        return wt.takeDiagnostics();
    if (wt->detached)
        return Diagnostic::error({}, "HEAD is detached");
    if (!wt->clean)
        return Diagnostic::error({}, "the worktree has uncommitted changes; commit or stash them before undoing the release");
    report.branch = wt->branch;

    RefPtr head, upstream;
    if (git_repository_head(head.out(), repo) != 0)
        return Diagnostic::error({}, "cannot read HEAD: " + gitMessage());
    const git_oid headOid = *git_reference_target(head.get());
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

    git_oid tagOid;
    const std::string tagRef = "refs/tags/" + report.tagName;
    if (git_reference_name_to_id(&tagOid, repo, tagRef.c_str()) != 0)
        return Diagnostic::error({}, "cannot read tag " + report.tagName + ": " + gitMessage());
    if (git_tag_delete(repo, report.tagName.c_str()) != 0)
        return Diagnostic::error({}, "cannot delete tag " + report.tagName + ": " + gitMessage());
    git_checkout_options opts = GIT_CHECKOUT_OPTIONS_INIT;
    opts.checkout_strategy = GIT_CHECKOUT_FORCE;
    if (git_reset(repo, reinterpret_cast<git_object *>(parent.get()), GIT_RESET_HARD, &opts) != 0) {
        const std::string why = gitMessage();
        RefPtr restored;
        git_reference_create(restored.out(), repo, tagRef.c_str(), &tagOid, 0, "trellis: undo failed");
        return Diagnostic::error({}, "cannot reset " + report.branch + " to its parent: " + why + " (tag " + report.tagName + " kept)");
    }
    return report;
}

} // namespace trellis::release
