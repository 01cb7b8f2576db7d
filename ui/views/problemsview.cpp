#include "ui/views/problemsview.h"

#include "ui/models/problemsmodel.h"
#include "ui/typeicons.h"
#include "ui/uitr.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace trellis::ui {

ProblemsView::ProblemsView(QWidget *parent)
    : QWidget(parent)
    , m_model(new ProblemsModel(this))
    , m_filter(new ProblemsFilterModel(this))
    , m_view(new QTreeView(this))
    , m_errors(new QToolButton(this))
    , m_warnings(new QToolButton(this))
    , m_notes(new QToolButton(this))
{
    m_filter->setSourceModel(m_model);
    m_view->setModel(m_filter);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setAlternatingRowColors(true);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(ProblemsModel::MessageColumn, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(ProblemsModel::LocationColumn, QHeaderView::Interactive);
    m_view->header()->resizeSection(ProblemsModel::LocationColumn, 220);

    const struct { QToolButton *button; QIcon icon; QString tip; } buttons[] = {
        {m_errors, TypeIcons::error(), Tr::tr("Show errors")},
        {m_warnings, TypeIcons::warning(), Tr::tr("Show warnings")},
        {m_notes, TypeIcons::note(), Tr::tr("Show notes")},
    };
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 2);
    for (const auto &b : buttons) {
        b.button->setCheckable(true);
        b.button->setChecked(true);
        b.button->setAutoRaise(true);
        b.button->setIcon(b.icon);
        b.button->setToolTip(b.tip);
        b.button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        connect(b.button, &QToolButton::toggled, this, &ProblemsView::onToggled);
        bar->addWidget(b.button);
    }
    bar->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    connect(m_view, &QTreeView::activated, this, &ProblemsView::onActivated);
    updateButtons();
}

void ProblemsView::setSnapshot(const SnapshotPtr &snapshot)
{
    m_model->setSnapshot(snapshot);
    updateButtons();
    Q_EMIT countsChanged();
}

QString ProblemsView::summary() const
{
    return Tr::tr("%n error(s)", nullptr, m_model->count(base::Severity::Error)) + QStringLiteral(", ")
        + Tr::tr("%n warning(s)", nullptr, m_model->count(base::Severity::Warning));
}

void ProblemsView::onActivated(const QModelIndex &index)
{
    const QString file = index.data(ProblemsModel::FileRole).toString();
    if (!file.isEmpty())
        Q_EMIT locationActivated(file, index.data(ProblemsModel::LineRole).toInt());
}

void ProblemsView::onToggled()
{
    m_filter->setSeverityVisible(base::Severity::Error, m_errors->isChecked());
    m_filter->setSeverityVisible(base::Severity::Warning, m_warnings->isChecked());
    m_filter->setSeverityVisible(base::Severity::Note, m_notes->isChecked());
}

void ProblemsView::updateButtons()
{
    m_errors->setText(Tr::tr("%n error(s)", nullptr, m_model->count(base::Severity::Error)));
    m_warnings->setText(Tr::tr("%n warning(s)", nullptr, m_model->count(base::Severity::Warning)));
    m_notes->setText(Tr::tr("%n note(s)", nullptr, m_model->count(base::Severity::Note)));
}

} // namespace trellis::ui
