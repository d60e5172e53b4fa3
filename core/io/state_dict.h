#pragma once
// A state dict as it travels through files: ordered named tensors, PyTorch's
// names ("0.weight") and row-major memory. Formats read into and write from it;
// nn::Network converts to and from its parameters.
#include "core/io/tensor_values.h"
#include "core/nn/tensor.h"

#include <string>
#include <vector>

namespace linearlab::io {

struct NamedTensor {
    std::string name;
    /// The dtype as stored in the file ("float32", "float64", "int64", ...), for inspection.
    std::string dtype = "float32";
    nn::Shape shape;
    /// Row-major, size == nn::numel(shape). float32 for the dtypes float32 holds
    /// exactly (float32, float16, bfloat16), float64 for the others (float64,
    /// int32, int64): what a file holds survives, and writers write values.dtype().
    TensorValues values;

    /// Bit for bit: NaN equals the same NaN, -0.0 differs from 0.0.
    bool operator==(const NamedTensor& o) const {
        return name == o.name && dtype == o.dtype && shape == o.shape && values == o.values;
    }
    bool operator!=(const NamedTensor& o) const { return !(*this == o); }
};

/// Insertion-ordered, as an OrderedDict.
using StateDict = std::vector<NamedTensor>;

}  // namespace linearlab::io
