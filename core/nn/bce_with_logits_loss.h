#pragma once
#include "core/nn/loss.h"

namespace linearlab::nn {

/// torch.nn.BCEWithLogitsLoss: binary cross-entropy of sigmoid(output) against
/// targets in [0, 1], in the stable form max(x, 0) - x t + log1p(exp(-|x|)); the mean
/// over all N*C elements.
template <typename T>
class BCEWithLogitsLoss : public Loss<T> {
public:
    std::string typeName() const override { return "BCEWithLogitsLoss"; }
    /// output, target: (N, C) -> mean loss; gradOutput: (N, C)
    T forwardBackward(const Matrix<T>& output, const Matrix<T>& target,
                      Matrix<T>& gradOutput) override;
    /// output, target: (N, C) -> mean loss
    T forward(const Matrix<T>& output, const Matrix<T>& target) override;
};

extern template class BCEWithLogitsLoss<float>;
extern template class BCEWithLogitsLoss<double>;

}  // namespace linearlab::nn
