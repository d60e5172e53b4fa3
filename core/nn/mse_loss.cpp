#include "core/nn/mse_loss.h"

namespace linearlab::nn {

namespace {

/// Sums in this many double lanes at once, so that the loop vectorises (a
/// single double accumulator would make every addition wait for the last).
constexpr int kLanes = 16;

}  // namespace

template <typename T>
T MSELoss<T>::gradientScale(Index n) const {
    // mse_loss_backward: (x - t) * 2/n ('mean') or * 2; 2/n formed in double, then rounded.
    return static_cast<T>(2.0 / this->norm(n));
}

template <typename T>
double MSELoss<T>::sumAndGradient(const Matrix<T>& output, const Matrix<T>& target,
                                  Matrix<T>& gradOutput) const {
    const T scale = gradientScale(output.size());
    const T* x = output.data();
    const T* t = target.data();
    T* g = gradOutput.data();
    const Index n = output.size();
    double lanes[kLanes] = {};
    Index i = 0;
    for (; i + kLanes <= n; i += kLanes)
        for (int j = 0; j < kLanes; ++j) {
            const T d = x[i + j] - t[i + j];
            g[i + j] = d * scale;
            lanes[j] += static_cast<double>(d * d);  // squared in T, summed in double
        }
    double sum = 0;
    for (; i < n; ++i) {
        const T d = x[i] - t[i];
        g[i] = d * scale;
        sum += static_cast<double>(d * d);
    }
    for (double lane : lanes)
        sum += lane;
    return sum;
}

template <typename T>
T MSELoss<T>::compute(const Matrix<T>& output, const Matrix<T>& target, Matrix<T>* gradOutput,
                      Matrix<T>* elements) {
    this->checkSameSizeRegression(output, target);
    if (gradOutput && !elements) {
        // The loss and its gradient in one pass over the difference, as the
        // training step takes both.
        this->fitShape(*gradOutput, output);
        return this->reduce(sumAndGradient(output, target, *gradOutput), output.size());
    }
    if (gradOutput) {
        this->fitShape(*gradOutput, output);
        gradOutput->array() = (output.array() - target.array()) * gradientScale(output.size());
    }
    if (elements) {
        this->fitShape(*elements, output);
        elements->array() = (output.array() - target.array()).square();
        return 0;
    }
    return this->reduce((output - target).array().square().template cast<double>().sum(),
                        output.size());
}

template class MSELoss<float>;
template class MSELoss<double>;

}  // namespace linearlab::nn
