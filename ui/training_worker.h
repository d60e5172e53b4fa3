#pragma once
// The worker object of the QThread worker-object pattern: it lives on the
// training thread and owns the Trainer. Its run() slot blocks in
// Trainer::run() until stop(), so this object's event loop does not spin while
// training: commands therefore do not arrive as queued slots but as direct
// calls to the Trainer's thread-safe control (numbered commands it applies
// between batches). No exception leaves run(); failures come out as failed(QString).
#include "ui/any_trainer.h"

#include <QObject>
#include <QString>

#include <memory>

namespace linearlab::ui {

class TrainingWorker : public QObject {
    Q_OBJECT

public:
    explicit TrainingWorker(AnyTrainer trainer);
    ~TrainingWorker() override;

    /// The trainer, for its thread-safe control calls (start, pause, requestStep,
    /// reset, stop, setLearningRate, ...) and takeSnapshot() from any thread.
    AnyTrainer& trainer() { return m_trainer; }
    /// Gives the trainer back, once run() has returned and the thread has finished.
    AnyTrainer release() { return std::move(m_trainer); }

public slots:
    /// Runs the training loop on the calling (worker) thread until Trainer::stop(),
    /// then quits the thread's event loop.
    void run();

signals:
    /// Emitted on the worker thread; connect with a queued connection.
    void failed(const QString& message);
    void finished();

private:
    AnyTrainer m_trainer;
};

}  // namespace linearlab::ui
