#include "ui/changed/changedmodel.h"

#include "ui/typeicons.h"
#include "ui/uitr.h"
#include "ui/workspacesnapshot.h"

#include <QApplication>
#include <QFont>
#include <QStyle>

#include <algorithm>

namespace trellis::ui {

// Index encoding: group rows have internalId 0; the children of group g have g + 1.

ChangedModel::ChangedModel(QObject *parent) : QAbstractItemModel(parent) {}

void ChangedModel::setExplanation(std::shared_ptr<const graph::TargetGraph> graph, changed::ChangedExplanation explanation)
{
    beginResetModel();
    m_graph = std::move(graph);
    m_explanation = std::move(explanation);
    m_owners.clear();
    m_dependents.clear();
    for (size_t i = 0; i < m_explanation.targets.size(); ++i)
        (m_explanation.targets[i].owner ? m_owners : m_dependents).push_back(int(i));
    endResetModel();
}

void ChangedModel::clear()
{
    setExplanation(nullptr, {});
}

const changed::ChangedFileEntry *ChangedModel::file(const QString &path) const
{
    const std::string p = path.toStdString();
    for (const changed::ChangedFileEntry &f : m_explanation.files)
        if (f.path == p)
            return &f;
    return nullptr;
}

QModelIndex ChangedModel::indexOfNode(int node) const
{
    for (const auto &[group, rows] : {std::pair{OwnersGroup, &m_owners}, std::pair{DependentsGroup, &m_dependents}})
        for (size_t r = 0; r < rows->size(); ++r)
            if (m_explanation.targets[size_t((*rows)[r])].node == node)
                return index(int(r), 0, groupIndex(group));
    return {};
}

QString ChangedModel::stateText(changed::FileState state)
{
    switch (state) {
    case changed::FileState::Committed: return Tr::tr("committed");
    case changed::FileState::Modified: return Tr::tr("modified");
    case changed::FileState::Added: return Tr::tr("added");
    case changed::FileState::Untracked: return Tr::tr("untracked");
    case changed::FileState::Deleted: return Tr::tr("deleted");
    }
    return {};
}

QModelIndex ChangedModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, quintptr(0));
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex ChangedModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId()) - 1, 0, quintptr(0));
}

int ChangedModel::rowCount(const QModelIndex &parent) const
{
    if (!m_graph)
        return 0;
    if (!parent.isValid())
        return GroupCount;
    if (parent.internalId() != 0 || parent.column() != 0)
        return 0;
    switch (Group(parent.row())) {
    case FilesGroup: return int(m_explanation.files.size());
    case OwnersGroup: return int(m_owners.size());
    case DependentsGroup: return int(m_dependents.size());
    case GroupCount: break;
    }
    return 0;
}

int ChangedModel::columnCount(const QModelIndex &) const { return ColumnCount; }

bool ChangedModel::isTested(int node) const
{
    return std::binary_search(m_explanation.testTargets.begin(), m_explanation.testTargets.end(), node);
}

QString ChangedModel::address(int node) const { return qs(m_graph->address(node).toString()); }

QVariant ChangedModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_graph)
        return {};
    if (index.internalId() == 0)
        return groupData(Group(index.row()), index.column(), role);
    const Group group = Group(index.internalId() - 1);
    if (role == GroupRole)
        return int(group);
    if (group == FilesGroup)
        return fileData(m_explanation.files[size_t(index.row())], index.column(), role);
    const std::vector<int> &rows = group == OwnersGroup ? m_owners : m_dependents;
    return targetData(m_explanation.targets[size_t(rows[size_t(index.row())])], index.column(), role);
}

QVariant ChangedModel::groupData(Group group, int column, int role) const
{
    switch (role) {
    case KindRole: return int(Kind::Group);
    case NodeRole: return -1;
    case GroupRole: return int(group);
    case Qt::FontRole: {
        QFont f;
        f.setBold(true);
        return f;
    }
    case Qt::DisplayRole:
        if (column != NameColumn)
            return {};
        switch (group) {
        case FilesGroup: return Tr::tr("Changed files (%1)").arg(m_explanation.files.size());
        case OwnersGroup: return Tr::tr("Owners (%1)").arg(m_owners.size());
        case DependentsGroup: return Tr::tr("Affected dependents (%1)").arg(m_dependents.size());
        case GroupCount: break;
        }
        return {};
    default: return {};
    }
}

QVariant ChangedModel::fileData(const changed::ChangedFileEntry &f, int column, int role) const
{
    switch (role) {
    case KindRole: return int(Kind::File);
    case NodeRole: return -1;
    case PathRole: return qs(f.path);
    case Qt::DecorationRole: return column == NameColumn ? QVariant(TypeIcons::file()) : QVariant();
    case Qt::ToolTipRole:
    case Qt::DisplayRole:
        if (column == NameColumn)
            return qs(f.path);
        if (column == StateColumn)
            return stateText(f.state);
        if (f.owners.empty())
            return Tr::tr("no owner");
        if (f.owners.size() == 1)
            return address(f.owners.front());
        return Tr::tr("%n owner(s)", nullptr, int(f.owners.size()));
    default: return {};
    }
}

QVariant ChangedModel::targetData(const changed::AffectedTarget &t, int column, int role) const
{
    switch (role) {
    case KindRole: return int(Kind::Target);
    case NodeRole: return t.node;
    case TestedRole: return isTested(t.node);
    case Qt::DecorationRole:
        if (column == NameColumn)
            return TypeIcons::forTarget(m_graph->target(t.node));
        if (column == StateColumn && isTested(t.node))
            return QApplication::style()->standardIcon(QStyle::SP_DialogApplyButton);
        return {};
    case Qt::ToolTipRole:
        if (column == StateColumn && isTested(t.node))
            return Tr::tr("%1: its tests run with Test These").arg(qs(m_graph->target(t.node).type));
        if (column == ReasonColumn && !t.owner)
            return Tr::tr("%n hop(s) from %1", nullptr, t.distance()).arg(qs(t.file));
        [[fallthrough]];
    case Qt::DisplayRole:
        if (column == NameColumn)
            return address(t.node);
        if (column == StateColumn)
            return qs(m_graph->target(t.node).type);
        if (t.owner)
            return qs(t.file);
        // The file name only: the whole path is in the tooltip and the chain.
        return Tr::tr("%n hop(s) from %1", nullptr, t.distance()).arg(qs(t.file).section(QLatin1Char('/'), -1));
    default: return {};
    }
}

QVariant ChangedModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return Tr::tr("File or target");
    case StateColumn: return Tr::tr("State");
    case ReasonColumn: return Tr::tr("Owner or cause");
    default: return {};
    }
}

} // namespace trellis::ui
