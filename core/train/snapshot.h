#pragma once
// What the training loop shows the world: immutable snapshots. A RunContext
// holds what stays fixed for a run (names, shapes, initial weights, the inputs
// of the output view); a Snapshot holds what changes each step.
#include "core/nn/tensor.h"
#include "core/train/loss_history.h"
#include "core/train/training_progress.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace linearlab::train {

using nn::Index;

enum class TrainState { Paused, Running, Finished };

/// What the output view draws.
enum class OutputKind {
    DecisionRegions,  ///< 2-D input, classification: class scores on a grid
    Surface,          ///< 2-D input, regression: predictions on a grid
    Curve,            ///< 1-D input, regression: predictions along x
    Predictions,      ///< anything else: predictions for a batch of validation samples
};

template <typename T>
struct RunContext {
    uint64_t runId = 0;
    std::vector<std::string> parameterNames;  ///< "0.weight", in state-dict order
    std::vector<nn::Shape> parameterShapes;
    std::vector<Index> parameterNodes;  ///< the node each parameter belongs to
    std::vector<nn::Matrix<T>> initialParameters;
    std::vector<std::string> nodeTypes;  ///< per node, the design's layer type ("LazyLinear")
    /// Per node, PyTorch's repr (changes as lazy layers materialize).
    std::vector<std::string> nodeReprs;

    bool classification = false;
    Index numClasses = 0;
    OutputKind outputKind = OutputKind::Predictions;
    /// Grid resolution per axis (DecisionRegions, Surface) or points (Curve).
    Index gridResolution = 0;
    double xMin = 0, xMax = 0, yMin = 0, yMax = 0;  ///< the grid's extent
    nn::Matrix<T> viewInputs;   ///< the inputs predicted in every snapshot, (M, features)
    nn::Matrix<T> viewTargets;  ///< Predictions: their targets, (M, targets)
    nn::Matrix<T> dataX;        ///< up to a few thousand training samples to draw, (K, features)
    nn::Matrix<T> dataY;        ///< their targets, (K, targets)
    /// What the lessons follow through the network, (P, features): the first
    /// probeSamples training samples (their targets are the first rows of
    /// dataY), then for 2-D inputs a probeGridResolution² grid over the
    /// extent above, row-major from (xMin, yMax) as viewInputs.
    nn::Matrix<T> probeInputs;
    Index probeSamples = 0;         ///< rows of probeInputs that are training samples
    Index probeGridResolution = 0;  ///< grid points per axis after them (0: no grid)
};

template <typename T>
struct Snapshot {
    std::shared_ptr<const RunContext<T>> context;
    uint64_t runId = 0;
    /// The last command the loop had applied (its sequence number, 0 for none):
    /// `state` and the numbers below already reflect it and every earlier command.
    uint64_t acknowledgedCommand = 0;
    TrainState state = TrainState::Paused;
    Index step = 0;             ///< optimizer steps taken
    Index epoch = 0;            ///< epochs completed
    double trainLoss = 0;       ///< loss of the last batch (nan before the first)
    double validationLoss = 0;  ///< at the last epoch's end (nan if none)
    double trainAccuracy = 0;   ///< classification: over the last epoch (nan otherwise)
    double validationAccuracy = 0;
    double stepsPerSecond = 0;
    double learningRate = 0;
    Index batchSize = 0;
    /// Why training paused on its own (a non-finite loss or gradient); empty otherwise.
    std::string failure;
    std::vector<nn::Matrix<T>> parameters;  ///< same order as context->parameterNames
    std::vector<nn::Matrix<T>> gradients;
    LossHistory trainHistory{4096};           ///< batch losses, decimated
    LossHistory validationHistory{4096};      ///< one point per epoch
    LossHistory accuracyHistory{4096};        ///< validation accuracy per epoch (classification)
    LossHistory lrHistory{4096};              ///< the lr each step used
    std::optional<SchedulerState> scheduler;  ///< the design's scheduler's state, if it has one
    nn::Matrix<T> viewOutputs;                ///< the network's output for context->viewInputs
    /// Per node, its output for context->probeInputs (empty before lazy layers
    /// materialize): what each node makes of the lessons' samples and plane.
    std::vector<nn::Matrix<T>> probeOutputs;
};

/// The run as the snapshot saw it: what a project saves.
template <typename T>
TrainingProgress progressOf(const Snapshot<T>& s) {
    TrainingProgress p;
    p.step = s.step;
    p.epoch = s.epoch;
    p.trainLoss = s.trainLoss;
    p.validationLoss = s.validationLoss;
    p.trainAccuracy = s.trainAccuracy;
    p.validationAccuracy = s.validationAccuracy;
    p.trainHistory = s.trainHistory.points();
    p.validationHistory = s.validationHistory.points();
    p.accuracyHistory = s.accuracyHistory.points();
    p.lrHistory = s.lrHistory.points();
    p.scheduler = s.scheduler;
    return p;
}

}  // namespace linearlab::train
