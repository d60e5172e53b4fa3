#include "core/data/dataset_split.h"

#include "core/data/randperm.h"

#include <cmath>
#include <numeric>
#include <sstream>
#include <stdexcept>

namespace linearlab::data {

template <typename T>
DatasetSplit<T> splitDataset(const Dataset<T>& data, double validation_split, uint64_t seed) {
    if (!(validation_split >= 0.0 && validation_split < 1.0)) {
        std::ostringstream msg;
        msg << "validation_split must be in [0, 1), got " << validation_split;
        throw std::invalid_argument(msg.str());
    }
    const Index n = data.size();
    DatasetSplit<T> split;
    if (validation_split == 0.0) {
        split.trainIndices.resize(static_cast<size_t>(n));
        std::iota(split.trainIndices.begin(), split.trainIndices.end(), Index{0});
        split.train = data;
        split.validation = data.subset({});
        return split;
    }
    // random_split with fractions: floor of each share, then the remainder handed
    // out one by one from the first length.
    Index lengths[2] = {
        static_cast<Index>(std::floor(static_cast<double>(n) * (1.0 - validation_split))),
        static_cast<Index>(std::floor(static_cast<double>(n) * validation_split))};
    for (Index r = 0, remainder = n - lengths[0] - lengths[1]; r < remainder; ++r)
        ++lengths[r % 2];
    nn::Generator gen(seed);
    const std::vector<Index> perm = randperm(n, gen);
    split.trainIndices.assign(perm.begin(), perm.begin() + lengths[0]);
    split.validationIndices.assign(perm.begin() + lengths[0], perm.end());
    split.train = data.subset(split.trainIndices);
    split.validation = data.subset(split.validationIndices);
    return split;
}

template DatasetSplit<float> splitDataset<float>(const Dataset<float>&, double, uint64_t);
template DatasetSplit<double> splitDataset<double>(const Dataset<double>&, double, uint64_t);

}  // namespace linearlab::data
