#pragma once
// What the CLI's commands share: argument parsing, building a design's network
// as PyTorch would under a seed, weights in and out, arrays to matrices.
#include "core/data/npy.h"
#include "core/io/project_file.h"
#include "core/nn/network.h"
#include "core/train/design.h"

#include <QCommandLineParser>
#include <QStringList>

#include <memory>
#include <stdexcept>

namespace linearlab::cli {

/// A usage mistake (exit status 2) rather than a bad input (exit status 1).
class UsageError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

/// Parses `args` for `command`, which takes `positional` (e.g. {"DESIGN"}).
/// Throws UsageError naming what is wrong.
void parseArguments(QCommandLineParser& parser, const QString& command, const QStringList& args,
                    const QStringList& positional);

/// A required option's value; UsageError when missing.
QString requiredOption(const QCommandLineParser& parser, const QString& name);

/// --seed's value when given, else `fallback`.
uint64_t seedOption(const QCommandLineParser& parser, uint64_t fallback);

/// An option's value as a non-negative integer; UsageError otherwise.
long long integerOption(const QCommandLineParser& parser, const QString& name);

/// torch.manual_seed(seed), the layers in order, then the lazy layers
/// materialized from the design's input width: `init`'s weights.
std::unique_ptr<nn::Network<float>> buildNetwork(const train::Design& design, uint64_t seed);

/// --weights FILE and --seed S, for commands that evaluate a model.
void addModelOptions(QCommandLineParser& parser);
/// The model a command evaluates: the design's network under --seed (default:
/// the design's), holding --weights when given, else the project's own weights
/// when it has any (StartingWeights).
std::unique_ptr<nn::Network<float>> modelFromOptions(const QCommandLineParser& parser,
                                                     const io::Project& project);

/// Where a model's parameters came from.
enum class StartingWeights {
    SeededInit,     ///< neither --weights nor a project's weights: the network as built
    WeightsOption,  ///< --weights FILE, a weights file or a project's weights
    Project,        ///< the weights of the project given as the design
};
/// Loads --weights FILE when given, else the project's own weights when it holds
/// any. Call it before the lazy layers materialize: one the weights leave out
/// then draws the values the seeded init gives it.
StartingWeights loadStartingWeights(nn::Network<float>& network, const QCommandLineParser& parser,
                                    const io::Project& project);

/// Loads a weights file (any format, by extension) or a project's weights into
/// `network`, strictly but for the lazy layers a project leaves out
/// (io::readWeightsOrProject). Errors name the file.
void loadWeights(nn::Network<float>& network, const QString& path);

/// Writes the network's state dict to `path` in the format its extension names.
void exportWeights(nn::Network<float>& network, const QString& path);

/// An array of shape (*, F) as the (prod(*), F) matrix; a 1-D array is one row.
nn::Matrix<float> matrixFromArray(const data::NpyArray& array, const std::string& what);

/// A float32 array of `shape` holding the matrix's values in row-major order.
data::NpyArray arrayFromMatrix(const nn::Matrix<float>& m, const nn::Shape& shape);

}  // namespace linearlab::cli
