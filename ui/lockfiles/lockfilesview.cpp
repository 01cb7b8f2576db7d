#include "ui/lockfiles/lockfilesview.h"

#include "ui/lockfiles/lockfilechangemodel.h"
#include "ui/uitr.h"
#include "ui/views/refreshwhenshown.h"

#include "core/base/workerpool.h"
#include "core/lockfile/lockfilesource.h"
#include "core/release/changelog.h"
#include "core/vcs/repository.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace trellis::ui {

namespace {

constexpr int kRecentCommits = 30;

} // namespace

LockfilesView::LockfilesView(KSyntaxHighlighting::Repository *repository, QWidget *parent)
    : QWidget(parent)
    , m_repository(repository)
    , m_refreshWhenShown(new RefreshWhenShown(this, [this] { refresh(); }))
    , m_lockfile(new QComboBox(this))
    , m_base(new QComboBox(this))
    , m_head(new QComboBox(this))
    , m_filter(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_table(new QTableView(this))
    , m_model(new LockfileChangeModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_reachTitle(new QLabel(this))
    , m_reach(new QTextBrowser(this))
    , m_testButton(new QPushButton(Tr::tr("Test These"), this))
    , m_rawDiff(new QPlainTextEdit(this))
    , m_highlighter(nullptr)
{
    m_base->setEditable(true);
    m_head->setEditable(true);
    // Room for a branch name or a short hash; wider only when the window has room, so the
    // bar fits a 1024 px window beside the docks.
    for (QComboBox *combo : {m_lockfile, m_base, m_head}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(6);
    }
    m_filter->setMinimumWidth(m_filter->fontMetrics().averageCharWidth() * 8);
    m_base->setToolTip(Tr::tr("Revision of the old lockfile: a branch, tag, commit or expression such as HEAD~3"));
    m_head->setToolTip(Tr::tr("Revision of the new lockfile, or the working tree"));
    m_filter->setPlaceholderText(Tr::tr("Filter packages"));
    m_filter->setClearButtonEnabled(true);
    auto *refresh = new QPushButton(Tr::tr("Compare"), this);
    refresh->setToolTip(Tr::tr("Diff the lockfile between the two revisions"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(Tr::tr("Lockfile:"), this));
    bar->addWidget(m_lockfile, 1);
    bar->addWidget(new QLabel(Tr::tr("Base:"), this));
    bar->addWidget(m_base, 1);
    bar->addWidget(new QLabel(Tr::tr("Head:"), this));
    bar->addWidget(m_head, 1);
    bar->addWidget(refresh);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(LockfileChangeModel::SortRole);
    m_proxy->setFilterKeyColumn(LockfileChangeModel::PackageColumn);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // report order until a header is clicked
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);

    m_reach->setOpenLinks(false);
    m_testButton->setEnabled(false);
    m_testButton->setToolTip(Tr::tr("Run the tests of every target this change reaches"));
    auto *reachPane = new QWidget(this);
    auto *reachLayout = new QVBoxLayout(reachPane);
    reachLayout->setContentsMargins(0, 0, 0, 0);
    m_reachTitle->setWordWrap(true);
    reachLayout->addWidget(m_reachTitle);
    reachLayout->addWidget(m_reach, 1);
    reachLayout->addWidget(m_testButton, 0, Qt::AlignRight);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_table);
    splitter->addWidget(reachPane);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    m_rawDiff->setReadOnly(true);
    m_rawDiff->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_rawDiff->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_highlighter = new KSyntaxHighlighting::SyntaxHighlighter(m_rawDiff->document());
    m_highlighter->setDefinition(m_repository->definitionForName(QStringLiteral("Diff")));
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    m_highlighter->setTheme(m_repository->defaultTheme(dark ? KSyntaxHighlighting::Repository::DarkTheme
                                                            : KSyntaxHighlighting::Repository::LightTheme));

    m_tabs->setDocumentMode(true);
    // The filter sits beside the Changes/Raw Diff tabs: the bar above stays narrow enough
    // for a 1024 px window with the docks open.
    m_tabs->setCornerWidget(m_filter, Qt::TopRightCorner);
    m_tabs->addTab(splitter, Tr::tr("Changes"));
    m_tabs->addTab(m_rawDiff, Tr::tr("Raw Diff"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_status);
    layout->addWidget(m_tabs, 1);

    connect(refresh, &QPushButton::clicked, this, &LockfilesView::refresh);
    connect(m_lockfile, &QComboBox::activated, this, &LockfilesView::refresh);
    connect(m_base, &QComboBox::activated, this, &LockfilesView::refresh);
    connect(m_head, &QComboBox::activated, this, &LockfilesView::refresh);
    connect(m_base->lineEdit(), &QLineEdit::returnPressed, this, &LockfilesView::refresh);
    connect(m_head->lineEdit(), &QLineEdit::returnPressed, this, &LockfilesView::refresh);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &LockfilesView::onCurrentRowChanged);
    connect(m_reach, &QTextBrowser::anchorClicked, this, &LockfilesView::onAnchorClicked);
    connect(m_testButton, &QPushButton::clicked, this, &LockfilesView::onTestClicked);
    showReach(nullptr);
}

LockfilesView::~LockfilesView()
{
    // The workers only hold shared snapshots, but do not leave them running past the view.
    if (m_watcher)
        m_watcher->waitForFinished();
    if (m_refsWatcher)
        m_refsWatcher->waitForFinished();
}

void LockfilesView::setSnapshot(const SnapshotPtr &snapshot)
{
    const QString previous = m_lockfile->currentText();
    m_snapshot = snapshot;
    m_refs = lockfile::lockfilesFromOptions(snapshot->workspace->options(), {});
    m_lockfile->clear();
    for (const lockfile::LockfileRef &ref : m_refs)
        m_lockfile->addItem(ref.resolve.empty() ? qs(ref.path) : Tr::tr("%1 (%2)").arg(qs(ref.path), qs(ref.resolve)));
    if (const int index = m_lockfile->findText(previous); index >= 0)
        m_lockfile->setCurrentIndex(index);

    if (m_base->count() == 0 && m_base->currentText().isEmpty())
        m_base->setEditText(QStringLiteral("HEAD"));
    if (m_head->count() == 0)
        m_head->addItem(Tr::tr("Working tree"), QString());

    if (!m_refsWatcher) {
        m_refsWatcher = std::make_unique<QFutureWatcher<Refs>>();
        connect(m_refsWatcher.get(), &QFutureWatcher<Refs>::finished, this, &LockfilesView::onRefsLoaded);
        m_refsWatcher->setFuture(QtConcurrent::run(base::workerPool(), &LockfilesView::loadRefs, snapshot->rootPath));
    }
    m_refreshWhenShown->request();
}

LockfilesView::Refs LockfilesView::loadRefs(const QString &rootPath)
{
    Refs refs;
    auto repo = vcs::Repository::open(rootPath.toStdString());
    if (!repo)
        return refs;
    if (auto branches = (*repo)->branches())
        for (const std::string &b : *branches)
            refs.branches << qs(b);
    if (auto tags = (*repo)->tags())
        for (const vcs::TagInfo &t : *tags)
            refs.tags << qs(t.name);
    if (auto commits = (*repo)->recentCommits(kRecentCommits))
        for (const vcs::CommitInfo &c : *commits)
            refs.commits.append({qs(c.hash), qs(c.shortHash()) + QLatin1Char(' ') + qs(c.summary)});
    return refs;
}

void LockfilesView::onRefsLoaded()
{
    const Refs refs = m_refsWatcher->result();
    m_refsWatcher.reset();
    for (QComboBox *combo : {m_base, m_head}) {
        const QString text = combo->currentText();
        const int current = combo->currentIndex();
        for (const QString &b : refs.branches)
            combo->addItem(b, b);
        for (const QString &t : refs.tags)
            combo->addItem(t, t);
        for (const auto &[hash, label] : refs.commits)
            combo->addItem(label, hash);
        // Adding items must not change what the user typed or picked.
        if (combo == m_head && current >= 0)
            combo->setCurrentIndex(current);
        else
            combo->setEditText(text);
    }
}

QString LockfilesView::revisionOf(const QComboBox *combo)
{
    const QString text = combo->currentText().trimmed();
    const int index = combo->findText(text);
    if (index >= 0 && combo->itemData(index).isValid())
        return combo->itemData(index).toString();
    return text;
}

void LockfilesView::refresh()
{
    if (!m_snapshot || m_lockfile->currentIndex() < 0) {
        m_model->clear();
        m_status->setText(m_snapshot ? Tr::tr("No lockfiles: set [python].enable_resolves and [python].resolves in pants.toml.")
                                     : QString());
        return;
    }
    if (m_watcher) {
        m_pending = true;
        return;
    }
    const std::string base = revisionOf(m_base).toStdString();
    const QString headText = revisionOf(m_head);
    const std::optional<std::string> head = headText.isEmpty() ? std::nullopt : std::optional(headText.toStdString());
    if (base.empty()) {
        m_status->setText(Tr::tr("Enter a base revision."));
        return;
    }
    m_status->setText(Tr::tr("Comparing…"));
    m_watcher = std::make_unique<QFutureWatcher<Outcome>>();
    connect(m_watcher.get(), &QFutureWatcher<Outcome>::finished, this, &LockfilesView::onComputed);
    m_watcher->setFuture(QtConcurrent::run(base::workerPool(), &LockfilesView::compute, m_snapshot, m_refs[size_t(m_lockfile->currentIndex())], base, head));
}

LockfilesView::Outcome LockfilesView::compute(SnapshotPtr snapshot, lockfile::LockfileRef ref, std::string base,
                                              std::optional<std::string> head)
{
    Outcome out;
    const std::string root = snapshot->workspace->buildRoot();
    auto repo = vcs::Repository::open(root);
    if (!repo) {
        out.error = qs(repo.diagnostics().empty() ? std::string("not a git repository") : repo.diagnostics().front().message);
        return out;
    }
    const lockfile::RevisionReader baseReader(repo->get(), root, base);
    const lockfile::RevisionReader headReader(repo->get(), root, head);
    auto diff = lockfile::diffLockfileRevisions(baseReader, headReader, ref);
    if (!diff) {
        QStringList errors;
        for (const auto &d : diff.diagnostics())
            errors << qs(d.message);
        out.error = errors.join(QLatin1Char('\n'));
        return out;
    }
    out.diff = std::move(*diff);
    auto b = lockfile::loadLockfile(baseReader, ref);
    auto h = lockfile::loadLockfile(headReader, ref);
    if (snapshot->graph) {
        out.reach = lockfile::computeReach(*snapshot->graph, out.diff, b ? &*b : nullptr, h ? &*h : nullptr);
        lockfile::applyReach(out.diff, out.reach);
    }
    auto baseText = baseReader.read(ref.path);
    auto headText = headReader.read(ref.path);
    if (baseText && headText)
        out.rawDiff = qs(release::unifiedDiff(ref.path, *baseText, *headText));
    return out;
}

void LockfilesView::onComputed()
{
    Outcome out = m_watcher->result();
    m_watcher.reset();
    if (m_pending) {
        m_pending = false;
        refresh();
        return;
    }
    m_reachResult = std::move(out.reach);
    m_shownGraph = m_snapshot ? m_snapshot->graph : nullptr;
    if (!out.error.isEmpty()) {
        m_model->clear();
        m_rawDiff->clear();
        m_status->setText(Tr::tr("Cannot compare: %1").arg(out.error));
    } else {
        m_model->setDiff(out.diff);
        m_rawDiff->setPlainText(out.rawDiff);
        const int changed = m_model->rowCount();
        m_status->setText(changed == 0 ? Tr::tr("No package changed.") : Tr::tr("%n package(s) changed", nullptr, changed));
        m_table->resizeColumnsToContents();
    }
    showReach(nullptr);
    Q_EMIT diffReady();
}

void LockfilesView::onCurrentRowChanged()
{
    const QModelIndex index = m_table->selectionModel()->currentIndex();
    if (!index.isValid()) {
        showReach(nullptr);
        return;
    }
    const QString name = index.data(LockfileChangeModel::NameRole).toString();
    showReach(m_reachResult.find(name.toStdString()));
}

void LockfilesView::showReach(const lockfile::PackageReach *reach)
{
    m_reach->clear();
    m_testButton->setEnabled(false);
    if (!reach || !m_shownGraph) {
        m_reachTitle->setText(reach ? Tr::tr("Reach is unknown: the dependency graph is not loaded.")
                                    : Tr::tr("Select a package to see the targets its change reaches."));
        return;
    }
    m_reachTitle->setText(Tr::tr("%1 reaches %n target(s)", nullptr, int(reach->transitiveDependents.size()))
                              .arg(qs(reach->name)));
    QString html;
    auto section = [&](const QString &title, const std::vector<graph::NodeId> &nodes) {
        html += QStringLiteral("<h4>%1</h4>").arg(title.toHtmlEscaped());
        if (nodes.empty()) {
            html += QStringLiteral("<p><i>%1</i></p>").arg(Tr::tr("none").toHtmlEscaped());
            return;
        }
        html += QStringLiteral("<ul>");
        for (graph::NodeId n : nodes) {
            const QString address = qs(m_shownGraph->address(n).toString());
            html += QStringLiteral("<li><a href=\"target:%1\">%2</a></li>").arg(n).arg(address.toHtmlEscaped());
        }
        html += QStringLiteral("</ul>");
    };
    section(Tr::tr("Requirement targets"), reach->requirementTargets);
    section(Tr::tr("Direct dependents"), reach->directDependents);
    section(Tr::tr("Direct and transitive dependents"), reach->transitiveDependents);
    m_reach->setHtml(html);
    m_testButton->setEnabled(!reach->transitiveDependents.empty());
}

QStringList LockfilesView::reachedAddresses() const
{
    QStringList out;
    const QModelIndex index = m_table->selectionModel()->currentIndex();
    if (!index.isValid() || !m_shownGraph)
        return out;
    if (const lockfile::PackageReach *reach = m_reachResult.find(index.data(LockfileChangeModel::NameRole).toString().toStdString()))
        for (graph::NodeId n : reach->transitiveDependents)
            out << qs(m_shownGraph->address(n).toString());
    return out;
}

void LockfilesView::onAnchorClicked(const QUrl &url)
{
    if (url.scheme() != QLatin1String("target") || !m_shownGraph || !m_snapshot || m_snapshot->graph != m_shownGraph)
        return;
    bool ok = false;
    const int node = url.path().toInt(&ok);
    if (ok && node >= 0 && node < m_shownGraph->nodeCount())
        Q_EMIT targetActivated(node);
}

void LockfilesView::onTestClicked()
{
    const QStringList addresses = reachedAddresses();
    if (!addresses.isEmpty())
        Q_EMIT testRequested(addresses);
}

} // namespace trellis::ui
