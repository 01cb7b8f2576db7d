#include "core/release/changelog.h"
#include "core/base/text.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace trellis::release {

namespace {

// Python's textwrap.indent(text, "  ")[2:]: continuation lines that are not blank get
// two spaces.
std::string indentContinuation(std::string_view text)
{
    std::string out;
    size_t start = 0;
    bool first = true;
    while (start <= text.size()) {
        const size_t nl = text.find('\n', start);
        const std::string_view line = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start + 1);
        if (!first && !base::stripped(line).empty())
            out += "  ";
        out += line;
        first = false;
        if (nl == std::string_view::npos)
            break;
        start = nl + 1;
    }
    return out;
}

std::string normalizeNewlines(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\r') {
            out += '\n';
            if (i + 1 < s.size() && s[i + 1] == '\n')
                ++i;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::string repeat(const std::string &s, size_t n)
{
    std::string out;
    for (size_t i = 0; i < n; ++i)
        out += s;
    return out;
}

bool less(const std::vector<IssueKey> &a, const std::vector<IssueKey> &b)
{
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end());
}

// Python str.format with the names towncrier passes to title_format.
std::string pyFormat(const std::string &format, const std::map<std::string, std::string> &args)
{
    std::string out;
    for (size_t i = 0; i < format.size(); ++i) {
        const char c = format[i];
        if (c == '{' && i + 1 < format.size() && format[i + 1] == '{') {
            out += '{';
            ++i;
        } else if (c == '}' && i + 1 < format.size() && format[i + 1] == '}') {
            out += '}';
            ++i;
        } else if (c == '{') {
            const size_t close = format.find('}', i);
            if (close == std::string::npos) {
                out += format.substr(i);
                break;
            }
            const std::string key = format.substr(i + 1, close - i - 1);
            auto it = args.find(key);
            out += it != args.end() ? it->second : "{" + key + "}";
            i = close;
        } else {
            out += c;
        }
    }
    return out;
}

struct Entry {
    std::string text;
    std::vector<std::string> issues; // raw issue names
};

} // namespace

std::string formatIssue(const std::optional<std::string> &issueFormat, const std::string &issue)
{
    if (!issueFormat) {
        const bool numeric = !issue.empty() && std::all_of(issue.begin(), issue.end(), [](char c) { return c >= '0' && c <= '9'; });
        return numeric ? "#" + issue : issue;
    }
    return pyFormat(*issueFormat, {{"issue", issue}});
}

RenderedChangelog renderChangelog(const TowncrierConfig &config, const std::vector<Fragment> &fragments,
                                  const RenderRequest &request)
{
    RenderedChangelog out;
    out.notes = config.notes;
    const bool md = config.isMarkdown();
    const std::string name = request.name.empty() ? config.name : request.name;

    // Group: type -> text -> issues, in config order.
    struct TypeEntries {
        const FragmentType *type;
        std::vector<Entry> entries;
    };
    std::vector<TypeEntries> groups;
    for (const FragmentType &t : config.types) {
        TypeEntries g{&t, {}};
        for (const Fragment &f : fragments) {
            if (f.name.type != t.directory)
                continue;
            const std::string content = normalizeNewlines(f.content);
            std::string text = config.allBullets ? indentContinuation(base::stripped(content)) : std::string(base::rstripped(content));
            if (!t.showContent && !f.name.orphan)
                text.clear();
            auto it = std::find_if(g.entries.begin(), g.entries.end(), [&](const Entry &e) { return e.text == text; });
            if (it == g.entries.end()) {
                g.entries.push_back({text, {}});
                it = g.entries.end() - 1;
            }
            if (!f.name.orphan && !f.name.issue.empty())
                it->issues.push_back(f.name.issue);
        }
        if (g.entries.empty())
            continue;
        for (Entry &e : g.entries)
            std::stable_sort(e.issues.begin(), e.issues.end(), [](const std::string &a, const std::string &b) { return IssueKey::of(a) < IssueKey::of(b); });
        std::stable_sort(g.entries.begin(), g.entries.end(), [](const Entry &a, const Entry &b) {
            if (a.issues.empty() != b.issues.empty())
                return !a.issues.empty();
            std::vector<IssueKey> ka, kb;
            for (const std::string &i : a.issues)
                ka.push_back(IssueKey::of(i));
            for (const std::string &i : b.issues)
                kb.push_back(IssueKey::of(i));
            if (ka != kb)
                return less(ka, kb);
            return a.text < b.text;
        });
        groups.push_back(std::move(g));
    }

    // Title.
    std::string title;
    std::string titleBlock;
    const std::string versionTitle = (name.empty() ? "" : name + " ") + request.version + " (" + request.date + ")";
    switch (config.titleMode) {
    case TitleMode::Template:
        if (md) {
            title = "# " + versionTitle;
            titleBlock = title + "\n";
        } else {
            title = versionTitle;
            titleBlock = title + "\n" + repeat(config.underlines.empty() ? "" : config.underlines[0], base::codePointCount(title)) + "\n";
        }
        break;
    case TitleMode::Format:
        title = pyFormat(config.titleFormat, {{"name", name}, {"version", request.version}, {"project_date", request.date}});
        titleBlock = title + "\n";
        if (!md)
            titleBlock += repeat(config.underlines.empty() ? "" : config.underlines[0], base::codePointCount(title)) + "\n";
        break;
    case TitleMode::Disabled:
        break;
    }
    out.title = title;

    std::string body = "\n";
    if (groups.empty()) {
        body += md ? "No significant changes.\n\n\n" : "No significant changes.\n\n\n";
    } else if (md) {
        for (const TypeEntries &g : groups) {
            body += "### " + g.type->name + "\n\n";
            std::vector<std::string> allIssues;
            for (const Entry &e : g.entries) {
                body += "- " + e.text;
                if (!e.issues.empty()) {
                    if (e.text.find("\n  - ") != std::string::npos || e.text.find("\n  * ") != std::string::npos)
                        body += "\n\n  (";
                    else if (!e.text.empty())
                        body += " (";
                    for (size_t i = 0; i < e.issues.size(); ++i) {
                        const std::string rendered = formatIssue(config.issueFormat, e.issues[i]);
                        body += rendered.substr(0, rendered.find(": ")) + (i + 1 < e.issues.size() ? ", " : "");
                        if (std::find(allIssues.begin(), allIssues.end(), e.issues[i]) == allIssues.end())
                            allIssues.push_back(e.issues[i]);
                    }
                    if (!e.text.empty())
                        body += ")";
                }
                body += "\n";
            }
            body += "\n";
            std::sort(allIssues.begin(), allIssues.end(), [](const std::string &a, const std::string &b) { return IssueKey::of(a) < IssueKey::of(b); });
            if (!allIssues.empty() && formatIssue(config.issueFormat, allIssues.front()).find("]: ") != std::string::npos) {
                for (const std::string &i : allIssues)
                    body += formatIssue(config.issueFormat, i) + "\n";
                body += "\n";
            }
        }
        body += "\n";
    } else {
        const std::string underline = config.underlines.size() > 1 ? config.underlines[1] : "";
        for (const TypeEntries &g : groups) {
            body += g.type->name + "\n";
            if (!underline.empty())
                body += repeat(underline, base::codePointCount(g.type->name)) + "\n";
            body += "\n";
            for (const Entry &e : g.entries) {
                std::string issues;
                for (size_t i = 0; i < e.issues.size(); ++i)
                    issues += formatIssue(config.issueFormat, e.issues[i]) + (i + 1 < e.issues.size() ? ", " : "");
                if (!e.text.empty())
                    body += "- " + e.text + (issues.empty() ? "" : " (" + issues + ")") + "\n";
                else
                    body += "- " + issues + "\n";
            }
            body += "\n\n";
        }
    }
    out.text = titleBlock + body;
    return out;
}

std::string insertIntoChangelog(const std::optional<std::string> &existing, const std::string &startString,
                                const std::string &rendered)
{
    if (!existing)
        return std::string(base::rstripped(rendered)) + "\n";
    std::string header;
    std::string_view prevBody;
    const size_t at = startString.empty() ? std::string::npos : existing->find(startString);
    if (at != std::string::npos) {
        header = std::string(base::rstripped(std::string_view(*existing).substr(0, at))) + "\n\n" + startString + "\n";
        prevBody = base::lstripped(std::string_view(*existing).substr(at + startString.size()));
    } else {
        prevBody = base::lstripped(*existing);
    }
    if (prevBody.empty())
        return header + std::string(base::rstripped(rendered)) + "\n";
    return header + rendered + std::string(prevBody);
}

namespace {

std::vector<std::string> splitLines(const std::string &s)
{
    std::vector<std::string> lines;
    size_t start = 0;
    while (start < s.size()) {
        const size_t nl = s.find('\n', start);
        if (nl == std::string::npos) {
            lines.push_back(s.substr(start));
            break;
        }
        lines.push_back(s.substr(start, nl - start + 1));
        start = nl + 1;
    }
    return lines;
}

void appendLine(std::string &out, char mark, const std::string &line)
{
    out += mark;
    out += line;
    if (line.empty() || line.back() != '\n')
        out += "\n\\ No newline at end of file\n";
}

} // namespace

std::string unifiedDiff(const std::string &path, const std::optional<std::string> &before,
                        const std::optional<std::string> &after)
{
    if (before == after)
        return {};
    const std::vector<std::string> a = splitLines(before.value_or(""));
    const std::vector<std::string> b = splitLines(after.value_or(""));
    size_t prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix])
        ++prefix;
    size_t suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix && a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
        ++suffix;
    const size_t ctx = 3;
    const size_t start = prefix > ctx ? prefix - ctx : 0;
    const size_t endA = std::min(a.size(), a.size() - suffix + ctx);
    const size_t endB = std::min(b.size(), b.size() - suffix + ctx);
    const size_t lenA = endA - start, lenB = endB - start;
    auto range = [](size_t s, size_t len) {
        const size_t first = len == 0 ? s : s + 1;
        return len == 1 ? std::to_string(first) : std::to_string(first) + "," + std::to_string(len);
    };
    std::string out;
    out += before ? "--- a/" + path + "\n" : "--- /dev/null\n";
    out += after ? "+++ b/" + path + "\n" : "+++ /dev/null\n";
    out += "@@ -" + range(start, lenA) + " +" + range(start, lenB) + " @@\n";
    for (size_t i = start; i < prefix; ++i)
        appendLine(out, ' ', a[i]);
    for (size_t i = prefix; i < a.size() - suffix; ++i)
        appendLine(out, '-', a[i]);
    for (size_t i = prefix; i < b.size() - suffix; ++i)
        appendLine(out, '+', b[i]);
    for (size_t i = a.size() - suffix; i < endA; ++i)
        appendLine(out, ' ', a[i]);
    return out;
}

} // namespace trellis::release
