#pragma once
// What the explainer writes: the product's shapes, and the one sum it writes out, y[n, j] = Σᵢ x[n,
// i]·A[j, i] + b[j] (Bilinear: Σᵢⱼ x1[n, i]·A[k, i, j]·x2[n, j] + b[k]), its factors the engine's
// numbers as PyTorch prints each indexed element (x[3, 5]) and its total the engine's y, never a
// value recomputed here. With more than kAllTerms terms only the largest are written, and the rest
// as one sum that says how many it holds.
#include "core/nn/tensor.h"

#include <QString>

#include <optional>

namespace linearlab::ui {

/// At most this many terms are written one by one (all of them for in <= 8).
constexpr int kAllTerms = 8;

/// How the sum names its tensors: PyTorch's y = xAᵀ + b, or the seed
/// tutorial's output = input * W + b with W = Aᵀ.
enum class SumNotation { PyTorch, Tutorial };

/// The product's shapes in PyTorch's words, for a weight of shape (out, in) or
/// (out, in1, in2) and a batch of n rows: "(16, 20) @ (20, 40) + (40,) → (16, 40)";
/// the tutorial's "input (16, 20) * W (20, 40) + b (40,) = output (16, 40)"; a
/// Bilinear's "(16, 2), (8, 2, 2), (16, 2) + (8,) → (16, 8)".
QString productShapes(const nn::Shape& weight, nn::Index n, bool bias,
                      SumNotation notation = SumNotation::PyTorch);

/// y[n, j] for a Linear: `x` is row n of the input (in values), `a` row j of
/// the stored weight A (out, in), `y` the engine's output y[n, j].
QString linearSumText(int n, int j, const float* x, const float* a, nn::Index in,
                      std::optional<float> bias, float y,
                      SumNotation notation = SumNotation::PyTorch);

/// y[n, k] for a Bilinear: `x1` (in1) and `x2` (in2) are row n of its inputs,
/// `a` slice k of the weight, (in1, in2) row-major.
QString bilinearSumText(int n, int k, const float* x1, nn::Index in1, const float* x2,
                        nn::Index in2, const float* a, std::optional<float> bias, float y);

}  // namespace linearlab::ui
