#include "core/cli/benchmark.h"

#include "core/cli/cli_support.h"
#include "core/cli/gemm_benchmark.h"
#include "core/nn/blas.h"

#include <iostream>
#include <stdexcept>
#include <string>

namespace linearlab::cli {

int runBenchmarkCli(int argc, char** argv) {
    const char* usage =
        "usage: linearlab-bench [--seconds S] [--repeats R] [--case NAME] [--threads N] [--list]\n"
        "       linearlab-bench --gemm [--seconds S] [--threads N]\n"
        "       linearlab-bench --weights [--tensors N] [--repeats R] [--format EXT] [--dir D]\n"
        "Prints one JSON line per case: training steps per second on N threads (default 1),\n"
        "and the case's largest product alone on OpenBLAS as the machine's limit.\n"
        "With --gemm, one line per product form and shape: Eigen's and OpenBLAS's GFLOP/s\n"
        "and the kernel LinearLab picks.\n"
        "With --weights, one line per weights format: seconds to write, read and inspect\n"
        "N tensors of shape [2] (default 100000), files in D (default: removed afterwards).\n";
    BenchmarkOptions options;
    WeightsBenchmarkOptions weights;
    bool weightsMode = false, gemmMode = false, repeatsGiven = false, trainingOption = false,
         weightsOption = false;
    int exitCode = 0;
    try {
        for (int i = 1; i < argc; ++i) {
            const std::string arg = argv[i];
            auto value = [&]() -> std::string {
                if (i + 1 >= argc)
                    throw std::invalid_argument(arg + " needs a value");
                return argv[++i];
            };
            if (arg == "--seconds") {
                options.seconds = std::stod(value());
                if (!(options.seconds > 0))
                    throw std::invalid_argument("--seconds must be positive");
                trainingOption = true;
            } else if (arg == "--repeats") {
                options.repeats = std::stoi(value());
                if (options.repeats < 1)
                    throw std::invalid_argument("--repeats must be at least 1");
                repeatsGiven = true;
            } else if (arg == "--case") {
                options.caseName = value();
                trainingOption = true;
            } else if (arg == "--threads") {
                options.threads = threadsOption(value());
            } else if (arg == "--gemm") {
                gemmMode = true;
            } else if (arg == "--weights") {
                weightsMode = true;
            } else if (arg == "--tensors") {
                weights.tensors = std::stoll(value());
                if (weights.tensors < 1)
                    throw std::invalid_argument("--tensors must be at least 1");
                weightsOption = true;
            } else if (arg == "--format") {
                weights.format = value();
                weightsOption = true;
            } else if (arg == "--dir") {
                weights.directory = value();
                weightsOption = true;
            } else if (arg == "--list") {
                for (const auto& n : benchmarkCaseNames())
                    std::cout << n << "\n";
                return 0;
            } else if (arg == "--help" || arg == "-h") {
                std::cout << usage;
                return 0;
            } else {
                throw std::invalid_argument("unknown option '" + arg + "'");
            }
        }
        if (weightsMode && trainingOption)
            throw std::invalid_argument("--seconds and --case time training steps, not --weights");
        if (!weightsMode && weightsOption)
            throw std::invalid_argument("--tensors, --format and --dir need --weights");
        if (gemmMode) {
            nn::setBlasThreads(options.threads);
            printGemmTable(options.seconds);
            return 0;
        }
        if (weightsMode) {
            if (repeatsGiven)
                weights.repeats = options.repeats;
            // One format at a time, so that each line appears as soon as it is measured.
            std::vector<std::string> formats{weights.format};
            if (weights.format.empty())
                formats = weightsBenchmarkFormats();
            for (const std::string& format : formats) {
                weights.format = format;
                for (const WeightsBenchmarkResult& r : runWeightsBenchmarks(weights)) {
                    std::cout << r.toJson() << std::endl;
                    if (!r.error.empty())
                        exitCode = 1;
                }
            }
            return exitCode;
        }
        runBenchmarks(options,
                      [](const BenchmarkResult& r) { std::cout << r.toJson() << std::endl; });
    } catch (const std::exception& e) {
        std::cerr << "linearlab-bench: " << e.what() << "\n" << usage;
        return 2;
    }
    return exitCode;
}

}  // namespace linearlab::cli
