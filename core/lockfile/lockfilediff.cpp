// Diffing two lockfiles and printing the result the way Pants' LockfileDiffPrinter does
// (src/python/pants/core/goals/generate_lockfiles.py): a 66-space underlined line, the
// `Lockfile diff: path [resolve]` title, then one section per change kind, each headed by
// `== title centred in 60 ==`.
#include "core/lockfile/lockfilediff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace trellis::lockfile {

namespace {

struct ParsedVersion {
    std::string text;               ///< normalized when it parses
    std::optional<Version> version;
};

ParsedVersion parseVersion(const std::string &text)
{
    auto v = Version::parse(text);
    if (!v)
        return {text, std::nullopt};
    return {v->toString(), *v};
}

std::string centred(const std::string &text, std::size_t width)
{
    if (text.size() >= width)
        return text;
    const std::size_t total = width - text.size();
    const std::size_t left = total / 2; // Python's str.format '^' puts the extra space right
    return std::string(left, ' ') + text + std::string(total - left, ' ');
}

std::string padded(const std::string &text, std::size_t width)
{
    return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

/// ANSI styling as the `colors` package writes it: fg code, then style codes.
std::string styled(bool color, const std::string &text, const char *codes)
{
    if (!color || !codes || !*codes)
        return text;
    return std::string("\x1b[") + codes + "m" + text + "\x1b[0m";
}

const char *bumpCodes(BumpKind b)
{
    switch (b) {
    case BumpKind::Major: return "31;1";
    case BumpKind::Minor: return "33";
    case BumpKind::Micro: return "32";
    case BumpKind::Other: return "35";
    }
    return "35";
}

} // namespace

std::string reachGraphLine(const std::string &graphRevision)
{
    return "Reach counted on the BUILD files of "
        + (graphRevision == "worktree" ? std::string("the working tree") : "revision " + graphRevision);
}

const char *changeKindName(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Unchanged: return "unchanged";
    case ChangeKind::Upgraded: return "upgraded";
    case ChangeKind::Downgraded: return "downgraded";
    case ChangeKind::Added: return "added";
    case ChangeKind::Removed: return "removed";
    }
    return "unchanged";
}

const char *bumpKindName(BumpKind kind)
{
    switch (kind) {
    case BumpKind::Major: return "major";
    case BumpKind::Minor: return "minor";
    case BumpKind::Micro: return "micro";
    case BumpKind::Other: return "other";
    }
    return "other";
}

std::vector<const PackageChange *> LockfileDiff::section(ChangeKind kind) const
{
    std::vector<const PackageChange *> out;
    for (const PackageChange &c : changes)
        if (c.kind == kind)
            out.push_back(&c);
    return out;
}

bool LockfileDiff::hasChanges() const
{
    return std::any_of(changes.begin(), changes.end(), [](const PackageChange &c) { return c.kind != ChangeKind::Unchanged; });
}

namespace {

/// Reverse dependency edges of one lockfile and, for every package, its distance to the
/// nearest goal (a top-level requirement; without top-level information, a package nobody
/// depends on), all built once per lockfile in linear time so that the chain of each of
/// many changed packages costs only its own length.
struct ReverseGraph {
    std::unordered_map<std::string, int> index;
    std::vector<std::vector<int>> dependents; ///< sorted by name, unique
    bool anyEdges = false;
    bool hasTop = false;
    std::vector<int> distance;                ///< to the nearest goal; -1 when none is reachable

    explicit ReverseGraph(const Lockfile &lock)
    {
        const std::size_t n = lock.packages.size();
        index.reserve(n);
        for (std::size_t i = 0; i < n; ++i)
            index.emplace(lock.packages[i].name, int(i));
        dependents.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            for (const std::string &d : lock.packages[i].dependencies) {
                auto it = index.find(d);
                if (it != index.end() && it->second != int(i)) {
                    dependents[std::size_t(it->second)].push_back(int(i));
                    anyEdges = true;
                }
            }
            for (const std::string &r : lock.packages[i].requiredBy) {
                auto it = index.find(r);
                if (it != index.end() && it->second != int(i)) {
                    dependents[i].push_back(it->second);
                    anyEdges = true;
                }
            }
        }
        for (auto &d : dependents) {
            std::sort(d.begin(), d.end(), [&](int a, int b) { return lock.packages[std::size_t(a)].name < lock.packages[std::size_t(b)].name; });
            d.erase(std::unique(d.begin(), d.end()), d.end());
        }
        // Multi-source breadth-first search from every goal along dependency edges (the
        // reverse of `dependents`).
        hasTop = !lock.topLevel.empty();
        std::vector<std::vector<int>> dependencies(n);
        for (std::size_t i = 0; i < n; ++i)
            for (int d : dependents[i])
                dependencies[std::size_t(d)].push_back(int(i));
        distance.assign(n, -1);
        std::deque<int> queue;
        if (hasTop) {
            for (const std::string &t : lock.topLevel)
                if (auto it = index.find(t); it != index.end() && distance[std::size_t(it->second)] < 0) {
                    distance[std::size_t(it->second)] = 0;
                    queue.push_back(it->second);
                }
        } else {
            for (std::size_t i = 0; i < n; ++i)
                if (dependents[i].empty()) {
                    distance[i] = 0;
                    queue.push_back(int(i));
                }
        }
        while (!queue.empty()) {
            const int m = queue.front();
            queue.pop_front();
            for (int d : dependencies[std::size_t(m)])
                if (distance[std::size_t(d)] < 0) {
                    distance[std::size_t(d)] = distance[std::size_t(m)] + 1;
                    queue.push_back(d);
                }
        }
    }
};

/// The chain a breadth-first search from `name` over `dependents` (in name order) finds
/// to its first goal: at each step the first dependent one step nearer to a goal.
std::vector<std::string> chainIn(const Lockfile &lock, const ReverseGraph &graph, const std::string &name)
{
    auto startIt = graph.index.find(name);
    if (startIt == graph.index.end())
        return {};
    if (!graph.anyEdges && !graph.hasTop)
        return {};
    int cur = startIt->second;
    if (graph.distance[std::size_t(cur)] < 0)
        return {name};
    std::vector<std::string> path{lock.packages[std::size_t(cur)].name};
    while (graph.distance[std::size_t(cur)] > 0) {
        const int want = graph.distance[std::size_t(cur)] - 1;
        int next = -1;
        for (int d : graph.dependents[std::size_t(cur)])
            if (graph.distance[std::size_t(d)] == want) {
                next = d;
                break;
            }
        if (next < 0)
            break; // cannot happen: a node at distance k > 0 has a dependent at k - 1
        cur = next;
        path.push_back(lock.packages[std::size_t(cur)].name);
    }
    return path;
}

} // namespace

std::vector<std::string> dependencyChain(const Lockfile &lock, const std::string &name)
{
    return chainIn(lock, ReverseGraph(lock), name);
}

LockfileDiff diffLockfiles(const Lockfile &base, const Lockfile &head)
{
    LockfileDiff diff;
    diff.path = head.path.empty() ? base.path : head.path;
    diff.resolve = !head.resolve.empty() ? head.resolve : base.resolve;
    diff.format = head.format;

    const ReverseGraph headGraph(head);
    const ReverseGraph baseGraph(base);
    std::unordered_map<std::string, int> baseIndex;
    for (std::size_t i = 0; i < base.packages.size(); ++i)
        baseIndex.emplace(base.packages[i].name, int(i));
    std::unordered_set<std::string> inHead;

    std::vector<PackageChange> common;
    std::vector<PackageChange> added;
    for (const LockedPackage &p : head.packages) {
        inHead.insert(p.name);
        PackageChange c;
        c.name = p.name;
        c.displayName = p.displayName;
        const ParsedVersion nv = parseVersion(p.version);
        c.newVersion = nv.text;
        auto it = baseIndex.find(p.name);
        if (it == baseIndex.end()) {
            c.kind = ChangeKind::Added;
            c.chain = chainIn(head, headGraph, p.name);
            added.push_back(std::move(c));
            continue;
        }
        const ParsedVersion ov = parseVersion(base.packages[std::size_t(it->second)].version);
        c.oldVersion = ov.text;
        int cmp = 0;
        if (ov.version && nv.version) {
            const auto o = *ov.version <=> *nv.version;
            cmp = o < 0 ? -1 : (o > 0 ? 1 : 0);
            c.bump = bumpKind(*ov.version, *nv.version);
            c.majorBump = nv.version->majorBumpFrom(*ov.version);
        } else {
            cmp = ov.text.compare(nv.text);
            cmp = cmp < 0 ? -1 : (cmp > 0 ? 1 : 0);
        }
        c.kind = cmp == 0 ? ChangeKind::Unchanged : (cmp < 0 ? ChangeKind::Upgraded : ChangeKind::Downgraded);
        if (c.kind == ChangeKind::Unchanged) {
            c.bump = BumpKind::Other;
            c.majorBump = false;
        } else {
            c.chain = chainIn(head, headGraph, p.name);
        }
        common.push_back(std::move(c));
    }
    std::sort(common.begin(), common.end(), [](const PackageChange &a, const PackageChange &b) { return a.name < b.name; });
    diff.changes = std::move(common);
    for (PackageChange &c : added)
        diff.changes.push_back(std::move(c));
    for (const LockedPackage &p : base.packages) {
        if (inHead.count(p.name))
            continue;
        PackageChange c;
        c.name = p.name;
        c.displayName = p.displayName;
        c.kind = ChangeKind::Removed;
        c.oldVersion = parseVersion(p.version).text;
        c.chain = chainIn(base, baseGraph, p.name);
        diff.changes.push_back(std::move(c));
    }
    return diff;
}

std::string formatTextReport(const std::vector<LockfileDiff> &diffs, const ReportOptions &options)
{
    const bool color = options.color;
    const std::string blank66(66, ' ');
    auto title = [&](const std::string &text) {
        return styled(color, blank66 + "\n== " + centred(text, 60) + " ==\n", "4");
    };
    std::string out;
    for (const LockfileDiff &diff : diffs) {
        if (!diff.hasChanges() && !(options.includeUnchanged && !diff.changes.empty()))
            continue;
        std::vector<std::string> lines;
        auto reachLine = [&](const PackageChange &c) {
            if (c.reach)
                lines.push_back("      Reach: " + std::to_string(*c.reach) + (*c.reach == 1 ? " target" : " targets"));
        };
        auto plain = [&](const char *heading, ChangeKind kind, const char *codes) {
            const auto items = diff.section(kind);
            if (items.empty())
                return;
            lines.push_back(title(heading));
            for (const PackageChange *c : items) {
                const std::string &v = kind == ChangeKind::Removed ? c->oldVersion : c->newVersion;
                lines.push_back("  " + styled(color, padded(c->name, 30), "33") + " " + styled(color, v, codes));
                if (kind != ChangeKind::Unchanged)
                    reachLine(*c);
            }
        };
        auto changed = [&](const char *heading, ChangeKind kind) {
            const auto items = diff.section(kind);
            if (items.empty())
                return;
            lines.push_back(title(heading));
            for (const PackageChange *c : items) {
                const char *codes = bumpCodes(c->bump);
                lines.push_back("  " + styled(color, padded(c->name, 30), "33") + " " + styled(color, padded(c->oldVersion, 10), "36")
                                + " " + styled(color, centred("-->", 7), codes) + " " + styled(color, c->newVersion, codes));
                reachLine(*c);
            }
        };
        if (options.includeUnchanged)
            plain("Unchanged dependencies", ChangeKind::Unchanged, "34");
        changed("Upgraded dependencies", ChangeKind::Upgraded);
        changed("!! Downgraded dependencies !!", ChangeKind::Downgraded);
        plain("Added dependencies", ChangeKind::Added, "32;1");
        plain("Removed dependencies", ChangeKind::Removed, "35");
        out += styled(color, blank66, "4") + "\nLockfile diff: " + diff.path + " [" + diff.resolve + "]\n";
        const bool anyReach = std::any_of(diff.changes.begin(), diff.changes.end(), [](const PackageChange &c) { return c.reach.has_value(); });
        if (anyReach && !diff.reachGraph.empty())
            out += reachGraphLine(diff.reachGraph) + "\n";
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (i)
                out += '\n';
            out += lines[i];
        }
        out += '\n';
    }
    if (!out.empty())
        out += '\n';
    return out;
}

std::string formatJsonReport(const std::vector<LockfileDiff> &diffs, const std::string &baseRev, const std::string &headRev)
{
    QJsonArray files;
    for (const LockfileDiff &diff : diffs) {
        QJsonObject f;
        f.insert(QLatin1String("path"), QString::fromStdString(diff.path));
        f.insert(QLatin1String("resolve"), QString::fromStdString(diff.resolve));
        f.insert(QLatin1String("format"), QLatin1String(formatName(diff.format)));
        QJsonObject counts;
        for (ChangeKind k : {ChangeKind::Upgraded, ChangeKind::Downgraded, ChangeKind::Added, ChangeKind::Removed, ChangeKind::Unchanged})
            counts.insert(QLatin1String(changeKindName(k)), qint64(diff.section(k).size()));
        f.insert(QLatin1String("counts"), counts);
        if (!diff.reachGraph.empty())
            f.insert(QLatin1String("reach_graph"), QString::fromStdString(diff.reachGraph));
        QJsonArray changes;
        for (const PackageChange &c : diff.changes) {
            if (c.kind == ChangeKind::Unchanged)
                continue;
            QJsonObject o;
            o.insert(QLatin1String("name"), QString::fromStdString(c.name));
            o.insert(QLatin1String("kind"), QLatin1String(changeKindName(c.kind)));
            o.insert(QLatin1String("old"), c.oldVersion.empty() ? QJsonValue() : QJsonValue(QString::fromStdString(c.oldVersion)));
            o.insert(QLatin1String("new"), c.newVersion.empty() ? QJsonValue() : QJsonValue(QString::fromStdString(c.newVersion)));
            if (c.kind == ChangeKind::Upgraded || c.kind == ChangeKind::Downgraded) {
                o.insert(QLatin1String("bump"), QLatin1String(bumpKindName(c.bump)));
                o.insert(QLatin1String("major"), c.majorBump);
            }
            QJsonArray chain;
            for (const std::string &n : c.chain)
                chain.append(QString::fromStdString(n));
            o.insert(QLatin1String("chain"), chain);
            if (c.reach)
                o.insert(QLatin1String("reach"), *c.reach);
            changes.append(o);
        }
        f.insert(QLatin1String("changes"), changes);
        files.append(f);
    }
    QJsonObject root;
    root.insert(QLatin1String("base"), QString::fromStdString(baseRev));
    root.insert(QLatin1String("head"), QString::fromStdString(headRev));
    root.insert(QLatin1String("lockfiles"), files);
    return QJsonDocument(root).toJson(QJsonDocument::Indented).toStdString();
}

} // namespace trellis::lockfile
