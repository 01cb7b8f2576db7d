// The window's loader goes through core/live: a reload after an edit reuses the workspace on
// screen and re-resolves only the edited file's target; a reload with nothing changed
// hands back the very snapshot the views already show (issue #22).
#include "core/live/liveload.h"
#include "ui/appsettings.h"
#include "ui/models/targettreemodel.h"
#include "ui/workspacecontroller.h"

#include "uitestsupport.h"

#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>

using namespace trellis;
using namespace trellis::ui;

namespace {

void backdateTree(const QString &root)
{
    timespec now {};
    clock_gettime(CLOCK_REALTIME, &now);
    now.tv_sec -= 60;
    const timespec times[2] = {now, now};
    QStringList paths{root};
    QDirIterator it(root, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        paths << it.next();
    for (const QString &p : paths)
        utimensat(AT_FDCWD, p.toLocal8Bit().constData(), times, 0);
}

bool hasEdge(const SnapshotPtr &s, const std::string &from, const std::string &to)
{
    for (int n = 0; n < s->graph->nodeCount(); ++n)
        if (s->graph->address(n).toString() == from)
            for (int d : s->graph->dependencies(n))
                if (s->graph->address(d).toString() == to)
                    return true;
    return false;
}

} // namespace

class LiveReloadTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { testing::isolateUserDirectories(m_home.path()); }

    void reloadRedoesOnlyTheEditedFile()
    {
        QTemporaryDir dir;
        const QString root = dir.path();
        writeApp(root);

        WorkspaceController controller;
        controller.setWatchingEnabled(false); // this test says when to look
        QSignalSpy loaded(&controller, &WorkspaceController::loaded);
        controller.open(root);
        QVERIFY(loaded.wait(20000));
        const SnapshotPtr first = controller.snapshot();
        QVERIFY(first && first->live);
        QCOMPARE(first->live->how, live::LoadPath::Cold);
        QVERIFY(hasEdge(first, "src/app/main.py", "src/app/util.py"));
        QVERIFY(!hasEdge(first, "src/app/main.py", "src/app/extra.py"));

        // Nothing changed: the same snapshot comes back, so the views keep everything.
        controller.refresh();
        QVERIFY(loaded.wait(20000));
        QCOMPARE(controller.snapshot(), first);

        // An edit: the workspace object is reused, only the graph is new.
        QVERIFY(testing::writeFile(root, "src/app/main.py", "import app.util\nimport app.extra\n"));
        controller.refresh();
        QVERIFY(loaded.wait(20000));
        const SnapshotPtr second = controller.snapshot();
        QVERIFY(second != first);
        QCOMPARE(second->live->how, live::LoadPath::Sources);
        QCOMPARE(second->live->changedSources, std::vector<std::string>{"src/app/main.py"});
        QCOMPARE(second->workspace, first->workspace);
        QVERIFY(hasEdge(second, "src/app/main.py", "src/app/extra.py"));
        // The targets tree takes it without a reset (no rebuild, nothing lost).
        TargetTreeModel model;
        model.setSnapshot(first);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.setSnapshot(second);
        QCOMPARE(resets.count(), 0);
        QCOMPARE(model.snapshot(), second);

        // A new file: a full load, and the new target is there.
        QVERIFY(testing::writeFile(root, "src/app/more.py", "import app.extra\n"));
        controller.refresh();
        QVERIFY(loaded.wait(20000));
        const SnapshotPtr third = controller.snapshot();
        QCOMPARE(third->live->how, live::LoadPath::Reload);
        QVERIFY(third->workspace != first->workspace);
        QVERIFY(hasEdge(third, "src/app/more.py", "src/app/extra.py"));
        model.setSnapshot(third);
        QCOMPARE(resets.count(), 1);

        // View > Reload reads everything again, whatever the snapshot says.
        controller.reload();
        QVERIFY(loaded.wait(20000));
        const SnapshotPtr fourth = controller.snapshot();
        QCOMPARE(fourth->live->how, live::LoadPath::Reload);
        QCOMPARE(fourth->live->reason, std::string("a full reload was asked for"));
        QVERIFY(fourth->workspace != third->workspace);
        QVERIFY(hasEdge(fourth, "src/app/more.py", "src/app/extra.py"));
    }

    // A BUILD edit that changes only fields: the graph is patched, and the targets tree
    // keeps its rows (no reset) because the same targets are listed.
    void buildFieldEditKeepsTheTree()
    {
        UnwatchedApp app;
        QVERIFY(app.open());
        WorkspaceController &controller = app.controller;
        QSignalSpy &loaded = app.loaded;
        const QString root = app.root();
        const SnapshotPtr first = controller.snapshot();
        TargetTreeModel model;
        model.setSnapshot(first);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);

        QVERIFY(testing::writeFile(root, "src/app/BUILD", "python_sources(dependencies=[\"./extra.py\"])\n"));
        controller.refresh();
        QVERIFY(loaded.wait(20000));
        const SnapshotPtr second = controller.snapshot();
        QCOMPARE(second->live->how, live::LoadPath::Reload);
        QVERIFY(second->live->patchedTargets > 0);
        QVERIFY(second->workspace != first->workspace);
        QVERIFY(hasEdge(second, "src/app/main.py", "src/app/extra.py"));
        QVERIFY(second->sameTargetsAs(*first));
        model.setSnapshot(second);
        QCOMPARE(resets.count(), 0);
        QCOMPARE(model.snapshot(), second);

        // A new target changes the list: a reset, and the tree shows it.
        QVERIFY(testing::writeFile(root, "src/app/BUILD", "python_sources()\npython_sources(name=\"more\", sources=[\"extra.py\"])\n"));
        controller.refresh();
        QVERIFY(loaded.wait(20000));
        QVERIFY(!controller.snapshot()->sameTargetsAs(*second));
        model.setSnapshot(controller.snapshot());
        QCOMPARE(resets.count(), 1);
    }

    // After an edit, the snapshot's write-back starts only once the views have the result
    // (it would share the two cores with them otherwise), and it is not lost: waiting for
    // the controller to be idle writes it.
    void writeBackStartsAfterTheViewsHaveTheResult()
    {
        UnwatchedApp app;
        QVERIFY(app.open());
        app.controller.waitForIdle();
        const std::string path = live::snapshotPath(AppSettings().cacheDir().toStdString(), app.root().toStdString());
        auto readSnapshot = [&path] {
            QFile f(QString::fromStdString(path));
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };
        const QByteArray before = readSnapshot();
        QVERIFY(!before.isEmpty()); // a cold load writes before it is shown

        QVERIFY(testing::writeFile(app.root(), "src/app/BUILD", "python_sources(dependencies=[\"./extra.py\"])\n"));
        QByteArray whileShown;
        connect(&app.controller, &WorkspaceController::loaded, this, [&] { whileShown = readSnapshot(); });
        app.controller.refresh();
        QVERIFY(app.loaded.wait(20000));
        QCOMPARE(app.controller.snapshot()->live->how, live::LoadPath::Reload);
        QVERIFY(whileShown == before); // not written while the views took the result
        app.controller.waitForIdle();
        const QByteArray after = readSnapshot();
        QVERIFY(!after.isEmpty());
        QVERIFY(after != before);
    }

    // A save is noticed by the watcher and shown without anyone asking; a write the
    // walk does not see (Python's bytecode) brings nothing new.
    void savesAreNoticed()
    {
        QTemporaryDir dir;
        const QString root = dir.path();
        writeApp(root);
        WorkspaceController controller;
        controller.setReloadDelay(20);
        QSignalSpy loaded(&controller, &WorkspaceController::loaded);
        QSignalSpy degraded(&controller, &WorkspaceController::watchingDegraded);
        controller.open(root);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(controller.treeWatcher().mode(), live::TreeWatcher::Mode::Notify);
        QVERIFY(controller.treeWatcher().watchCount() >= 3); // root, src, src/app
        const SnapshotPtr first = controller.snapshot();

        QVERIFY(testing::writeFile(root, "src/app/__pycache__/main.cpython-311.pyc", "bytes"));
        QTest::qWait(300);
        QCOMPARE(controller.snapshot(), first);

        QVERIFY(testing::writeFile(root, "src/app/main.py", "import app.util\nimport app.extra\n"));
        QTRY_VERIFY_WITH_TIMEOUT(controller.snapshot() != first && hasEdge(controller.snapshot(), "src/app/main.py", "src/app/extra.py"), 20000);
        QCOMPARE(controller.snapshot()->live->how, live::LoadPath::Sources);
        QCOMPARE(controller.snapshot()->workspace, first->workspace);
        QCOMPARE(degraded.count(), 0);
    }

    // Once a check that compared every stamp has run with the watches in place, later
    // checks stat only what the watcher reported, and still see every save: a source, a
    // BUILD file, a new file.
    void laterChecksStatOnlyReportedPaths()
    {
        QTemporaryDir dir;
        const QString root = dir.path();
        writeApp(root);
        for (int i = 0; i < 40; ++i)
            QVERIFY(testing::writeFile(root, QStringLiteral("src/app/m%1.py").arg(i), "Z = 1\n"));
        backdateTree(root);
        WorkspaceController controller;
        controller.setReloadDelay(20);
        QSignalSpy loaded(&controller, &WorkspaceController::loaded);
        controller.open(root);
        QVERIFY(loaded.wait(20000));

        // The first check after the watches are in place compares everything.
        SnapshotPtr before = controller.snapshot();
        QVERIFY(testing::writeFile(root, "src/app/main.py", "import app.util\nimport app.extra\n"));
        QTRY_VERIFY_WITH_TIMEOUT(controller.snapshot() != before && hasEdge(controller.snapshot(), "src/app/main.py", "src/app/extra.py"), 20000);
        QVERIFY(controller.snapshot()->live->stampsChecked > 40);

        // Then only the reported paths and their directories.
        before = controller.snapshot();
        QVERIFY(testing::writeFile(root, "src/app/util.py", "import app.m7\n"));
        QTRY_VERIFY_WITH_TIMEOUT(controller.snapshot() != before && hasEdge(controller.snapshot(), "src/app/util.py", "src/app/m7.py"), 20000);
        QCOMPARE(controller.snapshot()->live->how, live::LoadPath::Sources);
        QVERIFY2(controller.snapshot()->live->stampsChecked <= 4, qPrintable(QString::number(controller.snapshot()->live->stampsChecked)));

        before = controller.snapshot();
        QVERIFY(testing::writeFile(root, "src/app/BUILD", "python_sources(tags=[\"t\"])\n"));
        QTRY_VERIFY_WITH_TIMEOUT(controller.snapshot() != before && controller.snapshot()->workspace != before->workspace, 20000);
        QCOMPARE(controller.snapshot()->live->how, live::LoadPath::Reload);
        QVERIFY2(controller.snapshot()->live->stampsChecked <= 4, qPrintable(QString::number(controller.snapshot()->live->stampsChecked)));

        before = controller.snapshot();
        QVERIFY(testing::writeFile(root, "src/app/new.py", "import app.m3\n"));
        QTRY_VERIFY_WITH_TIMEOUT(controller.snapshot() != before && hasEdge(controller.snapshot(), "src/app/new.py", "src/app/m3.py"), 20000);
    }

    // When the kernel's watches run out the controller polls: a change still shows up,
    // and polling ticks that find nothing tell the views nothing.
    void pollsWhenWatchesRunOut()
    {
        QTemporaryDir dir;
        const QString root = dir.path();
        writeApp(root);
        WorkspaceController controller;
        controller.setReloadDelay(20);
        controller.treeWatcher().setWatchLimit(1);
        controller.treeWatcher().setPollInterval(50);
        QSignalSpy loaded(&controller, &WorkspaceController::loaded);
        QSignalSpy started(&controller, &WorkspaceController::loadStarted);
        QSignalSpy degraded(&controller, &WorkspaceController::watchingDegraded);
        controller.open(root);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(degraded.count(), 1);
        QVERIFY2(degraded.front().front().toString().contains(QLatin1String("watch limit (1)")),
                 qPrintable(degraded.front().front().toString()));
        QCOMPARE(controller.treeWatcher().mode(), live::TreeWatcher::Mode::Polling);
        const SnapshotPtr first = controller.snapshot();

        QTest::qWait(400); // several polling ticks, nothing changed
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(started.count(), 1); // polls are quiet: no progress bar
        QCOMPARE(controller.snapshot(), first);

        QVERIFY(testing::writeFile(root, "src/app/main.py", "import app.util\nimport app.extra\n"));
        QTRY_VERIFY_WITH_TIMEOUT(controller.snapshot() != first && hasEdge(controller.snapshot(), "src/app/main.py", "src/app/extra.py"), 20000);
        QCOMPARE(loaded.count(), 2);
    }

private:
    /// writeApp()'s repository in a temporary directory, opened by a controller that does
    /// not watch it (the test reloads by hand).
    struct UnwatchedApp {
        QTemporaryDir dir;
        WorkspaceController controller;
        QSignalSpy loaded{&controller, &WorkspaceController::loaded};
        QString root() const { return dir.path(); }
        bool open()
        {
            writeApp(root());
            controller.setWatchingEnabled(false);
            controller.open(root());
            return loaded.wait(20000);
        }
    };

    static void writeApp(const QString &root)
    {
        QVERIFY(testing::writePythonPantsToml(root));
        QVERIFY(testing::writeFile(root, "src/app/BUILD", "python_sources()\n"));
        QVERIFY(testing::writeFile(root, "src/app/main.py", "import app.util\n"));
        QVERIFY(testing::writeFile(root, "src/app/util.py", "X = 1\n"));
        QVERIFY(testing::writeFile(root, "src/app/extra.py", "Y = 2\n"));
        backdateTree(root);
    }

    QTemporaryDir m_home;
};

QTEST_MAIN(LiveReloadTest)
#include "livereload_test.moc"
