// SettingsDialog: edits AppSettings — language, theme, external editor command,
// parallel jobs, cache location and size limit, Python interpreter, the test runs' Python
// environment mode and sandbox.
//
//   SettingsDialog dialog(this);
//   if (dialog.exec() == QDialog::Accepted) applySettings();
#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace trellis::ui {

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    /// Writes the edited values to QSettings (also done on OK).
    void save();
    /// Puts the focus on the external editor command (Open in External Editor without one).
    void focusEditorCommand();
    QLineEdit *editorCommandEdit() const { return m_editor; }
    QComboBox *languageBox() const { return m_language; }
    QComboBox *themeBox() const { return m_theme; }
    QComboBox *pythonEnvBox() const { return m_pythonEnv; }
    QCheckBox *sandboxBox() const { return m_sandbox; }
    /// "Language and theme changes take effect after a restart", emphasised once changed.
    QLabel *restartNote() const { return m_restartNote; }
    bool isRestartPending() const { return m_restartPending; }

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
    QComboBox *m_pythonEnv;
    QCheckBox *m_sandbox;
    QLabel *m_restartNote;
    bool m_restartPending = false;
};

} // namespace trellis::ui
