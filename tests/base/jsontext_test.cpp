// Issue 18 item 10: one JSON string writer that always produces valid UTF-8 (ill-formed
// bytes become U+FFFD, never a lone surrogate), and line-safe names for line output.
#include "core/base/jsontext.h"

#include <QJsonDocument>
#include <QTest>

using namespace trellis::base;

class JsonTextTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testJsonString_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("keep");   // JsonAscii::Keep
        QTest::addColumn<QByteArray>("escape"); // JsonAscii::Escape
        QTest::newRow("plain") << QByteArray("src/a.py:lib") << QByteArray("\"src/a.py:lib\"") << QByteArray("\"src/a.py:lib\"");
        QTest::newRow("quotes, controls")
            << QByteArray("a\"b\\c\nd\x01\x7f") << QByteArray("\"a\\\"b\\\\c\\nd\\u0001\x7f\"") << QByteArray("\"a\\\"b\\\\c\\nd\\u0001\x7f\"");
        QTest::newRow("valid utf-8") << QByteArray("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80") << QByteArray("\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"")
                                     << QByteArray("\"caf\\u00e9 \\u20ac \\ud83d\\ude00\"");
        QTest::newRow("latin-1 byte") << QByteArray("caf\xe9.py") << QByteArray("\"caf\xef\xbf\xbd.py\"") << QByteArray("\"caf\\ufffd.py\"");
        QTest::newRow("encoded surrogate") << QByteArray("x\xed\xb3\xbfy") << QByteArray("\"x\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdy\"")
                                           << QByteArray("\"x\\ufffd\\ufffd\\ufffdy\"");
        QTest::newRow("truncated at end") << QByteArray("a\xe2\x82") << QByteArray("\"a\xef\xbf\xbd\"") << QByteArray("\"a\\ufffd\"");
        QTest::newRow("overlong") << QByteArray("\xc0\xaf") << QByteArray("\"\xef\xbf\xbd\xef\xbf\xbd\"") << QByteArray("\"\\ufffd\\ufffd\"");
        QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << QByteArray("\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"")
                                        << QByteArray("\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
        QTest::newRow("stray continuation, ff") << QByteArray("\x80\xff") << QByteArray("\"\xef\xbf\xbd\xef\xbf\xbd\"")
                                                << QByteArray("\"\\ufffd\\ufffd\"");
    }
    void testJsonString()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, keep);
        QFETCH(QByteArray, escape);
        const std::string in = input.toStdString();
        const std::string k = jsonString(in, JsonAscii::Keep);
        const std::string e = jsonString(in, JsonAscii::Escape);
        QCOMPARE(QByteArray::fromStdString(k), keep);
        QCOMPARE(QByteArray::fromStdString(e), escape);
        QVERIFY(isValidUtf8(k));
        for (char c : e)
            QVERIFY(static_cast<unsigned char>(c) < 0x80);
        // Both parse as JSON and decode to the same string.
        for (const std::string &doc : {k, e}) {
            QJsonParseError err{};
            const QJsonDocument d = QJsonDocument::fromJson(QByteArray::fromStdString("[" + doc + "]"), &err);
            QCOMPARE(err.error, QJsonParseError::NoError);
        }
        QCOMPARE(QJsonDocument::fromJson(QByteArray::fromStdString("[" + k + "]")).toJson(),
                 QJsonDocument::fromJson(QByteArray::fromStdString("[" + e + "]")).toJson());
        // No lone surrogate escapes in the ASCII form: every \ud8xx-\udbxx is followed by \udc-\udf.
        for (size_t i = e.find("\\ud"); i != std::string::npos; i = e.find("\\ud", i + 1)) {
            const char c = e[i + 3];
            if (c >= '8' && c <= 'b') {
                QCOMPARE(e.substr(i + 6, 3), std::string("\\ud"));
                QVERIFY(e[i + 9] >= 'c' && e[i + 9] <= 'f');
                i += 6;
            } else {
                QVERIFY2(!(c >= 'c' && c <= 'f'), e.c_str());
            }
        }
        QCOMPARE(QByteArray::fromStdString(toValidUtf8(in)), keep.mid(1, keep.size() - 2).replace("\\\"", "\"").replace("\\\\", "\\").replace("\\n", "\n").replace("\\u0001", "\x01"));
    }

    void testLineSafeName_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("plain") << QByteArray("src/a.py:lib") << QByteArray("src/a.py:lib");
        QTest::newRow("utf-8 kept") << QByteArray("src/caf\xc3\xa9.py") << QByteArray("src/caf\xc3\xa9.py");
        QTest::newRow("backslash and quote kept when safe") << QByteArray("a\\b\"c") << QByteArray("a\\b\"c");
        QTest::newRow("newline") << QByteArray("src/a\nb.py:lib") << QByteArray("\"src/a\\nb.py:lib\"");
        QTest::newRow("newline and quote") << QByteArray("a\n\"b\\") << QByteArray("\"a\\n\\\"b\\\\\"");
        QTest::newRow("tab, DEL") << QByteArray("a\tb\x7f") << QByteArray("\"a\\tb\\u007f\"");
        QTest::newRow("invalid bytes as \\x") << QByteArray("caf\xe9\xff.py") << QByteArray("\"caf\\xe9\\xff.py\"");
        QTest::newRow("utf-8 inside quoted form") << QByteArray("\xc3\xa9\n") << QByteArray("\"\xc3\xa9\\n\"");
    }
    void testLineSafeName()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        const std::string out = lineSafeName(input.toStdString());
        QCOMPARE(QByteArray::fromStdString(out), expected);
        QCOMPARE(isLineSafe(input.toStdString()), input == expected);
        QVERIFY(out.find('\n') == std::string::npos);
        QVERIFY(isValidUtf8(out));
    }
};

QTEST_GUILESS_MAIN(JsonTextTest)
#include "jsontext_test.moc"
