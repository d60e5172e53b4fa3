#include "core/nn/huber_loss.h"

#include "core/nn/loss_table.h"

#include <cmath>

namespace linearlab::nn {

template <typename T>
HuberLoss<T>::HuberLoss(double delta, Reduction reduction) : Loss<T>(reduction), m_delta(delta) {
    if (const std::string problem = lossValueProblem(LossKeyword::delta, delta); !problem.empty())
        throw std::invalid_argument(problem);
}

template <typename T>
T HuberLoss<T>::compute(const Matrix<T>& output, const Matrix<T>& target, Matrix<T>* gradOutput,
                        Matrix<T>* elements) {
    this->checkSameSizeRegression(output, target);
    const T delta = static_cast<T>(m_delta);
    if (gradOutput) {
        this->fitShape(*gradOutput, output);
        // PyTorch's huber_backward kernel: clip(x - t, -delta, delta) * norm, branch by
        // branch, norm = 1/n for 'mean' (in double, then rounded) and 1 otherwise.
        const T norm = static_cast<T>(1.0 / this->norm(output.size()));
        *gradOutput = output.binaryExpr(target, [=](T o, T t) {
            const T x = o - t;
            if (x <= -delta)
                return -norm * delta;
            if (x >= delta)
                return norm * delta;
            return norm * x;
        });
    }
    const auto elementLoss = [=](T o, T t) {
        const T z = std::abs(o - t);
        return z < delta ? T(0.5) * z * z : delta * (z - T(0.5) * delta);
    };
    if (elements) {
        this->fitShape(*elements, output);
        *elements = output.binaryExpr(target, elementLoss);
        return 0;
    }
    return this->reduce(output.binaryExpr(target, elementLoss).template cast<double>().sum(),
                        output.size());
}

template class HuberLoss<float>;
template class HuberLoss<double>;

}  // namespace linearlab::nn
