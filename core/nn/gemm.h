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

/// y = x Aᵀ: x (m, k), a (n, k); y is resized to (m, n).
template <typename T>
void timesTransposed(const Matrix<T>& x, const Matrix<T>& a, Matrix<T>& y);

/// g += gyᵀ x: gy (k, m), x (k, n), g (m, n).
template <typename T>
void addTransposedTimes(const Matrix<T>& gy, const Matrix<T>& x, Matrix<T>& g);

/// out = gy a: gy (m, k), a (k, n); out is resized to (m, n).
template <typename T>
void times(const Matrix<T>& gy, const Matrix<T>& a, Matrix<T>& out);

/// The product of `form` on a given kernel, whatever gemmKernel says (Blas
/// without OpenBLAS runs Eigen's): what the measurements behind the rule and
/// the benchmark's machine limit time. `a` and `b` are the operands in the
/// order the functions above take them.
template <typename T>
void gemmOn(GemmKernel kernel, GemmForm form, const Matrix<T>& a, const Matrix<T>& b,
            Matrix<T>& out);

}  // namespace linearlab::nn
