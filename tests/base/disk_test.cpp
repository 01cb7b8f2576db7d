// Tests for the disk interface (core/base/disk.h): RealDisk in a temporary directory and
// FakeDisk, including atomic writes that fail at every step (a full disk) and leave the
// old file and no temporary file behind.
#include "core/base/disk.h"
#include "core/base/fakedisk.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cerrno>

using namespace trellis;
using namespace trellis::base;

namespace {

std::string message(const Status &st)
{
    return st.ok() ? std::string() : st.diagnostics().front().format();
}

} // namespace

class DiskTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testRealReadAndStat()
    {
        QTemporaryDir tmp;
        const std::string root = tmp.path().toStdString();
        RealDisk disk;
        QCOMPARE(message(writeFileAtomically(disk, root + "/a.txt", "hello\n")), std::string());
        auto text = disk.readFile(root + "/a.txt");
        QVERIFY(text.ok());
        QCOMPARE(*text, std::string("hello\n"));

        auto capped = disk.readFile(root + "/a.txt", 3);
        QVERIFY(!capped.ok());
        QCOMPARE(capped.diagnostics().front().format(),
                 root + "/a.txt: error: cannot read: the file is 6 bytes, more than the limit of 3");
        auto missing = disk.readFile(root + "/none.txt");
        QVERIFY(!missing.ok());
        QCOMPARE(missing.diagnostics().front().format(), root + "/none.txt: error: cannot read: No such file or directory");
        auto dir = disk.readFile(root);
        QVERIFY(!dir.ok());
        QCOMPARE(dir.diagnostics().front().message, std::string("cannot read: Is a directory"));

        auto st = disk.stat(root + "/a.txt");
        QVERIFY(st.ok());
        QVERIFY(st->exists && st->isFile && !st->isDir && !st->isSymlink);
        QCOMPARE(st->size, std::uint64_t(6));
        QVERIFY(st->mtimeNs > 0);
        QVERIFY(QFile::link(tmp.path() + "/a.txt", tmp.path() + "/link.txt"));
        st = disk.stat(root + "/link.txt");
        QVERIFY(st->exists && st->isSymlink && st->isFile);
        QCOMPARE(st->size, std::uint64_t(6));
        QVERIFY(QFile::link(tmp.path() + "/gone", tmp.path() + "/dangling"));
        st = disk.stat(root + "/dangling");
        QVERIFY(st->exists && st->isSymlink && !st->isFile && !st->isDir);
        st = disk.stat(root + "/none/deeper");
        QVERIFY(st.ok() && !st->exists);
    }

    void testRealListMakeRemove()
    {
        QTemporaryDir tmp;
        const std::string root = tmp.path().toStdString();
        RealDisk disk;
        QCOMPARE(message(disk.makeDirectories(root + "/x/y/z")), std::string());
        QCOMPARE(message(disk.makeDirectories(root + "/x/y")), std::string()); // exists: fine
        QCOMPARE(message(writeFileAtomically(disk, root + "/x/b.txt", "b")), std::string());
        QCOMPARE(message(writeFileAtomically(disk, root + "/x/a.txt", "a")), std::string());
        QVERIFY(QFile::link(tmp.path() + "/x/y", tmp.path() + "/x/ylink"));
        QVERIFY(QFile::link(tmp.path() + "/x/gone", tmp.path() + "/x/dangling"));
        auto entries = disk.listDirectory(root + "/x");
        QVERIFY(entries.ok());
        QStringList names;
        for (const DirEntry &e : *entries)
            names << QString::fromStdString(e.name) + (e.isDir ? "/" : "") + (e.isFile ? "" : e.isDir ? "" : "?")
                         + (e.isSymlink ? "@" : "");
        QCOMPARE(names, (QStringList{"a.txt", "b.txt", "dangling?@", "y/", "ylink/@"}));
        QCOMPARE(*disk.realPath(root + "/x/ylink"), *disk.realPath(root + "/x/y"));
        QVERIFY(!disk.realPath(root + "/x/dangling").ok());
        QVERIFY(!disk.listDirectory(root + "/x/a.txt").ok());
        QCOMPARE(message(disk.makeDirectories(root + "/x/a.txt/sub")).find("cannot create the directory") != std::string::npos,
                 true);
        QCOMPARE(message(disk.remove(root + "/x/a.txt")), std::string());
        QCOMPARE(message(disk.remove(root + "/x/a.txt")), std::string()); // missing: not an error
        QVERIFY(!disk.stat(root + "/x/a.txt")->exists);
    }

    void testRealAtomicWriteKeepsMode()
    {
        QTemporaryDir tmp;
        const std::string path = tmp.path().toStdString() + "/run.sh";
        RealDisk disk;
        QCOMPARE(message(writeFileAtomically(disk, path, "#!/bin/sh\n")), std::string());
        QVERIFY(QFile::setPermissions(QString::fromStdString(path), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        QCOMPARE(message(writeFileAtomically(disk, path, "#!/bin/sh\necho hi\n")), std::string());
        QVERIFY(QFileInfo(QString::fromStdString(path)).isExecutable());
        QCOMPARE(*disk.readFile(path), std::string("#!/bin/sh\necho hi\n"));
        // Nothing but the file is left in the directory.
        QCOMPARE(QDir(tmp.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"run.sh"});
    }

    void testRealWriteIntoMissingDirectory()
    {
        QTemporaryDir tmp;
        RealDisk disk;
        const Status st = writeFileAtomically(disk, tmp.path().toStdString() + "/no/such/f.txt", "x");
        QVERIFY(!st.ok());
        QVERIFY2(message(st).find("cannot create: No such file or directory") != std::string::npos, message(st).c_str());
    }

    void testFakeBasics()
    {
        FakeDisk disk;
        disk.addFile("/repo/src/a.py", "print(1)\n");
        disk.addDirectory("/repo/empty");
        QCOMPARE(*disk.readFile("/repo/src/a.py"), std::string("print(1)\n"));
        QCOMPARE(disk.readFile("/repo/src/b.py").diagnostics().front().format(),
                 std::string("/repo/src/b.py: error: cannot read: No such file or directory"));
        QVERIFY(!disk.readFile("/repo/src/a.py", 4).ok());
        QVERIFY(!disk.readFile("/repo/src").ok());
        auto st = disk.stat("/repo/src/a.py");
        QVERIFY(st->exists && st->isFile && !st->isDir);
        QCOMPARE(st->size, std::uint64_t(9));
        QVERIFY(disk.stat("/repo/src")->isDir);
        QVERIFY(!disk.stat("/repo/none")->exists);
        auto entries = disk.listDirectory("/repo");
        QVERIFY(entries.ok());
        QCOMPARE(entries->size(), size_t(2));
        QCOMPARE((*entries)[0].name, std::string("empty"));
        QVERIFY((*entries)[0].isDir && !(*entries)[0].isFile);
        QVERIFY(!(*entries)[1].isFile || !(*entries)[1].isDir);
        QCOMPARE(*disk.realPath("/repo/src/a.py"), std::string("/repo/src/a.py"));
        QVERIFY(!disk.realPath("/repo/nope").ok());
        QCOMPARE((*entries)[1].name, std::string("src"));
        QVERIFY(!disk.listDirectory("/repo/src/a.py").ok());

        QCOMPARE(message(writeFileAtomically(disk, "/repo/src/a.py", "print(2)\n")), std::string());
        QCOMPARE(*disk.file("/repo/src/a.py"), std::string("print(2)\n"));
        QCOMPARE(disk.paths(), (std::vector<std::string>{"/repo/", "/repo/empty/", "/repo/src/", "/repo/src/a.py"}));
        QVERIFY(disk.stat("/repo/src/a.py")->mtimeNs > st->mtimeNs);
        QVERIFY(!writeFileAtomically(disk, "/repo/missing/x.py", "").ok());
        QCOMPARE(message(disk.makeDirectories("/repo/missing")), std::string());
        QCOMPARE(message(writeFileAtomically(disk, "/repo/missing/x.py", "")), std::string());
        QCOMPARE(message(disk.remove("/repo/missing/x.py")), std::string());
        QCOMPARE(message(disk.remove("/repo/missing/x.py")), std::string());
        QVERIFY(!disk.remove("/repo/missing").ok()); // a directory
    }

    void testFakeFullDiskAtEveryStep_data()
    {
        QTest::addColumn<int>("op");
        QTest::addColumn<int>("err");
        QTest::addColumn<QString>("error");
        using Op = FakeDisk::Op;
        QTest::newRow("create") << int(Op::Create) << ENOSPC << "cannot create: No space left on device";
        QTest::newRow("write") << int(Op::Write) << ENOSPC << "cannot write: No space left on device";
        QTest::newRow("fsync") << int(Op::Sync) << EIO << "cannot fsync: Input/output error";
        QTest::newRow("close") << int(Op::Close) << ENOSPC << "cannot close: No space left on device";
        QTest::newRow("rename") << int(Op::Rename) << EACCES << "cannot rename";
        QTest::newRow("directory fsync") << int(Op::SyncDir) << EIO << "cannot fsync the directory: Input/output error";
    }
    void testFakeFullDiskAtEveryStep()
    {
        QFETCH(int, op);
        QFETCH(int, err);
        QFETCH(QString, error);
        FakeDisk disk;
        disk.addFile("/repo/VERSION", "1.0\n");
        disk.failNext(FakeDisk::Op(op), err);
        const Status st = writeFileAtomically(disk, "/repo/VERSION", "1.1\n");
        QVERIFY(!st.ok());
        QVERIFY2(message(st).find(error.toStdString()) != std::string::npos, message(st).c_str());
        if (FakeDisk::Op(op) == FakeDisk::Op::SyncDir) {
            // The rename happened; only its durability is in doubt, and that is reported.
            QCOMPARE(*disk.file("/repo/VERSION"), std::string("1.1\n"));
        } else {
            QCOMPARE(*disk.file("/repo/VERSION"), std::string("1.0\n"));
        }
        // No temporary file is left behind, whatever failed.
        QCOMPARE(disk.paths(), (std::vector<std::string>{"/repo/", "/repo/VERSION"}));
        // The same write succeeds once the failure is gone.
        QCOMPARE(message(writeFileAtomically(disk, "/repo/VERSION", "1.2\n")), std::string());
        QCOMPARE(*disk.file("/repo/VERSION"), std::string("1.2\n"));
    }

    void testFakeCapacity()
    {
        FakeDisk disk;
        disk.addFile("/d/a", "12345");
        disk.setCapacity(8);
        const Status st = writeFileAtomically(disk, "/d/b", "6789");
        QVERIFY(!st.ok());
        QVERIFY2(message(st).find("No space left on device") != std::string::npos, message(st).c_str());
        QVERIFY(message(st).find("/d/.b.trellis-new-") == 0); // names the temporary file
        QCOMPARE(disk.paths(), (std::vector<std::string>{"/d/", "/d/a"}));
        QCOMPARE(message(writeFileAtomically(disk, "/d/b", "678")), std::string());
    }

    void testFakeWriteInPiecesWithoutSync()
    {
        // A file written in pieces is their concatenation; without `durable` (a cache
        // file) nothing is fsynced, and the rename still replaces the file whole.
        FakeDisk disk;
        disk.addFile("/cache/snap", "old");
        const std::vector<std::string_view> pieces{"head|", "", "body|", "tail"};
        QCOMPARE(message(writeFileAtomically(disk, "/cache/snap", pieces, /*durable=*/false)), std::string());
        QCOMPARE(*disk.file("/cache/snap"), std::string("head|body|tail"));
        auto has = [&](std::string_view verb) {
            const auto calls = disk.calls();
            return std::any_of(calls.begin(), calls.end(), [&](const std::string &c) { return c.starts_with(verb); });
        };
        QVERIFY(has("write ") && has("rename "));
        QVERIFY(!has("sync ") && !has("syncDirectory "));
        // The durable default syncs the file and its directory.
        QCOMPARE(message(writeFileAtomically(disk, "/cache/snap", pieces)), std::string());
        QVERIFY(has("sync ") && has("syncDirectory "));
        // A failing piece leaves the old file and no temporary one.
        disk.failNext(FakeDisk::Op::Write, ENOSPC);
        QVERIFY(!writeFileAtomically(disk, "/cache/snap", {"x", "y"}, false).ok());
        QCOMPARE(*disk.file("/cache/snap"), std::string("head|body|tail"));
        QCOMPARE(disk.paths(), (std::vector<std::string>{"/cache/", "/cache/snap"}));
    }

    void testFakeCallLogAndPathFilter()
    {
        FakeDisk disk;
        disk.addDirectory("/r");
        disk.failNext(FakeDisk::Op::Read, EACCES, "secret", -1);
        disk.addFile("/r/secret.txt", "s");
        disk.addFile("/r/public.txt", "p");
        QVERIFY(!disk.readFile("/r/secret.txt").ok());
        QVERIFY(!disk.readFile("/r/secret.txt").ok()); // every time
        QVERIFY(disk.readFile("/r/public.txt").ok());
        QCOMPARE(disk.calls(), (std::vector<std::string>{"read /r/secret.txt", "read /r/secret.txt", "read /r/public.txt"}));
        QCOMPARE(message(disk.link("/r/public.txt", "/r/backup.txt")), std::string());
        QVERIFY(!disk.link("/r/public.txt", "/r/backup.txt").ok()); // exists
        QCOMPARE(*disk.file("/r/backup.txt"), std::string("p"));
    }
};

QTEST_GUILESS_MAIN(DiskTest)
#include "disk_test.moc"
