#pragma once
#include "core/nn/module.h"

namespace linearlab::nn {

/// torch.nn.Identity: passes its input through; takes any shape, has no parameters.
template <typename T>
class Identity : public Module<T> {
public:
    std::string typeName() const override { return "Identity"; }
    std::string repr() const override { return "Identity()"; }
    Shape outputShape(const Shape& input) const override { return input; }
    /// x: (N, H) -> y = x
    void forward(const Matrix<T>& x, Matrix<T>& y) override { y = x; }
    /// dx = dy
    void backward(const Matrix<T>&, const Matrix<T>&, const Matrix<T>& gradY,
                  Matrix<T>* gradX) override {
        if (gradX)
            *gradX = gradY;
    }
};

}  // namespace linearlab::nn
