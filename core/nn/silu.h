#pragma once
#include "core/nn/activation.h"

#include <cmath>

namespace linearlab::nn {

/// torch.nn.SiLU: y = x * sigmoid(x)
template <typename T>
class SiLU : public Activation<T> {
public:
    std::string typeName() const override { return "SiLU"; }
    void forward(const Matrix<T>& x, Matrix<T>& y) override {
        y = x.unaryExpr([](T v) { return v / (T(1) + std::exp(-v)); });
    }
    // dy/dx = s (1 + x (1 - s)), s = sigmoid(x)
    void backward(const Matrix<T>& x, const Matrix<T>&, const Matrix<T>& gradY,
                  Matrix<T>* gradX) override {
        if (!gradX)
            return;
        *gradX = x.binaryExpr(gradY, [](T v, T g) {
            const T s = T(1) / (T(1) + std::exp(-v));
            return g * s * (T(1) + v * (T(1) - s));
        });
    }
};

}  // namespace linearlab::nn
