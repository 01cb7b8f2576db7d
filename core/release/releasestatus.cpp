#include "core/release/releasestatus.h"

#include "core/goals/runhistory.h"

#include "core/base/paths.h"
#include "core/lockfile/lockfilesource.h"

#include <git2.h>

#include <QFileInfo>

#include <algorithm>
#include <map>
#include <set>
#include <regex>

namespace trellis::release {

using base::Diagnostic;
using base::Result;

const char *checkStateName(CheckState s)
{
    switch (s) {
    case CheckState::Pass: return "pass";
    case CheckState::Fail: return "fail";
    case CheckState::Unknown: return "unknown";
    }
    return "unknown";
}

bool ReleaseStatus::ready() const
{
    return std::all_of(checklist.begin(), checklist.end(), [](const ChecklistItem &i) { return i.state == CheckState::Pass; });
}

const ChecklistItem *ReleaseStatus::item(std::string_view id) const
{
    for (const ChecklistItem &i : checklist)
        if (i.id == id)
            return &i;
    return nullptr;
}

Result<std::vector<ReleaseTag>> releaseTagsOf(const std::vector<vcs::TagInfo> &tags, const std::string &pattern)
{
    std::regex re;
    try {
        re = std::regex(pattern, std::regex::ECMAScript);
    } catch (const std::regex_error &e) {
        return Diagnostic::error({}, "invalid release tag pattern '" + pattern + "': " + e.what());
    }
    std::vector<ReleaseTag> out;
    for (const vcs::TagInfo &t : tags) {
        std::smatch m;
        if (!std::regex_match(t.name, m, re) || m.size() < 2 || t.target.empty())
            continue;
        auto v = lockfile::Version::parse(m[1].str());
        if (!v)
            continue;
        out.push_back({t.name, v->toString(), *v, t.target, t.annotated, t.message});
    }
    std::stable_sort(out.begin(), out.end(), [](const ReleaseTag &a, const ReleaseTag &b) { return a.parsed < b.parsed; });
    return out;
}

std::string detectTagPrefix(const std::vector<ReleaseTag> &tags)
{
    if (tags.empty())
        return "v";
    const std::string &name = tags.back().name;
    return !name.empty() && (name[0] == 'v' || name[0] == 'V') ? name.substr(0, 1) : "";
}

bool isReleaseBranch(const std::string &branch, const ReleaseSettings &settings)
{
    if (std::find(settings.releaseBranches.begin(), settings.releaseBranches.end(), branch) != settings.releaseBranches.end())
        return true;
    static const std::regex yymm("[0-9]{2}\\.[0-9]{1,2}");
    return std::regex_match(branch, yymm);
}

namespace {

// True when `ancestor` is HEAD or reachable from it.
bool reachableFromHead(git_repository *repo, const std::string &head, const std::string &ancestor)
{
    if (head.empty())
        return false;
    if (head == ancestor)
        return true;
    git_oid h, a;
    if (git_oid_fromstr(&h, head.c_str()) != 0 || git_oid_fromstr(&a, ancestor.c_str()) != 0)
        return false;
    return git_graph_descendant_of(repo, &h, &a) == 1;
}

std::vector<DistributionInfo> distributionsOf(const workspace::Workspace &ws, const std::optional<ReleaseVersion> &version)
{
    std::vector<DistributionInfo> out;
    for (const workspace::Target &t : ws.targets()) {
        if (t.type != "python_distribution")
            continue;
        DistributionInfo d;
        d.address = t.address.toString();
        d.version = version ? version->normalized : "";
        if (const workspace::Field *f = t.field("provides"); f && f->value.kind() == buildlang::HostValue::Kind::Object) {
            for (const auto &[key, value] : f->value.object().kwargs) {
                if (key == "name" && value.isString())
                    d.artifactName = value.str();
                if (key == "version" && value.isString()) {
                    auto parsed = lockfile::Version::parse(value.str());
                    d.version = parsed ? parsed->toString() : value.str();
                    d.fromVersionFile = false;
                }
            }
        }
        out.push_back(std::move(d));
    }
    return out;
}

std::string joinList(const std::vector<std::string> &items, const char *sep = ", ")
{
    std::string out;
    for (const std::string &s : items)
        out += (out.empty() ? "" : sep) + s;
    return out;
}

} // namespace

std::string expandVersionPattern(const std::string &pattern, const lockfile::Version &version)
{
    const auto &rel = version.release();
    auto part = [&](size_t i) { return std::to_string(i < rel.size() ? rel[i] : 0); };
    const std::map<std::string, std::string> values = {
        {"major", part(0)}, {"minor", part(1)}, {"micro", part(2)}, {"version", version.toString()}};
    std::string out;
    for (size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if ((c == '{' || c == '}') && i + 1 < pattern.size() && pattern[i + 1] == c) {
            out += c;
            ++i;
            continue;
        }
        const size_t close = c == '{' ? pattern.find('}', i) : std::string::npos;
        auto it = close == std::string::npos ? values.end() : values.find(pattern.substr(i + 1, close - i - 1));
        if (it == values.end()) {
            out += c;
            continue;
        }
        out += it->second;
        i = close;
    }
    return out;
}

std::map<std::string, std::string> prepareCommandTrustSettings(const std::vector<std::string> &argv)
{
    std::string joined;
    for (const std::string &a : argv)
        joined += (joined.empty() ? "" : "\x1f") + a;
    return {{"release.prepare_command", joined}};
}

std::string changelogFileFor(const ReleaseSettings &settings, const std::string &towncrierFilename, const lockfile::Version &version)
{
    return settings.changelogFilePattern.empty() ? towncrierFilename : expandVersionPattern(settings.changelogFilePattern, version);
}

ReleaseSettings withConfiguration(ReleaseSettings settings, const workspace::Options &options,
                                  base::Diagnostics *warnings)
{
    const std::optional<workspace::HostValue> table = options.value("trellis", "release");
    if (!table)
        return settings;
    const ReleaseSettings defaults;
    auto warn = [&](const std::string &message) {
        if (warnings)
            warnings->push_back(Diagnostic::warning({}, "[trellis.release] " + message));
    };
    for (const auto &[k, v] : table->entries()) {
        std::string key = k.str();
        std::replace(key.begin(), key.end(), '-', '_');
        const std::string text = v.isString() ? v.str() : std::string();
        if (key == "tag_prefix" && v.isString()) {
            if (!settings.tagPrefix)
                settings.tagPrefix = text;
        } else if (key == "tag_style" && (text == "annotated" || text == "lightweight")) {
            if (!settings.annotatedTags)
                settings.annotatedTags = text == "annotated";
        } else if (key == "version_file" && !text.empty()) {
            if (settings.versionFile == defaults.versionFile)
                settings.versionFile = text;
        } else if (key == "scheme" && schemeFromName(text)) {
            if (!settings.scheme)
                settings.scheme = schemeFromName(text);
        } else if (key == "tag_pattern" && !text.empty()) {
            if (settings.tagPattern == defaults.tagPattern)
                settings.tagPattern = text;
        } else if (key == "changelog_file_pattern" && !text.empty()) {
            if (settings.changelogFilePattern.empty())
                settings.changelogFilePattern = text;
        } else if (key == "changelog_file_header" && v.isString()) {
            if (settings.changelogFileHeader.empty())
                settings.changelogFileHeader = text;
        } else if (key == "prepare_command" && v.isSequence() && !v.items().empty()
                   && std::all_of(v.items().begin(), v.items().end(), [](const workspace::HostValue &a) { return a.isString(); })) {
            if (settings.prepareCommand.empty())
                for (const workspace::HostValue &a : v.items())
                    settings.prepareCommand.push_back(a.str());
        } else if (key == "release_branches" && v.isSequence()) {
            if (settings.releaseBranches == defaults.releaseBranches) {
                settings.releaseBranches.clear();
                for (const workspace::HostValue &b : v.items())
                    if (b.isString())
                        settings.releaseBranches.push_back(b.str());
            }
        } else {
            warn("ignoring `" + k.str() + "`: not a release setting or not a valid value");
        }
    }
    return settings;
}

Result<ReleaseStatus> computeReleaseStatus(const StatusRequest &request)
{
    const ReleaseSettings settings =
        request.workspace ? withConfiguration(request.settings, request.workspace->options()) : request.settings;
    if (!QFileInfo(QString::fromStdString(request.buildRoot)).isDir())
        return Diagnostic::error({request.buildRoot}, "build root is not a directory");
    ReleaseStatus st;
    st.buildRoot = request.buildRoot;
    st.versionFile = settings.versionFile;
    const QDate today = request.today.isValid() ? request.today : QDate::currentDate();

    // VERSION.
    const std::string versionPath = request.buildRoot + "/" + st.versionFile;
    if (auto text = base::readFile(versionPath)) {
        auto v = ReleaseVersion::parse(*text, settings.scheme, st.versionFile);
        if (v)
            st.version = *v;
        else
            st.diagnostics.insert(st.diagnostics.end(), v.diagnostics().begin(), v.diagnostics().end());
    } else {
        st.diagnostics.push_back(Diagnostic::error({st.versionFile}, "cannot read the version file"));
    }

    // towncrier.
    if (auto cfg = loadTowncrierConfig(request.buildRoot)) {
        st.towncrier = *cfg;
    } else {
        st.diagnostics.insert(st.diagnostics.end(), cfg.diagnostics().begin(), cfg.diagnostics().end());
        st.towncrier = *parseTowncrierConfig("", "", true);
    }
    st.notes = st.towncrier.notes;
    st.fragments = scanFragments(request.buildRoot, st.towncrier);

    // Git.
    std::shared_ptr<vcs::Repository> repo;
    if (auto r = vcs::Repository::open(request.buildRoot)) {
        repo = *r;
        st.isGitRepository = true;
    } else {
        st.diagnostics.insert(st.diagnostics.end(), r.diagnostics().begin(), r.diagnostics().end());
    }
    if (repo) {
        if (auto w = repo->worktreeState())
            st.worktree = *w;
        else
            st.diagnostics.insert(st.diagnostics.end(), w.diagnostics().begin(), w.diagnostics().end());
        if (auto tags = repo->tags()) {
            if (auto rt = releaseTagsOf(*tags, settings.tagPattern))
                st.releaseTags = *rt;
            else
                st.diagnostics.insert(st.diagnostics.end(), rt.diagnostics().begin(), rt.diagnostics().end());
        }
        for (auto it = st.releaseTags.rbegin(); it != st.releaseTags.rend(); ++it) {
            if (reachableFromHead(repo->raw(), st.worktree.headHash, it->target)) {
                st.latestTag = *it;
                break;
            }
        }
        for (const ReleaseTag &t : st.releaseTags)
            if (!st.worktree.headHash.empty() && t.target == st.worktree.headHash)
                st.headTags.push_back(t.name);
        if (st.latestTag) {
            if (auto n = repo->countCommits(st.latestTag->target, "HEAD"))
                st.commitsSinceTag = *n;
            st.versionMatchesLatestTag = st.version && st.version->version == st.latestTag->parsed;
        }
    }
    st.tagPrefix = settings.tagPrefix.value_or(detectTagPrefix(st.releaseTags));
    st.annotatedTags = settings.annotatedTags.value_or(st.releaseTags.empty() || st.releaseTags.back().annotated);

    if (request.workspace)
        st.distributions = distributionsOf(*request.workspace, st.version);
    if (st.version) {
        // Proposals skip every version already tagged, on any branch: with tags 26.8.0
        // and 26.8.1, the next micro after 26.8.0 is 26.8.2.
        std::set<std::string> tagged;
        for (const ReleaseTag &t : st.releaseTags)
            tagged.insert(t.version);
        for (VersionSuggestion s : suggestNextVersions(*st.version, today)) {
            for (int guard = 0; tagged.count(s.version) && guard < 1000; ++guard) {
                auto taken = ReleaseVersion::parse(s.version, st.version->scheme);
                if (!taken)
                    break;
                bool advanced = false;
                for (const VersionSuggestion &n : suggestNextVersions(*taken, today))
                    if (n.label == s.label && n.version != s.version) {
                        s.version = n.version;
                        advanced = true;
                        break;
                    }
                if (!advanced)
                    break;
            }
            if (!tagged.count(s.version)
                && std::none_of(st.suggestions.begin(), st.suggestions.end(),
                                [&](const VersionSuggestion &o) { return o.version == s.version; }))
                st.suggestions.push_back(std::move(s));
        }
    }

    // Checklist.
    {
        ChecklistItem i{"clean-worktree", "Worktree is clean", CheckState::Unknown, {}, {}};
        if (!repo) {
            i.detail = "not a git repository";
        } else if (st.worktree.clean) {
            i.state = CheckState::Pass;
            i.detail = "no uncommitted changes";
        } else {
            i.state = CheckState::Fail;
            std::vector<std::string> paths;
            for (const vcs::ChangedFile &c : st.worktree.changes)
                if (paths.size() < 5)
                    paths.push_back(c.path + " (" + vcs::changeStatusName(c.status) + ")");
            i.detail = std::to_string(st.worktree.changes.size()) + " uncommitted change(s): " + joinList(paths)
                       + (st.worktree.changes.size() > 5 ? ", ..." : "");
            i.fixIt = "commit or stash the changes, or pass --allow-dirty";
        }
        st.checklist.push_back(std::move(i));
    }
    {
        ChecklistItem i{"branch", "On a release branch", CheckState::Unknown, {}, {}};
        if (!repo) {
            i.detail = "not a git repository";
        } else if (st.worktree.detached) {
            i.state = CheckState::Fail;
            i.detail = "HEAD is detached";
            i.fixIt = "check out " + joinList(settings.releaseBranches, " or ") + " or a release branch YY.MM";
        } else if (isReleaseBranch(st.worktree.branch, settings)) {
            i.state = CheckState::Pass;
            i.detail = "on '" + st.worktree.branch + "'";
        } else {
            i.state = CheckState::Fail;
            i.detail = "on '" + st.worktree.branch + "', expected " + joinList(settings.releaseBranches, " or ") + " or a release branch YY.MM";
            i.fixIt = "git switch " + (settings.releaseBranches.empty() ? std::string("main") : settings.releaseBranches.front());
        }
        st.checklist.push_back(std::move(i));
    }
    {
        ChecklistItem i{"version", "Version is new and valid", CheckState::Unknown, {}, {}};
        const std::string suggestion = st.suggestions.empty() ? std::string("X") : st.suggestions.front().version;
        std::optional<lockfile::Version> last;
        if (st.latestTag)
            last = st.latestTag->parsed;
        if (request.targetVersion) {
            const VersionScheme scheme = settings.scheme.value_or(st.version ? st.version->scheme : VersionScheme::Pep440);
            auto v = validateNewVersion(*request.targetVersion, scheme, last);
            const ReleaseTag *existing = nullptr;
            if (v)
                for (const ReleaseTag &t : st.releaseTags)
                    if (t.version == v->normalized)
                        existing = &t;
            if (existing) {
                i.state = CheckState::Fail;
                i.detail = "tag " + existing->name + " already exists";
                i.fixIt = "choose a newer version, e.g. " + suggestion;
            } else if (v) {
                i.state = CheckState::Pass;
                i.detail = v->normalized + " (" + schemeName(v->scheme) + ")" + (last ? ", newer than " + last->toString() : "");
            } else {
                i.state = CheckState::Fail;
                i.detail = v.diagnostics().front().message;
                i.fixIt = "choose a newer version, e.g. " + suggestion;
            }
        } else if (!st.version) {
            i.state = CheckState::Fail;
            i.detail = st.versionFile + " is missing or not a valid version";
            i.fixIt = "write the version to " + st.versionFile;
        } else if (last && st.version->version == *last) {
            i.detail = "VERSION " + st.version->normalized + " is already released as tag " + st.latestTag->name + "; no new version chosen yet";
            i.fixIt = "trellis release prepare --version=" + suggestion;
        } else if (last && st.version->version < *last) {
            i.state = CheckState::Fail;
            i.detail = "VERSION " + st.version->normalized + " is older than the last release " + st.latestTag->name;
            i.fixIt = "trellis release prepare --version=" + suggestion;
        } else {
            i.state = CheckState::Pass;
            i.detail = st.version->normalized + (last ? " is newer than " + st.latestTag->name : " (no release tag yet)");
        }
        st.checklist.push_back(std::move(i));
    }
    {
        ChecklistItem i{"fragments", "News fragments present and valid", CheckState::Unknown, {}, {}};
        const int n = st.fragments.fragmentCount();
        if (!st.fragments.problems.empty()) {
            i.state = CheckState::Fail;
            i.detail = std::to_string(st.fragments.problems.size()) + " problem(s) in " + st.fragments.directory + "/: "
                       + st.fragments.problems.front().path + ": " + st.fragments.problems.front().message;
            i.fixIt = "rename or fix the files listed under problems";
        } else if (n == 0) {
            i.state = CheckState::Fail;
            i.detail = "no fragments in " + st.fragments.directory + "/" + (st.fragments.directoryExists ? "" : " (directory missing)");
            i.fixIt = "add fragments named <issue>.<type>.md, or release with `No significant changes.`";
        } else {
            i.state = CheckState::Pass;
            i.detail = std::to_string(n) + " fragment(s)";
        }
        st.checklist.push_back(std::move(i));
    }
    {
        ChecklistItem i{"tests", "Last test run of changed targets passed", CheckState::Unknown, {}, {}};
        std::optional<TestRunOutcome> run;
        if (request.lastTestRun)
            run = request.lastTestRun();
        if (!run) {
            i.detail = "no test run recorded";
            i.fixIt = st.latestTag ? "trellis --changed-since=" + st.latestTag->name + " test" : "trellis test ::";
        } else {
            i.state = run->passed ? CheckState::Pass : CheckState::Fail;
            i.detail = run->summary.empty() ? (run->passed ? "passed" : "failed") : run->summary;
            if (!run->passed)
                i.fixIt = "fix the failing tests and run them again";
        }
        st.checklist.push_back(std::move(i));
    }
    {
        ChecklistItem i{"lockfiles", "Lockfiles unchanged since the last release or reviewed", CheckState::Unknown, {}, {}};
        std::vector<lockfile::LockfileRef> refs;
        if (request.workspace)
            refs = lockfile::lockfilesFromOptions(request.workspace->options(), {});
        if (!request.workspace) {
            i.detail = "no workspace loaded";
        } else if (refs.empty()) {
            i.state = CheckState::Pass;
            i.detail = "no lockfiles ([python].resolves is empty)";
        } else if (!repo || !st.latestTag) {
            i.detail = "no release tag to compare with";
        } else {
            std::vector<std::string> changed;
            bool failed = false;
            for (const lockfile::LockfileRef &ref : refs) {
                auto before = repo->readFileAt(st.latestTag->target, ref.path);
                auto after = repo->readFileAt("HEAD", ref.path);
                if (!before || !after) {
                    failed = true;
                    continue;
                }
                if (*before != *after)
                    changed.push_back(ref.path);
            }
            if (failed) {
                i.detail = "cannot read lockfiles from git";
            } else if (changed.empty()) {
                i.state = CheckState::Pass;
                i.detail = std::to_string(refs.size()) + " lockfile(s) unchanged since " + st.latestTag->name;
            } else if (request.lockfilesReviewed) {
                i.state = CheckState::Pass;
                i.detail = "changed since " + st.latestTag->name + " (reviewed): " + joinList(changed);
            } else {
                i.state = CheckState::Fail;
                i.detail = "changed since " + st.latestTag->name + ": " + joinList(changed);
                i.fixIt = "review with `trellis lockfile-diff --base=" + st.latestTag->name + " --head=HEAD`, then pass --lockfiles-reviewed";
            }
        }
        st.checklist.push_back(std::move(i));
    }
    return st;
}

std::optional<TestRunOutcome> lastRecordedTestRun(const std::string &buildRoot)
{
    for (const goals::RunRecord &r : goals::RunHistory(goals::RunHistory::directoryFor(buildRoot)).load()) {
        if (r.goal != "test")
            continue;
        std::string what = r.specs.empty() ? std::string("::") : r.specs.front();
        for (size_t i = 1; i < r.specs.size(); ++i)
            what += " " + r.specs[i];
        const bool passed = !r.cancelled && r.failedCount() == 0;
        return TestRunOutcome{passed, std::to_string(r.passedCount()) + " passed, " + std::to_string(r.failedCount())
                                          + " failed (" + r.outcome() + ", `trellis test " + what + "`)"};
    }
    return std::nullopt;
}

} // namespace trellis::release
