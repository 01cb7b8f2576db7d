// ArtifactStore: finds the file behind each locked artifact, verifies it and keeps
// downloads. An artifact's URL or path is resolved in this order:
//   1. `${NAME}` placeholders replaced from [python-repos].path_mappings (`NAME|/path`);
//   2. file:// URLs and plain paths (uv `path`, relative to the lockfile or its local
//      registry) are read in place;
//   3. a file of the same name in a local [python-repos].find_links directory;
//   4. the download directory (files are stored under their sha256, so a verified
//      download is never fetched twice);
//   5. http(s) through the Downloader (the shared libcurl client, proxies from the
//      environment). Offline, this is where it fails, naming the URL and the package.
// Every file's sha256 is checked against the lockfile before it is used; a mismatch is
// an error naming the package, the file and both digests.
#pragma once

#include "core/base/canceltoken.h"
#include "core/base/result.h"
#include "core/pyenv/lockedresolve.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace trellis::pyenv {

/// Fetches one http(s) URL into a file. An interface so that tests never touch the network.
class Downloader {
public:
    virtual ~Downloader() = default;
    /// Writes the body of `url` to `destination`; errors name the URL. `progress` gets bytes.
    virtual base::Status download(const std::string &url, const std::string &destination,
                                  const base::CancelToken &cancel,
                                  const std::function<void(std::int64_t)> &progress) = 0;
};

/// A Downloader over engine::CurlHttpClient (one client per host), 5 s to connect,
/// 10 minutes per file, 1 GiB at most.
std::unique_ptr<Downloader> makeHttpDownloader();

/// `[python-repos]` as far as locating artifacts needs it.
struct RepoOptions {
    std::vector<std::pair<std::string, std::string>> pathMappings; ///< NAME -> /path
    std::vector<std::string> findLinks;                           ///< as written (placeholders allowed)
};

/// Reads `[python-repos].path_mappings` entries (`NAME|/path`); bad entries are errors.
base::Result<RepoOptions> parseRepoOptions(const std::vector<std::string> &pathMappings,
                                           const std::vector<std::string> &findLinks);

/// `text` with every `${NAME}` of `mappings` replaced.
std::string expandPlaceholders(const std::string &text, const RepoOptions &repos);

/// SHA-256 of a file, lower-case hex; "" when it cannot be read.
std::string fileSha256(const std::string &path);

/// A local path for a file:// URL or a plain path; "" for other schemes.
std::string localPathOf(const std::string &url);

class ArtifactStore {
public:
    /// `lockfileDir`: absolute directory of the lockfile (uv relative paths);
    /// `downloadDir`: where downloads are kept; `downloader` not owned, may be null (offline).
    ArtifactStore(RepoOptions repos, std::string lockfileDir, std::string downloadDir, Downloader *downloader);

    /// The verified local file for `artifact` of `dist`. `progress` gets downloaded bytes.
    base::Result<std::string> fetch(const LockedDistribution &dist, const Artifact &artifact, const LockedResolve &lock,
                                    const base::CancelToken &cancel,
                                    const std::function<void(std::int64_t)> &progress = {});

    /// The http(s) URL `fetch` would download `artifact` from; "" when a local copy (or an
    /// earlier download) is there, or when it cannot be had at all.
    std::string downloadUrl(const LockedDistribution &dist, const Artifact &artifact, const LockedResolve &lock) const;

private:
    struct Located {
        std::string local;               ///< an existing local file; "" = none
        std::string url;                 ///< the URL with placeholders expanded
        std::string kept;                ///< where a download is kept; "" without a sha256
        std::vector<std::string> tried;  ///< local places looked at
        std::string error;               ///< an undefined placeholder
    };
    Located locate(const LockedDistribution &dist, const Artifact &artifact, const LockedResolve &lock) const;
    base::Result<std::string> verified(const LockedDistribution &dist, const Artifact &artifact, const std::string &file);

    RepoOptions m_repos;
    std::string m_lockfileDir;
    std::string m_downloadDir;
    Downloader *m_downloader; // not owned; may be null
};

} // namespace trellis::pyenv
