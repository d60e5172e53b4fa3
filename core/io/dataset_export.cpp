#include "core/io/dataset_export.h"

#include "core/data/dataset_memory.h"
#include "core/data/dataset_split.h"
#include "core/io/dataset_file.h"

#include <QFileInfo>

#include <cstdint>
#include <stdexcept>

namespace linearlab::io {

template <>
std::string npyDtypeOf<float>() {
    return "<f4";
}

template <>
std::string npyDtypeOf<double>() {
    return "<f8";
}

namespace {

/// Class indices, held as T in the dataset, as the int64 (N,) array torch's
/// class-index targets are.
template <typename T>
data::NpyArray classIndices(const nn::Matrix<T>& y) {
    std::vector<int64_t> labels(static_cast<size_t>(y.rows()));
    for (nn::Index r = 0; r < y.rows(); ++r)
        labels[static_cast<size_t>(r)] = static_cast<int64_t>(y(r, 0));
    return data::NpyArray::fromInt64({y.rows()}, labels);
}

template <typename T>
data::NpyArray targets(const data::Dataset<T>& part) {
    return part.classification ? classIndices(part.y)
                               : data::npyFromMatrix(part.y, npyDtypeOf<T>());
}

void checkNpzPath(const QString& path) {
    if (QFileInfo(path).suffix().toLower() != QLatin1String("npz"))
        throw std::invalid_argument(path.toStdString() +
                                    ": the dataset is written as an .npz (x_train, y_train, "
                                    "x_val, y_val)");
}

}  // namespace

template <typename T>
std::vector<std::pair<std::string, data::NpyArray>> splitArrays(const data::Dataset<T>& data,
                                                                const train::DataSpec& spec) {
    // Beside the dataset: its split (a copy in T), the values in double on their
    // way into an array, the arrays (at most 8 bytes a value: int64 labels), and
    // the .npz built from them in memory, which holds the arrays once more.
    const data::DatasetShape shape = data::shapeOf(data);
    const nn::Bytes perValue = sizeof(T) + sizeof(double) + 8 + 8;
    nn::checkMemory(data::datasetBytes(shape, perValue), "", data::describeSamples(shape),
                    shape.samples != 1, " to export");
    const data::DatasetSplit<T> split =
        data::splitDataset(data, spec.validation_split, spec.synthetic.seed);
    std::vector<std::pair<std::string, data::NpyArray>> arrays;
    arrays.emplace_back("x_train", data::npyFromMatrix(split.train.x, npyDtypeOf<T>()));
    arrays.emplace_back("y_train", targets(split.train));
    arrays.emplace_back("x_val", data::npyFromMatrix(split.validation.x, npyDtypeOf<T>()));
    arrays.emplace_back("y_val", targets(split.validation));
    return arrays;
}

template <typename T>
void exportDataset(const data::Dataset<T>& data, const train::DataSpec& spec, const QString& path) {
    checkNpzPath(path);
    writeArrays(path, splitArrays(data, spec));
}

void exportDataset(const train::DataSpec& spec, nn::DType dtype, const QString& path) {
    // Before the data is made or read, so a wrong name costs nothing.
    checkNpzPath(path);
    // In the design's dtype, as the trainer loads it.
    nn::withDtype(dtype,
                  [&](auto zero) { exportDataset(loadDataset<decltype(zero)>(spec), spec, path); });
}

QString codeExportDataPath(const QString& scriptPath) {
    const QFileInfo info(scriptPath);
    const QString name = info.completeBaseName() + QStringLiteral("_data.npz");
    return info.path() == QLatin1String(".") && !scriptPath.startsWith(QLatin1String("./"))
               ? name
               : info.path() + QLatin1Char('/') + name;
}

template std::vector<std::pair<std::string, data::NpyArray>> splitArrays<float>(
    const data::Dataset<float>&, const train::DataSpec&);
template std::vector<std::pair<std::string, data::NpyArray>> splitArrays<double>(
    const data::Dataset<double>&, const train::DataSpec&);
template void exportDataset<float>(const data::Dataset<float>&, const train::DataSpec&,
                                   const QString&);
template void exportDataset<double>(const data::Dataset<double>&, const train::DataSpec&,
                                    const QString&);

}  // namespace linearlab::io
