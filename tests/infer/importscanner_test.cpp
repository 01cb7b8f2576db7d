// Tests for ImportScanner: what it extracts from Python source (spec §5.3).
#include "core/infer/importscanner.h"

#include <QTest>

using namespace trellis::infer;

namespace {

/// "module@line" per import, "~" suffix for weak ones, sorted by module.
QStringList render(const ScanResult &r)
{
    QStringList out;
    for (const RawImport &i : r.imports)
        out << QString::fromStdString(i.module + "@" + std::to_string(i.line) + (i.weak ? "~" : ""));
    return out;
}

QStringList renderStrings(const ScanResult &r)
{
    QStringList out;
    for (const StringLiteral &s : r.strings)
        out << QString::fromStdString(s.text + "@" + std::to_string(s.line));
    return out;
}

} // namespace

class ImportScannerTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testImports_data();
    void testImports();
    void testStrings_data();
    void testStrings();
    void testRelative_data();
    void testRelative();
    void testHasContent();
    void testGarbageNeverCrashes();
};

void ImportScannerTest::testImports_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("plain") << "import a.b.c\n" << QStringList{"a.b.c@1"};
    QTest::newRow("alias") << "import a.b as x\n" << QStringList{"a.b@1"};
    QTest::newRow("first name only") << "import os, json\nimport z as q, y\n" << QStringList{"os@1", "z@2"};
    QTest::newRow("from names") << "from a.b import c, d\n" << QStringList{"a.b.c@1", "a.b.d@1"};
    QTest::newRow("from alias") << "from a import b as c, d as e\n" << QStringList{"a.b@1", "a.d@1"};
    QTest::newRow("star") << "from a.b import *\n" << QStringList{"a.b@1"};
    QTest::newRow("relative kept") << "from . import x\nfrom ..y import z\nfrom .. import *\nfrom .m import (n)\n"
                                   << QStringList{"..@3", "..y.z@2", ".m.n@4", ".x@1"};
    QTest::newRow("spaced dots") << "from . . a import b\n" << QStringList{"..a.b@1"};
    QTest::newRow("paren multiline") << "from x import (\n    a,\n    b,\n)\n" << QStringList{"x.a@2", "x.b@3"};
    QTest::newRow("backslash") << "from x import a, \\\n    b\nimport \\\n  q\n" << QStringList{"q@4", "x.a@1", "x.b@2"};
    QTest::newRow("semicolons") << "import a; import b; x = 1; from c import d\n"
                                << QStringList{"a@1", "b@1", "c.d@1"};
    QTest::newRow("nested blocks") << "def f():\n    import a\nclass C:\n    from b import c\n"
                                      "if TYPE_CHECKING:\n    import t\n"
                                   << QStringList{"a@2", "b.c@4", "t@6"};
    QTest::newRow("one-liners") << "if x: import a\nfor i in y: import b; import c\ndef f(): import d\n"
                                << QStringList{"a@1", "b@2", "c@2", "d@3"};
    QTest::newRow("lambda header") << "if (lambda: 1)(): import a\nwhile lambda: 0: import b\n"
                                   << QStringList{"a@1", "b@2"};
    QTest::newRow("future dropped") << "from __future__ import annotations\nimport __future__\nimport x\n"
                                    << QStringList{"x@3"};
    QTest::newRow("first line kept") << "import a\nimport a\nfrom a import b\nimport a.b\n"
                                     << QStringList{"a@1", "a.b@3"};

    // Weak imports.
    QTest::newRow("try ImportError") << "try:\n    import ujson\nexcept ImportError:\n    ujson = None\n"
                                     << QStringList{"ujson@2~"};
    QTest::newRow("try as") << "try:\n    import a\nexcept ImportError as e:\n    pass\n" << QStringList{"a@2~"};
    QTest::newRow("try tuple") << "try:\n    import a\nexcept (ValueError, ImportError):\n    pass\n"
                               << QStringList{"a@2~"};
    QTest::newRow("try list") << "try:\n    import a\nexcept [ImportError]:\n    pass\n" << QStringList{"a@2~"};
    QTest::newRow("try paren single") << "try:\n    import a\nexcept (ImportError):\n    pass\n"
                                      << QStringList{"a@2"};
    QTest::newRow("try second clause") << "try:\n    import a\nexcept KeyError:\n    pass\nexcept ImportError:\n"
                                          "    import b\nelse:\n    import c\nfinally:\n    import d\n"
                                       << QStringList{"a@2~", "b@6", "c@8", "d@10"};
    QTest::newRow("ModuleNotFoundError is strong")
        << "try:\n    import a\nexcept ModuleNotFoundError:\n    pass\n" << QStringList{"a@2"};
    QTest::newRow("bare except is strong") << "try:\n    import a\nexcept:\n    pass\n" << QStringList{"a@2"};
    QTest::newRow("attribute is strong") << "try:\n    import a\nexcept builtins.ImportError:\n    pass\n"
                                         << QStringList{"a@2"};
    QTest::newRow("try one-liner") << "try: import a\nexcept ImportError: pass\nimport b\n"
                                   << QStringList{"a@1~", "b@3"};
    QTest::newRow("nested try resets") << "try:\n    try:\n        import a\n    except ValueError:\n        pass\n"
                                          "    import b\n    def f():\n        import c\nexcept ImportError:\n    pass\n"
                                       << QStringList{"a@3", "b@6~", "c@8~"};
    QTest::newRow("after try strong") << "try:\n    import a\nexcept ImportError:\n    pass\nimport c\n"
                                      << QStringList{"a@2~", "c@5"};
    QTest::newRow("weak and strong merge") << "try:\n    import a\nexcept ImportError:\n    pass\nimport a\n"
                                           << QStringList{"a@2"};
    QTest::newRow("suppress") << "with suppress(ImportError):\n    import a\nimport b\n" << QStringList{"a@2~", "b@3"};
    QTest::newRow("contextlib.suppress") << "with contextlib.suppress(ValueError, ImportError) as s:\n    import a\n"
                                         << QStringList{"a@2~"};
    QTest::newRow("suppress other") << "with suppress(KeyError):\n    import a\n" << QStringList{"a@2"};
    QTest::newRow("with open") << "with open(x) as f, suppress(ImportError):\n    import a\n" << QStringList{"a@2~"};
    QTest::newRow("suppress one-liner") << "with suppress(ImportError): import a\nimport b\n"
                                        << QStringList{"a@1~", "b@2"};

    // Pragmas.
    QTest::newRow("pragma statement") << "import yaml  # pants: no-infer-dep\nimport b\n" << QStringList{"b@2"};
    QTest::newRow("pragma name") << "from x import (\n    a,  # pants: no-infer-dep\n    b,\n)\n"
                                 << QStringList{"x.b@3"};
    QTest::newRow("pragma paren end") << "from x import (a,\n    b)  # pants: no-infer-dep\n" << QStringList{};
    QTest::newRow("pragma after semicolon") << "import a; import b  # pants: no-infer-dep\n" << QStringList{"a@1"};
    QTest::newRow("pragma after trailing semicolon") << "import a;  # pants: no-infer-dep\n" << QStringList{};
    QTest::newRow("other comment") << "import a  # noqa\n" << QStringList{"a@1"};

    // __import__.
    QTest::newRow("dunder") << "m = __import__(\"a.b\")\n__import__('c', globals())\n"
                            << QStringList{"a.b@1", "c@2"};
    QTest::newRow("dunder not literal") << "__import__(name)\n__import__(f\"{x}\")\n__import__(\"a\" + b)\n"
                                        << QStringList{};
    QTest::newRow("dunder pragma") << "__import__(\"a\")  # pants: no-infer-dep\n" << QStringList{};

    // Strings and comments hide imports.
    QTest::newRow("strings") << "s = 'import a'\nt = \"\"\"\nimport b\n\"\"\"\nu = r'''from c import d'''\n"
                                "# import e\nv = f\"{x} import q\"\nimport real\n"
                             << QStringList{"real@8"};
    QTest::newRow("escaped quotes") << "s = 'it\\'s'; import a\nt = \"\\\"\"; import b\n"
                                    << QStringList{"a@1", "b@2"};
    QTest::newRow("raw backslash quote") << "s = r'\\'' ; import a\n" << QStringList{"a@1"};
    QTest::newRow("pep701 nested") << "s = f\"{d[\"k\"]} {x:{w}}\"; import a\nt = f'{a!r:>10}'; import b\n"
                                   << QStringList{"a@1", "b@2"};
    QTest::newRow("fstring triple multiline") << "s = f\"\"\"\n{x\n}\nimport no\n\"\"\"\nimport yes\n"
                                              << QStringList{"yes@6"};
    QTest::newRow("bytes and prefixes") << "a = b'x'; b = Rb\"y\"; c = u'z'; d = BR'''w'''\nimport ok\n"
                                        << QStringList{"ok@2"};
    QTest::newRow("brackets span lines") << "x = [\n    1,\n    2]\nimport a\n" << QStringList{"a@4"};
    QTest::newRow("tabs indentation") << "try:\n\timport a\nexcept ImportError:\n\tpass\n" << QStringList{"a@2~"};
    QTest::newRow("crlf") << "import a\r\nfrom b import (\r\n  c)\r\n" << QStringList{"a@1", "b.c@3"};
    QTest::newRow("no trailing newline") << "import a" << QStringList{"a@1"};
    QTest::newRow("bom") << "\xEF\xBB\xBFimport a\n" << QStringList{"a@1"};
    QTest::newRow("import as identifier part") << "important = 1\nfromage = 2\nx.import_ = 3\n" << QStringList{};
    QTest::newRow("unterminated string") << "s = 'abc\nimport a\n" << QStringList{"a@2"};
    QTest::newRow("unterminated triple") << "import a\ns = '''abc\nimport b\n" << QStringList{"a@1"};
}

void ImportScannerTest::testImports()
{
    QFETCH(QString, source);
    QFETCH(QStringList, expected);
    const std::string src = source.toStdString();
    QCOMPARE(render(ImportScanner::scan(src)), expected);
}

void ImportScannerTest::testStrings_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("dotted and paths") << "a = 'x.y.z'\nb = \"data/file.json\"\nc = 'noDot'\n"
                                      << QStringList{"data/file.json@2", "x.y.z@1"};
    QTest::newRow("not plain") << "a = 'a.b\\n'\nb = f'{x}.y'\nc = 'has space.x'\n" << QStringList{};
    QTest::newRow("fstring without fields") << "a = f'p.q.r'\n" << QStringList{"p.q.r@1"};
    QTest::newRow("concatenated") << "a = ('a.b'\n     '.c')\n" << QStringList{"a.b.c@1"};
    QTest::newRow("pragma") << "a = 'x.y.z'  # pants: no-infer-dep\nb = 'p.q.r'\n" << QStringList{"p.q.r@2"};
    QTest::newRow("dunder arg excluded") << "__import__('a.b.c')\n" << QStringList{};
    QTest::newRow("docstring") << "\"\"\"pkg.mod.thing\"\"\"\n" << QStringList{"pkg.mod.thing@1"};
    QTest::newRow("dedup first line") << "a = 'x.y'\nb = 'x.y'\n" << QStringList{"x.y@1"};
}

void ImportScannerTest::testStrings()
{
    QFETCH(QString, source);
    QFETCH(QStringList, expected);
    const std::string src = source.toStdString();
    QCOMPARE(renderStrings(ImportScanner::scan(src)), expected);
}

void ImportScannerTest::testRelative_data()
{
    QTest::addColumn<QString>("module");
    QTest::addColumn<QString>("dir");
    QTest::addColumn<QString>("expected");

    QTest::newRow("absolute") << "a.b" << "pkg/sub" << "a.b";
    QTest::newRow("one dot") << ".x" << "pkg/sub" << "pkg.sub.x";
    QTest::newRow("two dots") << "..y.z" << "pkg/sub" << "pkg.y.z";
    QTest::newRow("dots only") << ".." << "pkg/sub" << "pkg";
    QTest::newRow("level equals depth") << "..q" << "pkg/sub" << "pkg.q";
    QTest::newRow("too many") << "...q" << "pkg/sub" << "...q";
    QTest::newRow("root file") << ".x" << "" << ".x";
    QTest::newRow("single dir") << ".x" << "pkg" << "pkg.x";
}

void ImportScannerTest::testRelative()
{
    QFETCH(QString, module);
    QFETCH(QString, dir);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(resolveRelativeImport(module.toStdString(), dir.toStdString())), expected);
}

void ImportScannerTest::testHasContent()
{
    QVERIFY(!ImportScanner::scan("").hasContent);
    QVERIFY(!ImportScanner::scan("  \n\t\r\n").hasContent);
    QVERIFY(ImportScanner::scan("\n# c\n").hasContent);
}

void ImportScannerTest::testGarbageNeverCrashes()
{
    // Deterministic pseudo-random bytes biased towards Python punctuation.
    const char alphabet[] = "import from try except with suppress(ImportError) f'{\"}' \"\"\" ''' \\ ( ) [ ] { } : ; . , # \n\r\t\x00\xff\xc3";
    std::uint64_t state = 0x9e3779b97f4a7c15ULL;
    for (int round = 0; round < 2000; ++round) {
        std::string s;
        const int len = int(state % 400);
        for (int i = 0; i < len; ++i) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            s += alphabet[state % (sizeof(alphabet) - 1)];
        }
        state += 0x9e3779b97f4a7c15ULL;
        const ScanResult r = ImportScanner::scan(s);
        for (const RawImport &i : r.imports)
            QVERIFY(i.line >= 1);
    }
    // Deep f-string nesting and huge brackets.
    std::string deep;
    for (int i = 0; i < 5000; ++i)
        deep += "f'{";
    QVERIFY(ImportScanner::scan(deep).imports.empty());
    QCOMPARE(render(ImportScanner::scan(std::string(100000, '(') + "\nimport a\n")), QStringList{});
}

QTEST_GUILESS_MAIN(ImportScannerTest)
#include "importscanner_test.moc"
