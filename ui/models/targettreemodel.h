// TargetTreeModel: the targets of a WorkspaceSnapshot as a tree — directories (single-child
// chains collapsed, "src/ai/backend"), then the targets declared in that directory's BUILD
// file, then the targets each generator generated.
//
//   TargetTreeModel model;
//   model.setSnapshot(snapshot);
//   QModelIndex i = model.indexForTarget(snapshot->workspace->indexOf(address));
#pragma once

#include "ui/run/runstatus.h"
#include "ui/workspacesnapshot.h"

#include <QAbstractItemModel>
#include <QIcon>

#include <memory>
#include <vector>

namespace trellis::ui {

class TargetTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { NameColumn, TypeColumn, CountColumn, ResultColumn, ColumnCount };
    enum class NodeKind { Directory, Target, Generated };
    enum Role {
        NodeKindRole = Qt::UserRole + 1, ///< int(NodeKind)
        TargetIndexRole,                 ///< index into Workspace::targets(), -1 for directories
        AddressRole,                     ///< canonical address (targets) or directory path
        TargetTypeRole,                  ///< target type alias ("" for directories)
        LastResultRole,                  ///< int(RunStatus) of the target's last test run; -1 none
    };

    explicit TargetTreeModel(QObject *parent = nullptr);
    ~TargetTreeModel() override;

    void setSnapshot(SnapshotPtr snapshot);
    SnapshotPtr snapshot() const { return m_snapshot; }

    /// The last test result per address, shown as a badge in ResultColumn (directories
    /// show the worst result beneath them).
    void setLastResults(const QHash<QString, RunStatus> &results);

    /// The row of a target (by index into Workspace::targets()), or invalid.
    QModelIndex indexForTarget(int targetIndex) const;
    /// The row of a directory node whose path is `dir`, or invalid.
    QModelIndex indexForDirectory(const QString &dir) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    QStringList mimeTypes() const override;

private:
    struct Node {
        NodeKind kind = NodeKind::Directory;
        QString label;      ///< text shown (directory part, target name, or file name)
        QString path;       ///< directory path ("" = root) or address
        int target = -1;    ///< index into targets() for target nodes
        int count = 0;      ///< directories: targets beneath; generators: generated targets
        Node *parent = nullptr; // not owned
        int row = 0;
        std::vector<std::unique_ptr<Node>> children;
    };

    Node *nodeFor(const QModelIndex &index) const;
    QModelIndex indexForNode(const Node *node) const;
    void build();

    SnapshotPtr m_snapshot;
    std::unique_ptr<Node> m_root;
    std::vector<Node *> m_targetNodes;       // by target index; not owned
    QHash<QString, Node *> m_directoryNodes; // by directory path; not owned
    QHash<QString, RunStatus> m_lastResults; // by address
    QHash<const Node *, RunStatus> m_badges;  // targets and directories with a result beneath

    /// The badge of a node: its own result, or for directories and generators the worst
    /// (failed before passed) result beneath; -1 when none.
    int badgeFor(const Node *node) const;
    void rebuildBadges();
};

} // namespace trellis::ui
