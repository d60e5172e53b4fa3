// The three products of Linear and Bilinear give Eigen's values on either
// kernel (within float rounding: the kernels sum in different orders), handle
// empty dimensions as a sum over nothing, allocate nothing once their output
// has its shape, and follow the documented rule for which kernel runs.
#include "core/nn/blas.h"
#include "core/nn/gemm.h"

#include <QtTest>

// Counts heap allocations, Eigen's malloc included.
#include "tests/core/nn/allocation_counter.h"

using namespace linearlab;
using nn::GemmForm;
using nn::GemmKernel;
using nn::Index;
using nn::Matrix;

Q_DECLARE_METATYPE(linearlab::nn::GemmForm)

namespace {

/// The reference: Eigen's expression for `form` on (a, b), written out.
Matrix<float> reference(GemmForm form, const Matrix<float>& a, const Matrix<float>& b,
                        const Matrix<float>& accumulated) {
    switch (form) {
        case GemmForm::TimesTransposed:
            return a * b.transpose();
        case GemmForm::AddTransposedTimes:
            return accumulated + a.transpose() * b;
        case GemmForm::Times:
            return a * b;
    }
    return {};
}

/// Operands for a product with result (m, n) and inner size k, as the layers hold them.
std::pair<Matrix<float>, Matrix<float>> operands(GemmForm form, Index m, Index n, Index k) {
    switch (form) {
        case GemmForm::TimesTransposed:
            return {Matrix<float>::Random(m, k), Matrix<float>::Random(n, k)};
        case GemmForm::AddTransposedTimes:
            return {Matrix<float>::Random(k, m), Matrix<float>::Random(k, n)};
        case GemmForm::Times:
            return {Matrix<float>::Random(m, k), Matrix<float>::Random(k, n)};
    }
    return {};
}

}  // namespace

class TestGemm : public QObject {
    Q_OBJECT

private slots:
    void bothKernelsGiveTheProduct_data() {
        QTest::addColumn<GemmForm>("form");
        QTest::addColumn<int>("m");
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("k");
        const struct {
            const char* name;
            GemmForm form;
        } forms[] = {{"x At", GemmForm::TimesTransposed},
                     {"gYt x", GemmForm::AddTransposedTimes},
                     {"gY A", GemmForm::Times}};
        for (const auto& f : forms)
            for (const auto& [m, n, k] : {std::array<int, 3>{128, 40, 20},
                                          {256, 10, 256},
                                          {3, 5, 7},
                                          {1, 1, 1},
                                          {64, 2, 300}})
                QTest::addRow("%s %dx%dx%d", f.name, m, n, k) << f.form << m << n << k;
    }
    void bothKernelsGiveTheProduct() {
        QFETCH(GemmForm, form);
        QFETCH(int, m);
        QFETCH(int, n);
        QFETCH(int, k);
        const auto [a, b] = operands(form, m, n, k);
        const Matrix<float> start = Matrix<float>::Random(m, n);
        const Matrix<float> expected = reference(form, a, b, start);
        for (GemmKernel kernel : {GemmKernel::Eigen, GemmKernel::Blas}) {
            Matrix<float> out = start;
            nn::gemmOn(kernel, form, a, b, out);
            QCOMPARE(out.rows(), Index(m));
            QCOMPARE(out.cols(), Index(n));
            // k products of values in [-1, 1], summed in another order.
            QVERIFY2((out - expected).cwiseAbs().maxCoeff() <= 1e-6f * static_cast<float>(k),
                     nn::gemmKernelName(kernel));
        }
        // And the function the layers call, whichever kernel the rule picks.
        Matrix<float> out = start;
        if (form == GemmForm::TimesTransposed)
            nn::timesTransposed(a, b, out);
        else if (form == GemmForm::AddTransposedTimes)
            nn::addTransposedTimes(a, b, out);
        else
            nn::times(a, b, out);
        QVERIFY((out - expected).cwiseAbs().maxCoeff() <= 1e-6f * static_cast<float>(k));
    }

    void float64TooOnBothKernels() {
        const Matrix<double> x = Matrix<double>::Random(300, 70),
                             a = Matrix<double>::Random(50, 70);
        const Matrix<double> expected = x * a.transpose();
        for (GemmKernel kernel : {GemmKernel::Eigen, GemmKernel::Blas}) {
            Matrix<double> y;
            nn::gemmOn(kernel, GemmForm::TimesTransposed, x, a, y);
            QVERIFY((y - expected).cwiseAbs().maxCoeff() <= 1e-13);
        }
    }

    // An empty inner size sums nothing: zeros, and a gradient left as it was.
    void emptyDimensions() {
        for (GemmKernel kernel : {GemmKernel::Eigen, GemmKernel::Blas}) {
            Matrix<float> y = Matrix<float>::Constant(2, 2, 7);
            nn::gemmOn(kernel, GemmForm::TimesTransposed, Matrix<float>(4, 0), Matrix<float>(3, 0),
                       y);
            QCOMPARE(y, Matrix<float>(Matrix<float>::Zero(4, 3)));
            Matrix<float> g = Matrix<float>::Constant(3, 2, 7);
            nn::gemmOn(kernel, GemmForm::AddTransposedTimes, Matrix<float>(0, 3),
                       Matrix<float>(0, 2), g);
            QCOMPARE(g, Matrix<float>(Matrix<float>::Constant(3, 2, 7)));
            Matrix<float> dx;
            nn::gemmOn(kernel, GemmForm::Times, Matrix<float>(0, 5), Matrix<float>(5, 3), dx);
            QCOMPARE(dx.rows(), Index(0));
            QCOMPARE(dx.cols(), Index(3));
        }
    }

    void productsDoNotAllocate() {
        const Matrix<float> x = Matrix<float>::Random(256, 256),
                            a = Matrix<float>::Random(256, 256);
        Matrix<float> y(256, 256), g = Matrix<float>::Zero(256, 256), dx(256, 256);
        for (int warm = 0; warm < 2; ++warm) {
            nn::timesTransposed(x, a, y);
            nn::addTransposedTimes(x, a, g);
            nn::times(x, a, dx);
        }
        linearlab::test::AllocationCounter counter;
        for (GemmKernel kernel : {GemmKernel::Eigen, GemmKernel::Blas}) {
            nn::gemmOn(kernel, GemmForm::TimesTransposed, x, a, y);
            nn::gemmOn(kernel, GemmForm::AddTransposedTimes, x, a, g);
            nn::gemmOn(kernel, GemmForm::Times, x, a, dx);
        }
        QCOMPARE(counter.stop(), 0L);
    }

    void theRule() {
        if (!nn::haveBlas()) {
            // Without OpenBLAS every product is Eigen's, and one thread is all there is.
            QCOMPARE(nn::gemmKernel(GemmForm::Times, 1024, 1024, 1024), GemmKernel::Eigen);
            nn::setBlasThreads(4);
            QCOMPARE(nn::blasThreads(), 1);
            QCOMPARE(QString::fromStdString(nn::blasDescription()),
                     QString("none (Eigen's kernels only)"));
            return;
        }
        QVERIFY(QString::fromStdString(nn::blasDescription()).startsWith("OpenBLAS "));
        nn::setBlasThreads(1);
        // Tiny products stay on Eigen: a BLAS call's fixed cost would show.
        QCOMPARE(nn::gemmKernel(GemmForm::Times, 8, 8, 8), GemmKernel::Eigen);
        // With the threads only OpenBLAS uses, large products go to it.
        nn::setBlasThreads(2);
        QCOMPARE(nn::blasThreads(), 2);
        QCOMPARE(nn::gemmKernel(GemmForm::TimesTransposed, 16, 1024, 1024), GemmKernel::Blas);
        QCOMPARE(nn::gemmKernel(GemmForm::AddTransposedTimes, 64, 64, 64),
                 nn::blasKernelsAsWideAsEigen() ? GemmKernel::Blas : GemmKernel::Eigen);
        nn::setBlasThreads(1);
        if (nn::blasKernelsAsWideAsEigen()) {
            QCOMPARE(nn::gemmKernel(GemmForm::TimesTransposed, 256, 256, 256), GemmKernel::Blas);
            QCOMPARE(nn::gemmKernel(GemmForm::AddTransposedTimes, 10, 256, 256), GemmKernel::Blas);
            // y = x Aᵀ with few rows, and any result of a few long rows: OpenBLAS
            // packs them poorly.
            QCOMPARE(nn::gemmKernel(GemmForm::TimesTransposed, 10, 256, 256), GemmKernel::Eigen);
            QCOMPARE(nn::gemmKernel(GemmForm::AddTransposedTimes, 16, 1024, 256),
                     GemmKernel::Eigen);
        } else {
            // OpenBLAS on narrower vectors than Eigen's: Eigen keeps one thread's products.
            QCOMPARE(nn::gemmKernel(GemmForm::TimesTransposed, 1024, 1024, 1024),
                     GemmKernel::Eigen);
        }
    }
};

QTEST_APPLESS_MAIN(TestGemm)
#include "tst_gemm.moc"
