// Tests for core/base: diagnostics formatting, "did you mean", atomic writes.
#include "core/base/diagnostic.h"
#include "core/base/paths.h"
#include "core/base/spell.h"

#include <QTemporaryDir>
#include <QTest>

using namespace trellis::base;

class DiagnosticTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testFormat_data();
    void testFormat();
    void testNearest_data();
    void testNearest();
    void testLineOf();
    void testAtomicWrite();
};

void DiagnosticTest::testFormat_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("hint");
    QTest::addColumn<QString>("expected");
    QTest::newRow("caret") << "pyton_sources()" << 1 << "did you mean python_sources?"
                           << "src/BUILD:3:1: error: bad\npyton_sources()\n^\n(did you mean python_sources?)";
    QTest::newRow("indented") << "    x = y" << 9 << ""
                              << "src/BUILD:3:9: error: bad\n    x = y\n        ^";
    QTest::newRow("utf8") << QString::fromUtf8("s = \"é\" + x") << 11 << ""
                          << QString::fromUtf8("src/BUILD:3:11: error: bad\ns = \"é\" + x\n          ^");
    QTest::newRow("no-source") << "" << 4 << "" << "src/BUILD:3:4: error: bad";
}

void DiagnosticTest::testFormat()
{
    QFETCH(QString, source);
    QFETCH(int, column);
    QFETCH(QString, hint);
    QFETCH(QString, expected);
    Diagnostic d = Diagnostic::error({"src/BUILD", 3, column}, "bad", hint.toStdString());
    d.sourceLine = source.toStdString();
    QCOMPARE(QString::fromStdString(d.format()), expected);
}

void DiagnosticTest::testNearest_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");
    QTest::newRow("typo") << "pyton_sources" << "python_sources";
    QTest::newRow("case") << "Python_Tests" << "python_tests";
    QTest::newRow("far") << "zzzzzz" << "";
}

void DiagnosticTest::testNearest()
{
    QFETCH(QString, name);
    QFETCH(QString, expected);
    const std::vector<std::string> known{"python_sources", "python_tests", "files"};
    QCOMPARE(QString::fromStdString(nearest(name.toStdString(), known)), expected);
}

void DiagnosticTest::testLineOf()
{
    QCOMPARE(QString::fromStdString(lineOf("a\r\nbb\nccc", 2)), QStringLiteral("bb"));
    QCOMPARE(QString::fromStdString(lineOf("a\nbb\nccc", 3)), QStringLiteral("ccc"));
    QCOMPARE(QString::fromStdString(lineOf("a", 5)), QString());
}

void DiagnosticTest::testAtomicWrite()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("sub/VERSION")).toStdString();
    QVERIFY(writeFileAtomic(path, "1.0").ok());
    QCOMPARE(QString::fromStdString(*readFile(path)), QStringLiteral("1.0"));
    QVERIFY(writeFileAtomic(path, "2.0").ok());
    QCOMPARE(QString::fromStdString(*readFile(path)), QStringLiteral("2.0"));
    // A directory in the way makes the write fail without touching anything.
    QDir(dir.path()).mkpath(QStringLiteral("blocked/VERSION"));
    QVERIFY(!writeFileAtomic(dir.filePath(QStringLiteral("blocked/VERSION")).toStdString(), "x").ok());
}

QTEST_GUILESS_MAIN(DiagnosticTest)
#include "diagnostic_test.moc"
