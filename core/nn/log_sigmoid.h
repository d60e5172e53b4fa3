#pragma once
#include "core/nn/activation.h"

#include <algorithm>
#include <cmath>

namespace linearlab::nn {

/// torch.nn.LogSigmoid: y = log(1 / (1 + exp(-x))) = min(x, 0) - log1p(exp(-|x|))
template <typename T>
class LogSigmoid : public Activation<T> {
public:
    std::string typeName() const override { return "LogSigmoid"; }
    void forward(const Matrix<T>& x, Matrix<T>& y) override {
        y = x.unaryExpr([](T v) { return std::min(v, T(0)) - std::log1p(std::exp(-std::abs(v))); });
    }
    // dy/dx = 1 - sigmoid(x), from b = exp(-|x|) as log_sigmoid_backward has it:
    // (1 - b / (1 + b)) for x < 0, b / (1 + b) otherwise.
    void backward(const Matrix<T>& x, const Matrix<T>&, const Matrix<T>& gradY,
                  Matrix<T>* gradX) override {
        if (!gradX)
            return;
        *gradX = gradY.binaryExpr(x, [](T g, T v) {
            const T b = std::exp(-std::abs(v));
            const bool negative = v < T(0);
            const T maxDeriv = negative ? T(1) : T(0);
            const T sign = negative ? T(1) : -T(1);
            return (maxDeriv - sign * (b / (T(1) + b))) * g;
        });
    }
};

}  // namespace linearlab::nn
