// Evaluation of statements and expressions: each row runs a BUILD file and compares
// everything it printed.
#include "tests/buildlang/testutil.h"

#include <QTest>

using namespace trellis::buildlang;

class InterpreterTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testPrograms_data();
    void testPrograms();
};

void InterpreterTest::testPrograms_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("output");
    auto row = [](const char *name, const char *program, const char *output) {
        QTest::newRow(name) << QString::fromUtf8(program) << QString::fromUtf8(output);
    };
    row("literals", "print(None, True, False, 1, 1_000, 0x1f, 0o17, 0b101, 1.5, .5, 1e3, 'a', \"b\")\n",
        "None True False 1 1000 31 15 5 1.5 0.5 1000.0 a b\n");
    row("string forms", "print('''x\ny''', r'\\n', 'a' 'b', u'c', '\\x41\\u00e9\\t|')\n", "x\ny \\n ab c A\xC3\xA9\t|\n");
    row("containers", "print([1, (2,), {3: 4}, {5}, (), [], {}])\n", "[1, (2,), {3: 4}, {5}, (), [], {}]\n");
    row("arithmetic", "print(7 // 2, -7 // 2, 7 % 3, -7 % 3, 7 / 2, 2 ** 10, 2 ** -1, 1 + 2.5, 3 * 'ab', [0] * 3)\n",
        "3 -4 1 2 3.5 1024 0.5 3.5 ababab [0, 0, 0]\n");
    row("comparison chains", "print(1 < 2 < 3, 1 < 3 < 2, 1 == 1.0, 'a' < 'b', [1, 2] < [1, 3], 2 in (1, 2), 'x' not in 'abc', None is None, 1 is not None)\n",
        "True False True True True True True True True\n");
    row("boolean ops", "print(0 or 'x', 1 and 2, not [], [] or [] and 1)\n", "x 2 True []\n");
    row("conditional", "x = 3\nprint('big' if x > 2 else 'small', 'big' if x > 5 else 'small')\n", "big small\n");
    row("tuple unpacking", "a, (b, c), *d = 1, (2, 3), 4, 5\nprint(a, b, c, d)\nx = y = 7\nprint(x, y)\n",
        "1 2 3 [4, 5]\n7 7\n");
    row("augmented", "x = 1\nx += 2\nx *= 3\nx -= 1\nx //= 3\nl = [1]\nm = l\nl += [2]\ns = 'a'\ns += 'b'\nprint(x, m, s)\n",
        "2 [1, 2] ab\n");
    row("augmented index", "d = {'a': [1]}\nd['a'] += [2]\nd['n'] = 1\nd['n'] += 5\nprint(d)\n", "{'a': [1, 2], 'n': 6}\n");
    row("def parameters",
        "def f(a, b=2, *args, c, d=4, **kw):\n    return [a, b, args, c, d, kw]\nprint(f(1, c=3))\nprint(f(1, 5, 6, 7, c=3, e=8))\n",
        "[1, 2, (), 3, 4, {}]\n[1, 5, (6, 7), 3, 4, {'e': 8}]\n");
    row("annotations ignored", "def f(a: Undefined, b: 'x' = 1) -> Whatever:\n    return a + b\nv: Nope = f(1)\nprint(v)\n", "2\n");
    row("docstring and pass", "def f():\n    \"\"\"Doc.\"\"\"\n    pass\nprint(f())\n", "None\n");
    row("closures", "def outer(n):\n    def inner(m):\n        return n + m\n    return inner\nprint(outer(1)(2), (lambda x, y=1: x * y)(5))\n", "3 5\n");
    row("recursion", "def fact(n):\n    return 1 if n <= 1 else n * fact(n - 1)\nprint(fact(10))\n", "3628800\n");
    row("for break continue", "for i in range(10):\n    if i % 2:\n        continue\n    if i > 6:\n        break\n    print(i)\n", "0\n2\n4\n6\n");
    row("nested for with return", "def find(xs):\n    for row in xs:\n        for x in row:\n            if x > 2:\n                return x\n    return None\nprint(find([[1, 2], [3, 4]]))\n", "3\n");
    row("if elif else", "def f(x):\n    if x < 0:\n        return 'neg'\n    elif x == 0:\n        return 'zero'\n    else:\n        return 'pos'\nprint(f(-1), f(0), f(1))\n", "neg zero pos\n");
    row("comprehensions",
        "print([x * y for x in range(3) for y in range(3) if x != y if y])\nprint({k: v for k, v in [('a', 1), ('b', 2)]})\nprint({x % 3 for x in range(10)})\nprint(sum(x for x in range(5)))\n",
        "[0, 0, 2, 2]\n{'a': 1, 'b': 2}\n{0, 1, 2}\n10\n");
    row("unpacking in displays", "a = [1, 2]\nd = {'x': 1}\nprint([0, *a, *'bc'], (*a,), {**d, 'y': 2}, {*a, 3})\n",
        "[0, 1, 2, 'b', 'c'] (1, 2) {'x': 1, 'y': 2} {1, 2, 3}\n");
    row("call unpacking", "def f(*a, **k):\n    return a, k\nprint(f(*[1, 2], 3, *(), x=1, **{'y': 2}))\n", "((1, 2, 3), {'x': 1, 'y': 2})\n");
    row("indexing and slicing", "l = [0, 1, 2, 3, 4]\nprint(l[1], l[-1], l[1:3], l[::2], l[::-1], l[-2:], l[:-3], 'hello'[1:4], (1, 2, 3)[1:])\n",
        "1 4 [1, 2] [0, 2, 4] [4, 3, 2, 1, 0] [3, 4] [0, 1] ell (2, 3)\n");
    row("f-strings", "n = 'x'\nv = 3.14159\nd = {'k': 'v'}\nprint(f'{n!r} {v:.2f} {v:>8.3f}| {d[\"k\"]} {{lit}} {1 + 2} {n!s:<3}|{42:05d} {1234567:,}')\n",
        "'x' 3.14    3.142| v {lit} 3 x  |00042 1,234,567\n");
    row("nested f-string", "x = 'a'\nprint(f\"{f'<{x}>'}\" f'!{x}')\n", "<a>!a\n");
    row("percent format", "print('%s=%d %05.1f %r %x %%' % ('a', 42, 3.14159, 'q', 255), '%(a)s-%(b)s' % {'a': 1, 'b': 2}, '%s' % 'solo')\n",
        "a=42 003.1 'q' ff % 1-2 solo\n");
    row("str.format", "print('{} {} {x} {0}'.format(1, 2, x=3) if False else '{} {} {x}'.format(1, 2, x=3), '{0}{1}{0}'.format('a', 'b'), '{:^7}|'.format('mid'), '{k[a]}'.format(k={'a': 5}))\n",
        "1 2 3 aba   mid  | 5\n");
    row("float repr", "print(0.1 + 0.2, 1e16, 1e-5, 100.0, 2.5e-3, -0.0, 1e22, 123456789.0)\n",
        "0.30000000000000004 1e+16 1e-05 100.0 0.0025 -0.0 1e+22 123456789.0\n");
    row("line joining", "x = [1,\n  2,  # comment\n  3]\ny = 1 + \\\n    2\nprint(x, y)\n", "[1, 2, 3] 3\n");
    row("semicolons", "a = 1; b = 2; print(a + b)\n", "3\n");
    row("unicode identifiers", "\xC3\xA9t\xC3\xA9 = 'summer'\nprint(\xC3\xA9t\xC3\xA9, len('\xC3\xA9t\xC3\xA9'))\n", "summer 3\n");
    row("is and identity", "a = [1]\nb = a\nprint(a is b, a is [1], a == [1])\n", "True False True\n");
    row("raise in prelude-free file is a name error guard", "x = [i for i in range(3)]\nprint(x)\n", "[0, 1, 2]\n");
    row("dict order and equality", "print({'b': 1, 'a': 2} == {'a': 2, 'b': 1}, list({'b': 1, 'a': 2}))\n", "True ['b', 'a']\n");
    row("string concatenation across lines", "x = ('a'\n     'b'\n     f'{1}')\nprint(x)\n", "ab1\n");
    row("set operations", "a = {1, 2, 3}\nb = {2, 3, 4}\nprint(a | b, a & b, a - b, a ^ b, {'x': 1} | {'y': 2})\n",
        "{1, 2, 3, 4} {2, 3} {1} {1, 4} {'x': 1, 'y': 2}\n");
    row("integer bit ops", "print(6 & 3, 6 | 3, 6 ^ 3, ~5, 1 << 4, -16 >> 2)\n", "2 7 5 -6 16 -4\n");
}

void InterpreterTest::testPrograms()
{
    QFETCH(QString, program);
    QFETCH(QString, output);
    const auto ev = test::evaluate(program.toStdString());
    QCOMPARE(QString::fromStdString(ev.errors), QString());
    QCOMPARE(QString::fromStdString(ev.printed), output);
}

QTEST_GUILESS_MAIN(InterpreterTest)
#include "interpreter_test.moc"
