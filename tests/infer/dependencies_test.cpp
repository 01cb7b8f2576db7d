// Tests for resolveDependencies over fixture repositories (spec §5): exact edge sets and
// exact diagnostics, compared with golden files next to each fixture
// (tests/fixtures/infer-*/expected-<row>.txt). Regenerate them after a reviewed change with
//   TRELLIS_UPDATE_GOLDEN=1 ./infer_dependencies_test
#include "core/infer/dependencies.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
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
    void testThreadsAgree();
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

namespace {

void writeFile(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

/// render() with who reported each diagnostic.
QString renderWithOrigins(const workspace::Workspace &ws, const InferenceResult &r)
{
    QString out = render(ws, r);
    for (const DiagnosticOrigin &o : r.diagnosticOrigins)
        out += QStringLiteral("origin %1 %2\n").arg(o.target).arg(o.step);
    return out;
}

} // namespace

// The per-target pass runs in chunks on several threads; whatever the thread count, the
// result (edges, diagnostics, their order and origins, and the conftest.py reported once
// per run) is the serial pass's. The repository is large enough for many chunks, and its
// diagnostics come from every step: unknown explicit addresses, unowned and ambiguous
// imports, and an unowned conftest.py asked about by tests in every chunk.
void DependenciesTest::testThreadsAgree()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString root = dir.path();
    writeFile(root + "/pants.toml", "[GLOBAL]\npants_version = \"2.32.0\"\nbackend_packages = [\"pants.backend.python\"]\n"
                                    "[source]\nroot_patterns = [\"/src\", \"/lib\"]\n");
    writeFile(root + "/src/BUILD", "python_sources(sources=[\"dup.py\"])\n"); // src/conftest.py has no owner
    writeFile(root + "/src/dup.py", "X = 1\n");
    writeFile(root + "/src/conftest.py", "import pytest\n");
    writeFile(root + "/lib/BUILD", "python_sources()\n");
    writeFile(root + "/lib/dup.py", "X = 2\n");
    constexpr int kPackages = 60, kModules = 30, kTests = 8;
    for (int p = 0; p < kPackages; ++p) {
        const QString pkg = QStringLiteral("%1/src/pkg%2").arg(root).arg(p);
        QByteArray build = "python_sources()\npython_tests(name=\"tests\", sources=[\"test_*.py\"]";
        if (p % 20 == 3)
            build += ", dependencies=[\"//nowhere:x\", \"src/pkg0:missing\"]";
        build += ")\n";
        writeFile(pkg + "/BUILD", build);
        writeFile(pkg + "/__init__.py", p % 2 ? QByteArray("VERSION = 1\n") : QByteArray());
        if (p % 5 == 0)
            writeFile(pkg + "/conftest.py", "import os\n"); // owned: an edge, no error
        for (int m = 0; m < kModules; ++m) {
            QByteArray text = "import os\n";
            if (m > 0)
                text += QStringLiteral("from pkg%1 import mod%2\n").arg(p).arg(m - 1).toUtf8();
            if (m % 4 == 0)
                text += QStringLiteral("import missing_%1.sub\n").arg(m).toUtf8();
            if (m % 9 == 0)
                text += "import dup\n";
            text += QStringLiteral("from pkg%1.mod%2 import thing\n").arg((p + 1) % kPackages).arg(m).toUtf8();
            writeFile(QStringLiteral("%1/mod%2.py").arg(pkg).arg(m), text);
        }
        for (int t = 0; t < kTests; ++t)
            writeFile(QStringLiteral("%1/test_%2.py").arg(pkg).arg(t),
                      QStringLiteral("from pkg%1 import mod%2\nimport not_there\n").arg(p).arg(t).toUtf8());
    }
    workspace::LoadRequest load;
    load.options.buildRoot = root.toStdString();
    load.options.readPantsrc = false;
    auto ws = workspace::loadWorkspace(load);
    QVERIFY(ws);
    QVERIFY((*ws)->targets().size() > 2000);

    auto resolve = [&](int threads, std::vector<int> only = {}) {
        InferenceRequest req;
        req.workspace = *ws;
        req.cacheDir = "-";
        req.threads = threads;
        req.onlyTargets = std::move(only);
        return resolveDependencies(req);
    };
    const InferenceResult serial = resolve(1);
    const QString expected = renderWithOrigins(**ws, serial);
    // Every kind of diagnostic is there, and the unowned conftest.py once.
    QVERIFY(expected.contains("does not exist"));
    QVERIFY(expected.contains("Pants cannot infer owners for the following imports"));
    QVERIFY(expected.contains("more than one target owns this module"));
    QCOMPARE(expected.count("No owning targets could be found for the file `src/conftest.py`"), 1);
    size_t edges = 0;
    for (const auto &row : serial.dependencies)
        edges += row.size();
    QVERIFY(edges > 5000);
    for (int threads : {2, 3, 4, 8})
        QCOMPARE(renderWithOrigins(**ws, resolve(threads)), expected);

    // A partial run (onlyTargets) agrees too.
    std::vector<int> only;
    for (int i = 0; i < int((*ws)->targets().size()); i += 2)
        only.push_back(i);
    QCOMPARE(renderWithOrigins(**ws, resolve(4, only)), renderWithOrigins(**ws, resolve(1, only)));
}

QTEST_GUILESS_MAIN(DependenciesTest)
#include "dependencies_test.moc"
