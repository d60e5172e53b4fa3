#include "core/nn/layer_spec.h"

#include <algorithm>

namespace linearlab::nn {

std::string SecondInput::toString() const {
    switch (kind) {
        case Kind::Previous:
            return "previous";
        case Kind::Input:
            return "input";
        case Kind::Node:
            return std::to_string(node);
    }
    return "previous";
}

bool InitSpec::operator==(const InitSpec& o) const {
    return scheme == o.scheme && gain == o.gain && a == o.a && b == o.b && mode == o.mode &&
           nonlinearity == o.nonlinearity && mean == o.mean && std == o.std && val == o.val;
}

const std::vector<std::string>& layerTypes() {
    static const std::vector<std::string> types{"Linear", "Bilinear", "LazyLinear", "Identity",
                                                "NonDynamicallyQuantizableLinear"};
    return types;
}

const std::vector<std::string>& activationTypes() {
    static const std::vector<std::string> types{"ReLU", "LeakyReLU", "Tanh",    "Sigmoid",
                                                "GELU", "SiLU",      "Softplus"};
    return types;
}

const std::vector<std::string>& initSchemes() {
    static const std::vector<std::string> schemes{
        "default",         "uniform_",      "normal_",         "constant_",      "zeros_",
        "ones_",           "eye_",          "xavier_uniform_", "xavier_normal_", "kaiming_uniform_",
        "kaiming_normal_", "trunc_normal_", "orthogonal_"};
    return schemes;
}

bool LayerSpec::hasParameters() const {
    return type == "Linear" || type == "Bilinear" || type == "LazyLinear" ||
           type == "NonDynamicallyQuantizableLinear";
}

bool LayerSpec::isActivation() const {
    const auto& acts = activationTypes();
    return std::find(acts.begin(), acts.end(), type) != acts.end();
}

bool LayerSpec::operator==(const LayerSpec& o) const {
    return type == o.type && in_features == o.in_features && out_features == o.out_features &&
           in1_features == o.in1_features && in2_features == o.in2_features && bias == o.bias &&
           negative_slope == o.negative_slope && beta == o.beta && threshold == o.threshold &&
           input2 == o.input2 && init == o.init;
}

}  // namespace linearlab::nn
