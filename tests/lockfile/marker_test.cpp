// PEP 508 markers with three-valued logic, specifier clauses, interpreter constraints,
// requirement splitting, and the lockfile edges the parsers build from them.
#include "core/lockfile/lockfile.h"
#include "core/lockfile/marker.h"

#include <QTest>

using namespace trellis::lockfile;

Q_DECLARE_METATYPE(trellis::lockfile::Truth)

namespace {

std::vector<Version> versions(std::initializer_list<const char *> texts)
{
    std::vector<Version> out;
    for (const char *t : texts)
        out.push_back(*Version::parse(t));
    return out;
}

} // namespace

class MarkerTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testEvaluate_data()
    {
        QTest::addColumn<QString>("marker");
        QTest::addColumn<QString>("extra");
        QTest::addColumn<bool>("knowPython");
        QTest::addColumn<Truth>("expected");

        QTest::newRow("empty") << "" << "" << false << Truth::True;
        QTest::newRow("extra, none installed") << "extra == \"socks\"" << "" << false << Truth::False;
        QTest::newRow("extra, installed") << "extra == 'Socks'" << "socks" << false << Truth::True;
        QTest::newRow("extra reversed") << "\"socks\" == extra" << "socks" << false << Truth::True;
        QTest::newRow("extra !=") << "extra != 'socks'" << "" << false << Truth::True;
        QTest::newRow("platform unknown") << "sys_platform == 'win32'" << "" << false << Truth::Unknown;
        QTest::newRow("unknown and false") << "sys_platform == 'linux' and extra == 'x'" << "" << false << Truth::False;
        QTest::newRow("unknown or true") << "sys_platform == 'linux' or extra == 'x'" << "x" << false << Truth::True;
        QTest::newRow("parenthesised")
            << "(sys_platform == 'linux' or sys_platform == 'darwin') and extra == 'speedups'" << "speedups" << false
            << Truth::Unknown;
        QTest::newRow("python unknown") << "python_version < '3.8'" << "" << false << Truth::Unknown;
        QTest::newRow("python old") << "python_version < \"3.8\"" << "" << true << Truth::False;
        QTest::newRow("python mirrored") << "'3.8' > python_version" << "" << true << Truth::False;
        QTest::newRow("python new") << "python_version >= '3.11'" << "" << true << Truth::True;
        QTest::newRow("python split") << "python_version < '3.12'" << "" << true << Truth::Unknown;
        QTest::newRow("full version") << "python_full_version >= '3.11.2'" << "" << true << Truth::Unknown;
        QTest::newRow("python in") << "python_version in '3.11 3.12'" << "" << true << Truth::True;
        QTest::newRow("python not in") << "python_version not in '3.11 3.12'" << "" << true << Truth::False;
        QTest::newRow("malformed") << "python_version <" << "" << true << Truth::Unknown;
        QTest::newRow("unbalanced") << "(extra == 'x'" << "x" << false << Truth::Unknown;
    }

    void testEvaluate()
    {
        QFETCH(QString, marker);
        QFETCH(QString, extra);
        QFETCH(bool, knowPython);
        QFETCH(Truth, expected);
        MarkerEnvironment env;
        env.extra = extra.toStdString();
        if (knowPython)
            env.pythons = versions({"3.11.0", "3.11.9", "3.12.0", "3.12.4"});
        QCOMPARE(evaluateMarker(marker.toStdString(), env), expected);
    }

    void testMarkerExtras()
    {
        QCOMPARE(markerExtras("(extra == \"Speed_Ups\" or 'all' == extra) and python_version < '3.12'"),
                 (std::vector<std::string>{"speed-ups", "all"}));
        QCOMPARE(markerExtras("sys_platform == 'linux'"), std::vector<std::string>{});
    }

    void testSpecifiers()
    {
        const Version v = *Version::parse("3.11.4");
        QVERIFY(matchesSpecifier(v, "==3.11.*"));
        QVERIFY(!matchesSpecifier(v, "!=3.11.*"));
        QVERIFY(matchesSpecifier(v, ">=3.8"));
        QVERIFY(matchesSpecifier(v, "<3.12"));
        QVERIFY(!matchesSpecifier(v, "<3.11"));
        QVERIFY(matchesSpecifier(v, "~=3.11.2"));
        QVERIFY(!matchesSpecifier(v, "~=3.11.5"));
        QVERIFY(matchesSpecifier(v, "~=3.9"));
        QVERIFY(matchesSpecifier(v, "== 3.11.4"));
        QVERIFY(!matchesSpecifier(v, ">=banana"));
    }

    void testPythonsAllowedBy()
    {
        const auto pinned = pythonsAllowedBy({"CPython==3.13.7"});
        QCOMPARE(pinned.size(), std::size_t(1));
        QCOMPARE(pinned.front().toString(), std::string("3.13.7"));
        const auto minor = pythonsAllowedBy({"CPython==3.11.*", "CPython==3.12.*"});
        QCOMPARE(minor.size(), std::size_t(62));
        QCOMPARE(pythonsAllowedBy({">=3.8,<3.9"}).size(), std::size_t(31));
        QVERIFY(pythonsAllowedBy({}).empty());
        QVERIFY(pythonsAllowedBy({"CPython"}).empty());
        QVERIFY(pythonsAllowedBy({"CPython>=3.8", "bogus"}).empty());
    }

    void testSplitRequirement()
    {
        RequirementParts r = splitRequirement("  Requests[Socks, security_x] >=2.0 ; python_version < '3.8' ");
        QCOMPARE(r.name, std::string("requests"));
        QCOMPARE(r.extras, (std::vector<std::string>{"socks", "security-x"}));
        QCOMPARE(r.marker, std::string("python_version < '3.8'"));
        r = splitRequirement("pkg @ https://example.invalid/p.whl;x=1 ; sys_platform == 'linux'");
        QCOMPARE(r.name, std::string("pkg"));
        QCOMPARE(r.marker, std::string("sys_platform == 'linux'"));
        QCOMPARE(splitRequirement("zope.interface").name, std::string("zope-interface"));
        QCOMPARE(splitRequirement("[x]").name, std::string());
    }

    void testPexEdges()
    {
        const std::string text = "{\"requires_python\": [\"==3.11.*\"], \"locked_resolves\": [{\"locked_requirements\": [\n"
                                 "{\"project_name\": \"aiohttp\", \"version\": \"3.9.0\", \"requires_dists\": [\n"
                                 "  \"multidict<7,>=4.5\", \"aiodns>=3; (sys_platform == 'linux') and extra == 'speedups'\",\n"
                                 "  \"async-timeout<5,>=4; python_version < '3.11'\", \"Brotli[ffi]; extra == 'speedups'\"]}\n"
                                 "]}]}\n";
        auto lock = parseLockfile(text, "python.lock");
        QVERIFY(lock);
        QVERIFY(lock->hasDependencyDetail);
        QCOMPARE(lock->interpreterConstraints, std::vector<std::string>{"==3.11.*"});
        const LockedPackage &p = lock->packages.front();
        QCOMPARE(p.edges, (std::vector<LockedDependency>{{"multidict", {}, ""}, {"aiodns", {}, "speedups"},
                                                          {"brotli", {"ffi"}, "speedups"}}));
        // The name list keeps every requirement (it explains chains, not reach).
        QCOMPARE(p.dependencies.size(), std::size_t(4));
    }

    void testUvEdges()
    {
        const std::string text = "version = 1\nrequires-python = \">=3.12\"\n\n"
                                 "[[package]]\nname = \"aiobotocore\"\nversion = \"2.23.0\"\n"
                                 "dependencies = [\n  { name = \"aiohttp\" },\n"
                                 "  { name = \"exceptiongroup\", marker = \"python_full_version < '3.11'\" },\n"
                                 "  { name = \"pywin32\", marker = \"sys_platform == 'win32'\" },\n]\n\n"
                                 "[package.optional-dependencies]\nboto3 = [\n  { name = \"boto3\", extra = [\"CRT\"] },\n]\n";
        auto lock = parseLockfile(text, "uv.lock");
        QVERIFY(lock);
        QCOMPARE(lock->format, LockfileFormat::Uv);
        QVERIFY(lock->hasDependencyDetail);
        QCOMPARE(lock->packages.front().edges, (std::vector<LockedDependency>{{"aiohttp", {}, ""}, {"pywin32", {}, ""},
                                                                               {"boto3", {"crt"}, "boto3"}}));
    }
};

QTEST_GUILESS_MAIN(MarkerTest)
#include "marker_test.moc"
