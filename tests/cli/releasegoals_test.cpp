// `trellis release` on a Backend.AI-like repository, in-process: the changelog draft is
// byte for byte real towncrier's (the golden file of tests/fixtures/towncrier-golden/
// backendai), [trellis.release] can come from a file passed with the global --config so
// the clone stays untouched, and prepare_command runs only for a trusted repository.
#include "app/cli/goal.h"
#include "core/vcs/repository.h"
#include "../vcs/gitfixture.h"

#include <QDirIterator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sstream>

using namespace trellis;

namespace {

const QString kBackendAi = QStringLiteral(TRELLIS_TEST_DATA "/fixtures/towncrier-golden/backendai");

struct Outcome {
    int code;
    std::string out;
    std::string err;
};

Outcome runCli(const std::vector<std::string> &args)
{
    std::ostringstream out, err;
    const int code = cli::run(args, out, err);
    return {code, out.str(), err.str()};
}

QByteArray readBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Backend.AI's towncrier table, template and 26.9 fragments, released up to 26.8.0.
struct Repo {
    QTemporaryDir dir;
    std::unique_ptr<GitFixture> git;
    std::string root;

    explicit Repo(const QByteArray &pantsExtra = {})
    {
        QDirIterator it(kBackendAi, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QString rel = QDir(kBackendAi).relativeFilePath(path);
            if (rel != QLatin1String("expected-draft.txt")) {
                QDir().mkpath(QFileInfo(dir.filePath(rel)).absolutePath());
                QFile::copy(path, dir.filePath(rel));
            }
        }
        git = std::make_unique<GitFixture>(dir.path());
        git->write(QStringLiteral("pants.toml"), "[GLOBAL]\npants_version = \"2.32.0\"\n" + pantsExtra);
        git->write(QStringLiteral("VERSION"), "26.8.0\n");
        git->write(QStringLiteral("CHANGELOG.md"), "# Changelog\n\n<!-- towncrier release notes start -->\n");
        git->commitAll("release: 26.8.0");
        git->tag("26.8.0", "Release v26.8.0");
        root = dir.path().toStdString();
    }
    QString path(const char *rel) const { return dir.filePath(QLatin1String(rel)); }
    size_t uncommitted() const { return (*vcs::Repository::open(root))->uncommittedChanges()->size(); }
};

std::string trustStore() { return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation).toStdString() + "/trellis/trusted-repos"; }

} // namespace

class ReleaseGoalsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qunsetenv("TRELLIS_TRUST_REPO");
        QFile::remove(QString::fromStdString(trustStore()));
    }

    // The exact comparison with towncrier: `trellis release changelog` prints what
    // `towncrier build --draft --version 26.9.0rc1 --date 2026-09-01` printed.
    void testChangelogIsTowncriersDraft()
    {
        Repo repo;
        const Outcome o = runCli({"--root", repo.root, "release", "changelog", "--version=26.9.0rc1", "--date=2026-09-01"});
        QCOMPARE(o.code, 0);
        QCOMPARE(QByteArray::fromStdString(o.out), readBytes(kBackendAi + QStringLiteral("/expected-draft.txt")));
    }

    // --name puts a project name into the default template's title, as towncrier's --name.
    void testChangelogName()
    {
        QTemporaryDir dir;
        const QString src = QStringLiteral(TRELLIS_TEST_DATA "/fixtures/towncrier-golden/md-default");
        QVERIFY(QFile::copy(src + QStringLiteral("/pyproject.toml"), dir.filePath(QStringLiteral("pyproject.toml"))));
        QDir().mkpath(dir.filePath(QStringLiteral("newsfragments")));
        QVERIFY(QFile::copy(src + QStringLiteral("/newsfragments/9.removal.md"), dir.filePath(QStringLiteral("newsfragments/9.removal.md"))));
        QFile pants(dir.filePath(QStringLiteral("pants.toml")));
        QVERIFY(pants.open(QIODevice::WriteOnly));
        pants.write("[GLOBAL]\npants_version = \"2.32.0\"\n");
        pants.close();
        const Outcome o = runCli({"--root", dir.path().toStdString(), "release", "changelog", "--version=1.0", "--date=2026-09-01", "--name=Orchard"});
        QCOMPARE(o.code, 0);
        QCOMPARE(QString::fromStdString(o.out),
                 QStringLiteral("# Orchard 1.0 (2026-09-01)\n\n### Deprecations and Removals\n\n- Remove ümlaut-API. (#9)\n\n\n\n"));
    }

    // [trellis.release] from a file outside the repository: prepare writes CHANGELOG/26.9.md.
    void testPrepareWithConfigFile()
    {
        Repo repo;
        QTemporaryDir cfgDir;
        const QString cfg = cfgDir.filePath(QStringLiteral("release.toml"));
        QFile f(cfg);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[trellis.release]\nchangelog_file_pattern = \"CHANGELOG/{major}.{minor}.md\"\n");
        f.close();
        const QByteArray pants = readBytes(repo.path("pants.toml"));
        const Outcome o = runCli({"--root", repo.root, "--config", cfg.toStdString(), "release", "prepare", "26.9.0rc1", "--date=2026-09-01"});
        QVERIFY2(o.code == 0, o.err.c_str());
        QByteArray golden = readBytes(kBackendAi + QStringLiteral("/expected-draft.txt"));
        while (golden.endsWith('\n'))
            golden.chop(1);
        QCOMPARE(readBytes(repo.path("CHANGELOG/26.9.md")), golden + '\n');
        QCOMPARE(readBytes(repo.path("CHANGELOG.md")), QByteArray("# Changelog\n\n<!-- towncrier release notes start -->\n"));
        QCOMPARE(readBytes(repo.path("pants.toml")), pants);
        QCOMPARE(repo.uncommitted(), size_t(0));
        QVERIFY(o.out.find("CHANGELOG/26.9.md") != std::string::npos);
    }

    // prepare_command follows the remote cache's trust rule: refused until trusted;
    // --trust-repo runs it and remembers; a changed command needs trust again.
    void testPrepareCommandTrust()
    {
        Repo repo("\n[trellis.release]\nprepare_command = [\"sh\", \"-c\", \"echo $TRELLIS_RELEASE_VERSION > RELEASED\"]\n");
        const std::vector<std::string> prepare = {"--root", repo.root, "release", "prepare", "26.9.0rc1", "--date=2026-09-01"};
        Outcome o = runCli(prepare);
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.find("prepare_command runs repository code (sh -c echo $TRELLIS_RELEASE_VERSION > RELEASED) and this repository is not trusted")
                     != std::string::npos,
                 o.err.c_str());
        QVERIFY(!QFileInfo::exists(repo.path("RELEASED")));

        std::vector<std::string> trusted = prepare;
        trusted.insert(trusted.begin(), "--trust-repo");
        o = runCli(trusted);
        QVERIFY2(o.code == 0, o.err.c_str());
        QCOMPARE(readBytes(repo.path("RELEASED")), QByteArray("26.9.0rc1\n"));
        QCOMPARE(repo.uncommitted(), size_t(0));
        QVERIFY(readBytes(QString::fromStdString(trustStore())).contains(QByteArray::fromStdString(repo.dir.path().toStdString())));

        // Remembered: the next release runs it without the flag.
        QCOMPARE(runCli({"--root", repo.root, "release", "undo"}).code, 0);
        o = runCli(prepare);
        QVERIFY2(o.code == 0, o.err.c_str());
        QCOMPARE(runCli({"--root", repo.root, "release", "undo"}).code, 0);

        // TRELLIS_TRUST_REPO=1 trusts it for one run, without remembering.
        repo.git->write(QStringLiteral("pants.toml"),
                        "[GLOBAL]\npants_version = \"2.32.0\"\n\n[trellis.release]\nprepare_command = [\"sh\", \"-c\", \"echo once > RELEASED\"]\n");
        repo.git->commitAll("chore: one-off command");
        const QByteArray store = readBytes(QString::fromStdString(trustStore()));
        qputenv("TRELLIS_TRUST_REPO", "1");
        o = runCli(prepare);
        qunsetenv("TRELLIS_TRUST_REPO");
        QVERIFY2(o.code == 0, o.err.c_str());
        QCOMPARE(readBytes(repo.path("RELEASED")), QByteArray("once\n"));
        QCOMPARE(readBytes(QString::fromStdString(trustStore())), store);
        QCOMPARE(runCli({"--root", repo.root, "release", "undo"}).code, 0);

        // Another command is not trusted by the old entry.
        repo.git->write(QStringLiteral("pants.toml"),
                        "[GLOBAL]\npants_version = \"2.32.0\"\n\n[trellis.release]\nprepare_command = [\"sh\", \"-c\", \"rm -rf src\"]\n");
        repo.git->commitAll("chore: another command");
        o = runCli(prepare);
        QCOMPARE(o.code, 1);
        QVERIFY(o.err.find("(sh -c rm -rf src) and this repository is not trusted") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(ReleaseGoalsTest)
#include "releasegoals_test.moc"
