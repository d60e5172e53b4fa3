#pragma once
#include "core/nn/loss.h"

namespace linearlab::nn {

/// torch.nn.HuberLoss: with z = |output - target|, 0.5 z^2 where z < delta and
/// delta (z - 0.5 delta) elsewhere; their mean over all N*C elements, their sum, or
/// each ('none').
template <typename T>
class HuberLoss : public Loss<T> {
public:
    /// Throws std::invalid_argument for delta <= 0, as PyTorch's huber_loss does.
    explicit HuberLoss(double delta = 1.0, Reduction reduction = Reduction::Mean);
    double delta() const { return m_delta; }
    std::string typeName() const override { return "HuberLoss"; }

protected:
    /// output, target: (N, C) -> loss; gradOutput, elements: (N, C)
    T compute(const Matrix<T>& output, const Matrix<T>& target, Matrix<T>* gradOutput,
              Matrix<T>* elements) override;

private:
    double m_delta;
};

extern template class HuberLoss<float>;
extern template class HuberLoss<double>;

}  // namespace linearlab::nn
