// TreeWatcher: directory watches report writes, creations, renames and removals of the
// files in them; noise is dropped; files outside the watched directories are watched by
// name; and when watches run out the watcher polls instead (issue #22).
#include "core/live/treewatcher.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <set>
#include <string>
#include <vector>

using namespace trellis;
using live::TreeWatcher;

namespace {

bool write(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

/// Writes `count` new files into root/app, 20 ms apart, the event loop running between them.
bool writeBurst(const QString &root, int count)
{
    for (int i = 0; i < count; ++i) {
        if (!write(root + QStringLiteral("/app/m%1.py").arg(i), "x = 1\n"))
            return false;
        QTest::qWait(20);
    }
    return true;
}

/// Collects every change the watcher reports.
struct Recorder {
    std::vector<TreeWatcher::Change> changes;
    TreeWatcher::Callback callback()
    {
        return [this](const TreeWatcher::Change &c) { changes.push_back(c); };
    }
    bool reported(const std::string &path) const
    {
        for (const auto &c : changes)
            for (const auto &p : c.paths)
                if (p == path)
                    return true;
        return false;
    }
    int polls() const
    {
        int n = 0;
        for (const auto &c : changes)
            n += c.poll ? 1 : 0;
        return n;
    }
};

} // namespace

class TreeWatcherTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void watchSetFromStamps()
    {
        live::Stamps stamps;
        stamps.directories = {{"", 0, 0}, {"src", 0, 0}, {"src/app", 0, 0}};
        stamps.loadInputs = {{"/repo/src/app/BUILD", 1, 1}, {"/home/u/.pants.rc", 1, 1}};
        stamps.ignoreFiles = {{"/repo/.gitignore", 1, 1}, {"/home/u/.config/git/ignore", -1, 0}};
        stamps.sources = {{"src/app/main.py", 1, 1}};
        const live::WatchSet set = live::watchSetOf("/repo", stamps);
        QCOMPARE(set.directories, (std::vector<std::string>{"/repo", "/repo/src", "/repo/src/app"}));
        // Inside a watched directory a file needs no watch of its own.
        QCOMPARE(set.files, (std::vector<std::string>{"/home/u/.config/git/ignore", "/home/u/.pants.rc"}));
    }

    void noiseNames()
    {
        for (const char *n : {"__pycache__", "mod.cpython-311.pyc", ".main.py.swp", "main.py~", "4913", ".#main.py"})
            QVERIFY2(TreeWatcher::isNoise(n), n);
        for (const char *n : {"main.py", "BUILD", "pants.toml", ".gitignore", "requirements.txt"})
            QVERIFY2(!TreeWatcher::isNoise(n), n);
    }

    void reportsWritesCreationsRenamesAndRemovals()
    {
        QTemporaryDir tmp;
        const QString root = tmp.path();
        QVERIFY(write(root + "/src/app/main.py", "x = 1\n"));
        QVERIFY(write(root + "/src/app/old.py", "y = 1\n"));
        Recorder rec;
        TreeWatcher watcher(rec.callback());
        watcher.setCoalesceDelay(5);
        const std::string r = root.toStdString();
        watcher.watch({{r, r + "/src", r + "/src/app"}, {}});
        QCOMPARE(watcher.mode(), TreeWatcher::Mode::Notify);
        QCOMPARE(watcher.watchCount(), 3);

        QVERIFY(write(root + "/src/app/main.py", "x = 2\n"));
        QTRY_VERIFY_WITH_TIMEOUT(rec.reported(r + "/src/app/main.py"), 5000);
        QVERIFY(write(root + "/src/app/new.py", "z = 1\n"));
        QTRY_VERIFY_WITH_TIMEOUT(rec.reported(r + "/src/app/new.py"), 5000);
        // An editor's save: write a temporary file, rename it over the original.
        QVERIFY(write(root + "/src/app/.main.py.tmp1", "x = 3\n"));
        QVERIFY(std::rename((root + "/src/app/.main.py.tmp1").toLocal8Bit().constData(),
                            (root + "/src/app/old.py").toLocal8Bit().constData()) == 0);
        QTRY_VERIFY_WITH_TIMEOUT(rec.reported(r + "/src/app/old.py"), 5000);
        QVERIFY(QFile::remove(root + "/src/app/new.py"));
        rec.changes.clear();
        QTRY_VERIFY_WITH_TIMEOUT(rec.reported(r + "/src/app/new.py"), 5000);
    }

    void aBurstIsOneChangeOnceItIsQuiet()
    {
        QTemporaryDir tmp;
        const QString root = tmp.path();
        QVERIFY(QDir(root).mkpath("app"));
        Recorder rec;
        TreeWatcher watcher(rec.callback());
        // Writes 20 ms apart for 0.6 s, longer than the quiet period: one change,
        // because the wait starts again with every event.
        watcher.setCoalesceDelay(500, 60000);
        const std::string r = root.toStdString();
        watcher.watch({{r + "/app"}, {}});
        QVERIFY(writeBurst(root, 30));
        QVERIFY(rec.changes.empty());
        QTRY_VERIFY_WITH_TIMEOUT(!rec.changes.empty(), 5000);
        QTest::qWait(550);
        QCOMPARE(rec.changes.size(), size_t(1));
        QCOMPARE(rec.changes.front().paths.size(), size_t(30));
    }

    void aLongBurstReportsAsItGoes()
    {
        QTemporaryDir tmp;
        const QString root = tmp.path();
        QVERIFY(QDir(root).mkpath("app"));
        Recorder rec;
        TreeWatcher watcher(rec.callback());
        // Never quiet for 300 ms, but reported at least every 100 ms.
        watcher.setCoalesceDelay(300, 100);
        const std::string r = root.toStdString();
        watcher.watch({{r + "/app"}, {}});
        QVERIFY(writeBurst(root, 25));
        QVERIFY2(rec.changes.size() >= 2, std::to_string(rec.changes.size()).c_str());
        QTRY_VERIFY_WITH_TIMEOUT(rec.reported(r + "/app/m24.py"), 5000);
        std::set<std::string> all;
        for (const TreeWatcher::Change &c : rec.changes)
            all.insert(c.paths.begin(), c.paths.end());
        QCOMPARE(all.size(), size_t(25)); // nothing lost between the reports
    }

    void dropsNoise()
    {
        QTemporaryDir tmp;
        const QString root = tmp.path();
        QVERIFY(write(root + "/app/main.py", "x = 1\n"));
        Recorder rec;
        TreeWatcher watcher(rec.callback());
        watcher.setCoalesceDelay(5);
        const std::string r = root.toStdString();
        watcher.watch({{r, r + "/app"}, {}});
        QVERIFY(QDir(root + "/app").mkdir("__pycache__"));
        QVERIFY(write(root + "/app/main.cpython-311.pyc", "bytes"));
        QVERIFY(write(root + "/app/.main.py.swp", "swap"));
        QTest::qWait(150);
        QVERIFY2(rec.changes.empty(), "noise was reported");
        // A real write after the noise is reported, alone.
        QVERIFY(write(root + "/app/main.py", "x = 2\n"));
        QTRY_VERIFY_WITH_TIMEOUT(!rec.changes.empty(), 5000);
        QCOMPARE(rec.changes.front().paths, std::vector<std::string>{r + "/app/main.py"});
    }

    void filesOutsideAreWatchedByName()
    {
        QTemporaryDir tmp;
        const QString root = tmp.path();
        QVERIFY(write(root + "/home/.pants.rc", "[GLOBAL]\n"));
        QVERIFY(write(root + "/home/notes.txt", "x\n"));
        Recorder rec;
        TreeWatcher watcher(rec.callback());
        watcher.setCoalesceDelay(5);
        const std::string rc = (root + "/home/.pants.rc").toStdString();
        watcher.watch({{}, {rc}});
        QVERIFY(write(root + "/home/notes.txt", "y\n"));
        QTest::qWait(100);
        QVERIFY(rec.changes.empty());
        QVERIFY(write(root + "/home/.pants.rc", "[GLOBAL]\nlevel = \"debug\"\n"));
        QTRY_VERIFY_WITH_TIMEOUT(rec.reported(rc), 5000);
    }

    void pollsWhenWatchesRunOut()
    {
        QTemporaryDir tmp;
        const QString root = tmp.path();
        QVERIFY(QDir(root).mkpath("a/b"));
        Recorder rec;
        TreeWatcher watcher(rec.callback());
        watcher.setWatchLimit(2);
        watcher.setPollInterval(30);
        const std::string r = root.toStdString();
        watcher.watch({{r, r + "/a", r + "/a/b"}, {}});
        QCOMPARE(watcher.mode(), TreeWatcher::Mode::Polling);
        QVERIFY2(watcher.pollingReason().find("watch limit (2)") != std::string::npos, watcher.pollingReason().c_str());
        QCOMPARE(watcher.watchCount(), 0); // the watches it had are given back
        QTRY_VERIFY_WITH_TIMEOUT(rec.polls() >= 2, 5000);

        // Watches available again: back to the kernel, no more polling ticks.
        watcher.setWatchLimit(-1);
        watcher.watch({{r, r + "/a", r + "/a/b"}, {}});
        QCOMPARE(watcher.mode(), TreeWatcher::Mode::Notify);
        QVERIFY(watcher.pollingReason().empty());
        rec.changes.clear();
        QTest::qWait(120);
        QCOMPARE(rec.polls(), 0);
    }

    void rewatchKeepsExistingWatchesAndDropsOldOnes()
    {
        QTemporaryDir tmp;
        const QString root = tmp.path();
        QVERIFY(QDir(root).mkpath("a"));
        QVERIFY(QDir(root).mkpath("b"));
        Recorder rec;
        TreeWatcher watcher(rec.callback());
        watcher.setCoalesceDelay(5);
        const std::string r = root.toStdString();
        watcher.watch({{r + "/a", r + "/b"}, {}});
        QCOMPARE(watcher.watchCount(), 2);
        watcher.watch({{r + "/b"}, {}});
        QCOMPARE(watcher.watchCount(), 1);
        QVERIFY(write(root + "/a/x.py", "1\n"));
        QTest::qWait(100);
        QVERIFY(rec.changes.empty());
        QVERIFY(write(root + "/b/y.py", "1\n"));
        QTRY_VERIFY_WITH_TIMEOUT(rec.reported(r + "/b/y.py"), 5000);
        watcher.clear();
        QCOMPARE(watcher.mode(), TreeWatcher::Mode::Idle);
        QCOMPARE(watcher.watchCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TreeWatcherTest)
#include "treewatcher_test.moc"
