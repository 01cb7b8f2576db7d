#include "ui/lockfiles/lockfilechangemodel.h"

#include "ui/uitr.h"
#include "ui/workspacesnapshot.h"

#include <QColor>
#include <QIcon>
#include <QPainter>
#include <QPixmap>

namespace trellis::ui {

using lockfile::ChangeKind;

namespace {

QColor kindColor(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Upgraded: return QColor(0x2e, 0x8b, 0x57);
    case ChangeKind::Downgraded: return QColor(0xd9, 0x82, 0x1e);
    case ChangeKind::Added: return QColor(0x30, 0x70, 0xc8);
    case ChangeKind::Removed: return QColor(0xc8, 0x32, 0x32);
    case ChangeKind::Unchanged: break;
    }
    return QColor(Qt::gray);
}

/// A filled disc in the colour of the kind.
QIcon kindIcon(ChangeKind kind)
{
    static QIcon icons[5];
    QIcon &icon = icons[int(kind)];
    if (icon.isNull()) {
        QPixmap pixmap(12, 12);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(kindColor(kind));
        painter.drawEllipse(1, 1, 10, 10);
        icon = QIcon(pixmap);
    }
    return icon;
}

} // namespace

LockfileChangeModel::LockfileChangeModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void LockfileChangeModel::setDiff(const lockfile::LockfileDiff &diff)
{
    beginResetModel();
    m_changes.clear();
    for (ChangeKind kind : {ChangeKind::Upgraded, ChangeKind::Downgraded, ChangeKind::Added, ChangeKind::Removed})
        for (const lockfile::PackageChange *c : diff.section(kind))
            m_changes.push_back(*c);
    endResetModel();
}

void LockfileChangeModel::clear()
{
    beginResetModel();
    m_changes.clear();
    endResetModel();
}

int LockfileChangeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_changes.size());
}

int LockfileChangeModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString LockfileChangeModel::kindText(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Upgraded: return Tr::tr("upgraded");
    case ChangeKind::Downgraded: return Tr::tr("downgraded");
    case ChangeKind::Added: return Tr::tr("added");
    case ChangeKind::Removed: return Tr::tr("removed");
    case ChangeKind::Unchanged: break;
    }
    return Tr::tr("unchanged");
}

QVariant LockfileChangeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const lockfile::PackageChange &c = m_changes[size_t(index.row())];
    if (role == NameRole)
        return qs(c.name);
    if (role == KindRole)
        return int(c.kind);
    switch (index.column()) {
    case PackageColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return qs(c.displayName);
        if (role == Qt::ToolTipRole && c.chain.size() > 1) {
            QStringList chain;
            for (const std::string &name : c.chain)
                chain << qs(name);
            return Tr::tr("Required by: %1").arg(chain.join(QStringLiteral(" ← ")));
        }
        break;
    case FromColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return qs(c.oldVersion);
        break;
    case ToColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return qs(c.newVersion);
        break;
    case KindColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return kindText(c.kind);
        if (role == Qt::DecorationRole)
            return kindIcon(c.kind);
        if (role == Qt::ForegroundRole)
            return kindColor(c.kind);
        break;
    case MajorColumn:
        if (role == Qt::DisplayRole)
            return c.majorBump ? Tr::tr("major") : QString();
        if (role == SortRole)
            return c.majorBump ? 1 : 0;
        if (role == Qt::ToolTipRole && c.majorBump)
            return Tr::tr("The major version changed: expect incompatible changes");
        if (role == Qt::ForegroundRole && c.majorBump)
            return kindColor(ChangeKind::Removed);
        break;
    case ReachColumn:
        if (role == Qt::DisplayRole)
            return c.reach ? QVariant(*c.reach) : QVariant(QStringLiteral("—"));
        if (role == SortRole)
            return c.reach.value_or(-1);
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        if (role == Qt::ToolTipRole)
            return Tr::tr("First-party targets that depend on this package, directly or transitively");
        break;
    default:
        break;
    }
    return {};
}

QVariant LockfileChangeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PackageColumn: return Tr::tr("Package");
    case FromColumn: return Tr::tr("From");
    case ToColumn: return Tr::tr("To");
    case KindColumn: return Tr::tr("Change");
    case MajorColumn: return Tr::tr("Major");
    case ReachColumn: return Tr::tr("Reach");
    default: return {};
    }
}

} // namespace trellis::ui
