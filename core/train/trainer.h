#pragma once
// The training loop. It knows nothing of Qt: a GUI runs run() on
// a worker thread and steers it with the thread-safe control calls, which are
// applied between batches; the CLI calls trainStep() in a plain loop.
//
// Every control call is a numbered command. The loop applies commands between
// batches, and every snapshot carries the number of the last command applied,
// so a viewer can tell a snapshot that has seen its last command from one that
// predates it.
#include "core/data/data_loader.h"
#include "core/data/dataset.h"
#include "core/nn/generator.h"
#include "core/nn/loss.h"
#include "core/nn/network.h"
#include "core/nn/optimizer.h"
#include "core/train/design.h"
#include "core/train/lr_scheduler.h"
#include "core/train/snapshot.h"
#include "core/train/snapshot_mailbox.h"
#include "core/train/training_progress.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace linearlab::train {

struct TrainerOptions {
    /// Snapshots per second while running (latest-wins); 0 publishes after every step.
    double snapshotHz = 30;
    /// run() returns when the epoch/step limit is reached, instead of waiting for commands.
    bool exitWhenDone = false;
    /// Output view: grid points per axis for 2-D inputs, points along x for 1-D.
    Index viewResolution = 64;
    /// Output view otherwise: validation samples predicted per snapshot.
    Index viewSamples = 128;
    /// Training samples kept in the run context for drawing.
    Index drawSamples = 2000;
    /// Lessons: training samples whose every node's output each snapshot carries.
    Index probeSamples = 16;
    /// Lessons, 2-D inputs: grid points per axis after them (the plane a layer maps).
    Index probeGridResolution = 17;
};

template <typename T>
class Trainer {
public:
    /// Builds the network (seeded as torch.manual_seed(design.seed)), loss, optimizer
    /// and loaders. `dataset` is split by design.data.validation_split (the
    /// trainer keeps the split, not `dataset`). Throws std::invalid_argument
    /// (nn::NodeError for a node) for a design that cannot train, and, before
    /// allocating anything, when training it would exceed the memory limit
    /// (checkTrainingMemory: nn::NodeError or nn::MemoryLimitError).
    Trainer(const Design& design, const data::Dataset<T>& dataset, TrainerOptions options = {});
    ~Trainer();

    // --- Control: callable from any thread; applied between batches. ---
    // Each call returns its command's sequence number: 1 for the first, one more
    // for each call after it (across threads). Snapshot::acknowledgedCommand says
    // the loop has applied every command up to that number.
    uint64_t start();
    uint64_t pause();
    /// One batch, then paused.
    uint64_t requestStep();
    /// Re-initialises from the seed: a new run (new run id), step 0.
    uint64_t reset();
    /// Ends run().
    uint64_t stop();
    uint64_t setLearningRate(double lr);
    uint64_t setBatchSize(Index batchSize);
    /// At most this many steps per second; 0 for no limit.
    uint64_t setMaxStepsPerSecond(double stepsPerSecond);
    /// The threads large products may use (nn::setBlasThreads), set by the loop
    /// between batches: the count is process-wide, and only the loop computes.
    uint64_t setThreads(int threads);

    /// The loop: trains while running, waits while paused, returns on stop() (or
    /// when done, with options.exitWhenDone). Publishes snapshots as it goes.
    void run();

    // --- Direct use from one thread (CLI, tests), never while run() executes. ---
    /// One optimizer step. False when none was taken: the limit is reached
    /// (state() == Finished) or the step went non-finite (failure() says why).
    bool trainStep();
    /// After the network's parameters were replaced from outside (loaded weights):
    /// a fresh optimizer for them, and a new run context whose initial values are
    /// the loaded ones.
    void parametersReplaced();
    /// Materializes lazy layers now, with the draws the first step would make
    /// (so the weights are the same), e.g. to give them trained values from
    /// outside before training.
    void materialize() { ensureMaterialized(); }
    /// True while the weights are the design's seeded initial ones: no step taken
    /// since the last build or reset, and none replaced from outside.
    bool hasSeededWeights() const { return m_seededWeights; }
    /// Continues a saved run (a project file, or the run an edit replaced): the
    /// counters, last losses and curves as they were, so the chart and the status
    /// go on where they stopped. The data order restarts at the beginning of an
    /// epoch, as a reloaded PyTorch run would. The design's epoch and step limits
    /// still count from zero: a run restored past them is finished.
    void restoreProgress(const TrainingProgress& progress);
    /// The run so far, as restoreProgress takes it.
    TrainingProgress progress() const;
    /// After the limit: allows exactly the design's epochs (or steps) more,
    /// counted from now, as pressing Train on a finished run does.
    void extendLimits();
    /// Evaluates the validation set now (also done at every epoch end).
    void evaluate();
    nn::Network<T>& network() { return *m_network; }
    /// The optimizer, once the network is materialized; null before.
    const nn::Optimizer<T>* optimizer() const { return m_optimizer.get(); }
    const Design& design() const { return m_design; }
    TrainState state() const;
    /// Optimizer steps taken, as Snapshot::step.
    Index stepCount() const { return m_step; }
    /// Epochs completed, as Snapshot::epoch.
    Index epochCount() const { return m_epoch; }
    /// The loss of the last batch (nan before the first), as Snapshot::trainLoss.
    double trainLoss() const { return m_trainLoss; }
    /// The lr the last step used (nan before the first): what the scheduler had set
    /// before it, or the user.
    double stepLearningRate() const { return m_stepLr; }
    double validationLoss() const { return m_validationLoss; }
    double validationAccuracy() const { return m_validationAccuracy; }
    const std::string& failure() const { return m_failure; }
    uint64_t runId() const { return m_runId; }
    const data::Dataset<T>& trainSet() const { return m_train; }
    const data::Dataset<T>& validationSet() const { return m_validation; }

    /// Called after every step on the training thread: (step, epoch, loss).
    void setStepCallback(std::function<void(Index, Index, double)> callback) {
        m_stepCallback = std::move(callback);
    }

    /// Also hands every snapshot to `forward` as it goes out, on the publishing
    /// thread, so that a viewer's conversion of it (a float64 run drawn in
    /// float32) is made there and not on the viewer's thread. When forward
    /// returns false (it had no free buffer) the snapshot does not count as
    /// published and the loop publishes again soon. Not while run() executes.
    void setPublishCallback(std::function<bool(const Snapshot<T>&)> forward) {
        m_publishCallback = std::move(forward);
    }

    /// The latest snapshot not yet taken, or null (latest-wins; any thread).
    std::shared_ptr<const Snapshot<T>> takeSnapshot() { return m_mailbox.take(); }
    /// Publishes a snapshot of the current state now (direct use).
    void publishSnapshot() { publish(true); }

private:
    void rebuild();
    void ensureMaterialized();
    void buildContext();
    /// The lessons' samples and plane (RunContext::probeInputs).
    void buildProbe(RunContext<T>& ctx) const;
    void finishEpoch();
    /// The scheduler's step at an epoch's end (Epoch and Metric stepping).
    void stepSchedulerAtEpochEnd();
    bool fail(const std::string& message);
    /// Numbers a command recorded by `record` (under the control mutex) and wakes the loop.
    template <typename Record>
    uint64_t command(Record record);
    void applyCommands();
    /// True when a snapshot went out (rate limit and free buffers allowing).
    bool publish(bool force);
    void fillSnapshot(Snapshot<T>& s);
    double accuracyOf(const nn::Matrix<T>& output, const nn::Matrix<T>& target) const;
    /// Class labels, or CrossEntropyLoss's probability targets (argmax of the target).
    bool reportsAccuracy() const { return m_train.classification || m_probabilityTargets; }
    bool limitReached() const;

    Design m_design;
    TrainerOptions m_options;
    data::Dataset<T> m_train;
    data::Dataset<T> m_validation;

    nn::Generator m_gen;
    std::unique_ptr<nn::Network<T>> m_network;
    std::unique_ptr<nn::Loss<T>> m_loss;
    bool m_probabilityTargets = false;  // CrossEntropyLoss against (N, C) float targets
    std::unique_ptr<nn::Optimizer<T>> m_optimizer;
    std::unique_ptr<data::DataLoader<T>> m_loader;
    std::shared_ptr<const RunContext<T>> m_context;
    std::vector<nn::NetworkParameter<T>> m_params;  // cached: listing them allocates names
    // The design's scheduler, made with the run (torch constructs it after the
    // optimizer; its initial step needs only the lr, so it can come first here).
    std::unique_ptr<LrScheduler> m_scheduler;

    // Per-step buffers, sized on the first step and reused.
    nn::Matrix<T> m_batchX, m_batchY;
    std::deque<nn::Matrix<T>> m_gradOutputs;  // dLoss/dOutput, one per batch size seen
    nn::Matrix<T>& gradOutputFor(Index rows);
    std::vector<nn::Matrix<T>> m_lastFinite;

    uint64_t m_runId = 0;
    Index m_step = 0;
    Index m_epoch = 0;
    Index m_epochLimit = 0;
    Index m_stepLimit = 0;
    bool m_finished = false;
    bool m_seededWeights = true;
    double m_trainLoss;
    double m_validationLoss;
    double m_trainAccuracy;
    double m_validationAccuracy;
    double m_correct = 0, m_seen = 0;               // this epoch's training accuracy
    double m_epochLossSum = 0, m_epochSamples = 0;  // this epoch's mean loss, per sample
    double m_stepLr;
    std::string m_failure;
    LossHistory m_trainHistory{4096}, m_validationHistory{4096}, m_accuracyHistory{4096};
    LossHistory m_lrHistory{4096};
    std::function<void(Index, Index, double)> m_stepCallback;
    std::function<bool(const Snapshot<T>&)> m_publishCallback;

    SnapshotMailbox<Snapshot<T>> m_mailbox;
    std::chrono::steady_clock::time_point m_lastPublish;
    bool m_idlePublished = false;
    Index m_stepsAtLastPublish = 0;
    double m_stepsPerSecond = 0;

    // The loop's own state, changed by applying commands (or by the loop stopping
    // on its own), never directly by another thread: a command can then not be
    // half-applied when a snapshot is taken, nor undone by the loop.
    bool m_running = false;
    int m_stepsToTake = 0;
    double m_maxStepsPerSecond = 0;
    uint64_t m_appliedCommand = 0;    // the last command applied
    uint64_t m_publishedCommand = 0;  // the acknowledgement the last snapshot out carried

    // Commands not yet applied, as the control calls record them. Later ones of
    // a kind replace earlier ones, as applying them in order would.
    struct PendingCommands {
        std::optional<bool> run;  // start (true), or pause, step or reset (false)
        bool dropSteps = false;   // steps asked for before are no longer wanted
        int steps = 0;            // single steps asked for since
        bool reset = false;
        std::optional<double> learningRate;
        std::optional<Index> batchSize;
        std::optional<double> maxStepsPerSecond;
        std::optional<int> threads;
    };

    // Control, shared with other threads.
    std::mutex m_controlMutex;
    std::condition_variable m_wake;
    PendingCommands m_pending;                 // guarded by m_controlMutex
    std::atomic<uint64_t> m_issuedCommand{0};  // the last number handed out; set under the mutex
    std::atomic<bool> m_stopRequested{false};
};

extern template class Trainer<float>;
extern template class Trainer<double>;

}  // namespace linearlab::train
