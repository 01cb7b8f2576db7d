// Resource limits: hostile files end with an error at a position, never a hang or crash.
#include "tests/buildlang/testutil.h"

#include <QTest>

using namespace trellis::buildlang;

class LimitsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testLimits_data();
    void testLimits();
    void testCancel();
};

void LimitsTest::testLimits_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("error");
    QTest::newRow("string repetition") << "x = 'x' * 10**9\n"
        << "src/BUILD:1:9: error: string too long (repetition would exceed 16777216 bytes)\nx = 'x' * 10**9\n        ^";
    QTest::newRow("list repetition") << "x = [0] * 10**9\n"
        << "src/BUILD:1:9: error: collection too large (repetition would exceed 1048576 elements)\nx = [0] * 10**9\n        ^";
    QTest::newRow("string doubling") << "s = 'x' * 1000\nfor i in range(100):\n    s = s + s\n"
        << "src/BUILD:3:11: error: string too long (32768000 bytes, limit 16777216)\n    s = s + s\n          ^";
    QTest::newRow("recursion") << "def f():\n    return f()\nf()\n"
        << "src/BUILD:2:12: error: maximum recursion depth exceeded (200 nested calls)\n    return f()\n           ^\n"
           "src/BUILD:2:12: note: called from here\n    return f()\n           ^\n"
           "src/BUILD:2:12: note: called from here\n    return f()\n           ^\n"
           "src/BUILD:2:12: note: called from here\n    return f()\n           ^\n"
           "src/BUILD:2:12: note: called from here\n    return f()\n           ^\n"
           "src/BUILD:3:1: note: called from here\nf()\n^";
    QTest::newRow("infinite loop") << "l = [0]\nfor x in l:\n    l.append(x)\n"
        << "src/BUILD:3:5: error: evaluation step limit exceeded (2000000 steps)\n    l.append(x)\n    ^";
    QTest::newRow("step budget") << "for i in range(10**12):\n    pass\n"
        << "src/BUILD:1:10: error: evaluation step limit exceeded (2000000 steps)\nfor i in range(10**12):\n         ^";
    QTest::newRow("huge int") << "x = 10**18 * 10\n"
        << "src/BUILD:1:12: error: integer overflow\nx = 10**18 * 10\n           ^";
    QTest::newRow("deep brackets") << QString(QStringLiteral("x = ") + QString(300, QLatin1Char('[')) + QString(300, QLatin1Char(']')) + QStringLiteral("\n"))
        // The 604-character line is shown as a 200-character window around the column.
        << QString(QStringLiteral("src/BUILD:1:105: error: too many nested parentheses, brackets or blocks\n...")
                   + QString(200, QLatin1Char('[')) + QStringLiteral("...\n") + QString(103, QLatin1Char(' ')) + QStringLiteral("^"));
    QTest::newRow("deep unary") << QString(QStringLiteral("x = ") + QString(200, QLatin1Char('-')) + QStringLiteral("1\n"))
        << QString(QStringLiteral("src/BUILD:1:204: error: too many nested parentheses, brackets or blocks\nx = ")
                   + QString(200, QLatin1Char('-')) + QStringLiteral("1\n") + QString(203, QLatin1Char(' ')) + QStringLiteral("^"));
}

void LimitsTest::testLimits()
{
    QFETCH(QString, program);
    QFETCH(QString, error);
    const auto ev = test::evaluate(program.toStdString());
    QCOMPARE(QString::fromStdString(ev.errors), error);
}

void LimitsTest::testCancel()
{
    Limits limits;
    limits.cancel.cancel();
    const auto ev = test::evaluate("for i in range(100000):\n    pass\n", {}, limits);
    QCOMPARE(QString::fromStdString(ev.errors), QStringLiteral("src/BUILD:2:5: error: evaluation cancelled\n    pass\n    ^"));
}

QTEST_GUILESS_MAIN(LimitsTest)
#include "limits_test.moc"
