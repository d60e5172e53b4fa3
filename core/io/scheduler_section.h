#pragma once
// The design file's "scheduler" section: {"type": "StepLR", "step_size": 30,
// "gamma": 0.1}, PyTorch's keywords as the scheduler table lists them. A design
// without the section has no scheduler.
#include "core/train/lr_scheduler.h"
#include "core/train/scheduler_options.h"

#include <QJsonObject>

namespace linearlab::io {

/// Parses the section. Throws DesignError naming the field: "scheduler.gamma:
/// expected a number, got \"fast\"", "scheduler.betas: StepLR.__init__() got an
/// unexpected keyword argument 'betas'", and checkScheduler's refusals.
train::SchedulerOptions schedulerFromJson(const QJsonObject& section);

/// The section as schedulerFromJson reads it back: the type and the keywords the
/// design gives (omitted ones keep PyTorch's defaults).
QJsonObject schedulerToJson(const train::SchedulerOptions& options);

/// A run's scheduler state as a project's "history.scheduler" holds it:
/// {"type", "last_epoch", "base_lr", "lr", "best", "num_bad_epochs",
/// "cooldown_counter"}, numbers exact; ReduceLROnPlateau's best before any
/// metric (inf in mode 'min', -inf in 'max') is null.
QJsonObject schedulerStateToJson(const train::SchedulerState& state);

/// Reads what schedulerStateToJson wrote; `scheduler` (the project's design's)
/// gives a null best its mode's worst. Throws DesignError naming
/// "history.scheduler.<field>".
train::SchedulerState schedulerStateFromJson(const QJsonValue& value,
                                             const train::SchedulerOptions& scheduler);

}  // namespace linearlab::io
