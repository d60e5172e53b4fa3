#include "core/cli/cli_support.h"
#include "core/cli/commands.h"
#include "core/io/design_file.h"
#include "core/io/project_file.h"
#include "core/nn/collapse.h"
#include "core/nn/linear_geometry.h"
#include "core/nn/plural.h"

#include <iostream>
#include <limits>

namespace linearlab::cli {

// collapse DESIGN [--weights W] [--seed S] --output D2.linearlab.json --export
// W2.FILE: every run of Linear, Identity and Dropout nodes with no nonlinearity
// between them becomes one Linear (W = W_k ... W_1, b = the first bias carried
// through the rest); D2 is the design with those Linears, W2 their weights and
// every other node's. D2 with W2 evaluates as DESIGN with its weights does, to
// rounding. A design with no such run is refused, saying why.
int runCollapse(const QStringList& args) {
    QCommandLineParser parser;
    addModelOptions(parser);
    parser.addOption({"output", "the collapsed design to write (.linearlab.json)", "D2"});
    parser.addOption({"export", "its weights to write (.safetensors, .pt, .npz, ...)", "W2"});
    parseArguments(parser, "collapse", args, {"DESIGN"});
    const QString designPath = parser.positionalArguments().at(0);
    const QString outputPath = requiredOption(parser, "output");
    const QString exportPath = requiredOption(parser, "export");
    const io::Project project = io::readDesignOrProject(designPath);
    const train::Design& design = project.design;
    nn::checkShapes({1, design.inputFeatures}, design.layers);
    const std::vector<nn::LinearRun> runs = nn::findLinearRuns(design.inputFeatures, design.layers);
    if (runs.empty())
        throw std::invalid_argument(designPath.toStdString() + ": " +
                                    nn::nothingToCollapse(design.layers));
    train::Design collapsedDesign = design;
    collapsedDesign.layers = nn::collapsedLayers(design.layers, runs);
    return withDtype(design.dtype, [&](auto zero) {
        using T = decltype(zero);
        auto network = modelFromOptions<T>(parser, project);
        nn::Generator gen(design.seed);
        nn::Network<T> collapsed(collapsedDesign.inputFeatures, collapsedDesign.layers,
                                 collapsedDesign.weightInit, gen);
        collapsed.materialize(gen);
        nn::copyCollapsedParameters(*network, runs, collapsed);
        for (const nn::LinearRun& run : runs) {
            const nn::AffineMap<T> map = nn::collapseRun(*network, run);
            const nn::LinearGeometry g = nn::linearGeometry(map.weight.template cast<double>(),
                                                            std::numeric_limits<T>::epsilon());
            std::cout << run.label() << ", rank " << g.rank << "\n";
        }
        io::writeDesignFile(outputPath, collapsedDesign);
        exportWeights(collapsed, exportPath);
        std::cout << "wrote " << nn::countOf(collapsedDesign.layers.size(), "layer", "layers")
                  << " (from " << design.layers.size() << ") to " << outputPath.toStdString()
                  << " and " << nn::countOf(collapsed.parameterCount(), "parameter", "parameters")
                  << " to " << exportPath.toStdString() << "\n";
        return 0;
    });
}

}  // namespace linearlab::cli
