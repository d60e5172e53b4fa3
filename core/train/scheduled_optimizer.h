#pragma once
// Where a scheduler meets the optimizer: the lr (and OneCycleLR's momentum) it
// writes into the parameter group, and which optimizers that works with.
#include "core/nn/optimizer.h"
#include "core/nn/optimizer_options.h"
#include "core/train/lr_scheduler.h"

namespace linearlab::train {

/// Throws std::invalid_argument when `scheduler` cannot drive `optimizer`:
/// OneCycleLR with cycle_momentum needs an optimizer with momentum or betas, in
/// PyTorch's words ("optimizer must support momentum with `cycle_momentum` option
/// enabled"); LinearLab cycles SGD's and RMSprop's momentum and the Adam family's
/// beta1, and says so for any other optimizer that has them.
void checkSchedulerFits(const SchedulerOptions& scheduler, const nn::OptimizerOptions& optimizer);

/// The optimizer's options as it runs under `scheduler`: OneCycleLR with
/// cycle_momentum starts momentum (beta1) at max_momentum, so an SGD without
/// momentum gets a momentum buffer (the memory budget counts it).
nn::OptimizerOptions scheduledOptimizerOptions(const SchedulerOptions& scheduler,
                                               const nn::OptimizerOptions& optimizer);

/// Writes the scheduler's last lr, and its momentum when it cycles one, into the
/// optimizer's group, as the scheduler's step() does. Allocates nothing.
template <typename T>
void applySchedule(const LrScheduler& scheduler, nn::Optimizer<T>& optimizer);

}  // namespace linearlab::train
