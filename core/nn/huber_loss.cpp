#include "core/nn/huber_loss.h"

#include <cmath>

namespace linearlab::nn {

template <typename T>
HuberLoss<T>::HuberLoss(double delta) : m_delta(delta) {
    if (!(delta > 0))
        throw std::invalid_argument("huber_loss does not support non-positive values for delta.");
}

template <typename T>
T HuberLoss<T>::forwardBackward(const Matrix<T>& output, const Matrix<T>& target,
                                Matrix<T>& gradOutput) {
    const T loss = forward(output, target);
    this->fitShape(gradOutput, output);
    // PyTorch's huber_backward kernel: clip(x - t, -delta, delta) / n, branch by branch.
    const T norm = static_cast<T>(1.0 / static_cast<double>(output.size()));
    const T delta = static_cast<T>(m_delta);
    gradOutput = output.binaryExpr(target, [=](T o, T t) {
        const T x = o - t;
        if (x <= -delta)
            return -norm * delta;
        if (x >= delta)
            return norm * delta;
        return norm * x;
    });
    return loss;
}

template <typename T>
T HuberLoss<T>::forward(const Matrix<T>& output, const Matrix<T>& target) {
    this->checkSameSizeRegression(output, target);
    if (output.size() == 0)
        return this->nan();
    const T delta = static_cast<T>(m_delta);
    const T sum =
        output
            .binaryExpr(target,
                        [=](T o, T t) {
                            const T z = std::abs(o - t);
                            return z < delta ? T(0.5) * z * z : delta * (z - T(0.5) * delta);
                        })
            .sum();
    return sum / static_cast<T>(output.size());
}

template class HuberLoss<float>;
template class HuberLoss<double>;

}  // namespace linearlab::nn
