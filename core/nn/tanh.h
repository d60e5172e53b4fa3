#pragma once
#include "core/nn/activation.h"

namespace linearlab::nn {

/// torch.nn.Tanh: y = tanh(x)
template <typename T>
class Tanh : public Activation<T> {
public:
    std::string typeName() const override { return "Tanh"; }
    void forward(const Matrix<T>& x, Matrix<T>& y) override { y = x.array().tanh().matrix(); }
    // dy/dx = 1 - y^2
    void backward(const Matrix<T>&, const Matrix<T>& y, const Matrix<T>& gradY,
                  Matrix<T>* gradX) override {
        if (gradX)
            *gradX = (gradY.array() * (T(1) - y.array().square())).matrix();
    }
};

}  // namespace linearlab::nn
