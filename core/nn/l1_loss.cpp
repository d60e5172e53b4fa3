#include "core/nn/l1_loss.h"

namespace linearlab::nn {

template <typename T>
T L1Loss<T>::compute(const Matrix<T>& output, const Matrix<T>& target, Matrix<T>* gradOutput,
                     Matrix<T>* elements) {
    this->checkSameSizeRegression(output, target);
    if (gradOutput) {
        this->fitShape(*gradOutput, output);
        // d/dx |x - t| = sgn(x - t), sgn(0) = 0 as autograd's abs backward; mean's
        // backward divides the incoming 1 by n in T.
        const T norm = T(1) / static_cast<T>(this->norm(output.size()));
        gradOutput->array() = (output.array() - target.array()).sign() * norm;
    }
    if (elements) {
        this->fitShape(*elements, output);
        elements->array() = (output.array() - target.array()).abs();
        return 0;
    }
    return this->reduce((output - target).cwiseAbs().template cast<double>().sum(), output.size());
}

template class L1Loss<float>;
template class L1Loss<double>;

}  // namespace linearlab::nn
