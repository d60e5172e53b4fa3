#include "core/cli/cli_support.h"
#include "core/cli/commands.h"
#include "core/io/project_file.h"
#include "core/nn/network_summary.h"
#include "core/train/training_memory.h"

#include <iostream>

namespace linearlab::cli {

// summary DESIGN: nn.Sequential's repr, then the torchinfo-style table for one
// batch. A project gives its design; the table needs no weights.
int runSummary(const QStringList& args) {
    QCommandLineParser parser;
    addDtypeOption(parser);
    parseArguments(parser, "summary", args, {"DESIGN"});
    train::Design design = io::readDesignOrProject(parser.positionalArguments().at(0)).design;
    design.dtype = dtypeOption(parser, design.dtype);
    // As the window's nodes: a network too big to train is refused, not allocated.
    train::checkParameterBudget(design);
    return withDtype(design.dtype, [&](auto zero) {
        auto network = buildNetwork<decltype(zero)>(design, design.seed);
        std::cout << network->repr() << "\n" << nn::summarize(*network, design.batch.size).table();
        return 0;
    });
}

}  // namespace linearlab::cli
