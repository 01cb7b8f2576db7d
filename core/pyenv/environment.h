// Environment: a virtualenv built from one resolve's lockfile for one interpreter, in the
// cache directory, keyed by (lockfile digest, resolve, interpreter path and version,
// pinned tools). Building chooses the artifacts (lockedresolve.h), fetches and verifies
// every one (artifactstore.h), then installs them with `uv pip install --no-deps` when
// uv is on PATH, else `python -m venv` + `pip install --no-deps --no-index`, into a
// temporary directory that is renamed into place only when complete, so no test ever
// runs in half an environment; the metadata file `trellis-env.json` is written last
// before the rename. A later build with the same key reuses the directory.
//
// Pinned tools: a tool (pytest) comes from the resolve when the resolve locks it, else
// from its own lockfile (`[pytest].lockfile`, or the resolve named by
// `[pytest].install_from_resolve`); when neither has it the environment records the tool
// as unpinned and the caller decides (the test goal refuses to run).
//
//   EnvironmentRequest req{...};
//   base::Result<Environment> env = buildEnvironment(req, &observer);
//   run(env->python, "-m", "pytest", ...);
#pragma once

#include "core/base/canceltoken.h"
#include "core/base/result.h"
#include "core/engine/process.h"
#include "core/pyenv/artifactstore.h"
#include "core/pyenv/interpreter.h"
#include "core/pyenv/lockedresolve.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace trellis::pyenv {

/// A tool to pin into the environment, and where its pin may come from.
struct ToolPin {
    std::string name;          ///< "pytest"
    std::string requirement;   ///< "pytest" or "pytest==8.3.*"; "" = name
    std::string lockfilePath;  ///< the tool's own lockfile (absolute); "" = none
    std::string lockfileText;
};

/// Receives a build's progress (on the building thread).
class EnvironmentObserver {
public:
    virtual ~EnvironmentObserver() = default;
    /// A step starts ("choosing artifacts", "installing 20 packages with uv").
    virtual void step(const std::string &) {}
    /// Artifact `index` of `total` is fetched and verified; `bytes` downloaded for it (0 = local).
    virtual void artifactReady(const std::string &, int, int, std::int64_t) {}
    /// Before anything is downloaded: the hosts (`https://files.pythonhosted.org`) the
    /// lockfile's URLs will be fetched from, with how many files each. Returning false
    /// stops the build with an error and downloads nothing (the GUI asks the user).
    virtual bool allowDownloads(const std::vector<std::pair<std::string, int>> &) { return true; }
};

struct EnvironmentRequest {
    std::string resolve;
    std::string lockfilePath;       ///< absolute
    std::string lockfileText;
    PythonInfo python;
    RepoOptions repos;
    std::vector<ToolPin> tools;
    /// What to install: requirements of the lockfile ({"black"}); empty = the lockfile's
    /// own top-level requirements. A tool environment (black, isort, ...) names its tool.
    std::vector<std::string> roots;
    /// `pants export`'s directory for this resolve (<distdir>/export/python/virtualenvs/<resolve>);
    /// a virtualenv there whose distributions are exactly what the lockfile selects is
    /// reused instead of building. "" = do not look.
    std::string exportDir;
    std::string cacheRoot;          ///< <cache>/pyenv: envs/, downloads/
    std::map<std::string, std::string> environment; ///< PATH (uv, pip), HOME
    Downloader *downloader = nullptr; ///< not owned; null = offline
    engine::ProcessRunner *runner = nullptr; ///< not owned; null = local processes
    base::CancelToken cancel;
    bool useUv = true;              ///< use uv when it is on PATH
};

/// A built environment, as recorded in its trellis-env.json.
struct Environment {
    std::string dir;
    std::string python;             ///< dir/bin/python
    std::string key;
    std::string resolve;
    std::string lockfile;
    std::string interpreter;        ///< the base interpreter's describe()
    std::string installer;          ///< "uv", "pip", or "pants export" (a reused export)
    std::vector<std::string> packages; ///< "name==version", install order
    std::vector<std::string> skipped;  ///< requirements whose markers are false here
    std::map<std::string, std::string> tools; ///< tool -> pinned version; "" = unpinned
    std::map<std::string, std::string> toolSources; ///< tool -> "resolve X" / lockfile path
    bool cacheHit = false;
    std::int64_t buildMs = 0;
};

/// The cache key of `request` (hex).
std::string environmentKey(const EnvironmentRequest &request);
/// The directory an environment with `key` for `resolve` lives in.
std::string environmentDir(const std::string &cacheRoot, const std::string &resolve, const std::string &key);

/// The built environment for `request`, if there is one (no building, no process).
std::optional<Environment> findEnvironment(const EnvironmentRequest &request);

/// The `name==version` of every distribution installed in the virtualenv `dir` (from its
/// site-packages' *.dist-info/METADATA), names normalized, sorted.
std::vector<std::string> installedDistributions(const std::string &dir);

/// Builds (or reuses) the environment: a built one with the same key, else a `pants
/// export` virtualenv that matches (exportDir), else a new one. Errors are collected per
/// package; a non-matching export is reported as a step that says why.
base::Result<Environment> buildEnvironment(const EnvironmentRequest &request, EnvironmentObserver *observer);

/// Every complete environment under `cacheRoot`, by resolve then directory.
std::vector<Environment> listEnvironments(const std::string &cacheRoot);

} // namespace trellis::pyenv
