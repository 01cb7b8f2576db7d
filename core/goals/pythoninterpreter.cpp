#include "core/goals/pythoninterpreter.h"

#include "core/base/text.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <map>
#include <mutex>
#include <sstream>

namespace trellis::goals {

using base::Diagnostic;

namespace {

bool parseVersionList(const std::string &s, std::vector<int> &out, bool &wildcard)
{
    out.clear();
    wildcard = false;
    std::stringstream ss(s);
    std::string part;
    while (std::getline(ss, part, '.')) {
        if (part == "*") {
            wildcard = true;
            break;
        }
        if (part.empty() || !std::all_of(part.begin(), part.end(), ::isdigit))
            return false;
        out.push_back(std::stoi(part));
    }
    return !out.empty();
}

int compareVersion(const PythonVersion &v, const std::vector<int> &spec, size_t n)
{
    const int parts[3] = {v.major, v.minor, v.patch};
    for (size_t i = 0; i < n; ++i) {
        const int s = i < spec.size() ? spec[i] : 0;
        const int p = i < 3 ? parts[i] : 0;
        if (p != s)
            return p < s ? -1 : 1;
    }
    return 0;
}

} // namespace

std::string PythonVersion::toString() const
{
    return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

base::Result<InterpreterConstraints> InterpreterConstraints::parse(const std::vector<std::string> &alternatives)
{
    InterpreterConstraints ic;
    static const char *ops[] = {"===", "==", "!=", "<=", ">=", "~=", "<", ">"};
    for (const std::string &raw : alternatives) {
        Alternative alt;
        alt.text = std::string(base::stripped(raw));
        std::string rest = alt.text;
        size_t i = 0;
        while (i < rest.size() && (std::isalpha(static_cast<unsigned char>(rest[i])) || rest[i] == '_'))
            ++i;
        alt.implementation = rest.substr(0, i);
        rest = std::string(base::stripped(rest.substr(i)));
        std::stringstream ss(rest);
        std::string item;
        while (std::getline(ss, item, ',')) {
            item = std::string(base::stripped(item));
            if (item.empty())
                continue;
            Spec spec;
            for (const char *op : ops) {
                if (item.rfind(op, 0) == 0) {
                    spec.op = op;
                    break;
                }
            }
            if (spec.op.empty() || !parseVersionList(std::string(base::stripped(item.substr(spec.op.size()))), spec.version, spec.wildcard))
                return Diagnostic::error({}, "invalid interpreter constraint '" + raw + "': cannot read '" + item + "'");
            alt.specs.push_back(std::move(spec));
        }
        ic.m_alternatives.push_back(std::move(alt));
    }
    return ic;
}

bool InterpreterConstraints::matches(const std::string &implementation, const PythonVersion &v) const
{
    if (m_alternatives.empty())
        return true;
    for (const Alternative &alt : m_alternatives) {
        if (!alt.implementation.empty() && alt.implementation != implementation)
            continue;
        bool ok = true;
        for (const Spec &s : alt.specs) {
            const size_t n = s.wildcard ? s.version.size() : 3;
            const int c = compareVersion(v, s.version, n);
            if (s.op == "==" || s.op == "===")
                ok = c == 0;
            else if (s.op == "!=")
                ok = c != 0;
            else if (s.op == "<")
                ok = c < 0;
            else if (s.op == "<=")
                ok = c <= 0;
            else if (s.op == ">")
                ok = c > 0;
            else if (s.op == ">=")
                ok = c >= 0;
            else if (s.op == "~=") {
                // ~=3.11 means >=3.11,==3.*; ~=3.11.2 means >=3.11.2,==3.11.*
                const size_t prefix = s.version.size() > 1 ? s.version.size() - 1 : 1;
                ok = compareVersion(v, s.version, 3) >= 0 && compareVersion(v, s.version, prefix) == 0;
            }
            if (!ok)
                break;
        }
        if (ok)
            return true;
    }
    return false;
}

std::string InterpreterConstraints::toString() const
{
    std::string out;
    for (const auto &a : m_alternatives)
        out += (out.empty() ? "" : " or ") + a.text;
    return out;
}

std::string PythonInterpreter::identity() const
{
    return path + "|" + implementation + "|" + version.toString() + "|pytest " + pytestVersion;
}

base::Result<PythonInterpreter> probeInterpreter(const std::string &path, engine::ProcessRunner &runner)
{
    static std::mutex mutex;
    static std::map<std::string, base::Result<PythonInterpreter>> cache;
    const QFileInfo fi(QString::fromStdString(path));
    const std::string key = path + "@" + std::to_string(fi.lastModified().toMSecsSinceEpoch());
    {
        std::lock_guard lock(mutex);
        if (auto it = cache.find(key); it != cache.end())
            return it->second;
    }
    engine::ProcessSpec spec;
    spec.argv = {path, "-c",
                 "import sys, platform\n"
                 "v = sys.version_info\n"
                 "try:\n"
                 "    import pytest; pv = pytest.__version__\n"
                 "except Exception:\n"
                 "    pv = ''\n"
                 "print(platform.python_implementation(), v[0], v[1], v[2], pv)\n"};
    const char *pathVar = std::getenv("PATH");
    spec.env = {{"PATH", pathVar ? pathVar : "/usr/bin:/bin"}};
    if (const char *pyenvRoot = std::getenv("PYENV_ROOT"))
        spec.env["PYENV_ROOT"] = pyenvRoot;
    if (const char *home = std::getenv("HOME"))
        spec.env["HOME"] = home;
    spec.timeoutMs = 15000;
    const engine::ProcessResult r = runner.run(spec, base::CancelToken());
    base::Result<PythonInterpreter> result = Diagnostic::error({}, path + ": cannot run it (" +
                                                                 (r.error.empty() ? std::string(base::stripped(r.stderrText)) : r.error) + ")");
    if (r.ok()) {
        std::istringstream in(r.stdoutText);
        PythonInterpreter interp;
        interp.path = path;
        if (in >> interp.implementation >> interp.version.major >> interp.version.minor >> interp.version.patch) {
            in >> interp.pytestVersion;
            result = interp;
        } else {
            result = Diagnostic::error({}, path + ": unexpected answer to the version probe");
        }
    }
    std::lock_guard lock(mutex);
    cache.emplace(key, result);
    return result;
}

base::Result<PythonInterpreter> findInterpreter(const InterpreterQuery &query, engine::ProcessRunner &runner)
{
    auto constraints = InterpreterConstraints::parse(query.constraints);
    if (!constraints)
        return constraints.takeDiagnostics();

    if (!query.explicitPath.empty()) {
        auto interp = probeInterpreter(query.explicitPath, runner);
        if (!interp)
            return interp.takeDiagnostics();
        if (query.requirePytest && interp->pytestVersion.empty())
            return Diagnostic::error({}, query.explicitPath + " cannot import pytest; install it there with `" +
                                             query.explicitPath + " -m pip install pytest`");
        return interp;
    }

    std::vector<std::string> candidates;
    auto addCandidate = [&](const std::string &p) {
        if (p.empty() || std::find(candidates.begin(), candidates.end(), p) != candidates.end())
            return;
        if (QFileInfo(QString::fromStdString(p)).isExecutable())
            candidates.push_back(p);
    };
    // 2. `pants export` virtualenvs for the resolve (newest version directory first).
    if (!query.resolve.empty()) {
        QDir venvs(QString::fromStdString(query.buildRoot + "/dist/export/python/virtualenvs/" + query.resolve));
        QStringList versions = venvs.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name | QDir::Reversed);
        for (const QString &v : versions)
            addCandidate(venvs.filePath(v + QStringLiteral("/bin/python")).toStdString());
    }
    // 3. PATH, then pyenv's versions.
    std::vector<std::string> names{"python3", "python"};
    for (int minor = 20; minor >= 6; --minor)
        names.push_back("python3." + std::to_string(minor));
    // Every PATH directory, not just the first hit: a pyenv shim without pytest must not
    // hide /usr/bin/python3 with it.
    std::vector<std::string> pathDirs;
    for (size_t start = 0; start <= query.pathVar.size();) {
        size_t end = query.pathVar.find(':', start);
        if (end == std::string::npos)
            end = query.pathVar.size();
        if (end > start)
            pathDirs.push_back(query.pathVar.substr(start, end - start));
        start = end + 1;
    }
    for (const std::string &name : names)
        for (const std::string &dir : pathDirs)
            addCandidate(dir + "/" + name);
    if (!query.home.empty()) {
        QDir pyenv(QString::fromStdString(query.home + "/.pyenv/versions"));
        for (const QString &v : pyenv.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name | QDir::Reversed))
            addCandidate(pyenv.filePath(v + QStringLiteral("/bin/python")).toStdString());
    }

    std::vector<std::string> tried;
    for (const std::string &path : candidates) {
        auto interp = probeInterpreter(path, runner);
        if (!interp) {
            tried.push_back(interp.diagnostics().front().message);
            continue;
        }
        const std::string what = path + " (" + interp->implementation + " " + interp->version.toString() + ")";
        if (!constraints->matches(interp->implementation, interp->version)) {
            tried.push_back(what + ": does not satisfy " + constraints->toString());
            continue;
        }
        if (query.requirePytest && interp->pytestVersion.empty()) {
            tried.push_back(what + ": cannot import pytest");
            continue;
        }
        return interp;
    }
    std::string msg = "no Python interpreter";
    if (!constraints->empty())
        msg += " satisfying " + constraints->toString();
    if (query.requirePytest)
        msg += " that can import pytest";
    msg += " was found.";
    if (tried.empty())
        msg += " No interpreter is on PATH.";
    else {
        msg += " Tried:";
        for (const auto &t : tried)
            msg += "\n  - " + t;
    }
    msg += "\nInstall pytest for one of them (`python3 -m pip install pytest`, or `apt-get install python3-pytest`), "
           "run `pants export --resolve=" + (query.resolve.empty() ? std::string("python-default") : query.resolve) +
           "`, or pass --python=/path/to/python.";
    return Diagnostic::error({}, msg);
}

} // namespace trellis::goals
