// Tests for the JSON and DOT exports: the JSON parses back with the documented content,
// strings are escaped, DOT output is exact.
#include "core/graph/graphexport.h"
#include "tests/graph/graphbuilder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QTest>

using namespace trellis;
using namespace trellis::graph;
using namespace trellis::graph::testing;

namespace {

std::shared_ptr<const TargetGraph> smallGraph()
{
    GraphBuilder b;
    b.generator("src/b:lib", {"src/b/y.py:lib"});
    b.target("src/a/x.py:lib");
    b.last().sources = {"src/a/x.py"};
    b.last().tags = {"entry", "weird \"quoted\"\n\ttag\x01"};
    b.last().resolve = "python-default";
    b.target("src/app:bin", "pex_binary");
    b.edge("src/a/x.py:lib", "src/b/y.py:lib", EdgeKind::Inferred, {{"src/a/x.py", 3, "b.y", false}});
    b.edge("src/app:bin", "src/b:lib", EdgeKind::Explicit, {}, {"src/app/BUILD", 2, 5});
    return b.build();
}

QJsonObject parse(const std::string &text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(text), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("JSON error at %d: %s", error.offset, qPrintable(error.errorString()));
    return doc.object();
}

} // namespace

class ExportTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testJsonQuote_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << "src/a:lib" << "\"src/a:lib\"";
        QTest::newRow("quote and backslash") << "a\"b\\c" << "\"a\\\"b\\\\c\"";
        QTest::newRow("controls") << "\n\t\r\b\f\x01\x1f" << "\"\\n\\t\\r\\b\\f\\u0001\\u001f\"";
        QTest::newRow("utf-8 passes through") << QString::fromUtf8("caf\xc3\xa9") << QString::fromUtf8("\"caf\xc3\xa9\"");
    }

    void testJsonQuote()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(jsonQuote(input.toStdString())), expected);
    }

    void testJsonContent()
    {
        const auto g = smallGraph();
        const std::string text = exportJson(*g);
        QVERIFY(text.ends_with("}\n"));
        const QJsonObject root = parse(text);
        QCOMPARE(root.value("version").toInt(), kGraphJsonVersion);

        const QJsonArray nodes = root.value("nodes").toArray();
        QStringList addresses;
        for (const QJsonValue &n : nodes)
            addresses << n.toObject().value("address").toString();
        QCOMPARE(addresses, (QStringList{"src/a/x.py:lib", "src/app:bin", "src/b:lib", "src/b/y.py:lib"}));

        const QJsonObject x = nodes.at(0).toObject();
        QCOMPARE(x.keys(), (QStringList{"address", "generator", "is_generator", "resolve", "sources", "tags", "type"}));
        QCOMPARE(x.value("type").toString(), QStringLiteral("python_source"));
        QCOMPARE(x.value("generator").toString(), QStringLiteral("src/a:lib"));
        QCOMPARE(x.value("is_generator").toBool(), false);
        QCOMPARE(x.value("resolve").toString(), QStringLiteral("python-default"));
        QCOMPARE(x.value("sources").toArray(), QJsonArray{"src/a/x.py"});
        QCOMPARE(x.value("tags").toArray(), (QJsonArray{"entry", "weird \"quoted\"\n\ttag\x01"}));

        const QJsonObject bin = nodes.at(1).toObject();
        QVERIFY(bin.value("generator").isNull());
        QVERIFY(bin.value("resolve").isNull());
        QCOMPARE(bin.value("sources").toArray(), QJsonArray{});
        QCOMPARE(nodes.at(2).toObject().value("is_generator").toBool(), true);

        const QJsonArray edges = root.value("edges").toArray();
        QStringList edgeText;
        for (const QJsonValue &v : edges) {
            const QJsonObject e = v.toObject();
            QCOMPARE(e.keys(), (QStringList{"declared_at", "evidence", "from", "kind", "to", "via"}));
            edgeText << e.value("from").toString() + ">" + e.value("to").toString() + ":" + e.value("kind").toString();
        }
        QCOMPARE(edgeText, (QStringList{"src/a/x.py:lib>src/b/y.py:lib:inferred", "src/app:bin>src/b:lib:explicit",
                                        "src/b:lib>src/b/y.py:lib:generated"}));
        const QJsonObject inferred = edges.at(0).toObject();
        QCOMPARE(inferred.value("evidence").toArray(),
                 (QJsonArray{QJsonObject{{"file", "src/a/x.py"}, {"line", 3}, {"module", "b.y"}, {"weak", false}}}));
        QVERIFY(inferred.value("declared_at").isNull());
        QVERIFY(inferred.value("via").isNull());
        const QJsonObject explicitEdge = edges.at(1).toObject();
        QCOMPARE(explicitEdge.value("declared_at").toObject(),
                 (QJsonObject{{"file", "src/app/BUILD"}, {"line", 2}, {"column", 5}}));
    }

    void testJsonExpandedSelection()
    {
        const auto g = smallGraph();
        const std::vector<NodeId> selection = nodes(*g, {"src/b/y.py:lib", "src/app:bin", "src/app:bin"});
        ExportOptions options;
        options.nodes = selection;
        options.expanded = true;
        const QJsonObject root = parse(exportJson(*g, options));
        QCOMPARE(root.value("nodes").toArray().size(), 2);
        const QJsonArray edges = root.value("edges").toArray();
        QCOMPARE(edges.size(), 1);
        const QJsonObject e = edges.at(0).toObject();
        QCOMPARE(e.value("from").toString(), QStringLiteral("src/app:bin"));
        QCOMPARE(e.value("to").toString(), QStringLiteral("src/b/y.py:lib"));
        QCOMPARE(e.value("kind").toString(), QStringLiteral("explicit"));
        QCOMPARE(e.value("via").toString(), QStringLiteral("src/b:lib"));
    }

    void testJsonEmpty()
    {
        const auto g = GraphBuilder().build();
        QCOMPARE(QString::fromStdString(exportJson(*g)),
                 QStringLiteral("{\n  \"version\": 1,\n  \"nodes\": [],\n  \"edges\": []\n}\n"));
    }

    void testJsonIsDeterministic()
    {
        QCOMPARE(exportJson(*smallGraph()), exportJson(*smallGraph()));
    }

    void testDot()
    {
        const auto g = smallGraph();
        QCOMPARE(QString::fromStdString(exportDot(*g)),
                 QStringLiteral("digraph \"trellis\" {\n"
                                "  rankdir=LR;\n"
                                "  node [shape=box];\n"
                                "  \"src/a/x.py:lib\" [type=\"python_source\"];\n"
                                "  \"src/app:bin\" [type=\"pex_binary\"];\n"
                                "  \"src/b:lib\" [type=\"python_sources\", style=rounded];\n"
                                "  \"src/b/y.py:lib\" [type=\"python_source\"];\n"
                                "  \"src/a/x.py:lib\" -> \"src/b/y.py:lib\" [kind=\"inferred\", style=solid];\n"
                                "  \"src/app:bin\" -> \"src/b:lib\" [kind=\"explicit\", style=solid];\n"
                                "  \"src/b:lib\" -> \"src/b/y.py:lib\" [kind=\"generated\", style=dashed];\n"
                                "}\n"));
    }

    void testEdgeKindKeys_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("key");
        QTest::newRow("explicit") << int(EdgeKind::Explicit) << "explicit";
        QTest::newRow("inferred") << int(EdgeKind::Inferred) << "inferred";
        QTest::newRow("generated") << int(EdgeKind::Generated) << "generated";
        QTest::newRow("conftest") << int(EdgeKind::Conftest) << "conftest";
        QTest::newRow("init") << int(EdgeKind::InitFile) << "init_file";
        QTest::newRow("entry point") << int(EdgeKind::EntryPoint) << "entry_point";
        QTest::newRow("requirement") << int(EdgeKind::Requirement) << "requirement";
    }

    void testEdgeKindKeys()
    {
        QFETCH(int, kind);
        QFETCH(QString, key);
        QCOMPARE(QString::fromLatin1(edgeKindKey(EdgeKind(kind))), key);
    }
};

QTEST_GUILESS_MAIN(ExportTest)
#include "export_test.moc"
