#include "ui/training_controller.h"

#include "ui/training_worker.h"

#include "core/io/network_state.h"

#include <QThread>
#include <QTimer>

#include <algorithm>
#include <type_traits>

namespace linearlab::ui {

namespace {
// ~30 Hz: as often as the trainer publishes by default.
constexpr int kPollMs = 33;
}  // namespace

TrainingController::TrainingController(QObject* parent) : QObject(parent) {
    m_timer = new QTimer(this);
    m_timer->setInterval(kPollMs);
    connect(m_timer, &QTimer::timeout, this, &TrainingController::poll);
}

TrainingController::~TrainingController() {
    shutdown();
}

void TrainingController::shutdown() {
    takeTrainer();
}

AnyTrainer TrainingController::takeTrainer() {
    m_timer->stop();
    if (!m_worker)
        return {};
    // stop() is an atomic flag the loop checks between batches, so the join below
    // waits for at most one batch.
    m_worker->trainer().visit([](auto& t) { t.stop(); });
    m_thread->quit();
    m_thread->wait();
    // The thread has finished: nothing runs in the worker any more, so deleting it
    // from here is safe.
    AnyTrainer trainer = m_worker->release();
    delete m_worker;
    m_worker = nullptr;
    delete m_thread;
    m_thread = nullptr;
    m_lastCommand = 0;
    setRunning(false);
    return trainer;
}

void TrainingController::setTrainer(AnyTrainer trainer) {
    shutdown();
    if (!trainer)
        return;
    m_worker = new TrainingWorker(std::move(trainer));
    // Read before the thread starts: from then on the run id belongs to the loop.
    m_latest64.reset();
    m_worker->trainer().visit([&](auto& t) {
        const uint64_t runId = t.runId();
        t.setMaxStepsPerSecond(m_maxStepsPerSecond);
        m_lastCommand = t.setThreads(m_threads);
        m_minimumRunId = std::max(runId, m_maxSeenRunId + 1);
        m_maxSeenRunId = std::max(m_maxSeenRunId, runId);
        // The new trainer's first state, taken here before its thread starts, so
        // that a Save or an export straight after loading weights sees them
        // rather than "no weights yet" until the loop's first snapshot arrives.
        t.publishSnapshot();
    });
    m_latest = take(&m_latest64);
    emit minimumRunIdChanged(m_minimumRunId);
    if (m_latest)
        emit snapshotReady(m_latest);

    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("training"));
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::started, m_worker, &TrainingWorker::run);
    connect(
        m_worker, &TrainingWorker::failed, this,
        [this](const QString& message) {
            setRunning(false);
            emit failed(message);
        },
        Qt::QueuedConnection);
    m_thread->start();
    m_timer->start();
}

void TrainingController::start() {
    if (!m_worker)
        return;
    m_lastCommand = m_worker->trainer().visit([](auto& t) { return t.start(); });
    setRunning(true);
}

void TrainingController::pause() {
    if (!m_worker)
        return;
    m_lastCommand = m_worker->trainer().visit([](auto& t) { return t.pause(); });
    setRunning(false);
}

void TrainingController::toggle() {
    if (m_running)
        pause();
    else
        start();
}

void TrainingController::step() {
    if (!m_worker)
        return;
    m_lastCommand = m_worker->trainer().visit([](auto& t) { return t.requestStep(); });
    setRunning(false);
}

void TrainingController::reset() {
    if (!m_worker)
        return;
    // Everything seen so far belongs to runs before this reset; the loop gives its
    // new run a larger id (run ids only grow).
    m_minimumRunId = std::max(m_minimumRunId, m_maxSeenRunId + 1);
    emit minimumRunIdChanged(m_minimumRunId);
    m_lastCommand = m_worker->trainer().visit([](auto& t) { return t.reset(); });
    setRunning(false);
}

void TrainingController::setLearningRate(double lr) {
    if (m_worker)
        m_lastCommand = m_worker->trainer().visit([&](auto& t) { return t.setLearningRate(lr); });
}

void TrainingController::setBatchSize(nn::Index batchSize) {
    if (m_worker)
        m_lastCommand =
            m_worker->trainer().visit([&](auto& t) { return t.setBatchSize(batchSize); });
}

void TrainingController::setMaxStepsPerSecond(double stepsPerSecond) {
    m_maxStepsPerSecond = stepsPerSecond;
    if (m_worker)
        m_lastCommand = m_worker->trainer().visit(
            [&](auto& t) { return t.setMaxStepsPerSecond(stepsPerSecond); });
}

void TrainingController::setThreads(int threads) {
    m_threads = threads;
    if (m_worker)
        m_lastCommand = m_worker->trainer().visit([&](auto& t) { return t.setThreads(threads); });
}

void TrainingController::poll() {
    if (!m_worker)
        return;
    std::shared_ptr<const CastPublication> publication;
    SnapshotPtr snapshot = take(&publication);
    if (!snapshot)
        return;
    m_maxSeenRunId = std::max(m_maxSeenRunId, snapshot->runId);
    if (snapshot->runId < m_minimumRunId)
        return;
    // The loop stops on its own at the end of its epochs or on a non-finite loss.
    // A snapshot from before the user's last command says nothing about it (a
    // paused loop's snapshot from before a Train must not undo the Train); one
    // that acknowledges it is the loop's answer. The loop publishes promptly after applying a
    // command, so that answer is at most a batch away.
    if (snapshot->acknowledgedCommand >= m_lastCommand)
        setRunning(snapshot->state == train::TrainState::Running);
    m_latest = snapshot;
    // Kept only once known to be current, so latestWeights() never reads a stale run's.
    m_latest64 = std::move(publication);
    emit snapshotReady(std::move(snapshot));
}

SnapshotPtr TrainingController::take(std::shared_ptr<const CastPublication>* publication) {
    // A float64 run's publication was cast for the views on the training thread:
    // here it is only taken, the view sharing its ownership.
    if (ViewCaster* caster = m_worker->viewCaster()) {
        *publication = caster->take();
        return *publication ? SnapshotPtr(*publication, &(*publication)->view) : nullptr;
    }
    publication->reset();
    return m_worker->trainer().visit([](auto& t) -> SnapshotPtr {
        if constexpr (std::is_same_v<std::decay_t<decltype(t)>, train::Trainer<float>>)
            return t.takeSnapshot();
        else
            return nullptr;  // published through the caster
    });
}

io::StateDict TrainingController::latestWeights() const {
    if (m_latest64)
        return m_latest64->context ? io::stateDictOf(*m_latest64->context, m_latest64->parameters)
                                   : io::StateDict{};
    if (m_latest)
        return io::stateDictOf(*m_latest);
    return {};
}

void TrainingController::setRunning(bool running) {
    if (m_running == running)
        return;
    m_running = running;
    emit runningChanged(running);
}

}  // namespace linearlab::ui
