// Tests for core/changed/changedexplanation: file states, owners, the affected set (the
// same as computeChanged's) and the shortest chain with provenance for every affected
// target, on a real git repository built by the test.
#include "core/changed/changedexplanation.h"
#include "core/graph/targetgraph.h"
#include "core/infer/dependencies.h"
#include "core/workspace/workspace.h"
#include "tests/live/loadgraph.h"
#include "../vcs/gitfixture.h"

#include <QDebug>
#include <QTemporaryDir>
#include <QTest>

using namespace trellis;

namespace {

using testing::loadGraph;

/// src/b/y.py <- src/a/x.py (import) <- src/c/w.py and src/c/w_test.py (imports)
/// <- src/e/v.py (explicit dependency on src/c/w.py, BUILD line 2).
/// src/d/old.py is owned by src/d; src/b/z.py is independent.
void buildRepo(GitFixture &g)
{
    g.write(QStringLiteral("pants.toml"), "[GLOBAL]\npants_version = \"2.32.0\"\n"
                                          "backend_packages = [\"pants.backend.python\"]\n"
                                          "[source]\nroot_patterns = [\"/src\"]\n"
                                          "[python]\ninterpreter_constraints = [\"CPython>=3.8\"]\n");
    g.write(QStringLiteral("src/a/BUILD"), "python_sources()\n");
    g.write(QStringLiteral("src/a/x.py"), "import os\nimport b.y\n");
    g.write(QStringLiteral("src/b/BUILD"), "python_sources()\n");
    g.write(QStringLiteral("src/b/y.py"), "Y = 1\n");
    g.write(QStringLiteral("src/b/z.py"), "Z = 1\n");
    g.write(QStringLiteral("src/c/BUILD"), "python_sources()\npython_tests(name=\"tests\")\n");
    g.write(QStringLiteral("src/c/w.py"), "import a.x\n");
    g.write(QStringLiteral("src/c/w_test.py"), "\nfrom a import x\n");
    g.write(QStringLiteral("src/d/BUILD"), "python_sources()\n");
    g.write(QStringLiteral("src/d/old.py"), "OLD = 1\n");
    g.write(QStringLiteral("src/e/BUILD"), "python_sources(\n    dependencies=[\"src/c/w.py\"],\n)\n");
    g.write(QStringLiteral("src/e/v.py"), "V = 1\n");
    g.commitAll("base");
    g.branch("base");
}

QString chainText(const graph::TargetGraph &g, const changed::AffectedTarget &t)
{
    QStringList parts;
    for (const changed::ChainStep &s : t.chain) {
        QString kind;
        switch (s.kind) {
        case changed::StepKind::Source: kind = QStringLiteral("source"); break;
        case changed::StepKind::DeletedFile: kind = QStringLiteral("deleted"); break;
        case changed::StepKind::Requirements: kind = QStringLiteral("requirements"); break;
        case changed::StepKind::BuildFile: kind = QStringLiteral("build"); break;
        case changed::StepKind::Config: kind = QStringLiteral("config"); break;
        case changed::StepKind::Dependency: kind = QString::fromLatin1(infer::edgeKindName(s.edgeKind)); break;
        }
        QString text = QString::fromStdString(g.address(s.node).toString()) + QStringLiteral(" [") + kind;
        if (!s.detail.empty())
            text += QLatin1Char(' ') + QString::fromStdString(s.detail);
        text += QLatin1Char(' ') + QString::fromStdString(s.at.file) + QLatin1Char(':') + QString::number(s.at.line) + QLatin1Char(']');
        parts << text;
    }
    return parts.join(QStringLiteral(" <- "));
}

} // namespace

class ChangedExplanationTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testStatesOwnersAndChains();
    void testModesMatchComputeChanged_data();
    void testModesMatchComputeChanged();
    void testBuildFileAndConfigChains();
    void testDefaultBaseRef();
};

void ChangedExplanationTest::testStatesOwnersAndChains()
{
    QTemporaryDir dir;
    GitFixture g(dir.path());
    buildRepo(g);
    g.write(QStringLiteral("src/b/y.py"), "Y = 2\n");
    g.commitAll("change y");
    g.write(QStringLiteral("src/b/z.py"), "Z = 2\n");   // modified, not committed
    g.remove(QStringLiteral("src/d/old.py"));            // deleted
    g.write(QStringLiteral("src/a/new.py"), "N = 1\n");  // untracked
    g.write(QStringLiteral("notes.txt"), "hello\n");    // nobody owns it
    auto graph = loadGraph(dir.path());
    QVERIFY(graph);
    auto repo = vcs::Repository::open(dir.path().toStdString());
    QVERIFY(repo);
    changed::ChangedRequest req;
    req.since = "base";
    req.dependents = changed::DependentsMode::Transitive;
    auto e = changed::explainChanged(*graph, **repo, req);
    QVERIFY(e);

    QStringList files;
    for (const changed::ChangedFileEntry &f : e->files) {
        QStringList owners;
        for (int o : f.owners)
            owners << QString::fromStdString(graph->address(o).toString());
        files << QStringLiteral("%1 %2 [%3]").arg(QString::fromStdString(f.path), QString::fromLatin1(changed::fileStateName(f.state)),
                                                  owners.join(QLatin1Char(',')));
    }
    QCOMPARE(files, (QStringList{QStringLiteral("notes.txt untracked []"), QStringLiteral("src/a/new.py untracked [src/a/new.py]"),
                                 QStringLiteral("src/b/y.py committed [src/b/y.py]"), QStringLiteral("src/b/z.py modified [src/b/z.py]"),
                                 QStringLiteral("src/d/old.py deleted [src/d]")}));
    QCOMPARE(e->unownedFiles, std::vector<std::string>{"notes.txt"});

    QStringList chains;
    for (const changed::AffectedTarget &t : e->targets)
        chains << chainText(*graph, t);
    const QStringList expected{
        // src/a, the generator of an owner (new.py), is never reported.
        QStringLiteral("src/a/new.py [source src/a/new.py:0]"),
        QStringLiteral("src/b/y.py [source src/b/y.py:0] <- src/a/x.py [inferred b.y src/a/x.py:2]"),
        QStringLiteral("src/b/y.py [source src/b/y.py:0]"),
        QStringLiteral("src/b/z.py [source src/b/z.py:0]"),
        QStringLiteral("src/b/y.py [source src/b/y.py:0] <- src/a/x.py [inferred b.y src/a/x.py:2] <- src/c/w.py [inferred a.x src/c/w.py:1] <- src/c [generated src/c/BUILD:1]"),
        QStringLiteral("src/b/y.py [source src/b/y.py:0] <- src/a/x.py [inferred b.y src/a/x.py:2] <- src/c/w_test.py:tests [inferred a.x src/c/w_test.py:2] <- src/c:tests [generated src/c/BUILD:2]"),
        QStringLiteral("src/b/y.py [source src/b/y.py:0] <- src/a/x.py [inferred b.y src/a/x.py:2] <- src/c/w.py [inferred a.x src/c/w.py:1]"),
        QStringLiteral("src/b/y.py [source src/b/y.py:0] <- src/a/x.py [inferred b.y src/a/x.py:2] <- src/c/w_test.py:tests [inferred a.x src/c/w_test.py:2]"),
        QStringLiteral("src/d [deleted src/d/old.py:0]"),
        QStringLiteral("src/b/y.py [source src/b/y.py:0] <- src/a/x.py [inferred b.y src/a/x.py:2] <- src/c/w.py [inferred a.x src/c/w.py:1] <- src/e/v.py [explicit src/c/w.py src/e/BUILD:2] <- src/e [generated src/e/BUILD:1]"),
        // The explicit dependency: the BUILD line that names it.
        QStringLiteral("src/b/y.py [source src/b/y.py:0] <- src/a/x.py [inferred b.y src/a/x.py:2] <- src/c/w.py [inferred a.x src/c/w.py:1] <- src/e/v.py [explicit src/c/w.py src/e/BUILD:2]"),
    };
    if (chains != expected)
        qWarning().noquote() << chains.join(QLatin1Char('\n'));
    QCOMPARE(chains, expected);

    QStringList tests;
    for (int t : e->testTargets)
        tests << QString::fromStdString(graph->address(t).toString());
    QCOMPARE(tests, QStringList{QStringLiteral("src/c/w_test.py:tests")});
}

void ChangedExplanationTest::testModesMatchComputeChanged_data()
{
    QTest::addColumn<QString>("mode");
    QTest::newRow("none") << "none";
    QTest::newRow("direct") << "direct";
    QTest::newRow("transitive") << "transitive";
}

void ChangedExplanationTest::testModesMatchComputeChanged()
{
    QFETCH(QString, mode);
    QTemporaryDir dir;
    GitFixture g(dir.path());
    buildRepo(g);
    g.write(QStringLiteral("src/b/y.py"), "Y = 2\n");
    g.write(QStringLiteral("src/c/BUILD"), "python_sources()\npython_tests(name=\"tests\", timeout=5)\n");
    auto graph = loadGraph(dir.path());
    QVERIFY(graph);
    auto repo = vcs::Repository::open(dir.path().toStdString());
    QVERIFY(repo);
    changed::ChangedRequest req;
    req.since = "HEAD";
    req.dependents = *changed::parseDependentsMode(mode.toStdString());
    auto computed = changed::computeChanged(*graph, **repo, req);
    auto e = changed::explainChanged(*graph, **repo, req);
    QVERIFY(computed && e);
    QCOMPARE(e->affected(), computed->affected);
    QCOMPARE(e->ownerCount(), int(computed->owners.size()));
    // Every chain starts at an owner with the changed file and ends at its target, and
    // each link is one hop: chains are shortest and never longer than the mode allows.
    for (const changed::AffectedTarget &t : e->targets) {
        QVERIFY(!t.chain.empty());
        QCOMPARE(t.chain.back().node, t.node);
        QVERIFY(std::binary_search(computed->owners.begin(), computed->owners.end(), t.chain.front().node));
        QVERIFY(!t.file.empty());
        if (req.dependents == changed::DependentsMode::Direct)
            QVERIFY(t.distance() <= 1);
        if (req.dependents == changed::DependentsMode::None)
            QCOMPARE(t.distance(), 0);
        for (size_t i = 1; i < t.chain.size(); ++i)
            QVERIFY(graph->edgeId(t.chain[i].node, t.chain[i - 1].node) >= 0);
    }
}

void ChangedExplanationTest::testBuildFileAndConfigChains()
{
    QTemporaryDir dir;
    GitFixture g(dir.path());
    buildRepo(g);
    g.write(QStringLiteral("src/c/BUILD"), "python_sources()\npython_tests(name=\"tests\", timeout=5)\n");
    auto graph = loadGraph(dir.path());
    QVERIFY(graph);
    auto repo = vcs::Repository::open(dir.path().toStdString());
    QVERIFY(repo);
    changed::ChangedRequest req;
    req.since = "HEAD";
    auto e = changed::explainChanged(*graph, **repo, req);
    QVERIFY(e);
    QStringList chains;
    for (const changed::AffectedTarget &t : e->targets)
        chains << chainText(*graph, t);
    QCOMPARE(chains, (QStringList{QStringLiteral("src/c/w.py [build src/c/BUILD:1]"),
                                  QStringLiteral("src/c/w_test.py:tests [build src/c/BUILD:2]")}));
    QCOMPARE(e->files.front().state, changed::FileState::Modified);

    // pants.toml affects every target; a target whose own source also changed is
    // explained by its source.
    g.write(QStringLiteral("pants.toml"), "[GLOBAL]\npants_version = \"2.32.0\"\n"
                                          "backend_packages = [\"pants.backend.python\"]\n"
                                          "[source]\nroot_patterns = [\"/src\"]\n");
    g.write(QStringLiteral("src/b/y.py"), "Y = 3\n");
    graph = loadGraph(dir.path());
    QVERIFY(graph);
    e = changed::explainChanged(*graph, **repo, req);
    QVERIFY(e);
    const int y = graph->nodeOf(*workspace::Address::parse("src/b/y.py"));
    const int z = graph->nodeOf(*workspace::Address::parse("src/b/z.py"));
    QVERIFY(e->find(y) && e->find(z));
    QCOMPARE(chainText(*graph, *e->find(y)), QStringLiteral("src/b/y.py [source src/b/y.py:0]"));
    QCOMPARE(chainText(*graph, *e->find(z)), QStringLiteral("src/b/z.py [config pants.toml:0]"));
}

void ChangedExplanationTest::testDefaultBaseRef()
{
    QTemporaryDir dir;
    GitFixture g(dir.path());
    buildRepo(g);
    auto graph = loadGraph(dir.path());
    QVERIFY(graph);
    auto repo = vcs::Repository::open(dir.path().toStdString());
    QVERIFY(repo);
    QCOMPARE(changed::defaultBaseRef(*graph->workspace(), **repo), std::string("main"));
    g.write(QStringLiteral("pants.toml"), "[GLOBAL]\npants_version = \"2.32.0\"\n"
                                          "backend_packages = [\"pants.backend.python\"]\n"
                                          "[source]\nroot_patterns = [\"/src\"]\n[changed]\nsince = \"base\"\n");
    graph = loadGraph(dir.path());
    QVERIFY(graph);
    QCOMPARE(changed::defaultBaseRef(*graph->workspace(), **repo), std::string("base"));
}

QTEST_GUILESS_MAIN(ChangedExplanationTest)
#include "changedexplanation_test.moc"
