#pragma once
#include "core/nn/activation.h"

#include <cmath>

namespace linearlab::nn {

/// torch.nn.Tanhshrink: y = x - tanh(x)
template <typename T>
class Tanhshrink : public Activation<T> {
public:
    std::string typeName() const override { return "Tanhshrink"; }
    void forward(const Matrix<T>& x, Matrix<T>& y) override {
        y = x.unaryExpr([](T v) { return v - std::tanh(v); });
    }
    // dy/dx = tanh(x)^2. As autograd does: the subtraction's g plus tanh_backward
    // of -g, -g (1 - tanh(x)^2).
    void backward(const Matrix<T>& x, const Matrix<T>&, const Matrix<T>& gradY,
                  Matrix<T>* gradX) override {
        if (!gradX)
            return;
        *gradX = gradY.binaryExpr(x, [](T g, T v) {
            const T t = std::tanh(v);
            return g + -g * (T(1) - t * t);
        });
    }
};

}  // namespace linearlab::nn
