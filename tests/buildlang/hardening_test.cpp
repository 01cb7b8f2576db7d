// Hostile BUILD files (issue 18, items 4 and 5): data nested as deep as a loop can make it,
// shared sub-values that make a naive walk exponential, quadratic string searches, memory
// hogs and enormous lines all end in a clean result or a clean error, quickly.
#include "core/base/diagnostic.h"
#include "core/buildlang/value.h"
#include "tests/buildlang/testutil.h"

#include <QElapsedTimer>
#include <QTest>

#include <random>

using namespace trellis;
using namespace trellis::buildlang;

class HardeningTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testDeepNesting_data();
    void testDeepNesting();
    void testDeepPrelude();
    void testSharedSubvalues_data();
    void testSharedSubvalues();
    void testWholeListWorkCharged_data();
    void testWholeListWorkCharged();
    void testGrowingCollectionsLinear_data();
    void testGrowingCollectionsLinear();
    void testHugeLiteralBounded();
    void testStringSearchLinear_data();
    void testStringSearchLinear();
    void testSearcherMatchesStd();
    void testMemoryBudget_data();
    void testMemoryBudget();
    void testLongLineExcerpt();
    void testExcerptUtf8();
    void testLongMessage();
};

namespace {

// Builds `x` 200,000 levels deep, the depth the issue reproduced the crash with.
const std::string kDeepList = "x = []\nfor i in range(200000):\n    x = [x]\n";

} // namespace

void HardeningTest::testDeepNesting_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("printed"); // exact expected print output
    QTest::addColumn<QString>("error");   // substring of the error ("" = no error)
    // Dropping the last reference used to recurse once per level in the destructors.
    QTest::newRow("list freed") << QString::fromStdString(kDeepList + "print(len(x))\n") << "1\n" << "";
    QTest::newRow("list reassigned") << QString::fromStdString(kDeepList + "x = None\nprint('ok')\n") << "ok\n" << "";
    QTest::newRow("dict") << "d = {}\nfor i in range(200000):\n    d = {'k': d}\nprint(len(d))\n" << "1\n" << "";
    QTest::newRow("tuple hashed")
        << "t = ()\nfor i in range(200000):\n    t = (t,)\ns = {t, 1, 2, 3, 4, 5, 6, 7, 8, 9}\nprint(len(s), t in s)\n"
        << "10 True\n" << "";
    QTest::newRow("unhashable deep inside") << "t = ([],)\nfor i in range(200000):\n    t = (t,)\ns = {t}\n"
                                           << "" << "unhashable type: 'tuple'";
    QTest::newRow("lambda defaults") << "f = None\nfor i in range(200000):\n    f = lambda g=f: g\nprint('ok')\n" << "ok\n" << "";
    QTest::newRow("bound methods") << "m = []\nfor i in range(200000):\n    m = [m].copy\nprint('ok')\n" << "ok\n" << "";
    QTest::newRow("instances") << "class C:\n    pass\nx = C()\nfor i in range(200000):\n    y = C()\n    y.next = x\n    x = y\nprint('ok')\n"
                               << "ok\n" << "";
    QTest::newRow("class chain") << "class C:\n    pass\nfor i in range(100000):\n    class C(C):\n        pass\nprint('ok')\n"
                                 << "ok\n" << "";
    QTest::newRow("bound method chain") << "class D:\n    def f(self):\n        return 1\nm = None\nfor i in range(100000):\n"
                                           "    d = D()\n    d.m = m\n    m = d.f\nprint('ok')\n" << "ok\n" << "";
    QTest::newRow("repr") << QString::fromStdString(kDeepList + "print(len(repr(x)) < 1000)\n") << "True\n" << "";
    QTest::newRow("equal") << QString::fromStdString(kDeepList + "y = x\nprint(x == y, x == [x])\n") << "True False\n" << "";
    QTest::newRow("less") << QString::fromStdString(kDeepList + "y = []\nfor i in range(200000):\n    y = [y]\nprint(x < y)\n")
                          << "" << "comparison nested too deeply";
    QTest::newRow("sorted") << QString::fromStdString(kDeepList + "y = []\nfor i in range(200000):\n    y = [y]\nsorted([x, y])\n")
                            << "" << "comparison nested too deeply";
    QTest::newRow("to host") << QString::fromStdString(kDeepList + "python_sources(name='a', tags=x)\n")
                             << "" << "nested too deeply";
    QTest::newRow("str format") << QString::fromStdString(kDeepList + "print(len('{}'.format(x)) < 1000, len('%s' % [x]) < 1000)\n")
                                << "True True\n" << "";
}

void HardeningTest::testDeepNesting()
{
    QFETCH(QString, program);
    QFETCH(QString, printed);
    QFETCH(QString, error);
    const auto ev = test::evaluate(program.toStdString());
    if (error.isEmpty()) {
        QCOMPARE(QString::fromStdString(ev.errors), QString());
        QCOMPARE(QString::fromStdString(ev.printed), printed);
    } else {
        QVERIFY2(QString::fromStdString(ev.errors).contains(error), ev.errors.c_str());
    }
}

void HardeningTest::testDeepPrelude()
{
    // Prelude values are frozen by a walk over everything reachable; it must not recurse.
    const auto ev = test::evaluate("print(len(DEEP))\n", "DEEP = []\nfor i in range(200000):\n    DEEP = [DEEP]\n");
    QCOMPARE(QString::fromStdString(ev.errors), QString());
    QCOMPARE(QString::fromStdString(ev.printed), QStringLiteral("1\n"));
}

void HardeningTest::testSharedSubvalues_data()
{
    QTest::addColumn<QString>("program");
    const QString twoPowSixty = QStringLiteral("x = [1]\nfor i in range(60):\n    x = [x, x]\n"
                                               "y = [1]\nfor i in range(60):\n    y = [y, y]\n");
    QTest::newRow("equal") << twoPowSixty + QStringLiteral("print(x == y)\n");
    QTest::newRow("repr") << twoPowSixty + QStringLiteral("print(len(repr(x)))\n");
    QTest::newRow("in") << twoPowSixty + QStringLiteral("print(y in [x])\n");
    QTest::newRow("hash") << QStringLiteral("t = (1,)\nfor i in range(60):\n    t = (t, t)\n"
                                            "s = {t, 1, 2, 3, 4, 5, 6, 7, 8, 9}\nprint(len(s))\n");
}

void HardeningTest::testSharedSubvalues()
{
    // 2**60 paths through 60 distinct lists: the walks are charged to the step budget.
    QFETCH(QString, program);
    QElapsedTimer timer;
    timer.start();
    const auto ev = test::evaluate(program.toStdString());
    QVERIFY2(timer.elapsed() < 20000, qPrintable(QString::number(timer.elapsed())));
    // Either the walk finishes within the budget, or the budget (or the string limit,
    // for repr's output) stops it.
    const QString errors = QString::fromStdString(ev.errors);
    if (!errors.isEmpty())
        QVERIFY2(errors.contains(QStringLiteral("evaluation step limit exceeded")) || errors.contains(QStringLiteral("string too long")),
                 ev.errors.c_str());
}

void HardeningTest::testWholeListWorkCharged_data()
{
    // Each call walks a million elements; 100,000 calls were 10**11 element visits
    // outside the step budget.
    QTest::addColumn<QString>("call");
    QTest::newRow("count") << "l.count(1)";
    QTest::newRow("index") << "l.index(0)";
    QTest::newRow("copy") << "l.copy()";
    QTest::newRow("reverse") << "l.reverse()";
    QTest::newRow("insert") << "l.insert(0, 0)";
    QTest::newRow("pop front") << "l.pop(0)";
    QTest::newRow("remove") << "l.remove(0)";
    QTest::newRow("sorted") << "sorted(l)";
    QTest::newRow("sort") << "l.sort()";
    QTest::newRow("dict keys") << "d.keys()";
    QTest::newRow("dict items") << "d.items()";
    QTest::newRow("dict copy") << "d.copy()";
}

void HardeningTest::testWholeListWorkCharged()
{
    QFETCH(QString, call);
    const std::string program = "l = [0] * 1000000\nd = dict(zip(range(20000), range(20000)))\n"
                                "for i in range(100000):\n    l.append(0)\n    " + call.toStdString() + "\n";
    QElapsedTimer timer;
    timer.start();
    const auto ev = test::evaluate(program);
    QVERIFY2(timer.elapsed() < 20000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY2(QString::fromStdString(ev.errors).contains(QStringLiteral("evaluation step limit exceeded")), ev.errors.c_str());
}

void HardeningTest::testGrowingCollectionsLinear_data()
{
    // Each insert used to be charged the collection's whole size, so building a 20,000-entry
    // dict one entry at a time cost n**2/64 steps and hit the budget.
    QTest::addColumn<QString>("program");
    QTest::newRow("dict comprehension") << "d = {i: i for i in range(100000)}\n";
    QTest::newRow("set comprehension") << "s = {i for i in range(100000)}\n";
    QTest::newRow("list comprehension") << "l = [i for i in range(100000)]\n";
    QTest::newRow("subscript assignment") << "d = {}\nfor i in range(100000):\n    d[i] = i\n";
    QTest::newRow("append") << "l = []\nfor i in range(100000):\n    l.append(i)\n";
    QTest::newRow("setdefault") << "d = {}\nfor i in range(100000):\n    d.setdefault(i, 0)\n";
}

void HardeningTest::testGrowingCollectionsLinear()
{
    QFETCH(QString, program);
    const auto ev = test::evaluate(program.toStdString());
    QVERIFY2(ev.errors.empty(), ev.errors.c_str());
}

void HardeningTest::testHugeLiteralBounded()
{
    // A one-line literal of 1.1 million elements: tokens and syntax nodes used to take
    // gigabytes before evaluation began; the lexer now stops it with a clean error.
    std::string program = "x = [";
    for (int i = 0; i < 1'100'000; ++i)
        program += "1,";
    program += "]\n";
    const auto ev = test::evaluate(program);
    QVERIFY2(QString::fromStdString(ev.errors).contains(QStringLiteral("file too large to evaluate")), ev.errors.substr(0, 500).c_str());
    QVERIFY2(ev.errors.size() < 2000, "the error echoes a bounded excerpt of the line");
}

void HardeningTest::testStringSearchLinear_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("result");
    // Needle = 800,000 a's then b, haystack = 1,600,000 a's: a naive search compares
    // about 800,000 bytes at each of 800,000 positions.
    QTest::newRow("find") << "h.find(n)" << "-1";
    QTest::newRow("rfind") << "h.rfind(n)" << "-1";
    QTest::newRow("rfind reversed") << "h.rfind('b' + 'a' * 800000)" << "-1";
    QTest::newRow("count") << "h.count(n)" << "0";
    QTest::newRow("in") << "n in h" << "False";
    QTest::newRow("replace") << "len(h.replace(n, 'x'))" << "1600000";
    QTest::newRow("split") << "len(h.split(n))" << "1";
    QTest::newRow("rsplit") << "len(h.rsplit(n))" << "1";
    QTest::newRow("partition") << "len(h.partition(n)[0])" << "1600000";
    QTest::newRow("rpartition") << "len(h.rpartition(n)[2])" << "1600000";
    QTest::newRow("startswith") << "h.startswith(n)" << "False";
    QTest::newRow("strip") << "len(h.strip('b' * 800000 + 'c'))" << "1600000";
    QTest::newRow("found") << "(h + n).find(n)" << "1600000";
    QTest::newRow("found right") << "(n + h).rfind(n)" << "0";
}

void HardeningTest::testStringSearchLinear()
{
    QFETCH(QString, expression);
    QFETCH(QString, result);
    const std::string program = "h = 'a' * 1600000\nn = 'a' * 800000 + 'b'\nprint(" + expression.toStdString() + ")\n";
    QElapsedTimer timer;
    timer.start();
    const auto ev = test::evaluate(program);
    // Quadratic takes many seconds; linear takes milliseconds (the bound is loose for slow machines).
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(QString::fromStdString(ev.errors), QString());
    QCOMPARE(QString::fromStdString(ev.printed), result + QLatin1Char('\n'));
}

void HardeningTest::testSearcherMatchesStd()
{
    // Small alphabets give many partial matches, the cases KMP tables are about.
    std::mt19937 rng(18);
    for (int round = 0; round < 3000; ++round) {
        const int alphabet = 1 + int(rng() % 3);
        auto randomText = [&](std::size_t n) {
            std::string s;
            for (std::size_t i = 0; i < n; ++i)
                s += char('a' + int(rng() % unsigned(alphabet)));
            return s;
        };
        const std::string hay = randomText(rng() % 80);
        const std::string needle = randomText(rng() % 24);
        const Searcher search(needle);
        for (std::size_t from = 0; from <= hay.size() + 1; ++from) {
            QCOMPARE(search.find(hay, from), hay.find(needle, from));
            QCOMPARE(search.rfind(hay, from), hay.rfind(needle, from));
        }
        QCOMPARE(search.rfind(hay), hay.rfind(needle));
    }
}

void HardeningTest::testMemoryBudget_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("error"); // substring ("" = must succeed)
    // 40 live strings of 8 MB each: 320 MB, over the 256 MiB default.
    QTest::newRow("strings kept") << "l = []\nfor i in range(40):\n    l.append('x' * 8000000)\n"
                                  << "memory limit exceeded";
    QTest::newRow("lists kept") << "l = []\nfor i in range(20):\n    l.append([0] * 1000000)\n" << "memory limit exceeded";
    // The same allocations freed as the loop goes stay within the budget.
    QTest::newRow("strings freed") << "for i in range(40):\n    s = 'x' * 8000000\n" << "";
    QTest::newRow("lists freed") << "for i in range(20):\n    l = [0] * 1000000\n" << "";
}

void HardeningTest::testMemoryBudget()
{
    QFETCH(QString, program);
    QFETCH(QString, error);
    const auto ev = test::evaluate(program.toStdString());
    if (error.isEmpty())
        QCOMPARE(QString::fromStdString(ev.errors), QString());
    else
        QVERIFY2(QString::fromStdString(ev.errors).contains(error), ev.errors.c_str());
}

void HardeningTest::testLongLineExcerpt()
{
    // One 600 KB line with an error near its end: the message shows a window of the line
    // with the caret under the offending name, not the whole line.
    std::string line = "x = [";
    for (int i = 0; i < 100000; ++i)
        line += "1, ";
    const std::size_t at = line.size();
    line += "undefined_name, 2, 3]";
    const auto ev = test::evaluate(line + "\n");
    const QStringList lines = QString::fromStdString(ev.errors).split(QLatin1Char('\n'));
    QVERIFY2(lines.size() >= 3, ev.errors.c_str());
    QCOMPARE(lines[0], QStringLiteral("src/BUILD:1:%1: error: name 'undefined_name' is not defined").arg(at + 1));
    QVERIFY2(lines[1].size() <= 210, qPrintable(QString::number(lines[1].size())));
    QVERIFY2(lines[1].startsWith(QStringLiteral("...")) && lines[1].contains(QStringLiteral("1, 1, 1, ")), ev.errors.substr(0, 600).c_str());
    QVERIFY(lines[1].endsWith(QStringLiteral("undefined_name, 2, 3]")));
    const qsizetype caret = lines[2].indexOf(QLatin1Char('^'));
    QCOMPARE(lines[2], QString(caret, QLatin1Char(' ')) + QLatin1Char('^'));
    QCOMPARE(lines[1].mid(caret, 14), QStringLiteral("undefined_name"));
}

void HardeningTest::testExcerptUtf8()
{
    // Columns count code points; the window and the caret must too.
    std::string line;
    for (int i = 0; i < 1000; ++i)
        line += "\xc3\xa9"; // é
    line += "X";
    for (int i = 0; i < 1000; ++i)
        line += "\xc3\xa9";
    base::Diagnostic d = base::Diagnostic::error({"a/BUILD", 1, 1001}, "bad");
    d.sourceLine = line;
    const QStringList lines = QString::fromStdString(d.format()).split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines[1].startsWith(QStringLiteral("...")));
    QVERIFY(lines[1].endsWith(QStringLiteral("...")));
    QVERIFY(lines[1].size() <= 210);
    const qsizetype caret = lines[2].indexOf(QLatin1Char('^'));
    QCOMPARE(lines[1].at(caret), QLatin1Char('X'));

    // Short lines and positions near either end are unchanged or cut on one side only.
    int caretColumn = 0;
    QCOMPARE(base::excerptLine("x = y", 5, caretColumn), std::string("x = y"));
    QCOMPARE(caretColumn, 5);
    const std::string longLine(5000, 'a');
    const std::string head = base::excerptLine(longLine, 3, caretColumn);
    QCOMPARE(head, std::string(200, 'a') + "...");
    QCOMPARE(caretColumn, 3);
    const std::string tail = base::excerptLine(longLine, 5001, caretColumn); // just past the end
    QCOMPARE(tail, "..." + std::string(200, 'a'));
    QCOMPARE(caretColumn, 204);
}

void HardeningTest::testLongMessage()
{
    // The message quotes the 100,000-character name; the shown text keeps both ends.
    const auto ev = test::evaluate(std::string(100000, 'q') + "\n");
    QVERIFY2(ev.errors.size() < 2000, qPrintable(QString::number(ev.errors.size())));
    QVERIFY(QString::fromStdString(ev.errors).contains(QStringLiteral(" ... ")));
}

QTEST_GUILESS_MAIN(HardeningTest)
#include "hardening_test.moc"
