// Drives the Release tab through the real main window on the demo workspace materialised
// into a temporary directory: the status header and checklist, a fragment created through
// the "New Fragment" dialog, the changelog draft, preparing 26.4.0 through the wizard
// (checked with vcs::Repository: commit, annotated tag, VERSION, fragments gone), and
// undoing it from the view.
#include "../ui/uitestsupport.h"

#include "core/demo/demoworkspace.h"
#include "core/vcs/repository.h"
#include "ui/mainwindow.h"
#include "ui/release/newfragmentdialog.h"
#include "ui/release/releaseview.h"
#include "ui/release/releasewizard.h"
#include "ui/translations.h"
#include "ui/workspacecontroller.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>

#include <map>
#include <memory>

using namespace trellis;
using namespace trellis::ui;

namespace {

bool git(const QString &dir, const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(QStringLiteral("git"), QStringList{QStringLiteral("-c"), QStringLiteral("user.name=Trellis Test"), QStringLiteral("-c"),
                                               QStringLiteral("user.email=test@example.com")} + args);
    return p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

/// Checklist item id → state name ("pass", "fail", "unknown") as the view shows them.
std::map<QString, QString> checklistStates(QTreeWidget *tree)
{
    std::map<QString, QString> states;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        states[tree->topLevelItem(i)->data(0, Qt::UserRole).toString()] = tree->topLevelItem(i)->data(0, Qt::UserRole + 1).toString();
    return states;
}

/// File names listed under the fragment groups.
QStringList listedFragments(QTreeWidget *tree)
{
    QStringList names;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        for (int j = 0; j < tree->topLevelItem(i)->childCount(); ++j)
            names << tree->topLevelItem(i)->child(j)->text(0);
    return names;
}

} // namespace

class ReleaseViewTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void testStatus();
    void testChecklistFitsANarrowWindow();
    void testNewFragmentDialog();
    void testPrepareThroughWizard();
    void testUndoFromView();

private:
    bool waitForStatus();

    QTemporaryDir m_home;
    QString m_root;
    std::unique_ptr<MainWindow> m_window;
    ReleaseView *m_view = nullptr; // owned by the window's tabs
};

void ReleaseViewTest::initTestCase()
{
    QVERIFY(m_home.isValid());
    testing::isolateUserDirectories(m_home.path());
    auto demo = demo::materializeDemo(QDir(m_home.path()).filePath(QStringLiteral("demo")).toStdString());
    QVERIFY(demo.ok());
    m_root = QString::fromStdString(*demo);
    m_window = std::make_unique<MainWindow>();
    m_window->controller()->setWatchingEnabled(false);
    m_window->show();
    m_view = m_window->findChild<ReleaseView *>();
    QVERIFY(m_view);
    QSignalSpy shown(m_window.get(), &MainWindow::snapshotShown);
    m_window->openWorkspace(m_root);
    QVERIFY(shown.wait(60000));
    m_window->centreTabs()->setCurrentWidget(m_view);
    QCOMPARE(m_window->centreTabs()->tabText(m_window->centreTabs()->currentIndex()), QStringLiteral("Release"));
    QVERIFY(waitForStatus());
}

void ReleaseViewTest::cleanupTestCase()
{
    m_window.reset();
}

bool ReleaseViewTest::waitForStatus()
{
    QSignalSpy updated(m_view, &ReleaseView::statusUpdated);
    if (m_view->isComputing() || m_view->status() == std::nullopt)
        return updated.wait(60000) && m_view->status().has_value();
    return true;
}

void ReleaseViewTest::testStatus()
{
    QCOMPARE(m_view->versionLabel()->text(), QStringLiteral("Version 26.3.0"));
    const auto states = checklistStates(m_view->checklistView());
    QCOMPARE(states.size(), size_t(6));
    QCOMPARE(states.at(QStringLiteral("clean-worktree")), QStringLiteral("pass"));
    QCOMPARE(states.at(QStringLiteral("branch")), QStringLiteral("pass"));
    // VERSION 26.3.0 is the tag 26.3.0: no new version chosen yet.
    QCOMPARE(states.at(QStringLiteral("version")), QStringLiteral("unknown"));
    QCOMPARE(states.at(QStringLiteral("fragments")), QStringLiteral("pass"));
    QCOMPARE(states.at(QStringLiteral("tests")), QStringLiteral("unknown"));
    // Fix-its exist exactly where the GUI can act.
    QVERIFY(m_view->fixItButton(QStringLiteral("version")));
    QVERIFY(m_view->fixItButton(QStringLiteral("tests")));
    QVERIFY(!m_view->fixItButton(QStringLiteral("clean-worktree")));
    QVERIFY(!m_view->fixItButton(QStringLiteral("fragments")));
    QCOMPARE(listedFragments(m_view->fragmentView()).size(), 6);
    // The draft, raw and rendered.
    const QString raw = m_view->rawChangelog()->toPlainText();
    QVERIFY2(raw.startsWith(QStringLiteral("# ")), qPrintable(raw));
    QVERIFY(raw.contains(QStringLiteral("### Features")));
    QVERIFY(!m_view->renderedChangelog()->toPlainText().contains(QStringLiteral("###")));
    QVERIFY(m_view->renderedChangelog()->toPlainText().contains(QStringLiteral("Features")));
}

void ReleaseViewTest::testNewFragmentDialog()
{
    NewFragmentDialog *dialog = m_view->showNewFragmentDialog();
    QVERIFY(dialog);
    QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(!ok->isEnabled());
    QVERIFY(!dialog->problem().isEmpty());
    dialog->issueEdit()->setText(QStringLiteral("99"));
    const int feature = dialog->typeCombo()->findData(QStringLiteral("feature"));
    QVERIFY(feature >= 0);
    dialog->typeCombo()->setCurrentIndex(feature);
    QVERIFY(!ok->isEnabled()); // no text yet
    dialog->textEdit()->setPlainText(QStringLiteral("The Release view prepares releases from the GUI."));
    QCOMPARE(dialog->problem(), QString());
    QVERIFY(ok->isEnabled());
    QCOMPARE(dialog->fragmentPath(), QStringLiteral("changes/99.feature.md"));
    QSignalSpy updated(m_view, &ReleaseView::statusUpdated);
    ok->click();
    QCOMPARE(readText(QDir(m_root).filePath(QStringLiteral("changes/99.feature.md"))),
             QStringLiteral("The Release view prepares releases from the GUI.\n"));
    QVERIFY(updated.wait(60000));
    QVERIFY(listedFragments(m_view->fragmentView()).contains(QStringLiteral("99.feature.md")));
    QVERIFY(m_view->rawChangelog()->toPlainText().contains(QStringLiteral("The Release view prepares releases from the GUI.")));
    // The same name again is refused.
    NewFragmentDialog *again = m_view->showNewFragmentDialog();
    again->issueEdit()->setText(QStringLiteral("99"));
    again->typeCombo()->setCurrentIndex(again->typeCombo()->findData(QStringLiteral("feature")));
    again->textEdit()->setPlainText(QStringLiteral("x"));
    QCOMPARE(again->problem(), QStringLiteral("99.feature.md already exists."));
    again->reject();
}

void ReleaseViewTest::testPrepareThroughWizard()
{
    // The new fragment is committed first, as a release manager would.
    QVERIFY(git(m_root, {QStringLiteral("add"), QStringLiteral("changes/99.feature.md")}));
    QVERIFY(git(m_root, {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"), QStringLiteral("Add a fragment")}));
    m_view->refresh();
    QVERIFY(waitForStatus());
    QVERIFY(m_view->status()->worktree.clean);

    ReleaseWizard *wizard = m_view->showWizard();
    QVERIFY(wizard);
    QCOMPARE(wizard->currentId(), int(ReleaseWizard::VersionPageId));
    QVERIFY(!wizard->suggestionButtons().isEmpty());
    QVERIFY(wizard->currentPage()->isComplete()); // the first suggestion is preselected
    QTest::keyClicks(wizard->versionEdit(), QStringLiteral("26.2"));
    QVERIFY(!wizard->currentPage()->isComplete()); // not newer than 26.3.0
    wizard->versionEdit()->clear();
    QTest::keyClicks(wizard->versionEdit(), QStringLiteral("26.4.0"));
    QVERIFY(wizard->currentPage()->isComplete());
    QCOMPARE(wizard->chosenVersion(), QStringLiteral("26.4.0"));
    wizard->next();
    QCOMPARE(wizard->currentId(), int(ReleaseWizard::OptionsPageId));
    QVERIFY(wizard->commitCheck()->isChecked());
    QVERIFY(wizard->tagCheck()->isChecked());
    wizard->next();
    QCOMPARE(wizard->currentId(), int(ReleaseWizard::PlanPageId));
    QTRY_VERIFY_WITH_TIMEOUT(wizard->plan().has_value(), 30000);
    QCOMPARE(wizard->plan()->commitMessage, std::string("release: 26.4.0"));
    QCOMPARE(wizard->plan()->tagName, std::string("26.4.0"));
    wizard->next();
    QCOMPARE(wizard->currentId(), int(ReleaseWizard::ResultPageId));
    QSignalSpy updated(m_view, &ReleaseView::statusUpdated);
    QTRY_VERIFY_WITH_TIMEOUT(wizard->outcome().has_value(), 30000);
    QVERIFY2(*wizard->outcome(), qPrintable(wizard->outcomeText()));
    QVERIFY(wizard->undoButton()->isVisibleTo(wizard));
    wizard->accept();

    auto repo = vcs::Repository::open(m_root.toStdString());
    QVERIFY(repo.ok());
    auto head = (*repo)->resolve("HEAD");
    QVERIFY(head.ok());
    QCOMPARE(QString::fromStdString(head->summary), QStringLiteral("release: 26.4.0"));
    auto tags = (*repo)->tags();
    QVERIFY(tags.ok());
    bool found = false;
    for (const vcs::TagInfo &t : *tags) {
        if (t.name != "26.4.0")
            continue;
        found = true;
        QVERIFY(t.annotated);
        QCOMPARE(QString::fromStdString(t.message).trimmed(), QStringLiteral("Release v26.4.0"));
        QCOMPARE(t.target, head->hash);
    }
    QVERIFY(found);
    QCOMPARE(readText(QDir(m_root).filePath(QStringLiteral("VERSION"))).trimmed(), QStringLiteral("26.4.0"));
    QStringList left = QDir(QDir(m_root).filePath(QStringLiteral("changes"))).entryList({QStringLiteral("*.md")}, QDir::Files);
    left.removeAll(QStringLiteral("README.md")); // never a fragment
    QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char(' '))));
    QVERIFY(readText(QDir(m_root).filePath(QStringLiteral("CHANGELOG.md"))).contains(QStringLiteral("The Release view prepares releases from the GUI.")));

    // The view follows.
    QTRY_COMPARE_WITH_TIMEOUT(m_view->versionLabel()->text(), QStringLiteral("Version 26.4.0"), 30000);
    QVERIFY(waitForStatus());
    QVERIFY(listedFragments(m_view->fragmentView()).isEmpty());
}

void ReleaseViewTest::testUndoFromView()
{
    QPushButton *undo = nullptr;
    for (QPushButton *b : m_view->findChildren<QPushButton *>())
        if (b->text() == QStringLiteral("&Undo Last Prepared Release"))
            undo = b;
    QVERIFY(undo);
    QVERIFY(undo->isEnabled());
    undo->click();
    QMessageBox *box = m_view->findChild<QMessageBox *>();
    QVERIFY(box);
    QSignalSpy updated(m_view, &ReleaseView::statusUpdated);
    box->button(QMessageBox::Yes)->click();
    QTRY_COMPARE_WITH_TIMEOUT(m_view->versionLabel()->text(), QStringLiteral("Version 26.3.0"), 30000);
    auto repo = vcs::Repository::open(m_root.toStdString());
    QVERIFY(repo.ok());
    QCOMPARE(QString::fromStdString((*repo)->resolve("HEAD")->summary), QStringLiteral("Add a fragment"));
    const auto tags = (*repo)->tags();
    QVERIFY(tags.ok());
    for (const vcs::TagInfo &t : *tags)
        QVERIFY(t.name != "26.4.0");
    QVERIFY(QFileInfo::exists(QDir(m_root).filePath(QStringLiteral("changes/99.feature.md"))));
}

void ReleaseViewTest::testChecklistFitsANarrowWindow()
{
    QVERIFY(waitForStatus());
    const QSize before = m_window->size();
    // Japanese: the longest check names and fix-it buttons.
    auto japanese = std::make_unique<Translations>();
    QCOMPARE(japanese->load(QStringLiteral("ja")), QStringLiteral("ja"));
    {
        QSignalSpy updated(m_view, &ReleaseView::statusUpdated);
        m_view->refresh();
        QVERIFY(updated.wait(60000));
    }
    m_window->resize(1024, 700);
    QTest::qWait(50);
    QTreeWidget *tree = m_view->checklistView();
    QHeaderView *header = tree->header();
    const int viewport = tree->viewport()->width();
    // Every column is inside the view (nothing scrolled off to the right) and the detail
    // keeps a readable share.
    QVERIFY2(header->length() <= viewport + 1, qPrintable(QStringLiteral("%1 > %2").arg(header->length()).arg(viewport)));
    QVERIFY2(header->sectionSize(1) >= viewport / 5, qPrintable(QString::number(header->sectionSize(1))));
    for (const QString &id : {QStringLiteral("version"), QStringLiteral("tests")}) {
        QPushButton *button = m_view->fixItButton(id);
        QVERIFY(button);
        QVERIFY2(button->width() >= button->sizeHint().width(), qPrintable(button->text()));
        QVERIFY(button->mapTo(tree->viewport(), QPoint(button->width(), 0)).x() <= viewport);
    }
    // The engine's English details are shown in Japanese too.
    QStringList details;
    for (int r = 0; r < tree->topLevelItemCount(); ++r)
        details << tree->topLevelItem(r)->text(1);
    QVERIFY2(details.contains(QStringLiteral("未コミットの変更はありません")), qPrintable(details.join(u'|')));
    QVERIFY2(details.contains(QStringLiteral("'main' ブランチ上")), qPrintable(details.join(u'|')));
    japanese.reset();
    m_window->resize(before);
    QSignalSpy updated(m_view, &ReleaseView::statusUpdated);
    m_view->refresh();
    QVERIFY(updated.wait(60000));
}

QTEST_MAIN(ReleaseViewTest)
#include "releaseview_test.moc"
