#pragma once
// linearlab-bench: training steps per second of the reference networks, one
// JSON line per case. scripts/bench_pytorch.py runs the same cases in PyTorch's
// eager mode and prints the same fields, so that scripts/bench_compare.sh can put
// the two side by side. With --weights it times the weight files instead: each
// format written, read back and inspected at a tensor count where a loader that
// is not linear in its input stands out (scripts/bench_weights.sh).
#include "core/cli/gemm_benchmark.h"

#include <functional>
#include <string>
#include <vector>

namespace linearlab::cli {

struct BenchmarkOptions {
    /// Measured time per case, split over `repeats` timed runs (after a warm-up).
    double seconds = 1.0;
    /// Timed runs per case; the median is reported.
    int repeats = 5;
    /// Only this case; empty for all.
    std::string caseName;
    /// Threads OpenBLAS's products may use (nn::setBlasThreads).
    int threads = 1;
};

/// One case's result. FLOPs count only the matrix products named in
/// `flopsCounted` (2 multiply-adds each); element-wise work is not counted.
struct BenchmarkResult {
    std::string name;
    long long batch = 0;
    double stepsPerSecond = 0;     ///< median over the timed runs
    double minStepsPerSecond = 0;  ///< slowest timed run: a noise indicator
    double maxStepsPerSecond = 0;  ///< fastest timed run
    double flopsPerStep = 0;
    std::string flopsCounted;
    long long steps = 0;  ///< steps taken in all timed runs together
    int repeats = 0;
    std::string dtype = "float32";
    int threads = 1;   ///< OpenBLAS's threads (nn::blasThreads)
    std::string blas;  ///< nn::blasDescription()
    /// The machine's limit: the case's largest product (y = x Aᵀ, result
    /// (m, n), inner k) alone on limitKernel, measured in the same run.
    GemmShape limitShape;
    std::string limitKernel;
    double limitGflops = 0;

    double samplesPerSecond() const { return stepsPerSecond * static_cast<double>(batch); }
    double gflops() const { return stepsPerSecond * flopsPerStep * 1e-9; }
    /// {"name": ..., "steps_per_s": ..., ...} on one line.
    std::string toJson() const;
};

/// The case names, in the order they run.
const std::vector<std::string>& benchmarkCaseNames();

/// Runs the selected cases on options.threads threads, telling `onResult` of
/// each as it finishes. Throws std::invalid_argument for an unknown case name.
std::vector<BenchmarkResult> runBenchmarks(
    const BenchmarkOptions& options,
    const std::function<void(const BenchmarkResult&)>& onResult = {});

struct WeightsBenchmarkOptions {
    /// Tensors in the state dict, each of shape [2], named "0.weight", "1.weight", ...
    long long tensors = 100000;
    /// Timed reads and inspections per format; the median is reported.
    int repeats = 3;
    /// Where the files are written and left; empty for a temporary directory
    /// removed afterwards.
    std::string directory;
    /// Only this format (a file extension: "safetensors", "pt", ...); empty for all.
    std::string format;
};

/// One format's figures, in seconds of wall-clock time.
struct WeightsBenchmarkResult {
    std::string format;  ///< the file extension
    long long tensors = 0;
    long long fileBytes = 0;
    double writeSeconds = 0;    ///< io::writeWeights, once
    double readSeconds = 0;     ///< io::readWeights, median over the timed runs
    double minReadSeconds = 0;  ///< fastest read
    double maxReadSeconds = 0;  ///< slowest read: a noise indicator
    double inspectSeconds = 0;  ///< `linearlab-cli inspect` in process, output discarded
    int repeats = 0;
    /// The first error (file I/O or a loader's): the other figures are then unset.
    std::string error;

    /// {"name": "weights_<format>", "write_s": ..., ...} on one line.
    std::string toJson() const;
};

/// The formats --weights times, in the order they run.
const std::vector<std::string>& weightsBenchmarkFormats();

/// Writes, reads and inspects the state dict in each selected format. A format
/// whose writer or reader fails gets its `error`, and the others still run.
/// Throws std::invalid_argument for an unknown format.
std::vector<WeightsBenchmarkResult> runWeightsBenchmarks(const WeightsBenchmarkOptions& options);

/// The whole program: "linearlab-bench [--seconds S] [--repeats R] [--case NAME]",
/// or "linearlab-bench --weights [--tensors N] [--repeats R] [--format EXT] [--dir D]".
/// Prints one JSON line per case or format as it finishes.
int runBenchmarkCli(int argc, char** argv);

}  // namespace linearlab::cli
