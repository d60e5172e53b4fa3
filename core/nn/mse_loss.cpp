#include "core/nn/mse_loss.h"

namespace linearlab::nn {

template <typename T>
T MSELoss<T>::forwardBackward(const Matrix<T>& output, const Matrix<T>& target,
                              Matrix<T>& gradOutput) {
    const T loss = forward(output, target);
    this->fitShape(gradOutput, output);
    // d/dx mean((x - t)^2) = (x - t) * 2/n; PyTorch forms 2/n in double, then rounds.
    const T norm = static_cast<T>(2.0 / static_cast<double>(output.size()));
    gradOutput.array() = (output.array() - target.array()) * norm;
    return loss;
}

template <typename T>
T MSELoss<T>::forward(const Matrix<T>& output, const Matrix<T>& target) {
    this->checkSameSizeRegression(output, target);
    if (output.size() == 0)
        return this->nan();
    return (output - target).squaredNorm() / static_cast<T>(output.size());
}

template class MSELoss<float>;
template class MSELoss<double>;

}  // namespace linearlab::nn
