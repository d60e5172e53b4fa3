#include "core/nn/mse_loss.h"

namespace linearlab::nn {

template <typename T>
T MSELoss<T>::compute(const Matrix<T>& output, const Matrix<T>& target, Matrix<T>* gradOutput,
                      Matrix<T>* elements) {
    this->checkSameSizeRegression(output, target);
    if (gradOutput) {
        this->fitShape(*gradOutput, output);
        // mse_loss_backward: (x - t) * 2/n ('mean') or * 2; 2/n formed in double, then rounded.
        const T norm = static_cast<T>(2.0 / this->norm(output.size()));
        gradOutput->array() = (output.array() - target.array()) * norm;
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
