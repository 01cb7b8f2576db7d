// The `changed` goal (issue #23, "A Changed view"): the affected targets equal
// `--changed-since=REF list`'s, and --why prints each target's chain word for word.
#include "app/cli/goal.h"

#include "../vcs/gitfixture.h"

#include <QTemporaryDir>
#include <QTest>

#include <sstream>

using namespace trellis;

namespace {

struct Outcome {
    int code;
    std::string out;
    std::string err;
};

Outcome runIn(const QString &root, std::vector<std::string> args)
{
    std::ostringstream out, err;
    args.insert(args.begin(), {"--root", root.toStdString()});
    const int code = cli::run(args, out, err);
    return {code, out.str(), err.str()};
}

/// src/b/y.py <- src/a/x.py (import) <- src/c/w.py (import) <- src/e/v.py (explicit).
void buildRepo(GitFixture &g)
{
    g.write(QStringLiteral("pants.toml"), "[GLOBAL]\npants_version = \"2.32.0\"\n"
                                          "backend_packages = [\"pants.backend.python\"]\n"
                                          "[source]\nroot_patterns = [\"/src\"]\n"
                                          "[python]\ninterpreter_constraints = [\"CPython>=3.8\"]\n");
    g.write(QStringLiteral("src/a/BUILD"), "python_sources()\n");
    g.write(QStringLiteral("src/a/x.py"), "import b.y\n");
    g.write(QStringLiteral("src/b/BUILD"), "python_sources()\n");
    g.write(QStringLiteral("src/b/y.py"), "Y = 1\n");
    g.write(QStringLiteral("src/c/BUILD"), "python_sources()\n");
    g.write(QStringLiteral("src/c/w.py"), "import a.x\n");
    g.write(QStringLiteral("src/e/BUILD"), "python_sources(\n    dependencies=[\"src/c/w.py\"],\n)\n");
    g.write(QStringLiteral("src/e/v.py"), "V = 1\n");
    g.commitAll("base");
    g.branch("base");
}

} // namespace

class ChangedGoalTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testSameTargetsAsList_data();
    void testSameTargetsAsList();
    void testWhy();
    void testErrors();
};

void ChangedGoalTest::testSameTargetsAsList_data()
{
    QTest::addColumn<QString>("mode");
    QTest::newRow("none") << "none";
    QTest::newRow("direct") << "direct";
    QTest::newRow("transitive") << "transitive";
}

void ChangedGoalTest::testSameTargetsAsList()
{
    QFETCH(QString, mode);
    QTemporaryDir dir;
    GitFixture g(dir.path());
    buildRepo(g);
    g.write(QStringLiteral("src/b/y.py"), "Y = 2\n");
    const std::string m = mode.toStdString();
    const Outcome list = runIn(dir.path(), {"--changed-since=base", "--changed-dependents=" + m, "list"});
    const Outcome changed = runIn(dir.path(), {"changed", "--since=base", "--dependents=" + m});
    const Outcome global = runIn(dir.path(), {"--changed-since=base", "--changed-dependents", m, "changed"});
    QCOMPARE(list.code, 0);
    QCOMPARE(changed.code, 0);
    QVERIFY(!list.out.empty());
    QCOMPARE(changed.out, list.out);
    QCOMPARE(global.out, list.out);
}

void ChangedGoalTest::testWhy()
{
    QTemporaryDir dir;
    GitFixture g(dir.path());
    buildRepo(g);
    g.write(QStringLiteral("src/b/y.py"), "Y = 2\n");
    g.commitAll("y");
    g.write(QStringLiteral("notes.txt"), "x\n");
    Outcome o = runIn(dir.path(), {"changed", "--since=base", "--dependents=transitive", "--why"});
    QCOMPARE(o.code, 0);
    const std::string y = "    src/b/y.py (committed) is a source of src/b/y.py\n";
    const std::string x = "    <- src/a/x.py imports b.y (src/a/x.py:1)\n";
    const std::string w = "    <- src/c/w.py imports a.x (src/c/w.py:1)\n";
    const std::string v = "    <- src/e/v.py depends on \"src/c/w.py\" (src/e/BUILD:2)\n";
    QCOMPARE(QString::fromStdString(o.out.substr(o.out.find('\n', o.out.find("affected")) + 1)),
             QString::fromStdString("src/a\n" + y + x + "    <- src/a generates src/a/x.py (src/a/BUILD:1)\n"
                                    + "src/a/x.py\n" + y + x
                                    + "src/b/y.py\n" + y
                                    + "src/c\n" + y + x + w + "    <- src/c generates src/c/w.py (src/c/BUILD:1)\n"
                                    + "src/c/w.py\n" + y + x + w
                                    + "src/e\n" + y + x + w + v + "    <- src/e generates src/e/v.py (src/e/BUILD:1)\n"
                                    + "src/e/v.py\n" + y + x + w + v));
    QVERIFY2(o.out.starts_with("untracked notes.txt  (no owner)\ncommitted src/b/y.py\n\n7 targets affected since base ("),
             o.out.c_str());
    QVERIFY2(o.out.find("dependents: transitive); 0 test targets will run\n") != std::string::npos, o.out.c_str());

    o = runIn(dir.path(), {"changed", "--files"});
    QCOMPARE(QString::fromStdString(o.out), QStringLiteral("untracked notes.txt  (no owner)\n\n"));
    o = runIn(dir.path(), {"changed", "--since", "HEAD~1", "--format=json"});
    QCOMPARE(o.code, 0);
    QVERIFY2(o.out.find("{\"path\": \"src/b/y.py\", \"state\": \"committed\", \"owners\": [\"src/b/y.py\"]}")
                 != std::string::npos,
             o.out.c_str());
}

void ChangedGoalTest::testErrors()
{
    QTemporaryDir dir;
    GitFixture g(dir.path());
    buildRepo(g);
    Outcome o = runIn(dir.path(), {"changed", "--since=nope"});
    QCOMPARE(o.code, 1);
    QVERIFY2(o.err.find("nope") != std::string::npos, o.err.c_str());
    o = runIn(dir.path(), {"changed", "src/a::"});
    QCOMPARE(o.code, 2);
    QCOMPARE(QString::fromStdString(o.err),
             QStringLiteral("error: `changed` takes no specs; it selects the targets changed since the base ref\n"));
    o = runIn(dir.path(), {"changed", "--format=xml"});
    QCOMPARE(o.code, 2);
    o = runIn(dir.path(), {"changed", "--whyy"});
    QCOMPARE(o.code, 2);
    QVERIFY2(o.err.find("did you mean --why?") != std::string::npos, o.err.c_str());
}

QTEST_GUILESS_MAIN(ChangedGoalTest)
#include "changedgoal_test.moc"
