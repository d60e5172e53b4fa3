#pragma once
// PyTorch's elu_kernel and elu_backward_kernel (on the input), which ELU, SELU
// and CELU all call with their own coefficients.
#include "core/nn/tensor.h"

#include <cmath>

namespace linearlab::nn {

/// The coefficients as the kernel rounds them to T: negcoef = alpha * scale
/// (multiplied in T), poscoef = scale, negiptcoef = input_scale.
template <typename T>
struct EluCoefficients {
    T negcoef, poscoef, negiptcoef;
    EluCoefficients(double alpha, double scale, double inputScale)
        : negcoef(T(alpha) * T(scale)), poscoef(T(scale)), negiptcoef(T(inputScale)) {}
};

/// y = x poscoef for x > 0, (exp(x negiptcoef) - 1) negcoef otherwise.
template <typename T>
void eluForward(const EluCoefficients<T>& c, const Matrix<T>& x, Matrix<T>& y) {
    y = x.unaryExpr([c](T v) {
        return v <= T(0) ? (std::exp(v * c.negiptcoef) - T(1)) * c.negcoef : v * c.poscoef;
    });
}

// dy/dx = negiptcoef negcoef exp(x negiptcoef) for x <= 0, poscoef otherwise
template <typename T>
void eluBackward(const EluCoefficients<T>& c, const Matrix<T>& x, const Matrix<T>& gradY,
                 Matrix<T>& gradX) {
    gradX = gradY.binaryExpr(x, [c](T g, T v) {
        return v <= T(0) ? g * c.negiptcoef * c.negcoef * std::exp(v * c.negiptcoef)
                         : g * c.poscoef;
    });
}

}  // namespace linearlab::nn
