// Tests for SourceRoots (spec §5.2): pattern matching, markers, module names, roots.
#include "core/workspace/sourceroots.h"

#include <QTest>

using namespace trellis;
using namespace trellis::workspace;

namespace {

const std::vector<std::string> kFiles = {
    "BUILD",
    "pants.toml",
    "src/ai/backend/common/types.py",
    "src/ai/backend/common/__init__.py",
    "tests/unit/agent/test_x.py",
    "stubs/trafaret/__init__.pyi",
    "tools/pants-plugins/setupgen/register.py",
    "lib/src/python/pkg/mod.py",
    "projects/alpha/src/alpha/core.py",
    "projects/beta/src/beta/core.py",
    "marked/pkg/SOURCE_ROOT",
    "marked/pkg/inner/m.py",
    "docs/readme.md",
};

std::vector<std::string> toStd(const QStringList &l)
{
    std::vector<std::string> out;
    for (const QString &s : l)
        out.push_back(s.toStdString());
    return out;
}

QStringList toQt(const std::vector<std::string> &v)
{
    QStringList out;
    for (const std::string &s : v)
        out << QString::fromStdString(s);
    return out;
}

} // namespace

class SourceRootsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testRootOf_data();
    void testRootOf();
    void testModuleName_data();
    void testModuleName();
    void testAllRoots_data();
    void testAllRoots();
    void testCheckPatterns();
};

void SourceRootsTest::testRootOf_data()
{
    QTest::addColumn<QStringList>("patterns");
    QTest::addColumn<QStringList>("markers");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected"); // "<none>" when no root

    const QStringList backendAi = {"/", "/src", "/stubs", "/tools/pants-plugins"};
    QTest::newRow("anchored src") << backendAi << QStringList{} << "src/ai/backend/common/types.py" << "src";
    QTest::newRow("buildroot fallback") << backendAi << QStringList{} << "tests/unit/agent/test_x.py" << "";
    QTest::newRow("anchored nested") << backendAi << QStringList{} << "tools/pants-plugins/setupgen/register.py"
                                     << "tools/pants-plugins";
    QTest::newRow("anchored does not match deeper") << QStringList{"/src"} << QStringList{}
                                                    << "projects/alpha/src/alpha/core.py" << "<none>";
    QTest::newRow("suffix on component boundary") << QStringList{"src/python"} << QStringList{}
                                                  << "lib/src/python/pkg/mod.py" << "lib/src/python";
    QTest::newRow("suffix needs whole components") << QStringList{"python"} << QStringList{} << "lib/src/python/pkg/mod.py"
                                                   << "lib/src/python";
    QTest::newRow("suffix no partial component") << QStringList{"rc/python"} << QStringList{}
                                                 << "lib/src/python/pkg/mod.py" << "<none>";
    QTest::newRow("star is one component") << QStringList{"/projects/*/src"} << QStringList{}
                                           << "projects/beta/src/beta/core.py" << "projects/beta/src";
    QTest::newRow("star not two components") << QStringList{"/projects/*"} << QStringList{}
                                             << "projects/beta/src/beta/core.py" << "projects/beta";
    QTest::newRow("nearest root wins") << QStringList{"/", "src", "src/ai"} << QStringList{}
                                       << "src/ai/backend/common/types.py" << "src/ai";
    QTest::newRow("marker file") << QStringList{} << QStringList{"SOURCE_ROOT"} << "marked/pkg/inner/m.py" << "marked/pkg";
    QTest::newRow("no root") << QStringList{"/src"} << QStringList{} << "docs/readme.md" << "<none>";
    QTest::newRow("trailing slash pattern") << QStringList{"/src/"} << QStringList{} << "src/ai/backend/common/types.py"
                                            << "src";
    QTest::newRow("dotdot pattern ignored") << QStringList{"../src", "/stubs"} << QStringList{}
                                            << "stubs/trafaret/__init__.pyi" << "stubs";
    QTest::newRow("file at buildroot") << QStringList{"/"} << QStringList{} << "BUILD" << "";
}

void SourceRootsTest::testRootOf()
{
    QFETCH(QStringList, patterns);
    QFETCH(QStringList, markers);
    QFETCH(QString, file);
    QFETCH(QString, expected);
    const auto tree = FileTree::fromFiles("/repo", kFiles);
    const SourceRoots roots(toStd(patterns), toStd(markers), *tree);
    const auto root = roots.rootOf(file.toStdString());
    QCOMPARE(root ? QString::fromStdString(*root) : QStringLiteral("<none>"), expected);
}

void SourceRootsTest::testModuleName_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");
    // backend.ai roots (spec §5.2 examples).
    QTest::newRow("src module") << "src/ai/backend/common/types.py" << "ai.backend.common.types";
    QTest::newRow("package init") << "src/ai/backend/common/__init__.py" << "ai.backend.common";
    QTest::newRow("root / module") << "tests/unit/agent/test_x.py" << "tests.unit.agent.test_x";
    QTest::newRow("stub package") << "stubs/trafaret/__init__.pyi" << "trafaret";
    QTest::newRow("plugin") << "tools/pants-plugins/setupgen/register.py" << "setupgen.register";
    QTest::newRow("not python") << "docs/readme.md" << "<none>";
    QTest::newRow("root init has no name") << "src/__init__.py" << "<none>";
}

void SourceRootsTest::testModuleName()
{
    QFETCH(QString, file);
    QFETCH(QString, expected);
    const auto tree = FileTree::fromFiles("/repo", kFiles);
    const SourceRoots roots({"/", "/src", "/stubs", "/tools/pants-plugins"}, {}, *tree);
    const auto module = roots.moduleName(file.toStdString());
    QCOMPARE(module ? QString::fromStdString(*module) : QStringLiteral("<none>"), expected);
}

void SourceRootsTest::testAllRoots_data()
{
    QTest::addColumn<QStringList>("patterns");
    QTest::addColumn<QStringList>("markers");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("backend.ai") << QStringList{"/", "/src", "/stubs", "/tools/pants-plugins"} << QStringList{}
                                << QStringList{".", "src", "stubs", "tools/pants-plugins"};
    QTest::newRow("pants defaults")
        << QStringList{"/", "src", "src/python", "src/py", "src/thrift", "src/protobuf", "src/protos", "src/scala",
                       "src/java"}
        << QStringList{}
        << QStringList{".", "lib/src", "lib/src/python", "projects/alpha/src", "projects/beta/src", "src"};
    QTest::newRow("only existing dirs") << QStringList{"/nope", "/src/missing", "/projects/*/src"} << QStringList{}
                                        << QStringList{"projects/alpha/src", "projects/beta/src"};
    QTest::newRow("markers") << QStringList{} << QStringList{"SOURCE_ROOT", "pants.toml"}
                             << QStringList{".", "marked/pkg"};
}

void SourceRootsTest::testAllRoots()
{
    QFETCH(QStringList, patterns);
    QFETCH(QStringList, markers);
    QFETCH(QStringList, expected);
    const auto tree = FileTree::fromFiles("/repo", kFiles);
    const SourceRoots roots(toStd(patterns), toStd(markers), *tree);
    QCOMPARE(toQt(roots.allRoots()), expected);
}

void SourceRootsTest::testCheckPatterns()
{
    const base::Diagnostics diags = SourceRoots::checkPatterns({"/src", "../x", "a/../b"});
    QCOMPARE(diags.size(), size_t(2));
    QCOMPARE(QString::fromStdString(diags[0].format()),
             QStringLiteral("error: [source].root_patterns: `..` disallowed in source root pattern: ../x."));
    QCOMPARE(QString::fromStdString(diags[1].message),
             QStringLiteral("[source].root_patterns: `..` disallowed in source root pattern: a/../b."));
    QVERIFY(SourceRoots::checkPatterns({"/", "src/*"}).empty());

    const SourceRoots empty;
    QVERIFY(!empty.rootOf("a/b.py"));
    QVERIFY(empty.allRoots().empty());
}

QTEST_GUILESS_MAIN(SourceRootsTest)
#include "sourceroots_test.moc"
