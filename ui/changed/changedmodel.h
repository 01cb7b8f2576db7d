// ChangedModel: a thin tree over one changed::ChangedExplanation — three groups, the
// changed files (with their state and owners), the owners, and the affected dependents
// (with how far from a change they are). The explanation is computed by core; this
// model only presents it.
//
//   ChangedModel model;
//   model.setExplanation(graph, explanation);
//   view->setModel(&model);
//   int node = index.data(ChangedModel::NodeRole).toInt();   // -1 for files and groups
//   const changed::AffectedTarget *t = model.affected(node);
#pragma once

#include "core/changed/changedexplanation.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace trellis::ui {

class ChangedModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { NameColumn, StateColumn, ReasonColumn, ColumnCount };
    enum Group { FilesGroup, OwnersGroup, DependentsGroup, GroupCount };
    enum class Kind { Group, File, Target };
    enum Role {
        KindRole = Qt::UserRole + 1, ///< Kind as int
        NodeRole,                    ///< target node (Target rows), else -1
        PathRole,                    ///< changed file path (File rows), else ""
        GroupRole,                   ///< the Group a row is in (groups: their own)
        TestedRole,                  ///< Target rows: `test` runs it (bool)
    };

    explicit ChangedModel(QObject *parent = nullptr);

    /// Shows `explanation` (computed on `graph`).
    void setExplanation(std::shared_ptr<const graph::TargetGraph> graph, changed::ChangedExplanation explanation);
    void clear();

    const changed::ChangedExplanation &explanation() const { return m_explanation; }
    const std::shared_ptr<const graph::TargetGraph> &graph() const { return m_graph; }
    /// The affected target of `node`, or null.
    const changed::AffectedTarget *affected(int node) const { return m_explanation.find(node); }
    /// The changed file `path`, or null.
    const changed::ChangedFileEntry *file(const QString &path) const;
    /// The index of a target row (owners before dependents) or an invalid index.
    QModelIndex indexOfNode(int node) const;
    /// The index of a group row.
    QModelIndex groupIndex(Group group) const { return index(int(group), 0); }

    /// The translated state of a file ("committed", "untracked", ...).
    static QString stateText(changed::FileState state);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant groupData(Group group, int column, int role) const;
    QVariant fileData(const changed::ChangedFileEntry &f, int column, int role) const;
    QVariant targetData(const changed::AffectedTarget &t, int column, int role) const;
    QString address(int node) const;
    bool isTested(int node) const;

    std::shared_ptr<const graph::TargetGraph> m_graph;
    changed::ChangedExplanation m_explanation;
    std::vector<int> m_owners;     ///< indices into m_explanation.targets
    std::vector<int> m_dependents; ///< indices into m_explanation.targets
};

} // namespace trellis::ui
