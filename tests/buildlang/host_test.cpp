// The host interface: target calls, keyword order and locations, symbols as values,
// `**obj` unpacking, attribute resolution, preludes and their restrictions.
#include "tests/buildlang/testutil.h"

#include <QTest>

using namespace trellis::buildlang;

class HostTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testCalls_data();
    void testCalls();
    void testLocations();
    void testPreludeMacros_data();
    void testPreludeMacros();
    void testPreludeForbiddenAtTopLevel();
    void testHostError();
    void testDefinedNames();
};

void HostTest::testCalls_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("calls");
    QTest::newRow("kwargs in call order after ** expansion")
        << "d = {'tags': ['t'], 'name': 'n'}\npython_sources(sources=['a.py'], **d, dependencies=[':x'])\n"
        << "python_sources(sources=['a.py'], tags=['t'], name='n', dependencies=[':x'])\n";
    QTest::newRow("symbol as dict key")
        << "__defaults__({python_tests: dict(timeout=60), (python_sources, 'pex_binary'): {'tags': []}}, all=dict(x=1))\n"
        << "__defaults__(mapping={python_tests: {'timeout': 60}, (python_sources, 'pex_binary'): {'tags': []}}, all={'x': 1})\n";
    QTest::newRow("parametrize object and group unpack")
        << "python_tests(name='t', resolve=parametrize('a', 'b'), **parametrize('py3', interpreter_constraints=['>=3.11']))\n"
        << "python_tests(name='t', resolve=parametrize('a', 'b'), parametrize=parametrize('py3', interpreter_constraints=['>=3.11']))\n";
    QTest::newRow("attribute resolver")
        << "python_sources(sources=[python_sources.sources.default, '!x.py'], tags=python_tests.tags.default.upper())\n"
        << "python_sources(sources=['python_sources.sources', '!x.py'], tags='PYTHON_TESTS.TAGS')\n";
    QTest::newRow("str of host object")
        << "pex_binary(name=str(build_file_dir()) + '-bin')\n"
        << "pex_binary(name='src/app-bin')\n";
    QTest::newRow("constants and values")
        << "python_requirements(name='reqs', v=PANTS_VERSION, n=None, f=1.5, b=True, s={1}, t=(1,), r=range(2))\n"
        << "python_requirements(name='reqs', v='2.21.0', n=None, f=1.5, b=True, s={1}, t=(1,), r=[0, 1])\n";
    QTest::newRow("env with default") << "python_sources(name=env('NAME', 'dflt'))\n" << "python_sources(name='dflt')\n";
}

void HostTest::testCalls()
{
    QFETCH(QString, program);
    QFETCH(QString, calls);
    const auto ev = test::evaluate(program.toStdString(), {}, {}, "src/app/BUILD");
    QCOMPARE(QString::fromStdString(ev.errors), QString());
    QCOMPARE(QString::fromStdString(ev.recorder.summary()), calls);
}

void HostTest::testLocations()
{
    const auto ev = test::evaluate("x = 1\n  # c\npython_sources(\n    name='a',\n    **{'tags': []},\n)\n");
    QCOMPARE(QString::fromStdString(ev.errors), QString());
    QCOMPARE(ev.recorder.calls.size(), std::size_t(1));
    const auto &c = ev.recorder.calls[0];
    QCOMPARE(c.location.toString(), std::string("src/BUILD:3:1"));
    QCOMPARE(c.buildFile, std::string("src/BUILD"));
    QCOMPARE(c.kwargs[0].second.location.toString(), std::string("src/BUILD:4:10"));
    QCOMPARE(c.kwargs[1].second.location.toString(), std::string("src/BUILD:5:7"));
}

void HostTest::testPreludeMacros_data()
{
    QTest::addColumn<QString>("prelude");
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("calls");
    QTest::newRow("macro with kwargs")
        << "def lib(**kwargs):\n    kwargs.setdefault('tags', ['lib'])\n    python_sources(**kwargs)\n"
        << "lib(name='a')\nlib(name='b', tags=[])\n"
        << "python_sources(name='a', tags=['lib'])\npython_sources(name='b', tags=[])\n";
    QTest::newRow("dict-returning helper")
        << "_deps = ['//:reqs#click']\ndef common(mode: str) -> Dict[str, Any]:\n    return dict(execution_mode=mode, dependencies=[*_deps])\n"
        << "pex_binary(name='x', **common('lazy'))\n"
        << "pex_binary(name='x', execution_mode='lazy', dependencies=['//:reqs#click'])\n";
    QTest::newRow("forbidden names inside prelude functions")
        << "def private():\n    __defaults__(all=dict(tags=['p']))\n    return str(build_file_dir())\n"
        << "python_sources(name=private())\n"
        << "__defaults__(all={'tags': ['p']})\npython_sources(name='src/app')\n";
    QTest::newRow("prelude raise")
        << "def check(x):\n    if not x:\n        raise ValueError('empty')\n    return x\n"
        << "python_sources(name=check('ok'))\n"
        << "python_sources(name='ok')\n";
}

void HostTest::testPreludeMacros()
{
    QFETCH(QString, prelude);
    QFETCH(QString, program);
    QFETCH(QString, calls);
    const auto ev = test::evaluate(program.toStdString(), prelude.toStdString(), {}, "src/app/BUILD");
    QCOMPARE(QString::fromStdString(ev.errors), QString());
    QCOMPARE(QString::fromStdString(ev.recorder.summary()), calls);
    for (const auto &c : ev.recorder.calls)
        QCOMPARE(c.buildFile, std::string("src/app/BUILD"));
}

void HostTest::testPreludeForbiddenAtTopLevel()
{
    const auto ev = test::evaluate("python_sources(name='a')\n", "x = 1\nd = build_file_dir()\n");
    QCOMPARE(QString::fromStdString(ev.errors),
             QStringLiteral("tools/prelude.py:2:5: error: name 'build_file_dir' is not defined\nd = build_file_dir()\n    ^\n"
                            "(build_file_dir is only available inside functions called from BUILD files)"));
    // The names defined before the error are still visible, and the BUILD file still runs.
    QCOMPARE(QString::fromStdString(ev.recorder.summary()), QStringLiteral("python_sources(name='a')\n"));
    const auto err = test::evaluate("check('')\n", "def check(x):\n    if not x:\n        raise ValueError('empty')\n");
    QCOMPARE(QString::fromStdString(err.errors),
             QStringLiteral("tools/prelude.py:3:9: error: ValueError: empty\n        raise ValueError('empty')\n        ^\n"
                            "src/BUILD:1:1: note: called from here\ncheck('')\n^"));
    const auto buildOnly = test::evaluate("x = Optional\n");
    QCOMPARE(QString::fromStdString(buildOnly.errors), QStringLiteral("src/BUILD:1:5: error: name 'Optional' is not defined\nx = Optional\n    ^"));
}

void HostTest::testHostError()
{
    const auto ev = test::evaluate("x = 1\nenv()\n");
    QCOMPARE(QString::fromStdString(ev.errors), QStringLiteral("src/BUILD:2:1: error: env() requires a variable name\nenv()\n^"));
}

void HostTest::testDefinedNames()
{
    trellis::base::Diagnostics diags;
    auto p = Prelude::load(test::makeDialect(), {{"a.py", "def b():\n    return 1\nA = 1\n"}, {"c.py", "C = b() + A\n"}}, {}, diags);
    QCOMPARE(QString::fromStdString(test::formatAll(diags)), QString());
    QCOMPARE(p->definedNames(), (std::vector<std::string>{"A", "C", "b"}));
}

QTEST_GUILESS_MAIN(HostTest)
#include "host_test.moc"
