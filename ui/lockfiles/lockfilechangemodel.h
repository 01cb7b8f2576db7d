// LockfileChangeModel: the changed packages of one lockfile diff as a table (package,
// from, to, change kind, major bump, reach), for a QSortFilterProxyModel in front of it.
//
//   LockfileChangeModel model;
//   model.setDiff(diff);                                 // reach from PackageChange::reach
//   proxy.setSourceModel(&model);
//   QString name = proxy.index(0, 0).data(LockfileChangeModel::NameRole).toString();
#pragma once

#include "core/lockfile/lockfilediff.h"

#include <QAbstractTableModel>

#include <vector>

namespace trellis::ui {

class LockfileChangeModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { PackageColumn, FromColumn, ToColumn, KindColumn, MajorColumn, ReachColumn, ColumnCount };
    enum Role {
        NameRole = Qt::UserRole + 1, ///< normalized project name (QString)
        KindRole,                    ///< lockfile::ChangeKind as int
        SortRole,                    ///< value the proxy sorts by (numbers for reach and major)
    };

    explicit LockfileChangeModel(QObject *parent = nullptr);

    /// Shows the upgraded, downgraded, added and removed packages of `diff`, in report order.
    void setDiff(const lockfile::LockfileDiff &diff);
    void clear();
    const lockfile::PackageChange &change(int row) const { return m_changes[size_t(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// The translated name of a change kind ("upgraded").
    static QString kindText(lockfile::ChangeKind kind);

private:
    std::vector<lockfile::PackageChange> m_changes; ///< never Unchanged
};

} // namespace trellis::ui
