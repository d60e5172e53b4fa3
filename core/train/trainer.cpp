// The training run: its setup from the design, the training step, the
// validation pass and the snapshots. The control commands and run(), the loop
// a worker thread drives, are in trainer_control.cpp.
#include "core/train/trainer.h"

#include "core/nn/finite.h"

#include "core/data/dataset_split.h"
#include "core/nn/loss_factory.h"
#include "core/nn/optimizer_factory.h"
#include "core/nn/plural.h"
#include "core/train/scheduled_optimizer.h"
#include "core/train/training_memory.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <thread>

namespace linearlab::train {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// The network in training mode for as long as it lives.
template <typename T>
struct TrainingMode {
    TrainingMode(nn::Network<T>& network, nn::Generator& gen) : m_network(network) {
        m_network.setTraining(true, &gen);
    }
    ~TrainingMode() { m_network.setTraining(false); }
    TrainingMode(const TrainingMode&) = delete;
    TrainingMode& operator=(const TrainingMode&) = delete;
    nn::Network<T>& m_network;
};

std::atomic<uint64_t> g_nextRunId{1};

}  // namespace

template <typename T>
Trainer<T>::Trainer(const Design& design, const data::Dataset<T>& dataset, TrainerOptions options)
    : m_design(design), m_options(options) {
    if (dataset.features() != design.inputFeatures)
        throw std::invalid_argument(
            "the data has " + nn::countOf(dataset.features(), "feature", "features") +
            " but the design's input has " + std::to_string(design.inputFeatures));
    // Everything the run will hold, before the split copies the data and the
    // network allocates its first value.
    TrainingMemoryOptions memory;
    memory.elementSize = sizeof(T);
    memory.trainer = options;
    checkTrainingMemory(design, data::shapeOf(dataset), false, memory);
    auto split =
        data::splitDataset(dataset, design.data.validation_split, design.data.synthetic.seed);
    if (split.train.size() == 0)
        throw std::invalid_argument("the data has no training samples");
    m_train = std::move(split.train);
    m_validation = std::move(split.validation);
    rebuild();
}

template <typename T>
Trainer<T>::~Trainer() = default;

template <typename T>
void Trainer<T>::rebuild() {
    // torch.manual_seed(seed), then the layers in order: the same initial weights as PyTorch.
    m_gen.manualSeed(m_design.seed);
    m_network = std::make_unique<nn::Network<T>>(m_design.inputFeatures, m_design.layers,
                                                 m_design.weightInit, m_gen);
    nn::checkShapes({m_design.batch.size, m_design.inputFeatures}, m_design.layers);
    m_loss = nn::makeLoss<T>(m_design.loss, m_design.lossOptions);
    // loss.backward() needs one number: torch refuses a per-element loss there.
    if (m_loss->reduction() == nn::Reduction::None)
        throw std::invalid_argument(
            "loss.reduction: 'none' cannot train (grad can be implicitly created only for "
            "scalar outputs); use 'mean' or 'sum'");
    m_loss->checkOutputShape(m_design.batch.size, m_network->outputFeatures());
    const Index outFeatures = m_network->outputFeatures();
    // CrossEntropyLoss also takes a probability per class, as torch 1.13 does: a
    // float target shaped like the output (an .npz's float y of shape (N, C)).
    m_probabilityTargets = m_loss->classification() && !m_train.classification;
    if (m_probabilityTargets && m_train.targets() == 1)
        throw std::invalid_argument(m_design.loss +
                                    " needs class labels (integer y) or a probability per "
                                    "class, but the data has one numeric target");
    if (m_probabilityTargets && outFeatures != m_train.targets())
        throw std::invalid_argument(
            "the network gives " + nn::countOf(outFeatures, "class score", "class scores") +
            " but the data has " + std::to_string(m_train.targets()) + " class probabilities");
    // torch refuses it at the first call; a design says so before its first step.
    if (m_probabilityTargets && m_design.lossOptions.ignore_index.value_or(-1) >= 0)
        throw std::invalid_argument("ignore_index is not supported for floating point target");
    if (!m_loss->classification() && outFeatures != m_train.targets())
        throw std::invalid_argument(
            "the network gives " + nn::countOf(outFeatures, "output", "outputs") +
            " but the data has " + nn::countOf(m_train.targets(), "target", "targets"));
    if (m_loss->classification() && outFeatures < m_train.numClasses)
        throw std::invalid_argument(
            "the network gives " + nn::countOf(outFeatures, "class score", "class scores") +
            " but the data has " + nn::countOf(m_train.numClasses, "class", "classes"));
    m_optimizer.reset();
    m_scheduler.reset();
    if (m_design.scheduler.enabled()) {
        checkSchedulerFits(m_design.scheduler, m_design.optimizer);
        const auto lr = nn::keywordValueOrDefault(m_design.optimizer, nn::OptimizerKeyword::lr);
        m_scheduler =
            std::make_unique<LrScheduler>(m_design.scheduler, lr ? std::get<double>(*lr) : 0.0);
    }
    m_params = m_network->namedParameters();
    if (m_network->isMaterialized())
        ensureMaterialized();

    data::DataLoaderOptions loaderOptions;
    loaderOptions.batch_size = m_design.batch.size;
    loaderOptions.shuffle = m_design.batch.shuffle;
    loaderOptions.drop_last = m_design.batch.drop_last;
    loaderOptions.seed = m_design.seed;
    m_loader = std::make_unique<data::DataLoader<T>>(m_train, loaderOptions);

    m_runId = g_nextRunId++;
    m_step = 0;
    m_epoch = 0;
    m_epochLimit = m_design.train.epochs;
    m_stepLimit = m_design.train.steps;
    m_finished = false;
    m_seededWeights = true;
    m_trainLoss = m_validationLoss = m_trainAccuracy = m_validationAccuracy = m_stepLr = kNaN;
    m_correct = m_seen = m_epochLossSum = m_epochSamples = 0;
    m_failure.clear();
    m_trainHistory.clear();
    m_validationHistory.clear();
    m_accuracyHistory.clear();
    m_lrHistory.clear();
    m_stepsPerSecond = 0;
    m_stepsAtLastPublish = 0;
    m_lastPublish = std::chrono::steady_clock::now();
    buildContext();
    // Fill every snapshot buffer once now, so that publishing never allocates later.
    m_mailbox.fillFree([this](Snapshot<T>& buffer) { fillSnapshot(buffer); });
}

template <typename T>
void Trainer<T>::ensureMaterialized() {
    if (m_optimizer)
        return;
    if (!m_network->isMaterialized()) {
        // PyTorch materializes lazy layers on the first forward, after every eager draw.
        m_network->materialize(m_gen);
        buildContext();
    }
    m_params = m_network->namedParameters();
    std::vector<nn::Parameter<T>*> params;
    for (auto& p : m_params)
        params.push_back(p.parameter);
    m_optimizer = nn::makeOptimizer<T>(m_design.optimizer, params);
    if (m_scheduler)
        applySchedule(*m_scheduler, *m_optimizer);
    m_lastFinite.resize(params.size());
    for (size_t i = 0; i < params.size(); ++i)
        m_lastFinite[i] = params[i]->value;
}

template <typename T>
void Trainer<T>::parametersReplaced() {
    m_seededWeights = false;
    m_optimizer.reset();
    m_params = m_network->namedParameters();
    if (m_network->isMaterialized())
        ensureMaterialized();
    buildContext();
    m_mailbox.fillFree([this](Snapshot<T>& buffer) { fillSnapshot(buffer); });
}

template <typename T>
void Trainer<T>::buildContext() {
    auto ctx = std::make_shared<RunContext<T>>();
    ctx->runId = m_runId;
    for (auto& p : m_network->namedParameters()) {
        ctx->parameterNames.push_back(p.name);
        ctx->parameterShapes.push_back(p.parameter->shape);
        ctx->parameterNodes.push_back(p.node);
        ctx->initialParameters.push_back(p.parameter->value);
    }
    for (Index i = 0; i < m_network->size(); ++i) {
        ctx->nodeTypes.push_back(m_network->layers()[static_cast<size_t>(i)].type);
        ctx->nodeReprs.push_back(m_network->module(i).repr());
    }
    ctx->classification = m_train.classification;
    ctx->numClasses = m_train.numClasses;

    const Index draw = std::min(m_options.drawSamples, m_train.size());
    ctx->dataX = m_train.x.topRows(draw);
    ctx->dataY = m_train.y.topRows(draw);

    const Index features = m_design.inputFeatures;
    if (features == 1 || features == 2) {
        // A grid over the data's extent with a margin, as TensorFlow Playground draws it.
        const double margin = 0.1;
        auto range = [&](Index col, double& lo, double& hi) {
            lo = static_cast<double>(m_train.x.col(col).minCoeff());
            hi = static_cast<double>(m_train.x.col(col).maxCoeff());
            const double pad = std::max(hi - lo, 1e-6) * margin;
            lo -= pad;
            hi += pad;
        };
        const Index res = m_options.viewResolution;
        ctx->gridResolution = res;
        range(0, ctx->xMin, ctx->xMax);
        if (features == 1) {
            ctx->outputKind = OutputKind::Curve;
            ctx->viewInputs.resize(res, 1);
            for (Index i = 0; i < res; ++i)
                ctx->viewInputs(i, 0) =
                    static_cast<T>(ctx->xMin + (ctx->xMax - ctx->xMin) * i / (res - 1));
        } else {
            range(1, ctx->yMin, ctx->yMax);
            ctx->outputKind =
                ctx->classification ? OutputKind::DecisionRegions : OutputKind::Surface;
            ctx->viewInputs.resize(res * res, 2);
            // Row-major grid: row r (y from top = yMax) and column c (x from xMin).
            for (Index r = 0; r < res; ++r)
                for (Index c = 0; c < res; ++c) {
                    ctx->viewInputs(r * res + c, 0) =
                        static_cast<T>(ctx->xMin + (ctx->xMax - ctx->xMin) * c / (res - 1));
                    ctx->viewInputs(r * res + c, 1) =
                        static_cast<T>(ctx->yMax - (ctx->yMax - ctx->yMin) * r / (res - 1));
                }
        }
    } else {
        const data::Dataset<T>& source = m_validation.size() > 0 ? m_validation : m_train;
        const Index n = std::min(m_options.viewSamples, source.size());
        ctx->outputKind = OutputKind::Predictions;
        ctx->viewInputs = source.x.topRows(n);
        ctx->viewTargets = source.y.topRows(n);
    }
    buildProbe(*ctx);
    m_context = std::move(ctx);
}

template <typename T>
void Trainer<T>::buildProbe(RunContext<T>& ctx) const {
    const Index samples = std::min(m_options.probeSamples, m_train.size());
    const Index res = m_design.inputFeatures == 2 ? m_options.probeGridResolution : 0;
    ctx.probeSamples = samples;
    ctx.probeGridResolution = res;
    ctx.probeInputs.resize(samples + res * res, m_design.inputFeatures);
    ctx.probeInputs.topRows(samples) = m_train.x.topRows(samples);
    for (Index r = 0; r < res; ++r)
        for (Index c = 0; c < res; ++c) {
            const Index row = samples + r * res + c;
            ctx.probeInputs(row, 0) =
                static_cast<T>(ctx.xMin + (ctx.xMax - ctx.xMin) * c / (res - 1));
            ctx.probeInputs(row, 1) =
                static_cast<T>(ctx.yMax - (ctx.yMax - ctx.yMin) * r / (res - 1));
        }
}

template <typename T>
bool Trainer<T>::limitReached() const {
    return (m_epochLimit > 0 && m_epoch >= m_epochLimit) ||
           (m_stepLimit > 0 && m_step >= m_stepLimit);
}

template <typename T>
TrainState Trainer<T>::state() const {
    if (m_running)
        return TrainState::Running;
    return m_finished ? TrainState::Finished : TrainState::Paused;
}

template <typename T>
double Trainer<T>::accuracyOf(const nn::Matrix<T>& output, const nn::Matrix<T>& target) const {
    if (!reportsAccuracy() || output.rows() == 0)
        return kNaN;
    Index correct = 0;
    for (Index r = 0; r < output.rows(); ++r) {
        Index predicted = 0;
        if (output.cols() == 1)
            predicted = output(r, 0) > 0 ? 1 : 0;  // one logit: BCEWithLogitsLoss
        else
            output.row(r).maxCoeff(&predicted);
        // Against probabilities, the most probable class (the first of a tie, as
        // torch.argmax): what (output.argmax(1) == y.argmax(1)).float().mean() says.
        Index label = 0;
        if (m_probabilityTargets)
            target.row(r).maxCoeff(&label);
        else
            label = static_cast<Index>(target(r, 0));
        correct += predicted == label;
    }
    return static_cast<double>(correct) / static_cast<double>(output.rows());
}

template <typename T>
void Trainer<T>::restoreProgress(const TrainingProgress& progress) {
    m_step = progress.step;
    m_epoch = progress.epoch;
    auto restore = [](LossHistory& history, const std::vector<LossPoint>& points) {
        history.clear();
        for (const LossPoint& p : points)
            history.add(p.step, p.loss);
    };
    restore(m_trainHistory, progress.trainHistory);
    restore(m_validationHistory, progress.validationHistory);
    restore(m_accuracyHistory, progress.accuracyHistory);
    restore(m_lrHistory, progress.lrHistory);
    if (m_scheduler && progress.scheduler) {
        m_scheduler->restore(*progress.scheduler);
        if (m_optimizer)
            applySchedule(*m_scheduler, *m_optimizer);
    }
    m_trainLoss = progress.trainLoss;
    m_validationLoss = progress.validationLoss;
    m_trainAccuracy = progress.trainAccuracy;
    m_validationAccuracy = progress.validationAccuracy;
    m_finished = limitReached();
    m_mailbox.fillFree([this](Snapshot<T>& buffer) { fillSnapshot(buffer); });
}

template <typename T>
TrainingProgress Trainer<T>::progress() const {
    TrainingProgress p;
    p.step = m_step;
    p.epoch = m_epoch;
    p.trainLoss = m_trainLoss;
    p.validationLoss = m_validationLoss;
    p.trainAccuracy = m_trainAccuracy;
    p.validationAccuracy = m_validationAccuracy;
    p.trainHistory = m_trainHistory.points();
    p.validationHistory = m_validationHistory.points();
    p.accuracyHistory = m_accuracyHistory.points();
    p.lrHistory = m_lrHistory.points();
    if (m_scheduler)
        p.scheduler = m_scheduler->state();
    return p;
}

template <typename T>
void Trainer<T>::extendLimits() {
    m_finished = false;
    if (m_design.train.epochs > 0)
        m_epochLimit = m_epoch + m_design.train.epochs;
    if (m_design.train.steps > 0)
        m_stepLimit = m_step + m_design.train.steps;
}

template <typename T>
void Trainer<T>::evaluate() {
    if (m_validation.size() == 0 || !m_network->isMaterialized())
        return;
    const nn::Matrix<T>& out = m_network->forward(m_validation.x);
    m_validationLoss = static_cast<double>(m_loss->forward(out, m_validation.y));
    m_validationAccuracy = accuracyOf(out, m_validation.y);
}

template <typename T>
void Trainer<T>::finishEpoch() {
    ++m_epoch;
    m_trainAccuracy = m_seen > 0 ? m_correct / m_seen : kNaN;
    m_correct = m_seen = 0;
    evaluate();
    if (m_validation.size() > 0) {
        m_validationHistory.add(static_cast<double>(m_step), m_validationLoss);
        if (reportsAccuracy())
            m_accuracyHistory.add(static_cast<double>(m_step), m_validationAccuracy);
    }
    stepSchedulerAtEpochEnd();
}

template <typename T>
void Trainer<T>::stepSchedulerAtEpochEnd() {
    const double epochLoss = m_epochSamples > 0 ? m_epochLossSum / m_epochSamples : kNaN;
    m_epochLossSum = m_epochSamples = 0;
    if (!m_scheduler || !m_optimizer || m_scheduler->stepping() == SchedulerStepping::Batch)
        return;
    // scheduler.step() after the epoch's batches and validation, as the PyTorch docs
    // place it; ReduceLROnPlateau watches the validation loss, or without a
    // validation set the epoch's mean training loss.
    if (m_scheduler->stepping() == SchedulerStepping::Metric)
        m_scheduler->step(m_optimizer->lr(),
                          m_validation.size() > 0 ? m_validationLoss : epochLoss);
    else
        m_scheduler->step(m_optimizer->lr());
    applySchedule(*m_scheduler, *m_optimizer);
}

template <typename T>
bool Trainer<T>::fail(const std::string& message) {
    m_failure = "step " + std::to_string(m_step + 1) + ": " + message;
    m_running = false;
    m_stepsToTake = 0;
    return false;
}

template <typename T>
nn::Matrix<T>& Trainer<T>::gradOutputFor(Index rows) {
    // One buffer per batch size: a full batch and a short last one alternate
    // every epoch, and a single buffer would be reallocated each time.
    for (auto& g : m_gradOutputs)
        if (g.rows() == rows)
            return g;
    for (auto& g : m_gradOutputs)
        if (g.size() == 0)
            return g;
    m_gradOutputs.emplace_back();
    return m_gradOutputs.back();
}

template <typename T>
bool Trainer<T>::trainStep() {
    ensureMaterialized();
    if (limitReached()) {
        m_finished = true;
        return false;
    }
    if (m_scheduler && !m_scheduler->nextStepError().empty())
        return fail(m_scheduler->type() + ": " + m_scheduler->nextStepError());
    if (!m_loader->next(m_batchX, m_batchY)) {
        finishEpoch();
        // The next epoch starts now, limit or not: a run extended past its limit
        // must not find this epoch's loader empty again and count it twice.
        m_loader->resetEpoch();
        if (limitReached()) {
            m_finished = true;
            return false;
        }
        if (!m_loader->next(m_batchX, m_batchY))
            throw std::invalid_argument("drop_last leaves no batch: the training set has " +
                                        nn::countOf(m_train.size(), "sample", "samples") +
                                        ", fewer than batch_size");
    }
    m_failure.clear();
    m_optimizer->zeroGrad();  // optimizer.zero_grad(): its parameter list is cached, no allocation
    // model.train() for this batch (Dropout masks from the run's generator), and
    // model.eval() again for validation and the views, however the step ends.
    const TrainingMode<T> trainingMode(*m_network, m_gen);
    const nn::Matrix<T>& out = m_network->forward(m_batchX);
    nn::Matrix<T>& gradOutput = gradOutputFor(out.rows());
    const double loss = static_cast<double>(m_loss->forwardBackward(out, m_batchY, gradOutput));
    if (!std::isfinite(loss))
        return fail("the loss is " + std::string(std::isnan(loss) ? "nan" : "inf") +
                    "; training paused with the last finite weights");
    m_epochLossSum += loss * static_cast<double>(out.rows());
    m_epochSamples += static_cast<double>(out.rows());
    if (reportsAccuracy()) {
        const double acc = accuracyOf(out, m_batchY);
        m_correct += acc * static_cast<double>(out.rows());
        m_seen += static_cast<double>(out.rows());
    }
    m_network->backward(gradOutput);

    const auto& params = m_params;
    for (auto& p : params)
        if (!nn::allFinite(p.parameter->grad))
            return fail("the gradient of " + p.name + " (" + m_network->module(p.node).repr() +
                        ") is not finite; training paused with the last finite weights");
    for (size_t i = 0; i < params.size(); ++i)
        m_lastFinite[i] = params[i].parameter->value;
    m_optimizer->step();
    for (size_t i = 0; i < params.size(); ++i)
        if (!nn::allFinite(params[i].parameter->value)) {
            for (size_t j = 0; j < params.size(); ++j)
                params[j].parameter->value = m_lastFinite[j];
            return fail("the update made " + params[i].name + " (" +
                        m_network->module(params[i].node).repr() +
                        ") non-finite; restored the weights before it and paused");
        }
    ++m_step;
    m_seededWeights = false;
    m_trainLoss = loss;
    m_trainHistory.add(static_cast<double>(m_step), loss);
    m_stepLr = m_optimizer->lr();
    m_lrHistory.add(static_cast<double>(m_step), m_stepLr);
    if (m_scheduler && m_scheduler->stepping() == SchedulerStepping::Batch) {
        m_scheduler->step(m_stepLr);  // OneCycleLR: after every optimizer.step()
        applySchedule(*m_scheduler, *m_optimizer);
    }
    if (m_stepCallback)
        m_stepCallback(m_step, m_epoch, loss);
    return true;
}

// --- Snapshots -----------------------------------------------------------

template <typename T>
bool Trainer<T>::publish(bool force) {
    const auto now = std::chrono::steady_clock::now();
    const double elapsed = std::chrono::duration<double>(now - m_lastPublish).count();
    if (!force && m_options.snapshotHz > 0 && elapsed < 1.0 / m_options.snapshotHz)
        return false;
    if (elapsed > 0 && m_step >= m_stepsAtLastPublish && m_step > m_stepsAtLastPublish)
        m_stepsPerSecond = static_cast<double>(m_step - m_stepsAtLastPublish) / elapsed;
    else if (!m_running)
        m_stepsPerSecond = 0;
    auto buffer = m_mailbox.acquire();
    if (!buffer)
        return false;  // the viewer holds every buffer; it will get the next one
    fillSnapshot(*buffer);
    if (m_publishCallback && !m_publishCallback(*buffer))
        return false;  // the same, for the buffers of the callback's viewer
    m_lastPublish = now;
    m_stepsAtLastPublish = m_step;
    m_publishedCommand = m_appliedCommand;
    m_mailbox.publish(std::move(buffer));
    return true;
}

template <typename T>
void Trainer<T>::fillSnapshot(Snapshot<T>& s) {
    s.context = m_context;
    s.runId = m_runId;
    s.acknowledgedCommand = m_appliedCommand;
    s.state = state();
    s.step = m_step;
    s.epoch = m_epoch;
    s.trainLoss = m_trainLoss;
    s.validationLoss = m_validationLoss;
    s.trainAccuracy = m_trainAccuracy;
    s.validationAccuracy = m_validationAccuracy;
    s.stepsPerSecond = m_stepsPerSecond;
    s.learningRate = m_optimizer   ? m_optimizer->lr()
                     : m_scheduler ? m_scheduler->lastLr()
                                   : m_design.optimizer.lr.value_or(0);
    s.batchSize = m_loader ? m_loader->batchSize() : m_design.batch.size;
    s.failure = m_failure;
    const auto& params = m_params;
    s.parameters.resize(params.size());
    s.gradients.resize(params.size());
    for (size_t i = 0; i < params.size(); ++i) {
        s.parameters[i] = params[i].parameter->value;  // same shape: no allocation
        s.gradients[i] = params[i].parameter->grad;
    }
    m_trainHistory.copyTo(s.trainHistory);
    m_validationHistory.copyTo(s.validationHistory);
    m_accuracyHistory.copyTo(s.accuracyHistory);
    m_lrHistory.copyTo(s.lrHistory);
    if (m_scheduler)
        s.scheduler = m_scheduler->state();  // assigned into the buffer's strings: no allocation
    else
        s.scheduler.reset();
    if (m_network->isMaterialized() && m_context->viewInputs.rows() > 0)
        s.viewOutputs = m_network->forward(m_context->viewInputs);
    else
        s.viewOutputs.resize(0, 0);
    // Same shapes every time: assigning into the recycled buffer allocates nothing.
    const bool probe = m_network->isMaterialized() && m_context->probeInputs.rows() > 0;
    s.probeOutputs.resize(probe ? static_cast<size_t>(m_network->size()) : 0);
    if (probe) {
        m_network->forward(m_context->probeInputs);
        for (Index i = 0; i < m_network->size(); ++i)
            s.probeOutputs[static_cast<size_t>(i)] = m_network->nodeOutput(i);
    }
}

template class Trainer<float>;
template class Trainer<double>;

}  // namespace linearlab::train
