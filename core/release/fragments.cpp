#include "core/release/fragments.h"

#include "core/base/disk.h"
#include "core/base/glob.h"
#include "core/base/paths.h"
#include "core/base/spell.h"
#include "core/base/text.h"


#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <regex>
#include <tuple>

namespace trellis::release {

namespace {

bool allDigits(std::string_view s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<std::string_view> splitDots(std::string_view s)
{
    std::vector<std::string_view> parts;
    size_t start = 0;
    while (true) {
        const size_t dot = s.find('.', start);
        parts.push_back(s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
        if (dot == std::string_view::npos)
            break;
        start = dot + 1;
    }
    return parts;
}

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

} // namespace

std::optional<FragmentName> parseFragmentName(std::string_view basename, const std::vector<std::string> &typeNames,
                                              std::string_view orphanPrefix)
{
    const std::vector<std::string_view> parts = splitDots(basename);
    if (parts.size() < 2)
        return std::nullopt;
    for (size_t i = parts.size() - 1; i >= 1; --i) {
        if (std::find(typeNames.begin(), typeNames.end(), parts[i]) == typeNames.end())
            continue;
        FragmentName name;
        name.type = std::string(parts[i]);
        std::string issue;
        for (size_t j = 0; j < i; ++j)
            issue += (j ? "." : "") + std::string(parts[j]);
        issue = std::string(base::stripped(issue));
        if (i + 1 < parts.size() && allDigits(parts[i + 1]) && parts[i + 1].size() < 10)
            name.counter = std::stoi(std::string(parts[i + 1]));
        if (!orphanPrefix.empty() && issue.rfind(orphanPrefix, 0) == 0) {
            name.orphan = true;
            issue.clear();
        } else if (allDigits(issue)) {
            const size_t nz = issue.find_first_not_of('0');
            issue = nz == std::string::npos ? "0" : issue.substr(nz);
        }
        name.issue = std::move(issue);
        return name;
    }
    return std::nullopt;
}

bool isAlwaysSkippedFragmentName(std::string_view basename)
{
    const std::string l = lower(basename);
    return l == ".gitignore" || l == ".gitkeep" || l == ".keep" || l == "readme" || l == "readme.md" || l == "readme.rst";
}

const char *fragmentProblemKindName(FragmentProblemKind k)
{
    switch (k) {
    case FragmentProblemKind::UnknownType: return "unknown-type";
    case FragmentProblemKind::BadName: return "bad-name";
    case FragmentProblemKind::EmptyContent: return "empty";
    case FragmentProblemKind::DuplicateIssue: return "duplicate";
    case FragmentProblemKind::Unreadable: return "unreadable";
    }
    return "bad-name";
}

IssueKey IssueKey::of(std::string_view issue)
{
    IssueKey k;
    if (allDigits(issue)) {
        k.isDigit = k.hasDigit = true;
        k.number = issue.size() < 19 ? std::stoull(std::string(issue)) : UINT64_MAX;
        return k;
    }
    const auto first = std::find_if(issue.begin(), issue.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (first == issue.end()) {
        k.nonDigitPart = std::string(issue);
        return k;
    }
    const auto last = std::find_if(first, issue.end(), [](char c) { return c < '0' || c > '9'; });
    const std::string digits(first, last);
    k.hasDigit = true;
    k.number = digits.size() < 19 ? std::stoull(digits) : UINT64_MAX;
    k.nonDigitPart = std::string(issue.begin(), first) + std::string(last, issue.end());
    return k;
}

std::vector<std::string> FragmentGroup::issues() const
{
    std::vector<std::string> out;
    for (const Fragment &f : fragments)
        if (!f.name.orphan && std::find(out.begin(), out.end(), f.name.issue) == out.end())
            out.push_back(f.name.issue);
    std::sort(out.begin(), out.end(), [](const std::string &a, const std::string &b) { return IssueKey::of(a) < IssueKey::of(b); });
    return out;
}

int FragmentScan::fragmentCount() const
{
    int n = 0;
    for (const FragmentGroup &g : groups)
        n += int(g.fragments.size());
    return n;
}

std::vector<Fragment> FragmentScan::allFragments() const
{
    std::vector<Fragment> out;
    for (const FragmentGroup &g : groups)
        out.insert(out.end(), g.fragments.begin(), g.fragments.end());
    return out;
}

FragmentScan scanFragments(const std::string &buildRoot, const TowncrierConfig &config, const base::Disk *diskOrNull)
{
    const base::RealDisk realDisk;
    const base::Disk &disk = diskOrNull ? *diskOrNull : realDisk;
    FragmentScan scan;
    scan.directory = config.newsDirectory();
    for (const FragmentType &t : config.types)
        scan.groups.push_back({t, {}});
    std::vector<std::string> typeNames;
    for (const FragmentType &t : config.types)
        typeNames.push_back(t.directory);
    const std::string templateFile = config.templateFileName();
    std::map<std::string, int> orphanCounters;   // shared by the sections, as in towncrier
    // issue_pattern: every issue (orphans aside) must match it whole (re.fullmatch).
    std::optional<std::regex> issuePattern;
    if (!config.issuePattern.empty()) {
        try {
            issuePattern.emplace(config.issuePattern);
        } catch (const std::regex_error &) {
            scan.problems.push_back({config.configFile, FragmentProblemKind::BadName,
                                     "issue_pattern '" + config.issuePattern + "' is not a regular expression Trellis can read", {}});
        }
    }
    for (const NewsSection &section : config.sections) {
        const std::string directory = config.newsDirectory(section);
        const std::string absDir = directory.empty() || directory == "." ? buildRoot : buildRoot + "/" + directory;
        const auto dirInfo = disk.stat(absDir);
        if (!dirInfo || !dirInfo->isDir)
            continue;   // towncrier treats a missing directory as empty
        scan.directoryExists = true;
        const auto listed = disk.listDirectory(absDir);
        std::vector<std::string> entries;
        if (listed)
            for (const base::DirEntry &e : *listed)
                if (!e.isDir) // files, links to files, dangling links (reported unreadable)
                    entries.push_back(e.name);

        std::map<std::tuple<std::string, std::string, int>, std::string> seen; // (issue, type, counter) -> path
        for (const std::string &fileName : entries) {
            const std::string rel = base::joinPath(directory == "." ? "" : directory, fileName);
            if (isAlwaysSkippedFragmentName(fileName) || (!templateFile.empty() && fileName == templateFile))
                continue;
            if (config.ignore) {
                bool ignored = false;
                for (const std::string &pattern : *config.ignore)
                    ignored = ignored || base::wildcardMatch(pattern, fileName, base::GlobSyntax::Fnmatch);
                if (ignored)
                    continue;
            }
            auto name = parseFragmentName(fileName, typeNames, config.orphanPrefix);
            if (!name) {
                const std::vector<std::string_view> parts = splitDots(fileName);
                FragmentProblem p;
                p.path = rel;
                if (parts.size() >= 2 && !parts[1].empty() && !allDigits(parts[1])) {
                    p.kind = FragmentProblemKind::UnknownType;
                    p.message = "unknown fragment type '" + std::string(parts[1]) + "'";
                    if (std::string near = base::nearest(parts[1], typeNames); !near.empty())
                        p.hint = "did you mean '" + near + "'?";
                    else
                        p.hint = "known types: " + [&] {
                            std::string s;
                            for (const std::string &t : typeNames)
                                s += (s.empty() ? "" : ", ") + t;
                            return s;
                        }();
                } else {
                    p.kind = FragmentProblemKind::BadName;
                    p.message = "not a fragment name: expected <issue>.<type>[.<counter>][.md]";
                }
                scan.problems.push_back(std::move(p));
                continue;
            }
            if (issuePattern && !name->orphan && !name->issue.empty() && !std::regex_match(name->issue, *issuePattern)) {
                scan.problems.push_back({rel, FragmentProblemKind::BadName,
                                         "Issue name '" + name->issue + "' does not match the configured pattern, '" + config.issuePattern + "'",
                                         {}});
                continue;
            }
            Fragment f;
            f.path = rel;
            f.fileName = fileName;
            f.name = *name;
            f.section = section.name;
            auto content = disk.readFile(absDir + "/" + fileName);
            if (!content) {
                scan.problems.push_back({rel, FragmentProblemKind::Unreadable, content.diagnostics().front().message, {}});
                continue;
            }
            f.content = std::move(*content);
            if (f.name.orphan)
                f.name.counter = orphanCounters[f.name.type]++;
            const FragmentType *type = config.type(f.name.type);
            if (base::stripped(f.content).empty() && type && type->showContent)
                scan.problems.push_back({rel, FragmentProblemKind::EmptyContent, "empty fragment: the changelog entry would have no text", {}});
            if (!f.name.orphan) {
                auto key = std::make_tuple(f.name.issue, f.name.type, f.name.counter);
                if (auto it = seen.find(key); it != seen.end()) {
                    scan.problems.push_back({rel, FragmentProblemKind::DuplicateIssue,
                                             "duplicate fragment for issue " + f.name.issue + " of type '" + f.name.type + "' (also " + it->second + ")",
                                             "merge them, or add a counter: " + f.name.issue + "." + f.name.type + ".2.md"});
                    continue;
                }
                seen.emplace(key, rel);
            }
            for (FragmentGroup &g : scan.groups)
                if (g.type.directory == f.name.type)
                    g.fragments.push_back(std::move(f));
        }
    }
    for (FragmentGroup &g : scan.groups)
        std::stable_sort(g.fragments.begin(), g.fragments.end(), [](const Fragment &a, const Fragment &b) {
            if (a.name.orphan != b.name.orphan)
                return !a.name.orphan;
            const IssueKey ka = IssueKey::of(a.name.issue), kb = IssueKey::of(b.name.issue);
            if (ka != kb)
                return ka < kb;
            return a.name.counter < b.name.counter;
        });
    std::stable_sort(scan.problems.begin(), scan.problems.end(), [](const FragmentProblem &a, const FragmentProblem &b) { return a.path < b.path; });
    return scan;
}

} // namespace trellis::release
