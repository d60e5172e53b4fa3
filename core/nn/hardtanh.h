#pragma once
#include "core/nn/activation.h"
#include "core/nn/python_format.h"

#include <algorithm>

namespace linearlab::nn {

/// torch.nn.Hardtanh: y = min(max(x, min_val), max_val), computed by PyTorch as
/// at::clamp; ReLU6 is Hardtanh(0., 6.).
template <typename T>
class Hardtanh : public Activation<T> {
public:
    explicit Hardtanh(PythonNumber minVal = -1.0, PythonNumber maxVal = 1.0)
        : m_min(minVal), m_max(maxVal) {}
    std::string typeName() const override { return "Hardtanh"; }
    double minVal() const { return m_min.value; }
    double maxVal() const { return m_max.value; }
    void forward(const Matrix<T>& x, Matrix<T>& y) override {
        const T lo = T(m_min.value), hi = T(m_max.value);
        y = x.unaryExpr([=](T v) { return std::min(std::max(v, lo), hi); });
    }
    // dy/dx = 0 for x <= min_val or x >= max_val, 1 between (hardtanh_backward)
    void backward(const Matrix<T>& x, const Matrix<T>&, const Matrix<T>& gradY,
                  Matrix<T>* gradX) override {
        if (!gradX)
            return;
        const T lo = T(m_min.value), hi = T(m_max.value);
        *gradX = gradY.binaryExpr(x, [=](T g, T v) { return v <= lo || v >= hi ? T(0) : g; });
    }

protected:
    std::string extraRepr() const override {
        return "min_val=" + pythonNumber(m_min) + ", max_val=" + pythonNumber(m_max);
    }

private:
    PythonNumber m_min, m_max;
};

}  // namespace linearlab::nn
