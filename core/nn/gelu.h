#pragma once
#include "core/nn/activation.h"

#include <cmath>
#include <string>

namespace linearlab::nn {

/// torch.nn.GELU(approximate='none'): y = x Phi(x) = x/2 (1 + erf(x / sqrt(2)));
/// approximate='tanh': y = x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))).
/// Both follow GeluKernelImpl's operation order, so float32 rounds as PyTorch's does.
template <typename T>
class GELU : public Activation<T> {
public:
    explicit GELU(std::string approximate = "none") : m_tanh(approximate == "tanh") {}
    std::string typeName() const override { return "GELU"; }
    std::string approximate() const { return m_tanh ? "tanh" : "none"; }
    void forward(const Matrix<T>& x, Matrix<T>& y) override {
        if (m_tanh) {
            y = x.unaryExpr([](T v) {
                const T inner = kBeta * (v + kKappa * (v * v * v));
                return T(0.5) * v * (T(1) + std::tanh(inner));
            });
            return;
        }
        y = x.unaryExpr([](T v) { return v * T(0.5) * (T(1) + std::erf(v * T(M_SQRT1_2))); });
    }
    // none: dy/dx = Phi(x) + x phi(x), phi the standard normal density;
    // tanh: dy/dx = (1 + t)/2 + x/2 (1 - t^2) sqrt(2/pi) (1 + 3 0.044715 x^2), t the tanh
    void backward(const Matrix<T>& x, const Matrix<T>&, const Matrix<T>& gradY,
                  Matrix<T>* gradX) override {
        if (!gradX)
            return;
        if (m_tanh) {
            *gradX = x.binaryExpr(gradY, [](T v, T g) {
                const T sq = v * v;
                const T t = std::tanh(kBeta * (v + kKappa * (v * v * v)));
                const T left = T(0.5) * v, right = T(1) + t;
                const T innerDerivative = kBeta * (T(1) + T(3) * kKappa * sq);
                return g * (T(0.5) * right + left * (T(1) - t * t) * innerDerivative);
            });
            return;
        }
        *gradX = x.binaryExpr(gradY, [](T v, T g) {
            const T cdf = T(0.5) * (T(1) + std::erf(v * T(M_SQRT1_2)));
            const T pdf = std::exp(T(-0.5) * v * v) * T(0.5 * M_2_SQRTPI * M_SQRT1_2);
            return g * (cdf + v * pdf);
        });
    }

protected:
    std::string extraRepr() const override { return "approximate='" + approximate() + "'"; }

private:
    // sqrt(2/pi) and the cubic's coefficient, rounded to T from double as PyTorch does.
    static constexpr T kBeta = T(M_SQRT2 * M_2_SQRTPI * 0.5);
    static constexpr T kKappa = T(0.044715);
    bool m_tanh;
};

}  // namespace linearlab::nn
