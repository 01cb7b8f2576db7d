#include "ui/release/releasewizard.h"

#include "ui/release/checklisttext.h"
#include "ui/release/releasejobs.h"
#include "ui/uitr.h"
#include "ui/workspacesnapshot.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QFontDatabase>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QWizardPage>
#include <QtConcurrent/QtConcurrentRun>

#include "core/base/paths.h"
#include "core/base/workerpool.h"
#include "core/run/resultcache.h"

namespace trellis::ui {

namespace {

constexpr char kErrorStyle[] = "color: #c62828;";
constexpr char kOkStyle[] = "color: #2e7d32;";

QPlainTextEdit *monospaceView(QWidget *parent)
{
    auto *view = new QPlainTextEdit(parent);
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return view;
}

} // namespace

/// Page 1: the suggestions as radio buttons, or a typed version validated live.
class ReleaseVersionPage : public QWizardPage {
public:
    explicit ReleaseVersionPage(const release::ReleaseStatus &status)
        : m_scheme(status.version ? status.version->scheme : release::VersionScheme::Pep440)
        , m_group(new QButtonGroup(this))
        , m_other(new QRadioButton(Tr::tr("&Other version:"), this))
        , m_edit(new QLineEdit(this))
        , m_validation(new QLabel(this))
    {
        setTitle(Tr::tr("Choose the Version"));
        if (status.latestTag)
            m_last = status.latestTag->parsed;
        setSubTitle(status.latestTag ? Tr::tr("The last release is %1 (tag %2).").arg(qs(status.latestTag->version), qs(status.latestTag->name))
                                     : Tr::tr("There is no release tag yet."));
        auto *layout = new QVBoxLayout(this);
        for (const release::VersionSuggestion &s : status.suggestions) {
            auto *button = new QRadioButton(QStringLiteral("%1 — %2").arg(qs(s.version), qs(s.label)), this);
            button->setProperty("version", qs(s.version));
            m_group->addButton(button);
            m_suggestions << button;
            layout->addWidget(button);
        }
        m_group->addButton(m_other);
        auto *row = new QHBoxLayout;
        row->addWidget(m_other);
        row->addWidget(m_edit, 1);
        layout->addLayout(row);
        m_validation->setWordWrap(true);
        layout->addWidget(m_validation);
        layout->addStretch(1);
        m_edit->setPlaceholderText(Tr::tr("e.g. %1").arg(m_suggestions.isEmpty() ? QStringLiteral("1.0.0")
                                                                                    : m_suggestions.front()->property("version").toString()));
        if (!m_suggestions.isEmpty())
            m_suggestions.front()->setChecked(true);
        else
            m_other->setChecked(true);
        connect(m_group, &QButtonGroup::buttonToggled, this, [this] { validate(); });
        connect(m_edit, &QLineEdit::textEdited, this, [this] {
            m_other->setChecked(true);
            validate();
        });
        validate();
    }

    QString version() const
    {
        if (m_other->isChecked())
            return m_edit->text().trimmed();
        if (QAbstractButton *b = m_group->checkedButton())
            return b->property("version").toString();
        return {};
    }

    bool isComplete() const override { return m_valid; }

    QLineEdit *edit() const { return m_edit; }
    const QList<QRadioButton *> &suggestions() const { return m_suggestions; }

private:
    void validate()
    {
        const QString typed = version();
        bool valid = false;
        if (typed.isEmpty()) {
            m_validation->setText(Tr::tr("Choose a suggestion or type a version."));
            m_validation->setStyleSheet(QString());
        } else if (auto v = release::validateNewVersion(typed.toStdString(), m_scheme, m_last)) {
            valid = true;
            m_validation->setText(Tr::tr("%1 is a valid %2 version.").arg(qs(v->normalized), qs(release::schemeName(v->scheme))));
            m_validation->setStyleSheet(QLatin1String(kOkStyle));
        } else {
            m_validation->setText(qs(v.diagnostics().front().message));
            m_validation->setStyleSheet(QLatin1String(kErrorStyle));
        }
        if (valid != m_valid) {
            m_valid = valid;
            Q_EMIT completeChanged();
        }
    }

    release::VersionScheme m_scheme;
    std::optional<lockfile::Version> m_last;
    QButtonGroup *m_group;
    QList<QRadioButton *> m_suggestions;
    QRadioButton *m_other;
    QLineEdit *m_edit;
    QLabel *m_validation;
    bool m_valid = false;
};

/// Page 2: what the release does besides writing files.
class ReleaseOptionsPage : public QWizardPage {
public:
    explicit ReleaseOptionsPage(bool dirty)
        : m_commit(new QCheckBox(Tr::tr("&Commit the release (\"release: X\")"), this))
        , m_tag(new QCheckBox(Tr::tr("Create an annotated &tag"), this))
        , m_allowDirty(new QCheckBox(Tr::tr("Proceed with &uncommitted changes"), this))
    {
        setTitle(Tr::tr("Options"));
        setSubTitle(Tr::tr("Without a commit the changes are written and staged only."));
        m_commit->setChecked(true);
        m_tag->setChecked(true);
        m_allowDirty->setVisible(dirty);
        auto *layout = new QVBoxLayout(this);
        layout->addWidget(m_commit);
        layout->addWidget(m_tag);
        layout->addWidget(m_allowDirty);
        layout->addStretch(1);
        connect(m_commit, &QCheckBox::toggled, m_tag, &QCheckBox::setEnabled);
    }

    QCheckBox *commit() const { return m_commit; }
    QCheckBox *tag() const { return m_tag; }
    QCheckBox *allowDirty() const { return m_allowDirty; }

private:
    QCheckBox *m_commit;
    QCheckBox *m_tag;
    QCheckBox *m_allowDirty;
};

/// Page 3: the plan, computed on a worker thread each time the page is entered.
class ReleasePlanPage : public QWizardPage {
public:
    ReleasePlanPage()
        : m_summary(new QLabel(this))
        , m_problemsBox(new QGroupBox(Tr::tr("Failed Checklist Items"), this))
        , m_trust(new QPushButton(Tr::tr("&Trust and Retry"), this))
        , m_fragments(new QListWidget(this))
        , m_diffs(new QTabWidget(this))
    {
        setTitle(Tr::tr("Review the Plan"));
        setSubTitle(Tr::tr("Nothing has been written yet."));
        setCommitPage(true);
        setButtonText(QWizard::CommitButton, Tr::tr("&Prepare Release"));
        m_summary->setWordWrap(true);
        m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_problemsBox->setObjectName(QStringLiteral("failedChecklist"));
        new QVBoxLayout(m_problemsBox);
        m_trust->setVisible(false);
        connect(m_trust, &QPushButton::clicked, this, [this] { onTrustClicked(); });
        auto *layout = new QVBoxLayout(this);
        layout->addWidget(m_problemsBox);
        layout->addWidget(m_summary);
        layout->addWidget(m_trust, 0, Qt::AlignLeft);
        layout->addWidget(new QLabel(Tr::tr("Fragments to delete:"), this));
        layout->addWidget(m_fragments, 1);
        layout->addWidget(m_diffs, 3);
    }

    void initializePage() override
    {
        auto *wizard = static_cast<ReleaseWizard *>(this->wizard());
        m_plan.reset();
        m_fragments->clear();
        m_diffs->clear();
        m_summary->setStyleSheet(QString());
        m_summary->setText(Tr::tr("Computing the plan…"));
        m_trust->setVisible(false);
        showFailedChecklist(wizard->checklist());
        Q_EMIT completeChanged();
        m_watcher = std::make_unique<QFutureWatcher<PlanJob>>();
        connect(m_watcher.get(), &QFutureWatcher<PlanJob>::finished, this, [this] { onPlanned(m_watcher->result()); });
        m_watcher->setFuture(QtConcurrent::run(base::workerPool(), planJob, wizard->request()));
    }

    bool isComplete() const override { return m_plan.has_value(); }
    const std::optional<release::ReleasePlan> &plan() const { return m_plan; }
    QPushButton *trustButton() const { return m_trust; }

private:
    // Every red item of the readiness checklist, each with what to click about it; long
    // titles and details wrap inside the page.
    void showFailedChecklist(const std::vector<release::ChecklistItem> &items)
    {
        QLayout *layout = m_problemsBox->layout();
        while (QLayoutItem *child = layout->takeAt(0)) {
            delete child->widget();
            delete child;
        }
        int failed = 0;
        for (const release::ChecklistItem &item : items) {
            if (item.state != release::CheckState::Fail)
                continue;
            ++failed;
            QString text = QStringLiteral("✗ ") + checklistTitle(item);
            if (const QString detail = checklistDetail(item); !detail.isEmpty())
                text += QStringLiteral(" — ") + detail;
            if (const QString action = checklistAction(item); !action.isEmpty())
                text += QLatin1Char('\n') + action;
            auto *label = new QLabel(text, m_problemsBox);
            label->setObjectName(QStringLiteral("checklistProblem"));
            label->setWordWrap(true);
            label->setTextInteractionFlags(Qt::TextSelectableByMouse);
            label->setStyleSheet(QLatin1String(kErrorStyle));
            label->setProperty("itemId", qs(item.id));
            layout->addWidget(label);
        }
        m_problemsBox->setVisible(failed > 0);
    }

    void onPlanned(const PlanJob &job)
    {
        if (!job.plan) {
            // Each refusal with what to click about it, instead of core's command-line hints.
            QStringList lines{Tr::tr("The release cannot be prepared:")};
            bool trustable = false;
            for (const base::Diagnostic &d : job.refusals) {
                QString line = QStringLiteral("• ") + (d.loc.line > 0 ? qs(d.loc.toString()) + QStringLiteral(": ") : QString()) + qs(d.message);
                if (const QString action = refusalAction(d); !action.isEmpty())
                    line += QStringLiteral("\n  ") + action;
                lines << line;
                trustable = trustable || d.message.find("prepare_command") != std::string::npos;
            }
            if (job.refusals.empty())
                lines << job.error;
            m_summary->setStyleSheet(QLatin1String(kErrorStyle));
            m_summary->setText(lines.join(QLatin1Char('\n')));
            m_trust->setVisible(trustable);
            return;
        }
        const release::ReleasePlan &p = *job.plan;
        QStringList lines;
        lines << Tr::tr("Version: %1 → %2").arg(p.previousVersion.empty() ? Tr::tr("(none)") : qs(p.previousVersion), qs(p.version));
        lines << Tr::tr("Changelog: %1, section dated %2").arg(qs(p.changelogPath), qs(p.date));
        lines << (p.commit ? Tr::tr("Commit on %1: %2").arg(qs(p.branch), qs(p.commitMessage)) : Tr::tr("No commit: the changes are staged only."));
        lines << (p.tagName.empty()   ? Tr::tr("No tag.")
                  : p.annotatedTag ? Tr::tr("Annotated tag %1: %2").arg(qs(p.tagName), qs(p.tagMessage))
                                   : Tr::tr("Lightweight tag %1, like the repository's tags.").arg(qs(p.tagName)));
        for (const std::string &n : p.notes)
            lines << Tr::tr("Note: %1").arg(qs(n));
        for (const base::Diagnostic &w : p.warnings)
            lines << Tr::tr("Warning: %1").arg(qs(w.message));
        m_summary->setText(lines.join(QLatin1Char('\n')));
        for (const release::FileChange &c : p.changes) {
            if (c.kind == release::FileChangeKind::Delete) {
                m_fragments->addItem(qs(c.path));
                continue;
            }
            QPlainTextEdit *view = monospaceView(m_diffs);
            view->setPlainText(qs(c.diff));
            m_diffs->addTab(view, qs(c.path));
        }
        if (m_fragments->count() == 0)
            m_fragments->addItem(Tr::tr("(none)"));
        m_plan = p;
        Q_EMIT completeChanged();
    }

    // The user read the command and trusts the repository: recorded in the trust store
    // the CLI's --trust-repo writes (docs/security.md), then planned again.
    void onTrustClicked()
    {
        auto *wizard = static_cast<ReleaseWizard *>(this->wizard());
        const std::vector<std::string> argv = wizard->prepareCommand();
        QStringList shown;
        for (const std::string &a : argv)
            shown << qs(a);
        auto *box = new QMessageBox(QMessageBox::Question, Tr::tr("Trust Release Command"),
                                    Tr::tr("Preparing a release in %1 runs this command from the repository's configuration:\n\n%2\n\n"
                                           "Trust it? It runs on every release prepared here until the command changes.")
                                        .arg(wizard->buildRoot(), shown.join(QLatin1Char(' '))),
                                    QMessageBox::Yes | QMessageBox::Cancel, this);
        box->setDefaultButton(QMessageBox::Cancel);
        box->setAttribute(Qt::WA_DeleteOnClose);
        connect(box, &QMessageBox::finished, this, [this, wizard, argv](int button) {
            if (button != QMessageBox::Yes)
                return;
            if (auto request = run::repositoryTrustRequest(wizard->buildRoot().toStdString(), release::prepareCommandTrustSettings(argv)))
                (void)run::trustRepository(*request);
            initializePage();
        });
        box->open();
    }

    QLabel *m_summary;
    QGroupBox *m_problemsBox;
    QPushButton *m_trust;
    QListWidget *m_fragments;
    QTabWidget *m_diffs;
    std::optional<release::ReleasePlan> m_plan;
    std::unique_ptr<QFutureWatcher<PlanJob>> m_watcher;
};

/// Page 4: executes the plan on a worker thread and shows exactly what happened.
class ReleaseResultPage : public QWizardPage {
public:
    ReleaseResultPage()
        : m_heading(new QLabel(this))
        , m_report(monospaceView(this))
        , m_undo(new QPushButton(Tr::tr("&Undo Last Prepared Release"), this))
    {
        setTitle(Tr::tr("Outcome"));
        m_heading->setWordWrap(true);
        m_undo->setVisible(false);
        auto *layout = new QVBoxLayout(this);
        layout->addWidget(m_heading);
        layout->addWidget(m_report, 1);
        layout->addWidget(m_undo, 0, Qt::AlignLeft);
        connect(m_undo, &QPushButton::clicked, this, [this] { onUndoClicked(); });
    }

    void initializePage() override
    {
        auto *wizard = static_cast<ReleaseWizard *>(this->wizard());
        m_outcome.reset();
        m_heading->setStyleSheet(QString());
        m_heading->setText(Tr::tr("Preparing the release…"));
        m_report->clear();
        m_undo->setVisible(false);
        m_busy = true;
        m_executeWatcher = std::make_unique<QFutureWatcher<ExecuteJob>>();
        connect(m_executeWatcher.get(), &QFutureWatcher<ExecuteJob>::finished, this,
                [this] { onExecuted(m_executeWatcher->result()); });
        m_executeWatcher->setFuture(QtConcurrent::run(base::workerPool(), executeJob, *wizard->plan()));
    }

    bool isComplete() const override { return !m_busy; }
    bool isBusy() const { return m_busy; }
    std::optional<bool> outcome() const { return m_outcome; }
    QString text() const { return m_heading->text() + QLatin1Char('\n') + m_report->toPlainText(); }
    QPushButton *undo() const { return m_undo; }

private:
    void onExecuted(const ExecuteJob &job)
    {
        auto *wizard = static_cast<ReleaseWizard *>(this->wizard());
        const release::ReleasePlan &plan = *wizard->plan();
        m_busy = false;
        m_outcome = job.ok;
        m_report->setPlainText(job.text);
        if (job.ok) {
            m_heading->setStyleSheet(QLatin1String(kOkStyle));
            m_heading->setText(plan.tagName.empty() ? Tr::tr("Release %1 prepared.").arg(qs(plan.version))
                                                    : Tr::tr("Release %1 prepared. Push it with: git push --follow-tags").arg(qs(plan.version)));
        } else {
            m_heading->setStyleSheet(QLatin1String(kErrorStyle));
            m_heading->setText(Tr::tr("Preparing %1 failed; the previous state was restored.").arg(qs(plan.version)));
        }
        // Undo needs the release commit and its tag at HEAD.
        m_undo->setVisible(job.ok && !plan.tagName.empty());
        Q_EMIT completeChanged();
        Q_EMIT wizard->repositoryChanged();
    }

    void onUndoClicked()
    {
        auto *box = new QMessageBox(QMessageBox::Question, Tr::tr("Undo Release"),
                                    Tr::tr("Delete the tag and reset the branch to the commit before the release?"),
                                    QMessageBox::Yes | QMessageBox::Cancel, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        connect(box, &QMessageBox::finished, this, [this](int button) {
            if (button == QMessageBox::Yes)
                startUndo();
        });
        box->open();
    }

    void startUndo()
    {
        auto *wizard = static_cast<ReleaseWizard *>(this->wizard());
        m_busy = true;
        m_undo->setEnabled(false);
        Q_EMIT completeChanged();
        m_undoWatcher = std::make_unique<QFutureWatcher<UndoJob>>();
        connect(m_undoWatcher.get(), &QFutureWatcher<UndoJob>::finished, this, [this] { onUndone(m_undoWatcher->result()); });
        m_undoWatcher->setFuture(QtConcurrent::run(base::workerPool(), undoJob, wizard->buildRoot()));
    }

    void onUndone(const UndoJob &job)
    {
        auto *wizard = static_cast<ReleaseWizard *>(this->wizard());
        m_busy = false;
        if (job.report) {
            m_heading->setStyleSheet(QString());
            m_heading->setText(Tr::tr("Undone: deleted tag %1, reset %2 from %3 to %4; files restored.")
                                   .arg(qs(job.report->tagName), qs(job.report->branch), qs(job.report->removedCommit.substr(0, 10)),
                                        qs(job.report->resetTo.substr(0, 10))));
            m_undo->setVisible(false);
        } else {
            m_heading->setStyleSheet(QLatin1String(kErrorStyle));
            m_heading->setText(Tr::tr("Undo refused:\n%1").arg(job.error));
            m_undo->setEnabled(true);
        }
        Q_EMIT completeChanged();
        Q_EMIT wizard->repositoryChanged();
    }

    QLabel *m_heading;
    QPlainTextEdit *m_report;
    QPushButton *m_undo;
    bool m_busy = false;
    std::optional<bool> m_outcome;
    std::unique_ptr<QFutureWatcher<ExecuteJob>> m_executeWatcher;
    std::unique_ptr<QFutureWatcher<UndoJob>> m_undoWatcher;
};

ReleaseWizard::ReleaseWizard(const QString &buildRoot, std::shared_ptr<const workspace::Workspace> workspace,
                             const release::ReleaseStatus &status, QWidget *parent)
    : QWizard(parent)
    , m_buildRoot(buildRoot)
    , m_workspace(std::move(workspace))
    , m_versionPage(new ReleaseVersionPage(status))
    , m_optionsPage(new ReleaseOptionsPage(!status.worktree.clean))
    , m_planPage(new ReleasePlanPage)
    , m_resultPage(new ReleaseResultPage)
    , m_checklist(status.checklist)
{
    setWindowTitle(Tr::tr("Prepare Release"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnLastPage);
    setPage(VersionPageId, m_versionPage);
    setPage(OptionsPageId, m_optionsPage);
    setPage(PlanPageId, m_planPage);
    setPage(ResultPageId, m_resultPage);
    resize(760, 620);
}

ReleaseWizard::~ReleaseWizard() = default;

QString ReleaseWizard::chosenVersion() const
{
    return m_versionPage->version();
}

release::PrepareRequest ReleaseWizard::request() const
{
    release::PrepareRequest req;
    req.buildRoot = m_buildRoot.toStdString();
    req.version = chosenVersion().toStdString();
    req.workspace = m_workspace;
    req.commit = m_optionsPage->commit()->isChecked();
    req.tag = req.commit && m_optionsPage->tag()->isChecked();
    req.allowDirty = m_optionsPage->allowDirty()->isChecked();
    // prepare_command runs when the repository is trusted with exactly this command (the
    // trust store, or TRELLIS_TRUST_REPO=1), as on the command line.
    const std::vector<std::string> argv = prepareCommand();
    req.allowPrepareCommand = argv.empty() || !run::repositoryTrustRequest(req.buildRoot, release::prepareCommandTrustSettings(argv))
                              || run::trustFromEnvironment(base::processEnvironment(), false) == run::TrustNow::ThisRun;
    return req;
}

std::vector<std::string> ReleaseWizard::prepareCommand() const
{
    if (!m_workspace)
        return {};
    return release::withConfiguration({}, m_workspace->options()).prepareCommand;
}

const std::vector<release::ChecklistItem> &ReleaseWizard::checklist() const
{
    return m_checklist;
}

QPushButton *ReleaseWizard::trustButton() const
{
    return m_planPage->trustButton();
}

QLineEdit *ReleaseWizard::versionEdit() const
{
    return m_versionPage->edit();
}

QList<QRadioButton *> ReleaseWizard::suggestionButtons() const
{
    return m_versionPage->suggestions();
}

QCheckBox *ReleaseWizard::commitCheck() const
{
    return m_optionsPage->commit();
}

QCheckBox *ReleaseWizard::tagCheck() const
{
    return m_optionsPage->tag();
}

QCheckBox *ReleaseWizard::allowDirtyCheck() const
{
    return m_optionsPage->allowDirty();
}

const std::optional<release::ReleasePlan> &ReleaseWizard::plan() const
{
    return m_planPage->plan();
}

std::optional<bool> ReleaseWizard::outcome() const
{
    return m_resultPage->outcome();
}

QString ReleaseWizard::outcomeText() const
{
    return m_resultPage->text();
}

QPushButton *ReleaseWizard::undoButton() const
{
    return m_resultPage->undo();
}

bool ReleaseWizard::isBusy() const
{
    return m_resultPage->isBusy();
}

void ReleaseWizard::reject()
{
    // A release half-written by a closed wizard would be worse than a wizard that waits.
    if (!isBusy())
        QWizard::reject();
}

} // namespace trellis::ui
