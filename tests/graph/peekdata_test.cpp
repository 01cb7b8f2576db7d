// Tests for the dependency data `peek` shows: expanded dependencies and their evidence.
#include "core/graph/graphexport.h"
#include "core/graph/peekdata.h"
#include "tests/graph/graphbuilder.h"

#include <QObject>
#include <QTest>

using namespace trellis;
using namespace trellis::graph;
using namespace trellis::graph::testing;

class PeekDataTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testPeek()
    {
        GraphBuilder b;
        b.generator("src/b:lib", {"src/b/y.py:lib", "src/b/z.py:lib"});
        b.generator("//:reqs", {"//:reqs#PyYAML"}, "python_requirements", "python_requirement");
        b.target("src/app/util_test.py:tests", "python_test");
        b.edge("src/app/util_test.py:tests", "src/b:lib", EdgeKind::Explicit, {}, {"src/app/BUILD", 3, 1});
        b.edge("src/app/util_test.py:tests", "src/b/y.py:lib", EdgeKind::Inferred, {{"src/app/util_test.py", 2, "b.y", false}});
        b.edge("src/app/util_test.py:tests", "//:reqs#PyYAML", EdgeKind::Inferred,
               {{"src/app/util_test.py", 1, "yaml", false}});
        const auto g = b.build();
        const NodeId t = node(*g, "src/app/util_test.py:tests");

        QStringList deps;
        for (const std::string &d : peekDependencies(*g, t))
            deps << QString::fromStdString(d);
        QCOMPARE(deps, (QStringList{"//:reqs#PyYAML", "src/b/y.py:lib", "src/b/z.py:lib"}));

        const std::vector<DependencyEvidence> ev = peekEvidence(*g, t);
        QCOMPARE(int(ev.size()), 3);
        QCOMPARE(QString::fromStdString(ev[0].kind), QStringLiteral("inferred"));
        QCOMPARE(QString::fromStdString(ev[0].imports.at(0).module), QStringLiteral("yaml"));
        QVERIFY(ev[0].via.empty());
        // y.py is both inferred directly and reached through the generator: the direct edge wins.
        QCOMPARE(QString::fromStdString(ev[1].address), QStringLiteral("src/b/y.py:lib"));
        QCOMPARE(QString::fromStdString(ev[1].kind), QStringLiteral("inferred"));
        QVERIFY(ev[1].via.empty());
        QCOMPARE(QString::fromStdString(ev[2].address), QStringLiteral("src/b/z.py:lib"));
        QCOMPARE(QString::fromStdString(ev[2].kind), QStringLiteral("explicit"));
        QCOMPARE(QString::fromStdString(ev[2].via), QStringLiteral("src/b:lib"));
        QCOMPARE(QString::fromStdString(ev[2].declaredAt.toString()), QStringLiteral("src/app/BUILD:3:1"));
        QVERIFY(ev[2].imports.empty());

        // A generator's peek dependencies are its generated targets.
        const std::vector<std::string> gen = peekDependencies(*g, node(*g, "src/b:lib"));
        QCOMPARE(int(gen.size()), 2);
        QCOMPARE(QString::fromStdString(gen[0]), QStringLiteral("src/b/y.py:lib"));
    }
};

QTEST_GUILESS_MAIN(PeekDataTest)
#include "peekdata_test.moc"
