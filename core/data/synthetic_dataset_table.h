#pragma once
// What each generated dataset is: its name, how wide its x is, whether its y
// holds classes and which options it reads. makeSyntheticDataset draws by it,
// the design file writes the options a dataset reads, and the settings panel
// shows their rows and sizes the network input from it.
#include "core/data/synthetic_options.h"

#include <string>
#include <vector>

namespace linearlab::data {

/// SyntheticDatasetInfo::inputWidth of the teachers: x has in_features columns.
constexpr Index kFromInFeatures = 0;

struct SyntheticDatasetInfo {
    std::string name;
    /// x's columns: a fixed width, or kFromInFeatures.
    Index inputWidth;
    /// y is (N, 1) class indices rather than regression targets.
    bool classification;
    /// Reads `classes`; the other classification sets have two classes.
    bool takesClasses;
    /// Reads `in_features` and `out_features`: the teachers' widths.
    bool takesFeatures;
    /// Noise when SyntheticOptions::noise is unset; every dataset reads `noise`.
    double noise;
};

/// teacher, bilinear-teacher, circles, xor, blobs, spiral, moons, sine, plane, in
/// the order the GUI lists them.
const std::vector<SyntheticDatasetInfo>& syntheticDatasetTable();

/// The table's entry named `name`, or nullptr for a name it does not hold.
const SyntheticDatasetInfo* findSyntheticDataset(const std::string& name);

/// The table's entry for `name`; throws std::invalid_argument for an unknown name,
/// listing the known ones ("unknown dataset 'mnist'; known datasets are teacher, ...").
const SyntheticDatasetInfo& syntheticDataset(const std::string& name);

/// The table's names, in its order.
const std::vector<std::string>& syntheticDatasetNames();

/// Noise used when SyntheticOptions::noise is unset. Throws as syntheticDataset().
double defaultNoise(const std::string& dataset);

/// x's columns for `options`: the dataset's fixed width, or in_features for the
/// teachers. Throws as syntheticDataset().
Index inputFeatures(const SyntheticOptions& options);

/// The classes y holds for `options` (0 for regression). Throws as syntheticDataset().
Index numClasses(const SyntheticOptions& options);

}  // namespace linearlab::data
