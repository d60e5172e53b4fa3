#include "core/train/training_progress.h"

#include <cstring>

namespace linearlab::train {

namespace {

/// Bit for bit, so NaN equals NaN and a restored run compares equal to the saved one.
bool same(double a, double b) {
    return std::memcmp(&a, &b, sizeof(double)) == 0;
}

bool same(const std::vector<LossPoint>& a, const std::vector<LossPoint>& b) {
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (!same(a[i].step, b[i].step) || !same(a[i].loss, b[i].loss))
            return false;
    return true;
}

}  // namespace

bool TrainingProgress::operator==(const TrainingProgress& o) const {
    return step == o.step && epoch == o.epoch && same(trainLoss, o.trainLoss) &&
           same(validationLoss, o.validationLoss) && same(trainAccuracy, o.trainAccuracy) &&
           same(validationAccuracy, o.validationAccuracy) && same(trainHistory, o.trainHistory) &&
           same(validationHistory, o.validationHistory) &&
           same(accuracyHistory, o.accuracyHistory) && same(lrHistory, o.lrHistory) &&
           scheduler == o.scheduler;
}

}  // namespace linearlab::train
