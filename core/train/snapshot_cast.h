#pragma once
// A snapshot in another scalar type: what a float64 run shows in views that
// draw float32. The values round to nearest; the counters, losses and curves
// (doubles already) are copied as they are. Only for drawing: saving and
// exporting read the run's own values, never cast ones.
#include "core/train/snapshot.h"

#include <memory>
#include <vector>

namespace linearlab::train {

template <typename U, typename T>
std::vector<nn::Matrix<U>> castMatrices(const std::vector<nn::Matrix<T>>& from) {
    std::vector<nn::Matrix<U>> out;
    out.reserve(from.size());
    for (const auto& m : from)
        out.push_back(m.template cast<U>());
    return out;
}

template <typename U, typename T>
RunContext<U> castContext(const RunContext<T>& c) {
    RunContext<U> out;
    out.runId = c.runId;
    out.parameterNames = c.parameterNames;
    out.parameterShapes = c.parameterShapes;
    out.parameterNodes = c.parameterNodes;
    out.initialParameters = castMatrices<U>(c.initialParameters);
    out.nodeTypes = c.nodeTypes;
    out.nodeReprs = c.nodeReprs;
    out.classification = c.classification;
    out.numClasses = c.numClasses;
    out.outputKind = c.outputKind;
    out.gridResolution = c.gridResolution;
    out.xMin = c.xMin;
    out.xMax = c.xMax;
    out.yMin = c.yMin;
    out.yMax = c.yMax;
    out.viewInputs = c.viewInputs.template cast<U>();
    out.viewTargets = c.viewTargets.template cast<U>();
    out.dataX = c.dataX.template cast<U>();
    out.dataY = c.dataY.template cast<U>();
    out.probeInputs = c.probeInputs.template cast<U>();
    out.probeSamples = c.probeSamples;
    out.probeGridResolution = c.probeGridResolution;
    return out;
}

/// Casts `from` into `out`, element by element; allocates nothing when `out`
/// already holds matrices of the same shapes (a recycled snapshot buffer).
template <typename U, typename T>
void castMatricesInto(const std::vector<nn::Matrix<T>>& from, std::vector<nn::Matrix<U>>& out) {
    out.resize(from.size());
    for (size_t i = 0; i < from.size(); ++i)
        out[i] = from[i].template cast<U>();
}

/// `s` with its matrices as U, written into `out` under `context` (castContext
/// of s.context, made once per run by the caller). Like Trainer::fillSnapshot,
/// it allocates nothing once `out` has held a snapshot of the same run.
template <typename U, typename T>
void castSnapshotInto(const Snapshot<T>& s, std::shared_ptr<const RunContext<U>> context,
                      Snapshot<U>& out) {
    out.context = std::move(context);
    out.runId = s.runId;
    out.acknowledgedCommand = s.acknowledgedCommand;
    out.state = s.state;
    out.step = s.step;
    out.epoch = s.epoch;
    out.trainLoss = s.trainLoss;
    out.validationLoss = s.validationLoss;
    out.trainAccuracy = s.trainAccuracy;
    out.validationAccuracy = s.validationAccuracy;
    out.stepsPerSecond = s.stepsPerSecond;
    out.learningRate = s.learningRate;
    out.batchSize = s.batchSize;
    out.failure = s.failure;
    castMatricesInto(s.parameters, out.parameters);
    castMatricesInto(s.gradients, out.gradients);
    s.trainHistory.copyTo(out.trainHistory);
    s.validationHistory.copyTo(out.validationHistory);
    s.accuracyHistory.copyTo(out.accuracyHistory);
    s.lrHistory.copyTo(out.lrHistory);
    out.scheduler = s.scheduler;
    out.viewOutputs = s.viewOutputs.template cast<U>();
    castMatricesInto(s.probeOutputs, out.probeOutputs);
}

/// `s` with its matrices as U, under `context` (see castSnapshotInto).
template <typename U, typename T>
Snapshot<U> castSnapshot(const Snapshot<T>& s, std::shared_ptr<const RunContext<U>> context) {
    Snapshot<U> out;
    castSnapshotInto(s, std::move(context), out);
    return out;
}

}  // namespace linearlab::train
