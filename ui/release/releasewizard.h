// ReleaseWizard: prepares a release in four pages — choose the version (the suggestions
// or a typed one, validated as you type), the options (commit, tag, allow a dirty
// worktree), the review (every failed checklist item and every refusal with what to
// click about it, the VERSION and changelog diffs, fragments to delete, commit message,
// tag; computed on a worker thread), and the outcome of executing it (also on a worker
// thread), with "Undo Last Prepared Release" while that is safe.
//
//   auto *w = new ReleaseWizard(root, workspace, status, this);
//   connect(w, &ReleaseWizard::repositoryChanged, this, &View::refresh);
//   w->open();
#pragma once

#include "core/release/releaseplan.h"

#include <QWizard>

#include <memory>
#include <optional>

class QCheckBox;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace trellis::ui {

class ReleaseOptionsPage;
class ReleasePlanPage;
class ReleaseResultPage;
class ReleaseVersionPage;

class ReleaseWizard : public QWizard {
    Q_OBJECT
public:
    enum PageId { VersionPageId, OptionsPageId, PlanPageId, ResultPageId };

    ReleaseWizard(const QString &buildRoot, std::shared_ptr<const workspace::Workspace> workspace,
                  const release::ReleaseStatus &status, QWidget *parent = nullptr);
    ~ReleaseWizard() override;

    QString buildRoot() const { return m_buildRoot; }
    /// The version as chosen or typed ("" when none).
    QString chosenVersion() const;
    /// The request the plan page uses.
    release::PrepareRequest request() const;

    QLineEdit *versionEdit() const;
    QList<QRadioButton *> suggestionButtons() const;
    QCheckBox *commitCheck() const;
    QCheckBox *tagCheck() const;
    QCheckBox *allowDirtyCheck() const;
    /// The readiness checklist the wizard was opened with; the review page lists its red
    /// items with what to click about each.
    const std::vector<release::ChecklistItem> &checklist() const;
    /// [trellis.release] prepare_command of the workspace (empty: none).
    std::vector<std::string> prepareCommand() const;
    /// "Trust and Retry" on the review page, shown when the plan is refused because the
    /// repository's prepare_command is not trusted.
    QPushButton *trustButton() const;
    /// The plan shown on the plan page; nullopt while computing or refused.
    const std::optional<release::ReleasePlan> &plan() const;
    /// Whether the plan has been executed successfully; nullopt until it finished.
    std::optional<bool> outcome() const;
    /// The execution report (and the undo result) as shown on the last page.
    QString outcomeText() const;
    QPushButton *undoButton() const;
    /// True while a worker thread prepares or undoes (the wizard cannot be closed then).
    bool isBusy() const;

    void reject() override;

Q_SIGNALS:
    /// The release was executed or undone: the repository, VERSION and fragments changed.
    void repositoryChanged();

private:
    QString m_buildRoot;
    std::shared_ptr<const workspace::Workspace> m_workspace;
    ReleaseVersionPage *m_versionPage;   // owned by the wizard
    ReleaseOptionsPage *m_optionsPage;   // owned by the wizard
    ReleasePlanPage *m_planPage;         // owned by the wizard
    ReleaseResultPage *m_resultPage;     // owned by the wizard
    std::vector<release::ChecklistItem> m_checklist;
};

} // namespace trellis::ui
