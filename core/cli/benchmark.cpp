#include "core/cli/benchmark.h"

#include "core/cli/commands.h"
#include "core/data/synthetic_datasets.h"
#include "core/io/weights_file.h"
#include "core/nn/bilinear.h"
#include "core/nn/generator.h"
#include "core/nn/loss_factory.h"
#include "core/nn/network.h"
#include "core/nn/optimizer_factory.h"
#include "core/train/design.h"
#include "core/train/trainer.h"

#include <Eigen/Core>

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <stdexcept>
#include <streambuf>

namespace linearlab::cli {

namespace {

using nn::Index;
using nn::Matrix;
using Clock = std::chrono::steady_clock;

// Losses are summed here so that no step's result is dead code.
volatile double g_sink = 0;

std::string jsonString(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string jsonNumber(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

/// A count held in a double, in full: %g's six digits would round 121372672.
std::string jsonInteger(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
}

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const size_t mid = v.size() / 2;
    return v.size() % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

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

Matrix<float> randomMatrix(Index rows, Index cols, nn::Generator& gen) {
    Matrix<float> m(rows, cols);
    for (Index i = 0; i < m.size(); ++i)
        m.data()[i] = static_cast<float>(gen.normalDouble());
    return m;
}

/// Class indices 0 .. classes-1 as CrossEntropyLoss's (N, 1) target.
Matrix<float> randomClasses(Index rows, Index classes, nn::Generator& gen) {
    Matrix<float> m(rows, 1);
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

std::vector<nn::Parameter<float>*> parametersOf(nn::Network<float>& net) {
    std::vector<nn::Parameter<float>*> params;
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
BenchmarkResult trainNetwork(const BenchmarkOptions& options, BenchmarkResult r, Index inputs,
                             std::vector<nn::LayerSpec> layers, const std::string& lossType,
                             const nn::OptimizerOptions& optimizerOptions,
                             const Matrix<float>& target) {
    nn::Generator gen(0);
    nn::Network<float> net(inputs, std::move(layers), nn::InitSpec{}, gen);
    auto loss = nn::makeLoss<float>(lossType);
    auto optimizer = nn::makeOptimizer<float>(optimizerOptions, parametersOf(net));
    const Matrix<float> x = randomMatrix(r.batch, inputs, gen);
    Matrix<float> gradOutput;
    return measure(options, std::move(r), [&] {
        optimizer->zeroGrad();
        const Matrix<float>& out = net.forward(x);
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
    r.flopsPerStep = 2.0 * 2 * n * in * out;
    r.flopsCounted = "fwd+dW";
    return measure(options, std::move(r), [&] {
        if (!trainer.trainStep())
            throw std::runtime_error("trainer_seed_linear_20x40: " + trainer.failure());
        g_sink = g_sink + trainer.trainLoss();
    });
}

BenchmarkResult mlp(const BenchmarkOptions& options) {
    const Index n = 256, in = 64, h = 256, classes = 10;
    BenchmarkResult r;
    r.name = "mlp_64_256_256_10";
    r.batch = n;
    // Forward and dW of all three layers; dX of the second and third only.
    const double fwd = 2.0 * n * (in * h + h * h + h * classes);
    r.flopsPerStep = 2 * fwd + 2.0 * n * (h * h + h * classes);
    r.flopsCounted = "fwd+dW+dX(layers 2,3)";
    nn::OptimizerOptions adam;
    adam.type = "Adam";
    nn::Generator gen(1);
    return trainNetwork(
        options, r, in,
        {linearSpec(in, h), reluSpec(), linearSpec(h, h), reluSpec(), linearSpec(h, classes)},
        "CrossEntropyLoss", adam, randomClasses(n, classes, gen));
}

BenchmarkResult bilinear(const BenchmarkOptions& options) {
    const Index n = 256, in1 = 32, in2 = 32, out = 16;
    BenchmarkResult r;
    r.name = "bilinear_32_32_16";
    r.batch = n;
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
        {"seed_linear_20x40", seedLinear},   {"trainer_seed_linear_20x40", trainerSeedLinear},
        {"mlp_64_256_256_10", mlp},          {"bilinear_32_32_16", bilinear},
        {"linear_1024_fwd_bwd", linear1024}, {"eigen_gemm_1024", eigenGemm},
    };
    return all;
}

}  // namespace

std::string BenchmarkResult::toJson() const {
    return "{\"name\": " + jsonString(name) + ", \"impl\": \"linearlab\"" +
           ", \"steps_per_s\": " + jsonNumber(stepsPerSecond) +
           ", \"samples_per_s\": " + jsonNumber(samplesPerSecond()) +
           ", \"gflops\": " + jsonNumber(gflops()) +
           ", \"threads\": " + std::to_string(Eigen::nbThreads()) +
           ", \"batch\": " + std::to_string(batch) +
           ", \"flops_per_step\": " + jsonInteger(flopsPerStep) +
           ", \"flops_counted\": " + jsonString(flopsCounted) +
           ", \"min_steps_per_s\": " + jsonNumber(minStepsPerSecond) +
           ", \"max_steps_per_s\": " + jsonNumber(maxStepsPerSecond) +
           ", \"repeats\": " + std::to_string(repeats) + ", \"steps\": " + std::to_string(steps) +
           "}";
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

std::string joined(const std::vector<std::string>& names) {
    std::string s;
    for (const auto& n : names)
        s += (s.empty() ? "" : ", ") + n;
    return s;
}

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

std::vector<BenchmarkResult> runBenchmarks(const BenchmarkOptions& options) {
    // One thread, as torch.set_num_threads(1). Without OpenMP Eigen is single-threaded
    // anyway; this keeps it so if the build ever adds -fopenmp.
    Eigen::setNbThreads(1);
    std::vector<BenchmarkResult> results;
    for (const Case* c : selectCases(options.caseName))
        results.push_back(c->run(options));
    return results;
}

namespace {

// Accepts and drops everything, so that timing `inspect` measures building
// its listing rather than a terminal.
class DiscardingBuffer : public std::streambuf {
protected:
    int_type overflow(int_type c) override { return traits_type::not_eof(c); }
    std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

// std::cout into a DiscardingBuffer for the scope's lifetime.
class DiscardedCout {
public:
    DiscardedCout() : m_saved(std::cout.rdbuf(&m_buffer)) {}
    ~DiscardedCout() { std::cout.rdbuf(m_saved); }
    DiscardedCout(const DiscardedCout&) = delete;
    DiscardedCout& operator=(const DiscardedCout&) = delete;

private:
    DiscardingBuffer m_buffer;
    std::streambuf* m_saved;
};

// "0.weight", "1.weight", ...: tiny tensors, so that the time is the per-tensor
// work of the container (headers, names, members) and not the values.
io::StateDict manyTensors(long long count) {
    io::StateDict sd;
    sd.reserve(static_cast<size_t>(count));
    for (long long i = 0; i < count; ++i) {
        io::NamedTensor t;
        t.name = std::to_string(i) + ".weight";
        t.shape = {2};
        t.values = {static_cast<float>(i), -0.5f * static_cast<float>(i)};
        sd.push_back(std::move(t));
    }
    return sd;
}

void benchmarkFormat(const io::StateDict& sd, const QString& path, WeightsBenchmarkResult& r) {
    const auto writeStart = Clock::now();
    io::writeWeights(path, sd);
    r.writeSeconds = secondsSince(writeStart);
    r.fileBytes = QFileInfo(path).size();
    std::vector<double> reads, inspections;
    for (int k = 0; k < r.repeats; ++k) {
        const auto start = Clock::now();
        const io::StateDict back = io::readWeights(path);
        reads.push_back(secondsSince(start));
        // The last tensor too: a reader that stopped early would look fast.
        if (back.size() != sd.size() || (!sd.empty() && back.back() != sd.back()))
            throw std::runtime_error(path.toStdString() + ": read back " +
                                     std::to_string(back.size()) + " tensors, not the " +
                                     std::to_string(sd.size()) + " written");
    }
    for (int k = 0; k < r.repeats; ++k) {
        const DiscardedCout discarded;
        const auto start = Clock::now();
        runInspect({path});
        inspections.push_back(secondsSince(start));
    }
    r.readSeconds = median(reads);
    r.minReadSeconds = *std::min_element(reads.begin(), reads.end());
    r.maxReadSeconds = *std::max_element(reads.begin(), reads.end());
    r.inspectSeconds = median(inspections);
}

}  // namespace

std::string WeightsBenchmarkResult::toJson() const {
    std::string s = "{\"name\": " + jsonString("weights_" + format) +
                    ", \"impl\": \"linearlab\", \"format\": " + jsonString(format) +
                    ", \"tensors\": " + std::to_string(tensors);
    if (!error.empty())
        return s + ", \"error\": " + jsonString(error) + "}";
    return s + ", \"file_bytes\": " + std::to_string(fileBytes) +
           ", \"write_s\": " + jsonNumber(writeSeconds) +
           ", \"read_s\": " + jsonNumber(readSeconds) +
           ", \"min_read_s\": " + jsonNumber(minReadSeconds) +
           ", \"max_read_s\": " + jsonNumber(maxReadSeconds) +
           ", \"inspect_s\": " + jsonNumber(inspectSeconds) +
           ", \"repeats\": " + std::to_string(repeats) + "}";
}

const std::vector<std::string>& weightsBenchmarkFormats() {
    static const std::vector<std::string> formats{"safetensors", "pt", "npz", "json", "csv"};
    return formats;
}

std::vector<WeightsBenchmarkResult> runWeightsBenchmarks(const WeightsBenchmarkOptions& options) {
    std::vector<std::string> formats;
    for (const std::string& f : weightsBenchmarkFormats())
        if (options.format.empty() || options.format == f)
            formats.push_back(f);
    if (formats.empty())
        throw std::invalid_argument("unknown format '" + options.format + "'; expected one of " +
                                    joined(weightsBenchmarkFormats()));
    QTemporaryDir temporary;
    QString dir = QString::fromStdString(options.directory);
    if (dir.isEmpty()) {
        if (!temporary.isValid())
            throw std::runtime_error("cannot create a temporary directory");
        dir = temporary.path();
    } else if (!QDir().mkpath(dir)) {
        throw std::runtime_error(options.directory + ": cannot create the directory");
    }
    const io::StateDict sd = manyTensors(options.tensors);
    std::vector<WeightsBenchmarkResult> results;
    for (const std::string& format : formats) {
        WeightsBenchmarkResult r;
        r.format = format;
        r.tensors = options.tensors;
        r.repeats = std::max(1, options.repeats);
        try {
            benchmarkFormat(sd, QDir(dir).filePath(QString::fromStdString("weights." + format)), r);
        } catch (const std::exception& e) {
            r.error = e.what();
        }
        results.push_back(std::move(r));
    }
    return results;
}

int runBenchmarkCli(int argc, char** argv) {
    const char* usage =
        "usage: linearlab-bench [--seconds S] [--repeats R] [--case NAME] [--list]\n"
        "       linearlab-bench --weights [--tensors N] [--repeats R] [--format EXT] [--dir D]\n"
        "Prints one JSON line per case: training steps per second, single-threaded.\n"
        "With --weights, one line per weights format: seconds to write, read and inspect\n"
        "N tensors of shape [2] (default 100000), files in D (default: removed afterwards).\n";
    BenchmarkOptions options;
    WeightsBenchmarkOptions weights;
    bool weightsMode = false, repeatsGiven = false, trainingOption = false, weightsOption = false;
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
        Eigen::setNbThreads(1);
        for (const Case* c : selectCases(options.caseName))
            std::cout << c->run(options).toJson() << std::endl;
    } catch (const std::exception& e) {
        std::cerr << "linearlab-bench: " << e.what() << "\n" << usage;
        return 2;
    }
    return exitCode;
}

}  // namespace linearlab::cli
