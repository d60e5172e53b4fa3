#pragma once
// torch.isfinite(t).all() over a tensor's memory, vectorised: Eigen's
// allFinite() tests one element at a time (x - x == 0), column by column, which
// is strided for row-major storage. A float is finite exactly when its exponent
// bits are not all ones; OR-ing that test over the elements is an integer
// reduction the compiler vectorises.
#include "core/nn/tensor.h"

#include <cstdint>
#include <cstring>
#include <type_traits>

namespace linearlab::nn {

template <typename T>
bool allFinite(const T* data, Index n) {
    static_assert(std::is_same_v<T, float> || std::is_same_v<T, double>);
    using Bits = std::conditional_t<std::is_same_v<T, float>, uint32_t, uint64_t>;
    // The exponent field: 8 bits after the sign of a float, 11 of a double.
    constexpr Bits exponent =
        std::is_same_v<T, float> ? Bits(0x7f800000u) : Bits(0x7ff0000000000000ull);
    Bits infOrNan = 0;
    for (Index i = 0; i < n; ++i) {
        Bits bits;
        std::memcpy(&bits, data + i, sizeof bits);
        infOrNan |= static_cast<Bits>((bits & exponent) == exponent);
    }
    return infOrNan == 0;
}

template <typename T>
bool allFinite(const Matrix<T>& m) {
    return allFinite(m.data(), m.size());
}

}  // namespace linearlab::nn
