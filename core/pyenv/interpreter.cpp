#include "core/pyenv/interpreter.h"

#include "core/base/paths.h"
#include "core/base/text.h"
#include "core/lockfile/pep440.h"
#include "core/pyenv/text_p.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cctype>
#include <set>

namespace trellis::pyenv {

using base::Diagnostic;

namespace {

/// Prints one JSON object; runs on Python 2.7 and every 3.x (old ones just fail constraints).
constexpr const char *kProbeScript = R"PY(
import sys, os, json, platform
try:
    import sysconfig
    soabi = sysconfig.get_config_var('SOABI') or ''
    plat = sysconfig.get_platform()
except Exception:
    soabi, plat = '', ''
try:
    glibc = (os.confstr('CS_GNU_LIBC_VERSION') or '').split(' ')[-1]
except Exception:
    glibc = ''
pip = ''
try:
    import importlib.util
    if importlib.util.find_spec('pip') is not None:
        import pip
        pip = pip.__version__
except Exception:
    pip = ''
impl = getattr(sys, 'implementation', None)
iv = impl.version if impl else sys.version_info
ivs = '%d.%d.%d' % (iv[0], iv[1], iv[2])
if iv[3] != 'final':
    ivs += iv[3][0] + str(iv[4])
print(json.dumps({
    'implementation': platform.python_implementation(),
    'version': platform.python_version(),
    'executable': os.path.realpath(sys.executable),
    'soabi': soabi, 'platform': plat, 'glibc': glibc, 'pip': pip,
    'markers': {
        'os_name': os.name, 'sys_platform': sys.platform,
        'platform_machine': platform.machine(), 'platform_system': platform.system(),
        'platform_release': platform.release(), 'platform_version': platform.version(),
        'platform_python_implementation': platform.python_implementation(),
        'implementation_name': impl.name if impl else 'cpython',
        'implementation_version': ivs,
    },
}))
)PY";

std::string envOf(const std::map<std::string, std::string> &env, const char *name)
{
    auto it = env.find(name);
    return it == env.end() ? std::string() : it->second;
}

std::string expandHome(const std::string &path, const std::string &home)
{
    if (path == "~")
        return home;
    if (path.starts_with("~/"))
        return home + path.substr(1);
    return path;
}

/// Version directories under `root`, newest first ("3.12.1" before "3.9.18"; names that
/// are not versions, such as uv's "cpython-3.13.0-linux-x86_64-gnu", by name).
std::vector<std::string> versionDirs(const std::string &root)
{
    QDir dir(QString::fromStdString(root));
    QStringList names = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name | QDir::Reversed);
    std::stable_sort(names.begin(), names.end(), [](const QString &a, const QString &b) {
        auto va = lockfile::Version::parse(a.toStdString());
        auto vb = lockfile::Version::parse(b.toStdString());
        return va && vb && *vb < *va;
    });
    std::vector<std::string> out;
    for (const QString &v : names)
        out.push_back(dir.filePath(v).toStdString());
    return out;
}

/// First word of the first non-comment line of `file`, or "".
std::string firstWord(const std::string &file)
{
    auto content = base::readFile(file);
    if (!content)
        return {};
    for (const std::string &line : text::splitLines(*content)) {
        std::string_view t = base::stripped(line);
        if (t.empty() || t.front() == '#')
            continue;
        const std::size_t space = t.find_first_of(" \t");
        return std::string(t.substr(0, space));
    }
    return {};
}

/// Parses one constraint clause list after the implementation name: `>=3.9,<3.12`.
std::vector<std::string> clausesOf(std::string_view specs)
{
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos <= specs.size()) {
        const std::size_t comma = specs.find(',', pos);
        const std::string_view part =
            base::stripped(specs.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos));
        if (!part.empty())
            out.emplace_back(part);
        if (comma == std::string_view::npos)
            break;
        pos = comma + 1;
    }
    return out;
}

std::string joinConstraints(const std::vector<std::string> &constraints)
{
    std::string out;
    for (const std::string &c : constraints)
        out += (out.empty() ? "" : " or ") + c;
    return out;
}

} // namespace

std::string PythonInfo::describe() const
{
    return implementation + " " + version + " (" + path + ")";
}

lockfile::MarkerEnvironment PythonInfo::markerEnvironment(const std::string &extra) const
{
    lockfile::MarkerEnvironment env;
    env.extra = extra;
    if (auto v = lockfile::Version::parse(version))
        env.pythons = {*v};
    env.variables = markers;
    return env;
}

base::Result<PythonInfo> parseProbeAnswer(const std::string &path, const std::string &json)
{
    // The answer is the last line that parses (site customisations may print first).
    for (const std::string &line : [&] {
             auto lines = text::splitLines(json);
             std::reverse(lines.begin(), lines.end());
             return lines;
         }()) {
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(line));
        if (!doc.isObject())
            continue;
        const QJsonObject o = doc.object();
        PythonInfo info;
        info.path = path;
        info.executable = o.value(QLatin1String("executable")).toString().toStdString();
        info.implementation = o.value(QLatin1String("implementation")).toString().toStdString();
        info.version = o.value(QLatin1String("version")).toString().toStdString();
        info.soabi = o.value(QLatin1String("soabi")).toString().toStdString();
        info.platform = o.value(QLatin1String("platform")).toString().toStdString();
        info.glibc = o.value(QLatin1String("glibc")).toString().toStdString();
        info.pipVersion = o.value(QLatin1String("pip")).toString().toStdString();
        info.hasPip = !info.pipVersion.empty();
        const QJsonObject m = o.value(QLatin1String("markers")).toObject();
        for (auto it = m.begin(); it != m.end(); ++it)
            info.markers[it.key().toStdString()] = it.value().toString().toStdString();
        if (info.implementation.empty() || info.version.empty())
            break;
        if (auto v = lockfile::Version::parse(info.version)) {
            info.markers["python_full_version"] = info.version;
            info.markers["python_version"] = std::to_string(v->component(0)) + "." + std::to_string(v->component(1));
        }
        return info;
    }
    return Diagnostic::error({}, path + ": unexpected answer to the interpreter probe");
}

InterpreterProber::InterpreterProber(engine::ProcessRunner &runner, std::string cacheFile)
    : m_runner(runner), m_cacheFile(std::move(cacheFile))
{
}

base::Result<PythonInfo> InterpreterProber::probe(const std::string &path)
{
    const QFileInfo fi(QString::fromStdString(path));
    if (!fi.exists())
        return Diagnostic::error({}, path + ": no such file");
    if (!fi.isExecutable() || fi.isDir())
        return Diagnostic::error({}, path + ": not an executable file");
    const std::string key = path + "|" + std::to_string(fi.size()) + "|" +
                            std::to_string(fi.lastModified().toMSecsSinceEpoch()) + "|" +
                            fi.canonicalFilePath().toStdString();
    // A script (a pyenv shim, a wrapper) may answer differently tomorrow: never cached on disk.
    bool script = false;
    {
        QFile f(fi.canonicalFilePath());
        if (f.open(QIODevice::ReadOnly))
            script = f.read(2) == "#!";
    }
    {
        std::lock_guard lock(m_mutex);
        if (auto it = m_memory.find(key); it != m_memory.end())
            return it->second;
        if (!m_loaded && !m_cacheFile.empty()) {
            m_loaded = true;
            if (auto content = base::readFile(m_cacheFile)) {
                const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(*content)).object();
                for (auto it = o.begin(); it != o.end(); ++it)
                    m_disk[it.key().toStdString()] = it.value().toString().toStdString();
            }
        }
        if (!script)
            if (auto it = m_disk.find(key); it != m_disk.end())
                if (auto info = parseProbeAnswer(path, it->second)) {
                    m_memory.emplace(key, info);
                    return info;
                }
    }
    engine::ProcessSpec spec;
    spec.argv = {path, "-c", kProbeScript};
    // Enough environment for pyenv shims and asdf wrappers to work; nothing else.
    for (const char *name : {"PATH", "HOME", "PYENV_ROOT", "PYENV_VERSION", "ASDF_DATA_DIR", "ASDF_DIR", "LANG"})
        if (const char *v = std::getenv(name))
            spec.env[name] = v;
    spec.timeoutMs = 20000;
    const engine::ProcessResult r = m_runner.run(spec, base::CancelToken());
    base::Result<PythonInfo> result =
        r.ok() ? parseProbeAnswer(path, r.stdoutText)
               : base::Result<PythonInfo>(Diagnostic::error(
                     {}, path + ": cannot run it (" +
                             (r.error.empty() ? std::string(base::stripped(r.stderrText)) : r.error) + ")"));
    std::lock_guard lock(m_mutex);
    ++m_probesRun;
    m_memory.emplace(key, result);
    if (result && !script && !m_cacheFile.empty()) {
        m_disk[key] = std::string(base::stripped(r.stdoutText));
        QJsonObject o;
        for (const auto &[k, v] : m_disk)
            o.insert(QString::fromStdString(k), QString::fromStdString(v));
        (void)base::writeFileAtomic(m_cacheFile, QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString());
    }
    return result;
}

base::Result<bool> satisfiesConstraints(const std::vector<std::string> &constraints, const std::string &implementation,
                                        const std::string &version)
{
    if (constraints.empty())
        return true;
    auto v = lockfile::Version::parse(version);
    if (!v)
        return false;
    bool any = false;
    for (const std::string &raw : constraints) {
        std::string_view s = base::stripped(raw);
        std::size_t i = 0;
        while (i < s.size() && (std::isalpha(static_cast<unsigned char>(s[i])) || s[i] == '_'))
            ++i;
        const std::string impl(s.substr(0, i));
        const std::vector<std::string> clauses = clausesOf(s.substr(i));
        for (const std::string &c : clauses)
            if (c.empty() || std::string_view("=<>!~").find(c.front()) == std::string_view::npos)
                return Diagnostic::error({}, "invalid interpreter constraint '" + raw + "': cannot read '" + c + "'");
        if (!impl.empty() && !text::equalsIgnoreCase(impl, implementation))
            continue;
        if (std::all_of(clauses.begin(), clauses.end(),
                        [&](const std::string &c) { return lockfile::matchesSpecifier(*v, c); }))
            any = true;
    }
    return any;
}

std::vector<SearchedPlace> searchDirectories(const InterpreterSearch &search)
{
    std::vector<SearchedPlace> out;
    const std::string home = envOf(search.environment, "HOME");
    std::string pyenvRoot = envOf(search.environment, "PYENV_ROOT");
    if (pyenvRoot.empty() && !home.empty())
        pyenvRoot = home + "/.pyenv";
    std::string asdfRoot = envOf(search.environment, "ASDF_DATA_DIR");
    if (asdfRoot.empty() && !home.empty())
        asdfRoot = home + "/.asdf";
    auto add = [&](const std::string &entry, const std::string &dir, const std::string &note = {}) {
        out.push_back({entry, dir, note});
    };
    for (const std::string &entry : search.searchPath) {
        if (entry == "<PATH>") {
            const std::string path = envOf(search.environment, "PATH");
            for (const std::string &dir : text::split(path, ':'))
                if (!dir.empty())
                    add(entry, dir);
            if (path.empty())
                add(entry, "", "PATH is empty");
        } else if (entry == "<PYENV>") {
            const auto dirs = versionDirs(pyenvRoot + "/versions");
            for (const std::string &d : dirs)
                add(entry, d + "/bin");
            if (dirs.empty())
                add(entry, "", "no versions in " + pyenvRoot + "/versions");
        } else if (entry == "<PYENV_LOCAL>") {
            const std::string version = firstWord(search.buildRoot + "/.python-version");
            if (version.empty())
                add(entry, "", "no " + search.buildRoot + "/.python-version");
            else
                add(entry, pyenvRoot + "/versions/" + version + "/bin");
        } else if (entry == "<ASDF>") {
            const auto dirs = versionDirs(asdfRoot + "/installs/python");
            for (const std::string &d : dirs)
                add(entry, d + "/bin");
            if (dirs.empty())
                add(entry, "", "no versions in " + asdfRoot + "/installs/python");
        } else if (entry == "<ASDF_LOCAL>") {
            std::string version;
            if (auto content = base::readFile(search.buildRoot + "/.tool-versions"))
                for (const std::string &line : text::splitLines(*content)) {
                    const auto words = text::split(std::string(base::stripped(line)), ' ');
                    if (words.size() >= 2 && words[0] == "python") {
                        version = words[1];
                        break;
                    }
                }
            if (version.empty())
                add(entry, "", "no python in " + search.buildRoot + "/.tool-versions");
            else
                add(entry, asdfRoot + "/installs/python/" + version + "/bin");
        } else if (entry == "<PEXRC>") {
            bool any = false;
            for (const std::string &rc : {std::string("/etc/pexrc"), home + "/.pexrc", search.buildRoot + "/.pexrc"}) {
                auto content = base::readFile(rc);
                if (!content)
                    continue;
                for (const std::string &line : text::splitLines(*content)) {
                    std::string_view t = base::stripped(line);
                    if (!t.starts_with("PEX_PYTHON_PATH="))
                        continue;
                    for (const std::string &dir : text::split(std::string(t.substr(16)), ':'))
                        if (!dir.empty()) {
                            add(entry, expandHome(dir, home));
                            any = true;
                        }
                }
            }
            if (!any)
                add(entry, "", "no PEX_PYTHON_PATH in /etc/pexrc, ~/.pexrc or .pexrc");
        } else {
            add(entry, expandHome(entry, home));
        }
    }
    if (search.includeUvPythons) {
        std::string uvRoot = envOf(search.environment, "UV_PYTHON_INSTALL_DIR");
        if (uvRoot.empty()) {
            const std::string data = envOf(search.environment, "XDG_DATA_HOME");
            uvRoot = (data.empty() ? home + "/.local/share" : data) + "/uv/python";
        }
        for (const std::string &d : versionDirs(uvRoot))
            add("uv", d + "/bin");
    }
    return out;
}

base::Result<PythonInfo> findPython(const InterpreterSearch &search, InterpreterProber &prober)
{
    if (!search.explicitPath.empty()) {
        auto info = prober.probe(search.explicitPath);
        if (!info)
            return info.takeDiagnostics();
        auto ok = satisfiesConstraints(search.constraints, info->implementation, info->version);
        if (!ok)
            return ok.takeDiagnostics();
        if (!*ok)
            return Diagnostic::error({}, "--python " + search.explicitPath + " is " + info->implementation + " " +
                                             info->version + ", which does not satisfy the interpreter constraints " +
                                             joinConstraints(search.constraints));
        return info;
    }
    if (auto check = satisfiesConstraints(search.constraints, "CPython", "3.0.0"); !check)
        return check.takeDiagnostics();

    std::vector<std::string> names = search.names;
    for (int minor = 30; minor >= 6; --minor)
        names.push_back("python3." + std::to_string(minor));

    const std::vector<SearchedPlace> places = searchDirectories(search);
    std::set<std::string> seenExecutables;
    std::optional<PythonInfo> best;
    std::optional<lockfile::Version> bestVersion;
    std::vector<std::string> report;
    for (const SearchedPlace &place : places) {
        if (place.dir.empty()) {
            report.push_back(place.entry + ": " + place.note);
            continue;
        }
        const std::string label = place.entry == place.dir ? place.dir : place.entry + " " + place.dir;
        // pyenv's shims are scripts that pick a version per directory: the versions
        // themselves are searched under <PYENV>, so the shims are not probed.
        if (place.dir.ends_with("/shims") && QFileInfo::exists(QString::fromStdString(place.dir + "/../versions"))) {
            report.push_back(label + ": pyenv shims, skipped (the versions are under <PYENV>)");
            continue;
        }
        std::vector<std::string> found;
        for (const std::string &name : names) {
            const std::string candidate = place.dir + "/" + name;
            const QFileInfo fi(QString::fromStdString(candidate));
            if (!fi.exists() || fi.isDir() || !fi.isExecutable())
                continue;
            // Shims and wrappers are probed; the same real binary only once.
            const std::string canonical = fi.canonicalFilePath().toStdString();
            if (!seenExecutables.insert(canonical).second)
                continue;
            auto info = prober.probe(candidate);
            if (!info) {
                found.push_back(name + " (" + info.diagnostics().front().message + ")");
                continue;
            }
            if (!info->executable.empty() && info->executable != canonical
                && !seenExecutables.insert(info->executable).second)
                continue; // a shim for an interpreter already seen
            auto ok = satisfiesConstraints(search.constraints, info->implementation, info->version);
            found.push_back(name + " = " + info->implementation + " " + info->version + (ok && *ok ? "" : " (does not satisfy)"));
            if (!ok || !*ok)
                continue;
            auto v = lockfile::Version::parse(info->version);
            if (v && (!bestVersion || *v < *bestVersion)) {
                best = *info;
                bestVersion = *v;
            }
        }
        report.push_back(label + ": " + (found.empty() ? std::string("no python") : text::join(found, ", ")));
    }
    if (best)
        return *best;
    std::string msg = "no Python interpreter satisfies the interpreter constraints " +
                      (search.constraints.empty() ? std::string("(none)") : joinConstraints(search.constraints)) +
                      ". Searched ([python-bootstrap].search_path = [" + text::join(search.searchPath, ", ") + "]):";
    for (const std::string &r : report)
        msg += "\n  - " + r;
    return Diagnostic::error({}, msg, "install a matching Python (pyenv install, uv python install), add its directory "
                                      "to [python-bootstrap].search_path, or pass --python PATH");
}

} // namespace trellis::pyenv
