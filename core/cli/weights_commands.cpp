#include "core/cli/cli_support.h"
#include "core/cli/commands.h"
#include "core/io/project_file.h"
#include "core/io/weights_file.h"
#include "core/nn/plural.h"

#include <iomanip>
#include <iostream>

namespace linearlab::cli {

// inspect FILE: every tensor of a weights file (or a project's weights), without
// a design.
int runInspect(const QStringList& args) {
    QCommandLineParser parser;
    parseArguments(parser, "inspect", args, {"FILE"});
    io::StateDict dict = io::readWeightsOrProject(parser.positionalArguments().at(0)).weights;
    size_t width = 4;
    for (const auto& t : dict)
        width = std::max(width, t.name.size());
    std::cout << std::left << std::setw(static_cast<int>(width) + 2) << "name" << std::setw(10)
              << "dtype"
              << "shape\n";
    nn::Index total = 0;
    for (const auto& t : dict) {
        std::cout << std::setw(static_cast<int>(width) + 2) << t.name << std::setw(10) << t.dtype
                  << nn::shapeString(t.shape) << "\n";
        total += nn::numel(t.shape);
    }
    std::cout << nn::countOf(dict.size(), "tensor", "tensors") << ", "
              << nn::countOf(total, "value", "values") << "\n";
    return 0;
}

// convert IN OUT [--dtype DTYPE]: the same state dict in another format, chosen
// by extension, every tensor in the dtype it has (float64 stays float64) or, with
// --dtype, converted as tensor.to(dtype) does; IN may be a project, whose
// weights are written.
int runConvert(const QStringList& args) {
    QCommandLineParser parser;
    parser.addOption(
        {"dtype", "float32 or float64: convert every tensor (default: keep each one's)", "DTYPE"});
    parseArguments(parser, "convert", args, {"IN", "OUT"});
    io::StateDict dict = io::readWeightsOrProject(parser.positionalArguments().at(0)).weights;
    if (parser.isSet("dtype")) {
        const nn::DType dtype = dtypeOption(parser, nn::DType::Float32);
        for (io::NamedTensor& t : dict) {
            t.values = t.values.convertedTo(dtype);
            t.dtype = nn::dtypeName(dtype);
        }
    }
    io::writeWeights(parser.positionalArguments().at(1), dict);
    std::cout << "wrote " << nn::countOf(dict.size(), "tensor", "tensors") << " to "
              << parser.positionalArguments().at(1).toStdString() << "\n";
    return 0;
}

}  // namespace linearlab::cli
