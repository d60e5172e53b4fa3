#include "core/cli/cli_support.h"

#include "core/io/network_state.h"
#include "core/io/weights_file.h"

#include <type_traits>

namespace linearlab::cli {

int threadsOption(const std::string& text) {
    size_t used = 0;
    int threads = 0;
    try {
        threads = std::stoi(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != text.size() || threads < 1 || threads > 1024)
        throw UsageError("--threads: expected a whole number from 1 to 1024, got \"" + text + "\"");
    return threads;
}

void parseArguments(QCommandLineParser& parser, const QString& command, const QStringList& args,
                    const QStringList& positional) {
    for (const QString& p : positional)
        parser.addPositionalArgument(p, p);
    if (!parser.parse(QStringList{"linearlab-cli " + command} + args))
        throw UsageError(command.toStdString() + ": " + parser.errorText().toStdString());
    if (parser.positionalArguments().size() != positional.size())
        throw UsageError(command.toStdString() + ": expected " +
                         positional.join(' ').toStdString() + ", got " +
                         std::to_string(parser.positionalArguments().size()) + " argument(s)");
}

QString requiredOption(const QCommandLineParser& parser, const QString& name) {
    if (!parser.isSet(name))
        throw UsageError("--" + name.toStdString() + " is required");
    return parser.value(name);
}

long long integerOption(const QCommandLineParser& parser, const QString& name) {
    bool ok = false;
    const long long v = parser.value(name).toLongLong(&ok);
    if (!ok || v < 0)
        throw UsageError("--" + name.toStdString() + ": expected a non-negative integer, got \"" +
                         parser.value(name).toStdString() + "\"");
    return v;
}

uint64_t seedOption(const QCommandLineParser& parser, uint64_t fallback) {
    if (!parser.isSet("seed"))
        return fallback;
    return static_cast<uint64_t>(integerOption(parser, "seed"));
}

void addDtypeOption(QCommandLineParser& parser) {
    parser.addOption({"dtype",
                      "float32 or float64: torch.set_default_dtype for this run (default: the "
                      "design's dtype)",
                      "DTYPE"});
}

nn::DType dtypeOption(const QCommandLineParser& parser, nn::DType fallback) {
    if (!parser.isSet("dtype"))
        return fallback;
    const auto dtype = nn::dtypeNamed(parser.value("dtype").toStdString());
    if (!dtype)
        throw UsageError("--dtype: expected float32 or float64, got \"" +
                         parser.value("dtype").toStdString() + "\"");
    return *dtype;
}

template <typename T>
std::unique_ptr<nn::Network<T>> buildNetwork(const train::Design& design, uint64_t seed) {
    nn::Generator gen(seed);
    auto network = std::make_unique<nn::Network<T>>(design.inputFeatures, design.layers,
                                                    design.weightInit, gen);
    network->materialize(gen);
    return network;
}

void addModelOptions(QCommandLineParser& parser) {
    parser.addOption({"weights",
                      "weights file or project (default: a project's own weights, else the "
                      "design's seeded init)",
                      "FILE"});
    parser.addOption(
        {"seed", "torch.manual_seed value for what no weights file or project gives", "S"});
}

template <typename T>
std::unique_ptr<nn::Network<T>> modelFromOptions(const QCommandLineParser& parser,
                                                 const io::Project& project) {
    const train::Design& design = project.design;
    nn::Generator gen(seedOption(parser, design.seed));
    auto network = std::make_unique<nn::Network<T>>(design.inputFeatures, design.layers,
                                                    design.weightInit, gen);
    // Weights first, then the draws of the lazy layers they left out: those get
    // exactly what the seeded init gives them, as in the GUI's trainer.
    loadStartingWeights(*network, parser, project);
    network->materialize(gen);
    return network;
}

template <typename T>
StartingWeights loadStartingWeights(nn::Network<T>& network, const QCommandLineParser& parser,
                                    const io::Project& project) {
    if (parser.isSet("weights")) {
        loadWeights(network, parser.value("weights"));
        return StartingWeights::WeightsOption;
    }
    if (!project.weights)
        return StartingWeights::SeededInit;
    // readDesignOrProject checked them against this design, so they fit.
    io::loadStateDict(network, *project.weights, io::LazyKeys::MayBeAbsent);
    return StartingWeights::Project;
}

template <typename T>
void loadWeights(nn::Network<T>& network, const QString& path) {
    const io::WeightsOrProject file = io::readWeightsOrProject(path);
    try {
        io::loadStateDict(network, file.weights, file.lazyKeys);
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(path.toStdString() + ": " + e.what());
    }
}

template <typename T>
void exportWeights(nn::Network<T>& network, const QString& path) {
    io::writeWeights(path, io::stateDictOf(network));
}

template <typename T>
nn::Matrix<T> matrixFromArray(const data::NpyArray& array, const std::string& what) {
    if (array.shape.empty())
        throw std::invalid_argument(what + ": a 0-d array has no features; expected shape (*, F)");
    const nn::Index cols = array.shape.back();
    const nn::Index rows = cols == 0
                               ? nn::numel(nn::Shape(array.shape.begin(), array.shape.end() - 1))
                               : array.numel() / cols;
    nn::Matrix<T> m(rows, cols);
    for (nn::Index i = 0; i < array.numel(); ++i)
        m.data()[i] = static_cast<T>(array.valueAt(i));
    return m;
}

template <typename T>
data::NpyArray arrayFromMatrix(const nn::Matrix<T>& m, const nn::Shape& shape) {
    return data::NpyArray::fromDoubles(std::is_same_v<T, double> ? "<f8" : "<f4", shape,
                                       std::vector<double>(m.data(), m.data() + m.size()));
}

#define LINEARLAB_CLI_SUPPORT(T)                                                                \
    template std::unique_ptr<nn::Network<T>> buildNetwork<T>(const train::Design&, uint64_t);   \
    template std::unique_ptr<nn::Network<T>> modelFromOptions<T>(const QCommandLineParser&,     \
                                                                 const io::Project&);           \
    template StartingWeights loadStartingWeights<T>(nn::Network<T>&, const QCommandLineParser&, \
                                                    const io::Project&);                        \
    template void loadWeights<T>(nn::Network<T>&, const QString&);                              \
    template void exportWeights<T>(nn::Network<T>&, const QString&);                            \
    template nn::Matrix<T> matrixFromArray<T>(const data::NpyArray&, const std::string&);       \
    template data::NpyArray arrayFromMatrix<T>(const nn::Matrix<T>&, const nn::Shape&);
LINEARLAB_CLI_SUPPORT(float)
LINEARLAB_CLI_SUPPORT(double)
#undef LINEARLAB_CLI_SUPPORT

}  // namespace linearlab::cli
