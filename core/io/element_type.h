#pragma once
// The element types safetensors files and torch.save storages hold, and how
// one element is read from its little-endian bytes. Loaders keep every value
// exactly, in the float type that holds it (heldAs), and the dtype's name for
// display.
#include "core/io/tensor_values.h"
#include "core/nn/dtype.h"

#include <cstdint>

namespace linearlab::io::detail {

enum class ElementType { Float32, Float64, Float16, BFloat16, Int64, Int32 };

/// The element type that stores values of `dtype`.
inline ElementType elementTypeOf(nn::DType dtype) {
    return dtype == nn::DType::Float64 ? ElementType::Float64 : ElementType::Float32;
}

/// torch's spelling: "float32", "float64", "float16", "bfloat16", "int64", "int32".
const char* torchName(ElementType type);

/// Bytes per element: 2, 4 or 8.
int itemSize(ElementType type);

/// The float type that holds every value of `type` exactly: float32 for
/// float32, float16 and bfloat16; float64 for float64, int32 and int64 (an
/// int64 beyond 2^53 rounds, as torch's copy_ into a float64 tensor does).
nn::DType heldAs(ElementType type);

/// The element stored at p (any alignment), converted to T (float or double):
/// exact when T is heldAs(type).
template <typename T = float>
T loadElement(ElementType type, const char* p);
template <>
float loadElement<float>(ElementType type, const char* p);
template <>
double loadElement<double>(ElementType type, const char* p);

/// `count` elements of `type`, the k-th stored at elementAt(k), held as heldAs(type).
template <typename ElementAt>
TensorValues loadElements(ElementType type, std::int64_t count, ElementAt elementAt) {
    auto load = [&](auto zero) {
        std::vector<decltype(zero)> v(static_cast<std::size_t>(count));
        for (std::int64_t k = 0; k < count; ++k)
            v[static_cast<std::size_t>(k)] = loadElement<decltype(zero)>(type, elementAt(k));
        return TensorValues(std::move(v));
    };
    return heldAs(type) == nn::DType::Float64 ? load(0.0) : load(0.0f);
}

}  // namespace linearlab::io::detail
