#pragma once
// The design's "validation_split": a seeded split of one dataset into training
// and validation sets, drawn as torch.utils.data.random_split(dataset,
// [1 - validation_split, validation_split], generator=torch.Generator().manual_seed(seed)).
#include "core/data/dataset.h"

#include <cstdint>
#include <vector>

namespace linearlab::data {

template <typename T>
struct DatasetSplit {
    Dataset<T> train;
    /// Empty (0 rows) when validation_split is 0.
    Dataset<T> validation;
    /// Row of the source dataset for each training / validation sample.
    std::vector<Index> trainIndices;
    std::vector<Index> validationIndices;

    bool hasValidation() const { return validation.size() > 0; }
};

/// validation_split in [0, 1), else std::invalid_argument naming the field.
/// 0: every sample trains, in file order, and the generator is not used.
/// Otherwise random_split's lengths: floor(N * (1 - s)) and floor(N * s), the
/// remainder given to training; the samples are the first and the last part of
/// randperm(N) under `seed`, in that permuted order.
template <typename T>
DatasetSplit<T> splitDataset(const Dataset<T>& data, double validation_split, uint64_t seed);

extern template DatasetSplit<float> splitDataset<float>(const Dataset<float>&, double, uint64_t);
extern template DatasetSplit<double> splitDataset<double>(const Dataset<double>&, double, uint64_t);

}  // namespace linearlab::data
