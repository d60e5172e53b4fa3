#pragma once
// torch.sum's CPU kernel (cascade_sum in ATen's SumKernel.cpp, torch 1.13), so a
// gradient that PyTorch reduces with .sum() rounds as PyTorch's does: partial
// sums over levels of 16 or more values, four interleaved rows, and SIMD lanes
// of AVX2 width (8 floats, 4 doubles; the width torch's CPU dispatch uses on
// AVX2 machines). Sums above torch's parallel grain (32768 values) are split
// across its threads there and are not reproduced bit for bit.
#include "core/nn/tensor.h"

#include <algorithm>
#include <array>
#include <cstdint>

namespace linearlab::nn {

namespace cascade {

/// A SIMD register's lanes, added lane by lane as Vectorized<T> adds them.
template <typename T>
struct Lanes {
    static constexpr int kWidth = sizeof(T) == 4 ? 8 : 4;
    std::array<T, kWidth> v{};
    Lanes& operator+=(const Lanes& o) {
        for (int i = 0; i < kWidth; ++i)
            v[i] += o.v[i];
        return *this;
    }
};

inline Index ceilLog2(Index x) {
    if (x <= 2)
        return 1;
    Index bits = 0;  // floor(log2(x - 1)) + 1
    for (auto u = static_cast<std::uint64_t>(x - 1); u != 0; u >>= 1)
        ++bits;
    return bits;
}

/// multi_row_sum: `rows` values at once, value k of step i being load(i, k).
template <typename Acc, int kRows, typename Load>
std::array<Acc, kRows> multiRowSum(Index size, Load load) {
    constexpr int kLevels = 4;
    const Index levelPower = std::max<Index>(4, ceilLog2(size) / kLevels);
    const Index levelStep = Index(1) << levelPower;
    const Index levelMask = levelStep - 1;
    std::array<std::array<Acc, kRows>, kLevels> acc{};
    Index i = 0;
    while (i + levelStep <= size) {
        for (Index j = 0; j < levelStep; ++j, ++i)
            for (int k = 0; k < kRows; ++k)
                acc[0][k] += load(i, k);
        for (int j = 1; j < kLevels; ++j) {
            for (int k = 0; k < kRows; ++k) {
                acc[j][k] += acc[j - 1][k];
                acc[j - 1][k] = Acc{};
            }
            if ((i & (levelMask << (j * levelPower))) != 0)
                break;
        }
    }
    for (; i < size; ++i)
        for (int k = 0; k < kRows; ++k)
            acc[0][k] += load(i, k);
    for (int j = 1; j < kLevels; ++j)
        for (int k = 0; k < kRows; ++k)
            acc[0][k] += acc[j][k];
    return acc[0];
}

/// row_sum: value(i) for i < size, four interleaved partial sums.
template <typename Acc, typename Value>
Acc rowSum(Index size, Value value) {
    const Index ilp = size / 4;
    auto partial = multiRowSum<Acc, 4>(ilp, [&](Index i, int k) { return value(i * 4 + k); });
    for (Index i = ilp * 4; i < size; ++i)
        partial[0] += value(i);
    for (int k = 1; k < 4; ++k)
        partial[0] += partial[k];
    return partial[0];
}

}  // namespace cascade

/// x.sum() of n contiguous values, as torch sums them.
template <typename T>
T cascadeSum(const T* x, Index n) {
    using L = cascade::Lanes<T>;
    constexpr int w = L::kWidth;
    if (n < w)
        return cascade::rowSum<T>(n, [&](Index i) { return x[i]; });
    // vectorized_inner_sum: whole registers, the leftover values, then the lanes.
    const Index vectors = n / w;
    const L lanes = cascade::rowSum<L>(vectors, [&](Index i) {
        L l;
        std::copy(x + i * w, x + i * w + w, l.v.begin());
        return l;
    });
    T total = 0;
    for (Index k = vectors * w; k < n; ++k)
        total += x[k];
    for (int k = 0; k < w; ++k)
        total += lanes.v[k];
    return total;
}

/// x.sum(0) of a row-major (rows, cols) matrix `d` into out[0..cols), as torch sums it.
template <typename T>
void cascadeColumnSums(const T* d, Index rows, Index cols, T* out) {
    using L = cascade::Lanes<T>;
    constexpr int w = L::kWidth;
    auto vectorAt = [&](Index row, Index col) {
        L l;
        std::copy(d + row * cols + col, d + row * cols + col + w, l.v.begin());
        return l;
    };
    Index j = 0;
    if (cols >= w) {
        // vectorized_outer_sum: blocks of four registers, then single registers.
        for (; j + 4 * w <= cols; j += 4 * w) {
            const auto sums = cascade::multiRowSum<L, 4>(
                rows, [&](Index i, int k) { return vectorAt(i, j + k * w); });
            for (int k = 0; k < 4; ++k)
                std::copy(sums[k].v.begin(), sums[k].v.end(), out + j + k * w);
        }
        for (; j + w <= cols; j += w) {
            const L sums = cascade::rowSum<L>(rows, [&](Index i) { return vectorAt(i, j); });
            std::copy(sums.v.begin(), sums.v.end(), out + j);
        }
    } else {
        // scalar_outer_sum: four columns at a time.
        for (; j + 3 < cols; j += 4) {
            const auto sums = cascade::multiRowSum<T, 4>(
                rows, [&](Index i, int k) { return d[i * cols + j + k]; });
            std::copy(sums.begin(), sums.end(), out + j);
        }
    }
    for (; j < cols; ++j)
        out[j] = cascade::rowSum<T>(rows, [&](Index i) { return d[i * cols + j]; });
}

}  // namespace linearlab::nn
