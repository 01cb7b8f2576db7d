// The release wizard's review page (offscreen): every red checklist item is listed, each
// with what to click in the window (never a command line), long titles wrap inside the
// page, and refusals of the plan are said as window actions too.
#include "core/release/releasestatus.h"
#include "core/vcs/repository.h"
#include "core/workspace/workspace.h"
#include "tests/vcs/gitfixture.h"
#include "ui/release/releasewizard.h"

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace trellis;
using namespace trellis::ui;

namespace {

const char *const kPyproject = "[tool.towncrier]\ndirectory = \"changes\"\nfilename = \"CHANGELOG.md\"\n";

// Text a user would have to type in a terminal.
bool mentionsCommandLine(const QString &text)
{
    return text.contains(QLatin1String("trellis ")) || text.contains(QLatin1String("--")) || text.contains(QLatin1String("git "));
}

} // namespace

class ReleaseWizardTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // The trust store goes to Qt's test location, never the user's.
        QStandardPaths::setTestModeEnabled(true);
        qunsetenv("TRELLIS_TRUST_REPO");
        QFile::remove(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + QStringLiteral("/trellis/trusted-repos"));
    }

    // An untrusted prepare_command: the refusal offers "Trust and Retry", which asks with
    // the command shown, records the trust and plans again.
    void testTrustAndRetry()
    {
        QTemporaryDir dir;
        GitFixture g(dir.path());
        g.write(QStringLiteral("pants.toml"),
                "[GLOBAL]\npants_version = \"2.32.0\"\n\n[trellis.release]\nprepare_command = [\"sh\", \"-c\", \"true\"]\n");
        g.write(QStringLiteral("pyproject.toml"), kPyproject);
        g.write(QStringLiteral("VERSION"), "26.8.0\n");
        g.write(QStringLiteral("CHANGELOG.md"), "# Changelog\n\n<!-- towncrier release notes start -->\n");
        g.write(QStringLiteral("changes/12.feature.md"), "Add it.\n");
        g.commitAll("first");
        g.tag("26.8.0", "Release v26.8.0");
        workspace::LoadRequest lreq;
        lreq.options.buildRoot = dir.path().toStdString();
        lreq.options.readPantsrc = false;
        auto ws = workspace::loadWorkspace(lreq);
        QVERIFY(ws.ok());
        release::StatusRequest sreq;
        sreq.buildRoot = dir.path().toStdString();
        sreq.workspace = *ws;
        auto status = release::computeReleaseStatus(sreq);
        QVERIFY(status.ok());

        ReleaseWizard wizard(dir.path(), *ws, *status);
        QCOMPARE(wizard.prepareCommand(), (std::vector<std::string>{"sh", "-c", "true"}));
        QVERIFY(!wizard.request().allowPrepareCommand);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        wizard.next();
        wizard.next();
        QCOMPARE(wizard.currentId(), int(ReleaseWizard::PlanPageId));
        QTRY_VERIFY_WITH_TIMEOUT(wizard.trustButton()->isVisible(), 30000);
        QVERIFY(!wizard.currentPage()->isComplete());

        wizard.trustButton()->click();
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = wizard.findChild<QMessageBox *>()) != nullptr);
        QVERIFY(box->text().contains(QStringLiteral("sh -c true")));
        box->button(QMessageBox::Yes)->click();
        QTRY_VERIFY_WITH_TIMEOUT(wizard.currentPage()->isComplete(), 30000);
        QVERIFY(wizard.plan());
        QCOMPARE(wizard.plan()->prepareCommand.size(), size_t(3));
        QVERIFY(!wizard.trustButton()->isVisible());
        QVERIFY(wizard.request().allowPrepareCommand);
    }

    void testReviewListsFailedChecklist()
    {
        // Red: a dirty worktree, a fragment of an unknown type, and an item with a long title.
        QTemporaryDir dir;
        GitFixture g(dir.path());
        g.write(QStringLiteral("pants.toml"), "[GLOBAL]\npants_version = \"2.32.0\"\n");
        g.write(QStringLiteral("pyproject.toml"), kPyproject);
        g.write(QStringLiteral("VERSION"), "26.8.0\n");
        g.write(QStringLiteral("CHANGELOG.md"), "# Changelog\n\n<!-- towncrier release notes start -->\n");
        g.write(QStringLiteral("changes/12.feature.md"), "Add it.\n");
        g.write(QStringLiteral("changes/13.fixx.md"), "Typo in the type.\n");
        g.commitAll("first");
        g.tag("26.8.0", "Release v26.8.0");
        g.write(QStringLiteral("README.md"), "uncommitted\n");

        release::StatusRequest sreq;
        sreq.buildRoot = dir.path().toStdString();
        auto status = release::computeReleaseStatus(sreq);
        QVERIFY(status.ok());
        const QString longTitle = QStringLiteral("Every service image referenced by the deployment manifests was rebuilt from the "
                                                 "release branch and pushed to the registry of the production cluster");
        status->checklist.push_back({"custom", longTitle.toStdString(), release::CheckState::Fail, "2 images are older than HEAD", ""});
        QStringList failed;
        for (const release::ChecklistItem &item : status->checklist)
            if (item.state == release::CheckState::Fail)
                failed << QString::fromStdString(item.id);
        QVERIFY(failed.contains(QStringLiteral("clean-worktree")));
        QVERIFY(failed.contains(QStringLiteral("fragments")));

        ReleaseWizard wizard(dir.path(), nullptr, *status);
        wizard.resize(520, 640);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        wizard.next();
        wizard.allowDirtyCheck()->setChecked(true);
        wizard.next();
        QCOMPARE(wizard.currentId(), int(ReleaseWizard::PlanPageId));

        const QList<QLabel *> problems = wizard.currentPage()->findChildren<QLabel *>(QStringLiteral("checklistProblem"));
        QStringList listed;
        for (QLabel *label : problems)
            listed << label->property("itemId").toString();
        QCOMPARE(listed, failed);
        for (QLabel *label : problems) {
            QVERIFY2(!mentionsCommandLine(label->text()), qPrintable(label->text()));
            QVERIFY(label->wordWrap());
        }
        QVERIFY(problems[failed.indexOf(QStringLiteral("clean-worktree"))]->text().contains(QStringLiteral("“Proceed with uncommitted changes”")));
        QVERIFY(problems[failed.indexOf(QStringLiteral("fragments"))]->text().contains(QStringLiteral("“New Fragment…”")));

        // The long title wraps: several lines, inside the page.
        QLabel *custom = problems[failed.indexOf(QStringLiteral("custom"))];
        QVERIFY(custom->text().contains(longTitle));
        QTRY_VERIFY(custom->height() >= 2 * custom->fontMetrics().height());
        QVERIFY(custom->width() <= wizard.currentPage()->width());

        // The plan is refused (fragment problems); the refusal says what to click.
        QLabel *summary = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                     for (QLabel *l : wizard.currentPage()->findChildren<QLabel *>())
                                         if (l->text().startsWith(QStringLiteral("The release cannot be prepared:")))
                                             summary = l;
                                     return summary != nullptr;
                                 }()),
                                 30000);
        QVERIFY2(summary->text().contains(QStringLiteral("Fix or delete the files listed under News Fragments on the Release tab")),
                 qPrintable(summary->text()));
        QVERIFY2(!mentionsCommandLine(summary->text()), qPrintable(summary->text()));
        QVERIFY(summary->wordWrap());
        QVERIFY(!wizard.trustButton()->isVisible());
        QVERIFY(!wizard.currentPage()->isComplete());
    }
};

QTEST_MAIN(ReleaseWizardTest)
#include "releasewizard_test.moc"
