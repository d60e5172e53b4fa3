#include "core/io/dataset_file.h"

#include "core/data/csv_reader.h"
#include "core/data/synthetic_datasets.h"
#include "core/io/file_util.h"
#include "core/io/read_limits.h"
#include "core/io/zip_archive.h"
#include "core/nn/memory_budget.h"

#include <QFileInfo>

#include <algorithm>
#include <stdexcept>

namespace linearlab::io {

namespace {

std::string lowerSuffix(const QString& path) {
    return QFileInfo(path).suffix().toLower().toStdString();
}

/// The .npz member `key`.npy as an array; errors name the file.
data::NpyArray npzMember(const std::string& bytes, const QString& path, const std::string& key) {
    const std::string name = path.toStdString();
    ReadLimits limits;
    ZipArchiveReader zip(bytes, limits);
    if (!zip.contains(key + ".npy")) {
        std::string keys;
        for (const auto& n : zip.names())
            keys +=
                (keys.empty() ? "" : ", ") +
                (n.size() > 4 && n.compare(n.size() - 4, 4, ".npy") == 0 ? n.substr(0, n.size() - 4)
                                                                         : n);
        throw std::invalid_argument(name + ": no array '" + key + "'; the file holds " +
                                    (keys.empty() ? std::string("nothing") : keys));
    }
    return data::parseNpy(zip.read(key + ".npy"), name + " [" + key + "]");
}

/// The arrays x and y as the zip's directory sizes them, each held twice while
/// it is read (the member's bytes and the parsed array), beside the file itself:
/// checked against the memory limit before either is decompressed.
void checkNpzMembers(const std::string& bytes, const std::string& name) {
    ReadLimits limits;
    ZipArchiveReader zip(bytes, limits);
    nn::Bytes members = 0;
    for (const char* key : {"x.npy", "y.npy"})
        if (zip.contains(key))
            members = nn::addBytes(
                members, static_cast<nn::Bytes>(std::max<std::int64_t>(0, zip.size(key))));
    nn::checkMemory(nn::addBytes(bytes.size(), nn::mulBytes(members, 2)), "", name + ": x and y",
                    true, " to decompress");
}

}  // namespace

data::NpyArray readArray(const QString& path, const std::string& key) {
    const std::string name = path.toStdString();
    const std::string raw = readWholeFile(path, ReadLimits{}.maxFileBytes);
    const std::string suffix = lowerSuffix(path);
    try {
        if (suffix == "npy")
            return data::parseNpy(raw, name);
        if (suffix == "npz")
            return npzMember(raw, path, key);
    } catch (const std::invalid_argument&) {
        throw;
    } catch (const std::exception& e) {
        throw std::runtime_error(name + ": " + e.what());
    }
    throw std::invalid_argument(name + ": arrays are read from .npy or .npz files");
}

void writeArrays(const QString& path,
                 const std::vector<std::pair<std::string, data::NpyArray>>& arrays) {
    const std::string name = path.toStdString();
    const std::string suffix = lowerSuffix(path);
    std::string bytes;
    if (suffix == "npy") {
        if (arrays.size() != 1)
            throw std::invalid_argument(name + ": a .npy holds exactly one array; use .npz for " +
                                        std::to_string(arrays.size()));
        bytes = data::writeNpy(arrays.front().second);
    } else if (suffix == "npz") {
        ZipArchiveWriter zip;
        for (const auto& [key, array] : arrays)
            zip.add(key + ".npy", data::writeNpy(array));
        bytes = zip.finish();
    } else {
        throw std::invalid_argument(name + ": arrays are written as .npy or .npz");
    }
    writeFileAtomically(path, bytes);
}

template <typename T>
data::Dataset<T> loadDatasetFile(const QString& path, const train::DataSpec& spec) {
    const std::string name = path.toStdString();
    const std::string suffix = lowerSuffix(path);
    if (suffix == "csv" || suffix == "tsv" || suffix == "txt") {
        data::CsvOptions options;
        if (!spec.target.empty()) {
            bool isIndex = !spec.target.empty();
            for (char c : spec.target)
                isIndex = isIndex && c >= '0' && c <= '9';
            // A column index; more digits than any file has columns is a mistake,
            // said in the field's words rather than as stoll's out_of_range.
            if (isIndex && spec.target.size() > 9)
                throw std::invalid_argument(name + ": data.target: column " + spec.target +
                                            " is out of range");
            if (isIndex)
                options.targetColumn = static_cast<data::Index>(std::stoll(spec.target));
            else
                options.targetColumn = spec.target;
        }
        if (spec.classification)
            options.target = data::CsvOptions::Target::Classification;
        options.standardize = spec.standardize;
        try {
            data::Dataset<T> d = data::CsvReader(options).read(name).dataset.template cast<T>();
            d.name = QFileInfo(path).fileName().toStdString();
            return d;
        } catch (const std::exception& e) {
            const std::string what = e.what();
            // The reader names the file in most messages; make sure every one does.
            if (what.find(QFileInfo(path).fileName().toStdString()) != std::string::npos)
                throw;
            throw std::invalid_argument(name + ": " + what);
        }
    }
    if (suffix == "npz") {
        nn::checkMemory(static_cast<nn::Bytes>(std::max<qint64>(0, QFileInfo(path).size())), "",
                        name, false, " to read");
        const std::string raw = readWholeFile(path, ReadLimits{}.maxFileBytes);
        try {
            checkNpzMembers(raw, name);
            const data::NpyArray x = npzMember(raw, path, "x");
            const data::NpyArray y = npzMember(raw, path, "y");
            data::Dataset<T> d = data::datasetFromArrays<T>(x, y);
            d.name = QFileInfo(path).fileName().toStdString();
            return d;
        } catch (const std::exception& e) {
            const std::string what = e.what();
            if (what.rfind(name, 0) == 0)
                throw;
            throw std::invalid_argument(name + ": " + what);
        }
    }
    if (suffix == "npy")
        throw std::invalid_argument(
            name + ": a .npy holds one array; give the data as a .npz with arrays x and y");
    throw std::invalid_argument(name + ": data is read from .csv or .npz files");
}

template <typename T>
data::Dataset<T> loadDataset(const train::DataSpec& spec) {
    if (!spec.file.empty())
        return loadDatasetFile<T>(QString::fromStdString(spec.file), spec);
    return data::makeSyntheticDataset<T>(spec.synthetic);
}

template data::Dataset<float> loadDatasetFile<float>(const QString&, const train::DataSpec&);
template data::Dataset<double> loadDatasetFile<double>(const QString&, const train::DataSpec&);
template data::Dataset<float> loadDataset<float>(const train::DataSpec&);
template data::Dataset<double> loadDataset<double>(const train::DataSpec&);

}  // namespace linearlab::io
