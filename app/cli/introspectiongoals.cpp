// list, filter, peek.
#include "app/cli/introspectiongoals.h"

#include "app/cli/graphgoals.h"

#include "core/base/jsontext.h"
#include "core/base/paths.h"
#include "core/workspace/targettype.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

namespace trellis::cli {

using workspace::Address;
using workspace::HostValue;
using workspace::Target;
using workspace::Workspace;

namespace {

// json.dumps(ensure_ascii=True): non-ASCII as \uXXXX (surrogate pairs); ill-formed
// UTF-8 in a name becomes U+FFFD, never a lone surrogate (base/jsontext.h).
void appendJsonString(std::string &out, std::string_view s)
{
    base::appendJsonString(out, s, base::JsonAscii::Escape);
}

void writeJson(std::string &out, const HostValue &v, int indent);

void writeArray(std::string &out, const std::vector<HostValue> &items, int indent)
{
    if (items.empty()) {
        out += "[]";
        return;
    }
    out += "[\n";
    for (size_t i = 0; i < items.size(); ++i) {
        out.append(size_t(indent + 2), ' ');
        writeJson(out, items[i], indent + 2);
        out += i + 1 < items.size() ? ",\n" : "\n";
    }
    out.append(size_t(indent), ' ');
    out += ']';
}

void writeObject(std::string &out, const std::vector<std::pair<std::string, HostValue>> &entries, int indent)
{
    if (entries.empty()) {
        out += "{}";
        return;
    }
    out += "{\n";
    for (size_t i = 0; i < entries.size(); ++i) {
        out.append(size_t(indent + 2), ' ');
        appendJsonString(out, entries[i].first);
        out += ": ";
        writeJson(out, entries[i].second, indent + 2);
        out += i + 1 < entries.size() ? ",\n" : "\n";
    }
    out.append(size_t(indent), ' ');
    out += '}';
}

std::string keyString(const HostValue &k)
{
    if (k.isString() || k.kind() == HostValue::Kind::Symbol)
        return k.str();
    if (k.isSequence()) {
        // Tuple keys (overrides) as Python's str() of the tuple.
        return k.repr();
    }
    return k.repr();
}

void writeJson(std::string &out, const HostValue &v, int indent)
{
    switch (v.kind()) {
    case HostValue::Kind::None: out += "null"; return;
    case HostValue::Kind::Bool: out += v.asBool() ? "true" : "false"; return;
    case HostValue::Kind::Int: out += std::to_string(v.asInt()); return;
    case HostValue::Kind::Float: {
        const double d = v.asFloat();
        if (std::isnan(d)) { out += "NaN"; return; }
        if (std::isinf(d)) { out += d > 0 ? "Infinity" : "-Infinity"; return; }
        char buf[64];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
        std::string s(buf, end);
        if (s.find_first_of(".eEn") == std::string::npos)
            s += ".0";
        out += s;
        return;
    }
    case HostValue::Kind::String:
    case HostValue::Kind::Symbol: appendJsonString(out, v.str()); return;
    case HostValue::Kind::List:
    case HostValue::Kind::Tuple:
    case HostValue::Kind::Set: writeArray(out, v.items(), indent); return;
    case HostValue::Kind::Dict: {
        std::vector<std::pair<std::string, HostValue>> entries;
        for (const auto &[k, val] : v.entries())
            entries.emplace_back(keyString(k), val);
        writeObject(out, entries, indent);
        return;
    }
    case HostValue::Kind::Object: {
        const auto &o = v.object();
        if (!o.strValue.empty()) {
            appendJsonString(out, o.strValue);
            return;
        }
        std::vector<std::pair<std::string, HostValue>> entries;
        for (const auto &[k, val] : o.kwargs)
            entries.emplace_back(k, val);
        writeObject(out, entries, indent);
        return;
    }
    }
}

/// `entry_point` as Pants' EntryPoint dataclass: {"module": ..., "function": ...}.
HostValue entryPointValue(const HostValue &v)
{
    if (!v.isString())
        return v;
    const std::string &s = v.str();
    const size_t colon = s.find(':');
    HostValue module = HostValue::string(colon == std::string::npos ? s : s.substr(0, colon));
    HostValue function = colon == std::string::npos ? HostValue() : HostValue::string(s.substr(colon + 1));
    return HostValue::dict({{HostValue::string("function"), function}, {HostValue::string("module"), module}});
}

const GoalOption kOutputFile{"--output-file", "`--output-file=PATH`: write the output to PATH instead of stdout."};
const GoalOption kSep{"--sep", "`--sep=STR`: separator after each output line (default \\n; escapes are decoded)."};

/// Prints `text` to stdout, or writes it atomically to `--output-file` when given.
int emit(GoalContext &c, const std::string &text)
{
    const std::string path = c.option("--output-file");
    if (path.empty()) {
        c.out << text;
        return kExitOk;
    }
    const base::Status st = base::writeFileAtomic(path, text);
    if (!st) {
        for (const auto &d : st.diagnostics())
            c.err << d.format() << '\n';
        return kExitFailure;
    }
    return kExitOk;
}

int runList(GoalContext &c, bool viaFilter)
{
    if (viaFilter)
        c.err << "\x1b[33mWARNING\x1b[0m DEPRECATED: the `filter` goal is deprecated since 2.13; use "
                 "`list` with the global `--filter-*` options instead, e.g. `trellis --filter-target-type=T list ::`.\n";
    auto selected = c.selectedTargets();
    if (!selected)
        return kExitFailure;
    auto ws = c.workspace();
    if (selected->empty()) {
        c.err << "WARNING No targets were matched in goal `" << (viaFilter ? "filter" : "list") << "`.\n";
        return kExitOk;
    }
    const bool documented = c.flag("--documented");
    std::string out;
    out.reserve(selected->size() * 48);
    // One address per line: a name with a newline, another control character or invalid
    // UTF-8 is printed double-quoted with escapes (base/jsontext.h), with one warning.
    // With another --sep than a newline the bytes are printed as they are.
    const std::string sep = decodeSeparator(c.option("--sep", "\\n"));
    const bool lines = sep.find('\n') != std::string::npos;
    int escaped = 0;
    auto address = [&](const Target &t) {
        const std::string a = t.address.toString();
        if (!lines || base::isLineSafe(a)) {
            out += a;
        } else {
            out += base::lineSafeName(a);
            ++escaped;
        }
    };
    for (int i : *selected) {
        const Target &t = ws->targets()[size_t(i)];
        if (documented) {
            const workspace::Field *d = t.field("description");
            if (!d || !d->value.isString())
                continue;
            address(t);
            std::string_view text = d->value.str();
            while (!text.empty()) {
                const size_t nl = text.find('\n');
                out += "\n  ";
                out += text.substr(0, nl);
                if (nl == std::string_view::npos)
                    break;
                text.remove_prefix(nl + 1);
            }
            out += sep;
            continue;
        }
        address(t);
        out += sep;
    }
    if (escaped > 0)
        c.err << "warning: " << escaped << (escaped == 1 ? " name has" : " names have")
              << " control characters or invalid UTF-8; printed double-quoted with escapes\n";
    return emit(c, out);
}

} // namespace

std::string toJson(const HostValue &value, int indent)
{
    std::string out;
    writeJson(out, value, indent);
    return out;
}

std::vector<Address> explicitDependencies(const Workspace &ws, int target)
{
    const Target &t = ws.targets()[size_t(target)];
    std::set<int> deps;
    std::vector<Address> unknown;
    auto add = [&](const Address &a, std::set<int> &into) {
        if (int i = ws.indexOf(a); i >= 0) {
            const Target &d = ws.targets()[size_t(i)];
            if (d.isGenerator && !d.generated.empty()) {
                for (const Address &g : d.generated)
                    if (int gi = ws.indexOf(g); gi >= 0)
                        into.insert(gi);
            } else {
                into.insert(i);
            }
            return;
        }
        // Unparametrized address: every parametrization.
        for (size_t k = 0; k < ws.targets().size(); ++k) {
            Address p = ws.targets()[k].address;
            if (p.parameters.empty())
                continue;
            p.parameters.clear();
            if (p == a)
                into.insert(int(k));
        }
    };
    std::set<int> excluded;
    for (const auto &d : t.explicitDependencies)
        add(d.address, d.exclude ? excluded : deps);
    for (const Address &g : t.generated)
        add(g, deps);
    if (t.type == "python_requirement" && t.address.isGenerated()) {
        // Structural edges: the requirements file and the resolve's lockfile target.
        for (const Address &g : [&] {
                 std::vector<Address> r;
                 if (const Target *gen = ws.find(t.address.generatorAddress()))
                     for (const Address &x : gen->generated)
                         if (x.isFileTarget())
                             r.push_back(x);
                 return r;
             }())
            add(g, deps);
        for (const Target &lt : ws.targets())
            if (lt.type == "_lockfile" && lt.resolve == t.resolve)
                add(lt.address, deps);
    }
    std::vector<Address> r;
    for (int i : deps)
        if (!excluded.count(i) && i != target)
            r.push_back(ws.targets()[size_t(i)].address);
    std::sort(r.begin(), r.end());
    return r;
}

void registerIntrospectionGoals(GoalRegistry &registry, PeekDependencies dependencies)
{
    registry.add({"list",
                  {},
                  "List addresses of targets.",
                  "Usage: trellis list [--documented] [--sep=SEP] [--output-file=PATH] SPECS...\n\nPrints the addresses matched by the specs, one per "
                  "line, in Address order.",
                  {{"--documented", "Print only targets that have a description, followed by it."}, kOutputFile, kSep},
                  [](GoalContext &c) { return runList(c, false); }});
    registry.add({"filter",
                  {},
                  "Deprecated alias of `list` with --filter-* options.",
                  "Usage: trellis filter [--target-type=T] [--address-regex=R] [--tag-regex=R] [--granularity=G] "
                  "SPECS...",
                  {{"--target-type", "`--target-type=T1,T2`: target types to include (comma-separated; `-` prefix excludes)."},
                   {"--address-regex", "`--address-regex=R`: regexes matched against addresses."},
                   {"--tag-regex", "`--tag-regex=R`: regexes matched against tags."},
                   {"--granularity", "`--granularity=G`: all, file or BUILD."},
                   kOutputFile,
                   kSep},
                  [](GoalContext &c) { return runList(c, true); }});
    registry.add(
        {"peek",
         {},
         "Display BUILD target info.",
         "Usage: trellis peek [--exclude-defaults] [--output-file=PATH] SPECS...\n\nPrints a JSON array with the fields of every matched "
         "target.",
         {{"--exclude-defaults", "Omit fields whose value is the default."}, kOutputFile},
         [dependencies](GoalContext &c) {
             auto selected = c.selectedTargets();
             if (!selected)
                 return int(kExitFailure);
             auto ws = c.workspace();
             const bool excludeDefaults = c.flag("--exclude-defaults");
             const auto registry = workspace::TargetTypeRegistry::forOptions(ws->options());
             std::string out = "[";
             bool first = true;
             for (int i : *selected) {
                 const Target &t = ws->targets()[size_t(i)];
                 std::map<std::string, HostValue> keys;
                 for (const workspace::Field &f : t.fields) {
                     if (excludeDefaults && f.isDefault)
                         continue;
                     std::string alias = f.alias;
                     HostValue value = f.value;
                     if (alias == "sources" || alias == "source" || alias == "dependencies")
                         alias += "_raw";
                     if (f.alias == "entry_point" && t.type == "pex_binary")
                         value = entryPointValue(value);
                     keys.emplace(std::move(alias), std::move(value));
                 }
                 const workspace::TargetType *type = registry.find(t.type);
                 // A generator keeps only the fields written in its BUILD call; Pants
                 // prints every field of its type (its own and those it moves to the
                 // generated targets) with the default when unset.
                 if (t.isGenerator && type) {
                     // Moved fields live on the generated targets: the BUILD value is the
                     // one of a generated target whose file has no override for the field.
                     auto movedValue = [&](const std::string &alias, const HostValue &def) {
                         std::set<std::string> overridden;
                         if (const workspace::Field *o = t.field("overrides"); o && o->value.kind() == HostValue::Kind::Dict)
                             for (const auto &[k, v] : o->value.entries()) {
                                 const bool touches = v.kind() == HostValue::Kind::Dict
                                     && std::any_of(v.entries().begin(), v.entries().end(), [&](const auto &e) {
                                            return keyString(e.first) == alias;
                                        });
                                 if (!touches)
                                     continue;
                                 if (k.isSequence())
                                     for (const HostValue &x : k.items())
                                         overridden.insert(keyString(x));
                                 else
                                     overridden.insert(keyString(k));
                             }
                         const std::string prefix = t.address.specPath.empty() ? "" : t.address.specPath + "/";
                         for (const Address &g : t.generated) {
                             const Target *gt = ws->find(g);
                             if (!gt)
                                 continue;
                             const std::string file = g.toString().substr(0, g.toString().find(':'));
                             const std::string rel = file.starts_with(prefix) ? file.substr(prefix.size()) : file;
                             if (overridden.count(rel))
                                 continue;
                             if (const workspace::Field *f = gt->field(alias))
                                 return f->value;
                         }
                         return def;
                     };
                     auto add = [&](const workspace::FieldSpec &f, bool moved) {
                         std::string alias = f.alias;
                         if (alias == "sources" || alias == "source" || alias == "dependencies")
                             alias += "_raw";
                         if (keys.count(alias))
                             return;
                         HostValue v = moved ? movedValue(f.alias, f.defaultValue) : f.defaultValue;
                         if (excludeDefaults && v == f.defaultValue)
                             return;
                         keys.emplace(std::move(alias), std::move(v));
                     };
                     for (const workspace::FieldSpec &f : type->fields)
                         add(f, type->isMoved(f.alias));
                     if (const workspace::TargetType *generated = registry.find(type->generatedType))
                         for (const std::string &alias : type->movedFields)
                             if (const workspace::FieldSpec *f = generated->fieldSpec(alias))
                                 add(*f, true);
                 }
                 std::vector<Address> deps = dependencies ? dependencies(c, i) : explicitDependencies(*ws, i);
                 buildlang::HostList depList;
                 for (const Address &a : deps)
                     depList.push_back(HostValue::string(a.toString()));
                 keys["dependencies"] = HostValue::list(std::move(depList));
                 if (t.field("sources") || t.field("source")) {
                     buildlang::HostList s;
                     for (const std::string &f : t.sources)
                         s.push_back(HostValue::string(f));
                     keys["sources"] = HostValue::list(std::move(s));
                 }
                 std::vector<std::pair<std::string, HostValue>> entries;
                 entries.emplace_back("address", HostValue::string(t.address.toString()));
                 entries.emplace_back("target_type", HostValue::string(t.type));
                 const std::vector<std::string> goals = type ? type->goals : std::vector<std::string>{};
                 if (!goals.empty()) {
                     buildlang::HostList g;
                     for (const std::string &name : goals)
                         g.push_back(HostValue::string(name));
                     keys["goals"] = HostValue::list(std::move(g));
                 }
                 for (auto &[k, v] : keys)
                     entries.emplace_back(k, std::move(v));
                 out += first ? "\n  " : ",\n  ";
                 first = false;
                 writeObject(out, entries, 2);
             }
             out += first ? "]\n" : "\n]\n";
             return emit(c, out);
         }});
}

} // namespace trellis::cli
