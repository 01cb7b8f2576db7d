// Reach: requirement targets providing a changed package (directly or through the
// lockfile's dependency data), their first-party dependents, and the Reach lines of the
// text report. The target graph is hand-built (tests/graph/graphbuilder.h).
#include "core/lockfile/reach.h"

#include "../graph/graphbuilder.h"

#include <QTest>

using namespace trellis;
using namespace trellis::lockfile;
using graph::testing::GraphBuilder;
using graph::testing::render;

namespace {

LockedPackage pin(const std::string &name, const std::string &version, std::vector<std::string> deps = {})
{
    LockedPackage p;
    p.name = name;
    p.displayName = name;
    p.version = version;
    p.dependencies = std::move(deps);
    return p;
}

/// Adds a python_requirement target naming `requirement`.
void requirement(GraphBuilder &b, const std::string &address, const std::string &requirement, const std::string &resolve = {})
{
    b.target(address, "python_requirement");
    b.last().fields.push_back({"requirements", buildlang::HostValue::tuple({buildlang::HostValue::string(requirement)}), false});
    b.last().resolve = resolve;
}

/// 3rdparty requirements, an app importing aiohttp, a CLI on top of it and a test of the
/// CLI; a config module using PyYAML; a requirement of another resolve naming aiohttp.
std::shared_ptr<const graph::TargetGraph> sampleGraph()
{
    GraphBuilder b;
    requirement(b, "3rdparty:aiohttp", "aiohttp~=3.13", "python-default");
    requirement(b, "3rdparty:pyyaml", "PyYAML>=6; python_version > '3'", "python-default");
    requirement(b, "other:aiohttp", "aiohttp", "other");
    b.target("3rdparty:reqs", "python_requirements");
    b.edge("3rdparty:reqs", "3rdparty:aiohttp", graph::EdgeKind::Generated);
    b.edge("3rdparty:reqs", "3rdparty:pyyaml", graph::EdgeKind::Generated);
    b.target("src/app/app.py:lib").edge("src/app/app.py:lib", "3rdparty:aiohttp");
    b.target("src/app/cli.py:lib").edge("src/app/cli.py:lib", "src/app/app.py:lib");
    b.target("src/conf/conf.py:lib").edge("src/conf/conf.py:lib", "3rdparty:pyyaml");
    b.target("src/other/x.py:lib").edge("src/other/x.py:lib", "other:aiohttp");
    b.target("tests/test_cli.py", "python_test").edge("tests/test_cli.py", "src/app/cli.py:lib");
    return b.build();
}

struct Sample {
    Lockfile base;
    Lockfile head;
    LockfileDiff diff;
};

Sample sampleDiff()
{
    Sample s;
    s.base.packages = {pin("aiohttp", "3.13.2", {"multidict", "yarl"}), pin("multidict", "6.0"), pin("pyyaml", "6.0.2"),
                       pin("six", "1.16"), pin("yarl", "1.9", {"multidict"})};
    s.head.packages = {pin("aiohttp", "3.13.3", {"multidict", "yarl"}), pin("multidict", "6.1"), pin("pyyaml", "6.0.2"),
                       pin("structlog", "25.5"), pin("yarl", "1.9", {"multidict"})};
    s.diff = diffLockfiles(s.base, s.head);
    s.diff.path = "python.lock";
    s.diff.resolve = "python-default";
    return s;
}

} // namespace

class ReachTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testRequirementProjects()
    {
        workspace::Target t;
        t.type = "python_requirement";
        t.fields.push_back({"requirements",
                            buildlang::HostValue::tuple({buildlang::HostValue::string("Typing_Extensions>=4; python_version>'3'"),
                                                         buildlang::HostValue::string("ruamel.yaml[jinja2]")}),
                            false});
        QCOMPARE(requirementProjects(t), (std::vector<std::string>{"ruamel-yaml", "typing-extensions"}));
        QVERIFY(isRequirementTarget(t));
        t.type = "python_requirements";
        QVERIFY(isRequirementTarget(t));
        t.type = "python_source";
        QVERIFY(!isRequirementTarget(t));
    }

    void testReach_data()
    {
        QTest::addColumn<QString>("package");
        QTest::addColumn<QStringList>("requirements");
        QTest::addColumn<QStringList>("direct");
        QTest::addColumn<QStringList>("transitive");

        const QStringList app{"src/app/app.py:lib"};
        const QStringList all{"src/app/app.py:lib", "src/app/cli.py:lib", "tests/test_cli.py"};
        QTest::newRow("top-level") << "aiohttp" << QStringList{"3rdparty:aiohttp"} << app << all;
        // multidict is required by aiohttp directly and through yarl.
        QTest::newRow("transitive") << "multidict" << QStringList{"3rdparty:aiohttp"} << app << all;
        QTest::newRow("added, unused") << "structlog" << QStringList{} << QStringList{} << QStringList{};
        QTest::newRow("removed, unused") << "six" << QStringList{} << QStringList{} << QStringList{};
    }

    void testReach()
    {
        QFETCH(QString, package);
        QFETCH(QStringList, requirements);
        QFETCH(QStringList, direct);
        QFETCH(QStringList, transitive);

        auto g = sampleGraph();
        const Sample s = sampleDiff();
        const ReachResult reach = computeReach(*g, s.diff, &s.base, &s.head);
        const PackageReach *r = reach.find(package.toStdString());
        QVERIFY(r);
        QCOMPARE(render(*g, r->requirementTargets), requirements);
        QCOMPARE(render(*g, r->directDependents), direct);
        QCOMPARE(render(*g, r->transitiveDependents), transitive);
    }

    void testUnchangedHasNoReach()
    {
        auto g = sampleGraph();
        const Sample s = sampleDiff();
        const ReachResult reach = computeReach(*g, s.diff, &s.base, &s.head);
        QVERIFY(!reach.find("pyyaml"));
        QVERIFY(!reach.find("yarl"));
        QCOMPARE(reach.packages.size(), size_t(4));
    }

    void testChainWithoutLockfiles()
    {
        // Without the lockfiles, the diff's chain (multidict <- aiohttp) still links.
        auto g = sampleGraph();
        const Sample s = sampleDiff();
        const ReachResult reach = computeReach(*g, s.diff);
        const PackageReach *r = reach.find("multidict");
        QVERIFY(r);
        QCOMPARE(render(*g, r->requirementTargets), QStringList{"3rdparty:aiohttp"});
    }

    void testOtherResolveIgnored()
    {
        auto g = sampleGraph();
        Sample s = sampleDiff();
        s.diff.resolve = "other";
        const ReachResult reach = computeReach(*g, s.diff, &s.base, &s.head);
        QCOMPARE(render(*g, reach.find("aiohttp")->requirementTargets), QStringList{"other:aiohttp"});
        QCOMPARE(render(*g, reach.find("aiohttp")->transitiveDependents), QStringList{"src/other/x.py:lib"});
    }

    void testReportReachLines()
    {
        auto g = sampleGraph();
        Sample s = sampleDiff();
        applyReach(s.diff, computeReach(*g, s.diff, &s.base, &s.head));
        for (const PackageChange &c : s.diff.changes) {
            if (c.name == "aiohttp" || c.name == "multidict")
                QCOMPARE(c.reach, std::optional<int>(3));
            else if (c.kind == ChangeKind::Unchanged)
                QCOMPARE(c.reach, std::optional<int>());
            else
                QCOMPARE(c.reach, std::optional<int>(0));
        }
        const std::string text = formatTextReport({s.diff});
        QVERIFY2(text.find("      Reach: 3 targets\n") != std::string::npos, text.c_str());
        QVERIFY2(text.find("      Reach: 0 targets\n") != std::string::npos, text.c_str());
    }
};

QTEST_GUILESS_MAIN(ReachTest)
#include "reach_test.moc"
