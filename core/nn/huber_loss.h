#pragma once
#include "core/nn/loss.h"

namespace linearlab::nn {

/// torch.nn.HuberLoss: with z = |output - target|, 0.5 z^2 where z < delta and
/// delta (z - 0.5 delta) elsewhere; the mean over all N*C elements.
template <typename T>
class HuberLoss : public Loss<T> {
public:
    /// Throws std::invalid_argument for delta <= 0, as PyTorch's huber_loss does.
    explicit HuberLoss(double delta = 1.0);
    double delta() const { return m_delta; }
    std::string typeName() const override { return "HuberLoss"; }
    /// output, target: (N, C) -> mean loss; gradOutput: (N, C)
    T forwardBackward(const Matrix<T>& output, const Matrix<T>& target,
                      Matrix<T>& gradOutput) override;
    /// output, target: (N, C) -> mean loss
    T forward(const Matrix<T>& output, const Matrix<T>& target) override;

private:
    double m_delta;
};

extern template class HuberLoss<float>;
extern template class HuberLoss<double>;

}  // namespace linearlab::nn
