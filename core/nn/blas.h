#pragma once
// The BLAS LinearLab links (OpenBLAS, when the build found it; see
// LINEARLAB_BLAS): whether it is there, what it calls itself, and how many
// threads its products may use. Without it every product runs on Eigen's
// kernels and the thread count is 1.
#include <string>

namespace linearlab::nn {

/// True when large products may go to OpenBLAS (gemm.h decides which do).
bool haveBlas();

/// "OpenBLAS 0.3.21 (SkylakeX kernels)", or "none (Eigen's kernels only)".
std::string blasDescription();

/// False when OpenBLAS runs narrower vectors than Eigen was built for: AVX2
/// kernels ("Haswell", e.g. from OPENBLAS_CORETYPE) on a CPU with AVX-512,
/// where Eigen's own kernels are faster one thread to one.
bool blasKernelsAsWideAsEigen();

/// The threads OpenBLAS's products may use (at least 1); Eigen's products
/// always run on the calling thread. Call between products, not during one
/// (the GUI sets it on the training thread before a run).
void setBlasThreads(int threads);
int blasThreads();

/// The threads a program uses by default: the machine's cores, less
/// `reserved` (the GUI thread's), at least 1.
int defaultThreads(int reserved = 0);

}  // namespace linearlab::nn
