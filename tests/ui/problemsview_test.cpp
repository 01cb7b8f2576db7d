// The Problems view on a real load where one BUILD file is broken: the broken file is one
// top-level row with its knock-on problems folded below it, independent problems stay
// top-level, errors come first; the filter box, the severity toggles and the context-menu
// actions work on the real widgets; the main window's status bar says how many BUILD
// files failed and how many targets are shown, and the other targets are in the tree.
#include "uitestsupport.h"

#include "ui/mainwindow.h"
#include "ui/translations.h"
#include "ui/models/problemsmodel.h"
#include "ui/models/targettreemodel.h"
#include "ui/views/problemsview.h"
#include "ui/views/targetbrowser.h"
#include "ui/workspacecontroller.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>

#include <functional>

using namespace trellis;
using namespace trellis::ui;

class ProblemsViewTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void groupsKnockOnsUnderTheBrokenBuildFile();
    void filterBoxAndSeverityToggles();
    void contextMenuActions();
    void rowsAreOneLineEach();
    void statusBarSummaryAndLoadedTargets();

private:
    SnapshotPtr load();

    QTemporaryDir m_home;
    Translations m_translations; // English plurals, as the application loads them
    QString m_root;
    SnapshotPtr m_snapshot;
};

void ProblemsViewTest::initTestCase()
{
    QVERIFY(m_home.isValid());
    testing::isolateUserDirectories(m_home.path());
    QCOMPARE(m_translations.load(QStringLiteral("en")), QStringLiteral("en"));
    m_root = QDir(m_home.path()).filePath(QStringLiteral("repo"));
    const QString r = m_root;
    bool ok = testing::writeFile(r, QStringLiteral("pants.toml"),
                                 "[GLOBAL]\npants_version = \"2.32.0\"\nbackend_packages = [\"pants.backend.python\"]\n\n"
                                 "[source]\nroot_patterns = [\"/src\"]\n");
    // The broken BUILD file: its targets are lost, and everything that needed them fails.
    ok = ok && testing::writeFile(r, QStringLiteral("src/bad/BUILD"), "python_sources(\n    name=\"bad\",\n");
    ok = ok && testing::writeFile(r, QStringLiteral("src/bad/__init__.py"), "");
    ok = ok && testing::writeFile(r, QStringLiteral("src/bad/mod.py"), "X = 1\n");
    ok = ok && testing::writeFile(r, QStringLiteral("src/bad/util.py"), "Y = 2\n");
    // Good packages that depend on it.
    ok = ok && testing::writeFile(r, QStringLiteral("src/good/BUILD"), "python_sources(dependencies=[\"src/bad:bad\"])\n");
    ok = ok && testing::writeFile(r, QStringLiteral("src/good/__init__.py"), "");
    ok = ok && testing::writeFile(r, QStringLiteral("src/good/app.py"), "from bad import mod\n");
    ok = ok && testing::writeFile(r, QStringLiteral("src/good/cli.py"), "from bad import util\nfrom bad.mod import X\n");
    // An unrelated package that loads fine, and an independent warning.
    ok = ok && testing::writeFile(r, QStringLiteral("src/other/BUILD"), "python_sources()\n\ncustom_plugin_type(name=\"x\")\ncustom_plugin_type(name=\"y\")\n");
    ok = ok && testing::writeFile(r, QStringLiteral("src/other/__init__.py"), "");
    ok = ok && testing::writeFile(r, QStringLiteral("src/other/x.py"), "import os\n");
    QVERIFY(ok);
    m_snapshot = load();
    QVERIFY(m_snapshot);
}

SnapshotPtr ProblemsViewTest::load()
{
    LoadJob job;
    job.rootPath = m_root;
    job.jobs = 1;
    job.cacheDir = QDir(m_home.path()).filePath(QStringLiteral("cache"));
    base::Result<SnapshotPtr> result = loadSnapshot(job, {});
    if (!result) {
        qWarning("%s", result.diagnostics().empty() ? "load failed" : result.diagnostics().front().format().c_str());
        return nullptr;
    }
    return *result;
}

void ProblemsViewTest::groupsKnockOnsUnderTheBrokenBuildFile()
{
    ProblemsView view;
    view.resize(900, 400);
    view.show();
    view.setSnapshot(m_snapshot);
    const ProblemsModel *model = view.model();

    // The cause first: the broken BUILD file, with its knock-ons as children.
    const QModelIndex cause = model->index(0, ProblemsModel::MessageColumn);
    QCOMPARE(cause.data(ProblemsModel::FileRole).toString(), QStringLiteral("src/bad/BUILD"));
    QCOMPARE(cause.data(ProblemsModel::SeverityRole).toInt(), int(base::Severity::Error));
    QVERIFY(!cause.data(ProblemsModel::IsKnockOnRole).toBool());
    // The explicit dependency on src/bad:bad of each of the three generated targets of
    // src/good, and the imports of its modules by app.py and cli.py.
    const int knockOns = model->rowCount(cause);
    QCOMPARE(knockOns, 5);
    QCOMPARE(cause.data(ProblemsModel::KnockOnCountRole).toInt(), knockOns);
    QVERIFY(cause.data().toString().endsWith(QStringLiteral(" — caused 5 more problems")));
    int imports = 0, deps = 0;
    for (int r = 0; r < knockOns; ++r) {
        const QModelIndex k = model->index(r, 0, cause);
        QVERIFY(k.data(ProblemsModel::IsKnockOnRole).toBool());
        QCOMPARE(k.parent(), cause);
        QVERIFY(k.data(ProblemsModel::FileRole).toString().startsWith(QStringLiteral("src/good/")));
        imports += k.data(ProblemsModel::MessageRole).toString().contains(QStringLiteral("cannot infer owners"));
        deps += k.data(ProblemsModel::MessageRole).toString().startsWith(QStringLiteral("The address src/bad from"));
        // Shown on one line; the multi-line message is in the tooltip and MessageRole.
        QVERIFY(!k.data().toString().contains(QLatin1Char('\n')));
    }
    QCOMPARE(imports, 2);
    QCOMPARE(deps, 3);
    QCOMPARE(model->problemCount(), model->rowCount() + knockOns + 1);
    // Independent problems stay top-level, errors before warnings.
    QCOMPARE(model->rowCount(), 2);
    const QModelIndex warning = model->index(1, 0);
    QCOMPARE(warning.data(ProblemsModel::SeverityRole).toInt(), int(base::Severity::Warning));
    QCOMPARE(warning.data(ProblemsModel::FileRole).toString(), QStringLiteral("src/other/BUILD"));
    QVERIFY(warning.data().toString().contains(QStringLiteral("custom_plugin_type")));
    // The same unknown type twice is one row, the other place as its child.
    QVERIFY(warning.data().toString().endsWith(QStringLiteral(" — also in 1 more place")));
    QCOMPARE(model->rowCount(warning), 1);
    QCOMPARE(warning.data(ProblemsModel::RepeatCountRole).toInt(), 1);
    QCOMPARE(warning.data(ProblemsModel::KnockOnCountRole).toInt(), 0);
    QCOMPARE(warning.data(ProblemsModel::LineRole).toInt(), 3);
    QCOMPARE(model->index(0, 0, warning).data(ProblemsModel::LineRole).toInt(), 4);
    QCOMPARE(model->count(base::Severity::Warning), 2);
    QCOMPARE(model->count(base::Severity::Error), 1);
    QCOMPARE(model->failedBuildFileCount(), 1);
    QCOMPARE(model->otherErrorCount(), 0);

    // The real view: collapsed by default, rows sized on their own, detail pane.
    QTreeView *tree = view.view();
    QVERIFY(!tree->uniformRowHeights());
    const QModelIndex viewCause = tree->model()->index(0, 0);
    QVERIFY(!tree->isExpanded(viewCause));
    QCOMPARE(tree->model()->rowCount(viewCause), 5);
    tree->expand(viewCause);
    const QModelIndex firstKnockOn = tree->model()->index(0, 0, viewCause);
    QVERIFY(tree->visualRect(firstKnockOn).isValid());
    tree->setCurrentIndex(firstKnockOn);
    QCOMPARE(view.detailPane()->toPlainText(), firstKnockOn.data(ProblemsModel::FullTextRole).toString());
    tree->setCurrentIndex(viewCause);
    QVERIFY(view.detailPane()->toPlainText().startsWith(viewCause.data(ProblemsModel::FullTextRole).toString()));
    QVERIFY(viewCause.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Caused 5 more")));
}

void ProblemsViewTest::filterBoxAndSeverityToggles()
{
    ProblemsView view;
    view.show();
    view.setSnapshot(m_snapshot);
    QAbstractItemModel *shown = view.view()->model();
    QCOMPARE(shown->rowCount(), 2);

    // Typing into the real filter box: a knock-on's text keeps its cause, with only the
    // matching knock-ons.
    QTest::keyClicks(view.filterEdit(), QStringLiteral("cli.py"));
    QCOMPARE(shown->rowCount(), 1);
    QCOMPARE(shown->index(0, 0).data(ProblemsModel::FileRole).toString(), QStringLiteral("src/bad/BUILD"));
    QCOMPARE(shown->rowCount(shown->index(0, 0)), 2); // cli.py's imports and its dependency
    // A cause's own text keeps all its knock-ons.
    view.filterEdit()->setText(QStringLiteral("src/bad/BUILD"));
    QCOMPARE(shown->rowCount(), 1);
    QCOMPARE(shown->rowCount(shown->index(0, 0)), 5);
    view.filterEdit()->setText(QStringLiteral("CUSTOM_PLUGIN"));
    QCOMPARE(shown->rowCount(), 1);
    QCOMPARE(shown->index(0, 0).data(ProblemsModel::SeverityRole).toInt(), int(base::Severity::Warning));
    view.filterEdit()->setText(QStringLiteral("no such text anywhere"));
    QCOMPARE(shown->rowCount(), 0);
    view.filterEdit()->clear();
    QCOMPARE(shown->rowCount(), 2);

    // Severity toggles: hiding errors hides the cause and its knock-ons.
    view.setSeverityVisible(int(base::Severity::Error), false);
    QCOMPARE(shown->rowCount(), 1);
    QCOMPARE(shown->index(0, 0).data(ProblemsModel::SeverityRole).toInt(), int(base::Severity::Warning));
    view.setSeverityVisible(int(base::Severity::Warning), false);
    QCOMPARE(shown->rowCount(), 0);
    view.setSeverityVisible(int(base::Severity::Error), true);
    view.setSeverityVisible(int(base::Severity::Warning), true);
    QCOMPARE(shown->rowCount(), 2);
}

void ProblemsViewTest::contextMenuActions()
{
    ProblemsView view;
    view.show();
    view.setSnapshot(m_snapshot);
    QTreeView *tree = view.view();
    QVERIFY(!view.openAction()->isEnabled()); // nothing current yet
    const QModelIndex cause = tree->model()->index(0, 0);
    tree->setCurrentIndex(cause);
    QVERIFY(view.openAction()->isEnabled());

    QSignalSpy opened(&view, &ProblemsView::locationActivated);
    view.openAction()->trigger();
    QCOMPARE(opened.count(), 1);
    QCOMPARE(opened.at(0).at(0).toString(), QStringLiteral("src/bad/BUILD"));
    QCOMPARE(opened.at(0).at(1).toInt(), cause.data(ProblemsModel::LineRole).toInt());
    QVERIFY(opened.at(0).at(1).toInt() > 0);

    view.copyLocationAction()->trigger();
    QCOMPARE(QApplication::clipboard()->text(), cause.data(ProblemsModel::LocationRole).toString());
    QVERIFY(QApplication::clipboard()->text().startsWith(QStringLiteral("src/bad/BUILD:")));

    // A knock-on: the whole multi-line message is copied, not the elided line.
    tree->expand(cause);
    QModelIndex importRow;
    for (int r = 0; r < tree->model()->rowCount(cause); ++r) {
        const QModelIndex k = tree->model()->index(r, 0, cause);
        if (k.data(ProblemsModel::MessageRole).toString().contains(QStringLiteral("cannot infer owners")))
            importRow = k;
    }
    QVERIFY(importRow.isValid());
    tree->setCurrentIndex(importRow);
    view.copyMessageAction()->trigger();
    const QString copied = QApplication::clipboard()->text();
    QCOMPARE(copied, importRow.data(ProblemsModel::MessageRole).toString());
    QVERIFY(copied.contains(QLatin1Char('\n')));
    QVERIFY(copied.contains(QStringLiteral("bad.")));
    // The context menu offers the three actions on the row under the cursor.
    const QRect rect = tree->visualRect(tree->model()->index(1, 0));
    QVERIFY(rect.isValid());
    QTimer::singleShot(100, &view, [&] {
        QMenu *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        QVERIFY(menu);
        QStringList texts;
        for (QAction *a : menu->actions())
            if (!a->isSeparator())
                texts << a->text();
        QCOMPARE(texts, (QStringList{view.openAction()->text(), view.showTargetAction()->text(), view.copyMessageAction()->text(),
                                     view.copyLocationAction()->text()}));
        menu->close();
    });
    Q_EMIT tree->customContextMenuRequested(rect.center());
    QCOMPARE(tree->currentIndex().row(), 1);
    QVERIFY(!tree->currentIndex().parent().isValid());

    // "Show Target" on the custom_plugin_type warning selects the target declared there.
    QVERIFY(view.showTargetAction()->isEnabled());
    QSignalSpy targets(&view, &ProblemsView::targetActivated);
    view.showTargetAction()->trigger();
    QCOMPARE(targets.count(), 1);
    const int target = targets.at(0).at(0).toInt();
    QCOMPARE(QString::fromStdString(m_snapshot->target(target).address.toString()), QStringLiteral("src/other:x"));
}

void ProblemsViewTest::rowsAreOneLineEach()
{
    ProblemsView view;
    view.resize(900, 300);
    view.show();
    view.setSnapshot(m_snapshot);
    QTreeView *tree = view.view();
    const QModelIndex cause = tree->model()->index(0, 0);
    tree->expandAll();
    // Every row, including knock-ons whose message has several lines, is one line tall:
    // no row takes the height of the tallest message.
    const int oneLine = tree->fontMetrics().height();
    int rows = 0;
    std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int r = 0; r < tree->model()->rowCount(parent); ++r) {
            const QModelIndex i = tree->model()->index(r, 0, parent);
            const QRect rect = tree->visualRect(i);
            if (rect.isValid()) {
                ++rows;
                QVERIFY2(rect.height() < 2 * oneLine, qPrintable(QStringLiteral("%1 px for %2").arg(rect.height()).arg(i.data().toString())));
            }
            walk(i);
        }
    };
    walk({});
    QVERIFY(rows >= 7);
    QVERIFY(tree->model()->rowCount(cause) > 0);
    // Many rows fit on the screen: the view shows at least five at 300 px.
    QVERIFY(tree->viewport()->height() / tree->visualRect(cause).height() >= 5);
}

void ProblemsViewTest::statusBarSummaryAndLoadedTargets()
{
    MainWindow window;
    window.controller()->setWatchingEnabled(false);
    window.show();
    QSignalSpy shown(&window, &MainWindow::snapshotShown);
    window.openWorkspace(m_root);
    QVERIFY(shown.wait(60000));
    const SnapshotPtr snapshot = window.controller()->snapshot();
    QVERIFY(snapshot);

    // The targets that loaded are in the tree; the broken file's are not.
    QStringList addresses;
    QAbstractItemModel *targets = window.targetBrowser()->view()->model();
    std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int r = 0; r < targets->rowCount(parent); ++r) {
            const QModelIndex i = targets->index(r, 0, parent);
            if (i.data(TargetTreeModel::TargetIndexRole).toInt() >= 0)
                addresses << i.data(TargetTreeModel::AddressRole).toString();
            walk(i);
        }
    };
    walk({});
    QVERIFY2(addresses.contains(QStringLiteral("src/good/app.py")), qPrintable(addresses.join(u' ')));
    QVERIFY(addresses.contains(QStringLiteral("src/other/x.py")));
    QVERIFY(addresses.contains(QStringLiteral("src/other:x")));
    for (const QString &address : addresses)
        QVERIFY2(!address.startsWith(QStringLiteral("src/bad")), qPrintable(address));

    QToolButton *summary = window.loadSummaryButton();
    QVERIFY(summary->isVisible());
    QCOMPARE(summary->text(), QStringLiteral("1 BUILD file failed; %1 targets shown").arg(snapshot->targetCount()));
    QVERIFY(snapshot->targetCount() >= 5);
    QVERIFY(summary->toolTip().contains(QStringLiteral("BUILD")));

    // Clicking it brings the Problems view forward.
    auto *dock = qobject_cast<QDockWidget *>(window.problemsView()->parentWidget());
    QVERIFY(dock);
    dock->hide();
    QVERIFY(!window.problemsView()->isVisible());
    QTest::mouseClick(summary, Qt::LeftButton);
    QVERIFY(dock->isVisible());
    QVERIFY(window.problemsView()->isVisible());
    QCOMPARE(window.problemsView()->model()->rowCount(), 2);
}

QTEST_MAIN(ProblemsViewTest)
#include "problemsview_test.moc"
