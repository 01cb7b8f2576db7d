// LockfilesView: the Lockfiles centre tab. Pick a lockfile ([python].resolves), a base and
// a head revision (branches, tags, recent commits; "Working tree" for head); the diff is
// computed on a worker thread and shown as a sortable, filterable table of changed
// packages. Selecting a package lists the targets its change reaches (links select them)
// with a "Test these" button; the "Raw diff" tab shows the unified diff of the two
// lockfile versions, highlighted with KSyntaxHighlighting's "Diff" definition.
//
//   auto *view = new LockfilesView(window->syntaxRepository());
//   view->setSnapshot(snapshot);                  // fills the combos, computes HEAD vs worktree
//   connect(view, &LockfilesView::testRequested, ...);   // addresses to `test`
#pragma once

#include "core/lockfile/lockfilesource.h"

#include "core/lockfile/reach.h"
#include "ui/workspacesnapshot.h"

#include <QFutureWatcher>
#include <QWidget>

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;
class QTextBrowser;

namespace KSyntaxHighlighting {
class Repository;
class SyntaxHighlighter;
}

namespace trellis::ui {

class RefreshWhenShown;

class LockfileChangeModel;

class LockfilesView : public QWidget {
    Q_OBJECT
public:
    explicit LockfilesView(KSyntaxHighlighting::Repository *repository, QWidget *parent = nullptr);
    ~LockfilesView() override;

    /// Shows a (re)loaded workspace: lists its lockfiles and revisions, then recomputes.
    void setSnapshot(const SnapshotPtr &snapshot);
    /// Recomputes the diff for the current lockfile, base and head (asynchronous).
    void refresh();
    /// True while a diff is being computed.
    bool isComputing() const { return m_watcher != nullptr; }

    /// The targets the selected package reaches (first-party, transitive), as addresses.
    QStringList reachedAddresses() const;

    QComboBox *lockfileCombo() const { return m_lockfile; }
    QComboBox *baseCombo() const { return m_base; }
    QComboBox *headCombo() const { return m_head; }
    QLineEdit *filterEdit() const { return m_filter; }
    QTableView *table() const { return m_table; }
    LockfileChangeModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTextBrowser *reachBrowser() const { return m_reach; }
    QPushButton *testButton() const { return m_testButton; }
    QPlainTextEdit *rawDiffEdit() const { return m_rawDiff; }

Q_SIGNALS:
    /// A target address link was clicked.
    void targetActivated(int targetIndex);
    /// "Test these": run the tests of these addresses.
    void testRequested(const QStringList &addresses);
    /// A diff finished (shown, or failed with a message in the status line).
    void diffReady();

private:
    struct Outcome {
        QString error;                  ///< non-empty: the diff failed
        lockfile::LockfileDiff diff;
        lockfile::ReachResult reach;    ///< empty when the snapshot has no graph
        QString rawDiff;                ///< unified diff of the two versions
    };
    struct Refs {
        QStringList branches;
        QStringList tags;
        QList<QPair<QString, QString>> commits; ///< (hash, "short summary")
    };

    static Outcome compute(SnapshotPtr snapshot, lockfile::LockfileRef ref, std::string base,
                           std::optional<std::string> head);
    static Refs loadRefs(const QString &rootPath);
    static QString revisionOf(const QComboBox *combo);

    void onComputed();
    void onRefsLoaded();
    void onCurrentRowChanged();
    void onAnchorClicked(const QUrl &url);
    void onTestClicked();
    void showReach(const lockfile::PackageReach *reach);

    KSyntaxHighlighting::Repository *m_repository; // not owned; outlives this view
    SnapshotPtr m_snapshot;
    std::vector<lockfile::LockfileRef> m_refs;     ///< parallel to m_lockfile's items
    lockfile::ReachResult m_reachResult;          ///< of the shown diff
    std::shared_ptr<const graph::TargetGraph> m_shownGraph; ///< graph the shown reach refers to
    bool m_pending = false;                        ///< refresh requested while computing
    RefreshWhenShown *m_refreshWhenShown; ///< a new snapshot's refresh, deferred while hidden

    QComboBox *m_lockfile;
    QComboBox *m_base;
    QComboBox *m_head;
    QLineEdit *m_filter;
    QLabel *m_status;
    QTabWidget *m_tabs;
    QTableView *m_table;
    LockfileChangeModel *m_model;                  // owned (child)
    QSortFilterProxyModel *m_proxy;                // owned (child)
    QLabel *m_reachTitle;
    QTextBrowser *m_reach;
    QPushButton *m_testButton;
    QPlainTextEdit *m_rawDiff;
    KSyntaxHighlighting::SyntaxHighlighter *m_highlighter; // owned by m_rawDiff's document
    std::unique_ptr<QFutureWatcher<Outcome>> m_watcher;    // the running diff, or null
    std::unique_ptr<QFutureWatcher<Refs>> m_refsWatcher;   // the running ref listing, or null
};

} // namespace trellis::ui
