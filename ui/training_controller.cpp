#include "ui/training_controller.h"

#include "ui/training_worker.h"

#include <QThread>
#include <QTimer>

#include <algorithm>

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

std::unique_ptr<train::Trainer<float>> TrainingController::takeTrainer() {
    m_timer->stop();
    if (!m_worker)
        return nullptr;
    // stop() is an atomic flag the loop checks between batches, so the join below
    // waits for at most one batch.
    m_worker->trainer().stop();
    m_thread->quit();
    m_thread->wait();
    // The thread has finished: nothing runs in the worker any more, so deleting it
    // from here is safe.
    std::unique_ptr<train::Trainer<float>> trainer = m_worker->release();
    delete m_worker;
    m_worker = nullptr;
    delete m_thread;
    m_thread = nullptr;
    m_lastCommand = 0;
    setRunning(false);
    return trainer;
}

void TrainingController::setTrainer(std::unique_ptr<train::Trainer<float>> trainer) {
    shutdown();
    if (!trainer)
        return;
    // Read before the thread starts: from then on the run id belongs to the loop.
    const uint64_t runId = trainer->runId();
    m_lastCommand = trainer->setMaxStepsPerSecond(m_maxStepsPerSecond);
    m_minimumRunId = std::max(runId, m_maxSeenRunId + 1);
    m_maxSeenRunId = std::max(m_maxSeenRunId, runId);
    // The new trainer's first state, taken here before its thread starts, so that
    // a Save or an export straight after loading weights sees them rather than
    // "no weights yet" until the loop's first snapshot arrives.
    trainer->publishSnapshot();
    m_latest = trainer->takeSnapshot();
    emit minimumRunIdChanged(m_minimumRunId);
    if (m_latest)
        emit snapshotReady(m_latest);

    m_worker = new TrainingWorker(std::move(trainer));
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
    m_lastCommand = m_worker->trainer().start();
    setRunning(true);
}

void TrainingController::pause() {
    if (!m_worker)
        return;
    m_lastCommand = m_worker->trainer().pause();
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
    m_lastCommand = m_worker->trainer().requestStep();
    setRunning(false);
}

void TrainingController::reset() {
    if (!m_worker)
        return;
    // Everything seen so far belongs to runs before this reset; the loop gives its
    // new run a larger id (run ids only grow).
    m_minimumRunId = std::max(m_minimumRunId, m_maxSeenRunId + 1);
    emit minimumRunIdChanged(m_minimumRunId);
    m_lastCommand = m_worker->trainer().reset();
    setRunning(false);
}

void TrainingController::setLearningRate(double lr) {
    if (m_worker)
        m_lastCommand = m_worker->trainer().setLearningRate(lr);
}

void TrainingController::setBatchSize(nn::Index batchSize) {
    if (m_worker)
        m_lastCommand = m_worker->trainer().setBatchSize(batchSize);
}

void TrainingController::setMaxStepsPerSecond(double stepsPerSecond) {
    m_maxStepsPerSecond = stepsPerSecond;
    if (m_worker)
        m_lastCommand = m_worker->trainer().setMaxStepsPerSecond(stepsPerSecond);
}

void TrainingController::poll() {
    if (!m_worker)
        return;
    SnapshotPtr snapshot = m_worker->trainer().takeSnapshot();
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
    emit snapshotReady(std::move(snapshot));
}

void TrainingController::setRunning(bool running) {
    if (m_running == running)
        return;
    m_running = running;
    emit runningChanged(running);
}

}  // namespace linearlab::ui
