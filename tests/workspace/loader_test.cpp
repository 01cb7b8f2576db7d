// Tests for loadWorkspace on fixture repositories: target types, generators, overrides,
// __defaults__ (spec §2.3 example), parametrize, requirements, plugins, errors.
#include "core/workspace/workspace.h"

#include <QTest>

using namespace trellis::workspace;

namespace {

std::shared_ptr<const Workspace> load(const char *fixture)
{
    LoadRequest req;
    req.options.buildRoot = std::string(TRELLIS_TEST_DATA) + "/fixtures/" + fixture;
    req.options.readPantsrc = false;
    auto ws = loadWorkspace(req);
    return ws ? *ws : nullptr;
}

QString fieldRepr(const Workspace &ws, const char *address, const char *field)
{
    const Target *t = ws.find(*Address::parse(address));
    if (!t)
        return QStringLiteral("<no target>");
    const Field *f = t->field(field);
    return f ? QString::fromStdString(f->value.repr()) : QStringLiteral("<no field>");
}

QStringList errors(const Workspace &ws)
{
    QStringList r;
    for (const auto &d : ws.diagnostics())
        r << QString::fromStdString(d.format());
    return r;
}

} // namespace

class LoaderTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testFields_data();
    void testFields();
    void testTypes();
    void testOwners();
    void testDependencies();
    void testParametrize();
    void testErrors();
};

void LoaderTest::testFields_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("repr");
    // §2.3: src/BUILD sets python_tests timeout=60 and all tags=["src"]; src/a replaces python_tests.
    QTest::newRow("defaults replaced per type") << "src/a:tests" << "tags" << "['a']";
    QTest::newRow("replaced entry drops timeout") << "src/a/mod_test.py:tests" << "timeout" << "None";
    QTest::newRow("other type keeps inherited") << "src/a:lib" << "tags" << "['src']";
    QTest::newRow("explicit wins") << "src/app/util_test.py:tests" << "timeout" << "30";
    QTest::newRow("override replaces") << "src/app/main.py:lib" << "tags" << "['entry']";
    QTest::newRow("copied field") << "src/app/util.py:lib" << "tags" << "['src']";
    QTest::newRow("generated source") << "src/app/sub/x.py:../lib" << "source" << "'sub/x.py'";
    QTest::newRow("requirement grouped") << "3rdparty/python:reqs#requests" << "requirements"
                                         << "('requests==2.31.0', 'requests[socks]==2.31.0 ; python_version > \"3\"')";
    QTest::newRow("module mapping") << "3rdparty/python:reqs#PyYAML" << "modules" << "['yaml']";
    QTest::newRow("plugin field raw") << "schema" << "version" << "3";
    QTest::newRow("skip field from lint backend") << "src/app/util.py:lib" << "skip_black" << "False";
    QTest::newRow("pex entry point") << "src/app:bin" << "entry_point" << "'main.py'";
    QTest::newRow("generator keeps no moved field") << "src/app:tests" << "timeout" << "<no field>";
}

void LoaderTest::testFields()
{
    QFETCH(QString, address);
    QFETCH(QString, field);
    QFETCH(QString, repr);
    auto ws = load("ws-basic");
    QVERIFY(ws);
    QCOMPARE(fieldRepr(*ws, address.toUtf8().constData(), field.toUtf8().constData()), repr);
}

void LoaderTest::testTypes()
{
    auto ws = load("ws-basic");
    QVERIFY(ws);
    auto type = [&](const char *a) {
        const Target *t = ws->find(*Address::parse(a));
        return t ? QString::fromStdString(t->type) : QString();
    };
    QCOMPARE(type("src/app"), QStringLiteral("python_test_utils"));
    QCOMPARE(type("src/app/conftest.py"), QStringLiteral("python_source"));
    QCOMPARE(type("src/a/run.sh:sh"), QStringLiteral("shell_source"));
    QCOMPARE(type("3rdparty/python/requirements.txt:reqs"), QStringLiteral("_generator_sources_helper"));
    QCOMPARE(type("3rdparty/python/default.lock:_python-default_lockfile"), QStringLiteral("_lockfile"));
    QCOMPARE(type("schema"), QStringLiteral("json_schema"));
    QCOMPARE(type("//:readme"), QStringLiteral("file"));
    const Target *gen = ws->find(*Address::parse("src/app:lib"));
    QVERIFY(gen && gen->isGenerator);
    QCOMPARE(int(gen->generated.size()), 4);
    QCOMPARE(ws->buildFiles().size(), size_t(7));
}

void LoaderTest::testOwners()
{
    auto ws = load("ws-basic");
    QVERIFY(ws);
    auto owners = ws->ownersOf("src/app/util.py");
    QCOMPARE(int(owners.size()), 1);
    QCOMPARE(owners.front()->address.toString(), std::string("src/app/util.py:lib"));
    QCOMPARE(int(ws->ownersOf("README.md").size()), 1);
}

void LoaderTest::testDependencies()
{
    auto ws = load("ws-basic");
    QVERIFY(ws);
    const Target *t = ws->find(*Address::parse("src/a/mod_test.py:tests"));
    QVERIFY(t);
    QCOMPARE(int(t->explicitDependencies.size()), 2);
    QCOMPARE(t->explicitDependencies[0].address.toString(), std::string("src/a:lib"));
    QCOMPARE(t->explicitDependencies[1].address.toString(), std::string("3rdparty/python:reqs#PyYAML"));
    QCOMPARE(t->resolve, std::string("python-default"));
}

void LoaderTest::testParametrize()
{
    auto ws = load("ws-param");
    QVERIFY(ws);
    QStringList got;
    for (const Target &t : ws->targets())
        got << QString::fromStdString(t.address.toString());
    const QStringList expected{
        "//:_a_lockfile", "//:_b_lockfile", "src/t:bin@interpreter_constraints=py2,resolve=a", "src/t:bin@interpreter_constraints=py2,resolve=b",
        "src/t:bin@interpreter_constraints=py3,resolve=a", "src/t:bin@interpreter_constraints=py3,resolve=b",
        "src/t:lib@parametrize=py3", "src/t:tests@resolve=a", "src/t:tests@resolve=b",
        "src/t/lib.py:lib@parametrize=py3", "src/t/x_test.py:tests@resolve=a", "src/t/x_test.py:tests@resolve=b"};
    QCOMPARE(got, expected);
    QCOMPARE(errors(*ws), QStringList());
    QCOMPARE(fieldRepr(*ws, "src/t/lib.py:lib@parametrize=py3", "resolve"), QStringLiteral("'b'"));
}

void LoaderTest::testErrors()
{
    auto ws = load("ws-errors");
    QVERIFY(ws);
    const QStringList got = errors(*ws);
    const QStringList expected{
        "dup/BUILD.extra:1:1: error: DuplicateNameError: A target already exists at 'dup' with name 'lib' and target "
        "type 'python_sources'. The 'python_tests' target cannot use the same name.\npython_tests(name=\"lib\")\n^",
        "field/BUILD:1:35: error: Unrecognized field `sourcs=['*.py']` in target field:lib. Valid fields for the target "
        "type `python_sources`: ['dependencies', 'description', 'interpreter_constraints', 'overrides', 'resolve', "
        "'restartable', 'run_goal_use_sandbox', 'sources', 'tags'].\npython_sources(name=\"lib\", sourcs=[\"*.py\"])\n                                  ^\n"
        "(did you mean sources?)",
        "field/BUILD:2:1: error: The 'timeout' field in target field:tests must be an integer, but was `'slow'` with "
        "type `str`.\npython_tests(name=\"tests\", timeout=\"slow\")\n^",
        "field/BUILD:3:1: error: Unmatched glob from field:none's `sources` field: \"field/*.json\"\n"
        "files(name=\"none\", sources=[\"*.json\"])\n^",
        "reqs/requirements.txt:2:6: error: invalid requirement `bad==`: expected a version after `==`\nbad==\n     ^"};
    QCOMPARE(got, expected);
    // The good directory still loads.
    QVERIFY(ws->find(*Address::parse("ok/m.py")));
    QVERIFY(ws->find(*Address::parse("reqs:reqs#also-good")));
}

QTEST_GUILESS_MAIN(LoaderTest)
#include "loader_test.moc"
