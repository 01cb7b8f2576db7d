// Grammar: the parser accepts the Python 3.8-3.13 grammar (every statement and expression
// form), whether or not the evaluator runs it.
#include "core/buildlang/parser.h"

#include <QTest>

using namespace trellis::buildlang;

class GrammarTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testAccepted_data();
    void testAccepted();
};

void GrammarTest::testAccepted_data()
{
    QTest::addColumn<QString>("input");
    // A line that starts inside brackets, closes them and goes on is one logical line.
    QTest::newRow("bracket closes then continues") << "x = [\n 1\n] + [2]\n";
    QTest::newRow("black-formatted signature")
        << "def common_scie_config(\n    build_style: str, *, entry_point: str = \"backend.ai\"\n) -> dict[str, object]:\n"
           "    return {\n        \"a\": 1,\n    } | {}\n";
    QTest::newRow("closing bracket at deeper indent") << "if x:\n    y = f(\n        1,\n            )\n    z = 2\n";
}

void GrammarTest::testAccepted()
{
    QFETCH(QString, input);
    SyntaxError err;
    const std::string text = input.toStdString();
    auto m = parseModule("BUILD", text, false, err);
    QVERIFY2(m, (std::to_string(err.line) + ":" + std::to_string(err.column) + ": " + err.message).c_str());
}

QTEST_GUILESS_MAIN(GrammarTest)
#include "grammar_test.moc"
