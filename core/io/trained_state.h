#pragma once
// A trained model carried across an edit. Editing a design rebuilds its
// trainer; what training achieved is kept as replacing one module of an
// nn.Sequential keeps the others: every node that is still there with the
// same parameter shapes keeps its trained values, the rest start from the new
// design's seeded init, and the step, epoch and curves go on. Weights that are
// still the seeded init are not carried: a fresh build gives the new design's
// own seeded weights, the ones its exported PyTorch code builds.
#include "core/io/state_dict.h"
#include "core/nn/layer_spec.h"
#include "core/train/design.h"
#include "core/train/trainer.h"
#include "core/train/training_progress.h"

#include <vector>

namespace linearlab::io {

struct TrainedState {
    train::Design design;  ///< the design the weights belong to
    StateDict weights;     ///< state-dict order; an unmaterialized lazy layer has none
    train::TrainingProgress progress;
    /// The weights are the design's seeded init (nothing trained or loaded).
    bool seeded = true;
    /// Every lazy layer had its weights (so the next network materializes early).
    bool materialized = true;

    bool operator==(const TrainedState& other) const;
};

/// The trainer's state now (call it when its loop is not running).
template <typename T>
TrainedState captureTrainedState(train::Trainer<T>& trainer);

/// Whether `weights` hold a weight for every LazyLinear of `design` (a project
/// saved before its lazy layers saw data holds none for them).
bool holdsEveryLazyLayer(const train::Design& design, const StateDict& weights);

/// For each node of `after`, the node of `before` it still is, or -1 for a new
/// one. The common prefix and suffix of the two layer lists (compared by type)
/// match node for node; an edit inserts, removes or changes what lies between.
std::vector<nn::Index> alignNodes(const std::vector<nn::LayerSpec>& before,
                                  const std::vector<nn::LayerSpec>& after);

/// `fresh` (the new design's seeded state dict) with each tensor of a node that
/// alignNodes matches, under the same parameter name and shape, taken from
/// `trained` instead, converted to `fresh`'s dtype. `kept` receives how many tensors were carried.
StateDict carryOverWeights(const train::Design& before, const StateDict& trained,
                           const train::Design& after, StateDict fresh, size_t* kept = nullptr);

/// Gives a newly built trainer what `state` achieved: the carried weights
/// (carryOverWeights) and its progress. Does nothing for seeded weights. False
/// when nothing was carried (every parameter is new), and then the trainer is
/// untouched; throws std::invalid_argument only for a state that contradicts
/// its own design.
template <typename T>
bool adoptTrainedState(train::Trainer<T>& trainer, const TrainedState& state);

}  // namespace linearlab::io
