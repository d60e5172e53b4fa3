#pragma once
#include "core/nn/loss.h"

namespace linearlab::nn {

/// torch.nn.MSELoss: mean((output - target)^2) over all N*C elements.
template <typename T>
class MSELoss : public Loss<T> {
public:
    std::string typeName() const override { return "MSELoss"; }
    /// output, target: (N, C) -> mean loss; gradOutput: (N, C)
    T forwardBackward(const Matrix<T>& output, const Matrix<T>& target,
                      Matrix<T>& gradOutput) override;
    /// output, target: (N, C) -> mean loss
    T forward(const Matrix<T>& output, const Matrix<T>& target) override;
};

extern template class MSELoss<float>;
extern template class MSELoss<double>;

}  // namespace linearlab::nn
