// Lexer: token kinds, decoded values, positions (columns in code points), and errors.
#include "core/buildlang/lexer.h"

#include <QTest>

using namespace trellis::buildlang;

class LexerTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testTokens_data();
    void testTokens();
    void testErrors_data();
    void testErrors();
};

namespace {

/// "kind@line:col[=value]" per token, space-separated.
QString describe(const std::vector<Token> &toks)
{
    QStringList out;
    for (const Token &t : toks) {
        QString s = QString::fromLatin1(tokenKindName(t.kind)) + QStringLiteral("@%1:%2").arg(t.line).arg(t.column);
        if (t.kind == TokenKind::Name)
            s += QLatin1Char('=') + QString::fromUtf8(t.text.data(), int(t.text.size()));
        else if (t.kind == TokenKind::String)
            s += QLatin1Char('=') + QString::fromUtf8(t.value.data(), int(t.value.size()));
        else if (t.kind == TokenKind::Int)
            s += QLatin1Char('=') + QString::number(t.intValue);
        else if (t.kind == TokenKind::Float)
            s += QLatin1Char('=') + QString::number(t.floatValue);
        else if (t.kind == TokenKind::FString)
            s += QStringLiteral("=%1parts").arg(t.parts.size());
        out << s;
    }
    return out.join(QLatin1Char(' '));
}

} // namespace

void LexerTest::testTokens_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("tokens");
    QTest::newRow("simple call") << "f(a=1)\n"
        << "name@1:1=f '('@1:2 name@1:3=a '='@1:4 integer@1:5=1 ')'@1:6 newline@1:7 end of file@2:1";
    QTest::newRow("indent dedent") << "if x:\n  y\nz\n"
        << "keyword@1:1 name@1:4=x ':'@1:5 newline@1:6 indent@2:3 name@2:3=y newline@2:4 dedent@3:1 name@3:1=z newline@3:2 end of file@4:1";
    QTest::newRow("implicit joining and comments") << "[1, # c\n 2]\n"
        << "'['@1:1 integer@1:2=1 ','@1:3 integer@2:2=2 ']'@2:3 newline@2:4 end of file@3:1";
    QTest::newRow("backslash continuation") << "a = 1 + \\\n  2\n"
        << "name@1:1=a '='@1:3 integer@1:5=1 '+'@1:7 integer@2:3=2 newline@2:4 end of file@3:1";
    QTest::newRow("numbers") << "1_000 0xFF 0o7 0b11 1.5 1e3 .25 10.\n"
        << "integer@1:1=1000 integer@1:7=255 integer@1:12=7 integer@1:16=3 float@1:21=1.5 float@1:25=1000 float@1:29=0.25 float@1:33=10 newline@1:36 end of file@2:1";
    QTest::newRow("strings") << "'a\\n' \"b\" r'\\d' '''t\nq''' f'{x}!'\n"
        << "string@1:1=a\n string@1:7=b string@1:11=\\d string@1:17=t\nq f-string@2:6=2parts newline@2:13 end of file@3:1";
    QTest::newRow("unicode column") << "\xC3\xA9 = '\xE2\x82\xAC' + x\n"
        << "name@1:1=\xC3\xA9 '='@1:3 string@1:5=\xE2\x82\xAC '+'@1:9 name@1:11=x newline@1:12 end of file@2:1";
    QTest::newRow("operators") << "a //= b ** c != d -> e\n"
        << "name@1:1=a '//='@1:3 name@1:7=b '**'@1:9 name@1:12=c '!='@1:14 name@1:17=d '->'@1:19 name@1:22=e newline@1:23 end of file@2:1";
    QTest::newRow("python-only literals") << "b'a' 1j 1.5J ... 9223372036854775808\n"
        << "bytes@1:1 imaginary number@1:6 imaginary number@1:9 '...'@1:14 integer@1:18=0 newline@1:37 end of file@2:1";
    QTest::newRow("blank lines and crlf") << "a\r\n\r\n   \n# c\nb" << "name@1:1=a newline@1:2 name@5:1=b newline@5:2 end of file@5:2";
}

void LexerTest::testTokens()
{
    QFETCH(QString, input);
    QFETCH(QString, tokens);
    const std::string text = input.toStdString();
    Lexer lx(text);
    std::vector<Token> toks;
    QVERIFY2(lx.tokenize(toks), lx.error().message.c_str());
    QCOMPARE(describe(toks), tokens);
}

void LexerTest::testErrors_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("error");
    QTest::newRow("unterminated") << "x = 'abc\n" << "1:5: unterminated string literal (detected at line 1)";
    QTest::newRow("bad char") << "x ? y\n" << "1:3: invalid character '?' (U+003F)";
    QTest::newRow("dedent mismatch") << "if a:\n    b\n  c\n" << "3:3: unindent does not match any outer indentation level";
    QTest::newRow("never closed") << "f(\n  [1,\n" << "2:3: '[' was never closed";
    QTest::newRow("bad escape") << "x = '\\x4'\n" << "1:6: truncated \\x escape";
    QTest::newRow("single brace") << "x = f'a}'\n" << "1:5: f-string: single '}' is not allowed";
}

void LexerTest::testErrors()
{
    QFETCH(QString, input);
    QFETCH(QString, error);
    const std::string text = input.toStdString();
    Lexer lx(text);
    std::vector<Token> toks;
    QVERIFY(!lx.tokenize(toks));
    QCOMPARE(QStringLiteral("%1:%2: ").arg(lx.error().line).arg(lx.error().column) + QString::fromStdString(lx.error().message), error);
}

QTEST_GUILESS_MAIN(LexerTest)
#include "lexer_test.moc"
