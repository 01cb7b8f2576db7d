#include "ui/models/problemsmodel.h"

#include "ui/typeicons.h"
#include "ui/uitr.h"

#include "core/workspace/loadproblems.h"

#include <algorithm>
#include <map>
#include <set>

namespace trellis::ui {

namespace {
constexpr quintptr kTopLevel = 0; // internalId of a cause; a knock-on holds its cause's row + 1

QString messageText(const base::Diagnostic &d)
{
    QString text = qs(d.message);
    if (!d.hint.empty())
        text += QStringLiteral(" (%1)").arg(qs(d.hint));
    return text;
}
} // namespace

ProblemsModel::ProblemsModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

void ProblemsModel::setSnapshot(const SnapshotPtr &snapshot)
{
    beginResetModel();
    m_diagnostics.clear();
    m_knockOns.clear();
    m_repeated.clear();
    m_failedBuildFiles = 0;
    m_otherErrors = 0;
    if (snapshot) {
        m_diagnostics = snapshot->allDiagnostics();
        std::set<std::pair<std::string, int>> reported;
        for (const base::Diagnostic &d : m_diagnostics)
            reported.emplace(d.loc.file, d.loc.line);
        // The loader reports an unknown type once: the type's other targets get the same
        // message at their own place, so they fold into one row (foldRepeats).
        std::map<std::string, std::string> messageOfType;
        for (const workspace::Target &t : snapshot->workspace->targets()) {
            if (!t.unknownType || messageOfType.count(t.type) || !reported.count({t.declaredAt.file, t.declaredAt.line}))
                continue;
            for (const base::Diagnostic &d : m_diagnostics)
                if (d.loc.file == t.declaredAt.file && d.loc.line == t.declaredAt.line
                    && d.severity == base::Severity::Warning && d.message.find(t.type) != std::string::npos)
                    messageOfType.emplace(t.type, d.message);
        }
        for (const workspace::Target &t : snapshot->workspace->targets()) {
            if (!t.unknownType || t.address.isGenerated() || reported.count({t.declaredAt.file, t.declaredAt.line}))
                continue;
            auto known = messageOfType.find(t.type);
            m_diagnostics.push_back(base::Diagnostic::warning(
                t.declaredAt, known != messageOfType.end()
                                  ? known->second
                                  : Tr::tr("unknown target type '%1' (its fields are kept as written)").arg(qs(t.type)).toStdString()));
            reported.emplace(t.declaredAt.file, t.declaredAt.line);
        }
        const workspace::ProblemAttribution why(*snapshot->workspace);
        // One row per root cause (the same problem in many places is one row too):
        // errors, then warnings, then notes; within a severity the causes with most
        // knock-ons or repeats first, then by place.
        std::vector<workspace::ProblemGroup> groups = workspace::foldRepeats(why.group(m_diagnostics));
        std::stable_sort(groups.begin(), groups.end(), [](const workspace::ProblemGroup &x, const workspace::ProblemGroup &y) {
            const base::Diagnostic &a = x.cause, &b = y.cause;
            if (a.severity != b.severity)
                return int(a.severity) < int(b.severity);
            const size_t nx = x.knockOns.size() + x.repeats.size(), ny = y.knockOns.size() + y.repeats.size();
            if (nx != ny)
                return nx > ny;
            if (a.loc.file != b.loc.file)
                return a.loc.file < b.loc.file;
            return a.loc.line < b.loc.line;
        });
        m_diagnostics.clear();
        const std::vector<std::string> &failed = why.failedBuildFiles();
        m_failedBuildFiles = int(failed.size());
        auto isOtherError = [&failed](const base::Diagnostic &d) {
            return d.severity == base::Severity::Error && !std::binary_search(failed.begin(), failed.end(), d.loc.file);
        };
        for (workspace::ProblemGroup &g : groups) {
            m_otherErrors += int(isOtherError(g.cause)) + int(std::count_if(g.repeats.begin(), g.repeats.end(), isOtherError));
            m_diagnostics.push_back(std::move(g.cause));
            m_repeated.push_back(!g.repeats.empty());
            m_knockOns.push_back(g.repeats.empty() ? std::move(g.knockOns) : std::move(g.repeats));
        }
    }
    endResetModel();
}

const base::Diagnostic *ProblemsModel::diagnostic(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    const quintptr id = index.internalId();
    if (id == kTopLevel)
        return index.row() < int(m_diagnostics.size()) ? &m_diagnostics[size_t(index.row())] : nullptr;
    const size_t cause = size_t(id - 1);
    if (cause >= m_knockOns.size() || index.row() >= int(m_knockOns[cause].size()))
        return nullptr;
    return &m_knockOns[cause][size_t(index.row())];
}

int ProblemsModel::count(base::Severity severity) const
{
    int n = 0;
    for (size_t i = 0; i < m_diagnostics.size(); ++i) {
        if (m_diagnostics[i].severity == severity)
            n += 1 + (m_repeated[i] ? int(m_knockOns[i].size()) : 0);
    }
    return n;
}

int ProblemsModel::problemCount() const
{
    size_t n = m_diagnostics.size();
    for (const base::Diagnostics &k : m_knockOns)
        n += k.size();
    return int(n);
}

QString ProblemsModel::loadSummary(int targetsShown) const
{
    if (m_failedBuildFiles == 0 && m_otherErrors == 0)
        return {};
    QStringList parts;
    if (m_failedBuildFiles > 0)
        parts << Tr::tr("%Ln BUILD file(s) failed", nullptr, m_failedBuildFiles);
    if (m_otherErrors > 0)
        parts << (parts.isEmpty() ? Tr::tr("%Ln error(s)", nullptr, m_otherErrors)
                                  : Tr::tr("%Ln other error(s)", nullptr, m_otherErrors));
    return parts.join(Tr::tr(", ")) + Tr::tr("; ") + Tr::tr("%Ln target(s) shown", nullptr, targetsShown);
}

QModelIndex ProblemsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < int(m_diagnostics.size()) ? createIndex(row, column, kTopLevel) : QModelIndex();
    if (parent.internalId() != kTopLevel || parent.row() >= int(m_knockOns.size()))
        return {};
    if (row >= int(m_knockOns[size_t(parent.row())].size()))
        return {};
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex ProblemsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kTopLevel)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kTopLevel);
}

int ProblemsModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_diagnostics.size());
    if (parent.column() != 0 || parent.internalId() != kTopLevel || parent.row() >= int(m_knockOns.size()))
        return 0;
    return int(m_knockOns[size_t(parent.row())].size());
}

int ProblemsModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant ProblemsModel::data(const QModelIndex &index, int role) const
{
    const base::Diagnostic *found = diagnostic(index);
    if (!found)
        return {};
    const base::Diagnostic &d = *found;
    const bool isCause = index.internalId() == kTopLevel;
    const size_t children = isCause ? m_knockOns[size_t(index.row())].size() : 0;
    const bool repeated = isCause && m_repeated[size_t(index.row())];
    const size_t knockOns = repeated ? 0 : children;
    const size_t repeats = repeated ? children : 0;
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == MessageColumn) {
            // One line: the view elides it; the tooltip and the detail pane show it all.
            QString text = messageText(d).simplified();
            if (knockOns)
                text += knockOns == 1 ? Tr::tr(" — caused 1 more problem")
                                      : Tr::tr(" — caused %L1 more problems").arg(qlonglong(knockOns));
            if (repeats)
                text += repeats == 1 ? Tr::tr(" — also in 1 more place")
                                     : Tr::tr(" — also in %L1 more places").arg(qlonglong(repeats));
            return text;
        }
        return qs(d.loc.toString());
    case Qt::DecorationRole:
        if (index.column() != MessageColumn)
            return {};
        switch (d.severity) {
        case base::Severity::Error: return TypeIcons::error();
        case base::Severity::Warning: return TypeIcons::warning();
        case base::Severity::Note: return TypeIcons::note();
        }
        return {};
    case Qt::ToolTipRole: {
        QString text = qs(d.format());
        if (children) {
            const base::Diagnostics &caused = m_knockOns[size_t(index.row())];
            text += QLatin1Char('\n') + (repeated ? Tr::tr("Also in %L1 more places, for example:")
                                                  : Tr::tr("Caused %L1 more, for example:")).arg(qlonglong(caused.size()));
            for (size_t i = 0; i < caused.size() && i < 5; ++i)
                text += QStringLiteral("\n  ") + qs(caused[i].loc.toString()) + QStringLiteral(": ")
                        + qs(caused[i].message).section(QLatin1Char('\n'), 0, 0);
        }
        return QStringLiteral("<pre>%1</pre>").arg(text.toHtmlEscaped());
    }
    case KnockOnCountRole: return int(knockOns);
    case RepeatCountRole: return int(repeats);
    case SeverityRole: return int(d.severity);
    case FileRole: return qs(d.loc.file);
    case LineRole: return d.loc.line;
    case ColumnRole: return d.loc.column;
    case FullTextRole: return qs(d.format());
    case MessageRole: return messageText(d);
    case LocationRole: return qs(d.loc.toString());
    case IsKnockOnRole: return !isCause;
    }
    return {};
}

QVariant ProblemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == MessageColumn ? Tr::tr("Problem") : Tr::tr("Location");
}

ProblemsFilterModel::ProblemsFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

void ProblemsFilterModel::setSeverityVisible(base::Severity severity, bool visible)
{
    if (m_visible[int(severity)] == visible)
        return;
    m_visible[int(severity)] = visible;
    invalidateFilter();
}

bool ProblemsFilterModel::isSeverityVisible(base::Severity severity) const
{
    return m_visible[int(severity)];
}

void ProblemsFilterModel::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateFilter();
}

bool ProblemsFilterModel::textMatches(const QModelIndex &i) const
{
    return i.data(ProblemsModel::MessageRole).toString().contains(m_text, Qt::CaseInsensitive)
        || i.data(ProblemsModel::LocationRole).toString().contains(m_text, Qt::CaseInsensitive);
}

bool ProblemsFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *source = sourceModel();
    const QModelIndex i = source->index(sourceRow, 0, sourceParent);
    if (sourceParent.isValid()) // a knock-on: shown with its cause, or when it matches itself
        return m_text.isEmpty() || textMatches(sourceParent) || textMatches(i);
    const int severity = i.data(ProblemsModel::SeverityRole).toInt();
    if (severity < 0 || severity >= 3 || !m_visible[severity])
        return false;
    if (m_text.isEmpty() || textMatches(i))
        return true;
    for (int r = 0, n = source->rowCount(i); r < n; ++r)
        if (textMatches(source->index(r, 0, i)))
            return true;
    return false;
}

} // namespace trellis::ui
