#pragma once
// The three matrix products of Linear and Bilinear, row-major as PyTorch's
// tensors, each sent to the faster kernel for its shape: OpenBLAS's sgemm /
// dgemm or Eigen's. The choice is a fixed rule of the shape and the thread
// count (gemmKernel), so the same run gives the same numbers every time.
#include "core/nn/tensor.h"

namespace linearlab::nn {

enum class GemmKernel { Eigen, Blas };

/// The products, named by what the layers compute with them.
enum class GemmForm {
    TimesTransposed,     ///< y = x Aᵀ: a forward pass
    AddTransposedTimes,  ///< G += gYᵀ x: a weight gradient
    Times,               ///< gX = gY A: an input gradient
};

/// The kernel a product of `form` with result (m, n) and inner size k runs on.
GemmKernel gemmKernel(GemmForm form, Index m, Index n, Index k);
/// "blas" or "eigen", as the benchmark prints it.
const char* gemmKernelName(GemmKernel kernel);

/// A row-major operand without a copy: a Matrix, or a Map of other memory in
/// another shape (Bilinear's (out, in1·in2) weight as (out·in1, in2)).
template <typename T>
using ConstView = Eigen::Ref<const Matrix<T>>;
template <typename T>
using View = Eigen::Ref<Matrix<T>>;

// Overloads for float and double rather than templates, so that a Matrix or a
// Map converts to its view (a template could not deduce T through the Ref).

/// y = x Aᵀ: x (m, k), a (n, k); y is resized to (m, n).
void timesTransposed(ConstView<float> x, ConstView<float> a, Matrix<float>& y);
void timesTransposed(ConstView<double> x, ConstView<double> a, Matrix<double>& y);

/// g += gyᵀ x: gy (k, m), x (k, n), g (m, n).
void addTransposedTimes(ConstView<float> gy, ConstView<float> x, View<float> g);
void addTransposedTimes(ConstView<double> gy, ConstView<double> x, View<double> g);

/// out = gy a: gy (m, k), a (k, n); out is resized to (m, n).
void times(ConstView<float> gy, ConstView<float> a, Matrix<float>& out);
void times(ConstView<double> gy, ConstView<double> a, Matrix<double>& out);

/// The product of `form` on a given kernel, whatever gemmKernel says (Blas
/// without OpenBLAS runs Eigen's): what the measurements behind the rule and
/// the benchmark's machine limit time. `a` and `b` are the operands in the
/// order the functions above take them; `out` is resized except for
/// AddTransposedTimes, which adds to it.
void gemmOn(GemmKernel kernel, GemmForm form, ConstView<float> a, ConstView<float> b,
            Matrix<float>& out);
void gemmOn(GemmKernel kernel, GemmForm form, ConstView<double> a, ConstView<double> b,
            Matrix<double>& out);

}  // namespace linearlab::nn
