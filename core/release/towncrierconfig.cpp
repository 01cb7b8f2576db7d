#include "core/release/towncrierconfig.h"

#include "core/base/paths.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>

namespace trellis::release {

using base::Diagnostic;
using base::Result;

std::vector<FragmentType> defaultFragmentTypes()
{
    return {{"feature", "Features", true},
            {"bugfix", "Bugfixes", true},
            {"doc", "Improved Documentation", true},
            {"removal", "Deprecations and Removals", true},
            {"misc", "Misc", false}};
}

std::string TowncrierConfig::newsDirectory() const
{
    return newsDirectory(NewsSection{});
}

std::string TowncrierConfig::newsDirectory(const NewsSection &section) const
{
    auto join = [](const std::string &a, const std::string &b) { return b.empty() ? a : base::joinPath(a == "." ? "" : a, b); };
    std::string dir;
    if (!directory.empty()) {
        dir = join(directory, section.path);
    } else {
        dir = packageDir;
        if (!package.empty())
            dir = join(dir, package);
        dir = join(join(dir, section.path), "newsfragments");
    }
    while (dir.size() > 1 && dir.back() == '/')
        dir.pop_back();
    while (dir.rfind("./", 0) == 0)
        dir = dir.substr(2);
    if (dir.empty())
        dir = ".";
    return dir;
}

bool TowncrierConfig::isMarkdown() const
{
    return filename.size() >= 3 && filename.compare(filename.size() - 3, 3, ".md") == 0;
}

bool TowncrierConfig::hasCustomTemplate() const
{
    if (templateName == "towncrier:default")
        return false;
    if (isMarkdown())
        return templateName != "towncrier:default.md";
    return templateName != "towncrier:default.rst";
}

std::string TowncrierConfig::templateFileName() const
{
    if (templateName.rfind("towncrier:", 0) == 0)
        return {};
    return std::string(base::baseName(templateName));
}

const FragmentType *TowncrierConfig::type(std::string_view dir) const
{
    for (const FragmentType &t : types)
        if (t.directory == dir)
            return &t;
    return nullptr;
}

namespace {

base::SourceLocation locationOf(const std::string &file, const toml::node &node)
{
    const auto &src = node.source();
    return {file, int(src.begin.line), int(src.begin.column)};
}

// Collects type errors for keys of the wrong kind.
struct Reader {
    const std::string &file;
    base::Diagnostics &errors;

    void string(const toml::table &t, const char *key, std::string &out)
    {
        const toml::node *n = t.get(key);
        if (!n)
            return;
        if (auto s = n->value<std::string>())
            out = *s;
        else
            errors.push_back(Diagnostic::error(locationOf(file, *n), std::string("towncrier option '") + key + "' must be a string"));
    }
    void boolean(const toml::table &t, const char *key, bool &out)
    {
        const toml::node *n = t.get(key);
        if (!n)
            return;
        if (auto b = n->value<bool>())
            out = *b;
        else
            errors.push_back(Diagnostic::error(locationOf(file, *n), std::string("towncrier option '") + key + "' must be true or false"));
    }
    std::optional<std::vector<std::string>> stringList(const toml::table &t, const char *key)
    {
        const toml::node *n = t.get(key);
        if (!n)
            return std::nullopt;
        std::vector<std::string> out;
        const toml::array *arr = n->as_array();
        if (!arr) {
            errors.push_back(Diagnostic::error(locationOf(file, *n), std::string("towncrier option '") + key + "' must be a list of strings"));
            return std::nullopt;
        }
        for (const toml::node &e : *arr) {
            if (auto s = e.value<std::string>())
                out.push_back(*s);
            else
                errors.push_back(Diagnostic::error(locationOf(file, e), std::string("towncrier option '") + key + "' must be a list of strings"));
        }
        return out;
    }
};

std::string capitalize(std::string s)
{
    // Python's str.capitalize(): first character upper, the rest lower (ASCII here).
    for (size_t i = 0; i < s.size(); ++i)
        s[i] = char(i == 0 ? std::toupper(static_cast<unsigned char>(s[i])) : std::tolower(static_cast<unsigned char>(s[i])));
    return s;
}

} // namespace

Result<TowncrierConfig> parseTowncrierConfig(const std::string &text, const std::string &file, bool pyproject)
{
    toml::table root;
    try {
        root = toml::parse(text, file);
    } catch (const toml::parse_error &e) {
        const auto &src = e.source();
        return Diagnostic::error({file, int(src.begin.line), int(src.begin.column)}, std::string(e.description()));
    }
    TowncrierConfig cfg;
    const toml::table *table = nullptr;
    if (const toml::table *tool = root["tool"].as_table())
        table = (*tool)["towncrier"].as_table();
    if (!table && !pyproject)
        table = &root;
    if (!table) {
        cfg.startString = "";
    } else {
        cfg.configFile = file;
    }
    cfg.baseDirectory = std::string(base::dirName(file));
    base::Diagnostics errors;
    Reader r{file, errors};
    const toml::table empty;
    const toml::table &t = table ? *table : empty;
    r.string(t, "directory", cfg.directory);
    r.string(t, "filename", cfg.filename);
    r.string(t, "package", cfg.package);
    r.string(t, "package_dir", cfg.packageDir);
    r.string(t, "name", cfg.name);
    r.string(t, "version", cfg.version);
    r.string(t, "template", cfg.templateName);
    r.string(t, "orphan_prefix", cfg.orphanPrefix);
    r.string(t, "issue_pattern", cfg.issuePattern);
    r.boolean(t, "wrap", cfg.wrap);
    r.boolean(t, "all_bullets", cfg.allBullets);
    r.boolean(t, "single_file", cfg.singleFile);
    std::string startString;
    r.string(t, "start_string", startString);
    cfg.startString = !startString.empty() ? startString
                      : cfg.isMarkdown()   ? "<!-- towncrier release notes start -->\n"
                                           : ".. towncrier release notes start\n";
    if (const toml::node *n = t.get("title_format")) {
        if (auto b = n->value<bool>()) {
            if (*b)
                errors.push_back(Diagnostic::error(locationOf(file, *n), "towncrier option 'title_format' must be a string or false"));
            else
                cfg.titleMode = TitleMode::Disabled;
        } else if (auto s = n->value<std::string>()) {
            cfg.titleFormat = *s;
            cfg.titleMode = s->empty() ? TitleMode::Template : TitleMode::Format;
        } else {
            errors.push_back(Diagnostic::error(locationOf(file, *n), "towncrier option 'title_format' must be a string or false"));
        }
    }
    if (t.get("issue_format")) {
        std::string fmt;
        r.string(t, "issue_format", fmt);
        cfg.issueFormat = fmt;
    }
    if (auto u = r.stringList(t, "underlines"))
        cfg.underlines = *u;
    cfg.ignore = r.stringList(t, "ignore");

    // Types: [[tool.towncrier.type]] (config order) or [tool.towncrier.fragment.<dir>]
    // (sorted by key, as towncrier iterates the table).
    if (const toml::node *typeNode = t.get("type")) {
        const toml::array *arr = typeNode->as_array();
        if (!arr) {
            errors.push_back(Diagnostic::error(locationOf(file, *typeNode), "towncrier option 'type' must be an array of tables ([[tool.towncrier.type]])"));
        } else {
            for (const toml::node &e : *arr) {
                const toml::table *tt = e.as_table();
                if (!tt) {
                    errors.push_back(Diagnostic::error(locationOf(file, e), "each [[tool.towncrier.type]] entry must be a table"));
                    continue;
                }
                FragmentType ft;
                r.string(*tt, "directory", ft.directory);
                r.string(*tt, "name", ft.name);
                r.boolean(*tt, "showcontent", ft.showContent);
                r.boolean(*tt, "check", ft.check);
                if (ft.directory.empty()) {
                    errors.push_back(Diagnostic::error(locationOf(file, e), "a [[tool.towncrier.type]] entry needs a 'directory'"));
                    continue;
                }
                if (ft.name.empty())
                    ft.name = ft.directory;
                cfg.types.push_back(std::move(ft));
            }
        }
    } else if (const toml::node *fragNode = t.get("fragment")) {
        const toml::table *ft = fragNode->as_table();
        if (!ft) {
            errors.push_back(Diagnostic::error(locationOf(file, *fragNode), "towncrier option 'fragment' must be a table of tables"));
        } else {
            std::vector<std::string> keys;
            for (const auto &[key, value] : *ft)
                keys.emplace_back(key.str());
            std::sort(keys.begin(), keys.end());
            for (const std::string &key : keys) {
                FragmentType type{key, capitalize(key), true};
                if (const toml::table *sub = (*ft)[key].as_table()) {
                    r.string(*sub, "name", type.name);
                    r.boolean(*sub, "showcontent", type.showContent);
                    r.boolean(*sub, "check", type.check);
                } else {
                    errors.push_back(Diagnostic::error(locationOf(file, *ft->get(key)), "[tool.towncrier.fragment." + key + "] must be a table"));
                }
                cfg.types.push_back(std::move(type));
            }
        }
    }
    if (cfg.types.empty())
        cfg.types = defaultFragmentTypes();

    // Sections: [[tool.towncrier.section]] with a path and an optional name, in order.
    if (const toml::node *sectionNode = t.get("section")) {
        const toml::array *arr = sectionNode->as_array();
        if (!arr) {
            errors.push_back(Diagnostic::error(locationOf(file, *sectionNode), "towncrier option 'section' must be an array of tables ([[tool.towncrier.section]])"));
        } else {
            cfg.sections.clear();
            for (const toml::node &e : *arr) {
                const toml::table *st = e.as_table();
                if (!st || !st->get("path")) {
                    errors.push_back(Diagnostic::error(locationOf(file, e), "a [[tool.towncrier.section]] entry needs a 'path'"));
                    continue;
                }
                NewsSection section;
                r.string(*st, "name", section.name);
                r.string(*st, "path", section.path);
                // A later section of the same name replaces the earlier one (a Python dict).
                auto same = std::find_if(cfg.sections.begin(), cfg.sections.end(), [&](const NewsSection &s) { return s.name == section.name; });
                if (same != cfg.sections.end())
                    same->path = section.path;
                else
                    cfg.sections.push_back(std::move(section));
            }
        }
    }
    if (!cfg.singleFile)
        cfg.notes.push_back("single_file = false is not supported; the changelog is treated as one file");
    if (!errors.empty())
        return errors;
    return cfg;
}

Result<TowncrierConfig> loadTowncrierConfig(const std::string &buildRoot)
{
    const std::string towncrierToml = buildRoot + "/towncrier.toml";
    if (auto text = base::readFile(towncrierToml))
        return parseTowncrierConfig(*text, towncrierToml, false);
    const std::string pyproject = buildRoot + "/pyproject.toml";
    if (auto text = base::readFile(pyproject))
        return parseTowncrierConfig(*text, pyproject, true);
    return parseTowncrierConfig("", pyproject, true);
}

} // namespace trellis::release
