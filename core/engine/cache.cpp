#include "core/engine/cache.h"

#include "core/base/paths.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>
#include <sys/stat.h>
#include <utime.h>
#include <vector>

namespace trellis::engine {

namespace {

constexpr char kMagic[] = "TRELLIS-CACHE-1\n";

QByteArray bytes(std::string_view s) { return QByteArray(s.data(), qsizetype(s.size())); }

bool validKey(const std::string &key)
{
    if (key.size() < 8 || key.size() > 128)
        return false;
    return std::all_of(key.begin(), key.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

} // namespace

std::string sha256Hex(std::string_view data)
{
    return QCryptographicHash::hash(bytes(data), QCryptographicHash::Sha256).toHex().toStdString();
}

struct Digest::Impl {
    QCryptographicHash hash{QCryptographicHash::Sha256};
};

Digest::Digest() : m_impl(std::make_unique<Impl>()) {}
Digest::~Digest() = default;

Digest &Digest::add(std::string_view label, std::string_view value)
{
    const std::string header = std::to_string(label.size()) + ":" + std::string(label) + "=" + std::to_string(value.size()) + ":";
    m_impl->hash.addData(bytes(header));
    m_impl->hash.addData(bytes(value));
    return *this;
}

Digest &Digest::addFile(std::string_view label, const std::string &path)
{
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly))
        return add(label, "missing");
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return add(label, h.result().toHex().toStdString());
}

std::string Digest::hex() const
{
    // result() finalises a snapshot; more data may still be added afterwards.
    return m_impl->hash.result().toHex().toStdString();
}

LocalCache::LocalCache(std::string dir, std::int64_t maxBytes) : m_dir(std::move(dir)), m_maxBytes(maxBytes)
{
    QDir().mkpath(QString::fromStdString(m_dir));
}

std::string LocalCache::pathFor(const std::string &key) const
{
    return m_dir + "/" + key.substr(0, 2) + "/" + key;
}

std::optional<CacheHit> LocalCache::get(const std::string &key)
{
    if (!validKey(key))
        return std::nullopt;
    const std::string path = pathFor(key);
    auto data = base::readFile(path);
    if (!data)
        return std::nullopt;
    // Layout: magic, 64 hex digits of the payload's SHA-256, '\n', payload.
    const size_t magicLen = sizeof(kMagic) - 1;
    if (data->size() < magicLen + 65 || data->compare(0, magicLen, kMagic) != 0 || (*data)[magicLen + 64] != '\n') {
        QFile::remove(QString::fromStdString(path));
        return std::nullopt;
    }
    std::string payload = data->substr(magicLen + 65);
    if (sha256Hex(payload) != data->substr(magicLen, 64)) {
        QFile::remove(QString::fromStdString(path)); // corrupted: discard, never trust
        return std::nullopt;
    }
    ::utime(path.c_str(), nullptr); // LRU: a read makes the entry recent
    return CacheHit{std::move(payload), "cached locally"};
}

void LocalCache::put(const std::string &key, const std::string &value)
{
    if (!validKey(key))
        return;
    std::string data = kMagic;
    data += sha256Hex(value);
    data += '\n';
    data += value;
    if (!base::writeFileAtomic(pathFor(key), data).ok())
        return;
    bool trimNow = false;
    {
        std::lock_guard lock(m_mutex);
        if (++m_putsSinceTrim >= 32) {
            m_putsSinceTrim = 0;
            trimNow = true;
        }
    }
    if (trimNow)
        trim();
}

std::int64_t LocalCache::sizeOnDisk() const
{
    std::int64_t total = 0;
    QDirIterator it(QString::fromStdString(m_dir), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

std::int64_t LocalCache::trim()
{
    struct Entry { QString path; std::int64_t size; qint64 time; };
    std::vector<Entry> entries;
    std::int64_t total = 0;
    QDirIterator it(QString::fromStdString(m_dir), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo fi = it.fileInfo();
        entries.push_back({fi.filePath(), fi.size(), fi.lastModified().toMSecsSinceEpoch()});
        total += fi.size();
    }
    if (total <= m_maxBytes)
        return 0;
    std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) { return a.time < b.time; });
    const std::int64_t target = m_maxBytes * 9 / 10;
    std::int64_t freed = 0;
    for (const Entry &e : entries) {
        if (total - freed <= target)
            break;
        if (QFile::remove(e.path))
            freed += e.size;
    }
    return freed;
}

TieredCache::TieredCache(std::shared_ptr<ResultCache> local, std::shared_ptr<ResultCache> remote)
    : m_local(std::move(local)), m_remote(std::move(remote))
{
}

std::optional<CacheHit> TieredCache::get(const std::string &key)
{
    if (m_local)
        if (auto v = m_local->get(key))
            return v;
    if (m_remote) {
        if (auto v = m_remote->get(key)) {
            if (m_local)
                m_local->put(key, v->value);
            return v;
        }
    }
    return std::nullopt;
}

void TieredCache::put(const std::string &key, const std::string &value)
{
    if (m_local)
        m_local->put(key, value);
    if (m_remote)
        m_remote->put(key, value);
}

} // namespace trellis::engine
