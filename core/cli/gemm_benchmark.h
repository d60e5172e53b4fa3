#pragma once
// The matrix products alone, on each kernel: the measurements behind
// nn::gemmKernel's rule (linearlab-bench --gemm) and the machine's limit each
// benchmark case is compared with.
#include "core/nn/gemm.h"

#include <string>

namespace linearlab::cli {

/// A product's shape: the result (m, n) and the inner size k.
struct GemmShape {
    nn::Index m = 0, n = 0, k = 0;
    /// "256x256x256"
    std::string text() const;
    double flops() const { return 2.0 * static_cast<double>(m) * n * k; }
};

/// GFLOP/s of `form` at `shape` on `kernel`, in float32 or float64: the best of
/// a few runs of about `seconds` / 5 each.
double gemmGflops(nn::GemmKernel kernel, nn::GemmForm form, const GemmShape& shape, bool float64,
                  double seconds);

/// linearlab-bench --gemm: one JSON line per form and shape, Eigen's rate,
/// OpenBLAS's and the kernel the rule picks.
void printGemmTable(double seconds);

}  // namespace linearlab::cli
