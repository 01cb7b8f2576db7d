// ProblemsModel: the diagnostics of a snapshot — BUILD and TOML errors, unowned and
// ambiguous imports, unknown target types — as a flat table the Problems view filters.
//
//   ProblemsModel model;
//   model.setSnapshot(snapshot);
//   model.data(model.index(0, ProblemsModel::LocationColumn));   // "src/app/BUILD:3:1"
#pragma once

#include "ui/workspacesnapshot.h"

#include "core/base/diagnostic.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

namespace trellis::ui {

class ProblemsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { MessageColumn, LocationColumn, ColumnCount };
    enum Role {
        SeverityRole = Qt::UserRole + 1, ///< int(base::Severity)
        FileRole,                        ///< buildroot-relative file
        LineRole,                        ///< 1-based line, 0 = unknown
        ColumnRole,                      ///< 1-based column, 0 = unknown
        FullTextRole,                    ///< Diagnostic::format() with source line and caret
    };

    explicit ProblemsModel(QObject *parent = nullptr);

    void setSnapshot(const SnapshotPtr &snapshot);
    /// Problems shown, in file order; unknown target types appended as warnings unless
    /// the loader already reported them.
    const base::Diagnostics &diagnostics() const { return m_diagnostics; }
    int count(base::Severity severity) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    base::Diagnostics m_diagnostics;
};

/// Hides problems below a chosen visibility: errors, warnings and notes can be toggled.
class ProblemsFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit ProblemsFilterModel(QObject *parent = nullptr);
    void setSeverityVisible(base::Severity severity, bool visible);
    bool isSeverityVisible(base::Severity severity) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_visible[3] = {true, true, true}; // indexed by base::Severity
};

} // namespace trellis::ui
