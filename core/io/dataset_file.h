#pragma once
// The data a design trains on: its generated dataset, or a CSV / .npz file
// (arrays x and y) that replaces it. Files are hostile input; on any error
// nothing is returned, so the caller's current dataset stays.
#include "core/data/dataset.h"
#include "core/data/npy.h"
#include "core/train/design.h"

#include <QString>

namespace linearlab::io {

/// The design's data: spec.file when set (CSV or .npz), else the synthetic dataset.
/// Throws std::invalid_argument / std::runtime_error naming the file and the problem.
/// T is the design's dtype (float or double); a float64 file gives a float64
/// design its values exactly.
template <typename T = float>
data::Dataset<T> loadDataset(const train::DataSpec& spec);

/// A CSV or .npz file as a dataset, with spec's CSV options (target, classification,
/// standardize).
template <typename T = float>
data::Dataset<T> loadDatasetFile(const QString& path, const train::DataSpec& spec = {});

/// One array from a .npy file, or the array named `key` from a .npz.
data::NpyArray readArray(const QString& path, const std::string& key = "x");

/// Writes arrays as .npy (exactly one) or .npz (numpy.savez layout), atomically.
void writeArrays(const QString& path,
                 const std::vector<std::pair<std::string, data::NpyArray>>& arrays);

}  // namespace linearlab::io
