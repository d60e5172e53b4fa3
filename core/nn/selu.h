#pragma once
#include "core/nn/activation.h"
#include "core/nn/elu_kernel.h"

namespace linearlab::nn {

/// torch.nn.SELU: y = scale x for x > 0, scale alpha (exp(x) - 1) otherwise, with
/// PyTorch's alpha = 1.6732632423543772 and scale = 1.0507009873554805 (at::elu).
template <typename T>
class SELU : public Activation<T> {
public:
    std::string typeName() const override { return "SELU"; }
    void forward(const Matrix<T>& x, Matrix<T>& y) override { eluForward(m_c, x, y); }
    // dy/dx = scale alpha exp(x) for x <= 0, scale otherwise (elu_backward on the input)
    void backward(const Matrix<T>& x, const Matrix<T>&, const Matrix<T>& gradY,
                  Matrix<T>* gradX) override {
        if (gradX)
            eluBackward(m_c, x, gradY, *gradX);
    }

private:
    EluCoefficients<T> m_c{1.6732632423543772848170429916717, 1.0507009873554804934193349852946,
                           1.0};
};

}  // namespace linearlab::nn
