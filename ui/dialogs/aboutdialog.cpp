#include "ui/dialogs/aboutdialog.h"

#include "ui/typeicons.h"
#include "ui/uitr.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace trellis::ui {

QString AboutDialog::versionText()
{
    return Tr::tr("Trellis %1").arg(QStringLiteral(TRELLIS_VERSION));
}

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(Tr::tr("About Trellis"));
    auto *icon = new QLabel(this);
    icon->setPixmap(TypeIcons::app().pixmap(80, 80));
    auto *text = new QLabel(this);
    text->setObjectName(QStringLiteral("aboutText"));
    text->setTextFormat(Qt::RichText);
    text->setOpenExternalLinks(true);
    text->setText(QStringLiteral("<h2>%1</h2><p>%2</p><p>%3</p>")
                      .arg(versionText().toHtmlEscaped(),
                           Tr::tr("A workspace manager for Pants-style Python monorepos.").toHtmlEscaped(),
                           Tr::tr("Built with Qt %1, KSyntaxHighlighting, libgit2, toml++ and Graphviz.").arg(QStringLiteral(QT_VERSION_STR)).toHtmlEscaped()));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *row = new QHBoxLayout;
    row->addWidget(icon, 0, Qt::AlignTop);
    row->addSpacing(12);
    row->addWidget(text, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(buttons);
}

} // namespace trellis::ui
