#include "core/pyenv/externaltool.h"

#include "core/base/paths.h"
#include "core/base/text.h"
#include "core/engine/process.h"
#include "core/pyenv/text_p.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSysInfo>
#include <QUuid>

#include <algorithm>
#include <cctype>

namespace trellis::pyenv {

using base::Diagnostic;

namespace {

/// Pants 2.2x's defaults for ruff (src/python/pants/backend/python/lint/ruff/subsystem.py).
constexpr const char *kRuffDefaultVersion = "0.4.9";
const std::vector<std::string> &ruffDefaultKnownVersions()
{
    static const std::vector<std::string> known{
        "0.4.9|macos_arm64|5f4506d7ec2ae6ac5a48ba309218a4b825a00d4cad9967b7bbcec1724ef04930|8148128|"
        "https://github.com/astral-sh/ruff/releases/download/v0.4.9/ruff-0.4.9-aarch64-apple-darwin.tar.gz",
        "0.4.9|macos_x86_64|e4d745adb0f5a0b08f2c9ca71e57f451a9b8485ae35b5555d9f5d20fc93a6cb6|8510706|"
        "https://github.com/astral-sh/ruff/releases/download/v0.4.9/ruff-0.4.9-x86_64-apple-darwin.tar.gz",
        "0.4.9|linux_arm64|00c50563f9921a141ddd4ec0371149f3bbfa0369d9d238a143bcc3a932363785|8106747|"
        "https://github.com/astral-sh/ruff/releases/download/v0.4.9/ruff-0.4.9-aarch64-unknown-linux-musl.tar.gz",
        "0.4.9|linux_x86_64|5ceba21dad91e3fa05056ca62f278b0178516cfad8dbf08cf2433c6f1eeb92d3|8863118|"
        "https://github.com/astral-sh/ruff/releases/download/v0.4.9/ruff-0.4.9-x86_64-unknown-linux-musl.tar.gz",
    };
    return known;
}

std::string replaceAll(std::string s, const std::string &needle, const std::string &with)
{
    for (std::size_t at = s.find(needle); at != std::string::npos; at = s.find(needle, at + with.size()))
        s.replace(at, needle.size(), with);
    return s;
}

/// The archive's base name without query or fragment.
std::string archiveName(const std::string &url)
{
    std::string path = url;
    if (auto q = path.find_first_of("?#"); q != std::string::npos)
        path.resize(q);
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

/// Unpacks `archive` into `dir` (tar and zip archives; anything else is the binary itself).
base::Status unpack(const std::string &archive, const std::string &name, const std::string &dir, const std::string &exe)
{
    const std::string pathVar = [] {
        const auto env = base::processEnvironment();
        auto it = env.find("PATH");
        return it == env.end() ? std::string("/usr/bin:/bin") : it->second;
    }();
    std::vector<std::string> argv;
    if (name.ends_with(".tar.gz") || name.ends_with(".tgz") || name.ends_with(".tar.xz") ||
        name.ends_with(".tar.bz2") || name.ends_with(".tar")) {
        const std::string tar = engine::findExecutable("tar", pathVar);
        if (tar.empty())
            return Diagnostic::error({}, "cannot unpack " + name + ": `tar` is not on PATH");
        argv = {tar, "-xf", archive, "-C", dir};
    } else if (name.ends_with(".zip")) {
        if (const std::string unzip = engine::findExecutable("unzip", pathVar); !unzip.empty())
            argv = {unzip, "-q", archive, "-d", dir};
        else if (const std::string python = engine::findExecutable("python3", pathVar); !python.empty())
            argv = {python, "-m", "zipfile", "-e", archive, dir};
        else
            return Diagnostic::error({}, "cannot unpack " + name + ": neither `unzip` nor `python3` is on PATH");
    } else {
        const QString target = QString::fromStdString(dir + "/" + exe);
        if (!QFile::copy(QString::fromStdString(archive), target))
            return Diagnostic::error({}, "cannot copy " + archive + " to " + target.toStdString());
        return base::okStatus();
    }
    engine::LocalProcessRunner runner;
    engine::ProcessSpec spec;
    spec.argv = argv;
    spec.env = {{"PATH", pathVar}};
    spec.timeoutMs = 5 * 60 * 1000;
    const engine::ProcessResult r = runner.run(spec, base::CancelToken());
    if (!r.ok())
        return Diagnostic::error({}, "cannot unpack " + name + ": " +
                                         std::string(base::stripped(r.error.empty() ? r.stderrText : r.error)));
    return base::okStatus();
}

/// The executable named `exe` in `dir` or one directory below (ruff >= 0.5 archives hold
/// `ruff-<platform>/ruff`); "" when there is none.
std::string findExecutableIn(const std::string &dir, const std::string &exe)
{
    QDirIterator it(QString::fromStdString(dir), QDir::Files, QDirIterator::Subdirectories);
    std::string best;
    long bestDepth = 2;
    while (it.hasNext()) {
        const std::string path = it.next().toStdString();
        if (it.fileName() != QString::fromStdString(exe))
            continue;
        const long depth = long(std::count(path.begin() + long(dir.size()) + 1, path.end(), '/'));
        if (depth < bestDepth) {
            best = path;
            bestDepth = depth;
        }
    }
    return best;
}

} // namespace

base::Result<KnownVersion> parseKnownVersion(const std::string &entry)
{
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (std::size_t bar = entry.find('|'); ; bar = entry.find('|', start)) {
        // The fifth field is a URL and holds no '|'; everything after the fourth bar is it.
        if (fields.size() == 4) {
            fields.emplace_back(base::stripped(entry.substr(start)));
            break;
        }
        fields.emplace_back(base::stripped(entry.substr(start, bar == std::string::npos ? std::string::npos : bar - start)));
        if (bar == std::string::npos)
            break;
        start = bar + 1;
    }
    if (fields.size() < 4)
        return Diagnostic::error({}, "known_versions entry '" + entry + "' is not version|platform|sha256|length[|url]");
    KnownVersion k;
    k.version = fields[0];
    k.platform = fields[1];
    k.sha256 = fields[2];
    for (char &c : k.sha256)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    try {
        k.length = std::stoll(fields[3]);
    } catch (...) {
        return Diagnostic::error({}, "known_versions entry '" + entry + "': the length '" + fields[3] + "' is not a number");
    }
    if (k.sha256.size() != 64 || k.sha256.find_first_not_of("0123456789abcdef") != std::string::npos)
        return Diagnostic::error({}, "known_versions entry '" + entry + "': '" + fields[2] + "' is not a sha256");
    if (fields.size() > 4)
        k.url = fields[4];
    return k;
}

ExternalToolOptions ruffToolOptions(const workspace::Options &options)
{
    ExternalToolOptions o;
    o.name = "ruff";
    o.exe = "ruff";
    o.version = options.string("ruff", "version", kRuffDefaultVersion);
    if (auto v = options.value("ruff", "known_versions"); v && v->isSequence())
        o.knownVersions = options.list("ruff", "known_versions");
    else
        o.knownVersions = ruffDefaultKnownVersions();
    o.urlTemplate = options.string(
        "ruff", "url_template",
        "https://github.com/astral-sh/ruff/releases/download/v{version}/ruff-{version}-{platform}.tar.gz");
    const auto mapping = options.dict("ruff", "url_platform_mapping");
    if (!mapping.empty()) {
        for (const auto &[platform, value] : mapping)
            if (value.isString())
                o.platformMapping[platform] = value.str();
    } else {
        o.platformMapping = {{"linux_arm64", "aarch64-unknown-linux-musl"},
                             {"linux_x86_64", "x86_64-unknown-linux-musl"},
                             {"macos_arm64", "aarch64-apple-darwin"},
                             {"macos_x86_64", "x86_64-apple-darwin"}};
    }
    return o;
}

std::string currentPlatform()
{
    const QString arch = QSysInfo::currentCpuArchitecture();
    std::string cpu;
    if (arch == QLatin1String("x86_64"))
        cpu = "x86_64";
    else if (arch == QLatin1String("arm64"))
        cpu = "arm64";
    else
        return {};
#if defined(__APPLE__)
    return "macos_" + cpu;
#elif defined(__linux__)
    return "linux_" + cpu;
#else
    return {};
#endif
}

namespace {

base::Result<KnownVersion> knownVersionFor(const ExternalToolOptions &options, const std::string &platform)
{
    for (const std::string &entry : options.knownVersions) {
        auto k = parseKnownVersion(entry);
        if (!k)
            return Diagnostic::error({}, "[" + options.name + "]." + k.diagnostics().front().message);
        if (k->version == options.version && k->platform == platform)
            return k;
    }
    return Diagnostic::error({}, options.name + " " + options.version + ": [" + options.name +
                                     "].known_versions has no entry for " +
                                     (platform.empty() ? std::string("this platform") : platform) +
                                     " (add `" + options.version + "|" + platform + "|<sha256>|<length>`)");
}

} // namespace

base::Result<std::string> externalToolUrl(const ExternalToolOptions &options, const std::string &platform)
{
    auto known = knownVersionFor(options, platform);
    if (!known)
        return known.takeDiagnostics();
    if (!known->url.empty())
        return known->url;
    auto mapped = options.platformMapping.find(platform);
    const std::string urlPlatform = mapped == options.platformMapping.end() ? platform : mapped->second;
    return replaceAll(replaceAll(options.urlTemplate, "{version}", options.version), "{platform}", urlPlatform);
}

base::Result<ExternalTool> fetchExternalTool(const ExternalToolOptions &options, const std::string &platform,
                                             const std::string &cacheRoot, Downloader *downloader,
                                             const base::CancelToken &cancel,
                                             const std::function<bool(const std::string &url)> &allowDownload)
{
    auto known = knownVersionFor(options, platform);
    if (!known)
        return known.takeDiagnostics();
    auto url = externalToolUrl(options, platform);
    if (!url)
        return url.takeDiagnostics();
    const std::string who = options.name + " " + options.version;
    ExternalTool tool;
    tool.version = options.version;
    tool.url = *url;
    tool.sha256 = known->sha256;

    const std::string dir = cacheRoot + "/tools/" + options.name + "/" + options.version + "-" + platform + "-" +
                            known->sha256.substr(0, 16);
    if (QFileInfo::exists(QString::fromStdString(dir + "/.trellis-complete"))) {
        tool.path = findExecutableIn(dir, options.exe);
        if (!tool.path.empty()) {
            tool.cacheHit = true;
            return tool;
        }
    }
    const std::string tmp = cacheRoot + "/tools/" + options.name + "/.tmp-" +
                            QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
    QDir().mkpath(QString::fromStdString(tmp + "/unpacked"));
    auto cleanup = [&] { QDir(QString::fromStdString(tmp)).removeRecursively(); };
    const std::string name = archiveName(*url);
    std::string archive;
    if (url->starts_with("file://") || url->find("://") == std::string::npos) {
        archive = localPathOf(*url);
        if (!QFileInfo::exists(QString::fromStdString(archive))) {
            cleanup();
            return Diagnostic::error({}, who + ": cannot read " + *url + ": no such file");
        }
    } else {
        if (!downloader) {
            cleanup();
            return Diagnostic::error({}, who + ": cannot download " + *url + ": offline (no downloader)");
        }
        if (allowDownload && !allowDownload(*url)) {
            cleanup();
            return Diagnostic::error({}, who + ": not downloading " + *url + ": the download was declined");
        }
        archive = tmp + "/" + (name.empty() ? std::string("download") : name);
        if (base::Status st = downloader->download(*url, archive, cancel, {}); !st) {
            cleanup();
            return Diagnostic::error({}, who + ": " + st.diagnostics().front().message);
        }
    }
    const std::string sha = fileSha256(archive);
    const std::int64_t size = QFileInfo(QString::fromStdString(archive)).size();
    if (sha != known->sha256 || (known->length > 0 && size != known->length)) {
        cleanup();
        return Diagnostic::error({}, who + ": sha256 mismatch for " + *url + ": [" + options.name +
                                         "].known_versions expects " + known->sha256 + " (" +
                                         std::to_string(known->length) + " bytes), the file has " + sha + " (" +
                                         std::to_string(size) + " bytes); refusing to run it");
    }
    if (cancel.isCancelled()) {
        cleanup();
        return Diagnostic::error({}, who + ": cancelled");
    }
    if (base::Status st = unpack(archive, name, tmp + "/unpacked", options.exe); !st) {
        cleanup();
        return Diagnostic::error({}, who + " (" + *url + "): " + st.diagnostics().front().message);
    }
    const std::string found = findExecutableIn(tmp + "/unpacked", options.exe);
    if (found.empty()) {
        cleanup();
        return Diagnostic::error({}, who + ": " + *url + " holds no `" + options.exe + "` executable");
    }
    QFile::setPermissions(QString::fromStdString(found), QFile::permissions(QString::fromStdString(found)) |
                                                             QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther |
                                                             QFile::ReadOwner);
    if (base::Status st = base::writeFileAtomic(tmp + "/unpacked/.trellis-complete", tool.url + "\n" + sha + "\n"); !st) {
        cleanup();
        return Diagnostic::error({}, who + ": " + st.diagnostics().front().message);
    }
    QDir().mkpath(QFileInfo(QString::fromStdString(dir)).absolutePath());
    if (!QDir().rename(QString::fromStdString(tmp + "/unpacked"), QString::fromStdString(dir))) {
        // Another process finished first, or a leftover without the marker is in the way.
        if (!QFileInfo::exists(QString::fromStdString(dir + "/.trellis-complete"))) {
            QDir(QString::fromStdString(dir)).removeRecursively();
            QDir().rename(QString::fromStdString(tmp + "/unpacked"), QString::fromStdString(dir));
        }
    }
    cleanup();
    tool.path = findExecutableIn(dir, options.exe);
    if (tool.path.empty())
        return Diagnostic::error({}, who + ": cannot move the unpacked tool to " + dir);
    return tool;
}

} // namespace trellis::pyenv
