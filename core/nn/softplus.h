#pragma once
#include "core/nn/activation.h"
#include "core/nn/python_format.h"

#include <cmath>

namespace linearlab::nn {

/// torch.nn.Softplus: y = log(1 + exp(beta x)) / beta, and y = x where beta x > threshold.
template <typename T>
class Softplus : public Activation<T> {
public:
    // torch.nn.Softplus(beta: int = 1, threshold: int = 20): the defaults are ints.
    explicit Softplus(PythonNumber beta = 1, PythonNumber threshold = 20)
        : m_beta(beta), m_threshold(threshold) {}
    std::string typeName() const override { return "Softplus"; }
    double beta() const { return m_beta.value; }
    double threshold() const { return m_threshold.value; }
    void forward(const Matrix<T>& x, Matrix<T>& y) override {
        const T beta = T(m_beta.value), threshold = T(m_threshold.value);
        y = x.unaryExpr(
            [=](T v) { return v * beta > threshold ? v : std::log1p(std::exp(v * beta)) / beta; });
    }
    // dy/dx = sigmoid(beta x), and 1 above the threshold
    void backward(const Matrix<T>& x, const Matrix<T>&, const Matrix<T>& gradY,
                  Matrix<T>* gradX) override {
        if (!gradX)
            return;
        const T beta = T(m_beta.value), threshold = T(m_threshold.value);
        *gradX = x.binaryExpr(gradY, [=](T v, T g) {
            if (v * beta > threshold)
                return g;
            const T z = std::exp(v * beta);
            return g * z / (z + T(1));
        });
    }

protected:
    std::string extraRepr() const override {
        return "beta=" + pythonNumber(m_beta) + ", threshold=" + pythonNumber(m_threshold);
    }

private:
    PythonNumber m_beta;
    PythonNumber m_threshold;
};

}  // namespace linearlab::nn
