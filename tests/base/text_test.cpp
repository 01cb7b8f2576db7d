// Tests for the shared text helpers (core/base/text.h).
#include "core/base/text.h"

#include <QTest>

using namespace trellis;

class TextTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testStripped_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("both");
        QTest::addColumn<QString>("left");
        QTest::addColumn<QString>("right");
        QTest::newRow("empty") << "" << "" << "" << "";
        QTest::newRow("all space") << " \t\r\n\v\f" << "" << "" << "";
        QTest::newRow("none") << "a b" << "a b" << "a b" << "a b";
        QTest::newRow("both sides") << "  x y \n" << "x y" << "x y \n" << "  x y";
        QTest::newRow("crlf line") << "key: value\r" << "key: value" << "key: value\r" << "key: value";
        QTest::newRow("non-ascii kept") << " \xc3\xa9 " << "\xc3\xa9" << "\xc3\xa9 " << " \xc3\xa9";
    }
    void testStripped()
    {
        QFETCH(QString, text);
        QFETCH(QString, both);
        QFETCH(QString, left);
        QFETCH(QString, right);
        const std::string s = text.toStdString();
        QCOMPARE(std::string(base::stripped(s)), both.toStdString());
        QCOMPARE(std::string(base::lstripped(s)), left.toStdString());
        QCOMPARE(std::string(base::rstripped(s)), right.toStdString());
    }

    void testCodePointCount_data()
    {
        QTest::addColumn<QByteArray>("utf8");
        QTest::addColumn<int>("count");
        QTest::newRow("empty") << QByteArray() << 0;
        QTest::newRow("ascii") << QByteArray("hello") << 5;
        QTest::newRow("two-byte") << QByteArray("h\xc3\xa9llo") << 5;
        QTest::newRow("three-byte") << QByteArray("\xe2\x82\xac" "1") << 2;
        QTest::newRow("four-byte") << QByteArray("\xf0\x9f\x98\x80") << 1;
        QTest::newRow("stray continuation bytes") << QByteArray("\x80\x80" "a") << 1;
    }
    void testCodePointCount()
    {
        QFETCH(QByteArray, utf8);
        QFETCH(int, count);
        QCOMPARE(base::codePointCount(std::string_view(utf8.constData(), size_t(utf8.size()))), size_t(count));
    }

    void testSplitPathAndProjectName()
    {
        QCOMPARE(base::splitPath("a//b/c/"), (std::vector<std::string_view>{"a", "b", "c"}));
        QCOMPARE(base::normalizeProjectName("PyYAML"), std::string("pyyaml"));
        QCOMPARE(base::normalizeProjectName("zope.interface__x"), std::string("zope-interface-x"));
    }
};

QTEST_GUILESS_MAIN(TextTest)
#include "text_test.moc"
