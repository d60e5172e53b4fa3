#include "core/cli/cli_loss.h"

#include "core/nn/loss_factory.h"

#include <iostream>
#include <sstream>

namespace linearlab::cli {

std::string torchScalarType(const data::NpyArray& array) {
    const std::string code = array.dtype.size() > 1 ? array.dtype.substr(1) : array.dtype;
    if (code == "f4")
        return "Float";
    if (code == "f8")
        return "Double";
    if (code == "f2")
        return "Half";
    if (code == "i8")
        return "Long";
    if (code == "i4")
        return "Int";
    if (code == "i2")
        return "Short";
    if (code == "i1")
        return "Char";
    if (code == "u1")
        return "Byte";
    if (code == "b1")
        return "Bool";
    return array.dtype;
}

nn::ShapedLossResult<float> designLoss(const train::Design& design, const nn::Shape& outputShape,
                                       const nn::Matrix<float>& output,
                                       const data::NpyArray& target, const std::string& targetName,
                                       bool withGradient) {
    auto loss = nn::makeLoss<float>(design.loss, design.lossOptions);
    nn::LossTarget<float> t;
    t.shape.assign(target.shape.begin(), target.shape.end());
    t.scalarType = torchScalarType(target);
    t.values.resize(static_cast<size_t>(target.numel()));
    for (nn::Index i = 0; i < target.numel(); ++i)
        t.values[static_cast<size_t>(i)] = target.isInteger()
                                               ? static_cast<float>(target.intAt(i))
                                               : static_cast<float>(target.valueAt(i));
    nn::ShapedLossResult<float> result;
    try {
        result = nn::shapedLoss(*loss, outputShape, output, t, withGradient);
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(targetName + ": " + e.what());
    }
    if (!result.warning.empty())
        std::cerr << "UserWarning: " << result.warning << "\n";
    return result;
}

std::string lossSummary(const nn::ShapedLossResult<float>& loss) {
    if (!loss.shape.empty())
        return "loss of shape " + nn::shapeString(loss.shape);
    std::ostringstream out;
    out << "loss " << loss.values.at(0);
    return out.str();
}

}  // namespace linearlab::cli
