#include "core/nn/linear.h"

#include "core/nn/gemm.h"
#include "core/nn/init.h"
#include "core/nn/python_format.h"

#include <cmath>
#include <stdexcept>

namespace linearlab::nn {

namespace {

// reset_parameters' call: kaiming_uniform_(self.weight, a=math.sqrt(5)).
const double kResetA = std::sqrt(5.0);
const char* const kResetMode = "fan_in";
const char* const kResetNonlinearity = "leaky_relu";

double biasBound(Index fanIn) {
    return fanIn > 0 ? 1 / std::sqrt(static_cast<double>(fanIn)) : 0;
}

}  // namespace

InitDistribution linearResetInit(const std::string& param, const Shape& weightShape) {
    const Index fanIn = init::calculateFanInAndFanOut(weightShape).first;
    const std::string fan = std::to_string(fanIn);
    InitDistribution d;
    if (param == "weight") {
        const double bound = fanIn > 0 ? init::kaimingUniformBound(weightShape, kResetA, kResetMode,
                                                                   kResetNonlinearity)
                                       : 0;
        d.low = -bound;
        d.high = bound;
        d.call = "init.kaiming_uniform_(self.weight, a=math.sqrt(5))";
        d.formula = "gain = √(2/(1+a²)) = √(1/3), bound = gain·√(3/fan_in) = 1/√fan_in = 1/√" +
                    fan + " = " + initNumber(bound);
    } else if (param == "bias") {
        const double bound = biasBound(fanIn);
        d.low = -bound;
        d.high = bound;
        d.call = "init.uniform_(self.bias, -bound, bound)";
        d.formula = "bound = 1/√fan_in = 1/√" + fan + " = " + initNumber(bound);
    } else {
        throw std::invalid_argument("Linear has no parameter '" + param + "'");
    }
    return d;
}

template <typename T>
Linear<T>::Linear(const LinearOptions& options, Generator& gen) : m_options(options) {
    reset();
    resetParameters(gen);
}

template <typename T>
void Linear<T>::reset() {
    m_weight = Parameter<T>({outFeatures(), inFeatures()});  // throws for negative sizes
    m_bias = hasBias() ? Parameter<T>({outFeatures()}) : Parameter<T>();
}

template <typename T>
void Linear<T>::resetParameters(Generator& gen) {
    // Setting a=sqrt(5) in kaiming_uniform is the same as U(-1/sqrt(in), 1/sqrt(in)).
    init::kaiming_uniform_(m_weight, kResetA, kResetMode, kResetNonlinearity, gen);
    if (hasBias()) {
        const Index fanIn = init::calculateFanInAndFanOut(m_weight.shape).first;
        const double bound = biasBound(fanIn);
        init::uniform_(m_bias, -bound, bound, gen);
    }
}

template <typename T>
std::string Linear<T>::repr() const {
    return linearRepr(typeName(), inFeatures(), outFeatures(), hasBias());
}

template <typename T>
std::vector<NamedParameter<T>> Linear<T>::namedParameters() {
    std::vector<NamedParameter<T>> params{{"weight", &m_weight}};
    if (hasBias())
        params.push_back({"bias", &m_bias});
    return params;
}

std::string linearRepr(const std::string& typeName, Index in_features, Index out_features,
                       bool bias) {
    return typeName + "(in_features=" + std::to_string(in_features) +
           ", out_features=" + std::to_string(out_features) + ", bias=" + pythonBool(bias) + ")";
}

Shape linearOutputShape(Index in_features, Index out_features, const Shape& input) {
    if (input.empty())
        throw std::invalid_argument(
            "both arguments to matmul need to be at least 1D, but they are 0D and 2D");
    if (input.back() != in_features) {
        // matmul folds the leading dims into rows; a 1-D input is one row.
        const Index rows = numel(Shape(input.begin(), input.end() - 1));
        throw std::invalid_argument("mat1 and mat2 shapes cannot be multiplied (" +
                                    std::to_string(rows) + "x" + std::to_string(input.back()) +
                                    " and " + std::to_string(in_features) + "x" +
                                    std::to_string(out_features) + ")");
    }
    Shape out = input;
    out.back() = out_features;
    return out;
}

template <typename T>
Shape Linear<T>::outputShape(const Shape& input) const {
    return linearOutputShape(inFeatures(), outFeatures(), input);
}

template <typename T>
void Linear<T>::forward(const Matrix<T>& x, Matrix<T>& y) {
    // Linear term y = x W^T + b
    timesTransposed(x, m_weight.value, y);
    if (hasBias())
        y.rowwise() += m_bias.value.row(0);
}

template <typename T>
void Linear<T>::backward(const Matrix<T>& x, const Matrix<T>& /*y*/, const Matrix<T>& gradY,
                         Matrix<T>* gradX) {
    // dW = gY^T x, db = sum over rows of gY, dx = gY W
    addTransposedTimes(gradY, x, m_weight.grad);
    if (hasBias() && x.rows() > 0)
        m_bias.grad.row(0) += gradY.colwise().sum();
    if (gradX)
        times(gradY, m_weight.value, *gradX);
}

template class Linear<float>;
template class Linear<double>;
template class NonDynamicallyQuantizableLinear<float>;
template class NonDynamicallyQuantizableLinear<double>;

}  // namespace linearlab::nn
