#include "ui/models/problemsmodel.h"

#include "ui/typeicons.h"
#include "ui/uitr.h"

#include <algorithm>
#include <set>

namespace trellis::ui {

ProblemsModel::ProblemsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ProblemsModel::setSnapshot(const SnapshotPtr &snapshot)
{
    beginResetModel();
    m_diagnostics.clear();
    if (snapshot) {
        m_diagnostics = snapshot->allDiagnostics();
        std::set<std::pair<std::string, int>> reported;
        for (const base::Diagnostic &d : m_diagnostics)
            reported.emplace(d.loc.file, d.loc.line);
        for (const workspace::Target &t : snapshot->workspace->targets()) {
            if (!t.unknownType || t.address.isGenerated() || reported.count({t.declaredAt.file, t.declaredAt.line}))
                continue;
            m_diagnostics.push_back(base::Diagnostic::warning(
                t.declaredAt,
                Tr::tr("unknown target type '%1' (its fields are kept as written)").arg(qs(t.type)).toStdString()));
        }
        std::stable_sort(m_diagnostics.begin(), m_diagnostics.end(), [](const base::Diagnostic &a, const base::Diagnostic &b) {
            if (a.severity != b.severity)
                return int(a.severity) < int(b.severity);
            if (a.loc.file != b.loc.file)
                return a.loc.file < b.loc.file;
            return a.loc.line < b.loc.line;
        });
    }
    endResetModel();
}

int ProblemsModel::count(base::Severity severity) const
{
    return int(std::count_if(m_diagnostics.begin(), m_diagnostics.end(),
                             [severity](const base::Diagnostic &d) { return d.severity == severity; }));
}

int ProblemsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_diagnostics.size());
}

int ProblemsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProblemsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_diagnostics.size()))
        return {};
    const base::Diagnostic &d = m_diagnostics[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == MessageColumn) {
            QString text = qs(d.message);
            if (!d.hint.empty())
                text += QStringLiteral(" (%1)").arg(qs(d.hint));
            return text;
        }
        return qs(d.loc.toString());
    case Qt::DecorationRole:
        if (index.column() != MessageColumn)
            return {};
        switch (d.severity) {
        case base::Severity::Error: return TypeIcons::error();
        case base::Severity::Warning: return TypeIcons::warning();
        case base::Severity::Note: return TypeIcons::note();
        }
        return {};
    case Qt::ToolTipRole:
        return QStringLiteral("<pre>%1</pre>").arg(qs(d.format()).toHtmlEscaped());
    case SeverityRole: return int(d.severity);
    case FileRole: return qs(d.loc.file);
    case LineRole: return d.loc.line;
    case ColumnRole: return d.loc.column;
    case FullTextRole: return qs(d.format());
    }
    return {};
}

QVariant ProblemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == MessageColumn ? Tr::tr("Problem") : Tr::tr("Location");
}

ProblemsFilterModel::ProblemsFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

void ProblemsFilterModel::setSeverityVisible(base::Severity severity, bool visible)
{
    if (m_visible[int(severity)] == visible)
        return;
    m_visible[int(severity)] = visible;
    invalidateFilter();
}

bool ProblemsFilterModel::isSeverityVisible(base::Severity severity) const
{
    return m_visible[int(severity)];
}

bool ProblemsFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    const int severity = i.data(ProblemsModel::SeverityRole).toInt();
    return severity >= 0 && severity < 3 && m_visible[severity];
}

} // namespace trellis::ui
