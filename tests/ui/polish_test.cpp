// GUI polish on real widgets (issue 23): buddy labels without literal ampersands, the
// restart note in Settings, no caret in the read-only source view, the prompt of "Open in
// External Editor" without an editor, the tree filter reset on a workspace switch, the
// message for a folder without pants.toml, and where export dialogs start.
#include "uitestsupport.h"

#include "ui/appsettings.h"
#include "ui/dialogs/settingsdialog.h"
#include "ui/mainwindow.h"
#include "ui/views/codeeditor.h"
#include "ui/views/targetbrowser.h"
#include "ui/workspacecontroller.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QImage>
#include <QToolBar>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>

using namespace trellis;
using namespace trellis::ui;

namespace {

workspace::Target makeTarget(const char *address, const char *type)
{
    workspace::Target t;
    t.address = *workspace::Address::parse(address);
    t.type = type;
    t.declaredAt = {t.address.specPath + "/BUILD", 1, 1};
    return t;
}

SnapshotPtr makeSnapshot(const QString &root, const std::vector<const char *> &addresses)
{
    auto ws = std::make_shared<workspace::Workspace>();
    std::vector<workspace::Target> targets;
    for (const char *a : addresses)
        targets.push_back(makeTarget(a, "python_sources"));
    ws->m_targets = workspace::TargetList(std::move(targets));
    ws->buildIndex();
    auto snapshot = std::make_shared<WorkspaceSnapshot>();
    snapshot->rootPath = root;
    snapshot->workspace = ws;
    return snapshot;
}

/// The visible label of a widget in a form: its buddy label.
QList<QLabel *> labelsWithMnemonic(QWidget *root)
{
    QList<QLabel *> out;
    for (QLabel *label : root->findChildren<QLabel *>())
        if (label->text().contains(QLatin1Char('&')))
            out << label;
    return out;
}

} // namespace

class PolishTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void settingsLabelsHaveBuddies();
    void settingsSaysRestartIsNeeded();
    void sourceViewHasNoCaret();
    void externalEditorPromptWithoutEditor();
    void filterResetOnWorkspaceSwitch();
    void folderWithoutPantsTomlSaysWhy();
    void exportDirectoryIsNotTheWorkingDirectory();
    void darkThemeToolBarIconsAreLight();
    void narrowWindowKeepsToolBarActionsAndDocksGrowBack();

private:
    QTemporaryDir m_home;
};

void PolishTest::initTestCase()
{
    QVERIFY(m_home.isValid());
    testing::isolateUserDirectories(m_home.path());
}

void PolishTest::settingsLabelsHaveBuddies()
{
    SettingsDialog dialog;
    dialog.show();
    const QList<QLabel *> labels = labelsWithMnemonic(&dialog);
    QVERIFY(labels.size() >= 7);
    QStringList texts;
    for (QLabel *label : labels) {
        texts << label->text();
        // A label with "&" and no buddy paints the ampersand literally.
        QVERIFY2(label->buddy(), qPrintable(label->text()));
    }
    QVERIFY2(texts.contains(QStringLiteral("&Python interpreter:")), qPrintable(texts.join(u'|')));
    QVERIFY(texts.contains(QStringLiteral("&Cache location:")));
    for (QLabel *label : labels) {
        if (label->text() == QLatin1String("&Python interpreter:") || label->text() == QLatin1String("&Cache location:"))
            QVERIFY(qobject_cast<QLineEdit *>(label->buddy()));
    }
}

void PolishTest::settingsSaysRestartIsNeeded()
{
    SettingsDialog dialog;
    dialog.show();
    QLabel *note = dialog.restartNote();
    QVERIFY(note->isVisible());
    QVERIFY(note->text().contains(QStringLiteral("restart")));
    QVERIFY(!dialog.isRestartPending());
    QVERIFY(!note->font().bold());
    QComboBox *theme = dialog.themeBox();
    theme->setCurrentIndex((theme->currentIndex() + 1) % theme->count());
    QVERIFY(dialog.isRestartPending());
    QVERIFY(note->font().bold());
}

void PolishTest::sourceViewHasNoCaret()
{
    CodeEditor editor;
    editor.setPlainText(QStringLiteral("line one\nline two\n"));
    editor.show();
    QVERIFY(editor.isReadOnly());
    QCOMPARE(editor.cursorWidth(), 0);
    QVERIFY(editor.textInteractionFlags() & Qt::TextSelectableByKeyboard);
}

void PolishTest::externalEditorPromptWithoutEditor()
{
    AppSettings().setEditorCommand(QString());
    AppSettings().setUseDesktopDefaultEditor(false);
    const QString file = QDir(m_home.path()).filePath(QStringLiteral("a.py"));
    QVERIFY(testing::writeFile(m_home.path(), QStringLiteral("a.py"), "x = 1\n"));
    MainWindow window;
    window.show();
    window.openExternally(file, 1);
    auto *box = window.findChild<QMessageBox *>(QStringLiteral("externalEditorPrompt"));
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    auto *choose = box->findChild<QAbstractButton *>(QStringLiteral("chooseEditor"));
    QVERIFY(choose);
    QVERIFY(box->findChild<QAbstractButton *>(QStringLiteral("openWithDefault")));
    choose->click();
    // Settings opens with the focus on the editor command.
    SettingsDialog *settings = nullptr;
    QTRY_VERIFY((settings = window.findChild<SettingsDialog *>()) && settings->isVisible());
    QApplication::setActiveWindow(settings);
    QTRY_COMPARE(settings->focusWidget(), static_cast<QWidget *>(settings->editorCommandEdit()));
    settings->editorCommandEdit()->setText(QStringLiteral("true {file}"));
    settings->accept();
    QCOMPARE(AppSettings().editorCommand(), QStringLiteral("true {file}"));
    // With an editor configured, no prompt.
    QTRY_VERIFY(!window.findChild<QMessageBox *>(QStringLiteral("externalEditorPrompt")));
    window.openExternally(file, 1);
    QVERIFY(!window.findChild<QMessageBox *>(QStringLiteral("externalEditorPrompt")));
    AppSettings().setEditorCommand(QString());
}

void PolishTest::filterResetOnWorkspaceSwitch()
{
    TargetBrowser browser;
    browser.show();
    const QString a = QDir(m_home.path()).filePath(QStringLiteral("a"));
    const QString b = QDir(m_home.path()).filePath(QStringLiteral("b"));
    QVERIFY(testing::writeFile(a, QStringLiteral("pants.toml"), "[GLOBAL]\n"));
    QVERIFY(testing::writeFile(b, QStringLiteral("pants.toml"), "[GLOBAL]\n"));
    browser.setSnapshot(makeSnapshot(a, {"src/app:lib", "src/zzz:only"}));
    browser.setFilterLine(QStringLiteral("zzz"));
    QVERIFY2(browser.statusText().startsWith(QStringLiteral("1 of 2")), qPrintable(browser.statusText()));
    // A reload of the same workspace keeps the filter.
    browser.setSnapshot(makeSnapshot(a, {"src/app:lib", "src/zzz:only"}));
    QCOMPARE(browser.filterLine(), QStringLiteral("zzz"));
    // Another workspace (the window clears the views first): every target is visible.
    browser.setSnapshot(nullptr);
    browser.setSnapshot(makeSnapshot(b, {"lib/one:one", "lib/two:two", "lib/three:three"}));
    QCOMPARE(browser.filterLine(), QString());
    QVERIFY2(browser.statusText().startsWith(QStringLiteral("3 target")), qPrintable(browser.statusText()));
}

void PolishTest::folderWithoutPantsTomlSaysWhy()
{
    const QString plain = QDir(m_home.path()).filePath(QStringLiteral("plain"));
    QVERIFY(testing::writeFile(plain, QStringLiteral("README.md"), "just a folder\n"));
    TargetBrowser browser;
    browser.setSnapshot(makeSnapshot(plain, {}));
    QVERIFY2(browser.statusText().contains(QStringLiteral("No pants.toml")), qPrintable(browser.statusText()));

    MainWindow window;
    window.controller()->setWatchingEnabled(false);
    window.show();
    QSignalSpy shown(&window, &MainWindow::snapshotShown);
    window.openWorkspace(plain);
    QVERIFY(shown.wait(60000));
    QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("no pants.toml")),
             qPrintable(window.statusBar()->currentMessage()));
    QVERIFY(window.targetBrowser()->statusText().contains(QStringLiteral("No pants.toml")));
}

void PolishTest::exportDirectoryIsNotTheWorkingDirectory()
{
    AppSettings settings;
    settings.clearRecentWorkspaces();
    settings.setLastExportDirectory(QString());
    QCOMPARE(settings.exportDirectory(), QDir::homePath());
    const QString workspace = QDir(m_home.path()).filePath(QStringLiteral("ws"));
    QVERIFY(QDir().mkpath(workspace));
    settings.addRecentWorkspace(workspace);
    QCOMPARE(settings.exportDirectory(), workspace);
    const QString exports = QDir(m_home.path()).filePath(QStringLiteral("exports"));
    QVERIFY(QDir().mkpath(exports));
    AppSettings().setLastExportDirectory(exports);
    QCOMPARE(AppSettings().exportDirectory(), exports);
    // A directory that went away falls back to the workspace.
    QVERIFY(QDir(exports).removeRecursively());
    QCOMPARE(AppSettings().exportDirectory(), workspace);
}

namespace {
/// Mean lightness of the opaque pixels of an icon at 16 px.
int iconLightness(const QIcon &icon)
{
    const QImage image = icon.pixmap(QSize(16, 16)).toImage().convertToFormat(QImage::Format_ARGB32);
    qint64 sum = 0, n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.alpha() > 128) {
                sum += c.lightness();
                ++n;
            }
        }
    return n ? int(sum / n) : -1;
}
} // namespace

void PolishTest::darkThemeToolBarIconsAreLight()
{
    MainWindow window;
    window.show();
    QPalette dark = window.palette();
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
    dark.setColor(QPalette::WindowText, QColor(0xdf, 0xe1, 0xe5));
    dark.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3b));
    dark.setColor(QPalette::ButtonText, QColor(0xdf, 0xe1, 0xe5));
    const QPalette light = window.palette();
    window.setPalette(dark);
    QToolBar *bar = window.mainToolBar();
    int checked = 0;
    for (QAction *action : bar->actions()) {
        if (action->isSeparator() || action->icon().isNull())
            continue;
        const int l = iconLightness(action->icon());
        QVERIFY2(l > 150, qPrintable(QStringLiteral("%1: lightness %2 on a dark toolbar").arg(action->text()).arg(l)));
        ++checked;
    }
    QVERIFY(checked >= 5);
    // Back to a light palette: the style's own icons return.
    window.setPalette(light);
    for (QAction *action : bar->actions())
        if (!action->isSeparator() && !action->icon().isNull())
            QVERIFY(action->icon().cacheKey() == action->property("trellisPlainIcon").value<QIcon>().cacheKey());
}

void PolishTest::narrowWindowKeepsToolBarActionsAndDocksGrowBack()
{
    AppSettings().setWindowGeometry({});
    AppSettings().setWindowState({});
    MainWindow window;
    window.resize(1024, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTest::qWait(50);
    // The window really is 1024x700 (no page or dock forces it larger than a small
    // screen), on every centre tab.
    for (int i = 0; i < window.centreTabs()->count(); ++i) {
        window.centreTabs()->setCurrentIndex(i);
        QTest::qWait(10);
        QVERIFY2(window.minimumSizeHint().width() <= 1024 && window.minimumSizeHint().height() <= 700,
                 qPrintable(QStringLiteral("%1: minimum %2x%3").arg(window.centreTabs()->tabText(i))
                                .arg(window.minimumSizeHint().width()).arg(window.minimumSizeHint().height())));
        QCOMPARE(window.size(), QSize(1024, 700));
    }
    QToolBar *bar = window.mainToolBar();
    // Every action of the toolbar has a visible button at 1024 px (no hidden overflow).
    for (QAction *action : bar->actions()) {
        if (action->isSeparator())
            continue;
        QWidget *w = bar->widgetForAction(action);
        QVERIFY(w);
        QVERIFY2(w->isVisible(), qPrintable(action->text() + QStringLiteral(" is not shown at 1024 px")));
        QVERIFY2(w->geometry().right() <= bar->width(), qPrintable(action->text()));
    }
    // The side docks get their width back when the window grows.
    window.resize(1600, 1000);
    QTest::qWait(50);
    auto *targets = qobject_cast<QDockWidget *>(window.targetBrowser()->parentWidget());
    QVERIFY(targets);
    QTRY_VERIFY2(targets->width() >= 380, qPrintable(QString::number(targets->width())));
}

QTEST_MAIN(PolishTest)
#include "polish_test.moc"
