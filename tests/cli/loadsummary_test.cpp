// "Never a blank answer": a broken BUILD file hides only its own targets. `list`,
// `dependencies`, `dependents`, `peek` and `--changed-since` print everything else, the
// errors and a one-line summary on stderr, and exit 1; knock-on problems (imports of the
// broken directory's modules, dependencies on its addresses) are counted under their
// cause, not printed one by one.
#include "app/cli/goal.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sstream>

using namespace trellis;

namespace {

struct Outcome {
    int code;
    QString out;
    QString err;
};

void write(const QString &root, const QString &rel, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(root + "/" + rel).absolutePath());
    QFile f(root + "/" + rel);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
}

bool git(const QString &root, const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(root);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("GIT_AUTHOR_NAME", "t");
    env.insert("GIT_AUTHOR_EMAIL", "t@example.invalid");
    env.insert("GIT_COMMITTER_NAME", "t");
    env.insert("GIT_COMMITTER_EMAIL", "t@example.invalid");
    env.insert("GIT_CONFIG_NOSYSTEM", "1");
    env.insert("HOME", root);
    p.setProcessEnvironment(env);
    p.start("git", args);
    return p.waitForFinished(30000) && p.exitCode() == 0;
}

} // namespace

class LoadSummaryTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_root;

    Outcome run(std::vector<std::string> args)
    {
        std::ostringstream out, err;
        args.insert(args.begin(), {"--root", m_root.toStdString()});
        const int code = cli::run(args, out, err);
        return {code, QString::fromStdString(out.str()), QString::fromStdString(err.str())};
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_root = m_dir.path() + "/repo";
        write(m_root, "pants.toml",
              "[GLOBAL]\npants_version = \"2.32.0\"\nbackend_packages = [\"pants.backend.python\"]\n\n"
              "[source]\nroot_patterns = [\"/src\"]\n\n"
              "[python-infer]\nunowned_dependency_behavior = \"error\"\n");
        write(m_root, "src/good/BUILD", "python_sources(dependencies=[\"src/bad/mod.py\"])\n");
        write(m_root, "src/good/app.py", "import bad.mod\nfrom bad.mod import helper\nimport other.x\n");
        write(m_root, "src/good2/BUILD", "python_sources()\n");
        write(m_root, "src/good2/use.py", "import bad.mod\n");
        write(m_root, "src/bad/BUILD", "python_sources(\n    name=\"bad\",\n");
        write(m_root, "src/bad/mod.py", "def helper(): pass\n");
        write(m_root, "src/other/BUILD", "python_sources()\n");
        write(m_root, "src/other/x.py", "X = 1\n");
        QVERIFY(git(m_root, {"init", "-q", "-b", "main"}));
        QVERIFY(git(m_root, {"add", "-A"}));
        QVERIFY(git(m_root, {"commit", "-q", "-m", "init"}));
    }

    void listShowsEverythingElse()
    {
        const Outcome r = run({"list", "::"});
        QCOMPARE(r.code, 1);
        QCOMPARE(r.out, QStringLiteral("src/good\nsrc/good/app.py\nsrc/good2\nsrc/good2/use.py\nsrc/other\n"
                                       "src/other/x.py\n"));
        QVERIFY2(r.err.contains("src/bad/BUILD:"), qPrintable(r.err));
        QVERIFY2(r.err.trimmed().endsWith("1 BUILD file failed; 6 targets shown"), qPrintable(r.err));
    }

    void specsAwayFromTheFailureStillSucceed()
    {
        const Outcome r = run({"list", "src/other::"});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QStringLiteral("src/other\nsrc/other/x.py\n"));
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    }

    void dependenciesAttributeKnockOns()
    {
        const Outcome r = run({"dependencies", "::"});
        QCOMPARE(r.code, 1);
        // The graph is built from what loaded.
        QVERIFY2(r.out.contains("src/other/x.py"), qPrintable(r.out));
        // The cause once; no "cannot infer owners" or "does not exist" for bad.mod.
        QCOMPARE(r.err.count("src/bad/BUILD:"), 2); // the error, and the note naming it
        QVERIFY2(!r.err.contains("cannot infer owners"), qPrintable(r.err));
        QVERIFY2(!r.err.contains("does not exist"), qPrintable(r.err));
        QVERIFY2(r.err.contains(QRegularExpression("note: 3 further problems caused by src/bad/BUILD:\\d+ not shown")),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains("1 BUILD file failed;"), qPrintable(r.err));
    }

    void dependentsAndPeekToo()
    {
        const Outcome dependents = run({"dependents", "src/other/x.py"});
        QCOMPARE(dependents.code, 1);
        QCOMPARE(dependents.out, QStringLiteral("src/good/app.py\nsrc/other\n"));
        const Outcome peek = run({"peek", "src/other/x.py"});
        QCOMPARE(peek.code, 1); // its `dependencies` need every BUILD file (spec 2.6)
        QVERIFY(peek.out.contains("\"address\": \"src/other/x.py\""));
    }

    void changedSinceReportsFilesUnderAFailedBuildFile()
    {
        write(m_root, "src/bad/mod.py", "def helper(): return 2\n");
        write(m_root, "src/other/x.py", "X = 2\n");
        const Outcome r = run({"--changed-since=HEAD", "list"});
        QCOMPARE(r.code, 1);
        QCOMPARE(r.out, QStringLiteral("src/other/x.py\n"));
        QVERIFY2(r.err.contains("the changed file src/bad/mod.py may belong to targets of src/bad/BUILD"),
                 qPrintable(r.err));
        QVERIFY2(r.err.trimmed().endsWith("1 BUILD file failed; 1 target shown"), qPrintable(r.err));
    }
    void preludeFailureIsTheCause()
    {
        QTemporaryDir dir;
        const QString root = dir.path();
        write(root, "pants.toml",
              "[GLOBAL]\npants_version = \"2.32.0\"\nbackend_packages = [\"pants.backend.python\"]\n"
              "build_file_prelude_globs = [\"tools/macros.py\"]\n");
        // Backend.AI's failure mode: the prelude does not load, every BUILD file calling
        // its macros fails with "name ... is not defined".
        write(root, "tools/macros.py", "def svc(name):\n    python_sources(name=name\n");
        for (const char *d : {"a", "b", "c"})
            write(root, QString(d) + "/BUILD", "svc(\"x\")\n");
        write(root, "d/BUILD", "python_sources()\n");
        write(root, "d/m.py", "");
        std::ostringstream out, err;
        const int code = cli::run({"--root", root.toStdString(), "list", "::"}, out, err);
        const QString e = QString::fromStdString(err.str());
        QCOMPARE(code, 1);
        QCOMPARE(QString::fromStdString(out.str()), QStringLiteral("d\nd/m.py\n"));
        QVERIFY2(e.contains("tools/macros.py:"), qPrintable(e));
        QVERIFY2(!e.contains("is not defined"), qPrintable(e));
        QVERIFY2(e.contains(QRegularExpression("note: 3 further problems caused by tools/macros.py:\\d+ not shown")),
                 qPrintable(e));
        QVERIFY2(e.trimmed().endsWith("3 BUILD files failed, 1 other error; 2 targets shown"), qPrintable(e));
    }
};

QTEST_GUILESS_MAIN(LoadSummaryTest)
#include "loadsummary_test.moc"
