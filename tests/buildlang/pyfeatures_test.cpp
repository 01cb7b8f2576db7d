// Evaluation of the Python features BUILD files and preludes use beyond the original
// subset: classes, while, try/except/finally, with, global/nonlocal, walrus, del,
// decorators, lambdas with defaults, f-string forms, open() inside the build root; and
// clear run-time errors (with file:line:col) for valid Python the evaluator rejects.
#include "tests/buildlang/testutil.h"

#include "core/base/fakedisk.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <cerrno>
#include <thread>

using namespace trellis::buildlang;
namespace test = trellis::buildlang::test;

class PyFeaturesTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testPrints_data();
    void testPrints();
    void testErrors_data();
    void testErrors();
    void testPreludeClasses();
    void testPreludeClassesOnThreads();
    void testOpen();
    void testOpenThroughFakeDisk();
};

void PyFeaturesTest::testPrints_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("printed");
    QTest::newRow("class with __init__, methods, class attribute")
        << "class Point:\n    dims = 2\n    def __init__(self, x, y=0):\n        self.x = x\n        self.y = y\n"
           "    def norm1(self):\n        return abs(self.x) + abs(self.y)\n"
           "p = Point(3, y=-4)\nprint(p.norm1(), p.dims, Point.dims, p.x)\np.x = 10\nprint(p.norm1())\n"
        << "7 2 2 3\n14\n";
    QTest::newRow("single inheritance and super()")
        << "class Base:\n    def __init__(self, name):\n        self.name = name\n    def describe(self):\n        return 'base ' + self.name\n"
           "class Child(Base):\n    def __init__(self, name, extra):\n        super().__init__(name)\n        self.extra = extra\n"
           "    def describe(self):\n        return super().describe() + '+' + self.extra\n"
           "print(Child('a', 'b').describe())\n"
        << "base a+b\n";
    QTest::newRow("staticmethod classmethod property")
        << "class C:\n    n = 5\n    @staticmethod\n    def s(x):\n        return x * 2\n    @classmethod\n    def c(cls):\n        return cls.n\n"
           "    @property\n    def p(self):\n        return 'prop'\n"
           "print(C.s(2), C.c(), C().p, C().s(3))\n"
        << "4 5 prop 6\n";
    QTest::newRow("plain decorator") << "def twice(f):\n    def g(*a, **k):\n        return f(*a, **k) * 2\n    return g\n"
                                        "@twice\ndef three():\n    return 3\nprint(three())\n"
                                     << "6\n";
    QTest::newRow("while with break and else")
        << "i = 0\nwhile i < 10:\n    i += 1\n    if i == 3:\n        continue\n    if i == 5:\n        break\nelse:\n    print('no')\nprint(i)\n"
           "while False:\n    pass\nelse:\n    print('else ran')\n"
        << "5\nelse ran\n";
    QTest::newRow("for else") << "for x in [1, 2]:\n    pass\nelse:\n    print('done', x)\nfor y in [1]:\n    break\nelse:\n    print('not printed')\n"
                              << "done 2\n";
    QTest::newRow("try except finally")
        << "def f(d):\n    try:\n        return d['k']\n    except KeyError as e:\n        return 'missing'\n    finally:\n        print('finally')\n"
           "print(f({'k': 1}))\nprint(f({}))\n"
           "try:\n    1 // 0\nexcept (ValueError, ArithmeticError):\n    print('arith')\n"
           "try:\n    x = int('nope')\nexcept ValueError as err:\n    print('value error:', 'nope' in str(err))\nelse:\n    print('no')\n"
           "try:\n    pass\nexcept Exception:\n    pass\nelse:\n    print('else')\n"
        << "finally\n1\nfinally\nmissing\narith\nvalue error: True\nelse\n";
    QTest::newRow("raise and user exception classes")
        << "class MyError(ValueError):\n    pass\n"
           "try:\n    raise MyError('boom')\nexcept ValueError as e:\n    print('caught', e)\n"
           "try:\n    try:\n        raise KeyError('k')\n    except KeyError:\n        raise\nexcept LookupError:\n    print('reraised')\n"
        << "caught boom\nreraised\n";
    QTest::newRow("global and nonlocal")
        << "count = 0\ndef bump():\n    global count\n    count += 1\nbump()\nbump()\nprint(count)\n"
           "def outer():\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n    inc()\n    inc()\n    return n\nprint(outer())\n"
        << "2\n2\n";
    QTest::newRow("walrus") << "if (n := len([1, 2, 3])) > 2:\n    print(n)\nys = [y for x in [1, 2] if (y := x * 10) > 10]\nprint(ys, y)\n"
                            << "3\n[20] 20\n";
    QTest::newRow("del") << "a = 1\nl = [1, 2, 3]\nd = {'x': 1, 'y': 2}\ndel a, l[0], d['x']\nprint(l, d)\n"
                            "try:\n    print(a)\nexcept NameError:\n    print('gone')\n"
                         << "[2, 3] {'y': 2}\ngone\n";
    QTest::newRow("lambda defaults and conditional lambda")
        << "f = lambda x, y=2, *r, k=3, **kw: (x, y, r, k, kw)\nprint(f(1))\nprint(f(1, 5, 6, k=7, z=8))\n"
           "g = (lambda: 'a') if True else (lambda: 'b')\nprint(g())\n"
        << "(1, 2, (), 3, {})\n(1, 5, (6,), 7, {'z': 8})\na\n";
    QTest::newRow("augmented operators") << "x = 6\nx **= 2\nx |= 1\nx &= 0xff\nx ^= 2\nx <<= 1\nx >>= 2\nprint(x)\n"
                                            "d = {'a': 1}\nd2 = d\nd |= {'b': 2}\nprint(d2)\n"
                                         << "19\n{'a': 1, 'b': 2}\n";
    QTest::newRow("f-string forms") << "x = 3\nw = 5\nname = 'n'\nprint(f'{x=}', f'{x = }', f'{x:{w}}|', f'{name!r:>{w}}', f\"{'q'}\")\n"
                                    << "x=3 x = 3     3|   'n' q\n";
    QTest::newRow("f-string nested quotes (3.12)") << "d = {'k': 'v'}\nprint(f'{d['k']}', f\"{f'{d[\"k\"]}'}\")\n" << "v v\n";
    QTest::newRow("stub body and annotations")
        << "def f(a: int, /, b: 'str' = 'x', *args: int, c: dict[str, object] | None = None, **kw: object) -> None:\n    ...\n"
           "print(f(1))\nv: list[int] = [1]\nprint(v)\n"
        << "None\n[1]\n";
    QTest::newRow("isinstance with classes")
        << "class A:\n    pass\nclass B(A):\n    pass\nprint(isinstance(B(), A), isinstance(A(), B), isinstance(1, (A, int)), isinstance(A, A))\n"
        << "True False True False\n";
    QTest::newRow("repr of classes and instances")
        << "class A:\n    pass\nprint(A, A(), [A()], f'{A()}')\n" << "<class 'A'> <A object> [<A object>] <A object>\n";
    QTest::newRow("generators run eagerly")
        << "def names(prefix):\n    for i in range(3):\n        if i == 2:\n            return\n        yield f'{prefix}{i}'\n    yield 'never'\n"
           "def both():\n    yield from names('a')\n    x = yield 'b'\n    print('x is', x)\n"
           "print(list(both()), [n for n in names('c')])\n"
        << "x is None\n['a0', 'a1', 'b'] ['c0', 'c1']\n";
    QTest::newRow("__call__, __str__ and __repr__ in f-strings")
        << "class V:\n    def __init__(self, n):\n        self.n = n\n    def __str__(self):\n        return 'v' + str(self.n)\n"
           "    def __repr__(self):\n        return 'V(%d)' % self.n\n    def __call__(self, k):\n        return self.n * k\n"
           "v = V(2)\nprint(f'{v}|{v!r}|{v:>4}|{v(21)}')\n"
        << "v2|V(2)|  v2|42\n";
    QTest::newRow("with on a user context manager")
        << "class Ctx:\n    def __enter__(self):\n        print('enter')\n        return 7\n    def __exit__(self, t, v, tb):\n        print('exit')\n"
           "with Ctx() as v:\n    print(v)\n"
        << "enter\n7\nexit\n";
}

void PyFeaturesTest::testPrints()
{
    QFETCH(QString, program);
    QFETCH(QString, printed);
    const test::Evaluation ev = test::evaluate(program.toStdString());
    QCOMPARE(QString::fromStdString(ev.errors), QString());
    QCOMPARE(QString::fromStdString(ev.printed), printed);
}

void PyFeaturesTest::testErrors_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("error");
    QTest::newRow("match") << "x = 1\nmatch x:\n    case 1:\n        pass\n" << "src/BUILD:2:1: error: 'match' statements are not supported";
    QTest::newRow("async def") << "async def f():\n    await g()\n" << "src/BUILD:1:1: error: 'async def' functions are not supported";
    QTest::newRow("yield at module level") << "x = 1\nyield x\n" << "src/BUILD:2:1: error: 'yield' outside function";
    QTest::newRow("bytes") << "x = 1\ny = b'a'\n" << "src/BUILD:2:5: error: bytes literals are not supported";
    QTest::newRow("complex") << "y = 1 + 2j\n" << "src/BUILD:1:9: error: complex numbers are not supported";
    QTest::newRow("type alias") << "type X = int\n" << "src/BUILD:1:1: error: 'type' alias statements are not supported";
    QTest::newRow("ellipsis value") << "x = ...\n" << "src/BUILD:1:5: error: '...' (Ellipsis) is not supported";
    QTest::newRow("step budget in while") << "while True:\n    pass\n" << "src/BUILD:2:5: error: evaluation step limit exceeded (2000000 steps)";
    QTest::newRow("limits are not catchable")
        << "try:\n    while True:\n        pass\nexcept Exception:\n    print('caught')\n" << "src/BUILD:2:5: error: evaluation step limit exceeded (2000000 steps)";
    QTest::newRow("uncaught user exception") << "class E(Exception):\n    pass\nraise E('bad')\n" << "src/BUILD:3:1: error: E: bad";
    QTest::newRow("missing attribute names the class")
        << "class Foo:\n    pass\nFoo().bar\n" << "src/BUILD:3:7: error: 'Foo' object has no attribute 'bar'";
    QTest::newRow("missing class attribute") << "class Foo:\n    pass\nFoo.bar\n" << "src/BUILD:3:5: error: type object 'Foo' has no attribute 'bar'";
    QTest::newRow("multiple inheritance") << "class A:\n    pass\nclass B:\n    pass\nclass C(A, B):\n    pass\n"
                                          << "src/BUILD:5:12: error: multiple inheritance is not supported";
    QTest::newRow("no build root") << "open('x')\n" << "src/BUILD:1:1: error: open() is not available here (no build root to read files from)";
}

void PyFeaturesTest::testErrors()
{
    QFETCH(QString, program);
    QFETCH(QString, error);
    const test::Evaluation ev = test::evaluate(program.toStdString());
    const QString first = QString::fromStdString(ev.errors).split(QLatin1Char('\n')).value(0);
    QCOMPARE(first, error);
}

void PyFeaturesTest::testPreludeClasses()
{
    // A prelude defines a class; BUILD files instantiate it; prelude instances are frozen.
    const std::string prelude =
        "class Cfg:\n    def __init__(self, name):\n        self.name = name\n    def target(self):\n"
        "        python_sources(name=self.name)\n"
        "DEFAULT = Cfg('default')\n";
    test::Evaluation ev = test::evaluate("Cfg('lib').target()\nDEFAULT.target()\n", prelude);
    QCOMPARE(QString::fromStdString(ev.errors), QString());
    QCOMPARE(QString::fromStdString(ev.recorder.summary()),
             QStringLiteral("python_sources(name='lib')\npython_sources(name='default')\n"));
    ev = test::evaluate("DEFAULT.name = 'x'\n", prelude);
    QVERIFY2(ev.errors.find("frozen") != std::string::npos, ev.errors.c_str());
}

void PyFeaturesTest::testPreludeClassesOnThreads()
{
    // Prelude classes and instances are shared read-only by BUILD files on many threads.
    auto dialect = test::makeDialect();
    trellis::base::Diagnostics diags;
    auto prelude = Prelude::load(dialect,
                                 {{"tools/prelude.py",
                                   "class Base:\n    kind = 'lib'\n    def __init__(self, n):\n        self.n = n\n"
                                   "class Macro(Base):\n    def emit(self, extra=()):\n"
                                   "        python_sources(name=f'{self.kind}-{self.n}', tags=[*extra])\n"
                                   "SHARED = Macro('shared')\n"}},
                                 {}, diags);
    QCOMPARE(QString::fromStdString(test::formatAll(diags)), QString());
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i) {
                test::Recorder rec;
                const std::string text = "Macro(" + std::to_string(t * 1000 + i) + ").emit(['a'])\nSHARED.emit()\n"
                                         "try:\n    SHARED.n = 1\nexcept Exception:\n    pass\n";
                FileResult r = evaluateBuildFile(*prelude, "src/BUILD", text, &rec);
                if (!r.ok() || rec.calls.size() != 2)
                    ++failures;
            }
        });
    }
    for (auto &th : threads)
        th.join();
    QCOMPARE(failures.load(), 0);
}

void PyFeaturesTest::testOpen()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString root = tmp.path() + QStringLiteral("/repo");
    QVERIFY(QDir().mkpath(root + QStringLiteral("/src")));
    auto write = [](const QString &path, const QByteArray &data) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(data);
    };
    write(root + QStringLiteral("/VERSION"), "1.2.3\n");
    write(root + QStringLiteral("/src/reqs.txt"), "a\nb\n");
    write(root + QStringLiteral("/big.txt"), QByteArray(2000, 'x'));
    write(tmp.path() + QStringLiteral("/secret.txt"), "secret");
    QVERIFY(QFile::link(tmp.path() + QStringLiteral("/secret.txt"), root + QStringLiteral("/link.txt")));

    auto run = [&](const std::string &text, std::string &printed) {
        std::string sink;
        auto dialect = test::makeDialect(&sink);
        dialect->setFileReader(buildRootFileReader(root.toStdString(), 1000));
        auto prelude = Prelude::empty(dialect);
        test::Recorder rec;
        FileResult r = evaluateBuildFile(*prelude, "src/BUILD", text, &rec);
        printed = sink;
        return test::formatAll(r.diagnostics);
    };
    std::string printed;
    QCOMPARE(QString::fromStdString(run("print(open('VERSION').read().strip())\n"
                                        "with open('src/reqs.txt') as f:\n    print(f.readlines())\n"
                                        "print([l.strip() for l in open('src/reqs.txt')])\n",
                                        printed)),
             QString());
    QCOMPARE(QString::fromStdString(printed), QStringLiteral("1.2.3\n['a\\n', 'b\\n']\n['a', 'b']\n"));

    const struct { const char *program; const char *error; } cases[] = {
        {"open('../secret.txt')\n", "is outside the build root"},
        {"open('link.txt')\n", "is outside the build root"},
        {"open('" "/etc/passwd')\n", "is outside the build root"},
        {"open('big.txt')\n", "at most 1000 bytes"},
        {"open('missing.txt')\n", "No such file or directory: 'missing.txt'"},
        {"open('VERSION', 'w')\n", "files can only be read"},
        {"open('src')\n", "Is a directory"},
    };
    for (const auto &c : cases) {
        const std::string err = run(c.program, printed);
        QVERIFY2(err.find(c.error) != std::string::npos, (std::string(c.program) + " -> " + err).c_str());
        QVERIFY2(err.rfind("src/BUILD:1:1: error:", 0) == 0, err.c_str());
    }
    QCOMPARE(QString::fromStdString(run("try:\n    open('missing.txt')\nexcept FileNotFoundError:\n    print('nf')\n"
                                        "except OSError:\n    print('os')\n", printed)),
             QString());
    QCOMPARE(QString::fromStdString(printed), QStringLiteral("nf\n"));
}

void PyFeaturesTest::testOpenThroughFakeDisk()
{
    // open() reads through the base::Disk it is given: an in-memory repository, and a
    // read failure reported as the OSError text.
    auto disk = std::make_shared<trellis::base::FakeDisk>();
    disk->addFile("/nonexistent-trellis-root/repo/VERSION", "4.5.6\n");
    disk->addFile("/nonexistent-trellis-root/repo/locked.txt", "x");
    disk->failNext(trellis::base::FakeDisk::Op::Read, EACCES, "locked.txt");
    auto run = [&](const std::string &text, std::string &printed) {
        std::string sink;
        auto dialect = test::makeDialect(&sink);
        dialect->setFileReader(buildRootFileReader("/nonexistent-trellis-root/repo", 1000, disk));
        auto prelude = Prelude::empty(dialect);
        test::Recorder rec;
        FileResult r = evaluateBuildFile(*prelude, "src/BUILD", text, &rec);
        printed = sink;
        return test::formatAll(r.diagnostics);
    };
    std::string printed;
    QCOMPARE(QString::fromStdString(run("print(open('VERSION').read().strip())\n", printed)), QString());
    QCOMPARE(QString::fromStdString(printed), QStringLiteral("4.5.6\n"));
    const std::string err = run("open('locked.txt')\n", printed);
    QVERIFY2(err.find("cannot open 'locked.txt': cannot read: Permission denied") != std::string::npos, err.c_str());
    QVERIFY2(run("open('missing.txt')\n", printed).find("No such file or directory: 'missing.txt'") != std::string::npos,
             "missing");
}

QTEST_GUILESS_MAIN(PyFeaturesTest)
#include "pyfeatures_test.moc"
