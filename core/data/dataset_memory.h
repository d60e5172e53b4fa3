#pragma once
// What a dataset costs in memory, known before it exists: from the synthetic
// options, or from a file's header, so an absurd size is refused against the
// memory budget (core/nn/memory_budget.h) before anything is generated or read.
#include "core/data/dataset.h"
#include "core/data/synthetic_options.h"
#include "core/nn/memory_budget.h"

#include <string>

namespace linearlab::data {

using nn::Bytes;

/// The size of a dataset, for counting it before it exists.
struct DatasetShape {
    Index samples = 0;
    Index features = 0;
    Index targets = 0;  ///< y's columns: 1 for class indices
    Index classes = 0;  ///< class names kept; 0 for regression
    bool classification = false;
};

template <typename T>
DatasetShape shapeOf(const Dataset<T>& d) {
    return {d.size(), d.features(), d.targets(), static_cast<Index>(d.classNames.size()),
            d.classification};
}

/// The shape makeSyntheticDataset gives `options`. Throws as syntheticDataset()
/// for an unknown dataset.
DatasetShape syntheticShape(const SyntheticOptions& options);

/// x and y at `elementSize` bytes a value, and the class names: one dataset held.
Bytes datasetBytes(const DatasetShape& shape, Bytes elementSize);

/// What training holds of a dataset: the dataset as given, its training and
/// validation split (a second copy of every sample and of the class names for
/// each part) and the index orders of the split and the DataLoader.
Bytes datasetTrainingBytes(const DatasetShape& shape, Bytes elementSize);

/// "1024 samples of 20 features and 40 targets", "900 samples of 2 features"
/// (class indices are not counted as targets), as the memory messages say it.
std::string describeSamples(const DatasetShape& shape);

/// Generating a synthetic dataset at its peak, at `elementSize` bytes a value
/// of the result: the result, the noise drawn for it, the teacher and its
/// scratch (teachers), or the double-precision draft the toys are drawn in
/// before they are rounded (the others), with the class names of both.
struct SyntheticMemory {
    Bytes total = 0;
    Bytes classNames = 0;  ///< the part that grows with `classes`
    Bytes oneSample = 0;   ///< the total for a single sample
};
SyntheticMemory syntheticMemory(const SyntheticOptions& options, Bytes elementSize);

/// Throws nn::MemoryLimitError when generating `options` would exceed the
/// memory limit, naming the field to blame as a design file's path: the class
/// count ("data.classes: blobs with 1000000000 classes needs 59.6 GiB for class
/// names; the memory limit is ..."), a teacher's width when one sample is
/// already too much ("data.in_features: ..."), else the samples
/// ("data.samples: 1073741824 samples of 20 features and 40 targets need ...").
void checkSyntheticMemory(const SyntheticOptions& options, Bytes elementSize);

}  // namespace linearlab::data
