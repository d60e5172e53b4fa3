#pragma once
// How far a run has come: the counters, the last losses and the curves. A
// project file saves it and a trainer restores it, so a reopened run goes on
// where it stopped and shows the same numbers it showed when it was saved.
#include "core/nn/tensor.h"
#include "core/train/loss_history.h"
#include "core/train/lr_scheduler.h"

#include <limits>
#include <optional>
#include <vector>

namespace linearlab::train {

struct TrainingProgress {
    static constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

    nn::Index step = 0;   ///< optimizer steps taken
    nn::Index epoch = 0;  ///< epochs completed
    /// The last batch's loss exactly (a curve's last point is a mean of merged points).
    double trainLoss = kNone;
    double validationLoss = kNone;             ///< at the last epoch's end
    double trainAccuracy = kNone;              ///< classification, over the last epoch
    double validationAccuracy = kNone;         ///< classification, at the last epoch's end
    std::vector<LossPoint> trainHistory;       ///< batch losses, decimated
    std::vector<LossPoint> validationHistory;  ///< one point per epoch
    std::vector<LossPoint> accuracyHistory;    ///< validation accuracy per epoch
    std::vector<LossPoint> lrHistory;          ///< the lr each step used, decimated
    /// The design's scheduler where the run left it; nullopt without one.
    std::optional<SchedulerState> scheduler;

    bool operator==(const TrainingProgress& other) const;
    bool operator!=(const TrainingProgress& other) const { return !(*this == other); }
};

}  // namespace linearlab::train
