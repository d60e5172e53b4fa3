#pragma once
#include "core/nn/activation.h"
#include "core/nn/elu_kernel.h"
#include "core/nn/python_format.h"

namespace linearlab::nn {

/// torch.nn.CELU: y = x for x > 0, alpha (exp(x / alpha) - 1) otherwise; PyTorch
/// computes it as at::elu(x, alpha, 1, 1 / alpha), the reciprocal taken in double.
template <typename T>
class CELU : public Activation<T> {
public:
    explicit CELU(PythonNumber alpha = 1.0)
        : m_alpha(alpha), m_c(alpha.value, 1.0, 1.0 / alpha.value) {}
    std::string typeName() const override { return "CELU"; }
    double alpha() const { return m_alpha.value; }
    void forward(const Matrix<T>& x, Matrix<T>& y) override { eluForward(m_c, x, y); }
    // dy/dx = exp(x / alpha) for x <= 0, 1 otherwise (elu_backward on the input)
    void backward(const Matrix<T>& x, const Matrix<T>&, const Matrix<T>& gradY,
                  Matrix<T>* gradX) override {
        if (gradX)
            eluBackward(m_c, x, gradY, *gradX);
    }

protected:
    std::string extraRepr() const override { return "alpha=" + pythonNumber(m_alpha); }

private:
    PythonNumber m_alpha;
    EluCoefficients<T> m_c;
};

}  // namespace linearlab::nn
