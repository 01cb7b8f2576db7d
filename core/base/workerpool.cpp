#include "core/base/workerpool.h"

#include <QRunnable>
#include <QSemaphore>
#include <QThread>
#include <QThreadPool>

#include <memory>
#include <vector>

namespace trellis::base {

QThreadPool *workerPool()
{
    // Never destroyed: tasks may still be finishing while static destructors run.
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool;
        p->setObjectName(QStringLiteral("trellis-workers"));
        // At least four: a goal run holds a thread while its processes run, and a load still
        // needs threads of its own.
        p->setMaxThreadCount(std::max(4, QThread::idealThreadCount()));
        p->setExpiryTimeout(-1);
        return p;
    }();
    return pool;
}

namespace {

class Helper : public QRunnable {
public:
    Helper(const std::function<void()> &work, QSemaphore &done)
        : m_work(work)
        , m_done(done)
    {
        setAutoDelete(false);
    }
    void run() override
    {
        m_work();
        m_done.release();
    }

private:
    const std::function<void()> &m_work;
    QSemaphore &m_done;
};

} // namespace

void runParallel(int threads, const std::function<void()> &work)
{
    QThreadPool *pool = workerPool();
    QSemaphore done;
    std::vector<std::unique_ptr<Helper>> helpers;
    for (int i = 1; i < threads; ++i) {
        helpers.push_back(std::make_unique<Helper>(work, done));
        pool->start(helpers.back().get());
    }
    work();
    int started = 0;
    for (const auto &h : helpers)
        if (!pool->tryTake(h.get()))
            ++started;
    done.acquire(started);
}

} // namespace trellis::base
