#include "core/pyenv/lockedresolve.h"

#include "core/base/text.h"
#include "core/lockfile/marker.h"
#include "core/pyenv/text_p.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <toml++/toml.h>

#include <map>
#include <set>

namespace trellis::pyenv {

using base::Diagnostic;

namespace {

LockedRequirement requirementOf(std::string_view pep508)
{
    const lockfile::RequirementParts parts = lockfile::splitRequirement(pep508);
    return {parts.name, parts.extras, parts.marker, {}};
}

std::string baseNameOf(std::string_view url)
{
    std::string_view s = url;
    if (const std::size_t q = s.find_first_of("?#"); q != std::string_view::npos)
        s = s.substr(0, q);
    const std::size_t slash = s.rfind('/');
    return std::string(slash == std::string_view::npos ? s : s.substr(slash + 1));
}

base::Result<LockedResolve> readPex(std::string_view text, const std::string &path)
{
    LockedResolve lock;
    lock.path = path;
    lock.format = lockfile::LockfileFormat::Pex;
    std::string body;
    std::string metadata;
    bool inMetadata = false;
    for (const std::string &line : text::splitLines(text)) {
        const std::string_view t = base::stripped(line);
        if (t.starts_with("//")) {
            const std::string_view content = base::stripped(t.substr(2));
            if (content.starts_with("--- BEGIN PANTS LOCKFILE METADATA"))
                inMetadata = true;
            else if (content.starts_with("--- END PANTS LOCKFILE METADATA"))
                inMetadata = false;
            else if (inMetadata)
                metadata += std::string(t.substr(2)) + "\n";
            body += "\n";
            continue;
        }
        body += line + "\n";
    }
    std::vector<std::string> rootTexts;
    if (!metadata.empty()) {
        const QJsonObject meta = QJsonDocument::fromJson(QByteArray::fromStdString(metadata)).object();
        lock.resolve = meta.value(QLatin1String("resolve")).toString().toStdString();
        for (const QJsonValue &v : meta.value(QLatin1String("generated_with_requirements")).toArray())
            rootTexts.push_back(v.toString().toStdString());
    }
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(body), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return Diagnostic::error({path}, "invalid JSON in pex lockfile: " + err.errorString().toStdString());
    const QJsonObject root = doc.object();
    const QJsonArray reqs = root.value(QLatin1String("requirements")).toArray();
    if (!reqs.isEmpty()) {
        rootTexts.clear();
        for (const QJsonValue &v : reqs)
            rootTexts.push_back(v.toString().toStdString());
    }
    for (const std::string &r : rootTexts)
        if (LockedRequirement req = requirementOf(r); !req.name.empty())
            lock.roots.push_back(std::move(req));
    for (const QJsonValue &resolve : root.value(QLatin1String("locked_resolves")).toArray()) {
        for (const QJsonValue &rv : resolve.toObject().value(QLatin1String("locked_requirements")).toArray()) {
            const QJsonObject o = rv.toObject();
            LockedDistribution d;
            d.displayName = o.value(QLatin1String("project_name")).toString().toStdString();
            d.name = base::normalizeProjectName(d.displayName);
            d.version = o.value(QLatin1String("version")).toString().toStdString();
            d.requiresPython = o.value(QLatin1String("requires_python")).toString().toStdString();
            for (const QJsonValue &av : o.value(QLatin1String("artifacts")).toArray()) {
                const QJsonObject a = av.toObject();
                Artifact art;
                art.url = a.value(QLatin1String("url")).toString().toStdString();
                art.filename = baseNameOf(art.url);
                if (a.value(QLatin1String("algorithm")).toString() == QLatin1String("sha256"))
                    art.sha256 = a.value(QLatin1String("hash")).toString().toLower().toStdString();
                art.wheel = art.filename.ends_with(".whl");
                d.artifacts.push_back(std::move(art));
            }
            for (const QJsonValue &r : o.value(QLatin1String("requires_dists")).toArray())
                if (LockedRequirement req = requirementOf(r.toString().toStdString()); !req.name.empty())
                    d.requirements.push_back(std::move(req));
            if (!d.name.empty())
                lock.distributions.push_back(std::move(d));
        }
    }
    return lock;
}

void addUvRequirements(const toml::node *arr, const std::string &whenExtra, std::vector<LockedRequirement> &out)
{
    if (!arr || !arr->is_array())
        return;
    for (const toml::node &e : *arr->as_array()) {
        const toml::table *t = e.as_table();
        if (!t)
            continue;
        auto n = (*t)["name"].value<std::string>();
        if (!n)
            continue;
        LockedRequirement r;
        r.name = base::normalizeProjectName(*n);
        r.whenExtra = whenExtra;
        r.marker = (*t)["marker"].value_or(std::string());
        if (const toml::array *extras = (*t)["extra"].as_array())
            for (const toml::node &x : *extras)
                if (auto xs = x.value<std::string>())
                    r.extras.push_back(base::normalizeProjectName(*xs));
        out.push_back(std::move(r));
    }
}

Artifact uvArtifact(const toml::table &t)
{
    Artifact a;
    a.url = t["url"].value_or(std::string());
    a.path = t["path"].value_or(std::string());
    a.filename = t["filename"].value_or(baseNameOf(a.url.empty() ? a.path : a.url));
    std::string hash = t["hash"].value_or(std::string());
    if (hash.starts_with("sha256:"))
        a.sha256 = hash.substr(7);
    a.wheel = a.filename.ends_with(".whl");
    return a;
}

base::Result<LockedResolve> readUv(std::string_view text, const std::string &path)
{
    LockedResolve lock;
    lock.path = path;
    lock.format = lockfile::LockfileFormat::Uv;
    toml::table root;
    try {
        root = toml::parse(text, path);
    } catch (const toml::parse_error &e) {
        return Diagnostic::error({path, int(e.source().begin.line), int(e.source().begin.column)},
                                 "invalid TOML in uv lockfile: " + std::string(e.description()));
    }
    const toml::array *packages = root["package"].as_array();
    if (!packages)
        return lock;
    bool haveRoots = false;
    for (const toml::node &node : *packages) {
        const toml::table *t = node.as_table();
        if (!t)
            continue;
        LockedDistribution d;
        d.displayName = (*t)["name"].value_or(std::string());
        d.name = base::normalizeProjectName(d.displayName);
        d.version = (*t)["version"].value_or(std::string());
        addUvRequirements(t->get("dependencies"), {}, d.requirements);
        if (const toml::table *opt = (*t)["optional-dependencies"].as_table())
            for (const auto &[extra, deps] : *opt)
                addUvRequirements(&deps, base::normalizeProjectName(extra.str()), d.requirements);
        const toml::table *source = (*t)["source"].as_table();
        const bool isRoot = source && (source->contains("virtual") || source->contains("editable"));
        if (d.name.starts_with("pants-lockfile-for-") || isRoot) {
            if (d.name.starts_with("pants-lockfile-for-"))
                lock.resolve = d.name.substr(std::string_view("pants-lockfile-for-").size());
            for (LockedRequirement &r : d.requirements)
                if (r.whenExtra.empty())
                    lock.roots.push_back(r);
            haveRoots = true;
            continue;
        }
        if (source)
            if (auto registry = (*source)["registry"].value<std::string>(); registry && registry->find("://") == std::string::npos)
                lock.registryDir = *registry;
        if (source)
            if (auto p = (*source)["path"].value<std::string>()) {
                Artifact a;
                a.path = *p;
                a.filename = baseNameOf(*p);
                a.wheel = a.filename.ends_with(".whl");
                // A path source's own hash sits in `wheels` or `sdist` when uv recorded it.
                d.artifacts.push_back(std::move(a));
            }
        if (const toml::array *wheels = (*t)["wheels"].as_array())
            for (const toml::node &w : *wheels)
                if (const toml::table *wt = w.as_table()) {
                    Artifact a = uvArtifact(*wt);
                    if (!d.artifacts.empty() && d.artifacts.front().path == a.path && a.url.empty())
                        d.artifacts.front().sha256 = a.sha256; // the path source itself
                    else
                        d.artifacts.push_back(std::move(a));
                }
        if (const toml::table *sdist = (*t)["sdist"].as_table())
            d.artifacts.push_back(uvArtifact(*sdist));
        if (!d.name.empty() && !d.version.empty())
            lock.distributions.push_back(std::move(d));
    }
    (void)haveRoots;
    return lock;
}

} // namespace

int LockedResolve::indexOf(const std::string &name) const
{
    for (std::size_t i = 0; i < distributions.size(); ++i)
        if (distributions[i].name == name)
            return int(i);
    return -1;
}

base::Result<LockedResolve> readLockedResolve(std::string_view text, const std::string &path)
{
    const auto format = lockfile::detectFormat(text);
    if (format == lockfile::LockfileFormat::Pex)
        return readPex(text, path);
    if (format == lockfile::LockfileFormat::Uv)
        return readUv(text, path);
    return Diagnostic::error({path}, std::string(path) + ": a " +
                                         (format ? lockfile::formatName(*format) : "unrecognised") +
                                         " lockfile records no artifacts to install; environments are built from "
                                         "pex (Pants) or uv lockfiles");
}

base::Result<InstallPlan> chooseArtifacts(const LockedResolve &lock, const PythonInfo &info, const TagSet &tags,
                                          const std::vector<std::string> &roots)
{
    InstallPlan plan;
    base::Diagnostics errors;
    std::vector<LockedRequirement> queue;
    if (!roots.empty()) {
        for (const std::string &r : roots)
            queue.push_back(requirementOf(r));
    } else if (!lock.roots.empty()) {
        queue = lock.roots;
    } else {
        for (const LockedDistribution &d : lock.distributions)
            queue.push_back({d.name, {}, {}, {}});
    }
    // name -> requested extras; a distribution is (re)visited when it gains an extra.
    std::map<std::string, std::set<std::string>> visited;
    std::vector<int> order;
    auto markerHolds = [&](const LockedRequirement &r, const std::string &extra) {
        return r.marker.empty()
               || lockfile::evaluateMarker(r.marker, info.markerEnvironment(extra)) != lockfile::Truth::False;
    };
    std::set<std::string> skippedSeen;
    for (std::size_t qi = 0; qi < queue.size(); ++qi) {
        const LockedRequirement req = queue[qi];
        if (!markerHolds(req, {})) {
            const std::string s = req.name + " (" + req.marker + ")";
            if (skippedSeen.insert(s).second)
                plan.skipped.push_back(s);
            continue;
        }
        const int idx = lock.indexOf(req.name);
        if (idx < 0) {
            errors.push_back(Diagnostic::error({lock.path}, "'" + req.name + "' is required but not in the lockfile " + lock.path));
            continue;
        }
        auto [it, fresh] = visited.try_emplace(req.name);
        bool grew = fresh;
        for (const std::string &x : req.extras)
            grew |= it->second.insert(x).second;
        if (!grew)
            continue;
        if (fresh)
            order.push_back(idx);
        const LockedDistribution &d = lock.distributions[std::size_t(idx)];
        std::vector<std::string> extras{""};
        extras.insert(extras.end(), it->second.begin(), it->second.end());
        for (const LockedRequirement &dep : d.requirements) {
            bool take = false;
            for (const std::string &extra : extras) {
                if (!dep.whenExtra.empty() && dep.whenExtra != extra)
                    continue;
                if (markerHolds(dep, extra)) {
                    take = true;
                    break;
                }
            }
            if (take) {
                LockedRequirement next = dep;
                next.marker.clear();
                queue.push_back(std::move(next));
            } else if (dep.whenExtra.empty() && lockfile::markerExtras(dep.marker).empty()) {
                const std::string s = dep.name + " (" + dep.marker + ")";
                if (skippedSeen.insert(s).second)
                    plan.skipped.push_back(s);
            }
        }
    }
    const std::string where = info.implementation + " " + info.version + " (" + info.platform + ")";
    for (int idx : order) {
        const LockedDistribution &d = lock.distributions[std::size_t(idx)];
        if (!d.requiresPython.empty()) {
            auto ok = satisfiesConstraints({d.requiresPython}, info.implementation, info.version);
            if (ok && !*ok) {
                errors.push_back(Diagnostic::error({lock.path}, d.displayName + " " + d.version + " requires Python " +
                                                                    d.requiresPython + ", not " + info.version));
                continue;
            }
        }
        const Artifact *best = nullptr;
        int bestRank = -1;
        const Artifact *sdist = nullptr;
        for (const Artifact &a : d.artifacts) {
            if (!a.wheel) {
                if (!sdist && (a.filename.ends_with(".tar.gz") || a.filename.ends_with(".zip")))
                    sdist = &a;
                continue;
            }
            auto w = parseWheelName(a.filename);
            const int rank = w ? wheelRank(*w, tags) : -1;
            if (rank >= 0 && (bestRank < 0 || rank < bestRank)) {
                best = &a;
                bestRank = rank;
            }
        }
        if (!best && sdist) {
            // Built by the installer; its build backend comes from the index.
            plan.artifacts.push_back({&d, *sdist});
            plan.sdists.push_back(d.displayName + " " + d.version);
            continue;
        }
        if (!best) {
            errors.push_back(Diagnostic::error({lock.path}, "no wheel of " + d.displayName + " " + d.version + " fits " + where));
            continue;
        }
        plan.artifacts.push_back({&d, *best});
    }
    if (!errors.empty())
        return errors;
    return plan;
}

} // namespace trellis::pyenv
