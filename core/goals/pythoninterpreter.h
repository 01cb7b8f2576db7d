// Finding a Python interpreter for running tests, the way a Pants user expects:
//   1. the one named by --python (or the GUI setting);
//   2. the virtualenv `pants export` leaves for the resolve:
//      dist/export/python/virtualenvs/<resolve>/<version>/bin/python;
//   3. interpreters on PATH and pyenv's that satisfy [python].interpreter_constraints
//      and can import pytest.
// When none qualifies, the error names every interpreter tried and why, and how to fix it.
//
//   InterpreterQuery q{.buildRoot = root, .resolve = "python-default",
//                      .constraints = {"CPython>=3.11,<3.14"}, .pathVar = getenv("PATH")};
//   base::Result<PythonInterpreter> py = findInterpreter(q, runner);
#pragma once

#include "core/base/result.h"
#include "core/engine/process.h"

#include <string>
#include <vector>

namespace trellis::goals {

/// A Python version triple.
struct PythonVersion {
    int major = 0, minor = 0, patch = 0;
    std::string toString() const;
    friend auto operator<=>(const PythonVersion &, const PythonVersion &) = default;
};

/// Pants interpreter constraints: a list of alternatives (OR), each an optional
/// implementation name and comma-separated specifiers (AND): `CPython>=3.11,<3.14`,
/// `CPython==3.11.*`, `>=3.8`, `PyPy`.
class InterpreterConstraints {
public:
    /// Parses; errors name the bad constraint.
    static base::Result<InterpreterConstraints> parse(const std::vector<std::string> &alternatives);
    bool matches(const std::string &implementation, const PythonVersion &version) const;
    bool empty() const { return m_alternatives.empty(); }
    std::string toString() const;

private:
    struct Spec { std::string op; std::vector<int> version; bool wildcard = false; };
    struct Alternative { std::string implementation; std::vector<Spec> specs; std::string text; };
    std::vector<Alternative> m_alternatives;
};

/// A usable interpreter.
struct PythonInterpreter {
    std::string path;            ///< absolute path of the executable
    std::string implementation;  ///< "CPython", "PyPy"
    PythonVersion version;
    std::string pytestVersion;   ///< "" when pytest is not importable
    std::string identity() const; ///< path + implementation + version (cache keys)
};

struct InterpreterQuery {
    std::string buildRoot;
    std::string explicitPath;                ///< --python / setting; "" = search
    std::string resolve;                     ///< for the `pants export` virtualenv
    std::vector<std::string> constraints;    ///< [python].interpreter_constraints or the target's
    std::string pathVar;                     ///< PATH to search
    std::string home;                        ///< for ~/.pyenv/versions
    bool requirePytest = true;
};

/// Asks an interpreter what it is (runs it once with a short script).
base::Result<PythonInterpreter> probeInterpreter(const std::string &path, engine::ProcessRunner &runner);

/// Applies the search order above. Probes are cached per process, so repeated calls are cheap.
base::Result<PythonInterpreter> findInterpreter(const InterpreterQuery &query, engine::ProcessRunner &runner);

} // namespace trellis::goals
