// Parser: statement/expression shapes with positions, and syntax errors.
#include "core/buildlang/parser.h"

#include <QTest>

using namespace trellis::buildlang;

class ParserTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testShapes_data();
    void testShapes();
    void testErrors_data();
    void testErrors();
};

namespace {

QString kindName(NodeKind k)
{
    static const char *names[] = {"Name", "Literal", "FString", "List", "Tuple", "Set", "Dict", "Comprehension", "Cond",
                                  "Lambda", "Unary", "Binary", "BoolOp", "Compare", "Call", "Attr", "Index", "Slice",
                                  "Star", "ExprStmt", "Assign", "AugAssign", "Def", "Return", "If", "For", "Break",
                                  "Continue", "Pass", "Raise", "Assert"};
    return QString::fromLatin1(names[int(k)]);
}

/// "Kind@line:col" of each top-level statement and, for expression statements and
/// assignments, of the expression.
QString shape(const Module &m)
{
    QStringList out;
    for (const Stmt *s : m.body) {
        QString t = kindName(s->kind) + QStringLiteral("@%1:%2").arg(s->pos.line).arg(s->pos.column);
        const Expr *e = nullptr;
        if (s->kind == NodeKind::ExprStmt)
            e = static_cast<const ExprStmt *>(s)->expr;
        else if (s->kind == NodeKind::Assign)
            e = static_cast<const AssignStmt *>(s)->value;
        if (e)
            t += QStringLiteral("(") + kindName(e->kind) + QStringLiteral("@%1:%2)").arg(e->pos.line).arg(e->pos.column);
        out << t;
    }
    return out.join(QLatin1Char(' '));
}

} // namespace

void ParserTest::testShapes_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("shape");
    QTest::newRow("call") << "python_sources(name='a', **d)\n" << "ExprStmt@1:1(Call@1:1)";
    QTest::newRow("assignments") << "a = 1\nb, c = 1, 2\nd += [1]\ne: int = 2\n"
        << "Assign@1:1(Literal@1:5) Assign@2:1(Tuple@2:8) AugAssign@3:1 Assign@4:1(Literal@4:10)";
    QTest::newRow("compound") << "def f(a, *b, c=1, **d):\n    return a\nif x:\n    pass\nelif y:\n    pass\nfor i in l:\n    break\n"
        << "Def@1:1 If@3:1 For@7:1";
    QTest::newRow("expressions") << "x = a if b else c\ny = [i for i in l if i]\nz = lambda q: q\nw = not a or b and c\nv = 1 < 2 < 3\nu = a.b[1:2].c\n"
        << "Assign@1:1(Cond@1:5) Assign@2:1(Comprehension@2:5) Assign@3:1(Lambda@3:5) Assign@4:1(BoolOp@4:5) Assign@5:1(Compare@5:5) Assign@6:1(Attr@6:5)";
    QTest::newRow("displays") << "a = ()\nb = (1,)\nc = (1)\nd = {1}\ne = {}\nf = {**x, 'k': 1}\ng = {k: v for k, v in x}\n"
        << "Assign@1:1(Tuple@1:5) Assign@2:1(Tuple@2:5) Assign@3:1(Literal@3:6) Assign@4:1(Set@4:5) Assign@5:1(Dict@5:5) Assign@6:1(Dict@6:5) Assign@7:1(Comprehension@7:5)";
    QTest::newRow("strings") << "a = 'x' 'y'\nb = f'{a}' 'z'\n" << "Assign@1:1(Literal@1:5) Assign@2:1(FString@2:5)";
}

void ParserTest::testShapes()
{
    QFETCH(QString, input);
    QFETCH(QString, shape);
    SyntaxError err;
    const std::string text = input.toStdString();
    auto m = parseModule("BUILD", text, false, err);
    QVERIFY2(m, err.message.c_str());
    QCOMPARE(::shape(*m), shape);
}

void ParserTest::testErrors_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("error");
    QTest::newRow("missing colon") << "if x\n    pass\n" << "1:5: expected ':'";
    QTest::newRow("missing indent") << "def f():\nreturn 1\n" << "2:1: expected an indented block after function definition on line 1";
    QTest::newRow("bad target") << "1 = x\n" << "1:1: cannot assign to literal";
    QTest::newRow("starred alone") << "*a = b\n" << "1:1: starred assignment target must be in a list or tuple";
    QTest::newRow("bare star") << "def f(*):\n    pass\n" << "1:7: named arguments must follow bare *";
    QTest::newRow("fstring syntax") << "x = f'{a b}'\n" << "1:10: f-string: invalid syntax";
}

void ParserTest::testErrors()
{
    QFETCH(QString, input);
    QFETCH(QString, error);
    SyntaxError err;
    const std::string text = input.toStdString();
    auto m = parseModule("BUILD", text, false, err);
    QVERIFY(!m);
    QCOMPARE(QStringLiteral("%1:%2: ").arg(err.line).arg(err.column) + QString::fromStdString(err.message), error);
}

QTEST_GUILESS_MAIN(ParserTest)
#include "parser_test.moc"
