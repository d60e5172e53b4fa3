#include "core/cli/cli_support.h"
#include "core/cli/commands.h"
#include "core/io/dataset_file.h"
#include "core/io/project_file.h"
#include "core/nn/loss_factory.h"

#include <iostream>
#include <type_traits>

namespace linearlab::cli {

// grad DESIGN [--weights FILE] --input X --target T --output G.npz: the design's
// loss on one batch and every gradient, without an update. Keys: loss,
// input.grad, <name>.grad — what loss.backward() leaves in PyTorch. DESIGN may be
// a project, whose trained weights are used unless --weights replaces them.
// Arrays have the design's dtype (--dtype overrides it).
int runGrad(const QStringList& args) {
    QCommandLineParser parser;
    addModelOptions(parser);
    parser.addOption({"input", ".npy of shape (*, in_features)", "X"});
    parser.addOption({"target", ".npy: (*, out_features), or (*) class indices", "T"});
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
        auto loss = nn::makeLoss<T>(design.loss, design.lossOptions);

        const data::NpyArray x = io::readArray(inputPath, "x");
        const data::NpyArray t = io::readArray(targetPath, "y");
        const nn::Matrix<T> input = matrixFromArray<T>(x, inputPath.toStdString());
        nn::checkShapes(nn::Shape(x.shape.begin(), x.shape.end()), design.layers);
        nn::Matrix<T> target;
        if (loss->classification()) {
            // Class indices have the input's leading dims: (*) for an input (*, F).
            const nn::Shape lead(x.shape.begin(), x.shape.end() - 1);
            if (nn::Shape(t.shape.begin(), t.shape.end()) != lead &&
                !(lead.empty() && t.shape.empty()))
                throw std::invalid_argument(targetPath.toStdString() + ": class indices of shape " +
                                            nn::shapeString({t.shape.begin(), t.shape.end()}) +
                                            " do not match the input's batch shape " +
                                            nn::shapeString(lead));
            target.resize(t.numel(), 1);
            for (nn::Index i = 0; i < t.numel(); ++i)
                target(i, 0) = static_cast<T>(t.valueAt(i));
        } else {
            target = matrixFromArray<T>(t, targetPath.toStdString());
        }

        network->zeroGrad();
        const nn::Matrix<T>& y = network->forward(input);
        nn::Matrix<T> gradOutput;
        const T value = loss->forwardBackward(y, target, gradOutput);
        const nn::Matrix<T>& gradInput = network->backward(gradOutput, /*inputGrad=*/true);

        std::vector<std::pair<std::string, data::NpyArray>> arrays;
        arrays.push_back(
            {"loss", data::NpyArray::fromDoubles(std::is_same_v<T, double> ? "<f8" : "<f4", {},
                                                 {static_cast<double>(value)})});
        arrays.push_back(
            {"input.grad", arrayFromMatrix(gradInput, nn::Shape(x.shape.begin(), x.shape.end()))});
        for (auto& p : network->namedParameters())
            arrays.push_back(
                {p.name + ".grad", arrayFromMatrix(p.parameter->grad, p.parameter->shape)});
        io::writeArrays(outputPath, arrays);
        std::cout << "loss " << value << "; wrote " << arrays.size() << " arrays to "
                  << outputPath.toStdString() << "\n";
        return 0;
    });
}

}  // namespace linearlab::cli
