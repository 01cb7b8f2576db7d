#include "core/infer/scancache.h"

#include "core/infer/contenthash.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>

#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace trellis::infer {

namespace {

constexpr char kMagic[4] = {'T', 'R', 'S', 'C'};
constexpr std::uint32_t kFormat = 1;
constexpr std::uint64_t kChecksumSeed = 0x5ca11ab1eULL;
constexpr size_t kMaxRecord = 64u << 20;

std::uint32_t headerVersion() { return kFormat * 1000 + std::uint32_t(ImportScanner::kVersion); }

template <typename T>
void put(std::string &out, T v)
{
    char buf[sizeof(T)];
    std::memcpy(buf, &v, sizeof(T));
    out.append(buf, sizeof(T));
}

void putString(std::string &out, std::string_view s)
{
    put<std::uint32_t>(out, std::uint32_t(s.size()));
    out.append(s);
}

/// Bounds-checked reader over a record body.
struct Reader {
    const char *p;
    const char *end;
    bool ok = true;

    template <typename T>
    T get()
    {
        T v{};
        if (size_t(end - p) < sizeof(T)) {
            ok = false;
            return v;
        }
        std::memcpy(&v, p, sizeof(T));
        p += sizeof(T);
        return v;
    }
    std::string getString()
    {
        const auto n = get<std::uint32_t>();
        if (!ok || size_t(end - p) < n) {
            ok = false;
            return {};
        }
        std::string s(p, n);
        p += n;
        return s;
    }
};

std::string header()
{
    std::string h(kMagic, 4);
    put<std::uint32_t>(h, headerVersion());
    return h;
}

} // namespace

FileStamp statFile(const std::string &absolutePath)
{
    struct stat st;
    if (::stat(absolutePath.c_str(), &st) != 0)
        return {};
    return {std::int64_t(st.st_size), std::int64_t(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec};
}

ScanCache::ScanCache(std::string dir, std::string_view buildRoot)
{
    if (dir.empty() || dir == "-")
        return;
    char name[32];
    std::snprintf(name, sizeof(name), "%016llx.pack",
                  static_cast<unsigned long long>(contentHash(buildRoot)));
    m_packPath = dir + "/" + name;
    load();
}

void ScanCache::load()
{
    QFile f(QString::fromStdString(m_packPath));
    if (!f.open(QIODevice::ReadOnly))
        return;
    m_fileExists = true;
    const QByteArray data = f.readAll();
    const char *p = data.constData();
    const char *end = p + data.size();
    const std::string h = header();
    if (size_t(data.size()) < h.size() || std::memcmp(p, h.data(), h.size()) != 0) {
        m_corrupt = true;
        return;
    }
    p += h.size();
    while (p < end) {
        Reader frame{p, end};
        const auto len = frame.get<std::uint32_t>();
        const auto sum = frame.get<std::uint64_t>();
        if (!frame.ok || len > kMaxRecord || size_t(end - frame.p) < len
            || contentHash(std::string_view(frame.p, len), kChecksumSeed) != sum) {
            m_corrupt = true;
            return;
        }
        Reader r{frame.p, frame.p + len};
        p = frame.p + len;
        std::string path = r.getString();
        Entry e;
        e.stamp.size = r.get<std::int64_t>();
        e.stamp.mtimeNs = r.get<std::int64_t>();
        e.hash = r.get<std::uint64_t>();
        e.result.hasContent = r.get<std::uint8_t>() != 0;
        const auto nImports = r.get<std::uint32_t>();
        for (std::uint32_t i = 0; r.ok && i < nImports; ++i) {
            RawImport imp;
            imp.module = r.getString();
            imp.line = r.get<std::int32_t>();
            imp.weak = r.get<std::uint8_t>() != 0;
            e.result.imports.push_back(std::move(imp));
        }
        const auto nStrings = r.get<std::uint32_t>();
        for (std::uint32_t i = 0; r.ok && i < nStrings; ++i) {
            StringLiteral s;
            s.text = r.getString();
            s.line = r.get<std::int32_t>();
            e.result.strings.push_back(std::move(s));
        }
        if (!r.ok || r.p != r.end) {
            m_corrupt = true;
            return;
        }
        ++m_loadedRecords;
        m_entries[std::move(path)] = std::move(e);
    }
}

const ScanResult *ScanCache::find(const std::string &path, const FileStamp &stamp)
{
    if (!enabled() || stamp.size < 0)
        return nullptr;
    std::lock_guard lock(m_mutex);
    auto it = m_entries.find(path);
    if (it == m_entries.end())
        return nullptr;
    it->second.seen = true;
    return it->second.stamp == stamp ? &it->second.result : nullptr;
}

bool ScanCache::contains(const std::string &path)
{
    if (!enabled())
        return false;
    std::lock_guard lock(m_mutex);
    return m_entries.find(path) != m_entries.end();
}

const ScanResult *ScanCache::findContent(const std::string &path, std::uint64_t hash)
{
    if (!enabled())
        return nullptr;
    std::lock_guard lock(m_mutex);
    auto it = m_entries.find(path);
    return it != m_entries.end() && it->second.hash == hash ? &it->second.result : nullptr;
}

void ScanCache::insert(const std::string &path, const FileStamp &stamp, std::uint64_t hash, ScanResult result)
{
    if (!enabled() || stamp.size < 0)
        return;
    std::lock_guard lock(m_mutex);
    Entry &e = m_entries[path];
    e.stamp = stamp;
    e.hash = hash;
    e.result = std::move(result);
    e.seen = true;
    e.dirty = true;
}

void ScanCache::encode(std::string &out, const std::string &path, const Entry &e)
{
    std::string body;
    putString(body, path);
    put<std::int64_t>(body, e.stamp.size);
    put<std::int64_t>(body, e.stamp.mtimeNs);
    put<std::uint64_t>(body, e.hash);
    put<std::uint8_t>(body, e.result.hasContent ? 1 : 0);
    put<std::uint32_t>(body, std::uint32_t(e.result.imports.size()));
    for (const RawImport &imp : e.result.imports) {
        putString(body, imp.module);
        put<std::int32_t>(body, imp.line);
        put<std::uint8_t>(body, imp.weak ? 1 : 0);
    }
    put<std::uint32_t>(body, std::uint32_t(e.result.strings.size()));
    for (const StringLiteral &s : e.result.strings) {
        putString(body, s.text);
        put<std::int32_t>(body, s.line);
    }
    put<std::uint32_t>(out, std::uint32_t(body.size()));
    put<std::uint64_t>(out, contentHash(body, kChecksumSeed));
    out += body;
}

base::Status ScanCache::save()
{
    if (!enabled())
        return base::okStatus();
    std::lock_guard lock(m_mutex);
    size_t live = 0, dirty = 0;
    for (const auto &[path, e] : m_entries) {
        live += e.seen ? 1 : 0;
        dirty += e.dirty ? 1 : 0;
    }
    const bool rewrite = !m_fileExists || m_corrupt || size_t(m_loadedRecords) + dirty > 2 * live + 256;
    if (!rewrite && dirty == 0)
        return base::okStatus();
    QDir().mkpath(QString::fromStdString(m_packPath.substr(0, m_packPath.rfind('/'))));
    std::string out;
    if (rewrite) {
        out = header();
        for (auto &[path, e] : m_entries) {
            if (e.seen)
                encode(out, path, e);
        }
        QSaveFile f(QString::fromStdString(m_packPath));
        if (!f.open(QIODevice::WriteOnly) || f.write(out.data(), qint64(out.size())) != qint64(out.size())
            || !f.commit())
            return base::Diagnostic::warning({m_packPath}, "cannot write the scan cache");
    } else {
        for (auto &[path, e] : m_entries) {
            if (e.dirty)
                encode(out, path, e);
        }
        const int fd = ::open(m_packPath.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
        if (fd < 0)
            return base::Diagnostic::warning({m_packPath}, "cannot write the scan cache");
        const ssize_t n = ::write(fd, out.data(), out.size());
        ::close(fd);
        if (n != ssize_t(out.size()))
            return base::Diagnostic::warning({m_packPath}, "cannot write the scan cache");
    }
    for (auto &[path, e] : m_entries)
        e.dirty = false;
    m_loadedRecords = 0;
    m_corrupt = false;
    m_fileExists = true;
    return base::okStatus();
}

} // namespace trellis::infer
