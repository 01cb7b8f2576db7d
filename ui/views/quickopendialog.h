// QuickOpenDialog: Ctrl+P — type a few characters of a target address or file path,
// pick from fuzzy-matched results, Enter opens it.
//
//   QuickOpenDialog dialog(snapshot, this);
//   connect(&dialog, &QuickOpenDialog::targetChosen, browser, &TargetBrowser::selectTarget);
//   dialog.exec();
#pragma once

#include "ui/workspacesnapshot.h"

#include <QDialog>

class QLineEdit;
class QListView;

namespace trellis::ui {

class QuickOpenFilterModel;
class QuickOpenModel;

class QuickOpenDialog : public QDialog {
    Q_OBJECT
public:
    explicit QuickOpenDialog(const SnapshotPtr &snapshot, QWidget *parent = nullptr);

    void setQuery(const QString &query);
    QLineEdit *queryEdit() const { return m_query; }
    QListView *resultView() const { return m_results; }
    /// Rows currently listed.
    int resultCount() const;

Q_SIGNALS:
    void targetChosen(int targetIndex);
    void fileChosen(const QString &path);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onQueryChanged(const QString &text);
    void onAccept();

    QuickOpenModel *m_model;
    QuickOpenFilterModel *m_filter;
    QLineEdit *m_query;
    QListView *m_results;
};

} // namespace trellis::ui
