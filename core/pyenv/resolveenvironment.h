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

/// The default cache root: base::cacheDir() + "/pyenv".
std::string defaultCacheRoot();

} // namespace trellis::pyenv
