// The window's loader goes through core/live: a reload after an edit reuses the workspace on
// screen and re-resolves only the edited file's target; a reload with nothing changed
// hands back the very snapshot the views already show (issue #22).
#include "ui/models/targettreemodel.h"
#include "ui/workspacecontroller.h"

#include "uitestsupport.h"

#include <QDirIterator>
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
        QVERIFY(testing::writeFile(root, "pants.toml",
                                   "[GLOBAL]\npants_version = \"2.32.0\"\nbackend_packages = [\"pants.backend.python\"]\n"
                                   "[source]\nroot_patterns = [\"/src\"]\n"));
        QVERIFY(testing::writeFile(root, "src/app/BUILD", "python_sources()\n"));
        QVERIFY(testing::writeFile(root, "src/app/main.py", "import app.util\n"));
        QVERIFY(testing::writeFile(root, "src/app/util.py", "X = 1\n"));
        QVERIFY(testing::writeFile(root, "src/app/extra.py", "Y = 2\n"));
        backdateTree(root);

        WorkspaceController controller;
        QSignalSpy loaded(&controller, &WorkspaceController::loaded);
        controller.open(root);
        QVERIFY(loaded.wait(20000));
        const SnapshotPtr first = controller.snapshot();
        QVERIFY(first && first->live);
        QCOMPARE(first->live->how, live::LoadPath::Cold);
        QVERIFY(hasEdge(first, "src/app/main.py", "src/app/util.py"));
        QVERIFY(!hasEdge(first, "src/app/main.py", "src/app/extra.py"));

        // Nothing changed: the same snapshot comes back, so the views keep everything.
        controller.reload();
        QVERIFY(loaded.wait(20000));
        QCOMPARE(controller.snapshot(), first);

        // An edit: the workspace object is reused, only the graph is new.
        QVERIFY(testing::writeFile(root, "src/app/main.py", "import app.util\nimport app.extra\n"));
        controller.reload();
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
        controller.reload();
        QVERIFY(loaded.wait(20000));
        const SnapshotPtr third = controller.snapshot();
        QCOMPARE(third->live->how, live::LoadPath::Reload);
        QVERIFY(third->workspace != first->workspace);
        QVERIFY(hasEdge(third, "src/app/more.py", "src/app/extra.py"));
        model.setSnapshot(third);
        QCOMPARE(resets.count(), 1);
    }

private:
    QTemporaryDir m_home;
};

QTEST_MAIN(LiveReloadTest)
#include "livereload_test.moc"
