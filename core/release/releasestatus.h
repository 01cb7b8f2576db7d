// ReleaseStatus: everything a release manager checks before cutting a release — VERSION
// and its scheme, the latest release tag and the commits since it, branch and worktree,
// the towncrier configuration and pending fragments, the python_distribution targets and
// the versions they will get, and a readiness checklist. One engine for the CLI's
// `trellis release status` and the GUI's Release view.
//
//   StatusRequest req;
//   req.buildRoot = "/repo";
//   req.workspace = ws;                       // optional: distributions, lockfiles
//   req.lastTestRun = [] { return TestRunOutcome{true, "42 passed"}; };
//   auto status = computeReleaseStatus(req);  // Result<ReleaseStatus>
//   for (const ChecklistItem &i : status->checklist) ...
#pragma once

#include "core/release/fragments.h"
#include "core/release/releaseversion.h"
#include "core/release/towncrierconfig.h"
#include "core/vcs/repository.h"
#include "core/workspace/workspace.h"

#include <QDate>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace trellis::release {

/// Release conventions a repository may override.
struct ReleaseSettings {
    std::string versionFile = "VERSION";           ///< build-root relative
    std::optional<VersionScheme> scheme;            ///< nullopt = detect from VERSION
    /// Regular expression (ECMAScript, whole name) for release tags; group 1 is the version.
    std::string tagPattern = "v?([0-9].*)";
    /// Prefix of new tags; nullopt = the convention of the existing tags ("v" when none).
    std::optional<std::string> tagPrefix;
    /// Annotated (true) or lightweight (false) new tags; nullopt = the kind of the newest
    /// release tag (annotated when there is none).
    std::optional<bool> annotatedTags;
    /// Branches releases are cut from, besides release branches named `YY.MM`.
    std::vector<std::string> releaseBranches = {"main", "master"};
    /// The file a release's changelog section goes into, as a pattern over the new
    /// version ({major}, {minor}, {micro}, {version}), e.g. "CHANGELOG/{major}.{minor}.md"
    /// for one file per version branch; "" = towncrier's `filename`.
    std::string changelogFilePattern;
    /// What a changelog file created from the pattern starts with (same placeholders);
    /// towncrier's start_string is appended when it lacks one. "" = as towncrier creates a
    /// file: the section alone.
    std::string changelogFileHeader;
    /// A command (argv, no shell) run in the prepare transaction after the files are
    /// written and before the commit; what it changes is committed with the release, and
    /// its failure rolls everything back. Repository code: runs only for a trusted
    /// repository (PrepareRequest::allowPrepareCommand, docs/security.md).
    std::vector<std::string> prepareCommand;
};

/// What the trust store keys a prepare_command by (as run::repositoryTrustRequest takes
/// settings): one guarded key holding the argv, so the CLI and the GUI ask and record
/// trust for the same thing.
std::map<std::string, std::string> prepareCommandTrustSettings(const std::vector<std::string> &argv);

/// The changelog file a release of `version` writes: `settings.changelogFilePattern`
/// expanded, or `towncrierFilename` when no pattern is set.
std::string changelogFileFor(const ReleaseSettings &settings, const std::string &towncrierFilename,
                             const lockfile::Version &version);
/// `pattern` with {major}, {minor}, {micro} and {version} of `version` filled in
/// (`{{`/`}}` are literal braces).
std::string expandVersionPattern(const std::string &pattern, const lockfile::Version &version);

/// `settings` completed from the repository's `[trellis.release]` table: `tag_prefix`,
/// `tag_style` ("annotated" or "lightweight"), `version_file`, `scheme` (calver, semver,
/// pep440), `tag_pattern`, `release_branches`, `changelog_file_pattern`,
/// `changelog_file_header` and `prepare_command` (a list of strings). Fields `settings` already sets (the
/// optional ones) or changed from their defaults win. Unknown keys and bad values are
/// reported in `warnings` and ignored.
ReleaseSettings withConfiguration(ReleaseSettings settings, const workspace::Options &options,
                                  base::Diagnostics *warnings = nullptr);

/// The last test run of the changed targets, as the engine's run history reports it.
struct TestRunOutcome {
    bool passed = false;
    std::string summary;   ///< "128 passed", "2 failed: src/a:tests, src/b:tests"
};

/// A tag that names a release.
struct ReleaseTag {
    std::string name;       ///< "v26.3.0" / "26.3.0"
    std::string version;    ///< normalized
    lockfile::Version parsed;
    std::string target;     ///< commit hash
    bool annotated = false;
    std::string message;
};

/// A python_distribution target and the version its wheel will get.
struct DistributionInfo {
    std::string address;
    std::string artifactName;  ///< python_artifact(name=...)
    std::string version;       ///< python_artifact(version=...) or the normalized VERSION
    bool fromVersionFile = true;
};

enum class CheckState { Pass, Fail, Unknown };
const char *checkStateName(CheckState s);

/// One readiness item.
struct ChecklistItem {
    std::string id;        ///< "clean-worktree", "branch", "version", "fragments", "tests", "lockfiles"
    std::string title;
    CheckState state = CheckState::Unknown;
    std::string detail;
    std::string fixIt;     ///< optional hint ("run `trellis release prepare --version 26.3.1`")
};

struct StatusRequest {
    std::string buildRoot;                                  ///< absolute
    std::shared_ptr<const workspace::Workspace> workspace;  ///< optional
    ReleaseSettings settings;
    /// The version about to be released (the prepare dialog's field); nullopt = VERSION.
    std::optional<std::string> targetVersion;
    QDate today;                                            ///< invalid = QDate::currentDate()
    /// The last run of the changed targets' tests; unset or nullopt = unknown.
    std::function<std::optional<TestRunOutcome>()> lastTestRun;
    bool lockfilesReviewed = false;                         ///< the user reviewed lockfile changes
};

/// The newest test run recorded in the workspace's run history (CLI or GUI), as the
/// "tests passed" checklist item sees it; nullopt when no test run was recorded.
std::optional<TestRunOutcome> lastRecordedTestRun(const std::string &buildRoot);

struct ReleaseStatus {
    std::string buildRoot;
    // VERSION
    std::string versionFile;                 ///< build-root relative
    std::optional<ReleaseVersion> version;   ///< nullopt when missing or invalid (see diagnostics)
    // Git
    bool isGitRepository = false;
    std::vector<ReleaseTag> releaseTags;     ///< all release tags, oldest version first
    std::optional<ReleaseTag> latestTag;     ///< highest release tag reachable from HEAD
    int commitsSinceTag = -1;                ///< -1 when there is no tag
    std::vector<std::string> headTags;       ///< release tags pointing at HEAD
    bool versionMatchesLatestTag = false;
    std::string tagPrefix;                   ///< convention for new tags ("v" or "")
    bool annotatedTags = true;               ///< new tags annotated (else lightweight), per convention
    vcs::WorktreeState worktree;
    // towncrier
    TowncrierConfig towncrier;
    FragmentScan fragments;
    // Workspace
    std::vector<DistributionInfo> distributions;
    // Derived
    std::vector<VersionSuggestion> suggestions;
    std::vector<ChecklistItem> checklist;
    std::vector<std::string> notes;          ///< custom template etc.
    base::Diagnostics diagnostics;           ///< problems reading VERSION, config, git

    bool ready() const;
    const ChecklistItem *item(std::string_view id) const;
};

/// Release tags among `tags` (names matching `pattern` whose group 1 parses as a
/// version), sorted by version. Errors: an invalid regular expression.
base::Result<std::vector<ReleaseTag>> releaseTagsOf(const std::vector<vcs::TagInfo> &tags, const std::string &pattern);

/// The tag-name prefix used by the newest release tag ("v" or ""); "v" without tags.
std::string detectTagPrefix(const std::vector<ReleaseTag> &tags);

/// True for `main`/`master` (or the configured names) and release branches `YY.MM`.
bool isReleaseBranch(const std::string &branch, const ReleaseSettings &settings);

/// Computes the status. Never fails on bad input: problems land in diagnostics and the
/// checklist. Errors only for an unreadable build root.
base::Result<ReleaseStatus> computeReleaseStatus(const StatusRequest &request);

} // namespace trellis::release
