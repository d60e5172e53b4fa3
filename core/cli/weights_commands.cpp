#include "core/cli/cli_support.h"
#include "core/cli/commands.h"
#include "core/io/project_file.h"
#include "core/io/weights_file.h"

#include <iomanip>
#include <iostream>

namespace linearlab::cli {

// inspect FILE: every tensor of a weights file (or a project's weights), without
// a design.
int runInspect(const QStringList& args) {
    QCommandLineParser parser;
    parseArguments(parser, "inspect", args, {"FILE"});
    const io::StateDict dict = io::readWeightsOrProject(parser.positionalArguments().at(0)).weights;
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
    std::cout << dict.size() << " tensors, " << total << " values\n";
    return 0;
}

// convert IN OUT: the same state dict in another format, chosen by extension; IN
// may be a project, whose weights are written.
int runConvert(const QStringList& args) {
    QCommandLineParser parser;
    parseArguments(parser, "convert", args, {"IN", "OUT"});
    const io::StateDict dict = io::readWeightsOrProject(parser.positionalArguments().at(0)).weights;
    io::writeWeights(parser.positionalArguments().at(1), dict);
    std::cout << "wrote " << dict.size() << " tensors to "
              << parser.positionalArguments().at(1).toStdString() << "\n";
    return 0;
}

}  // namespace linearlab::cli
