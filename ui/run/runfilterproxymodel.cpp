#include "ui/run/runfilterproxymodel.h"

#include "ui/run/runresultmodel.h"

namespace trellis::ui {

RunFilterProxyModel::RunFilterProxyModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setDynamicSortFilter(true);
}

void RunFilterProxyModel::setFailedOnly(bool on)
{
    if (m_failedOnly == on)
        return;
    m_failedOnly = on;
    invalidateFilter();
}

void RunFilterProxyModel::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (m_text == trimmed)
        return;
    m_text = trimmed;
    invalidateFilter();
}

bool RunFilterProxyModel::matchesText(const QModelIndex &sourceIndex) const
{
    // A process that matches shows all of its test cases.
    for (QModelIndex i = sourceIndex; i.isValid(); i = i.parent()) {
        if (i.data(RunResultModel::KindRole).toInt() == int(RunResultModel::Kind::Run))
            break;
        if (i.data(Qt::DisplayRole).toString().contains(m_text, Qt::CaseInsensitive))
            return true;
        const QStringList addresses = i.data(RunResultModel::AddressesRole).toStringList();
        for (const QString &a : addresses)
            if (a.contains(m_text, Qt::CaseInsensitive))
                return true;
    }
    return false;
}

bool RunFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const auto kind = RunResultModel::Kind(index.data(RunResultModel::KindRole).toInt());
    if (kind == RunResultModel::Kind::Run)
        return true;
    if (m_failedOnly && !isFailing(RunStatus(index.data(RunResultModel::StatusRole).toInt())))
        return false;
    // A failed process without test cases (collection error, crash) is itself the result.
    if (m_failedOnly && kind == RunResultModel::Kind::Process && sourceModel()->rowCount(index) > 0)
        return false;
    return m_text.isEmpty() || matchesText(index);
}

bool RunFilterProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (left.column() == RunResultModel::DurationColumn)
        return left.data(RunResultModel::DurationRole).toLongLong() < right.data(RunResultModel::DurationRole).toLongLong();
    if (left.column() == RunResultModel::StatusColumn)
        return left.data(RunResultModel::StatusRole).toInt() < right.data(RunResultModel::StatusRole).toInt();
    return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace trellis::ui
