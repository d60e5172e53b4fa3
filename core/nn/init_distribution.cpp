#include "core/nn/init_distribution.h"

#include "core/nn/init.h"
#include "core/nn/layer_table.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace linearlab::nn {

std::string initNumber(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", v);
    return text;
}

namespace {

using Kind = InitDistribution::Kind;

InitDistribution uniform(double low, double high, std::string call, std::string formula) {
    InitDistribution d;
    d.low = low;
    d.high = high;
    d.call = std::move(call);
    d.formula = std::move(formula);
    return d;
}

InitDistribution normal(double mean, double std, std::string call, std::string formula) {
    InitDistribution d;
    d.kind = Kind::Normal;
    d.mean = mean;
    d.std = std;
    d.call = std::move(call);
    d.formula = std::move(formula);
    return d;
}

InitDistribution constant(double value, std::string call) {
    InitDistribution d;
    d.kind = Kind::Constant;
    d.value = value;
    d.call = std::move(call);
    d.formula = "every value = " + initNumber(value);
    return d;
}

std::string fanText(const Shape& shape, const std::string& mode) {
    const auto [fanIn, fanOut] = init::calculateFanInAndFanOut(shape);
    return mode + " = " + std::to_string(mode == "fan_in" ? fanIn : fanOut);
}

/// A torch.nn.init scheme the design chose for a weight.
InitDistribution schemeInit(const InitSpec& s, const Shape& shape) {
    const std::string& k = s.scheme;
    const std::string w = "init." + k + "(weight";
    if (k == "uniform_") {
        const double a = s.a.value_or(0.0), b = s.b.value_or(1.0);
        return uniform(a, b, w + ", a=" + initNumber(a) + ", b=" + initNumber(b) + ")",
                       "U(a, b) as given");
    }
    if (k == "normal_")
        return normal(s.mean, s.std,
                      w + ", mean=" + initNumber(s.mean) + ", std=" + initNumber(s.std) + ")",
                      "N(mean, std²) as given");
    if (k == "constant_")
        return constant(s.val, w + ", val=" + initNumber(s.val) + ")");
    if (k == "zeros_")
        return constant(0, w + ")");
    if (k == "ones_")
        return constant(1, w + ")");
    if (k == "eye_") {
        InitDistribution d = constant(0, w + ")");
        d.kind = Kind::Eye;
        d.formula = "1 on the diagonal, 0 elsewhere";
        return d;
    }
    const auto [fanIn, fanOut] = init::calculateFanInAndFanOut(shape);
    const std::string fans =
        "fan_in = " + std::to_string(fanIn) + ", fan_out = " + std::to_string(fanOut);
    if (k == "xavier_uniform_") {
        const double bound = std::sqrt(3.0) * init::xavierStd(shape, s.gain);
        return uniform(-bound, bound, w + ", gain=" + initNumber(s.gain) + ")",
                       fans + ", bound = gain·√(6/(fan_in+fan_out)) = " + initNumber(bound));
    }
    if (k == "xavier_normal_") {
        const double std = init::xavierStd(shape, s.gain);
        return normal(0, std, w + ", gain=" + initNumber(s.gain) + ")",
                      fans + ", std = gain·√(2/(fan_in+fan_out)) = " + initNumber(std));
    }
    const double a = s.a.value_or(0.0);
    const std::string kaimingArgs =
        ", a=" + initNumber(a) + ", mode='" + s.mode + "', nonlinearity='" + s.nonlinearity + "')";
    if (k == "kaiming_uniform_" || k == "kaiming_normal_") {
        const double gain = init::calculateGain(s.nonlinearity, a);
        const std::string start = fanText(shape, s.mode) + ", gain = calculate_gain('" +
                                  s.nonlinearity + "', " + initNumber(a) +
                                  ") = " + initNumber(gain);
        if (k == "kaiming_uniform_") {
            const double bound = init::kaimingUniformBound(shape, a, s.mode, s.nonlinearity);
            return uniform(-bound, bound, w + kaimingArgs,
                           start + ", bound = gain·√(3/fan) = " + initNumber(bound));
        }
        const double std = init::kaimingNormalStd(shape, a, s.mode, s.nonlinearity);
        return normal(0, std, w + kaimingArgs, start + ", std = gain/√fan = " + initNumber(std));
    }
    if (k == "trunc_normal_") {
        InitDistribution d = normal(
            s.mean, s.std,
            w + ", mean=" + initNumber(s.mean) + ", std=" + initNumber(s.std) +
                ", a=" + initNumber(s.a.value_or(-2)) + ", b=" + initNumber(s.b.value_or(2)) + ")",
            "N(mean, std²) cut to [a, b]");
        d.kind = Kind::TruncatedNormal;
        d.low = s.a.value_or(-2.0);
        d.high = s.b.value_or(2.0);
        return d;
    }
    if (k == "orthogonal_") {
        InitDistribution d = constant(0, w + ", gain=" + initNumber(s.gain) + ")");
        d.kind = Kind::Orthogonal;
        d.value = s.gain;
        d.formula = "orthonormal rows (or columns) from a QR, times gain = " + initNumber(s.gain);
        return d;
    }
    throw std::invalid_argument("unknown init scheme '" + k + "'");
}

}  // namespace

InitDistribution parameterInit(const LayerSpec& spec, const std::string& param,
                               const Shape& weightShape, const InitSpec& scheme) {
    const LayerType& type = layerType(spec.type);
    if (!type.resetInit)
        throw std::invalid_argument(spec.type + " has no parameters");
    // As Network::applyInit: a chosen scheme replaces the weight's draw only.
    if (param == "weight" && scheme.scheme != "default" && type.takesInitScheme)
        return schemeInit(scheme, weightShape);
    return type.resetInit(spec, param, weightShape);
}

}  // namespace linearlab::nn
