#include "core/cli/gemm_benchmark.h"

#include "core/cli/benchmark_support.h"
#include "core/nn/blas.h"

#include <iostream>

namespace linearlab::cli {

using namespace bench;
using nn::GemmForm;
using nn::GemmKernel;
using nn::Index;

std::string GemmShape::text() const {
    return std::to_string(m) + "x" + std::to_string(n) + "x" + std::to_string(k);
}

namespace {

// Volatile, so that no product is dead code.
volatile double g_gemmSink = 0;

template <typename T>
double rate(GemmKernel kernel, GemmForm form, const GemmShape& s, double seconds) {
    // The operands as the layers hold them (see gemm.h): for y = x Aᵀ, x (m, k)
    // and A (n, k); for G += gYᵀ x, gY (k, m) and x (k, n); for gY A, (m, k), (k, n).
    const Index aRows = form == GemmForm::AddTransposedTimes ? s.k : s.m;
    const Index aCols = form == GemmForm::AddTransposedTimes ? s.m : s.k;
    const Index bRows = form == GemmForm::TimesTransposed ? s.n : s.k;
    const Index bCols = form == GemmForm::TimesTransposed ? s.k : s.n;
    const nn::Matrix<T> a = nn::Matrix<T>::Random(aRows, aCols);
    const nn::Matrix<T> b = nn::Matrix<T>::Random(bRows, bCols);
    nn::Matrix<T> out = nn::Matrix<T>::Zero(s.m, s.n);
    nn::gemmOn(kernel, form, a, b, out);  // warm: OpenBLAS's buffers, caches
    double best = 0;
    for (int run = 0; run < 5; ++run) {
        long long count = 0;
        const auto start = Clock::now();
        double elapsed = 0;
        do {
            nn::gemmOn(kernel, form, a, b, out);
            ++count;
            elapsed = secondsSince(start);
        } while (elapsed < seconds / 5);
        best = std::max(best, s.flops() * static_cast<double>(count) / elapsed * 1e-9);
    }
    g_gemmSink = g_gemmSink + static_cast<double>(out(0, 0));
    return best;
}

const char* formName(GemmForm form) {
    switch (form) {
        case GemmForm::TimesTransposed:
            return "x_At";
        case GemmForm::AddTransposedTimes:
            return "gYt_x";
        case GemmForm::Times:
            return "gY_A";
    }
    return "";
}

}  // namespace

double gemmGflops(GemmKernel kernel, GemmForm form, const GemmShape& shape, bool float64,
                  double seconds) {
    return float64 ? rate<double>(kernel, form, shape, seconds)
                   : rate<float>(kernel, form, shape, seconds);
}

void printGemmTable(double seconds) {
    // Every product of the benchmark cases, then square and thin shapes around
    // the rule's edges.
    const GemmShape shapes[] = {
        {128, 40, 20},   {40, 20, 128},   {128, 20, 40},      {256, 256, 64},  {256, 256, 256},
        {256, 10, 256},  {256, 64, 256},  {10, 256, 256},     {256, 256, 10},  {256, 16, 1024},
        {16, 1024, 256}, {256, 1024, 16}, {1024, 1024, 1024}, {8, 8, 8},       {16, 16, 16},
        {32, 32, 32},    {64, 64, 64},    {128, 128, 128},    {512, 512, 512}, {256, 2, 256},
        {256, 4, 256},   {64, 2, 2},      {128, 8, 2},        {16, 256, 256},  {32, 256, 256},
    };
    for (GemmForm form : {GemmForm::TimesTransposed, GemmForm::AddTransposedTimes, GemmForm::Times})
        for (const GemmShape& s : shapes) {
            const double eigen = gemmGflops(GemmKernel::Eigen, form, s, false, seconds);
            const double blas =
                nn::haveBlas() ? gemmGflops(GemmKernel::Blas, form, s, false, seconds) : 0;
            std::cout << "{\"name\": "
                      << jsonString(std::string("gemm_") + formName(form) + "_" + s.text())
                      << ", \"eigen_gflops\": " << jsonNumber(eigen)
                      << ", \"blas_gflops\": " << jsonNumber(blas) << ", \"chosen\": "
                      << jsonString(nn::gemmKernelName(nn::gemmKernel(form, s.m, s.n, s.k)))
                      << ", \"threads\": " << nn::blasThreads() << "}" << std::endl;
        }
}

}  // namespace linearlab::cli
