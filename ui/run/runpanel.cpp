#include "ui/run/runpanel.h"

#include "ui/run/runcontroller.h"
#include "ui/run/runfilterproxymodel.h"
#include "ui/run/runicons.h"
#include "ui/run/runresultmodel.h"
#include "ui/run/tracebackframes.h"
#include "ui/uitr.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QAction>
#include <QCheckBox>
#include <QDateTime>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QMouseEvent>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBlock>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

namespace trellis::ui {

namespace {

enum HistoryColumn { WhenColumn, GoalColumn, SpecsColumn, BaseColumn, OutcomeColumn, HistoryDurationColumn };
constexpr int kRunIdRole = Qt::UserRole + 1;
constexpr int kFileRole = Qt::UserRole + 2;
constexpr int kLineRole = Qt::UserRole + 3;

QString secondsText(qint64 ms)
{
    if (ms < 60000)
        return Tr::tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
    return Tr::tr("%1 min %2 s").arg(ms / 60000).arg((ms % 60000) / 1000);
}

RunStatus outcomeStatus(const goals::RunRecord &r)
{
    if (r.failedCount() > 0)
        return RunStatus::Failed;
    return r.cancelled ? RunStatus::Cancelled : RunStatus::Passed;
}

QString coloured(const QString &text, RunStatus status)
{
    return QStringLiteral("<span style=\"color:%1\">%2</span>").arg(RunIcons::color(status).name(), text.toHtmlEscaped());
}

} // namespace

RunPanel::RunPanel(RunController *controller, KSyntaxHighlighting::Repository *repository, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_repository(repository)
    , m_proxy(new RunFilterProxyModel(this))
    , m_toolBar(new QToolBar(this))
    , m_filter(new QLineEdit(this))
    , m_failedOnly(new QCheckBox(Tr::tr("Failed only"), this))
    , m_slowestFirst(new QToolButton(this))
    , m_progress(new QProgressBar(this))
    , m_counts(new QLabel(this))
    , m_estimate(new QLabel(this))
    , m_envRow(new QWidget(this))
    , m_envLabel(new QLabel(m_envRow))
    , m_envProgress(new QProgressBar(m_envRow))
    , m_envCancel(new QPushButton(Tr::tr("Cancel"), m_envRow))
    , m_tick(new QTimer(this))
    , m_tabs(new QTabWidget(this))
{
    m_proxy->setSourceModel(controller->model());

    m_toolBar->setIconSize(QSize(16, 16));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_filter->setPlaceholderText(Tr::tr("Filter results"));
    m_filter->setToolTip(Tr::tr("Show only targets and tests whose name contains this text"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMaximumWidth(260);
    m_failedOnly->setToolTip(Tr::tr("Show only failed, errored and timed-out results"));
    m_slowestFirst->setText(Tr::tr("Slowest First"));
    m_slowestFirst->setToolTip(Tr::tr("Sort by duration, slowest first; off restores the run order"));
    m_slowestFirst->setCheckable(true);
    m_slowestFirst->setAutoRaise(true);
    auto *spacer = new QWidget(this);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_firstToolAction = m_toolBar->addWidget(spacer);
    m_toolBar->addWidget(m_filter);
    m_toolBar->addWidget(m_failedOnly);
    m_toolBar->addWidget(m_slowestFirst);

    m_progress->setMaximumHeight(14);
    m_progress->setTextVisible(false);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_counts->setTextFormat(Qt::RichText);
    m_estimate->setForegroundRole(QPalette::PlaceholderText);
    m_tick->setInterval(1000);

    auto *progressRow = new QHBoxLayout;
    progressRow->setContentsMargins(6, 0, 6, 0);
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_counts);
    progressRow->addSpacing(12);
    progressRow->addWidget(m_estimate);

    // The Python environment a run builds before its tests can start.
    m_envLabel->setObjectName(QStringLiteral("environmentLabel"));
    m_envLabel->setTextFormat(Qt::PlainText);
    m_envProgress->setMaximumHeight(14);
    m_envProgress->setRange(0, 0); // busy until the first artifact
    m_envCancel->setToolTip(Tr::tr("Stop building the Python environment and cancel the run"));
    connect(m_envCancel, &QPushButton::clicked, controller, &RunController::cancel);
    auto *envLayout = new QHBoxLayout(m_envRow);
    envLayout->setContentsMargins(6, 0, 6, 0);
    envLayout->addWidget(m_envLabel, 1);
    envLayout->addWidget(m_envProgress, 1);
    envLayout->addWidget(m_envCancel);
    m_envRow->hide();
    connect(controller, &RunController::environmentStep, this, [this](const QString &step) {
        m_envLabel->setText(Tr::tr("Python environment: %1").arg(step));
        m_envRow->show();
    });
    connect(controller, &RunController::environmentArtifact, this,
            [this](const QString &resolve, const QString &what, int index, int total, qint64 bytes) {
                m_envBytes += bytes;
                m_envProgress->setRange(0, qMax(1, total));
                m_envProgress->setValue(index);
                m_envLabel->setText(Tr::tr("Python environment %1: %2 of %3 packages, %4 downloaded — %5")
                                        .arg(resolve)
                                        .arg(index)
                                        .arg(total)
                                        .arg(QLocale().formattedDataSize(m_envBytes))
                                        .arg(what));
                m_envRow->show();
            });
    // Tests starting (or the run ending) means the environment is done.
    connect(controller->model(), &RunResultModel::countsChanged, this, [this] {
        if (m_controller->model()->counts().finished() > 0 || m_controller->model()->counts().running > 0)
            m_envRow->hide();
    });

    m_tabs->setDocumentMode(true);
    m_tabs->addTab(createResultsPage(), Tr::tr("Results"));
    m_tabs->addTab(createHistoryPage(), Tr::tr("History"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_toolBar);
    layout->addLayout(progressRow);
    layout->addWidget(m_envRow);
    layout->addWidget(m_tabs, 1);
    // Three lines at least (Qt's default minimum is five), so the dock fits a 700 px
    // window under the centre; dragging the dock's edge gives it more.
    for (QAbstractScrollArea *area :
         std::initializer_list<QAbstractScrollArea *>{m_results, m_traceback, m_output, m_history, m_comparison})
        area->setMinimumHeight(area->fontMetrics().height() * 3);

    connect(m_filter, &QLineEdit::textChanged, this, &RunPanel::setFilterText);
    connect(m_failedOnly, &QCheckBox::toggled, this, &RunPanel::setFailedOnly);
    connect(m_slowestFirst, &QToolButton::toggled, this, &RunPanel::setSlowestFirst);
    connect(m_tick, &QTimer::timeout, this, &RunPanel::onTick);
    connect(controller, &RunController::runStarted, this, &RunPanel::onRunStarted);
    connect(controller, &RunController::runFinished, this, &RunPanel::onRunFinished);
    connect(controller, &RunController::historyChanged, this, &RunPanel::onHistoryChanged);
    connect(controller->model(), &RunResultModel::countsChanged, this, &RunPanel::onCountsChanged);
    connect(controller->model(), &RunResultModel::outputAppended, this, &RunPanel::onOutputAppended);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &RunPanel::onRowsInserted);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, [this] {
        m_results->expandToDepth(0);
        m_shownProcess = -1;
        m_followOutput = true;
        m_output->clear();
        showDetails({});
    });
    onCountsChanged();
    onHistoryChanged();
}

QWidget *RunPanel::createResultsPage()
{
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    m_results = new QTreeView(splitter);
    m_results->setModel(m_proxy);
    m_results->setUniformRowHeights(true);
    m_results->setFrameShape(QFrame::NoFrame);
    m_results->setSortingEnabled(true);
    m_results->sortByColumn(-1, Qt::AscendingOrder);
    m_results->header()->setSortIndicatorShown(true);
    m_results->header()->setStretchLastSection(false);
    m_results->header()->setSectionResizeMode(RunResultModel::NameColumn, QHeaderView::Stretch);
    m_results->header()->setSectionResizeMode(RunResultModel::StatusColumn, QHeaderView::ResizeToContents);
    m_results->header()->setSectionResizeMode(RunResultModel::DurationColumn, QHeaderView::ResizeToContents);
    connect(m_results->selectionModel(), &QItemSelectionModel::currentChanged, this, &RunPanel::onCurrentResultChanged);

    m_sideTabs = new QTabWidget(splitter);
    m_sideTabs->setDocumentMode(true);

    auto *details = new QWidget(m_sideTabs);
    m_message = new QLabel(details);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setTextFormat(Qt::PlainText);
    m_frames = new QListWidget(details);
    m_frames->setToolTip(Tr::tr("Frames of the traceback: double-click to open the source, right-click for the external editor"));
    m_frames->setContextMenuPolicy(Qt::CustomContextMenu);
    m_traceback = new QPlainTextEdit(details);
    m_traceback->setReadOnly(true);
    m_traceback->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_traceback->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_traceback->setPlaceholderText(Tr::tr("Select a test to see its message and traceback."));
    m_traceback->viewport()->installEventFilter(this);
    m_highlighter = new KSyntaxHighlighting::SyntaxHighlighter(m_traceback->document());
    m_highlighter->setDefinition(m_repository->definitionForName(QStringLiteral("Python")));
    auto *detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(4, 4, 4, 4);
    detailsLayout->addWidget(m_message);
    detailsLayout->addWidget(m_frames);
    detailsLayout->addWidget(m_traceback, 1);
    connect(m_frames, &QListWidget::itemActivated, this, &RunPanel::onFrameActivated);
    connect(m_frames, &QWidget::customContextMenuRequested, this, &RunPanel::onFramesContextMenu);

    m_output = new QPlainTextEdit(m_sideTabs);
    m_output->setReadOnly(true);
    m_output->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_output->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_output->setMaximumBlockCount(20000);
    m_output->setPlaceholderText(Tr::tr("Output of the selected target appears here while it runs."));

    m_sideTabs->addTab(details, Tr::tr("Details"));
    m_sideTabs->addTab(m_output, Tr::tr("Output"));
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    applyTheme();
    showDetails({});
    return splitter;
}

QWidget *RunPanel::createHistoryPage()
{
    auto *page = new QWidget(this);
    auto *splitter = new QSplitter(Qt::Horizontal, page);
    m_history = new QTreeWidget(splitter);
    m_history->setHeaderLabels({Tr::tr("When"), Tr::tr("Goal"), Tr::tr("Specs"), Tr::tr("Base Ref"), Tr::tr("Outcome"), Tr::tr("Duration")});
    m_history->setRootIsDecorated(false);
    m_history->setUniformRowHeights(true);
    m_history->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_history->setFrameShape(QFrame::NoFrame);
    m_history->setToolTip(Tr::tr("Past runs of this workspace; select two to compare them"));
    m_comparison = new QTreeWidget(splitter);
    m_comparison->setHeaderLabels({Tr::tr("Comparison")});
    m_comparison->setFrameShape(QFrame::NoFrame);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    m_openRun = new QPushButton(Tr::tr("Open Run"), page);
    m_openRun->setToolTip(Tr::tr("Show the selected run in the Results tab"));
    m_compare = new QPushButton(Tr::tr("Compare"), page);
    m_compare->setToolTip(Tr::tr("Show tests newly failing and fixed between the two selected runs"));
    m_deleteRun = new QPushButton(Tr::tr("Delete"), page);
    m_deleteRun->setToolTip(Tr::tr("Remove the selected runs from the history"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_openRun);
    buttons->addWidget(m_compare);
    buttons->addWidget(m_deleteRun);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 2, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(splitter, 1);

    connect(m_history, &QTreeWidget::itemSelectionChanged, this, &RunPanel::onHistorySelectionChanged);
    connect(m_history, &QTreeWidget::itemActivated, this, &RunPanel::onOpenHistoryRun);
    connect(m_openRun, &QPushButton::clicked, this, &RunPanel::onOpenHistoryRun);
    connect(m_compare, &QPushButton::clicked, this, &RunPanel::onCompareSelected);
    connect(m_deleteRun, &QPushButton::clicked, this, &RunPanel::onDeleteHistoryRun);
    connect(m_comparison, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const QString file = item->data(0, kFileRole).toString();
        if (!file.isEmpty())
            Q_EMIT locationActivated(file, item->data(0, kLineRole).toInt());
    });
    onHistorySelectionChanged();
    return page;
}

void RunPanel::setActions(const QList<QAction *> &actions)
{
    m_toolBar->insertActions(m_firstToolAction, actions);
}

void RunPanel::setFailedOnly(bool on)
{
    if (m_failedOnly->isChecked() != on)
        m_failedOnly->setChecked(on);
    m_proxy->setFailedOnly(on);
    m_results->expandAll();
}

void RunPanel::setFilterText(const QString &text)
{
    if (m_filter->text() != text)
        m_filter->setText(text);
    m_proxy->setFilterText(text);
    if (!text.trimmed().isEmpty())
        m_results->expandAll();
}

void RunPanel::setSlowestFirst(bool on)
{
    if (m_slowestFirst->isChecked() != on)
        m_slowestFirst->setChecked(on);
    if (on)
        m_results->sortByColumn(RunResultModel::DurationColumn, Qt::DescendingOrder);
    else
        m_results->sortByColumn(-1, Qt::AscendingOrder);
}

void RunPanel::onRunStarted()
{
    m_envRow->hide();
    m_envBytes = 0;
    m_envProgress->setRange(0, 0);
    m_tabs->setCurrentIndex(0);
    m_tick->start();
    onCountsChanged();
}

void RunPanel::onRunFinished(bool)
{
    m_envRow->hide();
    m_tick->stop();
    onCountsChanged();
    if (m_results->currentIndex().isValid() == false)
        selectFirstFailure();
}

void RunPanel::onCountsChanged()
{
    const RunResultModel *model = m_controller->model();
    const RunCounts c = model->counts();
    m_progress->setRange(0, qMax(1, c.total));
    m_progress->setValue(c.finished());
    const RunStatus barStatus = c.failed > 0 ? RunStatus::Failed : RunStatus::Passed;
    m_progress->setStyleSheet(c.total > 0 ? QStringLiteral("QProgressBar::chunk { background: %1; }").arg(RunIcons::color(barStatus).name())
                                          : QString());
    QStringList parts;
    parts << coloured(Tr::tr("%1 queued").arg(c.queued), RunStatus::Queued)
          << coloured(Tr::tr("%1 running").arg(c.running), RunStatus::Running)
          << coloured(Tr::tr("%1 passed").arg(c.passed), RunStatus::Passed)
          << coloured(Tr::tr("%1 failed").arg(c.failed), RunStatus::Failed)
          << coloured(Tr::tr("%1 cached").arg(c.cached), RunStatus::Cached);
    if (c.other > 0)
        parts << coloured(Tr::tr("%1 cancelled or skipped").arg(c.other), RunStatus::Cancelled);
    m_counts->setText(parts.join(QStringLiteral(" · ")));
    m_counts->setToolTip(Tr::tr("%1 of %n process(es) finished", nullptr, c.total).arg(c.finished()));
    onTick();
}

void RunPanel::onTick()
{
    const RunResultModel *model = m_controller->model();
    if (!model->isRunning()) {
        const QModelIndex run = model->runIndex();
        const qint64 ms = run.isValid() ? run.data(RunResultModel::DurationRole).toLongLong() : -1;
        m_estimate->setText(ms >= 0 ? Tr::tr("finished in %1").arg(secondsText(ms)) : QString());
        return;
    }
    const qint64 remaining = model->estimatedRemainingMs(m_controller->effectiveJobs());
    if (remaining < 0)
        m_estimate->setText(Tr::tr("no estimate yet"));
    else
        m_estimate->setText(Tr::tr("about %1 left").arg(secondsText(remaining)));
    m_estimate->setToolTip(Tr::tr("Estimated from the durations of the same targets in earlier runs"));
}

void RunPanel::onRowsInserted(const QModelIndex &parent, int first, int last)
{
    // Keep the run and its processes expanded as results stream in.
    if (!parent.isValid()) {
        for (int r = first; r <= last; ++r)
            m_results->expand(m_proxy->index(r, 0));
    } else if (m_proxy->failedOnly() || !m_proxy->filterText().isEmpty()) {
        m_results->expand(parent);
    } else if (parent.data(RunResultModel::KindRole).toInt() == int(RunResultModel::Kind::Process)) {
        // Failing test cases are what the user came for: show them as they arrive.
        for (int r = first; r <= last; ++r)
            if (isFailing(RunStatus(m_proxy->index(r, 0, parent).data(RunResultModel::StatusRole).toInt())))
                m_results->expand(parent);
    }
}

bool RunPanel::selectFirstFailure()
{
    const QModelIndex run = m_proxy->index(0, 0);
    for (int p = 0; p < m_proxy->rowCount(run); ++p) {
        const QModelIndex process = m_proxy->index(p, 0, run);
        for (int c = 0; c < m_proxy->rowCount(process); ++c) {
            const QModelIndex testCase = m_proxy->index(c, 0, process);
            if (isFailing(RunStatus(testCase.data(RunResultModel::StatusRole).toInt()))) {
                m_results->expand(process);
                m_results->setCurrentIndex(testCase);
                m_results->scrollTo(testCase);
                return true;
            }
        }
    }
    return false;
}

void RunPanel::onCurrentResultChanged(const QModelIndex &current)
{
    const QModelIndex source = m_proxy->mapToSource(current);
    if (!source.isValid()) {
        showDetails({});
        return;
    }
    const auto kind = RunResultModel::Kind(source.data(RunResultModel::KindRole).toInt());
    const int processId = source.data(RunResultModel::ProcessIdRole).toInt();
    if (processId >= 0) {
        m_followOutput = false;
        showOutputOf(processId);
    }
    showDetails(source);
    if (kind == RunResultModel::Kind::Case)
        m_sideTabs->setCurrentIndex(0);
    else if (kind == RunResultModel::Kind::Process)
        m_sideTabs->setCurrentIndex(1);
}

void RunPanel::showDetails(const QModelIndex &source)
{
    m_frames->clear();
    const auto kind = source.isValid() ? RunResultModel::Kind(source.data(RunResultModel::KindRole).toInt()) : RunResultModel::Kind::Run;
    if (kind != RunResultModel::Kind::Case) {
        const QString error = source.isValid() ? source.data(RunResultModel::MessageRole).toString() : QString();
        m_message->setText(error);
        m_message->setVisible(!error.isEmpty());
        m_frames->hide();
        m_traceback->clear();
        return;
    }
    const RunStatus status = RunStatus(source.data(RunResultModel::StatusRole).toInt());
    QString message = source.data(RunResultModel::MessageRole).toString();
    if (message.isEmpty())
        message = Tr::tr("%1 — %2").arg(source.data(Qt::DisplayRole).toString(), runStatusText(status));
    m_message->setText(message);
    m_message->setStyleSheet(isFailing(status) ? QStringLiteral("QLabel { color: %1; font-weight: bold; }").arg(RunIcons::color(status).name())
                                               : QString());
    m_message->show();
    const QString details = source.data(RunResultModel::DetailsRole).toString();
    m_traceback->setPlainText(details);
    const QList<TracebackFrame> frames = parseTracebackFrames(details);
    for (const TracebackFrame &f : frames) {
        const QString label = f.function.isEmpty() ? QStringLiteral("%1:%2").arg(f.file).arg(f.line)
                                                   : QStringLiteral("%1:%2 — %3").arg(f.file).arg(f.line).arg(f.function);
        auto *item = new QListWidgetItem(label, m_frames);
        item->setData(kFileRole, f.file);
        item->setData(kLineRole, f.line);
        item->setToolTip(Tr::tr("Open %1 at line %2").arg(f.file).arg(f.line));
    }
    // The test function itself, when the traceback does not name its file.
    const QString file = source.data(RunResultModel::FileRole).toString();
    const int line = source.data(RunResultModel::LineRole).toInt();
    const bool named = std::any_of(frames.begin(), frames.end(), [&](const TracebackFrame &f) { return f.file == file; });
    if (!file.isEmpty() && !named) {
        auto *item = new QListWidgetItem(QStringLiteral("%1:%2").arg(file).arg(qMax(1, line)), m_frames);
        item->setData(kFileRole, file);
        item->setData(kLineRole, qMax(1, line));
        item->setToolTip(Tr::tr("Open %1 at line %2").arg(file).arg(qMax(1, line)));
    }
    m_frames->setVisible(m_frames->count() > 0);
    if (m_frames->count() > 0) // as tall as its frames, up to four rows
        m_frames->setFixedHeight(qMin(4, m_frames->count()) * m_frames->sizeHintForRow(0) + 2 * m_frames->frameWidth() + 2);
}

void RunPanel::showOutputOf(int processId)
{
    if (processId == m_shownProcess)
        return;
    m_shownProcess = processId;
    m_output->setPlainText(m_controller->model()->processOutput(processId));
    m_output->verticalScrollBar()->setValue(m_output->verticalScrollBar()->maximum());
}

void RunPanel::onOutputAppended(int processId, const QString &text)
{
    if (m_followOutput && processId != m_shownProcess) {
        showOutputOf(processId);
        return;
    }
    if (processId != m_shownProcess)
        return;
    QScrollBar *bar = m_output->verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum() - 2;
    QTextCursor cursor(m_output->document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(text);
    if (atEnd)
        bar->setValue(bar->maximum());
}

void RunPanel::onFrameActivated()
{
    const QListWidgetItem *item = m_frames->currentItem();
    if (item)
        Q_EMIT locationActivated(item->data(kFileRole).toString(), item->data(kLineRole).toInt());
}

void RunPanel::onFramesContextMenu(const QPoint &pos)
{
    const QListWidgetItem *item = m_frames->itemAt(pos);
    if (!item)
        return;
    const QString file = item->data(kFileRole).toString();
    const int line = item->data(kLineRole).toInt();
    QMenu menu(this);
    connect(menu.addAction(Tr::tr("Open in Source Viewer")), &QAction::triggered, this, [=, this] { Q_EMIT locationActivated(file, line); });
    connect(menu.addAction(Tr::tr("Open in External Editor")), &QAction::triggered, this,
            [=, this] { Q_EMIT openExternallyRequested(file, line); });
    menu.exec(m_frames->viewport()->mapToGlobal(pos));
}

bool RunPanel::eventFilter(QObject *watched, QEvent *event)
{
    // Double-clicking a frame line of the traceback opens it.
    if (watched == m_traceback->viewport() && event->type() == QEvent::MouseButtonDblClick) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        const int textLine = m_traceback->cursorForPosition(mouse->position().toPoint()).blockNumber();
        for (const TracebackFrame &f : parseTracebackFrames(m_traceback->toPlainText())) {
            if (f.textLine == textLine) {
                Q_EMIT locationActivated(f.file, f.line);
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

void RunPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
}

void RunPanel::applyTheme()
{
    if (!m_highlighter)
        return;
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    const KSyntaxHighlighting::Theme theme =
        m_repository->defaultTheme(dark ? KSyntaxHighlighting::Repository::DarkTheme : KSyntaxHighlighting::Repository::LightTheme);
    if (m_highlighter->theme().name() == theme.name())
        return;
    m_highlighter->setTheme(theme);
    m_highlighter->rehighlight();
}

void RunPanel::onHistoryChanged()
{
    m_history->clear();
    for (const goals::RunRecord &r : m_controller->history()) {
        QStringList specs;
        for (const std::string &s : r.specs)
            specs << qs(s);
        const RunStatus status = outcomeStatus(r);
        auto *item = new QTreeWidgetItem(m_history);
        item->setText(WhenColumn, QLocale().toString(QDateTime::fromMSecsSinceEpoch(r.startedMs), QLocale::ShortFormat));
        item->setText(GoalColumn, qs(r.goal));
        item->setText(SpecsColumn, specs.join(QLatin1Char(' ')));
        item->setToolTip(SpecsColumn, specs.join(QLatin1Char('\n')));
        item->setText(BaseColumn, qs(r.baseRef));
        item->setIcon(OutcomeColumn, RunIcons::forStatus(status));
        item->setText(OutcomeColumn, Tr::tr("%1 (%2 passed, %3 failed)").arg(runStatusText(status)).arg(r.passedCount()).arg(r.failedCount()));
        item->setText(HistoryDurationColumn, secondsText(r.durationMs));
        item->setData(WhenColumn, kRunIdRole, qs(r.id));
    }
    for (int c = 0; c < m_history->columnCount(); ++c)
        m_history->resizeColumnToContents(c);
    onHistorySelectionChanged();
}

void RunPanel::onHistorySelectionChanged()
{
    const int selected = int(m_history->selectedItems().size());
    m_openRun->setEnabled(selected == 1 && !m_controller->isRunning());
    m_compare->setEnabled(selected == 2);
    m_deleteRun->setEnabled(selected > 0);
}

void RunPanel::openHistoryRun(const QString &id)
{
    m_controller->showRecord(id);
    m_tabs->setCurrentIndex(0);
    m_results->expandToDepth(0);
    selectFirstFailure();
    onCountsChanged();
}

void RunPanel::onOpenHistoryRun()
{
    const QList<QTreeWidgetItem *> items = m_history->selectedItems();
    if (items.size() == 1 && !m_controller->isRunning())
        openHistoryRun(items.front()->data(WhenColumn, kRunIdRole).toString());
}

void RunPanel::onCompareSelected()
{
    const QList<QTreeWidgetItem *> items = m_history->selectedItems();
    if (items.size() != 2)
        return;
    // The history list is newest first, so the lower row is the older run.
    QTreeWidgetItem *a = items[0];
    QTreeWidgetItem *b = items[1];
    if (m_history->indexOfTopLevelItem(a) < m_history->indexOfTopLevelItem(b))
        std::swap(a, b);
    compareRuns(a->data(WhenColumn, kRunIdRole).toString(), b->data(WhenColumn, kRunIdRole).toString());
}

void RunPanel::compareRuns(const QString &olderId, const QString &newerId)
{
    const goals::RunRecord *older = nullptr;
    const goals::RunRecord *newer = nullptr;
    for (const goals::RunRecord &r : m_controller->history()) {
        if (qs(r.id) == olderId)
            older = &r;
        if (qs(r.id) == newerId)
            newer = &r;
    }
    m_comparison->clear();
    if (!older || !newer)
        return;
    const goals::RunComparison diff = goals::compareRuns(*older, *newer);
    std::map<std::string, TracebackFrame> locations; // key -> where the test is, newer run preferred
    for (const goals::RunRecord *r : {older, newer}) {
        for (const goals::RunProcessRecord &p : r->processes) {
            QStringList addresses;
            for (const std::string &a : p.addresses)
                addresses << qs(a);
            for (const goals::TestCase &c : p.result.testCases)
                locations[goals::testCaseKey(c)] = testCaseLocation(c, addresses);
        }
    }
    auto addGroup = [this, &locations](const QString &title, RunStatus status, const std::vector<std::string> &keys) {
        auto *group = new QTreeWidgetItem(m_comparison, {title.arg(keys.size())});
        group->setIcon(0, RunIcons::forStatus(status));
        for (const std::string &key : keys) {
            // key = file::class::name
            const QStringList parts = qs(key).split(QStringLiteral("::"));
            auto *item = new QTreeWidgetItem(group, {parts.size() == 3 ? parts[1].section(QLatin1Char('.'), -1) + QStringLiteral("::") + parts[2] : qs(key)});
            item->setToolTip(0, qs(key));
            const TracebackFrame &where = locations[key];
            if (!where.file.isEmpty()) {
                item->setData(0, kFileRole, where.file);
                item->setData(0, kLineRole, where.line);
            }
        }
        group->setExpanded(true);
    };
    addGroup(Tr::tr("Newly failing (%1)"), RunStatus::Failed, diff.newlyFailing);
    addGroup(Tr::tr("Fixed (%1)"), RunStatus::Passed, diff.fixed);
    addGroup(Tr::tr("Still failing (%1)"), RunStatus::Error, diff.stillFailing);
}

void RunPanel::onDeleteHistoryRun()
{
    QStringList ids;
    for (const QTreeWidgetItem *item : m_history->selectedItems())
        ids << item->data(WhenColumn, kRunIdRole).toString();
    for (const QString &id : ids)
        m_controller->removeRecord(id);
}

} // namespace trellis::ui
