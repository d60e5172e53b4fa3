#pragma once
// torch.optim.lr_scheduler over one parameter group: the arithmetic of torch
// 1.13's step(), in double as Python computes it. The schedulers that chain
// (StepLR, MultiStepLR, ExponentialLR, CosineAnnealingLR, LinearLR,
// ReduceLROnPlateau) compute the next lr from the group's current one, so an lr
// the user set in between is where they go on from, as in PyTorch; OneCycleLR
// computes each lr from the step number alone.
#include "core/train/scheduler_table.h"

#include <optional>
#include <string>

namespace linearlab::train {

/// What a scheduler's state_dict() holds that a continued run needs, plus the
/// group's lr: saved with a project, so a reopened run goes on with the same
/// learning rates as one never interrupted.
struct SchedulerState {
    std::string type;               ///< the scheduler it belongs to
    long long lastEpoch = 0;        ///< last_epoch: steps (or metric steps) taken
    double baseLr = 0;              ///< base_lrs[0], the group's initial_lr
    double lr = 0;                  ///< the group's lr after the last step
    double best = 0;                ///< ReduceLROnPlateau: best
    long long numBadEpochs = 0;     ///< ReduceLROnPlateau: num_bad_epochs
    long long cooldownCounter = 0;  ///< ReduceLROnPlateau: cooldown_counter

    /// Bit for bit, as TrainingProgress compares.
    bool operator==(const SchedulerState& o) const;
    bool operator!=(const SchedulerState& o) const { return !(*this == o); }
};

class LrScheduler {
public:
    /// As constructing the scheduler on an optimizer whose lr is `lr`, its initial
    /// step included: lastLr() is the lr that gives (LinearLR's lr * start_factor,
    /// OneCycleLR's max_lr / div_factor, else `lr`). Throws SchedulerError for
    /// options checkScheduler refuses.
    LrScheduler(const SchedulerOptions& options, double lr);

    const std::string& type() const { return m_options.type; }
    SchedulerStepping stepping() const { return m_stepping; }
    /// get_last_lr()[0]: the lr the last step (or the constructor) set.
    double lastLr() const { return m_state.lr; }

    /// scheduler.step() on a group whose lr is `lr` now; returns the lr it sets.
    /// OneCycleLR throws std::invalid_argument past total_steps, in PyTorch's words.
    double step(double lr);
    /// ReduceLROnPlateau.step(metrics) on a group whose lr is `lr` now; returns
    /// the lr it sets.
    double step(double lr, double metric);

    /// OneCycleLR with cycle_momentum: the momentum (SGD, RMSprop) or beta1 (Adam,
    /// AdamW) its last step set; nullopt otherwise.
    std::optional<double> momentum() const { return m_momentum; }
    /// OneCycleLR: the message torch's next step() would raise ("Tried to step 12
    /// times. The specified number of total steps is 10"), empty while it may step.
    std::string nextStepError() const;

    const SchedulerState& state() const { return m_state; }
    /// Continues from a saved state of the same type (another type's is ignored).
    void restore(const SchedulerState& state);

private:
    enum class Kind { Step, MultiStep, Exponential, CosineAnnealing, Linear, OneCycle, Plateau };

    /// The chainable get_lr() at m_state.lastEpoch from the group's lr.
    double chainedLr(double lr) const;
    /// OneCycleLR's get_lr() at m_state.lastEpoch; also sets m_momentum.
    double oneCycleLr();
    bool isBetter(double a, double best) const;

    // The keywords, read once (with the table's defaults), so that a step reads
    // plain numbers and allocates nothing.
    SchedulerOptions m_options;
    Kind m_kind = Kind::Step;
    SchedulerStepping m_stepping = SchedulerStepping::Epoch;
    SchedulerState m_state;
    std::optional<double> m_momentum;
    long long m_stepSize = 1, m_tMax = 1, m_totalIters = 0, m_totalSteps = 0;
    long long m_patience = 0, m_cooldown = 0;
    std::vector<long long> m_milestones;
    double m_gamma = 0, m_etaMin = 0, m_startFactor = 0, m_endFactor = 0;
    double m_maxLr = 0, m_minLr = 0;  // OneCycleLR: the group's max_lr and min_lr
    double m_pctStart = 0, m_baseMomentum = 0, m_maxMomentum = 0;
    bool m_cosine = true, m_cycleMomentum = false, m_threePhase = false;
    bool m_modeMin = true, m_relative = true;
    double m_factor = 0, m_threshold = 0, m_plateauMinLr = 0, m_eps = 0;
};

}  // namespace linearlab::train
