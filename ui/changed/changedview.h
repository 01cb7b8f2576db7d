// ChangedView: the Changed centre tab. For a base ref (branches and tags offered; the
// default is [changed].since, else main/master, else HEAD) and a dependents mode
// ([changed].dependents by default) it shows what changed and what that affects, as
// changed::explainChanged computes it on a worker thread: the changed files with their
// state, their owners and the affected dependents. Selecting a row shows the chain that
// makes it affected (changed file → owner → dependent → …) with every target and every
// import or BUILD line as a link. "Test These" asks for a test run of the affected test
// targets. Double-clicking a target shows it in Details, a file opens it.
// `trellis changed --why` prints the same explanation.
//
//   auto *view = new ChangedView;
//   view->setSnapshot(snapshot);          // recomputes (also after every reload)
//   connect(view, &ChangedView::testRequested, ...);      // addresses to `test`
//   connect(view, &ChangedView::locationActivated, window, &MainWindow::openLocation);
#pragma once

#include "core/changed/changedexplanation.h"
#include "ui/workspacesnapshot.h"

#include <QFutureWatcher>
#include <QWidget>

#include <memory>
#include <utility>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QTextBrowser;
class QTreeView;
class QUrl;

namespace trellis::ui {

class RefreshWhenShown;

class ChangedModel;

class ChangedView : public QWidget {
    Q_OBJECT
public:
    explicit ChangedView(QWidget *parent = nullptr);
    ~ChangedView() override;

    /// Shows a (re)loaded workspace and recomputes.
    void setSnapshot(const SnapshotPtr &snapshot);
    /// Recomputes for the current base ref and dependents mode (asynchronous).
    void refresh();
    /// Sets the base ref ("" keeps the current one) and the dependents mode, then recomputes.
    void setRequest(const QString &baseRef, changed::DependentsMode mode);
    changed::DependentsMode dependentsMode() const;
    bool isComputing() const { return m_watcher != nullptr; }

    /// The addresses "Test These" runs: the affected test targets.
    QStringList testAddresses() const;
    /// Selects the row of a target (owners first) and shows its chain; false if absent.
    bool selectTarget(int node);

    QComboBox *baseCombo() const { return m_base; }
    QComboBox *dependentsCombo() const { return m_dependents; }
    QTreeView *tree() const { return m_tree; }
    ChangedModel *model() const { return m_model; }
    /// The filter in front of the model (what the tree shows).
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QLineEdit *filterEdit() const { return m_filter; }
    QTextBrowser *chainBrowser() const { return m_chain; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *countLabel() const { return m_count; }
    QPushButton *testButton() const { return m_testButton; }

Q_SIGNALS:
    void targetActivated(int targetIndex);
    void locationActivated(const QString &file, int line);
    /// "Test These": run the tests of these addresses.
    void testRequested(const QStringList &addresses);
    /// A computation finished (shown, or failed with a message in the status line).
    void computed();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Outcome {
        QString error;                       ///< non-empty: the computation failed
        QString ref;                         ///< the base ref used (the default when none was given)
        QStringList refs;                    ///< branches and tags, for the combo
        std::shared_ptr<const graph::TargetGraph> graph;
        changed::ChangedExplanation explanation;
    };
    static Outcome compute(SnapshotPtr snapshot, QString ref, changed::DependentsMode mode, bool listRefs);

    void onComputed();
    void onCurrentChanged();
    void onActivated(const QModelIndex &index);
    void onAnchorClicked(const QUrl &url);
    void onTestClicked();
    void showChain(const QModelIndex &index);
    void expandGroups();
    QString targetLink(int node) const;
    QString locationLink(const QString &file, int line, const QString &text = {});
    QString stepHtml(const changed::AffectedTarget &target, size_t step);

    SnapshotPtr m_snapshot;
    bool m_pending = false;          ///< refresh requested while computing
    RefreshWhenShown *m_refreshWhenShown; ///< a new snapshot's refresh, deferred while hidden
    bool m_refsListed = false;       ///< the base combo holds this repository's refs
    std::vector<std::pair<QString, int>> m_locations; ///< link targets of the chain pane

    QComboBox *m_base;
    QComboBox *m_dependents;
    QLabel *m_status;
    QSplitter *m_splitter;
    QTreeView *m_tree;
    ChangedModel *m_model;           // owned (child)
    QSortFilterProxyModel *m_proxy;  // owned (child)
    QLineEdit *m_filter;
    QLabel *m_chainTitle;
    QTextBrowser *m_chain;
    QLabel *m_count;
    QPushButton *m_testButton;
    std::unique_ptr<QFutureWatcher<Outcome>> m_watcher; // the running computation, or null
};

} // namespace trellis::ui
