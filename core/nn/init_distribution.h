#pragma once
// What a parameter's initial values are drawn from, and how torch.nn.init
// arrives at its bound or std, for the views that explain an init. The numbers
// come from the functions the fills themselves call (init.h, each module's
// reset_parameters), so they are the ones the values were drawn with.
#include "core/nn/layer_spec.h"
#include "core/nn/tensor.h"

#include <string>

namespace linearlab::nn {

struct InitDistribution {
    enum class Kind { Uniform, Normal, TruncatedNormal, Constant, Eye, Orthogonal };
    Kind kind = Kind::Uniform;
    double low = 0, high = 0;  ///< Uniform: U(low, high); TruncatedNormal: its cut-offs
    double mean = 0, std = 0;  ///< Normal; TruncatedNormal before the cut
    double value = 0;          ///< Constant
    /// The call as PyTorch's code makes it: "init.kaiming_uniform_(self.weight, a=math.sqrt(5))".
    std::string call;
    /// How the bound or std follows from the shape, with the numbers:
    /// "bound = 1/√fan_in = 1/√20 = 0.2236".
    std::string formula;
};

/// A number as the formulas print it: 4 significant digits ("0.2236").
std::string initNumber(double v);

/// The draw of parameter `param` ("weight", "bias") of node `spec`, whose weight
/// has `weightShape` (PyTorch's, (out_features, in_features) for Linear), under
/// `scheme`: the node's own init or the design's ("default": reset_parameters).
/// Throws std::invalid_argument for a layer without parameters.
InitDistribution parameterInit(const LayerSpec& spec, const std::string& param,
                               const Shape& weightShape, const InitSpec& scheme);

}  // namespace linearlab::nn
