// RunPanel: the Run dock — the run actions, an overall progress bar with per-status
// counts and a time estimate, the results tree (run → process → test case) with a
// failed-only/text filter and duration sorting, the selected test's message and
// highlighted traceback (each frame opens the source), live output per process, and the
// run history with a comparison of two runs.
//
//   auto *panel = new RunPanel(controller, window->syntaxRepository());
//   panel->setActions({testSelected, testChanged, rerunFailed, cancelRun});
//   connect(panel, &RunPanel::locationActivated, window, &MainWindow::openLocation);
#pragma once

#include <QWidget>

class QAction;
class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QModelIndex;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSplitter;
class QTabWidget;
class QTimer;
class QToolBar;
class QToolButton;
class QTreeView;
class QTreeWidget;

namespace KSyntaxHighlighting {
class Repository;
class SyntaxHighlighter;
}

namespace trellis::ui {

class RunController;
class RunFilterProxyModel;

class RunPanel : public QWidget {
    Q_OBJECT
public:
    RunPanel(RunController *controller, KSyntaxHighlighting::Repository *repository, QWidget *parent = nullptr);

    /// Puts the run actions (owned by the caller) at the start of the panel's toolbar.
    void setActions(const QList<QAction *> &actions);

    QTreeView *resultsView() const { return m_results; }
    RunFilterProxyModel *proxy() const { return m_proxy; }
    QPlainTextEdit *outputView() const { return m_output; }
    QPlainTextEdit *tracebackView() const { return m_traceback; }
    QListWidget *framesView() const { return m_frames; }
    QLabel *messageLabel() const { return m_message; }
    QLabel *countsLabel() const { return m_counts; }
    QProgressBar *progressBar() const { return m_progress; }
    /// The Python environment being built for the run: what it does, its packages and
    /// bytes so far, and Cancel. Shown only while an environment is built.
    QWidget *environmentRow() const { return m_envRow; }
    QLabel *environmentLabel() const { return m_envLabel; }
    QProgressBar *environmentProgress() const { return m_envProgress; }
    QPushButton *environmentCancelButton() const { return m_envCancel; }
    QTreeWidget *historyView() const { return m_history; }
    QTreeWidget *comparisonView() const { return m_comparison; }
    QTabWidget *tabs() const { return m_tabs; }
    /// Selects the first failing test case (if any) and shows its details.
    bool selectFirstFailure();
    void setFailedOnly(bool on);
    void setFilterText(const QString &text);
    /// Sorts by duration, slowest first (true) or restores the run order.
    void setSlowestFirst(bool on);
    /// Compares two runs of the history by id; fills the comparison view.
    void compareRuns(const QString &olderId, const QString &newerId);
    /// Shows a run of the history in the results tree.
    void openHistoryRun(const QString &id);

Q_SIGNALS:
    /// Open a file (buildroot-relative or absolute) at a line in the source viewer.
    void locationActivated(const QString &file, int line);
    /// Open a file at a line in the external editor.
    void openExternallyRequested(const QString &file, int line);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QWidget *createResultsPage();
    QWidget *createHistoryPage();
    void onRunStarted();
    void onRunFinished(bool cancelled);
    void onCountsChanged();
    void onTick();
    void onCurrentResultChanged(const QModelIndex &current);
    void onOutputAppended(int processId, const QString &text);
    void onRowsInserted(const QModelIndex &parent, int first, int last);
    void onFrameActivated();
    void onFramesContextMenu(const QPoint &pos);
    void onHistoryChanged();
    void onHistorySelectionChanged();
    void onOpenHistoryRun();
    void onCompareSelected();
    void onDeleteHistoryRun();
    void showOutputOf(int processId);
    void showDetails(const QModelIndex &sourceIndex);
    void applyTheme();

    RunController *m_controller;                  // not owned
    KSyntaxHighlighting::Repository *m_repository; // not owned; one per application
    RunFilterProxyModel *m_proxy;
    QToolBar *m_toolBar;
    QAction *m_firstToolAction = nullptr;         ///< where setActions() inserts
    QLineEdit *m_filter;
    QCheckBox *m_failedOnly;
    QToolButton *m_slowestFirst;
    QProgressBar *m_progress;
    QLabel *m_counts;
    QLabel *m_estimate;
    QWidget *m_envRow;
    QLabel *m_envLabel;
    QProgressBar *m_envProgress;
    QPushButton *m_envCancel;
    qint64 m_envBytes = 0;                        ///< downloaded for the environment so far
    QTimer *m_tick;
    QTabWidget *m_tabs;
    QTreeView *m_results;
    QTabWidget *m_sideTabs;
    QLabel *m_message;
    QListWidget *m_frames;
    QPlainTextEdit *m_traceback;
    KSyntaxHighlighting::SyntaxHighlighter *m_highlighter = nullptr; // owned by the traceback document
    QPlainTextEdit *m_output;
    QTreeWidget *m_history;
    QPushButton *m_openRun;
    QPushButton *m_compare;
    QPushButton *m_deleteRun;
    QTreeWidget *m_comparison;
    int m_shownProcess = -1;                      ///< process whose output m_output shows; -1 none
    bool m_followOutput = true;                   ///< show the latest started process until the user picks one
};

} // namespace trellis::ui
