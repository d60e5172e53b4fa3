#include "core/cli/cli_support.h"
#include "core/cli/commands.h"
#include "core/io/project_file.h"
#include "core/nn/plural.h"

#include <iostream>

namespace linearlab::cli {

// init DESIGN [--seed S] --export FILE: the weights torch.manual_seed(S) and the
// same nn constructors give, lazy layers materialized from the input width. A
// project gives its design; its trained weights are convert's, not init's.
int runInit(const QStringList& args) {
    QCommandLineParser parser;
    parser.addOption({"seed", "torch.manual_seed value (default: the design's init.seed)", "S"});
    parser.addOption({"export", "weights file to write (.safetensors, .pt, .npz, ...)", "FILE"});
    addDtypeOption(parser);
    parseArguments(parser, "init", args, {"DESIGN"});
    const QString out = requiredOption(parser, "export");
    train::Design design = io::readDesignOrProject(parser.positionalArguments().at(0)).design;
    design.dtype = dtypeOption(parser, design.dtype);
    // Written in the design's dtype: a float64 design's weights are float64.
    return withDtype(design.dtype, [&](auto zero) {
        auto network = buildNetwork<decltype(zero)>(design, seedOption(parser, design.seed));
        exportWeights(*network, out);
        std::cout << "wrote " << nn::countOf(network->parameterCount(), "parameter", "parameters")
                  << " to " << out.toStdString() << "\n";
        return 0;
    });
}

}  // namespace linearlab::cli
