// The Run panel when a resolve's Python environment cannot be had (lockfile mode, real
// widgets, fixture repositories built by tests/pyenv/makefixture.py): no interpreter for
// the constraints, a wheel whose sha256 does not match, a download that fails offline, and
// a download the user declines. Each is a red error item whose message names the cause
// (the constraint and the places searched; the package; the package and its URL), the
// Output tab a selected process shows holds the same text, and the run is failed, never
// green.
// Downloads are asked about once per host and session, with the hosts named.
#include "ui/run/runcontroller.h"
#include "ui/run/runfilterproxymodel.h"
#include "ui/run/runpanel.h"
#include "ui/run/runresultmodel.h"
#include "ui/run/trustprompt.h"
#include "ui/workspacecontroller.h"

#include "../pyenv/pyenvfixture.h"
#include "../ui/uitestsupport.h"

#include <KSyntaxHighlighting/Repository>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace trellis;
using namespace trellis::ui;

namespace {

/// What the panel shows after a run.
struct Shown {
    RunStatus run = RunStatus::Queued;
    RunStatus process = RunStatus::Queued;
    int processes = 0;
    QString processText;        ///< the process row's name
    QString message;            ///< the Details tab's message label with the process selected
    QString output;             ///< the Output tab, which a selected process shows
    bool outputVisible = false;
    QStringList environment;    ///< the environment row's texts while the run went on
};

/// pkg1's wheel only on a host that does not exist.
void moveWheelToAHost(const QString &repo)
{
    QCOMPARE(pyenvfixture::replaceIn(repo + QStringLiteral("/3rdparty/python-default.lock"),
                                     "file://${WHEELS_DIR}/pkg1-1.0-py3-none-any.whl",
                                     "https://files.example.invalid/packages/pkg1-1.0-py3-none-any.whl"),
             QString());
    QVERIFY(QFile::remove(repo + QStringLiteral("/wheels/pkg1-1.0-py3-none-any.whl")));
}

} // namespace

class RunEnvironmentTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        testing::isolateUserDirectories(m_home.path());
        qputenv("PATH", "/usr/bin:/bin"); // the interpreter search and no uv
    }

    void testNoInterpreterIsAnErrorNamingTheConstraintAndThePlaces()
    {
        QTemporaryDir repo;
        QCOMPARE(pyenvfixture::make(repo.path(), {QStringLiteral("--pytest"), QStringLiteral("8.3.99")}), QString());
        QCOMPARE(pyenvfixture::replaceIn(repo.path() + QStringLiteral("/pants.toml"),
                                         "interpreter_constraints = [\"CPython>=3.8\"]",
                                         "interpreter_constraints = [\"CPython==2.0.1\"]"),
                 QString());
        QCOMPARE(pyenvfixture::replaceIn(repo.path() + QStringLiteral("/pants.toml"), "[source]",
                                         "[python-bootstrap]\nsearch_path = [\"<PATH>\"]\n\n[source]"),
                 QString());
        RunController runs;
        const Shown shown = runInPanel(repo.path(), runs);
        QCOMPARE(shown.processes, 1);
        QCOMPARE(shown.process, RunStatus::Error);
        QCOMPARE(shown.run, RunStatus::Failed);
        // What the user sees: the selected process's output names the reason (and so does its message).
        QVERIFY(shown.outputVisible);
        QVERIFY2(shown.output.contains(shown.message), qPrintable(shown.output));
        QVERIFY2(shown.message.contains(QStringLiteral("no Python interpreter satisfies the interpreter constraints "
                                                       "CPython==2.0.1")),
                 qPrintable(shown.message));
        QVERIFY2(shown.message.contains(QStringLiteral("Searched ([python-bootstrap].search_path = [<PATH>])")),
                 qPrintable(shown.message));
        QVERIFY2(shown.message.contains(QStringLiteral("<PATH> /usr/bin: ")), qPrintable(shown.message));
    }

    void testTamperedWheelIsAnErrorNamingThePackage()
    {
        QTemporaryDir repo;
        QCOMPARE(pyenvfixture::make(repo.path(), {QStringLiteral("--pytest"), QStringLiteral("8.3.99")}), QString());
        QFile wheel(repo.path() + QStringLiteral("/wheels/pkg1-1.0-py3-none-any.whl"));
        QVERIFY(wheel.open(QIODevice::Append));
        wheel.write("x");
        wheel.close();
        RunController runs;
        const Shown shown = runInPanel(repo.path(), runs);
        QCOMPARE(shown.process, RunStatus::Error);
        QCOMPARE(shown.run, RunStatus::Failed);
        QVERIFY(shown.outputVisible && shown.output.contains(shown.message));
        QVERIFY2(shown.message.contains(QStringLiteral("pkg1 1.0: sha256 mismatch for ") + wheel.fileName()),
                 qPrintable(shown.message));
        QVERIFY2(shown.message.contains(QStringLiteral("refusing to install it")), qPrintable(shown.message));
        // The environment row showed the build going on.
        QVERIFY2(std::any_of(shown.environment.begin(), shown.environment.end(),
                             [](const QString &t) {
                                 return t.startsWith(QStringLiteral("Python environment: python-default: choosing "
                                                                    "artifacts for "));
                             }),
                 qPrintable(shown.environment.join(QLatin1Char('\n'))));
    }

    void testOfflineDownloadIsAnErrorNamingPackageAndUrl()
    {
        QTemporaryDir repo;
        QCOMPARE(pyenvfixture::make(repo.path(), {QStringLiteral("--pytest"), QStringLiteral("8.3.99")}), QString());
        moveWheelToAHost(repo.path());
        RunController runs;
        QStringList asked;
        runs.setDownloadPrompt([&](const QString &resolve, const QStringList &hosts) {
            asked << resolve + QStringLiteral(": ") + hosts.join(QStringLiteral(", "));
            return true;
        });
        const Shown shown = runInPanel(repo.path(), runs);
        QCOMPARE(asked, QStringList{QStringLiteral("python-default: https://files.example.invalid (1)")});
        QVERIFY(std::any_of(shown.environment.begin(), shown.environment.end(), [](const QString &t) {
            return t == QStringLiteral("Python environment: python-default: downloading 1 file from "
                                       "https://files.example.invalid (1)");
        }));
        QCOMPARE(shown.process, RunStatus::Error);
        QCOMPARE(shown.run, RunStatus::Failed);
        QVERIFY(shown.outputVisible && shown.output.contains(shown.message));
        QVERIFY2(shown.message.contains(QStringLiteral("pkg1 1.0: cannot download "
                                                       "https://files.example.invalid/packages/pkg1-1.0-py3-none-any.whl")),
                 qPrintable(shown.message));
        QVERIFY(runs.allowedDownloadHosts().contains(QStringLiteral("https://files.example.invalid")));

        // Allowed once: not asked again in this session.
        const Shown again = runInPanel(repo.path(), runs);
        QCOMPARE(asked.size(), 1);
        QCOMPARE(again.process, RunStatus::Error);
    }

    void testDeclinedDownloadIsAnError()
    {
        QTemporaryDir repo;
        QCOMPARE(pyenvfixture::make(repo.path(), {QStringLiteral("--pytest"), QStringLiteral("8.3.99")}), QString());
        moveWheelToAHost(repo.path());
        RunController runs;
        int asked = 0;
        runs.setDownloadPrompt([&](const QString &, const QStringList &) {
            ++asked;
            return false;
        });
        const Shown shown = runInPanel(repo.path(), runs);
        QCOMPARE(asked, 1);
        QCOMPARE(shown.process, RunStatus::Error);
        QCOMPARE(shown.run, RunStatus::Failed);
        QVERIFY(shown.outputVisible && shown.output.contains(shown.message));
        QVERIFY2(shown.message.contains(QStringLiteral("not downloading from https://files.example.invalid: the download "
                                                       "was declined")),
                 qPrintable(shown.message));
        QVERIFY(runs.allowedDownloadHosts().isEmpty());
    }

    /// lint with black pinned by its lockfile and no black on the machine: the panel's plan
    /// lists the pinned black process (not a "not installed" entry), and it passes.
    void testPinnedLintToolIsPlannedAndRun()
    {
        if (pyenvfixture::run(pyenvfixture::python(), {QStringLiteral("-m"), QStringLiteral("black"),
                                                        QStringLiteral("--version")})
                .first == 0)
            QSKIP("the system python has black");
        QTemporaryDir repo;
        QCOMPARE(pyenvfixture::make(repo.path(), {QStringLiteral("--black"), QStringLiteral("24.8.99")}), QString());
        RunController runs;
        const Shown shown = runInPanel(repo.path(), runs, GoalKind::Lint);
        QCOMPARE(shown.processes, 1);
        QCOMPARE(shown.process, RunStatus::Passed);
        QCOMPARE(shown.run, RunStatus::Passed);
        QCOMPARE(shown.processText, QStringLiteral("black on 1 file"));
        QVERIFY2(shown.output.contains(QStringLiteral("fake black 24.8.99: 1 files would be left unchanged")),
                 qPrintable(shown.output));
        QVERIFY(std::any_of(shown.environment.begin(), shown.environment.end(), [](const QString &t) {
            return t.startsWith(QStringLiteral("Python environment: black: black 24.8.99 from 3rdparty/black.lock "
                                               "([black].lockfile)"));
        }));
    }

    void testDownloadPromptText()
    {
        const QString text = downloadPromptText(QStringLiteral("python-default"),
                                                {QStringLiteral("https://files.pythonhosted.org (230)"),
                                                 QStringLiteral("https://<evil> (1)")});
        QVERIFY(text.contains(QStringLiteral("<b>python-default</b>")));
        QVERIFY(text.contains(QStringLiteral("<li>https://files.pythonhosted.org (230)</li>")));
        QVERIFY(text.contains(QStringLiteral("<li>https://&lt;evil&gt; (1)</li>")));
        QVERIFY(text.contains(QStringLiteral("no credentials")));
    }

private:
    Shown runInPanel(const QString &repo, RunController &runs, GoalKind goal = GoalKind::Test)
    {
        Shown shown;
        WorkspaceController workspace;
        workspace.setWatchingEnabled(false);
        QSignalSpy loaded(&workspace, &WorkspaceController::loaded);
        workspace.open(repo);
        if (!loaded.wait(60000))
            return shown;
        RunSettings settings;
        settings.pythonEnv = run::PythonEnvMode::Lockfile;
        runs.setSettings(settings);
        runs.setSnapshot(workspace.snapshot());
        KSyntaxHighlighting::Repository repository;
        RunPanel panel(&runs, &repository);
        panel.show();
        QObject::connect(&runs, &RunController::environmentStep, &panel,
                         [&] { shown.environment << panel.environmentLabel()->text(); });
        QSignalSpy finished(&runs, &RunController::runFinished);
        RunSpec spec;
        spec.goal = goal;
        spec.specs = {QStringLiteral("::")};
        if (!runs.start(spec) || !finished.wait(120000))
            return shown;
        const RunResultModel *model = runs.model();
        shown.run = RunStatus(model->runIndex().data(RunResultModel::StatusRole).toInt());
        shown.processes = model->rowCount(model->runIndex());
        if (shown.processes == 0)
            return shown;
        const QModelIndex process = model->index(0, 0, model->runIndex());
        shown.process = RunStatus(process.data(RunResultModel::StatusRole).toInt());
        shown.processText = process.data(Qt::DisplayRole).toString();
        // Select it as a user would: the panel shows its message.
        const QModelIndex viewIndex = panel.proxy()->mapFromSource(process);
        panel.resultsView()->setCurrentIndex(viewIndex);
        QCoreApplication::processEvents();
        shown.message = panel.messageLabel()->text();
        shown.output = panel.outputView()->toPlainText();
        shown.outputVisible = panel.outputView()->isVisible();
        return shown;
    }

    QTemporaryDir m_home;
};

QTEST_MAIN(RunEnvironmentTest)
#include "runenvironment_test.moc"
