#include "ui/models/targettreemodel.h"

#include "ui/run/runicons.h"
#include "ui/typeicons.h"
#include "ui/uitr.h"

#include <QMimeData>

#include <functional>
#include <map>

namespace trellis::ui {

TargetTreeModel::TargetTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
}

TargetTreeModel::~TargetTreeModel() = default;

void TargetTreeModel::setSnapshot(SnapshotPtr snapshot)
{
    if (m_snapshot && snapshot && m_snapshot->sameTargetsAs(*snapshot)) {
        // Only sources, or only fields in a BUILD file, changed: same targets, same rows;
        // no reset, so the view keeps selection, expansion and scroll without a stall.
        m_snapshot = std::move(snapshot);
        return;
    }
    beginResetModel();
    m_snapshot = std::move(snapshot);
    build();
    rebuildBadges();
    endResetModel();
}

void TargetTreeModel::setLastResults(const QHash<QString, RunStatus> &results)
{
    // Called on every snapshot shown; telling the view about every row of a 12,000-target
    // tree took over a second of the UI thread, so only a real change is announced.
    if (results == m_lastResults)
        return;
    m_lastResults = results;
    rebuildBadges();
    std::function<void(const QModelIndex &)> notify = [&](const QModelIndex &parent) {
        const int rows = rowCount(parent);
        if (rows == 0)
            return;
        Q_EMIT dataChanged(index(0, ResultColumn, parent), index(rows - 1, ResultColumn, parent));
        for (int r = 0; r < rows; ++r)
            notify(index(r, 0, parent));
    };
    notify({});
}

void TargetTreeModel::rebuildBadges()
{
    m_badges.clear();
    if (!m_snapshot || m_lastResults.isEmpty())
        return;
    auto rank = [](RunStatus s) { return isFailing(s) ? 2 : s == RunStatus::Cancelled ? 0 : 1; };
    std::function<int(const Node *)> walk = [&](const Node *node) {
        int best = -1;
        if (node->kind != NodeKind::Directory) {
            auto it = m_lastResults.find(node->path);
            if (it != m_lastResults.end())
                best = int(*it);
        }
        for (const auto &child : node->children) {
            const int c = walk(child.get());
            if (c >= 0 && (best < 0 || rank(RunStatus(c)) > rank(RunStatus(best))))
                best = c;
        }
        if (best >= 0)
            m_badges.insert(node, RunStatus(best));
        return best;
    };
    walk(m_root.get());
}

int TargetTreeModel::badgeFor(const Node *node) const
{
    auto it = m_badges.find(node);
    return it == m_badges.end() ? -1 : int(*it);
}

void TargetTreeModel::build()
{
    m_root = std::make_unique<Node>();
    m_targetNodes.clear();
    m_directoryNodes.clear();
    if (!m_snapshot)
        return;
    const auto &targets = m_snapshot->workspace->targets();
    m_targetNodes.assign(targets.size(), nullptr);

    // Directory skeleton: one node per path component of every spec path.
    std::map<QString, Node *> dirs; // full path -> node
    dirs[QString()] = m_root.get();
    auto dirNode = [&](const QString &path) {
        Node *parent = m_root.get();
        QString soFar;
        for (const QString &part : path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
            soFar = soFar.isEmpty() ? part : soFar + QLatin1Char('/') + part;
            auto it = dirs.find(soFar);
            if (it == dirs.end()) {
                auto node = std::make_unique<Node>();
                node->kind = NodeKind::Directory;
                node->label = part;
                node->path = soFar;
                node->parent = parent;
                it = dirs.emplace(soFar, node.get()).first;
                parent->children.push_back(std::move(node));
            }
            parent = it->second;
        }
        return parent;
    };

    auto makeTargetNode = [&](int i, Node *parent, NodeKind kind) {
        const workspace::Target &t = targets[size_t(i)];
        auto node = std::make_unique<Node>();
        node->kind = kind;
        node->target = i;
        node->path = qs(t.address.toString());
        if (kind == NodeKind::Generated) {
            if (t.address.isFileTarget())
                node->label = qs(t.address.relativeFilePath);
            else
                node->label = QLatin1Char('#') + qs(t.address.generatedName);
        } else {
            // Root targets keep Pants' `//:name` spelling so they read as addresses.
            node->label = (t.address.specPath.empty() ? QStringLiteral("//:") : QStringLiteral(":")) + qs(t.address.name());
        }
        node->parent = parent;
        m_targetNodes[size_t(i)] = node.get();
        parent->children.push_back(std::move(node));
    };

    // Declared targets (generators and plain targets) under their BUILD directory.
    for (int i = 0; i < int(targets.size()); ++i) {
        const workspace::Target &t = targets[size_t(i)];
        if (t.address.isGenerated())
            continue;
        makeTargetNode(i, dirNode(qs(t.address.specPath)), NodeKind::Target);
    }
    // Generated targets under their generator (or their directory when it is missing).
    for (int i = 0; i < int(targets.size()); ++i) {
        const workspace::Target &t = targets[size_t(i)];
        if (!t.address.isGenerated())
            continue;
        const int gen = m_snapshot->workspace->indexOf(t.address.generatorAddress());
        Node *parent = (gen >= 0 && m_targetNodes[size_t(gen)]) ? m_targetNodes[size_t(gen)] : dirNode(qs(t.address.specPath));
        makeTargetNode(i, parent, parent->kind == NodeKind::Directory ? NodeKind::Target : NodeKind::Generated);
    }

    // Collapse directories that hold no targets and exactly one subdirectory.
    std::function<void(Node *)> collapse = [&](Node *node) {
        for (auto &child : node->children) {
            while (child->kind == NodeKind::Directory && child->children.size() == 1
                   && child->children.front()->kind == NodeKind::Directory) {
                std::unique_ptr<Node> grandChild = std::move(child->children.front());
                grandChild->label = child->label + QLatin1Char('/') + grandChild->label;
                grandChild->parent = node;
                child = std::move(grandChild);
            }
            collapse(child.get());
        }
    };
    collapse(m_root.get());

    // Order (directories first, then targets in address order), rows, counts, lookup.
    std::function<int(Node *)> finish = [&](Node *node) {
        std::stable_sort(node->children.begin(), node->children.end(), [](const auto &a, const auto &b) {
            const bool ad = a->kind == NodeKind::Directory, bd = b->kind == NodeKind::Directory;
            if (ad != bd)
                return ad;
            if (ad)
                return a->label < b->label;
            return a->target < b->target;
        });
        int count = 0;
        for (int row = 0; row < int(node->children.size()); ++row) {
            Node *child = node->children[size_t(row)].get();
            child->row = row;
            child->parent = node;
            count += finish(child) + (child->kind == NodeKind::Directory ? 0 : 1);
        }
        node->count = count;
        if (node->kind == NodeKind::Directory)
            m_directoryNodes.insert(node->path, node);
        return count;
    };
    finish(m_root.get());
}

TargetTreeModel::Node *TargetTreeModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex TargetTreeModel::indexForNode(const Node *node) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, 0, const_cast<Node *>(node));
}

QModelIndex TargetTreeModel::indexForTarget(int targetIndex) const
{
    if (targetIndex < 0 || size_t(targetIndex) >= m_targetNodes.size())
        return {};
    return indexForNode(m_targetNodes[size_t(targetIndex)]);
}

QModelIndex TargetTreeModel::indexForDirectory(const QString &dir) const
{
    return indexForNode(m_directoryNodes.value(dir));
}

QModelIndex TargetTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    const Node *p = nodeFor(parent);
    if (!p || row < 0 || row >= int(p->children.size()) || column < 0 || column >= ColumnCount)
        return {};
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex TargetTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexForNode(nodeFor(child)->parent);
}

int TargetTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int TargetTreeModel::columnCount(const QModelIndex &) const { return ColumnCount; }

QVariant TargetTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_snapshot)
        return {};
    const Node *node = nodeFor(index);
    const workspace::Target *t = node->target >= 0 ? &m_snapshot->target(node->target) : nullptr;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            if (node->kind == NodeKind::Directory)
                return node->label.isEmpty() ? Tr::tr("(root)") : node->label;
            return node->label;
        case TypeColumn:
            return t ? qs(t->type) : QVariant();
        case CountColumn:
            if (node->kind == NodeKind::Directory || (t && t->isGenerator && node->count > 0))
                return node->count;
            return {};
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == ResultColumn) {
            const int badge = badgeFor(node);
            return badge >= 0 ? RunIcons::forStatus(RunStatus(badge)) : QVariant();
        }
        if (index.column() != NameColumn)
            return {};
        if (node->kind == NodeKind::Directory)
            return TypeIcons::directory();
        return TypeIcons::forTarget(*t);
    case Qt::ToolTipRole:
        if (index.column() == ResultColumn) {
            const int badge = badgeFor(node);
            if (badge < 0)
                return {};
            return node->kind == NodeKind::Directory ? Tr::tr("Last test results beneath: %1").arg(runStatusText(RunStatus(badge)))
                                                     : Tr::tr("Last test run: %1").arg(runStatusText(RunStatus(badge)));
        }
        if (node->kind == NodeKind::Directory)
            return Tr::tr("%1 — %n target(s)", nullptr, node->count).arg(node->path.isEmpty() ? Tr::tr("(root)") : node->path);
        return Tr::tr("%1\nType: %2").arg(node->path, qs(t->type));
    case Qt::TextAlignmentRole:
        if (index.column() == CountColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case NodeKindRole:
        return int(node->kind);
    case TargetIndexRole:
        return node->target;
    case AddressRole:
        return node->path;
    case TargetTypeRole:
        return t ? qs(t->type) : QString();
    case LastResultRole:
        return badgeFor(node);
    }
    return {};
}

QVariant TargetTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return Tr::tr("Target");
    case TypeColumn: return Tr::tr("Type");
    case CountColumn: return Tr::tr("Count");
    case ResultColumn: return Tr::tr("Result");
    }
    return {};
}

Qt::ItemFlags TargetTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (nodeFor(index)->kind != NodeKind::Directory)
        f |= Qt::ItemIsDragEnabled;
    return f;
}

QStringList TargetTreeModel::mimeTypes() const { return {QStringLiteral("text/plain")}; }

QMimeData *TargetTreeModel::mimeData(const QModelIndexList &indexes) const
{
    QStringList addresses;
    for (const QModelIndex &i : indexes) {
        if (i.column() == NameColumn && nodeFor(i)->kind != NodeKind::Directory)
            addresses << nodeFor(i)->path;
    }
    auto *mime = new QMimeData;
    mime->setText(addresses.join(QLatin1Char('\n')));
    return mime;
}

} // namespace trellis::ui
