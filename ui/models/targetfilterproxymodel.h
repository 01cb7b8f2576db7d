// TargetFilterProxyModel: filters a TargetTreeModel by a filter line mixing Pants specs
// (`src/app::`, `src/app:lib`, `!src/app/legacy::`) and free text, plus a target type.
// Spec semantics come from core (workspace::matchSpecs); this class only splits the line
// and applies the resulting set of targets. Directories stay visible while any target
// below them matches.
//
//   proxy.setSourceModel(&treeModel);
//   proxy.setFilterLine("src/ai/backend/common:: !src/ai/backend/common/tests:: redis");
//   proxy.setTypeFilter("python_test");
#pragma once

#include "ui/workspacesnapshot.h"

#include <QSortFilterProxyModel>

#include <vector>

namespace trellis::ui {

class TargetFilterProxyModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit TargetFilterProxyModel(QObject *parent = nullptr);

    /// Whitespace-separated terms: a term with ':' or a leading '!' or '//' is a Pants spec,
    /// anything else is free text matched (case-insensitively) against address and type.
    void setFilterLine(const QString &line);
    QString filterLine() const { return m_line; }
    /// Only targets of this type alias; "" = all types.
    void setTypeFilter(const QString &type);
    QString typeFilter() const { return m_type; }
    /// Re-evaluates the specs against the source model's current snapshot.
    void refresh();

    bool isFiltering() const { return !m_line.trimmed().isEmpty() || !m_type.isEmpty(); }
    /// Problems with the spec terms ("" when they parsed), e.g. a malformed address.
    QString specError() const { return m_specError; }
    /// Number of targets that pass the filter.
    int matchingTargetCount() const { return m_matchCount; }

    /// Splits a filter line into spec terms and free-text terms.
    static void splitFilterLine(const QString &line, QStringList *specs, QStringList *words);

Q_SIGNALS:
    void filterChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    void recompute();
    bool targetMatches(int targetIndex) const;

    QString m_line;
    QString m_type;
    QStringList m_words;          // lower-cased free-text terms
    std::vector<char> m_specMask; // per target: passes the specs; empty = no spec terms
    QString m_specError;
    int m_matchCount = 0;
};

} // namespace trellis::ui
