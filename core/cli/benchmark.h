#pragma once
// linearlab-bench: training steps per second of the reference networks, one
// JSON line per case. scripts/bench_pytorch.py runs the same cases in PyTorch's
// eager mode and prints the same fields, so that scripts/bench_compare.sh can put
// the two side by side.
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

    double samplesPerSecond() const { return stepsPerSecond * static_cast<double>(batch); }
    double gflops() const { return stepsPerSecond * flopsPerStep * 1e-9; }
    /// {"name": ..., "steps_per_s": ..., ...} on one line.
    std::string toJson() const;
};

/// The case names, in the order they run.
const std::vector<std::string>& benchmarkCaseNames();

/// Runs the selected cases single-threaded. Throws std::invalid_argument for an
/// unknown case name.
std::vector<BenchmarkResult> runBenchmarks(const BenchmarkOptions& options);

/// The whole program: "linearlab-bench [--seconds S] [--repeats R] [--case NAME]".
/// Prints one JSON line per case as it finishes.
int runBenchmarkCli(int argc, char** argv);

}  // namespace linearlab::cli
