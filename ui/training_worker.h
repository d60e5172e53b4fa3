#pragma once
// The worker object of the QThread worker-object pattern: it lives on the
// training thread and owns the Trainer. Its run() slot blocks in
// Trainer::run() until stop(), so this object's event loop does not spin while
// training: commands therefore do not arrive as queued slots but as direct
// calls to the Trainer's thread-safe control (numbered commands it applies
// between batches). No exception leaves run(); failures come out as failed(QString).
//
// A float64 run's snapshots are cast for the views here too, as the trainer
// publishes them (ViewCaster), so the GUI thread only takes them.
#include "ui/any_trainer.h"
#include "ui/view_caster.h"

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
    /// Gives the trainer back, once run() has returned and the thread has finished,
    /// no longer publishing to viewCaster().
    AnyTrainer release();
    /// A float64 run's publications for the views (take() from any thread); null
    /// for a float32 run, whose own snapshots the views draw.
    ViewCaster* viewCaster() { return m_caster.get(); }

public slots:
    /// Runs the training loop on the calling (worker) thread until Trainer::stop(),
    /// then quits the thread's event loop.
    void run();

signals:
    /// Emitted on the worker thread; connect with a queued connection.
    void failed(const QString& message);
    void finished();

private:
    std::unique_ptr<ViewCaster> m_caster;
    AnyTrainer m_trainer;
};

}  // namespace linearlab::ui
