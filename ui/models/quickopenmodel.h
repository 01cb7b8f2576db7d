// QuickOpenModel: every target address and every visible file of a snapshot, with a
// proxy that fuzzy-matches a query (characters in order, bonuses for word starts and
// runs) and sorts the best matches first.
//
//   QuickOpenModel items;  items.setSnapshot(s);
//   QuickOpenFilterModel filter;  filter.setSourceModel(&items);
//   filter.setQuery("bkcmnty");     // finds src/ai/backend/common/types.py first
#pragma once

#include "ui/workspacesnapshot.h"

#include <QAbstractListModel>
#include <QSortFilterProxyModel>

#include <optional>
#include <vector>

namespace trellis::ui {

/// Scores how well `query` matches `text` as a fuzzy subsequence (case-insensitive);
/// nullopt when some query character does not occur in order. Higher is better.
std::optional<int> fuzzyScore(QStringView query, QStringView text);

class QuickOpenModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum class Kind { Target, File };
    enum Role {
        KindRole = Qt::UserRole + 1, ///< int(Kind)
        TargetIndexRole,             ///< targets: index into Workspace::targets(); files: -1
        PathRole,                    ///< files: buildroot-relative path; targets: address
    };

    explicit QuickOpenModel(QObject *parent = nullptr);
    void setSnapshot(const SnapshotPtr &snapshot);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    struct Item {
        Kind kind;
        QString text;
        int target = -1;
    };
    SnapshotPtr m_snapshot;
    std::vector<Item> m_items;
};

class QuickOpenFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit QuickOpenFilterModel(QObject *parent = nullptr);
    void setQuery(const QString &query);
    QString query() const { return m_query; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    int scoreOf(const QModelIndex &sourceIndex) const;

    QString m_query;
    mutable QHash<int, int> m_scores; // source row -> score for the current query
};

} // namespace trellis::ui
