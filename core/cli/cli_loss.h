#pragma once
// The design's loss of a model output against a target array, as a PyTorch
// script computes loss_fn(output, torch.from_numpy(target)): for `eval --target`
// and `grad`.
#include "core/data/npy.h"
#include "core/nn/shaped_loss.h"
#include "core/train/design.h"

namespace linearlab::cli {

/// torch's name for the dtype torch.from_numpy gives the array: "Float", "Long".
std::string torchScalarType(const data::NpyArray& array);

/// The loss of `output` (the matrix view of outputShape) against `target`, with
/// the design's loss and reduction: 0-d under 'mean' and 'sum', per element under
/// 'none'. torch's UserWarning, if any, goes to stderr once. Errors are torch's,
/// prefixed by `targetName` (the target file).
/// In the output's dtype, as under torch.set_default_dtype.
template <typename T>
nn::ShapedLossResult<T> designLoss(const train::Design& design, const nn::Shape& outputShape,
                                   const nn::Matrix<T>& output, const data::NpyArray& target,
                                   const std::string& targetName, bool withGradient);

/// "loss 0.25" for a 0-d loss, "loss of shape [8, 1]" for a per-element one.
template <typename T>
std::string lossSummary(const nn::ShapedLossResult<T>& loss);

/// The loss as an array of its own dtype ("<f4" or "<f8") and shape.
template <typename T>
data::NpyArray lossArray(const nn::ShapedLossResult<T>& loss);

}  // namespace linearlab::cli
