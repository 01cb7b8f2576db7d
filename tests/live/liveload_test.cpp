// Tests for core/live: the persistent workspace snapshot and the warm-start paths of
// loadLive (issue #22). Each test writes a small repository into a temporary directory,
// loads it through the snapshot, changes something the way a user or an editor would,
// and checks both which path the loader took and that the answer equals a cold load.
#include "core/graph/targetgraph.h"
#include "core/live/liveload.h"
#include "core/live/snapshot.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>

using namespace trellis;
using live::LoadPath;

namespace {

/// Sets the modification time of `path` to `secondsAgo` seconds before now, so that a
/// fixture written a moment ago does not look "racily" recent to the snapshot.
void backdate(const QString &path, int secondsAgo)
{
    timespec times[2];
    timespec now {};
    clock_gettime(CLOCK_REALTIME, &now);
    now.tv_sec -= secondsAgo;
    times[0] = now;
    times[1] = now;
    QVERIFY(utimensat(AT_FDCWD, path.toLocal8Bit().constData(), times, 0) == 0);
}

class Repo {
public:
    Repo()
    {
        write("pants.toml", "[GLOBAL]\npants_version = \"2.20.0\"\nbackend_packages = [\"pants.backend.python\"]\n"
                            "[source]\nroot_patterns = [\"/src\"]\n");
        write("src/app/BUILD", "python_sources(name=\"lib\")\n");
        write("src/app/main.py", "import app.util\n");
        write("src/app/util.py", "X = 1\n");
        write("src/app/extra.py", "Y = 2\n");
        write("src/other/BUILD", "python_sources(dependencies=[env(\"EXTRA_DEP\", \"//src/app/util.py:lib\")])\n");
        write("src/other/x.py", "Z = 3\n");
        settle();
    }

    QString root() const { return m_dir.path(); }
    QString cache() const { return m_cache.path(); }

    void write(const QString &rel, const QByteArray &text)
    {
        const QString path = m_dir.filePath(rel);
        QDir().mkpath(QFileInfo(path).path());
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
    }

    /// Every file and directory as if written a minute ago.
    void settle()
    {
        backdate(root(), 60);
        QDirIterator it(root(), QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext())
            backdate(it.next(), 60);
    }

    live::LiveRequest request(std::map<std::string, std::string> env = {}) const
    {
        live::LiveRequest r;
        r.load.options.buildRoot = root().toStdString();
        r.load.options.readPantsrc = false;
        r.load.options.environment = std::move(env);
        r.cacheDir = cache().toStdString();
        return r;
    }

private:
    QTemporaryDir m_dir;
    QTemporaryDir m_cache;
};

/// The graph as text: every edge with its kind and evidence, then the diagnostics of
/// the workspace and of inference, so two loads compare in one QCOMPARE.
QString render(const live::LiveResult &r)
{
    QString out;
    const auto &ws = *r.workspace;
    for (const auto &t : ws.targets())
        out += QString::fromStdString(t.address.toString() + " " + t.type) + '\n';
    if (r.graph) {
        for (int n = 0; n < r.graph->nodeCount(); ++n)
            for (int dep : r.graph->dependencies(n)) {
                const graph::EdgeInfo e = r.graph->edge(n, dep);
                out += QString::fromStdString(r.graph->address(n).toString() + " -> " + r.graph->address(dep).toString()
                                              + " " + infer::edgeKindName(e.kind));
                for (const auto &ev : e.evidence)
                    out += QStringLiteral(" %1:%2").arg(QString::fromStdString(ev.file)).arg(ev.line);
                out += '\n';
            }
        for (const auto &d : r.graph->diagnostics())
            out += QString::fromStdString(d.format()) + '\n';
    }
    for (const auto &d : ws.diagnostics())
        out += QString::fromStdString(d.format()) + '\n';
    return out;
}

live::LiveResult load(const live::LiveRequest &r)
{
    auto result = live::loadLive(r);
    if (!result)
        qFatal("load failed: %s", result.diagnostics().front().format().c_str());
    return *result;
}

/// A load of the same repository with no snapshot at all.
QString cold(const Repo &repo, std::map<std::string, std::string> env = {})
{
    live::LiveRequest r = repo.request(std::move(env));
    r.cacheDir = "-";
    return render(load(r));
}

} // namespace

class LiveLoadTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void warmStartComesFromTheSnapshot()
    {
        Repo repo;
        const live::LiveResult first = load(repo.request());
        QCOMPARE(first.how, LoadPath::Cold);
        QCOMPARE(QString::fromStdString(first.reason), QStringLiteral("no snapshot"));
        const live::LiveResult second = load(repo.request());
        QCOMPARE(second.how, LoadPath::Snapshot);
        QCOMPARE(QString::fromStdString(second.reason), QString());
        QVERIFY(second.graph);
        QCOMPARE(render(second), render(first));
        QCOMPARE(render(second), cold(repo));
        QVERIFY(render(second).contains("src/app/main.py:lib -> src/app/util.py:lib inferred src/app/main.py:1"));
    }

    void editedSourceIsInferredAgain()
    {
        Repo repo;
        load(repo.request());
        repo.write("src/app/main.py", "import app.util\nimport app.extra\n");
        const live::LiveResult r = load(repo.request());
        QCOMPARE(r.how, LoadPath::Sources);
        QCOMPARE(r.changedSources, std::vector<std::string>{"src/app/main.py"});
        QVERIFY(render(r).contains("src/app/main.py:lib -> src/app/extra.py:lib inferred src/app/main.py:2"));
        QCOMPARE(render(r), cold(repo));
        // Written back: the next start is warm again once the edit is older than a tick.
        backdate(repo.root() + "/src/app/main.py", 30);
        QCOMPARE(load(repo.request()).how, LoadPath::Sources); // its stamp moved once more
        // The write-backs kept the file's workspace part as it was (workspacePartOf).
        const live::LiveResult warm = load(repo.request());
        QCOMPARE(warm.how, LoadPath::Snapshot);
        QCOMPARE(render(warm), cold(repo));
    }

    // A write-back of the same workspace takes its part of the file as it is: the bytes
    // are exactly those of encoding everything again.
    void encodedWorkspacePartIsReusedAsItIs()
    {
        Repo repo;
        const live::LiveResult first = load(repo.request());
        live::Snapshot snap;
        snap.workspace = first.workspace;
        snap.graph = first.graph;
        snap.stamps = *first.stamps;
        const std::string whole = live::encodeSnapshot(snap, first.key);
        const std::optional<live::EncodedPart> part = live::workspacePartOf(whole, first.key);
        QVERIFY(part);
        const live::EncodedPart encoded = live::encodeWorkspacePart(*first.workspace);
        QCOMPARE(part->bytes, encoded.bytes);
        QCOMPARE(part->dataHash, encoded.dataHash);
        QCOMPARE(part->tableHash, encoded.tableHash);
        std::string joined;
        for (const std::string &piece : live::encodeSnapshotParts(snap, first.key, &*part))
            joined += piece;
        QVERIFY(joined == whole);
        // Another key is not this snapshot's.
        live::SnapshotKey other = first.key;
        other.buildRoot += "-elsewhere";
        QVERIFY(!live::workspacePartOf(whole, other));
        QVERIFY(!live::workspacePartOf(whole.substr(0, whole.size() / 2), first.key));
    }

    // Through LiveRequest::previous (the window's path): an edit that changes no import
    // keeps the very graph object, so the views can tell nothing is new by identity; one
    // that does gives a new graph equal to a cold load.
    void editWithoutNewImportsKeepsTheGraphObject()
    {
        Repo repo;
        live::LiveLoader first(repo.request());
        QVERIFY(first.workspace());
        QVERIFY(first.graph());
        std::function<void()> write = first.prepareSave();
        QVERIFY(write);                 // the file is written later, by whoever holds the task
        QVERIFY(first.state().stamps);  // but the stamps are there now, for `previous`
        QVERIFY(!QFile::exists(QString::fromStdString(live::snapshotPath(repo.cache().toStdString(),
                                                                          repo.root().toStdString()))));
        write();
        QVERIFY(QFile::exists(QString::fromStdString(live::snapshotPath(repo.cache().toStdString(),
                                                                         repo.root().toStdString()))));
        auto previous = std::make_shared<const live::LiveResult>(first.state());

        repo.write("src/app/main.py", "import app.util\n# a comment, no new import\n");
        live::LiveRequest again = repo.request();
        again.previous = previous;
        const live::LiveResult comment = load(again);
        QCOMPARE(comment.how, LoadPath::Sources);
        QCOMPARE(comment.workspace, previous->workspace);
        QCOMPARE(comment.graph, previous->graph);
        QVERIFY(comment.stamps != previous->stamps); // the edit's stamp is kept

        repo.write("src/app/main.py", "import app.util\nimport app.extra\n");
        again.previous = std::make_shared<const live::LiveResult>(comment);
        const live::LiveResult edited = load(again);
        QCOMPARE(edited.how, LoadPath::Sources);
        QVERIFY(edited.graph != previous->graph);
        QCOMPARE(render(edited), cold(repo));
    }

    // An explicit reload reads every BUILD file again, whatever the snapshot says.
    void freshLoadIgnoresTheSnapshot()
    {
        Repo repo;
        const live::LiveResult first = load(repo.request());
        live::LiveRequest fresh = repo.request();
        fresh.fresh = true;
        fresh.previous = std::make_shared<const live::LiveResult>(first);
        const live::LiveResult r = load(fresh);
        QCOMPARE(r.how, LoadPath::Reload);
        QCOMPARE(QString::fromStdString(r.reason), QStringLiteral("a full reload was asked for"));
        QVERIFY(r.workspace != first.workspace);
        QCOMPARE(render(r), render(first));
        QCOMPARE(load(repo.request()).how, LoadPath::Snapshot); // and it wrote the snapshot again
    }

    void partialInferenceKeepsDiagnosticsInOrder()
    {
        // Unowned imports are reported per target, in target order; redoing one target
        // must put its new warning where a full run puts it, between the others.
        Repo repo;
        repo.write("src/app/extra.py", "import nowhere.first\n");
        repo.write("src/other/x.py", "import nowhere.third\n");
        repo.settle();
        load(repo.request());
        repo.write("src/app/main.py", "import app.util\nimport nowhere.second\n");
        const live::LiveResult r = load(repo.request());
        QCOMPARE(r.how, LoadPath::Sources);
        const QString text = render(r);
        QVERIFY(text.indexOf("nowhere.first") < text.indexOf("nowhere.second"));
        QVERIFY(text.indexOf("nowhere.second") < text.indexOf("nowhere.third"));
        QCOMPARE(text, cold(repo));
        // And the warning goes away again when the import does.
        repo.write("src/app/main.py", "import app.util\n");
        backdate(repo.root() + "/src/app/main.py", 20);
        const live::LiveResult again = load(repo.request());
        QVERIFY(!render(again).contains("nowhere.second"));
        QCOMPARE(render(again), cold(repo));
    }

    void changedInitFileResolvesEverything()
    {
        // init_files = "content_only": an __init__.py that gains content becomes a
        // dependency of every file below it, so one changed file touches many targets.
        Repo repo;
        repo.write("src/app/__init__.py", "");
        repo.write("src/app/BUILD", "python_sources(name=\"lib\")\n");
        repo.settle();
        load(repo.request());
        QVERIFY(!render(load(repo.request())).contains("-> src/app/__init__.py:lib init-file"));
        repo.write("src/app/__init__.py", "VERSION = 1\n");
        const live::LiveResult r = load(repo.request());
        QCOMPARE(r.how, LoadPath::Sources);
        QVERIFY(render(r).contains("src/app/util.py:lib -> src/app/__init__.py:lib init-file"));
        QCOMPARE(render(r), cold(repo));
    }

    void editedBuildFileReloads()
    {
        Repo repo;
        load(repo.request());
        repo.write("src/app/BUILD", "python_sources(name=\"lib\")\npython_requirement(name=\"more\", requirements=[\"six\"])\n");
        const live::LiveResult r = load(repo.request());
        QCOMPARE(r.how, LoadPath::Reload);
        QCOMPARE(QString::fromStdString(r.reason), QStringLiteral("src/app/BUILD changed"));
        QVERIFY(render(r).contains("src/app:more python_requirement\n"));
        QCOMPARE(render(r), cold(repo));
    }

    // A BUILD edit that only changes fields of Python source targets patches the earlier
    // graph (those targets resolved again), from the snapshot file (the CLI) and from
    // `previous` (the window); anything else infers everything. Always equal to cold.
    void buildEditPatchesTheGraph_data()
    {
        QTest::addColumn<bool>("throughPrevious");
        QTest::addColumn<QByteArray>("build");
        QTest::addColumn<bool>("patched"); // some targets resolved again, or a full inference
        QTest::addColumn<QByteArray>("source"); // also written to src/other/x.py at the same time
        const QByteArray req = "python_requirement(name=\"six\", requirements=[\"six\"])\n";
        for (bool prev : {false, true}) {
            const char *how = prev ? "previous" : "file";
            QTest::addRow("%s: comment", how) << prev << ("python_sources(name=\"lib\")\n# a comment\n" + req) << true << QByteArray();
            // A Python file saved in the same moment (a checkout): its row is redone too.
            QTest::addRow("%s: comment and a source", how)
                << prev << ("python_sources(name=\"lib\")\n# a comment\n" + req) << true
                << QByteArray("import app.extra\n");
            QTest::addRow("%s: comment and an __init__ file", how)
                << prev << ("python_sources(name=\"lib\")\n# a comment\n" + req) << false
                << QByteArray("import app.extra\n");
            QTest::addRow("%s: explicit dependency", how)
                << prev << ("python_sources(name=\"lib\", dependencies=[\"//src/other/x.py\"])\n" + req) << true << QByteArray();
            QTest::addRow("%s: unknown address", how)
                << prev << ("python_sources(name=\"lib\", dependencies=[\":nope\"])\n" + req) << true << QByteArray();
            QTest::addRow("%s: tags", how) << prev << ("python_sources(name=\"lib\", tags=[\"x\"])\n" + req) << true << QByteArray();
            QTest::addRow("%s: a requirement changes", how)
                << prev << QByteArray("python_sources(name=\"lib\")\npython_requirement(name=\"six\", requirements=[\"six\"], "
                                      "modules=[\"app\"])\n") << false << QByteArray();
            QTest::addRow("%s: a new target", how)
                << prev << ("python_sources(name=\"lib\")\npython_sources(name=\"more\", sources=[\"extra.py\"])\n" + req) << false << QByteArray();
            QTest::addRow("%s: sources move", how)
                << prev << ("python_sources(name=\"lib\", sources=[\"main.py\", \"util.py\"])\n" + req) << false << QByteArray();
        }
    }
    void buildEditPatchesTheGraph()
    {
        QFETCH(bool, throughPrevious);
        QFETCH(QByteArray, build);
        QFETCH(bool, patched);
        QFETCH(QByteArray, source);
        const bool init = QByteArray(QTest::currentDataTag()).contains("__init__");
        Repo repo;
        repo.write("src/app/BUILD", "python_sources(name=\"lib\")\npython_requirement(name=\"six\", requirements=[\"six\"])\n");
        repo.write("src/app/extra.py", "import six\n");
        if (init)
            repo.write("src/other/__init__.py", "");
        repo.settle();
        const live::LiveResult first = load(repo.request());
        repo.write("src/app/BUILD", build);
        if (!source.isEmpty())
            repo.write(init ? "src/other/__init__.py" : "src/other/x.py", source);
        // Older than the stamps the load takes (not "racily" recent), newer than the first.
        for (const char *f : {"src/app/BUILD", "src/other/x.py", "src/other/__init__.py"})
            if (QFileInfo::exists(repo.root() + "/" + f))
                backdate(repo.root() + "/" + f, 30);
        live::LiveRequest again = repo.request();
        if (throughPrevious)
            again.previous = std::make_shared<const live::LiveResult>(first);
        else
            again.encodeEarly = true; // as the command line loads
        const live::LiveResult r = load(again);
        QCOMPARE(r.how, LoadPath::Reload);
        QCOMPARE(r.patchedTargets >= 0, patched);
        QCOMPARE(render(r), cold(repo));
        QCOMPARE(r.graph->workspace(), r.workspace);
        // The stamps written hold what the graph was made from: nothing is left stale.
        live::LiveRequest third = repo.request();
        if (throughPrevious)
            third.previous = std::make_shared<const live::LiveResult>(r);
        const live::LiveResult after = load(third);
        QCOMPARE(after.how, LoadPath::Snapshot);
        QCOMPARE(render(after), cold(repo));
        // The file written back (its workspace encoded early, on the file path) reads the same.
        QCOMPARE(render(load(repo.request())), cold(repo));
    }

    // With the paths a watcher reported, only their stamps (and their directories') are
    // compared: a reported edit, a reported new file are seen; what is not reported is
    // taken to hold, as the watcher promises.
    void changedPathsNarrowTheCheck()
    {
        Repo repo;
        const auto first = std::make_shared<const live::LiveResult>(load(repo.request()));
        repo.write("src/app/main.py", "import app.util\nimport app.extra\n");
        backdate(repo.root() + "/src/app/main.py", 30);

        live::LiveRequest unreported = repo.request();
        unreported.previous = first;
        unreported.changedPaths = std::vector<std::string>{};
        const live::LiveResult same = load(unreported);
        QCOMPARE(same.stampsChecked, size_t(0));
        QCOMPARE(same.graph, first->graph);

        live::LiveRequest reported = repo.request();
        reported.previous = first;
        reported.changedPaths = std::vector<std::string>{(repo.root() + "/src/app/main.py").toStdString()};
        const live::LiveResult r = load(reported);
        QCOMPARE(r.how, LoadPath::Sources);
        QVERIFY2(r.stampsChecked <= 3, qPrintable(QString::number(r.stampsChecked))); // the file, its directory
        QCOMPARE(render(r), cold(repo));

        repo.write("src/app/new.py", "import app.util\n");
        live::LiveRequest added = repo.request();
        added.previous = std::make_shared<const live::LiveResult>(r);
        added.changedPaths = std::vector<std::string>{(repo.root() + "/src/app/new.py").toStdString()};
        const live::LiveResult a = load(added);
        QCOMPARE(QString::fromStdString(a.reason), QStringLiteral("the set of files changed"));
        QCOMPARE(render(a), cold(repo));
    }

    void addedFileReloads()
    {
        Repo repo;
        load(repo.request());
        repo.write("src/app/new.py", "import app.util\n");
        const live::LiveResult r = load(repo.request());
        QCOMPARE(r.how, LoadPath::Reload);
        QCOMPARE(QString::fromStdString(r.reason), QStringLiteral("the set of files changed"));
        QVERIFY(render(r).contains("src/app/new.py:lib -> src/app/util.py:lib"));
        QCOMPARE(render(r), cold(repo));
    }

    void editorSaveThroughRenameKeepsTheSnapshot()
    {
        // Editors write a temporary file and rename it over the original: the directory's
        // time moves although the same files are there. A second walk tells.
        Repo repo;
        load(repo.request());
        repo.write("src/app/util.py.swp", "X = 1\n");
        QVERIFY(QFile::remove(repo.root() + "/src/app/util.py"));
        QVERIFY(QFile::rename(repo.root() + "/src/app/util.py.swp", repo.root() + "/src/app/util.py"));
        backdate(repo.root() + "/src/app/util.py", 30);
        const live::LiveResult r = load(repo.request());
        QCOMPARE(r.how, LoadPath::Sources); // util.py's stamp changed: inferred again
        QCOMPARE(r.changedSources, std::vector<std::string>{"src/app/util.py"});
        QCOMPARE(render(r), cold(repo));
        QCOMPARE(load(repo.request()).how, LoadPath::Snapshot);
    }

    void environmentReadByBuildFilesIsChecked()
    {
        Repo repo;
        load(repo.request());
        QCOMPARE(load(repo.request()).how, LoadPath::Snapshot);
        const std::map<std::string, std::string> env{{"EXTRA_DEP", "//src/app/extra.py:lib"}};
        const live::LiveResult r = load(repo.request(env));
        QCOMPARE(r.how, LoadPath::Reload);
        QCOMPARE(QString::fromStdString(r.reason), QStringLiteral("environment variable EXTRA_DEP changed"));
        QVERIFY(render(r).contains("src/other/x.py -> src/app/extra.py:lib explicit"));
        QCOMPARE(render(r), cold(repo, env));
        // Variables BUILD files never read do not matter.
        auto unrelated = env;
        unrelated["SOMETHING_ELSE"] = "1";
        QCOMPARE(load(repo.request(unrelated)).how, LoadPath::Snapshot);
    }

    void changedOptionsMissTheSnapshot()
    {
        Repo repo;
        load(repo.request());
        repo.write("pants.toml", "[GLOBAL]\npants_version = \"2.20.0\"\nbackend_packages = [\"pants.backend.python\"]\n"
                                 "[source]\nroot_patterns = [\"/src\", \"/src/other\"]\n");
        const live::LiveResult r = load(repo.request());
        QCOMPARE(r.how, LoadPath::Reload);
        QCOMPARE(QString::fromStdString(r.reason), QStringLiteral("snapshot unusable: the options changed"));
        QCOMPARE(render(r), cold(repo));
    }

    void damagedSnapshotIsAMissNotACrash()
    {
        Repo repo;
        load(repo.request());
        const QString path = QString::fromStdString(live::snapshotPath(repo.cache().toStdString(), repo.root().toStdString()));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray good = f.readAll();
        f.close();
        // Truncated at every 97th byte, and one flipped byte per region: never a crash,
        // always the right answer.
        const QString expected = cold(repo);
        for (qsizetype cut = 0; cut < good.size(); cut += 97) {
            QFile w(path);
            QVERIFY(w.open(QIODevice::WriteOnly | QIODevice::Truncate));
            QByteArray bad = good;
            if ((cut / 97) % 2)
                bad[cut] = char(bad[cut] ^ 0x5a);
            else
                bad.truncate(cut);
            w.write(bad);
            w.close();
            const live::LiveResult r = load(repo.request());
            QVERIFY2(r.how == LoadPath::Reload || render(r) == expected, qPrintable(QString::number(cut)));
            QCOMPARE(render(r), expected);
        }
    }

    void listOnlyRunKeepsTheGraphForLater()
    {
        Repo repo;
        live::LiveRequest noGraph = repo.request();
        noGraph.graph = false;
        const live::LiveResult a = load(noGraph);
        QCOMPARE(a.how, LoadPath::Cold);
        QVERIFY(!a.graph);
        // The workspace came from the snapshot; the graph is inferred and then saved.
        const live::LiveResult b = load(repo.request());
        QCOMPARE(b.how, LoadPath::Sources);
        QCOMPARE(QString::fromStdString(b.reason), QStringLiteral("no graph in the snapshot"));
        QCOMPARE(load(repo.request()).how, LoadPath::Snapshot);
        QCOMPARE(load(noGraph).how, LoadPath::Snapshot);
        QCOMPARE(load(repo.request()).how, LoadPath::Snapshot);
    }

    void requirementsFileIsALoadInput()
    {
        Repo repo;
        repo.write("src/app/requirements.txt", "requests==2.0\n");
        repo.write("src/app/BUILD", "python_sources(name=\"lib\")\npython_requirements(name=\"reqs\")\n");
        repo.settle();
        load(repo.request());
        QCOMPARE(load(repo.request()).how, LoadPath::Snapshot);
        repo.write("src/app/requirements.txt", "requests==2.0\nsix==1.0\n");
        const live::LiveResult r = load(repo.request());
        QCOMPARE(r.how, LoadPath::Reload);
        QCOMPARE(QString::fromStdString(r.reason), QStringLiteral("src/app/requirements.txt changed"));
        QVERIFY(render(r).contains("src/app:reqs#six"));
    }
};

QTEST_GUILESS_MAIN(LiveLoadTest)
#include "liveload_test.moc"
