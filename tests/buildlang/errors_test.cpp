// Error reporting: the chunked golden file testdata/errors.star (one error per chunk at
// the line marked with ### "regex"), and exact formatted diagnostics with caret lines.
#include "tests/buildlang/testutil.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace trellis::buildlang;

class ErrorsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testGolden_data();
    void testGolden();
    void testFormatted_data();
    void testFormatted();
    void testOtherFilesUnaffected();
};

void ErrorsTest::testGolden_data()
{
    QTest::addColumn<QString>("chunk");
    QTest::addColumn<int>("line");      // 0 = no error expected
    QTest::addColumn<QString>("regex");
    QFile f(QStringLiteral(TRELLIS_TEST_DATA "/buildlang/testdata/errors.star"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
    static const QRegularExpression marker(QStringLiteral("###\\s*\"(.*)\"\\s*$"));
    QStringList chunk;
    int firstLine = 1, chunkNo = 0;
    auto flush = [&](int startLine) {
        int line = 0;
        QString regex;
        for (int i = 0; i < chunk.size(); ++i) {
            const auto m = marker.match(chunk[i]);
            if (m.hasMatch()) {
                QVERIFY2(line == 0, "one marker per chunk");
                line = i + 1;
                regex = m.captured(1).replace(QStringLiteral("\\\""), QStringLiteral("\""));
            }
        }
        QTest::addRow("chunk %d (errors.star:%d)", chunkNo++, startLine) << chunk.join(QLatin1Char('\n')) << line << regex;
        chunk.clear();
    };
    bool inHeader = true;
    for (int i = 0; i < lines.size(); ++i) {
        if (inHeader && lines[i].startsWith(QLatin1Char('#'))) {
            firstLine = i + 2;
            continue;
        }
        inHeader = false;
        if (lines[i] == QLatin1String("---")) {
            flush(firstLine);
            firstLine = i + 2;
        } else {
            chunk << lines[i];
        }
    }
    if (!chunk.isEmpty())
        flush(firstLine);
}

void ErrorsTest::testGolden()
{
    QFETCH(QString, chunk);
    QFETCH(int, line);
    QFETCH(QString, regex);
    test::Recorder rec;
    auto dialect = test::makeDialect();
    auto prelude = Prelude::empty(dialect);
    const std::string text = chunk.toStdString() + "\n";
    FileResult r = evaluateBuildFile(*prelude, "src/BUILD", text, &rec);
    if (line == 0) {
        QCOMPARE(QString::fromStdString(test::formatAll(r.diagnostics)), QString());
        return;
    }
    QVERIFY2(!r.ok(), "expected an error");
    const trellis::base::Diagnostic &d = r.diagnostics.front();
    QString message = QString::fromStdString(d.message);
    if (!d.hint.empty())
        message += QStringLiteral(" (") + QString::fromStdString(d.hint) + QLatin1Char(')');
    const QRegularExpression re(QRegularExpression::anchoredPattern(regex));
    QVERIFY2(re.isValid(), qPrintable(re.errorString()));
    QVERIFY2(re.match(message).hasMatch(), qPrintable(QStringLiteral("message: ") + message));
    QCOMPARE(d.loc.file, std::string("src/BUILD"));
    QCOMPARE(d.loc.line, line);
    QVERIFY(d.loc.column >= 1);
    QCOMPARE(d.sourceLine, trellis::base::lineOf(text, line));
}

void ErrorsTest::testFormatted_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("expected");
    QTest::newRow("name error with hint")
        << "python_sources(name='a')\npyton_sources(name='b')\n"
        << "src/BUILD:2:1: error: name 'pyton_sources' is not defined\npyton_sources(name='b')\n^\n(did you mean python_sources?)";
    QTest::newRow("nested name error")
        << "x = [1,\n     undefined_thing]\n"
        << "src/BUILD:2:6: error: name 'undefined_thing' is not defined\n     undefined_thing]\n     ^";
    QTest::newRow("positional target arg")
        << "python_tests(\"x\")\n"
        << "src/BUILD:1:1: error: python_tests() takes no positional arguments\npython_tests(\"x\")\n^";
    QTest::newRow("binary operator position")
        << "x = 1 + 2 * None - 3\n"
        << "src/BUILD:1:11: error: unsupported operand type(s) for *: 'int' and 'NoneType'\nx = 1 + 2 * None - 3\n          ^";
    QTest::newRow("syntax error column in code points")
        << "s = '\xC3\xA9\xC3\xA9' $\n"
        << "src/BUILD:1:10: error: invalid character '$' (U+0024)\ns = '\xC3\xA9\xC3\xA9' $\n         ^";
    QTest::newRow("import")
        << "x = 1\n\nimport os\n"
        << "src/BUILD:3:1: error: Import used in src/BUILD at line 3. Import statements are banned in BUILD files and macros "
           "(that act like a normal BUILD file) because they can easily break Pants caching and lead to stale results. "
           "Instead, consider writing a plugin.\nimport os\n^";
    QTest::newRow("method argument error")
        << "x = ','.join([1])\n"
        << "src/BUILD:1:9: error: sequence item 0: expected str instance, int found\nx = ','.join([1])\n        ^";
    QTest::newRow("key error at key")
        << "d = {}\nx = d['missing']\n"
        << "src/BUILD:2:7: error: key 'missing' not found in dict\nx = d['missing']\n      ^";
}

void ErrorsTest::testFormatted()
{
    QFETCH(QString, program);
    QFETCH(QString, expected);
    const auto ev = test::evaluate(program.toStdString());
    QCOMPARE(QString::fromStdString(ev.errors), expected);
}

void ErrorsTest::testOtherFilesUnaffected()
{
    auto dialect = test::makeDialect();
    auto prelude = Prelude::empty(dialect);
    test::Recorder a, b;
    FileResult bad = evaluateBuildFile(*prelude, "a/BUILD", "python_sources(name='a')\nboom()\n", &a);
    FileResult good = evaluateBuildFile(*prelude, "b/BUILD", "python_sources(name='b')\n", &b);
    QVERIFY(!bad.ok());
    QVERIFY(good.ok());
    QCOMPARE(a.calls.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(b.summary()), QStringLiteral("python_sources(name='b')\n"));
}

QTEST_GUILESS_MAIN(ErrorsTest)
#include "errors_test.moc"
