#pragma once
#include "core/nn/loss.h"

namespace linearlab::nn {

/// torch.nn.L1Loss: |output - target| per element; their mean over all N*C
/// elements, their sum, or each ('none').
template <typename T>
class L1Loss : public Loss<T> {
public:
    explicit L1Loss(Reduction reduction = Reduction::Mean) : Loss<T>(reduction) {}
    std::string typeName() const override { return "L1Loss"; }

protected:
    /// output, target: (N, C) -> loss; gradOutput, elements: (N, C)
    T compute(const Matrix<T>& output, const Matrix<T>& target, Matrix<T>* gradOutput,
              Matrix<T>* elements) override;
};

extern template class L1Loss<float>;
extern template class L1Loss<double>;

}  // namespace linearlab::nn
