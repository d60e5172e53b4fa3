// The trainer's control side: the numbered commands any thread may issue
// (start, pause, step, reset, stop and the live settings), how the loop applies
// them between batches, and run(), the loop a GUI's worker thread drives. The
// training step itself and the snapshots are in trainer.cpp.
#include "core/train/trainer.h"

#include "core/nn/blas.h"

#include "core/train/scheduled_optimizer.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace linearlab::train {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

template <typename T>
template <typename Record>
uint64_t Trainer<T>::command(Record record) {
    uint64_t sequence = 0;
    {
        // Recorded and numbered under the mutex the loop waits on: the loop sees
        // either neither or both, and cannot miss the wake-up below.
        std::lock_guard<std::mutex> lock(m_controlMutex);
        record(m_pending);
        sequence = m_issuedCommand.load(std::memory_order_relaxed) + 1;
        m_issuedCommand.store(sequence, std::memory_order_release);
    }
    m_wake.notify_all();
    return sequence;
}

template <typename T>
uint64_t Trainer<T>::start() {
    return command([](PendingCommands& p) {
        p.run = true;
        p.dropSteps = true;  // running makes single steps moot
        p.steps = 0;
    });
}

template <typename T>
uint64_t Trainer<T>::pause() {
    return command([](PendingCommands& p) {
        p.run = false;
        p.dropSteps = true;
        p.steps = 0;
    });
}

template <typename T>
uint64_t Trainer<T>::requestStep() {
    return command([](PendingCommands& p) {
        p.run = false;
        ++p.steps;
    });
}

template <typename T>
uint64_t Trainer<T>::reset() {
    return command([](PendingCommands& p) {
        p.run = false;
        p.dropSteps = true;
        p.steps = 0;
        p.reset = true;
    });
}

template <typename T>
uint64_t Trainer<T>::stop() {
    // Also a flag of its own, which the loop checks without the mutex.
    return command([this](PendingCommands&) { m_stopRequested = true; });
}

template <typename T>
uint64_t Trainer<T>::setLearningRate(double lr) {
    return command([lr](PendingCommands& p) { p.learningRate = lr; });
}

template <typename T>
uint64_t Trainer<T>::setBatchSize(Index batchSize) {
    return command([batchSize](PendingCommands& p) { p.batchSize = batchSize; });
}

template <typename T>
uint64_t Trainer<T>::setMaxStepsPerSecond(double stepsPerSecond) {
    return command([stepsPerSecond](PendingCommands& p) { p.maxStepsPerSecond = stepsPerSecond; });
}

template <typename T>
uint64_t Trainer<T>::setThreads(int threads) {
    return command([threads](PendingCommands& p) { p.threads = threads; });
}

template <typename T>
void Trainer<T>::applyCommands() {
    // Nothing new, the usual case between batches: no lock taken.
    if (m_issuedCommand.load(std::memory_order_acquire) == m_appliedCommand)
        return;
    PendingCommands pending;
    {
        std::lock_guard<std::mutex> lock(m_controlMutex);
        pending = m_pending;
        m_pending = PendingCommands{};
        m_appliedCommand = m_issuedCommand.load(std::memory_order_relaxed);
    }
    if (pending.reset) {
        // A scheduler's lr is the run's, not a setting: the new run starts its schedule.
        const double lr = m_optimizer && !m_scheduler ? m_optimizer->lr() : kNaN;
        const Index batch = m_loader->batchSize();
        rebuild();
        // Settings changed during the run survive a reset; the weights do not.
        if (!std::isnan(lr) && m_optimizer)
            m_optimizer->setLr(lr);
        m_loader->setBatchSize(batch);
    }
    if (pending.run)
        m_running = *pending.run;
    if (pending.dropSteps)
        m_stepsToTake = 0;
    m_stepsToTake += pending.steps;
    if (pending.learningRate) {
        m_design.optimizer.lr = *pending.learningRate;
        // As setting param_groups[0]['lr']: a scheduler goes on from it. Before the
        // optimizer exists, the scheduler is made again on the new lr.
        if (m_optimizer)
            m_optimizer->setLr(*pending.learningRate);
        else if (m_scheduler)
            m_scheduler = std::make_unique<LrScheduler>(m_design.scheduler, *pending.learningRate);
    }
    if (pending.batchSize && *pending.batchSize > 0) {
        m_design.batch.size = *pending.batchSize;
        m_loader->setBatchSize(*pending.batchSize);
    }
    if (pending.maxStepsPerSecond)
        m_maxStepsPerSecond = *pending.maxStepsPerSecond;
    if (pending.threads)
        nn::setBlasThreads(*pending.threads);
    if (pending.reset)
        publish(true);  // the new run's step 0, whatever comes next
}

template <typename T>
void Trainer<T>::run() {
    using clock = std::chrono::steady_clock;
    clock::time_point nextSlot = clock::now();
    publish(true);
    // A command applied but not yet in a snapshot out: the viewer waits for it.
    auto unacknowledged = [this] { return m_publishedCommand != m_appliedCommand; };
    auto commandWaiting = [this] {
        return m_stopRequested || m_issuedCommand.load() != m_appliedCommand;
    };
    while (!m_stopRequested) {
        applyCommands();
        if (m_stopRequested)
            break;
        if (!m_running && m_stepsToTake == 0) {
            // The viewer sees "paused", the final numbers and the commands applied.
            if (!m_idlePublished || unacknowledged())
                m_idlePublished = publish(true);
            std::unique_lock<std::mutex> lock(m_controlMutex);
            // The timeout retries a publication the viewer's buffers did not allow.
            m_wake.wait_for(lock, std::chrono::milliseconds(100), commandWaiting);
            continue;
        }
        if (m_running && m_maxStepsPerSecond > 0 && clock::now() < nextSlot) {
            // Not yet time for the next step under the rate limit. A command ends the
            // wait, so that it is applied and acknowledged now rather than after the
            // slot, without a step before the slot.
            if (unacknowledged())
                publish(true);
            std::unique_lock<std::mutex> lock(m_controlMutex);
            m_wake.wait_until(lock, nextSlot, commandWaiting);
            continue;
        }
        if (m_finished && m_running)
            extendLimits();  // Train pressed after the end: go on for as long again

        m_idlePublished = false;
        const bool single = !m_running && m_stepsToTake > 0;
        const bool took = trainStep();
        if (single)
            m_stepsToTake = std::max(0, m_stepsToTake - 1);
        if (!took) {
            m_running = false;
            m_stepsToTake = 0;
            publish(true);
            if (m_finished && m_options.exitWhenDone)
                break;
            continue;
        }
        publish(single || unacknowledged());
        const double maxRate = m_maxStepsPerSecond;
        if (maxRate > 0 && m_running) {
            nextSlot += std::chrono::duration_cast<clock::duration>(
                std::chrono::duration<double>(1.0 / maxRate));
            const auto now = clock::now();
            if (nextSlot < now)
                nextSlot = now;
        } else {
            nextSlot = clock::now();
        }
    }
    // The last snapshot acknowledges every command, stop() included, and says
    // the loop no longer runs.
    applyCommands();
    m_running = false;
    m_stepsToTake = 0;
    publish(true);
}

// The members defined here; trainer.cpp instantiates the class, and with it the rest.
template uint64_t Trainer<float>::start();
template uint64_t Trainer<float>::pause();
template uint64_t Trainer<float>::requestStep();
template uint64_t Trainer<float>::reset();
template uint64_t Trainer<float>::stop();
template uint64_t Trainer<float>::setLearningRate(double);
template uint64_t Trainer<float>::setBatchSize(Index);
template uint64_t Trainer<float>::setMaxStepsPerSecond(double);
template uint64_t Trainer<float>::setThreads(int);
template void Trainer<float>::applyCommands();
template void Trainer<float>::run();
template uint64_t Trainer<double>::start();
template uint64_t Trainer<double>::pause();
template uint64_t Trainer<double>::requestStep();
template uint64_t Trainer<double>::reset();
template uint64_t Trainer<double>::stop();
template uint64_t Trainer<double>::setLearningRate(double);
template uint64_t Trainer<double>::setBatchSize(Index);
template uint64_t Trainer<double>::setMaxStepsPerSecond(double);
template uint64_t Trainer<double>::setThreads(int);
template void Trainer<double>::applyCommands();
template void Trainer<double>::run();

}  // namespace linearlab::train
