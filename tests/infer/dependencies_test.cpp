// Tests for resolveDependencies over fixture repositories (spec §5): exact edge sets and
// exact diagnostics, compared with golden files next to each fixture
// (tests/fixtures/infer-*/expected-<row>.txt). Regenerate them after a reviewed change with
//   TRELLIS_UPDATE_GOLDEN=1 ./infer_dependencies_test
#include "core/infer/dependencies.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace trellis;
using namespace trellis::infer;

namespace {

std::shared_ptr<const workspace::Workspace> load(const QString &fixture, const QStringList &flags)
{
    workspace::LoadRequest req;
    req.options.buildRoot = QStringLiteral(TRELLIS_TEST_DATA "/fixtures/%1").arg(fixture).toStdString();
    req.options.readPantsrc = false;
    for (const QString &f : flags) {
        // "scope.option=value"
        const qsizetype dot = f.indexOf('.'), eq = f.indexOf('=');
        req.options.flags.push_back({f.left(dot).toStdString(), f.mid(dot + 1, eq - dot - 1).toStdString(),
                                     f.mid(eq + 1).toStdString()});
    }
    auto ws = workspace::loadWorkspace(req);
    if (!ws)
        return nullptr;
    return *ws;
}

/// One line per edge, "target -> dep [kind] lines", then the diagnostics.
QString render(const workspace::Workspace &ws, const InferenceResult &r)
{
    QString out;
    const auto &targets = ws.targets();
    for (size_t i = 0; i < r.dependencies.size(); ++i) {
        for (const Dependency &d : r.dependencies[i]) {
            out += QString::fromStdString(targets[i].address.toString() + " -> "
                                          + targets[size_t(d.target)].address.toString() + " [" + edgeKindName(d.kind) + "]");
            for (const Evidence &e : d.evidence)
                out += QStringLiteral(" %1@%2%3").arg(QString::fromStdString(e.module)).arg(e.line).arg(e.weak ? "~" : "");
            out += '\n';
        }
        for (int x : r.transitiveExcludes[i])
            out += QString::fromStdString(targets[i].address.toString() + " !! " + targets[size_t(x)].address.toString()) + '\n';
    }
    for (const base::Diagnostic &d : r.diagnostics)
        out += QString::fromStdString("---\n" + d.format()) + '\n';
    return out;
}

} // namespace

class DependenciesTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testFixture_data();
    void testFixture();
    void testCache();
};

void DependenciesTest::testFixture_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("golden");
    QTest::addColumn<QStringList>("flags");

    QTest::newRow("basic") << "infer-basic" << "default" << QStringList{};
    QTest::newRow("unowned error") << "infer-basic" << "unowned-error"
                                   << QStringList{"python-infer.unowned_dependency_behavior=error"};
    QTest::newRow("unowned ignore") << "infer-basic" << "unowned-ignore"
                                    << QStringList{"python-infer.unowned_dependency_behavior=ignore",
                                                   "python-infer.ignored_unowned_imports=['pkg.missing']"};
    QTest::newRow("ignored unowned") << "infer-basic" << "ignored-unowned"
                                     << QStringList{"python-infer.ignored_unowned_imports=['pkg.missing', 'ujsonx']"};
    QTest::newRow("init always") << "infer-basic" << "init-always" << QStringList{"python-infer.init_files=always"};
    QTest::newRow("init never") << "infer-basic" << "init-never" << QStringList{"python-infer.init_files=never"};
    QTest::newRow("by source root") << "infer-basic" << "by-source-root"
                                    << QStringList{"python-infer.ambiguity_resolution=by_source_root"};
    QTest::newRow("string imports") << "infer-basic" << "string-imports"
                                    << QStringList{"python-infer.string_imports=true",
                                                   "python-infer.string_imports_min_dots=1"};
    // `!!` on docker_image and pex_binary: the loader admits it from the type table, and
    // inference applies it (it used to reject every type but python tests/pex/distribution).
    QTest::newRow("transitive excludes") << "infer-transitive-excludes" << "default" << QStringList{};
}

void DependenciesTest::testFixture()
{
    QFETCH(QString, fixture);
    QFETCH(QString, golden);
    QFETCH(QStringList, flags);
    auto ws = load(fixture, flags);
    QVERIFY(ws);
    InferenceRequest req;
    req.workspace = ws;
    req.cacheDir = "-";
    const InferenceResult r = resolveDependencies(req);
    const QString actual = render(*ws, r);

    const QString path = QStringLiteral(TRELLIS_TEST_DATA "/fixtures/%1/expected-%2.txt").arg(fixture, golden);
    if (qEnvironmentVariableIsSet("TRELLIS_UPDATE_GOLDEN")) {
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(actual.toUtf8());
    }
    QFile in(path);
    QVERIFY2(in.open(QIODevice::ReadOnly), qPrintable(path));
    QCOMPARE(actual, QString::fromUtf8(in.readAll()));
}

void DependenciesTest::testCache()
{
    QTemporaryDir dir;
    auto ws = load("infer-basic", {});
    QVERIFY(ws);
    InferenceRequest req;
    req.workspace = ws;
    req.cacheDir = dir.path().toStdString();
    const InferenceResult cold = resolveDependencies(req);
    QVERIFY(cold.stats.filesScanned > 0);
    QCOMPARE(cold.stats.cacheHits, 0);
    const InferenceResult warm = resolveDependencies(req);
    QCOMPARE(warm.stats.filesScanned, 0);
    QCOMPARE(warm.stats.cacheHits, cold.stats.filesScanned);
    QCOMPARE(render(*ws, warm), render(*ws, cold));
}

QTEST_GUILESS_MAIN(DependenciesTest)
#include "dependencies_test.moc"
