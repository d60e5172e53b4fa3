#pragma once
#include "core/nn/activation.h"

#include <algorithm>

namespace linearlab::nn {

/// torch.nn.Hardswish: y = x min(max(x + 3, 0), 6) / 6
template <typename T>
class Hardswish : public Activation<T> {
public:
    std::string typeName() const override { return "Hardswish"; }
    void forward(const Matrix<T>& x, Matrix<T>& y) override {
        y = x.unaryExpr([](T v) { return v * std::min(std::max(v + T(3), T(0)), T(6)) / T(6); });
    }
    // dy/dx = 0 for x < -3, x/3 + 1/2 for -3 <= x < 3, 1 from 3 on. At x = 3 exactly
    // PyTorch's scalar loop takes x/3 + 1/2 (= 1.5) and its vectorised loop, which
    // computes every element of a tensor but the last few, takes 1: this is the latter.
    void backward(const Matrix<T>& x, const Matrix<T>&, const Matrix<T>& gradY,
                  Matrix<T>* gradX) override {
        if (!gradX)
            return;
        *gradX = gradY.binaryExpr(x, [](T g, T v) {
            if (v < T(-3))
                return T(0);
            return v < T(3) ? g * (v / T(3) + T(0.5)) : g;
        });
    }
};

}  // namespace linearlab::nn
