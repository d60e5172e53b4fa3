#pragma once
// Snapshots for the lesson tests: a real Trainer's, taken before and after
// steps, so a lesson sees exactly what the window would give it.
#include "core/data/synthetic_datasets.h"
#include "core/train/trainer.h"

#include <memory>

namespace linearlab::testing {

using SnapshotPtr = std::shared_ptr<const train::Snapshot<float>>;

inline SnapshotPtr snapshotOf(train::Trainer<float>& trainer) {
    trainer.publishSnapshot();
    return trainer.takeSnapshot();
}

inline train::TrainerOptions quietOptions() {
    train::TrainerOptions options;
    options.snapshotHz = 0;  // snapshots only when the test publishes one
    return options;
}

}  // namespace linearlab::testing
