// Tests for Address parsing, rendering and ordering (spec §3.1, §4.5).
#include "core/workspace/address.h"

#include <QTest>

#include <algorithm>

using namespace trellis::workspace;

class AddressTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testRoundTrip_data();
    void testRoundTrip();
    void testParts_data();
    void testParts();
    void testErrors_data();
    void testErrors();
    void testOrder();
    void testDefaultNameEquality();
};

void AddressTest::testRoundTrip_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("relativeTo");
    QTest::addColumn<QString>("rendered");
    QTest::newRow("explicit name") << "src/app:bin" << "" << "src/app:bin";
    QTest::newRow("default name spelled out") << "src/app:app" << "" << "src/app";
    QTest::newRow("default name") << "src/app" << "" << "src/app";
    QTest::newRow("root target") << "//:reqs" << "" << "//:reqs";
    QTest::newRow("file default generator") << "helloworld/greet/greeting.py" << "" << "helloworld/greet/greeting.py";
    QTest::newRow("file named generator") << "tests/unit/agent/test_x.py:tests" << "" << "tests/unit/agent/test_x.py:tests";
    QTest::newRow("file in subdir") << "src/ai/backend/agent/docker/agent.py:../src" << ""
                                    << "src/ai/backend/agent/docker/agent.py:../src";
    QTest::newRow("file in subdir default name") << "src/app/sub/x.py:../app" << "" << "src/app/sub/x.py:../app";
    QTest::newRow("generated root") << "//:reqs#PyYAML" << "" << "//:reqs#PyYAML";
    QTest::newRow("generated default gen") << "3rdparty/py#django" << "" << "3rdparty/py#django";
    QTest::newRow("root file") << "//requirements.txt:reqs" << "" << "//requirements.txt:reqs";
    QTest::newRow("lockfile") << "//python.lock:_python-default_lockfile" << "" << "//python.lock:_python-default_lockfile";
    QTest::newRow("params sorted") << "src:tests@resolve=a,interpreter_constraints=py3" << ""
                                   << "src:tests@interpreter_constraints=py3,resolve=a";
    QTest::newRow("file params") << "dir/f_test.py:tests@resolve=a" << "" << "dir/f_test.py:tests@resolve=a";
    QTest::newRow("relative name") << ":lib" << "src/a" << "src/a:lib";
    QTest::newRow("relative generated") << ":reqs#six" << "3rdparty" << "3rdparty:reqs#six";
    QTest::newRow("dot slash file") << "./util.py" << "src/app" << "src/app/util.py";
    QTest::newRow("dot slash file named") << "./util.py:lib" << "src/app" << "src/app/util.py:lib";
    QTest::newRow("absolute ignores relativeTo") << "src/b:lib" << "src/a" << "src/b:lib";
    QTest::newRow("relative at root") << ":reqs" << "" << "//:reqs";
}

void AddressTest::testRoundTrip()
{
    QFETCH(QString, input);
    QFETCH(QString, relativeTo);
    QFETCH(QString, rendered);
    auto a = Address::parse(input.toStdString(), relativeTo.toStdString());
    QVERIFY2(a.ok(), a.ok() ? "" : a.diagnostics().front().message.c_str());
    QCOMPARE(QString::fromStdString(a->toString()), rendered);
    auto again = Address::parse(a->toString());
    QVERIFY(again.ok());
    QVERIFY(*again == *a);
}

void AddressTest::testParts_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("specPath");
    QTest::addColumn<QString>("targetName");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("generated");
    QTest::addColumn<QString>("residence");
    QTest::newRow("subdir file") << "a/b/sub/c.py:../gen" << "a/b" << "gen" << "sub/c.py" << "" << "a/b/sub";
    QTest::newRow("two levels") << "a/b/c/d.py:../../b" << "a" << "b" << "b/c/d.py" << "" << "a/b/c";
    QTest::newRow("generated") << "3rdparty:reqs#six" << "3rdparty" << "reqs" << "" << "six" << "3rdparty";
    QTest::newRow("default") << "src/app:app" << "src/app" << "" << "" << "" << "src/app";
}

void AddressTest::testParts()
{
    QFETCH(QString, input);
    QFETCH(QString, specPath);
    QFETCH(QString, targetName);
    QFETCH(QString, file);
    QFETCH(QString, generated);
    QFETCH(QString, residence);
    auto a = Address::parse(input.toStdString());
    QVERIFY(a.ok());
    QCOMPARE(QString::fromStdString(a->specPath), specPath);
    QCOMPARE(QString::fromStdString(a->targetName), targetName);
    QCOMPARE(QString::fromStdString(a->relativeFilePath), file);
    QCOMPARE(QString::fromStdString(a->generatedName), generated);
    QCOMPARE(QString::fromStdString(a->residenceDir()), residence);
}

void AddressTest::testErrors_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << "" << "invalid address ``: empty address";
    QTest::newRow("dotdot") << "a/../b:c" << "invalid address `a/../b:c`: path component `..` is not allowed (no empty, `.` or `..` components)";
    QTest::newRow("empty component") << "a//b:c" << "invalid address `a//b:c`: path component `` is not allowed (no empty, `.` or `..` components)";
    QTest::newRow("banned in name") << "a:b!c" << "invalid address `a:b!c`: target name contains the banned character `!` (banned: : # ! @ ? / \\ =)";
    QTest::newRow("banned in generated") << "a:b#c?d" << "invalid address `a:b#c?d`: generated name contains the banned character `?` (banned: : # ! @ ? =)";
    QTest::newRow("banned param value") << "a:b@k=x y" << "invalid address `a:b@k=x y`: parameter value contains the banned character ` ` (banned: : # ! @ ? = , <space>)";
    QTest::newRow("bad param") << "a:b@k" << "invalid address `a:b@k`: parameter `k` is not of the form key=value";
    QTest::newRow("sideways file") << "a/c.py:b/gen" << "invalid address `a/c.py:b/gen`: a file address may only refer to a generator in a parent directory (`dir/sub/file:../name`)";
    QTest::newRow("root file without name") << "//setup.py" << "invalid address `//setup.py`: a file at the build root needs an explicit target name (`//setup.py:name`)";
}

void AddressTest::testErrors()
{
    QFETCH(QString, input);
    QFETCH(QString, message);
    auto a = Address::parse(input.toStdString());
    QVERIFY(!a.ok());
    QCOMPARE(QString::fromStdString(a.diagnostics().front().message), message);
}

void AddressTest::testOrder()
{
    // Spec §4.5: the order of `pants list src/app::`.
    const std::vector<std::string> expected{
        "src/app", "src/app:bin", "src/app:lib", "src/app:tests", "src/app/__init__.py:lib",
        "src/app/conftest.py", "src/app/main.py:lib", "src/app/sub/x.py:../lib", "src/app/util.py:lib",
        "src/app/util_test.py:tests"};
    std::vector<Address> addrs;
    for (auto it = expected.rbegin(); it != expected.rend(); ++it)
        addrs.push_back(*Address::parse(*it));
    std::sort(addrs.begin(), addrs.end());
    std::vector<std::string> got;
    for (const auto &a : addrs)
        got.push_back(a.toString());
    QCOMPARE(got, expected);
    // Component-wise directories: a/b before a-c.
    QVERIFY(pathLess("a/b", "a-c"));
    QVERIFY(!pathLess("a-c", "a/b"));
    QVERIFY(*Address::parse("a/b:x") < *Address::parse("a-c:x"));
    QVERIFY(*Address::parse("//:reqs") < *Address::parse("a:x"));
    QVERIFY(*Address::parse("a:x@k=1") < *Address::parse("a:x@k=2"));
}

void AddressTest::testDefaultNameEquality()
{
    auto a = Address::parse("src/app:app");
    auto b = Address::parse("src/app");
    QVERIFY(*a == *b);
    QCOMPARE(AddressHash()(*a), AddressHash()(*b));
    QCOMPARE(a->name(), std::string("app"));
}

QTEST_GUILESS_MAIN(AddressTest)
#include "address_test.moc"
