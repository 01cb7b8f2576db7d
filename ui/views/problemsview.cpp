#include "ui/views/problemsview.h"

#include "ui/models/problemsmodel.h"
#include "ui/typeicons.h"
#include "ui/uitr.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace trellis::ui {

namespace {
/// Elides paths in the middle, so the file name stays readable.
class MiddleElideDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->textElideMode = Qt::ElideMiddle;
    }
};
} // namespace

ProblemsView::ProblemsView(QWidget *parent)
    : QWidget(parent)
    , m_model(new ProblemsModel(this))
    , m_filter(new ProblemsFilterModel(this))
    , m_view(new QTreeView(this))
    , m_filterEdit(new QLineEdit(this))
    , m_detail(new QPlainTextEdit(this))
    , m_errors(new QToolButton(this))
    , m_warnings(new QToolButton(this))
    , m_notes(new QToolButton(this))
    , m_openAction(new QAction(Tr::tr("Open File at Line"), this))
    , m_copyMessageAction(new QAction(Tr::tr("Copy Message"), this))
    , m_copyLocationAction(new QAction(Tr::tr("Copy Location"), this))
    , m_showTargetAction(new QAction(Tr::tr("Show Target"), this))
{
    m_filter->setSourceModel(m_model);
    m_view->setModel(m_filter);
    // Knock-ons fold under their cause; each row is as tall as it needs, long messages
    // are elided (the tooltip and the detail pane hold the whole text).
    m_view->setRootIsDecorated(true);
    m_view->setUniformRowHeights(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setWordWrap(false);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setAlternatingRowColors(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(ProblemsModel::MessageColumn, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(ProblemsModel::LocationColumn, QHeaderView::Interactive);
    m_view->header()->resizeSection(ProblemsModel::LocationColumn, 280);
    m_view->setItemDelegateForColumn(ProblemsModel::LocationColumn, new MiddleElideDelegate(m_view));

    m_detail->setReadOnly(true);
    m_detail->setFrameShape(QFrame::NoFrame);
    m_detail->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_detail->setPlaceholderText(Tr::tr("Select a problem to see its full text."));

    m_filterEdit->setPlaceholderText(Tr::tr("Filter problems: text in message or location"));
    m_filterEdit->setClearButtonEnabled(true);
    connect(m_filterEdit, &QLineEdit::textChanged, this, [this](const QString &text) { m_filter->setFilterText(text); });

    const struct { QToolButton *button; QIcon icon; QString tip; } buttons[] = {
        {m_errors, TypeIcons::error(), Tr::tr("Show errors")},
        {m_warnings, TypeIcons::warning(), Tr::tr("Show warnings")},
        {m_notes, TypeIcons::note(), Tr::tr("Show notes")},
    };
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 2);
    bar->addWidget(m_filterEdit, 1);
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

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({750, 250});
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);

    m_copyMessageAction->setShortcut(QKeySequence::Copy);
    m_copyMessageAction->setShortcutContext(Qt::WidgetShortcut);
    m_view->addAction(m_copyMessageAction);
    connect(m_openAction, &QAction::triggered, this, [this] { onActivated(m_view->currentIndex()); });
    connect(m_copyMessageAction, &QAction::triggered, this, [this] {
        const QModelIndex i = m_view->currentIndex().siblingAtColumn(ProblemsModel::MessageColumn);
        if (i.isValid())
            QApplication::clipboard()->setText(i.data(ProblemsModel::MessageRole).toString());
    });
    connect(m_copyLocationAction, &QAction::triggered, this, [this] {
        const QModelIndex i = m_view->currentIndex();
        if (i.isValid())
            QApplication::clipboard()->setText(i.data(ProblemsModel::LocationRole).toString());
    });
    connect(m_showTargetAction, &QAction::triggered, this, [this] {
        const int target = targetFor(m_view->currentIndex());
        if (target >= 0)
            Q_EMIT targetActivated(target);
    });
    connect(m_view, &QTreeView::activated, this, &ProblemsView::onActivated);
    connect(m_view, &QWidget::customContextMenuRequested, this, &ProblemsView::onContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &ProblemsView::onCurrentChanged);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &ProblemsView::onCurrentChanged);
    updateButtons();
    updateActions();
}

void ProblemsView::setSnapshot(const SnapshotPtr &snapshot)
{
    m_snapshot = snapshot;
    m_model->setSnapshot(snapshot);
    m_view->collapseAll();
    updateButtons();
    onCurrentChanged();
    Q_EMIT countsChanged();
}

void ProblemsView::setSeverityVisible(int severity, bool visible)
{
    QToolButton *button = severity == int(base::Severity::Error)     ? m_errors
                          : severity == int(base::Severity::Warning) ? m_warnings
                                                                     : m_notes;
    button->setChecked(visible);
}

QString ProblemsView::summary() const
{
    return Tr::tr("%n error(s)", nullptr, m_model->count(base::Severity::Error)) + QStringLiteral(", ")
        + Tr::tr("%n warning(s)", nullptr, m_model->count(base::Severity::Warning));
}

int ProblemsView::targetFor(const QModelIndex &index) const
{
    if (!index.isValid() || !m_snapshot)
        return -1;
    const std::string file = index.data(ProblemsModel::FileRole).toString().toStdString();
    if (file.empty())
        return -1;
    const workspace::Workspace &ws = *m_snapshot->workspace;
    const int line = index.data(ProblemsModel::LineRole).toInt();
    // A BUILD file: the target declared at (or nearest above) the problem's line.
    const std::vector<const workspace::Target *> declared = ws.targetsDeclaredIn(file);
    const workspace::Target *best = nullptr;
    for (const workspace::Target *t : declared) {
        if (!t->declaredAt.isValid() || (line > 0 && t->declaredAt.line > line))
            continue;
        if (!best || t->declaredAt.line > best->declaredAt.line)
            best = t;
    }
    if (!best && !declared.empty())
        best = declared.front();
    // A source file: its owner.
    if (!best) {
        const std::vector<const workspace::Target *> owners = ws.ownersOf(file);
        if (!owners.empty())
            best = owners.front();
    }
    return best ? ws.indexOf(best->address) : -1;
}

void ProblemsView::onActivated(const QModelIndex &index)
{
    const QString file = index.data(ProblemsModel::FileRole).toString();
    if (!file.isEmpty())
        Q_EMIT locationActivated(file, index.data(ProblemsModel::LineRole).toInt());
}

void ProblemsView::onCurrentChanged()
{
    const QModelIndex i = m_view->currentIndex();
    QString text;
    if (i.isValid()) {
        text = i.data(ProblemsModel::FullTextRole).toString();
        if (const int n = i.data(ProblemsModel::KnockOnCountRole).toInt())
            text += QStringLiteral("\n\n") + Tr::tr("This problem caused %L1 more (expand the row to see them).").arg(n);
        if (const int n = i.data(ProblemsModel::RepeatCountRole).toInt())
            text += QStringLiteral("\n\n") + Tr::tr("The same problem is in %L1 more places (expand the row to see them).").arg(n);
    }
    m_detail->setPlainText(text);
    updateActions();
}

void ProblemsView::onContextMenu(const QPoint &pos)
{
    const QModelIndex i = m_view->indexAt(pos);
    if (!i.isValid())
        return;
    m_view->setCurrentIndex(i);
    QMenu menu(this);
    menu.addAction(m_openAction);
    menu.addAction(m_showTargetAction);
    menu.addSeparator();
    menu.addAction(m_copyMessageAction);
    menu.addAction(m_copyLocationAction);
    menu.exec(m_view->viewport()->mapToGlobal(pos));
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

void ProblemsView::updateActions()
{
    const QModelIndex i = m_view->currentIndex();
    m_openAction->setEnabled(i.isValid() && !i.data(ProblemsModel::FileRole).toString().isEmpty());
    m_showTargetAction->setEnabled(targetFor(i) >= 0);
    m_copyMessageAction->setEnabled(i.isValid());
    m_copyLocationAction->setEnabled(i.isValid() && !i.data(ProblemsModel::LocationRole).toString().isEmpty());
}

} // namespace trellis::ui
