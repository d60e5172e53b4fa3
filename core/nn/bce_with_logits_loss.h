#pragma once
#include "core/nn/loss.h"

#include <vector>

namespace linearlab::nn {

/// torch.nn.BCEWithLogitsLoss: binary cross-entropy of sigmoid(output) against
/// targets in [0, 1], in PyTorch's stable form; with pos_weight p and weight w,
/// w [(1 - t) x + (1 + (p - 1) t) (log(e^-m + e^(-x-m)) + m)], m = max(-x, 0).
/// weight and pos_weight are 1-D and broadcast against the last dim, as torch's.
template <typename T>
class BCEWithLogitsLoss : public Loss<T> {
public:
    explicit BCEWithLogitsLoss(std::vector<double> weight = {}, std::vector<double> posWeight = {},
                               Reduction reduction = Reduction::Mean);
    std::string typeName() const override { return "BCEWithLogitsLoss"; }
    void checkOutputShape(Index rows, Index cols) const override;
    /// As checkOutputShape, with torch's messages for an output of any rank.
    void checkOutputShape(const Shape& shape) const;

protected:
    /// output, target: (N, C) -> loss; gradOutput, elements: (N, C). Throws
    /// std::invalid_argument in torch's words when the shapes differ or a weight of
    /// length other than 1 or C does not broadcast.
    T compute(const Matrix<T>& output, const Matrix<T>& target, Matrix<T>* gradOutput,
              Matrix<T>* elements) override;

private:
    /// `shape` (if given) is the output's, for the messages; cols is its last dim.
    void checkWeights(Index rows, Index cols, const Shape* shape) const;

    RowVector<T> m_weight;     // empty: None
    RowVector<T> m_posWeight;  // empty: None
};

extern template class BCEWithLogitsLoss<float>;
extern template class BCEWithLogitsLoss<double>;

}  // namespace linearlab::nn
