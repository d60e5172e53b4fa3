#pragma once
#include "core/nn/activation.h"

#include <cmath>

namespace linearlab::nn {

/// torch.nn.GELU(approximate='none'): y = x * Phi(x) = x/2 (1 + erf(x / sqrt(2)))
template <typename T>
class GELU : public Activation<T> {
public:
    std::string typeName() const override { return "GELU"; }
    void forward(const Matrix<T>& x, Matrix<T>& y) override {
        y = x.unaryExpr([](T v) { return v * T(0.5) * (T(1) + std::erf(v * T(M_SQRT1_2))); });
    }
    // dy/dx = Phi(x) + x phi(x), phi the standard normal density
    void backward(const Matrix<T>& x, const Matrix<T>&, const Matrix<T>& gradY,
                  Matrix<T>* gradX) override {
        if (!gradX)
            return;
        *gradX = x.binaryExpr(gradY, [](T v, T g) {
            const T cdf = T(0.5) * (T(1) + std::erf(v * T(M_SQRT1_2)));
            const T pdf = std::exp(T(-0.5) * v * v) * T(0.5 * M_2_SQRTPI * M_SQRT1_2);
            return g * (cdf + v * pdf);
        });
    }

protected:
    std::string extraRepr() const override { return "approximate='none'"; }
};

}  // namespace linearlab::nn
