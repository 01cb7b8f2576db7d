// ResolveEnvironment: the glue between pants.toml and the environment builder. From the
// options it takes a resolve's lockfile (`[python].resolves`), its interpreter
// constraints (`[python].resolves_to_interpreter_constraints`, else
// `[python].interpreter_constraints`), the interpreter search
// (`[python-bootstrap].search_path` and `names`), `[python-repos]` (path_mappings,
// find_links) and the pinned pytest (`[pytest].install_from_resolve`, `[pytest].lockfile`,
// `[pytest].requirements` / `version`; the same for mypy), and makes an EnvironmentRequest.
//
//   EnvironmentSetup setup{.resolve = "python-default", .environment = env, .cacheRoot = root};
//   auto req = environmentRequest(options, setup, prober);
//   auto env = buildEnvironment(*req, &observer);
#pragma once

#include "core/pyenv/environment.h"
#include "core/workspace/options.h"

#include <map>
#include <string>
#include <vector>

namespace trellis::pyenv {

struct EnvironmentSetup {
    std::string resolve;                  ///< "" = [python].default_resolve
    std::string python;                   ///< --python; "" = search
    std::map<std::string, std::string> environment;
    std::string cacheRoot;                ///< "" = base::cacheDir() + "/pyenv"
    std::vector<std::string> tools = {"pytest", "mypy"}; ///< pinned into every environment
};

/// The resolves that have a lockfile, in option order (name -> build-root-relative path).
std::vector<std::pair<std::string, std::string>> lockedResolves(const workspace::Options &options);

/// The interpreter constraints of `resolve`.
std::vector<std::string> resolveConstraints(const workspace::Options &options, const std::string &resolve);

/// The interpreter search the options describe.
InterpreterSearch interpreterSearch(const workspace::Options &options, const EnvironmentSetup &setup);

/// Everything needed to build `setup.resolve`'s environment: the lockfile read, the
/// interpreter found. Errors: an unknown resolve (with the known ones), a missing
/// lockfile, no interpreter (naming the constraint and every place searched). A tool
/// lockfile that cannot be read is a warning, and the tool is left unpinned.
base::Result<EnvironmentRequest> environmentRequest(const workspace::Options &options, const EnvironmentSetup &setup,
                                                    InterpreterProber &prober);

/// Where a Python tool run by lint/fmt (black, isort, flake8, ruff before Pants 2.20) is
/// pinned, in Pants' order: `[<tool>].install_from_resolve` (that resolve's lockfile; its
/// `[<tool>].requirements`, else the whole lockfile), else `[<tool>].lockfile` (a tool
/// lockfile; `<default>` is Pants' built-in one, which Trellis does not have), else the
/// default resolve's lockfile when it locks the tool (Trellis' addition: the closure of
/// the tool's requirement).
struct ToolPinSource {
    std::string tool;                ///< the options scope: "black"
    std::string option;              ///< "[black].install_from_resolve", "[black].lockfile", "[python].resolves"
    std::string resolve;             ///< the resolve whose lockfile it is; "" for a tool lockfile
    std::string lockfilePath;        ///< as configured (build-root relative)
    std::vector<std::string> roots;  ///< what to install; empty = the whole lockfile
    std::vector<std::string> constraints; ///< interpreter constraints for the tool's interpreter
    /// "resolve 'tools' ([black].install_from_resolve)", "3rdparty/black.lock ([black].lockfile)".
    std::string describe() const;
};

/// The requirement the configuration asks for: `[<tool>].requirements[0]`, else
/// `[<tool>].version`, else "" (Pants' default).
std::string wantedToolRequirement(const workspace::Options &options, const std::string &tool);

/// Where `tool` is pinned, or an error saying why it is not (no source configured, a
/// resolve without a lockfile, a lockfile that cannot be read).
base::Result<ToolPinSource> toolPinSource(const workspace::Options &options, const std::string &tool);

/// The request for the tool environment of `source`: the lockfile, the roots, an
/// interpreter for the source's constraints (`setup.python` when given); the environment
/// is named `tool-<tool>` and keyed by the lockfile's digest, the roots and the interpreter.
base::Result<EnvironmentRequest> toolEnvironmentRequest(const workspace::Options &options, const ToolPinSource &source,
                                                        const EnvironmentSetup &setup, InterpreterProber &prober);

/// The version of `name` installed in `env` ("" when it is not among its packages).
std::string installedVersion(const Environment &env, const std::string &name);

/// The default cache root: base::cacheDir() + "/pyenv".
std::string defaultCacheRoot();

} // namespace trellis::pyenv
