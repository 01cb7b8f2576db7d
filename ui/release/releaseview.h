// ReleaseView: the "Release" centre tab. A header with VERSION, the last release tag,
// branch and worktree state; the readiness checklist (green/red/grey, with a fix-it
// button where the GUI can act: run the tests of changed targets, review lockfiles,
// choose a version, add a fragment); the news fragments grouped by type with their
// problems (open, delete, "New Fragment…"); and the changelog draft, rendered and raw.
// The status is computed on a worker thread whenever the workspace is (re)loaded, a
// test run finishes, or a fragment/release changes the repository.
//
//   auto *view = new ReleaseView(mainWindow);
//   mainWindow->addCentreTab(view, icon, Tr::tr("Release"));
#pragma once

#include "ui/release/releasejobs.h"

#include <QFutureWatcher>
#include <QWidget>

#include <memory>

class QLabel;
class QPushButton;
class QTextBrowser;
class QPlainTextEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace trellis::ui {

class RefreshWhenShown;

class MainWindow;
class NewFragmentDialog;
class ReleaseWizard;

class ReleaseView : public QWidget {
    Q_OBJECT
public:
    /// `window` is not owned; it owns this view through its centre tabs.
    explicit ReleaseView(MainWindow *window);
    ~ReleaseView() override;

    /// Recomputes the status on a worker thread (coalesces requests while one runs).
    void refresh();
    /// The last computed status; nullopt before the first or after a failure.
    const std::optional<release::ReleaseStatus> &status() const { return m_job.status; }
    bool isComputing() const { return m_watcher != nullptr; }

    /// Opens the "New Fragment" dialog (non-blocking); nullptr without a status.
    NewFragmentDialog *showNewFragmentDialog();
    /// Opens the release wizard (non-blocking); nullptr without a status.
    ReleaseWizard *showWizard();
    /// Runs the fix-it of a checklist item; false when it has none.
    bool runFixIt(const QString &itemId);

    QLabel *versionLabel() const { return m_version; }
    QTreeWidget *checklistView() const { return m_checklist; }
    QTreeWidget *fragmentView() const { return m_fragments; }
    QTextBrowser *renderedChangelog() const { return m_rendered; }
    QPlainTextEdit *rawChangelog() const { return m_raw; }
    /// The fix-it button of a checklist item; nullptr when it has none.
    QPushButton *fixItButton(const QString &itemId) const;

Q_SIGNALS:
    /// A status computation finished and the view shows it.
    void statusUpdated();

private:
    void onStatusComputed();
    void onWorkspaceClosed();
    void onOpenFragment();
    void onDeleteFragment();
    void onUndoRelease();
    void showStatus();
    void updateFragmentActions();
    QString selectedFragmentPath() const;

    MainWindow *m_window;                 // not owned
    StatusJob m_job;                      ///< what the view shows
    std::unique_ptr<QFutureWatcher<StatusJob>> m_watcher; ///< non-null while computing
    bool m_refreshPending = false;        ///< refresh() was called while computing
    RefreshWhenShown *m_refreshWhenShown; ///< a new snapshot's refresh, deferred while hidden
    bool m_lockfilesReviewed = false;     ///< the user marked the lockfile changes reviewed
    QLabel *m_version;
    QLabel *m_details;
    QLabel *m_busy;
    QPushButton *m_refresh;
    QPushButton *m_prepare;
    QPushButton *m_undo;
    QTreeWidget *m_checklist;
    QTreeWidget *m_fragments;
    QPushButton *m_newFragment;
    QPushButton *m_openFragment;
    QPushButton *m_deleteFragment;
    QLabel *m_draftTitle;
    QTextBrowser *m_rendered;
    QPlainTextEdit *m_raw;
    std::unique_ptr<QFutureWatcher<UndoJob>> m_undoWatcher;
};

} // namespace trellis::ui
