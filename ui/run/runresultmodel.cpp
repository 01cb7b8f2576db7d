#include "ui/run/runresultmodel.h"

#include "ui/run/runicons.h"
#include "ui/run/tracebackframes.h"
#include "ui/uitr.h"

#include <QLocale>

#include <algorithm>

namespace trellis::ui {

namespace {

QString formatDuration(qint64 ms)
{
    if (ms < 0)
        return {};
    if (ms < 1000)
        return Tr::tr("%1 ms").arg(ms);
    if (ms < 60000)
        return Tr::tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 2));
    return Tr::tr("%1 min %2 s").arg(ms / 60000).arg((ms % 60000) / 1000);
}

} // namespace

RunResultModel::RunResultModel(QObject *parent) : QAbstractItemModel(parent), m_root(std::make_unique<Node>()) {}

RunResultModel::~RunResultModel() = default;

void RunResultModel::clear()
{
    beginResetModel();
    m_root = std::make_unique<Node>();
    m_running = false;
    endResetModel();
    Q_EMIT countsChanged();
}

void RunResultModel::beginRun(const QString &title)
{
    beginResetModel();
    m_root = std::make_unique<Node>();
    auto run = std::make_unique<Node>();
    run->kind = Kind::Run;
    run->name = title;
    run->status = RunStatus::Running;
    run->parent = m_root.get();
    m_root->children.push_back(std::move(run));
    m_running = true;
    m_runClock.start();
    endResetModel();
    Q_EMIT countsChanged();
}

void RunResultModel::addProcess(Node *run, const goals::TestProcessResult &planned, const QStringList &addresses, qint64 estimateMs)
{
    auto node = std::make_unique<Node>();
    node->kind = Kind::Process;
    node->name = qs(planned.description);
    node->processId = int(run->children.size());
    node->addresses = addresses;
    node->estimateMs = estimateMs;
    node->parent = run;
    node->row = int(run->children.size());
    run->children.push_back(std::move(node));
}

void RunResultModel::setPlan(const std::vector<goals::TestProcessResult> &plan, const std::vector<QStringList> &addresses,
                             const std::map<std::string, std::int64_t> &estimatesMs)
{
    if (m_root->children.empty())
        return;
    Node *run = m_root->children.front().get();
    if (plan.empty())
        return;
    const QModelIndex runIdx = indexForNode(run);
    beginInsertRows(runIdx, int(run->children.size()), int(run->children.size() + plan.size()) - 1);
    for (size_t i = 0; i < plan.size(); ++i) {
        const auto it = estimatesMs.find(plan[i].description);
        addProcess(run, plan[i], i < addresses.size() ? addresses[i] : QStringList(), it == estimatesMs.end() ? -1 : it->second);
    }
    endInsertRows();
    Q_EMIT countsChanged();
}

RunResultModel::Node *RunResultModel::processNode(int processId) const
{
    if (m_root->children.empty())
        return nullptr;
    const Node *run = m_root->children.front().get();
    if (processId < 0 || size_t(processId) >= run->children.size())
        return nullptr;
    return run->children[size_t(processId)].get();
}

void RunResultModel::onProcessStarted(int processId, int attempt)
{
    Node *node = processNode(processId);
    if (!node)
        return;
    node->status = RunStatus::Running;
    node->attempt = attempt;
    node->started.start();
    if (attempt > 1)
        node->output += Tr::tr("\n— attempt %1 —\n").arg(attempt);
    emitRowChanged(node);
    Q_EMIT countsChanged();
}

void RunResultModel::onProcessOutput(int processId, const QString &text)
{
    Node *node = processNode(processId);
    if (!node)
        return;
    node->output += text;
    Q_EMIT outputAppended(processId, text);
}

void RunResultModel::applyResult(Node *node, const goals::TestProcessResult &result)
{
    node->status = processStatus(result);
    node->durationMs = result.durationMs;
    node->error = qs(result.error);
    // Cached results did not stream anything: show what the original run printed.
    if (node->output.isEmpty() && !result.output.empty()) {
        node->output = qs(result.output);
        Q_EMIT outputAppended(node->processId, node->output);
    }
    if (!node->error.isEmpty() && !node->output.contains(node->error)) {
        const QString text = (node->output.isEmpty() ? QString() : QStringLiteral("\n")) + node->error + QLatin1Char('\n');
        node->output += text;
        Q_EMIT outputAppended(node->processId, text);
    }
    emitRowChanged(node);
    // Test cases stream in one row at a time, the way results arrive in Qt Creator.
    const QModelIndex parentIdx = indexForNode(node);
    for (const goals::TestCase &c : result.testCases) {
        auto child = std::make_unique<Node>();
        child->kind = Kind::Case;
        child->name = c.className.empty() ? qs(c.name) : qs(c.className).section(QLatin1Char('.'), -1) + QStringLiteral("::") + qs(c.name);
        child->status = caseStatus(c.status);
        child->durationMs = qint64(c.durationSeconds * 1000.0 + 0.5);
        child->processId = node->processId;
        child->testCase = c;
        child->parent = node;
        child->row = int(node->children.size());
        beginInsertRows(parentIdx, child->row, child->row);
        node->children.push_back(std::move(child));
        endInsertRows();
    }
}

void RunResultModel::onProcessFinished(int processId, const ProcessResultPtr &result)
{
    Node *node = processNode(processId);
    if (!node || !result)
        return;
    applyResult(node, *result);
    Q_EMIT countsChanged();
}

void RunResultModel::finishRun(bool cancelled, qint64 durationMs)
{
    m_running = false;
    if (m_root->children.empty())
        return;
    Node *run = m_root->children.front().get();
    for (auto &p : run->children) {
        if (p->status == RunStatus::Queued || p->status == RunStatus::Running) {
            p->status = RunStatus::Cancelled;
            emitRowChanged(p.get());
        }
    }
    const RunCounts c = counts();
    run->durationMs = durationMs;
    if (c.failed > 0)
        run->status = RunStatus::Failed;
    else if (cancelled)
        run->status = RunStatus::Cancelled;
    else if (c.total > 0 && c.cached == c.total)
        run->status = RunStatus::Cached;
    else if (c.passed == 0 && c.cached == 0)
        run->status = RunStatus::Skipped; // nothing ran: never shown as a pass
    else
        run->status = RunStatus::Passed;
    emitRowChanged(run);
    Q_EMIT countsChanged();
}

void RunResultModel::showRecord(const goals::RunRecord &record, const QString &title)
{
    beginRun(title);
    Node *run = m_root->children.front().get();
    if (!record.processes.empty()) {
        beginInsertRows(indexForNode(run), 0, int(record.processes.size()) - 1);
        for (const goals::RunProcessRecord &p : record.processes) {
            QStringList addresses;
            for (const std::string &a : p.addresses)
                addresses << qs(a);
            addProcess(run, p.result, addresses, -1);
        }
        endInsertRows();
    }
    for (size_t i = 0; i < record.processes.size(); ++i)
        applyResult(run->children[i].get(), record.processes[i].result);
    finishRun(record.cancelled, record.durationMs);
}

bool RunResultModel::isRunning() const { return m_running; }

RunCounts RunResultModel::counts() const
{
    RunCounts c;
    if (m_root->children.empty())
        return c;
    for (const auto &p : m_root->children.front()->children) {
        ++c.total;
        switch (p->status) {
        case RunStatus::Queued: ++c.queued; break;
        case RunStatus::Running: ++c.running; break;
        case RunStatus::Passed:
        case RunStatus::Flaky: ++c.passed; break;
        case RunStatus::Failed:
        case RunStatus::Error:
        case RunStatus::TimedOut: ++c.failed; break;
        case RunStatus::Cached: ++c.cached; break;
        case RunStatus::Skipped:
        case RunStatus::Cancelled: ++c.other; break;
        }
    }
    return c;
}

qint64 RunResultModel::estimatedRemainingMs(int jobs) const
{
    if (m_root->children.empty() || m_root->children.front()->children.empty())
        return -1;
    qint64 total = 0;
    int unknown = 0;
    int pending = 0;
    for (const auto &p : m_root->children.front()->children) {
        if (p->status != RunStatus::Queued && p->status != RunStatus::Running)
            continue;
        ++pending;
        if (p->estimateMs < 0) {
            ++unknown;
            continue;
        }
        const qint64 elapsed = p->status == RunStatus::Running && p->started.isValid() ? p->started.elapsed() : 0;
        total += std::max<qint64>(0, p->estimateMs - elapsed);
    }
    if (pending == 0)
        return 0;
    if (unknown == pending)
        return -1;
    return total / std::max(1, std::min(jobs, pending));
}

QStringList RunResultModel::failedAddresses() const
{
    QStringList out;
    if (m_root->children.empty())
        return out;
    for (const auto &p : m_root->children.front()->children)
        if (isFailing(p->status))
            out << p->addresses;
    out.sort();
    out.removeDuplicates();
    return out;
}

QString RunResultModel::processOutput(int processId) const
{
    const Node *node = processNode(processId);
    return node ? node->output : QString();
}

QModelIndex RunResultModel::runIndex() const
{
    return m_root->children.empty() ? QModelIndex() : indexForNode(m_root->children.front().get());
}

QModelIndex RunResultModel::indexForProcess(int processId) const { return indexForNode(processNode(processId)); }

RunResultModel::Node *RunResultModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex RunResultModel::indexForNode(const Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, column, const_cast<Node *>(node));
}

void RunResultModel::emitRowChanged(const Node *node)
{
    Q_EMIT dataChanged(indexForNode(node, 0), indexForNode(node, ColumnCount - 1));
}

QModelIndex RunResultModel::index(int row, int column, const QModelIndex &parent) const
{
    const Node *p = nodeFor(parent);
    if (row < 0 || row >= int(p->children.size()) || column < 0 || column >= ColumnCount)
        return {};
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex RunResultModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexForNode(nodeFor(child)->parent);
}

int RunResultModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int RunResultModel::columnCount(const QModelIndex &) const { return ColumnCount; }

QVariant RunResultModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *node = nodeFor(index);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            if (node->kind == Kind::Run) {
                const RunCounts c = counts();
                return Tr::tr("%1 — %n process(es)", nullptr, c.total).arg(node->name);
            }
            return node->name;
        case StatusColumn:
            if (node->kind == Kind::Process && node->attempt > 1 && node->status == RunStatus::Running)
                return Tr::tr("running (attempt %1)").arg(node->attempt);
            return runStatusText(node->status);
        case DurationColumn:
            return formatDuration(node->durationMs);
        }
        return {};
    case Qt::DecorationRole:
        return index.column() == NameColumn ? RunIcons::forStatus(node->status) : QVariant();
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn && node->status != RunStatus::Queued)
            return RunIcons::color(node->status);
        return {};
    case Qt::ToolTipRole:
        if (node->kind == Kind::Case) {
            QString tip = QStringLiteral("%1\n%2").arg(qs(node->testCase.className + "." + node->testCase.name), runStatusText(node->status));
            if (!node->testCase.message.empty())
                tip += QLatin1Char('\n') + qs(node->testCase.message);
            return tip;
        }
        if (node->kind == Kind::Process)
            return node->addresses.isEmpty() ? node->name : node->addresses.join(QLatin1Char('\n'));
        return node->name;
    case Qt::TextAlignmentRole:
        if (index.column() == DurationColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case KindRole: return int(node->kind);
    case StatusRole: return int(node->status);
    case DurationRole: return node->durationMs;
    case ProcessIdRole: return node->processId;
    case MessageRole: return node->kind == Kind::Case ? qs(node->testCase.message) : node->error;
    case DetailsRole: return qs(node->testCase.details);
    case FileRole:
        return node->kind == Kind::Case ? testCaseLocation(node->testCase, node->parent->addresses).file : QString();
    case LineRole:
        return node->kind == Kind::Case ? testCaseLocation(node->testCase, node->parent->addresses).line : 0;
    case AddressesRole: return node->addresses;
    }
    return {};
}

QVariant RunResultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return Tr::tr("Test");
    case StatusColumn: return Tr::tr("Status");
    case DurationColumn: return Tr::tr("Duration");
    }
    return {};
}

} // namespace trellis::ui
