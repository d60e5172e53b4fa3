#pragma once
// The GUI-side half of training: owns the worker thread and its TrainingWorker,
// forwards the user's commands to the trainer's thread-safe control, and polls
// the latest-wins snapshot on a ~30 Hz timer so redraws are coalesced: however
// fast the loop runs, the views repaint at most once per tick.
//
// Snapshots are tagged with their run id. A Reset makes every run id seen so
// far stale, so nothing from the run on screen when Reset was pressed is ever
// forwarded again.
//
// Snapshots also say which command the loop had applied when it took them.
// Only one that acknowledges the last command sent here says whether the loop
// is running; an earlier one predates what the user asked for last.
#include "core/io/state_dict.h"
#include "core/train/snapshot.h"
#include "ui/any_trainer.h"

#include <QObject>
#include <QString>

#include <cstdint>
#include <memory>

class QThread;
class QTimer;

namespace linearlab::ui {

class TrainingWorker;
struct CastPublication;

using SnapshotPtr = std::shared_ptr<const train::Snapshot<float>>;

class TrainingController : public QObject {
    Q_OBJECT

public:
    explicit TrainingController(QObject* parent = nullptr);
    /// Stops and joins the training thread.
    ~TrainingController() override;

    /// Stops and joins the current trainer's thread, then runs `trainer` on a new
    /// one (paused). Null just stops.
    void setTrainer(AnyTrainer trainer);
    /// Stops the loop and joins its thread; safe to call repeatedly.
    void shutdown();
    /// Stops the loop, joins its thread and hands the trainer back (null when
    /// there is none), its state exactly as the last step left it.
    AnyTrainer takeTrainer();
    bool hasTrainer() const { return m_worker != nullptr; }

    void start();
    void pause();
    /// Train when paused, pause when training.
    void toggle();
    /// One batch, then paused.
    void step();
    /// Back to the seeded initial weights: a new run.
    void reset();
    void setLearningRate(double lr);
    void setBatchSize(nn::Index batchSize);
    /// 0 for no limit.
    void setMaxStepsPerSecond(double stepsPerSecond);
    double maxStepsPerSecond() const { return m_maxStepsPerSecond; }
    /// The threads the training loop's large products may use (Preferences).
    void setThreads(int threads);
    int threads() const { return m_threads; }

    /// What the user asked for last (Train vs Pause) until a snapshot that
    /// acknowledges the last command says otherwise: the loop stopped on its own
    /// (finished or a non-finite loss).
    bool isRunning() const { return m_running; }
    /// The sequence number of the last command sent to the current trainer (0 for
    /// none); a snapshot whose acknowledgedCommand is at least this has seen it.
    uint64_t lastCommand() const { return m_lastCommand; }
    /// The last snapshot forwarded, or null. A float64 run's is its float32 cast
    /// for the views, made on the training thread (ViewCaster); latestWeights()
    /// has the exact values.
    SnapshotPtr latestSnapshot() const { return m_latest; }
    /// The latest snapshot's parameters exactly, in the run's dtype, as a state
    /// dict (what Save and Export Weights write); empty without a snapshot.
    io::StateDict latestWeights() const;
    /// Snapshots with a smaller run id are dropped.
    uint64_t minimumRunId() const { return m_minimumRunId; }
    /// Takes the latest snapshot now instead of at the next tick (tests, exports).
    void pollNow() { poll(); }

signals:
    void snapshotReady(std::shared_ptr<const linearlab::train::Snapshot<float>> snapshot);
    /// Views should drop snapshots below this run id from now on.
    void minimumRunIdChanged(uint64_t runId);
    void runningChanged(bool running);
    /// The training loop ended on an error; the message is the exception's text.
    void failed(const QString& message);

private:
    void poll();
    /// The latest snapshot the loop published for the views, or null; for a
    /// float64 run also its publication, with the exact parameters.
    SnapshotPtr take(std::shared_ptr<const CastPublication>* publication);
    void setRunning(bool running);

    QThread* m_thread = nullptr;
    TrainingWorker* m_worker = nullptr;
    QTimer* m_timer = nullptr;
    SnapshotPtr m_latest;
    // A float64 run: the publication m_latest is the view of.
    std::shared_ptr<const CastPublication> m_latest64;
    uint64_t m_minimumRunId = 0;
    uint64_t m_maxSeenRunId = 0;
    bool m_running = false;
    uint64_t m_lastCommand = 0;
    double m_maxStepsPerSecond = 0;
    int m_threads = 1;
};

}  // namespace linearlab::ui
