#include "core/nn/cross_entropy_loss.h"

#include <cmath>

namespace linearlab::nn {

template <typename T>
Index CrossEntropyLoss<T>::checkTargets(const Matrix<T>& output, const Matrix<T>& target) const {
    if (target.rows() != output.rows())
        throw std::invalid_argument("Expected input batch_size (" + std::to_string(output.rows()) +
                                    ") to match target batch_size (" +
                                    std::to_string(target.rows()) + ").");
    if (target.cols() != 1)
        throw std::invalid_argument("CrossEntropyLoss expects class indices of size (" +
                                    torchSizeString({output.rows(), 1}) +
                                    "), got a target of size (" + this->sizeString(target) + ")");
    Index counted = 0;
    for (Index n = 0; n < target.rows(); ++n) {
        const T v = target(n, 0);
        if (!(std::isfinite(v) && std::floor(v) == v))
            throw std::invalid_argument("Target " + std::to_string(static_cast<double>(v)) +
                                        " is not a class index.");
        const auto index = static_cast<long long>(v);
        if (index == kIgnoreIndex)
            continue;
        if (index < 0 || index >= output.cols())
            throw std::invalid_argument("Target " + std::to_string(index) + " is out of bounds.");
        ++counted;
    }
    return counted;
}

template <typename T>
void CrossEntropyLoss<T>::rowStats(const Matrix<T>& output, Index row, T& max, T& logSum) {
    max = output.row(row).maxCoeff();
    logSum = std::log((output.row(row).array() - max).exp().sum());
}

template <typename T>
T CrossEntropyLoss<T>::forwardBackward(const Matrix<T>& output, const Matrix<T>& target,
                                       Matrix<T>& gradOutput) {
    const Index counted = checkTargets(output, target);
    this->fitShape(gradOutput, output);
    // nll_loss's gradient is -1/count at each target; log_softmax's backward turns a
    // row g into g - softmax * sum(g), i.e. softmax/count minus 1/count at the target.
    const T weight = T(1) / static_cast<T>(counted);
    T sum = 0;
    for (Index n = 0; n < output.rows(); ++n) {
        const auto index = static_cast<long long>(target(n, 0));
        if (index == kIgnoreIndex) {
            gradOutput.row(n).setZero();
            continue;
        }
        T max, logSum;
        rowStats(output, n, max, logSum);
        // (x - max) - log(sum) in that order, as PyTorch keeps it for large logits.
        gradOutput.row(n).array() = (output.row(n).array() - max) - logSum;
        sum -= gradOutput(n, index);
        gradOutput.row(n).array() = gradOutput.row(n).array().exp() * weight;
        gradOutput(n, index) -= weight;
    }
    return counted == 0 ? this->nan() : sum / static_cast<T>(counted);
}

template <typename T>
T CrossEntropyLoss<T>::forward(const Matrix<T>& output, const Matrix<T>& target) {
    const Index counted = checkTargets(output, target);
    if (counted == 0)
        return this->nan();
    T sum = 0;
    for (Index n = 0; n < output.rows(); ++n) {
        const auto index = static_cast<long long>(target(n, 0));
        if (index == kIgnoreIndex)
            continue;
        T max, logSum;
        rowStats(output, n, max, logSum);
        sum -= (output(n, index) - max) - logSum;
    }
    return sum / static_cast<T>(counted);
}

template class CrossEntropyLoss<float>;
template class CrossEntropyLoss<double>;

}  // namespace linearlab::nn
