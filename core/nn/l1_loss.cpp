#include "core/nn/l1_loss.h"

namespace linearlab::nn {

template <typename T>
T L1Loss<T>::forwardBackward(const Matrix<T>& output, const Matrix<T>& target,
                             Matrix<T>& gradOutput) {
    const T loss = forward(output, target);
    this->fitShape(gradOutput, output);
    // d/dx mean|x - t| = sgn(x - t) / n, with sgn(0) = 0 as autograd's abs backward.
    const T norm = T(1) / static_cast<T>(output.size());
    gradOutput.array() = (output.array() - target.array()).sign() * norm;
    return loss;
}

template <typename T>
T L1Loss<T>::forward(const Matrix<T>& output, const Matrix<T>& target) {
    this->checkSameSizeRegression(output, target);
    if (output.size() == 0)
        return this->nan();
    return (output - target).cwiseAbs().sum() / static_cast<T>(output.size());
}

template class L1Loss<float>;
template class L1Loss<double>;

}  // namespace linearlab::nn
