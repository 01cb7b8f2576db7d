// Concurrency: one frozen Prelude shared by many threads evaluating different BUILD files;
// prelude containers are frozen, and every file's result is independent.
#include "tests/buildlang/testutil.h"

#include <QTest>

#include <atomic>
#include <thread>

using namespace trellis::buildlang;

class ThreadsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testFrozen_data();
    void testFrozen();
    void testConcurrentEvaluation();
};

void ThreadsTest::testFrozen_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("error");
    QTest::newRow("list append") << "SHARED.append(1)\n"
        << "src/BUILD:1:8: error: cannot modify frozen list\nSHARED.append(1)\n       ^";
    QTest::newRow("nested dict") << "TABLE['k'].update(x=1)\n"
        << "src/BUILD:1:12: error: cannot modify frozen dict\nTABLE['k'].update(x=1)\n           ^";
    QTest::newRow("item assignment") << "TABLE['n'] = 1\n"
        << "src/BUILD:1:7: error: cannot modify frozen dict\nTABLE['n'] = 1\n      ^";
    QTest::newRow("augmented") << "SHARED += [1]\n"
        << "src/BUILD:1:8: error: cannot modify frozen list\nSHARED += [1]\n       ^";
    QTest::newRow("copies are mutable") << "x = list(SHARED)\nx.append(1)\ny = dict(TABLE)\ny['z'] = 1\nz = SHARED + [1]\n" << "";
    QTest::newRow("rebinding is file-local") << "SHARED = []\nSHARED.append(1)\n" << "";
}

void ThreadsTest::testFrozen()
{
    QFETCH(QString, program);
    QFETCH(QString, error);
    const auto ev = test::evaluate(program.toStdString(), "SHARED = ['a']\nTABLE = {'k': {}}\n");
    QCOMPARE(QString::fromStdString(ev.errors), error);
}

void ThreadsTest::testConcurrentEvaluation()
{
    trellis::base::Diagnostics diags;
    auto prelude = Prelude::load(test::makeDialect(), {{"macros.py",
        "_deps = ['//:reqs#a']\n"
        "def lib(name, **kw):\n"
        "    python_sources(name=name, dependencies=[*_deps, *kw.pop('deps', [])], **kw)\n"
        "    return {'tags': [name]}\n"}}, {}, diags);
    QVERIFY(diags.empty());
    constexpr int kThreads = 4, kFiles = 300;
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kFiles; ++i) {
                const std::string n = std::to_string(t) + "_" + std::to_string(i);
                std::string text = "x = lib('l" + n + "', deps=[':d'])\npython_tests(name='t', **x)\n";
                if (i % 10 == 0)
                    text += "_deps.append(1)\n"; // must fail without affecting other files
                test::Recorder rec;
                FileResult r = evaluateBuildFile(*prelude, "p" + n + "/BUILD", text, &rec);
                const std::string want = "python_sources(name='l" + n + "', dependencies=['//:reqs#a', ':d'])\n"
                                         "python_tests(name='t', tags=['l" + n + "'])\n";
                if (rec.summary() != want || r.ok() != (i % 10 != 0))
                    ++failures;
            }
        });
    }
    for (auto &th : threads)
        th.join();
    QCOMPARE(failures.load(), 0);
}

QTEST_GUILESS_MAIN(ThreadsTest)
#include "threads_test.moc"
