#pragma once
#include "core/nn/activation.h"

namespace linearlab::nn {

/// torch.nn.ReLU: y = max(0, x)
template <typename T>
class ReLU : public Activation<T> {
public:
    std::string typeName() const override { return "ReLU"; }
    void forward(const Matrix<T>& x, Matrix<T>& y) override { y = x.cwiseMax(T(0)); }
    // dy/dx = 1 if y > 0 else 0 (PyTorch's threshold_backward on the result)
    void backward(const Matrix<T>&, const Matrix<T>& y, const Matrix<T>& gradY,
                  Matrix<T>* gradX) override {
        if (gradX)
            *gradX = (y.array() > T(0)).select(gradY, T(0));
    }
};

}  // namespace linearlab::nn
