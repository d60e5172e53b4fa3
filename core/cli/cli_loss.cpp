#include "core/cli/cli_loss.h"

#include "core/nn/loss_factory.h"

#include <iostream>
#include <sstream>
#include <type_traits>

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

template <typename T>
nn::ShapedLossResult<T> designLoss(const train::Design& design, const nn::Shape& outputShape,
                                   const nn::Matrix<T>& output, const data::NpyArray& target,
                                   const std::string& targetName, bool withGradient) {
    auto loss = nn::makeLoss<T>(design.loss, design.lossOptions);
    nn::LossTarget<T> t;
    t.shape.assign(target.shape.begin(), target.shape.end());
    t.scalarType = torchScalarType(target);
    t.values.resize(static_cast<size_t>(target.numel()));
    for (nn::Index i = 0; i < target.numel(); ++i)
        t.values[static_cast<size_t>(i)] = target.isInteger() ? static_cast<T>(target.intAt(i))
                                                              : static_cast<T>(target.valueAt(i));
    nn::ShapedLossResult<T> result;
    try {
        result = nn::shapedLoss(*loss, outputShape, output, t, withGradient);
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(targetName + ": " + e.what());
    }
    if (!result.warning.empty())
        std::cerr << "UserWarning: " << result.warning << "\n";
    return result;
}

template <typename T>
std::string lossSummary(const nn::ShapedLossResult<T>& loss) {
    if (!loss.shape.empty())
        return "loss of shape " + nn::shapeString(loss.shape);
    std::ostringstream out;
    out << "loss " << loss.values.at(0);
    return out.str();
}

template <typename T>
data::NpyArray lossArray(const nn::ShapedLossResult<T>& loss) {
    return data::NpyArray::fromDoubles(std::is_same_v<T, double> ? "<f8" : "<f4", loss.shape,
                                       std::vector<double>(loss.values.begin(), loss.values.end()));
}

template nn::ShapedLossResult<float> designLoss<float>(const train::Design&, const nn::Shape&,
                                                       const nn::Matrix<float>&,
                                                       const data::NpyArray&, const std::string&,
                                                       bool);
template nn::ShapedLossResult<double> designLoss<double>(const train::Design&, const nn::Shape&,
                                                         const nn::Matrix<double>&,
                                                         const data::NpyArray&, const std::string&,
                                                         bool);
template std::string lossSummary<float>(const nn::ShapedLossResult<float>&);
template std::string lossSummary<double>(const nn::ShapedLossResult<double>&);
template data::NpyArray lossArray<float>(const nn::ShapedLossResult<float>&);
template data::NpyArray lossArray<double>(const nn::ShapedLossResult<double>&);

}  // namespace linearlab::cli
