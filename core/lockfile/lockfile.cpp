// Lockfile parsing for the four formats. Each parser keeps positions so that malformed
// input is reported as `file:line:col`: the JSON parser's byte offset and toml++'s
// source positions are converted, and requirements lines are scanned by hand. Pex
// header lines (`//`) are blanked rather than removed, so offsets in the JSON body are
// offsets in the original file.
#include "core/lockfile/lockfile.h"
#include "core/base/text.h"

#include "core/base/disk.h"

#include "core/lockfile/marker.h"
#include "core/lockfile/pep440.h"
#include "core/workspace/requirements.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace trellis::lockfile {

using base::Diagnostic;
using base::Diagnostics;
using base::SourceLocation;

namespace {

constexpr std::string_view kBeginMarker = "--- BEGIN PANTS LOCKFILE METADATA: DO NOT EDIT OR REMOVE ---";
constexpr std::string_view kEndMarker = "--- END PANTS LOCKFILE METADATA ---";

Diagnostic errorAt(const std::string &path, std::string_view text, int line, int column, std::string message)
{
    Diagnostic d = Diagnostic::error({path, line, column}, std::move(message));
    if (line > 0 && column > 0)
        d.sourceLine = base::lineOf(text, line);
    return d;
}

/// Name of a PEP 508 requirement string, normalized; "" when it does not parse.
std::string requirementName(std::string_view requirement)
{
    int column = -1;
    std::string error;
    const std::string name = workspace::parseRequirementName(base::stripped(requirement), column, error);
    return name.empty() ? std::string() : normalizeProjectName(name);
}

/// Appends a name; duplicates are removed once the whole file is read (dedupe), so that
/// adding is constant time however long the list gets.
void addUnique(std::vector<std::string> &list, std::string value)
{
    if (!value.empty())
        list.push_back(std::move(value));
}

/// Removes repeated names, keeping the first of each; linear.
void dedupe(std::vector<std::string> &list)
{
    if (list.size() < 2)
        return;
    std::unordered_set<std::string_view> seen;
    seen.reserve(list.size());
    std::vector<std::string> out;
    out.reserve(list.size());
    for (std::string &s : list) {
        if (seen.count(s))
            continue;
        out.push_back(std::move(s));
        seen.insert(out.back()); // `out` never reallocates (reserved), so the view stays valid
    }
    list = std::move(out);
}

/// Removes repeated edges, keeping the first of each.
void dedupe(std::vector<LockedDependency> &list)
{
    if (list.size() < 2)
        return;
    std::unordered_set<std::string> seen;
    std::vector<LockedDependency> out;
    out.reserve(list.size());
    for (LockedDependency &d : list) {
        std::string key = d.name + '\n' + d.whenExtra;
        for (const std::string &e : d.extras)
            key += '\n' + e;
        if (seen.insert(std::move(key)).second)
            out.push_back(std::move(d));
    }
    list = std::move(out);
}

/// Adds the edge(s) of one requirement of a locked package: always when its marker may
/// hold without an extra, else once per extra of the requirer that makes it hold;
/// nothing when the marker is definitely false (e.g. `python_version < "3.8"` in a
/// lockfile for 3.11).
void addEdges(std::vector<LockedDependency> &out, const RequirementParts &req, const std::vector<Version> &pythons)
{
    if (req.name.empty())
        return;
    if (req.marker.empty()) {
        out.push_back({req.name, req.extras, {}});
        return;
    }
    MarkerEnvironment env{.extra = {}, .pythons = pythons};
    if (evaluateMarker(req.marker, env) != Truth::False) {
        out.push_back({req.name, req.extras, {}});
        return;
    }
    for (const std::string &extra : markerExtras(req.marker)) {
        env.extra = extra;
        if (evaluateMarker(req.marker, env) != Truth::False)
            out.push_back({req.name, req.extras, extra});
    }
}

/// The finished lockfile: every name list without repeats.
void finish(Lockfile &lock)
{
    for (LockedPackage &p : lock.packages) {
        dedupe(p.dependencies);
        dedupe(p.requiredBy);
        dedupe(p.edges);
    }
    dedupe(lock.topLevel);
}

/// Normalized name -> index into Lockfile::packages, kept while parsing.
using PackageIndex = std::unordered_map<std::string, std::size_t>;

/// Adds `pkg` or, when the name exists, replaces the version (last wins, as in Pants'
/// dict of project name to version) and merges dependencies. Returns the package's index.
std::size_t addPackage(Lockfile &lock, PackageIndex &index, LockedPackage pkg)
{
    auto [it, inserted] = index.emplace(pkg.name, lock.packages.size());
    if (inserted) {
        lock.packages.push_back(std::move(pkg));
        return it->second;
    }
    LockedPackage &existing = lock.packages[it->second];
    existing.version = pkg.version;
    for (std::string &d : pkg.dependencies)
        addUnique(existing.dependencies, std::move(d));
    for (std::string &d : pkg.requiredBy)
        addUnique(existing.requiredBy, std::move(d));
    for (LockedDependency &d : pkg.edges)
        existing.edges.push_back(std::move(d));
    return it->second;
}

/// The text with every line whose first non-blank characters are `//` blanked (spaces,
/// newlines kept, so byte offsets are unchanged), and the Pants metadata JSON found between the markers.
struct StrippedText {
    std::string body;
    std::string metadata;
    int metadataLine = 0; ///< 1-based line of the first metadata line
};

StrippedText stripComments(std::string_view text)
{
    StrippedText out;
    out.body.reserve(text.size());
    bool inMetadata = false;
    int lineNo = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t nl = text.find('\n', pos);
        const bool last = nl == std::string_view::npos;
        std::string_view line = text.substr(pos, last ? std::string_view::npos : nl - pos);
        ++lineNo;
        std::string_view t = line;
        while (!t.empty() && (t.front() == ' ' || t.front() == '\t'))
            t.remove_prefix(1);
        if (t.starts_with("//")) {
            std::string_view content = base::stripped(t.substr(2));
            if (content == kBeginMarker) {
                inMetadata = true;
                out.metadataLine = lineNo + 1;
            } else if (content == kEndMarker) {
                inMetadata = false;
            } else if (inMetadata) {
                std::string_view m = t.substr(2);
                if (m.starts_with(' '))
                    m.remove_prefix(1);
                out.metadata.append(m);
                out.metadata += '\n';
            }
            out.body.append(line.size(), ' '); // keep offsets: blank, do not remove
        } else {
            out.body.append(line);
        }
        if (last)
            break;
        out.body += '\n';
        pos = nl + 1;
    }
    return out;
}

bool startsWithBrace(std::string_view body)
{
    const std::string_view t = base::stripped(body);
    return !t.empty() && t.front() == '{';
}

std::vector<std::string> stringList(const QJsonValue &v)
{
    std::vector<std::string> out;
    for (const QJsonValue &e : v.toArray())
        if (e.isString())
            out.push_back(e.toString().toStdString());
    return out;
}

/// Finds lines of successive `"project_name": "<name>"` entries in one forward pass.
class ProjectLineFinder {
public:
    explicit ProjectLineFinder(std::string_view text) : m_text(text) {}
    /// Line (1-based) of the next entry naming `name`, or 0. Looks at a bounded number of
    /// entries ahead, so that names it cannot match (JSON escapes) keep the pass linear.
    int next(const std::string &name)
    {
        const std::string needle = "\"" + name + "\"";
        int looked = 0;
        for (std::size_t at = m_text.find("\"project_name\"", m_pos); at != std::string_view::npos && looked++ < 64;
             at = m_text.find("\"project_name\"", at + 1)) {
            const std::size_t colon = m_text.find(':', at);
            const std::size_t valueAt = colon == std::string_view::npos ? colon : m_text.find('"', colon + 1);
            if (valueAt != std::string_view::npos && m_text.compare(valueAt, needle.size(), needle) == 0) {
                m_line += int(std::count(m_text.begin() + std::ptrdiff_t(m_pos), m_text.begin() + std::ptrdiff_t(at), '\n'));
                m_pos = at;
                return m_line;
            }
        }
        return 0;
    }

private:
    std::string_view m_text;
    std::size_t m_pos = 0; ///< offset already scanned; m_line is the line at m_pos
    int m_line = 1;
};

base::Result<Lockfile> parsePex(std::string_view text, const StrippedText &stripped, const std::string &path)
{
    Lockfile lock;
    lock.path = path;
    lock.format = LockfileFormat::Pex;
    Diagnostics warnings;

    if (!stripped.metadata.empty()) {
        QJsonParseError err{};
        const QJsonDocument meta = QJsonDocument::fromJson(QByteArray::fromStdString(stripped.metadata), &err);
        if (err.error != QJsonParseError::NoError || !meta.isObject()) {
            auto [l, c] = lineColumnOf(stripped.metadata, std::size_t(std::max(0, err.offset)));
            // Each metadata line lost its `// ` prefix (3 characters).
            const int line = stripped.metadataLine + l - 1;
            Diagnostic d = Diagnostic::warning({path, line, c + 3},
                                               "invalid lockfile metadata: " + err.errorString().toStdString());
            d.sourceLine = base::lineOf(text, line);
            warnings.push_back(std::move(d));
        } else {
            const QJsonObject o = meta.object();
            lock.resolve = o.value(QLatin1String("resolve")).toString().toStdString();
            lock.generatedWithRequirements = stringList(o.value(QLatin1String("generated_with_requirements")));
            lock.interpreterConstraints = stringList(o.value(QLatin1String("valid_for_interpreter_constraints")));
        }
    }

    QJsonParseError err{};
    const QByteArray bytes = QByteArray::fromStdString(stripped.body);
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    if (err.error != QJsonParseError::NoError) {
        // QJsonParseError::offset points just past the offending character.
        auto [l, c] = lineColumnOf(text, std::size_t(std::max(0, err.offset - 1)));
        return errorAt(path, text, l, c, "invalid JSON in pex lockfile: " + err.errorString().toStdString());
    }
    const QJsonObject root = doc.object();
    const QJsonValue resolves = root.value(QLatin1String("locked_resolves"));
    if (!resolves.isArray())
        return errorAt(path, text, 1, 1, "pex lockfile without a 'locked_resolves' list");

    if (lock.interpreterConstraints.empty()) {
        const QJsonValue rp = root.value(QLatin1String("requires_python"));
        lock.interpreterConstraints = rp.isString() ? std::vector<std::string>{rp.toString().toStdString()} : stringList(rp);
    }
    lock.hasDependencyDetail = true;
    const std::vector<Version> pythons = pythonsAllowedBy(lock.interpreterConstraints);

    ProjectLineFinder lines(text);
    PackageIndex index;
    Diagnostics errors;
    const QJsonArray resolveArray = resolves.toArray();
    for (qsizetype r = 0; r < resolveArray.size(); ++r) {
        const QJsonArray reqs = resolveArray.at(r).toObject().value(QLatin1String("locked_requirements")).toArray();
        for (qsizetype i = 0; i < reqs.size(); ++i) {
            const QJsonObject o = reqs.at(i).toObject();
            const QString name = o.value(QLatin1String("project_name")).toString();
            const QString version = o.value(QLatin1String("version")).toString();
            const std::string where = "locked_resolves[" + std::to_string(r) + "].locked_requirements[" + std::to_string(i) + "]";
            if (name.isEmpty()) {
                errors.push_back(Diagnostic::error({path}, where + ": missing 'project_name'"));
                continue;
            }
            LockedPackage pkg;
            pkg.displayName = name.toStdString();
            pkg.name = normalizeProjectName(pkg.displayName);
            pkg.line = lines.next(pkg.displayName);
            if (version.isEmpty()) {
                errors.push_back(errorAt(path, text, pkg.line, pkg.line ? 1 : 0,
                                         where + " (" + pkg.displayName + "): missing 'version'"));
                continue;
            }
            pkg.version = version.toStdString();
            for (const std::string &req : stringList(o.value(QLatin1String("requires_dists")))) {
                addUnique(pkg.dependencies, requirementName(req));
                addEdges(pkg.edges, splitRequirement(req), pythons);
            }
            addPackage(lock, index, std::move(pkg));
        }
    }
    if (!errors.empty())
        return errors;

    const std::vector<std::string> top = lock.generatedWithRequirements.empty()
        ? stringList(root.value(QLatin1String("requirements")))
        : lock.generatedWithRequirements;
    for (const std::string &req : top)
        addUnique(lock.topLevel, requirementName(req));
    finish(lock);
    return {std::move(lock), std::move(warnings)};
}

int lineOfNode(const toml::node &n)
{
    return int(n.source().begin.line);
}

/// Names of an array of `{ name = ... }` tables (uv dependencies).
void addTableNames(const toml::node *arr, std::vector<std::string> &out)
{
    if (!arr || !arr->is_array())
        return;
    for (const toml::node &e : *arr->as_array())
        if (const toml::table *t = e.as_table())
            if (auto n = (*t)["name"].value<std::string>())
                addUnique(out, normalizeProjectName(*n));
}

/// Edges of an array of uv `{ name = ..., extra = [...], marker = ... }` tables, brought
/// in by the requirer's extra `whenExtra` ("" always).
void addTableEdges(const toml::node *arr, const std::string &whenExtra, const std::vector<Version> &pythons,
                   std::vector<LockedDependency> &out)
{
    if (!arr || !arr->is_array())
        return;
    std::optional<MarkerEnvironment> env; // built for the first marker only
    for (const toml::node &e : *arr->as_array()) {
        const toml::table *t = e.as_table();
        if (!t)
            continue;
        auto n = (*t)["name"].value<std::string>();
        if (!n)
            continue;
        LockedDependency d;
        d.name = normalizeProjectName(*n);
        d.whenExtra = whenExtra;
        if (const toml::array *extras = (*t)["extra"].as_array())
            for (const toml::node &x : *extras)
                if (auto xs = x.value<std::string>())
                    d.extras.push_back(normalizeProjectName(*xs));
        if (auto marker = (*t)["marker"].value<std::string>()) {
            if (!env)
                env = MarkerEnvironment{.extra = whenExtra, .pythons = pythons};
            if (evaluateMarker(*marker, *env) == Truth::False)
                continue;
        }
        out.push_back(std::move(d));
    }
}

base::Result<Lockfile> parseTomlLock(std::string_view text, const toml::table &root, const std::string &path,
                                     LockfileFormat format)
{
    Lockfile lock;
    lock.path = path;
    lock.format = format;
    Diagnostics errors;
    PackageIndex index;
    std::vector<Version> pythons;
    if (format == LockfileFormat::Uv) {
        lock.hasDependencyDetail = true;
        if (auto rp = root["requires-python"].value<std::string>())
            lock.interpreterConstraints.push_back(*rp);
        pythons = pythonsAllowedBy(lock.interpreterConstraints);
    }
    const toml::array *packages = root["package"].as_array();
    for (const toml::node &node : *packages) {
        const toml::table *t = node.as_table();
        if (!t)
            continue;
        const int line = lineOfNode(node);
        auto name = (*t)["name"].value<std::string>();
        if (!name) {
            errors.push_back(errorAt(path, text, line, line ? 1 : 0, "[[package]] without a 'name'"));
            continue;
        }
        LockedPackage pkg;
        pkg.displayName = *name;
        pkg.name = normalizeProjectName(*name);
        pkg.line = line;
        if (format == LockfileFormat::Uv) {
            addTableNames(t->get("dependencies"), pkg.dependencies);
            addTableEdges(t->get("dependencies"), {}, pythons, pkg.edges);
            if (const toml::table *opt = (*t)["optional-dependencies"].as_table())
                for (const auto &[extra, deps] : *opt) {
                    addTableNames(&deps, pkg.dependencies);
                    addTableEdges(&deps, normalizeProjectName(extra.str()), pythons, pkg.edges);
                }
            const toml::table *source = (*t)["source"].as_table();
            const bool root = source && (source->contains("virtual") || source->contains("editable"));
            if (pkg.name.starts_with("pants-lockfile-for-")) {
                lock.resolve = pkg.name.substr(std::string_view("pants-lockfile-for-").size());
                for (const std::string &d : pkg.dependencies)
                    addUnique(lock.topLevel, d);
                continue;
            }
            if (root)
                for (const std::string &d : pkg.dependencies)
                    addUnique(lock.topLevel, d);
        } else if (const toml::table *deps = (*t)["dependencies"].as_table()) {
            for (const auto &[key, value] : *deps)
                addUnique(pkg.dependencies, normalizeProjectName(key.str()));
        }
        auto version = (*t)["version"].value<std::string>();
        if (!version) {
            if (format == LockfileFormat::Poetry)
                errors.push_back(errorAt(path, text, line, line ? 1 : 0, "[[package]] '" + *name + "' without a 'version'"));
            continue; // uv: virtual/editable roots have no version and are not diffed
        }
        pkg.version = *version;
        addPackage(lock, index, std::move(pkg));
    }
    if (!errors.empty())
        return errors;
    finish(lock);
    return lock;
}

struct TomlOutcome {
    std::optional<toml::table> table;
    std::optional<Diagnostic> error;
};

TomlOutcome parseToml(std::string_view text, const std::string &path)
{
    TomlOutcome out;
    try {
        out.table = toml::parse(text, path);
    } catch (const toml::parse_error &e) {
        const toml::source_position p = e.source().begin;
        out.error = errorAt(path, text, int(p.line), int(p.column), "invalid TOML: " + std::string(e.description()));
    }
    return out;
}

std::optional<LockfileFormat> tomlFormat(const toml::table &root)
{
    const toml::array *packages = root["package"].as_array();
    if (!packages)
        return std::nullopt;
    if (const toml::table *meta = root["metadata"].as_table())
        if (meta->contains("content-hash") || meta->contains("lock-version"))
            return LockfileFormat::Poetry;
    if (root.contains("version") || root.contains("requires-python"))
        return LockfileFormat::Uv;
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------
// requirements.txt

/// One logical line: continuations joined, with the physical line it starts on.
struct LogicalLine {
    std::string text;
    int line = 0;
    bool isComment = false; ///< the line is only a comment (kept for `# via`)
};

std::vector<LogicalLine> logicalLines(std::string_view text)
{
    std::vector<LogicalLine> out;
    std::string pending;
    int pendingLine = 0;
    int lineNo = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t nl = text.find('\n', pos);
        const bool last = nl == std::string_view::npos;
        std::string_view line = text.substr(pos, last ? std::string_view::npos : nl - pos);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        ++lineNo;
        if (pending.empty())
            pendingLine = lineNo;
        const std::string_view t = base::stripped(line);
        if (!t.empty() && t.front() == '#' && pending.empty()) {
            out.push_back({std::string(t), lineNo, true});
        } else if (!line.empty() && line.back() == '\\') {
            pending.append(line.substr(0, line.size() - 1));
        } else {
            pending.append(line);
            out.push_back({std::move(pending), pendingLine, false});
            pending.clear();
        }
        if (last)
            break;
        pos = nl + 1;
    }
    if (!pending.empty())
        out.push_back({std::move(pending), pendingLine, false});
    return out;
}

bool isNameChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
}

/// True when a line looks like part of a requirements file (pin, option or comment).
bool looksLikeRequirementLine(std::string_view line)
{
    const std::string_view t = base::stripped(line);
    if (t.empty() || t.front() == '#' || t.front() == '-')
        return true;
    std::size_t i = 0;
    while (i < t.size() && isNameChar(t[i]))
        ++i;
    while (i < t.size() && (t[i] == ' ' || t[i] == '\t'))
        ++i;
    return i > 0 && (i == t.size() || std::string_view("=<>!~[;@").find(t[i]) != std::string_view::npos);
}

class RequirementsParser {
public:
    RequirementsParser(const FileReader &reader, Lockfile &lock) : m_reader(reader), m_lock(lock) {}

    void parse(std::string_view text, const std::string &path)
    {
        m_stack.push_back(path);
        const std::vector<LogicalLine> lines = logicalLines(text);
        int currentIndex = -1; // the last pin, which `# via` comments below describe
        bool inVia = false;
        for (const LogicalLine &ll : lines) {
            if (ll.isComment) {
                std::string_view c = base::stripped(std::string_view(ll.text).substr(1));
                if (c.starts_with("via")) {
                    m_sawVia = true;
                    inVia = true;
                    const std::string_view rest = base::stripped(c.substr(3));
                    if (!rest.empty())
                        addVia(currentIndex, rest);
                } else if (inVia && !c.empty()) {
                    addVia(currentIndex, c);
                } else {
                    inVia = false;
                }
                continue;
            }
            inVia = false;
            currentIndex = -1;
            std::string_view line = ll.text;
            // Strip an end-of-line comment (`#` at the start or after whitespace).
            for (std::size_t i = 0; i < line.size(); ++i)
                if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
                    line = line.substr(0, i);
                    break;
                }
            const std::string_view t = base::stripped(line);
            if (t.empty())
                continue;
            const int column = int(t.data() - ll.text.data()) + 1;
            if (t.front() == '-') {
                handleOption(text, path, ll, t, column);
                continue;
            }
            currentIndex = parsePin(text, path, ll.line, t, column);
        }
        m_stack.pop_back();
    }

    Diagnostics errors;
    Diagnostics warnings;
    bool sawVia() const { return m_sawVia; }
    std::vector<std::string> directNames;

private:
    void addVia(int index, std::string_view via)
    {
        if (index < 0)
            return;
        LockedPackage &pkg = m_lock.packages[std::size_t(index)];
        if (via.starts_with("-r") || via.starts_with("-c")) {
            addUnique(directNames, pkg.name);
            return;
        }
        // `# via a, b` (old pip-compile) or one name per line.
        std::size_t pos = 0;
        while (pos < via.size()) {
            std::size_t comma = via.find(',', pos);
            std::string_view item = base::stripped(via.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos));
            std::size_t end = 0;
            while (end < item.size() && isNameChar(item[end]))
                ++end;
            if (end > 0)
                addUnique(pkg.requiredBy, normalizeProjectName(item.substr(0, end)));
            if (comma == std::string_view::npos)
                break;
            pos = comma + 1;
        }
    }

    void handleOption(std::string_view text, const std::string &path, const LogicalLine &ll, std::string_view t, int column)
    {
        std::string_view opt = t;
        std::string_view value;
        const std::size_t split = opt.find_first_of(" \t=");
        if (split != std::string_view::npos) {
            value = base::stripped(opt.substr(split + 1));
            opt = opt.substr(0, split);
        }
        if (opt == "-r" || opt == "--requirement" || opt == "-c" || opt == "--constraint") {
            if (value.empty()) {
                errors.push_back(errorAt(path, text, ll.line, column, std::string(opt) + " needs a file name"));
                return;
            }
            include(text, path, ll.line, column, std::string(value));
        }
        // Every other option (--hash, -i, --index-url, -e, -f, --pre, ...) pins nothing.
    }

    void include(std::string_view text, const std::string &path, int line, int column, const std::string &name)
    {
        namespace fs = std::filesystem;
        const fs::path target = fs::path(name).is_absolute() ? fs::path(name) : fs::path(path).parent_path() / name;
        const std::string key = target.lexically_normal().generic_string();
        for (const std::string &s : m_stack) {
            if (fs::path(s).lexically_normal().generic_string() == key) {
                std::string chain;
                for (const std::string &p : m_stack)
                    chain += p + " -> ";
                errors.push_back(errorAt(path, text, line, column, "requirements include cycle: " + chain + key));
                return;
            }
        }
        // The cycle check compares path text, which a directory symlink (`a -> .`) defeats:
        // `-r a/x.txt` then nests under ever longer names, and two such includes per file
        // grow exponentially. Bound both the depth and the total number of includes.
        if (m_stack.size() >= kMaxIncludeDepth || m_includes >= kMaxIncludes) {
            errors.push_back(errorAt(path, text, line, column,
                                     "requirements includes nested too deeply or too many (limits: depth "
                                         + std::to_string(kMaxIncludeDepth) + ", " + std::to_string(kMaxIncludes)
                                         + " files); not reading '" + key + "'"));
            return;
        }
        ++m_includes;
        const std::optional<std::string> content = m_reader ? m_reader(key) : std::nullopt;
        if (!content) {
            errors.push_back(errorAt(path, text, line, column, "included requirements file '" + key + "' not found"));
            return;
        }
        parse(*content, key);
    }

    /// Parses `name[extras] == version [; marker] [--hash ...]`; returns the package index or -1.
    int parsePin(std::string_view text, const std::string &path, int line, std::string_view t, int column)
    {
        // Options after the requirement (`--hash=...`) end it.
        for (std::size_t i = 1; i + 1 < t.size(); ++i)
            if (t[i] == '-' && t[i + 1] == '-' && (t[i - 1] == ' ' || t[i - 1] == '\t')) {
                t = base::stripped(t.substr(0, i));
                break;
            }
        std::size_t i = 0;
        while (i < t.size() && isNameChar(t[i]))
            ++i;
        if (i == 0 || !std::isalnum(static_cast<unsigned char>(t[0]))) {
            errors.push_back(errorAt(path, text, line, column, "expected a requirement name"));
            return -1;
        }
        LockedPackage pkg;
        pkg.displayName = std::string(t.substr(0, i));
        pkg.name = normalizeProjectName(pkg.displayName);
        pkg.line = line;
        auto skipSpace = [&] { while (i < t.size() && (t[i] == ' ' || t[i] == '\t')) ++i; };
        skipSpace();
        if (i < t.size() && t[i] == '[') {
            const std::size_t close = t.find(']', i);
            if (close == std::string_view::npos) {
                errors.push_back(errorAt(path, text, line, column + int(i), "unterminated extras list"));
                return -1;
            }
            i = close + 1;
            skipSpace();
        }
        const bool arbitrary = t.substr(i).starts_with("===");
        if (!arbitrary && !t.substr(i).starts_with("==")) {
            warnings.push_back(Diagnostic::warning({path, line, column}, "requirement '" + std::string(t) + "' is not pinned with '=='; ignored"));
            return -1;
        }
        i += arbitrary ? 3 : 2;
        skipSpace();
        const std::size_t vstart = i;
        while (i < t.size() && t[i] != ';' && t[i] != ',' && t[i] != ' ' && t[i] != '\t')
            ++i;
        const std::string_view version = t.substr(vstart, i - vstart);
        if (version.empty()) {
            errors.push_back(errorAt(path, text, line, column + int(vstart), "expected a version after '=='"));
            return -1;
        }
        if (!arbitrary) {
            auto v = Version::parse(version, path);
            if (!v) {
                const Diagnostic &d = v.diagnostics().front();
                const std::string msg = d.message;
                errors.push_back(errorAt(path, text, line, column + int(vstart) + d.loc.column - 1, msg));
                return -1;
            }
        }
        skipSpace();
        if (i < t.size() && t[i] == ',') {
            warnings.push_back(Diagnostic::warning({path, line, column}, "requirement '" + std::string(t) + "' has several specifiers; ignored"));
            return -1;
        }
        pkg.version = std::string(version);
        return int(addPackage(m_lock, m_index, std::move(pkg)));
    }

    const FileReader &m_reader;
    Lockfile &m_lock;
    PackageIndex m_index;
    std::vector<std::string> m_stack; // include chain, outermost first
    static constexpr std::size_t kMaxIncludeDepth = 32;
    static constexpr int kMaxIncludes = 1000;
    int m_includes = 0;               // includes read so far, over the whole chain
    bool m_sawVia = false;
};

} // namespace

const char *formatName(LockfileFormat format)
{
    switch (format) {
    case LockfileFormat::Pex: return "pex";
    case LockfileFormat::Uv: return "uv";
    case LockfileFormat::Poetry: return "poetry";
    case LockfileFormat::Requirements: return "requirements";
    }
    return "pex";
}

int Lockfile::indexOf(std::string_view normalizedName) const
{
    for (std::size_t i = 0; i < packages.size(); ++i)
        if (packages[i].name == normalizedName)
            return int(i);
    return -1;
}

FileReader diskReader()
{
    return [](const std::string &path) -> std::optional<std::string> {
        auto text = base::RealDisk().readFile(path);
        if (!text)
            return std::nullopt;
        return std::move(*text);
    };
}

std::pair<int, int> lineColumnOf(std::string_view text, std::size_t offset)
{
    offset = std::min(offset, text.size());
    int line = 1;
    int column = 1;
    for (std::size_t i = 0; i < offset; ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++line;
            column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++column; // count code points: skip UTF-8 continuation bytes
        }
    }
    return {line, column};
}

std::optional<LockfileFormat> detectFormat(std::string_view text)
{
    const StrippedText stripped = stripComments(text);
    if (startsWithBrace(stripped.body)) {
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(stripped.body));
        if (doc.isObject() && doc.object().contains(QLatin1String("locked_resolves")))
            return LockfileFormat::Pex;
        return std::nullopt;
    }
    TomlOutcome toml = parseToml(text, "<detect>");
    if (toml.table)
        if (auto f = tomlFormat(*toml.table))
            return f;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t nl = text.find('\n', pos);
        if (!looksLikeRequirementLine(text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos)))
            return std::nullopt;
        if (nl == std::string_view::npos)
            break;
        pos = nl + 1;
    }
    return LockfileFormat::Requirements;
}

base::Result<Lockfile> parseLockfile(std::string_view text, const std::string &path, const FileReader &reader)
{
    const StrippedText stripped = stripComments(text);
    if (startsWithBrace(stripped.body))
        return parsePex(text, stripped, path);

    TomlOutcome toml = parseToml(text, path);
    if (toml.table) {
        if (auto f = tomlFormat(*toml.table))
            return parseTomlLock(text, *toml.table, path, *f);
        if (toml.table->contains("package"))
            return errorAt(path, text, 1, 1, "TOML lockfile with [[package]] but neither a top-level 'version' (uv) nor [metadata] lock-version (poetry)");
    }

    // Not TOML: requirements style when every line looks like one; else report why.
    bool requirementsLike = true;
    int badLine = 0;
    {
        std::size_t pos = 0;
        int lineNo = 0;
        while (pos <= text.size()) {
            std::size_t nl = text.find('\n', pos);
            ++lineNo;
            if (!looksLikeRequirementLine(text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos))) {
                requirementsLike = false;
                badLine = lineNo;
                break;
            }
            if (nl == std::string_view::npos)
                break;
            pos = nl + 1;
        }
    }
    if (!requirementsLike) {
        if (toml.error && (text.find("[[package]]") != std::string_view::npos || text.find("[metadata]") != std::string_view::npos))
            return *toml.error;
        return errorAt(path, text, badLine, 1, "unrecognised lockfile format (not a pex, uv or Poetry lockfile, nor requirements pins)");
    }

    Lockfile lock;
    lock.path = path;
    lock.format = LockfileFormat::Requirements;
    RequirementsParser parser(reader, lock);
    parser.parse(text, path);
    if (!parser.errors.empty())
        return parser.errors;
    if (parser.sawVia()) {
        lock.topLevel = parser.directNames;
    } else {
        for (const LockedPackage &p : lock.packages)
            lock.topLevel.push_back(p.name);
    }
    finish(lock);
    return {std::move(lock), std::move(parser.warnings)};
}

} // namespace trellis::lockfile
