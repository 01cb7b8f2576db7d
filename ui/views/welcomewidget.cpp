#include "ui/views/welcomewidget.h"

#include "ui/typeicons.h"
#include "ui/uitr.h"

#include <QAction>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace trellis::ui {

WelcomeWidget::WelcomeWidget(QAction *openAction, QAction *demoAction, QWidget *parent)
    : QWidget(parent)
    , m_recent(new QLabel(this))
{
    auto *icon = new QLabel(this);
    icon->setPixmap(TypeIcons::app().pixmap(96, 96));
    icon->setAlignment(Qt::AlignCenter);
    auto *title = new QLabel(Tr::tr("Open a Pants workspace…"), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    title->setFont(big);
    title->setAlignment(Qt::AlignCenter);
    auto *blurb = new QLabel(Tr::tr("Trellis reads pants.toml and BUILD files directly and shows the targets, "
                                    "their dependencies and the problems in your monorepo. "
                                    "Drop a folder here or choose one."), this);
    blurb->setWordWrap(true);
    blurb->setAlignment(Qt::AlignCenter);
    blurb->setFixedWidth(480);
    blurb->setMinimumHeight(blurb->heightForWidth(480));
    blurb->setForegroundRole(QPalette::PlaceholderText);

    auto *open = new QPushButton(openAction->icon(), Tr::tr("Open…"), this);
    open->setToolTip(openAction->toolTip());
    auto *demo = new QPushButton(demoAction->icon(), Tr::tr("Open Demo Workspace"), this);
    demo->setToolTip(demoAction->toolTip());
    open->setDefault(true);
    connect(open, &QPushButton::clicked, openAction, &QAction::trigger);
    connect(demo, &QPushButton::clicked, demoAction, &QAction::trigger);

    m_recent->setAlignment(Qt::AlignCenter);
    m_recent->setTextFormat(Qt::RichText);
    connect(m_recent, &QLabel::linkActivated, this, &WelcomeWidget::recentWorkspaceChosen);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(open);
    buttons->addWidget(demo);
    buttons->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addWidget(icon);
    layout->addSpacing(8);
    layout->addWidget(title);
    layout->addWidget(blurb, 0, Qt::AlignHCenter);
    layout->addSpacing(12);
    layout->addLayout(buttons);
    layout->addSpacing(18);
    layout->addWidget(m_recent);
    layout->addStretch(3);
    setAcceptDrops(false); // the main window handles drops
}

void WelcomeWidget::setRecentWorkspaces(const QStringList &paths)
{
    if (paths.isEmpty()) {
        m_recent->clear();
        return;
    }
    QString html = QStringLiteral("<p><b>%1</b></p>").arg(Tr::tr("Recent workspaces").toHtmlEscaped());
    for (const QString &p : paths)
        html += QStringLiteral("<a href=\"%1\">%2</a><br>").arg(p.toHtmlEscaped(), QDir::toNativeSeparators(p).toHtmlEscaped());
    m_recent->setText(html);
}

} // namespace trellis::ui
