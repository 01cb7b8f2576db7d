// Command-line specs and target filters (spec §3.2, §3.3).
#include "core/workspace/specs.h"

#include "core/base/paths.h"
#include "core/base/spell.h"
#include "core/workspace/filetree.h"
#include "core/workspace/workspace.h"

#include <QRegularExpression>

#include <algorithm>
#include <set>

namespace trellis::workspace {

using base::Diagnostic;

namespace {

bool isDirectory(const FileTree &files, std::string_view dir)
{
    if (dir.empty())
        return true;
    const std::string prefix = std::string(dir) + "/";
    auto it = std::lower_bound(files.files().begin(), files.files().end(), prefix);
    return it != files.files().end() && it->starts_with(prefix);
}

bool isUnder(std::string_view path, std::string_view dir)
{
    return dir.empty() || path == dir || (path.size() > dir.size() && path.starts_with(dir) && path[dir.size()] == '/');
}

/// Normalises a CLI path against the current directory: `./x`, `x/`, absolute paths.
std::optional<std::string> normalizePath(std::string p, const std::string &cwd, const std::string &buildRoot)
{
    if (p.starts_with("//")) {
        p = p.substr(2);
    } else if (p.starts_with('/')) {
        if (p == buildRoot)
            return std::string();
        if (!p.starts_with(buildRoot + "/"))
            return std::nullopt;
        p = p.substr(buildRoot.size() + 1);
    } else {
        p = base::joinPath(cwd, p);
    }
    std::vector<std::string> parts;
    size_t start = 0;
    while (start <= p.size()) {
        size_t slash = p.find('/', start);
        if (slash == std::string::npos)
            slash = p.size();
        const std::string comp = p.substr(start, slash - start);
        if (comp == "..") {
            if (parts.empty())
                return std::nullopt;
            parts.pop_back();
        } else if (!comp.empty() && comp != ".") {
            parts.push_back(comp);
        }
        start = slash + 1;
    }
    std::string r;
    for (const auto &c : parts)
        r = base::joinPath(r, c);
    return r;
}

} // namespace

base::Result<Address> parseAddressInput(std::string_view spec, std::string_view relativeTo, const FileTree *files)
{
    auto parsed = Address::parse(spec, relativeTo);
    if (!parsed || !files)
        return parsed;
    // The explicit target name as written (between ':' and '#'/'@').
    std::string explicitName;
    if (const size_t colon = spec.find(':'); colon != std::string_view::npos) {
        const size_t end = spec.find_first_of("#@", colon);
        explicitName = std::string(spec.substr(colon + 1, end == std::string_view::npos ? end : end - colon - 1));
    }
    const Address &a = *parsed;
    if (a.isFileTarget() && a.relativeFilePath.find('/') == std::string::npos) {
        // `dir.with.dots:name` where the path is a directory, not a file.
        const std::string path = a.filePath();
        if (!files->contains(path) && isDirectory(*files, path)) {
            Address d;
            d.specPath = path;
            d.targetName = explicitName == base::baseName(path) ? std::string() : explicitName;
            d.parameters = a.parameters;
            return d;
        }
    } else if (!a.isFileTarget() && a.generatedName.empty() && !a.specPath.empty() && files->contains(a.specPath)) {
        // `dir/Dockerfile` (no suffix) naming an existing file.
        Address f;
        f.specPath = std::string(base::dirName(a.specPath));
        f.relativeFilePath = std::string(base::baseName(a.specPath));
        f.targetName = (!f.specPath.empty() && explicitName == base::baseName(f.specPath)) ? std::string() : explicitName;
        f.parameters = a.parameters;
        return f;
    }
    return parsed;
}

base::Result<std::vector<Spec>> parseSpecs(const std::vector<std::string> &args, const std::string &cwd,
                                           const std::string &buildRoot, const FileTree &files)
{
    std::vector<Spec> specs;
    base::Diagnostics errors;
    for (const std::string &arg : args) {
        Spec s;
        s.text = arg;
        std::string t = arg;
        if (t.starts_with('-') || t.starts_with('!')) {
            s.ignore = true;
            t.erase(0, 1);
        }
        if (t.empty()) {
            errors.push_back(Diagnostic::error({}, "empty spec `" + arg + "`"));
            continue;
        }
        auto bad = [&](const std::string &why) { errors.push_back(Diagnostic::error({}, "invalid spec `" + arg + "`: " + why)); };
        if (t.ends_with("::")) {
            auto p = normalizePath(t.substr(0, t.size() - 2), cwd, buildRoot);
            if (!p) {
                bad("path is outside the build root");
                continue;
            }
            s.kind = Spec::Kind::Recursive;
            s.path = *p;
        } else if (t.ends_with(':') && t.find(':') == t.size() - 1) {
            auto p = normalizePath(t.substr(0, t.size() - 1), cwd, buildRoot);
            if (!p) {
                bad("path is outside the build root");
                continue;
            }
            s.kind = Spec::Kind::DirGlob;
            s.path = *p;
        } else if (t.ends_with('^')) {
            auto p = normalizePath(t.substr(0, t.size() - 1), cwd, buildRoot);
            if (!p) {
                bad("path is outside the build root");
                continue;
            }
            s.kind = Spec::Kind::Ancestors;
            s.path = *p;
        } else if (t.find_first_of(":#@") != std::string::npos) {
            // Address literal; its path part is CLI-relative.
            const size_t cut = t.find_first_of(":#@");
            std::string pathPart = t.substr(0, cut);
            std::optional<std::string> p;
            if (pathPart.empty() || pathPart.starts_with("//"))
                p = pathPart.starts_with("//") ? pathPart.substr(2) : cwd;
            else
                p = normalizePath(pathPart, cwd, buildRoot);
            if (!p) {
                bad("path is outside the build root");
                continue;
            }
            auto a = parseAddressInput("//" + *p + t.substr(cut), "", &files);
            if (!a) {
                for (auto d : a.diagnostics())
                    errors.push_back(std::move(d));
                continue;
            }
            s.kind = Spec::Kind::Address;
            s.address = std::move(*a);
        } else if (t.find('*') != std::string::npos) {
            auto p = normalizePath(t, cwd, buildRoot);
            if (!p) {
                bad("path is outside the build root");
                continue;
            }
            s.kind = Spec::Kind::FileGlob;
            s.path = *p;
        } else {
            auto p = normalizePath(t, cwd, buildRoot);
            if (!p) {
                bad("path is outside the build root");
                continue;
            }
            s.path = *p;
            if (files.contains(*p))
                s.kind = Spec::Kind::File;
            else if (isDirectory(files, *p))
                s.kind = Spec::Kind::DirLiteral;
            else {
                const std::string_view b = base::baseName(*p);
                s.kind = b.find('.') != std::string_view::npos ? Spec::Kind::File : Spec::Kind::DirLiteral;
            }
        }
        specs.push_back(std::move(s));
    }
    if (!errors.empty())
        return errors;
    return specs;
}

base::Result<std::vector<int>> resolveSpecs(const Workspace &ws, const std::vector<Spec> &specs,
                                            const std::string &unmatchedBehavior, base::Diagnostics *warnings)
{
    const TargetList &targets = ws.targets();
    const FileTree &files = *ws.files();
    std::set<int> include, exclude;
    base::Diagnostics errors;
    auto unmatched = [&](const Spec &s, const std::string &glob) {
        if (unmatchedBehavior == "ignore")
            return;
        std::string msg = "Unmatched glob from CLI arguments: \"" + glob + "\"";
        // "Did you mean": the nearest directory (dir specs) or file (file specs).
        const bool dirSpec = s.kind != Spec::Kind::File && s.kind != Spec::Kind::FileGlob;
        if (s.kind != Spec::Kind::FileGlob && !s.path.empty()) {
            // Ties go to the first candidate: prefer completions of what was typed
            // (`src/ap` -> `src/app` rather than `src/a`).
            auto nearestDir = [&](const std::string &typed) {
                std::vector<std::string> dirs = files.directories();
                std::stable_partition(dirs.begin(), dirs.end(), [&](const std::string &d) { return d.starts_with(typed); });
                return base::nearest(typed, dirs);
            };
            std::string near;
            if (dirSpec) {
                near = nearestDir(s.path);
            } else {
                std::string dir(base::dirName(s.path));
                if (!dir.empty() && !isDirectory(files, dir))
                    dir = nearestDir(dir);
                if (!dir.empty() || base::dirName(s.path).empty()) {
                    std::vector<std::string> candidates;
                    for (std::string_view f : files.filesIn(dir))
                        candidates.push_back(base::joinPath(dir, std::string(f)));
                    near = base::nearest(s.path, candidates);
                }
            }
            if (!near.empty() && near != s.path) {
                const char *suffix = s.kind == Spec::Kind::Recursive ? "::" : s.kind == Spec::Kind::DirGlob ? ":" : "";
                msg += " (did you mean " + near + suffix + "?)";
            }
        }
        Diagnostic d = Diagnostic::error({}, msg);
        if (unmatchedBehavior == "warn") {
            d.severity = base::Severity::Warning;
            if (warnings)
                warnings->push_back(std::move(d));
        } else {
            errors.push_back(std::move(d));
        }
    };
    auto owners = [&](const std::string &path, std::set<int> &into) {
        bool any = false;
        for (int i : ws.ownerIndicesOf(path)) {
            into.insert(i);
            any = true;
        }
        return any;
    };
    for (const Spec &s : specs) {
        std::set<int> &into = s.ignore ? exclude : include;
        switch (s.kind) {
        case Spec::Kind::Address: {
            bool found = false;
            if (const int i = ws.indexOf(s.address); i >= 0) {
                into.insert(i);
                found = true;
            } else if (s.address.parameters.empty()) {
                // Without parameters an address selects all its parametrizations.
                for (size_t i = 0; i < targets.size(); ++i) {
                    Address a = targets[i].address;
                    if (a.parameters.empty())
                        continue;
                    a.parameters.clear();
                    if (a == s.address) {
                        into.insert(int(i));
                        found = true;
                    }
                }
            }
            if (!found && !s.ignore) {
                std::vector<std::string> names;
                for (const Target &t : targets)
                    if (t.address.specPath == s.address.specPath && !t.address.isGenerated())
                        names.push_back(t.address.name());
                std::string msg = "'" + s.address.name() + "' was not found in namespace '" + s.address.specPath + "'.";
                if (!names.empty()) {
                    msg += " Did you mean one of:";
                    for (const auto &n : names)
                        msg += "\n  :" + n;
                }
                if (s.address.isGenerated())
                    msg = "The address " + s.address.toString() + " from CLI arguments was not found.";
                errors.push_back(Diagnostic::error({}, msg));
            }
            break;
        }
        case Spec::Kind::DirGlob:
        case Spec::Kind::Recursive:
        case Spec::Kind::DirLiteral:
        case Spec::Kind::Ancestors: {
            bool any = false;
            for (size_t i = 0; i < targets.size(); ++i) {
                const Target &t = targets[i];
                const std::string res = t.address.residenceDir();
                bool match = false;
                switch (s.kind) {
                case Spec::Kind::DirGlob: match = res == s.path; break;
                case Spec::Kind::Recursive: match = isUnder(res, s.path); break;
                case Spec::Kind::DirLiteral: match = res == s.path && !t.isGenerator; break;
                default: match = isUnder(s.path, res); break;
                }
                if (match) {
                    into.insert(int(i));
                    any = true;
                }
            }
            if (!any && !s.ignore && !isDirectory(files, s.path)) {
                const std::string glob = s.kind == Spec::Kind::Recursive ? base::joinPath(s.path, "**")
                                                                         : base::joinPath(s.path, "*");
                unmatched(s, s.path.empty() ? glob : glob);
            }
            break;
        }
        case Spec::Kind::File: {
            if (!files.contains(s.path)) {
                if (!s.ignore)
                    unmatched(s, s.path);
                break;
            }
            owners(s.path, into);
            break;
        }
        case Spec::Kind::FileGlob: {
            const std::string dir;
            std::vector<std::string> unmatchedGlobs;
            const std::vector<std::string> matched = files.glob(dir, {s.path}, &unmatchedGlobs);
            for (const std::string &f : matched)
                owners(f, into);
            if (matched.empty() && !s.ignore)
                unmatched(s, s.path);
            break;
        }
        }
    }
    if (!errors.empty())
        return errors;
    std::vector<int> r;
    for (int i : include)
        if (!exclude.count(i))
            r.push_back(i);
    return r;
}

bool TargetFilters::empty() const
{
    return tags.empty() && targetTypes.empty() && addressRegexes.empty() && tagRegexes.empty() && granularities.empty();
}

namespace {

struct Group {
    bool negate = false;
    std::vector<std::string> items;
};

Group splitGroup(std::string v)
{
    Group g;
    if (v.starts_with('-')) {
        g.negate = true;
        v.erase(0, 1);
    } else if (v.starts_with('+')) {
        v.erase(0, 1);
    }
    size_t start = 0;
    while (start <= v.size()) {
        size_t comma = v.find(',', start);
        if (comma == std::string::npos)
            comma = v.size();
        std::string item = v.substr(start, comma - start);
        if (!item.empty())
            g.items.push_back(std::move(item));
        start = comma + 1;
    }
    return g;
}

} // namespace

base::Status TargetFilters::validate() const
{
    base::Diagnostics errors;
    for (const auto *list : {&addressRegexes, &tagRegexes})
        for (const std::string &v : *list)
            for (const std::string &re : splitGroup(v).items) {
                QRegularExpression rx(QString::fromStdString(re));
                if (!rx.isValid())
                    errors.push_back(Diagnostic::error({}, "invalid regular expression `" + re + "`: "
                                                               + rx.errorString().toStdString()));
            }
    for (const std::string &v : granularities)
        for (const std::string &g : splitGroup(v).items)
            if (g != "all" && g != "file" && g != "BUILD")
                errors.push_back(Diagnostic::error({}, "invalid value for --filter-granularity: `" + g
                                                           + "` (choose from all, file, BUILD)"));
    if (!errors.empty())
        return errors;
    return base::okStatus();
}

std::vector<int> TargetFilters::apply(const Workspace &ws, const std::vector<int> &indices) const
{
    if (empty())
        return indices;
    struct Compiled {
        Group group;
        std::vector<QRegularExpression> regexes;
    };
    auto compile = [](const std::vector<std::string> &values, bool regex) {
        std::vector<Compiled> r;
        for (const std::string &v : values) {
            Compiled c{splitGroup(v), {}};
            if (regex)
                for (const std::string &re : c.group.items)
                    c.regexes.emplace_back(QString::fromStdString(re));
            r.push_back(std::move(c));
        }
        return r;
    };
    const auto tagGroups = compile(tags, false);
    const auto typeGroups = compile(targetTypes, false);
    const auto addressGroups = compile(addressRegexes, true);
    const auto tagRegexGroups = compile(tagRegexes, true);
    const auto granularityGroups = compile(granularities, false);
    auto passes = [](const std::vector<Compiled> &groups, const auto &anyMatch) {
        for (const Compiled &g : groups)
            if (anyMatch(g) == g.group.negate)
                return false;
        return true;
    };
    std::vector<int> r;
    for (int i : indices) {
        const Target &t = ws.targets()[size_t(i)];
        const bool ok =
            passes(tagGroups, [&](const Compiled &g) {
                for (const auto &item : g.group.items)
                    if (std::find(t.tags.begin(), t.tags.end(), item) != t.tags.end())
                        return true;
                return false;
            })
            && passes(typeGroups, [&](const Compiled &g) {
                   return std::find(g.group.items.begin(), g.group.items.end(), t.type) != g.group.items.end();
               })
            && passes(addressGroups, [&](const Compiled &g) {
                   const QString a = QString::fromStdString(t.address.toString());
                   for (const auto &rx : g.regexes)
                       if (rx.match(a).hasMatch())
                           return true;
                   return false;
               })
            && passes(tagRegexGroups, [&](const Compiled &g) {
                   for (const auto &rx : g.regexes)
                       for (const auto &tag : t.tags)
                           if (rx.match(QString::fromStdString(tag)).hasMatch())
                               return true;
                   return false;
               })
            && passes(granularityGroups, [&](const Compiled &g) {
                   for (const auto &item : g.group.items) {
                       if (item == "all")
                           return true;
                       if (item == "file" && t.address.isFileTarget())
                           return true;
                       if (item == "BUILD" && !t.address.isFileTarget())
                           return true;
                   }
                   return false;
               });
        if (ok)
            r.push_back(i);
    }
    return r;
}

} // namespace trellis::workspace
