#include "ui/changed/changedview.h"

#include "ui/changed/changedmodel.h"
#include "ui/uitr.h"
#include "ui/views/refreshwhenshown.h"

#include "core/base/workerpool.h"
#include "core/vcs/repository.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QResizeEvent>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>

namespace trellis::ui {

namespace {

QString esc(const QString &s) { return s.toHtmlEscaped(); }

/// Below this width the list and the chain are stacked instead of side by side.
constexpr int kStackedWidth = 760;

} // namespace

ChangedView::ChangedView(QWidget *parent)
    : QWidget(parent)
    , m_refreshWhenShown(new RefreshWhenShown(this, [this] { refresh(); }))
    , m_base(new QComboBox(this))
    , m_dependents(new QComboBox(this))
    , m_status(new QLabel(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_tree(new QTreeView(this))
    , m_model(new ChangedModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_chainTitle(new QLabel(this))
    , m_chain(new QTextBrowser(this))
    , m_count(new QLabel(this))
    , m_testButton(new QPushButton(Tr::tr("Test These"), this))
{
    m_base->setEditable(true);
    m_base->setInsertPolicy(QComboBox::NoInsert);
    m_base->setMinimumContentsLength(14);
    m_base->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_base->setToolTip(Tr::tr("Base ref: files changed since its merge base with HEAD, plus uncommitted and untracked files"));
    m_dependents->addItem(Tr::tr("None"), int(changed::DependentsMode::None));
    m_dependents->addItem(Tr::tr("Direct"), int(changed::DependentsMode::Direct));
    m_dependents->addItem(Tr::tr("Transitive"), int(changed::DependentsMode::Transitive));
    m_dependents->setToolTip(Tr::tr("Which dependents of the changed targets are affected too ([changed].dependents)"));
    auto *refresh = new QPushButton(Tr::tr("Refresh"), this);
    refresh->setToolTip(Tr::tr("Compute the changes again"));

    auto *bar = new QHBoxLayout;
    auto *baseLabel = new QLabel(Tr::tr("&Base:"), this);
    baseLabel->setBuddy(m_base);
    auto *dependentsLabel = new QLabel(Tr::tr("&Dependents:"), this);
    dependentsLabel->setBuddy(m_dependents);
    bar->addWidget(baseLabel);
    bar->addWidget(m_base, 1);
    bar->addWidget(dependentsLabel);
    bar->addWidget(m_dependents);
    bar->addWidget(refresh);

    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_filter->setPlaceholderText(Tr::tr("Filter files and targets"));
    m_filter->setClearButtonEnabled(true);
    m_proxy->setSourceModel(m_model);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(ChangedModel::NameColumn);
    m_tree->setModel(m_proxy);
    m_tree->setUniformRowHeights(true);
    m_tree->setTextElideMode(Qt::ElideMiddle); // keep the file name at the end of a long path
    m_tree->setAlternatingRowColors(true);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);

    m_count->setWordWrap(true);
    m_testButton->setEnabled(false);
    m_testButton->setToolTip(Tr::tr("Run the tests of every affected test target"));
    auto *listPane = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listPane);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_filter);
    listLayout->addWidget(m_tree, 1);
    auto *countRow = new QHBoxLayout;
    countRow->addWidget(m_count, 1);
    countRow->addWidget(m_testButton);
    listLayout->addLayout(countRow);

    m_chain->setOpenLinks(false);
    m_chainTitle->setWordWrap(true);
    auto *chainPane = new QWidget(this);
    auto *chainLayout = new QVBoxLayout(chainPane);
    chainLayout->setContentsMargins(0, 0, 0, 0);
    chainLayout->addWidget(m_chainTitle);
    chainLayout->addWidget(m_chain, 1);

    m_splitter->addWidget(listPane);
    m_splitter->addWidget(chainPane);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_status);
    layout->addWidget(m_splitter, 1);

    connect(refresh, &QPushButton::clicked, this, &ChangedView::refresh);
    connect(m_base, &QComboBox::activated, this, &ChangedView::refresh);
    connect(m_base->lineEdit(), &QLineEdit::returnPressed, this, &ChangedView::refresh);
    connect(m_dependents, &QComboBox::activated, this, &ChangedView::refresh);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        expandGroups();
    });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &ChangedView::onCurrentChanged);
    connect(m_tree, &QTreeView::activated, this, &ChangedView::onActivated);
    connect(m_chain, &QTextBrowser::anchorClicked, this, &ChangedView::onAnchorClicked);
    connect(m_testButton, &QPushButton::clicked, this, &ChangedView::onTestClicked);
    showChain({});
}

ChangedView::~ChangedView()
{
    if (m_watcher)
        m_watcher->waitForFinished();
}

void ChangedView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    const Qt::Orientation wanted = event->size().width() < kStackedWidth ? Qt::Vertical : Qt::Horizontal;
    if (m_splitter->orientation() != wanted)
        m_splitter->setOrientation(wanted);
}

void ChangedView::setSnapshot(const SnapshotPtr &snapshot)
{
    const bool newRoot = !m_snapshot || !snapshot || m_snapshot->rootPath != snapshot->rootPath;
    m_snapshot = snapshot;
    if (newRoot) {
        m_refsListed = false;
        m_base->clear();
        if (snapshot) {
            const std::string mode = snapshot->workspace->options().string("changed", "dependents", "none");
            const auto parsed = changed::parseDependentsMode(mode).value_or(changed::DependentsMode::None);
            m_dependents->setCurrentIndex(m_dependents->findData(int(parsed)));
        }
    }
    if (snapshot)
        m_refreshWhenShown->request();
    else
        refresh(); // cleared at once
}

void ChangedView::setRequest(const QString &baseRef, changed::DependentsMode mode)
{
    if (!baseRef.isEmpty())
        m_base->setCurrentText(baseRef);
    m_dependents->setCurrentIndex(m_dependents->findData(int(mode)));
    refresh();
}

changed::DependentsMode ChangedView::dependentsMode() const
{
    return changed::DependentsMode(m_dependents->currentData().toInt());
}

void ChangedView::refresh()
{
    if (!m_snapshot) {
        m_model->clear();
        m_status->clear();
        showChain({});
        return;
    }
    if (m_watcher) {
        m_pending = true;
        return;
    }
    const QString ref = m_base->currentText().trimmed();
    const changed::DependentsMode mode = dependentsMode();
    m_status->setText(ref.isEmpty() ? Tr::tr("Computing the changes…") : Tr::tr("Computing the changes since %1…").arg(ref));
    m_watcher = std::make_unique<QFutureWatcher<Outcome>>();
    connect(m_watcher.get(), &QFutureWatcher<Outcome>::finished, this, &ChangedView::onComputed);
    m_watcher->setFuture(QtConcurrent::run(base::workerPool(), &ChangedView::compute, m_snapshot, ref, mode, !m_refsListed));
}

ChangedView::Outcome ChangedView::compute(SnapshotPtr snapshot, QString ref, changed::DependentsMode mode, bool listRefs)
{
    Outcome out;
    out.graph = snapshot->graph;
    auto repo = vcs::Repository::open(snapshot->workspace->buildRoot());
    if (!repo) {
        out.error = repo.diagnostics().empty() ? Tr::tr("not a git repository") : qs(repo.diagnostics().front().message);
        return out;
    }
    if (listRefs) {
        if (auto branches = (*repo)->branches())
            for (const std::string &b : *branches)
                out.refs << qs(b);
        if (auto tags = (*repo)->tags())
            for (const vcs::TagInfo &t : *tags)
                out.refs << qs(t.name);
    }
    out.ref = ref.isEmpty() ? qs(changed::defaultBaseRef(*snapshot->workspace, **repo)) : ref;
    if (!out.graph) {
        out.error = Tr::tr("the dependency graph is not loaded");
        return out;
    }
    changed::ChangedRequest request;
    request.since = out.ref.toStdString();
    request.dependents = mode;
    auto e = changed::explainChanged(*out.graph, **repo, request);
    if (!e) {
        QStringList errors;
        for (const auto &d : e.diagnostics())
            errors << qs(d.message);
        out.error = errors.join(QLatin1Char('\n'));
        return out;
    }
    out.explanation = std::move(*e);
    return out;
}

void ChangedView::onComputed()
{
    Outcome out = m_watcher->result();
    m_watcher.reset();
    if (!out.refs.isEmpty() || !m_refsListed) {
        m_refsListed = true;
        const QString typed = m_base->currentText().trimmed();
        m_base->clear();
        m_base->addItem(QStringLiteral("HEAD"));
        m_base->addItem(QStringLiteral("HEAD~1"));
        for (const QString &r : out.refs)
            if (r != QLatin1String("HEAD") && r != QLatin1String("HEAD~1"))
                m_base->addItem(r);
        m_base->setCurrentText(typed.isEmpty() ? out.ref : typed);
    }
    if (m_pending) {
        m_pending = false;
        refresh();
        return;
    }
    const QModelIndex current = m_tree->currentIndex();
    const int previous = current.isValid() ? current.data(ChangedModel::NodeRole).toInt() : -1;
    const QString previousFile = current.data(ChangedModel::PathRole).toString();
    if (!out.error.isEmpty()) {
        m_model->clear();
        m_status->setText(Tr::tr("Cannot compute the changes since %1: %2").arg(out.ref, out.error));
    } else {
        m_model->setExplanation(out.graph, std::move(out.explanation));
        const changed::ChangedExplanation &shown = m_model->explanation();
        const QString base = shown.base.hash.empty() ? out.ref
                                                     : Tr::tr("%1 (merge base %2)").arg(out.ref, qs(shown.base.shortHash()));
        if (shown.files.empty())
            m_status->setText(Tr::tr("Nothing changed since %1.").arg(base));
        else
            m_status->setText(Tr::tr("Since %1: %n changed file(s)", nullptr, int(shown.files.size())).arg(base)
                              + QStringLiteral(", ")
                              + Tr::tr("%n affected target(s)", nullptr, int(shown.targets.size())));
        expandGroups();
        // Fit the columns, but keep the state and the cause on screen.
        const int width = m_tree->viewport()->width();
        m_tree->resizeColumnToContents(ChangedModel::NameColumn);
        m_tree->resizeColumnToContents(ChangedModel::StateColumn);
        m_tree->setColumnWidth(ChangedModel::NameColumn, std::min(m_tree->columnWidth(ChangedModel::NameColumn), width * 11 / 20));
        m_tree->setColumnWidth(ChangedModel::StateColumn, std::min(m_tree->columnWidth(ChangedModel::StateColumn), width / 4));
    }
    const int tests = int(m_model->explanation().testTargets.size());
    m_count->setText(m_model->graph() ? Tr::tr("%n test target(s) will be tested", nullptr, tests) : QString());
    m_testButton->setEnabled(tests > 0);
    // Keep the selection across recomputations when the row is still there.
    QModelIndex again;
    if (previous >= 0)
        again = m_model->indexOfNode(previous);
    else if (!previousFile.isEmpty())
        for (int r = 0; r < m_model->rowCount(m_model->groupIndex(ChangedModel::FilesGroup)); ++r) {
            const QModelIndex i = m_model->index(r, 0, m_model->groupIndex(ChangedModel::FilesGroup));
            if (i.data(ChangedModel::PathRole).toString() == previousFile)
                again = i;
        }
    if (again.isValid())
        m_tree->setCurrentIndex(m_proxy->mapFromSource(again));
    else
        showChain({});
    Q_EMIT computed();
}

QStringList ChangedView::testAddresses() const
{
    QStringList out;
    if (!m_model->graph())
        return out;
    for (int n : m_model->explanation().testTargets)
        out << qs(m_model->graph()->address(n).toString());
    return out;
}

bool ChangedView::selectTarget(int node)
{
    const QModelIndex index = m_proxy->mapFromSource(m_model->indexOfNode(node));
    if (!index.isValid())
        return false;
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index, QAbstractItemView::PositionAtCenter);
    return true;
}

void ChangedView::expandGroups()
{
    for (int g = 0; g < ChangedModel::GroupCount; ++g)
        m_tree->expand(m_proxy->mapFromSource(m_model->groupIndex(ChangedModel::Group(g))));
}

void ChangedView::onCurrentChanged() { showChain(m_tree->currentIndex()); }

void ChangedView::onActivated(const QModelIndex &index)
{
    // Double-click or Enter: a target opens in Details, a file (unless deleted) in a tab.
    switch (ChangedModel::Kind(index.data(ChangedModel::KindRole).toInt())) {
    case ChangedModel::Kind::Target:
        if (m_snapshot && m_snapshot->graph == m_model->graph())
            Q_EMIT targetActivated(index.data(ChangedModel::NodeRole).toInt());
        break;
    case ChangedModel::Kind::File:
        if (const changed::ChangedFileEntry *f = m_model->file(index.data(ChangedModel::PathRole).toString());
            f && f->state != changed::FileState::Deleted)
            Q_EMIT locationActivated(qs(f->path), 0);
        break;
    case ChangedModel::Kind::Group: break;
    }
}

QString ChangedView::targetLink(int node) const
{
    return QStringLiteral("<a href=\"t:%1\">%2</a>").arg(node).arg(esc(qs(m_model->graph()->address(node).toString())));
}

QString ChangedView::locationLink(const QString &file, int line, const QString &text)
{
    m_locations.emplace_back(file, line);
    const QString label = text.isEmpty() ? (line > 0 ? QStringLiteral("%1:%2").arg(file).arg(line) : file) : text;
    return QStringLiteral("<a href=\"f:%1\">%2</a>").arg(m_locations.size() - 1).arg(esc(label));
}

QString ChangedView::stepHtml(const changed::AffectedTarget &target, size_t step)
{
    const changed::ChainStep &s = target.chain[step];
    const QString node = targetLink(s.node);
    if (s.kind != changed::StepKind::Dependency) {
        const changed::ChangedFileEntry *entry = m_model->file(qs(target.file));
        const bool deleted = entry && entry->state == changed::FileState::Deleted;
        const QString file = (deleted ? esc(qs(target.file)) : locationLink(qs(target.file), 0))
                             + QStringLiteral(" (%1)").arg(esc(entry ? ChangedModel::stateText(entry->state) : QString()));
        switch (s.kind) {
        case changed::StepKind::Source: return Tr::tr("%1 is a source of %2").arg(file, node);
        case changed::StepKind::DeletedFile: return Tr::tr("%1 matched the sources of %2").arg(file, node);
        case changed::StepKind::Requirements: return Tr::tr("%1 changes a requirement of %2").arg(file, node);
        case changed::StepKind::BuildFile:
            return Tr::tr("%1 declares %2 at %3").arg(file, node, locationLink(qs(s.at.file), s.at.line));
        case changed::StepKind::Config: return Tr::tr("%1 configures every target, %2 included").arg(file, node);
        case changed::StepKind::Dependency: break;
        }
    }
    const QString previous = targetLink(target.chain[step - 1].node);
    const QString at = locationLink(qs(s.at.file), s.at.line);
    switch (s.edgeKind) {
    case infer::EdgeKind::Inferred:
        return Tr::tr("%1 imports %2 at %3").arg(node, QStringLiteral("<code>%1</code>").arg(esc(qs(s.detail))), at);
    case infer::EdgeKind::Explicit:
        return Tr::tr("%1 depends on %2 at %3")
            .arg(node, s.detail.empty() ? previous : QStringLiteral("<code>%1</code>").arg(esc(qs(s.detail))), at);
    case infer::EdgeKind::Generated: return Tr::tr("%1 generates %2 at %3").arg(node, previous, at);
    case infer::EdgeKind::Conftest: return Tr::tr("%1 uses %2, its conftest.py").arg(node, at);
    case infer::EdgeKind::InitFile: return Tr::tr("%1 uses %2, an ancestor __init__.py").arg(node, at);
    case infer::EdgeKind::EntryPoint: return Tr::tr("%1 has its entry point in %2 at %3").arg(node, previous, at);
    case infer::EdgeKind::Requirement: return Tr::tr("%1 is pinned by %2 at %3").arg(node, previous, at);
    }
    return Tr::tr("%1 depends on %2 at %3").arg(node, previous, at);
}

void ChangedView::showChain(const QModelIndex &index)
{
    m_locations.clear();
    m_chain->clear();
    const auto kind = ChangedModel::Kind(index.data(ChangedModel::KindRole).toInt());
    if (!index.isValid() || !m_model->graph() || kind == ChangedModel::Kind::Group) {
        m_chainTitle->setText(m_model->graph() ? Tr::tr("Select a file or a target to see why it is affected.") : QString());
        return;
    }
    QString html;
    if (kind == ChangedModel::Kind::File) {
        const changed::ChangedFileEntry *f = m_model->file(index.data(ChangedModel::PathRole).toString());
        if (!f)
            return;
        m_chainTitle->setText(Tr::tr("%1 is %2").arg(qs(f->path), ChangedModel::stateText(f->state)));
        if (f->state != changed::FileState::Deleted)
            html += QStringLiteral("<p>%1</p>").arg(locationLink(qs(f->path), 0, Tr::tr("Open %1").arg(qs(f->path))));
        if (f->owners.empty()) {
            html += QStringLiteral("<p><i>%1</i></p>").arg(esc(Tr::tr("No target owns this file.")));
        } else {
            html += QStringLiteral("<h4>%1</h4><ul>").arg(esc(Tr::tr("Owners")));
            for (int o : f->owners)
                html += QStringLiteral("<li>%1</li>").arg(targetLink(o));
            html += QStringLiteral("</ul>");
        }
        m_chain->setHtml(html);
        return;
    }
    const changed::AffectedTarget *t = m_model->affected(index.data(ChangedModel::NodeRole).toInt());
    if (!t)
        return;
    const QString address = qs(m_model->graph()->address(t->node).toString());
    m_chainTitle->setText(t->owner ? Tr::tr("Why %1 changed").arg(address)
                                   : Tr::tr("Why %1 is affected (%n hop(s) from a change)", nullptr, t->distance()).arg(address));
    html += QStringLiteral("<ol>");
    for (size_t i = 0; i < t->chain.size(); ++i)
        html += QStringLiteral("<li style=\"margin-bottom:4px\">%1</li>").arg(stepHtml(*t, i));
    html += QStringLiteral("</ol>");
    m_chain->setHtml(html);
}

void ChangedView::onAnchorClicked(const QUrl &url)
{
    const QString target = url.toString();
    bool ok = false;
    if (target.startsWith(QLatin1String("t:"))) {
        const int node = target.mid(2).toInt(&ok);
        if (ok && m_model->graph() && m_snapshot && m_snapshot->graph == m_model->graph() && node >= 0
            && node < m_model->graph()->nodeCount())
            Q_EMIT targetActivated(node);
    } else if (target.startsWith(QLatin1String("f:"))) {
        const int i = target.mid(2).toInt(&ok);
        if (ok && i >= 0 && i < int(m_locations.size()))
            Q_EMIT locationActivated(m_locations[size_t(i)].first, m_locations[size_t(i)].second);
    }
}

void ChangedView::onTestClicked()
{
    const QStringList addresses = testAddresses();
    if (!addresses.isEmpty())
        Q_EMIT testRequested(addresses);
}

} // namespace trellis::ui
