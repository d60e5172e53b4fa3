#pragma once
// A node of a design as the design file states it, before any module exists:
// the PyTorch type name and its keyword arguments.
#include "core/nn/tensor.h"

#include <optional>
#include <string>

namespace linearlab::nn {

/// Where a Bilinear node's second input comes from.
struct SecondInput {
    enum class Kind { Previous, Input, Node };
    Kind kind = Kind::Previous;
    Index node = -1;  ///< for Kind::Node: an earlier node's index

    static SecondInput previous() { return {}; }
    static SecondInput input() { return {Kind::Input, -1}; }
    static SecondInput fromNode(Index i) { return {Kind::Node, i}; }
    /// "previous", "input" or the node index, as the design file writes it.
    std::string toString() const;
    bool operator==(const SecondInput& o) const { return kind == o.kind && node == o.node; }
};

/// A weight initialisation scheme: "default" (the layer's reset_parameters) or a
/// torch.nn.init function name with its arguments, e.g. "xavier_uniform_".
struct InitSpec {
    std::string scheme = "default";
    double gain = 1.0;  ///< xavier_*, orthogonal_
    /// kaiming_*: negative slope (0); uniform_: bounds (0, 1); trunc_normal_: cut-offs (-2, 2).
    std::optional<double> a, b;
    std::string mode = "fan_in";              ///< kaiming_*
    std::string nonlinearity = "leaky_relu";  ///< kaiming_*
    double mean = 0.0, std = 1.0;             ///< normal_, trunc_normal_
    double val = 0.0;                         ///< constant_
    bool operator==(const InitSpec& o) const;
};

/// Every type a node can be: the linear family and the activations.
struct LayerSpec {
    std::string type;  ///< "Linear", "Bilinear", "LazyLinear", "Identity", "ReLU", ...
    Index in_features = 0;
    Index out_features = 0;
    Index in1_features = 0;
    Index in2_features = 0;
    bool bias = true;
    double negative_slope = 0.01;  ///< LeakyReLU
    double beta = 1.0;             ///< Softplus
    double threshold = 20.0;       ///< Softplus
    SecondInput input2;            ///< Bilinear only
    std::optional<InitSpec> init;  ///< overrides the design's weight init for this node

    bool hasParameters() const;
    bool isActivation() const;
    bool operator==(const LayerSpec& o) const;
};

/// The types a design may name, in menu order.
const std::vector<std::string>& layerTypes();
const std::vector<std::string>& activationTypes();
const std::vector<std::string>& initSchemes();

}  // namespace linearlab::nn
