// Tests for loadWorkspace with LoadRequest::previous: a reload after an edit takes the
// directories none of whose inputs changed over from the earlier load, and the result is
// the same as a full load in every part (targets, diagnostics and their order, print()
// output, inputs, env() reads, dependency rules).
#include "core/workspace/workspace.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>

using namespace trellis::workspace;

namespace {

std::shared_ptr<const Workspace> load(const QString &root, std::shared_ptr<const Workspace> previous = {},
                                      std::vector<std::string> changed = {})
{
    LoadRequest req;
    req.options.buildRoot = root.toStdString();
    req.options.readPantsrc = false;
    req.previous = std::move(previous);
    req.changedInputs = std::move(changed);
    auto ws = loadWorkspace(req);
    return ws ? *ws : nullptr;
}

void write(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
}

QStringList describe(const Workspace &ws)
{
    QStringList out;
    for (const Target &t : ws.targets()) {
        QString line = QString::fromStdString(t.address.toString() + " " + t.type + " @" + t.declaredAt.toString());
        for (const Field &f : t.fields)
            line += QString::fromStdString(" " + f.alias + "=" + f.value.repr());
        out << line;
    }
    for (const auto &d : ws.diagnostics())
        out << QStringLiteral("diag ") + QString::fromStdString(d.format());
    for (const auto &[loc, text] : ws.log())
        out << QString::fromStdString("log " + loc.toString() + " " + text);
    for (const std::string &i : ws.loadInputs())
        out << QString::fromStdString("input " + i);
    for (const auto &[name, value] : ws.environmentReads())
        out << QString::fromStdString("env " + name + "=" + value.value_or("<unset>"));
    for (const auto &[dir, r] : ws.m_dependenciesRules)
        out << QString::fromStdString("rules " + dir + " " + r.declaredAt.toString());
    for (const auto &[dir, r] : ws.m_dependentsRules)
        out << QString::fromStdString("dependents-rules " + dir + " " + r.declaredAt.toString());
    return out;
}

} // namespace

class PartialReloadTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void testSameAsFullLoad_data();
    void testSameAsFullLoad();
    void testPreludeChangeEvaluatesAll();
    void testDifferentFilesEvaluatesAll();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_root;
};

void PartialReloadTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_root = m_dir->path();
    const std::string fixture = std::string(TRELLIS_TEST_DATA) + "/fixtures/ws-basic";
    std::filesystem::copy(fixture, m_root.toStdString(), std::filesystem::copy_options::recursive);
    // print(), env(), a requirements file and rules, so every per-directory part is exercised.
    write(m_root + "/src/app/BUILD",
          "print('app', env('TRELLIS_PARTIAL_TEST_VAR', 'unset'))\n"
          "python_sources(name=\"lib\", sources=[\"*.py\", \"sub/*.py\", \"!*_test.py\", \"!conftest.py\"],\n"
          "               overrides={\"main.py\": {\"tags\": [\"entry\"]}})\n"
          "python_tests(name=\"tests\", timeout=30)\n"
          "python_test_utils()\n"
          "pex_binary(name=\"bin\", entry_point=\"main.py\")\n"
          "__dependencies_rules__((\"*\", \"*\"))\n");
    write(m_root + "/src/a/b/BUILD", "print('b')\npython_tests(name='deep', sources=[])\n");
}

void PartialReloadTest::testSameAsFullLoad_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("evaluated"); // directories evaluated again; -1 = all
    // 8 directories with BUILD files: "", 3rdparty/python, broken, schema, src, src/a, src/a/b, src/app.
    QTest::newRow("leaf: a comment moves every line")
        << "src/app/BUILD" << QByteArray() << 1;
    QTest::newRow("leaf: a field and a new target")
        << "schema/BUILD" << QByteArray("json_schema(dependencies=['src/a:lib'], version=4)\nfile(name='x', source='BUILD')\n")
        << 1;
    QTest::newRow("leaf: a syntax error")
        << "src/a/b/BUILD" << QByteArray("python_tests(name='deep'\n") << 1;
    QTest::newRow("leaf: fixed again after an error")
        << "broken/BUILD" << QByteArray("python_sources(name='ok')\n") << 1;
    QTest::newRow("__defaults__ changed: the directories below run again")
        << "src/BUILD" << QByteArray("__defaults__({python_tests: dict(timeout=90)}, all=dict(tags=['src2']))\n") << 4;
    QTest::newRow("__defaults__ added below the root")
        << "schema/BUILD" << QByteArray("__defaults__(all=dict(tags=['s']))\njson_schema(version=3)\n") << 1;
    QTest::newRow("a directory that sets __defaults__, other calls changed")
        << "src/a/BUILD" << QByteArray("__defaults__({python_tests: dict(tags=['a'])})\npython_sources(name='lib')\n") << 2;
    QTest::newRow("requirements file read by a directory")
        << "3rdparty/python/requirements.txt" << QByteArray("requests==2.32.0\nPyYAML==6.0\nnewpkg>=1\n") << 1;
}

void PartialReloadTest::testSameAsFullLoad()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, text);
    QFETCH(int, evaluated);
    auto before = load(m_root);
    QVERIFY(before);
    QCOMPARE(int(before->directoryLoads().size()), 8);
    QCOMPARE(before->directoriesEvaluated(), 8);
    QVERIFY(before->log().size() == 2);

    const QString path = m_root + "/" + file;
    if (text.isEmpty()) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        text = "# a comment\n" + f.readAll();
    }
    write(path, text);

    auto partial = load(m_root, before, {file.toStdString()});
    auto full = load(m_root);
    QVERIFY(partial && full);
    QCOMPARE(partial->directoriesEvaluated(), evaluated);
    QCOMPARE(describe(*partial), describe(*full));
    QVERIFY(partial->targets() == full->targets());
    QVERIFY(describe(*partial) != describe(*before));
    // Every target taken over is the very object at its previousIndex() in `before`
    // (shared, not copied); the others (-1) were made by this load.
    QCOMPARE(partial->previousIndex().size(), partial->targets().size());
    int takenOver = 0;
    for (size_t i = 0; i < partial->targets().size(); ++i) {
        const int from = partial->previousIndex()[i];
        if (from < 0)
            continue;
        ++takenOver;
        QVERIFY(size_t(from) < before->targets().size());
        QVERIFY(before->targets().shared(size_t(from)) == partial->targets().shared(i));
    }
    QVERIFY(takenOver > 0);
    QVERIFY(takenOver < int(partial->targets().size()));
    for (size_t i = 0; i < partial->targets().size(); ++i)
        if (partial->previousIndex()[i] < 0)
            for (size_t j = 0; j < before->targets().size(); ++j)
                QVERIFY(before->targets().shared(j) != partial->targets().shared(i));
    // The reload's own records serve the next one.
    auto again = load(m_root, partial, {file.toStdString()});
    QVERIFY(again);
    QCOMPARE(describe(*again), describe(*full));
}

void PartialReloadTest::testPreludeChangeEvaluatesAll()
{
    // pants.toml with a prelude glob.
    QFile src(QString::fromStdString(std::string(TRELLIS_TEST_DATA) + "/fixtures/ws-basic/pants.toml"));
    QVERIFY(src.open(QIODevice::ReadOnly));
    QByteArray toml = src.readAll();
    toml.replace("[GLOBAL]\n", "[GLOBAL]\nbuild_file_prelude_globs = [\"prelude.py\"]\n");
    write(m_root + "/pants.toml", toml);
    write(m_root + "/prelude.py", "def helper():\n    return 1\n");
    auto before = load(m_root);
    QVERIFY(before);
    write(m_root + "/prelude.py", "def helper():\n    return 2\n");
    auto partial = load(m_root, before, {"prelude.py"});
    QVERIFY(partial);
    QCOMPARE(partial->directoriesEvaluated(), 8);
    QCOMPARE(describe(*partial), describe(*load(m_root)));
}

void PartialReloadTest::testDifferentFilesEvaluatesAll()
{
    auto before = load(m_root);
    QVERIFY(before);
    // A new file changes what globs match in src/app: nothing can be taken over.
    write(m_root + "/src/app/new_module.py", "x = 1\n");
    auto partial = load(m_root, before, {"src/a/BUILD"});
    QVERIFY(partial);
    QCOMPARE(partial->directoriesEvaluated(), 8);
    QVERIFY(partial->find(*Address::parse("src/app/new_module.py:lib")));
    QCOMPARE(describe(*partial), describe(*load(m_root)));
}

QTEST_GUILESS_MAIN(PartialReloadTest)
#include "partialreload_test.moc"
