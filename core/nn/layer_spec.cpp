#include "core/nn/layer_spec.h"

#include "core/nn/layer_table.h"

#include <stdexcept>

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

namespace {

std::vector<std::string> typeNames(bool activations) {
    std::vector<std::string> names;
    for (const auto& t : layerTable())
        if (t.isActivation == activations)
            names.push_back(t.name);
    return names;
}

}  // namespace

std::vector<std::string> layerTypes() {
    return typeNames(false);
}

std::vector<std::string> activationTypes() {
    return typeNames(true);
}

const std::vector<std::string>& initSchemes() {
    static const std::vector<std::string> schemes{
        "default",         "uniform_",      "normal_",         "constant_",      "zeros_",
        "ones_",           "eye_",          "xavier_uniform_", "xavier_normal_", "kaiming_uniform_",
        "kaiming_normal_", "trunc_normal_", "orthogonal_"};
    return schemes;
}

double LayerSpec::option(const std::string& name) const {
    const LayerKeyword* k = layerType(type).keyword(name);
    if (!k || k->kind != KeywordKind::Real)
        throw std::invalid_argument(type + " takes no keyword '" + name + "'");
    const auto it = options.find(name);
    return it == options.end() ? k->defaultValue : it->second;
}

PythonNumber LayerSpec::number(const std::string& name) const {
    const double value = option(name);
    const auto spelled = integerSpelling.find(name);
    const bool integer = spelled != integerSpelling.end()
                             ? spelled->second
                             : layerType(type).keyword(name)->integerDefault;
    return {value, integer};
}

void LayerSpec::setNumber(const std::string& name, const PythonNumber& value) {
    options[name] = value.value;
    integerSpelling[name] = value.isInteger;
}

std::string LayerSpec::choice(const std::string& name) const {
    const LayerKeyword* k = layerType(type).keyword(name);
    if (!k || k->kind != KeywordKind::Choice)
        throw std::invalid_argument(type + " takes no keyword '" + name + "'");
    const auto it = choices.find(name);
    return it == choices.end() ? k->defaultChoice : it->second;
}

bool LayerSpec::hasParameters() const {
    const LayerType* t = findLayerType(type);
    return t && t->hasParameters;
}

bool LayerSpec::takesInitScheme() const {
    const LayerType* t = findLayerType(type);
    return t && t->takesInitScheme;
}

bool LayerSpec::isActivation() const {
    const LayerType* t = findLayerType(type);
    return t && t->isActivation;
}

bool LayerSpec::operator==(const LayerSpec& o) const {
    if (type != o.type || in_features != o.in_features || out_features != o.out_features ||
        in1_features != o.in1_features || in2_features != o.in2_features ||
        num_parameters != o.num_parameters || bias != o.bias || input2 != o.input2 ||
        init != o.init)
        return false;
    // Keywords compare by value (and a number by its spelling, which its repr
    // shows), an absent one as its default.
    const LayerType* t = findLayerType(type);
    if (!t)
        return options == o.options && choices == o.choices;
    for (const auto& k : t->keywords) {
        if (k.kind == KeywordKind::Real && number(k.name) != o.number(k.name))
            return false;
        if (k.kind == KeywordKind::Choice && choice(k.name) != o.choice(k.name))
            return false;
    }
    return true;
}

}  // namespace linearlab::nn
