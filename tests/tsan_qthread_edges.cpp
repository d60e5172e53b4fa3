// ThreadSanitizer builds only (LINEARLAB_TSAN): shows TSan the happens-before edge
// QThread documents between a thread's end and QThread::wait() returning true.
//
// Debian's Qt is not built with TSan. QThread creates its threads detached, so TSan
// never sees a pthread_join, and QThread::wait() synchronises through QMutex (a
// futex, invisible to TSan) and, only when it has to block, a QWaitCondition. When
// the thread has already finished, wait() returns without any call TSan intercepts,
// and everything the owner then does with the thread's data (the training
// controller deleting the trainer after m_thread->wait()) is reported as a race
// against the thread's last writes.
//
// Linked into every test executable of the TSan build, this file replaces
// QThread::start() and QThread::wait() (for Qt's own calls too: Qt calls them
// through its PLT) and forwards to Qt's, found with dlsym(RTLD_NEXT). start()
// connects finished(), which QThread emits on the thread itself right before it
// finishes, to a TSan release on the QThread; wait() acquires it when it returns
// true, that is once the thread has finished. The edge is the one Qt documents, so
// it hides nothing Qt does not order: without the wait() TSan reports the owner's
// accesses again. What a thread does after emitting finished() (Qt's deferred
// deletes and thread-local cleanup) stays unordered for TSan.
#include <QObject>
#include <QThread>

#include <dlfcn.h>
#include <sanitizer/tsan_interface.h>

#include <cstdio>
#include <cstdlib>

namespace {

void* original(const char* symbol) {
    void* f = dlsym(RTLD_NEXT, symbol);
    if (!f) {
        std::fprintf(stderr, "tsan_qthread_edges: %s not found: %s\n", symbol, dlerror());
        std::abort();
    }
    return f;
}

// The receiver of every thread's release connection, so that a restarted thread
// drops its previous one instead of collecting them.
QObject& releaser() {
    static QObject object;
    return object;
}

}  // namespace

void QThread::start(Priority priority) {
    using Start = void (*)(QThread*, Priority);
    static const auto realStart =
        reinterpret_cast<Start>(original("_ZN7QThread5startENS_8PriorityE"));
    // Direct: runs on the finishing thread, before QThread marks it finished.
    QObject::disconnect(this, &QThread::finished, &releaser(), nullptr);
    connect(
        this, &QThread::finished, &releaser(), [this] { __tsan_release(this); },
        Qt::DirectConnection);
    realStart(this, priority);
}

bool QThread::wait(QDeadlineTimer deadline) {
    using Wait = bool (*)(QThread*, QDeadlineTimer);
    static const auto realWait =
        reinterpret_cast<Wait>(original("_ZN7QThread4waitE14QDeadlineTimer"));
    const bool finished = realWait(this, deadline);
    if (finished)
        __tsan_acquire(this);
    return finished;
}
