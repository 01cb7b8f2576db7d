#include "ui/release/releaseview.h"

#include "ui/release/checklisttext.h"

#include "ui/mainwindow.h"
#include "ui/release/newfragmentdialog.h"
#include "ui/release/releasewizard.h"
#include "ui/run/runworkbench.h"
#include "ui/typeicons.h"
#include "ui/uitr.h"
#include "ui/views/refreshwhenshown.h"
#include "ui/workspacesnapshot.h"
#include "ui/workspacecontroller.h"

#include "core/base/workerpool.h"
#include <QDir>
#include <QFile>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace trellis::ui {

namespace {

constexpr int kIdRole = Qt::UserRole;        ///< checklist: item id; fragments: build-root relative path
constexpr int kStateRole = Qt::UserRole + 1; ///< checklist: checkStateName()

/// A filled circle: green for Pass, red for Fail, grey for Unknown.
QIcon stateIcon(release::CheckState state)
{
    QColor colour(0x9e, 0x9e, 0x9e);
    if (state == release::CheckState::Pass)
        colour = QColor(0x2e, 0x7d, 0x32);
    else if (state == release::CheckState::Fail)
        colour = QColor(0xc6, 0x28, 0x28);
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(colour.darker(130));
    painter.setBrush(colour);
    painter.drawEllipse(QRectF(2.5, 2.5, 11, 11));
    return QIcon(pixmap);
}

QString stateText(release::CheckState state)
{
    switch (state) {
    case release::CheckState::Pass:
        return Tr::tr("passed");
    case release::CheckState::Fail:
        return Tr::tr("failed");
    case release::CheckState::Unknown:
        break;
    }
    return Tr::tr("unknown");
}

QString firstLine(const std::string &text)
{
    const QString s = qs(text).trimmed();
    const qsizetype nl = s.indexOf(QLatin1Char('\n'));
    return nl < 0 ? s : s.left(nl) + QStringLiteral(" …");
}

} // namespace

ReleaseView::ReleaseView(MainWindow *window)
    : QWidget(window)
    , m_window(window)
    , m_refreshWhenShown(new RefreshWhenShown(this, [this] { refresh(); }))
    , m_version(new QLabel(this))
    , m_details(new QLabel(this))
    , m_busy(new QLabel(this))
    , m_refresh(new QPushButton(Tr::tr("&Refresh"), this))
    , m_prepare(new QPushButton(Tr::tr("&Prepare Release…"), this))
    , m_undo(new QPushButton(Tr::tr("&Undo Last Prepared Release"), this))
    , m_checklist(new QTreeWidget(this))
    , m_fragments(new QTreeWidget(this))
    , m_newFragment(new QPushButton(Tr::tr("&New Fragment…"), this))
    , m_openFragment(new QPushButton(Tr::tr("&Open"), this))
    , m_deleteFragment(new QPushButton(Tr::tr("&Delete…"), this))
    , m_draftTitle(new QLabel(this))
    , m_rendered(new QTextBrowser(this))
    , m_raw(new QPlainTextEdit(this))
{
    QFont big = m_version->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    m_version->setFont(big);
    m_version->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_prepare->setToolTip(Tr::tr("Choose the version, review the plan, then write VERSION and the changelog, delete the fragments, commit and tag."));
    m_undo->setToolTip(Tr::tr("Delete the release tag at HEAD and reset the branch to the commit before it (only while not pushed)."));

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_prepare);
    buttons->addWidget(m_undo);
    buttons->addWidget(m_refresh);
    buttons->addStretch(1);
    auto *headerText = new QVBoxLayout;
    headerText->addWidget(m_version);
    headerText->addWidget(m_details);
    headerText->addWidget(m_busy);
    headerText->addStretch(1);
    auto *header = new QHBoxLayout;
    header->addLayout(headerText, 1);
    header->addLayout(buttons);

    m_checklist->setColumnCount(3);
    m_checklist->setHeaderLabels({Tr::tr("Check"), Tr::tr("Detail"), Tr::tr("Fix")});
    m_checklist->setRootIsDecorated(false);
    m_checklist->setUniformRowHeights(false);
    // Check and Detail share the width left by the fix-it buttons and wrap their text
    // (long Korean/Japanese check names would otherwise squeeze Detail to "…" and push the
    // buttons out of view).
    m_checklist->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_checklist->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_checklist->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_checklist->header()->setStretchLastSection(false);
    m_checklist->setWordWrap(true);
    // Five rows at least; the splitter gives it more when the window has the height.
    m_checklist->setMinimumHeight(m_checklist->fontMetrics().height() * 6);
    auto *checklistBox = new QGroupBox(Tr::tr("Readiness Checklist"), this);
    (new QVBoxLayout(checklistBox))->addWidget(m_checklist);

    m_fragments->setColumnCount(2);
    m_fragments->setHeaderLabels({Tr::tr("Fragment"), Tr::tr("Text")});
    m_fragments->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    auto *fragmentButtons = new QHBoxLayout;
    fragmentButtons->addWidget(m_newFragment);
    fragmentButtons->addWidget(m_openFragment);
    fragmentButtons->addWidget(m_deleteFragment);
    fragmentButtons->addStretch(1);
    auto *fragmentBox = new QGroupBox(Tr::tr("News Fragments"), this);
    auto *fragmentLayout = new QVBoxLayout(fragmentBox);
    fragmentLayout->addWidget(m_fragments);
    fragmentLayout->addLayout(fragmentButtons);

    m_raw->setReadOnly(true);
    m_raw->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_rendered->setOpenExternalLinks(true);
    // Three lines at least (Qt's default minimum is five): the page must fit a 700 px
    // window with the run dock open; the splitter hands out the rest.
    for (QAbstractScrollArea *area : std::initializer_list<QAbstractScrollArea *>{m_fragments, m_raw, m_rendered})
        area->setMinimumHeight(area->fontMetrics().height() * 3);
    auto *changelogTabs = new QTabWidget(this);
    changelogTabs->setDocumentMode(true);
    changelogTabs->addTab(m_rendered, Tr::tr("Rendered"));
    changelogTabs->addTab(m_raw, Tr::tr("Raw"));
    auto *changelogBox = new QGroupBox(Tr::tr("Changelog Preview"), this);
    auto *changelogLayout = new QVBoxLayout(changelogBox);
    changelogLayout->addWidget(m_draftTitle);
    changelogLayout->addWidget(changelogTabs);

    // The checklist spans the width (its rows are long); fragments and the draft share the rest.
    auto *bottom = new QSplitter(Qt::Horizontal, this);
    bottom->addWidget(fragmentBox);
    bottom->addWidget(changelogBox);
    bottom->setStretchFactor(0, 1);
    bottom->setStretchFactor(1, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(checklistBox);
    split->addWidget(bottom);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(split, 1);

    connect(m_refresh, &QPushButton::clicked, this, &ReleaseView::refresh);
    connect(m_prepare, &QPushButton::clicked, this, &ReleaseView::showWizard);
    connect(m_undo, &QPushButton::clicked, this, &ReleaseView::onUndoRelease);
    connect(m_newFragment, &QPushButton::clicked, this, &ReleaseView::showNewFragmentDialog);
    connect(m_openFragment, &QPushButton::clicked, this, &ReleaseView::onOpenFragment);
    connect(m_deleteFragment, &QPushButton::clicked, this, &ReleaseView::onDeleteFragment);
    connect(m_fragments, &QTreeWidget::itemActivated, this, &ReleaseView::onOpenFragment);
    connect(m_fragments, &QTreeWidget::currentItemChanged, this, &ReleaseView::updateFragmentActions);
    connect(m_window, &MainWindow::snapshotShown, m_refreshWhenShown, &RefreshWhenShown::request);
    connect(m_window->controller(), &WorkspaceController::closed, this, &ReleaseView::onWorkspaceClosed);
    if (RunWorkbench *run = m_window->runWorkbench())
        connect(run->controller(), &RunController::runFinished, m_refreshWhenShown, &RefreshWhenShown::request);
    showStatus();
}

ReleaseView::~ReleaseView() = default;

void ReleaseView::refresh()
{
    const SnapshotPtr snapshot = m_window->controller()->snapshot();
    if (!snapshot)
        return;
    if (m_watcher) {
        m_refreshPending = true;
        return;
    }
    m_busy->setText(Tr::tr("Computing the release status…"));
    m_watcher = std::make_unique<QFutureWatcher<StatusJob>>();
    connect(m_watcher.get(), &QFutureWatcher<StatusJob>::finished, this, &ReleaseView::onStatusComputed);
    m_watcher->setFuture(QtConcurrent::run(base::workerPool(), computeStatusJob, snapshot->rootPath, snapshot->workspace, m_lockfilesReviewed));
}

void ReleaseView::onStatusComputed()
{
    m_job = m_watcher->result();
    m_watcher.reset();
    if (m_refreshPending) {
        m_refreshPending = false;
        refresh();
        return;
    }
    if (m_busy->text() == Tr::tr("Computing the release status…"))
        m_busy->clear();
    showStatus();
    Q_EMIT statusUpdated();
}

void ReleaseView::onWorkspaceClosed()
{
    m_job = StatusJob();
    m_lockfilesReviewed = false;
    showStatus();
}

void ReleaseView::showStatus()
{
    m_checklist->clear();
    m_fragments->clear();
    const bool has = m_job.status.has_value();
    m_prepare->setEnabled(has);
    m_newFragment->setEnabled(has);
    m_refresh->setEnabled(m_window->controller()->snapshot() != nullptr);
    if (!has) {
        m_version->setText(Tr::tr("No release status"));
        m_details->setText(m_job.error.isEmpty() ? Tr::tr("Open a workspace to see its release status.") : m_job.error);
        m_undo->setEnabled(false);
        m_draftTitle->clear();
        m_rendered->clear();
        m_raw->clear();
        updateFragmentActions();
        return;
    }
    const release::ReleaseStatus &st = *m_job.status;

    // Header.
    m_version->setText(st.version ? Tr::tr("Version %1").arg(qs(st.version->normalized))
                                  : Tr::tr("%1 is missing or invalid").arg(qs(st.versionFile)));
    QStringList facts;
    if (st.version)
        facts << Tr::tr("Scheme: %1").arg(qs(release::schemeName(st.version->scheme)));
    if (!st.isGitRepository)
        facts << Tr::tr("Not a git repository");
    else if (st.latestTag)
        facts << Tr::tr("Last release: %1, commits since: %2").arg(qs(st.latestTag->name)).arg(st.commitsSinceTag);
    else
        facts << Tr::tr("No release tag yet");
    if (st.isGitRepository) {
        facts << (st.worktree.detached ? Tr::tr("Detached HEAD") : Tr::tr("Branch: %1").arg(qs(st.worktree.branch)));
        facts << (st.worktree.clean ? Tr::tr("Worktree clean") : Tr::tr("Uncommitted changes: %1").arg(st.worktree.changes.size()));
    }
    QStringList distributions;
    for (const release::DistributionInfo &d : st.distributions)
        distributions << QStringLiteral("%1 %2").arg(qs(d.artifactName), qs(d.version));
    if (!distributions.isEmpty())
        facts << Tr::tr("Distributions: %1").arg(distributions.join(QStringLiteral(", ")));
    QStringList lines{facts.join(QStringLiteral(" · "))};
    for (const std::string &n : st.notes)
        lines << Tr::tr("Note: %1").arg(qs(n));
    for (const base::Diagnostic &d : st.diagnostics)
        lines << qs(d.format());
    m_details->setText(lines.join(QLatin1Char('\n')));
    // Undo is offered while HEAD carries a release tag and nothing is uncommitted;
    // undoLastRelease re-checks everything (message, upstream) before touching anything.
    m_undo->setEnabled(!st.headTags.empty() && st.worktree.clean);

    // Checklist.
    for (const release::ChecklistItem &item : st.checklist) {
        auto *row = new QTreeWidgetItem(m_checklist);
        row->setIcon(0, stateIcon(item.state));
        row->setText(0, checklistTitle(item));
        row->setText(1, checklistDetail(item));
        row->setData(0, kIdRole, qs(item.id));
        row->setData(0, kStateRole, QString::fromLatin1(release::checkStateName(item.state)));
        const QString tip = stateText(item.state) + (item.fixIt.empty() ? QString() : QStringLiteral("\n") + Tr::tr("Hint: %1").arg(qs(item.fixIt)));
        row->setToolTip(0, tip);
        row->setToolTip(1, checklistDetail(item) + QStringLiteral("\n") + tip);
        QString actionText;
        const QString id = qs(item.id);
        if (id == QLatin1String("tests") && item.state != release::CheckState::Pass)
            actionText = Tr::tr("Run Tests of Changed Targets");
        else if (id == QLatin1String("lockfiles") && item.state == release::CheckState::Fail)
            actionText = Tr::tr("Mark Lockfiles Reviewed");
        else if (id == QLatin1String("version") && item.state != release::CheckState::Pass)
            actionText = Tr::tr("Choose a Version…");
        else if (id == QLatin1String("fragments") && item.state == release::CheckState::Fail)
            actionText = Tr::tr("New Fragment…");
        if (!actionText.isEmpty()) {
            auto *button = new QPushButton(actionText, m_checklist);
            button->setToolTip(tip);
            connect(button, &QPushButton::clicked, this, [this, id] { runFixIt(id); });
            m_checklist->setItemWidget(row, 2, button);
        }
    }

    // Fragments, grouped by type, then the problems.
    for (const release::FragmentGroup &group : st.fragments.groups) {
        auto *top = new QTreeWidgetItem(m_fragments);
        top->setText(0, QStringLiteral("%1 (%2)").arg(qs(group.type.name)).arg(group.fragments.size()));
        top->setToolTip(0, Tr::tr("Fragments named ISSUE.%1.md").arg(qs(group.type.directory)));
        top->setFlags(Qt::ItemIsEnabled);
        if (group.fragments.empty())
            top->setForeground(0, palette().color(QPalette::Disabled, QPalette::Text));
        for (const release::Fragment &f : group.fragments) {
            auto *row = new QTreeWidgetItem(top);
            row->setIcon(0, TypeIcons::file());
            row->setText(0, qs(f.fileName));
            row->setText(1, firstLine(f.content));
            row->setToolTip(1, qs(f.content));
            row->setData(0, kIdRole, qs(f.path));
        }
    }
    if (!st.fragments.problems.empty()) {
        auto *top = new QTreeWidgetItem(m_fragments);
        top->setText(0, Tr::tr("Problems (%1)").arg(st.fragments.problems.size()));
        top->setIcon(0, TypeIcons::error());
        top->setFlags(Qt::ItemIsEnabled);
        const QColor red(0xc6, 0x28, 0x28);
        top->setForeground(0, red);
        for (const release::FragmentProblem &p : st.fragments.problems) {
            auto *row = new QTreeWidgetItem(top);
            row->setIcon(0, TypeIcons::error());
            row->setText(0, QDir(qs(p.path)).dirName());
            row->setText(1, qs(p.message) + (p.hint.empty() ? QString() : QStringLiteral(" (%1)").arg(qs(p.hint))));
            row->setForeground(0, red);
            row->setForeground(1, red);
            row->setData(0, kIdRole, qs(p.path));
        }
    }
    m_fragments->expandAll();
    updateFragmentActions();

    // Changelog draft.
    m_draftTitle->setText(Tr::tr("Draft of %1 for %2, as towncrier would insert it:")
                              .arg(m_job.draftFile.isEmpty() ? qs(st.towncrier.filename) : m_job.draftFile, m_job.draftVersion.isEmpty() ? Tr::tr("the next version") : m_job.draftVersion));
    if (st.towncrier.isMarkdown())
        m_rendered->setMarkdown(m_job.draft);
    else
        m_rendered->setPlainText(m_job.draft);
    m_raw->setPlainText(m_job.draft);
}

bool ReleaseView::runFixIt(const QString &itemId)
{
    if (itemId == QLatin1String("tests")) {
        RunWorkbench *run = m_window->runWorkbench();
        return run && run->runChanged(GoalKind::Test);
    }
    if (itemId == QLatin1String("lockfiles")) {
        // Bring the Lockfiles tab (when the window has one) to the front for the review.
        QTabWidget *tabs = m_window->centreTabs();
        for (int i = 0; i < tabs->count(); ++i) {
            if (tabs->tabText(i) == Tr::tr("Lockfiles"))
                tabs->setCurrentIndex(i);
        }
        m_lockfilesReviewed = true;
        refresh();
        return true;
    }
    if (itemId == QLatin1String("version"))
        return showWizard() != nullptr;
    if (itemId == QLatin1String("fragments"))
        return showNewFragmentDialog() != nullptr;
    return false;
}

QPushButton *ReleaseView::fixItButton(const QString &itemId) const
{
    for (int i = 0; i < m_checklist->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_checklist->topLevelItem(i);
        if (item->data(0, kIdRole).toString() == itemId)
            return qobject_cast<QPushButton *>(m_checklist->itemWidget(item, 2));
    }
    return nullptr;
}

NewFragmentDialog *ReleaseView::showNewFragmentDialog()
{
    if (!m_job.status)
        return nullptr;
    auto *dialog = new NewFragmentDialog(qs(m_job.status->buildRoot), m_job.status->towncrier, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, &ReleaseView::refresh);
    dialog->open();
    return dialog;
}

ReleaseWizard *ReleaseView::showWizard()
{
    const SnapshotPtr snapshot = m_window->controller()->snapshot();
    if (!m_job.status || !snapshot)
        return nullptr;
    auto *wizard = new ReleaseWizard(qs(m_job.status->buildRoot), snapshot->workspace, *m_job.status, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &ReleaseWizard::repositoryChanged, this, &ReleaseView::refresh);
    wizard->open();
    return wizard;
}

QString ReleaseView::selectedFragmentPath() const
{
    const QTreeWidgetItem *item = m_fragments->currentItem();
    return item ? item->data(0, kIdRole).toString() : QString();
}

void ReleaseView::updateFragmentActions()
{
    const bool selected = !selectedFragmentPath().isEmpty();
    m_openFragment->setEnabled(selected);
    m_deleteFragment->setEnabled(selected);
}

void ReleaseView::onOpenFragment()
{
    const QString path = selectedFragmentPath();
    if (!path.isEmpty())
        m_window->openLocation(path, 1);
}

void ReleaseView::onDeleteFragment()
{
    const QString path = selectedFragmentPath();
    if (path.isEmpty() || !m_job.status)
        return;
    const QString absolute = QDir(qs(m_job.status->buildRoot)).filePath(path);
    auto *box = new QMessageBox(QMessageBox::Question, Tr::tr("Delete Fragment"), Tr::tr("Delete %1?").arg(path),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, absolute, path](int button) {
        if (button != QMessageBox::Yes)
            return;
        m_busy->setText(QFile::remove(absolute) ? QString() : Tr::tr("Cannot delete %1.").arg(path));
        refresh();
    });
    box->open();
}

void ReleaseView::onUndoRelease()
{
    if (!m_job.status || m_undoWatcher)
        return;
    const QString root = qs(m_job.status->buildRoot);
    auto *box = new QMessageBox(QMessageBox::Question, Tr::tr("Undo Release"),
                                Tr::tr("Delete the tag and reset the branch to the commit before the release?"),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, root](int button) {
        if (button != QMessageBox::Yes)
            return;
        m_undo->setEnabled(false);
        m_busy->setText(Tr::tr("Undoing the last prepared release…"));
        m_undoWatcher = std::make_unique<QFutureWatcher<UndoJob>>();
        connect(m_undoWatcher.get(), &QFutureWatcher<UndoJob>::finished, this, [this] {
            const UndoJob job = m_undoWatcher->result();
            m_undoWatcher.reset();
            if (job.report)
                m_busy->setText(Tr::tr("Undone: deleted tag %1, reset %2 from %3 to %4; files restored.")
                                    .arg(qs(job.report->tagName), qs(job.report->branch), qs(job.report->removedCommit.substr(0, 10)),
                                         qs(job.report->resetTo.substr(0, 10))));
            else
                m_busy->setText(Tr::tr("Undo refused:\n%1").arg(job.error));
            refresh();
        });
        m_undoWatcher->setFuture(QtConcurrent::run(base::workerPool(), undoJob, root));
    });
    box->open();
}

} // namespace trellis::ui
