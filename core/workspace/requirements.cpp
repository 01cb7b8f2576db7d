// Requirement parsing: a small PEP 508 checker (name, extras, version specifiers or URL,
// markers) that reports the byte column of the first offending character, so malformed
// lines get `file:line:col` errors with a caret.
#include "core/workspace/requirements.h"
#include "core/base/text.h"

#include "core/workspace/targettype.h"

#include <toml++/toml.h>

#include <cctype>
#include <optional>
#include <sstream>

namespace trellis::workspace {

namespace {

bool isAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool isSpace(char c) { return c == ' ' || c == '\t'; }

void skipSpace(std::string_view s, size_t &i)
{
    while (i < s.size() && isSpace(s[i]))
        ++i;
}

bool isVersionChar(char c)
{
    return isAlnum(c) || c == '.' || c == '*' || c == '+' || c == '!' || c == '-' || c == '_';
}

/// Parses `op version (, op version)*` at i. Returns false with an error set.
bool parseSpecifiers(std::string_view s, size_t &i, int &col, std::string &error)
{
    static const char *const kOps[] = {"===", "==", "!=", "<=", ">=", "~=", "<", ">"};
    while (true) {
        skipSpace(s, i);
        std::string_view op;
        for (const char *candidate : kOps) {
            if (s.substr(i).starts_with(candidate)) {
                op = candidate;
                break;
            }
        }
        if (op.empty()) {
            col = int(i);
            error = "expected a version specifier operator (==, >=, <=, ~=, !=, <, >)";
            return false;
        }
        i += op.size();
        skipSpace(s, i);
        const size_t start = i;
        while (i < s.size() && isVersionChar(s[i]))
            ++i;
        if (i == start) {
            col = int(i);
            error = "expected a version after `" + std::string(op) + "`";
            return false;
        }
        skipSpace(s, i);
        if (i < s.size() && s[i] == ',') {
            ++i;
            continue;
        }
        return true;
    }
}

base::Diagnostic requirementError(const std::string &path, int line, int col, std::string_view lineText,
                                  const std::string &message)
{
    // Columns count code points.
    int cp = 1;
    for (int b = 0; b < col && b < int(lineText.size()); ++b)
        if ((static_cast<unsigned char>(lineText[size_t(b)]) & 0xC0) != 0x80)
            ++cp;
    base::Diagnostic d = base::Diagnostic::error({path, line, cp}, message);
    d.sourceLine = std::string(lineText);
    return d;
}

void addRequirement(ParsedRequirements &out, const std::string &name, std::string requirement, int line)
{
    if (!out.groups.empty() && normalizeProjectName(out.groups.back().name) == normalizeProjectName(name)) {
        out.groups.back().requirements.push_back(std::move(requirement));
        return;
    }
    out.groups.push_back(RequirementGroup{name, {std::move(requirement)}, line});
}

} // namespace

std::string parseRequirementName(std::string_view s, int &col, std::string &error)
{
    col = -1;
    size_t i = 0;
    skipSpace(s, i);
    const size_t nameStart = i;
    if (i >= s.size() || !isAlnum(s[i])) {
        col = int(i);
        error = "expected a project name";
        return {};
    }
    while (i < s.size() && (isAlnum(s[i]) || s[i] == '.' || s[i] == '-' || s[i] == '_'))
        ++i;
    size_t nameEnd = i;
    while (nameEnd > nameStart && !isAlnum(s[nameEnd - 1]))
        --nameEnd;
    if (nameEnd != i) {
        col = int(nameEnd);
        error = "a project name must end with a letter or digit";
        return {};
    }
    std::string name(s.substr(nameStart, nameEnd - nameStart));
    skipSpace(s, i);
    if (i < s.size() && s[i] == '[') {
        ++i;
        while (true) {
            skipSpace(s, i);
            if (i < s.size() && s[i] == ']')
                break;
            const size_t start = i;
            while (i < s.size() && (isAlnum(s[i]) || s[i] == '.' || s[i] == '-' || s[i] == '_'))
                ++i;
            if (i == start) {
                col = int(i);
                error = "expected an extra name";
                return {};
            }
            skipSpace(s, i);
            if (i < s.size() && s[i] == ',') {
                ++i;
                continue;
            }
            if (i < s.size() && s[i] == ']')
                break;
            col = int(i);
            error = "expected `,` or `]` in extras";
            return {};
        }
        ++i;
        skipSpace(s, i);
    }
    if (i < s.size() && s[i] == '@') {
        ++i;
        skipSpace(s, i);
        const size_t start = i;
        while (i < s.size() && !isSpace(s[i]))
            ++i;
        if (i == start) {
            col = int(i);
            error = "expected a URL after `@`";
            return {};
        }
        skipSpace(s, i);
    } else if (i < s.size() && s[i] == '(') {
        ++i;
        if (!parseSpecifiers(s, i, col, error))
            return {};
        if (i >= s.size() || s[i] != ')') {
            col = int(i);
            error = "expected `)`";
            return {};
        }
        ++i;
        skipSpace(s, i);
    } else if (i < s.size() && s[i] != ';') {
        if (!parseSpecifiers(s, i, col, error))
            return {};
    }
    if (i < s.size() && s[i] == ';') {
        ++i;
        skipSpace(s, i);
        if (i >= s.size()) {
            col = int(i);
            error = "expected an environment marker after `;`";
            return {};
        }
        i = s.size();
    }
    if (i < s.size()) {
        col = int(i);
        error = "expected end of requirement or `;`";
        return {};
    }
    return name;
}

namespace {

/// pip's old VCS/URL form `git+https://host/x.git@v1#egg=Name&subdirectory=y`: the
/// project named by the `egg` fragment parameter, as Pants' PipRequirement.parse reads
/// it. Empty when the line has no usable egg name.
std::string eggName(std::string_view line)
{
    const size_t hash = line.find('#');
    if (hash == std::string_view::npos)
        return {};
    std::string_view fragment = line.substr(hash + 1);
    while (!fragment.empty()) {
        const size_t amp = fragment.find('&');
        const std::string_view param = fragment.substr(0, amp);
        if (param.starts_with("egg=") && param.size() > 4) {
            std::string name(param.substr(4));
            int col = -1;
            std::string error;
            // The egg value is a plain project name (optionally with extras).
            return parseRequirementName(name, col, error).empty() ? std::string() : name;
        }
        if (amp == std::string_view::npos)
            break;
        fragment.remove_prefix(amp + 1);
    }
    return {};
}

/// Removes pip's trailing comment (`#` at the start or after whitespace, so a URL's
/// `#egg=` fragment stays) and trailing options (` --hash=...`, ` --install-option`).
std::string_view stripCommentAndOptions(std::string_view content)
{
    for (size_t i = 0; i < content.size(); ++i) {
        const bool atWordStart = i == 0 || isSpace(content[i - 1]);
        if (!atWordStart)
            continue;
        if (content[i] == '#' || (i > 0 && content.substr(i).starts_with("--")))
            return content.substr(0, i);
    }
    return content;
}

} // namespace

ParsedRequirements parseRequirementsTxt(const std::string &path, std::string_view text)
{
    ParsedRequirements out;
    int lineNo = 0;
    size_t pos = 0;
    while (pos < text.size()) {
        // One logical line: physical lines ending in `\` continue on the next (pip).
        const int firstLine = lineNo + 1;
        std::string logical;
        std::string_view firstPhysical;
        while (pos <= text.size()) {
            size_t nl = text.find('\n', pos);
            if (nl == std::string_view::npos)
                nl = text.size();
            std::string_view line = text.substr(pos, nl - pos);
            if (!line.empty() && line.back() == '\r')
                line.remove_suffix(1);
            ++lineNo;
            pos = nl + 1;
            if (lineNo == firstLine)
                firstPhysical = line;
            if (!line.empty() && line.back() == '\\' && pos < text.size()) {
                line.remove_suffix(1);
                logical.append(line);
                logical += ' ';
                continue;
            }
            logical.append(line);
            break;
        }
        std::string_view content = stripCommentAndOptions(logical);
        size_t first = 0;
        while (first < content.size() && std::isspace(static_cast<unsigned char>(content[first])))
            ++first;
        // Blank lines, comments, and pip options (`-e`, `-r`, `--index-url`, ...) are
        // skipped, as Pants does.
        if (first >= content.size() || content[first] == '-')
            continue;
        const std::string req = std::string(base::stripped(content));
        int col = -1;
        std::string error;
        const std::string name = parseRequirementName(content, col, error);
        if (!name.empty()) {
            addRequirement(out, name, req, firstLine);
            continue;
        }
        if (const std::string egg = eggName(req); !egg.empty()) {
            int eggCol = -1;
            std::string eggError;
            const std::string project = parseRequirementName(egg, eggCol, eggError);
            addRequirement(out, project, egg + "@ " + req, firstLine);
            continue;
        }
        // Columns point into the first physical line when the error lies there.
        const std::string_view shown = size_t(col) <= firstPhysical.size() ? firstPhysical : std::string_view(logical);
        out.diagnostics.push_back(
            requirementError(path, firstLine, col, shown, "invalid requirement `" + req + "`: " + error));
    }
    return out;
}

namespace {

/// Translates a Poetry constraint ("^1.2.3", "~1.2", "1.2.*", ">=1,<2", "*") to PEP 440.
std::string poetryToPep440(const std::string &constraint)
{
    std::string c = std::string(base::stripped(constraint));
    if (c.empty() || c == "*")
        return {};
    auto parts = [](const std::string &v) {
        std::vector<int> r;
        std::stringstream ss(v);
        std::string p;
        while (std::getline(ss, p, '.')) {
            try {
                r.push_back(std::stoi(p));
            } catch (...) {
                r.push_back(0);
            }
        }
        return r;
    };
    if (c[0] == '^') {
        const std::string v = std::string(base::stripped(c.substr(1)));
        std::vector<int> p = parts(v);
        if (p.empty())
            return ">=" + v;
        size_t idx = 0;
        while (idx + 1 < p.size() && p[idx] == 0)
            ++idx;
        std::vector<int> upper(p.begin(), p.begin() + long(idx) + 1);
        upper.back() += 1;
        std::string up;
        for (size_t k = 0; k < upper.size(); ++k)
            up += (k ? "." : "") + std::to_string(upper[k]);
        return ">=" + v + ",<" + up;
    }
    if (c[0] == '~' && (c.size() < 2 || c[1] != '=')) {
        const std::string v = std::string(base::stripped(c.substr(1)));
        std::vector<int> p = parts(v);
        if (p.empty())
            return ">=" + v;
        std::vector<int> upper(p.begin(), p.begin() + (p.size() >= 2 ? 2 : 1));
        upper.back() += 1;
        std::string up;
        for (size_t k = 0; k < upper.size(); ++k)
            up += (k ? "." : "") + std::to_string(upper[k]);
        return ">=" + v + ",<" + up;
    }
    if (std::isdigit(static_cast<unsigned char>(c[0])))
        return "==" + c;
    return c;
}

void addTomlRequirement(ParsedRequirements &out, const std::string &path, const std::string &req, int line, int column)
{
    int col = -1;
    std::string error;
    const std::string name = parseRequirementName(req, col, error);
    if (name.empty()) {
        base::Diagnostic d = base::Diagnostic::error({path, line, column},
                                                     "invalid requirement `" + req + "`: " + error);
        out.diagnostics.push_back(std::move(d));
        return;
    }
    addRequirement(out, name, req, line);
}

void readStringArray(ParsedRequirements &out, const std::string &path, const toml::array *arr)
{
    if (!arr)
        return;
    for (const toml::node &n : *arr) {
        const auto s = n.value<std::string>();
        const auto &src = n.source();
        if (!s) {
            out.diagnostics.push_back(base::Diagnostic::error({path, int(src.begin.line), int(src.begin.column)},
                                                              "a requirement must be a string"));
            continue;
        }
        addTomlRequirement(out, path, *s, int(src.begin.line), int(src.begin.column));
    }
}

void readPoetryTable(ParsedRequirements &out, const std::string &path, const toml::table *deps)
{
    if (!deps)
        return;
    for (const auto &[key, node] : *deps) {
        const std::string name(key.str());
        if (name == "python")
            continue;
        const auto &src = key.source();
        std::string req = name;
        if (auto s = node.value<std::string>()) {
            req += poetryToPep440(*s);
        } else if (const toml::table *t = node.as_table()) {
            if (auto extras = t->get_as<toml::array>("extras")) {
                std::string e;
                for (const toml::node &x : *extras)
                    if (auto xs = x.value<std::string>())
                        e += (e.empty() ? "" : ",") + *xs;
                if (!e.empty())
                    req += "[" + e + "]";
            }
            if (auto v = t->get_as<std::string>("version"))
                req += poetryToPep440(v->get());
            else if (auto g = t->get_as<std::string>("git"))
                req += " @ git+" + g->get();
            else if (auto u = t->get_as<std::string>("url"))
                req += " @ " + u->get();
            if (auto m = t->get_as<std::string>("markers"))
                req += "; " + m->get();
        } else if (const toml::array *alternatives = node.as_array()) {
            // Multiple constraints: one requirement per alternative.
            for (const toml::node &alt : *alternatives) {
                std::string r = name;
                if (const toml::table *t = alt.as_table()) {
                    if (auto v = t->get_as<std::string>("version"))
                        r += poetryToPep440(v->get());
                    if (auto m = t->get_as<std::string>("markers"))
                        r += "; " + m->get();
                    else if (auto py = t->get_as<std::string>("python"))
                        r += "; python_version" + poetryToPep440(py->get());
                }
                addTomlRequirement(out, path, r, int(src.begin.line), int(src.begin.column));
            }
            continue;
        }
        addTomlRequirement(out, path, req, int(src.begin.line), int(src.begin.column));
    }
}

} // namespace

namespace {

/// Parses `text` as TOML; on a syntax error, records it in `out` and returns nullopt.
std::optional<toml::table> parseToml(ParsedRequirements &out, const std::string &path, std::string_view text)
{
    try {
        return toml::parse(text, path);
    } catch (const toml::parse_error &err) {
        base::Diagnostic d = base::Diagnostic::error(
            {path, int(err.source().begin.line), int(err.source().begin.column)}, std::string(err.description()));
        d.sourceLine = base::lineOf(text, int(err.source().begin.line));
        out.diagnostics.push_back(std::move(d));
        return std::nullopt;
    }
}

void addSourceLines(ParsedRequirements &out, std::string_view text)
{
    for (base::Diagnostic &d : out.diagnostics)
        if (d.loc.line > 0 && d.sourceLine.empty())
            d.sourceLine = base::lineOf(text, d.loc.line);
}

} // namespace

ParsedRequirements parseUvPyproject(const std::string &path, std::string_view text)
{
    ParsedRequirements out;
    const std::optional<toml::table> root = parseToml(out, path, text);
    if (!root)
        return out;
    const toml::table *uv = (*root)["tool"]["uv"].as_table();
    if (!uv) {
        out.diagnostics.push_back(base::Diagnostic::error(
            {path}, "No section `tool.uv` found in " + path
                        + ", which is loaded by Pants from a `uv_requirements` macro. Did you mean to set up uv?"));
        return out;
    }
    const toml::array *dev = (*uv)["dev-dependencies"].as_array();
    if (!dev || dev->empty()) {
        out.diagnostics.push_back(base::Diagnostic::warning(
            {path}, "No requirements defined in `tool.uv.dev-dependencies` in " + path
                        + ", which is loaded by Pants from a uv_requirements macro. Did you mean to populate this "
                          "section with requirements?"));
        return out;
    }
    for (const toml::node &n : *dev) {
        const auto &src = n.source();
        const auto s = n.value<std::string>();
        if (!s) {
            out.diagnostics.push_back(base::Diagnostic::error({path, int(src.begin.line), int(src.begin.column)},
                                                              "a requirement must be a string"));
            continue;
        }
        const std::string req = std::string(base::stripped(*s));
        if (req.empty() || req.starts_with('#'))
            continue;
        addTomlRequirement(out, path, req, int(src.begin.line), int(src.begin.column));
    }
    addSourceLines(out, text);
    return out;
}

ParsedRequirements parsePyproject(const std::string &path, std::string_view text, bool poetry)
{
    ParsedRequirements out;
    std::optional<toml::table> parsed = parseToml(out, path, text);
    if (!parsed)
        return out;
    toml::table &root = *parsed;
    if (poetry) {
        const toml::table *tool = root["tool"]["poetry"].as_table();
        if (!tool) {
            out.diagnostics.push_back(base::Diagnostic::error({path}, "no [tool.poetry] table"));
            return out;
        }
        readPoetryTable(out, path, (*tool)["dependencies"].as_table());
        readPoetryTable(out, path, (*tool)["dev-dependencies"].as_table());
        if (const toml::table *groups = (*tool)["group"].as_table())
            for (const auto &[name, group] : *groups)
                if (const toml::table *g = group.as_table())
                    readPoetryTable(out, path, (*g)["dependencies"].as_table());
    } else {
        readStringArray(out, path, root["project"]["dependencies"].as_array());
        if (const toml::table *optional = root["project"]["optional-dependencies"].as_table())
            for (const auto &[name, list] : *optional)
                readStringArray(out, path, list.as_array());
    }
    addSourceLines(out, text);
    return out;
}

} // namespace trellis::workspace
