#include "core/nn/dtype.h"

namespace linearlab::nn {

const char* dtypeName(DType dtype) {
    return dtype == DType::Float64 ? "float64" : "float32";
}

std::optional<DType> dtypeNamed(const std::string& name) {
    if (name == "float32")
        return DType::Float32;
    if (name == "float64")
        return DType::Float64;
    return std::nullopt;
}

std::size_t dtypeSize(DType dtype) {
    return dtype == DType::Float64 ? 8 : 4;
}

}  // namespace linearlab::nn
