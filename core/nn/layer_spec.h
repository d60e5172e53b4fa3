#pragma once
// A node of a design as the design file states it, before any module exists:
// the PyTorch type name and its keyword arguments.
#include "core/nn/python_format.h"
#include "core/nn/tensor.h"

#include <map>
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
    bool operator!=(const SecondInput& o) const { return !(*this == o); }
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
    bool operator!=(const InitSpec& o) const { return !(*this == o); }
};

/// One node of a design: a layer type from the layer table and its keywords.
struct LayerSpec {
    std::string type;  ///< "Linear", "Bilinear", "LazyLinear", "Identity", "ReLU", ...
    Index in_features = 0;
    Index out_features = 0;
    Index in1_features = 0;
    Index in2_features = 0;
    Index num_parameters = 1;  ///< PReLU
    bool bias = true;
    /// Real-valued keywords by PyTorch's name ("negative_slope", "beta"); one that is
    /// absent takes the layer table's default, so {} and the defaults compare equal.
    std::map<std::string, double> options{};
    /// How the design spells a real keyword it sets: true for an int ("beta": 2),
    /// false for a float (2.0), as PyTorch's repr prints them. A keyword not
    /// listed takes its default's spelling (Softplus's beta=1 is an int).
    std::map<std::string, bool> integerSpelling{};
    /// String-choice keywords by name (GELU's "approximate"); an absent one takes
    /// the table's default.
    std::map<std::string, std::string> choices{};
    SecondInput input2{};            ///< Bilinear only
    std::optional<InitSpec> init{};  ///< overrides the design's weight init for this node

    /// The value of real keyword `name`: as set, or the table's default. Throws
    /// std::invalid_argument when the type takes no such keyword.
    double option(const std::string& name) const;
    /// The value of real keyword `name` with its spelling, for reprs and code.
    PythonNumber number(const std::string& name) const;
    /// Sets real keyword `name` as spelled.
    void setNumber(const std::string& name, const PythonNumber& value);
    /// The value of string-choice keyword `name`: as set, or the table's default.
    /// Throws std::invalid_argument when the type takes no such keyword.
    std::string choice(const std::string& name) const;
    bool hasParameters() const;
    /// The layer's weight takes the design's init scheme (or its own); PReLU's
    /// slopes keep their `init`.
    bool takesInitScheme() const;
    bool isActivation() const;
    bool operator==(const LayerSpec& o) const;
    bool operator!=(const LayerSpec& o) const { return !(*this == o); }
};

/// The names the layer table holds, in menu order: the linear family, then the
/// activations.
std::vector<std::string> layerTypes();
std::vector<std::string> activationTypes();
const std::vector<std::string>& initSchemes();

}  // namespace linearlab::nn
