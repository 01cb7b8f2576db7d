#include "ui/models/targetfilterproxymodel.h"

#include "ui/models/targettreemodel.h"
#include "ui/uitr.h"

#include "core/workspace/specs.h"

namespace trellis::ui {

TargetFilterProxyModel::TargetFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setDynamicSortFilter(false);
}

void TargetFilterProxyModel::splitFilterLine(const QString &line, QStringList *specs, QStringList *words)
{
    for (const QString &term : line.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (term.contains(QLatin1Char(':')) || term.startsWith(QLatin1Char('!')) || term.startsWith(QLatin1String("//")))
            specs->append(term);
        else
            words->append(term.toLower());
    }
}

void TargetFilterProxyModel::setFilterLine(const QString &line)
{
    if (line == m_line)
        return;
    m_line = line;
    refresh();
}

void TargetFilterProxyModel::setTypeFilter(const QString &type)
{
    if (type == m_type)
        return;
    m_type = type;
    refresh();
}

void TargetFilterProxyModel::refresh()
{
    recompute();
    invalidateFilter();
    Q_EMIT filterChanged();
}

void TargetFilterProxyModel::recompute()
{
    m_words.clear();
    m_specMask.clear();
    m_specError.clear();
    m_matchCount = 0;
    QStringList specs;
    splitFilterLine(m_line, &specs, &m_words);

    auto *tree = qobject_cast<TargetTreeModel *>(sourceModel());
    const SnapshotPtr snapshot = tree ? tree->snapshot() : nullptr;
    if (!snapshot)
        return;
    const workspace::Workspace &ws = *snapshot->workspace;

    if (!specs.isEmpty() && ws.files()) {
        // Spec semantics are core's: parse and resolve exactly like `trellis list`.
        std::vector<std::string> args;
        bool onlyExcludes = true;
        for (const QString &s : specs) {
            args.push_back(s.toStdString());
            if (!s.startsWith(QLatin1Char('!')))
                onlyExcludes = false;
        }
        if (onlyExcludes)
            args.insert(args.begin(), "::");
        m_specMask.assign(size_t(snapshot->targetCount()), 0);
        auto parsed = workspace::parseSpecs(args, std::string(), ws.buildRoot(), *ws.files());
        if (!parsed) {
            m_specError = parsed.diagnostics().empty() ? Tr::tr("invalid spec") : qs(parsed.diagnostics().front().message);
        } else {
            auto selected = workspace::resolveSpecs(ws, *parsed, "ignore");
            if (!selected)
                m_specError = selected.diagnostics().empty() ? Tr::tr("invalid spec") : qs(selected.diagnostics().front().message);
            else
                for (int i : *selected)
                    if (i >= 0 && i < snapshot->targetCount())
                        m_specMask[size_t(i)] = 1;
        }
    }
    for (int i = 0; i < snapshot->targetCount(); ++i) {
        if (targetMatches(i))
            ++m_matchCount;
    }
}

bool TargetFilterProxyModel::targetMatches(int targetIndex) const
{
    auto *tree = static_cast<TargetTreeModel *>(sourceModel());
    const workspace::Target &t = tree->snapshot()->target(targetIndex);
    if (!m_specMask.empty() && !m_specMask[size_t(targetIndex)])
        return false;
    if (!m_type.isEmpty() && m_type != qs(t.type))
        return false;
    if (!m_words.isEmpty()) {
        const QString haystack = (qs(t.address.toString()) + QLatin1Char(' ') + qs(t.type)).toLower();
        for (const QString &w : m_words) {
            if (!haystack.contains(w))
                return false;
        }
    }
    return true;
}

bool TargetFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!isFiltering())
        return true;
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    const int target = i.data(TargetTreeModel::TargetIndexRole).toInt();
    if (target < 0)
        return false; // directories show only through matching targets (recursive filtering)
    return targetMatches(target);
}

} // namespace trellis::ui
