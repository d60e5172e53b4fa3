#include "core/nn/blas.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <thread>

#ifdef LINEARLAB_HAVE_OPENBLAS
#include <cblas.h>
#endif

namespace linearlab::nn {

namespace {

std::atomic<int> g_threads{1};

#ifdef LINEARLAB_HAVE_OPENBLAS
// OpenBLAS picks its kernels for the CPU when it is loaded. Debian 12's
// OpenBLAS (0.3.21) predates AMD's AVX-512 cores (Zen 4) and gives them its
// AVX2 "Haswell" kernels, about 30% slower than its "SkylakeX" ones, which run
// on any CPU with AVX-512 F/BW/DQ/VL/CD. The choice is read from
// OPENBLAS_CORETYPE in OpenBLAS's own constructor, before main() and before
// any constructor of ours; only .preinit_array functions of the executable run
// earlier. A user's own OPENBLAS_CORETYPE is left alone.
void chooseOpenBlasKernels(int, char**, char**) {
    if (std::getenv("OPENBLAS_CORETYPE"))
        return;
    __builtin_cpu_init();
    const bool avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                        __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl") &&
                        __builtin_cpu_supports("avx512cd");
    if (avx512 && __builtin_cpu_is("amd"))
        setenv("OPENBLAS_CORETYPE", "SkylakeX", 0);
}

// Only an executable's .preinit_array runs; this object is linked into every
// LinearLab executable through linearlab_nn.
[[gnu::section(".preinit_array"),
  gnu::used]] void (*const g_chooseKernels)(int, char**, char**) = chooseOpenBlasKernels;

// OpenBLAS starts with one thread per core; LinearLab asks for what it wants.
const bool g_singleThreaded = [] {
    openblas_set_num_threads(1);
    return true;
}();
#endif

}  // namespace

bool haveBlas() {
#ifdef LINEARLAB_HAVE_OPENBLAS
    return true;
#else
    return false;
#endif
}

std::string blasDescription() {
#ifdef LINEARLAB_HAVE_OPENBLAS
    // openblas_get_config(): "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH ..."
    std::string config = openblas_get_config();
    std::string version = config.substr(0, config.find(' ', config.find(' ') + 1));
    return version + " (" + openblas_get_corename() + " kernels)";
#else
    return "none (Eigen's kernels only)";
#endif
}

bool blasKernelsAsWideAsEigen() {
#ifdef LINEARLAB_HAVE_OPENBLAS
    static const bool wide = [] {
#ifdef __AVX512F__
        const std::string core = openblas_get_corename();
        return core == "SkylakeX" || core == "Cooperlake" || core == "SapphireRapids";
#else
        return true;  // Eigen's widest here is AVX2, as OpenBLAS's Haswell kernels
#endif
    }();
    return wide;
#else
    return false;
#endif
}

void setBlasThreads(int threads) {
    threads = std::max(1, threads);
#ifdef LINEARLAB_HAVE_OPENBLAS
    if (threads != g_threads.load())
        openblas_set_num_threads(threads);
    g_threads = threads;
#else
    (void)threads;
#endif
}

int blasThreads() {
    return g_threads.load();
}

int defaultThreads(int reserved) {
    const int cores = static_cast<int>(std::thread::hardware_concurrency());
    return std::max(1, cores - reserved);
}

}  // namespace linearlab::nn
