#pragma once
// The floating-point type a design computes in, as torch.set_default_dtype
// chooses it: float32 (PyTorch's default) or float64. Network<float> and
// Network<double> are the two; everything that sizes or stores values asks
// here how many bytes one takes.
#include <cstddef>
#include <optional>
#include <string>
#include <type_traits>

namespace linearlab::nn {

enum class DType { Float32, Float64 };

/// torch's spelling: "float32", "float64".
const char* dtypeName(DType dtype);

/// The dtype named `name` ("float32", "float64"), or nullopt.
std::optional<DType> dtypeNamed(const std::string& name);

/// Bytes of one value: 4 or 8.
std::size_t dtypeSize(DType dtype);

/// run(float{}) or run(double{}) as `dtype` says: code written once for T
/// (`using T = decltype(zero);`) runs as the dtype asks.
template <typename Run>
auto withDtype(DType dtype, Run&& run) {
    return dtype == DType::Float64 ? run(double{}) : run(float{});
}

/// The dtype of the scalar type T (float or double).
template <typename T>
constexpr DType dtypeOf() {
    static_assert(std::is_same_v<T, float> || std::is_same_v<T, double>);
    return std::is_same_v<T, float> ? DType::Float32 : DType::Float64;
}

}  // namespace linearlab::nn
