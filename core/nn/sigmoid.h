#pragma once
#include "core/nn/activation.h"

namespace linearlab::nn {

/// torch.nn.Sigmoid: y = 1 / (1 + exp(-x))
template <typename T>
class Sigmoid : public Activation<T> {
public:
    std::string typeName() const override { return "Sigmoid"; }
    void forward(const Matrix<T>& x, Matrix<T>& y) override {
        y = (T(1) / (T(1) + (-x.array()).exp())).matrix();
    }
    // dy/dx = y (1 - y)
    void backward(const Matrix<T>&, const Matrix<T>& y, const Matrix<T>& gradY,
                  Matrix<T>* gradX) override {
        if (gradX)
            *gradX = (gradY.array() * y.array() * (T(1) - y.array())).matrix();
    }
};

}  // namespace linearlab::nn
