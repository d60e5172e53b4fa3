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
/// A --threads value: a whole number from 1 to 1024; throws UsageError otherwise.
int threadsOption(const std::string& text);

/// Throws UsageError naming what is wrong.
void parseArguments(QCommandLineParser& parser, const QString& command, const QStringList& args,
                    const QStringList& positional);

/// A required option's value; UsageError when missing.
QString requiredOption(const QCommandLineParser& parser, const QString& name);

/// --seed's value when given, else `fallback`.
uint64_t seedOption(const QCommandLineParser& parser, uint64_t fallback);

/// An option's value as a non-negative integer; UsageError otherwise.
long long integerOption(const QCommandLineParser& parser, const QString& name);

/// --dtype float32|float64, for commands that build a network.
void addDtypeOption(QCommandLineParser& parser);
/// The design's dtype, or --dtype's when given; UsageError for another name.
nn::DType dtypeOption(const QCommandLineParser& parser, nn::DType fallback);

using nn::withDtype;

/// torch.manual_seed(seed), the layers in order, then the lazy layers
/// materialized from the design's input width: `init`'s weights.
template <typename T = float>
std::unique_ptr<nn::Network<T>> buildNetwork(const train::Design& design, uint64_t seed);

/// --weights FILE and --seed S, for commands that evaluate a model.
void addModelOptions(QCommandLineParser& parser);
/// The model a command evaluates: the design's network under --seed (default:
/// the design's), holding --weights when given, else the project's own weights
/// when it has any (StartingWeights).
template <typename T>
std::unique_ptr<nn::Network<T>> modelFromOptions(const QCommandLineParser& parser,
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
template <typename T>
StartingWeights loadStartingWeights(nn::Network<T>& network, const QCommandLineParser& parser,
                                    const io::Project& project);

/// Loads a weights file (any format, by extension) or a project's weights into
/// `network`, strictly but for the lazy layers a project leaves out
/// (io::readWeightsOrProject). Errors name the file. Tensors of the other dtype
/// convert as load_state_dict's copy_ does.
template <typename T>
void loadWeights(nn::Network<T>& network, const QString& path);

/// Writes the network's state dict, in its dtype, to `path` in the format its
/// extension names.
template <typename T>
void exportWeights(nn::Network<T>& network, const QString& path);

/// An array of shape (*, F) as the (prod(*), F) matrix; a 1-D array is one row.
/// Its values convert to T as torch.from_numpy(a).to(dtype) does.
template <typename T>
nn::Matrix<T> matrixFromArray(const data::NpyArray& array, const std::string& what);

/// A float32 (T = float) or float64 array of `shape` holding the matrix's
/// values in row-major order.
template <typename T>
data::NpyArray arrayFromMatrix(const nn::Matrix<T>& m, const nn::Shape& shape);

}  // namespace linearlab::cli
