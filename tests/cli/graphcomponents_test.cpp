// Tests for `trellis graph --group-by=...` (the CLI twin of the component view) over the
// small repository of tests/graph/componentfixture.h, loaded for real: the JSON document
// (nodes with member counts, edges with import counts and visibility violations, cycles,
// violations, provenance), focus and budget options, DOT output and usage errors.
#include "app/cli/graphgoals.h"
#include "tests/graph/componentfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QTest>

#include <sstream>

using namespace trellis;
using namespace trellis::graph::testing;

namespace {

class RepoContext : public cli::GoalContext {
public:
    RepoContext(std::shared_ptr<const graph::TargetGraph> g, std::ostream &o, std::ostream &e)
        : GoalContext(o, e)
        , m_graph(std::move(g))
    {
    }
    std::shared_ptr<const workspace::Workspace> workspace() override { return m_graph->workspace(); }
    std::shared_ptr<const graph::TargetGraph> graph() override { return m_graph; }
    std::optional<std::vector<int>> selectedTargets() override { return std::vector<int>{}; }
    const std::optional<run::Selection> &selection() override { return m_selection; }

private:
    std::shared_ptr<const graph::TargetGraph> m_graph;
    std::optional<run::Selection> m_selection;
};

QStringList ids(const QJsonArray &nodes)
{
    QStringList out;
    for (const QJsonValue &n : nodes)
        out << n.toObject().value("id").toString();
    return out;
}

QJsonObject byId(const QJsonArray &items, const QString &id)
{
    for (const QJsonValue &n : items) {
        if (n.toObject().value("id").toString() == id)
            return n.toObject();
    }
    return {};
}

QJsonObject edge(const QJsonArray &edges, const QString &from, const QString &to)
{
    for (const QJsonValue &e : edges) {
        const QJsonObject o = e.toObject();
        if (o.value("from").toString() == from && o.value("to").toString() == to)
            return o;
    }
    return {};
}

} // namespace

class GraphComponentsTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<const graph::TargetGraph> m_graph;

    int run(const QStringList &options, std::string &out, std::string &err)
    {
        cli::GoalRegistry registry;
        cli::registerGraphGoals(registry);
        std::ostringstream o, e;
        RepoContext context(m_graph, o, e);
        for (const QString &opt : options)
            context.goalOptions[opt.section('=', 0, 0).toStdString()].push_back(
                opt.contains('=') ? opt.section('=', 1).toStdString() : std::string("true"));
        const int code = registry.find("graph")->run(context);
        out = o.str();
        err = e.str();
        return code;
    }

    QJsonObject runJson(const QStringList &options)
    {
        std::string out, err;
        const int code = run(options, out, err);
        if (code != 0)
            qWarning("exit %d: %s", code, err.c_str());
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(out), &pe);
        if (pe.error != QJsonParseError::NoError)
            qWarning("bad JSON: %s", qPrintable(pe.errorString()));
        return doc.object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_graph = loadRepo(m_dir, componentRepoFiles());
    }

    void testPackageView()
    {
        const QJsonObject doc = runJson({"--group-by=package:1"});
        QCOMPARE(doc.value("kind").toString(), QStringLiteral("component_view"));
        QCOMPARE(doc.value("group_by").toString(), QStringLiteral("package"));
        QCOMPARE(doc.value("depth").toInt(), 1);
        QCOMPARE(doc.value("budget").toInt(), 60);
        const QJsonArray nodes = doc.value("nodes").toArray();
        QCOMPARE(ids(nodes), (QStringList{"pkg:src:app", "pkg:src:lib", "pkg:tests:app", "req://:reqs"}));
        const QJsonObject app = byId(nodes, "pkg:src:app");
        QCOMPARE(app.value("targets").toInt(), 7);
        QCOMPARE(app.value("files").toInt(), 4);
        QCOMPARE(app.value("source_root").toString(), QStringLiteral("src"));
        QCOMPARE(app.value("module").toString(), QStringLiteral("app"));
        QCOMPARE(app.value("kind").toString(), QStringLiteral("component"));
        QVERIFY(app.value("openable").toBool());

        const QJsonArray edges = doc.value("edges").toArray();
        QCOMPARE(edges.size(), 4);
        const QJsonObject back = edge(edges, "pkg:src:lib", "pkg:src:app");
        QCOMPARE(back.value("edges").toInt(), 3);
        QCOMPARE(back.value("imports").toInt(), 3);
        QCOMPARE(back.value("violations").toInt(), 3);
        QVERIFY(back.value("in_cycle").toBool());
        QCOMPARE(back.value("rules").toArray().size(), 2);
        QCOMPARE(back.value("rules").toArray().at(0).toString(),
                 QStringLiteral("!//src/app/core/** (src/lib/BUILD:2, __dependencies_rules__ rule set 1)"));
        QVERIFY(!back.contains("underlying")); // only with --provenance
        QCOMPARE(edge(edges, "pkg:tests:app", "pkg:src:app").value("warnings").toInt(), 1);

        const QJsonArray cycles = doc.value("cycles").toArray();
        QCOMPARE(cycles.size(), 1);
        QCOMPARE(cycles.at(0).toObject().value("nodes").toArray(), (QJsonArray{"pkg:src:app", "pkg:src:lib"}));
        QCOMPARE(cycles.at(0).toObject().value("edges").toArray().size(), 2);

        const QJsonArray violations = doc.value("violations").toArray();
        QCOMPARE(violations.size(), 4); // 3 denied, 1 warned
        const QJsonObject v = violations.at(0).toObject();
        QCOMPARE(v.value("from").toString(), QStringLiteral("src/lib/util.py"));
        QCOMPARE(v.value("to").toString(), QStringLiteral("src/app/cli/cli.py"));
        QCOMPARE(v.value("visibility").toString(), QStringLiteral("deny"));
        QCOMPARE(v.value("lines").toArray().at(0).toObject().value("line").toInt(), 3);
    }

    void testProvenance()
    {
        const QJsonObject doc = runJson({"--group-by=package:1", "--provenance"});
        const QJsonObject e = edge(doc.value("edges").toArray(), "pkg:src:app", "pkg:src:lib");
        const QJsonArray under = e.value("underlying").toArray();
        QCOMPARE(under.size(), 2);
        const QJsonObject first = under.at(0).toObject();
        QCOMPARE(first.value("from").toString(), QStringLiteral("src/app/main.py"));
        QCOMPARE(first.value("to").toString(), QStringLiteral("src/lib/util.py"));
        QCOMPARE(first.value("kind").toString(), QStringLiteral("inferred"));
        QCOMPARE(first.value("visibility").toString(), QStringLiteral("allow"));
        QVERIFY(first.value("rule").isNull());
        const QJsonObject line = first.value("lines").toArray().at(0).toObject();
        QCOMPARE(line.value("file").toString(), QStringLiteral("src/app/main.py"));
        QCOMPARE(line.value("line").toInt(), 4);
        QCOMPARE(line.value("module").toString(), QStringLiteral("lib.util"));
    }

    void testFocusHideAndOpen()
    {
        QJsonObject doc = runJson({"--group-by=package:1", "--focus=src/lib/util.py", "--direction=dependents"});
        QCOMPARE(doc.value("focus").toArray(), (QJsonArray{"src/lib/util.py"}));
        QJsonArray nodes = doc.value("nodes").toArray();
        QCOMPARE(ids(nodes), (QStringList{"addr:src/lib/util.py", "pkg:src:app"}));
        QCOMPARE(byId(nodes, "addr:src/lib/util.py").value("kind").toString(), QStringLiteral("focus"));
        QCOMPARE(byId(nodes, "pkg:src:app").value("relation").toString(), QStringLiteral("dependents"));
        QCOMPARE(byId(nodes, "pkg:src:app").value("distance").toInt(), 1);

        doc = runJson({"--group-by=package:1", "--hide-tests", "--hide-requirements", "--open=pkg:src:app"});
        nodes = doc.value("nodes").toArray();
        QCOMPARE(ids(nodes), (QStringList{"addr:src/app", "pkg:src:app.cli", "pkg:src:app.core", "pkg:src:app.main",
                                          "pkg:src:lib"}));
        QCOMPARE(byId(nodes, "pkg:src:app.core").value("parent").toString(), QStringLiteral("pkg:src:app"));
        QCOMPARE(doc.value("hidden_targets").toInt(), 5);

        doc = runJson({"--group-by=distribution"});
        QCOMPARE(ids(doc.value("nodes").toArray()), (QStringList{"dist:(none)"}));
    }

    void testBudget()
    {
        const QJsonObject doc = runJson({"--group-by=file", "--budget=4"});
        const QJsonArray nodes = doc.value("nodes").toArray();
        QCOMPARE(nodes.size(), 4);
        QVERIFY(doc.value("summarized").toBool());
        const QJsonObject agg = nodes.at(3).toObject();
        QCOMPARE(agg.value("kind").toString(), QStringLiteral("aggregate"));
        QCOMPARE(agg.value("id").toString(), QStringLiteral("agg:rest"));
        QVERIFY(agg.value("label").toString().endsWith(QStringLiteral(" more files (")
                                                       + QString::number(agg.value("targets").toInt()) + " targets)"));
        // --expand shows the aggregate's members.
        const QJsonObject more = runJson({"--group-by=file", "--budget=4", "--expand=agg:rest"});
        QVERIFY(more.value("nodes").toArray().size() > 4);
    }

    void testDotAndErrors()
    {
        std::string out, err;
        QCOMPARE(run({"--group-by=package:1", "--format=dot"}, out, err), 0);
        QVERIFY(out.starts_with("digraph \"trellis\" {\n"));
        QVERIFY(out.find("\"pkg:src:lib\" -> \"pkg:src:app\" [label=\"3\", weight=3, penwidth=1, color=red, violations=3];")
                != std::string::npos);
        QCOMPARE(run({"--group-by=packages"}, out, err), int(cli::kExitUsage));
        QCOMPARE(QString::fromStdString(err),
                 QStringLiteral("error: invalid value for --group-by: packages (choose from package[:DEPTH] "
                                "distribution target file)\n"));
        QCOMPARE(run({"--group-by=package", "--budget=x"}, out, err), int(cli::kExitUsage));
        QCOMPARE(QString::fromStdString(err), QStringLiteral("error: --budget must be a number >= 0, not 'x'\n"));
        QCOMPARE(run({"--group-by=package", "--direction=up"}, out, err), int(cli::kExitUsage));
    }
};

QTEST_GUILESS_MAIN(GraphComponentsTest)
#include "graphcomponents_test.moc"
