#include "core/cli/cli_support.h"
#include "core/cli/commands.h"
#include "core/io/dataset_file.h"
#include "core/io/design_file.h"

#include <iostream>

namespace linearlab::cli {

// eval DESIGN [--weights FILE] --input X.npy --output Y.npy: the forward pass.
// X is (*, in_features); Y keeps the leading dims: (*, out_features).
int runEval(const QStringList& args) {
    QCommandLineParser parser;
    parser.addOption({"weights", "weights file (default: the design's seeded init)", "FILE"});
    parser.addOption({"seed", "torch.manual_seed value when no weights are given", "S"});
    parser.addOption({"input", ".npy (or .npz with array x) of shape (*, in_features)", "X"});
    parser.addOption({"output", ".npy to write, shape (*, out_features)", "Y"});
    parseArguments(parser, "eval", args, {"DESIGN"});
    const QString inputPath = requiredOption(parser, "input");
    const QString outputPath = requiredOption(parser, "output");
    const train::Design design = io::readDesignFile(parser.positionalArguments().at(0));
    auto network = buildNetwork(design, seedOption(parser, design.seed));
    if (parser.isSet("weights"))
        loadWeights(*network, parser.value("weights"));

    const data::NpyArray x = io::readArray(inputPath, "x");
    const nn::Matrix<float> input = matrixFromArray(x, inputPath.toStdString());
    // Shape checks in PyTorch's words, with the leading dims as the user gave them.
    nn::checkShapes(nn::Shape(x.shape.begin(), x.shape.end()), design.layers);
    const nn::Matrix<float>& y = network->forward(input);

    nn::Shape outShape(x.shape.begin(), x.shape.end());
    outShape.back() = y.cols();
    std::vector<double> values(y.data(), y.data() + y.size());
    io::writeArrays(outputPath, {{"y", data::NpyArray::fromDoubles("<f4", outShape, values)}});
    std::cout << "wrote output of shape " << nn::shapeString(outShape) << " to "
              << outputPath.toStdString() << "\n";
    return 0;
}

}  // namespace linearlab::cli
