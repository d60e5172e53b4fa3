#pragma once
// A state dict as it travels through files: ordered named tensors, PyTorch's
// names ("0.weight") and row-major memory. Formats read into and write from it;
// nn::Network converts to and from its parameters.
#include "core/nn/tensor.h"

#include <cstring>
#include <string>
#include <vector>

namespace linearlab::io {

struct NamedTensor {
    std::string name;
    /// The dtype as stored in the file ("float32", "float64", "int64", ...), for inspection.
    std::string dtype = "float32";
    nn::Shape shape;
    /// Values converted to float32, row-major; size == nn::numel(shape).
    std::vector<float> values;

    /// Bit for bit: NaN equals the same NaN, -0.0 differs from 0.0.
    bool operator==(const NamedTensor& o) const {
        return name == o.name && dtype == o.dtype && shape == o.shape &&
               values.size() == o.values.size() &&
               (values.empty() ||
                std::memcmp(values.data(), o.values.data(), values.size() * sizeof(float)) == 0);
    }
    bool operator!=(const NamedTensor& o) const { return !(*this == o); }
};

/// Insertion-ordered, as an OrderedDict.
using StateDict = std::vector<NamedTensor>;

}  // namespace linearlab::io
