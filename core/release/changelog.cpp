#include "core/release/changelog.h"

#include "core/base/paths.h"
#include "core/base/text.h"
#include "core/release/jinja.h"
#include "core/release/towncriertemplates.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <set>

namespace trellis::release {

using jinja::Value;

namespace {

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

// Python str.format with keyword arguments only (towncrier's issue_format, title_format
// and filename): `{name}`, `{{`, `}}`; a conversion or format spec is applied as str().
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
            std::string key = format.substr(i + 1, close - i - 1);
            key = key.substr(0, key.find_first_of("!:"));
            auto it = args.find(key);
            out += it != args.end() ? it->second : "{" + key + "}";
            i = close;
        } else {
            out += c;
        }
    }
    return out;
}

// Whether Python's int(s) accepts s: optional whitespace and sign, digits with single
// underscores between them.
bool pythonIntParses(std::string_view s)
{
    s = base::stripped(s);
    if (!s.empty() && (s.front() == '+' || s.front() == '-'))
        s.remove_prefix(1);
    if (s.empty() || s.front() == '_' || s.back() == '_')
        return false;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '_' && s[i + 1] != '_')
            continue;
        if (s[i] < '0' || s[i] > '9')
            return false;
    }
    return true;
}

// towncrier's indent(text, "  ")[2:] over Python's splitlines(True): lines that are not
// blank get the prefix, then the first line's prefix is cut off again.
std::string indentContinuation(const std::string &text)
{
    std::string out;
    std::string line;
    const std::vector<std::string> cps = jinja::codePoints(text);
    auto flush = [&] {
        if (!jinja::pyStrip(line).empty())
            out += "  ";
        out += line;
        line.clear();
    };
    for (size_t i = 0; i < cps.size(); ++i) {
        const std::string &c = cps[i];
        line += c;
        const bool br = c == "\n" || c == "\r" || c == "\v" || c == "\f" || c == "\x1c" || c == "\x1d" || c == "\x1e"
                        || c == "\u0085" || c == "\u2028" || c == "\u2029";
        if (br) {
            if (c == "\r" && i + 1 < cps.size() && cps[i + 1] == "\n")
                line += cps[++i];
            flush();
        }
    }
    if (!line.empty())
        flush();
    // [2:] in code points; the prefix is ASCII.
    const std::vector<std::string> outCps = jinja::codePoints(out);
    std::string cut;
    for (size_t i = 2; i < outCps.size(); ++i)
        cut += outCps[i];
    return cut;
}

/// One entry of a category: a text and the raw issues behind it.
struct Entry {
    std::string text;
    std::vector<std::string> issues;
};

int bulletKey(const std::string &text)
{
    if (text.empty())
        return -1;
    if (text.rfind("- ", 0) == 0)
        return 0;
    if (text.rfind("* ", 0) == 0)
        return 1;
    if (text.rfind("#. ", 0) == 0)
        return 2;
    return 3;
}

std::string firstCodePoints(const std::string &s, size_t n)
{
    std::string out;
    const std::vector<std::string> cps = jinja::codePoints(s);
    for (size_t i = 0; i < n && i < cps.size(); ++i)
        out += cps[i];
    return out;
}

// towncrier's project name when only `package` is set: the package's title-cased name
// (Python str.title()), as get_project_name() returns for a package without an
// incremental __version__.
std::string packageTitle(const std::string &package)
{
    std::string out = package;
    bool prevLetter = false;
    for (char &c : out) {
        const bool letter = std::isalpha(static_cast<unsigned char>(c));
        if (letter)
            c = char(prevLetter ? std::tolower(static_cast<unsigned char>(c)) : std::toupper(static_cast<unsigned char>(c)));
        prevLetter = letter;
    }
    return out;
}

} // namespace

std::string formatIssue(const std::optional<std::string> &issueFormat, const std::string &issue)
{
    if (!issueFormat)
        return pythonIntParses(issue) ? "#" + issue : issue;
    return pyFormat(*issueFormat, {{"issue", issue}});
}

base::Result<ChangelogTemplate> loadChangelogTemplate(const TowncrierConfig &config)
{
    const std::string &name = config.templateName;
    static const std::regex resource("[-\\w.]+:[-\\w.]+");
    if (std::regex_match(name, resource)) {
        std::string package = name.substr(0, name.find(':'));
        std::string file = name.substr(name.find(':') + 1);
        // Path(resource).suffix: the last dot-part, unless the name starts with it.
        const size_t dot = file.rfind('.');
        if (dot == std::string::npos || dot == 0 || dot + 1 == file.size())
            file += config.isMarkdown() ? ".md" : ".rst";
        if (package != "towncrier" && package != "towncrier.templates")
            return base::Diagnostic::error({config.configFile}, "template '" + name + "' is in the Python package '" + package
                                                                   + "'; Trellis can only load towncrier's bundled templates and template files");
        auto text = builtinTowncrierTemplate(file);
        if (!text)
            return base::Diagnostic::error({config.configFile}, "'" + package + "' does not have a template named '" + file + "'.");
        const size_t ext = file.rfind('.');
        std::string extension = ext == std::string::npos ? "" : file.substr(ext);
        std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        return ChangelogTemplate{"towncrier:" + file, std::string(*text), extension == ".md"};
    }
    const std::string path = !name.empty() && name.front() == '/' ? name : base::joinPath(config.baseDirectory, name);
    auto text = base::readFile(path);
    if (!text)
        return base::Diagnostic::error({config.configFile}, "The template file '" + path + "' does not exist.");
    const std::string_view baseName = base::baseName(path);
    const size_t ext = baseName.rfind('.');
    std::string extension = ext == std::string_view::npos || ext == 0 ? "" : std::string(baseName.substr(ext));
    std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return ChangelogTemplate{path, normalizeNewlines(*text), extension == ".md"};
}

std::string textwrapFill(const std::string &line, int width, const std::string &subsequentIndent)
{
    using jinja::codePoints;
    // expandtabs(8), then every ASCII whitespace character becomes a space.
    std::string munged;
    size_t column = 0;
    for (const std::string &c : codePoints(line)) {
        if (c == "\t") {
            const size_t n = 8 - column % 8;
            munged += std::string(n, ' ');
            column += n;
            continue;
        }
        column = (c == "\n" || c == "\r") ? 0 : column + 1;
        munged += (c == "\n" || c == "\v" || c == "\f" || c == "\r") ? std::string(" ") : c;
    }
    // Chunks: runs of spaces and runs of everything else.
    std::vector<std::string> chunks;
    for (const std::string &c : codePoints(munged)) {
        const bool space = c == " ";
        if (chunks.empty() || (chunks.back().front() == ' ') != space)
            chunks.emplace_back();
        chunks.back() += c;
    }
    auto len = [](const std::string &s) { return codePoints(s).size(); };
    auto blank = [](const std::string &s) { return jinja::pyStrip(s).empty(); };
    std::vector<std::string> lines;
    std::reverse(chunks.begin(), chunks.end());
    while (!chunks.empty()) {
        std::vector<std::string> cur;
        size_t curLen = 0;
        const std::string indent = lines.empty() ? std::string() : subsequentIndent;
        const size_t avail = size_t(std::max<int>(0, width - int(len(indent))));
        if (blank(chunks.back()) && !lines.empty())
            chunks.pop_back();
        while (!chunks.empty()) {
            const size_t l = len(chunks.back());
            if (curLen + l > avail)
                break;
            cur.push_back(chunks.back());
            chunks.pop_back();
            curLen += l;
        }
        // A chunk too long for any line goes on a line of its own (break_long_words=False).
        if (!chunks.empty() && len(chunks.back()) > avail && cur.empty()) {
            cur.push_back(chunks.back());
            chunks.pop_back();
        }
        if (!cur.empty() && blank(cur.back()))
            cur.pop_back();
        if (!cur.empty()) {
            std::string joined = indent;
            for (const std::string &c : cur)
                joined += c;
            lines.push_back(std::move(joined));
        }
    }
    std::string out;
    for (size_t i = 0; i < lines.size(); ++i)
        out += (i ? "\n" : "") + lines[i];
    return out;
}

RenderedChangelog renderChangelog(const TowncrierConfig &config, const std::vector<Fragment> &fragments,
                                  const RenderRequest &request)
{
    auto tmpl = loadChangelogTemplate(config);
    if (!tmpl) {
        RenderedChangelog out;
        out.notes = config.notes;
        out.errors = tmpl.diagnostics();
        return out;
    }
    return renderChangelog(config, *tmpl, fragments, request);
}

RenderedChangelog renderChangelog(const TowncrierConfig &config, const ChangelogTemplate &changelogTemplate,
                                  const std::vector<Fragment> &fragments, const RenderRequest &request)
{
    RenderedChangelog out;
    out.notes = config.notes;
    std::string name = request.name.empty() ? config.name : request.name;
    if (name.empty() && !config.package.empty())
        name = packageTitle(config.package);
    if (config.underlines.empty()) {
        out.errors.push_back(base::Diagnostic::error({config.configFile}, "towncrier option 'underlines' must not be empty"));
        return out;
    }

    // split_fragments: section -> category -> text -> issues, in config order.
    struct Category {
        const FragmentType *type;
        std::vector<Entry> entries;
    };
    Value::Pairs sections, issuesBySection;
    for (const NewsSection &section : config.sections) {
        std::vector<Category> categories;
        for (const FragmentType &t : config.types) {
            Category cat{&t, {}};
            for (const Fragment &f : fragments) {
                if (f.name.type != t.directory || f.section != section.name)
                    continue;
                const std::string content = normalizeNewlines(f.content);
                std::string text = config.allBullets ? indentContinuation(jinja::pyStrip(content)) : jinja::pyStrip(content, false, true);
                const bool hasIssue = !f.name.orphan && !f.name.issue.empty();
                if (!t.showContent && hasIssue)
                    text.clear();
                auto it = std::find_if(cat.entries.begin(), cat.entries.end(), [&](const Entry &e) { return e.text == text; });
                if (it == cat.entries.end()) {
                    cat.entries.push_back({text, {}});
                    it = cat.entries.end() - 1;
                }
                if (hasIssue) {
                    it->issues.push_back(f.name.issue);
                    std::sort(it->issues.begin(), it->issues.end());
                }
            }
            if (!cat.entries.empty())
                categories.push_back(std::move(cat));
        }

        // render_fragments: sort, format issues.
        Value::Pairs categoryValues, categoryIssues;
        for (Category &cat : categories) {
            std::set<std::string> pooled;
            for (Entry &e : cat.entries) {
                std::stable_sort(e.issues.begin(), e.issues.end(),
                                 [](const std::string &a, const std::string &b) { return IssueKey::of(a) < IssueKey::of(b); });
                pooled.insert(e.issues.begin(), e.issues.end());
            }
            std::stable_sort(cat.entries.begin(), cat.entries.end(), [](const Entry &a, const Entry &b) {
                const std::string ta = a.issues.empty() ? a.text : std::string();
                const std::string tb = b.issues.empty() ? b.text : std::string();
                if (ta != tb)
                    return ta < tb;
                std::vector<IssueKey> ka, kb;
                for (const std::string &i : a.issues)
                    ka.push_back(IssueKey::of(i));
                for (const std::string &i : b.issues)
                    kb.push_back(IssueKey::of(i));
                return std::lexicographical_compare(ka.begin(), ka.end(), kb.begin(), kb.end());
            });
            if (!config.allBullets)
                std::stable_sort(cat.entries.begin(), cat.entries.end(),
                                 [](const Entry &a, const Entry &b) { return bulletKey(a.text) < bulletKey(b.text); });
            Value::Pairs texts;
            for (const Entry &e : cat.entries) {
                Value::Items rendered;
                for (const std::string &i : e.issues)
                    rendered.emplace_back(formatIssue(config.issueFormat, i));
                texts.emplace_back(Value(e.text), Value::list(std::move(rendered)));
            }
            categoryValues.emplace_back(Value(cat.type->directory), Value::dict(std::move(texts)));
            std::vector<std::string> all(pooled.begin(), pooled.end());
            std::stable_sort(all.begin(), all.end(), [](const std::string &a, const std::string &b) { return IssueKey::of(a) < IssueKey::of(b); });
            Value::Items renderedAll;
            for (const std::string &i : all)
                renderedAll.emplace_back(formatIssue(config.issueFormat, i));
            categoryIssues.emplace_back(Value(cat.type->directory), Value::list(std::move(renderedAll)));
        }
        sections.emplace_back(Value(section.name), Value::dict(std::move(categoryValues)));
        issuesBySection.emplace_back(Value(section.name), Value::dict(std::move(categoryIssues)));
    }

    Value::Pairs definitions;
    for (const FragmentType &t : config.types)
        definitions.emplace_back(Value(t.directory), Value::dict({{Value("name"), Value(t.name)},
                                                                  {Value("showcontent"), Value(t.showContent)},
                                                                  {Value("check"), Value(t.check)}}));
    Value::Items underlines;
    for (size_t i = 1; i < config.underlines.size(); ++i)
        underlines.emplace_back(config.underlines[i]);
    const bool allBullets = config.allBullets;
    auto getIndent = [allBullets](const jinja::CallArgs &a) -> Value {
        if (a.positional.empty() || !a.positional[0].isString())
            throw jinja::EvalError{"get_indent() takes the entry text"};
        const std::string &text = a.positional[0].str();
        const std::string two = firstCodePoints(text, 2);
        if (allBullets || two == "- " || two == "* ")
            return Value("  ");
        if (firstCodePoints(text, 3) == "#. ")
            return Value("   ");
        return Value("");
    };
    const jinja::Context context = {
        {"render_title", Value(config.titleMode == TitleMode::Template)},
        {"sections", Value::dict(std::move(sections))},
        {"definitions", Value::dict(std::move(definitions))},
        {"underlines", Value::list(std::move(underlines))},
        {"versiondata", Value::dict({{Value("name"), Value(name)}, {Value("version"), Value(request.version)}, {Value("date"), Value(request.date)}})},
        {"top_underline", Value(config.underlines.front())},
        {"get_indent", Value::function("get_indent", getIndent)},
        {"issues_by_category", Value::dict(std::move(issuesBySection))},
    };

    auto parsed = jinja::Template::parse(changelogTemplate.text, changelogTemplate.name, {.trimBlocks = true});
    if (!parsed) {
        out.errors = parsed.diagnostics();
        return out;
    }
    auto rendered = parsed->render(context);
    if (!rendered) {
        out.errors = rendered.diagnostics();
        return out;
    }

    // Line by line, wrapped at 79 columns when asked.
    std::string text;
    size_t start = 0;
    while (true) {
        const size_t nl = rendered->find('\n', start);
        const std::string line = rendered->substr(start, nl == std::string::npos ? std::string::npos : nl - start);
        if (config.wrap) {
            const std::string two = firstCodePoints(line, 2);
            const std::string indent = allBullets || two == "- " || two == "* " ? "  " : firstCodePoints(line, 3) == "#. " ? "   " : "";
            text += textwrapFill(line, 79, indent);
        } else {
            text += line;
        }
        if (nl == std::string::npos)
            break;
        text += '\n';
        start = nl + 1;
    }

    switch (config.titleMode) {
    case TitleMode::Format: {
        out.title = pyFormat(config.titleFormat, {{"name", name}, {"version", request.version}, {"project_date", request.date}});
        std::string top = out.title + "\n";
        if (!changelogTemplate.markdown)
            top += repeat(config.underlines.front(), base::codePointCount(out.title)) + "\n";
        text = top + text;
        break;
    }
    case TitleMode::Template: {
        size_t at = 0;
        while (at < text.size()) {
            const size_t nl = text.find('\n', at);
            const std::string line = text.substr(at, nl == std::string::npos ? std::string::npos : nl - at);
            if (!base::stripped(line).empty()) {
                out.title = line;
                break;
            }
            if (nl == std::string::npos)
                break;
            at = nl + 1;
        }
        break;
    }
    case TitleMode::Disabled:
        break;
    }
    out.text = std::move(text);
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
