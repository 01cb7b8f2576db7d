// Static reading of in-repo Pants plugins (see pluginscan.h).
#include "core/workspace/pluginscan.h"

#include "core/base/paths.h"
#include "core/base/text.h"
#include "core/workspace/backendtables_p.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

#include <algorithm>
#include <functional>
#include <map>
#include <regex>
#include <mutex>
#include <set>

namespace trellis::workspace {

namespace {

using K = FieldKind;

/// One logical line: indentation of its first physical line, text without comments.
struct Line {
    int indent = 0;
    std::string text;
};

/// Splits Python source into logical lines: brackets and backslashes join lines, strings
/// (triple-quoted too) are kept verbatim, comments are dropped.
std::vector<Line> logicalLines(std::string_view src)
{
    std::vector<Line> out;
    Line cur;
    bool atStart = true;
    int depth = 0;
    size_t i = 0;
    auto flush = [&] {
        size_t e = cur.text.find_last_not_of(" \t");
        cur.text.erase(e == std::string::npos ? 0 : e + 1);
        if (!cur.text.empty())
            out.push_back(std::move(cur));
        cur = Line();
        atStart = true;
        depth = 0;
    };
    while (i < src.size()) {
        char c = src[i];
        if (atStart) {
            int ind = 0;
            while (i < src.size() && (src[i] == ' ' || src[i] == '\t')) {
                ind += src[i] == '\t' ? 8 - ind % 8 : 1;
                ++i;
            }
            cur.indent = ind;
            atStart = false;
            continue;
        }
        if (c == '#') {
            while (i < src.size() && src[i] != '\n')
                ++i;
            continue;
        }
        if (c == '\\' && i + 1 < src.size() && src[i + 1] == '\n') {
            i += 2;
            cur.text += ' ';
            continue;
        }
        if (c == '\n') {
            ++i;
            if (depth > 0)
                cur.text += ' ';
            else
                flush();
            continue;
        }
        if (c == '"' || c == '\'') {
            const bool triple = i + 2 < src.size() && src[i + 1] == c && src[i + 2] == c;
            const size_t start = i;
            i += triple ? 3 : 1;
            while (i < src.size()) {
                if (src[i] == '\\') {
                    i += 2;
                    continue;
                }
                if (triple ? (src.compare(i, 3, std::string(3, c)) == 0) : src[i] == c) {
                    i += triple ? 3 : 1;
                    break;
                }
                if (!triple && src[i] == '\n')
                    break;
                ++i;
            }
            cur.text.append(src.substr(start, std::min(i, src.size()) - start));
            continue;
        }
        if (c == '(' || c == '[' || c == '{')
            ++depth;
        else if ((c == ')' || c == ']' || c == '}') && depth > 0)
            --depth;
        cur.text += c;
        ++i;
    }
    flush();
    return out;
}

/// Splits at depth-0 occurrences of `sep` (outside strings and brackets).
std::vector<std::string> splitTop(std::string_view s, char sep)
{
    std::vector<std::string> parts;
    int depth = 0;
    size_t start = 0;
    char quote = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (quote) {
            if (c == '\\')
                ++i;
            else if (c == quote)
                quote = 0;
            continue;
        }
        if (c == '"' || c == '\'')
            quote = c;
        else if (c == '(' || c == '[' || c == '{')
            ++depth;
        else if (c == ')' || c == ']' || c == '}')
            --depth;
        else if (c == sep && depth == 0) {
            parts.push_back(std::string(base::stripped(s.substr(start, i - start))));
            start = i + 1;
        }
    }
    parts.push_back(std::string(base::stripped(s.substr(start))));
    parts.erase(std::remove(parts.begin(), parts.end(), std::string()), parts.end());
    return parts;
}

/// `(a, b)` / `[a, b]` -> "a, b"; other text unchanged.
std::string unwrap(std::string s)
{
    s = std::string(base::stripped(s));
    while (s.size() >= 2 && ((s.front() == '(' && s.back() == ')') || (s.front() == '[' && s.back() == ']'))) {
        // Only when the opening bracket closes at the end.
        int depth = 0;
        bool whole = true;
        for (size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '(' || s[i] == '[')
                ++depth;
            else if (s[i] == ')' || s[i] == ']')
                if (--depth == 0 && i + 1 < s.size())
                    whole = false;
        }
        if (!whole)
            break;
        s = std::string(base::stripped(s.substr(1, s.size() - 2)));
    }
    return s;
}

std::string lastName(std::string_view dotted)
{
    const size_t dot = dotted.rfind('.');
    return std::string(base::stripped(dot == std::string_view::npos ? dotted : dotted.substr(dot + 1)));
}

/// A Python literal: strings, numbers, booleans, None, tuples/lists of those.
std::optional<HostValue> literal(std::string s)
{
    s = std::string(base::stripped(s));
    if (s.empty())
        return std::nullopt;
    if (s == "True" || s == "False")
        return HostValue::boolean(s == "True");
    if (s == "None")
        return HostValue::none();
    if ((s.front() == '"' || s.front() == '\'') && s.size() >= 2 && s.back() == s.front()) {
        const bool triple = s.size() >= 6 && s.compare(0, 3, std::string(3, s.front())) == 0;
        const std::string body = triple ? s.substr(3, s.size() - 6) : s.substr(1, s.size() - 2);
        if (!triple && body.find(s.front()) != std::string::npos)
            return std::nullopt; // implicit concatenation or escapes: not a plain literal
        return HostValue::string(body);
    }
    if (std::all_of(s.begin() + (s.front() == '-' ? 1 : 0), s.end(), [](char c) { return c >= '0' && c <= '9'; })
        && s != "-")
        return HostValue::integer(std::stoll(s));
    if (s.front() == '(' || s.front() == '[') {
        const bool tuple = s.front() == '(';
        if (s.back() != (tuple ? ')' : ']'))
            return std::nullopt;
        buildlang::HostList items;
        for (const std::string &part : splitTop(s.substr(1, s.size() - 2), ',')) {
            auto v = literal(part);
            if (!v)
                return std::nullopt;
            items.push_back(std::move(*v));
        }
        return tuple ? HostValue::tuple(std::move(items)) : HostValue::tuple(std::move(items));
    }
    return std::nullopt;
}

struct ClassDef {
    std::string name, file;
    std::vector<std::string> bases;                 ///< last dotted component of each base
    std::map<std::string, std::string> attrs;        ///< class-level NAME = expr
    bool computeValue = false;                       ///< defines compute_value (lenient kind)
};

const std::set<std::string, std::less<>> kTargetRoots = {"Target", "TargetGenerator", "TargetFilesGenerator"};

class Scanner {
public:
    void addFile(const std::string &path, std::string_view text);
    PluginScan finish();

private:
    std::optional<FieldSpec> fieldOf(const std::string &cls, int depth = 0);
    bool isTarget(const std::string &cls, int depth = 0);
    std::optional<std::string> attr(const std::string &cls, const std::string &name, int depth = 0);
    std::vector<FieldSpec> fieldsOf(const std::string &expr, int depth = 0);
    const TableType *builtinTarget(const std::string &cls) const;
    std::string aliasOf(const std::string &cls);

    /// The class `name` names: a key of m_classes ("Name@file") or a class name; when
    /// several files define a class of that name, the one with base classes wins.
    const ClassDef *findClass(const std::string &name) const;
    bool hasClass(const std::string &name) const { return findClass(name) != nullptr; }

    std::map<std::string, ClassDef> m_classes;           // by "Name@file"
    std::map<std::string, std::vector<std::string>> m_byName; // class name -> keys
    std::map<std::string, std::string> m_constants;      // top-level NAME = expr
    std::vector<std::tuple<std::string, std::string, bool>> m_registrations; // (target class, field class, moved)
    std::vector<std::string> m_files;
    std::set<std::string> m_objects;
    int m_unresolved = 0; // field expressions fieldsOf() could not resolve (per type in finish())
};

void Scanner::addFile(const std::string &path, std::string_view text)
{
    static const std::regex classRe(R"(^class\s+(\w+)\s*(?:\((.*)\))?\s*:(.*)$)");
    static const std::regex assignRe(R"(^([A-Za-z_]\w*)\s*(?::[^=]*)?=(?!=)\s*(.*)$)");
    static const std::regex regRe(
        R"(([A-Za-z_][\w.]*)\s*\.\s*register_plugin_field\(\s*([A-Za-z_][\w.]*)\s*(,\s*as_moved_field\s*=\s*True)?)");
    m_files.push_back(path);
    const std::vector<Line> lines = logicalLines(text);
    ClassDef *cls = nullptr;
    int bodyIndent = -1;
    for (const Line &l : lines) {
        std::smatch m;
        // register_plugin_field anywhere (rules() bodies, list comprehensions).
        for (auto it = std::sregex_iterator(l.text.begin(), l.text.end(), regRe); it != std::sregex_iterator(); ++it) {
            const std::string recv = (*it)[1].str(), fieldCls = lastName((*it)[2].str());
            const bool moved = (*it)[3].matched;
            // `tgt.register_plugin_field(F) for tgt in (A, B)`: expand the loop variable.
            const std::regex loopRe("for\\s+" + recv + "\\s+in\\s+([^\\]\\)]*[\\]\\)]|[A-Za-z_][\\w.]*)");
            std::smatch lm;
            if (recv.find('.') == std::string::npos && std::regex_search(l.text, lm, loopRe)) {
                std::string iter = lm[1].str();
                if (!iter.empty() && (iter.back() == ')' || iter.back() == ']') && iter.front() != '(' && iter.front() != '[')
                    iter.pop_back();
                std::vector<std::string> names = splitTop(unwrap(iter), ',');
                if (names.size() == 1 && m_constants.count(names.front()))
                    names = splitTop(unwrap(m_constants[names.front()]), ',');
                for (const std::string &n : names)
                    m_registrations.emplace_back(lastName(n), fieldCls, moved);
            } else {
                m_registrations.emplace_back(lastName(recv), fieldCls, moved);
            }
        }
        // build_file_aliases(): BuildFileAliases(objects={"name": ...}, ...)
        if (l.text.find("BuildFileAliases(") != std::string::npos) {
            static const std::regex keyRe(R"(["']([A-Za-z_]\w*)["']\s*:)");
            for (auto it = std::sregex_iterator(l.text.begin(), l.text.end(), keyRe); it != std::sregex_iterator(); ++it)
                m_objects.insert((*it)[1].str());
        }
        if (l.indent == 0) {
            cls = nullptr;
            bodyIndent = -1;
            if (std::regex_match(l.text, m, classRe)) {
                const std::string key = m[1].str() + "@" + path;
                ClassDef &c = m_classes[key];
                c = ClassDef();
                m_byName[m[1].str()].push_back(key);
                c.name = m[1].str();
                c.file = path;
                for (const std::string &b : splitTop(m[2].str(), ','))
                    if (b.find('=') == std::string::npos) { // skip metaclass=...
                        std::string base = b;
                        if (const size_t br = base.find('['); br != std::string::npos)
                            base.erase(br); // Generic[...]
                        c.bases.push_back(lastName(base));
                    }
                cls = &c;
                const std::string inlineBody = std::string(base::stripped(m[3].str()));
                if (std::regex_match(inlineBody, m, assignRe))
                    c.attrs[m[1].str()] = std::string(base::stripped(m[2].str()));
            } else if (std::regex_match(l.text, m, assignRe)) {
                m_constants[m[1].str()] = std::string(base::stripped(m[2].str()));
            }
            continue;
        }
        if (!cls)
            continue;
        if (bodyIndent < 0)
            bodyIndent = l.indent;
        if (l.indent != bodyIndent)
            continue;
        if (l.text.starts_with("def compute_value"))
            cls->computeValue = true;
        if (std::regex_match(l.text, m, assignRe))
            cls->attrs[m[1].str()] = std::string(base::stripped(m[2].str()));
    }
}

std::optional<std::string> Scanner::attr(const std::string &cls, const std::string &name, int depth)
{
    if (depth > 30)
        return std::nullopt;
    const ClassDef *c = findClass(cls);
    if (!c)
        return std::nullopt;
    if (auto a = c->attrs.find(name); a != c->attrs.end())
        return a->second;
    for (const std::string &b : c->bases)
        if (auto v = attr(b, name, depth + 1))
            return v;
    return std::nullopt;
}

const TableType *Scanner::builtinTarget(const std::string &cls) const
{
    const BackendData &d = backendData();
    auto it = d.targetClasses.find(cls);
    if (it == d.targetClasses.end())
        return nullptr;
    for (const auto &[name, table] : d.tables)
        for (const TableType &t : table.types)
            if (t.alias == it->second)
                return &t;
    return nullptr;
}

bool Scanner::isTarget(const std::string &cls, int depth)
{
    if (depth > 30)
        return false;
    if (kTargetRoots.count(cls) || (!hasClass(cls) && backendData().targetClasses.count(cls)))
        return true;
    const ClassDef *c = findClass(cls);
    if (!c)
        return false;
    for (const std::string &b : c->bases)
        if (b != c->name && isTarget(b, depth + 1))
            return true;
    return false;
}

std::optional<FieldSpec> Scanner::fieldOf(const std::string &cls, int depth)
{
    if (depth > 30)
        return std::nullopt;
    const ClassDef *cp = findClass(cls);
    if (!cp) {
        const auto &fc = backendData().fieldClasses;
        if (auto b = fc.find(cls); b != fc.end())
            return b->second.spec; // alias "" for abstract bases
        // Field classes of older Pants versions: `Sources` (until 2.8) is MultipleSourcesField.
        if (cls == "Sources")
            if (auto b = fc.find("MultipleSourcesField"); b != fc.end())
                return b->second.spec;
        return std::nullopt;
    }
    const ClassDef &c = *cp;
    FieldSpec spec;
    bool found = false;
    for (const std::string &b : c.bases) {
        if (b == c.name)
            continue;
        if (auto base = fieldOf(b, depth + 1)) {
            spec = *base;
            found = true;
            break;
        }
    }
    if (!found)
        return std::nullopt;
    if (auto a = c.attrs.find("alias"); a != c.attrs.end()) {
        auto v = literal(a->second);
        if (!v || !v->isString())
            return std::nullopt;
        spec.alias = v->str();
    }
    if (auto d = c.attrs.find("default"); d != c.attrs.end())
        spec.defaultValue = literal(d->second).value_or(HostValue());
    if (auto r = c.attrs.find("required"); r != c.attrs.end())
        spec.required = std::string(base::stripped(r->second)) == "True";
    if (c.computeValue && spec.kind != K::Bool && spec.kind != K::Dependencies && spec.kind != K::SpecialDependencies)
        spec.kind = K::Any;
    return spec;
}

std::string Scanner::aliasOf(const std::string &cls)
{
    if (auto a = attr(cls, "alias"))
        if (auto v = literal(*a); v && v->isString())
            return v->str();
    if (!hasClass(cls))
        if (auto it = backendData().targetClasses.find(cls); it != backendData().targetClasses.end())
            return it->second;
    // Inherited from a built-in target class somewhere up the chain.
    std::function<std::string(const std::string &, int)> up = [&](const std::string &c, int depth) -> std::string {
        const ClassDef *cd = findClass(c);
        if (depth > 30 || !cd)
            return {};
        for (const std::string &b : cd->bases) {
            if (!hasClass(b))
                if (auto t = backendData().targetClasses.find(b); t != backendData().targetClasses.end())
                    return t->second;
            if (std::string r = up(b, depth + 1); !r.empty())
                return r;
        }
        return {};
    };
    return up(cls, 0);
}

std::vector<FieldSpec> Scanner::fieldsOf(const std::string &exprIn, int depth)
{
    std::vector<FieldSpec> out;
    if (depth > 20)
        return out;
    std::string expr = std::string(base::stripped(exprIn));
    if (expr.starts_with("tuple(") || expr.starts_with("list(")) {
        expr = expr.substr(expr.find('(') + 1);
        if (!expr.empty() && expr.back() == ')')
            expr.pop_back();
    }
    const std::vector<std::string> sums = splitTop(expr, '+');
    if (sums.size() > 1) {
        for (const std::string &s : sums)
            for (FieldSpec &f : fieldsOf(s, depth + 1))
                out.push_back(std::move(f));
        return out;
    }
    const std::string body = unwrap(expr);
    const std::vector<std::string> items = splitTop(body, ',');
    if (items.size() > 1 || body != expr) {
        for (const std::string &item : items)
            for (FieldSpec &f : fieldsOf(item, depth + 1))
                out.push_back(std::move(f));
        return out;
    }
    std::string item = body;
    if (!item.empty() && item.front() == '*')
        item = std::string(base::stripped(item.substr(1)));
    if (item.empty())
        return out;
    if (item.find(',') != std::string::npos || item.front() == '(' || item.front() == '[')
        return fieldsOf(item, depth + 1);
    for (const char *suffix : {".core_fields", ".moved_fields", ".copied_fields"}) {
        if (item.ends_with(suffix)) {
            const std::string cls = lastName(item.substr(0, item.size() - std::string_view(suffix).size()));
            const std::string what = std::string(suffix).substr(1);
            if (auto a = attr(cls, what))
                return fieldsOf(*a, depth + 1);
            const TableType *t = builtinTarget(cls);
            if (!t)
                ++m_unresolved;
            if (t) {
                if (what == "core_fields") {
                    for (const FieldSpec &f : t->fields)
                        if (std::find(t->moved.begin(), t->moved.end(), f.alias) == t->moved.end())
                            out.push_back(f);
                } else {
                    const auto &names = what == "moved_fields" ? t->moved : t->copied;
                    for (const FieldSpec &f : t->fields)
                        if (std::find(names.begin(), names.end(), f.alias) != names.end())
                            out.push_back(f);
                }
            }
            return out;
        }
    }
    const std::string name = lastName(item);
    if (name == "COMMON_TARGET_FIELDS") {
        out.push_back(FieldSpec{"description", K::String, {}, false});
        out.push_back(FieldSpec{"tags", K::StringList, {}, false});
        return out;
    }
    if (!hasClass(name))
        if (auto c = m_constants.find(name); c != m_constants.end())
            return fieldsOf(c->second, depth + 1);
    if (auto f = fieldOf(name); f && !f->alias.empty())
        out.push_back(*f);
    else if (!f)
        ++m_unresolved;
    return out;
}

const ClassDef *Scanner::findClass(const std::string &name) const
{
    if (auto it = m_classes.find(name); it != m_classes.end())
        return &it->second;
    auto keys = m_byName.find(name);
    if (keys == m_byName.end())
        return nullptr;
    const ClassDef *best = nullptr;
    for (const std::string &k : keys->second) {
        const ClassDef &c = m_classes.at(k);
        if (!best || (best->bases.empty() && !c.bases.empty()))
            best = &c;
    }
    return best;
}

PluginScan Scanner::finish()
{
    PluginScan scan;
    scan.files = m_files;
    scan.objects.assign(m_objects.begin(), m_objects.end());
    std::map<std::string, TargetType> types;
    for (const auto &[name, c] : m_classes) {
        if (!isTarget(name) || kTargetRoots.count(c.name))
            continue;
        const auto own = c.attrs.find("alias");
        if (own == c.attrs.end())
            continue; // abstract intermediate base: only concrete aliases are types
        const std::string alias = aliasOf(name);
        if (alias.empty())
            continue;
        TargetType t;
        t.alias = alias;
        t.plugin = true;
        m_unresolved = 0;
        bool haveFields = true;
        if (auto cf = attr(name, "core_fields"))
            t.fields = fieldsOf(*cf);
        else if (aliasOf(c.bases.empty() ? std::string() : c.bases.front()).empty())
            haveFields = false;
        else if (const std::string inherited = aliasOf(c.bases.empty() ? std::string() : c.bases.front()); !inherited.empty())
            for (const auto &[bn, table] : backendData().tables)
                for (const TableType &tt : table.types)
                    if (tt.alias == inherited && t.fields.empty())
                        t.fields = tt.fields;
        if (auto moved = attr(name, "moved_fields")) {
            for (FieldSpec &f : fieldsOf(*moved)) {
                t.movedFields.push_back(f.alias);
                t.fields.push_back(std::move(f));
            }
        }
        std::sort(t.fields.begin(), t.fields.end(), [](const FieldSpec &a, const FieldSpec &b) { return a.alias < b.alias; });
        t.fields.erase(std::unique(t.fields.begin(), t.fields.end(),
                                   [](const FieldSpec &a, const FieldSpec &b) { return a.alias == b.alias; }),
                       t.fields.end());
        t.pluginFieldsKnown = haveFields && !t.fields.empty() && m_unresolved == 0;
        if (auto gen = attr(name, "generated_target_cls")) {
            const std::string genAlias = aliasOf(lastName(*gen));
            if (!genAlias.empty() && t.fieldSpec("sources")) {
                t.generator = GeneratorKind::Files;
                t.generatedType = genAlias;
                t.copiedFields = {"description", "tags"};
                if (auto copied = attr(name, "copied_fields"))
                    for (const FieldSpec &f : fieldsOf(*copied))
                        t.copiedFields.push_back(f.alias);
            }
        }
        // Plugin types stay lenient: any field is accepted (kept raw) and `dependencies`
        // is read as dependencies even when the plugin's fields could not all be resolved.
        for (const char *c2 : {"dependencies", "description", "tags"})
            if (!t.fieldSpec(c2)) {
                const std::string_view n = c2;
                t.fields.push_back(FieldSpec{c2, n == "tags" ? K::StringList : n == "description" ? K::String : K::Dependencies,
                                             {}, false});
                std::sort(t.fields.begin(), t.fields.end(),
                          [](const FieldSpec &a, const FieldSpec &b) { return a.alias < b.alias; });
            }
        types[alias] = std::move(t);
    }
    // A generator whose generated type is unknown cannot expand: keep it plain.
    for (auto &[alias, t] : types)
        if (t.isGenerator() && !types.count(t.generatedType) && !backendData().targetClasses.empty()) {
            bool builtin = false;
            for (const auto &[cls, a] : backendData().targetClasses)
                builtin = builtin || a == t.generatedType;
            if (!builtin) {
                t.generator = GeneratorKind::None;
                t.generatedType.clear();
            }
        }
    for (auto &[alias, t] : types)
        scan.types.push_back(std::move(t));
    for (const auto &[tcls, fcls, moved] : m_registrations) {
        const std::string target = aliasOf(tcls);
        auto f = fieldOf(fcls);
        if (target.empty() || !f || f->alias.empty())
            continue;
        scan.fields.push_back(PluginField{target, *f, moved});
    }
    return scan;
}

} // namespace

PluginScan scanPluginSources(const std::vector<std::pair<std::string, std::string>> &files)
{
    Scanner s;
    // Constants first (register_plugin_field loops may name a tuple defined in another file).
    for (const auto &[path, text] : files)
        s.addFile(path, text);
    return s.finish();
}

PluginScan scanPlugins(const std::string &buildRoot, const std::vector<std::string> &pythonpath,
                       const std::vector<std::string> &backends)
{
    std::vector<std::pair<std::string, std::string>> files;
    std::set<std::string> seen;
    for (const std::string &entry : pythonpath) {
        QString dir = QString::fromStdString(entry);
        dir.replace(QStringLiteral("%(buildroot)s"), QString::fromStdString(buildRoot));
        if (QDir::isRelativePath(dir))
            dir = QString::fromStdString(buildRoot) + QLatin1Char('/') + dir;
        for (const std::string &backend : backends) {
            std::string rel = backend;
            std::replace(rel.begin(), rel.end(), '.', '/');
            const QString pkg = QDir::cleanPath(dir + QLatin1Char('/') + QString::fromStdString(rel));
            const bool isPackage = QFileInfo::exists(pkg + QStringLiteral("/register.py"));
            const bool isModule = QFileInfo::exists(pkg + QStringLiteral(".py"));
            if (!isPackage && !isModule)
                continue;
            // The backend's package, plus its parent plugin package (shared target_types modules).
            QString root = isPackage ? pkg : QFileInfo(pkg).path();
            const QString top = QDir::cleanPath(dir + QLatin1Char('/') + QString::fromStdString(rel.substr(0, rel.find('/'))));
            if (QFileInfo(top).isDir())
                root = top;
            QDirIterator it(root, {QStringLiteral("*.py")}, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const std::string path = it.next().toStdString();
                if (!seen.insert(path).second || path.ends_with("_test.py") || path.find("/test_") != std::string::npos)
                    continue;
                if (auto text = base::readFile(path)) {
                    std::string shown = path;
                    if (shown.starts_with(buildRoot + "/"))
                        shown = shown.substr(buildRoot.size() + 1);
                    files.emplace_back(shown, std::move(*text));
                }
            }
        }
    }
    // Every load of a workspace scans the same plugin sources again (the window after each
    // BUILD edit): the last scan is kept for the same files with the same text.
    static std::mutex lastMutex;
    static std::vector<std::pair<std::string, std::string>> lastFiles;
    static PluginScan lastScan;
    {
        std::lock_guard lock(lastMutex);
        if (!files.empty() && files == lastFiles)
            return lastScan;
    }
    PluginScan scan = scanPluginSources(files);
    std::lock_guard lock(lastMutex);
    lastFiles = std::move(files);
    lastScan = scan;
    return scan;
}

} // namespace trellis::workspace
