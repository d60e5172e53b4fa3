#include "core/cli/benchmark.h"

#include "core/cli/benchmark_support.h"
#include "core/cli/gemm_benchmark.h"
#include "core/data/synthetic_datasets.h"
#include "core/nn/bilinear.h"
#include "core/nn/blas.h"
#include "core/nn/dtype.h"
#include "core/nn/generator.h"
#include "core/nn/loss_factory.h"
#include "core/nn/network.h"
#include "core/nn/optimizer_factory.h"
#include "core/train/design.h"
#include "core/train/trainer.h"

#include <Eigen/Core>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iostream>
#include <stdexcept>
#include <streambuf>
#include <type_traits>

namespace linearlab::cli {

namespace {

using nn::Index;
using nn::Matrix;
using namespace bench;

// Losses are summed here so that no step's result is dead code.
volatile double g_sink = 0;

/// Warm-up (the first steps size every workspace), then `repeats` timed runs of a
/// fixed step count chosen so that each lasts about seconds / repeats.
template <typename Step>
BenchmarkResult measure(const BenchmarkOptions& options, BenchmarkResult r, Step&& step) {
    const int repeats = std::max(1, options.repeats);
    const double perRun = std::max(options.seconds, 1e-3) / repeats;

    // Warm up for a fifth of a run and at least 3 steps (unless one step already
    // outlasts a timed run), which also estimates the step time.
    long long warm = 0;
    const auto warmStart = Clock::now();
    for (;;) {
        step();
        ++warm;
        const double elapsed = secondsSince(warmStart);
        if (elapsed >= perRun / 5 && (warm >= 3 || elapsed >= perRun))
            break;
    }
    const double stepTime = secondsSince(warmStart) / static_cast<double>(warm);
    const long long stepsPerRun =
        std::max(1LL, static_cast<long long>(std::ceil(perRun / stepTime)));

    std::vector<double> rates;
    for (int k = 0; k < repeats; ++k) {
        const auto start = Clock::now();
        for (long long i = 0; i < stepsPerRun; ++i)
            step();
        rates.push_back(static_cast<double>(stepsPerRun) / secondsSince(start));
    }
    r.stepsPerSecond = median(rates);
    r.minStepsPerSecond = *std::min_element(rates.begin(), rates.end());
    r.maxStepsPerSecond = *std::max_element(rates.begin(), rates.end());
    r.steps = stepsPerRun * repeats;
    r.repeats = repeats;
    return r;
}

template <typename T = float>
Matrix<T> randomMatrix(Index rows, Index cols, nn::Generator& gen) {
    Matrix<T> m(rows, cols);
    for (Index i = 0; i < m.size(); ++i)
        m.data()[i] = static_cast<T>(gen.normalDouble());
    return m;
}

/// Class indices 0 .. classes-1 as CrossEntropyLoss's (N, 1) target.
template <typename T = float>
Matrix<T> randomClasses(Index rows, Index classes, nn::Generator& gen) {
    Matrix<T> m(rows, 1);
    for (Index i = 0; i < rows; ++i)
        m(i, 0) = std::floor(gen.uniformFloat(0, static_cast<float>(classes)));
    return m;
}

nn::LayerSpec linearSpec(Index in, Index out) {
    nn::LayerSpec s;
    s.type = "Linear";
    s.in_features = in;
    s.out_features = out;
    return s;
}

nn::LayerSpec reluSpec() {
    nn::LayerSpec s;
    s.type = "ReLU";
    return s;
}

template <typename T>
std::vector<nn::Parameter<T>*> parametersOf(nn::Network<T>& net) {
    std::vector<nn::Parameter<T>*> params;
    for (auto& p : net.namedParameters())
        params.push_back(p.parameter);
    return params;
}

nn::OptimizerOptions sgd(double lr) {
    nn::OptimizerOptions o;
    o.type = "SGD";
    o.lr = lr;
    return o;
}

/// optimizer.zero_grad(); loss = criterion(net(x), y); loss.backward(); optimizer.step().
/// The input does not require grad, so the first layer's dX is skipped, as autograd does.
template <typename T = float>
BenchmarkResult trainNetwork(const BenchmarkOptions& options, BenchmarkResult r, Index inputs,
                             std::vector<nn::LayerSpec> layers, const std::string& lossType,
                             const nn::OptimizerOptions& optimizerOptions,
                             const Matrix<T>& target) {
    nn::Generator gen(0);
    nn::Network<T> net(inputs, std::move(layers), nn::InitSpec{}, gen);
    auto loss = nn::makeLoss<T>(lossType);
    auto optimizer = nn::makeOptimizer<T>(optimizerOptions, parametersOf(net));
    const Matrix<T> x = randomMatrix<T>(r.batch, inputs, gen);
    Matrix<T> gradOutput;
    return measure(options, std::move(r), [&] {
        optimizer->zeroGrad();
        const Matrix<T>& out = net.forward(x);
        g_sink = g_sink + loss->forwardBackward(out, target, gradOutput);
        net.backward(gradOutput);
        optimizer->step();
    });
}

BenchmarkResult seedLinear(const BenchmarkOptions& options) {
    const Index n = 128, in = 20, out = 40;
    BenchmarkResult r;
    r.name = "seed_linear_20x40";
    r.batch = n;
    r.limitShape = {n, out, in};
    r.flopsPerStep = 2.0 * 2 * n * in * out;
    r.flopsCounted = "fwd+dW";
    nn::Generator gen(1);
    return trainNetwork(options, r, in, {linearSpec(in, out)}, "MSELoss", sgd(0.01),
                        randomMatrix(n, out, gen));
}

BenchmarkResult trainerSeedLinear(const BenchmarkOptions& options) {
    // The seed example exactly as the CLI and the GUI train it (teacher data,
    // shuffled batches of 128), at lr 0.01 and without a validation split, so the
    // difference to seed_linear_20x40 is the loop: batch copy, finite checks, backup.
    train::Design design = train::seedExampleDesign();
    design.optimizer.lr = 0.01;
    design.train.epochs = 0;
    design.data.validation_split = 0;
    const Index n = design.batch.size, in = design.inputFeatures,
                out = design.layers[0].out_features;
    train::Trainer<float> trainer(design, data::makeSyntheticDataset<float>(design.data.synthetic));
    BenchmarkResult r;
    r.name = "trainer_seed_linear_20x40";
    r.batch = n;
    r.limitShape = {n, out, in};
    r.flopsPerStep = 2.0 * 2 * n * in * out;
    r.flopsCounted = "fwd+dW";
    return measure(options, std::move(r), [&] {
        if (!trainer.trainStep())
            throw std::runtime_error("trainer_seed_linear_20x40: " + trainer.failure());
        g_sink = g_sink + trainer.trainLoss();
    });
}

/// (b): the three layers' products dominate; float64 as torch.set_default_dtype.
template <typename T>
BenchmarkResult mlpOf(const BenchmarkOptions& options, const char* name) {
    const Index n = 256, in = 64, h = 256, classes = 10;
    BenchmarkResult r;
    r.name = name;
    r.dtype = nn::dtypeName(std::is_same_v<T, double> ? nn::DType::Float64 : nn::DType::Float32);
    r.batch = n;
    r.limitShape = {h, h, h};
    // Forward and dW of all three layers; dX of the second and third only.
    const double fwd = 2.0 * n * (in * h + h * h + h * classes);
    r.flopsPerStep = 2 * fwd + 2.0 * n * (h * h + h * classes);
    r.flopsCounted = "fwd+dW+dX(layers 2,3)";
    nn::OptimizerOptions adam;
    adam.type = "Adam";
    nn::Generator gen(1);
    return trainNetwork<T>(
        options, r, in,
        {linearSpec(in, h), reluSpec(), linearSpec(h, h), reluSpec(), linearSpec(h, classes)},
        "CrossEntropyLoss", adam, randomClasses<T>(n, classes, gen));
}

BenchmarkResult mlp(const BenchmarkOptions& options) {
    return mlpOf<float>(options, "mlp_64_256_256_10");
}

BenchmarkResult mlpFloat64(const BenchmarkOptions& options) {
    return mlpOf<double>(options, "mlp_64_256_256_10_float64");
}

BenchmarkResult bilinear(const BenchmarkOptions& options) {
    const Index n = 256, in1 = 32, in2 = 32, out = 16;
    BenchmarkResult r;
    r.name = "bilinear_32_32_16";
    r.batch = n;
    r.limitShape = {n, out, in1 * in2};
    r.flopsPerStep = 2.0 * 2 * n * in1 * in2 * out;
    r.flopsCounted = "fwd+dW";
    // Two distinct inputs, as m(x1, x2) in PyTorch; neither requires grad.
    nn::Generator gen(0);
    nn::Bilinear<float> layer(nn::BilinearOptions(in1, in2, out), gen);
    std::vector<nn::Parameter<float>*> params{&layer.weight(), &layer.bias()};
    auto loss = nn::makeLoss<float>("MSELoss");
    auto optimizer = nn::makeOptimizer<float>(sgd(0.01), params);
    const Matrix<float> x1 = randomMatrix(n, in1, gen), x2 = randomMatrix(n, in2, gen);
    const Matrix<float> target = randomMatrix(n, out, gen);
    Matrix<float> y, gradOutput;
    return measure(options, std::move(r), [&] {
        optimizer->zeroGrad();
        layer.forward(x1, x2, y);
        g_sink = g_sink + loss->forwardBackward(y, target, gradOutput);
        layer.backward(x1, x2, gradOutput, nullptr, nullptr);
        optimizer->step();
    });
}

BenchmarkResult linear1024(const BenchmarkOptions& options) {
    const Index n = 1024, in = 1024, out = 1024;
    BenchmarkResult r;
    r.name = "linear_1024_fwd_bwd";
    r.batch = n;
    r.limitShape = {n, out, in};
    r.flopsPerStep = 2.0 * 2 * n * in * out;
    r.flopsCounted = "fwd+dW";
    nn::Generator gen(0);
    nn::Network<float> net(in, {linearSpec(in, out)}, nn::InitSpec{}, gen);
    const auto params = parametersOf(net);
    const Matrix<float> x = randomMatrix(n, in, gen);
    const Matrix<float> gradOutput = randomMatrix(n, out, gen);
    // zero_grad(); y = m(x); y.backward(g): weight and bias gradients, no dX.
    return measure(options, std::move(r), [&] {
        for (auto* p : params)
            p->grad.setZero();
        g_sink = g_sink + net.forward(x)(0, 0);
        net.backward(gradOutput);
    });
}

BenchmarkResult eigenGemm(const BenchmarkOptions& options) {
    const Index n = 1024;
    BenchmarkResult r;
    r.name = "eigen_gemm_1024";
    r.batch = n;
    r.limitShape = {n, n, n};
    r.flopsPerStep = 2.0 * n * n * n;
    r.flopsCounted = "C=AB";
    nn::Generator gen(0);
    const Matrix<float> a = randomMatrix(n, n, gen), b = randomMatrix(n, n, gen);
    Matrix<float> c(n, n);
    return measure(options, std::move(r), [&] {
        c.noalias() = a * b;
        g_sink = g_sink + c(0, 0);
    });
}

struct Case {
    const char* name;
    BenchmarkResult (*run)(const BenchmarkOptions&);
};

const std::vector<Case>& cases() {
    static const std::vector<Case> all{
        {"seed_linear_20x40", seedLinear},
        {"trainer_seed_linear_20x40", trainerSeedLinear},
        {"mlp_64_256_256_10", mlp},
        {"bilinear_32_32_16", bilinear},
        {"linear_1024_fwd_bwd", linear1024},
        {"eigen_gemm_1024", eigenGemm},
        {"mlp_64_256_256_10_float64", mlpFloat64},
    };
    return all;
}

}  // namespace

std::string BenchmarkResult::toJson() const {
    return "{\"name\": " + jsonString(name) + ", \"impl\": \"linearlab\"" +
           ", \"steps_per_s\": " + jsonNumber(stepsPerSecond) +
           ", \"samples_per_s\": " + jsonNumber(samplesPerSecond()) +
           ", \"gflops\": " + jsonNumber(gflops()) + ", \"threads\": " + std::to_string(threads) +
           ", \"dtype\": " + jsonString(dtype) + ", \"blas\": " + jsonString(blas) +
           ", \"batch\": " + std::to_string(batch) +
           ", \"flops_per_step\": " + jsonInteger(flopsPerStep) +
           ", \"flops_counted\": " + jsonString(flopsCounted) +
           ", \"min_steps_per_s\": " + jsonNumber(minStepsPerSecond) +
           ", \"max_steps_per_s\": " + jsonNumber(maxStepsPerSecond) +
           ", \"repeats\": " + std::to_string(repeats) + ", \"steps\": " + std::to_string(steps) +
           ", \"limit_product\": " + jsonString(limitShape.text()) +
           ", \"limit_kernel\": " + jsonString(limitKernel) +
           ", \"limit_gflops\": " + jsonNumber(limitGflops) +
           ", \"of_limit\": " + jsonNumber(limitGflops > 0 ? gflops() / limitGflops : 0) + "}";
}

const std::vector<std::string>& benchmarkCaseNames() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const Case& c : cases())
            v.push_back(c.name);
        return v;
    }();
    return names;
}

namespace {

std::vector<const Case*> selectCases(const std::string& name) {
    std::vector<const Case*> selected;
    for (const Case& c : cases())
        if (name.empty() || name == c.name)
            selected.push_back(&c);
    if (selected.empty())
        throw std::invalid_argument("unknown case '" + name + "'; expected one of " +
                                    joined(benchmarkCaseNames()));
    return selected;
}

}  // namespace

std::vector<BenchmarkResult> runBenchmarks(
    const BenchmarkOptions& options, const std::function<void(const BenchmarkResult&)>& onResult) {
    // Eigen without OpenMP is single-threaded; this keeps it so if the build ever
    // adds -fopenmp. OpenBLAS uses the threads asked for.
    Eigen::setNbThreads(1);
    nn::setBlasThreads(options.threads);
    std::vector<BenchmarkResult> results;
    for (const Case* c : selectCases(options.caseName)) {
        BenchmarkResult r = c->run(options);
        r.threads = nn::blasThreads();
        r.blas = nn::blasDescription();
        // The machine's limit: the case's largest product alone on OpenBLAS's
        // kernel (Eigen's in a build without it), in the same run.
        const nn::GemmKernel kernel = nn::haveBlas() ? nn::GemmKernel::Blas : nn::GemmKernel::Eigen;
        r.limitKernel = nn::gemmKernelName(kernel);
        r.limitGflops = gemmGflops(kernel, nn::GemmForm::TimesTransposed, r.limitShape,
                                   r.dtype == "float64", std::min(options.seconds, 1.0));
        results.push_back(std::move(r));
        if (onResult)
            onResult(results.back());
    }
    return results;
}

}  // namespace linearlab::cli
