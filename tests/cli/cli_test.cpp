// Runs trellis::cli::run in-process on fixture repositories and compares output exactly.
#include "app/cli/goal.h"

#include <QTest>

#include <sstream>

using namespace trellis;

namespace {
const std::string kBasic = std::string(TRELLIS_TEST_DATA) + "/fixtures/ws-basic";

struct Outcome {
    int code;
    std::string out;
    std::string err;
};

Outcome runCli(std::vector<std::string> args)
{
    std::ostringstream out, err;
    args.insert(args.begin(), {"--root", kBasic});
    const int code = cli::run(args, out, err);
    return {code, out.str(), err.str()};
}
} // namespace

class CliTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testList_data();
    void testList();
    void testUsage_data();
    void testUsage();
    void testPeek();
    void testBrokenBuildFile();
};

void CliTest::testList_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");
    QTest::newRow("spec 4.5") << QStringList{"list", "src/app::"}
                              << "src/app\nsrc/app:bin\nsrc/app:lib\nsrc/app:tests\nsrc/app/__init__.py:lib\n"
                                 "src/app/conftest.py\nsrc/app/main.py:lib\nsrc/app/sub/x.py:../lib\n"
                                 "src/app/util.py:lib\nsrc/app/util_test.py:tests\n";
    QTest::newRow("dir glob excludes subdir files") << QStringList{"list", "src/app:"}
                              << "src/app\nsrc/app:bin\nsrc/app:lib\nsrc/app:tests\nsrc/app/__init__.py:lib\n"
                                 "src/app/conftest.py\nsrc/app/main.py:lib\nsrc/app/util.py:lib\n"
                                 "src/app/util_test.py:tests\n";
    QTest::newRow("dir literal: non-generators") << QStringList{"list", "src/app/sub"}
                              << "src/app/sub/x.py:../lib\n";
    QTest::newRow("file owners") << QStringList{"list", "src/app/main.py"} << "src/app/main.py:lib\n";
    QTest::newRow("glob owners") << QStringList{"list", "src/app/*_test.py"} << "src/app/util_test.py:tests\n";
    QTest::newRow("ignore spec") << QStringList{"list", "src/app:", "-src/app:lib", "-src/app/main.py"}
                              << "src/app\nsrc/app:bin\nsrc/app:tests\nsrc/app/__init__.py:lib\n"
                                 "src/app/conftest.py\nsrc/app/util.py:lib\nsrc/app/util_test.py:tests\n";
    QTest::newRow("filter type") << QStringList{"--filter-target-type=python_test", "list", "src::"}
                              << "src/a/mod_test.py:tests\nsrc/app/util_test.py:tests\n";
    QTest::newRow("tag") << QStringList{"--tag=entry", "list", "src::"} << "src/app/main.py:lib\n";
    QTest::newRow("tag negated and") << QStringList{"--tag=src", "--tag=-entry", "list", "src/app:"}
                              << "src/app\nsrc/app:bin\nsrc/app:lib\nsrc/app:tests\nsrc/app/__init__.py:lib\n"
                                 "src/app/conftest.py\nsrc/app/util.py:lib\nsrc/app/util_test.py:tests\n";
    QTest::newRow("granularity file") << QStringList{"--filter-granularity=BUILD", "list", "src/app:"}
                              << "src/app\nsrc/app:bin\nsrc/app:lib\nsrc/app:tests\n";
    QTest::newRow("address regex") << QStringList{"--filter-address-regex=-:lib$,tests", "list", "src/app:"}
                              << "src/app\nsrc/app:bin\nsrc/app/conftest.py\n";
    QTest::newRow("requirements") << QStringList{"list", "3rdparty::"}
                              << "3rdparty/python:_python-default_lockfile\n3rdparty/python:reqs\n"
                                 "3rdparty/python:reqs#PyYAML\n3rdparty/python:reqs#requests\n"
                                 "3rdparty/python/default.lock:_python-default_lockfile\n"
                                 "3rdparty/python/requirements.txt:reqs\n";
    QTest::newRow("deprecated filter") << QStringList{"filter", "--target-type=pex_binary", "src::"} << "src/app:bin\n";
}

void CliTest::testList()
{
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    std::vector<std::string> a;
    for (const QString &s : args)
        a.push_back(s.toStdString());
    Outcome o = runCli(a);
    QCOMPARE(QString::fromStdString(o.out), expected);
    QCOMPARE(o.code, 0);
}

void CliTest::testUsage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("err");
    QTest::newRow("unknown goal") << QStringList{"lst", "::"} << 2
                                  << "error: unknown goal `lst` (did you mean list?)\nRun `trellis help` to list goals.\n";
    QTest::newRow("unknown flag") << QStringList{"list", "--documentd", "::"} << 2
                                  << "error: unknown flag `--documentd` for goal `list` (did you mean --documented?)\n";
    QTest::newRow("no match") << QStringList{"list", "src/app:", "-src/app:"} << 0
                              << "WARNING No targets were matched in goal `list`.\n";
    QTest::newRow("unknown address") << QStringList{"list", "src/app:nope"} << 1
                                     << "error: 'nope' was not found in namespace 'src/app'. Did you mean one of:\n"
                                        "  :app\n  :bin\n  :lib\n  :tests\n";
    QTest::newRow("unmatched path") << QStringList{"list", "nothere/x.py"} << 1
                                    << "error: Unmatched glob from CLI arguments: \"nothere/x.py\"\n";
}

void CliTest::testUsage()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, err);
    std::vector<std::string> a;
    for (const QString &s : args)
        a.push_back(s.toStdString());
    Outcome o = runCli(a);
    QCOMPARE(QString::fromStdString(o.err), err);
    QCOMPARE(o.code, code);
}

void CliTest::testPeek()
{
    // A broken BUILD file elsewhere in ws-basic does not hide the target's dependencies
    // (never a blank answer); the run exits 1 exactly when errors were printed, as the
    // dependency graph needs every BUILD file (spec 2.6).
    Outcome o = runCli({"peek", "--exclude-defaults", "src/app/util_test.py"});
    QCOMPARE(o.code, o.err.find("error:") != std::string::npos ? 1 : 0);
    QCOMPARE(QString::fromStdString(o.out),
             QString::fromUtf8(R"([
  {
    "address": "src/app/util_test.py:tests",
    "target_type": "python_test",
    "dependencies": [
      "src/app/__init__.py:lib",
      "src/app/conftest.py"
    ],
    "goals": [
      "test"
    ],
    "source_raw": "util_test.py",
    "sources": [
      "src/app/util_test.py"
    ],
    "tags": [
      "src"
    ],
    "timeout": 30
  }
]
)"));
}

void CliTest::testBrokenBuildFile()
{
    // broken/BUILD misspells a target type. Whatever the verdict on it (an error, or a
    // warning and a generic target), it does not stop `list src/app::`, and `list ::`
    // still lists every other target (never a blank answer), exiting 1 exactly when an
    // error was printed. tests/cli/loadsummary_test.cpp covers real errors in detail.
    Outcome ok = runCli({"list", "src/app:bin"});
    QCOMPARE(ok.code, 0);
    QCOMPARE(QString::fromStdString(ok.out), QStringLiteral("src/app:bin\n"));
    Outcome all = runCli({"list", "::"});
    QVERIFY2(QString::fromStdString(all.err).contains("broken/BUILD:2:1: "), all.err.c_str());
    QVERIFY2(QString::fromStdString(all.out).contains("src/app:bin\n"), all.out.c_str());
    QCOMPARE(all.code, all.err.find(": error:") != std::string::npos ? 1 : 0);
}

QTEST_GUILESS_MAIN(CliTest)
#include "cli_test.moc"
