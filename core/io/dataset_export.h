#pragma once
// A design's dataset as an .npz, split exactly as LinearLab trains on it, so a
// PyTorch script (the code export's) trains on the same samples in the same
// order: x_train, y_train, x_val, y_val, each in the order the trainer holds
// them (random_split's permuted order under the data seed; file order when
// validation_split is 0, and then x_val and y_val have no rows).
#include "core/data/dataset.h"
#include "core/data/npy.h"
#include "core/nn/dtype.h"
#include "core/train/design.h"

#include <QString>

#include <string>
#include <utility>
#include <vector>

namespace linearlab::io {

/// numpy's dtype for values of T: "<f4" for float, "<f8" for double. The
/// arrays take the dataset's own type, so the file holds what LinearLab trains on.
template <typename T>
std::string npyDtypeOf();
template <>
std::string npyDtypeOf<float>();
template <>
std::string npyDtypeOf<double>();

/// The four arrays of `data` split by `spec` (validation_split, and the data
/// seed the split draws from, as data::splitDataset splits it):
///   x_train (N_train, features), x_val (N_val, features) in npyDtypeOf<T>();
///   y_train, y_val: int64 (N,) class indices for classification (the targets
///   CrossEntropyLoss takes), else (N, targets) in npyDtypeOf<T>().
/// Throws std::invalid_argument for a bad validation_split or, before the split
/// copies anything, nn::MemoryLimitError when the copies would not fit.
template <typename T>
std::vector<std::pair<std::string, data::NpyArray>> splitArrays(const data::Dataset<T>& data,
                                                                const train::DataSpec& spec);

/// Writes splitArrays(data, spec) to `path`, which must end in .npz, atomically
/// (io::writeArrays). Errors are one line naming the file or the field.
template <typename T>
void exportDataset(const data::Dataset<T>& data, const train::DataSpec& spec, const QString& path);

/// As above, for `spec`'s dataset as io::loadDataset makes or reads it in `dtype`
/// (the design's).
void exportDataset(const train::DataSpec& spec, nn::DType dtype, const QString& path);

/// The data file the code export writes beside its script: "dir/model.py" ->
/// "dir/model_data.npz".
QString codeExportDataPath(const QString& scriptPath);

extern template std::vector<std::pair<std::string, data::NpyArray>> splitArrays<float>(
    const data::Dataset<float>&, const train::DataSpec&);
extern template std::vector<std::pair<std::string, data::NpyArray>> splitArrays<double>(
    const data::Dataset<double>&, const train::DataSpec&);
extern template void exportDataset<float>(const data::Dataset<float>&, const train::DataSpec&,
                                          const QString&);
extern template void exportDataset<double>(const data::Dataset<double>&, const train::DataSpec&,
                                           const QString&);

}  // namespace linearlab::io
