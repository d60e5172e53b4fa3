#pragma once
// What the training loop allocates once warm, measured as a viewer drives it: a
// snapshot published after every step and one held now and then.
#include "core/train/trainer.h"
#include "tests/core/nn/allocation_counter.h"

#include <memory>

namespace linearlab::testing {

/// Allocations during `steps` steps taken after 6 warm-up steps (two epochs of
/// the tests' designs: both batch sizes, the validation pass, every snapshot
/// buffer); -1 when a warm-up step fails.
template <typename T>
long warmStepAllocations(train::Trainer<T>& trainer, int steps) {
    for (int i = 0; i < 6; ++i) {
        if (!trainer.trainStep())
            return -1;
        trainer.publishSnapshot();
        trainer.takeSnapshot();
    }
    std::shared_ptr<const train::Snapshot<T>> held;  // a viewer holding one
    linearlab::test::AllocationCounter counter;
    for (int i = 0; i < steps; ++i) {
        trainer.trainStep();
        trainer.publishSnapshot();
        if (i % 3 == 0)
            held = trainer.takeSnapshot();
    }
    const long allocations = counter.stop();
    held.reset();
    return allocations;
}

}  // namespace linearlab::testing
