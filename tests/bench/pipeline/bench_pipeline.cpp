// bench_pipeline [--files N] [--build-files M] [--runs R] [--repo DIR] [--trellis PATH]
//
// The whole-pipeline benchmark of issues #4 and #5. It generates a repository with
// bench_gen_repo (10,000 Python files in 1,000 BUILD directories by default) in a
// temporary directory, unless --repo names an existing one, and runs as whole processes:
//
//   read   `find . -type f -print0 | xargs -0 cat > /dev/null`   (page cache warm)
//   list   `trellis list ::`
//   cold   `trellis dependencies ::` with a fresh XDG_CACHE_HOME  (scan cache empty)
//   warm   `trellis dependencies ::` with the cache of a previous run, nothing changed
//
// Each is run R times (default 5) and reported as the median wall time, the median CPU
// time (user + sys of the process and its children, from wait4), the largest peak RSS,
// and the ratios of wall and CPU time to those of `read`. The last column checks the
// goals: list <= 0.5 s and <= 3x read; cold <= 1.0 s and <= 4x read; warm <= 0.3 s;
// peak RSS <= 300 MB. A goal counts as met in CPU time when the machine is loaded (wall
// time then includes waiting for a core), so both are printed.
//
// The binaries default to the ones of the same build tree (compile definitions).
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

/// What one whole-process run cost.
struct Sample {
    double wallMs = 0;
    double cpuMs = 0;  ///< user + sys, the process and the children it waited for
    double peakMb = 0; ///< ru_maxrss (the largest of the process and its children)
};

/// Runs `argv` in `cwd` with stdout to /dev/null and stderr to `errFile`, setting
/// XDG_CACHE_HOME when `cacheHome` is not empty. False when it could not run or failed.
bool runProcess(const std::vector<std::string> &argv, const std::string &cwd, const std::string &cacheHome,
                const std::string &errFile, Sample *out)
{
    std::vector<char *> args;
    for (const std::string &a : argv)
        args.push_back(const_cast<char *>(a.c_str()));
    args.push_back(nullptr);
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = ::fork();
    if (pid < 0)
        return false;
    if (pid == 0) {
        const int devNull = ::open("/dev/null", O_WRONLY);
        const int err = ::open(errFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (devNull < 0 || err < 0 || ::dup2(devNull, 1) < 0 || ::dup2(err, 2) < 0 || ::chdir(cwd.c_str()) != 0)
            ::_exit(127);
        if (!cacheHome.empty())
            ::setenv("XDG_CACHE_HOME", cacheHome.c_str(), 1);
        ::execv(args[0], args.data());
        ::_exit(127);
    }
    int status = 0;
    struct rusage ru{};
    pid_t r;
    do {
        r = ::wait4(pid, &status, 0, &ru);
    } while (r < 0 && errno == EINTR);
    const auto end = std::chrono::steady_clock::now();
    auto ms = [](const timeval &tv) { return double(tv.tv_sec) * 1e3 + double(tv.tv_usec) / 1e3; };
    out->wallMs = std::chrono::duration<double, std::milli>(end - start).count();
    out->cpuMs = ms(ru.ru_utime) + ms(ru.ru_stime);
    out->peakMb = double(ru.ru_maxrss) / 1024.0;
    return r == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

/// Medians of several samples (peak RSS: the largest).
struct Summary {
    double wallMs = 0, cpuMs = 0, peakMb = 0;
};

Summary summarize(const std::vector<Sample> &samples)
{
    std::vector<double> wall, cpu;
    Summary s;
    for (const Sample &x : samples) {
        wall.push_back(x.wallMs);
        cpu.push_back(x.cpuMs);
        s.peakMb = std::max(s.peakMb, x.peakMb);
    }
    s.wallMs = median(wall);
    s.cpuMs = median(cpu);
    return s;
}

/// A goal on one row; a zero bound is not checked.
struct Goal {
    double maxWallMs = 0;
    double maxRatio = 0;
    double maxPeakMb = 300;
};

/// "ok" / "FAIL" for wall and CPU time against `goal` (ratios to the read row).
std::string verdict(const Summary &s, const Summary &read, const Goal &goal)
{
    auto meets = [&](double value, double readValue) {
        return (goal.maxWallMs <= 0 || value <= goal.maxWallMs)
            && (goal.maxRatio <= 0 || (readValue > 0 && value <= goal.maxRatio * readValue));
    };
    std::string text = "wall " + std::string(meets(s.wallMs, read.wallMs) ? "ok" : "FAIL");
    text += ", cpu " + std::string(meets(s.cpuMs, read.cpuMs) ? "ok" : "FAIL");
    text += ", mem " + std::string(s.peakMb <= goal.maxPeakMb ? "ok" : "FAIL");
    return text;
}

void printRow(const char *name, const Summary &s, const Summary &read, const std::string &goalText,
              const std::string &verdictText)
{
    std::printf("%-30s %9.1f %9.1f %9.1f %7.2fx %7.2fx  %-28s %s\n", name, s.wallMs, s.cpuMs, s.peakMb,
                read.wallMs > 0 ? s.wallMs / read.wallMs : 0.0, read.cpuMs > 0 ? s.cpuMs / read.cpuMs : 0.0,
                goalText.c_str(), verdictText.c_str());
}

void printFailure(const char *what, const std::string &errFile)
{
    std::fprintf(stderr, "bench_pipeline: %s failed; its stderr:\n", what);
    if (FILE *f = std::fopen(errFile.c_str(), "r")) {
        char buf[4096];
        size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, f)) > 0)
            std::fwrite(buf, 1, n, stderr);
        std::fclose(f);
    }
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    std::string trellis = TRELLIS_BINARY, generator = BENCH_GEN_REPO_BINARY, repo;
    int files = 10000, buildFiles = 1000, runs = 5;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        const QString &a = args[i];
        const bool hasValue = i + 1 < args.size();
        if (a == QLatin1String("--files") && hasValue)
            files = args[++i].toInt();
        else if (a == QLatin1String("--build-files") && hasValue)
            buildFiles = args[++i].toInt();
        else if (a == QLatin1String("--runs") && hasValue)
            runs = std::max(1, args[++i].toInt());
        else if (a == QLatin1String("--repo") && hasValue)
            repo = QFileInfo(args[++i]).absoluteFilePath().toStdString();
        else if (a == QLatin1String("--trellis") && hasValue)
            trellis = QFileInfo(args[++i]).absoluteFilePath().toStdString();
        else {
            std::fprintf(stderr, "usage: bench_pipeline [--files N] [--build-files M] [--runs R] [--repo DIR] "
                                 "[--trellis PATH]\n");
            return 2;
        }
    }

    QTemporaryDir tmp;
    if (!tmp.isValid()) {
        std::fprintf(stderr, "bench_pipeline: cannot create a temporary directory\n");
        return 1;
    }
    const std::string work = tmp.path().toStdString();
    const std::string errFile = work + "/stderr.txt";
    Sample sample;
    const bool givenRepo = !repo.empty();
    if (!givenRepo) {
        repo = work + "/repo";
        const std::vector<std::string> gen{generator, repo, "--build-files", std::to_string(buildFiles), "--files",
                                           std::to_string(files)};
        if (!runProcess(gen, work, {}, errFile, &sample)) {
            printFailure("bench_gen_repo", errFile);
            return 1;
        }
    }

    // The read cost of what Trellis reads: the generated repository's every file; in a real
    // one its Python and BUILD files (not .git, nor assets no target reads).
    const bool generated = !givenRepo;
    const std::vector<std::string> read{
        "/bin/sh", "-c",
        generated ? "find . -type f -print0 | xargs -0 cat > /dev/null"
                  : "find . -name .git -prune -o -type f \\( -name '*.py' -o -name '*.pyi' -o -name 'BUILD' -o -name "
                    "'BUILD.*' \\) -print0 | xargs -0 cat > /dev/null"};
    const std::vector<std::string> list{trellis, "--root", repo, "list", "::"};
    const std::vector<std::string> deps{trellis, "--root", repo, "dependencies", "::"};
    const std::string warmCache = work + "/cache-warm";

    // Warm the page cache and the scan cache, and check that every command succeeds.
    if (!runProcess(read, repo, {}, errFile, &sample)) {
        printFailure("find | xargs cat", errFile);
        return 1;
    }
    if (!runProcess(list, repo, warmCache, errFile, &sample)) {
        printFailure("trellis list ::", errFile);
        return 1;
    }
    if (!runProcess(deps, repo, warmCache, errFile, &sample)) {
        printFailure("trellis dependencies ::", errFile);
        return 1;
    }

    // Interleave the commands so that a change in machine load touches all of them alike.
    std::vector<Sample> readRuns, listRuns, coldRuns, warmRuns;
    bool ok = true;
    for (int i = 0; i < runs && ok; ++i) {
        const std::string coldCache = work + "/cache-cold-" + std::to_string(i);
        ok = runProcess(read, repo, {}, errFile, &sample);
        readRuns.push_back(sample);
        ok = ok && runProcess(list, repo, warmCache, errFile, &sample);
        listRuns.push_back(sample);
        ok = ok && runProcess(deps, repo, coldCache, errFile, &sample);
        coldRuns.push_back(sample);
        ok = ok && runProcess(deps, repo, warmCache, errFile, &sample);
        warmRuns.push_back(sample);
        QDir(QString::fromStdString(coldCache)).removeRecursively();
    }
    if (!ok) {
        printFailure("a timed run", errFile);
        return 1;
    }

    const Summary r = summarize(readRuns), l = summarize(listRuns), c = summarize(coldRuns), w = summarize(warmRuns);
    if (generated)
        std::printf("repository: %s (%d Python files, %d BUILD files), median of %d runs\n", repo.c_str(), files,
                    buildFiles, runs);
    else
        std::printf("repository: %s (read cost: its Python and BUILD files), median of %d runs\n", repo.c_str(), runs);
    std::printf("%-30s %9s %9s %9s %8s %8s  %-28s %s\n", "", "wall ms", "cpu ms", "peak MB", "wall/rd", "cpu/rd",
                "goal", "verdict");
    printRow("find|xargs cat (read cost)", r, r, "", "");
    printRow("trellis list ::", l, r, "<= 500 ms, <= 3x read", verdict(l, r, {500, 3, 300}));
    printRow("trellis dependencies :: cold", c, r, "<= 1000 ms, <= 4x read", verdict(c, r, {1000, 4, 300}));
    printRow("trellis dependencies :: warm", w, r, "<= 300 ms", verdict(w, r, {300, 0, 300}));
    return 0;
}
