#include "core/pyenv/environment.h"

#include "core/base/paths.h"
#include "core/base/text.h"
#include "core/engine/cache.h"
#include "core/pyenv/text_p.h"
#include "core/pyenv/wheeltags.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include <algorithm>
#include <chrono>
#include <set>

namespace trellis::pyenv {

using base::Diagnostic;

namespace {

constexpr const char *kMetadataFile = "trellis-env.json";

std::string envOf(const std::map<std::string, std::string> &env, const char *name)
{
    auto it = env.find(name);
    return it == env.end() ? std::string() : it->second;
}

QJsonArray toArray(const std::vector<std::string> &v)
{
    QJsonArray a;
    for (const std::string &s : v)
        a.append(QString::fromStdString(s));
    return a;
}

std::vector<std::string> fromArray(const QJsonValue &v)
{
    std::vector<std::string> out;
    for (const QJsonValue &e : v.toArray())
        out.push_back(e.toString().toStdString());
    return out;
}

std::string toJson(const Environment &e)
{
    QJsonObject tools;
    for (const auto &[k, v] : e.tools)
        tools.insert(QString::fromStdString(k), QString::fromStdString(v));
    QJsonObject sources;
    for (const auto &[k, v] : e.toolSources)
        sources.insert(QString::fromStdString(k), QString::fromStdString(v));
    QJsonObject o{{QStringLiteral("version"), 1},
                  {QStringLiteral("key"), QString::fromStdString(e.key)},
                  {QStringLiteral("resolve"), QString::fromStdString(e.resolve)},
                  {QStringLiteral("lockfile"), QString::fromStdString(e.lockfile)},
                  {QStringLiteral("interpreter"), QString::fromStdString(e.interpreter)},
                  {QStringLiteral("installer"), QString::fromStdString(e.installer)},
                  {QStringLiteral("packages"), toArray(e.packages)},
                  {QStringLiteral("skipped"), toArray(e.skipped)},
                  {QStringLiteral("tools"), tools},
                  {QStringLiteral("toolSources"), sources},
                  {QStringLiteral("buildMs"), double(e.buildMs)}};
    return QJsonDocument(o).toJson().toStdString();
}

std::optional<Environment> readEnvironment(const std::string &dir)
{
    auto text = base::readFile(dir + "/" + kMetadataFile);
    if (!text)
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(*text)).object();
    if (o.isEmpty())
        return std::nullopt;
    Environment e;
    e.dir = dir;
    e.python = dir + "/bin/python";
    e.key = o.value(QLatin1String("key")).toString().toStdString();
    e.resolve = o.value(QLatin1String("resolve")).toString().toStdString();
    e.lockfile = o.value(QLatin1String("lockfile")).toString().toStdString();
    e.interpreter = o.value(QLatin1String("interpreter")).toString().toStdString();
    e.installer = o.value(QLatin1String("installer")).toString().toStdString();
    e.packages = fromArray(o.value(QLatin1String("packages")));
    e.skipped = fromArray(o.value(QLatin1String("skipped")));
    const QJsonObject tools = o.value(QLatin1String("tools")).toObject();
    for (auto it = tools.begin(); it != tools.end(); ++it)
        e.tools[it.key().toStdString()] = it.value().toString().toStdString();
    const QJsonObject sources = o.value(QLatin1String("toolSources")).toObject();
    for (auto it = sources.begin(); it != sources.end(); ++it)
        e.toolSources[it.key().toStdString()] = it.value().toString().toStdString();
    e.buildMs = std::int64_t(o.value(QLatin1String("buildMs")).toDouble());
    if (!QFileInfo(QString::fromStdString(e.python)).exists())
        return std::nullopt;
    return e;
}

/// Replaces `from` with `to` in every regular file of `dir`/bin and in pyvenv.cfg
/// (script shebangs and activate scripts name the directory they were made in).
void relocate(const std::string &dir, const std::string &from, const std::string &to)
{
    QStringList files;
    QDirIterator it(QString::fromStdString(dir + "/bin"), QDir::Files | QDir::NoSymLinks);
    while (it.hasNext())
        files << it.next();
    files << QString::fromStdString(dir + "/pyvenv.cfg");
    const QByteArray a = QByteArray::fromStdString(from);
    const QByteArray b = QByteArray::fromStdString(to);
    for (const QString &f : files) {
        QFile file(f);
        if (QFileInfo(f).isSymLink() || QFileInfo(f).size() > (8 << 20) || !file.open(QIODevice::ReadOnly))
            continue;
        QByteArray data = file.readAll();
        file.close();
        if (!data.contains(a))
            continue;
        data.replace(a, b);
        const QFile::Permissions perms = file.permissions();
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            file.write(data);
            file.close();
            file.setPermissions(perms);
        }
    }
}

struct Tool {
    std::string version;   ///< "" = unpinned
    std::string source;
};

} // namespace

std::vector<std::string> installedDistributions(const std::string &dir)
{
    std::vector<std::string> out;
    QDir lib(QString::fromStdString(dir + "/lib"));
    for (const QString &py : lib.entryList({QStringLiteral("python*"), QStringLiteral("pypy*")}, QDir::Dirs)) {
        QDir site(lib.filePath(py + QStringLiteral("/site-packages")));
        for (const QString &info : site.entryList({QStringLiteral("*.dist-info")}, QDir::Dirs)) {
            auto text = base::readFile(site.filePath(info + QStringLiteral("/METADATA")).toStdString());
            if (!text)
                continue;
            std::string name, version;
            for (const std::string &line : text::splitLines(*text)) {
                if (line.empty())
                    break; // the headers end at the first blank line
                if (line.starts_with("Name:"))
                    name = std::string(base::stripped(line.substr(5)));
                else if (line.starts_with("Version:"))
                    version = std::string(base::stripped(line.substr(8)));
            }
            if (!name.empty())
                out.push_back(base::normalizeProjectName(name) + "==" + version);
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

namespace {

/// The `pants export` virtualenvs for `request`: <exportDir>/<python version>/ (Pants 2.10
/// and later), then <exportDir> itself when it is a virtualenv.
std::vector<std::string> exportCandidates(const EnvironmentRequest &request)
{
    std::vector<std::string> out;
    if (request.exportDir.empty())
        return out;
    for (const std::string &dir : {request.exportDir + "/" + request.python.version, request.exportDir})
        if (QFileInfo::exists(QString::fromStdString(dir + "/bin/python")))
            out.push_back(dir);
    return out;
}

/// Why the installed set differs from the wanted one (first few), "" when they are equal.
/// pip, setuptools and wheel that the lockfile does not lock are ignored (venv seeds).
std::string exportDifference(const std::vector<std::string> &installed, const std::vector<std::string> &wanted)
{
    auto nameOf = [](const std::string &p) { return p.substr(0, p.find("==")); };
    auto versionOf = [](const std::string &p) { return p.substr(p.find("==") + 2); };
    std::map<std::string, std::string> have, want;
    for (const std::string &p : installed)
        have[nameOf(p)] = versionOf(p);
    for (const std::string &p : wanted)
        want[nameOf(p)] = versionOf(p);
    std::vector<std::string> diffs;
    for (const auto &[name, version] : want) {
        auto it = have.find(name);
        if (it == have.end())
            diffs.push_back(name + " " + version + " is missing");
        else if (it->second != version)
            diffs.push_back(name + " is " + it->second + " there, the lockfile has " + version);
    }
    for (const auto &[name, version] : have)
        if (!want.count(name) && name != "pip" && name != "setuptools" && name != "wheel")
            diffs.push_back(name + " " + version + " is not in the lockfile");
    if (diffs.empty())
        return {};
    std::string out;
    for (std::size_t i = 0; i < diffs.size() && i < 3; ++i)
        out += (out.empty() ? "" : ", ") + diffs[i];
    if (diffs.size() > 3)
        out += " and " + std::to_string(diffs.size() - 3) + " more";
    return out;
}

} // namespace

std::string environmentKey(const EnvironmentRequest &request)
{
    engine::Digest d;
    d.add("trellis-pyenv", "1");
    d.add("resolve", request.resolve);
    d.add("lockfile", engine::sha256Hex(request.lockfileText));
    d.add("python", request.python.executable.empty() ? request.python.path : request.python.executable);
    d.add("implementation", request.python.implementation);
    d.add("version", request.python.version);
    for (const ToolPin &t : request.tools) {
        d.add("tool", t.name);
        d.add("requirement", t.requirement);
        d.add("toollock", engine::sha256Hex(t.lockfileText));
    }
    for (const std::string &r : request.roots) // none for a resolve: older keys stay valid
        d.add("root", r);
    return d.hex();
}

std::string environmentDir(const std::string &cacheRoot, const std::string &resolve, const std::string &key)
{
    std::string safe = resolve.empty() ? std::string("default") : resolve;
    for (char &c : safe)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
            c = '_';
    return cacheRoot + "/envs/" + safe + "-" + key.substr(0, 16);
}

std::optional<Environment> findEnvironment(const EnvironmentRequest &request)
{
    const std::string key = environmentKey(request);
    auto e = readEnvironment(environmentDir(request.cacheRoot, request.resolve, key));
    if (e && e->key == key) {
        e->cacheHit = true;
        return e;
    }
    return std::nullopt;
}

base::Result<Environment> buildEnvironment(const EnvironmentRequest &request, EnvironmentObserver *observer)
{
    const auto started = std::chrono::steady_clock::now();
    if (auto existing = findEnvironment(request))
        return *existing;
    auto step = [&](const std::string &s) {
        if (observer)
            observer->step(s);
    };
    auto cancelled = [&]() -> base::Diagnostics {
        return {Diagnostic::error({}, "cancelled: the environment for " + request.resolve + " was not built")};
    };

    // 1. What to install.
    step("choosing artifacts for " + request.python.describe());
    auto lock = readLockedResolve(request.lockfileText, request.lockfilePath);
    if (!lock)
        return lock.takeDiagnostics();
    const TagSet tags = supportedTags(request.python);
    auto plan = chooseArtifacts(*lock, request.python, tags, request.roots);
    if (!plan)
        return plan.takeDiagnostics();
    struct Item {
        const LockedDistribution *dist;
        Artifact artifact;
        const LockedResolve *lock;
    };
    std::vector<Item> items;
    std::set<std::string> names;
    for (const ChosenArtifact &a : plan->artifacts) {
        items.push_back({a.dist, a.artifact, &*lock});
        names.insert(a.dist->name);
    }
    std::map<std::string, Tool> tools;
    std::vector<LockedResolve> toolLocks;
    toolLocks.reserve(request.tools.size());
    base::Diagnostics errors;
    for (const ToolPin &t : request.tools) {
        const std::string name = base::normalizeProjectName(t.name);
        if (const int idx = lock->indexOf(name); idx >= 0 && names.count(name)) {
            tools[t.name] = {lock->distributions[std::size_t(idx)].version, "resolve " + request.resolve};
            continue;
        }
        if (t.lockfileText.empty()) {
            tools[t.name] = {"", ""};
            continue;
        }
        auto toolLock = readLockedResolve(t.lockfileText, t.lockfilePath);
        if (!toolLock) {
            for (auto &d : toolLock.takeDiagnostics())
                errors.push_back(std::move(d));
            continue;
        }
        toolLocks.push_back(std::move(*toolLock));
        const LockedResolve &tl = toolLocks.back();
        auto toolPlan = chooseArtifacts(tl, request.python, tags, {t.requirement.empty() ? t.name : t.requirement});
        if (!toolPlan) {
            for (auto &d : toolPlan.takeDiagnostics())
                errors.push_back(std::move(d));
            continue;
        }
        for (const ChosenArtifact &a : toolPlan->artifacts) {
            if (a.dist->name == name)
                tools[t.name] = {a.dist->version, t.lockfilePath};
            if (names.insert(a.dist->name).second)
                items.push_back({a.dist, a.artifact, &tl});
        }
    }
    if (!errors.empty())
        return errors;

    // A `pants export` of this resolve with exactly these distributions is reused.
    {
        std::vector<std::string> wanted;
        for (const Item &item : items)
            wanted.push_back(item.dist->name + "==" + item.dist->version);
        for (const std::string &dir : exportCandidates(request)) {
            const std::string why = exportDifference(installedDistributions(dir), wanted);
            if (!why.empty()) {
                step("not reusing the pants export environment at " + dir + ": " + why);
                continue;
            }
            step("reusing pants export environment at " + dir);
            Environment reused;
            reused.dir = dir;
            reused.python = dir + "/bin/python";
            reused.key = environmentKey(request);
            reused.resolve = request.resolve;
            reused.lockfile = request.lockfilePath;
            reused.interpreter = request.python.describe();
            reused.installer = "pants export";
            reused.packages = std::move(wanted);
            reused.skipped = plan->skipped;
            for (const auto &[name, tool] : tools) {
                reused.tools[name] = tool.version;
                reused.toolSources[name] = tool.source;
            }
            reused.cacheHit = true;
            return reused;
        }
    }

    // 2. Fetch and verify every artifact (all errors reported together).
    ArtifactStore store(request.repos, QFileInfo(QString::fromStdString(request.lockfilePath)).absolutePath().toStdString(),
                        request.cacheRoot + "/downloads", request.downloader);
    auto storeFor = [&](const Item &item) {
        return ArtifactStore(request.repos,
                             QFileInfo(QString::fromStdString(item.lock->path)).absolutePath().toStdString(),
                             request.cacheRoot + "/downloads", request.downloader);
    };
    // Which hosts the build will download from, said before anything is fetched.
    std::vector<std::pair<std::string, int>> hosts;
    for (const Item &item : items) {
        const std::string url = item.lock == &*lock ? store.downloadUrl(*item.dist, item.artifact, *item.lock)
                                                    : storeFor(item).downloadUrl(*item.dist, item.artifact, *item.lock);
        if (url.empty())
            continue;
        const std::size_t slash = url.find('/', url.find("://") + 3);
        const std::string origin = url.substr(0, slash);
        auto it = std::find_if(hosts.begin(), hosts.end(), [&](const auto &h) { return h.first == origin; });
        if (it == hosts.end())
            hosts.emplace_back(origin, 1);
        else
            ++it->second;
    }
    if (!hosts.empty()) {
        std::string list;
        int total = 0;
        for (const auto &[host, n] : hosts) {
            list += (list.empty() ? "" : ", ") + host + " (" + std::to_string(n) + ")";
            total += n;
        }
        step("downloading " + std::to_string(total) + (total == 1 ? " file" : " files") + " from " + list);
        if (observer && !observer->allowDownloads(hosts)) {
            std::string names;
            for (const auto &h : hosts)
                names += (names.empty() ? "" : ", ") + h.first;
            return Diagnostic::error({}, "not downloading from " + names + ": the download was declined; the "
                                         "environment of " + request.resolve + " was not built");
        }
    }
    std::vector<std::string> files;
    bool sdists = false; ///< an sdist is among them: the installer may use the index for build backends
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (request.cancel.isCancelled())
            return cancelled();
        const Item &item = items[i];
        std::int64_t bytes = 0;
        ArtifactStore toolStore = storeFor(item);
        ArtifactStore &s = item.lock == &*lock ? store : toolStore;
        auto file = s.fetch(*item.dist, item.artifact, *item.lock, request.cancel, [&](std::int64_t b) { bytes += b; });
        if (!file) {
            for (auto &d : file.takeDiagnostics())
                errors.push_back(std::move(d));
            continue;
        }
        files.push_back(*file);
        if (!item.artifact.wheel)
            sdists = true;
        if (observer)
            observer->artifactReady(item.dist->displayName + " " + item.dist->version, int(i) + 1, int(items.size()), bytes);
    }
    if (errors.size() > 10) {
        // Offline, a large resolve fails for every artifact: the first ten in full, the rest by name.
        std::vector<std::string> rest;
        for (std::size_t i = 10; i < errors.size(); ++i)
            rest.push_back(errors[i].message.substr(0, errors[i].message.find(':')));
        errors.resize(10);
        errors.push_back(Diagnostic::error({}, "... and " + std::to_string(rest.size()) +
                                                   " more artifacts could not be had: " + text::join(rest, ", ")));
    }
    if (!errors.empty())
        return errors;

    // 3. Install into a temporary directory, then rename it into place.
    const std::string key = environmentKey(request);
    const std::string finalDir = environmentDir(request.cacheRoot, request.resolve, key);
    const std::string tmpDir = request.cacheRoot + "/envs/.tmp-" +
                               QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
    QDir().mkpath(QString::fromStdString(request.cacheRoot + "/envs"));
    auto cleanup = [&] { QDir(QString::fromStdString(tmpDir)).removeRecursively(); };

    engine::LocalProcessRunner localRunner;
    engine::ProcessRunner &runner = request.runner ? *request.runner : localRunner;
    std::map<std::string, std::string> env;
    for (const char *name : {"PATH", "HOME", "LANG", "TMPDIR", "UV_CACHE_DIR", "XDG_CACHE_HOME"})
        if (std::string v = envOf(request.environment, name); !v.empty())
            env[name] = v;
    env["PIP_NO_INPUT"] = "1";
    env["PYTHONDONTWRITEBYTECODE"] = "1";
    auto runStep = [&](std::vector<std::string> argv) -> base::Status {
        engine::ProcessSpec spec;
        spec.argv = std::move(argv);
        spec.env = env;
        spec.timeoutMs = 30 * 60 * 1000;
        const engine::ProcessResult r = runner.run(spec, request.cancel);
        if (r.cancelled || request.cancel.isCancelled())
            return cancelled();
        if (!r.ok())
            return Diagnostic::error({}, "`" + text::join({spec.argv.begin(), spec.argv.begin() + std::min<std::size_t>(spec.argv.size(), 6)}, " ") +
                                             (spec.argv.size() > 6 ? " ..." : "") + "` failed (exit code " +
                                             std::to_string(r.exitCode) + "): " +
                                             std::string(base::stripped(r.error.empty() ? r.stderrText + r.stdoutText : r.error)));
        return base::okStatus();
    };
    const std::string uv = request.useUv ? engine::findExecutable("uv", envOf(request.environment, "PATH")) : std::string();
    Environment result;
    const std::string venvPython = tmpDir + "/bin/python";
    base::Status installed = base::okStatus();
    if (!uv.empty()) {
        result.installer = "uv";
        step("creating the virtualenv with uv");
        installed = runStep({uv, "venv", "--quiet", "--python", request.python.path, tmpDir});
        if (installed && !files.empty()) {
            step("installing " + std::to_string(files.size()) + " packages with uv");
            std::vector<std::string> argv = {uv, "pip", "install", "--quiet", "--no-deps", "--python", venvPython};
            if (!sdists)
                argv.insert(argv.end(), {"--offline", "--no-index"});
            argv.insert(argv.end(), files.begin(), files.end());
            installed = runStep(argv);
        }
    } else {
        result.installer = "pip";
        // pip >= 22.3 installs into another environment with --python; the venv then
        // needs no pip of its own (no ensurepip, which is slow and needs python3-venv).
        const bool externalPip = request.python.hasPip && [&] {
            auto v = lockfile::Version::parse(request.python.pipVersion);
            auto min = lockfile::Version::parse("22.3");
            return v && min && *v >= *min;
        }();
        step("creating the virtualenv with " + request.python.path + " -m venv");
        std::vector<std::string> venv = {request.python.path, "-m", "venv"};
        if (externalPip)
            venv.push_back("--without-pip");
        venv.push_back(tmpDir);
        installed = runStep(venv);
        if (installed && !files.empty()) {
            step("installing " + std::to_string(files.size()) + " packages with pip");
            std::vector<std::string> argv = externalPip
                ? std::vector<std::string>{request.python.path, "-m", "pip", "--python", venvPython}
                : std::vector<std::string>{venvPython, "-m", "pip"};
            for (const char *a : {"install", "--no-deps", "--no-cache-dir", "--disable-pip-version-check",
                                  "--no-warn-script-location", "--quiet"})
                argv.push_back(a);
            if (!sdists)
                argv.push_back("--no-index"); // sdists need their build backend from the index
            argv.insert(argv.end(), files.begin(), files.end());
            installed = runStep(argv);
        }
    }
    if (!installed) {
        cleanup();
        return installed.takeDiagnostics();
    }
    if (request.cancel.isCancelled()) {
        cleanup();
        return cancelled();
    }
    relocate(tmpDir, tmpDir, finalDir);
    result.dir = finalDir;
    result.python = finalDir + "/bin/python";
    result.key = key;
    result.resolve = request.resolve;
    result.lockfile = request.lockfilePath;
    result.interpreter = request.python.describe();
    for (const Item &item : items)
        result.packages.push_back(item.dist->name + "==" + item.dist->version);
    result.skipped = plan->skipped;
    for (const auto &[name, tool] : tools) {
        result.tools[name] = tool.version;
        result.toolSources[name] = tool.source;
    }
    result.buildMs = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    if (base::Status st = base::writeFileAtomic(tmpDir + "/" + kMetadataFile, toJson(result)); !st) {
        cleanup();
        return st.takeDiagnostics();
    }
    if (auto other = readEnvironment(finalDir); other && other->key == key) {
        cleanup(); // another process finished the same environment meanwhile
        other->cacheHit = true;
        return *other;
    }
    QDir(QString::fromStdString(finalDir)).removeRecursively(); // an incomplete leftover (no metadata)
    if (!QDir().rename(QString::fromStdString(tmpDir), QString::fromStdString(finalDir))) {
        cleanup();
        // Another process finished the same environment first: use it.
        if (auto other = readEnvironment(finalDir); other && other->key == key) {
            other->cacheHit = true;
            return *other;
        }
        return Diagnostic::error({}, "cannot move the finished environment to " + finalDir);
    }
    return result;
}

std::vector<Environment> listEnvironments(const std::string &cacheRoot)
{
    std::vector<Environment> out;
    QDir dir(QString::fromStdString(cacheRoot + "/envs"));
    for (const QString &name : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        if (name.startsWith(QLatin1Char('.')))
            continue;
        if (auto e = readEnvironment(dir.filePath(name).toStdString()))
            out.push_back(std::move(*e));
    }
    std::stable_sort(out.begin(), out.end(), [](const Environment &a, const Environment &b) { return a.resolve < b.resolve; });
    return out;
}

} // namespace trellis::pyenv
