// The lint/fmt/fix/check tools Trellis knows, which of them a workspace configures (from
// [GLOBAL].backend_packages), and how to find one on this machine.
//
//   for (const LintTool &tool : configuredLintTools(opts)) {
//       ToolLocation where = locateTool(tool, {.pathVar = path, .pythons = {...}}, runner);
//       if (!where.found()) std::cerr << missingToolMessage(tool) << '\n';
//   }
//
// A Python tool is run as `<python> -m <module>` with the first candidate interpreter that
// can import it (probed with `<python> -m <module> --version`), else as the executable of
// the same name on PATH (`black`, `ruff`); shell tools are executables only.
#pragma once

#include "core/engine/process.h"
#include "core/workspace/options.h"

#include <map>
#include <string>
#include <vector>

namespace trellis::goals {

/// What a tool does; decides in which goals it runs and how (spec §9).
enum class LintToolKind {
    Linter,    ///< lint only (flake8, shellcheck)
    Formatter, ///< fmt, fix; lint in check mode (black, isort, ruff format, shfmt)
    Fixer,     ///< fix; lint in check mode (ruff check)
    Checker,   ///< check only (mypy)
};

const char *lintToolKindName(LintToolKind kind);

/// One tool and everything needed to build its command lines.
struct LintTool {
    std::string id;                          ///< --only value: "black", "ruff-check"
    std::string name;                        ///< summary name: "black", "ruff check"
    std::string scope;                       ///< options scope: "black", "ruff" ([ruff].skip, [ruff].args)
    LintToolKind kind = LintToolKind::Linter;
    std::string language;                    ///< "python" (python_source/python_test) or "shell" (shell_source)
    std::string backend;                     ///< the backend package that enabled it
    std::vector<std::string> skipFields;     ///< target fields that exclude a target: {"skip_black"}
    std::string module;                      ///< `python -m <module>`; "" = executable only
    std::string executable;                  ///< name looked up on PATH
    std::vector<std::string> subcommand;     ///< after the program: {"check"} for ruff check
    std::vector<std::string> checkArgs;      ///< check mode (lint): {"--check"}
    std::vector<std::string> writeArgs;      ///< write mode (fmt/fix): {"-w"} for shfmt
    std::string pipPackage;                  ///< for the install hint
    std::string aptPackage;                  ///< "" when Debian has no package
};

/// Every tool Trellis can run, in a fixed order.
const std::vector<LintTool> &knownLintTools();

/// The tools enabled by [GLOBAL].backend_packages, in backend_packages order (the order
/// Pants runs formatters in). A tool enabled by two backends appears once.
std::vector<LintTool> configuredLintTools(const workspace::Options &options);

/// How to run a found tool.
struct ToolLocation {
    std::vector<std::string> command; ///< {"/usr/bin/python3", "-m", "black"} or {"/usr/bin/black"}; empty = missing
    std::string version;              ///< first line of `--version`
    bool found() const { return !command.empty(); }
};

struct ToolSearch {
    std::string pathVar;                 ///< PATH to search for executables
    std::vector<std::string> pythons;    ///< interpreters to try for `-m <module>`, in order
    std::map<std::string, std::string> env; ///< environment for the probes
};

/// Finds `tool` (see the file comment). Probes run through `runner`.
ToolLocation locateTool(const LintTool &tool, const ToolSearch &search, engine::ProcessRunner &runner);

/// "black is not installed: install it with `python3 -m pip install black` (or `apt-get
/// install black`), or remove pants.backend.python.lint.black from [GLOBAL].backend_packages"
std::string missingToolMessage(const LintTool &tool);

} // namespace trellis::goals
