#pragma once
#include "core/nn/activation.h"
#include "core/nn/python_format.h"

#include <cmath>

namespace linearlab::nn {

/// torch.nn.Softplus: y = log(1 + exp(beta x)) / beta, and y = x where beta x > threshold.
template <typename T>
class Softplus : public Activation<T> {
public:
    explicit Softplus(double beta = 1, double threshold = 20)
        : m_beta(beta), m_threshold(threshold) {}
    std::string typeName() const override { return "Softplus"; }
    double beta() const { return m_beta; }
    double threshold() const { return m_threshold; }
    void forward(const Matrix<T>& x, Matrix<T>& y) override {
        const T beta = T(m_beta), threshold = T(m_threshold);
        y = x.unaryExpr(
            [=](T v) { return v * beta > threshold ? v : std::log1p(std::exp(v * beta)) / beta; });
    }
    // dy/dx = sigmoid(beta x), and 1 above the threshold
    void backward(const Matrix<T>& x, const Matrix<T>&, const Matrix<T>& gradY,
                  Matrix<T>* gradX) override {
        if (!gradX)
            return;
        const T beta = T(m_beta), threshold = T(m_threshold);
        *gradX = x.binaryExpr(gradY, [=](T v, T g) {
            if (v * beta > threshold)
                return g;
            const T z = std::exp(v * beta);
            return g * z / (z + T(1));
        });
    }

protected:
    // PyTorch prints its defaults as the integers they are: Softplus(beta=1, threshold=20).
    std::string extraRepr() const override {
        return "beta=" + number(m_beta) + ", threshold=" + number(m_threshold);
    }

private:
    static std::string number(double v) {
        return v == std::floor(v) && std::abs(v) < 1e15 ? std::to_string(static_cast<long long>(v))
                                                        : pythonFloat(v);
    }
    double m_beta;
    double m_threshold;
};

}  // namespace linearlab::nn
