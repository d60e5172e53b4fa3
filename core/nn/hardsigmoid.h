#pragma once
#include "core/nn/activation.h"

#include <algorithm>

namespace linearlab::nn {

/// torch.nn.Hardsigmoid: y = min(max(x + 3, 0), 6) / 6
template <typename T>
class Hardsigmoid : public Activation<T> {
public:
    std::string typeName() const override { return "Hardsigmoid"; }
    void forward(const Matrix<T>& x, Matrix<T>& y) override {
        y = x.unaryExpr([](T v) { return std::min(std::max(v + T(3), T(0)), T(6)) / T(6); });
    }
    // dy/dx = 1/6 for -3 < x < 3, 0 otherwise. PyTorch's kernel writes 1/6 as
    // 1.0f / 6.0f, so float64 also multiplies by the float32 sixth.
    void backward(const Matrix<T>& x, const Matrix<T>&, const Matrix<T>& gradY,
                  Matrix<T>* gradX) override {
        if (!gradX)
            return;
        const T oneSixth = T(1.0f / 6.0f);
        *gradX = gradY.binaryExpr(
            x, [=](T g, T v) { return v > T(-3) && v < T(3) ? g * oneSixth : T(0); });
    }
};

}  // namespace linearlab::nn
