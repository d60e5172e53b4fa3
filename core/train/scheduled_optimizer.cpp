#include "core/train/scheduled_optimizer.h"

#include "core/nn/adam.h"
#include "core/nn/optimizer_table.h"
#include "core/nn/rmsprop.h"
#include "core/nn/sgd.h"

#include <stdexcept>

namespace linearlab::train {

namespace {

bool cyclesMomentum(const SchedulerOptions& scheduler) {
    if (scheduler.type != "OneCycleLR")
        return false;
    const auto cycle = keywordValueOrDefault(scheduler, SchedulerKeyword::cycle_momentum);
    return cycle && std::get<bool>(*cycle);
}

/// Whether the optimizer's group holds betas (else momentum), as OneCycleLR's use_beta1.
bool usesBeta1(const nn::OptimizerOptions& optimizer) {
    const nn::OptimizerInfo* info = nn::findOptimizer(optimizer.type);
    return info && info->takes(nn::OptimizerKeyword::betas);
}

}  // namespace

void checkSchedulerFits(const SchedulerOptions& scheduler, const nn::OptimizerOptions& optimizer) {
    if (!cyclesMomentum(scheduler))
        return;
    const nn::OptimizerInfo* info = nn::findOptimizer(optimizer.type);
    if (!info ||
        (!info->takes(nn::OptimizerKeyword::momentum) && !info->takes(nn::OptimizerKeyword::betas)))
        throw SchedulerError(
            "scheduler.cycle_momentum",
            "optimizer must support momentum with `cycle_momentum` option enabled");
    const std::string& t = optimizer.type;
    if (t != "SGD" && t != "RMSprop" && t != "Adam" && t != "AdamW")
        throw SchedulerError("scheduler.cycle_momentum",
                             "LinearLab cycles the momentum of SGD, RMSprop, Adam and AdamW only, "
                             "not " +
                                 t + "'s; set cycle_momentum to false");
}

nn::OptimizerOptions scheduledOptimizerOptions(const SchedulerOptions& scheduler,
                                               const nn::OptimizerOptions& optimizer) {
    nn::OptimizerOptions o = optimizer;
    if (!cyclesMomentum(scheduler))
        return o;
    const double maxMomentum =
        std::get<double>(*keywordValueOrDefault(scheduler, SchedulerKeyword::max_momentum));
    if (usesBeta1(o)) {
        const auto betas = nn::keywordValueOrDefault(o, nn::OptimizerKeyword::betas);
        auto pair = betas ? std::get<std::array<double, 2>>(*betas) : std::array<double, 2>{};
        pair[0] = maxMomentum;
        o.betas = pair;
    } else {
        o.momentum = maxMomentum;
    }
    return o;
}

template <typename T>
void applySchedule(const LrScheduler& scheduler, nn::Optimizer<T>& optimizer) {
    // OneCycleLR's linear anneal overshoots below zero at its last step, where torch
    // sets a negative lr that no step may use (the next scheduler.step() raises);
    // the trainer refuses that step, so the optimizer keeps the last usable lr.
    if (scheduler.lastLr() >= 0)
        optimizer.setLr(scheduler.lastLr());
    const auto momentum = scheduler.momentum();
    if (!momentum)
        return;
    if (auto* sgd = dynamic_cast<nn::SGD<T>*>(&optimizer))
        sgd->setMomentum(*momentum);
    else if (auto* rmsprop = dynamic_cast<nn::RMSprop<T>*>(&optimizer))
        rmsprop->setMomentum(*momentum);
    else if (auto* adam = dynamic_cast<nn::Adam<T>*>(&optimizer))  // AdamW too
        adam->setBeta1(*momentum);
}

template void applySchedule<float>(const LrScheduler&, nn::Optimizer<float>&);
template void applySchedule<double>(const LrScheduler&, nn::Optimizer<double>&);

}  // namespace linearlab::train
