#pragma once
// What training a design costs in memory, counted from the design (the layer
// table's parameter counts, the optimizer table's state, the trainer's own
// copies) and the data's shape before anything is allocated, and checked
// against the memory budget (core/nn/memory_budget.h). The Trainer checks it
// when it is built; the CLI and the window check it before they make the data.
#include "core/data/dataset_memory.h"
#include "core/nn/memory_budget.h"
#include "core/train/design.h"
#include "core/train/trainer.h"

#include <optional>

namespace linearlab::train {

using nn::Bytes;

/// Copies a Trainer keeps of every parameter value: the value and its
/// gradient, the optimizer's state (nn::optimizerStateTensors), the last
/// finite values it restores after a non-finite step, the run context's
/// initial values, and a value and a gradient in each snapshot buffer.
Index trainingCopiesPerParameter(const nn::OptimizerOptions& optimizer);

/// " for weights, gradients, optimizer state and snapshots": what the copies
/// are, as the node's message says it.
extern const char* const kTrainingCopiesPurpose;

struct TrainingMemoryOptions {
    /// Bytes of one value; 0 for the design's dtype (4 for float32, 8 for float64).
    Bytes elementSize = 0;
    /// Copies of each parameter value kept besides the trainer's (the window's
    /// heatmaps keep a matrix and an image of what they show).
    Index extraParameterCopies = 0;
    /// The trainer's view and drawing sizes.
    TrainerOptions trainer{};
};

/// Training a design, in bytes, saturating.
struct TrainingMemory {
    /// Every parameter value times its copies (the trainer's and the extra ones).
    Bytes parameters = 0;
    /// One batch's forward and backward: each layer's output and gradients and
    /// its scratch, the batch and the loader's spare, dLoss/dOutput.
    Bytes batches = 0;
    /// The forward pass over the whole validation set at an epoch's end.
    Bytes validation = 0;
    /// The output view: its inputs, their forward pass and an output in every
    /// snapshot buffer.
    Bytes view = 0;
    /// The data as training holds it (data::datasetTrainingBytes) and the
    /// samples the run context keeps for drawing; when it is still to be
    /// generated, at least the generation's peak.
    Bytes data = 0;
    /// Points of the output view (grid points, or samples predicted).
    Index viewRows = 0;
    Index validationSamples = 0;
    Bytes total() const;
};

/// The estimate for `design` on data of `shape` (nullopt: not known yet, a file
/// not read; the data then counts 0). With `toGenerate` the data is the
/// design's synthetic dataset, still to be made.
TrainingMemory trainingMemory(const Design& design, const std::optional<data::DatasetShape>& shape,
                              bool toGenerate, const TrainingMemoryOptions& options = {});

/// Throws, before anything is allocated, when training `design` would exceed
/// nn::memoryLimit(), naming what to change:
///   - nn::NodeError on the node whose parameters and their copies bring the
///     network over ("Linear(40000, 40000) needs 59.6 GiB for weights,
///     gradients, optimizer state and snapshots; the memory limit is 11.7 GiB");
///   - nn::MemoryLimitError for one part alone: the data ("data.samples: ...",
///     "data.classes: ...", "data.file: ..."), a batch ("batch.size: batches of
///     1000000 rows need ... for layer outputs and gradients"), the validation
///     pass ("data.validation_split: ...") or the output view;
///   - or for all of them together, blaming the largest part ("data.samples:
///     training needs 12.3 GiB in all: ..."; a node when the parameters are the
///     largest part).
void checkTrainingMemory(const Design& design, const std::optional<data::DatasetShape>& shape,
                         bool toGenerate, const TrainingMemoryOptions& options = {});

/// checkTrainingMemory before the data exists: the design's synthetic dataset
/// is counted as still to be generated; a data file, not yet read, is not
/// counted (the trainer counts it once read).
void checkDesignMemory(const Design& design, const TrainingMemoryOptions& options = {});

/// Only the parameters and their copies, node by node (NodeError), as the
/// window's nodes and `linearlab-cli summary` show them.
void checkParameterBudget(const Design& design, const TrainingMemoryOptions& options = {});

}  // namespace linearlab::train
