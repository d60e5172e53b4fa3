#pragma once
#include "core/nn/activation.h"

#include <cmath>

namespace linearlab::nn {

/// torch.nn.Mish: y = x tanh(softplus(x)) = x tanh(log1p(exp(x)))
template <typename T>
class Mish : public Activation<T> {
public:
    std::string typeName() const override { return "Mish"; }
    void forward(const Matrix<T>& x, Matrix<T>& y) override {
        y = x.unaryExpr([](T v) { return v * std::tanh(std::log1p(std::exp(v))); });
    }
    // dy/dx = t + x sigmoid(x) (1 - t^2), t = tanh(softplus(x)) (mish_backward)
    void backward(const Matrix<T>& x, const Matrix<T>&, const Matrix<T>& gradY,
                  Matrix<T>* gradX) override {
        if (!gradX)
            return;
        *gradX = gradY.binaryExpr(x, [](T g, T v) {
            const T sigmoid = T(1) / (T(1) + std::exp(-v));
            const T t = std::tanh(std::log1p(std::exp(v)));
            return g * (t + v * sigmoid * (T(1) - t * t));
        });
    }
};

}  // namespace linearlab::nn
