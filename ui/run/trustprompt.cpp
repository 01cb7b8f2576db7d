#include "ui/run/trustprompt.h"

#include "ui/uitr.h"

#include <QMessageBox>
#include <QPushButton>
#include <QStringList>

namespace trellis::ui {

QString trustPromptText(const run::RepositoryTrustRequest &request)
{
    QStringList keys;
    for (const std::string &k : request.keys)
        keys << QString::fromStdString(k);
    const QString root = QString::fromStdString(request.root).toHtmlEscaped();
    const QString host = QString::fromStdString(request.host).toHtmlEscaped();
    QString text = request.host.empty()
                       ? Tr::tr("The repository <b>%1</b> configures a remote cache.").arg(root)
                       : Tr::tr("The repository <b>%1</b> wants Trellis to send test and lint results to "
                                "<b>%2</b>.")
                             .arg(root, host);
    if (request.changed)
        text += QStringLiteral("<p>") + Tr::tr("Its settings changed since you trusted it.") + QStringLiteral("</p>");
    text += QStringLiteral("<p>") + Tr::tr("Settings: %1").arg(keys.join(QStringLiteral(", ")).toHtmlEscaped())
            + QStringLiteral("</p><p>")
            + Tr::tr("Trust it only if you know this server: the settings may name environment variables (such as "
                     "tokens) that Trellis would send to it. Until you trust it, Trellis uses only your own "
                     "settings.")
            + QStringLiteral("</p>");
    return text;
}

bool askToTrustRepository(QWidget *parent, const run::RepositoryTrustRequest &request, const std::string &trustStore)
{
    QMessageBox box(QMessageBox::Warning, Tr::tr("Trust this repository's remote cache?"), trustPromptText(request),
                    QMessageBox::NoButton, parent);
    box.setTextFormat(Qt::RichText);
    QPushButton *trust = box.addButton(Tr::tr("Trust"), QMessageBox::AcceptRole);
    QPushButton *dont = box.addButton(Tr::tr("Don't Trust"), QMessageBox::RejectRole);
    box.setDefaultButton(dont);
    box.setEscapeButton(dont);
    box.exec();
    if (box.clickedButton() != trust)
        return false;
    return bool(run::trustRepository(request, trustStore));
}

QString downloadPromptText(const QString &resolve, const QStringList &hosts)
{
    QString list;
    for (const QString &h : hosts)
        list += QStringLiteral("<li>") + h.toHtmlEscaped() + QStringLiteral("</li>");
    return Tr::tr("To build the Python environment <b>%1</b>, Trellis would download files from:").arg(resolve.toHtmlEscaped())
           + QStringLiteral("<ul>") + list + QStringLiteral("</ul><p>")
           + Tr::tr("The repository's lockfile and configuration name these hosts. Trellis sends them no credentials "
                    "and checks every file against the sha256 the repository records before using it.")
           + QStringLiteral("</p>");
}

bool askToAllowDownloads(QWidget *parent, const QString &resolve, const QStringList &hosts)
{
    QMessageBox box(QMessageBox::Question, Tr::tr("Download from these hosts?"), downloadPromptText(resolve, hosts),
                    QMessageBox::NoButton, parent);
    box.setTextFormat(Qt::RichText);
    QPushButton *download = box.addButton(Tr::tr("Download"), QMessageBox::AcceptRole);
    QPushButton *dont = box.addButton(Tr::tr("Don't Download"), QMessageBox::RejectRole);
    box.setDefaultButton(dont);
    box.setEscapeButton(dont);
    box.exec();
    return box.clickedButton() == download;
}

} // namespace trellis::ui
