// The Jinja subset against real Jinja: every expected string below is what Jinja2 3.1.6
// renders for the same template and context (generated with
// `jinja2.Environment(trim_blocks=..., lstrip_blocks=...).from_string(t).render(**ctx)`),
// whitespace control first, then expressions, filters, tests and loops; then errors.
#include "core/release/jinja.h"

#include <QTest>

using namespace trellis::release::jinja;

namespace {

// The context of every row: {"items": ["b", "a", "C"], "d": {"x": 1, "y": "two"}, "n": 3,
// "s": "Hello World", "empty": [], "text": "line1\nline2", "nested": {"k": ["v1", "v2"]},
// "pairs": [["a", 1], ["b", 2]]}.
Context context()
{
    return {
        {"items", Value::list({"b", "a", "C"})},
        {"d", Value::dict({{"x", 1}, {"y", "two"}})},
        {"n", 3},
        {"s", "Hello World"},
        {"empty", Value::list({})},
        {"text", "line1\nline2"},
        {"nested", Value::dict({{"k", Value::list({"v1", "v2"})}})},
        {"pairs", Value::list({Value::list({"a", 1}), Value::list({"b", 2})})},
    };
}

} // namespace

class JinjaTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testRender_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<bool>("trimBlocks");
        QTest::addColumn<bool>("lstripBlocks");
        QTest::addColumn<QString>("expected");
        QTest::newRow("text only") << QStringLiteral("plain text\n") << false << false << QStringLiteral("plain text");
        QTest::newRow("final newline dropped once") << QStringLiteral("a\n\n") << false << false << QStringLiteral("a\n");
        QTest::newRow("variable") << QStringLiteral("{{ s }}!") << false << false << QStringLiteral("Hello World!");
        QTest::newRow("trim_blocks eats one newline") << QStringLiteral("{% if n %}\nyes\n{% endif %}\nafter\n") << true << false << QStringLiteral("yes\nafter");
        QTest::newRow("no trim_blocks") << QStringLiteral("{% if n %}\nyes\n{% endif %}\nafter\n") << false << false << QStringLiteral("\nyes\n\nafter");
        QTest::newRow("minus strips both sides") << QStringLiteral("a  \n  {%- if n -%}  \n  b  {%- endif %}\nc") << true << false << QStringLiteral("abc");
        QTest::newRow("plus keeps the newline") << QStringLiteral("{% for i in items +%}\n{{ i }}{% endfor %}") << true << false << QStringLiteral("\nb\na\nC");
        QTest::newRow("lstrip_blocks") << QStringLiteral("x\n    {% if n %}\n    y\n    {% endif %}\nz") << true << true << QStringLiteral("x\n    y\nz");
        QTest::newRow("comment trimmed") << QStringLiteral("a\n{# note #}\nb\n{#- tight -#}\n c") << true << false << QStringLiteral("a\nbc");
        QTest::newRow("variable end does not trim") << QStringLiteral("{{ n }}\n{{ n -}}\n  x") << true << false << QStringLiteral("3\n3x");
        QTest::newRow("raw") << QStringLiteral("{% raw %}{{ not evaluated }}{% endraw %}\n!") << true << false << QStringLiteral("{{ not evaluated }}!");
        QTest::newRow("for loop vars") << QStringLiteral("{% for i in items %}{{ loop.index }}/{{ loop.length }}{{ ',' if not loop.last }}{% endfor %}") << false << false << QStringLiteral("1/3,2/3,3/3");
        QTest::newRow("for if filter and loop.last") << QStringLiteral("{% for i in items if i != 'a' %}{{ i }}{% if not loop.last %}+{% endif %}{% endfor %}") << false << false << QStringLiteral("b+C");
        QTest::newRow("for else") << QStringLiteral("{% for i in empty %}x{% else %}none{% endfor %}") << false << false << QStringLiteral("none");
        QTest::newRow("dict items unpacking") << QStringLiteral("{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}") << false << false << QStringLiteral("x=1;y=two;");
        QTest::newRow("keys and values") << QStringLiteral("{{ d.keys()|list }} {{ d.values()|list }}") << false << false << QStringLiteral("['x', 'y'] [1, 'two']");
        QTest::newRow("tuple unpacking of lists") << QStringLiteral("{% for a, b in pairs %}{{ a }}{{ b }}{% endfor %}") << false << false << QStringLiteral("a1b2");
        QTest::newRow("set in loop does not leak") << QStringLiteral("{% set x = 1 %}{% for i in items %}{% set x = 2 %}{% endfor %}{{ x }}") << false << false << QStringLiteral("1");
        QTest::newRow("set block") << QStringLiteral("{% set block %}in {{ n }}{% endset %}[{{ block }}]") << false << false << QStringLiteral("[in 3]");
        QTest::newRow("if elif else") << QStringLiteral("{% if n == 1 %}one{% elif n == 3 %}three{% else %}other{% endif %}") << false << false << QStringLiteral("three");
        QTest::newRow("string methods") << QStringLiteral("{{ s.split(' ')[1] }}|{{ s.upper() }}|{{ s.lower() }}|{{ 'a: b: c'.split(': ', 1)[0] }}|{{ s.endswith('World') }}|{{ s.startswith(('x', 'He')) }}") << false << false << QStringLiteral("World|HELLO WORLD|hello world|a|True|True");
        QTest::newRow("strip and replace") << QStringLiteral("[{{ '  pad  '.strip() }}][{{ s.replace('o', '0') }}][{{ 'xxhixx'.strip('x') }}]") << false << false << QStringLiteral("[pad][Hell0 W0rld][hi]");
        QTest::newRow("in operator") << QStringLiteral("{{ 'World' in s }} {{ 'z' in items }} {{ 'x' in d }} {{ 'q' not in items }}") << false << false << QStringLiteral("True False True True");
        QTest::newRow("arithmetic") << QStringLiteral("{{ n * 2 + 1 }} {{ '-' * n }} {{ 7 // 2 }} {{ 7 % 3 }} {{ -n }} {{ 2 ** 3 }} {{ 'a' ~ n }}") << false << false << QStringLiteral("7 --- 3 1 -3 8 a3");
        QTest::newRow("filters join length upper") << QStringLiteral("{{ items|join(', ') }} {{ items|length }} {{ s|upper }} {{ s|lower }} {{ 'hello world-wide'|title }} {{ 'hELLO'|capitalize }}") << false << false << QStringLiteral("b, a, C 3 HELLO WORLD hello world Hello World-Wide Hello");
        QTest::newRow("sort filters") << QStringLiteral("{{ items|sort|join }} {{ items|sort(case_sensitive=true)|join }} {{ items|sort(reverse=true)|join }}") << false << false << QStringLiteral("abC Cab Cba");
        QTest::newRow("default filter") << QStringLiteral("{{ missing|default('dflt') }} {{ ''|default('e', true) }} {{ n|d(0) }}") << false << false << QStringLiteral("dflt e 3");
        QTest::newRow("replace and indent") << QStringLiteral("{{ text|indent(2) }}|{{ text|indent(4, true) }}|{{ 'a\n\nb'|indent(2, blank=true) }}") << false << false << QStringLiteral("line1\n  line2|    line1\n    line2|a\n  \n  b");
        QTest::newRow("first last reverse") << QStringLiteral("{{ items|first }}{{ items|last }}{{ items|reverse|join }}{{ s|reverse }}") << false << false << QStringLiteral("bCCabdlroW olleH");
        QTest::newRow("list repr and none") << QStringLiteral("{{ items }} {{ d }} {{ none }} {{ true }} {{ pairs[0] }}") << false << false << QStringLiteral("['b', 'a', 'C'] {'x': 1, 'y': 'two'} None True ['a', 1]");
        QTest::newRow("undefined prints empty") << QStringLiteral("[{{ missing }}][{{ d.nope }}][{{ empty[0] }}]") << false << false << QStringLiteral("[][][]");
        QTest::newRow("nested access") << QStringLiteral("{{ nested['k'][1] }} {{ nested.k.0 }} {{ d['y'] }}") << false << false << QStringLiteral("v2 v1 two");
        QTest::newRow("tests") << QStringLiteral("{{ n is odd }} {{ missing is defined }} {{ s is string }} {{ n is divisibleby 3 }} {{ none is none }} {{ d is mapping }}") << false << false << QStringLiteral("True False True True True True");
        QTest::newRow("conditional expression") << QStringLiteral("{{ 'y' if n > 2 else 'n' }}{{ 'never' if false }}") << false << false << QStringLiteral("y");
        QTest::newRow("slices") << QStringLiteral("{{ items[1:]|join }} {{ s[:5] }} {{ s[::-1] }} {{ items[-1] }}") << false << false << QStringLiteral("aC Hello dlroW olleH C");
        QTest::newRow("escapes in strings") << QStringLiteral("{{ items|join(',\\n  ') }}") << false << false << QStringLiteral("b,\n  a,\n  C");
        QTest::newRow("unique map select") << QStringLiteral("{{ ['a','A','b']|unique|join }} {{ pairs|map(attribute='0')|join }} {{ [1,2,3,4]|select('even')|join }} {{ [1,2,3]|reject('odd')|join }}") << false << false << QStringLiteral("ab ab 24 2");
        QTest::newRow("loop cycle and revindex") << QStringLiteral("{% for i in items %}{{ loop.cycle('x','y') }}{{ loop.revindex }}{% endfor %}") << false << false << QStringLiteral("x3y2x1");
        QTest::newRow("dictsort and sum") << QStringLiteral("{{ {'b': 1, 'a': 2}|dictsort }} {{ [1, 2, 3]|sum }} {{ [3, 1]|min }}{{ [3, 1]|max }}") << false << false << QStringLiteral("[('a', 2), ('b', 1)] 6 13");
        QTest::newRow("int and string filters") << QStringLiteral("{{ '42'|int + 1 }} {{ n|string ~ '!' }} {{ 'x'|int }} {{ '  t  '|trim }}") << false << false << QStringLiteral("43 3! 0 t");
        QTest::newRow("macro with defaults and whitespace control") << QStringLiteral("{% macro ref(v, prefix='#') -%}\n   {%- if v.startswith('g') -%}\n     GH {{ v[1:] }}\n   {%- else -%}\n     {{ prefix }}{{ v }}\n   {%- endif -%}\n{%- endmacro -%}\n{% for i in ['g12', '7'] %}{{ ref(i) }}{% if not loop.last %}, {% endif %}{% endfor %} {{ ref('9', prefix='PR') }}\n") << true << false << QStringLiteral("GH 12, #7 PR9");
        QTest::newRow("macro does not see loop variables") << QStringLiteral("{% macro m() %}[{{ i }}{{ n }}]{% endmacro %}{% for i in items %}{{ m() }}{% endfor %}") << true << false << QStringLiteral("[3][3][3]");
    }
    void testRender()
    {
        QFETCH(QString, source);
        QFETCH(bool, trimBlocks);
        QFETCH(bool, lstripBlocks);
        QFETCH(QString, expected);
        auto t = Template::parse(source.toStdString(), "t.j2", {.trimBlocks = trimBlocks, .lstripBlocks = lstripBlocks});
        QVERIFY2(t.ok(), t.ok() ? "" : t.diagnostics().front().format().c_str());
        auto out = t->render(context());
        QVERIFY2(out.ok(), out.ok() ? "" : out.diagnostics().front().format().c_str());
        QCOMPARE(QString::fromStdString(*out), expected);
    }

    void testHostFunction()
    {
        auto t = Template::parse("[{{ get_indent('- x') }}]", "t.j2");
        QVERIFY(t.ok());
        const Context ctx = {{"get_indent", Value::function("get_indent", [](const CallArgs &a) {
                                  return Value(a.positional.at(0).str().rfind("- ", 0) == 0 ? "  " : "");
                              })}};
        QCOMPARE(QString::fromStdString(*t->render(ctx)), QStringLiteral("[  ]"));
    }

    void testErrors_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        // Parse errors.
        QTest::newRow("unclosed if") << "a\n{% if n %}x" << 2 << 12 << "unexpected end of template; Jinja was looking for 'elif' or 'else' or 'endif'";
        QTest::newRow("unknown tag") << "{% frobnicate %}" << 1 << 4 << "encountered unknown tag 'frobnicate'";
        QTest::newRow("call unsupported") << "\n  {% call m() %}{% endcall %}" << 2 << 6
                                          << "the 'call' tag is not supported by Trellis' Jinja subset (see core/release/jinja-grammar.txt)";
        QTest::newRow("unbalanced") << "{{ (n }}" << 1 << 7 << "unexpected '}', expected ')'";
        QTest::newRow("unterminated comment") << "x {# never" << 1 << 3 << "Missing end of comment tag";
        // Run-time errors: Jinja's messages, at the expression that failed.
        QTest::newRow("method of a missing element") << "{% for v in [empty] %}\n{{ v[0].endswith('/0)') }}{% endfor %}" << 2 << 8
                                                     << "list object has no element 0";
        QTest::newRow("attribute of undefined") << "{{ missing.x }}" << 1 << 11 << "'missing' is undefined";
        QTest::newRow("unknown filter") << "{{ n|frob }}" << 1 << 5 << "No filter named 'frob'.";
        QTest::newRow("type error") << "{{ n + s }}" << 1 << 6 << "unsupported operand type(s) for +: 'int' and 'str'";
        QTest::newRow("unpacking") << "{% for a, b in items %}{% endfor %}" << 1 << 4 << "not enough values to unpack (expected 2, got 1)";
    }
    void testErrors()
    {
        QFETCH(QString, source);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, message);
        auto t = Template::parse(source.toStdString(), "changes/template.md", {.trimBlocks = true});
        trellis::base::Diagnostics diags;
        if (!t) {
            diags = t.diagnostics();
        } else {
            auto out = t->render(context());
            QVERIFY(!out.ok());
            diags = out.diagnostics();
        }
        QCOMPARE(diags.size(), size_t(1));
        QCOMPARE(QString::fromStdString(diags.front().message), message);
        QCOMPARE(QString::fromStdString(diags.front().loc.file), QStringLiteral("changes/template.md"));
        QCOMPARE(diags.front().loc.line, line);
        QCOMPARE(diags.front().loc.column, column);
    }
};

QTEST_GUILESS_MAIN(JinjaTest)
#include "jinja_test.moc"
