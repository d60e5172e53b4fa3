#include "core/nn/bce_with_logits_loss.h"

#include <cmath>

namespace linearlab::nn {

template <typename T>
T BCEWithLogitsLoss<T>::forwardBackward(const Matrix<T>& output, const Matrix<T>& target,
                                        Matrix<T>& gradOutput) {
    const T loss = forward(output, target);
    this->fitShape(gradOutput, output);
    // d/dx = (sigmoid(x) - t) / n
    const T n = static_cast<T>(output.size());
    gradOutput =
        output.binaryExpr(target, [=](T x, T t) { return (T(1) / (T(1) + std::exp(-x)) - t) / n; });
    return loss;
}

template <typename T>
T BCEWithLogitsLoss<T>::forward(const Matrix<T>& output, const Matrix<T>& target) {
    if (output.rows() != target.rows() || output.cols() != target.cols())
        throw std::invalid_argument("Target size (" + this->sizeString(target) +
                                    ") must be the same as input size (" +
                                    this->sizeString(output) + ")");
    if (output.size() == 0)
        return this->nan();
    // -[t log s(x) + (1 - t) log(1 - s(x))] without overflow for any logit.
    const T sum =
        output
            .binaryExpr(target,
                        [](T x, T t) {
                            return std::max(x, T(0)) - x * t + std::log1p(std::exp(-std::abs(x)));
                        })
            .sum();
    return sum / static_cast<T>(output.size());
}

template class BCEWithLogitsLoss<float>;
template class BCEWithLogitsLoss<double>;

}  // namespace linearlab::nn
