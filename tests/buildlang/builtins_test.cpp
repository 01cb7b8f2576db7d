// Builtin functions and the methods of str, list, dict and set: printed results.
#include "tests/buildlang/testutil.h"

#include <QTest>

using namespace trellis::buildlang;

class BuiltinsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testBuiltins_data();
    void testBuiltins();
};

void BuiltinsTest::testBuiltins_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("output");
    auto row = [](const char *name, const char *program, const char *output) {
        QTest::newRow(name) << QString::fromUtf8(program) << QString::fromUtf8(output);
    };
    row("len", "print(len('h\xC3\xA9'), len([1]), len({}), len(range(5)), len((1, 2)))", "2 1 0 5 2\n");
    row("conversions", "print(str(1), str(1.0), int('42'), int(' -7 '), int('ff', 16), int('0b11', 0), int(3.9), int(True), float('2.5'), float(3), bool([]), bool('x'))",
        "1 1.0 42 -7 255 3 3 1 2.5 3.0 False True\n");
    row("containers", "print(list('ab'), tuple([1]), set([1, 1]), dict([('a', 1)], b=2), dict(x=1), list(range(2, 10, 3)))",
        "['a', 'b'] (1,) {1} {'a': 1, 'b': 2} {'x': 1} [2, 5, 8]\n");
    row("sorted reversed", "print(sorted([3, 1, 2]), sorted(['b', 'A', 'c'], key=lambda s: s.lower(), reverse=True), list(reversed([1, 2, 3])))",
        "[1, 2, 3] ['c', 'b', 'A'] [3, 2, 1]\n");
    row("enumerate zip", "print(list(enumerate('ab')), list(enumerate('ab', start=1)), list(zip([1, 2, 3], 'ab')))",
        "[(0, 'a'), (1, 'b')] [(1, 'a'), (2, 'b')] [(1, 'a'), (2, 'b')]\n");
    row("min max sum", "print(min(3, 1), max([1, 5, 2]), min(['bb', 'a'], key=len), max([], default=0), sum([1, 2, 3]), sum([[1], [2]], []), sum([0.5, 1]))",
        "1 5 a 0 6 [1, 2] 1.5\n");
    row("any all", "print(any([]), any([0, 1]), all([]), all([1, 0]))", "False True True False\n");
    row("isinstance", "print(isinstance(1, int), isinstance(True, int), isinstance(1, str), isinstance([], (dict, list)), isinstance({}, dict))",
        "True True False True True\n");
    row("repr", "print(repr('a'), repr(\"it's\"), repr([1, 'x']), repr(None), repr(1.0))", "'a' \"it's\" [1, 'x'] None 1.0\n");
    row("hasattr getattr", "print(hasattr('x', 'join'), hasattr([], 'nope'), getattr([], 'nope', 7), getattr('-', 'join')(['a', 'b']))",
        "True False 7 a-b\n");
    row("print sep", "print('a', 'b', sep='-')", "a-b\n");
    row("abs", "print(abs(-3), abs(2.5))", "3 2.5\n");
    row("str methods 1", "s = 'a,b,,c'\nprint(s.split(','), s.split(',', 1), s.rsplit(',', 1), ' a  b '.split(), 'a b c'.split(None, 1), 'a b c'.rsplit(None, 1))",
        "['a', 'b', '', 'c'] ['a', 'b,,c'] ['a,b,', 'c'] ['a', 'b'] ['a', 'b c'] ['a b', 'c']\n");
    row("str methods 2", "print(' x '.strip(), 'xxyxx'.strip('x'), ' x'.lstrip(), 'x '.rstrip() + '|', 'ab'.startswith('a'), 'ab'.endswith(('x', 'b')))",
        "x y x x| True True\n");
    row("str methods 3", "print('aaa'.replace('a', 'b', 2), 'Ab'.lower(), 'Ab'.upper(), 'a=b=c'.partition('='), 'a=b=c'.rpartition('='), 'x'.partition('='))",
        "bba ab AB ('a', '=', 'b=c') ('a=b', '=', 'c') ('x', '', '')\n");
    row("str methods 4", "print('src/a.py'.removeprefix('src/'), 'a_test.py'.removesuffix('.py'), 'banana'.count('an'), 'banana'.find('n'), 'banana'.find('z'), '-'.join(['a', 'b']))",
        "a.py a_test 2 2 -1 a-b\n");
    row("str methods 5", "print('{}-{}'.format(1, 'x'), 'ab'.rfind('b'), 'a1'.isalnum(), '12'.isdigit(), 'x'.ljust(3) + '|', 'x'.rjust(3), '7'.zfill(3), 'hello world'.title(), 'a\\nb'.splitlines())",
        "1-x 1 True True x  |   x 007 Hello World ['a', 'b']\n");
    row("list methods", "l = [1]\nl.append(2)\nl.extend((3, 4))\nl.insert(0, 0)\nx = l.pop()\ny = l.pop(0)\nprint(l, x, y, l.index(2), l.count(1), l.copy())\nl.remove(1)\nl.reverse()\nprint(l)\nl2 = [3, 1, 2]\nl2.sort()\nprint(l2)",
        "[1, 2, 3] 4 0 1 1 [1, 2, 3]\n[3, 2]\n[1, 2, 3]\n");
    row("dict methods", "d = {'a': 1}\nprint(d.get('a'), d.get('z'), d.get('z', 0), d.items(), d.keys(), d.values())\nd.update({'b': 2}, c=3)\nprint(d.pop('b'), d.pop('z', None), d.setdefault('a', 9), d.setdefault('n', []), d)\ne = d.copy()\ne['q'] = 1\nprint(len(d), len(e))",
        "1 None 0 [('a', 1)] ['a'] [1]\n2 None 1 [] {'a': 1, 'c': 3, 'n': []}\n3 4\n");
    row("set methods", "s = {1}\ns.add(2)\ns.update([3])\ns.discard(9)\nprint(s, s.union({4}), s.intersection([2, 3]), s.difference({1}), {1}.issubset(s))",
        "{1, 2, 3} {1, 2, 3, 4} {2, 3} {2, 3} True\n");
    row("large dict uses index", "d = {}\nfor i in range(100):\n    d[str(i)] = i\nprint(d['57'], len(d), '99' in d, '100' in d)", "57 100 True False\n");
}

void BuiltinsTest::testBuiltins()
{
    QFETCH(QString, program);
    QFETCH(QString, output);
    const auto ev = test::evaluate(program.toStdString());
    QCOMPARE(QString::fromStdString(ev.errors), QString());
    QCOMPARE(QString::fromStdString(ev.printed), output);
}

QTEST_GUILESS_MAIN(BuiltinsTest)
#include "builtins_test.moc"
