// News fragments: parsing their file names (spec §11.3, towncrier's
// parse_newfragment_basename) and scanning the news directory into fragments grouped by
// type, with the problems a release would trip over.
//
//   auto name = parseFragmentName("12.feature.2.md", {"feature", "fix"}, "+");
//   name->issue;     // "12"
//   name->counter;   // 2
//   FragmentScan scan = scanFragments(buildRoot, config);
#pragma once

#include "core/base/disk.h"
#include "core/release/towncrierconfig.h"

#include <optional>
#include <string>
#include <vector>

namespace trellis::release {

/// What a fragment file name says.
struct FragmentName {
    std::string issue;     ///< "" for orphans; leading zeros dropped when numeric
    std::string type;
    int counter = 0;
    bool orphan = false;
    friend bool operator==(const FragmentName &, const FragmentName &) = default;
};

/// Splits `basename` on '.', takes the last component (after the first) that is one of
/// `typeNames`; what precedes is the issue, a numeric component after it the counter.
/// nullopt when no component is a type.
std::optional<FragmentName> parseFragmentName(std::string_view basename, const std::vector<std::string> &typeNames,
                                              std::string_view orphanPrefix);

/// True for names towncrier never treats as fragments (.gitignore, .gitkeep, .keep,
/// readme[.md|.rst] in any case).
bool isAlwaysSkippedFragmentName(std::string_view basename);

/// One news fragment.
struct Fragment {
    std::string path;       ///< build-root relative
    std::string fileName;
    FragmentName name;
    std::string section;    ///< name of its [[tool.towncrier.section]] ("" = unnamed)
    std::string content;    ///< file text as read (UTF-8)
};

enum class FragmentProblemKind { UnknownType, BadName, EmptyContent, DuplicateIssue, Unreadable };

const char *fragmentProblemKindName(FragmentProblemKind k);

/// Something wrong with a file in the news directory.
struct FragmentProblem {
    std::string path;       ///< build-root relative
    FragmentProblemKind kind = FragmentProblemKind::BadName;
    std::string message;
    std::string hint;       ///< e.g. "did you mean 'feature'?"; may be empty
};

/// Fragments of one type, in towncrier's order (issue key, then counter).
struct FragmentGroup {
    FragmentType type;
    std::vector<Fragment> fragments;
    /// Issues of the group's fragments, sorted numerically, orphans excluded, unique.
    std::vector<std::string> issues() const;
};

struct FragmentScan {
    std::string directory;                 ///< build-root relative news directory (of the unnamed section)
    bool directoryExists = false;
    std::vector<FragmentGroup> groups;     ///< one per configured type, config order (empty groups included)
    std::vector<FragmentProblem> problems; ///< sorted by path
    int fragmentCount() const;
    /// Every fragment, in group order.
    std::vector<Fragment> allFragments() const;
};

/// Reads the news directory of `config` under `buildRoot` through `disk` (not owned;
/// null: the real disk).
FragmentScan scanFragments(const std::string &buildRoot, const TowncrierConfig &config,
                           const base::Disk *disk = nullptr);

/// Sort key of an issue as towncrier orders them: numbers numerically, after
/// non-numeric names; names with a number inside sort by the rest, then the number.
struct IssueKey {
    bool isDigit = false;
    bool hasDigit = false;
    std::string nonDigitPart;
    std::uint64_t number = 0;
    static IssueKey of(std::string_view issue);
    friend auto operator<=>(const IssueKey &, const IssueKey &) = default;
};

} // namespace trellis::release
