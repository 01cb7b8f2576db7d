// The GUI's test sandbox and Python environment settings: the Settings dialog offers the
// Python environment mode (auto / lockfile / search) and the sandbox opt-out, persists
// them through AppSettings, and a run started from the run controller with the sandbox
// turned off (in Settings, or by the workspace's [trellis].sandbox = false) says that its
// results are not cached, while a sandboxed run does not. The run panel shows a Python
// environment being built (step, packages, bytes, Cancel), and an environment that cannot
// be had is a red error item with its reason, never a pass.
#include "ui/appsettings.h"
#include "ui/dialogs/settingsdialog.h"
#include "ui/run/runcontroller.h"
#include "ui/run/runpanel.h"
#include "ui/run/runresultmodel.h"
#include "ui/workspacecontroller.h"

#include "core/run/runservice.h"

#include "../pyenv/pyenvfixture.h"
#include "../ui/uitestsupport.h"

#include <KSyntaxHighlighting/Repository>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

#include <QCheckBox>
#include <QComboBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace trellis;
using namespace trellis::ui;

class RunSandboxTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        testing::isolateUserDirectories(m_home.path());
    }

    void testSettingsOfferModeAndSandboxAndPersistThem()
    {
        {
            SettingsDialog dialog;
            dialog.show();
            QComboBox *mode = dialog.pythonEnvBox();
            QCheckBox *sandbox = dialog.sandboxBox();
            QVERIFY(mode->isVisible() && sandbox->isVisible());
            QCOMPARE(mode->count(), 3);
            QCOMPARE(mode->currentData().toString(), QStringLiteral("auto"));
            QVERIFY(sandbox->isChecked()); // the default, like Pants
            mode->setCurrentIndex(mode->findData(QStringLiteral("lockfile")));
            QTest::mouseClick(sandbox, Qt::LeftButton, {}, QPoint(4, sandbox->height() / 2));
            QVERIFY(!sandbox->isChecked());
            dialog.accept(); // OK saves
        }
        AppSettings settings;
        QCOMPARE(settings.pythonEnvMode(), QStringLiteral("lockfile"));
        QVERIFY(!settings.testSandbox());
        SettingsDialog again;
        QCOMPARE(again.pythonEnvBox()->currentData().toString(), QStringLiteral("lockfile"));
        QVERIFY(!again.sandboxBox()->isChecked());
        settings.setTestSandbox(true);
        settings.setPythonEnvMode(QStringLiteral("auto"));
    }

    void testInPlaceRunSaysItIsNotCached_data()
    {
        QTest::addColumn<bool>("settingSandbox");
        QTest::addColumn<bool>("workspaceSandbox");
        QTest::addColumn<bool>("expectWarning");
        QTest::newRow("sandboxed") << true << true << false;
        QTest::newRow("settings opt out") << false << true << true;
        QTest::newRow("workspace opts out") << true << false << true;
    }

    void testInPlaceRunSaysItIsNotCached()
    {
        QFETCH(bool, settingSandbox);
        QFETCH(bool, workspaceSandbox);
        QFETCH(bool, expectWarning);
        QTemporaryDir dir;
        const QString root = dir.path();
        QVERIFY(testing::writeFile(root, QStringLiteral("pants.toml"),
                                   QByteArray("[GLOBAL]\npants_version = \"2.32.0\"\nbackend_packages = [\"pants.backend.shell\"]\n")
                                       + (workspaceSandbox ? "" : "[trellis]\nsandbox = false\n")));
        QVERIFY(testing::writeFile(root, QStringLiteral("BUILD"), "test_shell_command(name=\"t\", command=\"true\")\n"));
        WorkspaceController workspace;
        workspace.setWatchingEnabled(false);
        QSignalSpy loaded(&workspace, &WorkspaceController::loaded);
        workspace.open(root);
        QVERIFY(loaded.wait(60000));
        RunController runs;
        RunSettings settings;
        settings.cacheDir = dir.filePath(QStringLiteral("results"));
        settings.sandbox = settingSandbox;
        runs.setSettings(settings);
        runs.setSnapshot(workspace.snapshot());
        QSignalSpy messages(&runs, &RunController::errorOccurred);
        QSignalSpy finished(&runs, &RunController::runFinished);
        RunSpec spec;
        spec.specs = {QStringLiteral("//:t")};
        QVERIFY(runs.start(spec));
        QVERIFY(finished.wait(60000));
        bool warned = false;
        for (const QList<QVariant> &m : messages)
            warned = warned || m.at(0).toString() == QString::fromLatin1(run::kInPlaceWarning);
        QCOMPARE(warned, expectWarning);
    }

    void testPanelShowsTheEnvironmentBeingBuilt()
    {
        RunController runs;
        KSyntaxHighlighting::Repository repository;
        RunPanel panel(&runs, &repository);
        panel.show();
        QVERIFY(!panel.environmentRow()->isVisible());
        Q_EMIT runs.environmentStep(QStringLiteral("python-default: choosing artifacts"));
        QVERIFY(panel.environmentRow()->isVisible());
        QCOMPARE(panel.environmentLabel()->text(), QStringLiteral("Python environment: python-default: choosing artifacts"));
        QCOMPARE(panel.environmentProgress()->maximum(), 0); // busy
        Q_EMIT runs.environmentArtifact(QStringLiteral("python-default"), QStringLiteral("six-1.16.0-py2.py3-none-any.whl"),
                                        1, 4, 11053);
        Q_EMIT runs.environmentArtifact(QStringLiteral("python-default"), QStringLiteral("attrs-23.1.0-py3-none-any.whl"),
                                        2, 4, 61160);
        QCOMPARE(panel.environmentProgress()->maximum(), 4);
        QCOMPARE(panel.environmentProgress()->value(), 2);
        const QString label = panel.environmentLabel()->text();
        QVERIFY2(label.contains(QStringLiteral("2 of 4 packages")), qPrintable(label));
        QVERIFY2(label.contains(QLocale().formattedDataSize(11053 + 61160)), qPrintable(label));
        QVERIFY2(label.contains(QStringLiteral("attrs-23.1.0-py3-none-any.whl")), qPrintable(label));
        QVERIFY(panel.environmentCancelButton()->isVisible() && panel.environmentCancelButton()->isEnabled());
        Q_EMIT runs.runFinished(true);
        QVERIFY(!panel.environmentRow()->isVisible());
    }

    /// Lockfile mode on a resolve whose lockfile does not pin pytest: the process is a red
    /// error item with the reason, and so is the run.
    void testFailedEnvironmentIsARedItem()
    {
        QTemporaryDir repo;
        QCOMPARE(pyenvfixture::make(repo.path(), {}), QString());
        WorkspaceController workspace;
        workspace.setWatchingEnabled(false);
        QSignalSpy loaded(&workspace, &WorkspaceController::loaded);
        workspace.open(repo.path());
        QVERIFY(loaded.wait(60000));
        RunController runs;
        RunSettings settings;
        settings.cacheDir = repo.filePath(QStringLiteral(".results"));
        settings.pythonEnv = run::PythonEnvMode::Lockfile;
        runs.setSettings(settings);
        runs.setSnapshot(workspace.snapshot());
        QSignalSpy finished(&runs, &RunController::runFinished);
        RunSpec spec;
        spec.specs = {QStringLiteral("::")};
        QVERIFY(runs.start(spec));
        QVERIFY(finished.wait(120000));
        const RunResultModel *model = runs.model();
        QVERIFY(model->rowCount(model->runIndex()) >= 1);
        const QModelIndex process = model->index(0, 0, model->runIndex());
        QCOMPARE(RunStatus(process.data(RunResultModel::StatusRole).toInt()), RunStatus::Error);
        QVERIFY2(process.data(RunResultModel::MessageRole).toString().contains(QStringLiteral("pytest is not pinned")),
                 qPrintable(process.data(RunResultModel::MessageRole).toString()));
        QCOMPARE(RunStatus(model->runIndex().data(RunResultModel::StatusRole).toInt()), RunStatus::Failed);
    }

private:
    QTemporaryDir m_home;
};

QTEST_MAIN(RunSandboxTest)
#include "runsandbox_test.moc"
