#include "core/train/training_memory.h"

#include "core/data/synthetic_dataset_table.h"
#include "core/nn/network.h"
#include "core/nn/optimizer_table.h"
#include "core/nn/plural.h"
#include "core/train/scheduled_optimizer.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace linearlab::train {

namespace {

using nn::addBytes;
using nn::mulBytes;
using nn::toBytes;

Bytes values(Index a, Index b) {
    return mulBytes(toBytes(a), toBytes(b));
}

/// The validation part of random_split's lengths for `samples`, as splitDataset
/// draws them; 0 when there is no (valid) split.
Index validationSamples(Index samples, double split) {
    if (!(split > 0.0 && split < 1.0) || samples <= 0)
        return 0;
    const double n = static_cast<double>(samples);
    const Index train = static_cast<Index>(std::floor(n * (1.0 - split)));
    const Index validation = static_cast<Index>(std::floor(n * split));
    const Index remainder = samples - train - validation;
    return validation + remainder / 2;  // the remainder goes first to training
}

/// The network's output width for one row, 0 when a shape problem hides it.
Index outputWidth(const Design& design) {
    if (design.layers.empty())
        return design.inputFeatures;
    const auto shapes = nn::inferShapes({1, design.inputFeatures}, design.layers);
    return shapes.back().output.empty() ? 0 : shapes.back().output.back();
}

/// Bytes of one value: the options' size, else the design's dtype's.
Bytes elementSize(const Design& design, const TrainingMemoryOptions& options) {
    return options.elementSize > 0 ? options.elementSize : nn::dtypeSize(design.dtype);
}

Bytes bytesPerValue(const Design& design, const TrainingMemoryOptions& options) {
    const Index copies =
        trainingCopiesPerParameter(scheduledOptimizerOptions(design.scheduler, design.optimizer)) +
        options.extraParameterCopies;
    return mulBytes(toBytes(copies), elementSize(design, options));
}

Index batchRows(const Design& design, const std::optional<data::DatasetShape>& shape) {
    Index rows = std::max<Index>(1, design.batch.size);
    if (shape) {
        const Index train =
            shape->samples - validationSamples(shape->samples, design.data.validation_split);
        rows = std::min(rows, std::max<Index>(1, train));
    }
    return rows;
}

/// The field a data problem belongs to, and how the data is named in its message.
std::string dataField(const Design& design) {
    return design.data.file.empty() ? "data.samples" : "data.file";
}

std::string dataSubject(const Design& design, const data::DatasetShape& shape) {
    std::string subject = data::describeSamples(shape);
    if (!design.data.file.empty())
        subject = std::filesystem::path(design.data.file).filename().string() + ": " + subject;
    return subject;
}

}  // namespace

Bytes TrainingMemory::total() const {
    return addBytes(addBytes(addBytes(parameters, batches), addBytes(validation, view)), data);
}

const char* const kTrainingCopiesPurpose = " for weights, gradients, optimizer state and snapshots";

Index trainingCopiesPerParameter(const nn::OptimizerOptions& optimizer) {
    const Index snapshots =
        2 * static_cast<Index>(SnapshotMailbox<Snapshot<float>>::kDefaultPoolSize);
    // value + grad, optimizer state, last finite values, initial values, snapshots.
    return 2 + nn::optimizerStateTensors(optimizer) + 1 + 1 + snapshots;
}

TrainingMemory trainingMemory(const Design& design, const std::optional<data::DatasetShape>& shape,
                              bool toGenerate, const TrainingMemoryOptions& options) {
    const Bytes e = elementSize(design, options);
    const Index features = design.inputFeatures;
    const Index out = outputWidth(design);
    const Index targets = shape ? shape->targets : out;
    const nn::RowValues network = nn::workspaceValuesPerRow(features, design.layers);
    const Index pool = static_cast<Index>(SnapshotMailbox<Snapshot<float>>::kDefaultPoolSize);

    TrainingMemory m;
    m.parameters = nn::parameterBytes(features, design.layers, bytesPerValue(design, options));

    // Per batch row: the network's workspace, the batch and the loader's spare
    // pair, dLoss/dOutput for a full and a short batch, and the loss's temporaries.
    Index perRow = nn::saturatingSum(
        network.training, nn::saturatingProduct(2, nn::saturatingSum(features, targets)));
    perRow = nn::saturatingSum(perRow, nn::saturatingProduct(3, out));
    m.batches = mulBytes(values(batchRows(design, shape), perRow), e);

    const Index samples = shape ? shape->samples : 0;
    m.validationSamples = validationSamples(samples, design.data.validation_split);
    const Index train = samples - m.validationSamples;
    m.validation = mulBytes(values(m.validationSamples, network.forward), e);
    // A grid for one or two input features, else some samples: the inputs, their
    // targets, the forward pass and an output in every snapshot buffer.
    const TrainerOptions& t = options.trainer;
    m.viewRows = features == 1   ? t.viewResolution
                 : features == 2 ? nn::saturatingProduct(t.viewResolution, t.viewResolution)
                                 : std::min(t.viewSamples,
                                            m.validationSamples > 0 ? m.validationSamples : train);
    Index viewPerRow = nn::saturatingSum(network.forward, nn::saturatingSum(features, targets));
    viewPerRow = nn::saturatingSum(viewPerRow, nn::saturatingProduct(pool, out));
    m.view = mulBytes(values(m.viewRows, viewPerRow), e);
    Bytes data = shape ? data::datasetTrainingBytes(*shape, e) : 0;
    // The samples the run context keeps for drawing.
    data = addBytes(
        data,
        mulBytes(values(std::min(t.drawSamples, train), nn::saturatingSum(features, targets)), e));
    if (toGenerate)
        data = std::max(data, data::syntheticMemory(design.data.synthetic, e).total);
    m.data = data;
    return m;
}

void checkParameterBudget(const Design& design, const TrainingMemoryOptions& options) {
    nn::checkParameterMemory(design.inputFeatures, design.layers, bytesPerValue(design, options),
                             kTrainingCopiesPurpose);
}

void checkTrainingMemory(const Design& design, const std::optional<data::DatasetShape>& shape,
                         bool toGenerate, const TrainingMemoryOptions& options) {
    checkParameterBudget(design, options);
    const Bytes limit = nn::memoryLimit();
    if (toGenerate)
        data::checkSyntheticMemory(design.data.synthetic, elementSize(design, options));
    const TrainingMemory m = trainingMemory(design, shape, toGenerate, options);
    if (shape)
        nn::checkMemory(m.data, dataField(design), dataSubject(design, *shape), shape->samples != 1,
                        " with their training and validation copies");
    const Index rows = batchRows(design, shape);
    nn::checkMemory(m.batches, "batch.size", "batches of " + nn::countOf(rows, "row", "rows"), true,
                    " for layer outputs and gradients");
    nn::checkMemory(
        m.validation, "data.validation_split",
        "the validation pass over " + nn::countOf(m.validationSamples, "sample", "samples"), false,
        " for layer outputs");
    nn::checkMemory(m.view, "", "the output view's " + nn::countOf(m.viewRows, "point", "points"),
                    true, " for layer outputs");
    if (m.total() <= limit)
        return;

    const std::string message = "training needs " + nn::formatBytesBeside(m.total(), limit) +
                                " in all: " + nn::formatBytes(m.parameters) + " for parameters, " +
                                nn::formatBytes(m.batches) + " for batches, " +
                                nn::formatBytes(addBytes(m.validation, m.view)) +
                                " for the validation pass and the output view, " +
                                nn::formatBytes(m.data) + " for data" +
                                nn::memoryLimitClause(m.total());
    const Bytes largest = std::max({m.parameters, m.batches, m.validation, m.view, m.data});
    if (largest == m.parameters) {
        // On the node that holds the most of them.
        const std::vector<Index> counts =
            nn::nodeParameterCounts(design.inputFeatures, design.layers);
        const auto node = std::max_element(counts.begin(), counts.end());
        throw nn::NodeError(static_cast<Index>(node - counts.begin()), message);
    }
    const std::string field = largest == m.batches      ? "batch.size"
                              : largest == m.validation ? "data.validation_split"
                              : largest == m.view       ? ""
                                                        : dataField(design);
    throw nn::MemoryLimitError(field, (field.empty() ? "" : field + ": ") + message);
}

void checkDesignMemory(const Design& design, const TrainingMemoryOptions& options) {
    if (!design.data.file.empty() || !data::findSyntheticDataset(design.data.synthetic.dataset)) {
        // A file is counted once read; an unknown dataset is reported when it is made.
        checkTrainingMemory(design, std::nullopt, false, options);
        return;
    }
    checkTrainingMemory(design, data::syntheticShape(design.data.synthetic), true, options);
}

}  // namespace linearlab::train
