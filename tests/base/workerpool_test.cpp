// runParallel: every item is taken exactly once by the calling thread and the pool's
// threads together; a saturated pool (even one whose threads all wait) never blocks it,
// because the calling thread does the work itself and drops helpers that did not start.
#include "core/base/workerpool.h"

#include <QSemaphore>
#include <QTest>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <mutex>
#include <set>
#include <vector>

using namespace trellis;

class WorkerPoolTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyItemOnce()
    {
        constexpr int kItems = 5000;
        std::vector<std::atomic<int>> seen(kItems);
        std::atomic<int> next{0};
        std::mutex mutex;
        std::set<QThread *> threads;
        base::runParallel(4, [&] {
            {
                std::lock_guard lock(mutex);
                threads.insert(QThread::currentThread());
            }
            for (int i = next++; i < kItems; i = next++) {
                seen[size_t(i)]++;
                if (i % 500 == 0)
                    QThread::usleep(200); // give the helpers time to join in
            }
        });
        for (int i = 0; i < kItems; ++i)
            QCOMPARE(seen[size_t(i)].load(), 1);
        QVERIFY(threads.count(QThread::currentThread())); // the calling thread works too
    }

    void aSaturatedPoolDoesNotBlockIt()
    {
        QThreadPool *pool = base::workerPool();
        const int n = pool->maxThreadCount();
        QSemaphore started, release;
        std::vector<QFuture<void>> blockers;
        for (int i = 0; i < n; ++i)
            blockers.push_back(QtConcurrent::run(pool, [&] {
                started.release();
                release.acquire();
            }));
        QVERIFY(started.tryAcquire(n, 10000)); // every pool thread is taken

        std::atomic<int> next{0}, done{0};
        std::mutex mutex;
        std::set<QThread *> threads;
        base::runParallel(n + 2, [&] {
            {
                std::lock_guard lock(mutex);
                threads.insert(QThread::currentThread()); // only the calling thread runs
            }
            for (int i = next++; i < 100; i = next++)
                ++done;
        });
        QCOMPARE(done.load(), 100);
        QCOMPARE(threads.size(), size_t(1));
        QVERIFY(*threads.begin() == QThread::currentThread());

        release.release(n);
        for (QFuture<void> &f : blockers)
            f.waitForFinished();
    }

    void fromThePoolsOwnThreads()
    {
        // A load runs on the pool and its loops call runParallel from there.
        std::atomic<int> total{0};
        std::vector<QFuture<void>> outer;
        for (int j = 0; j < 8; ++j)
            outer.push_back(QtConcurrent::run(base::workerPool(), [&total] {
                std::atomic<int> next{0};
                base::runParallel(4, [&] {
                    for (int i = next++; i < 1000; i = next++)
                        ++total;
                });
            }));
        for (QFuture<void> &f : outer)
            f.waitForFinished();
        QCOMPARE(total.load(), 8000);
    }
};

QTEST_GUILESS_MAIN(WorkerPoolTest)
#include "workerpool_test.moc"
