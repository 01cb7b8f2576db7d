// NewFragmentDialog: the form behind "New fragment…" — issue number, type (from the
// towncrier configuration) and text. Accepting writes `<issue>.<type>.md` (or `.rst`)
// into the news directory atomically; the name is checked with parseFragmentName so
// that towncrier reads it back as the chosen issue and type.
//
//   auto *d = new NewFragmentDialog(status.buildRoot, status.towncrier, this);
//   connect(d, &QDialog::accepted, this, &View::refresh);
//   d->open();
#pragma once

#include "core/release/towncrierconfig.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace trellis::ui {

class NewFragmentDialog : public QDialog {
    Q_OBJECT
public:
    NewFragmentDialog(const QString &buildRoot, const release::TowncrierConfig &config, QWidget *parent = nullptr);

    QLineEdit *issueEdit() const { return m_issue; }
    QComboBox *typeCombo() const { return m_type; }
    QPlainTextEdit *textEdit() const { return m_text; }
    /// Build-root relative path the fragment will be written to ("" while the form is invalid).
    QString fragmentPath() const;
    /// Why the form cannot be accepted ("" when it can).
    QString problem() const;

    /// Writes the fragment; stays open with the error shown when writing fails.
    void accept() override;

private:
    void onChanged();
    QString fileName() const;

    QString m_buildRoot;
    release::TowncrierConfig m_config;
    QLineEdit *m_issue;
    QComboBox *m_type;
    QPlainTextEdit *m_text;
    QLabel *m_fileLabel;
    QLabel *m_problemLabel;
    QDialogButtonBox *m_buttons;
};

} // namespace trellis::ui
