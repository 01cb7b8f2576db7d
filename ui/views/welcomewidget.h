// WelcomeWidget: the empty state of the centre area — what Trellis is, Open… and Open
// Demo Workspace buttons, and the recent workspaces as links.
//
//   WelcomeWidget welcome(openAction, demoAction);
//   welcome.setRecentWorkspaces(settings.recentWorkspaces());
#pragma once

#include <QWidget>

class QAction;
class QLabel;

namespace trellis::ui {

class WelcomeWidget : public QWidget {
    Q_OBJECT
public:
    /// The buttons trigger the given actions (not owned; the main window's).
    WelcomeWidget(QAction *openAction, QAction *demoAction, QWidget *parent = nullptr);
    void setRecentWorkspaces(const QStringList &paths);

Q_SIGNALS:
    void recentWorkspaceChosen(const QString &path);

private:
    QLabel *m_recent;
};

} // namespace trellis::ui
