#pragma once
#include "core/nn/loss.h"

namespace linearlab::nn {

/// torch.nn.L1Loss: mean(|output - target|) over all N*C elements.
template <typename T>
class L1Loss : public Loss<T> {
public:
    std::string typeName() const override { return "L1Loss"; }
    /// output, target: (N, C) -> mean loss; gradOutput: (N, C)
    T forwardBackward(const Matrix<T>& output, const Matrix<T>& target,
                      Matrix<T>& gradOutput) override;
    /// output, target: (N, C) -> mean loss
    T forward(const Matrix<T>& output, const Matrix<T>& target) override;
};

extern template class L1Loss<float>;
extern template class L1Loss<double>;

}  // namespace linearlab::nn
