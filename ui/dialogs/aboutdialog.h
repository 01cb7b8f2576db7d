// AboutDialog: the version, what Trellis is, and the libraries it uses.
//
//   AboutDialog(this).exec();
#pragma once

#include <QDialog>

namespace trellis::ui {

class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);
    /// "Trellis 0.1.0" — the version text shown (TRELLIS_VERSION).
    static QString versionText();
};

} // namespace trellis::ui
