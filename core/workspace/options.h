// Options: Pants' option system as far as Trellis needs it — pants.toml plus layered
// config files, rc files, PANTS_* environment variables and command-line flags, with
// %(...)s interpolation, list edits and dict merges (spec §1).
//
//   OptionsRequest req;
//   req.buildRoot = "/repo";
//   req.environment = currentEnvironment();
//   req.flags = {{"python-infer", "unowned_dependency_behavior", "error"}};
//   base::Result<Options> opts = Options::load(req);
//   opts->list("source", "root_patterns");   // with built-in defaults applied
#pragma once

#include "core/base/result.h"
#include "core/buildlang/hostvalue.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace trellis::workspace {

using buildlang::HostValue;

/// One option given on the command line, already split: `--python-infer-imports=false`
/// becomes {"python-infer", "imports", "false"}; global options use scope "GLOBAL".
struct OptionFlag {
    std::string scope;
    std::string option;  ///< with underscores
    std::string value;   ///< raw string form (list/dict edit syntax allowed)
};

struct OptionsRequest {
    std::string buildRoot;                      ///< absolute path
    std::vector<std::string> extraConfigFiles;  ///< --config FILE (repeatable), after pants.toml
    std::map<std::string, std::string> environment; ///< the process environment (PANTS_* read from it)
    std::vector<OptionFlag> flags;
    bool readPantsrc = true;
};

/// Resolved option values. Known options (spec §1.2) have built-in defaults; unknown
/// scopes/options are kept and returned as written.
class Options {
public:
    static base::Result<Options> load(const OptionsRequest &request);
    /// Options from defaults only (tests, and workspaces without pants.toml).
    static Options defaults(const std::string &buildRoot);

    std::optional<HostValue> value(std::string_view scope, std::string_view option) const;
    bool boolean(std::string_view scope, std::string_view option, bool fallback = false) const;
    std::int64_t integer(std::string_view scope, std::string_view option, std::int64_t fallback = 0) const;
    std::string string(std::string_view scope, std::string_view option, std::string fallback = {}) const;
    std::vector<std::string> list(std::string_view scope, std::string_view option) const;
    /// Dict option as ordered (key, value) pairs, e.g. [python].resolves.
    std::vector<std::pair<std::string, HostValue>> dict(std::string_view scope, std::string_view option) const;

    const std::string &buildRoot() const { return m_buildRoot; }
    /// The environment Pants would run with: the request's environment overlaid with the
    /// plain assignments of `<buildroot>/.pants.bootstrap` (what `env()` and
    /// `%(env.X)s` see).
    const std::map<std::string, std::string> &environment() const { return m_environment; }
    /// Config files actually read, in rank order (absolute paths).
    const std::vector<std::string> &configFiles() const { return m_configFiles; }
    /// Every scope seen (known and unknown), sorted.
    std::vector<std::string> scopes() const;
    /// The effective ignore list: [GLOBAL].pants_ignore plus `/<workdir>` and
    /// `/<distdir>` when those lie inside the buildroot (as Pants always adds them).
    std::vector<std::string> pantsIgnore() const;

    // Implementation storage: scope -> option -> value.
    std::map<std::string, std::map<std::string, HostValue, std::less<>>, std::less<>> m_values;
    std::string m_buildRoot;
    std::vector<std::string> m_configFiles;
    std::map<std::string, std::string> m_environment;
};

/// `.pants.bootstrap`, read statically: Pants' launcher sources it with bash before
/// running Pants; Trellis never executes it. Plain `NAME=value` / `export NAME=value`
/// lines (value unquoted, '...' or "..." without expansions) become variables; every
/// other non-comment line is skipped and named in one warning.
struct BootstrapEnv {
    std::map<std::string, std::string> variables;
    base::Diagnostics warnings;
};
BootstrapEnv readPantsBootstrap(std::string_view text, const std::string &displayPath);

/// The nearest ancestor of `startDir` (inclusive) containing pants.toml (or BUILD_ROOT); "" if none.
std::string findBuildRoot(const std::string &startDir);

/// Splits a shell-string list element with POSIX rules ("-vv --no-header" -> 2 args).
std::vector<std::string> shellSplit(std::string_view s);

} // namespace trellis::workspace
