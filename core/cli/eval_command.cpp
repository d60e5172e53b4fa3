#include "core/cli/cli_loss.h"
#include "core/cli/cli_support.h"
#include "core/cli/commands.h"
#include "core/io/dataset_file.h"
#include "core/io/project_file.h"

#include <iostream>
#include <optional>

namespace linearlab::cli {

// eval DESIGN [--weights FILE] --input X.npy --output Y.npy [--target T.npy
// [--loss-output L.npy]]: the forward pass. X is (*, in_features); Y keeps the
// leading dims: (*, out_features). With a target, the design's loss of Y as torch
// returns it (0-d, or per element under reduction 'none') is printed and, with
// --loss-output, written. DESIGN may be a project, whose trained weights are
// evaluated unless --weights replaces them. Y and the loss have the design's
// dtype (--dtype overrides it).
int runEval(const QStringList& args) {
    QCommandLineParser parser;
    addModelOptions(parser);
    addDtypeOption(parser);
    parser.addOption({"input", ".npy (or .npz with array x) of shape (*, in_features)", "X"});
    parser.addOption({"output", ".npy to write, shape (*, out_features)", "Y"});
    parser.addOption(
        {"target", ".npy (or .npz with array y) the loss takes: like Y, or class indices", "T"});
    parser.addOption({"loss-output", ".npy to write the loss to (needs --target)", "L"});
    parseArguments(parser, "eval", args, {"DESIGN"});
    const QString inputPath = requiredOption(parser, "input");
    const QString outputPath = requiredOption(parser, "output");
    if (parser.isSet("loss-output") && !parser.isSet("target"))
        throw UsageError("eval: --loss-output needs --target");
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
        std::optional<nn::ShapedLossResult<T>> loss;
        if (parser.isSet("target")) {
            const QString targetPath = parser.value("target");
            loss = designLoss<T>(design, outShape, y, io::readArray(targetPath, "y"),
                                 targetPath.toStdString(), /*withGradient=*/false);
        }
        io::writeArrays(outputPath, {{"y", arrayFromMatrix(y, outShape)}});
        std::cout << "wrote output of shape " << nn::shapeString(outShape) << " to "
                  << outputPath.toStdString() << "\n";
        if (loss) {
            std::cout << lossSummary(*loss);
            if (parser.isSet("loss-output")) {
                const QString lossPath = parser.value("loss-output");
                io::writeArrays(lossPath, {{"loss", lossArray(*loss)}});
                std::cout << "; wrote it to " << lossPath.toStdString();
            }
            std::cout << "\n";
        }
        return 0;
    });
}

}  // namespace linearlab::cli
