// Issue 18 item 9 (lockfiles): parsing and diffing are linear. These tests check the
// results that the linear algorithms must keep: the chain of every package equals the one
// the breadth-first search of the original implementation finds (random graphs, with
// and without top-level information), duplicate packages still merge in file order, and
// a 40,000-package uv lockfile parses and diffs completely. Timings live in
// tests/bench/lockfile_large (never timed here).
#include "core/lockfile/lockfilediff.h"

#include <QTest>

#include <deque>
#include <random>
#include <set>

using namespace trellis::lockfile;

namespace {

// The original chain search: breadth-first from `name` over dependents sorted by name,
// to the first top-level package (or, without top-level names, a package nobody needs).
std::vector<std::string> referenceChain(const Lockfile &lock, const std::string &name)
{
    std::map<std::string, int> index;
    for (std::size_t i = 0; i < lock.packages.size(); ++i)
        index.emplace(lock.packages[i].name, int(i));
    std::vector<std::vector<int>> dependents(lock.packages.size());
    bool anyEdges = false;
    for (std::size_t i = 0; i < lock.packages.size(); ++i) {
        for (const std::string &d : lock.packages[i].dependencies)
            if (auto it = index.find(d); it != index.end() && it->second != int(i)) {
                dependents[std::size_t(it->second)].push_back(int(i));
                anyEdges = true;
            }
        for (const std::string &r : lock.packages[i].requiredBy)
            if (auto it = index.find(r); it != index.end() && it->second != int(i)) {
                dependents[i].push_back(it->second);
                anyEdges = true;
            }
    }
    for (auto &d : dependents) {
        std::sort(d.begin(), d.end(), [&](int a, int b) { return lock.packages[std::size_t(a)].name < lock.packages[std::size_t(b)].name; });
        d.erase(std::unique(d.begin(), d.end()), d.end());
    }
    auto startIt = index.find(name);
    if (startIt == index.end())
        return {};
    const std::set<std::string> top(lock.topLevel.begin(), lock.topLevel.end());
    if (!anyEdges && top.empty())
        return {};
    std::vector<int> parent(lock.packages.size(), -2);
    std::deque<int> queue{startIt->second};
    parent[std::size_t(startIt->second)] = -1;
    int found = -1;
    while (!queue.empty()) {
        const int n = queue.front();
        queue.pop_front();
        if (top.empty() ? dependents[std::size_t(n)].empty() : top.count(lock.packages[std::size_t(n)].name) > 0) {
            found = n;
            break;
        }
        for (int d : dependents[std::size_t(n)])
            if (parent[std::size_t(d)] == -2) {
                parent[std::size_t(d)] = n;
                queue.push_back(d);
            }
    }
    if (found < 0)
        return {name};
    std::vector<std::string> path;
    for (int n = found; n != -1; n = parent[std::size_t(n)])
        path.push_back(lock.packages[std::size_t(n)].name);
    std::reverse(path.begin(), path.end());
    return path;
}

/// A uv lockfile: `count` packages p-0..p-(count-1), package i depending on `deps(i)`.
std::string uvLock(int count, const std::function<std::vector<int>(int)> &deps, const std::function<std::string(int)> &version)
{
    std::string out = "version = 1\nrequires-python = \">=3.11\"\n\n";
    for (int i = 0; i < count; ++i) {
        out += "[[package]]\nname = \"p-" + std::to_string(i) + "\"\nversion = \"" + version(i) + "\"\n"
               "source = { registry = \"https://pypi.org/simple\" }\n";
        const std::vector<int> d = deps(i);
        if (!d.empty()) {
            out += "dependencies = [\n";
            for (int x : d)
                out += "    { name = \"p-" + std::to_string(x) + "\" },\n";
            out += "]\n";
        }
        out += "\n";
    }
    return out;
}

} // namespace

class LargeLockfileTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testChainsMatchBreadthFirstSearch()
    {
        std::mt19937 rng(18);
        for (int round = 0; round < 60; ++round) {
            const int n = 2 + int(rng() % 40);
            Lockfile lock;
            lock.path = "random.lock";
            for (int i = 0; i < n; ++i) {
                LockedPackage p;
                p.name = p.displayName = "p" + std::to_string(int(rng() % 1000)) + "-" + std::to_string(i);
                p.version = "1.0";
                lock.packages.push_back(p);
            }
            for (int i = 0; i < n; ++i) {
                const int edges = int(rng() % 4);
                for (int e = 0; e < edges; ++e)
                    lock.packages[std::size_t(i)].dependencies.push_back(lock.packages[rng() % std::size_t(n)].name);
                if (rng() % 5 == 0)
                    lock.packages[std::size_t(i)].requiredBy.push_back(lock.packages[rng() % std::size_t(n)].name);
            }
            if (round % 3 != 0)
                for (int i = 0; i < n; ++i)
                    if (rng() % 4 == 0)
                        lock.topLevel.push_back(lock.packages[std::size_t(i)].name);
            for (const LockedPackage &p : lock.packages) {
                const auto want = referenceChain(lock, p.name);
                const auto got = dependencyChain(lock, p.name);
                if (got != want) {
                    std::string w, g;
                    for (const auto &s : want) w += s + " ";
                    for (const auto &s : got) g += s + " ";
                    QFAIL(qPrintable(QStringLiteral("round %1, %2: want [%3] got [%4]").arg(round).arg(QString::fromStdString(p.name),
                                     QString::fromStdString(w), QString::fromStdString(g))));
                }
            }
        }
    }

    void testDuplicatesMergeInFileOrder()
    {
        const std::string text = "a==1.0\n    # via x\n    # via y\nb==2.0\na==1.1\n    # via z\n    # via x\n";
        auto lock = parseLockfile(text, "requirements.txt");
        QVERIFY(lock.ok());
        QCOMPARE(int(lock->packages.size()), 2);
        QCOMPARE(QString::fromStdString(lock->packages[0].name), QStringLiteral("a"));
        QCOMPARE(QString::fromStdString(lock->packages[0].version), QStringLiteral("1.1"));
        QCOMPARE(lock->packages[0].requiredBy, (std::vector<std::string>{"x", "y", "z"}));
    }

    void testFortyThousandPackageUvLockfile()
    {
        const int n = 40000;
        // A deep graph: package i needs i+1 and i/2+... so chains are long and shared.
        auto deps = [n](int i) {
            std::vector<int> d;
            if (i + 1 < n)
                d.push_back(i + 1);
            if (2 * i + 1 < n)
                d.push_back(2 * i + 1);
            d.push_back(i + 1 < n ? i + 1 : i); // a duplicate, merged away
            return d;
        };
        const std::string base = uvLock(n, deps, [](int) { return std::string("1.0.0"); });
        const std::string head = uvLock(n, deps, [](int i) { return std::string(i % 2 ? "1.0.1" : "1.0.0"); });
        auto b = parseLockfile(base, "uv.lock");
        auto h = parseLockfile(head, "uv.lock");
        QVERIFY(b.ok() && h.ok());
        QCOMPARE(int(h->packages.size()), n);
        QCOMPARE(h->packages[1].dependencies, (std::vector<std::string>{"p-2", "p-3"}));
        const LockfileDiff d = diffLockfiles(*b, *h);
        QCOMPARE(int(d.section(ChangeKind::Upgraded).size()), n / 2);
        // Without top-level names the goal is p-0 (nobody needs it); p-39999's chain walks
        // back through its shortest line of dependents.
        const PackageChange *last = d.section(ChangeKind::Upgraded).front();
        QCOMPARE(QString::fromStdString(last->chain.front()), QString::fromStdString(last->name));
        QCOMPARE(QString::fromStdString(last->chain.back()), QStringLiteral("p-0"));
        QCOMPARE(dependencyChain(*h, "p-39999"), referenceChain(*h, "p-39999"));
        QCOMPARE(dependencyChain(*h, "p-20001"), referenceChain(*h, "p-20001"));
    }
};

QTEST_GUILESS_MAIN(LargeLockfileTest)
#include "largelockfile_test.moc"
