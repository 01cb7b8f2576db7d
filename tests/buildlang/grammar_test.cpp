// Grammar: the parser accepts the Python 3.8-3.13 grammar (every statement and expression
// form), whether or not the evaluator runs it.
#include "core/buildlang/parser.h"

#include <QTest>

using namespace trellis::buildlang;

class GrammarTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testAccepted_data();
    void testAccepted();
};

void GrammarTest::testAccepted_data()
{
    QTest::addColumn<QString>("input");
    // A line that starts inside brackets, closes them and goes on is one logical line.
    QTest::newRow("bracket closes then continues") << "x = [\n 1\n] + [2]\n";
    QTest::newRow("black-formatted signature")
        << "def common_scie_config(\n    build_style: str, *, entry_point: str = \"backend.ai\"\n) -> dict[str, object]:\n"
           "    return {\n        \"a\": 1,\n    } | {}\n";
    QTest::newRow("closing bracket at deeper indent") << "if x:\n    y = f(\n        1,\n            )\n    z = 2\n";
    QTest::newRow("decorators") << "@a\n@b.c(1)\n@(lambda f: f)\ndef f():\n    pass\n@d\nclass C:\n    pass\n";
    QTest::newRow("class") << "class C(Base, metaclass=M):\n    x: int = 1\n    def m(self, /, a, *, b=2):\n        return self\n";
    QTest::newRow("pep 695") << "def f[T: int, *Ts, **P](x: T) -> T:\n    return x\nclass C[T = int]:\n    pass\ntype Alias[K] = dict[K, int]\ntype = 3\n";
    QTest::newRow("lambda forms") << "f = lambda: 0\ng = lambda a, /, b=1, *c, d, e=2, **f: a\nh = lambda *, k: k\ni = lambda x: x if x else (lambda: 1)\n";
    QTest::newRow("walrus") << "if (n := len(a)) > 10:\n    pass\nwhile chunk := read():\n    pass\n[y for x in l if (y := f(x))]\nprint(x := 1, a[b := 2])\n";
    QTest::newRow("match") << "match command.split():\n    case [action]:\n        pass\n    case ['go', direction] | ['move', direction] if direction:\n        pass\n"
                              "    case {'k': 1, **rest}:\n        pass\n    case Point(x=0, y=-1.5) as p:\n        pass\n    case (1 | 2 | 3j | -1+2j, *others):\n        pass\n"
                              "    case a.b.C():\n        pass\n    case _:\n        pass\n"
                              "match = re.match(p, s)\nmatch.group(1)\nmatch(x)\ncase = 1\n";
    QTest::newRow("parameters") << "def f(a, b=1, /, c=2, *args: int, d, e: str = 'x', **kw: object) -> None: ...\n"
                                   "def g(*args: *Ts): ...\n";
    QTest::newRow("f-strings") << "a = f'{x=}' f'{x = !r:>10}' f'{x:{w}.{p}f}' f\"{d['k']}\" f'{d[\"k\"]}' f'{d['k']}'\n"
                                  "b = f'{f'{1}'}' f'{x!r}' f'{{literal}}' rf'\\d{x}' f'''{\nx\n}'''\nc = f'{a!=b}' f'{a<=b}' f'{(lambda: 1)()}' f'{x:=10}'\n";
    QTest::newRow("async and await") << "async def f():\n    async with a as b, c:\n        pass\n    async for x in y:\n        await z\n    return [i async for i in g()]\n";
    QTest::newRow("scopes and del") << "def f():\n    global a, b\n    nonlocal c\n    del a, b[0], c.d, (e, f)\n";
    QTest::newRow("loops with else") << "while x:\n    break\nelse:\n    pass\nfor i in *a, *b:\n    continue\nelse:\n    pass\n";
    QTest::newRow("try forms") << "try:\n    pass\nexcept (A, B) as e:\n    raise C from e\nexcept:\n    raise\nelse:\n    pass\nfinally:\n    pass\n"
                                  "try:\n    pass\nexcept* ValueError:\n    pass\ntry:\n    pass\nfinally:\n    pass\n";
    QTest::newRow("with forms") << "with a as b, c as (d, e):\n    pass\nwith (open(x) as f, open(y) as g,):\n    pass\nwith (a, b):\n    pass\nwith (yield):\n    pass\n";
    QTest::newRow("yield") << "def g():\n    x = yield\n    y = yield 1, 2\n    yield from h()\n    await_ = (yield)\n";
    QTest::newRow("imports") << "import a.b as c, d\nfrom . import x\nfrom ...pkg.mod import (y as z, w,)\nfrom m import *\n";
    QTest::newRow("literals") << "x = ... , b'by' rb'\\d', 1j, 1.5e3J, 0x_ff, 1_000.000_1, 99999999999999999999999, '\\N{DASH}', 1if x else 2\n";
    QTest::newRow("subscripts") << "a[1:2, ::3, ...]\na[*idx]\na[i, j] = 1\nx: tuple[*Ts]\na[1:2] = b\na[:] += c\n";
    QTest::newRow("operators") << "x @= a @ b\ny **= 2; z //= 3; w >>= 1; v <<= 1; u ^= 1; t &= 1; s |= 1\n"
                                  "r = not a is not b not in c < d <= e\nq = -~+x ** -y\n";
    QTest::newRow("return star") << "def f():\n    return *a, *b\n";
}

void GrammarTest::testAccepted()
{
    QFETCH(QString, input);
    SyntaxError err;
    const std::string text = input.toStdString();
    auto m = parsePython("BUILD", text, false, err, true);
    QVERIFY2(m, (std::to_string(err.line) + ":" + std::to_string(err.column) + ": " + err.message).c_str());
}

QTEST_GUILESS_MAIN(GrammarTest)
#include "grammar_test.moc"
