#pragma once
#include "core/nn/activation.h"

#include <cmath>

namespace linearlab::nn {

/// torch.nn.Softsign: y = x / (|x| + 1)
template <typename T>
class Softsign : public Activation<T> {
public:
    std::string typeName() const override { return "Softsign"; }
    void forward(const Matrix<T>& x, Matrix<T>& y) override {
        y = x.unaryExpr([](T v) { return v / (std::abs(v) + T(1)); });
    }
    // dy/dx = 1 / (|x| + 1)^2. PyTorch has no kernel for it: autograd adds the
    // division's two gradients, g / d and (-g ((x / d) / d)) sgn(x) with d = |x| + 1.
    void backward(const Matrix<T>& x, const Matrix<T>&, const Matrix<T>& gradY,
                  Matrix<T>* gradX) override {
        if (!gradX)
            return;
        *gradX = gradY.binaryExpr(x, [](T g, T v) {
            const T d = std::abs(v) + T(1);
            const T sign = T((v > T(0)) - (v < T(0)));
            return g / d + (-g * ((v / d) / d)) * sign;
        });
    }
};

}  // namespace linearlab::nn
