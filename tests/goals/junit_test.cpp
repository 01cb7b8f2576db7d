// Tests for the JUnit XML parser and interpreter constraints.
#include "core/goals/pythoninterpreter.h"
#include "core/goals/junit.h"

#include <QTest>

using namespace trellis::goals;

class JUnitTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testPytestReport();
    void testMalformed();
    void testConstraints_data();
    void testConstraints();
    void testBadConstraint();
};

void JUnitTest::testPytestReport()
{
    const std::string xml = R"(<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" errors="1" failures="1" skipped="1" tests="4" time="0.05">
<testcase classname="tests.unit.test_math" name="test_add" file="tests/unit/test_math.py" line="3" time="0.001" />
<testcase classname="tests.unit.test_math.TestDiv" name="test_zero" file="tests/unit/test_math.py" line="10" time="0.002">
<failure message="AssertionError: assert 1 == 2">def test_zero():
&gt;       assert 1 == 2
E       AssertionError

tests/unit/test_math.py:12: AssertionError</failure></testcase>
<testcase classname="tests.unit.test_math" name="test_skip" time="0.000"><skipped type="pytest.skip" message="not today">skipped</skipped></testcase>
<testcase classname="tests.unit.test_math" name="test_err" time="0.3"><error message="failed on setup with &quot;fixture 'db' not found&quot;">E fixture 'db' not found</error></testcase>
</testsuite></testsuites>)";
    auto r = parseJUnitXml(xml, "r.xml");
    QVERIFY(r);
    QCOMPARE(int(r->size()), 4);
    const TestCase &a = r->at(0);
    QCOMPARE(QString::fromStdString(a.name), QStringLiteral("test_add"));
    QCOMPARE(a.line, 4);
    QCOMPARE(a.status, TestCaseStatus::Passed);
    const TestCase &b = r->at(1);
    QCOMPARE(b.status, TestCaseStatus::Failed);
    QCOMPARE(QString::fromStdString(b.className), QStringLiteral("tests.unit.test_math.TestDiv"));
    QCOMPARE(QString::fromStdString(b.message), QStringLiteral("AssertionError: assert 1 == 2"));
    QVERIFY(QString::fromStdString(b.details).endsWith(QStringLiteral("tests/unit/test_math.py:12: AssertionError")));
    QCOMPARE(r->at(2).status, TestCaseStatus::Skipped);
    QCOMPARE(QString::fromStdString(r->at(2).message), QStringLiteral("not today"));
    QCOMPARE(r->at(3).status, TestCaseStatus::Error);
    QCOMPARE(r->at(3).durationSeconds, 0.3);
}

void JUnitTest::testMalformed()
{
    auto r = parseJUnitXml("<testsuite>\n<testcase name='x'>\n</testsuite>", "out.xml");
    QVERIFY(!r);
    QCOMPARE(QString::fromStdString(r.diagnostics().front().loc.toString()), QStringLiteral("out.xml:3:13"));
}

void JUnitTest::testConstraints_data()
{
    QTest::addColumn<QStringList>("constraints");
    QTest::addColumn<QString>("impl");
    QTest::addColumn<QString>("version");
    QTest::addColumn<bool>("matches");
    QTest::newRow("range-in") << QStringList{QStringLiteral("CPython>=3.11,<3.14")} << "CPython" << "3.11.7" << true;
    QTest::newRow("range-out") << QStringList{QStringLiteral("CPython>=3.11,<3.14")} << "CPython" << "3.14.0" << false;
    QTest::newRow("wildcard") << QStringList{QStringLiteral("CPython==3.11.*")} << "CPython" << "3.11.2" << true;
    QTest::newRow("wildcard-out") << QStringList{QStringLiteral("CPython==3.11.*")} << "CPython" << "3.12.0" << false;
    QTest::newRow("impl") << QStringList{QStringLiteral("CPython>=3.8")} << "PyPy" << "3.9.0" << false;
    QTest::newRow("no-impl") << QStringList{QStringLiteral(">=3.8")} << "PyPy" << "3.9.0" << true;
    QTest::newRow("or") << QStringList{QStringLiteral("CPython==3.9.*"), QStringLiteral("CPython==3.11.*")} << "CPython"
                        << "3.11.0" << true;
    QTest::newRow("compatible") << QStringList{QStringLiteral("CPython~=3.10")} << "CPython" << "3.12.1" << true;
    QTest::newRow("compatible-out") << QStringList{QStringLiteral("CPython~=3.10.2")} << "CPython" << "3.11.0" << false;
    QTest::newRow("empty") << QStringList{} << "CPython" << "2.7.18" << true;
}

void JUnitTest::testConstraints()
{
    QFETCH(QStringList, constraints);
    QFETCH(QString, impl);
    QFETCH(QString, version);
    QFETCH(bool, matches);
    std::vector<std::string> alts;
    for (const QString &c : constraints)
        alts.push_back(c.toStdString());
    auto ic = InterpreterConstraints::parse(alts);
    QVERIFY(ic);
    const QStringList parts = version.split(QLatin1Char('.'));
    const PythonVersion v{parts[0].toInt(), parts[1].toInt(), parts[2].toInt()};
    QCOMPARE(ic->matches(impl.toStdString(), v), matches);
}

void JUnitTest::testBadConstraint()
{
    auto ic = InterpreterConstraints::parse({"CPython>=three"});
    QVERIFY(!ic);
    QCOMPARE(QString::fromStdString(ic.diagnostics().front().message),
             QStringLiteral("invalid interpreter constraint 'CPython>=three': cannot read '>=three'"));
}

QTEST_GUILESS_MAIN(JUnitTest)
#include "junit_test.moc"
