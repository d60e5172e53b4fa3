#pragma once
#include "core/nn/loss.h"

namespace linearlab::nn {

/// torch.nn.CrossEntropyLoss on class indices: log_softmax over C (max-subtracted,
/// as PyTorch computes it) then nll_loss, averaged over the N rows whose target is not
/// ignore_index (-100, PyTorch's default).
template <typename T>
class CrossEntropyLoss : public Loss<T> {
public:
    static constexpr long long kIgnoreIndex = -100;

    std::string typeName() const override { return "CrossEntropyLoss"; }
    bool classification() const override { return true; }
    /// output: (N, C) logits, target: (N, 1) class indices in [0, C) -> mean loss;
    /// gradOutput: (N, C). Throws std::invalid_argument ("Target 5 is out of bounds.").
    T forwardBackward(const Matrix<T>& output, const Matrix<T>& target,
                      Matrix<T>& gradOutput) override;
    /// output: (N, C), target: (N, 1) -> mean loss
    T forward(const Matrix<T>& output, const Matrix<T>& target) override;

private:
    /// Validates shapes and every index; returns the number of rows that count.
    Index checkTargets(const Matrix<T>& output, const Matrix<T>& target) const;
    /// log(sum(exp(x - max))) and max of one row, as PyTorch's log_softmax kernel.
    static void rowStats(const Matrix<T>& output, Index row, T& max, T& logSum);
};

extern template class CrossEntropyLoss<float>;
extern template class CrossEntropyLoss<double>;

}  // namespace linearlab::nn
