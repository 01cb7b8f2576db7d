// Interpreter: what a Python interpreter is (version, implementation, marker variables,
// wheel tags), asked of the interpreter once and cached per path and mtime, and the
// search for one that satisfies Pants' interpreter constraints along
// `[python-bootstrap].search_path`, the way Pants searches:
//
//   <PATH>         every directory on $PATH
//   <PYENV>        every $(pyenv root)/versions/*/bin ($PYENV_ROOT, else ~/.pyenv)
//   <PYENV_LOCAL>  the pyenv version named by <build root>/.python-version
//   <ASDF>         every $ASDF_DATA_DIR/installs/python/*/bin (else ~/.asdf)
//   <ASDF_LOCAL>   the asdf python version named by <build root>/.tool-versions
//   <PEXRC>        PEX_PYTHON_PATH from /etc/pexrc, ~/.pexrc and <build root>/.pexrc
//   other entries  directories, `~` expanded
// plus the Pythons uv manages (~/.local/share/uv/python/*/bin, $UV_PYTHON_INSTALL_DIR).
// In each directory the names `[python-bootstrap].names` (python, python3) and
// python3.N are tried. Of the interpreters that satisfy the constraints the lowest
// version wins (Pex's default), ties broken by search order.
//
//   InterpreterSearch s{.constraints = {"CPython>=3.9,<3.12"}, .searchPath = {"<PYENV>", "<PATH>"},
//                       .environment = env, .buildRoot = root};
//   base::Result<PythonInfo> py = findPython(s, prober);
#pragma once

#include "core/base/result.h"
#include "core/engine/process.h"
#include "core/lockfile/marker.h"

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace trellis::pyenv {

/// Facts about one interpreter, as it reported them.
struct PythonInfo {
    std::string path;            ///< the executable that was probed (what runs)
    std::string executable;      ///< its sys.executable, symlinks resolved
    std::string implementation;  ///< "CPython", "PyPy"
    std::string version;         ///< "3.11.7"
    std::string soabi;           ///< sysconfig SOABI ("cpython-311-x86_64-linux-gnu"); "" when unknown
    std::string platform;        ///< sysconfig.get_platform() ("linux-x86_64")
    std::string glibc;           ///< "2.36"; "" for musl or non-Linux
    bool hasPip = false;         ///< `python -m pip` works (pip >= 22.3 can install into other venvs)
    std::string pipVersion;
    /// Marker variables (PEP 508): sys_platform, platform_machine, os_name, ...
    std::map<std::string, std::string, std::less<>> markers;

    /// "CPython 3.11.7 (/usr/bin/python3)".
    std::string describe() const;
    /// The marker environment of this interpreter, for `extra`.
    lockfile::MarkerEnvironment markerEnvironment(const std::string &extra = {}) const;
};

/// Runs the probe script and keeps answers: in memory, and on disk in `cacheFile` keyed by
/// path, size and mtime (scripts such as pyenv shims are probed every time, because their
/// answer changes without their file changing). Thread-safe.
class InterpreterProber {
public:
    /// `cacheFile` "" = memory only. `runner` is not owned.
    InterpreterProber(engine::ProcessRunner &runner, std::string cacheFile);
    base::Result<PythonInfo> probe(const std::string &path);
    /// How many interpreters were actually run (tests and benchmarks).
    int probesRun() const { return m_probesRun; }

private:
    engine::ProcessRunner &m_runner; // not owned
    std::string m_cacheFile;
    std::mutex m_mutex;
    bool m_loaded = false;                        ///< m_disk read from m_cacheFile
    std::map<std::string, std::string> m_disk;    ///< "path|size|mtime" -> probe JSON
    std::map<std::string, base::Result<PythonInfo>> m_memory; ///< same keys
    int m_probesRun = 0;
};

/// Parses the probe's JSON answer (exposed for tests).
base::Result<PythonInfo> parseProbeAnswer(const std::string &path, const std::string &json);

/// True when `implementation` and `version` satisfy one of Pants' interpreter constraints
/// (`CPython==3.13.7`, `CPython>=3.9,<3.12`, `>=3.8`, `PyPy`); an empty list allows any.
/// Clauses are PEP 440 specifiers (core/lockfile). Returns an error for a constraint
/// that does not parse.
base::Result<bool> satisfiesConstraints(const std::vector<std::string> &constraints, const std::string &implementation,
                                        const std::string &version);

struct InterpreterSearch {
    std::vector<std::string> constraints;              ///< [python].interpreter_constraints
    std::vector<std::string> searchPath = {"<PYENV>", "<PATH>"}; ///< [python-bootstrap].search_path
    std::vector<std::string> names = {"python", "python3"};       ///< [python-bootstrap].names
    std::map<std::string, std::string> environment;    ///< PATH, HOME, PYENV_ROOT, ASDF_DATA_DIR, ...
    std::string buildRoot;                             ///< for .python-version, .tool-versions, .pexrc
    std::string explicitPath;                          ///< --python: use this one (it must satisfy)
    bool includeUvPythons = true;
};

/// One directory searched, for the error message: the entry it came from and the path.
struct SearchedPlace {
    std::string entry;  ///< "<PYENV>"
    std::string dir;    ///< "/root/.pyenv/versions/3.12.1/bin"; "" when the entry expanded to nothing
    std::string note;   ///< why nothing came of it ("no .python-version", ...)
};

/// The directories `search` names, in order (exposed for tests and `env list`).
std::vector<SearchedPlace> searchDirectories(const InterpreterSearch &search);

/// Finds the interpreter, or an error naming the constraints and every place searched
/// with what was found there.
base::Result<PythonInfo> findPython(const InterpreterSearch &search, InterpreterProber &prober);

} // namespace trellis::pyenv
