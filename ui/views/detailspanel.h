// DetailsPanel: everything about the selected target — address, type, resolved fields,
// sources, dependencies and dependents (direct, or transitive with a toggle), each edge
// with the reason it exists. Addresses and file positions are links.
//
//   DetailsPanel details;
//   details.setSnapshot(snapshot);
//   details.showTarget(index);
//   connect(&details, &DetailsPanel::targetActivated, browser, &TargetBrowser::selectTarget);
#pragma once

#include "ui/workspacesnapshot.h"

#include <QSet>
#include <QWidget>

#include <functional>

class QCheckBox;
class QTextBrowser;
class QUrl;

namespace trellis::ui {

class DetailsPanel : public QWidget {
    Q_OBJECT
public:
    explicit DetailsPanel(QWidget *parent = nullptr);

    void setSnapshot(SnapshotPtr snapshot);
    /// Shows a target (index into Workspace::targets()); -1 shows the empty state.
    void showTarget(int targetIndex);
    int currentTarget() const { return m_target; }
    void setTransitive(bool transitive);
    /// Lists every item of `list` ("sources", "dependencies", "dependents"), not only the
    /// first hundred (what the list's "Show all" link does). Until another target is shown.
    void showAll(const QString &list);
    bool isTransitive() const;
    /// The rendered text without markup (tests, copy).
    QString plainText() const;

Q_SIGNALS:
    void targetActivated(int targetIndex);
    void locationActivated(const QString &file, int line);

private:
    void render();
    void onAnchorClicked(const QUrl &url);
    QString targetLink(int targetIndex) const;
    QString locationLink(const QString &file, int line, const QString &text = {});
    QString edgeReason(int from, int to);

    SnapshotPtr m_snapshot;
    int m_target = -1;
    QCheckBox *m_transitive;
    QTextBrowser *m_browser;
    /// A list's HTML: its first items (all of them once `showAll(list)`), then a link
    /// to show the rest.
    QString listHtml(const QString &list, int count, const std::function<QString(int)> &item);

    QSet<QString> m_expanded; // lists shown in full for the current target
    std::vector<std::pair<QString, int>> m_locations; // link id -> (file, line), rebuilt per render
};

} // namespace trellis::ui
