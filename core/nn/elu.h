#pragma once
#include "core/nn/activation.h"
#include "core/nn/python_format.h"

#include <cmath>

namespace linearlab::nn {

/// torch.nn.ELU: y = x if x > 0 else alpha (exp(x) - 1)
template <typename T>
class ELU : public Activation<T> {
public:
    explicit ELU(PythonNumber alpha = 1.0) : m_alpha(alpha) {}
    std::string typeName() const override { return "ELU"; }
    double alpha() const { return m_alpha.value; }
    void forward(const Matrix<T>& x, Matrix<T>& y) override {
        const T alpha = T(m_alpha.value);
        // PyTorch's elu_kernel tests x <= 0, so x = 0 takes the exponential branch.
        y = x.unaryExpr([=](T v) { return v <= T(0) ? (std::exp(v) - T(1)) * alpha : v; });
    }
    // dy/dx = alpha exp(x) if x <= 0 else 1 (elu_backward on the input)
    void backward(const Matrix<T>& x, const Matrix<T>&, const Matrix<T>& gradY,
                  Matrix<T>* gradX) override {
        if (!gradX)
            return;
        const T alpha = T(m_alpha.value);
        *gradX =
            x.binaryExpr(gradY, [=](T v, T g) { return v <= T(0) ? g * alpha * std::exp(v) : g; });
    }

protected:
    std::string extraRepr() const override { return "alpha=" + pythonNumber(m_alpha); }

private:
    PythonNumber m_alpha;
};

}  // namespace linearlab::nn
