// Options loading, after Pants' Rust options parser (src/rust/options/src/lib.rs).
//
// Sources are ranked: built-in default < config files in order (pants.toml, further
// --config/PANTS_CONFIG_FILES files, then rc files) < environment < flags.
//
// Bootstrap runs in three steps, as in Pants:
//  1. From environment and flags only: [GLOBAL].pants_config_files (default
//     `<root>/pants.toml` when it exists; `--config FILE` adds), pants_workdir and
//     pants_distdir. These seed the interpolation map together with buildroot, homedir,
//     user and `env.NAME`.
//  2. Every config file is parsed with toml++ and converted to HostValue trees, with
//     `%(name)s` interpolation applied to every string (names from the seeds, [DEFAULT]
//     and the string keys of the section itself), repeated until no placeholder remains.
//     Then the rc files (pantsrc_files, when pantsrc and OptionsRequest::readPantsrc).
//  3. Every known option (optionschema.cpp) is resolved over all layers by type:
//     scalars take the highest-ranked value; lists collect edits from every layer and
//     apply them (removals last); dicts replace or merge in rank order. [DEFAULT]
//     supplies a fallback for known options in every scope. Unknown options are kept as
//     written, the highest-ranked value winning.
//
// TOML tables keep their written order (entries are sorted by source position, since
// toml++ iterates tables by key).
#include "core/workspace/options.h"

#include "core/base/paths.h"
#include "core/workspace/optionschema_p.h"
#include "core/workspace/optionvalueparser_p.h"

#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>
#include <unordered_map>

#if __has_include(<pwd.h>)
#include <pwd.h>
#include <unistd.h>
#define TRELLIS_HAVE_PWD 1
#endif

namespace trellis::workspace {

using base::Diagnostic;
using base::Diagnostics;
using base::SourceLocation;
using buildlang::HostDict;
using buildlang::HostList;

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kGlobal = "GLOBAL";
constexpr std::string_view kDefault = "DEFAULT";
constexpr int kMaxInterpolationRounds = 64;

using InterpolationMap = std::map<std::string, std::string, std::less<>>;
/// Longest string an interpolation may produce: `%(a)s%(a)s` chains would otherwise
/// double at every round.
constexpr size_t kMaxInterpolatedSize = 1 << 20;

/// The names visible to `%(name)s` in one section: the section's own string keys, then
/// the file-wide map (seeds and [DEFAULT]). Layered rather than copied per section, so a
/// file with many sections stays linear.
struct Interpolation {
    const InterpolationMap *section = nullptr; // may be null
    const InterpolationMap *defaults = nullptr;

    const std::string *find(std::string_view name) const
    {
        if (section)
            if (auto it = section->find(name); it != section->end())
                return &it->second;
        if (auto it = defaults->find(name); it != defaults->end())
            return &it->second;
        return nullptr;
    }
};

bool isRegularFile(const std::string &path)
{
    std::error_code ec;
    return fs::is_regular_file(path, ec);
}

std::string normalizePath(const std::string &path)
{
    std::string s = fs::path(path).lexically_normal().generic_string();
    while (s.size() > 1 && s.back() == '/')
        s.pop_back();
    return s;
}

/// `path` relative to `root` when inside it, else `path` unchanged.
std::string displayPath(const std::string &root, const std::string &path)
{
    if (path.size() > root.size() && path.compare(0, root.size(), root) == 0 && path[root.size()] == '/')
        return path.substr(root.size() + 1);
    return path;
}

std::string optionLabel(std::string_view scope, std::string_view name)
{
    return "[" + std::string(scope) + "]." + std::string(name);
}

/// `--scope-option` as typed on a command line.
std::string flagLabel(std::string_view scope, std::string_view name)
{
    std::string s = "--";
    if (scope != kGlobal) {
        s += scope;
        s += '-';
    }
    for (char c : name)
        s += c == '_' ? '-' : c;
    return s;
}

std::string upperUnderscored(std::string_view s)
{
    std::string out;
    for (char c : s)
        out += (c == '-' || c == '.') ? '_' : char(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

/// Environment variable names for an option, in lookup order (Pants env.rs).
std::vector<std::string> envNames(std::string_view scope, std::string_view name)
{
    const std::string upperName = upperUnderscored(name);
    std::vector<std::string> names = {"PANTS_" + upperUnderscored(scope) + "_" + upperName};
    if (scope == kGlobal)
        names.push_back("PANTS_" + upperName);
    if (upperName.rfind("PANTS_", 0) == 0)
        names.push_back(upperName);
    return names;
}

const char *tomlKindName(const HostValue &v)
{
    switch (v.kind()) {
    case HostValue::Kind::Bool: return "bool";
    case HostValue::Kind::Int: return "integer";
    case HostValue::Kind::Float: return "float";
    case HostValue::Kind::String: return "string";
    case HostValue::Kind::List:
    case HostValue::Kind::Tuple:
    case HostValue::Kind::Set: return "array";
    case HostValue::Kind::Dict: return "table";
    default: return "value";
    }
}

/// One parsed config file.
struct ConfigFile {
    std::string path;    ///< absolute
    std::string display; ///< buildroot-relative when inside the buildroot
    std::string text;
    HostValue root;      ///< dict: section name -> dict of options, every value located
    std::vector<size_t> lineStarts; ///< byte offset of each line (for error source lines)

    std::string line(int number) const
    {
        if (number < 1 || size_t(number) > lineStarts.size())
            return {};
        const size_t start = lineStarts[size_t(number) - 1];
        size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        if (end > start && text[end - 1] == '\r')
            --end;
        return text.substr(start, end - start);
    }
};

/// A value from one source, before it is converted to the option's type.
struct RawValue {
    HostValue value;       ///< as written (config) or a string (env, flag)
    bool fromText = false; ///< env var or flag: always a string in option syntax
    SourceLocation loc;    ///< config position, or the env var / flag name as `file`
    const ConfigFile *file = nullptr; // not owned; null for env and flags
};

/// The rank-ordered layers of raw values, queried per option.
class Layers {
public:
    /// Indexes every (section, option) of the config files once, so that each option
    /// lookup is O(1): a config file with tens of thousands of keys made the linear
    /// dict scans quadratic. `configs` must not change while the Layers is in use.
    Layers(const std::vector<ConfigFile> *configs, const std::map<std::string, std::string> *env,
           const std::vector<OptionFlag> *flags)
        : m_configs(configs), m_env(env), m_flags(flags)
    {
        if (m_configs) {
            m_index.resize(m_configs->size());
            for (size_t i = 0; i < m_configs->size(); ++i)
                for (const auto &[section, options] : (*m_configs)[i].root.entries()) {
                    auto &opts = m_index[i][section.str()];
                    opts.reserve(options.entries().size());
                    for (const auto &[name, value] : options.entries())
                        opts.emplace(name.str(), &value);
                }
        }
        if (m_flags)
            for (const OptionFlag &f : *m_flags)
                m_flagIndex[f.scope][f.option].push_back(&f);
    }

    /// Every value given for the option, lowest rank first. For known options each
    /// config file contributes its [DEFAULT] value first, then the scope's value.
    std::vector<RawValue> values(std::string_view scope, std::string_view name, bool known,
                                 bool listOrAll) const
    {
        std::vector<RawValue> out;
        if (m_configs) {
            for (size_t i = 0; i < m_configs->size(); ++i) {
                const ConfigFile &f = (*m_configs)[i];
                const HostValue *def = known ? lookup(i, kDefault, name) : nullptr;
                const HostValue *own = lookup(i, scope, name);
                if (listOrAll && def)
                    out.push_back({*def, false, def->location, &f});
                if (own)
                    out.push_back({*own, false, own->location, &f});
                else if (!listOrAll && def)
                    out.push_back({*def, false, def->location, &f});
            }
        }
        if (m_env) {
            for (const std::string &envName : envNames(scope, name)) {
                const auto it = m_env->find(envName);
                if (it != m_env->end()) {
                    out.push_back({HostValue::string(it->second), true, SourceLocation{envName, 0, 0}, nullptr});
                    break;
                }
            }
        }
        if (m_flags) {
            const auto s = m_flagIndex.find(scope);
            if (s != m_flagIndex.end()) {
                const auto o = s->second.find(name);
                if (o != s->second.end())
                    for (const OptionFlag *f : o->second)
                        out.push_back({HostValue::string(f->value), true, SourceLocation{flagLabel(scope, name), 0, 0},
                                       nullptr});
            }
        }
        return out;
    }

private:
    const HostValue *lookup(size_t file, std::string_view scope, std::string_view name) const
    {
        const auto &sections = m_index[file];
        const auto s = sections.find(scope);
        if (s == sections.end())
            return nullptr;
        const auto o = s->second.find(name);
        return o == s->second.end() ? nullptr : o->second;
    }

    using OptionIndex = std::unordered_map<std::string_view, const HostValue *>;
    std::vector<std::unordered_map<std::string_view, OptionIndex>> m_index; // per config file
    std::map<std::string_view, std::map<std::string_view, std::vector<const OptionFlag *>, std::less<>>, std::less<>>
        m_flagIndex;

    const std::vector<ConfigFile> *m_configs; // not owned; may be null
    const std::map<std::string, std::string> *m_env; // not owned; may be null
    const std::vector<OptionFlag> *m_flags; // not owned; may be null
};

/// Loads options for one request; collects every error before failing.
class Loader {
public:
    explicit Loader(const OptionsRequest &request) : m_request(request) {}

    base::Result<Options> run();

private:
    void error(const SourceLocation &loc, std::string message, const ConfigFile *file = nullptr)
    {
        Diagnostic d = Diagnostic::error(loc, std::move(message));
        if (file && loc.line > 0)
            d.sourceLine = file->line(loc.line);
        m_diags.push_back(std::move(d));
    }
    void error(const RawValue &raw, std::string message) { error(raw.loc, std::move(message), raw.file); }

    std::optional<std::string> envValue(const char *name) const
    {
        const auto it = m_env.find(name);
        if (it == m_env.end())
            return std::nullopt;
        return it->second;
    }
    std::string homeDir() const;
    std::string userName() const;
    std::string absolute(const std::string &path) const
    {
        if (!path.empty() && path.front() == '/')
            return normalizePath(path);
        return normalizePath(m_root + "/" + path);
    }

    bool readConfig(const std::string &path, const InterpolationMap &seeds);
    HostValue convert(const toml::node &node, const ConfigFile &file, const SourceLocation &keyLoc,
                      const std::string &section, const std::string &key, const Interpolation &imap);
    std::string interpolate(const std::string &value, const Interpolation &imap, const ConfigFile &file,
                            const SourceLocation &loc, const std::string &section, const std::string &key);

    std::optional<HostValue> resolve(const OptionSpec &spec, const Layers &layers);
    std::optional<HostValue> scalar(const OptionSpec &spec, const RawValue &raw);
    std::optional<std::vector<ListEdit>> listEdits(const OptionSpec &spec, const RawValue &raw);
    std::optional<DictEdit> dictEdit(const OptionSpec &spec, const RawValue &raw);

    const OptionsRequest &m_request;
    std::string m_root;
    std::map<std::string, std::string> m_env; ///< the request's environment + .pants.bootstrap
    std::vector<ConfigFile> m_configs;
    Diagnostics m_diags;
};

std::string Loader::homeDir() const
{
    if (auto home = envValue("HOME"); home && !home->empty())
        return *home;
#ifdef TRELLIS_HAVE_PWD
    if (const passwd *pw = getpwuid(getuid()); pw && pw->pw_dir)
        return pw->pw_dir;
#endif
    return "/";
}

std::string Loader::userName() const
{
    for (const char *var : {"USER", "LOGNAME"})
        if (auto u = envValue(var); u && !u->empty())
            return *u;
#ifdef TRELLIS_HAVE_PWD
    if (const passwd *pw = getpwuid(getuid()); pw && pw->pw_name)
        return pw->pw_name;
#endif
    return {};
}

std::string Loader::interpolate(const std::string &value, const Interpolation &imap, const ConfigFile &file,
                                const SourceLocation &loc, const std::string &section, const std::string &key)
{
    std::string current = value;
    for (int round = 0; round < kMaxInterpolationRounds; ++round) {
        std::string next;
        bool replaced = false;
        size_t pos = 0;
        while (true) {
            const size_t start = current.find("%(", pos);
            if (start == std::string::npos)
                break;
            size_t end = start + 2;
            while (end < current.size()
                   && (std::isalnum(static_cast<unsigned char>(current[end])) || current[end] == '_'
                       || current[end] == '.'))
                ++end;
            const bool complete =
                end > start + 2 && end + 1 < current.size() && current[end] == ')' && current[end + 1] == 's';
            if (!complete) {
                next.append(current, pos, start + 2 - pos);
                pos = start + 2;
                continue;
            }
            const std::string name = current.substr(start + 2, end - start - 2);
            const std::string *found = imap.find(name);
            if (!found) {
                error(loc,
                      "unknown value for placeholder `" + name + "` in section [" + section + "], key " + key,
                      &file);
                return value;
            }
            next.append(current, pos, start - pos);
            next += *found;
            pos = end + 2;
            replaced = true;
            if (next.size() > kMaxInterpolatedSize) {
                error(loc, "placeholders in section [" + section + "], key " + key + " expand to more than "
                               + std::to_string(kMaxInterpolatedSize) + " bytes",
                      &file);
                return value;
            }
        }
        if (!replaced)
            return current;
        next.append(current, pos, std::string::npos);
        current = std::move(next);
    }
    error(loc, "placeholders in section [" + section + "], key " + key + " do not stop expanding (a cycle?)",
          &file);
    return value;
}

HostValue Loader::convert(const toml::node &node, const ConfigFile &file, const SourceLocation &keyLoc,
                          const std::string &section, const std::string &key, const Interpolation &imap)
{
    SourceLocation loc = keyLoc;
    const toml::source_position begin = node.source().begin;
    if (begin.line > 0)
        loc = SourceLocation{file.display, int(begin.line), int(begin.column)};

    HostValue v;
    switch (node.type()) {
    case toml::node_type::string:
        v = HostValue::string(interpolate(node.as_string()->get(), imap, file, loc, section, key));
        break;
    case toml::node_type::integer: v = HostValue::integer(node.as_integer()->get()); break;
    case toml::node_type::floating_point: v = HostValue::real(node.as_floating_point()->get()); break;
    case toml::node_type::boolean: v = HostValue::boolean(node.as_boolean()->get()); break;
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time: {
        std::ostringstream s;
        if (const auto *d = node.as_date())
            s << d->get();
        else if (const auto *t = node.as_time())
            s << t->get();
        else if (const auto *dt = node.as_date_time())
            s << dt->get();
        v = HostValue::string(s.str());
        break;
    }
    case toml::node_type::array: {
        HostList items;
        for (const toml::node &el : *node.as_array())
            items.push_back(convert(el, file, loc, section, key, imap));
        v = HostValue::list(std::move(items));
        break;
    }
    case toml::node_type::table: {
        struct Entry {
            SourceLocation keyLoc;
            std::string name;
            const toml::node *node;
        };
        std::vector<Entry> entries;
        for (auto &&[k, child] : *node.as_table()) {
            SourceLocation kl = loc;
            if (k.source().begin.line > 0)
                kl = SourceLocation{file.display, int(k.source().begin.line), int(k.source().begin.column)};
            entries.push_back({kl, std::string(k.str()), &child});
        }
        std::stable_sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
            return std::pair(a.keyLoc.line, a.keyLoc.column) < std::pair(b.keyLoc.line, b.keyLoc.column);
        });
        HostDict dict;
        for (const Entry &e : entries) {
            HostValue k = HostValue::string(e.name);
            k.location = e.keyLoc;
            dict.emplace_back(std::move(k), convert(*e.node, file, e.keyLoc, section, key, imap));
        }
        v = HostValue::dict(std::move(dict));
        break;
    }
    default: break;
    }
    v.location = loc;
    return v;
}

bool Loader::readConfig(const std::string &path, const InterpolationMap &seeds)
{
    ConfigFile file;
    file.path = path;
    file.display = displayPath(m_root, path);
    const std::optional<std::string> text = base::readFile(path);
    if (!text) {
        error(SourceLocation{file.display, 0, 0}, "cannot read config file");
        return false;
    }
    file.text = *text;
    file.lineStarts.push_back(0);
    for (size_t i = 0; i < file.text.size(); ++i)
        if (file.text[i] == '\n')
            file.lineStarts.push_back(i + 1);

    toml::table table;
    try {
        table = toml::parse(file.text, file.display);
    } catch (const toml::parse_error &e) {
        const toml::source_position p = e.source().begin;
        error(SourceLocation{file.display, int(p.line), int(p.column)}, std::string(e.description()), &file);
        return false;
    }

    // Interpolation maps: seeds + [DEFAULT] strings; each section adds its own strings.
    const auto addStrings = [](InterpolationMap &imap, const toml::node *section) {
        if (!section || !section->is_table())
            return;
        for (auto &&[k, v] : *section->as_table())
            if (const auto *s = v.as_string())
                imap[std::string(k.str())] = s->get();
    };
    InterpolationMap defaultMap = seeds;
    addStrings(defaultMap, table.get(kDefault));

    const size_t errorsBefore = m_diags.size();
    struct Section {
        SourceLocation loc;
        std::string name;
        const toml::node *node;
    };
    std::vector<Section> sections;
    for (auto &&[k, v] : table) {
        const SourceLocation kl{file.display, int(k.source().begin.line), int(k.source().begin.column)};
        if (!v.is_table()) {
            error(kl, "expected a table per section, but `" + std::string(k.str()) + "` is not a table", &file);
            continue;
        }
        sections.push_back({kl, std::string(k.str()), &v});
    }
    std::stable_sort(sections.begin(), sections.end(), [](const Section &a, const Section &b) {
        return std::pair(a.loc.line, a.loc.column) < std::pair(b.loc.line, b.loc.column);
    });

    HostDict root;
    for (const Section &s : sections) {
        InterpolationMap own;
        if (s.name != kDefault)
            addStrings(own, s.node);
        const Interpolation imap{&own, &defaultMap};
        HostDict options;
        struct Entry {
            SourceLocation keyLoc;
            std::string name;
            const toml::node *node;
        };
        std::vector<Entry> entries;
        for (auto &&[k, v] : *s.node->as_table()) {
            SourceLocation kl = s.loc;
            if (k.source().begin.line > 0)
                kl = SourceLocation{file.display, int(k.source().begin.line), int(k.source().begin.column)};
            entries.push_back({kl, std::string(k.str()), &v});
        }
        std::stable_sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
            return std::pair(a.keyLoc.line, a.keyLoc.column) < std::pair(b.keyLoc.line, b.keyLoc.column);
        });
        for (const Entry &e : entries) {
            HostValue key = HostValue::string(e.name);
            key.location = e.keyLoc;
            options.emplace_back(std::move(key), convert(*e.node, file, e.keyLoc, s.name, e.name, imap));
        }
        HostValue name = HostValue::string(s.name);
        name.location = s.loc;
        HostValue sectionValue = HostValue::dict(std::move(options));
        sectionValue.location = s.loc;
        root.emplace_back(std::move(name), std::move(sectionValue));
    }
    if (m_diags.size() != errorsBefore)
        return false;
    file.root = HostValue::dict(std::move(root));
    m_configs.push_back(std::move(file));
    return true;
}

std::optional<HostValue> Loader::scalar(const OptionSpec &spec, const RawValue &raw)
{
    const std::string label = optionLabel(spec.scope, spec.name);
    const HostValue &v = raw.value;
    const auto typeError = [&] {
        error(raw, label + ": expected " + optionTypeName(spec.type) + ", got " + tomlKindName(v));
        return std::nullopt;
    };
    switch (spec.type) {
    case OptionType::Bool:
        if (v.kind() == HostValue::Kind::Bool)
            return HostValue::boolean(v.asBool());
        if (v.isString()) {
            // A bare flag (`--test-debug`) arrives with an empty value and means true.
            if (raw.fromText && v.str().empty())
                return HostValue::boolean(true);
            if (auto b = OptionValueParser::parseBool(v.str()))
                return HostValue::boolean(*b.value);
            error(raw, label + ": expected 'true' or 'false', got '" + v.str() + "'");
            return std::nullopt;
        }
        return typeError();
    case OptionType::Int:
        if (v.kind() == HostValue::Kind::Int)
            return HostValue::integer(v.asInt());
        if (v.isString()) {
            if (auto i = OptionValueParser::parseInt(v.str()))
                return HostValue::integer(*i.value);
            error(raw, label + ": expected an integer, got '" + v.str() + "'");
            return std::nullopt;
        }
        return typeError();
    case OptionType::Float:
        if (v.kind() == HostValue::Kind::Float || v.kind() == HostValue::Kind::Int)
            return HostValue::real(v.asFloat());
        if (v.isString()) {
            if (auto f = OptionValueParser::parseFloat(v.str()))
                return HostValue::real(*f.value);
            error(raw, label + ": expected a float, got '" + v.str() + "'");
            return std::nullopt;
        }
        return typeError();
    case OptionType::String:
        if (v.isString())
            return HostValue::string(v.str());
        return typeError();
    case OptionType::Enum: {
        if (!v.isString())
            return typeError();
        if (std::find(spec.choices.begin(), spec.choices.end(), v.str()) != spec.choices.end())
            return HostValue::string(v.str());
        std::string choices;
        for (const std::string &c : spec.choices)
            choices += (choices.empty() ? "'" : ", '") + c + "'";
        error(raw, label + ": expected one of " + choices + ", got '" + v.str() + "'");
        return std::nullopt;
    }
    default: return std::nullopt;
    }
}

std::optional<std::vector<ListEdit>> Loader::listEdits(const OptionSpec &spec, const RawValue &raw)
{
    const std::string label = optionLabel(spec.scope, spec.name);
    const HostValue &v = raw.value;
    const auto stringItems = [&](const HostValue &list, const std::string &what) -> std::optional<std::vector<std::string>> {
        std::vector<std::string> items;
        for (const HostValue &item : list.items()) {
            if (!item.isString()) {
                error(RawValue{item, false, item.location, raw.file},
                      what + ": expected an array of strings, got " + tomlKindName(item));
                return std::nullopt;
            }
            items.push_back(item.str());
        }
        return items;
    };
    if (v.isString()) {
        auto parsed = OptionValueParser::parseListEdits(v.str());
        if (!parsed) {
            error(raw, label + ": invalid list value '" + v.str() + "': " + parsed.error);
            return std::nullopt;
        }
        return std::move(*parsed.value);
    }
    if (v.isSequence()) {
        auto items = stringItems(v, label);
        if (!items)
            return std::nullopt;
        return std::vector<ListEdit>{{ListEdit::Action::Replace, std::move(*items)}};
    }
    if (v.kind() == HostValue::Kind::Dict) {
        std::vector<ListEdit> edits;
        bool valid = !v.entries().empty();
        for (const auto &[k, _] : v.entries())
            valid = valid && (k.str() == "add" || k.str() == "remove");
        if (!valid) {
            error(raw, label + ": expected a table with 'add' and/or 'remove' arrays");
            return std::nullopt;
        }
        for (const char *action : {"add", "remove"}) {
            const HostValue *part = v.get(action);
            if (!part)
                continue;
            const std::string partLabel = label + "." + action;
            if (!part->isSequence()) {
                error(RawValue{*part, false, part->location, raw.file},
                      partLabel + ": expected an array, got " + tomlKindName(*part));
                return std::nullopt;
            }
            auto items = stringItems(*part, partLabel);
            if (!items)
                return std::nullopt;
            edits.push_back({std::string_view(action) == "add" ? ListEdit::Action::Add : ListEdit::Action::Remove,
                             std::move(*items)});
        }
        return edits;
    }
    error(raw, label + ": expected list, got " + tomlKindName(v));
    return std::nullopt;
}

std::optional<DictEdit> Loader::dictEdit(const OptionSpec &spec, const RawValue &raw)
{
    const std::string label = optionLabel(spec.scope, spec.name);
    const HostValue &v = raw.value;
    if (v.isString()) {
        auto parsed = OptionValueParser::parseDictEdit(v.str());
        if (!parsed) {
            error(raw, label + ": invalid dict value '" + v.str() + "': " + parsed.error);
            return std::nullopt;
        }
        return std::move(*parsed.value);
    }
    if (v.kind() == HostValue::Kind::Dict) {
        const HostValue *add = v.get("add");
        if (v.entries().size() == 1 && add && add->kind() == HostValue::Kind::Dict)
            return DictEdit{true, add->entries()};
        return DictEdit{false, v.entries()};
    }
    error(raw, label + ": expected dict, got " + tomlKindName(v));
    return std::nullopt;
}

std::optional<HostValue> Loader::resolve(const OptionSpec &spec, const Layers &layers)
{
    switch (spec.type) {
    case OptionType::List:
    case OptionType::ShellList: {
        std::vector<ListEdit> edits;
        if (spec.defaultValue) {
            ListEdit def{ListEdit::Action::Replace, {}};
            for (const HostValue &item : spec.defaultValue->items())
                def.items.push_back(item.str());
            edits.push_back(std::move(def));
        }
        const std::vector<RawValue> raws = layers.values(spec.scope, spec.name, true, true);
        if (raws.empty() && !spec.defaultValue)
            return std::nullopt;
        for (const RawValue &raw : raws)
            if (auto e = listEdits(spec, raw))
                edits.insert(edits.end(), e->begin(), e->end());
        HostList items;
        for (std::string &s : OptionValueParser::applyListEdits(edits)) {
            if (spec.type == OptionType::ShellList) {
                for (std::string &part : shellSplit(s))
                    items.push_back(HostValue::string(std::move(part)));
            } else {
                items.push_back(HostValue::string(std::move(s)));
            }
        }
        return HostValue::list(std::move(items));
    }
    case OptionType::Dict: {
        std::vector<DictEdit> edits;
        if (spec.defaultValue)
            edits.push_back(DictEdit{false, spec.defaultValue->entries()});
        const std::vector<RawValue> raws = layers.values(spec.scope, spec.name, true, false);
        if (raws.empty() && !spec.defaultValue)
            return std::nullopt;
        for (const RawValue &raw : raws)
            if (auto e = dictEdit(spec, raw))
                edits.push_back(std::move(*e));
        return HostValue::dict(OptionValueParser::applyDictEdits(edits));
    }
    default: {
        const std::vector<RawValue> raws = layers.values(spec.scope, spec.name, true, false);
        if (raws.empty())
            return spec.defaultValue;
        // As in Pants, only the winning (highest-ranked) value is converted.
        return scalar(spec, raws.back());
    }
    }
}

base::Result<Options> Loader::run()
{
    if (m_request.buildRoot.empty())
        return Diagnostic::error({}, "no build root given");
    m_root = normalizePath(fs::path(m_request.buildRoot).is_absolute()
                               ? m_request.buildRoot
                               : (fs::current_path() / m_request.buildRoot).string());
    {
        std::error_code ec;
        if (!fs::is_directory(m_root, ec))
            return Diagnostic::error({m_root, 0, 0}, "build root is not a directory");
    }

    // The environment as Pants' launcher gives it: .pants.bootstrap's plain assignments
    // over the process environment (read, never executed).
    m_env = m_request.environment;
    if (const auto text = base::readFile(m_root + "/.pants.bootstrap")) {
        BootstrapEnv boot = readPantsBootstrap(*text, ".pants.bootstrap");
        for (auto &[k, v] : boot.variables)
            m_env[k] = std::move(v);
        for (auto &d : boot.warnings)
            m_diags.push_back(std::move(d));
    }

    // Specs whose defaults depend on the buildroot or environment.
    auto specWithDefault = [](std::string_view scope, std::string_view name, HostValue def) {
        OptionSpec spec = *findKnownOption(scope, name);
        spec.defaultValue = std::move(def);
        return spec;
    };
    const std::string defaultToml = m_root + "/pants.toml";
    HostList defaultConfigs;
    if (isRegularFile(defaultToml))
        defaultConfigs.push_back(HostValue::string(defaultToml));
    const OptionSpec configFilesSpec =
        specWithDefault(kGlobal, "pants_config_files", HostValue::list(std::move(defaultConfigs)));
    const OptionSpec workdirSpec =
        specWithDefault(kGlobal, "pants_workdir", HostValue::string(m_root + "/.pants.d"));
    const OptionSpec distdirSpec = specWithDefault(kGlobal, "pants_distdir", HostValue::string(m_root + "/dist"));
    const OptionSpec rerunSpec =
        specWithDefault("test", "show_rerun_command", HostValue::boolean(m_env.count("CI") > 0));

    // Step 1: bootstrap options from environment and flags only.
    std::vector<OptionFlag> bootstrapFlags = m_request.flags;
    for (const std::string &extra : m_request.extraConfigFiles)
        bootstrapFlags.push_back({std::string(kGlobal), "pants_config_files", extra});
    const Layers early(nullptr, &m_env, &bootstrapFlags);
    const std::optional<HostValue> configFiles = resolve(configFilesSpec, early);
    const std::optional<HostValue> workdir = resolve(workdirSpec, early);
    const std::optional<HostValue> distdir = resolve(distdirSpec, early);
    if (base::hasErrors(m_diags))
        return m_diags;

    InterpolationMap seeds;
    for (const auto &[k, v] : m_env)
        seeds["env." + k] = v;
    seeds["buildroot"] = m_root;
    seeds["homedir"] = homeDir();
    seeds["user"] = userName();
    seeds["pants_workdir"] = workdir ? absolute(workdir->str()) : m_root + "/.pants.d";
    seeds["pants_distdir"] = distdir ? absolute(distdir->str()) : m_root + "/dist";

    // Step 2: config files, then rc files.
    HostList readFiles;
    if (configFiles) {
        for (const HostValue &f : configFiles->items()) {
            const std::string path = absolute(f.str());
            readConfig(path, seeds);
            readFiles.push_back(HostValue::string(path));
        }
    }
    if (base::hasErrors(m_diags))
        return m_diags;
    if (m_request.readPantsrc) {
        const Layers withConfigs(&m_configs, &m_env, &m_request.flags);
        const std::optional<HostValue> pantsrc = resolve(*findKnownOption(kGlobal, "pantsrc"), withConfigs);
        const std::optional<HostValue> rcFiles = resolve(*findKnownOption(kGlobal, "pantsrc_files"), withConfigs);
        if (pantsrc && pantsrc->asBool() && rcFiles) {
            for (const HostValue &f : rcFiles->items()) {
                std::string path = f.str();
                if (path == "~" || path.rfind("~/", 0) == 0)
                    path = homeDir() + path.substr(1);
                path = absolute(path);
                if (isRegularFile(path))
                    readConfig(path, seeds);
            }
        }
        if (base::hasErrors(m_diags))
            return m_diags;
    }

    // Step 3: every option over all layers.
    Options opts;
    opts.m_buildRoot = m_root;
    opts.m_environment = m_env;
    for (const ConfigFile &f : m_configs)
        opts.m_configFiles.push_back(f.path);
    const Layers all(&m_configs, &m_env, &m_request.flags);
    std::set<std::pair<std::string, std::string>> known;
    for (const OptionSpec &spec : knownOptions()) {
        known.emplace(spec.scope, spec.name);
        std::optional<HostValue> v;
        if (spec.scope == kGlobal && spec.name == "pants_config_files")
            v = HostValue::list(readFiles);
        else if (spec.scope == kGlobal && spec.name == "pants_workdir")
            v = resolve(workdirSpec, all);
        else if (spec.scope == kGlobal && spec.name == "pants_distdir")
            v = resolve(distdirSpec, all);
        else if (spec.scope == "test" && spec.name == "show_rerun_command")
            v = resolve(rerunSpec, all);
        else
            v = resolve(spec, all);
        auto &scope = opts.m_values[spec.scope];
        if (v)
            scope[spec.name] = std::move(*v);
    }

    // Unknown options: kept as written, the highest-ranked value winning.
    std::set<std::pair<std::string, std::string>> unknown;
    for (const ConfigFile &f : m_configs) {
        for (const auto &[section, options] : f.root.entries()) {
            opts.m_values[section.str()]; // keep empty and unknown scopes visible
            for (const auto &[name, _] : options.entries())
                if (!known.count({section.str(), name.str()}))
                    unknown.emplace(section.str(), name.str());
        }
    }
    for (const OptionFlag &f : m_request.flags)
        if (!known.count({f.scope, f.option}))
            unknown.emplace(f.scope, f.option);
    for (const auto &[scope, name] : unknown) {
        const std::vector<RawValue> raws = all.values(scope, name, false, false);
        if (!raws.empty())
            opts.m_values[scope][name] = raws.back().value;
    }

    if (base::hasErrors(m_diags))
        return m_diags;
    return base::Result<Options>(std::move(opts), std::move(m_diags));
}

} // namespace

base::Result<Options> Options::load(const OptionsRequest &request)
{
    try {
        return Loader(request).run();
    } catch (const std::exception &e) {
        // Filesystem errors (e.g. an unreadable current directory) must not escape.
        return Diagnostic::error({request.buildRoot, 0, 0}, std::string("cannot load options: ") + e.what());
    }
}

Options Options::defaults(const std::string &buildRoot)
{
    Options opts;
    opts.m_buildRoot = normalizePath(buildRoot);
    for (const OptionSpec &spec : knownOptions()) {
        auto &scope = opts.m_values[spec.scope];
        if (spec.scope == kGlobal && spec.name == "pants_workdir")
            scope[spec.name] = HostValue::string(opts.m_buildRoot + "/.pants.d");
        else if (spec.scope == kGlobal && spec.name == "pants_distdir")
            scope[spec.name] = HostValue::string(opts.m_buildRoot + "/dist");
        else if (spec.defaultValue)
            scope[spec.name] = *spec.defaultValue;
    }
    return opts;
}

std::optional<HostValue> Options::value(std::string_view scope, std::string_view option) const
{
    const auto s = m_values.find(scope);
    if (s == m_values.end())
        return std::nullopt;
    const auto o = s->second.find(option);
    if (o == s->second.end())
        return std::nullopt;
    return o->second;
}

bool Options::boolean(std::string_view scope, std::string_view option, bool fallback) const
{
    const auto v = value(scope, option);
    return v && v->kind() == HostValue::Kind::Bool ? v->asBool() : fallback;
}

std::int64_t Options::integer(std::string_view scope, std::string_view option, std::int64_t fallback) const
{
    const auto v = value(scope, option);
    return v && v->kind() == HostValue::Kind::Int ? v->asInt() : fallback;
}

std::string Options::string(std::string_view scope, std::string_view option, std::string fallback) const
{
    const auto v = value(scope, option);
    return v && v->isString() ? v->str() : fallback;
}

std::vector<std::string> Options::list(std::string_view scope, std::string_view option) const
{
    std::vector<std::string> out;
    const auto v = value(scope, option);
    if (!v)
        return out;
    if (v->isString())
        return {v->str()};
    for (const HostValue &item : v->items())
        if (item.isString())
            out.push_back(item.str());
    return out;
}

std::vector<std::pair<std::string, HostValue>> Options::dict(std::string_view scope, std::string_view option) const
{
    std::vector<std::pair<std::string, HostValue>> out;
    const auto v = value(scope, option);
    if (!v)
        return out;
    for (const auto &[k, val] : v->entries())
        out.emplace_back(k.str(), val);
    return out;
}

std::vector<std::string> Options::scopes() const
{
    std::vector<std::string> out;
    for (const auto &[scope, _] : m_values)
        if (scope != kDefault)
            out.push_back(scope);
    return out; // std::map keeps them sorted
}

std::vector<std::string> Options::pantsIgnore() const
{
    std::vector<std::string> patterns = list(kGlobal, "pants_ignore");
    for (const char *option : {"pants_workdir", "pants_distdir"}) {
        std::string dir = string(kGlobal, option);
        if (dir.empty())
            continue;
        if (dir.front() != '/')
            dir = m_buildRoot + "/" + dir;
        const std::string rel = displayPath(m_buildRoot, normalizePath(dir));
        if (!rel.empty() && rel.front() != '/' && rel != "..")
            patterns.push_back("/" + rel);
    }
    return patterns;
}

namespace {

bool isShellName(std::string_view s)
{
    if (s.empty() || std::isdigit(static_cast<unsigned char>(s.front())))
        return false;
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

/// A shell word that is a plain literal: unquoted without expansions or special
/// characters, '...' or "..." without `$`, backquote or backslash inside. nullopt
/// when evaluating it would need a shell.
std::optional<std::string> literalWord(std::string_view w)
{
    if (w.size() >= 2 && w.front() == '\'' && w.back() == '\'' && w.find('\'', 1) == w.size() - 1)
        return std::string(w.substr(1, w.size() - 2));
    if (w.size() >= 2 && w.front() == '"' && w.back() == '"') {
        const std::string_view inner = w.substr(1, w.size() - 2);
        if (inner.find_first_of("$`\\\"") != std::string_view::npos)
            return std::nullopt;
        return std::string(inner);
    }
    if (w.find_first_of("$`\\\"'(){}[]<>|&;*?~ \t") != std::string_view::npos)
        return std::nullopt;
    return std::string(w);
}

} // namespace

BootstrapEnv readPantsBootstrap(std::string_view text, const std::string &displayPath)
{
    BootstrapEnv out;
    int lineNo = 0;
    size_t pos = 0;
    std::vector<int> skipped;
    while (pos < text.size()) {
        size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos)
            nl = text.size();
        std::string_view line = text.substr(pos, nl - pos);
        pos = nl + 1;
        ++lineNo;
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
            line.remove_prefix(1);
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
            line.remove_suffix(1);
        if (line.empty() || line.front() == '#')
            continue;
        // A trailing comment: `#` after whitespace, outside quotes.
        char quote = 0;
        for (size_t i = 1; i < line.size(); ++i) {
            if (quote) {
                if (line[i] == quote)
                    quote = 0;
            } else if (line[i] == '\'' || line[i] == '"') {
                quote = line[i];
            } else if (line[i] == '#' && (line[i - 1] == ' ' || line[i - 1] == '\t')) {
                line = line.substr(0, i);
                while (!line.empty() && (line.back() == ' ' || line.back() == '\t'))
                    line.remove_suffix(1);
                break;
            }
        }
        std::string_view assignment = line;
        if (assignment.starts_with("export ") || assignment.starts_with("export\t")) {
            assignment.remove_prefix(7);
            while (!assignment.empty() && (assignment.front() == ' ' || assignment.front() == '\t'))
                assignment.remove_prefix(1);
        }
        const size_t eq = assignment.find('=');
        if (eq == std::string_view::npos && assignment.size() < line.size() && isShellName(assignment))
            continue; // `export NAME`: exports what is already set
        std::optional<std::string> value;
        if (eq != std::string_view::npos && isShellName(assignment.substr(0, eq)))
            value = literalWord(assignment.substr(eq + 1));
        if (!value) {
            skipped.push_back(lineNo);
            continue;
        }
        out.variables[std::string(assignment.substr(0, eq))] = std::move(*value);
    }
    if (!skipped.empty()) {
        std::string lines;
        for (size_t i = 0; i < skipped.size() && i < 5; ++i)
            lines += (i ? ", " : "") + std::to_string(skipped[i]);
        if (skipped.size() > 5)
            lines += ", ...";
        out.warnings.push_back(base::Diagnostic::warning(
            {displayPath, skipped.front(), 1},
            displayPath + " does more than set variables (line" + (skipped.size() > 1 ? "s " : " ") + lines
                + "); Trellis never runs it and reads only plain `export NAME=value` lines, so values it computes "
                  "are missing"));
    }
    return out;
}

std::string findBuildRoot(const std::string &startDir)
{
    if (startDir.empty())
        return {};
    std::error_code ec;
    fs::path dir = fs::path(startDir).is_absolute() ? fs::path(startDir) : fs::current_path(ec) / startDir;
    if (ec)
        return {};
    dir = dir.lexically_normal();
    while (true) {
        for (const char *sentinel : {"pants.toml", "BUILDROOT", "BUILD_ROOT"}) {
            if (fs::is_regular_file(dir / sentinel, ec))
                return normalizePath(dir.generic_string());
        }
        const fs::path parent = dir.parent_path();
        if (parent.empty() || parent == dir)
            return {};
        dir = parent;
    }
}

std::vector<std::string> shellSplit(std::string_view s)
{
    // POSIX shell word splitting and quote removal (no expansions), like Python's
    // shlex.split: '…' is literal, "…" honours \" \\ \$ \` and \newline, an unquoted
    // backslash escapes the next character. An unterminated quote ends the word.
    std::vector<std::string> words;
    std::string word;
    bool inWord = false;
    size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (inWord) {
                words.push_back(std::move(word));
                word.clear();
                inWord = false;
            }
            ++i;
        } else if (c == '\'') {
            inWord = true;
            const size_t end = s.find('\'', i + 1);
            const size_t stop = end == std::string_view::npos ? s.size() : end;
            word.append(s.substr(i + 1, stop - i - 1));
            i = stop == s.size() ? stop : stop + 1;
        } else if (c == '"') {
            inWord = true;
            ++i;
            while (i < s.size() && s[i] != '"') {
                if (s[i] == '\\' && i + 1 < s.size()
                    && (s[i + 1] == '"' || s[i + 1] == '\\' || s[i + 1] == '$' || s[i + 1] == '`'
                        || s[i + 1] == '\n')) {
                    if (s[i + 1] != '\n')
                        word += s[i + 1];
                    i += 2;
                } else {
                    word += s[i++];
                }
            }
            if (i < s.size())
                ++i; // closing quote
        } else if (c == '\\') {
            if (i + 1 < s.size()) {
                if (s[i + 1] != '\n') {
                    word += s[i + 1];
                    inWord = true;
                }
                i += 2;
            } else {
                ++i;
            }
        } else {
            word += c;
            inWord = true;
            ++i;
        }
    }
    if (inWord)
        words.push_back(std::move(word));
    return words;
}

} // namespace trellis::workspace
