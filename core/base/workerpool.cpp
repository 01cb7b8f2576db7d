#include "core/base/workerpool.h"

#include <QThread>
#include <QThreadPool>

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
        return p;
    }();
    return pool;
}

} // namespace trellis::base
