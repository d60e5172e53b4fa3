#include "core/nn/gemm.h"

#include "core/nn/blas.h"

#include <climits>
#include <utility>

#ifdef LINEARLAB_HAVE_OPENBLAS
#include <cblas.h>
#endif

namespace linearlab::nn {

// The rule, from measurements of both kernels on every product of the
// benchmark cases and on square and thin shapes from 8 to 1024 (linearlab-bench
// --gemm repeats them). One thread to one, OpenBLAS's AVX-512 kernels are
// 15-100% faster than Eigen's in all three forms, down to 16³ multiply-adds,
// except in y = x Aᵀ with few rows, which OpenBLAS packs poorly (10 x 256 x 256:
// Eigen 97, OpenBLAS 62 GFLOP/s; 32 x 256 x 256: 146 and 136), and in any form
// whose result is a few long rows (16 x 1024 x 256, a Bilinear weight's
// gradient: Eigen 124, OpenBLAS 96). OpenBLAS's AVX2
// kernels are 25-45% slower than Eigen's AVX-512 ones, so with those Eigen keeps
// every single-threaded product. Only OpenBLAS uses more threads than one,
// which pays from about 128³ up. And gY A up to 100³ stays on Eigen whatever
// the speed: OpenBLAS 0.3.21's small-matrix path for that form (row-major, no
// transpose) mallocs a buffer on every call, and a training step allocates
// nothing (tests/core/nn/tst_gemm.cpp checks the shapes of the test designs).
GemmKernel gemmKernel(GemmForm form, Index m, Index n, Index k) {
    if (!haveBlas() || m > INT_MAX || n > INT_MAX || k > INT_MAX)
        return GemmKernel::Eigen;
    const double work = static_cast<double>(m) * static_cast<double>(n) * static_cast<double>(k);
    if (blasThreads() > 1 && work > 128.0 * 128 * 128)
        return GemmKernel::Blas;
    if (!blasKernelsAsWideAsEigen() || work < 16.0 * 16 * 16)
        return GemmKernel::Eigen;
    if ((form == GemmForm::TimesTransposed && m <= 32) || (m <= 16 && n >= 512))
        return GemmKernel::Eigen;
    if (form == GemmForm::Times && work <= 100.0 * 100 * 100)
        return GemmKernel::Eigen;
    return GemmKernel::Blas;
}

const char* gemmKernelName(GemmKernel kernel) {
    return kernel == GemmKernel::Blas ? "blas" : "eigen";
}

namespace {

#ifdef LINEARLAB_HAVE_OPENBLAS
// Row-major C = alpha op(A) op(B) + beta C, in the type's own gemm.
void blasGemm(CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, Index m, Index n, Index k, const float* a,
              Index lda, const float* b, Index ldb, float beta, float* c, Index ldc) {
    cblas_sgemm(CblasRowMajor, ta, tb, static_cast<int>(m), static_cast<int>(n),
                static_cast<int>(k), 1.0f, a, static_cast<int>(lda), b, static_cast<int>(ldb), beta,
                c, static_cast<int>(ldc));
}

void blasGemm(CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, Index m, Index n, Index k, const double* a,
              Index lda, const double* b, Index ldb, double beta, double* c, Index ldc) {
    cblas_dgemm(CblasRowMajor, ta, tb, static_cast<int>(m), static_cast<int>(n),
                static_cast<int>(k), 1.0, a, static_cast<int>(lda), b, static_cast<int>(ldb), beta,
                c, static_cast<int>(ldc));
}
#endif

/// An empty inner dimension: every sum is empty (BLAS may leave C untouched).
bool emptyProduct(Index m, Index n, Index k) {
    return m == 0 || n == 0 || k == 0;
}

/// The product into `out`, an (m, n) row-major block with row stride `ldo`.
template <typename T>
void run(GemmKernel kernel, GemmForm form, ConstView<T> a, ConstView<T> b, View<T> out) {
    // (m, n) = the result's shape, k = the inner size.
    const Index m = out.rows(), n = out.cols();
    const Index k = form == GemmForm::AddTransposedTimes ? a.rows() : a.cols();
    if (emptyProduct(m, n, k)) {
        if (form != GemmForm::AddTransposedTimes)
            out.setZero();
        return;
    }
#ifdef LINEARLAB_HAVE_OPENBLAS
    if (kernel == GemmKernel::Blas) {
        const CBLAS_TRANSPOSE ta = form == GemmForm::AddTransposedTimes ? CblasTrans : CblasNoTrans;
        const CBLAS_TRANSPOSE tb = form == GemmForm::TimesTransposed ? CblasTrans : CblasNoTrans;
        const T beta = form == GemmForm::AddTransposedTimes ? T(1) : T(0);
        blasGemm(ta, tb, m, n, k, a.data(), a.outerStride(), b.data(), b.outerStride(), beta,
                 out.data(), out.outerStride());
        return;
    }
#else
    (void)kernel;
#endif
    switch (form) {
        case GemmForm::TimesTransposed:
            out.noalias() = a * b.transpose();
            return;
        case GemmForm::AddTransposedTimes:
            out.noalias() += a.transpose() * b;
            return;
        case GemmForm::Times:
            out.noalias() = a * b;
            return;
    }
}

/// The result's shape of `form` on (a, b).
template <typename T>
std::pair<Index, Index> resultShape(GemmForm form, ConstView<T> a, ConstView<T> b) {
    const Index m = form == GemmForm::AddTransposedTimes ? a.cols() : a.rows();
    const Index n = form == GemmForm::TimesTransposed ? b.rows() : b.cols();
    return {m, n};
}

template <typename T>
void gemmOnT(GemmKernel kernel, GemmForm form, ConstView<T> a, ConstView<T> b, Matrix<T>& out) {
    const auto [m, n] = resultShape<T>(form, a, b);
    if (form != GemmForm::AddTransposedTimes)
        out.resize(m, n);
    run<T>(kernel, form, a, b, out);
}

/// The product on the kernel the rule picks for its shape.
template <typename T>
void onChosenKernel(GemmForm form, ConstView<T> a, ConstView<T> b, View<T> out) {
    const Index k = form == GemmForm::AddTransposedTimes ? a.rows() : a.cols();
    run<T>(gemmKernel(form, out.rows(), out.cols(), k), form, a, b, out);
}

}  // namespace

void timesTransposed(ConstView<float> x, ConstView<float> a, Matrix<float>& y) {
    y.resize(x.rows(), a.rows());
    onChosenKernel<float>(GemmForm::TimesTransposed, x, a, y);
}
void timesTransposed(ConstView<double> x, ConstView<double> a, Matrix<double>& y) {
    y.resize(x.rows(), a.rows());
    onChosenKernel<double>(GemmForm::TimesTransposed, x, a, y);
}

void addTransposedTimes(ConstView<float> gy, ConstView<float> x, View<float> g) {
    onChosenKernel<float>(GemmForm::AddTransposedTimes, gy, x, g);
}
void addTransposedTimes(ConstView<double> gy, ConstView<double> x, View<double> g) {
    onChosenKernel<double>(GemmForm::AddTransposedTimes, gy, x, g);
}

void times(ConstView<float> gy, ConstView<float> a, Matrix<float>& out) {
    out.resize(gy.rows(), a.cols());
    onChosenKernel<float>(GemmForm::Times, gy, a, out);
}
void times(ConstView<double> gy, ConstView<double> a, Matrix<double>& out) {
    out.resize(gy.rows(), a.cols());
    onChosenKernel<double>(GemmForm::Times, gy, a, out);
}

void gemmOn(GemmKernel kernel, GemmForm form, ConstView<float> a, ConstView<float> b,
            Matrix<float>& out) {
    gemmOnT<float>(kernel, form, a, b, out);
}
void gemmOn(GemmKernel kernel, GemmForm form, ConstView<double> a, ConstView<double> b,
            Matrix<double>& out) {
    gemmOnT<double>(kernel, form, a, b, out);
}

}  // namespace linearlab::nn
