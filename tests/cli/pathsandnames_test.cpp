// Issue 18 items 9 and 10 at the CLI: `paths` prints at most --limit paths as it finds
// them and says on stderr how many were left out; names with a newline or invalid UTF-8
// stay one line in `list`/`dependencies` output and valid UTF-8 in JSON.
#include "core/base/jsontext.h"
#include "app/cli/graphgoals.h"
#include "app/cli/introspectiongoals.h"
#include "tests/graph/graphbuilder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QObject>
#include <QTest>

#include <sstream>

using namespace trellis;
using namespace trellis::graph::testing;

namespace {

class FakeContext : public cli::GoalContext {
public:
    FakeContext(std::shared_ptr<const graph::TargetGraph> g, std::ostream &o, std::ostream &e)
        : GoalContext(o, e)
        , m_graph(std::move(g))
    {
    }
    std::shared_ptr<const workspace::Workspace> workspace() override { return m_graph->workspace(); }
    std::shared_ptr<const graph::TargetGraph> graph() override { return m_graph; }
    std::optional<std::vector<int>> selectedTargets() override
    {
        std::vector<int> out;
        for (const std::string &s : specs)
            out.push_back(node(*m_graph, QString::fromStdString(s)));
        std::sort(out.begin(), out.end());
        return out;
    }

private:
    std::shared_ptr<const graph::TargetGraph> m_graph;
};

/// A generator of `files` files, each importing src/core/c.py and, for every third file,
/// also src/core/d.py which imports c.py: 4 paths per three files.
std::shared_ptr<const graph::TargetGraph> wideGraph(int files)
{
    GraphBuilder b;
    std::vector<std::string> generated;
    for (int i = 0; i < files; ++i)
        generated.push_back("src/big/f" + std::to_string(1000 + i) + ".py:lib");
    b.generator("src/big:lib", generated);
    b.generator("src/core:lib", {"src/core/c.py:lib", "src/core/d.py:lib"});
    b.edge("src/core/d.py:lib", "src/core/c.py:lib");
    for (int i = 0; i < files; ++i) {
        b.edge(generated[std::size_t(i)], "src/core/c.py:lib");
        if (i % 3 == 0)
            b.edge(generated[std::size_t(i)], "src/core/d.py:lib");
    }
    return b.build();
}

struct Run {
    int code = -1;
    std::string out, err;
};

Run runIn(const std::shared_ptr<const graph::TargetGraph> &g, const char *goal, std::vector<std::string> specs,
        std::map<std::string, std::string> options)
{
    cli::GoalRegistry registry;
    cli::registerGraphGoals(registry);
    cli::registerIntrospectionGoals(registry);
    std::ostringstream o, e;
    FakeContext context(g, o, e);
    context.specs = std::move(specs);
    for (const auto &[k, v] : options)
        context.goalOptions[k].push_back(v);
    Run r;
    r.code = registry.find(goal)->run(context);
    r.out = o.str();
    r.err = e.str();
    return r;
}

} // namespace

class PathsAndNamesTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testPathsLimit_data()
    {
        QTest::addColumn<QString>("limit"); // "" = default
        QTest::addColumn<int>("printed");
        QTest::addColumn<QString>("err");
        // 300 files: 300 direct paths + 100 through d.py = 400.
        QTest::newRow("default 100") << "" << 100 << "300 more path(s) not shown (--limit=100; --limit=0 prints them all)\n";
        QTest::newRow("limit 7") << "7" << 7 << "393 more path(s) not shown (--limit=7; --limit=0 prints them all)\n";
        QTest::newRow("no limit") << "0" << 400 << "";
        QTest::newRow("limit above total") << "1000" << 400 << "";
    }
    void testPathsLimit()
    {
        QFETCH(QString, limit);
        QFETCH(int, printed);
        QFETCH(QString, err);
        std::map<std::string, std::string> options{{"--from", "src/big:lib"}, {"--to", "src/core/c.py:lib"}};
        if (!limit.isEmpty())
            options["--limit"] = limit.toStdString();
        const Run r = runIn(wideGraph(300), "paths", {}, options);
        QCOMPARE(r.code, 0);
        QCOMPARE(QString::fromStdString(r.err), err);
        QJsonParseError perr{};
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(r.out), &perr);
        QCOMPARE(perr.error, QJsonParseError::NoError);
        QCOMPARE(int(doc.array().size()), printed);
        // Sources in order, shortest first per pair.
        const QJsonArray first = doc.array().at(0).toArray();
        QCOMPARE(first.size(), 2);
        QCOMPARE(first.at(0).toString(), QStringLiteral("src/big/f1000.py:lib"));
        QCOMPARE(first.at(1).toString(), QStringLiteral("src/core/c.py:lib"));
        QCOMPARE(doc.array().at(1).toArray().size(), 3);
    }

    void testPathsFormatUnchanged()
    {
        const Run r = runIn(wideGraph(1), "paths", {}, {{"--from", "src/big/f1000.py:lib"}, {"--to", "src/core/c.py:lib"}});
        QCOMPARE(r.code, 0);
        QCOMPARE(QString::fromStdString(r.out),
                 QStringLiteral("[\n  [\n    \"src/big/f1000.py:lib\",\n    \"src/core/c.py:lib\"\n  ],\n"
                                "  [\n    \"src/big/f1000.py:lib\",\n    \"src/core/d.py:lib\",\n    \"src/core/c.py:lib\"\n  ]\n]\n"));
        const Run none = runIn(wideGraph(1), "paths", {}, {{"--from", "src/core/c.py:lib"}, {"--to", "src/core/d.py:lib"}});
        QCOMPARE(QString::fromStdString(none.out), QStringLiteral("[]\n"));
        QCOMPARE(QString::fromStdString(none.err), QString());
        const Run bad = runIn(wideGraph(1), "paths", {}, {{"--from", "src/core/c.py:lib"}, {"--to", "src/core/d.py:lib"}, {"--limit", "-3"}});
        QCOMPARE(bad.code, int(cli::kExitUsage));
    }

    void testNamesWithNewlinesAndBadBytes()
    {
        GraphBuilder b;
        b.target("src/app.py:lib").target("src/a\nb.py:lib").target("src/caf\xe9.py:lib").target("src/ok.py:lib");
        b.edge("src/app.py:lib", "src/a\nb.py:lib").edge("src/app.py:lib", "src/caf\xe9.py:lib").edge("src/app.py:lib", "src/ok.py:lib");
        const auto g = b.build();

        const Run deps = runIn(g, "dependencies", {"src/app.py:lib"}, {});
        QCOMPARE(deps.code, 0);
        QCOMPARE(QByteArray::fromStdString(deps.out), QByteArray("\"src/a\\nb.py:lib\"\n\"src/caf\\xe9.py:lib\"\nsrc/ok.py:lib\n"));
        QCOMPARE(QString::fromStdString(deps.err),
                 QStringLiteral("warning: 2 names have control characters or invalid UTF-8; printed double-quoted with escapes\n"));
        // With a NUL separator the bytes go out as they are.
        const Run raw = runIn(g, "dependencies", {"src/app.py:lib"}, {{"--sep", "\\0"}});
        static const char rawExpected[] = "src/a\nb.py:lib\0src/caf\xe9.py:lib\0src/ok.py:lib\0";
        QCOMPARE(QByteArray::fromStdString(raw.out), QByteArray(rawExpected, sizeof rawExpected - 1));
        QCOMPARE(QString::fromStdString(raw.err), QString());

        const Run list = runIn(g, "list", {"src/a\nb.py:lib", "src/ok.py:lib"}, {});
        QCOMPARE(list.code, 0);
        QCOMPARE(QByteArray::fromStdString(list.out), QByteArray("\"src/a\\nb.py:lib\"\nsrc/ok.py:lib\n"));
        QCOMPARE(QString::fromStdString(list.err),
                 QStringLiteral("warning: 1 name has control characters or invalid UTF-8; printed double-quoted with escapes\n"));

        // JSON: valid UTF-8, U+FFFD for the bad byte, the newline escaped.
        const Run json = runIn(g, "dependencies", {"src/app.py:lib"}, {{"--format", "json"}});
        QCOMPARE(json.code, 0);
        QVERIFY(base::isValidUtf8(json.out));
        QVERIFY(json.out.find("\"src/caf\xef\xbf\xbd.py:lib\"") != std::string::npos);
        QVERIFY(json.out.find("\"src/a\\nb.py:lib\"") != std::string::npos);
        QJsonParseError perr{};
        QJsonDocument::fromJson(QByteArray::fromStdString(json.out), &perr);
        QCOMPARE(perr.error, QJsonParseError::NoError);
    }
};

QTEST_GUILESS_MAIN(PathsAndNamesTest)
#include "pathsandnames_test.moc"
