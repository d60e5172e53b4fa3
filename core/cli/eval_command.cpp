#include "core/cli/cli_support.h"
#include "core/cli/commands.h"
#include "core/io/dataset_file.h"
#include "core/io/project_file.h"

#include <iostream>

namespace linearlab::cli {

// eval DESIGN [--weights FILE] --input X.npy --output Y.npy: the forward pass.
// X is (*, in_features); Y keeps the leading dims: (*, out_features). DESIGN may
// be a project, whose trained weights are evaluated unless --weights replaces them.
// Y has the design's dtype (--dtype overrides it).
int runEval(const QStringList& args) {
    QCommandLineParser parser;
    addModelOptions(parser);
    addDtypeOption(parser);
    parser.addOption({"input", ".npy (or .npz with array x) of shape (*, in_features)", "X"});
    parser.addOption({"output", ".npy to write, shape (*, out_features)", "Y"});
    parseArguments(parser, "eval", args, {"DESIGN"});
    const QString inputPath = requiredOption(parser, "input");
    const QString outputPath = requiredOption(parser, "output");
    io::Project project = io::readDesignOrProject(parser.positionalArguments().at(0));
    project.design.dtype = dtypeOption(parser, project.design.dtype);
    const train::Design& design = project.design;
    // In the design's dtype, as model(x.to(dtype)) computes it.
    return withDtype(design.dtype, [&](auto zero) {
        using T = decltype(zero);
        auto network = modelFromOptions<T>(parser, project);
        const data::NpyArray x = io::readArray(inputPath, "x");
        const nn::Matrix<T> input = matrixFromArray<T>(x, inputPath.toStdString());
        // Shape checks in PyTorch's words, with the leading dims as the user gave them.
        nn::checkShapes(nn::Shape(x.shape.begin(), x.shape.end()), design.layers);
        const nn::Matrix<T>& y = network->forward(input);

        nn::Shape outShape(x.shape.begin(), x.shape.end());
        outShape.back() = y.cols();
        io::writeArrays(outputPath, {{"y", arrayFromMatrix(y, outShape)}});
        std::cout << "wrote output of shape " << nn::shapeString(outShape) << " to "
                  << outputPath.toStdString() << "\n";
        return 0;
    });
}

}  // namespace linearlab::cli
