// Tests for ScanCache: round trip, metadata and content keys, corruption, compaction.
#include "core/infer/contenthash.h"
#include "core/infer/scancache.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace trellis::infer;

namespace {
ScanResult sample(const std::string &module)
{
    ScanResult r;
    r.imports = {{module, 3, false}, {"x.y", 7, true}};
    r.strings = {{"a/b.json", 2}};
    r.hasContent = true;
    return r;
}
} // namespace

class ScanCacheTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testRoundTrip();
    void testStaleMetadata();
    void testCorruption_data();
    void testCorruption();
    void testAppendAndCompact();
    void testHash();
};

void ScanCacheTest::testRoundTrip()
{
    QTemporaryDir dir;
    {
        ScanCache cache(dir.path().toStdString(), "/repo");
        QVERIFY(cache.find("a.py", {10, 5}) == nullptr);
        cache.insert("a.py", {10, 5}, 42, sample("m"));
        QVERIFY(cache.save().ok());
    }
    ScanCache cache(dir.path().toStdString(), "/repo");
    const ScanResult *hit = cache.find("a.py", {10, 5});
    QVERIFY(hit);
    QCOMPARE(hit->imports, sample("m").imports);
    QCOMPARE(hit->strings, sample("m").strings);
    QVERIFY(hit->hasContent);
    // Another build root has its own pack.
    ScanCache other(dir.path().toStdString(), "/other");
    QVERIFY(other.find("a.py", {10, 5}) == nullptr);
}

void ScanCacheTest::testStaleMetadata()
{
    QTemporaryDir dir;
    ScanCache cache(dir.path().toStdString(), "/repo");
    cache.insert("a.py", {10, 5}, 42, sample("m"));
    QVERIFY(cache.find("a.py", {10, 6}) == nullptr);   // touched
    QVERIFY(cache.findContent("a.py", 42) != nullptr);  // same bytes
    QVERIFY(cache.findContent("a.py", 43) == nullptr);  // changed bytes
    QVERIFY(cache.find("a.py", {}) == nullptr);         // unreadable
}

void ScanCacheTest::testCorruption_data()
{
    QTest::addColumn<int>("mode");
    QTest::newRow("truncated") << 0;
    QTest::newRow("flipped byte") << 1;
    QTest::newRow("bad header") << 2;
    QTest::newRow("garbage appended") << 3;
}

void ScanCacheTest::testCorruption()
{
    QFETCH(int, mode);
    QTemporaryDir dir;
    std::string pack;
    {
        ScanCache cache(dir.path().toStdString(), "/repo");
        cache.insert("a.py", {1, 1}, 1, sample("a"));
        cache.insert("b.py", {2, 2}, 2, sample("b"));
        QVERIFY(cache.save().ok());
        pack = cache.packPath();
    }
    QFile f(QString::fromStdString(pack));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray data = f.readAll();
    f.close();
    if (mode == 0)
        data.chop(5);
    else if (mode == 1)
        data[data.size() - 10] = char(data[data.size() - 10] ^ 0x55);
    else if (mode == 2)
        data[0] = 'X';
    else
        data.append("\x07\x00\x00\x00garbage", 11);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
    f.close();

    ScanCache cache(dir.path().toStdString(), "/repo");
    QVERIFY(cache.loadHadErrors());
    const int readable = (cache.find("a.py", {1, 1}) ? 1 : 0) + (cache.find("b.py", {2, 2}) ? 1 : 0);
    QCOMPARE(readable, mode == 2 ? 0 : mode == 3 ? 2 : 1);
    // Saving rewrites a clean pack.
    cache.insert("c.py", {3, 3}, 3, sample("c"));
    QVERIFY(cache.save().ok());
    ScanCache again(dir.path().toStdString(), "/repo");
    QVERIFY(!again.loadHadErrors());
    QVERIFY(again.find("c.py", {3, 3}));
}

void ScanCacheTest::testAppendAndCompact()
{
    // Every round touches all 100 files: saves append until stale records outweigh live
    // ones (more than 2 x live + 256), then rewrite; the pack stays bounded.
    QTemporaryDir dir;
    QList<int> loaded;
    for (int round = 0; round < 8; ++round) {
        ScanCache cache(dir.path().toStdString(), "/repo");
        loaded << cache.loadedRecords();
        for (int i = 0; i < 100; ++i) {
            const std::string path = "f" + std::to_string(i) + ".py";
            if (round > 0)
                QVERIFY(cache.find(path, {i, round - 1}));
            cache.insert(path, {i, round}, std::uint64_t(i), sample(path));
        }
        QVERIFY(cache.save().ok());
    }
    QCOMPARE(loaded, (QList<int>{0, 100, 200, 300, 400, 100, 200, 300}));
}

void ScanCacheTest::testHash()
{
    QVERIFY(contentHash("abc") != contentHash("abd"));
    QVERIFY(contentHash("") != contentHash(std::string(1, '\0')));
    QCOMPARE(contentHash("same bytes here, longer than thirty-two bytes"),
             contentHash("same bytes here, longer than thirty-two bytes"));
    QVERIFY(contentHash("abc", 1) != contentHash("abc", 2));
}

QTEST_GUILESS_MAIN(ScanCacheTest)
#include "scancache_test.moc"
