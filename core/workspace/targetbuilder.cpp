// From recorded target calls to Targets, the way Pants' graph rules do it.
//
// For each call in a directory: the name (default: the directory's basename), then the
// fields = defaults captured at call time (`__defaults__` for the type) overlaid with the
// explicit keyword arguments; unknown fields are errors. `parametrize` values expand the
// call into the cartesian product of variants, each with `@k=v` parameters. Plain targets
// get their fields validated and their sources globbed. Generators split their fields:
// moved fields leave the generator, copied fields stay and are also given to every
// generated target, whose fields start from the generated type's captured defaults; then
// `overrides` (keys are globs, or project names for requirements) replace field values
// per generated target. Requirement generators read their requirements file and make one
// `python_requirement` per project plus a `_generator_sources_helper` file target.
// go_mod reads go.mod (a third-party target per required module) and package_json
// reads package.json (node_package, node_third_party_package, scripts); both record the
// file as a load input.
//
// Errors are collected per target; a bad target never stops its neighbours.
#include "core/workspace/loader_p.h"

#include "core/base/glob.h"
#include "core/base/paths.h"
#include "core/base/spell.h"
#include "core/workspace/requirements.h"
#include "core/workspace/specs.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <utility>

namespace trellis::workspace {

using buildlang::HostDict;
using buildlang::HostList;
using buildlang::HostObject;
using K = FieldKind;

namespace {

const HostValue *kwarg(const HostKwargs &kw, std::string_view key)
{
    for (const auto &[k, v] : kw)
        if (k == key)
            return &v;
    return nullptr;
}

void setKwarg(HostKwargs &kw, const std::string &key, HostValue value)
{
    for (auto &[k, v] : kw)
        if (k == key) {
            v = std::move(value);
            return;
        }
    kw.emplace_back(key, std::move(value));
}

const char *pythonTypeName(const HostValue &v)
{
    // Python's name for a host symbol is "function"; everything else matches kindName().
    return v.kind() == HostValue::Kind::Symbol ? "function" : buildlang::kindName(v.kind());
}

bool isStringSequence(const HostValue &v)
{
    if (!v.isSequence())
        return false;
    for (const HostValue &e : v.items())
        if (!e.isString())
            return false;
    return true;
}

bool isParametrize(const HostValue &v)
{
    return v.kind() == HostValue::Kind::Object && v.object().typeName == "parametrize";
}

std::vector<std::string> stringsOf(const HostValue &v)
{
    std::vector<std::string> r;
    if (v.isString())
        r.push_back(v.str());
    for (const HostValue &e : v.items())
        if (e.isString())
            r.push_back(e.str());
    return r;
}

bool isSequenceKind(FieldKind k)
{
    return k == K::StringList || k == K::Sources || k == K::Dependencies || k == K::SpecialDependencies
           || k == K::StringOrList;
}

/// Pants stores a sequence field as `tuple(value)`: any iterable but a bare string is
/// accepted, and a dict contributes its keys. Rewrites dict values of the type's
/// string-sequence fields to the tuple of their keys (tuples, lists and sets pass).
void normalizeSequences(const TargetType &type, HostKwargs &kwargs)
{
    for (auto &[k, v] : kwargs) {
        if (v.kind() != HostValue::Kind::Dict)
            continue;
        const FieldSpec *fs = type.fieldSpec(k);
        if (!fs || !isSequenceKind(fs->kind))
            continue;
        HostList keys;
        keys.reserve(v.entries().size());
        for (const auto &[key, _] : v.entries())
            keys.push_back(key);
        base::SourceLocation loc = v.location;
        v = HostValue::tuple(std::move(keys));
        v.location = loc;
    }
}

/// One variant of a parametrized call.
struct Variant {
    std::vector<std::pair<std::string, std::string>> parameters;
    HostKwargs kwargs;
};

class Builder {
public:
    explicit Builder(DirState &s) : m_state(s), m_shared(*s.shared), m_files(*s.shared->files) {}
    void run();

private:
    base::Diagnostic error(const base::SourceLocation &loc, std::string message, std::string hint = {}) const
    {
        base::Diagnostic d = base::Diagnostic::error(loc, std::move(message), std::move(hint));
        auto it = m_state.texts.find(loc.file);
        if (it != m_state.texts.end() && loc.line > 0)
            d.sourceLine = base::lineOf(it->second, loc.line);
        return d;
    }
    void report(base::Diagnostic d) { m_state.diagnostics.push_back(std::move(d)); }
    /// Reports per unmatched_build_file_globs; false when it is an error.
    void unmatched(const base::SourceLocation &loc, const std::string &message)
    {
        const std::string &b = m_shared.settings.unmatchedBuildFileGlobs;
        if (b == "ignore")
            return;
        base::Diagnostic d = error(loc, message);
        if (b != "error")
            d.severity = base::Severity::Warning;
        report(std::move(d));
    }

    void buildOne(const TargetAdaptor &a, const std::string &name);
    std::optional<std::vector<Variant>> expand(const TargetAdaptor &a, const HostKwargs &merged, const Address &base);
    bool validateValue(const TargetAdaptor &a, const Address &addr, const FieldSpec &spec, const HostValue &v);
    void finishTarget(Target &t, const TargetType &type, const HostKwargs &kwargs, const TargetAdaptor &a,
                      bool globSources);
    bool checkGlobsInRoot(const Target &t, const TargetAdaptor &a, const Field &field, const char *alias,
                          const std::vector<std::string> &globs);
    void buildFileGenerator(const TargetAdaptor &a, const Variant &v, Target &gen, HostKwargs genKwargs,
                            const HostKwargs &templ);
    void buildRequirements(const TargetAdaptor &a, const Variant &v, Target &gen, HostKwargs genKwargs,
                           const HostKwargs &templ);
    void buildPantsRequirements(const TargetAdaptor &a, const Variant &v, Target &gen, const HostKwargs &genKwargs,
                                const HostKwargs &templ);
    void buildGoMod(const TargetAdaptor &a, Target &gen, const HostKwargs &genKwargs, const HostKwargs &templ);
    void buildPackageJson(const TargetAdaptor &a, Target &gen, const HostKwargs &genKwargs, const HostKwargs &templ);
    /// A generated target of `alias` at `address` from `kwargs` (fields the type lacks are
    /// dropped); false when the type is unknown or a value is invalid.
    bool addGenerated(const TargetAdaptor &a, Target &gen, const std::string &alias, const Address &address,
                      HostKwargs kwargs, std::vector<std::string> sources = {});
    std::optional<std::vector<std::pair<std::vector<std::string>, HostKwargs>>> overrides(const TargetAdaptor &a,
                                                                                           const Address &addr,
                                                                                           const HostValue *value);
    bool applyOverrides(const TargetAdaptor &a, const Address &genAddr, const std::string &key,
                        const std::vector<std::pair<std::vector<std::string>, HostKwargs>> &ovr,
                        const std::function<bool(const std::string &)> &matches, HostKwargs &kwargs,
                        std::vector<bool> &used);

    DirState &m_state;
    LoaderShared &m_shared;
    const FileTree &m_files;
};

std::optional<std::vector<Variant>> Builder::expand(const TargetAdaptor &a, const HostKwargs &merged, const Address &addr)
{
    std::vector<Variant> variants(1);
    std::vector<std::pair<std::string, HostValue>> groups; // group-form parametrize objects
    for (const auto &[k, v] : merged) {
        if (k.starts_with("__parametrize_group_") && isParametrize(v)) {
            groups.emplace_back(k, v);
            continue;
        }
        if (!isParametrize(v)) {
            for (Variant &var : variants)
                var.kwargs.emplace_back(k, v);
            continue;
        }
        const HostObject &p = v.object();
        std::vector<std::pair<std::string, HostValue>> options;
        for (const HostValue &arg : p.args) {
            if (!arg.isString()) {
                report(error(a.location, "In the target " + addr.toString() + ": positional arguments to `parametrize` "
                                         "must be strings; use keyword arguments for other values (e.g. "
                                         "parametrize(name=" + arg.repr() + ")), but got " + arg.repr()));
                return std::nullopt;
            }
            options.emplace_back(arg.str(), arg);
        }
        for (const auto &[alias, value] : p.kwargs)
            options.emplace_back(alias, value);
        std::vector<Variant> next;
        for (const Variant &var : variants)
            for (const auto &[label, value] : options) {
                Variant n = var;
                n.parameters.emplace_back(k, label);
                n.kwargs.emplace_back(k, value);
                next.push_back(std::move(n));
            }
        variants = std::move(next);
    }
    if (!groups.empty()) {
        std::vector<Variant> next;
        for (const Variant &var : variants)
            for (const auto &[key, g] : groups) {
                Variant n = var;
                const HostObject &p = g.object();
                const std::string label = p.args.empty() ? key.substr(20) : p.args.front().str();
                n.parameters.emplace_back("parametrize", label);
                for (const auto &[fk, fv] : p.kwargs)
                    setKwarg(n.kwargs, fk, fv);
                next.push_back(std::move(n));
            }
        variants = std::move(next);
    }
    for (Variant &var : variants)
        std::sort(var.parameters.begin(), var.parameters.end());
    return variants;
}

bool Builder::validateValue(const TargetAdaptor &a, const Address &addr, const FieldSpec &spec, const HostValue &v)
{
    if (v.isNone())
        return true;
    const char *expected = nullptr;
    switch (spec.kind) {
    case K::Any:
    case K::Object:
        return true;
    case K::String:
        if (!v.isString())
            expected = "a string";
        break;
    case K::Source:
        if (!v.isString())
            expected = "a string";
        break;
    case K::StringList:
    case K::Sources:
    case K::Dependencies:
    case K::SpecialDependencies:
        if (!isStringSequence(v))
            expected = "an iterable of strings (e.g. a list of strings)";
        break;
    case K::StringOrList:
        if (!v.isString() && !isStringSequence(v))
            expected = "a string or an iterable of strings";
        break;
    case K::Int:
        if (v.kind() != HostValue::Kind::Int)
            expected = "an integer";
        break;
    case K::Bool:
        if (v.kind() != HostValue::Kind::Bool)
            expected = "a boolean";
        break;
    case K::Dict:
        if (v.kind() != HostValue::Kind::Dict)
            expected = "a dictionary";
        break;
    }
    if (!expected)
        return true;
    report(error(a.location, "The '" + spec.alias + "' field in target " + addr.toString() + " must be " + expected
                                 + ", but was `" + v.repr() + "` with type `" + pythonTypeName(v) + "`."));
    return false;
}

void Builder::run()
{
    std::map<std::string, const TargetAdaptor *> byName;
    for (const TargetAdaptor &a : m_state.adaptors) {
        std::string name;
        if (const HostValue *n = kwarg(a.kwargs, "name"); n && !n->isNone()) {
            if (!n->isString()) {
                report(error(a.location, "The `name` field must be a string, but was `" + n->repr() + "` with type `"
                                             + pythonTypeName(*n) + "`."));
                continue;
            }
            name = n->str();
            if (name.empty()) {
                report(error(a.location, "The `name` field must not be empty."));
                continue;
            }
            if (const auto bad = name.find_first_of(":#!@?/\\="); bad != std::string::npos) {
                report(error(a.location, "The target name " + name + " (defined in directory "
                                             + (m_state.dir.empty() ? std::string(".") : m_state.dir)
                                             + ") contains banned characters (`" + name[bad]
                                             + "`). Please replace these characters with another separator character "
                                               "like `_`, `-`, or `/`.",
                             "banned characters: : # ! @ ? / \\ ="));
                continue;
            }
        } else {
            name = std::string(base::baseName(m_state.dir));
        }
        auto [it, inserted] = byName.emplace(name, &a);
        if (!inserted) {
            report(error(a.location, "DuplicateNameError: A target already exists at '"
                                         + (m_state.dir.empty() ? std::string("//") : m_state.dir) + "' with name '" + name
                                         + "' and target type '" + it->second->type->alias + "'. The '" + a.type->alias
                                         + "' target cannot use the same name."));
            continue;
        }
        buildOne(a, name);
    }
}

void Builder::buildOne(const TargetAdaptor &a, const std::string &name)
{
    const TargetType &type = *a.type;
    Address addr;
    addr.specPath = m_state.dir;
    if (m_state.dir.empty() || name != base::baseName(m_state.dir))
        addr.targetName = name;

    if (type.plugin || !type.deprecation.empty()) {
        const bool first = std::none_of(m_state.reportedOnce.begin(), m_state.reportedOnce.end(),
                                        [&](const auto &r) { return r.second == type.alias; });
        if (first) {
            m_state.reportedOnce.emplace_back(m_state.diagnostics.size(), type.alias);
            const std::string message =
                !type.deprecation.empty() ? type.deprecation
                : type.generic ? "unknown target type `" + type.alias + "`: no enabled backend or in-repo plugin "
                                 "defines it; its fields are kept as written"
                : type.pluginFieldsKnown
                    ? "target type `" + type.alias + "` comes from an in-repo plugin; its fields are read from the plugin's "
                      "source, their values kept as written"
                    : "target type `" + type.alias + "` comes from an in-repo plugin; its fields are kept as written";
            base::Diagnostic d = error(a.location, message);
            // Pants says nothing about a plugin type; when every field class of it was
            // read statically, this is a note, not a warning.
            d.severity = type.pluginFieldsKnown && type.deprecation.empty() && !type.generic ? base::Severity::Note
                                                                                          : base::Severity::Warning;
            report(std::move(d));
        }
    }

    // Explicit keyword arguments: every field must be known to the type.
    bool ok = true;
    for (const auto &[k, v] : a.kwargs) {
        if (k == "name" || k.starts_with("__parametrize_group_"))
            continue;
        if (auto dep = type.deprecatedFields.find(k); dep != type.deprecatedFields.end()) {
            base::Diagnostic d = error(v.location.isValid() ? v.location : a.location, dep->second);
            d.severity = base::Severity::Warning;
            report(std::move(d));
        }
        if (!type.accepts(k)) {
            std::vector<std::string> valid = type.acceptedFields();
            std::string list = "[";
            for (size_t i = 0; i < valid.size(); ++i)
                list += (i ? ", '" : "'") + valid[i] + "'";
            list += "]";
            const std::string near = base::nearest(k, valid);
            if (near.empty()) {
                // A field no table knows (a newer Pants, an unread plugin): kept as written.
                base::Diagnostic d = error(v.location.isValid() ? v.location : a.location,
                                           "Unknown field `" + k + "` in target " + addr.toString()
                                               + ": the target type `" + type.alias + "` does not define it here; "
                                                 "its value is kept as written");
                d.severity = base::Severity::Warning;
                report(std::move(d));
                continue;
            }
            report(error(v.location.isValid() ? v.location : a.location,
                         "Unrecognized field `" + k + "=" + v.repr() + "` in target " + addr.toString()
                             + ". Valid fields for the target type `" + type.alias + "`: " + list + ".",
                         near.empty() ? std::string() : "did you mean " + near + "?"));
            ok = false;
        }
    }
    if (!ok)
        return;

    // Defaults captured at call time, then explicit values.
    HostKwargs merged;
    if (auto it = a.defaults->perType.find(type.alias); it != a.defaults->perType.end())
        for (const auto &[k, v] : it->second)
            if (!kwarg(a.kwargs, k))
                merged.emplace_back(k, v);
    for (const auto &[k, v] : a.kwargs)
        if (k != "name")
            merged.emplace_back(k, v);

    auto variants = expand(a, merged, addr);
    if (!variants)
        return;
    if (type.isGenerator() && variants->size() > 1) {
        for (const auto &[pk, pv] : variants->front().parameters) {
            if (pk != "parametrize" && !type.isMoved(pk)) {
                report(error(a.location, "Only fields which will be moved to generated targets may be parametrized, "
                                         "so target generator " + addr.toString() + " (with type " + type.alias
                                             + ") cannot parametrize `" + pk + "`."));
                return;
            }
        }
    }

    for (Variant &v : *variants) {
        Target t;
        t.address = addr;
        t.address.parameters = v.parameters;
        t.type = type.alias;
        t.declaredAt = a.location;
        t.unknownType = type.plugin;
        bool valid = true;
        normalizeSequences(type, v.kwargs);
        for (const auto &[k, val] : v.kwargs)
            if (const FieldSpec *fs = type.fieldSpec(k))
                valid = validateValue(a, t.address, *fs, val) && valid;
        if (!valid)
            continue;
        if (!type.isGenerator()) {
            finishTarget(t, type, v.kwargs, a, true);
            m_state.targets.push_back(std::move(t));
            continue;
        }
        // Split generator fields into what stays and the template for generated targets.
        HostKwargs genKwargs, templ;
        for (const auto &[k, val] : v.kwargs) {
            if (type.isMoved(k)) {
                templ.emplace_back(k, val);
            } else {
                if (type.isCopied(k))
                    templ.emplace_back(k, val);
                genKwargs.emplace_back(k, val);
            }
        }
        t.isGenerator = true;
        switch (type.generator) {
        case GeneratorKind::Files: buildFileGenerator(a, v, t, std::move(genKwargs), templ); break;
        case GeneratorKind::Requirements: buildRequirements(a, v, t, std::move(genKwargs), templ); break;
        case GeneratorKind::PantsRequirements: buildPantsRequirements(a, v, t, genKwargs, templ); break;
        case GeneratorKind::GoMod: buildGoMod(a, t, genKwargs, templ); break;
        case GeneratorKind::PackageJson: buildPackageJson(a, t, genKwargs, templ); break;
        case GeneratorKind::None: break;
        }
    }
}

/// A glob that climbs above the build root (`../../..`) is an error at the field, as in
/// Pants ("globs may not traverse outside the build root"); false when one does.
bool Builder::checkGlobsInRoot(const Target &t, const TargetAdaptor &a, const Field &field, const char *alias,
                               const std::vector<std::string> &globs)
{
    const std::string &dir = t.address.specPath;
    bool ok = true;
    for (size_t i = 0; i < globs.size(); ++i) {
        if (!globEscapesRoot(dir, globs[i]))
            continue;
        base::SourceLocation loc = a.location;
        if (field.value.isSequence() && i < field.value.items().size() && field.value.items()[i].location.isValid())
            loc = field.value.items()[i].location;
        else if (field.value.location.isValid())
            loc = field.value.location;
        report(error(loc, "Invalid glob \"" + globs[i] + "\" in the `" + std::string(alias) + "` field of "
                              + t.address.toString() + ": globs may not traverse outside the build root."));
        ok = false;
    }
    return ok;
}

/// Fills fields (type defaults for the unset ones), sources, explicit dependencies, tags
/// and resolve of `t` from `kwargs`.
void Builder::finishTarget(Target &t, const TargetType &type, const HostKwargs &kwargs, const TargetAdaptor &a,
                           bool globSources)
{
    const std::string &dir = t.address.specPath;
    auto addField = [&](const std::string &alias, const HostValue *given, const HostValue &def) {
        Field f;
        f.alias = alias;
        if (given) {
            f.value = *given;
            f.isDefault = *given == def;
        } else {
            f.value = def;
        }
        t.fields.push_back(std::move(f));
    };
    t.fields.reserve(t.fields.size() + type.fields.size()); // one allocation per target
    for (const FieldSpec &fs : type.fields) {
        if (type.isGenerator() && type.isMoved(fs.alias))
            continue;
        const HostValue *given = kwarg(kwargs, fs.alias);
        if (given && given->isNone())
            given = nullptr;
        if (fs.required && !given && !(t.address.isGenerated() && (fs.alias == "source" || fs.alias == "requirements"))) {
            report(error(a.location, "The '" + fs.alias + "' field in target " + t.address.toString()
                                         + " must be defined."));
        }
        addField(fs.alias, given, fs.defaultValue);
    }
    // Fields the type does not define (plugin types, unknown fields): kept raw.
    if (std::any_of(kwargs.begin(), kwargs.end(), [&](const auto &kv) { return !type.fieldSpec(kv.first); })) {
        for (const auto &[k, v] : kwargs)
            if (!type.fieldSpec(k))
                addField(k, &v, HostValue());
        std::sort(t.fields.begin(), t.fields.end(), [](const Field &x, const Field &y) { return x.alias < y.alias; });
    }

    // Sources. Pants expands a field's globs with "any match" conjunction: an unmatched
    // glob is reported only when no include glob of the field matches anything.
    if (globSources) {
        const Field *src = t.field("source");
        const Field *srcs = t.field("sources");
        const bool single = src && src->value.isString();
        if (single || (srcs && srcs->value.isSequence())) {
            const Field &field = single ? *src : *srcs;
            const std::vector<std::string> globs = single ? std::vector<std::string>{src->value.str()}
                                                          : stringsOf(srcs->value);
            const char *alias = single ? "source" : "sources";
            if (!checkGlobsInRoot(t, a, field, alias, globs))
                return;
            std::vector<std::string> unmatchedGlobs;
            t.sources = m_files.glob(dir, globs, &unmatchedGlobs);
            std::vector<std::string> excludes;
            size_t includes = 0;
            for (const std::string &g : globs) {
                if (g.starts_with('!'))
                    excludes.push_back(base::joinPath(dir, std::string_view(g).substr(1)));
                else if (!g.empty())
                    ++includes;
            }
            const bool reportable = single ? t.type != "docker_image" : !field.isDefault;
            if (reportable && t.sources.empty() && includes > 0 && unmatchedGlobs.size() == includes) {
                std::string msg = std::string("Unmatched glob") + (unmatchedGlobs.size() > 1 ? "s" : "") + " from "
                                  + t.address.toString() + "'s `" + alias + "` field: ";
                auto quoted = [&](const std::vector<std::string> &items, bool join) {
                    std::string out;
                    for (size_t i = 0; i < items.size(); ++i)
                        out += (i ? ", \"" : "\"") + (join ? base::joinPath(dir, items[i]) : items[i]) + "\"";
                    return out;
                };
                msg += unmatchedGlobs.size() == 1 ? quoted(unmatchedGlobs, true) : "[" + quoted(unmatchedGlobs, true) + "]";
                if (!excludes.empty())
                    msg += ", exclude: [" + quoted(excludes, false) + "]";
                unmatched(a.location, msg);
            }
        }
    }

    // Explicit dependencies from every dependency-like field.
    for (const FieldSpec &fs : type.fields) {
        if (fs.kind != K::Dependencies && fs.kind != K::SpecialDependencies && fs.alias != "entry_point_dependencies")
            continue;
        const Field *f = t.field(fs.alias);
        if (!f || f->value.isNone())
            continue;
        std::vector<std::string> raws;
        if (f->value.kind() == HostValue::Kind::Dict) {
            for (const auto &[k, v] : f->value.entries())
                if (k.isString())
                    raws.push_back(k.str());
        } else {
            raws = stringsOf(f->value);
        }
        for (const std::string &raw : raws) {
            std::string err;
            auto dep = parseDependency(raw, dir, fs.alias, &m_files, err);
            if (!dep) {
                report(error(f->value.location.isValid() ? f->value.location : a.location,
                             "Invalid value `" + raw + "` in the `" + fs.alias + "` field of " + t.address.toString() + ": "
                                 + err));
                continue;
            }
            if (dep->transitiveExclude && (!type.transitiveExcludes || fs.alias != "dependencies")) {
                report(error(a.location, "Bad value '" + raw + "' in the `" + fs.alias + "` field for "
                                             + t.address.toString() + ". Transitive excludes with `!!` are not supported "
                                               "for this target type. Did you mean to use a single `!` for a direct "
                                               "exclude?"));
                continue;
            }
            t.explicitDependencies.push_back(std::move(*dep));
        }
    }

    if (const Field *tags = t.field("tags"))
        t.tags = stringsOf(tags->value);
    if (const Field *r = t.field("resolve")) {
        if (r->value.isString()) {
            t.resolve = r->value.str();
            const auto &names = m_shared.settings.resolveNames;
            // Only Python resolves are [python].resolves entries (JVM ones are [jvm].resolves).
            if (m_shared.settings.enableResolves && type.pythonResolve && std::find(names.begin(), names.end(), t.resolve) == names.end()) {
                std::string all = "[";
                for (size_t i = 0; i < names.size(); ++i)
                    all += (i ? ", '" : "'") + names[i] + "'";
                all += "]";
                report(error(a.location, "Unrecognized resolve name from the field `resolve` in the target "
                                             + t.address.toString() + ": " + t.resolve + "\n\nAll valid resolve names: "
                                             + all,
                             base::nearest(t.resolve, names).empty() ? std::string()
                                                                     : "did you mean " + base::nearest(t.resolve, names) + "?"));
            }
        } else {
            t.resolve = m_shared.settings.defaultResolve;
        }
    }
}

std::optional<std::vector<std::pair<std::vector<std::string>, HostKwargs>>>
Builder::overrides(const TargetAdaptor &a, const Address &addr, const HostValue *value)
{
    std::vector<std::pair<std::vector<std::string>, HostKwargs>> r;
    if (!value || value->isNone())
        return r;
    for (const auto &[k, v] : value->entries()) {
        std::vector<std::string> keys;
        if (k.isString())
            keys.push_back(k.str());
        else if (k.isSequence() && isStringSequence(k))
            keys = stringsOf(k);
        if (keys.empty() || v.kind() != HostValue::Kind::Dict) {
            report(error(a.location, "The 'overrides' field in target " + addr.toString()
                                         + " must be a dictionary of strings (or tuples of strings) to dictionaries of "
                                           "field values, but had the key `" + k.repr() + "`."));
            return std::nullopt;
        }
        HostKwargs fields;
        for (const auto &[fk, fv] : v.entries()) {
            if (!fk.isString()) {
                report(error(a.location, "Override field names in target " + addr.toString() + " must be strings."));
                return std::nullopt;
            }
            fields.emplace_back(fk.str(), fv);
        }
        r.emplace_back(std::move(keys), std::move(fields));
    }
    return r;
}

bool Builder::applyOverrides(const TargetAdaptor &a, const Address &genAddr, const std::string &key,
                             const std::vector<std::pair<std::vector<std::string>, HostKwargs>> &ovr,
                             const std::function<bool(const std::string &)> &matches, HostKwargs &kwargs,
                             std::vector<bool> &used)
{
    std::map<std::string, std::string> setBy; // field -> override key
    for (size_t i = 0; i < ovr.size(); ++i) {
        for (const std::string &pattern : ovr[i].first) {
            if (!matches(pattern))
                continue;
            used[i] = true;
            for (const auto &[fk, fv] : ovr[i].second) {
                auto [it, inserted] = setBy.emplace(fk, pattern);
                if (!inserted) {
                    report(error(a.location, "Conflicting overrides in the `overrides` field of " + genAddr.toString()
                                                 + " for the key `" + key + "` for the field `" + fk
                                                 + "`. You cannot specify the same field name multiple times for the "
                                                   "same path. (One override sets the field to `"
                                                 + kwarg(kwargs, fk)->repr() + "` but another sets to `" + fv.repr()
                                                 + "`.)"));
                    return false;
                }
                setKwarg(kwargs, fk, fv);
            }
        }
    }
    return true;
}

void Builder::buildFileGenerator(const TargetAdaptor &a, const Variant &v, Target &gen, HostKwargs genKwargs,
                                 const HostKwargs &templ)
{
    const TargetType &type = *a.type;
    const TargetType *genType = m_shared.registry->find(type.generatedType);
    const std::string &dir = m_state.dir;
    if (const HostValue *s = kwarg(genKwargs, "sources"); s && s->isSequence() && s->items().empty()) {
        report(error(a.location, "The `sources` field in target " + gen.address.toString()
                                     + " must not be empty: a target generator needs files to generate targets for."));
        return;
    }
    const HostValue *ovrValue = kwarg(genKwargs, "overrides");
    auto ovr = overrides(a, gen.address, ovrValue);
    if (!ovr)
        return;
    finishTarget(gen, type, genKwargs, a, true);

    HostKwargs base;
    if (auto it = a.defaults->perType.find(type.generatedType); it != a.defaults->perType.end())
        base = it->second;
    for (const auto &[k, val] : templ)
        setKwarg(base, k, val);

    std::vector<bool> used(ovr->size(), false);
    bool anyError = false;
    // Geometric growth: reserving the exact size for each generator of a directory would
    // move all of the directory's targets again for every one.
    if (const size_t need = m_state.targets.size() + gen.sources.size() + 1; need > m_state.targets.capacity())
        m_state.targets.reserve(std::max(need, 2 * m_state.targets.capacity()));
    gen.generated.reserve(gen.sources.size());
    bool reportedOutside = false;
    for (const std::string &file : gen.sources) {
        if (!dir.empty() && !file.starts_with(dir + "/")) {
            if (!std::exchange(reportedOutside, true))
                report(error(a.location, "The file " + file + " matched by " + gen.address.toString()
                                             + "'s `sources` is not in or below its directory; use a target in that "
                                               "file's directory instead."));
            continue;
        }
        const std::string rel = dir.empty() ? file : file.substr(dir.size() + 1);
        HostKwargs kwargs = base;
        if (!applyOverrides(a, gen.address, rel, *ovr,
                            [&](const std::string &pattern) { return base::globMatches(pattern, rel); }, kwargs, used)) {
            anyError = true;
            continue;
        }
        // `parametrize` in the generated type's `__defaults__` or in `overrides` makes
        // one generated target per value (`f.py:lib@resolve=a`), as in Pants.
        Address fileAddress = gen.address;
        fileAddress.relativeFilePath = rel;
        std::vector<Variant> fileVariants;
        if (std::any_of(kwargs.begin(), kwargs.end(), [](const auto &kv) { return isParametrize(kv.second); })) {
            auto expanded = expand(a, kwargs, fileAddress);
            if (!expanded) {
                anyError = true;
                continue;
            }
            fileVariants = std::move(*expanded);
        } else {
            fileVariants.push_back({{}, std::move(kwargs)});
        }
        for (Variant &fv : fileVariants) {
            Target t;
            t.address = fileAddress;
            for (auto &p : fv.parameters)
                t.address.parameters.push_back(std::move(p));
            std::sort(t.address.parameters.begin(), t.address.parameters.end());
            t.type = genType->alias;
            t.declaredAt = a.location;
            HostKwargs &fileKwargs = fv.kwargs;
            normalizeSequences(*genType, fileKwargs);
            bool valid = true;
            for (const auto &[k, val] : fileKwargs) {
                const FieldSpec *fs = genType->fieldSpec(k);
                if (!fs && genType->plugin)
                    continue; // plugin types keep fields they do not declare, raw
                if (!fs) {
                    report(error(a.location, "Unrecognized field `" + k + "=" + val.repr() + "` in target "
                                                 + t.address.toString() + ". Valid fields for the target type `"
                                                 + genType->alias + "`: " + [&] {
                                                       std::string l = "[";
                                                       auto all = genType->acceptedFields();
                                                       for (size_t i = 0; i < all.size(); ++i)
                                                           l += (i ? ", '" : "'") + all[i] + "'";
                                                       return l + "]";
                                                   }() + "."));
                    valid = false;
                    continue;
                }
                valid = validateValue(a, t.address, *fs, val) && valid;
            }
            if (!valid) {
                anyError = true;
                continue;
            }
            setKwarg(fileKwargs, "source", HostValue::string(rel));
            finishTarget(t, *genType, fileKwargs, a, false);
            t.sources = {file};
            gen.generated.push_back(t.address);
            m_state.targets.push_back(std::move(t));
        }
    }
    (void)anyError;
    for (size_t i = 0; i < ovr->size(); ++i)
        if (!used[i])
            for (const std::string &k : (*ovr)[i].first)
                unmatched(a.location, "Unmatched glob from " + gen.address.toString() + "'s `overrides` field: \""
                                          + base::joinPath(dir, k) + "\"");
    std::sort(gen.generated.begin(), gen.generated.end());
    (void)v;
    m_state.targets.push_back(std::move(gen));
}

void Builder::buildRequirements(const TargetAdaptor &a, const Variant &v, Target &gen, HostKwargs genKwargs,
                                const HostKwargs &templ)
{
    const TargetType &type = *a.type;
    const TargetType *reqType = m_shared.registry->find("python_requirement");
    const TargetType *helperType = m_shared.registry->find("_generator_sources_helper");
    const std::string &dir = m_state.dir;
    const HostValue *ovrValue = kwarg(genKwargs, "overrides");
    auto ovr = overrides(a, gen.address, ovrValue);
    if (!ovr)
        return;
    finishTarget(gen, type, genKwargs, a, false);
    const Field *sourceField = gen.field("source");
    const std::string source = sourceField && sourceField->value.isString() ? sourceField->value.str() : "requirements.txt";
    const std::string path = base::joinPath(dir, source);
    if (!m_files.contains(path)) {
        report(error(a.location, "Unmatched glob from " + gen.address.toString() + "'s `source` field: \"" + path + "\""));
        m_state.targets.push_back(std::move(gen));
        return;
    }
    gen.sources = {path};
    m_state.shared->recordInput(path);
    const auto text = base::readFile(m_files.absolutePath(path));
    if (!text) {
        report(error(a.location, "cannot read " + path));
        m_state.targets.push_back(std::move(gen));
        return;
    }
    ParsedRequirements parsed;
    const bool toml = base::baseName(source) == "pyproject.toml" || source.ends_with(".toml");
    if (type.alias == "uv_requirements")
        parsed = parseUvPyproject(path, *text);
    else if (toml)
        parsed = parsePyproject(path, *text, type.alias == "poetry_requirements");
    else
        parsed = parseRequirementsTxt(path, *text);
    for (base::Diagnostic &d : parsed.diagnostics)
        report(std::move(d));

    // The file target for the requirements file itself.
    Target helper;
    helper.address = gen.address;
    helper.address.relativeFilePath = source;
    helper.type = helperType->alias;
    helper.declaredAt = a.location;
    {
        HostKwargs hk;
        for (const auto &[k, val] : templ)
            if (helperType->fieldSpec(k))
                hk.emplace_back(k, val);
        hk.emplace_back("source", HostValue::string(source));
        finishTarget(helper, *helperType, hk, a, false);
        helper.sources = {path};
    }

    // module_mapping / type_stubs_module_mapping keyed by normalised project name.
    auto mapping = [&](const char *field) {
        std::map<std::string, HostValue> m;
        if (const HostValue *mm = kwarg(genKwargs, field))
            for (const auto &[k, val] : mm->entries())
                if (k.isString())
                    m[normalizeProjectName(k.str())] = val;
        return m;
    };
    const auto modules = mapping("module_mapping");
    const auto stubModules = mapping("type_stubs_module_mapping");

    HostKwargs base;
    if (auto it = a.defaults->perType.find("python_requirement"); it != a.defaults->perType.end())
        base = it->second;
    for (const auto &[k, val] : templ)
        setKwarg(base, k, val);

    std::vector<bool> used(ovr->size(), false);
    for (const RequirementGroup &g : parsed.groups) {
        const std::string norm = normalizeProjectName(g.name);
        HostKwargs kwargs = base;
        HostList reqs;
        for (const std::string &r : g.requirements)
            reqs.push_back(HostValue::string(r));
        setKwarg(kwargs, "requirements", HostValue::tuple(std::move(reqs)));
        if (auto it = modules.find(norm); it != modules.end())
            setKwarg(kwargs, "modules", it->second);
        if (auto it = stubModules.find(norm); it != stubModules.end())
            setKwarg(kwargs, "type_stub_modules", it->second);
        if (!applyOverrides(a, gen.address, g.name, *ovr,
                            [&](const std::string &key) { return normalizeProjectName(key) == norm; }, kwargs, used))
            continue;
        Target t;
        t.address = gen.address;
        t.address.generatedName = g.name;
        t.type = reqType->alias;
        t.declaredAt = a.location;
        bool valid = true;
        for (const auto &[k, val] : kwargs) {
            const FieldSpec *fs = reqType->fieldSpec(k);
            if (!fs) {
                report(error(a.location, "Unrecognized field `" + k + "=" + val.repr() + "` in target "
                                             + t.address.toString() + ". Valid fields for the target type `python_requirement`."));
                valid = false;
                continue;
            }
            valid = validateValue(a, t.address, *fs, val) && valid;
        }
        if (!valid)
            continue;
        finishTarget(t, *reqType, kwargs, a, false);
        t.sources = {};
        gen.generated.push_back(t.address);
        m_state.targets.push_back(std::move(t));
    }
    for (size_t i = 0; i < ovr->size(); ++i)
        if (!used[i])
            for (const std::string &k : (*ovr)[i].first)
                report(error(a.location, "Unused key in the `overrides` field for " + gen.address.toString() + ": `" + k
                                             + "` does not name a requirement in " + path + "."));
    gen.generated.push_back(helper.address);
    std::sort(gen.generated.begin(), gen.generated.end());
    m_state.targets.push_back(std::move(helper));
    (void)v;
    m_state.targets.push_back(std::move(gen));
}

/// The module paths a go.mod `require`s (directives `require x v` and `require ( ... )`,
/// direct and `// indirect`), in file order, without duplicates.
std::vector<std::string> goModRequirements(std::string_view text)
{
    std::vector<std::string> out;
    bool inBlock = false;
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        if (const size_t c = line.find("//"); c != std::string_view::npos)
            line = line.substr(0, c);
        auto trim = [](std::string_view s) {
            while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
                s.remove_prefix(1);
            while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
                s.remove_suffix(1);
            return s;
        };
        line = trim(line);
        if (line.empty())
            continue;
        std::string_view spec;
        if (inBlock) {
            if (line == ")") {
                inBlock = false;
                continue;
            }
            spec = line;
        } else if (line.starts_with("require") && line.size() > 7
                   && (std::isspace(static_cast<unsigned char>(line[7])) || line[7] == '(')) {
            std::string_view rest = trim(line.substr(7));
            if (rest.starts_with('(')) {
                rest = trim(rest.substr(1));
                if (rest.empty()) {
                    inBlock = true;
                    continue;
                }
                if (rest.ends_with(')'))
                    rest = trim(rest.substr(0, rest.size() - 1));
                else
                    inBlock = true;
            }
            spec = rest;
        } else {
            continue;
        }
        std::string_view path = spec.substr(0, spec.find_first_of(" \t"));
        std::string module;
        if (path.size() >= 2 && (path.front() == '"' || path.front() == '`'))
            module = std::string(path.substr(1, path.size() - 2));
        else
            module = std::string(path);
        if (!module.empty() && std::find(out.begin(), out.end(), module) == out.end())
            out.push_back(std::move(module));
        if (pos > text.size())
            break;
    }
    return out;
}

bool Builder::addGenerated(const TargetAdaptor &a, Target &gen, const std::string &alias, const Address &address,
                           HostKwargs kwargs, std::vector<std::string> sources)
{
    const TargetType *type = m_shared.registry->find(alias);
    static const TargetType fallbackRunScript = TargetTypeRegistry::genericType("_node_run_script");
    if (!type && alias == "_node_run_script")
        type = &fallbackRunScript; // Pants newer than the tables
    if (!type)
        return false;
    HostKwargs known;
    for (auto &[k, val] : kwargs)
        if (type->fieldSpec(k) || type->plugin)
            setKwarg(known, k, std::move(val));
    normalizeSequences(*type, known);
    Target t;
    t.address = address;
    t.type = type->alias;
    t.declaredAt = a.location;
    bool valid = true;
    for (const auto &[k, val] : known)
        if (const FieldSpec *fs = type->fieldSpec(k))
            valid = validateValue(a, t.address, *fs, val) && valid;
    if (!valid)
        return false;
    finishTarget(t, *type, known, a, false);
    t.sources = std::move(sources);
    gen.generated.push_back(t.address);
    m_state.targets.push_back(std::move(t));
    return true;
}

/// go_mod, as Pants' generate_targets_from_go_mod: `dir/go.mod:name` and `dir/go.sum:name`
/// file targets and one third-party target per required module at `dir:name#<module>`.
/// Pants lists every package of every module (it downloads them); statically, the module
/// paths of go.mod are what is known, so each module's root import path stands for it.
void Builder::buildGoMod(const TargetAdaptor &a, Target &gen, const HostKwargs &genKwargs, const HostKwargs &templ)
{
    const std::string &dir = m_state.dir;
    finishTarget(gen, *a.type, genKwargs, a, false);
    const std::string modPath = base::joinPath(dir, "go.mod");
    const std::string sumPath = base::joinPath(dir, "go.sum");
    if (!m_files.contains(modPath)) {
        report(error(a.location, "Unmatched glob from " + gen.address.toString() + "'s `_sources` field: \"" + modPath
                                     + "\""));
        m_state.targets.push_back(std::move(gen));
        return;
    }
    m_state.shared->recordInput(modPath);
    const auto text = base::readFile(m_files.absolutePath(modPath));
    if (!text) {
        report(error(a.location, "cannot read " + modPath));
        m_state.targets.push_back(std::move(gen));
        return;
    }
    gen.sources = {modPath};
    const TargetType *helperType = m_shared.registry->find("_generator_sources_helper");
    std::vector<std::string> fileSpecs;
    for (const char *file : {"go.mod", "go.sum"}) {
        const std::string path = base::joinPath(dir, file);
        if (!m_files.contains(path) || !helperType)
            continue;
        if (path != modPath)
            gen.sources.push_back(path);
        Address helper = gen.address;
        helper.relativeFilePath = file;
        fileSpecs.push_back(helper.toString());
        addGenerated(a, gen, helperType->alias, helper, {{"source", HostValue::string(file)}}, {path});
    }
    const bool modules = m_shared.settings.goGranularity == "module";
    const std::string alias = modules ? "go_third_party_module" : "go_third_party_package";
    HostKwargs base;
    if (auto it = a.defaults->perType.find(alias); it != a.defaults->perType.end())
        base = it->second;
    for (const auto &[k, val] : templ)
        setKwarg(base, k, val);
    HostList deps;
    for (const std::string &s : fileSpecs)
        deps.push_back(HostValue::string(s));
    for (const std::string &module : goModRequirements(*text)) {
        HostKwargs kwargs = base;
        setKwarg(kwargs, "import_path", HostValue::string(module));
        setKwarg(kwargs, "dependencies", HostValue::tuple(deps));
        Address addr = gen.address;
        addr.generatedName = module;
        addGenerated(a, gen, alias, addr, std::move(kwargs));
    }
    std::sort(gen.generated.begin(), gen.generated.end());
    m_state.targets.push_back(std::move(gen));
}

/// package_json, as Pants' generate_node_package_targets: the package.json file target
/// (`dir:name#dir/package.json`), one node_third_party_package per entry of
/// dependencies/devDependencies/peerDependencies (`#name`, `@` written `__`), the
/// node_package (`#<package name>`) and one target per node_build_script /
/// node_run_script of `scripts` (`#<entry_point>`).
void Builder::buildPackageJson(const TargetAdaptor &a, Target &gen, const HostKwargs &genKwargs,
                               const HostKwargs &templ)
{
    const std::string &dir = m_state.dir;
    finishTarget(gen, *a.type, genKwargs, a, true);
    const Field *sourceField = gen.field("source");
    const std::string source = sourceField && sourceField->value.isString() ? sourceField->value.str() : "package.json";
    const std::string path = base::joinPath(dir, source);
    if (!m_files.contains(path)) {
        m_state.targets.push_back(std::move(gen));
        return; // finishTarget reported the unmatched glob
    }
    m_state.shared->recordInput(path);
    const auto text = base::readFile(m_files.absolutePath(path));
    QJsonParseError perr;
    const QJsonDocument doc =
        text ? QJsonDocument::fromJson(QByteArray::fromStdString(*text), &perr) : QJsonDocument();
    if (!text || !doc.isObject()) {
        report(error(a.location, "cannot read " + path + (text ? ": " + perr.errorString().toStdString() : "")));
        m_state.targets.push_back(std::move(gen));
        return;
    }
    const QJsonObject pkg = doc.object();
    const std::string name = pkg.value("name").toString().toStdString();
    if (name.empty()) {
        report(error(a.location, "No package name found in package.json " + path + " of " + gen.address.toString()
                                     + "."));
        m_state.targets.push_back(std::move(gen));
        return;
    }
    auto jsonString = [](const QJsonValue &v) {
        return v.isString() ? HostValue::string(v.toString().toStdString()) : HostValue();
    };
    auto without = [&](std::initializer_list<const char *> drop) {
        HostKwargs r;
        for (const auto &[k, val] : templ)
            if (std::none_of(drop.begin(), drop.end(), [&](const char *d) { return k == d; }))
                r.emplace_back(k, val);
        return r;
    };
    auto templateDeps = [&] {
        HostList r;
        if (const HostValue *d = kwarg(templ, "dependencies"))
            for (const std::string &s : stringsOf(*d))
                r.push_back(HostValue::string(s));
        return r;
    };

    Address file = gen.address;
    file.generatedName = path;
    const std::string fileSpec = file.toString();
    addGenerated(a, gen, "_generator_sources_helper", file,
                 {{"source", HostValue::string(std::string(base::baseName(path)))}}, {path});

    std::map<std::string, QJsonValue> thirdParty;
    for (const char *section : {"dependencies", "devDependencies", "peerDependencies"}) {
        const QJsonObject o = pkg.value(section).toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            thirdParty[it.key().toStdString()] = it.value();
    }
    HostList packageDeps{HostValue::string(fileSpec)};
    for (const auto &[dep, version] : thirdParty) {
        Address addr = gen.address;
        addr.generatedName = dep;
        for (size_t at; (at = addr.generatedName.find('@')) != std::string::npos;)
            addr.generatedName.replace(at, 1, "__");
        HostKwargs kwargs = without({"source"});
        setKwarg(kwargs, "package", HostValue::string(dep));
        setKwarg(kwargs, "version", jsonString(version));
        setKwarg(kwargs, "dependencies", HostValue::tuple({HostValue::string(fileSpec)}));
        packageDeps.push_back(HostValue::string(addr.toString()));
        addGenerated(a, gen, "node_third_party_package", addr, std::move(kwargs));
    }
    for (HostValue &d : templateDeps())
        packageDeps.push_back(std::move(d));

    Address package = gen.address;
    package.generatedName = name;
    for (size_t at; (at = package.generatedName.find('@')) != std::string::npos;)
        package.generatedName.replace(at, 1, "__");
    {
        HostKwargs kwargs = templ;
        setKwarg(kwargs, "package", HostValue::string(name));
        setKwarg(kwargs, "version", jsonString(pkg.value("version")));
        if (const Field *env = gen.field("extra_env_vars"))
            setKwarg(kwargs, "extra_env_vars", env->value);
        setKwarg(kwargs, "dependencies", HostValue::tuple(packageDeps));
        addGenerated(a, gen, "node_package", package, std::move(kwargs));
    }

    const QJsonObject scripts = pkg.value("scripts").toObject();
    std::string available;
    for (auto it = scripts.begin(); it != scripts.end(); ++it)
        available += (available.empty() ? "" : ", ") + it.key().toStdString();
    HostList scriptDeps = packageDeps;
    scriptDeps.push_back(HostValue::string(package.toString()));
    const Field *scriptsField = gen.field("scripts");
    for (const HostValue &s : scriptsField ? scriptsField->value.items() : HostList{}) {
        if (s.kind() != HostValue::Kind::Object)
            continue;
        const HostObject &o = s.object();
        std::string entry;
        if (const HostValue *e = kwarg(o.kwargs, "entry_point"); e && e->isString())
            entry = e->str();
        else if (!o.args.empty() && o.args.front().isString())
            entry = o.args.front().str();
        if (o.typeName == "node_test_script") {
            const HostValue *cov = kwarg(o.kwargs, "coverage_entry_point");
            if (cov && cov->isString() && !scripts.contains(QString::fromStdString(cov->str())))
                report(error(a.location, cov->str() + " was not found in package.json#scripts section of the "
                                             "`package_json` target with address " + gen.address.toString()
                                             + ".\n\nAvailable scripts are: " + available + "."));
            continue;
        }
        if ((o.typeName != "node_build_script" && o.typeName != "node_run_script") || entry.empty())
            continue;
        if (!scripts.contains(QString::fromStdString(entry))) {
            report(error(a.location, entry + " was not found in package.json#scripts section of the `package_json` "
                                             "target with address " + gen.address.toString()
                                             + ".\n\nAvailable scripts are: " + available + "."));
            continue;
        }
        HostKwargs kwargs = templ;
        for (const auto &[k, val] : o.kwargs)
            setKwarg(kwargs, k, val);
        setKwarg(kwargs, "entry_point", HostValue::string(entry));
        setKwarg(kwargs, "dependencies", HostValue::tuple(scriptDeps));
        Address addr = gen.address;
        addr.generatedName = entry;
        addGenerated(a, gen, o.typeName == "node_build_script" ? "_node_build_script" : "_node_run_script", addr,
                     std::move(kwargs));
    }
    std::sort(gen.generated.begin(), gen.generated.end());
    m_state.targets.push_back(std::move(gen));
}

void Builder::buildPantsRequirements(const TargetAdaptor &a, const Variant &v, Target &gen, const HostKwargs &genKwargs,
                                     const HostKwargs &templ)
{
    const TargetType *reqType = m_shared.registry->find("python_requirement");
    finishTarget(gen, *a.type, genKwargs, a, false);
    const Field *testutil = gen.field("testutil");
    const Field *versionSpec = gen.field("version_spec");
    std::string spec = versionSpec && versionSpec->value.isString()
                           ? versionSpec->value.str()
                           : (m_shared.settings.pantsVersion.empty() ? std::string() : "==" + m_shared.settings.pantsVersion);
    std::vector<std::string> projects{"pantsbuild.pants"};
    if (!testutil || testutil->value.asBool())
        projects.push_back("pantsbuild.pants.testutil");
    for (const std::string &p : projects) {
        HostKwargs kwargs;
        if (auto it = a.defaults->perType.find("python_requirement"); it != a.defaults->perType.end())
            kwargs = it->second;
        for (const auto &[k, val] : templ)
            setKwarg(kwargs, k, val);
        setKwarg(kwargs, "requirements", HostValue::tuple({HostValue::string(p + spec)}));
        setKwarg(kwargs, "modules", HostValue::tuple({HostValue::string(p == "pantsbuild.pants" ? "pants" : "pants.testutil")}));
        Target t;
        t.address = gen.address;
        t.address.generatedName = p;
        t.type = reqType->alias;
        t.declaredAt = a.location;
        finishTarget(t, *reqType, kwargs, a, false);
        gen.generated.push_back(t.address);
        m_state.targets.push_back(std::move(t));
    }
    std::sort(gen.generated.begin(), gen.generated.end());
    (void)v;
    m_state.targets.push_back(std::move(gen));
}

} // namespace

std::optional<DependencySpec> parseDependency(const std::string &raw, const std::string &dir, const std::string &field,
                                              const FileTree *files, std::string &error)
{
    DependencySpec d;
    d.raw = raw;
    d.field = field;
    std::string_view s = raw;
    if (s.starts_with("!!")) {
        d.exclude = true;
        d.transitiveExclude = true;
        s.remove_prefix(2);
    } else if (s.starts_with("!")) {
        d.exclude = true;
        s.remove_prefix(1);
    }
    auto parsed = parseAddressInput(s, dir, files);
    if (!parsed) {
        error = parsed.diagnostics().empty() ? "invalid address" : parsed.diagnostics().front().message;
        return std::nullopt;
    }
    d.address = std::move(*parsed);
    return d;
}

void buildTargets(DirState &state)
{
    Builder(state).run();
}

void dropFirstPartyNodePackages(TargetList::Storage &targets)
{
    auto packageOf = [](const Target &t) {
        const Field *f = t.field("package");
        return f && f->value.isString() ? f->value.str() : std::string();
    };
    std::set<std::string> names;
    for (const auto &t : targets)
        if (t->type == "node_package" && !t->address.generatedName.empty())
            names.insert(packageOf(*t));
    if (names.empty())
        return;
    std::set<std::string> removed; // address texts
    for (const auto &t : targets)
        if (t->type == "node_third_party_package" && !t->address.generatedName.empty() && names.count(packageOf(*t)))
            removed.insert(t->address.toString());
    if (removed.empty())
        return;
    std::erase_if(targets, [&](const std::shared_ptr<const Target> &t) {
        return t->type == "node_third_party_package" && removed.count(t->address.toString());
    });
    auto isRemoved = [&](const Address &a) { return removed.count(a.toString()) > 0; };
    for (std::shared_ptr<const Target> &shared : targets) {
        const bool generates = std::any_of(shared->generated.begin(), shared->generated.end(), isRemoved);
        const bool depends = std::any_of(shared->explicitDependencies.begin(), shared->explicitDependencies.end(),
                                         [&](const DependencySpec &d) { return isRemoved(d.address); });
        if (!generates && !depends)
            continue;
        // Targets are immutable once made (they may be shared with an earlier load): change a copy.
        auto t = std::make_shared<Target>(*shared);
        std::erase_if(t->generated, isRemoved);
        std::erase_if(t->explicitDependencies, [&](const DependencySpec &d) { return isRemoved(d.address); });
        if (depends) {
            for (Field &f : t->fields) {
                if (f.alias != "dependencies" || !f.value.isSequence())
                    continue;
                HostList kept;
                for (const HostValue &v : f.value.items())
                    if (!v.isString() || !removed.count(v.str()))
                        kept.push_back(v);
                f.value = HostValue::tuple(std::move(kept));
            }
        }
        shared = std::move(t);
    }
}

} // namespace trellis::workspace
