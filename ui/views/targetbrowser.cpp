#include "ui/views/targetbrowser.h"

#include "ui/models/targetfilterproxymodel.h"
#include "ui/models/targettreemodel.h"
#include "ui/typeicons.h"
#include "ui/uitr.h"

#include <QComboBox>
#include <QHeaderView>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

#include <functional>
#include <set>

namespace trellis::ui {

TargetBrowser::TargetBrowser(QWidget *parent)
    : QWidget(parent)
    , m_model(new TargetTreeModel(this))
    , m_proxy(new TargetFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_types(new QComboBox(this))
    , m_view(new QTreeView(this))
    , m_status(new QLabel(this))
    , m_filterDelay(new QTimer(this))
{
    m_proxy->setSourceModel(m_model);

    m_filter->setPlaceholderText(Tr::tr("Filter: src/app::, dir:name, !excluded, text"));
    m_filter->setToolTip(Tr::tr("<p>Filter targets with Pants specs and free text, separated by spaces:</p>"
                                "<ul><li><code>src/app::</code> — everything under src/app</li>"
                                "<li><code>src/app:</code> — targets in src/app only</li>"
                                "<li><code>src/app:lib</code> — one target</li>"
                                "<li><code>!src/app/legacy::</code> — exclude</li>"
                                "<li>other words match addresses and types</li></ul>"));
    m_filter->setClearButtonEnabled(true);
    m_types->setToolTip(Tr::tr("Show only targets of one type"));
    m_types->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_filterDelay->setSingleShot(true);
    m_filterDelay->setInterval(150);

    m_view->setModel(m_proxy);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(false);
    m_view->setDragEnabled(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(TargetTreeModel::NameColumn, QHeaderView::Stretch);
    // The type column gets a fixed share (long aliases elide) so the name column, which
    // carries the tree, keeps the rest of a narrow dock.
    m_view->header()->setSectionResizeMode(TargetTreeModel::TypeColumn, QHeaderView::Interactive);
    m_view->header()->resizeSection(TargetTreeModel::TypeColumn,
                                    m_view->fontMetrics().horizontalAdvance(QStringLiteral("python_sources")) + 12);
    m_view->header()->setSectionResizeMode(TargetTreeModel::CountColumn, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(TargetTreeModel::ResultColumn, QHeaderView::ResizeToContents);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_status->setContentsMargins(4, 0, 4, 2);
    m_status->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(3);
    layout->addWidget(m_filter);
    layout->addWidget(m_types);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);

    connect(m_filter, &QLineEdit::textEdited, this, &TargetBrowser::onFilterEdited);
    connect(m_filter, &QLineEdit::returnPressed, this, &TargetBrowser::onApplyFilter);
    connect(m_filterDelay, &QTimer::timeout, this, &TargetBrowser::onApplyFilter);
    connect(m_types, &QComboBox::currentIndexChanged, this, &TargetBrowser::onTypeChanged);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &TargetBrowser::onCurrentChanged);
    connect(m_view, &QTreeView::activated, this, &TargetBrowser::onActivated);
    populateTypes();
    updateStatus();
}

void TargetBrowser::setSnapshot(const SnapshotPtr &snapshot)
{
    if (m_model->snapshot() && snapshot && m_model->snapshot()->sameTargetsAs(*snapshot)) {
        m_model->setSnapshot(snapshot); // the same targets: nothing to rebuild or restore
        return;
    }
    // Preserve view state across reloads: selection (by address), expansion, scroll.
    QString selected;
    const int current = currentTarget();
    if (current >= 0 && m_model->snapshot())
        selected = qs(m_model->snapshot()->target(current).address.toString());
    const QStringList expanded = expandedPaths();
    const int scroll = m_view->verticalScrollBar()->value();
    const bool sameRoot = m_model->snapshot() && snapshot && m_model->snapshot()->rootPath == snapshot->rootPath;

    const bool newWorkspace = snapshot && !sameRoot && snapshot->rootPath != m_lastRoot;
    if (snapshot)
        m_lastRoot = snapshot->rootPath;
    m_model->setSnapshot(snapshot);
    if (newWorkspace) {
        // Another workspace: the previous filter would hide its targets (it looks empty).
        m_filterDelay->stop();
        m_filter->clear();
        m_proxy->setFilterLine(QString());
    }
    populateTypes();
    if (newWorkspace)
        m_types->setCurrentIndex(0);
    m_proxy->refresh();

    if (sameRoot) {
        restoreExpanded(expanded);
        int index = -1;
        if (!selected.isEmpty()) {
            if (auto parsed = workspace::Address::parse(selected.toStdString()))
                index = snapshot->workspace->indexOf(*parsed);
        }
        if (index >= 0)
            selectTarget(index);
        m_view->verticalScrollBar()->setValue(scroll);
    } else {
        // Fresh workspace: show the first two levels.
        m_view->expandToDepth(0);
    }
    updateStatus();
    if (!sameRoot || currentTarget() < 0)
        Q_EMIT currentTargetChanged(currentTarget());
}

void TargetBrowser::setFilterLine(const QString &line)
{
    m_filter->setText(line);
    onApplyFilter();
}

QString TargetBrowser::filterLine() const { return m_filter->text(); }

void TargetBrowser::setTypeFilter(const QString &type)
{
    const int i = m_types->findData(type);
    m_types->setCurrentIndex(i >= 0 ? i : 0);
}

bool TargetBrowser::selectTarget(int targetIndex)
{
    const QModelIndex source = m_model->indexForTarget(targetIndex);
    QModelIndex proxy = m_proxy->mapFromSource(source);
    if (!proxy.isValid() && source.isValid() && m_proxy->isFiltering()) {
        // Filtered out: clear the filter rather than silently ignoring the request.
        m_filter->clear();
        m_types->setCurrentIndex(0);
        onApplyFilter();
        proxy = m_proxy->mapFromSource(source);
    }
    if (!proxy.isValid())
        return false;
    for (QModelIndex p = proxy.parent(); p.isValid(); p = p.parent())
        m_view->expand(p);
    m_view->setCurrentIndex(proxy);
    m_view->scrollTo(proxy, QAbstractItemView::EnsureVisible);
    return true;
}

int TargetBrowser::currentTarget() const
{
    const QModelIndex i = m_view->currentIndex();
    return i.isValid() ? i.data(TargetTreeModel::TargetIndexRole).toInt() : -1;
}

void TargetBrowser::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void TargetBrowser::onFilterEdited() { m_filterDelay->start(); }

void TargetBrowser::onApplyFilter()
{
    m_filterDelay->stop();
    m_proxy->setFilterLine(m_filter->text());
    if (m_proxy->isFiltering())
        m_view->expandAll();
    updateStatus();
}

void TargetBrowser::onTypeChanged(int index)
{
    m_proxy->setTypeFilter(m_types->itemData(index).toString());
    if (m_proxy->isFiltering())
        m_view->expandAll();
    updateStatus();
}

void TargetBrowser::onCurrentChanged() { Q_EMIT currentTargetChanged(currentTarget()); }

void TargetBrowser::onActivated(const QModelIndex &index)
{
    const int target = index.data(TargetTreeModel::TargetIndexRole).toInt();
    if (target >= 0)
        Q_EMIT targetActivated(target);
}

QString TargetBrowser::statusText() const { return m_status->text(); }

bool TargetBrowser::isPantsWorkspace(const SnapshotPtr &snapshot)
{
    return snapshot && QFileInfo::exists(QDir(snapshot->rootPath).filePath(QStringLiteral("pants.toml")));
}

void TargetBrowser::updateStatus()
{
    const SnapshotPtr s = m_model->snapshot();
    const int total = s ? s->targetCount() : 0;
    QString text;
    if (!s)
        text = Tr::tr("No workspace");
    else if (!isPantsWorkspace(s))
        text = Tr::tr("No pants.toml in %1: this folder is not a Pants workspace, so it has no targets.")
                   .arg(QDir::toNativeSeparators(s->rootPath));
    else if (m_proxy->isFiltering())
        text = Tr::tr("%1 of %n target(s)", nullptr, total).arg(m_proxy->matchingTargetCount());
    else
        text = Tr::tr("%n target(s)", nullptr, total);
    if (!m_proxy->specError().isEmpty()) {
        text += QStringLiteral(" — ") + m_proxy->specError();
        m_filter->setStyleSheet(QStringLiteral("QLineEdit { border: 1px solid #d64541; }"));
    } else {
        m_filter->setStyleSheet(QString());
    }
    m_status->setText(text);
}

void TargetBrowser::populateTypes()
{
    const QString current = m_types->currentData().toString();
    QSignalBlocker block(m_types);
    m_types->clear();
    m_types->addItem(Tr::tr("All target types"), QString());
    if (const SnapshotPtr s = m_model->snapshot()) {
        std::set<std::string> types;
        for (const workspace::Target &t : s->workspace->targets())
            types.insert(t.type);
        for (const std::string &type : types)
            m_types->addItem(TypeIcons::forType(qs(type)), qs(type), qs(type));
    }
    const int i = m_types->findData(current);
    m_types->setCurrentIndex(i >= 0 ? i : 0);
    m_proxy->setTypeFilter(m_types->currentData().toString());
}

QStringList TargetBrowser::expandedPaths() const
{
    QStringList paths;
    std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int r = 0; r < m_proxy->rowCount(parent); ++r) {
            const QModelIndex i = m_proxy->index(r, 0, parent);
            if (m_view->isExpanded(i)) {
                paths << i.data(TargetTreeModel::AddressRole).toString();
                walk(i);
            }
        }
    };
    walk({});
    return paths;
}

void TargetBrowser::restoreExpanded(const QStringList &paths)
{
    const QSet<QString> wanted(paths.begin(), paths.end());
    std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int r = 0; r < m_proxy->rowCount(parent); ++r) {
            const QModelIndex i = m_proxy->index(r, 0, parent);
            if (wanted.contains(i.data(TargetTreeModel::AddressRole).toString())) {
                m_view->expand(i);
                walk(i);
            }
        }
    };
    walk({});
}

} // namespace trellis::ui
