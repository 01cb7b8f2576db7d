// Tests for LocalCache / TieredCache / Digest.
#include "core/engine/cache.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace trellis::engine;

namespace {
/// A remote stand-in that counts requests.
class MapCache : public ResultCache {
public:
    std::optional<CacheHit> get(const std::string &key) override
    {
        ++gets;
        auto it = m_map.find(key);
        if (it == m_map.end())
            return std::nullopt;
        return CacheHit{it->second, "cached remotely"};
    }
    void put(const std::string &key, const std::string &value) override { m_map[key] = value; }
    int gets = 0;

private:
    std::map<std::string, std::string> m_map;
};
} // namespace

class CacheTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testHitAndMiss();
    void testCorruptionIsAMiss();
    void testLruTrim();
    void testConcurrentWriters();
    void testTieredCopiesRemoteHits();
    void testDigestSeparatesParts();
};

void CacheTest::testHitAndMiss()
{
    QTemporaryDir dir;
    LocalCache cache(dir.path().toStdString(), 1 << 20);
    const std::string key = sha256Hex("k");
    QVERIFY(!cache.get(key));
    cache.put(key, "value");
    auto hit = cache.get(key);
    QVERIFY(hit);
    QCOMPARE(QString::fromStdString(hit->value), QStringLiteral("value"));
    QCOMPARE(QString::fromStdString(hit->source), QStringLiteral("cached locally"));
    QVERIFY(!cache.get("../../etc/passwd")); // keys are hex digests only
}

void CacheTest::testCorruptionIsAMiss()
{
    QTemporaryDir dir;
    LocalCache cache(dir.path().toStdString(), 1 << 20);
    const std::string key = sha256Hex("k");
    cache.put(key, "value");
    const QString path = dir.path() + QLatin1Char('/') + QString::fromStdString(key.substr(0, 2)) + QLatin1Char('/')
                         + QString::fromStdString(key);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    f.seek(f.size() - 1);
    f.write("X");
    f.close();
    QVERIFY(!cache.get(key));
    QVERIFY(!QFile::exists(path)); // discarded
    QFile g(path);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QVERIFY(g.open(QIODevice::WriteOnly));
    g.write("garbage");
    g.close();
    QVERIFY(!cache.get(key));
}

void CacheTest::testLruTrim()
{
    QTemporaryDir dir;
    LocalCache cache(dir.path().toStdString(), 2000);
    const std::string payload(300, 'x');
    std::vector<std::string> keys;
    for (int i = 0; i < 8; ++i) {
        keys.push_back(sha256Hex(std::to_string(i)));
        cache.put(keys.back(), payload);
        // Distinct modification times so LRU order is well defined.
        QTest::qSleep(15);
    }
    QTest::qSleep(15);
    QVERIFY(cache.get(keys[0])); // touch the oldest: it becomes the most recent
    QVERIFY(cache.trim() > 0);
    QVERIFY(cache.sizeOnDisk() <= 1800);
    QVERIFY(cache.get(keys[0]));   // recently used survives
    QVERIFY(!cache.get(keys[1]));  // least recently used is gone
}

void CacheTest::testConcurrentWriters()
{
    QTemporaryDir dir;
    const std::string key = sha256Hex("shared");
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            LocalCache cache(dir.path().toStdString(), 1 << 20);
            for (int i = 0; i < 50; ++i)
                cache.put(key, std::string(1000, char('a' + t)));
        });
    for (auto &t : threads)
        t.join();
    LocalCache cache(dir.path().toStdString(), 1 << 20);
    auto hit = cache.get(key);
    QVERIFY(hit);
    QCOMPARE(int(hit->value.size()), 1000);
    QCOMPARE(int(std::count(hit->value.begin(), hit->value.end(), hit->value[0])), 1000); // one writer's whole entry
}

void CacheTest::testTieredCopiesRemoteHits()
{
    QTemporaryDir dir;
    auto local = std::make_shared<LocalCache>(dir.path().toStdString(), 1 << 20);
    auto remote = std::make_shared<MapCache>();
    const std::string key = sha256Hex("r");
    remote->put(key, "from-ci");
    TieredCache tiered(local, remote);
    auto hit = tiered.get(key);
    QVERIFY(hit);
    QCOMPARE(QString::fromStdString(hit->source), QStringLiteral("cached remotely"));
    hit = tiered.get(key);
    QCOMPARE(QString::fromStdString(hit->source), QStringLiteral("cached locally"));
    QCOMPARE(remote->gets, 1);
}

void CacheTest::testDigestSeparatesParts()
{
    QVERIFY(Digest().add("a", "bc").hex() != Digest().add("ab", "c").hex());
    QCOMPARE(Digest().add("x", "1").hex(), Digest().add("x", "1").hex());
    QCOMPARE(int(Digest().hex().size()), 64);
}

QTEST_GUILESS_MAIN(CacheTest)
#include "cache_test.moc"
