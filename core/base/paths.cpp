#include "core/base/paths.h"

#include "core/base/disk.h"

#include <QDir>
#include <QStandardPaths>

#include <filesystem>
#include <sys/stat.h>

extern char **environ;

namespace trellis::base {

std::optional<std::string> readFile(const std::string &path)
{
    auto text = RealDisk().readFile(path);
    if (!text)
        return std::nullopt;
    return std::move(*text);
}

Status writeFileAtomic(const std::string &path, std::string_view data)
{
    RealDisk disk;
    if (const std::string_view dir = dirName(path); !dir.empty())
        if (Status st = disk.makeDirectories(std::string(dir)); !st)
            return st;
    return writeFileAtomically(disk, path, data);
}

std::string_view dirName(std::string_view path)
{
    const size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? std::string_view{} : path.substr(0, slash);
}

std::string_view baseName(std::string_view path)
{
    const size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string joinPath(std::string_view a, std::string_view b)
{
    if (a.empty())
        return std::string(b);
    if (b.empty())
        return std::string(a);
    std::string r(a);
    r += '/';
    r += b;
    return r;
}

namespace {
std::string ensureDir(QStandardPaths::StandardLocation loc, const char *leaf)
{
    QString base = QStandardPaths::writableLocation(loc);
    if (base.isEmpty())
        base = QDir::homePath() + QStringLiteral("/.trellis");
    const QString dir = base + QLatin1Char('/') + QLatin1String(leaf);
    QDir().mkpath(dir);
    return dir.toStdString();
}
} // namespace

std::string cacheDir() { return ensureDir(QStandardPaths::GenericCacheLocation, "trellis"); }
std::string dataDir() { return ensureDir(QStandardPaths::GenericDataLocation, "trellis"); }
std::string configDir() { return ensureDir(QStandardPaths::GenericConfigLocation, "trellis"); }

std::string executableStamp()
{
    static const std::string stamp = [] {
        std::error_code ec;
        const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
        struct stat st {};
        if (ec || ::stat(exe.c_str(), &st) != 0)
            return std::string("unknown");
        return exe.string() + ':' + std::to_string(st.st_size) + ':' + std::to_string(st.st_mtim.tv_sec) + '.'
               + std::to_string(st.st_mtim.tv_nsec) + ':' + std::to_string(st.st_ino);
    }();
    return stamp;
}

std::map<std::string, std::string> processEnvironment()
{
    std::map<std::string, std::string> env;
    for (char **e = environ; e && *e; ++e) {
        const std::string_view kv = *e;
        const size_t eq = kv.find('=');
        if (eq != std::string_view::npos)
            env.emplace(std::string(kv.substr(0, eq)), std::string(kv.substr(eq + 1)));
    }
    return env;
}

} // namespace trellis::base
