#include "core/pyenv/artifactstore.h"

#include "core/base/paths.h"
#include "core/base/text.h"
#include "core/engine/httpclient.h"
#include "core/pyenv/text_p.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUrl>

#include <map>
#include <mutex>

namespace trellis::pyenv {

using base::Diagnostic;

std::string localPathOf(const std::string &url)
{
    if (url.starts_with("file://"))
        return QUrl(QString::fromStdString(url)).toLocalFile().toStdString();
    if (url.find("://") == std::string::npos)
        return url;
    return {};
}

namespace {

class HttpDownloader : public Downloader {
public:
    base::Status download(const std::string &url, const std::string &destination, const base::CancelToken &cancel,
                          const std::function<void(std::int64_t)> &progress) override
    {
        // Redirects are followed here (release downloads redirect to a CDN; every file is
        // checked against its sha256 afterwards), at most 5, never from https to http.
        std::string current = url;
        for (int hop = 0; hop <= 5; ++hop) {
            if (cancel.isCancelled())
                return Diagnostic::error({}, "cancelled");
            std::string location;
            base::Status st = fetchOnce(url, current, destination, progress, location);
            if (!st || location.empty())
                return st;
            const QUrl next = QUrl(QString::fromStdString(current)).resolved(QUrl(QString::fromStdString(location)));
            if (current.starts_with("https://") && next.scheme() != QLatin1String("https"))
                return Diagnostic::error({}, "cannot download " + url + ": it redirects from https to " +
                                                 next.toString().toStdString());
            current = next.toString(QUrl::FullyEncoded).toStdString();
        }
        return Diagnostic::error({}, "cannot download " + url + ": more than 5 redirects");
    }

private:
    /// One GET of `current`; a redirect sets `location` and writes nothing.
    base::Status fetchOnce(const std::string &url, const std::string &current, const std::string &destination,
                           const std::function<void(std::int64_t)> &progress, std::string &location)
    {
        const QUrl u(QString::fromStdString(current));
        if (!u.isValid() || (u.scheme() != QLatin1String("http") && u.scheme() != QLatin1String("https")))
            return Diagnostic::error({}, "cannot download " + current + ": not an http(s) URL");
        const std::string origin = u.scheme().toStdString() + "://" + u.authority(QUrl::FullyEncoded).toStdString();
        std::string path = u.path(QUrl::FullyEncoded).toStdString();
        if (u.hasQuery())
            path += "?" + u.query(QUrl::FullyEncoded).toStdString();
        engine::HttpClient *client = nullptr;
        {
            std::lock_guard lock(m_mutex);
            auto it = m_clients.find(origin);
            if (it == m_clients.end()) {
                auto parsed = engine::HttpUrl::parse(origin);
                if (!parsed)
                    return Diagnostic::error({}, "cannot download " + url + ": " + parsed.diagnostics().front().message);
                it = m_clients
                         .emplace(origin, std::make_unique<engine::CurlHttpClient>(
                                              *parsed, engine::HttpClientOptions{.connectMs = 5000,
                                                                                 .totalMs = 600000,
                                                                                 .maxBodyBytes = std::int64_t(1) << 30,
                                                                                 .caFile = {}}))
                         .first;
            }
            client = it->second.get();
        }
        {
            std::lock_guard lock(m_mutex);
            if (auto down = m_unreachable.find(origin); down != m_unreachable.end())
                return Diagnostic::error({}, "cannot download " + url + ": not tried, " + origin +
                                                 " was unreachable before (" + down->second + ")");
        }
        auto r = client->send({"GET", path, {}, {}});
        if (!r) {
            // A host that cannot be reached is not asked again in this build (offline, a
            // few hundred artifacts would each wait for the connect timeout).
            std::lock_guard lock(m_mutex);
            m_unreachable.emplace(origin, r.diagnostics().front().message);
            return Diagnostic::error({}, "cannot download " + url + ": " + r.diagnostics().front().message);
        }
        if (r->status == 301 || r->status == 302 || r->status == 303 || r->status == 307 || r->status == 308) {
            location = r->header("Location");
            if (location.empty())
                return Diagnostic::error({}, "cannot download " + url + ": HTTP " + std::to_string(r->status) +
                                                 " without a Location");
            return base::okStatus();
        }
        if (r->status != 200)
            return Diagnostic::error({}, "cannot download " + url + ": HTTP " + std::to_string(r->status));
        if (progress)
            progress(std::int64_t(r->body.size()));
        return base::writeFileAtomic(destination, r->body);
    }

    std::mutex m_mutex;
    std::map<std::string, std::unique_ptr<engine::CurlHttpClient>> m_clients; ///< one per origin
    std::map<std::string, std::string> m_unreachable; ///< origin -> the transport error it gave
};

} // namespace

std::unique_ptr<Downloader> makeHttpDownloader()
{
    return std::make_unique<HttpDownloader>();
}

base::Result<RepoOptions> parseRepoOptions(const std::vector<std::string> &pathMappings,
                                           const std::vector<std::string> &findLinks)
{
    RepoOptions repos;
    base::Diagnostics errors;
    for (const std::string &m : pathMappings) {
        const std::size_t bar = m.find('|');
        if (bar == std::string::npos || bar == 0)
            errors.push_back(Diagnostic::error({}, "[python-repos].path_mappings entry '" + m + "' is not NAME|/path"));
        else
            repos.pathMappings.emplace_back(std::string(base::stripped(m.substr(0, bar))),
                                            std::string(base::stripped(m.substr(bar + 1))));
    }
    repos.findLinks = findLinks;
    if (!errors.empty())
        return errors;
    return repos;
}

std::string expandPlaceholders(const std::string &text, const RepoOptions &repos)
{
    std::string out = text;
    for (const auto &[name, path] : repos.pathMappings) {
        const std::string needle = "${" + name + "}";
        for (std::size_t at = out.find(needle); at != std::string::npos; at = out.find(needle, at + path.size()))
            out.replace(at, needle.size(), path);
    }
    return out;
}

std::string fileSha256(const std::string &path)
{
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    if (!h.addData(&f))
        return {};
    return h.result().toHex().toStdString();
}

ArtifactStore::ArtifactStore(RepoOptions repos, std::string lockfileDir, std::string downloadDir, Downloader *downloader)
    : m_repos(std::move(repos)), m_lockfileDir(std::move(lockfileDir)), m_downloadDir(std::move(downloadDir)),
      m_downloader(downloader)
{
}

base::Result<std::string> ArtifactStore::verified(const LockedDistribution &dist, const Artifact &artifact,
                                                  const std::string &file)
{
    if (artifact.sha256.empty())
        return Diagnostic::error({}, dist.displayName + " " + dist.version + ": the lockfile records no sha256 for " +
                                         artifact.filename + "; refusing to install an unverified file");
    const std::string actual = fileSha256(file);
    if (actual.empty())
        return Diagnostic::error({}, dist.displayName + " " + dist.version + ": cannot read " + file);
    if (actual != artifact.sha256)
        return Diagnostic::error({}, dist.displayName + " " + dist.version + ": sha256 mismatch for " + file +
                                         ": the lockfile expects " + artifact.sha256 + ", the file has " + actual +
                                         "; refusing to install it");
    return file;
}

ArtifactStore::Located ArtifactStore::locate(const LockedDistribution &dist, const Artifact &artifact,
                                             const LockedResolve &lock) const
{
    Located out;
    auto exists = [](const std::string &p) { return !p.empty() && QFileInfo(QString::fromStdString(p)).isFile(); };
    auto absolute = [&](const std::string &p, const std::string &base) {
        return QDir(QString::fromStdString(base)).absoluteFilePath(QString::fromStdString(p)).toStdString();
    };
    // 1-2. The URL or path itself, when it is local.
    out.url = expandPlaceholders(artifact.url, m_repos);
    if (!out.url.empty()) {
        if (out.url.find("${") != std::string::npos) {
            out.error = dist.displayName + " " + dist.version + ": " + artifact.url +
                        " uses a placeholder that [python-repos].path_mappings does not define";
            return out;
        }
        const std::string local = localPathOf(out.url);
        if (!local.empty()) {
            const std::string p = absolute(local, m_lockfileDir);
            if (exists(p)) {
                out.local = p;
                return out;
            }
            out.tried.push_back(p);
        }
    }
    if (!artifact.path.empty()) {
        const std::string rel = expandPlaceholders(artifact.path, m_repos);
        std::vector<std::string> bases;
        if (!lock.registryDir.empty())
            bases.push_back(absolute(expandPlaceholders(lock.registryDir, m_repos), m_lockfileDir));
        bases.push_back(m_lockfileDir);
        for (const std::string &b : bases) {
            const std::string p = absolute(rel, b);
            if (exists(p)) {
                out.local = p;
                return out;
            }
            out.tried.push_back(p);
        }
    }
    // 3. find_links directories.
    for (const std::string &link : m_repos.findLinks) {
        const std::string dir = localPathOf(expandPlaceholders(link, m_repos));
        if (dir.empty())
            continue;
        const std::string p = absolute(artifact.filename, absolute(dir, m_lockfileDir));
        if (exists(p)) {
            out.local = p;
            return out;
        }
        out.tried.push_back(p);
    }
    // 4. Earlier downloads, by digest.
    out.kept = artifact.sha256.empty() ? std::string() : m_downloadDir + "/" + artifact.sha256 + "/" + artifact.filename;
    if (exists(out.kept))
        out.local = out.kept;
    return out;
}

std::string ArtifactStore::downloadUrl(const LockedDistribution &dist, const Artifact &artifact,
                                       const LockedResolve &lock) const
{
    const Located where = locate(dist, artifact, lock);
    if (!where.local.empty() || !where.error.empty())
        return {};
    const bool remote = where.url.starts_with("http://") || where.url.starts_with("https://");
    return remote ? where.url : std::string();
}

base::Result<std::string> ArtifactStore::fetch(const LockedDistribution &dist, const Artifact &artifact,
                                               const LockedResolve &lock, const base::CancelToken &cancel,
                                               const std::function<void(std::int64_t)> &progress)
{
    const Located where = locate(dist, artifact, lock);
    if (!where.error.empty())
        return Diagnostic::error({}, where.error);
    if (!where.local.empty())
        return verified(dist, artifact, where.local);
    const std::string &url = where.url;
    const std::string &kept = where.kept;
    const std::vector<std::string> &tried = where.tried;
    // 5. The network.
    const bool remote = url.starts_with("http://") || url.starts_with("https://");
    if (!remote) {
        std::string msg = dist.displayName + " " + dist.version + ": " + artifact.filename + " was not found";
        for (const std::string &t : tried)
            msg += "\n    tried " + t;
        return Diagnostic::error({}, msg);
    }
    if (kept.empty())
        return Diagnostic::error({}, dist.displayName + " " + dist.version + ": the lockfile records no sha256 for " +
                                         url + "; refusing to download an unverifiable file");
    if (!m_downloader)
        return Diagnostic::error({}, dist.displayName + " " + dist.version + ": " + url + " is not available offline");
    QDir().mkpath(QString::fromStdString(m_downloadDir + "/" + artifact.sha256));
    const std::string partial = kept + ".part";
    base::Status got = m_downloader->download(url, partial, cancel, progress);
    if (!got) {
        QFile::remove(QString::fromStdString(partial));
        std::string msg = dist.displayName + " " + dist.version + ": " + got.diagnostics().front().message;
        if (!tried.empty())
            msg += " (and no local copy: tried " + text::join(tried, ", ") + ")";
        return Diagnostic::error({}, msg);
    }
    auto ok = verified(dist, artifact, partial);
    if (!ok) {
        QFile::remove(QString::fromStdString(partial));
        return ok;
    }
    QFile::remove(QString::fromStdString(kept));
    if (!QFile::rename(QString::fromStdString(partial), QString::fromStdString(kept)))
        return Diagnostic::error({}, "cannot store the download " + kept);
    return kept;
}

} // namespace trellis::pyenv
