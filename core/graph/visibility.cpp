#include "core/graph/visibility.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <unordered_map>

namespace trellis::graph {

using buildlang::HostValue;

const char *ruleActionName(RuleAction a)
{
    switch (a) {
    case RuleAction::Allow: return "allow";
    case RuleAction::Warn: return "warn";
    case RuleAction::Deny: return "deny";
    case RuleAction::NoRule: return "no_rule";
    }
    return "allow";
}

namespace {

// ---- globs ------------------------------------------------------------------------------

/// fnmatchcase with `*` and `?` (type, name and tag patterns).
bool fnmatchCase(std::string_view s, std::string_view p)
{
    size_t si = 0, pi = 0, starP = std::string_view::npos, starS = 0;
    while (si < s.size()) {
        if (pi < p.size() && (p[pi] == '?' || p[pi] == s[si])) {
            ++si;
            ++pi;
        } else if (pi < p.size() && p[pi] == '*') {
            starP = pi++;
            starS = si;
        } else if (starP != std::string_view::npos) {
            pi = starP + 1;
            si = ++starS;
        } else {
            return false;
        }
    }
    while (pi < p.size() && p[pi] == '*')
        ++pi;
    return pi == p.size();
}

// Compiled path glob: literal bytes plus these markers, the regular expressions Pants
// translates its globs into.
constexpr char kOptSlashAny = '\x01';   // "/**" -> (/.*)?
constexpr char kOptSlashBound = '\x02'; // "**/" -> /?\b
constexpr char kAnyStar = '\x03';       // "**"  -> .*
constexpr char kStar = '\x04';          // "*"   -> [^/]*

bool isWord(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80; }

bool boundaryAt(std::string_view s, size_t i)
{
    const bool before = i > 0 && isWord(s[i - 1]);
    const bool after = i < s.size() && isWord(s[i]);
    return before != after;
}

bool matchFrom(std::string_view p, size_t pi, std::string_view s, size_t si)
{
    while (pi < p.size()) {
        const char c = p[pi];
        switch (c) {
        case kStar:
            for (size_t k = si;; ++k) {
                if (matchFrom(p, pi + 1, s, k))
                    return true;
                if (k >= s.size() || s[k] == '/')
                    return false;
            }
        case kAnyStar:
            for (size_t k = si; k <= s.size(); ++k) {
                if (matchFrom(p, pi + 1, s, k))
                    return true;
            }
            return false;
        case kOptSlashAny:
            if (matchFrom(p, pi + 1, s, si))
                return true;
            if (si < s.size() && s[si] == '/') {
                for (size_t k = si + 1; k <= s.size(); ++k) {
                    if (matchFrom(p, pi + 1, s, k))
                        return true;
                }
            }
            return false;
        case kOptSlashBound:
            if (si < s.size() && s[si] == '/' && boundaryAt(s, si + 1) && matchFrom(p, pi + 1, s, si + 1))
                return true;
            if (!boundaryAt(s, si))
                return false;
            ++pi;
            continue;
        default:
            if (si >= s.size() || s[si] != c)
                return false;
            ++pi;
            ++si;
        }
    }
    return si == s.size();
}

void replaceAll(std::string &s, std::string_view from, char to)
{
    std::string out;
    size_t i = 0;
    while (i < s.size()) {
        if (s.compare(i, from.size(), from) == 0) {
            out += to;
            i += from.size();
        } else {
            out += s[i++];
        }
    }
    s = std::move(out);
}

/// os.path.normpath for relative or absolute POSIX paths (a leading "//" is kept).
std::string normPath(std::string_view path)
{
    if (path.empty())
        return ".";
    int leading = 0;
    while (leading < int(path.size()) && path[leading] == '/')
        ++leading;
    if (leading > 2)
        leading = 1;
    std::vector<std::string_view> parts;
    size_t i = 0;
    while (i <= path.size()) {
        size_t j = path.find('/', i);
        if (j == std::string_view::npos)
            j = path.size();
        std::string_view part = path.substr(i, j - i);
        if (part.empty() || part == ".") {
            // skip
        } else if (part == ".." && !parts.empty() && parts.back() != "..") {
            parts.pop_back();
        } else if (part == ".." && leading > 0) {
            // "/.." is "/"
        } else {
            parts.push_back(part);
        }
        i = j + 1;
    }
    std::string out(leading, '/');
    for (size_t k = 0; k < parts.size(); ++k) {
        if (k)
            out += '/';
        out += parts[k];
    }
    return out.empty() ? "." : out;
}

std::string lstrip(std::string_view s, std::string_view chars)
{
    size_t i = 0;
    while (i < s.size() && chars.find(s[i]) != std::string_view::npos)
        ++i;
    return std::string(s.substr(i));
}

enum class Anchor { ProjectRoot, Declared, Invoked, Floating };

struct PathGlob {
    Anchor anchor = Anchor::Floating;
    std::string compiled; // literal bytes and markers
    int uplvl = 0;

    static PathGlob parse(std::string pattern, const std::string &base)
    {
        PathGlob g;
        if (pattern.starts_with("//")) {
            g.anchor = Anchor::ProjectRoot;
        } else if (pattern.starts_with("/")) {
            g.anchor = Anchor::Declared;
        } else if (pattern.starts_with(".")) {
            const std::string rest = lstrip(pattern, ".");
            g.anchor = rest.empty() || rest[0] == '/' ? Anchor::Invoked : Anchor::Floating;
        }
        if (g.anchor == Anchor::Declared) {
            const std::string tail = lstrip(pattern, "/");
            pattern = base.empty() ? tail : base + "/" + tail;
        }
        const bool snap = g.anchor == Anchor::Floating && !pattern.starts_with(".");
        pattern = normPath(pattern);
        for (size_t at = pattern.find("../"); at != std::string::npos; at = pattern.find("../", at + 3))
            ++g.uplvl;
        if (g.anchor != Anchor::Floating)
            pattern = lstrip(pattern, "./");
        replaceAll(pattern, "/**", kOptSlashAny);
        replaceAll(pattern, "**/", kOptSlashBound);
        replaceAll(pattern, "**", kAnyStar);
        replaceAll(pattern, "*", kStar);
        if (snap && !pattern.empty() && std::isalnum(static_cast<unsigned char>(pattern[0])))
            pattern.insert(pattern.begin(), kOptSlashBound);
        g.compiled = std::move(pattern);
        return g;
    }

    bool match(const std::string &path, const std::string &base) const
    {
        std::string_view p = path;
        std::string rel;
        if (anchor == Anchor::Invoked) {
            std::string dir = base;
            for (int i = 0; i < uplvl; ++i) {
                const size_t slash = dir.rfind('/');
                dir = slash == std::string::npos ? std::string() : dir.substr(0, slash);
            }
            if (dir.empty())
                rel = path;
            else if (path == dir)
                rel = ".";
            else if (path.starts_with(dir + "/"))
                rel = path.substr(dir.size() + 1);
            else
                return false;
            p = rel;
        }
        while (!p.empty() && p.front() == '.')
            p.remove_prefix(1);
        if (anchor != Anchor::Floating)
            return matchFrom(compiled, 0, p, 0);
        for (size_t start = 0; start <= p.size(); ++start) {
            if (matchFrom(compiled, 0, p, start))
                return true;
        }
        return false;
    }
};

/// What a selector or rule sees of a target.
struct TargetFacts {
    std::string type;            ///< the declared type (a generated target: its generator's)
    std::string name;            ///< target name
    std::string path;            ///< Pants' TargetGlob.address_path
    std::string relpath;         ///< the file's directory, else the BUILD directory
    std::vector<std::string> tags;
};

struct TargetGlob {
    std::optional<std::string> type, name;
    std::optional<PathGlob> path;
    std::optional<std::vector<std::string>> tags;
    bool matchesNothing() const { return !type && !name && !path && !tags; }

    bool match(const TargetFacts &t, const std::string &base) const
    {
        if (matchesNothing())
            return false;
        if (type && !fnmatchCase(t.type, *type))
            return false;
        if (name && !fnmatchCase(t.name, *name))
            return false;
        if (path && !path->match(t.path, base))
            return false;
        if (tags) {
            for (const std::string &pattern : *tags) {
                if (std::none_of(t.tags.begin(), t.tags.end(), [&](const std::string &tag) { return fnmatchCase(tag, pattern); }))
                    return false;
            }
        }
        return true;
    }
};

std::string strip(std::string_view s)
{
    size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b])))
        ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1])))
        --e;
    return std::string(s.substr(b, e - b));
}

std::string valueText(const HostValue &v)
{
    if (v.isString() || v.kind() == HostValue::Kind::Symbol)
        return v.str();
    if (v.kind() == HostValue::Kind::Object && !v.object().strValue.empty())
        return v.object().strValue;
    return v.repr();
}

base::Result<std::vector<std::string>> parseTags(const HostValue &v)
{
    std::vector<std::string> out;
    if (v.isString()) {
        const std::string &s = v.str();
        if (s.find('\'') != std::string::npos || s.find('"') != std::string::npos)
            return base::Diagnostic::error({}, "quotes are not supported in the string form of a tags selector");
        size_t i = 0;
        while (true) {
            const size_t comma = s.find(',', i);
            out.push_back(strip(std::string_view(s).substr(i, comma == std::string::npos ? std::string::npos : comma - i)));
            if (comma == std::string::npos)
                break;
            i = comma + 1;
        }
        return out;
    }
    if (!v.isSequence())
        return base::Diagnostic::error({}, "invalid tags, expected a tag or a list of tags but got: " + v.repr());
    for (const HostValue &t : v.items())
        out.push_back(strip(valueText(t)));
    return out;
}

bool isPathGlob(std::string_view spec)
{
    if (spec.empty())
        return false;
    const char c = spec[0];
    return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("_.:/*").find(c) != std::string_view::npos;
}

base::Result<TargetGlob> parseTargetGlob(const HostValue &spec, const std::string &base)
{
    std::optional<std::string> type, name, path;
    std::optional<HostValue> tags;
    if (spec.kind() == HostValue::Kind::Dict) {
        for (const auto &[k, v] : spec.entries()) {
            const std::string key = valueText(k);
            if (v.isNone())
                continue;
            if (key == "type")
                type = valueText(v);
            else if (key == "name")
                name = valueText(v);
            else if (key == "path")
                path = valueText(v);
            else if (key == "tags")
                tags = v;
        }
        if (spec.entries().empty())
            return base::Diagnostic::error({}, "Target spec must not be empty. {}");
    } else {
        const std::string s = valueText(spec);
        if (s.empty())
            return base::Diagnostic::error({}, "Target spec must not be empty. ''");
        if (isPathGlob(s)) {
            const size_t colon = s.find(':');
            path = s.substr(0, colon);
            if (colon != std::string::npos)
                name = s.substr(colon + 1);
        } else {
            for (size_t i = 0; i < s.size();) {
                const char open = s[i];
                const char close = open == '<' ? '>' : open == '[' ? ']' : open == '(' ? ')' : 0;
                const size_t end = close ? s.find(close, i + 1) : std::string::npos;
                if (!close || end == std::string::npos) {
                    ++i;
                    continue;
                }
                const std::string inner = s.substr(i + 1, end - i - 1);
                if (open == '<') {
                    type = inner;
                } else if (open == '(') {
                    tags = HostValue::string(inner);
                } else {
                    const size_t colon = inner.find(':');
                    path = inner.substr(0, colon);
                    if (colon != std::string::npos)
                        name = inner.substr(colon + 1);
                }
                i = end + 1;
            }
        }
    }
    TargetGlob g;
    if (type && !type->empty())
        g.type = type;
    if (name && !name->empty())
        g.name = name;
    if (path && !path->empty())
        g.path = PathGlob::parse(*path, base);
    if (tags) {
        auto t = parseTags(*tags);
        if (!t)
            return t.diagnostics();
        g.tags = std::move(*t);
    }
    return g;
}

/// Pants' flatten(): strings split into stripped lines, dicts and objects kept, sequences
/// flattened, bare target types as "<type>".
void flatten(const HostValue &v, std::vector<HostValue> &out)
{
    switch (v.kind()) {
    case HostValue::Kind::String: {
        const std::string &s = v.str();
        size_t i = 0;
        while (i <= s.size()) {
            size_t nl = s.find('\n', i);
            if (nl == std::string::npos)
                nl = s.size();
            out.push_back(HostValue::string(strip(std::string_view(s).substr(i, nl - i))));
            i = nl + 1;
        }
        break;
    }
    case HostValue::Kind::Symbol: out.push_back(HostValue::string("<" + v.str() + ">")); break;
    case HostValue::Kind::List:
    case HostValue::Kind::Tuple:
    case HostValue::Kind::Set:
        for (const HostValue &x : v.items())
            flatten(x, out);
        break;
    case HostValue::Kind::Object: out.push_back(HostValue::string(valueText(v))); break;
    default: out.push_back(v); break;
    }
}

struct Rule {
    RuleAction action = RuleAction::Allow;
    TargetGlob glob;
    int index = -1; // into VisibilityChecker::rules()
};

struct RuleSet {
    std::vector<TargetGlob> selectors;
    std::vector<Rule> rules;
};

/// The rule sets in force for one directory (declared there, or inherited).
struct Effective {
    std::vector<const RuleSet *> ruleSets;
};

} // namespace

struct VisibilityChecker::Impl {
    const TargetGraph *graph = nullptr;
    base::Diagnostics diagnostics;
    std::vector<VisibilityRuleInfo> ruleInfos;
    std::vector<std::unique_ptr<RuleSet>> ruleSets;
    std::vector<std::unique_ptr<Effective>> effectives;
    std::vector<TargetFacts> facts;                // per node
    std::vector<const Effective *> depsRules;      // per node; nullptr = none
    std::vector<const Effective *> dependentsRules;

    std::vector<const RuleSet *> parseDeclared(const std::string &dir, const workspace::VisibilityRules &r, bool dependents)
    {
        std::vector<const RuleSet *> out;
        const std::string buildFile = r.declaredAt.file;
        int setIndex = 0;
        for (const HostValue &arg : r.ruleSets) {
            const int thisSet = setIndex++;
            if ((arg.isSequence() && arg.items().empty()) || (arg.isString() && arg.str().empty()) || arg.isNone())
                continue;
            const auto fail = [&](const std::string &why) {
                diagnostics.push_back(base::Diagnostic::error(
                    r.declaredAt, std::string(dependents ? "__dependents_rules__" : "__dependencies_rules__")
                                      + ": invalid rule spec " + std::to_string(thisSet + 1) + ": " + why));
            };
            if (!arg.isSequence() || arg.items().size() < 2) {
                fail("expected (<target selector(s)>, <rule(s)>, ...) but got: " + arg.repr());
                continue;
            }
            auto set = std::make_unique<RuleSet>();
            std::vector<HostValue> selectors, rules;
            flatten(arg.items().front(), selectors);
            for (size_t i = 1; i < arg.items().size(); ++i)
                flatten(arg.items()[i], rules);
            bool ok = true;
            for (const HostValue &s : selectors) {
                auto g = parseTargetGlob(s, dir);
                if (!g) {
                    fail(g.diagnostics().empty() ? "bad selector" : g.diagnostics().front().message);
                    ok = false;
                    break;
                }
                set->selectors.push_back(std::move(*g));
            }
            for (const HostValue &rv : rules) {
                if (!ok)
                    break;
                Rule rule;
                HostValue pattern = rv;
                std::string text;
                if (rv.isString()) {
                    const std::string &s = rv.str();
                    if (s.empty() || s.starts_with("#"))
                        continue;
                    text = s;
                    if (s.starts_with("!")) {
                        rule.action = RuleAction::Deny;
                        pattern = HostValue::string(s.substr(1));
                    } else if (s.starts_with("?")) {
                        rule.action = RuleAction::Warn;
                        pattern = HostValue::string(s.substr(1));
                    }
                } else if (rv.kind() == HostValue::Kind::Dict) {
                    text = rv.repr();
                    if (const HostValue *a = rv.get("action")) {
                        const std::string act = valueText(*a);
                        if (act == "deny")
                            rule.action = RuleAction::Deny;
                        else if (act == "warn")
                            rule.action = RuleAction::Warn;
                        else if (act != "allow") {
                            fail("invalid rule action: " + act);
                            ok = false;
                            break;
                        }
                    }
                } else {
                    fail("invalid visibility rule: " + rv.repr());
                    ok = false;
                    break;
                }
                auto g = parseTargetGlob(pattern, dir);
                if (!g) {
                    fail(g.diagnostics().empty() ? "bad rule" : g.diagnostics().front().message);
                    ok = false;
                    break;
                }
                rule.glob = std::move(*g);
                rule.index = static_cast<int>(ruleInfos.size());
                ruleInfos.push_back({text, buildFile, dir, r.declaredAt.line, dependents, thisSet});
                set->rules.push_back(std::move(rule));
            }
            if (!ok)
                continue;
            if (std::all_of(set->selectors.begin(), set->selectors.end(), [](const TargetGlob &g) { return g.matchesNothing(); })) {
                fail("the rule set will never apply to anything");
                continue;
            }
            out.push_back(set.get());
            ruleSets.push_back(std::move(set));
        }
        return out;
    }

    /// Effective rules per directory, with inheritance and extend=True.
    const Effective *effectiveFor(const std::string &dir, const std::map<std::string, workspace::VisibilityRules> &declared,
                                  std::unordered_map<std::string, const Effective *> &memo, bool dependents)
    {
        if (auto it = memo.find(dir); it != memo.end())
            return it->second;
        const Effective *parent = nullptr;
        if (!dir.empty()) {
            const size_t slash = dir.rfind('/');
            parent = effectiveFor(slash == std::string::npos ? std::string() : dir.substr(0, slash), declared, memo, dependents);
        }
        const Effective *result = parent;
        if (auto it = declared.find(dir); it != declared.end()) {
            auto e = std::make_unique<Effective>();
            e->ruleSets = parseDeclared(dir, it->second, dependents);
            if (it->second.extend && parent)
                e->ruleSets.insert(e->ruleSets.end(), parent->ruleSets.begin(), parent->ruleSets.end());
            // Pants: a call with no (valid) rule set leaves the parent's rules in force.
            if (!e->ruleSets.empty()) {
                result = e.get();
                effectives.push_back(std::move(e));
            }
        }
        memo.emplace(dir, result);
        return result;
    }

    /// The first rule set of `rules` whose selectors match `self`, or nullptr.
    const RuleSet *selectRuleSet(const Effective &rules, NodeId self) const
    {
        const TargetFacts &me = facts[self];
        for (const RuleSet *set : rules.ruleSets) {
            if (std::any_of(set->selectors.begin(), set->selectors.end(),
                            [&](const TargetGlob &g) { return g.match(me, me.relpath); }))
                return set;
        }
        return nullptr;
    }

    /// (decided action or NoRule, rule index) for `self`'s rule set applied to `other`.
    std::pair<RuleAction, int> action(const RuleSet *set, NodeId self, NodeId other) const
    {
        if (!set)
            return {RuleAction::NoRule, -1};
        const TargetFacts &me = facts[self];
        const TargetFacts &them = facts[other];
        for (const Rule &r : set->rules) {
            if (r.glob.match(them, me.relpath))
                return {r.action, r.index};
        }
        return {RuleAction::NoRule, -1};
    }

    // Per node, the rule set that applies to it (selected once): present = rules in force.
    std::vector<char> hasDepsRules, hasDependentsRules;
    std::vector<const RuleSet *> depsSet, dependentsSet;
};

VisibilityChecker::VisibilityChecker(const TargetGraph &graph)
    : d(std::make_unique<Impl>())
{
    d->graph = &graph;
    const workspace::Workspace &ws = *graph.workspace();
    const int n = graph.nodeCount();
    d->facts.resize(n);
    d->depsRules.assign(n, nullptr);
    d->dependentsRules.assign(n, nullptr);
    std::unordered_map<std::string, const Effective *> depsMemo, dependentsMemo;
    // Every declaration is parsed (and its errors reported) even where no target lives.
    for (const auto &[dir, rules] : ws.m_dependenciesRules)
        d->effectiveFor(dir, ws.m_dependenciesRules, depsMemo, false);
    for (const auto &[dir, rules] : ws.m_dependentsRules)
        d->effectiveFor(dir, ws.m_dependentsRules, dependentsMemo, true);
    for (NodeId i = 0; i < n; ++i) {
        const workspace::Target &t = graph.target(i);
        const workspace::Address &a = t.address;
        TargetFacts &f = d->facts[i];
        f.type = t.type;
        f.tags = t.tags;
        if (a.isGenerated()) {
            if (const workspace::Target *gen = ws.find(a.generatorAddress())) {
                f.type = gen->type;
                f.tags = gen->tags;
            }
        }
        f.name = a.name();
        if (a.isFileTarget()) {
            f.path = a.filePath();
        } else if (a.isGenerated()) {
            std::string spec = a.toString();
            std::replace(spec.begin(), spec.end(), ':', '/');
            f.path = lstrip(spec, "/");
        } else {
            f.path = a.specPath;
        }
        f.relpath = a.residenceDir();
        if (!ws.m_dependenciesRules.empty())
            d->depsRules[i] = d->effectiveFor(a.specPath, ws.m_dependenciesRules, depsMemo, false);
        if (!ws.m_dependentsRules.empty())
            d->dependentsRules[i] = d->effectiveFor(a.specPath, ws.m_dependentsRules, dependentsMemo, true);
    }
    d->hasDepsRules.assign(n, 0);
    d->hasDependentsRules.assign(n, 0);
    d->depsSet.assign(n, nullptr);
    d->dependentsSet.assign(n, nullptr);
    for (NodeId i = 0; i < n; ++i) {
        if (const Effective *e = d->depsRules[i]) {
            d->hasDepsRules[i] = 1;
            d->depsSet[i] = d->selectRuleSet(*e, i);
        }
        if (const Effective *e = d->dependentsRules[i]) {
            d->hasDependentsRules[i] = 1;
            d->dependentsSet[i] = d->selectRuleSet(*e, i);
        }
    }
}

VisibilityChecker::~VisibilityChecker() = default;

bool VisibilityChecker::hasRules() const { return !d->ruleSets.empty(); }

const base::Diagnostics &VisibilityChecker::diagnostics() const { return d->diagnostics; }

const std::vector<VisibilityRuleInfo> &VisibilityChecker::rules() const { return d->ruleInfos; }

VisibilityVerdict VisibilityChecker::check(NodeId from, NodeId to) const
{
    std::pair<RuleAction, int> out{RuleAction::Allow, -1}, in{RuleAction::Allow, -1};
    if (d->hasDepsRules[from])
        out = d->action(d->depsSet[from], from, to);
    if (out.first == RuleAction::NoRule)
        return {RuleAction::NoRule, -1};
    if (d->hasDependentsRules[to])
        in = d->action(d->dependentsSet[to], to, from);
    if (in.first == RuleAction::NoRule)
        return {RuleAction::NoRule, -1};
    const auto &chosen = in.first == RuleAction::Deny || out.first == RuleAction::Allow ? in : out;
    return {chosen.first, chosen.first == RuleAction::Allow ? -1 : chosen.second};
}

std::string VisibilityChecker::describe(const VisibilityVerdict &v) const
{
    std::string out = ruleActionName(v.action);
    if (v.action == RuleAction::NoRule)
        return out + ": no matching visibility rule";
    if (v.rule < 0 || v.rule >= int(d->ruleInfos.size()))
        return out;
    const VisibilityRuleInfo &r = d->ruleInfos[v.rule];
    out += ": " + r.text + " (" + r.buildFile + ":" + std::to_string(r.line) + ", "
           + (r.dependents ? "__dependents_rules__" : "__dependencies_rules__") + " rule set "
           + std::to_string(r.ruleSet + 1);
    const std::string declaringDir = r.buildFile.find('/') == std::string::npos ? std::string()
                                                                                  : r.buildFile.substr(0, r.buildFile.rfind('/'));
    if (declaringDir != r.directory)
        out += ", for " + (r.directory.empty() ? std::string("//") : r.directory);
    out += ")";
    return out;
}

std::vector<VisibilityVerdict> checkAllEdges(const TargetGraph &graph, const VisibilityChecker &checker)
{
    std::vector<VisibilityVerdict> out(graph.edgeCount());
    if (!checker.hasRules())
        return out;
    for (NodeId n = 0; n < graph.nodeCount(); ++n) {
        const EdgeId first = graph.firstEdge(n);
        const std::span<const NodeId> deps = graph.dependencies(n);
        for (size_t i = 0; i < deps.size(); ++i) {
            if (graph.edgeKind(first + EdgeId(i)) != EdgeKind::Generated)
                out[first + i] = checker.check(n, deps[i]);
        }
    }
    return out;
}

} // namespace trellis::graph
