#pragma once
#include "core/nn/activation.h"
#include "core/nn/python_format.h"

namespace linearlab::nn {

/// torch.nn.LeakyReLU: y = x if x > 0 else negative_slope * x
template <typename T>
class LeakyReLU : public Activation<T> {
public:
    explicit LeakyReLU(PythonNumber negative_slope = 0.01) : m_slope(negative_slope) {}
    std::string typeName() const override { return "LeakyReLU"; }
    double negativeSlope() const { return m_slope.value; }
    void forward(const Matrix<T>& x, Matrix<T>& y) override {
        y = (x.array() > T(0)).select(x, x * T(m_slope.value));
    }
    // dy/dx = 1 if x > 0 else negative_slope
    void backward(const Matrix<T>& x, const Matrix<T>&, const Matrix<T>& gradY,
                  Matrix<T>* gradX) override {
        if (gradX)
            *gradX = (x.array() > T(0)).select(gradY, gradY * T(m_slope.value));
    }

protected:
    std::string extraRepr() const override { return "negative_slope=" + pythonNumber(m_slope); }

private:
    PythonNumber m_slope;
};

}  // namespace linearlab::nn
