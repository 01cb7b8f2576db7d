// The thin models over a hand-built Workspace: the target tree's shape and counts, the
// problems table, fuzzy matching and quick-open ranking.
#include "ui/models/problemsmodel.h"
#include "ui/models/quickopenmodel.h"
#include "ui/models/targettreemodel.h"

#include <QTest>

using namespace trellis;
using namespace trellis::ui;

namespace {

workspace::Target makeTarget(const char *address, const char *type, bool generator = false)
{
    workspace::Target t;
    t.address = *workspace::Address::parse(address);
    t.type = type;
    t.isGenerator = generator;
    t.declaredAt = {t.address.specPath + "/BUILD", 1, 1};
    return t;
}

/// src/app:lib generates two file targets; src/app/sub/deep:tests is alone in its chain.
SnapshotPtr makeSnapshot()
{
    auto ws = std::make_shared<workspace::Workspace>();
    std::vector<workspace::Target> targets = {
        makeTarget("src/app:lib", "python_sources", true),
        makeTarget("src/app/a.py:lib", "python_source"),
        makeTarget("src/app/b.py:lib", "python_source"),
        makeTarget("src/app/sub/deep:tests", "python_tests"),
        makeTarget("tools:plugin", "custom_plugin_type"),
    };
    targets[0].generated = {targets[1].address, targets[2].address};
    targets[4].unknownType = true;
    targets[4].declaredAt = {"tools/BUILD", 3, 1};
    ws->m_targets = workspace::TargetList(std::move(targets));
    ws->buildIndex();
    ws->m_files = workspace::FileTree::fromFiles("/repo", {"src/app/BUILD", "src/app/a.py", "src/app/b.py", "tools/BUILD"});
    ws->m_diagnostics.push_back(base::Diagnostic::error({"src/app/BUILD", 7, 3}, "name 'pyhton_sources' is not defined", "did you mean python_sources?"));
    auto snapshot = std::make_shared<WorkspaceSnapshot>();
    snapshot->rootPath = QStringLiteral("/repo");
    snapshot->workspace = ws;
    return snapshot;
}

} // namespace

class ModelsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testTargetTree();
    void testProblems();
    void testFuzzyScore_data();
    void testFuzzyScore();
    void testQuickOpenRanking();
    void testQuickOpenExactMatchesFirst();
};

void ModelsTest::testTargetTree()
{
    TargetTreeModel model;
    model.setSnapshot(makeSnapshot());
    // Root: the "src/app" chain (collapsed) and "tools".
    QCOMPARE(model.rowCount(), 2);
    const QModelIndex app = model.index(0, 0);
    QCOMPARE(app.data().toString(), QStringLiteral("src/app"));
    QCOMPARE(model.index(0, TargetTreeModel::CountColumn).data().toInt(), 4);
    // Directories first ("sub/deep" collapsed), then the generator.
    QCOMPARE(model.rowCount(app), 2);
    QCOMPARE(model.index(0, 0, app).data().toString(), QStringLiteral("sub/deep"));
    const QModelIndex lib = model.index(1, 0, app);
    QCOMPARE(lib.data().toString(), QStringLiteral(":lib"));
    QCOMPARE(lib.data(TargetTreeModel::AddressRole).toString(), QStringLiteral("src/app:lib"));
    QCOMPARE(model.index(1, TargetTreeModel::TypeColumn, app).data().toString(), QStringLiteral("python_sources"));
    QCOMPARE(model.index(1, TargetTreeModel::CountColumn, app).data().toInt(), 2);
    QCOMPARE(model.rowCount(lib), 2);
    QCOMPARE(model.index(0, 0, lib).data().toString(), QStringLiteral("a.py"));
    QCOMPARE(model.index(1, 0, lib).data(TargetTreeModel::TargetIndexRole).toInt(), 2);
    // Lookup by target index and parent links.
    const QModelIndex b = model.indexForTarget(2);
    QCOMPARE(b.parent(), lib);
    QCOMPARE(model.parent(lib), app);
    QVERIFY(!model.data(model.index(1, 0), Qt::DecorationRole).value<QIcon>().isNull());
}

void ModelsTest::testProblems()
{
    ProblemsModel model;
    model.setSnapshot(makeSnapshot());
    // The load error, plus the unknown target type reported from the target itself.
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.count(base::Severity::Error), 1);
    QCOMPARE(model.count(base::Severity::Warning), 1);
    const QModelIndex first = model.index(0, ProblemsModel::MessageColumn);
    QCOMPARE(first.data().toString(), QStringLiteral("name 'pyhton_sources' is not defined (did you mean python_sources?)"));
    QCOMPARE(model.index(0, ProblemsModel::LocationColumn).data().toString(), QStringLiteral("src/app/BUILD:7:3"));
    QCOMPARE(first.data(ProblemsModel::LineRole).toInt(), 7);
    QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("unknown target type 'custom_plugin_type' (its fields are kept as written)"));
    QCOMPARE(model.index(1, 0).data(ProblemsModel::FileRole).toString(), QStringLiteral("tools/BUILD"));

    ProblemsFilterModel filter;
    filter.setSourceModel(&model);
    filter.setSeverityVisible(base::Severity::Error, false);
    QCOMPARE(filter.rowCount(), 1);
}

void ModelsTest::testFuzzyScore_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("matches");
    QTest::newRow("subsequence") << "bkcmn" << "src/ai/backend/common" << true;
    QTest::newRow("case-insensitive") << "APP" << "src/app:lib" << true;
    QTest::newRow("out of order") << "nmc" << "common" << false;
    QTest::newRow("missing char") << "xyz" << "src/app" << false;
    QTest::newRow("empty query") << "" << "anything" << true;
}

void ModelsTest::testFuzzyScore()
{
    QFETCH(QString, query);
    QFETCH(QString, text);
    QFETCH(bool, matches);
    QCOMPARE(fuzzyScore(query, text).has_value(), matches);
}

void ModelsTest::testQuickOpenRanking()
{
    // Word starts and the last path component beat scattered matches.
    QVERIFY(*fuzzyScore(u"types", u"src/common/types.py") > *fuzzyScore(u"types", u"src/t/y/p/e/s.py"));
    QuickOpenModel model;
    model.setSnapshot(makeSnapshot());
    QCOMPARE(model.rowCount(), 5 + 4); // targets + files
    QuickOpenFilterModel filter;
    filter.setSourceModel(&model);
    filter.setQuery(QStringLiteral("b.py"));
    QVERIFY(filter.rowCount() >= 2);
    const QString top = filter.index(0, 0).data().toString();
    QVERIFY2(top == QStringLiteral("src/app/b.py") || top == QStringLiteral("src/app/b.py:lib"), qPrintable(top));
    filter.setQuery(QStringLiteral("zzz"));
    QCOMPARE(filter.rowCount(), 0);
}

void ModelsTest::testQuickOpenExactMatchesFirst()
{
    // A test file whose path contains every letter of the query must not outrank the
    // file the query names exactly (by path suffix or by base name).
    auto ws = std::make_shared<workspace::Workspace>();
    ws->m_files = workspace::FileTree::fromFiles(
        "/repo", {"tests/unit/common/test_types.py", "src/ai/backend/common/types.py", "src/ai/backend/common/typed_dict.py",
                  "tests/unit/common/types/test_typesafe.py", "src/ai/backend/manager/types.py"});
    auto snapshot = std::make_shared<WorkspaceSnapshot>();
    snapshot->rootPath = QStringLiteral("/repo");
    snapshot->workspace = ws;
    QuickOpenModel model;
    model.setSnapshot(snapshot);
    QuickOpenFilterModel filter;
    filter.setSourceModel(&model);

    filter.setQuery(QStringLiteral("common/types.py"));
    QVERIFY(filter.rowCount() >= 2);
    QCOMPARE(filter.index(0, 0).data().toString(), QStringLiteral("src/ai/backend/common/types.py"));

    filter.setQuery(QStringLiteral("types.py"));
    const QStringList top2 = {filter.index(0, 0).data().toString(), filter.index(1, 0).data().toString()};
    QVERIFY2(top2.contains(QStringLiteral("src/ai/backend/common/types.py")) && top2.contains(QStringLiteral("src/ai/backend/manager/types.py")),
             qPrintable(top2.join(u' ')));

    filter.setQuery(QStringLiteral("src/ai/backend/common/types.py"));
    QCOMPARE(filter.index(0, 0).data().toString(), QStringLiteral("src/ai/backend/common/types.py"));
    QVERIFY(*fuzzyScore(u"common/types.py", u"src/ai/backend/common/types.py")
            > *fuzzyScore(u"common/types.py", u"tests/unit/common/test_types.py"));
}

QTEST_MAIN(ModelsTest)
#include "models_test.moc"
