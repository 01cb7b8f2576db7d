// ProblemsModel: the diagnostics of a snapshot — BUILD and TOML errors, unowned and
// ambiguous imports, unknown target types — as a tree grouped by root cause
// (workspace::ProblemAttribution). Each root cause (a failed BUILD file or prelude, an
// independent problem) is a top-level row; its knock-on problems ("cannot infer owners"
// for the modules a failed BUILD file would own, dependencies on its addresses) are its
// children. Errors come first, then warnings and notes; causes with most knock-ons first.
//
//   ProblemsModel model;
//   model.setSnapshot(snapshot);
//   model.data(model.index(0, ProblemsModel::LocationColumn));   // "src/app/BUILD:3:1"
//   model.rowCount(model.index(0, 0));                           // its knock-ons
//   model.loadSummary(snapshot->targetCount());  // "1 BUILD file failed; 12 targets shown"
#pragma once

#include "ui/workspacesnapshot.h"

#include "core/base/diagnostic.h"

#include <QAbstractItemModel>
#include <QSortFilterProxyModel>

namespace trellis::ui {

class ProblemsModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { MessageColumn, LocationColumn, ColumnCount };
    enum Role {
        SeverityRole = Qt::UserRole + 1, ///< int(base::Severity)
        FileRole,                        ///< buildroot-relative file
        LineRole,                        ///< 1-based line, 0 = unknown
        ColumnRole,                      ///< 1-based column, 0 = unknown
        FullTextRole,                    ///< Diagnostic::format() with source line and caret
        KnockOnCountRole,                ///< problems this one caused (its child rows)
        MessageRole,                     ///< the whole message (all lines) and hint
        LocationRole,                    ///< "file:line:column", "" when unknown
        IsKnockOnRole,                   ///< true for a child row (a knock-on or a repeat)
        RepeatCountRole,                 ///< the same problem elsewhere (its child rows)
    };

    explicit ProblemsModel(QObject *parent = nullptr);

    void setSnapshot(const SnapshotPtr &snapshot);
    /// Root causes (top-level rows) in row order; unknown target types appended as
    /// warnings unless the loader already reported them.
    const base::Diagnostics &diagnostics() const { return m_diagnostics; }
    /// The children of top-level row `row`: the knock-on problems it caused or, when
    /// isRepeated(row), the same problem in other places (workspace::foldRepeats).
    const base::Diagnostics &knockOns(int row) const { return m_knockOns[size_t(row)]; }
    bool isRepeated(int row) const { return m_repeated[size_t(row)]; }
    /// The diagnostic shown at `index` (a cause or a knock-on), nullptr when invalid.
    const base::Diagnostic *diagnostic(const QModelIndex &index) const;
    /// Problems of this severity: causes and their repeats.
    int count(base::Severity severity) const;
    /// Every problem: causes plus knock-ons.
    int problemCount() const;
    /// BUILD files (and preludes) with at least one error.
    int failedBuildFileCount() const { return m_failedBuildFiles; }
    /// Root-cause errors outside failed BUILD files.
    int otherErrorCount() const { return m_otherErrors; }
    /// "3 BUILD files failed; 12,430 targets shown" (translated); empty without errors.
    QString loadSummary(int targetsShown) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    base::Diagnostics m_diagnostics;
    std::vector<base::Diagnostics> m_knockOns; // parallel to m_diagnostics: knock-ons or repeats
    std::vector<bool> m_repeated;               // parallel: m_knockOns[i] holds repeats
    int m_failedBuildFiles = 0;
    int m_otherErrors = 0;
};

/// Filters the problems tree: errors, warnings and notes can be toggled (a cause's
/// knock-ons follow their cause), and a text filter keeps rows whose message or location
/// contains it (a cause stays when one of its knock-ons matches; all knock-ons of a
/// matching cause stay).
class ProblemsFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit ProblemsFilterModel(QObject *parent = nullptr);
    void setSeverityVisible(base::Severity severity, bool visible);
    bool isSeverityVisible(base::Severity severity) const;
    void setFilterText(const QString &text);
    QString filterText() const { return m_text; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool textMatches(const QModelIndex &sourceIndex) const;

    bool m_visible[3] = {true, true, true}; // indexed by base::Severity
    QString m_text;
};

} // namespace trellis::ui
