#include "core/data/synthetic_dataset_table.h"

#include <stdexcept>

namespace linearlab::data {

const std::vector<SyntheticDatasetInfo>& syntheticDatasetTable() {
    // Noise defaults chosen so each toy is learnable but not trivially separable.
    // clang-format off
    static const std::vector<SyntheticDatasetInfo> table{
        // name              inputWidth       classification takesClasses takesFeatures noise
        {"teacher",          kFromInFeatures, false,         false,       true,         0.1},
        {"bilinear-teacher", kFromInFeatures, false,         false,       true,         0.1},
        {"circles",          2,               true,          false,       false,        0.05},
        {"xor",              2,               true,          false,       false,        0.05},
        {"blobs",            2,               true,          true,        false,        0.5},
        {"spiral",           2,               true,          true,        false,        0.05},
        {"moons",            2,               true,          false,       false,        0.1},
        {"sine",             1,               false,         false,       false,        0.1},
        {"plane",            2,               false,         false,       false,        0.1},
    };
    // clang-format on
    return table;
}

const SyntheticDatasetInfo* findSyntheticDataset(const std::string& name) {
    for (const SyntheticDatasetInfo& info : syntheticDatasetTable())
        if (info.name == name)
            return &info;
    return nullptr;
}

const SyntheticDatasetInfo& syntheticDataset(const std::string& name) {
    if (const SyntheticDatasetInfo* info = findSyntheticDataset(name))
        return *info;
    std::string known;
    for (const std::string& n : syntheticDatasetNames())
        known += (known.empty() ? "" : ", ") + n;
    throw std::invalid_argument("unknown dataset '" + name + "'; known datasets are " + known);
}

const std::vector<std::string>& syntheticDatasetNames() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const SyntheticDatasetInfo& info : syntheticDatasetTable())
            v.push_back(info.name);
        return v;
    }();
    return names;
}

double defaultNoise(const std::string& dataset) {
    return syntheticDataset(dataset).noise;
}

Index inputFeatures(const SyntheticOptions& options) {
    const SyntheticDatasetInfo& info = syntheticDataset(options.dataset);
    return info.inputWidth == kFromInFeatures ? options.in_features : info.inputWidth;
}

Index numClasses(const SyntheticOptions& options) {
    const SyntheticDatasetInfo& info = syntheticDataset(options.dataset);
    if (!info.classification)
        return 0;
    return info.takesClasses ? options.classes : 2;
}

}  // namespace linearlab::data
