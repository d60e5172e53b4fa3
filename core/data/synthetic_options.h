#pragma once
// The options of a generated dataset, as the "data" section of a design states them.
#include "core/nn/tensor.h"

#include <cstdint>
#include <optional>
#include <string>

namespace linearlab::data {

using nn::Index;

/// The "data" section of a design: {"dataset": "teacher", "samples": 1024, "seed": 0}.
/// Which fields a dataset reads is in syntheticDatasetTable().
struct SyntheticOptions {
    std::string dataset = "teacher";
    Index samples = 1024;
    uint64_t seed = 0;
    /// Standard deviation of the Gaussian noise added to each target (teachers,
    /// sine, plane) or to each coordinate (2-D classification). Unset: the
    /// dataset's default, see defaultNoise().
    std::optional<double> noise;
    /// Number of classes, for the datasets that take it (blobs, spiral).
    Index classes = 3;
    /// Teacher input and output widths (bilinear-teacher uses in_features for both inputs).
    Index in_features = 20;
    Index out_features = 40;

    /// Field by field, including the fields the dataset does not read.
    bool operator==(const SyntheticOptions& o) const;
};

}  // namespace linearlab::data
