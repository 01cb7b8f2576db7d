#include "ui/views/quickopendialog.h"

#include "ui/models/quickopenmodel.h"
#include "ui/uitr.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QVBoxLayout>

namespace trellis::ui {

QuickOpenDialog::QuickOpenDialog(const SnapshotPtr &snapshot, QWidget *parent)
    : QDialog(parent)
    , m_model(new QuickOpenModel(this))
    , m_filter(new QuickOpenFilterModel(this))
    , m_query(new QLineEdit(this))
    , m_results(new QListView(this))
{
    setWindowTitle(Tr::tr("Quick Open"));
    m_model->setSnapshot(snapshot);
    m_filter->setSourceModel(m_model);
    m_query->setPlaceholderText(Tr::tr("Type part of a target address or file path"));
    m_query->installEventFilter(this);
    m_results->setModel(m_filter);
    m_results->setUniformItemSizes(true);
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_query);
    layout->addWidget(m_results, 1);
    resize(640, 420);

    connect(m_query, &QLineEdit::textChanged, this, &QuickOpenDialog::onQueryChanged);
    connect(m_query, &QLineEdit::returnPressed, this, &QuickOpenDialog::onAccept);
    connect(m_results, &QListView::activated, this, &QuickOpenDialog::onAccept);
    onQueryChanged(QString());
}

void QuickOpenDialog::setQuery(const QString &query) { m_query->setText(query); }

int QuickOpenDialog::resultCount() const { return m_filter->rowCount(); }

void QuickOpenDialog::onQueryChanged(const QString &text)
{
    m_filter->setQuery(text);
    if (m_filter->rowCount() > 0)
        m_results->setCurrentIndex(m_filter->index(0, 0));
}

void QuickOpenDialog::onAccept()
{
    const QModelIndex current = m_results->currentIndex();
    if (!current.isValid())
        return;
    if (current.data(QuickOpenModel::KindRole).toInt() == int(QuickOpenModel::Kind::Target))
        Q_EMIT targetChosen(current.data(QuickOpenModel::TargetIndexRole).toInt());
    else
        Q_EMIT fileChosen(current.data(QuickOpenModel::PathRole).toString());
    accept();
}

bool QuickOpenDialog::eventFilter(QObject *watched, QEvent *event)
{
    // Up/Down/PageUp/PageDown in the query line move through the results.
    if (watched == m_query && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        switch (key->key()) {
        case Qt::Key_Up:
        case Qt::Key_Down:
        case Qt::Key_PageUp:
        case Qt::Key_PageDown:
            QCoreApplication::sendEvent(m_results, event);
            return true;
        default:
            break;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace trellis::ui
