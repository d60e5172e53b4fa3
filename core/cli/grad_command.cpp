#include "core/cli/cli_loss.h"
#include "core/cli/cli_support.h"
#include "core/cli/commands.h"
#include "core/io/dataset_file.h"
#include "core/io/project_file.h"

#include <iostream>

namespace linearlab::cli {

// grad DESIGN [--weights FILE] --input X --target T --output G.npz: the design's
// loss on one batch and every gradient, without an update. Keys: loss,
// input.grad, <name>.grad — what loss.backward() leaves in PyTorch. Under
// reduction 'none' the loss is per element and the gradients are those of its
// sum, loss.backward(torch.ones_like(loss)). DESIGN may be a project, whose
// trained weights are used unless --weights replaces them. Arrays have the
// design's dtype (--dtype overrides it).
int runGrad(const QStringList& args) {
    QCommandLineParser parser;
    addModelOptions(parser);
    parser.addOption({"input", ".npy of shape (*, in_features)", "X"});
    parser.addOption(
        {"target", ".npy as the loss takes it: like the output, or class indices", "T"});
    parser.addOption({"output", ".npz to write", "G"});
    addDtypeOption(parser);
    parseArguments(parser, "grad", args, {"DESIGN"});
    const QString inputPath = requiredOption(parser, "input");
    const QString targetPath = requiredOption(parser, "target");
    const QString outputPath = requiredOption(parser, "output");
    io::Project project = io::readDesignOrProject(parser.positionalArguments().at(0));
    project.design.dtype = dtypeOption(parser, project.design.dtype);
    const train::Design& design = project.design;
    // In the design's dtype: the loss and every gradient as torch computes them
    // under torch.set_default_dtype(dtype).
    return withDtype(design.dtype, [&](auto zero) {
        using T = decltype(zero);
        auto network = modelFromOptions<T>(parser, project);
        const data::NpyArray x = io::readArray(inputPath, "x");
        const data::NpyArray t = io::readArray(targetPath, "y");
        const nn::Matrix<T> input = matrixFromArray<T>(x, inputPath.toStdString());
        nn::checkShapes(nn::Shape(x.shape.begin(), x.shape.end()), design.layers);

        network->zeroGrad();
        const nn::Matrix<T>& y = network->forward(input);
        nn::Shape outShape(x.shape.begin(), x.shape.end());
        outShape.back() = y.cols();
        const nn::ShapedLossResult<T> loss =
            designLoss<T>(design, outShape, y, t, targetPath.toStdString(), /*withGradient=*/true);
        const nn::Matrix<T>& gradInput = network->backward(loss.gradOutput, /*inputGrad=*/true);

        std::vector<std::pair<std::string, data::NpyArray>> arrays;
        arrays.push_back({"loss", lossArray(loss)});
        arrays.push_back(
            {"input.grad", arrayFromMatrix(gradInput, nn::Shape(x.shape.begin(), x.shape.end()))});
        for (auto& p : network->namedParameters())
            arrays.push_back(
                {p.name + ".grad", arrayFromMatrix(p.parameter->grad, p.parameter->shape)});
        io::writeArrays(outputPath, arrays);
        std::cout << lossSummary(loss) << "; wrote " << arrays.size() << " arrays to "
                  << outputPath.toStdString() << "\n";
        return 0;
    });
}

}  // namespace linearlab::cli
