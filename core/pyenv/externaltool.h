// ExternalTool: a tool Pants downloads as a binary rather than installing from a
// resolve (Pants' TemplatedExternalTool; ruff since Pants 2.20). The configuration names
// a version, the known versions (`version|platform|sha256|length[|url]`), a URL template
// (`{version}`, `{platform}`) and a platform mapping (Pants platform -> URL platform).
// Fetching downloads the archive through the shared HTTP client (file:// URLs are read in
// place), checks its sha256 and length against known_versions, unpacks it (tar.gz, tgz,
// tar.xz, zip, or a bare binary) and keeps it in the cache under
// `<cache>/tools/<name>/<version>-<platform>-<sha256 prefix>/`, so it is fetched once.
//
//   ExternalToolOptions ruff = ruffToolOptions(options);
//   auto tool = fetchExternalTool(ruff, currentPlatform(), cacheRoot, downloader.get(), cancel);
//   run({tool->path, "check", ...});
#pragma once

#include "core/base/canceltoken.h"
#include "core/base/result.h"
#include "core/pyenv/artifactstore.h"
#include "core/workspace/options.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace trellis::pyenv {

/// One `known_versions` entry.
struct KnownVersion {
    std::string version;
    std::string platform;  ///< Pants' name: linux_x86_64, linux_arm64, macos_x86_64, macos_arm64
    std::string sha256;
    std::int64_t length = 0;
    std::string url;       ///< the optional fifth field; "" = from the URL template
};

/// Parses `version|platform|sha256|length[|url]` (fields are trimmed); errors name the entry.
base::Result<KnownVersion> parseKnownVersion(const std::string &entry);

struct ExternalToolOptions {
    std::string name;                              ///< "ruff" (options scope, cache directory)
    std::string exe;                               ///< the executable's file name inside the archive
    std::string version;
    std::vector<std::string> knownVersions;        ///< raw entries
    std::string urlTemplate;
    std::map<std::string, std::string> platformMapping;
};

/// `[ruff].version`, `known_versions`, `url_template`, `url_platform_mapping`, each with
/// Pants' default when unset (ruff 0.4.9 and its published sha256s).
ExternalToolOptions ruffToolOptions(const workspace::Options &options);

/// Pants' name of this machine's platform ("linux_x86_64"); "" when Pants has none.
std::string currentPlatform();

struct ExternalTool {
    std::string path;     ///< the executable
    std::string version;
    std::string url;      ///< where it came from
    std::string sha256;
    bool cacheHit = false;
};

/// The URL `options` give for `platform` (known_versions' own URL, else the template).
base::Result<std::string> externalToolUrl(const ExternalToolOptions &options, const std::string &platform);

/// Fetches (or reuses) the tool. Errors name the tool, the version and the URL: no
/// known_versions entry for the platform, a download that failed (offline), a sha256 or
/// length mismatch (the file is refused and not kept), an archive without the executable.
/// `allowDownload`, when given, is asked with the URL before an http(s) download; false
/// declines it (an error).
base::Result<ExternalTool> fetchExternalTool(const ExternalToolOptions &options, const std::string &platform,
                                             const std::string &cacheRoot, Downloader *downloader,
                                             const base::CancelToken &cancel,
                                             const std::function<bool(const std::string &url)> &allowDownload = {});

} // namespace trellis::pyenv
