#include "core/nn/gemm.h"

#include "core/nn/blas.h"

#include <climits>

#ifdef LINEARLAB_HAVE_OPENBLAS
#include <cblas.h>
#endif

namespace linearlab::nn {

// The rule, from measurements of both kernels on every product of the
// benchmark cases and on square and thin shapes from 8 to 1024 (linearlab-bench
// --gemm repeats them). One thread to one, OpenBLAS's AVX-512 kernels are
// 15-100% faster than Eigen's in all three forms, down to 16³ multiply-adds,
// except in y = x Aᵀ with few rows, which OpenBLAS packs poorly (10 x 256 x 256:
// Eigen 97, OpenBLAS 62 GFLOP/s; 32 x 256 x 256: 146 and 136). OpenBLAS's AVX2
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
    if (form == GemmForm::TimesTransposed && m <= 32)
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

}  // namespace

template <typename T>
void gemmOn(GemmKernel kernel, GemmForm form, const Matrix<T>& a, const Matrix<T>& b,
            Matrix<T>& out) {
    // (m, n) = the result's shape, k = the inner size.
    const Index m = form == GemmForm::AddTransposedTimes ? a.cols() : a.rows();
    const Index n = form == GemmForm::TimesTransposed ? b.rows() : b.cols();
    const Index k = form == GemmForm::AddTransposedTimes ? a.rows() : a.cols();
    if (form != GemmForm::AddTransposedTimes)
        out.resize(m, n);
    if (emptyProduct(m, n, k)) {
        if (form != GemmForm::AddTransposedTimes)
            out.setZero();
        return;
    }
#ifdef LINEARLAB_HAVE_OPENBLAS
    if (kernel == GemmKernel::Blas) {
        switch (form) {
            case GemmForm::TimesTransposed:
                blasGemm(CblasNoTrans, CblasTrans, m, n, k, a.data(), k, b.data(), k, T(0),
                         out.data(), n);
                return;
            case GemmForm::AddTransposedTimes:
                blasGemm(CblasTrans, CblasNoTrans, m, n, k, a.data(), m, b.data(), n, T(1),
                         out.data(), n);
                return;
            case GemmForm::Times:
                blasGemm(CblasNoTrans, CblasNoTrans, m, n, k, a.data(), k, b.data(), n, T(0),
                         out.data(), n);
                return;
        }
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

template <typename T>
void timesTransposed(const Matrix<T>& x, const Matrix<T>& a, Matrix<T>& y) {
    gemmOn(gemmKernel(GemmForm::TimesTransposed, x.rows(), a.rows(), x.cols()),
           GemmForm::TimesTransposed, x, a, y);
}

template <typename T>
void addTransposedTimes(const Matrix<T>& gy, const Matrix<T>& x, Matrix<T>& g) {
    gemmOn(gemmKernel(GemmForm::AddTransposedTimes, gy.cols(), x.cols(), gy.rows()),
           GemmForm::AddTransposedTimes, gy, x, g);
}

template <typename T>
void times(const Matrix<T>& gy, const Matrix<T>& a, Matrix<T>& out) {
    gemmOn(gemmKernel(GemmForm::Times, gy.rows(), a.cols(), gy.cols()), GemmForm::Times, gy, a,
           out);
}

template void timesTransposed(const Matrix<float>&, const Matrix<float>&, Matrix<float>&);
template void timesTransposed(const Matrix<double>&, const Matrix<double>&, Matrix<double>&);
template void addTransposedTimes(const Matrix<float>&, const Matrix<float>&, Matrix<float>&);
template void addTransposedTimes(const Matrix<double>&, const Matrix<double>&, Matrix<double>&);
template void times(const Matrix<float>&, const Matrix<float>&, Matrix<float>&);
template void times(const Matrix<double>&, const Matrix<double>&, Matrix<double>&);
template void gemmOn(GemmKernel, GemmForm, const Matrix<float>&, const Matrix<float>&,
                     Matrix<float>&);
template void gemmOn(GemmKernel, GemmForm, const Matrix<double>&, const Matrix<double>&,
                     Matrix<double>&);

}  // namespace linearlab::nn
