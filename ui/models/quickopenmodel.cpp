#include "ui/models/quickopenmodel.h"

#include "ui/typeicons.h"
#include "ui/uitr.h"

#include <limits>

namespace trellis::ui {

std::optional<int> fuzzyScore(QStringView query, QStringView text)
{
    int score = 0;
    qsizetype pos = 0;
    qsizetype previousMatch = -2;
    qsizetype firstMatch = -1;
    for (const QChar qc : query) {
        if (qc.isSpace())
            continue;
        const QChar lq = qc.toLower();
        while (pos < text.size() && text[pos].toLower() != lq)
            ++pos;
        if (pos == text.size())
            return std::nullopt;
        const QChar prev = pos > 0 ? text[pos - 1] : QChar(u'/');
        const bool wordStart = prev == u'/' || prev == u':' || prev == u'_' || prev == u'.'
            || prev == u'-' || prev == u'#' || (prev.isLower() && text[pos].isUpper());
        score += 1;
        if (wordStart)
            score += 6;
        if (pos == previousMatch + 1)
            score += 8;
        if (firstMatch < 0)
            firstMatch = pos;
        previousMatch = pos;
        ++pos;
    }
    // Prefer matches inside the last path component, and shorter texts.
    if (firstMatch >= 0 && firstMatch > text.lastIndexOf(u'/'))
        score += 10;
    score -= int(text.size() / 16);
    // Exact names beat fuzzy ones: "common/types.py" is the file whose path ends with it,
    // not tests/unit/common/test_types.py; "types.py" is a file named so.
    QString compact;
    for (const QChar c : query)
        if (!c.isSpace())
            compact += c;
    const auto endsAt = [&](QStringView suffix) {
        return text.endsWith(suffix, Qt::CaseInsensitive)
            && (text.size() == suffix.size() || text[text.size() - suffix.size() - 1] == u'/'
                || text[text.size() - suffix.size() - 1] == u':');
    };
    if (text.compare(compact, Qt::CaseInsensitive) == 0)
        score += 1000;
    else if (endsAt(compact))
        score += 500 + int(compact.size());
    else {
        const QStringView name = QStringView(compact).mid(compact.lastIndexOf(u'/') + 1);
        if (!name.isEmpty() && endsAt(name))
            score += 200;
    }
    return score;
}

QuickOpenModel::QuickOpenModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void QuickOpenModel::setSnapshot(const SnapshotPtr &snapshot)
{
    beginResetModel();
    m_snapshot = snapshot;
    m_items.clear();
    if (snapshot) {
        const auto &targets = snapshot->workspace->targets();
        for (int i = 0; i < int(targets.size()); ++i)
            m_items.push_back({Kind::Target, qs(targets[size_t(i)].address.toString()), i});
        if (const auto files = snapshot->workspace->files()) {
            for (const std::string &f : files->files())
                m_items.push_back({Kind::File, qs(f), -1});
        }
    }
    endResetModel();
}

int QuickOpenModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QVariant QuickOpenModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_items.size()))
        return {};
    const Item &item = m_items[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case PathRole:
        return item.text;
    case Qt::DecorationRole:
        return item.kind == Kind::File ? TypeIcons::file() : TypeIcons::forTarget(m_snapshot->target(item.target));
    case Qt::ToolTipRole:
        return item.kind == Kind::File ? Tr::tr("File %1").arg(item.text)
                                       : Tr::tr("Target %1 (%2)").arg(item.text, qs(m_snapshot->target(item.target).type));
    case KindRole:
        return int(item.kind);
    case TargetIndexRole:
        return item.target;
    }
    return {};
}

QuickOpenFilterModel::QuickOpenFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(false);
}

void QuickOpenFilterModel::setQuery(const QString &query)
{
    m_query = query.trimmed();
    m_scores.clear();
    invalidate();
    sort(m_query.isEmpty() ? -1 : 0, Qt::DescendingOrder);
}

int QuickOpenFilterModel::scoreOf(const QModelIndex &sourceIndex) const
{
    auto it = m_scores.constFind(sourceIndex.row());
    if (it != m_scores.constEnd())
        return *it;
    const auto score = fuzzyScore(m_query, sourceIndex.data(QuickOpenModel::PathRole).toString());
    const int value = score ? *score : std::numeric_limits<int>::min();
    m_scores.insert(sourceIndex.row(), value);
    return value;
}

bool QuickOpenFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_query.isEmpty())
        return true;
    return scoreOf(sourceModel()->index(sourceRow, 0, sourceParent)) != std::numeric_limits<int>::min();
}

bool QuickOpenFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const int a = scoreOf(left), b = scoreOf(right);
    if (a != b)
        return a < b;
    // Ties: shorter, then alphabetically earlier, ranks higher (descending sort).
    const QString l = left.data(QuickOpenModel::PathRole).toString();
    const QString r = right.data(QuickOpenModel::PathRole).toString();
    if (l.size() != r.size())
        return l.size() > r.size();
    return l > r;
}

} // namespace trellis::ui
