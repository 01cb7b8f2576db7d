// SettingsDialog: edits AppSettings — language, theme, external editor command,
// parallel jobs, cache location and size limit, Python interpreter.
//
//   SettingsDialog dialog(this);
//   if (dialog.exec() == QDialog::Accepted) applySettings();
#pragma once

#include <QDialog>

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace trellis::ui {

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    /// Writes the edited values to QSettings (also done on OK).
    void save();

private:
    void onBrowseCache();
    void onBrowsePython();
    void onClearCache();

    QComboBox *m_language;
    QComboBox *m_theme;
    QLineEdit *m_editor;
    QSpinBox *m_jobs;
    QLineEdit *m_cacheDir;
    QSpinBox *m_cacheLimit;
    QLineEdit *m_python;
};

} // namespace trellis::ui
