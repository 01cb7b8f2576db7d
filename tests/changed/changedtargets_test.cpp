// Tests for core/changed: changed files -> owners -> dependents on a real repository
// (loaded, inferred and committed by the test itself).
#include "core/changed/changedtargets.h"
#include "core/graph/targetgraph.h"
#include "core/infer/dependencies.h"
#include "core/workspace/workspace.h"
#include "tests/live/loadgraph.h"
#include "../vcs/gitfixture.h"

#include <QTemporaryDir>
#include <QTest>

using namespace trellis;

namespace {

QStringList addresses(const graph::TargetGraph &g, const std::vector<int> &nodes)
{
    QStringList out;
    for (int n : nodes)
        out << QString::fromStdString(g.address(n).toString());
    return out;
}

using testing::loadGraph;

/// src/b/y.py and z.py owned by `python_sources()` in src/b; src/a/x.py imports b.y;
/// src/c/w.py imports a.x (so it is a transitive dependent of b.y).
void buildRepo(GitFixture &g)
{
    g.write(QStringLiteral("pants.toml"), "[GLOBAL]\npants_version = \"2.32.0\"\n"
                                          "backend_packages = [\"pants.backend.python\"]\n"
                                          "[source]\nroot_patterns = [\"/src\"]\n"
                                          "[python]\ninterpreter_constraints = [\"CPython>=3.8\"]\n");
    g.write(QStringLiteral("BUILD"), "python_requirements(name=\"reqs\")\n");
    g.write(QStringLiteral("requirements.txt"), "PyYAML==6.0\nrequests==2.31\n");
    g.write(QStringLiteral("src/a/BUILD"), "python_sources()\n");
    g.write(QStringLiteral("src/a/x.py"), "import b.y\n");
    g.write(QStringLiteral("src/b/BUILD"), "python_sources()\n");
    g.write(QStringLiteral("src/b/y.py"), "Y = 1\n");
    g.write(QStringLiteral("src/b/z.py"), "import yaml\n");
    g.write(QStringLiteral("src/c/BUILD"), "python_sources()\n");
    g.write(QStringLiteral("src/c/w.py"), "import a.x\n");
    g.write(QStringLiteral("src/d/BUILD"), "python_sources()\n");
    g.write(QStringLiteral("src/d/old.py"), "OLD = 1\n");
    g.commitAll("base");
    g.branch("main-base");
}

changed::ChangedRequest since(const std::string &ref, changed::DependentsMode mode = changed::DependentsMode::None)
{
    changed::ChangedRequest r;
    r.since = ref;
    r.dependents = mode;
    return r;
}

} // namespace

class ChangedTargetsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testModes_data();
    void testModes();
    void testBuildFileMarksItsTargets();
    void testDeletedFileMapsToGenerator();
    void testRequirementsEntries();
    void testLockfileMarksMovedRequirements();
    void testLockfileReachesEveryRequirerThroughTheClosure();
    void testErrors();
};

void ChangedTargetsTest::testModes_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("none") << "none" << QStringList{QStringLiteral("src/b/y.py")};
    QTest::newRow("direct") << "direct" << QStringList{QStringLiteral("src/a/x.py"), QStringLiteral("src/b/y.py")};
    // Pants keeps generators of dependents (src/a depends on its x.py) and drops only the
    // generators of the owners themselves.
    QTest::newRow("transitive") << "transitive"
                                << QStringList{QStringLiteral("src/a"), QStringLiteral("src/a/x.py"),
                                               QStringLiteral("src/b/y.py"), QStringLiteral("src/c"),
                                               QStringLiteral("src/c/w.py")};
}

void ChangedTargetsTest::testModes()
{
    QFETCH(QString, mode);
    QFETCH(QStringList, expected);
    QTemporaryDir dir;
    GitFixture g(dir.path());
    buildRepo(g);
    g.write(QStringLiteral("src/b/y.py"), "Y = 2\n");
    auto graph = loadGraph(dir.path());
    QVERIFY(graph);
    auto repo = vcs::Repository::open(dir.path().toStdString());
    QVERIFY(repo);
    changed::ChangedRequest req;
    req.since = "HEAD";
    req.dependents = *changed::parseDependentsMode(mode.toStdString());
    auto r = changed::computeChanged(*graph, **repo, req);
    QVERIFY(r);
    QCOMPARE(addresses(*graph, r->owners), QStringList{QStringLiteral("src/b/y.py")});
    // The generator src/b is never reported, though it depends on y.py.
    QCOMPARE(addresses(*graph, r->affected), expected);
}

void ChangedTargetsTest::testBuildFileMarksItsTargets()
{
    QTemporaryDir dir;
    GitFixture g(dir.path());
    buildRepo(g);
    g.write(QStringLiteral("src/b/BUILD"), "python_sources(tags=[\"x\"])\n");
    auto graph = loadGraph(dir.path());
    QVERIFY(graph);
    auto repo = vcs::Repository::open(dir.path().toStdString());
    auto r = changed::computeChanged(*graph, **repo, since("HEAD"));
    QVERIFY(r);
    QCOMPARE(addresses(*graph, r->owners), (QStringList{QStringLiteral("src/b/y.py"), QStringLiteral("src/b/z.py")}));
}

void ChangedTargetsTest::testDeletedFileMapsToGenerator()
{
    QTemporaryDir dir;
    GitFixture g(dir.path());
    buildRepo(g);
    g.remove(QStringLiteral("src/d/old.py"));
    g.write(QStringLiteral("src/d/new.py"), "NEW = 1\n");
    auto graph = loadGraph(dir.path());
    QVERIFY(graph);
    auto repo = vcs::Repository::open(dir.path().toStdString());
    auto r = changed::computeChanged(*graph, **repo, since("HEAD"));
    QVERIFY(r);
    QCOMPARE(addresses(*graph, r->owners), (QStringList{QStringLiteral("src/d"), QStringLiteral("src/d/new.py")}));
    QVERIFY(r->unownedFiles.empty());
}

void ChangedTargetsTest::testRequirementsEntries()
{
    QTemporaryDir dir;
    GitFixture g(dir.path());
    buildRepo(g);
    g.write(QStringLiteral("requirements.txt"), "PyYAML==6.0.1\nrequests==2.31\n");
    g.commitAll("bump yaml");
    auto graph = loadGraph(dir.path());
    QVERIFY(graph);
    auto repo = vcs::Repository::open(dir.path().toStdString());
    auto r = changed::computeChanged(*graph, **repo, since("main-base", changed::DependentsMode::Transitive));
    QVERIFY(r);
    QCOMPARE(addresses(*graph, r->owners), QStringList{QStringLiteral("//:reqs#PyYAML")});
    // z.py imports yaml; requests' users are untouched.
    QVERIFY(addresses(*graph, r->affected).contains(QStringLiteral("src/b/z.py")));
    QVERIFY(!addresses(*graph, r->affected).contains(QStringLiteral("//:reqs#requests")));
    QCOMPARE(QString::fromStdString(r->base.summary), QStringLiteral("base"));
}

namespace {
QByteArray pexLock(const char *multidictVersion)
{
    return QByteArray("// This lockfile was autogenerated by Pants.\n"
                      "{\n  \"requirements\": [\"aiohttp==3.9.0\", \"requests==2.31.0\"],\n"
                      "  \"locked_resolves\": [{\"locked_requirements\": [\n"
                      "    {\"project_name\": \"aiohttp\", \"version\": \"3.9.0\", \"requires_dists\": [\"multidict>=4.5\"], \"artifacts\": []},\n"
                      "    {\"project_name\": \"multidict\", \"version\": \"")
           + multidictVersion
           + QByteArray("\", \"requires_dists\": [], \"artifacts\": []},\n"
                        "    {\"project_name\": \"requests\", \"version\": \"2.31.0\", \"requires_dists\": [], \"artifacts\": []}\n"
                        "  ]}]\n}\n");
}
} // namespace

void ChangedTargetsTest::testLockfileMarksMovedRequirements()
{
    QTemporaryDir dir;
    GitFixture g(dir.path());
    g.write(QStringLiteral("pants.toml"), "[GLOBAL]\npants_version = \"2.32.0\"\n"
                                          "backend_packages = [\"pants.backend.python\"]\n"
                                          "[python]\ninterpreter_constraints = [\"CPython>=3.8\"]\n"
                                          "enable_resolves = true\n"
                                          "[python.resolves]\npython-default = \"python.lock\"\n");
    g.write(QStringLiteral("BUILD"), "python_requirements(name=\"reqs\")\n");
    g.write(QStringLiteral("requirements.txt"), "aiohttp==3.9.0\nrequests==2.31.0\n");
    g.write(QStringLiteral("python.lock"), pexLock("6.0.4"));
    g.commitAll("base");
    // Only a transitive package moves: the requirement that pulls it in is what changed.
    g.write(QStringLiteral("python.lock"), pexLock("6.0.5"));
    auto graph = loadGraph(dir.path());
    QVERIFY(graph);
    auto repo = vcs::Repository::open(dir.path().toStdString());
    auto r = changed::computeChanged(*graph, **repo, since("HEAD"));
    QVERIFY(r);
    QCOMPARE(addresses(*graph, r->owners), QStringList{QStringLiteral("//:reqs#aiohttp")});
}

namespace {
/// uv.lock: alpha -> beta -> gamma, epsilon -> gamma, delta -> gamma only for its
/// extra `fast` (which nobody asks for).
QByteArray uvLock(const char *gammaVersion)
{
    return QByteArray("version = 1\nrequires-python = \">=3.11\"\n\n"
                      "[[package]]\nname = \"alpha\"\nversion = \"1.0\"\ndependencies = [{ name = \"beta\" }]\n\n"
                      "[[package]]\nname = \"beta\"\nversion = \"1.0\"\ndependencies = [{ name = \"Gamma\" }]\n\n"
                      "[[package]]\nname = \"delta\"\nversion = \"1.0\"\n\n"
                      "[package.optional-dependencies]\nfast = [{ name = \"gamma\" }]\n\n"
                      "[[package]]\nname = \"epsilon\"\nversion = \"1.0\"\ndependencies = [{ name = \"gamma\" }]\n\n"
                      "[[package]]\nname = \"gamma\"\nversion = \"")
           + gammaVersion
           + QByteArray("\"\n\n[[package]]\nname = \"pants-lockfile-for-python-default\"\nversion = \"0.0.0\"\n"
                        "source = { virtual = \".\" }\n"
                        "dependencies = [{ name = \"alpha\" }, { name = \"delta\" }, { name = \"epsilon\" }]\n");
}
} // namespace

void ChangedTargetsTest::testLockfileReachesEveryRequirerThroughTheClosure()
{
    QTemporaryDir dir;
    GitFixture g(dir.path());
    g.write(QStringLiteral("pants.toml"), "[GLOBAL]\npants_version = \"2.32.0\"\n"
                                          "backend_packages = [\"pants.backend.python\"]\n"
                                          "[source]\nroot_patterns = [\"/src\"]\n"
                                          "[python]\ninterpreter_constraints = [\"CPython>=3.11\"]\n"
                                          "enable_resolves = true\n"
                                          "[python.resolves]\npython-default = \"python.lock\"\n");
    g.write(QStringLiteral("BUILD"), "python_requirements(name=\"reqs\")\n");
    g.write(QStringLiteral("requirements.txt"), "alpha\ndelta\nepsilon\n");
    g.write(QStringLiteral("python.lock"), uvLock("1.0"));
    g.write(QStringLiteral("src/app/BUILD"), "python_sources()\n");
    g.write(QStringLiteral("src/app/a.py"), "import alpha\n");
    g.write(QStringLiteral("src/app/main.py"), "import app.a\n");
    g.write(QStringLiteral("src/app/d.py"), "import delta\n");
    g.commitAll("base");
    // gamma moves: alpha (through beta) and epsilon pull it in; delta does not.
    g.write(QStringLiteral("python.lock"), uvLock("1.1"));
    auto graph = loadGraph(dir.path());
    QVERIFY(graph);
    auto repo = vcs::Repository::open(dir.path().toStdString());
    auto r = changed::computeChanged(*graph, **repo, since("HEAD", changed::DependentsMode::Transitive));
    QVERIFY(r);
    QCOMPARE(addresses(*graph, r->owners), (QStringList{QStringLiteral("//:reqs#alpha"), QStringLiteral("//:reqs#epsilon")}));
    const QStringList affected = addresses(*graph, r->affected);
    QVERIFY2(affected.contains(QStringLiteral("src/app/a.py")), qPrintable(affected.join(u' ')));
    QVERIFY2(affected.contains(QStringLiteral("src/app/main.py")), qPrintable(affected.join(u' ')));
    QVERIFY2(!affected.contains(QStringLiteral("src/app/d.py")), qPrintable(affected.join(u' ')));
}

void ChangedTargetsTest::testErrors()
{
    QTemporaryDir dir;
    GitFixture g(dir.path());
    buildRepo(g);
    auto graph = loadGraph(dir.path());
    QVERIFY(graph);
    auto repo = vcs::Repository::open(dir.path().toStdString());
    changed::ChangedRequest bothReq = since("HEAD");
    bothReq.diffspec = "HEAD~1..HEAD";
    auto both = changed::computeChanged(*graph, **repo, bothReq);
    QVERIFY(!both);
    QCOMPARE(QString::fromStdString(both.diagnostics().front().message),
             QStringLiteral("--changed-since and --changed-diffspec cannot be combined"));
    auto bad = changed::computeChanged(*graph, **repo, since("nope"));
    QVERIFY(!bad);
    QCOMPARE(QString::fromStdString(bad.diagnostics().front().message), QStringLiteral("unknown revision 'nope'"));
    QVERIFY(!changed::parseDependentsMode("sideways"));
}

QTEST_GUILESS_MAIN(ChangedTargetsTest)
#include "changedtargets_test.moc"
