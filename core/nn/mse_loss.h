#pragma once
#include "core/nn/loss.h"

namespace linearlab::nn {

/// torch.nn.MSELoss: (output - target)^2 per element; their mean over all N*C
/// elements, their sum, or each ('none').
template <typename T>
class MSELoss : public Loss<T> {
public:
    explicit MSELoss(Reduction reduction = Reduction::Mean) : Loss<T>(reduction) {}
    std::string typeName() const override { return "MSELoss"; }

protected:
    /// output, target: (N, C) -> loss; gradOutput, elements: (N, C)
    T compute(const Matrix<T>& output, const Matrix<T>& target, Matrix<T>* gradOutput,
              Matrix<T>* elements) override;

private:
    T gradientScale(Index n) const;
    /// Σ (x - t)² over every element, writing the gradient as it goes.
    double sumAndGradient(const Matrix<T>& output, const Matrix<T>& target,
                          Matrix<T>& gradOutput) const;
};

extern template class MSELoss<float>;
extern template class MSELoss<double>;

}  // namespace linearlab::nn
