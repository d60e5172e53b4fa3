#pragma once
// torch 1.13's CPU pointwise kernels as the optimizers call them, one element at a
// time, rounding where they round. Measured against torch 1.13 (float32 and float64,
// vectorised body and scalar tail alike): add(other, alpha) and addcmul are fused
// multiply-adds (ufunc::add is vec::fmadd; addcmul is self + (value * t1) * t2 with the
// last product fused), addcdiv is self + (value * t1) / t2 with nothing fused, and
// `scalar / tensor` is reciprocal(tensor) * scalar. The optimizer sources are compiled
// with -ffp-contract=off, so the compiler fuses nothing else.
#include <cmath>
#include <limits>

namespace linearlab::nn::torchop {

/// self.add(other, alpha=alpha): self + alpha * other, one rounding.
template <typename T>
T add(T self, T other, T alpha) {
    return std::fma(alpha, other, self);
}

/// self.addcmul(t1, t2, value=value): self + (value * t1) * t2, the last two fused.
template <typename T>
T addcmul(T self, T t1, T t2, T value) {
    return std::fma(value * t1, t2, self);
}

/// self.addcdiv(t1, t2, value=value): self + (value * t1) / t2, each step rounded.
template <typename T>
T addcdiv(T self, T t1, T t2, T value) {
    return self + value * t1 / t2;
}

/// torch.maximum(a, b) and amax over the pair: NaN if either is NaN.
template <typename T>
T maximum(T a, T b) {
    if (std::isnan(a) || std::isnan(b))
        return std::numeric_limits<T>::quiet_NaN();
    return a < b ? b : a;
}

}  // namespace linearlab::nn::torchop
