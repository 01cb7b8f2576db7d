// bench_changed: how long `trellis --changed-since=HEAD~50 list` takes on a generated
// 10,000-file repository with 200 commits of history, beside what git itself needs to
// answer the same question (`git diff --name-only HEAD~50` + `git status --porcelain`)
// and beside a warm graph load (`trellis dependencies ::`), which --changed-since needs
// for dependents. Goal (issue #6): within 2x git's time plus the warm graph load.
//
//   bench_changed [--files N] [--commits C] [--runs R]
#include <git2.h>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

double runOnce(const QString &program, const QStringList &args, const QString &cwd, const QStringList &env = {})
{
    QProcess p;
    p.setWorkingDirectory(cwd);
    p.setStandardOutputFile(QProcess::nullDevice());
    p.setStandardErrorFile(QProcess::nullDevice());
    if (!env.isEmpty()) {
        QStringList e = QProcess::systemEnvironment();
        e += env;
        p.setEnvironment(e);
    }
    QElapsedTimer t;
    t.start();
    p.start(program, args);
    if (!p.waitForFinished(-1) || p.exitCode() != 0) {
        std::fprintf(stderr, "failed: %s %s\n", qPrintable(program), qPrintable(args.join(QLatin1Char(' '))));
        std::exit(1);
    }
    return double(t.nsecsElapsed()) / 1e6;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

/// Commits the whole worktree on HEAD (`git add -A && git commit`).
void commitAll(git_repository *repo, const char *message, int n)
{
    git_index *index = nullptr;
    git_repository_index(&index, repo);
    git_index_add_all(index, nullptr, GIT_INDEX_ADD_DEFAULT, nullptr, nullptr);
    git_index_update_all(index, nullptr, nullptr, nullptr);
    git_index_write(index);
    git_oid treeId;
    git_index_write_tree(&treeId, index);
    git_index_free(index);
    git_tree *tree = nullptr;
    git_tree_lookup(&tree, repo, &treeId);
    git_signature *sig = nullptr;
    git_signature_new(&sig, "Bench", "bench@example.invalid", 1700000000 + 60 * n, 0);
    git_oid parentId;
    git_commit *parent = nullptr;
    const bool hasParent = git_reference_name_to_id(&parentId, repo, "HEAD") == 0;
    if (hasParent)
        git_commit_lookup(&parent, repo, &parentId);
    const git_commit *parents[] = {parent};
    git_oid id;
    git_commit_create(&id, repo, "HEAD", sig, sig, nullptr, message, tree, hasParent ? 1 : 0,
                      hasParent ? parents : nullptr);
    git_commit_free(parent);
    git_signature_free(sig);
    git_tree_free(tree);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int files = 10000, commits = 200, runs = 5;
    for (int i = 1; i + 1 < argc; i += 2) {
        const QString a = QString::fromLocal8Bit(argv[i]);
        const int v = QString::fromLocal8Bit(argv[i + 1]).toInt();
        if (a == QLatin1String("--files"))
            files = v;
        else if (a == QLatin1String("--commits"))
            commits = v;
        else if (a == QLatin1String("--runs"))
            runs = std::max(1, v);
    }
    const QString bin = QStringLiteral(TRELLIS_BINARY_DIR);
    const QString trellis = bin + QStringLiteral("/app/trellis");
    const QString gen = bin + QStringLiteral("/tests/bench/workspace/bench_gen_repo");
    QTemporaryDir tmp;
    const QString repoDir = tmp.filePath(QStringLiteral("repo"));
    std::printf("generating %d files, %d commits...\n", files, commits);
    runOnce(gen, {repoDir, QStringLiteral("--build-files"), QString::number(files / 10), QStringLiteral("--files"),
                  QString::number(files)},
            tmp.path());

    git_libgit2_init();
    git_repository *repo = nullptr;
    git_repository_init(&repo, repoDir.toUtf8().constData(), 0);
    commitAll(repo, "initial", 0);
    // Later commits each edit a handful of Python files.
    QStringList pyFiles;
    QDir root(repoDir);
    std::function<void(const QString &)> collect = [&](const QString &rel) {
        for (const QFileInfo &fi : QDir(root.filePath(rel)).entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
            const QString r = rel.isEmpty() ? fi.fileName() : rel + QLatin1Char('/') + fi.fileName();
            if (fi.isDir() && fi.fileName() != QLatin1String(".git"))
                collect(r);
            else if (fi.fileName().endsWith(QLatin1String(".py")))
                pyFiles << r;
        }
    };
    collect(QString());
    QRandomGenerator rng(42);
    for (int c = 1; c < commits; ++c) {
        for (int k = 0; k < 5; ++k) {
            QFile f(root.filePath(pyFiles[int(rng.bounded(quint32(pyFiles.size())))]));
            f.open(QIODevice::Append);
            f.write(QStringLiteral("\nX_%1_%2 = %1\n").arg(c).arg(k).toUtf8());
        }
        commitAll(repo, "edit", c);
    }
    git_repository_free(repo);
    // Uncommitted work on top, as in a real checkout.
    QFile f(root.filePath(pyFiles.first()));
    f.open(QIODevice::Append);
    f.write("\nLOCAL = 1\n");
    f.close();

    const QStringList cacheEnv{QStringLiteral("XDG_CACHE_HOME=") + tmp.filePath(QStringLiteral("cache"))};
    runOnce(trellis, {QStringLiteral("dependencies"), QStringLiteral("::")}, repoDir, cacheEnv); // warm the scan cache
    std::vector<double> git, graph, changed;
    for (int r = 0; r < runs; ++r) {
        git.push_back(runOnce(QStringLiteral("git"), {QStringLiteral("diff"), QStringLiteral("--name-only"),
                                                      QStringLiteral("HEAD~50")}, repoDir)
                      + runOnce(QStringLiteral("git"), {QStringLiteral("status"), QStringLiteral("--porcelain")}, repoDir));
        graph.push_back(runOnce(trellis, {QStringLiteral("dependencies"), QStringLiteral("::")}, repoDir, cacheEnv));
        changed.push_back(runOnce(trellis, {QStringLiteral("--changed-since=HEAD~50"), QStringLiteral("list")}, repoDir,
                                  cacheEnv));
    }
    const double g = median(git), w = median(graph), c = median(changed);
    std::printf("\n%-58s %10s\n", "command (median of runs)", "ms");
    std::printf("%-58s %10.1f\n", "git diff --name-only HEAD~50 + git status --porcelain", g);
    std::printf("%-58s %10.1f\n", "trellis dependencies :: (warm graph load)", w);
    std::printf("%-58s %10.1f\n", "trellis --changed-since=HEAD~50 list", c);
    std::printf("\nbudget 2 x git + warm graph load = %.1f ms; trellis used %.1f ms (%s)\n", 2 * g + w, c,
                c <= 2 * g + w ? "within the goal" : "over the goal");
    return 0;
}
