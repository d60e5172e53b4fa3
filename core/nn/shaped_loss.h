#pragma once
// torch.nn's losses on tensors of any shape, as a script calls them: MSELoss,
// L1Loss and HuberLoss broadcast the target against the output (with torch's
// UserWarning), BCEWithLogitsLoss takes a target of the output's size, and
// CrossEntropyLoss reads dim 1 of an (N, C, d1, ...) output as the classes, with
// class-index targets (N, d1, ...) or probability targets shaped like the output.
// Each case is reduced to the (rows, C) view every Loss computes on.
#include "core/nn/loss.h"

#include <string>
#include <vector>

namespace linearlab::nn {

/// A target as torch would hold it: its shape, its values in row-major order, and
/// its dtype as torch names it in messages ("Float", "Long", "Int", "Double").
template <typename T>
struct LossTarget {
    Shape shape;
    std::vector<T> values;
    std::string scalarType = "Float";
};

/// What loss(output, target) returns and what backward leaves.
template <typename T>
struct ShapedLossResult {
    Shape shape;            ///< the loss's shape: () under 'mean' and 'sum'
    std::vector<T> values;  ///< the loss, row-major
    /// d(sum of the loss)/d(output) (loss.backward(torch.ones_like(loss))), in the
    /// output's matrix view; empty unless asked for.
    Matrix<T> gradOutput;
    /// torch's UserWarning for a broadcast target, once; empty when there is none.
    std::string warning;
};

/// output: the matrix view (prod(shape[:-1]), shape[-1]) of a tensor of
/// outputShape (rank >= 1). Throws std::invalid_argument in torch's words for a
/// target it refuses.
template <typename T>
ShapedLossResult<T> shapedLoss(Loss<T>& loss, const Shape& outputShape, const Matrix<T>& output,
                               const LossTarget<T>& target, bool withGradient);

/// The shape two tensors broadcast to; throws torch's "The size of tensor a (3)
/// must match the size of tensor b (8) at non-singleton dimension 1".
Shape broadcastShapes(const Shape& a, const Shape& b);

extern template ShapedLossResult<float> shapedLoss<float>(Loss<float>&, const Shape&,
                                                          const Matrix<float>&,
                                                          const LossTarget<float>&, bool);
extern template ShapedLossResult<double> shapedLoss<double>(Loss<double>&, const Shape&,
                                                            const Matrix<double>&,
                                                            const LossTarget<double>&, bool);

}  // namespace linearlab::nn
